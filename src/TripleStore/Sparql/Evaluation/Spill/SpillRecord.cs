using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation.Spill;

/// <summary>
/// One row as a spilling operator sorts it: its position in the input (which breaks ties, so that
/// spilled results come out in the same order as in memory), the values it is ordered or grouped on,
/// and the solution itself. <see cref="Tie"/> orders the records of one position among themselves
/// (a join's matches of one left row, in probe order).
/// </summary>
internal readonly record struct SpillRecord(long Seq, Term?[] Keys, Term?[] Row, long Tie = 0);
