using System.Diagnostics;
using TripleStore.Dataset;
using TripleStore.Rdf;
using TripleStore.Sparql.Algebra;

namespace TripleStore.Sparql.Update;

/// <summary>
/// Runs SPARQL 1.1 Update requests against an <see cref="IUpdatableDataset"/>, operation by operation:
/// each operation sees the effects of the earlier ones. The first failing operation (unless SILENT)
/// throws; whether earlier changes stay is up to the dataset (the store discards them all).
/// </summary>
public static class UpdateExecutor
{
    public static UpdateResult Execute(string request, IUpdatableDataset dataset, UpdateOptions? options = null) =>
        Execute(SparqlUpdate.Parse(request, options?.BaseIri), dataset, options);

    public static UpdateResult Execute(SparqlUpdate update, IUpdatableDataset dataset, UpdateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(dataset);
        options ??= UpdateOptions.Default;
        if (options.UsingGraphs is not null || options.UsingNamedGraphs is not null)
            foreach (var operation in update.Operations)
                if (operation is ModifyOperation { } m && (m.With is not null || m.Using.Count > 0 || m.UsingNamed.Count > 0))
                    throw new TripleStoreException(ErrorCodes.QuerySyntax, ErrorKind.QuerySyntax,
                        "The request names its dataset with USING, USING NAMED or WITH, and the protocol gave using-graph-uri or using-named-graph-uri too; give one or the other.");
        var clock = Stopwatch.StartNew();
        var counts = new Counts();
        foreach (var operation in update.Operations)
        {
            options.CancellationToken.ThrowIfCancellationRequested();
            switch (operation)
            {
                case InsertDataOperation insert: InsertData(insert, dataset, counts); break;
                case DeleteDataOperation delete: DeleteData(delete, dataset, counts); break;
                case ModifyOperation modify: Modify(modify, dataset, options, counts); break;
                case GraphManagementOperation management: Manage(management, dataset, counts); break;
                case GraphTransferOperation transfer: Transfer(transfer, dataset, counts); break;
                case LoadOperation load: Load(load, dataset, options, counts); break;
                default: throw new NotSupportedException($"Unknown update operation {operation.GetType().Name}.");
            }
        }
        return new UpdateResult(counts.Inserted, counts.Deleted, update.Operations.Count, clock.Elapsed);
    }

    private sealed class Counts
    {
        public long Inserted;
        public long Deleted;

        public void Insert(IUpdatableDataset dataset, Quad quad)
        {
            if (dataset.Insert(quad)) Inserted++;
        }

        public void Delete(IUpdatableDataset dataset, Quad quad)
        {
            if (dataset.Delete(quad)) Deleted++;
        }
    }

    private static void InsertData(InsertDataOperation operation, IUpdatableDataset dataset, Counts counts)
    {
        // Blank nodes of INSERT DATA are new nodes in the store, not ones an earlier request wrote.
        var fresh = new Dictionary<BlankNode, BlankNode>();
        foreach (var template in operation.Data)
            if (Instantiate(template, null, null, fresh) is { } quad) counts.Insert(dataset, quad);
    }

    private static void DeleteData(DeleteDataOperation operation, IUpdatableDataset dataset, Counts counts)
    {
        foreach (var template in operation.Data)
            if (Instantiate(template, null, null, null) is { } quad) counts.Delete(dataset, quad);
    }

    private static void Modify(ModifyOperation operation, IUpdatableDataset dataset, UpdateOptions options, Counts counts)
    {
        var variables = new List<string>(operation.Where.Variables());
        foreach (var template in operation.Delete.Concat(operation.Insert))
            foreach (var position in new[] { template.Subject, template.Predicate, template.Object, template.Graph ?? default })
                if (position.IsVariable && !variables.Contains(position.Variable!)) variables.Add(position.Variable!);

        IQuadSource source = dataset;
        IReadOnlyList<Iri> defaults = operation.Using, named = operation.UsingNamed;
        if (options.UsingGraphs is not null || options.UsingNamedGraphs is not null)
        {
            defaults = options.UsingGraphs ?? [];
            named = options.UsingNamedGraphs ?? [];
        }
        else if (defaults.Count == 0 && named.Count == 0 && operation.With is { } with) source = new WithGraphView(dataset, with);
        var query = new SparqlQuery(QueryForm.Select, operation.Where, variables, defaults, named, null, null, "")
        {
            BaseIri = options.BaseIri,
        };
        var queryOptions = new QueryOptions
        {
            BaseIri = options.BaseIri,
            CancellationToken = options.CancellationToken,
            Timeout = options.Timeout,
            ServiceResolver = options.ServiceResolver,
        };
        // Every solution is found before anything changes: the WHERE clause sees the dataset as it was.
        var rows = ((SolutionSequence)SparqlEngine.Evaluate(query, source, queryOptions)).ToList();
        var slots = variables.Select((v, i) => (v, i)).ToDictionary(x => x.v, x => x.i, StringComparer.Ordinal);

        var deletions = new List<Quad>();
        var insertions = new List<Quad>();
        foreach (var row in rows)
        {
            foreach (var template in operation.Delete)
                if (Instantiate(template, row, slots, null, operation.With) is { } quad) deletions.Add(quad);
            // Template blank nodes are fresh for every solution.
            var fresh = new Dictionary<BlankNode, BlankNode>();
            foreach (var template in operation.Insert)
                if (Instantiate(template, row, slots, fresh, operation.With) is { } quad) insertions.Add(quad);
        }
        foreach (var quad in deletions) counts.Delete(dataset, quad);
        foreach (var quad in insertions) counts.Insert(dataset, quad);
    }

