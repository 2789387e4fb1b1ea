using TripleStore.Dataset;
using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation;

/// <summary>
/// Rows of ids leaving a join, held until they are decoded together
/// (<see cref="IEncodedQuadSource.DecodeMany"/>): the store then reads the ids its term cache lacks in one
/// batched dictionary read instead of one point read each, which was most of a first query that returns
/// 100K terms no earlier query decoded. A join uses it only past its first <see cref="SingleRows"/> rows
/// (which leave one by one, so a LIMIT or ASK that takes fewer makes the join read nothing ahead); the
/// batch then starts at that size and doubles up to <see cref="MaxRows"/>, so a consumer that stops early
/// has made the join read at most as many rows again as it took.
/// </summary>
internal sealed class DecodeBatch
{
    /// <summary>The largest batch: enough to share the dictionary's index and data blocks between reads, small enough to stream.</summary>
    internal const int MaxRows = 1024;

    /// <summary>Rows a join hands out one by one before it batches.</summary>
    internal const int SingleRows = 32;

    private readonly int[] _slots;
    private readonly Term?[] _input;
    private NodeId[] _ids;
    private Term[] _terms;
    private int _rows;
    private int _capacity = SingleRows;

    public DecodeBatch(int[] slots, Term?[] input)
    {
        _slots = slots;
        _input = input;
        _ids = new NodeId[SingleRows * slots.Length];
        _terms = new Term[SingleRows * slots.Length];
    }

    public bool IsFull => _rows >= _capacity;

    public bool IsEmpty => _rows == 0;

    /// <summary>Keeps the output slots' ids of the current row.</summary>
    public void Add(NodeId[] ids)
    {
        int at = _rows * _slots.Length;
        for (int j = 0; j < _slots.Length; j++) _ids[at + j] = ids[_slots[j]];
        _rows++;
    }

    /// <summary>The rows held, decoded (the input row with the output slots filled); the batch is then empty and, until it reaches its maximum, twice as large.</summary>
    public Term?[][] Drain(IEncodedQuadSource source)
    {
        int width = _slots.Length;
        source.DecodeMany(_ids.AsSpan(0, _rows * width), _terms.AsSpan(0, _rows * width));
        var rows = new Term?[_rows][];
        for (int r = 0; r < _rows; r++)
        {
            var row = (Term?[])_input.Clone();
            for (int j = 0; j < width; j++) row[_slots[j]] = _terms[r * width + j];
            rows[r] = row;
        }
        Array.Clear(_terms, 0, _rows * width);
        _rows = 0;
        if (_capacity < MaxRows)
        {
            _capacity *= 2;
            Array.Resize(ref _ids, _capacity * width);
            Array.Resize(ref _terms, _capacity * width);
        }
        return rows;
    }
}
