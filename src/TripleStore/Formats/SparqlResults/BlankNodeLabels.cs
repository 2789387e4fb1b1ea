using System.Globalization;
using TripleStore.Rdf;

namespace TripleStore.Formats.SparqlResults;

/// <summary>
/// Labels for blank nodes in one results document. A node's own id is used when it is a safe label
/// (letters, digits, '_' and '-', as every format accepts); other ids get a generated label "g_N",
/// the same one each time the node appears. Ids that start with "g_" are never used as they are,
/// so a generated label cannot collide with an id.
/// </summary>
internal sealed class BlankNodeLabels
{
    private const string GeneratedPrefix = "g_";
    private Dictionary<BlankNode, string>? _generated;

    public string Get(BlankNode node)
    {
        if (IsSafe(node.Id)) return node.Id;
        _generated ??= new Dictionary<BlankNode, string>();
        if (!_generated.TryGetValue(node, out var label))
        {
            label = GeneratedPrefix + _generated.Count.ToString(CultureInfo.InvariantCulture);
            _generated.Add(node, label);
        }
        return label;
    }

    private static bool IsSafe(string id)
    {
        if (id.Length == 0 || !char.IsAsciiLetterOrDigit(id[0]) || id.StartsWith(GeneratedPrefix, StringComparison.Ordinal)) return false;
        foreach (var c in id)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-')) return false;
        return true;
    }
}
