using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Which generic methods are differentiated (generic math, <c>T M&lt;T&gt;(T x) where T : IFloatingPointIeee754&lt;T&gt;</c>):
/// one type parameter of the method, constrained to a floating-point type (<c>IFloatingPoint&lt;T&gt;</c>, which every
/// IEEE type and <c>decimal</c> implement), in non-generic types, under C# 11 or later. The body is then read as the
/// same method over <c>double</c> (<c>Lowering/GenericSource</c>) and the result written back over <c>T</c>.
/// </summary>
internal static class GenericMethods
{
    /// <summary>Why a generic method is not differentiated (the text after "is generic: "), or null when it is.</summary>
    public static string? Why(IMethodSymbol method, LanguageVersion? version)
    {
        if (method.TypeParameters.Length != 1)
        {
            return "it has " + method.TypeParameters.Length + " type parameters, and a differentiated generic method has one, the real type T; make the others concrete types";
        }
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.IsGenericType)
            {
                return "its containing type '" + type.Name + "' is generic, and only a method's own type parameter is differentiated over; move it to a non-generic partial type";
            }
        }
        var t = method.TypeParameters[0];
        if (!IsFloatingPoint(t))
        {
            return "its type parameter '" + t.Name + "' is not constrained to a floating-point type, so a derivative of it is not defined (an int has none); constrain it with 'where "
                + t.Name + " : IFloatingPointIeee754<" + t.Name + ">' (or IFloatingPoint<" + t.Name + ">), or write the method for double or float";
        }
        if (version is { } v && v < LanguageVersion.CSharp11)
        {
            return "generic math needs C# 11 (static abstract interface members); set LangVersion to 11 or later";
        }
        if (method.Parameters.Any(p => p.Type.Equals(t, SymbolEqualityComparer.Default) && p.HasExplicitDefaultValue))
        {
            return "its parameter '" + method.Parameters.First(p => p.Type.Equals(t, SymbolEqualityComparer.Default) && p.HasExplicitDefaultValue).Name
                + "' of type " + t.Name + " has a default value, which the generic Backward cannot repeat; remove the default";
        }
        return null;
    }

    /// <summary>True when <paramref name="t"/> is constrained (directly or through an interface it extends) to <c>System.Numerics.IFloatingPoint&lt;t&gt;</c>.</summary>
    public static bool IsFloatingPoint(ITypeParameterSymbol t) =>
        t.ConstraintTypes.OfType<INamedTypeSymbol>().SelectMany(c => c.AllInterfaces.Add(c)).Any(i =>
            i is { Name: "IFloatingPoint", Arity: 1 }
            && i.ContainingNamespace?.ToDisplayString() == "System.Numerics"
            && i.TypeArguments[0].Equals(t, SymbolEqualityComparer.Default));

    /// <summary>
    /// A call to a generic-math [Differentiable] method (generic → generic, or from a method over double/float) whose generated
    /// <c>MBackward&lt;T&gt;</c> the call can name without type arguments: the type argument is double or float (a generic caller
    /// is read over double) and appears as a parameter's type, so C# infers it from the arguments again, and the text written back
    /// over T infers T. Its Backward exists only if the callee's own analysis succeeded (ADG0017 otherwise, as for any callee).
    /// </summary>
    public static bool IsInferableGenericMathCallee(IMethodSymbol method)
    {
        var definition = method.OriginalDefinition;
        if (method.TypeArguments.Length != 1 || Why(definition, null) is not null) return false;
        if (method.TypeArguments[0].SpecialType is not (SpecialType.System_Double or SpecialType.System_Single)) return false;
        if (!Derivatives.DerivativeResolver.IsDifferentiable(definition)) return false;
        return HasScalarShape(definition);
    }

    /// <summary>
    /// A static generic-math method whose result is T and whose parameters, by value, are T (differentiated) or an int,
    /// long or bool (a count or a switch, passed through), at least one T: its generated Backward is
    /// <c>T MBackward&lt;T&gt;(p…, ref T dP… for each T, T dResult)</c> (GenericMath/CalleeStubs declares it for the compile
    /// check of a generic caller).
    /// </summary>
    public static bool HasScalarShape(IMethodSymbol definition)
    {
        if (!definition.IsStatic || definition.TypeParameters.Length != 1 || definition.Parameters.Length == 0) return false;
        var t = definition.TypeParameters[0];
        return SymbolEqualityComparer.Default.Equals(definition.ReturnType, t)
            && definition.Parameters.Any(p => IsTypeParameter(p, t))
            && definition.Parameters.All(p => p.RefKind == RefKind.None && !p.IsParams && (IsTypeParameter(p, t) || IsPassedThrough(p)));
    }

    /// <summary>A parameter of type T, differentiated (not [NoDiff]).</summary>
    public static bool IsTypeParameter(IParameterSymbol p, ITypeParameterSymbol t) =>
        SymbolEqualityComparer.Default.Equals(p.Type, t) && !p.GetAttributes().Any(a => a.AttributeClass?.Name == "NoDiffAttribute");

    /// <summary>An int, long or bool parameter: no adjoint, no tangent.</summary>
    public static bool IsPassedThrough(IParameterSymbol p) => p.Type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Boolean;
}
