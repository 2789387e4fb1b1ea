using TripleStore.Dataset;
using TripleStore.Rdf;
using TripleStore.Sparql.Algebra;
using TripleStore.Sparql.Evaluation.Spill;

namespace TripleStore.Sparql.Evaluation;

/// <summary>
/// Evaluates property paths (section 18.4) within one graph. Closures (*, +) walk breadth-first with a
/// visited set, so cycles terminate and each reachable node is reported once per start node.
/// </summary>
internal static class PathEvaluator
{
    /// <summary>
    /// The (subject, object) pairs of the path. With <paramref name="endsFromSolution"/> the given ends
    /// came from other patterns rather than the query text, so a zero-length match requires the term to
    /// be a node of the graph, as evaluating the path on its own and joining would.
    /// </summary>
    public static IEnumerable<(Term Subject, Term Object)> Evaluate(PropertyPath path, Term? s, Term? o, GraphSelector graph, EvaluationContext ctx, bool endsFromSolution)
    {
        if (endsFromSolution && path is ZeroOrOnePath or ZeroOrMorePath)
        {
            bool sOk = s is null || IsNode(s, graph, ctx);
            bool oOk = o is null || IsNode(o, graph, ctx);
            if (!sOk || !oOk)
            {
                // No zero-length match is possible; only a real step can connect the ends.
                var inner = path is ZeroOrOnePath zo ? zo.Inner : ((ZeroOrMorePath)path).Inner;
                return path is ZeroOrOnePath ? Evaluate(inner, s, o, graph, ctx) : Closure(inner, s, o, graph, ctx, includeZero: false);
            }
        }
        return Evaluate(path, s, o, graph, ctx);
    }

    private static bool IsNode(Term t, GraphSelector graph, EvaluationContext ctx) =>
        ctx.Source.Match(t, null, null, graph).Any() || ctx.Source.Match(null, null, t, graph).Any();

    public static IEnumerable<(Term Subject, Term Object)> Evaluate(PropertyPath path, Term? s, Term? o, GraphSelector graph, EvaluationContext ctx)
    {
        switch (path)
        {
            case PredicatePath p:
                return ctx.Source.Match(s, p.Predicate, o, graph).Select(q => { ctx.Tick(); return (q.Subject, q.Object); });
            case InversePath inv:
                return Evaluate(inv.Inner, o, s, graph, ctx).Select(pair => (pair.Object, pair.Subject));
            case SequencePath seq:
                return Sequence(seq, s, o, graph, ctx);
            case AlternativePath alt:
                return Evaluate(alt.First, s, o, graph, ctx).Concat(Evaluate(alt.Second, s, o, graph, ctx));
            case ZeroOrOnePath zo:
                return ZeroOrOne(zo.Inner, s, o, graph, ctx);
            case ZeroOrMorePath zm:
                return Closure(zm.Inner, s, o, graph, ctx, includeZero: true);
            case OneOrMorePath om:
                return Closure(om.Inner, s, o, graph, ctx, includeZero: false);
            case NegatedPropertySet nps:
                return Negated(nps, s, o, graph, ctx);
        }
        throw new NotSupportedException(path.GetType().Name);
    }

    private static IEnumerable<(Term, Term)> Sequence(SequencePath seq, Term? s, Term? o, GraphSelector graph, EvaluationContext ctx)
    {
        if (s is not null || o is null)
        {
            foreach (var (x, m) in Evaluate(seq.First, s, null, graph, ctx))
                foreach (var (_, y) in Evaluate(seq.Second, m, o, graph, ctx))
                    yield return (x, y);
        }
        else
        {
            // Only the object is known: walk from the right so the scan starts selective.
            foreach (var (m, y) in Evaluate(seq.Second, null, o, graph, ctx))
                foreach (var (x, _) in Evaluate(seq.First, null, m, graph, ctx))
                    yield return (x, y);
        }
    }

    private static IEnumerable<(Term, Term)> ZeroOrOne(PropertyPath inner, Term? s, Term? o, GraphSelector graph, EvaluationContext ctx) =>
        SpillingDistinct.Distinct(
                ZeroLength(s, o, graph, ctx).Concat(Evaluate(inner, s, o, graph, ctx)).Select(p => new Term?[] { p.Item1, p.Item2 }),
                ctx, "A property path (?)")
            .Select(p => (p[0]!, p[1]!));

