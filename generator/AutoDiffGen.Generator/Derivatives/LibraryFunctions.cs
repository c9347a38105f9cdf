using System;
using System.Collections.Generic;
using AutoDiffGen.Generator.Graph;

namespace AutoDiffGen.Generator.Derivatives;

/// <summary>
/// The rest of the BCL's real functions beyond the lecture's set: inverse hyperbolics, Hypot, fused
/// multiply–add, ScaleB, the estimates, the "…M1"/"…P1"/"…Pi" generic-math members, RootN, CopySign,
/// the magnitude/number variants of Max and Min, IEEERemainder, angle conversions and Lerp. Each has
/// its forward spelling and its local gradients here; the forward mode's tangents come from the same
/// rules.
/// </summary>
internal static class LibraryFunctions
{
    /// <summary>Where the function lives: Math/MathF (since .NET Core 3) or only on double/float (generic math, .NET 7+).</summary>
    private enum Home { Math, Keyword }

    private sealed record Function(GateKind Gate, string Name, int Arity, Home Home, int IntParameter = -1);

    private static readonly Function[] Table =
    {
        new(GateKind.Asinh, "Asinh", 1, Home.Math),
        new(GateKind.Acosh, "Acosh", 1, Home.Math),
        new(GateKind.Atanh, "Atanh", 1, Home.Math),
        new(GateKind.Hypot, "Hypot", 2, Home.Keyword),
        new(GateKind.FusedMultiplyAdd, "FusedMultiplyAdd", 3, Home.Math),
        new(GateKind.ScaleB, "ScaleB", 2, Home.Math, IntParameter: 1),
        new(GateKind.ReciprocalEstimate, "ReciprocalEstimate", 1, Home.Math),
        new(GateKind.ReciprocalSqrtEstimate, "ReciprocalSqrtEstimate", 1, Home.Math),
        new(GateKind.ExpM1, "ExpM1", 1, Home.Keyword),
        new(GateKind.Exp2, "Exp2", 1, Home.Keyword),
        new(GateKind.Exp10, "Exp10", 1, Home.Keyword),
        new(GateKind.Exp2M1, "Exp2M1", 1, Home.Keyword),
        new(GateKind.Exp10M1, "Exp10M1", 1, Home.Keyword),
        new(GateKind.LogP1, "LogP1", 1, Home.Keyword),
        new(GateKind.Log2P1, "Log2P1", 1, Home.Keyword),
        new(GateKind.Log10P1, "Log10P1", 1, Home.Keyword),
        new(GateKind.SinPi, "SinPi", 1, Home.Keyword),
        new(GateKind.CosPi, "CosPi", 1, Home.Keyword),
        new(GateKind.TanPi, "TanPi", 1, Home.Keyword),
        new(GateKind.AsinPi, "AsinPi", 1, Home.Keyword),
        new(GateKind.AcosPi, "AcosPi", 1, Home.Keyword),
        new(GateKind.AtanPi, "AtanPi", 1, Home.Keyword),
        new(GateKind.Atan2Pi, "Atan2Pi", 2, Home.Keyword),
        new(GateKind.RootN, "RootN", 2, Home.Keyword, IntParameter: 1),
        new(GateKind.CopySign, "CopySign", 2, Home.Math),
        new(GateKind.MaxMagnitude, "MaxMagnitude", 2, Home.Math),
        new(GateKind.MinMagnitude, "MinMagnitude", 2, Home.Math),
        new(GateKind.MaxNumber, "MaxNumber", 2, Home.Keyword),
        new(GateKind.MinNumber, "MinNumber", 2, Home.Keyword),
        new(GateKind.MaxMagnitudeNumber, "MaxMagnitudeNumber", 2, Home.Keyword),
        new(GateKind.MinMagnitudeNumber, "MinMagnitudeNumber", 2, Home.Keyword),
        new(GateKind.IEEERemainder, "IEEERemainder", 2, Home.Math),
        // The % operator, not a method: its name cannot match a call, and Forward spells it as an operator.
        new(GateKind.Remainder, "%", 2, Home.Math),
        new(GateKind.DegreesToRadians, "DegreesToRadians", 1, Home.Keyword),
        new(GateKind.RadiansToDegrees, "RadiansToDegrees", 1, Home.Keyword),
        new(GateKind.Lerp, "Lerp", 3, Home.Keyword),
    };

    private static readonly Dictionary<(string Name, int Arity), Function> ByName = Index(f => (f.Name, f.Arity));
    private static readonly Dictionary<GateKind, Function> ByGate = Index(f => f.Gate);

    private static Dictionary<TKey, Function> Index<TKey>(Func<Function, TKey> key) where TKey : notnull
    {
        var map = new Dictionary<TKey, Function>();
        foreach (var f in Table) map[key(f)] = f;
        return map;
    }

    /// <summary>The gate of a library function by name and arity (the caller has checked it is a real overload).</summary>
    public static bool TryGetGate(string name, int arity, out GateKind gate)
    {
        gate = default;
        if (!ByName.TryGetValue((name, arity), out var f)) return false;
        gate = f.Gate;
        return true;
    }

