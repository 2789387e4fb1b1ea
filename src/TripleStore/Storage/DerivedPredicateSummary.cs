namespace TripleStore.Storage;

/// <summary>
/// What the derived (materialized) triples of one predicate hold, for one state of the data: whether there
/// are any, and, once the predicate has been looked up often enough, the set of their subjects and the set
/// of their objects. A lookup with the predicate and a subject (or object) bound then skips the derived
/// family when no derived triple has that subject (or object), instead of seeking its index. In LUBM,
/// <c>?z subOrganizationOf ?y</c> looked up per department and <c>?x memberOf ?z</c> per graduate student
/// have derived triples (sub-organizations of research groups, members through <c>worksFor</c>), but
/// almost never for the subject sought; each lookup searched every level of both families.
/// </summary>
/// <remarks>
/// The sets are read from the derived family's predicate-first index in one pass: every key for the
/// subjects (given up past <see cref="SubjectLimit"/> keys), and the distinct objects by skipping from one
/// object to the next (given up past <see cref="ObjectLimit"/> objects), so <c>rdf:type</c>, with hundreds
/// of thousands of derived triples over a few dozen classes, still gets its object set in a few dozen
/// seeks. The read happens only after <see cref="LookupsBeforeBuild"/> lookups of the predicate in this
/// state ("rent or buy": the pass costs about what that many skipped seeks save), so a write followed by
/// one query pays nothing. A set is a superset check only: a value in the set still seeks, so answers
/// never change. The sets are immutable once published; until then every lookup seeks as before. When the
/// pass read every key (the subject set was kept), the keys themselves are kept too (<see cref="Keys"/>),
/// and lookups read the derived side from them instead of seeking the derived family at all.
/// </remarks>
internal sealed class DerivedPredicateSummary
{
    /// <summary>Keys read for the subject set before it is given up (the predicate then checks only objects); tests lower it.</summary>
    internal static int SubjectLimit = 16_384;

    /// <summary>Distinct objects kept before the object set is given up; tests lower it.</summary>
    internal static int ObjectLimit = 4_096;

    /// <summary>Lookups of the predicate (with a subject or object bound) before the sets are read; tests lower it.</summary>
    internal static int LookupsBeforeBuild = 64;

    private readonly TermId _predicate;
    private int _lookups;
    private int _building;
    private volatile Sets? _sets;

    public DerivedPredicateSummary(TermId predicate, bool present)
    {
        _predicate = predicate;
        Present = present;
    }

    public TermId Predicate => _predicate;

    /// <summary>Whether any derived triple has the predicate.</summary>
    public bool Present { get; }

    /// <summary>Whether the sets have been read, and which were kept (for tests).</summary>
    internal bool Built => _sets is not null;

    internal bool HasSubjectSet => _sets?.Subjects is not null;

    internal bool HasObjectSet => _sets?.Objects is not null;

    /// <summary>
    /// The predicate's derived triples themselves, once the sets have been read and the subject set was kept
    /// (so every key was read): lookups then read the derived side from memory. Null before, or when the
    /// predicate has too many derived triples.
    /// </summary>
    public DerivedKeys? Keys => _sets?.Keys;

    /// <summary>The sets once read: null members were given up (too many values).</summary>
    private sealed record Sets(HashSet<TermId>? Subjects, HashSet<TermId>? Objects, DerivedKeys? Keys);

    /// <summary>
    /// Whether a derived triple with the predicate and the given subject and object (each only when bound)
    /// may exist; false only when it certainly does not.
    /// </summary>
    public bool MayMatch(QuadScanner derived, bool hasSubject, TermId subject, bool hasObject, TermId @object)
    {
        if (!Present) return false;
        if (!hasSubject && !hasObject) return true;
        var sets = _sets;
        if (sets is null)
        {
            if (Interlocked.Increment(ref _lookups) < LookupsBeforeBuild || Interlocked.Exchange(ref _building, 1) == 1) return true;
            sets = Read(derived, _predicate);
            _sets = sets;
        }
        if (hasSubject && sets.Subjects is { } subjects && !subjects.Contains(subject)) return false;
        if (hasObject && sets.Objects is { } objects && !objects.Contains(@object)) return false;
        return true;
    }

    /// <summary>One pass over the predicate's range of the derived POS index.</summary>
    private static Sets Read(QuadScanner derived, TermId predicate)
    {
        var index = QuadIndex.DefaultPos;
        var prefix = new byte[1 + TermId.Size];
        prefix[0] = (byte)index.Section;
        predicate.Write(prefix.AsSpan(1, TermId.Size));
        HashSet<TermId>? subjects = [], objects = [];
        List<byte[]>? all = [];
        int keys = 0;
        using var iterator = derived.NewIterator(out var options);
        iterator.Seek(prefix);
        while (iterator.Valid())
        {
            var key = iterator.GetKeySpan();
            if (!key.StartsWith(prefix)) break;
            if (key.Length != index.KeyLength)
            {
                iterator.Next();
                continue;
            }
            if (objects is not null)
            {
                objects.Add(TermId.Read(key.Slice(1 + TermId.Size, TermId.Size)));
                if (objects.Count > ObjectLimit) objects = null;
            }
            if (subjects is not null)
            {
                subjects.Add(TermId.Read(key.Slice(1 + 2 * TermId.Size, TermId.Size)));
                all!.Add(key.ToArray());
                if (++keys >= SubjectLimit) (subjects, all) = (null, null);
            }
            if (subjects is not null) iterator.Next();
            else if (objects is not null) iterator.Seek(KeyRange.Successor(key[..(1 + 2 * TermId.Size)]));
            else break;
        }
        GC.KeepAlive(options);
        return new Sets(subjects, objects, all is null ? null : new DerivedKeys([.. all]));
    }
}
