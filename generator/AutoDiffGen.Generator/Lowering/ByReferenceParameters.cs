using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Parameters passed by reference (<c>ref</c>, <c>out</c>, <c>in</c>, <c>ref readonly</c>) of a [Differentiable] method.
/// Supported for double and float: a <c>ref</c> parameter is an input and an output, an <c>out</c> one an output,
/// an <c>in</c> one an input like a by-value parameter. The adjoint shapes are in docs/ref-out.md.
/// </summary>
internal static class ByReferenceParameters
{
    /// <summary>A by-reference parameter the generator differentiates.</summary>
    public static bool Supported(IParameterSymbol p) =>
        p.RefKind is RefKind.Ref or RefKind.Out or RefKind.In or RefKind.RefReadOnlyParameter
        && p.Type.SpecialType is SpecialType.System_Double or SpecialType.System_Single;

    /// <summary>An <c>in</c> struct of reals, an input like a by-value one (<see cref="Derivatives.ValueKinds.IsInStruct"/>).</summary>
    public static bool IsInStruct(IParameterSymbol p) => Derivatives.ValueKinds.IsInStruct(p);

    /// <summary>The keyword as written.</summary>
    public static string Keyword(IParameterSymbol p) => p.RefKind switch
    {
        RefKind.Ref => "ref",
        RefKind.Out => "out",
        RefKind.In => "in",
        RefKind.RefReadOnlyParameter => "ref readonly",
        _ => "",
    };

    /// <summary>The keyword the generated methods declare it with: a <c>ref readonly</c> parameter is only read, like <c>in</c>.</summary>
    public static string ModelKind(IParameterSymbol p) => p.RefKind switch
    {
        RefKind.Ref => "ref",
        RefKind.Out => "out",
        RefKind.In or RefKind.RefReadOnlyParameter => "in",
        _ => "",
    };

    /// <summary>The method leaves a value in it for its caller.</summary>
    public static bool IsOutput(IParameterSymbol p) => p.RefKind is RefKind.Ref or RefKind.Out;
}
