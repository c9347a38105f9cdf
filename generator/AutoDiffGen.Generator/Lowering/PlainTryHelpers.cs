using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using Microsoft.CodeAnalysis;

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
    public static bool IsTryShaped(IMethodSymbol method) =>
        method.MethodKind == MethodKind.Ordinary && method.IsStatic && !method.ReturnsVoid && !method.ReturnsByRef && !method.ReturnsByRefReadonly
        && !method.IsGenericMethod && !method.IsExtern && !method.IsAbstract
        && method.ContainingType is { IsGenericType: false }
        && method.ReturnType.SpecialType is SpecialType.System_Boolean or SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Double or SpecialType.System_Single
        && method.Parameters.Any(p => p.RefKind is RefKind.Ref or RefKind.Out) && !method.Parameters.Any(p => p.IsParams)
        && !method.DeclaringSyntaxReferences.IsEmpty && (PlainHelpers.IsUnmarked(method) || IsNoDiffWithRefs(method));

    /// <summary>
    /// A static [NoDiff] method of the user's source with ref/out parameters (<c>[NoDiff] static double Count(ref int k, double v)</c>,
    /// idioms13b): its body is inlined as a plain helper's is, so that what it leaves in its ref/out arguments is known,
    /// and its value and those arguments are then cut (constants: no adjoint or tangent flows through them). A ref
    /// argument that carries a gradient into it stays ADG0016 (GradientLeaks).
    /// </summary>
    public static bool IsNoDiffWithRefs(IMethodSymbol method) =>
        method.IsStatic && NoDiffMethods.IsNoDiff(method) && !DerivativeResolver.IsDifferentiable(method) && method.Parameters.Any(p => p.RefKind is RefKind.Ref or RefKind.Out);
}
