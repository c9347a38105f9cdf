using AutoDiffGen.Generator.Derivatives;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// ConstantRenderer: a <c>double?</c>/<c>float?</c> local carried as its components (<see cref="NullableReals"/>) read in
/// text (a condition, an index): <c>z.HasValue</c> is its HasValue, <c>z.GetValueOrDefault()</c> its Value, and
/// <c>z.Value</c> its Value or the InvalidOperationException C# throws.
/// </summary>
internal sealed partial class ConstantRenderer
{
    private static bool IsNull(Microsoft.CodeAnalysis.IOperation op) =>
        (op is IConversionOperation { IsImplicit: true } c ? c.Operand : op) is { ConstantValue: { HasValue: true, Value: null } };

    private string? CarriedNullable(Microsoft.CodeAnalysis.IOperation op)
    {
        Microsoft.CodeAnalysis.IOperation? instance = op switch
        {
            IPropertyReferenceOperation { Property.Name: "HasValue" or "Value", Instance: { } i } => i,
            IInvocationOperation { TargetMethod.Name: "GetValueOrDefault", Arguments.Length: 0, Instance: { } i } => i,
            IConversionOperation { OperatorMethod: null, Operand: var i, Type.SpecialType: Microsoft.CodeAnalysis.SpecialType.System_Double or Microsoft.CodeAnalysis.SpecialType.System_Single } => i,
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals, LeftOperand: var i, RightOperand: var none } when IsNull(none) => i,
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals, LeftOperand: var none, RightOperand: var i } when IsNull(none) => i,
            _ => null,
        };
        if (instance is null || !NullableReals.Is(instance.Type) || !StructPaths.TryGet(instance, _context, out var variable, out var path) || path.Length != 0 || !_context.IsCarriedStruct(variable)) return null;
        int has = _context.Current(_context.Component(variable, "HasValue"));
        int value = _context.Current(_context.Component(variable, "Value"));
        if (has < 0 || value < 0) return null;
        string h = _context.Nodes[has].Name, v = _context.Nodes[value].Name;
        // Only the components the text reads are its dependencies (an unread Value would be kept, an unused local).
        string text = op switch
        {
            IPropertyReferenceOperation { Property.Name: "HasValue" } => h,
            IBinaryOperation { OperatorKind: BinaryOperatorKind.NotEquals } => h,
            IBinaryOperation => "!" + h,
            IPropertyReferenceOperation or IConversionOperation => "(" + h + " ? " + v + " : " + NullableReals.NoValue + ")",
            _ => v,
        };
        if (text != v) Dependencies.Add(has);
        if (text != h && text != "!" + h) Dependencies.Add(value);
        return text;
    }
}