    /// <summary>The parameter that is an <c>int</c> (ScaleB's and RootN's n), or −1.</summary>
    public static int IntParameter(string name, int arity) => ByName.TryGetValue((name, arity), out var f) ? f.IntParameter : -1;

    public static bool Handles(GateKind gate) => ByGate.ContainsKey(gate);

    /// <summary>The call as C#: Math/MathF for what they have, otherwise the precision's keyword (double.Hypot).</summary>
    public static string Forward(Node node, Func<int, string> operand)
    {
        var f = ByGate[node.Gate];
        if (node.Gate == GateKind.Remainder) return "(" + operand(0) + " % " + operand(1) + ")";
        string owner = f.Home == Home.Math ? ScalarLiterals.MathClass(node.Type) : ScalarLiterals.TypeKeyword(node.Type);
        var arguments = new string[f.Arity];
        for (int i = 0; i < f.Arity; i++) arguments[i] = operand(i);
        return owner + "." + f.Name + "(" + string.Join(", ", arguments) + ")";
    }

    /// <summary>The reverse rule (upstream × local) of a library gate.</summary>
    public static GateRule Reverse(Node node, Func<int, string> operand, string y, string g)
    {
        var type = node.Type;
        string m = ScalarLiterals.MathClass(type);
        string k = ScalarLiterals.TypeKeyword(type);
        string one = ScalarLiterals.One(type);
        string zero = ScalarLiterals.Zero(type);
        string two = ScalarLiterals.Real(2, type);
        string pi = ScalarLiterals.Real(Math.PI, type);
        string ln2 = ScalarLiterals.Real(Math.Log(2), type);
        string ln10 = ScalarLiterals.Real(Math.Log(10), type);
        string a = operand(0);
        string b = node.Inputs.Length > 1 ? operand(1) : "";
        string c = node.Inputs.Length > 2 ? operand(2) : "";

        static GateRule Rule(string comment, params Contribution[] cs) => new(comment, cs);
        static Contribution C(int i, string e, bool subtract = false) => new(i, e, subtract);
        // The result is routed to the input it equals (ties and ±0 go to the left): max/min-like functions.
        GateRule Route(string name) => Rule(name + " gate: route to the input it returns (ties go to the left)",
            C(0, "(" + y + " == " + a + " ? " + g + " : " + zero + ")"), C(1, "(" + y + " == " + a + " ? " + zero + " : " + g + ")"));

        return node.Gate switch
        {
            // x² overflows beyond 1.3e154 (1.8e19 in float), where 1/√(x²+1) would be 0, not 1/|x|: SafeForms divides instead.
            GateKind.Asinh => Rule("asinh gate: 1/√(x²+1), (1/|x|)/√(1+1/x²) for |x| > 1", C(0, SafeForms.AsinhDerivative(a, type) + " * " + g)),
            GateKind.Acosh => Rule("acosh gate: 1/√((x−1)(x+1)), (1/x)/√(1−1/x²) for x > 2", C(0, SafeForms.AcoshDerivative(a, type) + " * " + g)),
            GateKind.Atanh => Rule("atanh gate: 1/((1−x)(1+x))", C(0, g + " / " + SafeForms.OneMinusSquare(a, type))),
            // (0, 0) is a kink: 0 is in the subdifferential of the norm there (as Abs'(0) = 0), not 0/0.
            GateKind.Hypot => Rule("hypot gate: x/h and y/h (0 at the origin)",
                C(0, "(" + y + " == " + zero + " ? " + zero + " : " + a + " / " + y + " * " + g + ")"),
                C(1, "(" + y + " == " + zero + " ? " + zero + " : " + b + " / " + y + " * " + g + ")")),
            GateKind.FusedMultiplyAdd => Rule("fma gate: b, a and 1", C(0, b + " * " + g), C(1, a + " * " + g), C(2, g)),
            // x·2ⁿ: the gradient is scaled by the same power of two, exactly.
            GateKind.ScaleB => Rule("scaleb gate: 2ⁿ", C(0, m + ".ScaleB(" + g + ", " + b + ")")),
            // The derivative of the function estimated (1/x, 1/√x), computed exactly, not of the estimate's steps.
            // Divided in turn: x·x and x·√x overflow (or underflow) where the derivative is representable.
            GateKind.ReciprocalEstimate => Rule("reciprocal estimate gate: −1/x² (of the exact 1/x)", C(0, g + " / " + a + " / " + a, subtract: true)),
            GateKind.ReciprocalSqrtEstimate => Rule("reciprocal sqrt estimate gate: −1/(2x√x) (of the exact 1/√x)",
                C(0, g + " / " + a + " / (" + two + " * " + m + ".Sqrt(" + a + "))", subtract: true)),
            GateKind.ExpM1 => Rule("expm1 gate: y + 1", C(0, "(" + y + " + " + one + ") * " + g)),
            GateKind.Exp2 => Rule("exp2 gate: y·ln 2", C(0, y + " * " + ln2 + " * " + g)),
            GateKind.Exp10 => Rule("exp10 gate: y·ln 10", C(0, y + " * " + ln10 + " * " + g)),
            GateKind.Exp2M1 => Rule("exp2m1 gate: (y + 1)·ln 2", C(0, "(" + y + " + " + one + ") * " + ln2 + " * " + g)),
            GateKind.Exp10M1 => Rule("exp10m1 gate: (y + 1)·ln 10", C(0, "(" + y + " + " + one + ") * " + ln10 + " * " + g)),
            GateKind.LogP1 => Rule("logp1 gate: 1/(1+x)", C(0, g + " / (" + one + " + " + a + ")")),
            // (1/ln b)/(1+x), not 1/((1+x)·ln b), which overflows for x near the largest double.
            GateKind.Log2P1 => Rule("log2p1 gate: (1/ln 2)/(1+x)", C(0, ScalarLiterals.Real(1 / Math.Log(2), type) + " / (" + one + " + " + a + ") * " + g)),
            GateKind.Log10P1 => Rule("log10p1 gate: (1/ln 10)/(1+x)", C(0, ScalarLiterals.Real(1 / Math.Log(10), type) + " / (" + one + " + " + a + ") * " + g)),
            GateKind.SinPi => Rule("sinpi gate: π·cos(πx)", C(0, k + ".CosPi(" + a + ") * " + pi + " * " + g)),
            GateKind.CosPi => Rule("cospi gate: −π·sin(πx)", C(0, k + ".SinPi(" + a + ") * " + pi + " * " + g, subtract: true)),
            GateKind.TanPi => Rule("tanpi gate: π·(1 + y²)", C(0, "(" + one + " + " + y + " * " + y + ") * " + pi + " * " + g)),
            GateKind.AsinPi => Rule("asinpi gate: 1/(π√((1−x)(1+x)))", C(0, SafeForms.AsinDerivative(a, type) + " / " + pi + " * " + g)),
            GateKind.AcosPi => Rule("acospi gate: −1/(π√((1−x)(1+x)))", C(0, SafeForms.AsinDerivative(a, type) + " / " + pi + " * " + g, subtract: true)),
            GateKind.AtanPi => Rule("atanpi gate: 1/(π(1+x²)), safe for |x| > 1", C(0, SafeForms.AtanDerivative(a, type) + " / " + pi + " * " + g)),
            GateKind.Atan2Pi => LocalGradients.Atan2Rule("atan2pi gate: x/(π(x²+y²)), and −y/(π(x²+y²)), by the smaller over the larger", type, a, b, g, pi),
            // x^(1/n): y/(n·x); n is an int.
            GateKind.RootN => Rule("rootn gate: y/(n·x)", C(0, y + " / " + a + " / " + b + " * " + g)),
            // |x|·sign(y): sign(x)·sign(y) for x (0 at x = 0, as Abs), and zero for the sign's source.
            GateKind.CopySign => Rule("copysign gate: ±1 for the magnitude (0 at 0), 0 for the sign",
                C(0, "(" + a + " == " + zero + " ? " + zero + " : " + y + " == " + a + " ? " + g + " : -" + g + ")"),
                // An active sign's adjoint is declared like any other input's: zero.
                C(1, zero)),
            GateKind.MaxMagnitude => Route("maxmagnitude"),
            GateKind.MinMagnitude => Route("minmagnitude"),
            GateKind.MaxNumber => Route("maxnumber"),
            GateKind.MinNumber => Route("minnumber"),
            GateKind.MaxMagnitudeNumber => Route("maxmagnitudenumber"),
            GateKind.MinMagnitudeNumber => Route("minmagnitudenumber"),
            // x − n·y with n = round(x/y) piecewise constant: 1, and −n (recovered exactly from the result).
            GateKind.IEEERemainder => Rule("ieeeremainder gate: 1, and −round(x/y)",
                C(0, g), C(1, m + ".Round((" + a + " - " + y + ") / " + b + ") * " + g, subtract: true)),
            // x − n·y with n = trunc(x/y): the same recovery (x − y is exactly n·y, so rounding gives n).
            GateKind.Remainder => Rule("remainder gate: 1, and −trunc(x/y)",
                C(0, g), C(1, m + ".Round((" + a + " - " + y + ") / " + b + ") * " + g, subtract: true)),
            GateKind.DegreesToRadians => Rule("degrees-to-radians gate: π/180", C(0, ScalarLiterals.Real(Math.PI / 180, type) + " * " + g)),
            GateKind.RadiansToDegrees => Rule("radians-to-degrees gate: 180/π", C(0, ScalarLiterals.Real(180 / Math.PI, type) + " * " + g)),
            // a·(1 − t) + b·t, as the BCL computes it.
            GateKind.Lerp => Rule("lerp gate: 1 − t, t, and b − a",
                C(0, "(" + one + " - " + c + ") * " + g), C(1, c + " * " + g), C(2, "(" + b + " - " + a + ") * " + g)),
            _ => throw new InvalidOperationException("No reverse rule for gate " + node.Gate),
        };
    }
}
