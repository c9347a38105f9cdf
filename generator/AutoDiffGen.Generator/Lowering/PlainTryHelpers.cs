using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// The Try pattern through a plain helper (issue 13, try12): <c>if (TrySqrt(x, out var r)) …</c>,
/// <c>TryInvert(x, out var inv) ? inv * inv : 0</c>. A static helper of the user's source that is not [Differentiable],
/// returns a scalar (a bool, an integer or a real) and leaves results in ref/out arguments is lowered where the call
/// stands, as a local function with out parameters is (StatementLowering.LocalFunctions): its value is what it returns
/// and each out/ref argument is assigned as the body assigns it, in C# order, in every mode. This answers only the
/// shape, without a compilation, so that <see cref="EmbeddedEffects.IsEmbedded"/> (a static question) can ask it; what
/// the body does is judged where it is inlined, and every refusal there is one ADG0004 at the call.
/// </summary>
internal static class PlainTryHelpers
{
    /// <summary>True for a value-returning static helper in source with a ref/out parameter (see the class).</summary>
    /// <remarks>
    /// Also a plain helper returning such a value that writes into an element of an array it is passed
    /// (<c>static double Normalize(double[] v)</c>, idioms14b, <see cref="WritesArrayParameter"/>): inlined the same way,
    /// its array parameter stands for the caller's array, whose stores are the caller's (ArrayWrites.Inlined).
    /// </remarks>
    public static bool IsTryShaped(IMethodSymbol method) =>
        method.MethodKind == MethodKind.Ordinary && method.IsStatic && !method.ReturnsVoid && !method.ReturnsByRef && !method.ReturnsByRefReadonly
        && !method.IsGenericMethod && !method.IsExtern && !method.IsAbstract
        && method.ContainingType is { IsGenericType: false }
        && method.ReturnType.SpecialType is SpecialType.System_Boolean or SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Double or SpecialType.System_Single
        && !method.Parameters.Any(p => p.IsParams) && !method.DeclaringSyntaxReferences.IsEmpty
        && (method.Parameters.Any(p => p.RefKind is RefKind.Ref or RefKind.Out) && (PlainHelpers.IsUnmarked(method) || IsNoDiffWithRefs(method))
            || PlainHelpers.IsUnmarked(method) && WritesArrayParameter(method));

    /// <summary>
    /// The helper's own text stores into (or ++/--) an element of one of its by-value real array parameters
    /// (<c>v[i] /= s</c>). A syntactic question, as the rest of the shape is: a write through a call it makes is not seen
    /// here, and stays refused where the helper is inlined as a plain value helper.
    /// </summary>
    public static bool WritesArrayParameter(IMethodSymbol method)
    {
        var arrays = method.Parameters.Where(ArrayWrites.IsWritableArray).Select(p => p.Name).ToList();
        if (arrays.Count == 0 || method.DeclaringSyntaxReferences.Length != 1) return false;
        return method.DeclaringSyntaxReferences[0].GetSyntax().DescendantNodes().Any(n => n switch
        {
            AssignmentExpressionSyntax assignment => NamesElementOf(assignment.Left, arrays),
            PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression } prefix => NamesElementOf(prefix.Operand, arrays),
            PostfixUnaryExpressionSyntax postfix => NamesElementOf(postfix.Operand, arrays),
            _ => false,
        });
    }

    private static bool NamesElementOf(ExpressionSyntax target, List<string> arrays) =>
        target is ElementAccessExpressionSyntax { Expression: IdentifierNameSyntax name } && arrays.Contains(name.Identifier.ValueText);

    /// <summary>
    /// A static [NoDiff] method of the user's source with ref/out parameters (<c>[NoDiff] static double Count(ref int k, double v)</c>,
    /// idioms13b): its body is inlined as a plain helper's is, so that what it leaves in its ref/out arguments is known,
    /// and its value and those arguments are then cut (constants: no adjoint or tangent flows through them). A ref
    /// argument that carries a gradient into it stays ADG0016 (GradientLeaks).
    /// </summary>
    public static bool IsNoDiffWithRefs(IMethodSymbol method) =>
        method.IsStatic && NoDiffMethods.IsNoDiff(method) && !DerivativeResolver.IsDifferentiable(method) && method.Parameters.Any(p => p.RefKind is RefKind.Ref or RefKind.Out);
}
