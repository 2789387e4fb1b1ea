namespace TripleStore.Reasoning.Rules;

/// <summary>
/// A rule over term numbers, ready for joining. Atom positions are ints: a constant's term number
/// (&gt;= 0) or a variable as <c>-(index + 1)</c>. Body and head are flat, three ints per atom.
/// </summary>
internal sealed class CompiledRule
{
    public CompiledRule(string name, int[] body, int[] head, bool isConstraint, string message, int variableCount)
    {
        Name = name;
        Body = body;
        Head = head;
        IsConstraint = isConstraint;
        Message = message;
        VariableCount = variableCount;
    }

    public string Name { get; }
    public int[] Body { get; }
    public int[] Head { get; }
    public bool IsConstraint { get; }
    public string Message { get; }
    public int VariableCount { get; }
    public int BodyAtoms => Body.Length / 3;

    private int _headMayBeBody = -1;

    /// <summary>
    /// Whether some binding can make every head atom equal to a body atom (each head atom has a body atom whose
    /// positions pairwise are a variable or the same constant). When not, a match never derives a fact its own
    /// body holds, and the evaluator need not check for it at every join step (cls-int1's <c>?y rdf:type C</c>
    /// from <c>?y rdf:type C1 ... Cn</c>, for one).
    /// </summary>
    public bool HeadMayBeBody
    {
        get
        {
            if (_headMayBeBody >= 0) return _headMayBeBody == 1;
            static bool Compatible(int a, int b) => a < 0 || b < 0 || a == b;
            bool may = Head.Length > 0;
            for (int h = 0; h < Head.Length && may; h += 3)
            {
                bool any = false;
                for (int b = 0; b < Body.Length && !any; b += 3)
                    any = Compatible(Head[h], Body[b]) && Compatible(Head[h + 1], Body[b + 1]) && Compatible(Head[h + 2], Body[b + 2]);
                may = any;
            }
            _headMayBeBody = may ? 1 : 0;
            return may;
        }
    }

    public static bool IsVariable(int position) => position < 0;
    public static int VariableIndex(int position) => -position - 1;
    public static int Variable(int index) => -(index + 1);

    /// <summary>A stable description, used to tell instantiated rules apart between iterations.</summary>
    public string Key => $"{Name}|{string.Join(',', Body)}|{string.Join(',', Head)}";

    public static CompiledRule Compile(RuleDefinition definition, Func<TripleStore.Rdf.Term, int> constant)
    {
        var variables = definition.Variables.Select((v, i) => (v, i)).ToDictionary(x => x.v, x => x.i);
        int[] Flatten(IReadOnlyList<RuleAtom> atoms) => atoms
            .SelectMany(a => a.Terms)
            .Select(t => t.IsVariable ? Variable(variables[t.Variable!]) : constant(t.Constant!))
            .ToArray();
        return new CompiledRule(definition.Name, Flatten(definition.Body), Flatten(definition.Head), definition.IsConstraint, definition.Message, variables.Count);
    }
}
