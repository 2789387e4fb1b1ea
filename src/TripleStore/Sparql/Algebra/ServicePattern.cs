namespace TripleStore.Sparql.Algebra;

/// <summary>
/// SERVICE: a pattern evaluated at a remote endpoint. <see cref="QueryText"/> is the group as written,
/// with the query's prologue, as a SELECT * query, which is what is sent.
/// </summary>
public sealed record ServicePattern(TermPattern Endpoint, GraphPattern Inner, bool Silent) : GraphPattern
{
    /// <summary>"PREFIX ... SELECT * WHERE { ... }" for the remote endpoint; null when built in code (then SERVICE fails).</summary>
    public string? QueryText { get; init; }

    internal override void CollectVariables(Action<string> add) { if (Endpoint.Variable is { } e) add(e); Inner.CollectVariables(add); }
    public override IEnumerable<GraphPattern> Children => new[] { Inner };
    public override string ToString() => $"Service({Endpoint}, {Inner}{(Silent ? ", silent" : "")})";
}
