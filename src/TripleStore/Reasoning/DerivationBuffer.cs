using TripleStore.Reasoning.Rules;

namespace TripleStore.Reasoning;

/// <summary>One parallel task's output: head facts and constraint matches, merged after the task.</summary>
internal sealed class DerivationBuffer : IDerivationSink
{
    public List<Fact> Facts { get; } = new();
    public List<(CompiledRule Rule, int[] Binding)> Violations { get; } = new();

    public bool Matched(CompiledRule rule, int[] binding)
    {
        if (rule.IsConstraint)
        {
            Violations.Add((rule, (int[])binding.Clone()));
            return false;
        }
        var head = rule.Head;
        for (int i = 0; i < head.Length; i += 3)
            Facts.Add(new Fact(Value(head[i], binding), Value(head[i + 1], binding), Value(head[i + 2], binding)));
        return false;
    }

    private static int Value(int position, int[] binding) => position >= 0 ? position : binding[CompiledRule.VariableIndex(position)];
}
