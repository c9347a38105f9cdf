using System.Collections.Generic;
using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Derivatives;

/// <summary>
/// <c>double?</c> and <c>float?</c> locals: carried as two components, <c>HasValue</c> (a bool, discrete) and <c>Value</c>
/// (the real, with its adjoint and tangent), like a struct of reals (<see cref="RealStructs.Components"/>). The lowering
/// keeps <c>Value</c> at 0 while <c>HasValue</c> is false, as <c>GetValueOrDefault()</c> reads it. A parameter of such a
/// type stays refused (ADG0006) unless it is [NoDiff]: it has no adjoint shape in the contract.
/// </summary>
internal static class NullableReals
{
    /// <summary>The message C# gives for <c>.Value</c> of a null nullable (Backward throws what the method throws).</summary>
    public const string NoValue = "throw new global::System.InvalidOperationException(\"Nullable object must have a value.\")";

    /// <summary>Nullable&lt;double&gt; or Nullable&lt;float&gt;.</summary>
    public static bool Is(ITypeSymbol? type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
        && nullable.TypeArguments[0].SpecialType is SpecialType.System_Double or SpecialType.System_Single;

    /// <summary>The real a nullable real holds: double or float.</summary>
    public static ScalarType ValueType(ITypeSymbol type) =>
        ((INamedTypeSymbol)type).TypeArguments[0].SpecialType == SpecialType.System_Single ? ScalarType.Float : ScalarType.Double;

    /// <summary>Its components: HasValue (index 0) and Value (index 1).</summary>
    public static IReadOnlyList<StructComponent> Components(ITypeSymbol type) => ValueType(type) == ScalarType.Float ? FloatParts : DoubleParts;

    private static readonly IReadOnlyList<StructComponent> DoubleParts = new[] { new StructComponent("HasValue", ScalarType.Other, "bool"), new StructComponent("Value", ScalarType.Double) };
    private static readonly IReadOnlyList<StructComponent> FloatParts = new[] { new StructComponent("HasValue", ScalarType.Other, "bool"), new StructComponent("Value", ScalarType.Float) };

    /// <summary>A nullable real rebuilt from its components' text, for constant text that reads it whole.</summary>
    public static string Rebuild(ITypeSymbol type, string hasValue, string value)
    {
        string nullable = "global::System.Nullable<" + (ValueType(type) == ScalarType.Float ? "float" : "double") + ">";
        return "(" + hasValue + " ? new " + nullable + "(" + value + ") : default(" + nullable + "))";
    }
}
