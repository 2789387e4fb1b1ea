using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace TripleStore.Sparql.Evaluation;

/// <summary>
/// Join orders of BGPs run without input values, kept per state of the data
/// (<see cref="Dataset.IEncodedQuadSource.PlanningState"/>), so a query run again on the same data reuses
/// the order instead of choosing it again: each run compiles a fresh plan, and the greedy choice, the check
/// sampling and the merge choice were about a tenth of LUBM Q2's CPU even with every estimate remembered.
/// The key is the BGP's text (patterns, filters, graph), its variables' slots and the options the choice
/// reads; a write gives a new state, so orders never outlive the estimates they came from. What is kept is
/// only the choice (immutable arrays, copied on use); each run builds its own steps.
/// </summary>
internal static class BgpOrderCache
{
    /// <summary>Orders kept per state; past it, new ones are not kept.</summary>
    internal const int Capacity = 4_096;

    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<string, Choice>> s_states = new();

    /// <summary>A kept choice: the nested-loop order and the merge, if one was chosen.</summary>
    internal sealed record Choice(OrderEstimate Nested, MergeChoice? Merge);

    public static bool TryGet(object state, string key, out OrderEstimate nested, out MergeChoice? merge)
    {
        if (s_states.TryGetValue(state, out var orders) && orders.TryGetValue(key, out var choice))
        {
            // Copies: the plan built from it marks merged steps in its hash thresholds.
            nested = Copy(choice.Nested);
            merge = choice.Merge is { } m ? m with { Plan = Copy(m.Plan) } : null;
            return true;
        }
        nested = null!;
        merge = null;
        return false;
    }

    public static void Add(object state, string key, OrderEstimate nested, MergeChoice? merge)
    {
        var orders = s_states.GetValue(state, static _ => new ConcurrentDictionary<string, Choice>(StringComparer.Ordinal));
        if (orders.Count >= Capacity) return;
        orders.TryAdd(key, new Choice(Copy(nested), merge is { } m ? m with { Plan = Copy(m.Plan) } : null));
    }

    /// <summary>How many orders are kept for a state (for tests).</summary>
    internal static int CountFor(object state) => s_states.TryGetValue(state, out var orders) ? orders.Count : 0;

    private static OrderEstimate Copy(OrderEstimate e) =>
        e with { Order = (int[])e.Order.Clone(), StepCosts = (double[])e.StepCosts.Clone(), HashAfter = (long[])e.HashAfter.Clone() };
}
