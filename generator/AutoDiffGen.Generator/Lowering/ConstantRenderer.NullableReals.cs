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
    private string? CarriedNullable(Microsoft.CodeAnalysis.IOperation op)
    {
        Microsoft.CodeAnalysis.IOperation? instance = op switch
        {
            IPropertyReferenceOperation { Property.Name: "HasValue" or "Value", Instance: { } i } => i,
            IInvocationOperation { TargetMethod.Name: "GetValueOrDefault", Arguments.Length: 0, Instance: { } i } => i,
            _ => null,
        };
        if (instance is null || !NullableReals.Is(instance.Type) || !StructPaths.TryGet(instance, _context, out var variable, out var path) || path.Length != 0 || !_context.IsCarriedStruct(variable)) return null;
        int has = _context.Current(_context.Component(variable, "HasValue"));
        int value = _context.Current(_context.Component(variable, "Value"));
        if (has < 0 || value < 0) return null;
        Dependencies.Add(has);
        Dependencies.Add(value);
        string h = _context.Nodes[has].Name, v = _context.Nodes[value].Name;
        return op switch
        {
            IPropertyReferenceOperation { Property.Name: "HasValue" } => h,
            IPropertyReferenceOperation => "(" + h + " ? " + v + " : " + NullableReals.NoValue + ")",
            _ => v,
        };
    }
}
