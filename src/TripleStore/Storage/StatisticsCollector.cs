using TripleStore.Rdf;

namespace TripleStore.Storage;

/// <summary>Computes <see cref="StoreStatistics"/> on a snapshot.</summary>
internal static class StatisticsCollector
{
    public static StoreStatistics Collect(StoreDatabase database, StoreSnapshot snapshot)
    {
        using var dbSnapshot = database.Db.CreateSnapshot();
        var scanner = new QuadScanner(database.Db, database.Data, dbSnapshot);
        long defaultTriples = 0, namedQuads = 0;
        var graphCounts = new Dictionary<Term, long>();
        var predicates = new HashSet<TermId>();
        foreach (var (counter, value) in Counters(scanner))
        {
            if (value <= 0) continue;
            switch (counter.Kind)
            {
                case CounterKind.GraphQuads when counter.Term == TermId.DefaultGraph:
                    defaultTriples = value;
                    break;
                case CounterKind.GraphQuads:
                    graphCounts[snapshot.Decode(counter.Term)] = value;
                    break;
                case CounterKind.NamedTotal:
                    namedQuads = value;
                    break;
                default:
                    predicates.Add(counter.Term);
                    break;
            }
        }
        return new StoreStatistics
        {
            Quads = defaultTriples + namedQuads,
            DefaultGraphTriples = defaultTriples,
            NamedGraphQuads = namedQuads,
            GraphCounts = graphCounts,
            DistinctPredicates = predicates.Count,
            DistinctSubjects = CountUnion(scanner.DistinctLeading(KeySection.DefaultSpo), scanner.DistinctLeading(KeySection.NamedSpog)),
            DistinctObjects = CountUnion(scanner.DistinctLeading(KeySection.DefaultOsp), scanner.DistinctLeading(KeySection.NamedOspg)),
            DictionaryTerms = scanner.CountPrefix([(byte)KeySection.Dictionary], long.MaxValue),
            SizeOnDisk = DirectorySize(database.Path),
        };
    }

    private static IEnumerable<(CounterKey Key, long Value)> Counters(QuadScanner scanner)
    {
        foreach (var (key, value) in scanner.ScanRaw([(byte)KeySection.Counter]))
            yield return (CounterKey.FromBytes(key), CounterKey.DecodeValue(value));
    }

    /// <summary>Counts the distinct values of two sorted id streams (default and named graphs) merged.</summary>
    private static long CountUnion(IEnumerable<TermId> first, IEnumerable<TermId> second)
    {
        using var a = first.GetEnumerator();
        using var b = second.GetEnumerator();
        bool hasA = a.MoveNext(), hasB = b.MoveNext();
        long count = 0;
        while (hasA || hasB)
        {
            count++;
            if (hasA && hasB)
            {
                int c = a.Current.CompareTo(b.Current);
                if (c <= 0) { if (c == 0) hasB = b.MoveNext(); hasA = a.MoveNext(); }
                else hasB = b.MoveNext();
            }
            else if (hasA) hasA = a.MoveNext();
            else hasB = b.MoveNext();
        }
        return count;
    }

    private static long DirectorySize(string path) =>
        new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f =>
        {
            try { return f.Length; } catch (IOException) { return 0; }
        });
}
