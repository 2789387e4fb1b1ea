namespace TripleStore.Benchmarks.Lubm;

/// <summary>
/// The univ-bench ontology that LUBM data is written against, as Turtle. Load it with the data: most
/// LUBM queries return complete answers only with its subclass, subproperty, inverse, transitivity
/// and class-definition axioms.
/// </summary>
public static class UnivBenchOntology
{
    /// <summary>The ontology IRI.</summary>
    public const string Iri = "http://swat.cse.lehigh.edu/onto/univ-bench.owl";

    private static readonly Lazy<string> Text = new(() => EmbeddedText.Read("TripleStore.Benchmarks.Lubm.univ-bench.ttl"));

    /// <summary>The ontology in Turtle syntax.</summary>
    public static string Turtle => Text.Value;
}
