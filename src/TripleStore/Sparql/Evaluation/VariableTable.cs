namespace TripleStore.Sparql.Evaluation;

/// <summary>
/// Gives every variable of a query (subqueries and EXISTS included) one slot, so a solution is a flat
/// array. Same-named variables share a slot; projection clears the slots a subquery hides.
/// </summary>
internal sealed class VariableTable
{
    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
    private readonly List<string> _names = new();

    public int Count => _names.Count;

    public int Slot(string name)
    {
        if (!_slots.TryGetValue(name, out var slot))
        {
            slot = _names.Count;
            _slots[name] = slot;
            _names.Add(name);
        }
        return slot;
    }

    public bool TryGetSlot(string name, out int slot) => _slots.TryGetValue(name, out slot);

    public string Name(int slot) => _names[slot];
}
