using System.Collections.Concurrent;
using System.Diagnostics;
using RocksDbSharp;
using TripleStore.Rdf;

namespace TripleStore.Storage;

/// <summary>
/// Loads many quads at once, atomically. Input is parsed on one thread and encoded and sorted on
/// another; sorted runs (spilled to disk past the memory budget) are merged, checked against the store,
/// and written as SST files, one per key section; all files are then ingested in one RocksDB call on the
/// single data column family, so the whole import appears at once or, on any error, cancellation or
/// crash before that call, not at all.
/// </summary>
internal sealed class BulkImporter
{
    // 2048 quads of 32 bytes stay under the large-object threshold, so batches die young in gen 0.
    private const int BatchSize = 2048;
    private readonly StoreDatabase _database;
    private readonly ImportOptions _options;
    private readonly IProgress<ImportProgress>? _progress;
    private readonly CancellationToken _cancellation;
    private readonly Stopwatch _clock = new();
    private TimeSpan _lastReport;

    public BulkImporter(StoreDatabase database, ImportOptions options, IProgress<ImportProgress>? progress, CancellationToken cancellation)
    {
        _database = database;
        _options = options;
        _progress = progress;
        _cancellation = cancellation;
    }

    private long _read;
    private long _errors;
    private int _fileIndex;
    private string? _currentFile;
    private int _fileCount;

    /// <summary>
    /// Called after every file is written and before they are ingested, when the import changes the store:
    /// with the number of new default-graph triples and a way to read them (ids in s, p, o order).
    /// </summary>
    public Action<long, Func<IEnumerable<QuadIds>>>? BeforeIngest { get; init; }

