using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A read the lowering finds no value for, of a local that is assigned only inside an operand that may not run: the right
/// operand of <c>||</c>/<c>&amp;&amp;</c>, a branch of <c>?:</c> or the right of <c>??</c> (hunt16: OpenTK's
/// <c>Vector3d.Slerp</c>, <c>if (abLength == 0 || Math.Abs(cosTheta = Dot(a, b) / abLength) &gt; 0.99999999) … else … cosTheta</c>).
/// C# proves the read sees the assignment; the lowering does not follow that proof, so the refusal names the assignment and
/// says to hoist it, instead of "a read of a variable before it is assigned" of a variable the user sees assigned.
/// </summary>
internal static class ShortCircuitAssignments
{
    /// <summary>The refusal's (what, hint) for such a read; null when the read is not one (the generic message stands).</summary>
    public static (string What, string Hint)? Describe(IOperation read)
    {
        if (read is not ILocalReferenceOperation { Local: var local }) return null;
        var root = read;
        while (root.Parent is { } parent) root = parent;
        foreach (var assignment in root.DescendantsAndSelf().OfType<IAssignmentOperation>())
        {
            if (assignment.Target is not ILocalReferenceOperation { Local: var target } || !SymbolEqualityComparer.Default.Equals(target, local)) continue;
            if (MayNotRun(assignment) is not { } where) continue;
            string text = assignment.Syntax.ToString();
            return ("a read of '" + local.Name + "', which is assigned inside " + where + " ('" + text + "'), an operand that may not run",
                "assign it in a statement of its own before the condition (" + text + ";), then test it");
        }
        return null;
    }

    /// <summary>The operand that holds <paramref name="op"/> and may not run, in words; null when none does.</summary>
    private static string? MayNotRun(IOperation op)
    {
        for (var child = op; child.Parent is { } parent; child = parent)
        {
            switch (parent)
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } either when either.RightOperand == child: return "the right operand of '||'";
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both when both.RightOperand == child: return "the right operand of '&&'";
                case IConditionalOperation { Type: not null } conditional when conditional.WhenTrue == child || conditional.WhenFalse == child: return "a branch of '?:'";
                case ICoalesceOperation coalesce when coalesce.WhenNull == child: return "the right operand of '??'";
            }
        }
        return null;
    }
}
