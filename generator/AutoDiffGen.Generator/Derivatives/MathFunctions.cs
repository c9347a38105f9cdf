using System.Collections.Generic;
using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Derivatives;

/// <summary>
/// The functions of <c>System.Math</c> and <c>System.MathF</c> that the generator knows the local
/// gradient of, and those whose gradient is zero everywhere it exists.
/// </summary>
internal static class MathFunctions
{
    private static readonly Dictionary<(string Name, int Arity), GateKind> Gates = new()
    {
        [("Exp", 1)] = GateKind.Exp,
        [("Log", 1)] = GateKind.Log,
        [("Log", 2)] = GateKind.LogBase,
        [("Log10", 1)] = GateKind.Log10,
        [("Log2", 1)] = GateKind.Log2,
        [("Sqrt", 1)] = GateKind.Sqrt,
        [("Cbrt", 1)] = GateKind.Cbrt,
        [("Pow", 2)] = GateKind.Pow,
        [("Sin", 1)] = GateKind.Sin,
        [("Cos", 1)] = GateKind.Cos,
        [("Tan", 1)] = GateKind.Tan,
        [("Asin", 1)] = GateKind.Asin,
        [("Acos", 1)] = GateKind.Acos,
        [("Atan", 1)] = GateKind.Atan,
        [("Atan2", 2)] = GateKind.Atan2,
        [("Sinh", 1)] = GateKind.Sinh,
        [("Cosh", 1)] = GateKind.Cosh,
        [("Tanh", 1)] = GateKind.Tanh,
        [("Abs", 1)] = GateKind.Abs,
        [("Max", 2)] = GateKind.Max,
        [("Min", 2)] = GateKind.Min,
        [("Clamp", 3)] = GateKind.Clamp,
    };

    // Piecewise constant: the derivative is zero wherever it exists (PyTorch's convention too).
    private static readonly HashSet<string> ZeroGradient = new() { "Floor", "Ceiling", "Round", "Truncate", "Sign" };

    public static bool IsMathType(INamedTypeSymbol? type) =>
        type is { Name: "Math" or "MathF", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

    private static bool IsRealOverload(IMethodSymbol method)
    {
        if (method.ReturnType.SpecialType is not (SpecialType.System_Double or SpecialType.System_Single)) return false;
        // ScaleB(x, n) and RootN(x, n): n is an int, piecewise constant like any int.
        int intParameter = LibraryFunctions.IntParameter(method.Name, method.Parameters.Length);
        foreach (var p in method.Parameters)
        {
            if (p.Ordinal == intParameter && p.Type.SpecialType == SpecialType.System_Int32) continue;
            if (p.Type.SpecialType is not (SpecialType.System_Double or SpecialType.System_Single)) return false;
        }
        return true;
    }

    /// <summary>
    /// <c>Convert.ToDouble(float)</c>, <c>Convert.ToSingle(double)</c> and their identities: the casts <c>(double)x</c> and
    /// <c>(float)x</c>, with the same values.
    /// </summary>
    public static bool IsRealConversion(IMethodSymbol method) =>
        method is { Name: "ToDouble" or "ToSingle", Parameters.Length: 1, ContainingType: { Name: "Convert", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } }
        && method.ReturnType.SpecialType is SpecialType.System_Double or SpecialType.System_Single
        && method.Parameters[0].Type.SpecialType is SpecialType.System_Double or SpecialType.System_Single;

    /// <summary>The gate for a differentiable Math call, e.g. Math.Exp(double).</summary>
    public static bool TryGetGate(IMethodSymbol method, out GateKind gate)
    {
        gate = default;
        return IsMathLike(method) && IsRealOverload(method) &&
               (Gates.TryGetValue((method.Name, method.Parameters.Length), out gate) ||
                LibraryFunctions.TryGetGate(method.Name, method.Parameters.Length, out gate));
    }

    /// <summary>Math.Floor, Ceiling, Round, Truncate and Sign: the result does not vary with the input.</summary>
    public static bool HasZeroGradient(IMethodSymbol method) =>
        IsMathLike(method) && ZeroGradient.Contains(method.Name);

    /// <summary>
    /// Math/MathF, or the same functions as static members of double and float (double.Sin, float.Exp: the
    /// generic-math spellings, which compute the same values).
    /// </summary>
    public static bool IsMathLike(IMethodSymbol method) =>
        IsMathType(method.ContainingType) ||
        method.IsStatic && !method.IsGenericMethod && method.ContainingType?.SpecialType is SpecialType.System_Double or SpecialType.System_Single;
}
