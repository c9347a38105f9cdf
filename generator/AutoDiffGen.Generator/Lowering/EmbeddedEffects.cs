using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Assignments, ++/-- and local-function calls written inside expressions, and throw expressions beside a value. They are lowered where they stand,
/// in C# order; these questions find the places where that order or that evaluation is not certain.
/// </summary>
internal static class EmbeddedEffects
{
    /// <summary>An operation lowered in place by <see cref="LoweringContext.LowerEmbedded"/>.</summary>
    public static bool IsEmbedded(IOperation op) =>
        op is IAssignmentOperation or IIncrementOrDecrementOperation
        || op is IInvocationOperation { TargetMethod.MethodKind: MethodKind.LocalFunction }
        || op is IInvocationOperation { TargetMethod.MethodKind: MethodKind.DelegateInvoke } invoke && LambdaLocals.Lambda(invoke) is not null
        || ThrowEffects.IsBeside(op);

    /// <summary>True when evaluating <paramref name="op"/> assigns a variable (an assignment or ++/-- somewhere in it).</summary>
    public static bool Assigns(IOperation? op) =>
        op is not null && op.DescendantsAndSelf().Any(d => d is IAssignmentOperation or IIncrementOrDecrementOperation);

    /// <summary>
    /// The first argument that assigns something when the arguments are not written in parameter order: they are
    /// lowered in parameter order, but C# evaluates them as written. Null when the order is safe.
    /// </summary>
    public static IArgumentOperation? OutOfOrder(ImmutableArray<IArgumentOperation> arguments)
    {
        int last = -1;
        bool ordered = true;
        foreach (var argument in arguments)
        {
            int ordinal = argument.Parameter?.Ordinal ?? last;
            if (ordinal < last) ordered = false;
            last = ordinal;
        }
        return ordered ? null : arguments.FirstOrDefault(a => Assigns(a.Value));
    }

    /// <summary>
    /// The expression that evaluates <paramref name="op"/> only on some paths (a ?: branch, the right of &amp;&amp;,
    /// || or ??, a switch arm, ?.), up to the statement it is in; null when it always runs.
    /// </summary>
    public static IOperation? Conditionally(IOperation op)
    {
        for (IOperation child = op, parent = op.Parent!; parent is not null && child.Syntax is not StatementSyntax; child = parent, parent = parent.Parent!)
        {
            if (parent.Syntax is StatementSyntax && parent is not IExpressionStatementOperation) return null;
            switch (parent)
            {
                case IConditionalOperation c when child != c.Condition:
                    return parent;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } b when child == b.RightOperand:
                    return parent;
                case ICoalesceOperation c when child == c.WhenNull:
                    return parent;
                case ICoalesceAssignmentOperation c when child == c.Value:
                    return parent;
                case IConditionalAccessOperation c when child == c.WhenNotNull:
                    return parent;
                case ISwitchExpressionArmOperation:
                    return parent;
                case IAnonymousFunctionOperation:
                    return parent;
            }
        }
        return null;
    }
}
