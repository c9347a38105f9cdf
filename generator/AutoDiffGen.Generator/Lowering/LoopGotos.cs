using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A <c>goto</c> inside a loop that is exactly a <c>continue</c> or a <c>break</c> of its innermost loop.
/// The rule: the label is at the end of that loop's body with only empty statements from it on
/// (<c>… if (c) goto next; … next: ;</c>: reaching it runs nothing more of the body, as continue does, and the
/// increment and test follow as after continue), or it labels the statement right after that loop in the block
/// holding the loop (<c>for (…) { … goto done; … } done: …</c>: the first thing run after the jump is that
/// statement, as after break). Any other goto in a loop (back, into or out of another loop, to a label in the
/// middle of the body) is not one and stays refused.
/// </summary>
internal static class LoopGotos
{
    /// <summary>The innermost loop around <paramref name="jump"/> whose continue or break it is, or null.</summary>
    public static ILoopOperation? Loop(IBranchOperation jump, out bool isBreak)
    {
        isBreak = false;
        if (jump.BranchKind != BranchKind.GoTo || !jump.Syntax.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.GotoStatement)) return null;
        ILoopOperation? loop = null;
        for (var p = jump.Parent; p is not null; p = p.Parent)
        {
            // A goto in a lambda or local function jumps inside it.
            if (p is IAnonymousFunctionOperation or ILocalFunctionOperation) return null;
            if (p is ILoopOperation l) { loop = l; break; }
        }
        if (loop is null) return null;
        if (EndsBody(loop, jump.Target)) return loop;
        if (LabelsNext(loop, jump.Target)) { isBreak = true; return loop; }
        return null;
    }

    /// <summary>True when <paramref name="jump"/> is a goto lowered as a continue or break (<see cref="Loop"/>).</summary>
    public static bool IsLoopJump(IBranchOperation jump) => Loop(jump, out _) is not null;

    /// <summary>The label stands in the body's own block with nothing but empty statements (and labels of them) from it on.</summary>
    private static bool EndsBody(ILoopOperation loop, ILabelSymbol label)
    {
        if (loop.Body is not IBlockOperation block) return false;
        bool found = false;
        foreach (var statement in block.Operations)
        {
            if (!found)
            {
                found = statement is ILabeledOperation labeled && SymbolEqualityComparer.Default.Equals(labeled.Label, label);
                if (!found) continue;
            }
            if (!Empty(statement)) return false;
        }
        return found;
    }

    private static bool Empty(IOperation statement) => statement switch
    {
        IEmptyOperation => true,
        ILabeledOperation { Operation: null } => true,
        ILabeledOperation { Operation: { } inner } => Empty(inner),
        _ => false,
    };

    /// <summary>The statement right after the loop, in the block holding it, carries the label.</summary>
    private static bool LabelsNext(ILoopOperation loop, ILabelSymbol label)
    {
        if (loop.Parent is not IBlockOperation block) return false;
        for (int i = 0; i + 1 < block.Operations.Length; i++)
        {
            if (!ReferenceEquals(block.Operations[i], loop)) continue;
            return block.Operations[i + 1] is ILabeledOperation labeled && SymbolEqualityComparer.Default.Equals(labeled.Label, label);
        }
        return false;
    }
}
