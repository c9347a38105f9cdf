using AutoDiffGen.Generator.Graph;

namespace AutoDiffGen.Generator.Derivatives;

/// <summary>
/// Derivative texts whose textbook form overflows, underflows or cancels at extreme arguments, written so that no
/// intermediate leaves the range unless the derivative itself does (Robustness/ExtremeArgumentTests checks each one at
/// 1e±300, subnormals and domain edges). They use no constant beyond small literals, so the generic rewrite (T.Abs,
/// T.CreateTruncating) keeps them right at float as at double. Shared by the first-derivative rules (reverse, forward,
/// H·v) and the second-derivative table.
/// </summary>
internal static class SafeForms
{
    /// <summary>
    /// At double, tanh's and the sigmoid's forms are calls to the runtime's <c>AutoDiffGen.Internals.SafeDerivatives</c>,
    /// which computes the same operations (so the same bits) and inlines: written out, each is ten operators with
    /// constants and four overload resolutions of <c>Math.Abs</c> for the compiler to bind per gate, a per-construct cost
    /// of compiling the generated code (docs/performance.md). Float keeps the inline form (the runtime's netstandard2.0
    /// build has no MathF); a generic method's rewrite writes the call out again (<see cref="Expand"/>).
    /// </summary>
    public const string Helper = "global::AutoDiffGen.Internals.SafeDerivatives.";

    /// <summary>
    /// The double inline form of a <see cref="Helper"/> call, by the helper's name and its two argument texts; null for
    /// another name.
    /// </summary>
    public static string? Expand(string name, string a, string y) => name switch
    {
        "Tanh" => TanhInline(a, y, ScalarType.Double),
        "Sigmoid" => SigmoidInline(a, y, ScalarType.Double),
        _ => null,
    };

    /// <summary>1/(1 + x²): as (1/x)/(x + 1/x) beyond |x| = 1, where x² would overflow while the result is representable.</summary>
    public static string AtanDerivative(string a, ScalarType t)
    {
        string m = ScalarLiterals.MathClass(t), one = ScalarLiterals.One(t);
        return "(" + m + ".Abs(" + a + ") > " + one + " ? " + one + " / " + a + " / (" + a + " + " + one + " / " + a + ") : "
            + one + " / (" + one + " + " + a + " * " + a + "))";
    }

    /// <summary>1 − x² as (1 − x)(1 + x): exact-ish near ±1, where 1 − x·x loses the digits the derivative needs.</summary>
    public static string OneMinusSquare(string a, ScalarType t)
    {
        string one = ScalarLiterals.One(t);
        return "((" + one + " - " + a + ") * (" + one + " + " + a + "))";
    }

    /// <summary>1/√(1 − x²), from <see cref="OneMinusSquare"/>.</summary>
    public static string AsinDerivative(string a, ScalarType t) =>
        "(" + ScalarLiterals.One(t) + " / " + ScalarLiterals.MathClass(t) + ".Sqrt" + OneMinusSquare(a, t) + ")";

    /// <summary>1/√(x² + 1): as (1/|x|)/√(1 + 1/x²) beyond |x| = 1 (x² overflows beyond 1.3e154, 1.8e19 in float).</summary>
    public static string AsinhDerivative(string a, ScalarType t)
    {
        string m = ScalarLiterals.MathClass(t), one = ScalarLiterals.One(t);
        return "(" + m + ".Abs(" + a + ") > " + one + " ? " + one + " / " + m + ".Abs(" + a + ") / " + m + ".Sqrt(" + one + " + " + one + " / " + a + " / " + a + ") : "
            + one + " / " + m + ".Sqrt(" + a + " * " + a + " + " + one + "))";
    }

    /// <summary>1/√((x − 1)(x + 1)): as (1/x)/√(1 − 1/x²) beyond x = 2; (x − 1)(x + 1) keeps the digits near 1.</summary>
    public static string AcoshDerivative(string a, ScalarType t)
    {
        string m = ScalarLiterals.MathClass(t), one = ScalarLiterals.One(t), two = ScalarLiterals.Real(2, t);
        return "(" + a + " > " + two + " ? " + one + " / " + a + " / " + m + ".Sqrt(" + one + " - " + one + " / " + a + " / " + a + ") : "
            + one + " / " + m + ".Sqrt((" + a + " - " + one + ") * (" + a + " + " + one + ")))";
    }

    /// <summary>
    /// sech²x = 1 − tanh²x: where |tanh x| ≥ 0.5 as e^{−2|x|}(1 + |y|)², because 1 − y² of a rounded y near ±1 is 0 from
    /// |x| ≈ 19 (9 in float) on, while sech²x stays representable to |x| ≈ 372.
    /// </summary>
    public static string TanhDerivative(string a, string y, ScalarType t) =>
        t == ScalarType.Double ? Helper + "Tanh(" + a + ", " + y + ")" : TanhInline(a, y, t);

