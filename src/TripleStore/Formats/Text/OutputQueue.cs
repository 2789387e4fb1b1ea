using TripleStore.Rdf;

namespace TripleStore.Formats.Text;

/// <summary>
/// The few quads a parser step produced and the caller has not yet pulled. A parser step emits at most
/// a handful, so this small ring never grows in practice.
/// </summary>
internal sealed class OutputQueue
{
    private Quad[] _items = new Quad[8];
    private int _head;
    private int _count;

    public int Count => _count;

    public void Enqueue(in Quad quad)
    {
        if (_count == _items.Length)
        {
            var bigger = new Quad[_items.Length * 2];
            for (int i = 0; i < _count; i++) bigger[i] = _items[(_head + i) % _items.Length];
            _items = bigger;
            _head = 0;
        }
        _items[(_head + _count) % _items.Length] = quad;
        _count++;
    }

    public bool TryDequeue(out Quad quad)
    {
        if (_count == 0) { quad = default; return false; }
        quad = _items[_head];
        _items[_head] = default;
        _head = (_head + 1) % _items.Length;
        _count--;
        return true;
    }

    public void Clear()
    {
        Array.Clear(_items);
        _head = 0;
        _count = 0;
    }
}
