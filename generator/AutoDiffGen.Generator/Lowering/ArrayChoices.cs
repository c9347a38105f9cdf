using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// <c>var w = weights ?? new[] { 1.0, 1.0 };</c>, <c>double[] w = c ? a : b;</c>: a <c>double[]</c>/<c>float[]</c> local chosen at
/// run time between arrays and only read afterwards (<c>w[i]</c>, <c>w.Length</c>). It is carried as a read-only span view
/// (<see cref="SpanViews"/>, <see cref="LoweringContext.SpanAlias"/>): a tag says which array the forward sweep chose, so
/// the reverse sweep adds into that array's adjoint and no other. An array created in the choice is made before it,
/// under the local's own name (only one that cannot throw: an initializer or a constant length).
/// </summary>
internal static class ArrayChoices
{
    /// <summary>A declaration of a real array local whose value is a <c>?:</c> or <c>??</c>.</summary>
    public static bool IsChoice(IVariableDeclaratorOperation declarator)
    {
        if (declarator.Symbol is not { IsRef: false, Type: IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Double or SpecialType.System_Single } }) return false;
        var value = (declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer)?.Value;
        while (value is IConversionOperation { IsImplicit: true } conversion) value = conversion.Operand;
        return value is IConditionalOperation { WhenFalse: not null } or ICoalesceOperation;
    }

    /// <summary>The local is only read here: an element read (<c>w[i]</c>) or its <c>Length</c>.</summary>
    public static bool IsRead(ILocalReferenceOperation reference)
    {
        if (reference.Syntax.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.RefExpressionSyntax) return false;
        switch (reference.Parent)
        {
            case IPropertyReferenceOperation { Property.Name: "Length" }:
                return true;
            case IArrayElementReferenceOperation element when element.ArrayReference == reference:
                var use = element.Parent;
                if (element.Syntax.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.RefExpressionSyntax) return false;
                return use switch
                {
                    IAssignmentOperation assignment => assignment.Target != element,
                    IIncrementOrDecrementOperation => false,
                    IArgumentOperation { Parameter.RefKind: not RefKind.None } => false,
                    // A deconstruction's target.
                    ITupleOperation => false,
                    _ => true,
                };
            default:
                return false;
        }
    }

    /// <summary>
    /// An array creation that cannot throw (it is made before the choice, also where C# would not make it): a constant
    /// length of at least zero, or an initializer of reads, real arithmetic and Math functions.
    /// </summary>
    public static bool CannotThrow(IArrayCreationOperation creation) =>
        creation.DimensionSizes.Length == 1
        && (creation.Initializer is { } initializer ? initializer.ElementValues.All(Safe) : creation.DimensionSizes[0].ConstantValue is { HasValue: true, Value: int n } && n >= 0);

    private static bool Safe(IOperation op) => op switch
    {
        _ when op.ConstantValue.HasValue => true,
        ILocalReferenceOperation or IParameterReferenceOperation => true,
        IConversionOperation { OperatorMethod: null } conversion => IsReal(conversion.Type) && IsReal(conversion.Operand.Type) && Safe(conversion.Operand),
        IUnaryOperation { OperatorMethod: null } unary => IsReal(unary.Type) && Safe(unary.Operand),
        IBinaryOperation { OperatorMethod: null } binary => IsReal(binary.Type) && Safe(binary.LeftOperand) && Safe(binary.RightOperand),
        IInvocationOperation { Instance: null, TargetMethod.ContainingType: { Name: "Math", ContainingNamespace.Name: "System" } } call => IsReal(call.Type) && call.Arguments.All(a => Safe(a.Value)),
        _ => false,
    };

    private static bool IsReal(ITypeSymbol? type) => type?.SpecialType is SpecialType.System_Double or SpecialType.System_Single;
}
