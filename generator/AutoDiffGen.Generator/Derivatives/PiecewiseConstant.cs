using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Derivatives;

/// <summary>
/// What provably has a zero derivative: values of discrete types, and the few library functions of
/// reals whose result is piecewise constant and that touch nothing else. Activity analysis may stop
/// at these and nowhere else; any other path out of a differentiated value must be differentiated
/// or rejected.
/// </summary>
internal static class PiecewiseConstant
{
    /// <summary>
    /// bool, char, the integer types and enums: a function of reals into them is piecewise constant.
    /// Not string, decimal, object, arrays or structs: those can carry a real value on (a round trip
    /// through them would lose its gradient).
    /// </summary>
    public static bool IsDiscrete(ITypeSymbol? type)
    {
        if (type is null) return false;
        if (type.TypeKind == TypeKind.Enum) return true;
        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean:
            case SpecialType.System_Char:
            case SpecialType.System_SByte:
            case SpecialType.System_Byte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
            case SpecialType.System_IntPtr:
            case SpecialType.System_UIntPtr:
                return true;
            default:
                return false;
        }
    }

    /// <summary>double and float.</summary>
    public static bool IsReal(ITypeSymbol? type) => type?.SpecialType is SpecialType.System_Double or SpecialType.System_Single;

    // Predicates and classifiers of a real (double.IsNaN(x), x.CompareTo(y), Math.Sign(x)): pure, and
    // their results are discrete.
    private static readonly HashSet<string> RealPredicates = new()
    {
        "IsNaN", "IsInfinity", "IsPositiveInfinity", "IsNegativeInfinity", "IsFinite", "IsNormal", "IsSubnormal",
        "IsNegative", "IsPositive", "IsInteger", "IsEvenInteger", "IsOddInteger", "IsZero", "IsRealNumber",
        "CompareTo", "Equals", "GetHashCode", "Sign", "ILogB",
    };

    private static readonly HashSet<string> ConvertToDiscrete = new()
    {
        "ToInt16", "ToInt32", "ToInt64", "ToUInt16", "ToUInt32", "ToUInt64", "ToByte", "ToSByte", "ToBoolean",
    };

    /// <summary>
    /// A library call that may receive differentiated reals because its result is piecewise constant
    /// in them and it has no other effect: the predicates of double/float/Math, Math's rounding
    /// functions, System.Convert to an integer type, and Array.BinarySearch/IndexOf/LastIndexOf over a real array.
    /// </summary>
    public static bool IsKnownCall(IMethodSymbol method)
    {
        if (MathFunctions.HasZeroGradient(method)) return true;
        var type = method.ContainingType;
        if (type is null || type.ContainingNamespace is not { Name: "System", ContainingNamespace.IsGlobalNamespace: true }) return false;
        if (IsDiscrete(method.ReturnType) && RealPredicates.Contains(method.Name) &&
            (type.SpecialType is SpecialType.System_Double or SpecialType.System_Single || MathFunctions.IsMathType(type)))
        {
            return AllReal(method);
        }
        if (type.Name == "Array" && ArraySearches.Contains(method.Name)) return IsArraySearch(method);
        return type.Name == "Convert" && ConvertToDiscrete.Contains(method.Name) && AllReal(method);
    }

    // Array.BinarySearch(sorted, x), Array.IndexOf(xs, x): they only read, and an index is piecewise constant in the values.
    private static readonly HashSet<string> ArraySearches = new() { "BinarySearch", "IndexOf", "LastIndexOf" };

    /// <summary>
    /// The overloads over a real array, a real and int bounds: not those with an IComparer (user code that could keep
    /// the values) or over object.
    /// </summary>
    private static bool IsArraySearch(IMethodSymbol method)
    {
        if (method.ReturnType.SpecialType != SpecialType.System_Int32) return false;
        foreach (var p in method.Parameters)
        {
            bool realArray = p.Type is IArrayTypeSymbol { Rank: 1 } array && IsReal(array.ElementType);
            if (!realArray && !IsReal(p.Type) && p.Type.SpecialType != SpecialType.System_Int32) return false;
        }
        return true;
    }

    private static bool AllReal(IMethodSymbol method)
    {
        foreach (var p in method.Parameters)
        {
            if (!IsReal(p.Type) && !IsDiscrete(p.Type)) return false;
        }
        return true;
    }
}
