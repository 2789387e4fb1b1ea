using TripleStore.Dataset;
using TripleStore.Rdf;

namespace TripleStore.Sparql.Update;

/// <summary>
/// What an update request would do, evaluated over a read view and then thrown away: the net quads it
/// would insert and delete (a quad inserted and deleted again by the same request appears in neither).
/// </summary>
public sealed record UpdatePreview(UpdateResult Result, IReadOnlyList<Quad> Inserted, IReadOnlyList<Quad> Deleted)
{
    /// <summary>Runs <paramref name="update"/> on a scratch layer over <paramref name="source"/>; the source is not changed.</summary>
    public static UpdatePreview Run(SparqlUpdate update, IQuadSource source, UpdateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(source);
        var scratch = new OverlayDataset(source);
        var result = UpdateExecutor.Execute(update, scratch, options);
        return new UpdatePreview(
            result with { QuadsInserted = scratch.Additions.Count, QuadsDeleted = scratch.Removals.Count },
            [.. scratch.Additions], [.. scratch.Removals]);
    }
}
