using TripleStore.Rdf;
using TripleStore.Sparql.Algebra;
using TripleStore.Sparql.Update;

namespace TripleStore.Sparql.Syntax;

/// <summary>The SPARQL 1.1 Update grammar (rules Update to QuadsNotTriples), sharing the query rules.</summary>
internal sealed partial class SparqlParser
{
    // Blank node labels of data blocks seen so far in this request: a label may not be reused by another operation.
    private readonly HashSet<string> _requestBlankLabels = new(StringComparer.Ordinal);

    public SparqlUpdate ParseUpdate()
    {
        var operations = new List<UpdateOperation>();
        while (true)
        {
            Prologue();
            if (_token.Kind == TokenKind.EndOfInput) break;
            operations.Add(Update1());
            if (!AcceptPunct(";")) break;
        }
        if (_token.Kind != TokenKind.EndOfInput) throw Expected("';' or the end of the update request");
        return new SparqlUpdate(operations, _text);
    }

    private UpdateOperation Update1()
    {
        var at = _token;
        if (AcceptWord("LOAD"))
        {
            bool silent = AcceptWord("SILENT");
            var source = ParseIri();
            Iri? into = null;
            if (AcceptWord("INTO"))
            {
                ExpectWord("GRAPH");
                into = ParseIri();
            }
            return new LoadOperation(source, into, silent);
        }
        if (_token.IsWord("CLEAR") || _token.IsWord("DROP"))
        {
            var kind = _token.IsWord("CLEAR") ? GraphManagementKind.Clear : GraphManagementKind.Drop;
            Advance();
            bool silent = AcceptWord("SILENT");
            return new GraphManagementOperation(kind, GraphRefAll(), silent);
        }
        if (AcceptWord("CREATE"))
        {
            bool silent = AcceptWord("SILENT");
            ExpectWord("GRAPH");
            return new GraphManagementOperation(GraphManagementKind.Create, new GraphTarget(GraphTargetKind.Named, ParseIri()), silent);
        }
        if (_token.IsWord("ADD") || _token.IsWord("MOVE") || _token.IsWord("COPY"))
        {
            var kind = _token.IsWord("ADD") ? GraphTransferKind.Add : _token.IsWord("MOVE") ? GraphTransferKind.Move : GraphTransferKind.Copy;
            Advance();
            bool silent = AcceptWord("SILENT");
            var from = GraphOrDefault();
            ExpectWord("TO");
            return new GraphTransferOperation(kind, from, GraphOrDefault(), silent);
        }
        if (_token.IsWord("INSERT") && PeekNext().IsWord("DATA"))
        {
            Advance();
            Advance();
            return new InsertDataOperation(Quads(at, allowVariables: false, allowBlankNodes: true, "INSERT DATA"));
        }
        if (_token.IsWord("DELETE") && PeekNext().IsWord("DATA"))
        {
            Advance();
            Advance();
            return new DeleteDataOperation(Quads(at, allowVariables: false, allowBlankNodes: false, "DELETE DATA"));
        }
        if (_token.IsWord("DELETE") && PeekNext().IsWord("WHERE"))
        {
            Advance();
            Advance();
            var quads = Quads(at, allowVariables: true, allowBlankNodes: false, "DELETE WHERE");
            return new ModifyOperation(null, quads, Array.Empty<QuadTemplate>(), Array.Empty<Iri>(), Array.Empty<Iri>(), PatternOf(quads));
        }
        if (_token.IsWord("WITH") || _token.IsWord("DELETE") || _token.IsWord("INSERT"))
        {
            Iri? with = null;
            if (AcceptWord("WITH")) with = ParseIri();
            IReadOnlyList<QuadTemplate> delete = Array.Empty<QuadTemplate>(), insert = Array.Empty<QuadTemplate>();
            var clauseAt = _token;
            if (AcceptWord("DELETE"))
            {
                delete = Quads(clauseAt, allowVariables: true, allowBlankNodes: false, "a DELETE template");
                clauseAt = _token;
                if (AcceptWord("INSERT")) insert = Quads(clauseAt, allowVariables: true, allowBlankNodes: true, "an INSERT template");
            }
            else
            {
                ExpectWord("INSERT");
                insert = Quads(clauseAt, allowVariables: true, allowBlankNodes: true, "an INSERT template");
            }
            var usingDefault = new List<Iri>();
            var usingNamed = new List<Iri>();
            while (AcceptWord("USING"))
            {
                if (AcceptWord("NAMED")) usingNamed.Add(ParseIri());
                else usingDefault.Add(ParseIri());
            }
            ExpectWord("WHERE");
            var where = GroupGraphPattern();
            return new ModifyOperation(with, delete, insert, usingDefault, usingNamed, where);
        }
        throw Expected("an update operation (INSERT, DELETE, WITH, LOAD, CLEAR, DROP, CREATE, ADD, MOVE or COPY)");
    }

