using TripleStore.Dataset;
using TripleStore.Rdf;
using TripleStore.Sparql.Algebra;
using TripleStore.Sparql.Evaluation;
using TripleStore.Sparql.Evaluation.Spill;
using TripleStore.Sparql.Expressions;
using TripleStore.Sparql.Optimizer;

namespace TripleStore.Sparql;

/// <summary>
/// Evaluates SPARQL queries over any <see cref="IQuadSource"/>. Results are lazy: solutions are
/// computed as they are read, so the first row comes before the whole result and a LIMIT stops the scans.
/// </summary>
public static class SparqlEngine
{
    /// <summary>Parses and evaluates a query.</summary>
    public static SparqlResult Evaluate(string query, IQuadSource source, QueryOptions? options = null) =>
        Evaluate(SparqlQuery.Parse(query, options?.BaseIri), source, options);

    public static SparqlResult Evaluate(SparqlQuery query, IQuadSource source, QueryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(source);
        options ??= QueryOptions.Default;
        var vars = new VariableTable();
        foreach (var v in query.ResultVariables) vars.Slot(v);
        // Parameter names may be written with their '?' or '$' sigil.
        var parameters = options.Parameters?.ToDictionary(kv => kv.Key.TrimStart('?', '$'), kv => kv.Value ?? throw new ArgumentException($"Parameter '{kv.Key}' has no value.", nameof(options)), StringComparer.Ordinal);
        var inputVariables = new HashSet<string>(StringComparer.Ordinal);
        if (parameters is not null)
            foreach (var name in parameters.Keys) { vars.Slot(name); inputVariables.Add(name); }

        var pattern = AlgebraOptimizer.Optimize(query.Pattern);
        var compiler = new PlanCompiler(vars, parameters);
        var root = compiler.Compile(pattern, inputVariables);
        var template = query.Template?.Select(t => new SlotTriple(ToSlot(t.Subject, vars), ToSlot(t.Predicate, vars), ToSlot(t.Object, vars))).ToArray();
        var describe = query.DescribeTerms?.Select(t => ToSlot(t, vars)).ToArray();

        var dataset = DatasetView.For(source, query, options);
        var functions = new FunctionContext(DateTimeOffset.UtcNow, options.BaseIri ?? query.BaseIri);
        var ctx = new EvaluationContext(dataset, options, vars, functions);
        var seed = ctx.NewRow();
        if (parameters is not null)
            foreach (var (name, value) in parameters) seed[vars.Slot(name)] = value;

        switch (query.Form)
        {
            case QueryForm.Select:
            {
                var slots = query.ResultVariables.Select(vars.Slot).ToArray();
                return new SolutionSequence(query.ResultVariables, () => Project(root.Execute(seed, ctx), slots), root);
            }
            case QueryForm.Ask:
            {
                bool any;
                using (var e = root.Execute(seed, ctx).GetEnumerator()) any = e.MoveNext();
                return new BooleanResult(any, root);
            }
            case QueryForm.Construct:
                return new GraphResult(() => Construct(root.Execute(seed, ctx), template!, ctx), root);
            default:
                return new GraphResult(() => Describe(root.Execute(seed, ctx), describe!, ctx), root);
        }
    }

    /// <summary>Evaluates the query to the end and returns its plan with estimated and actual rows per operator.</summary>
    public static QueryPlan Explain(SparqlQuery query, IQuadSource source, QueryOptions? options = null)
    {
        options = (options ?? QueryOptions.Default) with { CollectStatistics = true };
        var result = Evaluate(query, source, options);
        switch (result)
        {
            case SolutionSequence rows: foreach (var _ in rows) { } break;
            case GraphResult graph: foreach (var _ in graph) { } break;
        }
        return result.Plan!;
    }

    private static SlotTerm ToSlot(TermPattern t, VariableTable vars) =>
        t.IsVariable ? new SlotTerm(null, vars.Slot(t.Variable!)) : new SlotTerm(t.Term, -1);

    private static IEnumerable<Term?[]> Project(IEnumerable<Term?[]> rows, int[] slots)
    {
        foreach (var r in rows)
        {
            var o = new Term?[slots.Length];
            for (int i = 0; i < slots.Length; i++) o[i] = r[slots[i]];
            yield return o;
        }
    }

    private static IEnumerable<Triple> Construct(IEnumerable<Term?[]> rows, SlotTriple[] template, EvaluationContext ctx) =>
        SpillingDistinct.Distinct(Instantiate(rows, template), ctx, "CONSTRUCT")
            .Select(t => new Triple(t[0]!, (Iri)t[1]!, t[2]!));

    private static IEnumerable<Term?[]> Instantiate(IEnumerable<Term?[]> rows, SlotTriple[] template)
    {
        foreach (var row in rows)
        {
            // Template blank nodes are fresh for every solution (section 16.2).
            var fresh = new Dictionary<BlankNode, BlankNode>();
            Term? Instantiate(SlotTerm t)
            {
                var v = t.Resolve(row);
                if (t.IsVariable || v is not BlankNode b) return v;
                if (!fresh.TryGetValue(b, out var n)) fresh[b] = n = BlankNode.CreateUnique();
                return n;
            }
            foreach (var t in template)
            {
                var s = Instantiate(t.Subject);
                var p = Instantiate(t.Predicate);
                var o = Instantiate(t.Object);
                if (s is null || s is Literal || p is not Iri || o is null) continue;
                yield return new[] { s, p, o };
            }
        }
    }

    /// <summary>DESCRIBE as the concise bounded description of each resource in the default graph.</summary>
    private static IEnumerable<Triple> Describe(IEnumerable<Term?[]> rows, SlotTerm[] terms, EvaluationContext ctx)
    {
        var resources = new List<Term>();
        var seenResources = new HashSet<Term>();
        foreach (var t in terms)
            if (!t.IsVariable && seenResources.Add(t.Constant!)) resources.Add(t.Constant!);
        if (terms.Any(t => t.IsVariable) || terms.Length == 0)
        {
            foreach (var row in rows)
            {
                if (terms.Length == 0)
                {
                    foreach (var v in row) if (v is not null and not Literal && seenResources.Add(v)) resources.Add(v);
                }
                else
                {
                    foreach (var t in terms)
                        if (t.IsVariable && row[t.Slot] is { } v and not Literal && seenResources.Add(v)) resources.Add(v);
                }
            }
        }
        return SpillingDistinct.Distinct(Descriptions(resources, ctx), ctx, "DESCRIBE")
            .Select(t => new Triple(t[0]!, (Iri)t[1]!, t[2]!));
    }

    private static IEnumerable<Term?[]> Descriptions(List<Term> resources, EvaluationContext ctx)
    {
        foreach (var resource in resources)
        {
            var visited = new HashSet<Term> { resource };
            var queue = new Queue<Term>();
            queue.Enqueue(resource);
            while (queue.Count > 0)
            {
                var node = queue.Dequeue();
                foreach (var q in ctx.Source.Match(node, null, null, GraphSelector.Default))
                {
                    ctx.Tick();
                    yield return new Term?[] { q.Subject, q.Predicate, q.Object };
                    if (q.Object is BlankNode b && visited.Add(b)) queue.Enqueue(b);
                }
            }
        }
    }
}
