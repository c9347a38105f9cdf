using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Lowering;

internal sealed partial class ConstantRenderer
{
    /// <summary>
    /// An operator of System.Numerics' value types (<c>new Complex(2, 0) * new Complex(0, 1)</c>, <c>Vector2.One * 2f</c>) in
    /// an expression that carries no gradient, e.g. the argument of <c>Complex.Abs(…)</c>: written back as the same operator
    /// on the same operands. These operators are pure functions of their operands, so the text means what the user wrote;
    /// a user type's operator may read or change state and stays refused (ADG0003).
    /// </summary>
    private static bool IsNumericsOperator(IMethodSymbol method) =>
        method.ContainingType is { TypeKind: TypeKind.Struct } type
        && type.ContainingNamespace is { Name: "Numerics", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } }
        && type.Name is "Complex" or "Vector2" or "Vector3" or "Vector4" or "Quaternion" or "Matrix3x2" or "Matrix4x4" or "Plane";
}
