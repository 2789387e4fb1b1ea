namespace TripleStore.Sparql.Evaluation.Spill;

/// <summary>What a spilled hash join makes of a left row and its matches.</summary>
internal enum JoinMode
{
    /// <summary>Join: every match, nothing for an unmatched left row.</summary>
    Inner,

    /// <summary>OPTIONAL: every match, or the left row alone when nothing matched.</summary>
    Optional,

    /// <summary>MINUS: the left row when nothing matched, nothing otherwise.</summary>
    Anti,
}
