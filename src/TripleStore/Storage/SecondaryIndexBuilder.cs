using System.Collections.Concurrent;

namespace TripleStore.Storage;

/// <summary>
/// Builds the SST file of one secondary index of an import on its own thread while the canonical merge
/// runs: it takes the new quads in blocks as the merge finds them, sorts them into its own key order
/// (spilling runs past its share of the memory budget) and, once the merge is done, merges its runs into
/// the file. The new quads are thus never spooled to disk and read back once per index, and the indexes
/// are sorted on the other core while the canonical merge writes SPO.
/// </summary>
internal sealed class SecondaryIndexBuilder : IDisposable
{
    private readonly BlockingCollection<QuadBlock> _input = new(boundedCapacity: 64);
    // Default-graph indexes sort 48-byte triples, named-graph indexes 64-byte quads; one of these is set.
    private readonly ExternalSorter<TripleIds>? _triples;
    private readonly ExternalSorter<QuadIds>? _quads;
    private readonly CancellationTokenSource _stop;
    private readonly CancellationToken _cancellation;

    /// <param name="stop">Shared by the import's builders and merge: a builder that fails cancels it, so the merge stops posting.</param>
    /// <param name="capacity">How many records the builder sorts in memory (48 bytes each for a default-graph index, 64 for a named-graph one).</param>
    public SecondaryIndexBuilder(StoreDatabase database, string work, QuadIndex index, int capacity, CancellationTokenSource stop)
    {
        Index = index;
        _stop = stop;
        _cancellation = stop.Token;
        if (index.IsNamed) _quads = new ExternalSorter<QuadIds>(work, index.Section.ToString(), capacity);
        else _triples = new ExternalSorter<TripleIds>(work, index.Section.ToString(), capacity);
        string path = Path.Combine(work, index.Section + ".sst");
        Completion = Task.Factory.StartNew(() => Build(database, path), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public QuadIndex Index { get; }

    /// <summary>The path of the finished SST file, or null when the index received no quads.</summary>
    public Task<string?> Completion { get; }

    /// <summary>Hands a block (shared with the family's other builders) to this builder; it releases it when read.</summary>
    public void Post(QuadBlock block) => _input.Add(block, _cancellation);

    /// <summary>No more quads will come: the builder merges its runs and writes its file.</summary>
    public void Complete() => _input.CompleteAdding();

    private string? Build(StoreDatabase database, string path)
    {
        try
        {
            return BuildFile(database, path);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _stop.Cancel();
            throw;
        }
    }

    private string? BuildFile(StoreDatabase database, string path)
    {
        foreach (var block in _input.GetConsumingEnumerable(_cancellation))
        {
            try
            {
                var items = block.Items;
                if (_triples is not null)
                    for (int i = 0; i < block.Count; i++) _triples.Add(Index.PermuteTriple(items[i]));
                else
                    for (int i = 0; i < block.Count; i++) _quads!.Add(Index.Permute(items[i]));
            }
            finally
            {
                block.Release();
            }
        }
        using var writer = new SstSectionWriter(database, path, pointLookups: false, import: true);
        var key = new byte[Index.KeyLength];
        if (_triples is not null)
        {
            using var sorted = _triples.OpenSorted(_cancellation);
            var block = new TripleIds[1024];
            int count;
            while ((count = sorted.Read(block)) > 0)
            {
                for (int i = 0; i < count; i++)
                {
                    Index.WritePermutedKey(block[i], key);
                    writer.Put(key, ReadOnlySpan<byte>.Empty);
                }
            }
        }
        else
        {
            using var sorted = _quads!.OpenSorted(_cancellation);
            var block = new QuadIds[1024];
            int count;
            while ((count = sorted.Read(block)) > 0)
            {
                for (int i = 0; i < count; i++)
                {
                    Index.WritePermutedKey(block[i], key);
                    writer.Put(key, ReadOnlySpan<byte>.Empty);
                }
            }
        }
        return writer.Finish();
    }

    public void Dispose()
    {
        _input.Dispose();
        _triples?.Dispose();
        _quads?.Dispose();
    }
}
