namespace TripleStore.Sparql.Algebra;

/// <summary>SERVICE: parsed so queries round-trip, but federation is not enabled in the evaluator.</summary>
public sealed record ServicePattern(TermPattern Endpoint, GraphPattern Inner, bool Silent) : GraphPattern
{
    internal override void CollectVariables(Action<string> add) { if (Endpoint.Variable is { } e) add(e); Inner.CollectVariables(add); }
    public override IEnumerable<GraphPattern> Children => new[] { Inner };
    public override string ToString() => $"Service({Endpoint}, {Inner}{(Silent ? ", silent" : "")})";
}