    public ImportSummary Run(IReadOnlyList<ImportSource> sources)
    {
        _clock.Start();
        _lastTraceCpu = Process.GetCurrentProcess().TotalProcessorTime;
        _fileCount = sources.Count;
        using var memoryTrace = StartMemoryTrace();
        string work = Path.Combine(_database.ImportTempPath, Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(work);
        bool release = false;
        try
        {
            var budget = new ImportBudget(_options.MemoryBudgetBytes);
            var files = new List<string>();
            var counters = new CounterChanges();
            long added;
            // The new default-graph triples are kept for BeforeIngest only: it reads them when they are few
            // enough for the change log (ChangeLog.TrackingLimit), so the spool stops there.
            string defaultSpool = Path.Combine(work, "new-default.spool");
            using var spool = BeforeIngest is null ? null : new NewTripleSpool(defaultSpool, Reasoning.ChangeLog.TrackingLimit);

            // The canonical sorter sorts and writes its runs on a thread of its own, so the parsers never
            // wait for a run to be sorted.
            using (var canonical = new CanonicalSorter(work, budget.Canonical))
            using (var dictionary = new DictionarySorter(work, budget.Dictionary, spillInBackground: true))
            {
                try
                {
                    ReadAll(sources, canonical, dictionary);
                }
                finally
                {
                    release = budget.WorthReleasing(canonical.BytesAdded + dictionary.BytesAdded);
                }
                Trace("read, encode, sort runs");
                Report(ImportPhase.Indexing);
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(_cancellation);
                // The dictionary, the canonical merge and the secondary indexes are independent. The dictionary
                // starts first, so it runs beside the canonical sorter's last run as well; the merge feeds the
                // secondary builders, which sort on their own threads while it writes SPO.
                string? dictionaryFile = null;
                // The dictionary writes its last run and drops its arenas before the merge starts; the secondary
                // builders allocate their buffers only once that memory (and the canonical sorter's spare buffer)
                // is given back.
                using var dictionaryReleased = new ManualResetEventSlim();
                var dictionaryTask = StartLongRunning(() =>
                {
                    try { dictionary.FinishInput(); }
                    finally { dictionaryReleased.Set(); }
                    dictionaryFile = WriteDictionary(work, dictionary);
                });
                List<SecondaryIndexBuilder> builders;
                int partitions;
                try
                {
                    canonical.FinishInput();
                    Trace("sort the canonical sorter's last buffer");
                    dictionaryReleased.Wait(_cancellation);
                    Trace("wait for the dictionary's last run");
                    if (release) ReleaseMemory("read");
                    Trace("release the read buffers");
                    builders = StartSecondaryBuilders(work, canonical, dictionary.BytesInMemory, budget, stop);
                    // The change-log spool takes the new triples in order, from one thread.
                    int wanted = spool is not null ? 1 : _options.MergePartitions > 0 ? _options.MergePartitions : Math.Clamp(Environment.ProcessorCount, 1, 4);
                    partitions = canonical.Partition(wanted, _options.MergePartitions > 0 ? 1 : 1 << 14);
                    _options.OnMergeRanges?.Invoke(partitions);
                }
                catch
                {
                    try { dictionaryTask.Wait(); } catch (AggregateException) { }
                    throw;
                }
                try
                {
                    var parts = new CanonicalPart[partitions];
                    var defaultFamilies = BlockFanout.Shared(builders.Where(b => !b.Index.IsNamed).ToArray(), partitions);
                    var namedFamilies = BlockFanout.Shared(builders.Where(b => b.Index.IsNamed).ToArray(), partitions);
                    var tasks = new Task[partitions + 1];
                    tasks[0] = dictionaryTask;
                    for (int i = 0; i < partitions; i++)
                    {
                        int part = i;
                        tasks[part + 1] = StartLongRunning(() => parts[part] = WriteCanonical(work, part, canonical, defaultFamilies[part], namedFamilies[part], spool, stop));
                    }
                    try
                    {
                        WaitAll(tasks);
                    }
                    catch (OperationCanceledException) when (!_cancellation.IsCancellationRequested)
                    {
                        // A builder failed and stopped the merge: report the builder's own error.
                        RethrowFirstFailure(builders);
                        throw;
                    }
                    AddFile(files, dictionaryFile);
                    added = 0;
                    // Ranges ascend, so the files do too; a graph cut by a range boundary has its count summed.
                    foreach (var part in parts)
                    {
                        added += part.Added;
                        AddFile(files, part.DefaultFile);
                        AddFile(files, part.NamedFile);
                        part.AddCounters(counters);
                    }
                    spool?.Finish();
                    Trace($"dictionary, canonical merge ({partitions} key range{(partitions == 1 ? "" : "s")}), secondary runs");
                    RethrowFirstFailure(builders);
                    foreach (var builder in builders) AddFile(files, builder.Completion.Result);
                    Trace("secondary indexes");
                }
                finally
                {
                    stop.Cancel();
                    foreach (var builder in builders)
                    {
                        try { builder.Completion.Wait(); } catch (AggregateException) { }
                        builder.Dispose();
                    }
                }
            }
            AddFile(files, WriteCounters(work, counters));

            _cancellation.ThrowIfCancellationRequested();
            Report(ImportPhase.Committing);
            if (files.Count > 0)
            {
                if (spool is not null) BeforeIngest?.Invoke(spool.Total, spool.Read);
                _cancellation.ThrowIfCancellationRequested();
                var ingest = new IngestExternalFileOptions().SetMoveFiles(true);
                // RocksDB gives ingested files sequence number 0 when no snapshot exists at that moment; a
                // reader whose snapshot is taken during the ingest could then see the new files in a scan that
                // starts after they are installed but not in one that started before (half an import). Holding
                // a snapshot forces a global sequence number above every snapshot, so readers see all or none.
                var warmer = _database.OpenForWarming(files);
                try
                {
                    using (_database.Db.CreateSnapshot())
                        _database.Db.IngestExternalFiles(files.ToArray(), ingest, _database.Data);
                }
                catch
                {
                    warmer?.Close();
                    throw;
                }
                // The written files were dropped from the page cache as they were written; the first queries would read them from disk.
                _database.StartWarming(warmer);
            }
            Trace("ingest");
            Report(ImportPhase.Completed);
            _clock.Stop();
            return new ImportSummary(sources.Count, _read, added, _read - added, _errors, _clock.Elapsed);
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
            // The builders' buffers are garbage now (all buffers, after a failure): give them back rather than keep
            // them until the next full collection.
            if (release) ReleaseMemory("import");
        }
    }

    private void ReleaseMemory(string phase)
    {
        ImportMemory.Release();
        _options.OnMemoryReleased?.Invoke(phase);
    }

    private static void AddFile(List<string> files, string? path)
    {
        if (path is not null) files.Add(path);
    }

    /// <summary>
    /// Reads every source into the sorters: N-Triples, N-Quads and Turtle files through the parallel byte
    /// parsers, other sources through their readers.
    /// </summary>
    private void ReadAll(IReadOnlyList<ImportSource> sources, CanonicalSorter canonical, DictionarySorter dictionary)
    {
        var encoder = new TermEncoder();
        var recent = new RecentTermFilter();
        var cache = new TermIdCache();
        for (int i = 0; i < sources.Count;)
        {
            if (sources[i].NTriples is { } file)
            {
                ReadNTriples(i, sources[i].Name, file, canonical, dictionary, encoder, recent, cache);
                i++;
                continue;
            }
            if (sources[i].Turtle is { } turtle)
            {
                ReadTurtle(i, sources[i].Name, turtle, canonical, dictionary, encoder, recent, cache);
                i++;
                continue;
            }
            int end = i;
            while (end < sources.Count && sources[end].NTriples is null && sources[end].Turtle is null) end++;
            ReadQuads(sources, i, end, canonical, dictionary, encoder, recent, cache);
            i = end;
        }
    }

    /// <summary>
    /// Parses an N-Triples or N-Quads file in blocks of lines on every core, straight to ids; this thread only
    /// adds the results to the sorters in file order, and reads the lines the byte parser left to it with the
    /// full reader (at their own line numbers, so errors name the right place).
    /// </summary>
    private void ReadNTriples(int index, string? name, ImportSource.NTriplesFile file, CanonicalSorter canonical, DictionarySorter dictionary,
        TermEncoder encoder, RecentTermFilter recent, TermIdCache cache)
    {
        Volatile.Write(ref _fileIndex, index);
        Volatile.Write(ref _currentFile, name);
        var options = file.Options with { BlankNodes = file.Options.BlankNodes ?? new BlankNodeScope() };
        var graph = options.DefaultGraph ?? _options.Graph;
        var defaultGraph = graph is null ? TermId.DefaultGraph : Encode(encoder, cache, graph, recent, dictionary);
        int maxTermLength = Math.Max(1, options.MaxTermLength);
        using var stream = file.Open();
        var reader = new ParallelNTriplesReader(stream,
            () => new NTriplesBlockParser(file.Quads, maxTermLength, defaultGraph, options.BlankNodes!),
            Math.Clamp(Environment.ProcessorCount, 1, 4));
        LineFeedReader? feed = null;
        Formats.RdfReader? full = null;
        long firstLine = 1;
        try
        {
            foreach (var block in reader.ReadBlocks(_cancellation))
            {
                for (int i = 0; i < block.QuadCount; i++) canonical.Add(block.Quads[i]);
                block.ForEachEntry(dictionary);
                long count = block.QuadCount;
                foreach (var (line, offset, length, terminated) in block.Fallbacks)
                {
                    if (full is null)
                    {
                        feed = new LineFeedReader();
                        full = Formats.RdfParser.Create(feed, file.Quads ? Formats.RdfFormat.NQuads : Formats.RdfFormat.NTriples, options);
                    }
                    feed!.Feed(firstLine + line, block.Data.AsSpan(offset, length), terminated);
                    if (!full.TryRead(out var quad))
                    {
                        // A line with no statement ended that reader's input; the next line gets a new one.
                        full.Dispose();
                        full = null;
                        continue;
                    }
                    QuadWriter.Validate(quad);
                    var g = quad.Graph ?? _options.Graph;
                    canonical.Add(new QuadIds(
                        g is null ? TermId.DefaultGraph : Encode(encoder, cache, g, recent, dictionary),
                        Encode(encoder, cache, quad.Subject, recent, dictionary),
                        Encode(encoder, cache, quad.Predicate, recent, dictionary),
                        Encode(encoder, cache, quad.Object, recent, dictionary)));
                    count++;
                }
                firstLine += block.LineBreaks;
                reader.Return(block);
                _read += count;
                if (_clock.Elapsed - _lastReport > TimeSpan.FromMilliseconds(500)) Report(ImportPhase.Reading);
            }
        }
        finally
        {
            full?.Dispose();
        }
        _cancellation.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// Parses a Turtle file in blocks of statements on every core, straight to ids; this thread adds the results
    /// in file order, parses again a block that assumed the wrong prefixes or base, and from the first statement
    /// the byte parser left, hands the rest of the file to the full reader (at that statement's line and column,
    /// with the declarations made before it), so the triples and any error are the full reader's.
    /// </summary>
    private void ReadTurtle(int index, string? name, ImportSource.TurtleFile file, CanonicalSorter canonical, DictionarySorter dictionary,
        TermEncoder encoder, RecentTermFilter recent, TermIdCache cache)
    {
        Volatile.Write(ref _fileIndex, index);
        Volatile.Write(ref _currentFile, name);
        var options = file.Options with { BlankNodes = file.Options.BlankNodes ?? new BlankNodeScope() };
        var graph = options.DefaultGraph ?? _options.Graph;
        var defaultGraph = graph is null ? TermId.DefaultGraph : Encode(encoder, cache, graph, recent, dictionary);
        TurtleBlockParser NewParser() => new(options.MaxTermLength, options.MaxNestingDepth, defaultGraph, options.BlankNodes!);
        var directives = TurtleDirectives.Initial(options.BaseIri);
        TurtleBlockParser? own = null;
        long firstLine = 1, parsed = 0, reparsed = 0;
        bool readAllAgain = false;
        using (var stream = file.Open())
        {
            var reader = new ParallelTurtleReader(stream, NewParser, Math.Clamp(Environment.ProcessorCount, 1, 4), directives);
            using var blocks = reader.ReadBlocks(_cancellation).GetEnumerator();
            while (blocks.MoveNext())
            {
                var block = blocks.Current;
                // Parsed under declarations that turned out not to be those before the block: parse it again.
                if (!block.StartState!.SameAs(directives))
                {
                    (own ??= NewParser()).Parse(block, directives);
                    reparsed++;
                }
                parsed++;
                if (block.FallbackAt >= 0 && block.Sequence == 0)
                {
                    // Nothing is taken from the file yet: the full reader reads all of it, just as it would alone.
                    readAllAgain = true;
                    break;
                }
                for (int i = 0; i < block.QuadCount; i++) canonical.Add(block.Quads[i]);
                block.ForEachEntry(dictionary);
                _read += block.QuadCount;
                directives = block.EndState!;
                if (block.FallbackAt >= 0)
                {
                    reader.StopParsing();
                    var text = new StreamReader(new TurtleRestStream(reader, blocks, block, block.FallbackAt),
                        new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
                    using var full = new Formats.Turtle.TurtleReader(text, options, trig: false);
                    full.Resume(firstLine + block.FallbackLine, block.FallbackColumn, directives.Prefixes, directives.Base);
                    TraceTurtle(name, parsed, reparsed, $"the full reader from line {firstLine + block.FallbackLine}");
                    ReadAllFrom(full, canonical, dictionary, encoder, recent, cache);
                    return;
                }
                if (!directives.SameAs(reader.Published)) reader.Publish(directives);
                firstLine += block.LineBreaks;
                reader.Return(block);
                if (_clock.Elapsed - _lastReport > TimeSpan.FromMilliseconds(500)) Report(ImportPhase.Reading);
            }
        }
        TraceTurtle(name, parsed, reparsed, readAllAgain ? "the full reader for all of it" : "no full reader");
        if (readAllAgain)
        {
            using var full = Formats.RdfParser.Create(file.Open(), Formats.RdfFormat.Turtle, options);
            ReadAllFrom(full, canonical, dictionary, encoder, recent, cache);
        }
        _cancellation.ThrowIfCancellationRequested();
    }

    private static void TraceTurtle(string? name, long parsed, long reparsed, string rest)
    {
        if (Tracing) Console.Error.WriteLine($"[import] {Path.GetFileName(name)}: {parsed} blocks from bytes ({reparsed} parsed again under later directives), then {rest}");
    }

    /// <summary>Adds every quad <paramref name="full"/> reads.</summary>
    private void ReadAllFrom(Formats.RdfReader full, CanonicalSorter canonical, DictionarySorter dictionary, TermEncoder encoder, RecentTermFilter recent, TermIdCache cache)
    {
        while (full.TryRead(out var quad))
        {
            QuadWriter.Validate(quad);
            var g = quad.Graph ?? _options.Graph;
            canonical.Add(new QuadIds(
                g is null ? TermId.DefaultGraph : Encode(encoder, cache, g, recent, dictionary),
                Encode(encoder, cache, quad.Subject, recent, dictionary),
                Encode(encoder, cache, quad.Predicate, recent, dictionary),
                Encode(encoder, cache, quad.Object, recent, dictionary)));
            if ((++_read & 4095) == 0)
            {
                _cancellation.ThrowIfCancellationRequested();
                if (_clock.Elapsed - _lastReport > TimeSpan.FromMilliseconds(500)) Report(ImportPhase.Reading);
            }
        }
    }

    /// <summary>Parses sources [start, end) on a producer thread (the parser is the slowest stage) while this thread encodes and sorts.</summary>
    private void ReadQuads(IReadOnlyList<ImportSource> sources, int start, int end, CanonicalSorter canonical, DictionarySorter dictionary,
        TermEncoder encoder, RecentTermFilter recent, TermIdCache cache)
    {
        using var queue = new BlockingCollection<Quad[]>(boundedCapacity: 64);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(_cancellation);
        Exception? failure = null;
        var producer = new Thread(() =>
        {
            try
            {
                for (int i = start; i < end; i++)
                {
                    Volatile.Write(ref _fileIndex, i);
                    Volatile.Write(ref _currentFile, sources[i].Name);
                    var batch = new Quad[BatchSize];
                    int count = 0;
                    foreach (var quad in sources[i].Read(errors => Interlocked.Add(ref _errors, errors)))
                    {
                        batch[count++] = quad;
                        if (count == BatchSize)
                        {
                            queue.Add(batch, stop.Token);
                            batch = new Quad[BatchSize];
                            count = 0;
                        }
                    }
                    if (count > 0) queue.Add(batch[..count], stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
            catch (Exception e) { failure = e; }
            finally { queue.CompleteAdding(); }
        })
        { IsBackground = true, Name = "TripleStore import parser" };
        producer.Start();

        try
        {
            var graphOverride = _options.Graph;
            foreach (var batch in queue.GetConsumingEnumerable(_cancellation))
            {
                foreach (var quad in batch)
                {
                    QuadWriter.Validate(quad);
                    var graph = quad.Graph ?? graphOverride;
                    var s = Encode(encoder, cache, quad.Subject, recent, dictionary);
                    var p = Encode(encoder, cache, quad.Predicate, recent, dictionary);
                    var o = Encode(encoder, cache, quad.Object, recent, dictionary);
                    var g = graph is null ? TermId.DefaultGraph : Encode(encoder, cache, graph, recent, dictionary);
                    // Sorted graph first: the default graph (id 0) comes out first in SPO order, then named graphs in GSPO order.
                    canonical.Add(new QuadIds(g, s, p, o));
                }
                _read += batch.Length;
                if (_clock.Elapsed - _lastReport > TimeSpan.FromMilliseconds(500)) Report(ImportPhase.Reading);
            }
        }
        finally
        {
            stop.Cancel();
            producer.Join();
        }
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        _cancellation.ThrowIfCancellationRequested();
    }

    private static TermId Encode(TermEncoder encoder, TermIdCache cache, Term term, RecentTermFilter recent, DictionarySorter dictionary)
    {
        if (cache.TryGet(term, out var id)) return id;
        id = encoder.Encode(term);
        if (!id.IsInline && !recent.SeenBefore(id)) dictionary.Add(id, encoder.Serialized);
        cache.Add(term, id);
        return id;
    }

    private string? WriteDictionary(string work, DictionarySorter dictionary)
    {
        using var writer = new SstSectionWriter(_database, Path.Combine(work, "dictionary.sst"), import: true);
        var key = new byte[1 + TermId.Size];
        key[0] = (byte)KeySection.Dictionary;
        foreach (var (id, value, length) in dictionary.ReadSorted(_cancellation))
        {
            id.Write(key.AsSpan(1));
            writer.Put(key, value.AsSpan(0, length));
        }
        return writer.Finish();
    }

    /// <summary>
    /// Merges one key range of the canonical runs, drops quads the store already has, writes that range of the SPO
    /// and GSPO sections (already in order) into files of its own and hands the new quads to the secondary index
    /// builders. Ranges are disjoint, so several run at once, each on its own thread.
    /// </summary>
    private CanonicalPart WriteCanonical(string work, int partition, CanonicalSorter canonical, BlockFanout defaultFamily, BlockFanout namedFamily,
        NewTripleSpool? spool, CancellationTokenSource stop)
    {
        try
        {
            return WriteCanonicalRange(work, partition, canonical, defaultFamily, namedFamily, spool, stop.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The other ranges and the builders stop too; this error is the one reported.
            stop.Cancel();
            throw;
        }
    }

    private CanonicalPart WriteCanonicalRange(string work, int partition, CanonicalSorter canonical, BlockFanout defaultFamily, BlockFanout namedFamily,
        NewTripleSpool? spool, CancellationToken cancellation)
    {
        using var snapshot = _database.Db.CreateSnapshot();
        var readOptions = new ReadOptions().SetSnapshot(snapshot).SetTotalOrderSeek(true);
        bool storeEmpty = IsStoreEmpty(readOptions);
        using var existing = storeEmpty ? null : _database.Db.NewIterator(_database.Data, readOptions);
        using var defaultWriter = new SstSectionWriter(_database, Path.Combine(work, $"spo-{partition}.sst"), import: true);
        using var namedWriter = new SstSectionWriter(_database, Path.Combine(work, $"gspo-{partition}.sst"), import: true);
        var part = new CanonicalPart();
        var key = new byte[QuadIndex.NamedGspo.KeyLength];
        TermId runGraph = default;
        long graphRun = 0;
        // The canonical sorter gives ids in s, p, o, g order: default-graph triples, then named-graph quads.
        using var sorted = canonical.OpenRange(partition, cancellation);
        var block = new QuadIds[1024];
        int count;
        while ((count = sorted.Read(block)) > 0)
        {
            for (int q = 0; q < count; q++)
            {
                ref readonly var quad = ref block[q];
                bool isDefault = quad[QuadIndex.Graph] == TermId.DefaultGraph;
                // The default graph (id 0) sorts first: once a named graph shows up, its builders have all this range's quads.
                if (!isDefault) defaultFamily.Complete();
                var index = isDefault ? QuadIndex.DefaultSpo : QuadIndex.NamedGspo;
                var keySpan = key.AsSpan(0, index.KeyLength);
                index.WriteKey(quad, keySpan);
                if (existing is not null)
                {
                    existing.Seek(keySpan);
                    if (existing.Valid() && existing.GetKeySpan().SequenceEqual(keySpan)) continue;
                }
                (isDefault ? defaultWriter : namedWriter).Put(keySpan, ReadOnlySpan<byte>.Empty);
                (isDefault ? defaultFamily : namedFamily).Add(quad);
                if (isDefault) spool?.Write(quad);
                // Counted here with one hash lookup per quad: quads arrive grouped by graph, so the per-graph count is a run length.
                var graph = quad[QuadIndex.Graph];
                if (graphRun == 0 || graph != runGraph)
                {
                    if (graphRun > 0) part.GraphCounts.Add((runGraph, graphRun));
                    runGraph = graph;
                    graphRun = 0;
                }
                graphRun++;
                if (!isDefault) part.NamedTotal++;
                System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(isDefault ? part.DefaultPredicates : part.NamedPredicates, quad[QuadIndex.Predicate], out _)++;
                part.Added++;
            }
        }
        defaultFamily.Complete();
        namedFamily.Complete();
        if (graphRun > 0) part.GraphCounts.Add((runGraph, graphRun));
        GC.KeepAlive(readOptions);
        part.DefaultFile = defaultWriter.Finish();
        part.NamedFile = namedWriter.Finish();
        return part;
    }

    /// <summary>What the merge of one key range wrote and counted.</summary>
    private sealed class CanonicalPart
    {
        public long Added;
        public long NamedTotal;
        public string? DefaultFile, NamedFile;
        public readonly List<(TermId Graph, long Count)> GraphCounts = [];
        public readonly Dictionary<TermId, long> DefaultPredicates = new();
        public readonly Dictionary<TermId, long> NamedPredicates = new();

        /// <summary>The same counts CounterChanges.Record would make for every quad of the range.</summary>
        public void AddCounters(CounterChanges counters)
        {
            foreach (var (graph, count) in GraphCounts) counters.Add(new CounterKey(CounterKind.GraphQuads, graph), count);
            if (NamedTotal > 0) counters.Add(new CounterKey(CounterKind.NamedTotal, TermId.DefaultGraph), NamedTotal);
            foreach (var (predicate, count) in DefaultPredicates) counters.Add(new CounterKey(CounterKind.DefaultPredicate, predicate), count);
            foreach (var (predicate, count) in NamedPredicates) counters.Add(new CounterKey(CounterKind.NamedPredicate, predicate), count);
        }
    }

    /// <summary>
    /// Starts one builder per secondary index of each graph family the import read. While the canonical
    /// merge runs, the canonical sorter keeps its last buffer (at most a quarter of the budget once it spilled
    /// runs, at most half otherwise) and the dictionary what it did not spill; the builders share the rest of the
    /// sort buffers' share (<see cref="ImportBudget.Secondary"/>), by the bytes each will sort (48-byte records
    /// for default-graph indexes, 64 for named-graph ones), so the merge holds no more than the reading did.
    /// </summary>
    private List<SecondaryIndexBuilder> StartSecondaryBuilders(string work, CanonicalSorter canonical, long dictionaryBytes, ImportBudget budget, CancellationTokenSource stop)
    {
        canonical.FinishInput();
        long defaultQuads = canonical.AddedDefault, namedQuads = canonical.Added - defaultQuads;
        long bytes = budget.Secondary(canonical.BytesInMemory, dictionaryBytes);
        // Shared by bytes: a default-graph builder's records are 48 bytes, a named-graph builder's 64.
        long weight = (QuadIndex.DefaultGraph.Length - 1) * defaultQuads * 48 + (QuadIndex.NamedGraphs.Length - 1) * namedQuads * 64;
        var builders = new List<SecondaryIndexBuilder>();
        try
        {
            foreach (var (family, quads) in new[] { (QuadIndex.DefaultGraph, defaultQuads), (QuadIndex.NamedGraphs, namedQuads) })
            {
                if (quads == 0) continue;
                long capacity = Math.Min(quads, (long)((double)bytes * quads / weight));
                foreach (var index in family.Skip(1))
                    builders.Add(new SecondaryIndexBuilder(_database, work, index, (int)Math.Clamp(capacity, 1024, int.MaxValue / 128), stop));
            }
        }
        catch
        {
            foreach (var builder in builders) builder.Complete();
            throw;
        }
        return builders;
    }

    /// <summary>Throws the first error of a builder that failed (not one that was only canceled).</summary>
    private static void RethrowFirstFailure(List<SecondaryIndexBuilder> builders)
    {
        foreach (var builder in builders)
        {
            try { builder.Completion.Wait(); }
            catch (AggregateException e)
            {
                var first = e.Flatten().InnerExceptions.FirstOrDefault(x => x is not OperationCanceledException);
                if (first is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
            }
        }
    }

    private bool IsStoreEmpty(ReadOptions readOptions)
    {
        var lower = new[] { (byte)QuadIndex.DefaultSpo.Section };
        var upper = new[] { (byte)(QuadIndex.NamedGosp.Section + 1) };
        using var iterator = _database.Db.NewIterator(_database.Data, readOptions);
        iterator.Seek(lower);
        return !(iterator.Valid() && iterator.GetKeySpan().SequenceCompareTo(upper) < 0);
    }

    private static Task StartLongRunning(Action action) =>
        Task.Factory.StartNew(action, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Waits for every task and rethrows the first failure as itself (not wrapped), a cancellation last.</summary>
    private static void WaitAll(params Task[] tasks)
    {
        try
        {
            Task.WaitAll(tasks);
        }
        catch (AggregateException e)
        {
            var first = e.Flatten().InnerExceptions.FirstOrDefault(x => x is not OperationCanceledException) ?? e.Flatten().InnerExceptions[0];
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
        }
    }

    private string? WriteCounters(string work, CounterChanges counters)
    {
        if (counters.IsEmpty) return null;
        using var writer = new SstSectionWriter(_database, Path.Combine(work, "counters.sst"));
        foreach (var (key, value) in counters.Resolve(_database.Db, _database.Data))
            writer.Put(key, CounterKey.EncodeValue(value));
        return writer.Finish();
    }

    // TRIPLESTORE_IMPORT_TRACE=1 prints how long each stage took (wall and process CPU), for tuning.
    private static readonly bool Tracing = Environment.GetEnvironmentVariable("TRIPLESTORE_IMPORT_TRACE") == "1";
    private TimeSpan _lastTraceWall, _lastTraceCpu;

    private void Trace(string stage)
    {
        if (!Tracing) return;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        Console.Error.WriteLine($"[import] {stage}: {(_clock.Elapsed - _lastTraceWall).TotalSeconds:0.00} s wall, {(cpu - _lastTraceCpu).TotalSeconds:0.00} s CPU; {MemoryLine()}");
        _lastTraceWall = _clock.Elapsed;
        _lastTraceCpu = cpu;
    }

    /// <summary>Resident memory against the managed heap (committed, live after the last GC), for telling managed from native use.</summary>
    private static string MemoryLine()
    {
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        return $"RSS {Environment.WorkingSet >> 20} MiB, GC committed {GC.GetGCMemoryInfo().TotalCommittedBytes >> 20} MiB, heap {info.HeapSizeBytes >> 20} MiB, fragmented {info.FragmentedBytes >> 20} MiB, allocated {GC.GetTotalAllocatedBytes() >> 20} MiB, gen2 GCs {GC.CollectionCount(2)}";
    }

    private Timer? StartMemoryTrace() => Tracing
        ? new Timer(_ => Console.Error.WriteLine($"[import-mem] {_clock.Elapsed.TotalSeconds:0.0} s {MemoryLine()}"), null, 1000, 1000)
        : null;

    private void Report(ImportPhase phase)
    {
        _lastReport = _clock.Elapsed;
        _progress?.Report(new ImportProgress(phase, Volatile.Read(ref _fileIndex), _fileCount, Volatile.Read(ref _currentFile), _read, _clock.Elapsed));
    }
}
