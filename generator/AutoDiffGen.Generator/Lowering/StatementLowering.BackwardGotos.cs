using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// StatementLowering: a goto back to an earlier label that is a do/while as written. <c>L: S1; …; Sk; if (c) goto L;</c>,
/// the label and the if in one block, is <c>do { S1; …; Sk; } while (c);</c> when nothing else jumps to L, into the
/// statements or out of them: lowered as that loop, tape and all. Any other backward goto stays ADG0002 at the goto.
/// </summary>
internal sealed partial class StatementLowering
{
    /// <summary>
    /// The index in <paramref name="statements"/> of the <c>if (c) goto L;</c> that closes the loop the label at
    /// <paramref name="i"/> starts (the last, so that an earlier one is a second jump to the label), or -1 when no such if
    /// follows it in the same block.
    /// </summary>
    private static int ClosingGoto(ILabeledOperation labeled, List<IOperation> statements, int i)
    {
        for (int j = statements.Count - 1; j > i; j--)
        {
            if (statements[j] is IConditionalOperation { WhenFalse: null } conditional && Flatten(conditional.WhenTrue) is { Count: 1 } then
                && then[0] is IBranchOperation { BranchKind: BranchKind.GoTo } jump && SymbolEqualityComparer.Default.Equals(jump.Target, labeled.Label))
            {
                return j;
            }
        }
        return -1;
    }

    /// <summary>
    /// Lowers statements[i..j] (the label's statement to the closing if) as a do/while; false after reporting what keeps
    /// them from being one: a return, a goto or a label inside them, a break or continue that leaves them, or another
    /// goto to the label.
    /// </summary>
    private bool LowerBackwardGoto(ILabeledOperation labeled, List<IOperation> statements, int i, int j)
    {
        var closing = (IConditionalOperation)statements[j];
        var jump = (IBranchOperation)Flatten(closing.WhenTrue)[0];
        var span = statements.GetRange(i, j - i + 1);
        var inside = span.SelectMany(s => s.DescendantsAndSelf()).ToList();
        IOperation top = OperationRoots.Of(labeled);
        var offender = inside.FirstOrDefault(d => d is IReturnOperation { Kind: OperationKind.Return } r && !InsideFunction(r, top)
                || d is IBranchOperation { BranchKind: BranchKind.GoTo } other && !ReferenceEquals(other, jump)
                || d is ILabeledOperation nested && !ReferenceEquals(nested, labeled)
                || d is IBranchOperation { BranchKind: BranchKind.Break or BranchKind.Continue } b && JumpsOutOf(b, span.First(s => s.Syntax.Span.Contains(b.Syntax.Span))))
            ?? top.Descendants().FirstOrDefault(d => d is IBranchOperation { BranchKind: BranchKind.GoTo } other && !ReferenceEquals(other, jump)
                && SymbolEqualityComparer.Default.Equals(other.Target, labeled.Label));
        if (offender is not null)
        {
            Unsupported(offender, "A jump into, out of or inside the statements a backward 'goto' repeats ('" + Describe.Snippet(offender.Syntax) + "')",
                "a backward goto is lowered as do { … } while (…); when only the 'if (…) goto " + labeled.Label.Name + ";' that ends them jumps: write the loop as do { … } while (…); with break or a flag");
            return false;
        }
        var body = Flatten(labeled.Operation);
        body.AddRange(statements.GetRange(i + 1, j - i - 1));
        var shape = new LoopShape(jump, span, body, exit: null, next: null, TextSpan.FromBounds(labeled.Syntax.SpanStart, closing.Syntax.Span.End));
        var condition = closing.Condition;
        string label = "do … while (" + Describe.Source(condition.Syntax) + ") (" + labeled.Label.Name + ": … goto " + labeled.Label.Name + ";)";
        bool Body()
        {
            RejectThrowingBody(LowerStatements(body, 0), jump);
            return false;
        }
        if (EmbeddedEffects.Assigns(condition) || CallsWriting(condition)) LowerLoopWithAssigningTest(shape, condition, conditionFirst: false, label, Body);
        else LowerLoopCore(shape, AssignedVariables(shape), conditionFirst: false, label, () => LowerCondition(condition), Body);
        return true;
    }
}
