using System.Text;
using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation.Operators;

/// <summary>
/// SERVICE: sends the group to the endpoint through <see cref="QueryOptions.ServiceResolver"/>, with the
/// input's bindings of the group's variables shipped as a VALUES block (a bind join), and joins the
/// answers with the input. SILENT turns any failure into the empty-join identity (the input passes on
/// unchanged), as the specification says. Without a resolver, federation is off.
/// </summary>
internal sealed class ServiceNode(bool silent, Term? endpoint, int endpointSlot, string display, string? queryText, (string Name, int Slot)[] variables) : PlanNode
{
    public override string Name => "Service";

    public override string? Detail => display + (silent ? " (silent)" : "");

    public bool HasFixedEndpoint => endpoint is not null;

    protected override IEnumerable<Term?[]> Run(Term?[] input, EvaluationContext ctx) => RunBatch([input], ctx);

    /// <summary>Evaluates the pattern once for a batch of input solutions (one request).</summary>
    public IEnumerable<Term?[]> RunBatch(IReadOnlyList<Term?[]> inputs, EvaluationContext ctx)
    {
        if (silent) return Silent(inputs, ctx);
        return Joined(inputs, Fetch(inputs, ctx), ctx);
    }

    private IEnumerable<Term?[]> Silent(IReadOnlyList<Term?[]> inputs, EvaluationContext ctx)
    {
        List<Term?[]> answers;
        try
        {
            answers = Fetch(inputs, ctx).ToList();
        }
        catch (TripleStoreException e) when (e.ErrorCode is not (ErrorCodes.Canceled or ErrorCodes.QueryTimeout))
        {
            answers = [ctx.NewRow()];
        }
        return Joined(inputs, answers, ctx);
    }

    private IEnumerable<Term?[]> Joined(IReadOnlyList<Term?[]> inputs, IEnumerable<Term?[]> answers, EvaluationContext ctx)
    {
        foreach (var answer in answers)
        {
            ctx.Tick();
            foreach (var input in inputs)
                if (Rows.Compatible(input, answer)) yield return Rows.Merge(input, answer);
        }
    }

    private IEnumerable<Term?[]> Fetch(IReadOnlyList<Term?[]> inputs, EvaluationContext ctx)
    {
        var target = endpoint ?? (endpointSlot >= 0 && inputs.Count == 1 ? inputs[0][endpointSlot] : null);
        if (target is not Iri iri)
            throw new TripleStoreException(ErrorCodes.QueryEvaluation, ErrorKind.QueryEvaluation,
                $"SERVICE {display}: the endpoint is not bound to an IRI.");
        var resolver = ctx.Options.ServiceResolver
            ?? throw new TripleStoreException(ErrorCodes.ServiceNotAllowed, ErrorKind.QueryEvaluation,
                $"SERVICE is not enabled: the store does not send queries to remote endpoints ({iri}). Allow the endpoint in StoreOptions.Federation (Open-TripleStore -FederationAllow), or use SERVICE SILENT to skip the pattern.");
        if (queryText is null)
            throw new TripleStoreException(ErrorCodes.QueryEvaluation, ErrorKind.QueryEvaluation, $"SERVICE {iri}: the pattern has no query text to send.");
        var result = resolver.Select(iri, queryText + Values(inputs), ctx.Options.CancellationToken);
        var map = result.Variables.Select(v => variables.FirstOrDefault(x => x.Name == v) is { Name: not null } x ? x.Slot : -1).ToArray();
        return Convert(result, map, ctx);
    }

    private static IEnumerable<Term?[]> Convert(SolutionSequence result, int[] map, EvaluationContext ctx)
    {
        foreach (var row in result)
        {
            var r = ctx.NewRow();
            for (int i = 0; i < map.Length && i < row.Length; i++) if (map[i] >= 0) r[map[i]] = row[i];
            yield return r;
        }
    }

    /// <summary>A VALUES block with the inputs' distinct bindings of the pattern's variables; empty when none is bound.</summary>
    private string Values(IReadOnlyList<Term?[]> inputs)
    {
        var bound = variables.Where(v => inputs.Any(i => i[v.Slot] is not null && i[v.Slot] is not BlankNode)).ToArray();
        if (bound.Length == 0) return "";
        var rows = new HashSet<string>(StringComparer.Ordinal);
        var text = new StringBuilder("\nVALUES (").Append(string.Join(" ", bound.Select(v => "?" + v.Name))).Append(") {");
        foreach (var input in inputs)
        {
            var row = "(" + string.Join(" ", bound.Select(v => input[v.Slot] is { } t and not BlankNode ? t.ToString() : "UNDEF")) + ")";
            if (rows.Add(row)) text.Append(' ').Append(row);
        }
        return text.Append(" }").ToString();
    }
}