    private GraphTarget GraphRefAll()
    {
        if (AcceptWord("DEFAULT")) return new GraphTarget(GraphTargetKind.Default);
        if (AcceptWord("NAMED")) return new GraphTarget(GraphTargetKind.AllNamed);
        if (AcceptWord("ALL")) return new GraphTarget(GraphTargetKind.All);
        ExpectWord("GRAPH");
        return new GraphTarget(GraphTargetKind.Named, ParseIri());
    }

    private GraphTarget GraphOrDefault()
    {
        if (AcceptWord("DEFAULT")) return new GraphTarget(GraphTargetKind.Default);
        AcceptWord("GRAPH");
        return new GraphTarget(GraphTargetKind.Named, ParseIri());
    }

    /// <summary>QuadData / QuadPattern: triples, and GRAPH blocks of triples, in braces.</summary>
    private List<QuadTemplate> Quads(Token at, bool allowVariables, bool allowBlankNodes, string what)
    {
        ExpectPunct("{");
        var result = new List<QuadTemplate>();
        var labelsBefore = new HashSet<string>(_requestBlankLabels, StringComparer.Ordinal);
        _templateMode = true;
        _templateBlankNodes = new Dictionary<string, BlankNode>(StringComparer.Ordinal);
        try
        {
            while (!_token.IsPunct("}"))
            {
                if (AcceptWord("GRAPH"))
                {
                    var graph = VarOrIri();
                    ExpectPunct("{");
                    TemplateTriples(result, graph);
                    ExpectPunct("}");
                    AcceptPunct(".");
                }
                else if (IsTriplesStart)
                {
                    var items = new List<TripleOrPath>();
                    TriplesSameSubject(items);
                    foreach (var i in items) result.Add(new QuadTemplate(i.Triple!.Subject, i.Triple.Predicate, i.Triple.Object, null));
                    if (!AcceptPunct(".") && !_token.IsPunct("}") && !_token.IsWord("GRAPH")) throw Expected("'.', GRAPH or '}'");
                }
                else throw Expected("a triple, GRAPH or '}'");
            }
            Advance();
        }
        finally
        {
            _templateMode = false;
        }
        foreach (var q in result)
        {
            foreach (var t in new[] { q.Subject, q.Predicate, q.Object, q.Graph ?? default })
            {
                if (!allowVariables && t.IsVariable) throw Error(at, $"variables such as ?{t.Variable} are not allowed in {what}");
                if (!allowBlankNodes && t.Term is BlankNode) throw Error(at, $"blank nodes are not allowed in {what}");
            }
        }
        // Only data blocks (INSERT DATA) share labels across a request; a template's blank nodes are fresh per solution.
        if (allowVariables) return result;
        foreach (var label in _templateBlankNodes.Keys)
        {
            if (labelsBefore.Contains(label))
                throw Error(at, $"the blank node label _:{label} is already used by an earlier operation of this request");
            _requestBlankLabels.Add(label);
        }
        return result;
    }

    private void TemplateTriples(List<QuadTemplate> result, TermPattern graph)
    {
        while (IsTriplesStart)
        {
            var items = new List<TripleOrPath>();
            TriplesSameSubject(items);
            foreach (var i in items) result.Add(new QuadTemplate(i.Triple!.Subject, i.Triple.Predicate, i.Triple.Object, graph));
            if (!AcceptPunct(".")) break;
        }
    }

    /// <summary>The WHERE pattern of DELETE WHERE: the template itself, per graph.</summary>
    private static GraphPattern PatternOf(List<QuadTemplate> quads)
    {
        GraphPattern? pattern = null;
        foreach (var group in quads.GroupBy(q => q.Graph))
        {
            GraphPattern bgp = new BgpPattern(group.Select(q => new TriplePattern(q.Subject, q.Predicate, q.Object)).ToList());
            if (group.Key is { } g) bgp = new NamedGraphPattern(g, bgp);
            pattern = pattern is null ? bgp : new JoinPattern(pattern, bgp);
        }
        return pattern ?? BgpPattern.Empty;
    }
}
