using TripleStore.Dataset;
using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation;

/// <summary>
/// Rows of ids leaving a join, held until they are decoded together
/// (<see cref="IEncodedQuadSource.DecodeMany"/>): the store then reads the ids its term cache lacks in one
/// batched dictionary read instead of one point read each, which was most of a first query that returns
/// 100K terms no earlier query decoded. The batch starts at one row and doubles up to
/// <see cref="MaxRows"/>, so the first row leaves at once and a consumer that stops early (LIMIT, ASK) has
/// made the join read at most about as many rows again as it took.
/// </summary>
internal sealed class DecodeBatch
{
    /// <summary>The largest batch: enough to share the dictionary's index and data blocks between reads, small enough to stream.</summary>
    internal const int MaxRows = 1024;

    private readonly int[] _slots;
    private readonly Term?[] _input;
    private NodeId[] _ids;
    private Term[] _terms;
    private int _rows;
    private int _capacity = 1;

    public DecodeBatch(int[] slots, Term?[] input)
    {
        _slots = slots;
        _input = input;
        _ids = new NodeId[slots.Length];
        _terms = new Term[slots.Length];
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
