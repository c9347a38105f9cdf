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
        || op is IInvocationOperation tryCall && PlainTryHelpers.IsTryShaped(tryCall.TargetMethod)
        || ThrowEffects.IsBeside(op)
        || Branches(op);

    /// <summary>
    /// A short-circuit (<c>a &amp;&amp; (y = x * x) &gt; 1</c>, <c>||</c>) or a ?: used as a value (<c>c ? (a = x) : (b = y)</c>)
    /// whose conditionally evaluated part assigns: lowered as if/else, so that the reverse sweep knows which assignments
    /// ran. Not when that part throws or calls a local function or lambda (those stay reported), nor for a ref ?:.
    /// </summary>
    public static bool Branches(IOperation op)
    {
        IOperation[]? sometimes = op switch
        {
            IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr, OperatorMethod: null, Type.SpecialType: SpecialType.System_Boolean } b => new[] { b.RightOperand },
            IConditionalOperation { WhenFalse: { } whenFalse, IsRef: false, Type: { } type } c when c.Syntax is ConditionalExpressionSyntax && Chosen(type) => new[] { c.WhenTrue, whenFalse },
            _ => null,
        };
        if (sometimes is null) return false;
        var parts = sometimes.SelectMany(p => p.DescendantsAndSelf()).ToList();
        // A Try-shaped helper there (x > 0 && TryG(x, out var r), idioms13b) assigns its out/ref arguments only when it runs:
        // in a branch of its own, its out variables get a default first (StatementLowering.ShortCircuits).
        return parts.Any(d => d is IAssignmentOperation or IIncrementOrDecrementOperation || d is IInvocationOperation tryCall && PlainTryHelpers.IsTryShaped(tryCall.TargetMethod))
            && !parts.Any(d => d is IThrowOperation or IAnonymousFunctionOperation or IInvocationOperation { TargetMethod.MethodKind: MethodKind.LocalFunction or MethodKind.DelegateInvoke });
    }

    /// <summary>A ?: value the branches can carry: a real, a bool or an integer.</summary>
    private static bool Chosen(ITypeSymbol type) =>
        type.SpecialType is SpecialType.System_Double or SpecialType.System_Single or SpecialType.System_Boolean or SpecialType.System_Int32 or SpecialType.System_Int64;

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
    /// || or ??, a switch arm, ?.), up to the statement it is in; null when it always runs. A short-circuit or ?: that
    /// <see cref="Branches"/> runs its part in a branch of its own, where it always runs: the walk goes on above it.
    /// </summary>
    public static IOperation? Conditionally(IOperation op)
    {
        for (IOperation child = op, parent = op.Parent!; parent is not null && child.Syntax is not StatementSyntax; child = parent, parent = parent.Parent!)
        {
            if (parent.Syntax is StatementSyntax && parent is not IExpressionStatementOperation) return null;
            switch (parent)
            {
                case IConditionalOperation c when child != c.Condition:
                    if (Branches(parent)) continue;
                    return parent;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } b when child == b.RightOperand:
                    if (Branches(parent)) continue;
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
