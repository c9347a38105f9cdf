using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// StatementLowering: forward <c>goto</c>s and <c>try</c>/<c>finally</c>, both rewritten into statements the graph has.
/// <c>if (c) { A; goto L; } B; L: C;</c> is <c>if (c) { A; C; } else { B; C; }</c>: the branch that jumps takes the
/// statements from the label on, the other the rest, as an early return takes the rest along. A <c>try</c>/<c>finally</c>
/// whose finally only assigns locals runs its body and then its finally: where the body throws, the exception leaves
/// the method (and its Backward) and what the finally would assign is never seen.
/// </summary>
internal sealed partial class StatementLowering
{
    /// <summary>
    /// The index in <paramref name="statements"/>, after <paramref name="at"/>, of the label that the last statement of
    /// <paramref name="branch"/> (a <c>goto L;</c>) jumps to; -1 when it is no such jump.
    /// </summary>
    private static int ForwardLabel(List<IOperation> branch, List<IOperation> statements, int at)
    {
        if (branch.Count == 0 || branch[branch.Count - 1] is not IBranchOperation { BranchKind: BranchKind.GoTo } jump) return -1;
        for (int m = at + 1; m < statements.Count; m++)
        {
            if (statements[m] is ILabeledOperation labeled && SymbolEqualityComparer.Default.Equals(labeled.Label, jump.Target)) return m;
        }
        return -1;
    }

    /// <summary>
    /// A goto somewhere inside <paramref name="branch"/> (in a nested if, not in a lambda or local function) to a label
    /// among <paramref name="statements"/> after <paramref name="at"/>: <c>if (a) { A; if (b) goto done; B; } C; done: D;</c>.
    /// The branch takes the rest along, so the nested if finds the label in its own block (<see cref="ForwardLabel"/>).
    /// </summary>
    private static bool JumpsForward(List<IOperation> branch, List<IOperation> statements, int at)
    {
        var labels = new HashSet<ILabelSymbol>(SymbolEqualityComparer.Default);
        for (int m = at + 1; m < statements.Count; m++)
        {
            if (statements[m] is ILabeledOperation labeled) labels.Add(labeled.Label);
        }
        return labels.Count > 0 && branch.Any(s => s.DescendantsAndSelf().Any(d =>
            d is IBranchOperation { BranchKind: BranchKind.GoTo } jump && labels.Contains(jump.Target) && !InsideFunction(d, s)));
    }

    /// <summary>
    /// An if one of whose branches ends in a forward goto (<see cref="ForwardLabel"/>): each branch takes the statements
    /// it runs next (from the label on, or the rest), and the if is lowered with them.
    /// </summary>
    private bool LowerForwardGoto(IConditionalOperation conditional, List<IOperation> then, List<IOperation> otherwise, List<IOperation> statements, int i)
    {
        int thenLabel = ForwardLabel(then, statements, i), elseLabel = ForwardLabel(otherwise, statements, i);
        var rest = statements.GetRange(i + 1, statements.Count - i - 1);
        if (!TakeJump(then, statements, thenLabel, rest, Ends(conditional.WhenTrue), conditional)) return false;
        if (!TakeJump(otherwise, statements, elseLabel, rest, Ends(conditional.WhenFalse), conditional)) return false;
        return LowerIf(LowerCondition(conditional.Condition), () => LowerStatements(then, 0), () => LowerStatements(otherwise, 0), conditional,
            "if (" + Describe.Source(conditional.Condition.Syntax) + ")");
    }

    private bool TakeJump(List<IOperation> branch, List<IOperation> statements, int label, List<IOperation> rest, bool ends, IOperation at)
    {
        if (label >= 0)
        {
            branch.RemoveAt(branch.Count - 1);
            return Continue(branch, statements.GetRange(label, statements.Count - label), true, at);
        }
        return ends || Continue(branch, rest, true, at);
    }

    /// <summary><c>L: S</c>: the statement itself (a goto that reaches the label another way is reported where it is).</summary>
    private static List<IOperation> Unlabeled(ILabeledOperation labeled, List<IOperation> statements, int i)
    {
        var next = Flatten(labeled.Operation);
        next.AddRange(statements.GetRange(i + 1, statements.Count - i - 1));
        return next;
    }

