using TripleStore.Rdf;

namespace TripleStore.Tests.Reasoning;

/// <summary>
/// A seeded generator of small ontologies and data over a few classes, properties and individuals, dense
/// enough that most OWL 2 RL rules fire (including sameAs merges and list axioms), and of update batches.
/// </summary>
public sealed class RandomOntology
{
    private const string Ex = "http://example.org/";
    private const string Owl = "http://www.w3.org/2002/07/owl#";
    private const string Rdfs = "http://www.w3.org/2000/01/rdf-schema#";
    private readonly Random _random;
    private int _blank;

    public RandomOntology(int seed) => _random = new Random(seed);

    private Iri Class() => new(Ex + "C" + _random.Next(6));
    private Iri Property() => new(Ex + "p" + _random.Next(5));
    private Iri Individual() => new(Ex + "i" + _random.Next(10));
    private static Iri O(string local) => new(Owl + local);
    private static Iri S(string local) => new(Rdfs + local);

    public List<Triple> Schema(int axioms)
    {
        var triples = new List<Triple>();
        for (int n = 0; n < axioms; n++)
        {
            switch (_random.Next(16))
            {
                case 0: case 1: triples.Add(new(Class(), S("subClassOf"), Class())); break;
                case 2: triples.Add(new(Property(), S("subPropertyOf"), Property())); break;
                case 3: triples.Add(new(Property(), S("domain"), Class())); break;
                case 4: triples.Add(new(Property(), S("range"), Class())); break;
                case 5: triples.Add(new(Property(), O("inverseOf"), Property())); break;
                case 6: triples.Add(new(Property(), RdfVocabulary.Type, O(_random.Next(2) == 0 ? "TransitiveProperty" : "SymmetricProperty"))); break;
                case 7: if (_random.Next(3) == 0) triples.Add(new(Property(), RdfVocabulary.Type, O("FunctionalProperty"))); break;
                case 8: triples.Add(new(Class(), O("equivalentClass"), Class())); break;
                case 9: Restriction(triples, "someValuesFrom", Class()); break;
                case 10: Restriction(triples, "allValuesFrom", Class()); break;
                case 11: Restriction(triples, "hasValue", Individual()); break;
                case 12: triples.Add(new(Class(), O("intersectionOf"), List(triples, Class(), Class()))); break;
                case 13: triples.Add(new(Class(), O("unionOf"), List(triples, Class(), Class()))); break;
                case 14: triples.Add(new(Property(), O("propertyChainAxiom"), List(triples, Property(), Property()))); break;
                default: triples.Add(new(Class(), O("disjointWith"), Class())); break;
            }
        }
        return triples;
    }

    private void Restriction(List<Triple> triples, string kind, Term value)
    {
        var restriction = Class();
        triples.Add(new(restriction, O(kind), value));
        triples.Add(new(restriction, O("onProperty"), Property()));
    }

    private BlankNode List(List<Triple> triples, params Term[] items)
    {
        var head = new BlankNode("l" + _blank++);
        var node = head;
        for (int i = 0; i < items.Length; i++)
        {
            triples.Add(new(node, RdfVocabulary.First, items[i]));
            var next = i + 1 < items.Length ? new BlankNode("l" + _blank++) : null;
            triples.Add(new(node, RdfVocabulary.Rest, (Term?)next ?? RdfVocabulary.Nil));
            if (next is not null) node = next;
        }
        return head;
    }

    public Triple DataTriple() => _random.Next(10) switch
    {
        < 4 => new(Individual(), RdfVocabulary.Type, Class()),
        9 when _random.Next(4) == 0 => new(Individual(), O("sameAs"), Individual()),
        _ => new(Individual(), Property(), Individual()),
    };

    public List<Triple> Data(int count) => Enumerable.Range(0, count).Select(_ => DataTriple()).Distinct().ToList();

    /// <summary>An update: some current data triples removed, some new ones added.</summary>
    public (List<Triple> Removals, List<Triple> Additions) Update(IReadOnlyList<Triple> current, int size)
    {
        var removals = current.OrderBy(_ => _random.Next()).Take(_random.Next(size + 1)).ToList();
        var additions = Enumerable.Range(0, _random.Next(size + 1)).Select(_ => DataTriple()).Distinct().ToList();
        return (removals, additions);
    }
}