    /// <summary>The zero-length path: every node of the graph to itself, or a given term to itself.</summary>
    private static IEnumerable<(Term, Term)> ZeroLength(Term? s, Term? o, GraphSelector graph, EvaluationContext ctx)
    {
        if (s is not null)
        {
            if (o is null || o.Equals(s)) yield return (s, s);
            yield break;
        }
        if (o is not null)
        {
            yield return (o, o);
            yield break;
        }
        foreach (var n in AllNodes(graph, ctx)) yield return (n, n);
    }

    private static IEnumerable<Term> AllNodes(GraphSelector graph, EvaluationContext ctx) =>
        SpillingDistinct.Distinct(NodeOccurrences(graph, ctx), ctx, "A zero-length property path over all nodes").Select(n => n[0]!);

    private static IEnumerable<Term?[]> NodeOccurrences(GraphSelector graph, EvaluationContext ctx)
    {
        foreach (var q in ctx.Source.Match(null, null, null, graph))
        {
            yield return new[] { q.Subject };
            yield return new[] { q.Object };
        }
    }

    private static IEnumerable<(Term, Term)> Closure(PropertyPath inner, Term? s, Term? o, GraphSelector graph, EvaluationContext ctx, bool includeZero)
    {
        if (s is not null)
        {
            foreach (var reached in Reach(inner, s, forward: true, graph, ctx, includeZero))
                if (o is null || o.Equals(reached)) yield return (s, reached);
            yield break;
        }
        if (o is not null)
        {
            foreach (var reached in Reach(inner, o, forward: false, graph, ctx, includeZero))
                yield return (reached, o);
            yield break;
        }
        foreach (var start in AllNodes(graph, ctx))
            foreach (var reached in Reach(inner, start, forward: true, graph, ctx, includeZero))
                yield return (start, reached);
    }

    private const string ClosureOperator = "A property path closure (* or +)";

    /// <summary>
    /// Breadth-first search from <paramref name="start"/> over one or more steps of the path. Past
    /// <see cref="QueryOptions.MaxRowsInMemory"/> visited nodes it goes on with the visited set on disk
    /// (<see cref="SpilledClosure"/>), or fails when spilling is off.
    /// </summary>
    private static IEnumerable<Term> Reach(PropertyPath inner, Term start, bool forward, GraphSelector graph, EvaluationContext ctx, bool includeZero)
    {
        IEnumerable<Term> Steps(Term node) => forward
            ? Evaluate(inner, node, null, graph, ctx).Select(p => p.Object)
            : Evaluate(inner, null, node, graph, ctx).Select(p => p.Subject);

        var visited = new HashSet<Term>();
        var frontier = new Queue<Term>();
        if (includeZero)
        {
            visited.Add(start);
            yield return start;
        }
        frontier.Enqueue(start);
        var expanded = new HashSet<Term>();
        Term? interrupted = null;
        SpillSpace? space = null;
        while (frontier.Count > 0 && space is null)
        {
            var node = frontier.Dequeue();
            if (!expanded.Add(node)) continue;
            foreach (var next in Steps(node))
            {
                ctx.Tick();
                if (visited.Add(next))
                {
                    yield return next;
                    frontier.Enqueue(next);
                    if (visited.Count > ctx.Options.MaxRowsInMemory)
                    {
                        space = ctx.SpillOrFail(visited.Count, ClosureOperator);
                        interrupted = node;
                        break;
                    }
                }
                else if (!expanded.Contains(next)) frontier.Enqueue(next);
            }
        }
        if (space is null) yield break;
        // The interrupted node is expanded again; successors it already gave are visited and dropped.
        var pending = new List<Term>(frontier.Count + 1) { interrupted! };
        var queued = new HashSet<Term> { interrupted! };
        foreach (var n in frontier) if (!expanded.Contains(n) && queued.Add(n)) pending.Add(n);
        queued.Clear();
        expanded.Clear();
        frontier.Clear();
        foreach (var reached in SpilledClosure.Continue(visited, pending, Steps, space, ctx, ClosureOperator)) yield return reached;
    }


    private static IEnumerable<(Term, Term)> Negated(NegatedPropertySet nps, Term? s, Term? o, GraphSelector graph, EvaluationContext ctx)
    {
        bool forward = nps.Forward.Count > 0 || nps.Inverse.Count == 0;
        if (forward)
        {
            foreach (var q in ctx.Source.Match(s, null, o, graph))
            {
                ctx.Tick();
                if (!nps.Forward.Contains(q.Predicate)) yield return (q.Subject, q.Object);
            }
        }
        if (nps.Inverse.Count > 0)
        {
            foreach (var q in ctx.Source.Match(o, null, s, graph))
            {
                ctx.Tick();
                if (!nps.Inverse.Contains(q.Predicate)) yield return (q.Object, q.Subject);
            }
        }
    }
}