    /// <summary>Why a goto to a label is not lowered, and what to write instead.</summary>
    private void UnsupportedGoto(IBranchOperation jump)
    {
        bool backward = jump.Target.Locations.FirstOrDefault() is { IsInSource: true } label && label.SourceSpan.Start < jump.Syntax.SpanStart;
        if (backward)
        {
            Unsupported(jump, "A 'goto' back to an earlier label ('" + Describe.Snippet(jump.Syntax) + "')",
                "it makes a loop: write it as one, do { … } while (…);");
        }
        else
        {
            Unsupported(jump, "A 'goto' that does not end a branch of an 'if' (outside loops, switches and try blocks) inside the block that holds its label ('" + Describe.Snippet(jump.Syntax) + "')",
                "jump forward from the end of an if's branch, ifs nested as deep as you like, to a label later in the enclosing block (if (c) { …; if (d) goto done; … } … done: …), or write the skipped statements under if (!c)");
        }
    }

    /// <summary>
    /// The statements a <c>try</c>/<c>finally</c> runs when its body does not throw (its body, then its finally), or null
    /// after reporting one that cannot be lowered so: a break, continue or goto out of the body, or a finally that
    /// does more than assign locals. A return out of the body is lowered as it is: after it, what the finally assigns is dead.
    /// </summary>
    private List<IOperation>? TryFinally(ITryOperation @try)
    {
        if (@try.Finally is null || !FinallyAssignsOnly(@try)) return null;
        var statements = Flatten(@try.Body);
        statements.AddRange(Flatten(@try.Finally));
        return statements;
    }

    /// <summary>
    /// The try's finally only assigns locals, and no break, continue or goto leaves its body (or its catch); reports the
    /// first that does.
    /// </summary>
    private bool FinallyAssignsOnly(ITryOperation @try)
    {
        // A return may leave: the finally then only assigns locals that nothing reads any more. A break, continue or goto
        // would carry what it assigns on.
        var leaves = @try.Body.Descendants().Concat(@try.Catches.SelectMany(c => c.Handler.Descendants()))
            .FirstOrDefault(d => d is IBranchOperation { BranchKind: BranchKind.GoTo } && !InsideFunction(d, @try)
                || d is IBranchOperation { BranchKind: BranchKind.Break or BranchKind.Continue } jump && !JumpsWithin(jump, @try));
        if (leaves is not null)
        {
            Unsupported(leaves, "A 'break', 'continue' or 'goto' that leaves a 'try' with a 'finally'", "set a flag and leave after the try/finally");
            return false;
        }
        var loud = @try.Finally!.Descendants().FirstOrDefault(d => !Quiet(d));
        if (loud is not null)
        {
            Unsupported(loud, "A 'finally' block that does more than assign locals ('" + Describe.Snippet(loud.Syntax) + "')",
                "move it out of the differentiable method: the Backward does not run the finally where the method throws");
            return false;
        }
        return true;
    }

    /// <summary>A break or continue whose loop (or switch) is inside <paramref name="root"/>.</summary>
    private static bool JumpsWithin(IBranchOperation jump, IOperation root) =>
        root.Descendants().Any(d => d is ILoopOperation loop && (SymbolEqualityComparer.Default.Equals(loop.ExitLabel, jump.Target) || SymbolEqualityComparer.Default.Equals(loop.ContinueLabel, jump.Target))
            || d is ISwitchOperation @switch && SymbolEqualityComparer.Default.Equals(@switch.ExitLabel, jump.Target));

    /// <summary>Part of a finally that only computes and assigns locals (and by-value parameters): nothing seen outside the method.</summary>
    private static bool Quiet(IOperation op) => op switch
    {
        IInvocationOperation call => MathFunctions.IsMathLike(call.TargetMethod),
        ISimpleAssignmentOperation or ICompoundAssignmentOperation or IIncrementOrDecrementOperation or IDeconstructionAssignmentOperation => true,
        ILocalReferenceOperation { Local.IsRef: false } or IParameterReferenceOperation { Parameter.RefKind: RefKind.None } => true,
        IThrowOperation or IObjectCreationOperation or IArrayCreationOperation or IAnonymousFunctionOperation or ILocalFunctionOperation or IBranchOperation
            or IReturnOperation or IFieldReferenceOperation or IPropertyReferenceOperation or IArrayElementReferenceOperation or IEventReferenceOperation
            or ILoopOperation or ITryOperation or IUsingOperation or ILockOperation or ILabeledOperation or IDynamicInvocationOperation => false,
        _ => true,
    };
}