    /// <summary><see cref="TanhDerivative"/> written out (float, and the generic rewrite of a double reading's call).</summary>
    public static string TanhInline(string a, string y, ScalarType t)
    {
        string m = ScalarLiterals.MathClass(t), one = ScalarLiterals.One(t);
        string onePlus = "(" + one + " + " + m + ".Abs(" + y + "))";
        return "(" + m + ".Abs(" + y + ") < " + ScalarLiterals.Real(0.5, t) + " ? " + one + " - " + y + " * " + y + " : "
            + m + ".Exp(" + ScalarLiterals.Real(-2, t) + " * " + m + ".Abs(" + a + ")) * " + onePlus + " * " + onePlus + ")";
    }

    /// <summary>
    /// σ′(z) = σ(1 − σ): for σ &gt; 0.75 as e^{−z}σ², because 1 − σ of a rounded σ near 1 loses digits and is 0 from z ≈ 37
    /// (17 in float); and e^z where σ itself is 0 (1 + e^{−z} overflowed: z &lt; −709.8, −88.7 in float), while e^z is
    /// representable to −745 (−103). Up to 0.75 the lecture's σ(1 − σ) is as accurate (within 3 ulps) and needs no Exp.
    /// </summary>
    public static string SigmoidDerivative(string a, string y, ScalarType t) =>
        t == ScalarType.Double ? Helper + "Sigmoid(" + a + ", " + y + ")" : SigmoidInline(a, y, t);

    /// <summary><see cref="SigmoidDerivative"/> written out (float, and the generic rewrite of a double reading's call).</summary>
    public static string SigmoidInline(string a, string y, ScalarType t)
    {
        string m = ScalarLiterals.MathClass(t), one = ScalarLiterals.One(t), zero = ScalarLiterals.Zero(t);
        return "(" + y + " > " + ScalarLiterals.Real(0.75, t) + " ? " + m + ".Exp(-" + a + ") * " + y + " * " + y + " : " + y + " == " + zero + " ? " + m + ".Exp(" + a + ") : "
            + y + " * (" + one + " - " + y + "))";
    }

    /// <summary>
    /// ∂atan2(a, b)/∂a = b/(a² + b²) and ∂/∂b = −a/(a² + b²), with the smaller argument over the larger, u (|u| ≤ 1), so
    /// nothing is squared but u: for |b| ≥ |a|, 1/(1 + u²)/b and −u/(1 + u²)/b; otherwise u/(1 + u²)/a and −1/(1 + u²)/a.
    /// (a² + b² overflows beyond 1.3e154 and underflows below 1e-162, 1.8e19 and 1e-23 in float.) The second is returned negated.
    /// </summary>
    public static (string DA, string MinusDB) Atan2Partials(string a, string b, ScalarType t)
    {
        string m = ScalarLiterals.MathClass(t), one = ScalarLiterals.One(t);
        string ub = "(" + a + " / " + b + ")", ua = "(" + b + " / " + a + ")";
        string Over(string u) => "(" + one + " + " + u + " * " + u + ")";
        string test = m + ".Abs(" + b + ") >= " + m + ".Abs(" + a + ")";
        return ("(" + test + " ? " + one + " / " + Over(ub) + " / " + b + " : " + ua + " / " + Over(ua) + " / " + a + ")",
            "(" + test + " ? " + ub + " / " + Over(ub) + " / " + b + " : " + one + " / " + Over(ua) + " / " + a + ")");
    }

    /// <summary>
    /// atan2(a, b)'s second derivatives (r = a² + b²): f_aa = −2ab/r², f_ab = (a² − b²)/r², f_bb = 2ab/r², written with u as
    /// in <see cref="Atan2Partials"/>: for |b| ≥ |a|, −2u/(1 + u²)²/b/b, (u² − 1)/(1 + u²)²/b/b; otherwise −2u/(1 + u²)²/a/a,
    /// (1 − u²)/(1 + u²)²/a/a.
    /// </summary>
    public static (string AA, string AB, string BB) Atan2Seconds(string a, string b, ScalarType t)
    {
        string m = ScalarLiterals.MathClass(t), one = ScalarLiterals.One(t), two = ScalarLiterals.Real(2, t);
        string ub = "(" + a + " / " + b + ")", ua = "(" + b + " / " + a + ")";
        string Sq(string u) => "((" + one + " + " + u + " * " + u + ") * (" + one + " + " + u + " * " + u + "))";
        string test = m + ".Abs(" + b + ") >= " + m + ".Abs(" + a + ")";
        string Pick(string overB, string overA) => "(" + test + " ? " + overB + " / " + b + " / " + b + " : " + overA + " / " + a + " / " + a + ")";
        string aa = Pick("-" + two + " * " + ub + " / " + Sq(ub), "-" + two + " * " + ua + " / " + Sq(ua));
        string ab = Pick("(" + ub + " * " + ub + " - " + one + ") / " + Sq(ub), "(" + one + " - " + ua + " * " + ua + ") / " + Sq(ua));
        string bb = Pick(two + " * " + ub + " / " + Sq(ub), two + " * " + ua + " / " + Sq(ua));
        return (aa, ab, bb);
    }
}