    /// <summary>The quad a template yields for one solution; null when a position is unbound or of the wrong kind.</summary>
    private static Quad? Instantiate(QuadTemplate template, Term?[]? row, Dictionary<string, int>? slots,
        Dictionary<BlankNode, BlankNode>? fresh, Iri? defaultGraph = null)
    {
        var s = Resolve(template.Subject, row, slots, fresh);
        var p = Resolve(template.Predicate, row, slots, fresh);
        var o = Resolve(template.Object, row, slots, fresh);
        var g = template.Graph is { } graph ? Resolve(graph, row, slots, fresh) : defaultGraph;
        if (s is null or Literal || p is not Iri predicate || o is null) return null;
        if (template.Graph is not null && g is not Iri) return null;
        return new Quad(s, predicate, o, g);
    }

    private static Term? Resolve(TermPattern position, Term?[]? row, Dictionary<string, int>? slots, Dictionary<BlankNode, BlankNode>? fresh)
    {
        if (position.IsVariable)
            return row is not null && slots!.TryGetValue(position.Variable!, out var slot) ? row[slot] : null;
        if (position.Term is BlankNode b && fresh is not null)
        {
            if (!fresh.TryGetValue(b, out var n)) fresh[b] = n = BlankNode.CreateUnique();
            return n;
        }
        return position.Term;
    }

    private static void Manage(GraphManagementOperation operation, IUpdatableDataset dataset, Counts counts)
    {
        var target = operation.Target;
        if (operation.Kind == GraphManagementKind.Create)
        {
            if (!dataset.CreateGraph(target.Name!) && !operation.Silent)
                throw Failure($"CREATE GRAPH {target.Name}: the graph already exists (use CREATE SILENT to ignore this).");
            return;
        }
        var selector = target.Kind switch
        {
            GraphTargetKind.Default => GraphSelector.Default,
            GraphTargetKind.Named => GraphSelector.Named(target.Name!),
            GraphTargetKind.AllNamed => GraphSelector.AllNamed,
            _ => GraphSelector.All,
        };
        var graphs = target.Kind switch
        {
            GraphTargetKind.Named => [target.Name!],
            GraphTargetKind.Default => [],
            _ => dataset.NamedGraphs().ToList(),
        };
        foreach (var quad in dataset.Match(null, null, null, selector).ToList()) counts.Delete(dataset, quad);
        if (operation.Kind == GraphManagementKind.Drop)
            foreach (var g in graphs) dataset.ForgetGraph(g);
    }

    private static void Transfer(GraphTransferOperation operation, IUpdatableDataset dataset, Counts counts)
    {
        var (from, to) = (operation.From, operation.To);
        if (from == to) return;
        if (from.Kind == GraphTargetKind.Named && !dataset.ContainsGraph(from.Name!))
        {
            if (operation.Silent) return;
            throw Failure($"{operation.Kind.ToString().ToUpperInvariant()} {from}: the source graph does not exist.");
        }
        var source = dataset.Match(null, null, null, Selector(from)).ToList();
        if (operation.Kind != GraphTransferKind.Add)
            foreach (var quad in dataset.Match(null, null, null, Selector(to)).ToList()) counts.Delete(dataset, quad);
        var target = to.Kind == GraphTargetKind.Named ? to.Name : null;
        foreach (var quad in source) counts.Insert(dataset, quad with { Graph = target });
        if (target is not null) dataset.CreateGraph(target);
        if (operation.Kind == GraphTransferKind.Move)
        {
            foreach (var quad in source) counts.Delete(dataset, quad);
            if (from.Kind == GraphTargetKind.Named) dataset.ForgetGraph(from.Name!);
        }
    }

    private static GraphSelector Selector(GraphTarget target) =>
        target.Kind == GraphTargetKind.Named ? GraphSelector.Named(target.Name!) : GraphSelector.Default;

    private static void Load(LoadOperation operation, IUpdatableDataset dataset, UpdateOptions options, Counts counts)
    {
        List<Quad> quads;
        try
        {
            quads = UpdateLoader.Read(operation.Source, operation.Into, options);
        }
        catch (TripleStoreException) when (operation.Silent)
        {
            return;
        }
        foreach (var quad in quads) counts.Insert(dataset, quad);
        if (operation.Into is { } into) dataset.CreateGraph(into);
    }

    internal static TripleStoreException Failure(string message, Exception? inner = null) =>
        new(ErrorCodes.QueryEvaluation, ErrorKind.QueryEvaluation, message, inner);
}
