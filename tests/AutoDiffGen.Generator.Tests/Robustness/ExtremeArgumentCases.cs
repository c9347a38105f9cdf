namespace AutoDiffGen.Generator.Tests.Robustness;

/// <summary>The exact first and second partial derivatives of a function at a point (second may be null: not checked).</summary>
public sealed record Truth(double[] First, double[,]? Second);

/// <summary>
/// One math function for <see cref="ExtremeArgumentTests"/>: its spelling for double, float and generic T ({0}, {1} are the
/// arguments), its exact derivatives, and the extreme points it is checked at in each precision.
/// </summary>
/// <param name="Name">The test's name for it (also the generated method's prefix).</param>
/// <param name="Arity">The number of differentiated arguments.</param>
/// <param name="Double">The expression over double.</param>
/// <param name="Float">The expression over float.</param>
/// <param name="Generic">The expression over T : IFloatingPointIeee754&lt;T&gt;.</param>
/// <param name="Exact">The exact partials at a point, computed in double without overflow (scaled by exact powers of two).</param>
/// <param name="DoublePoints">Points for double (and generic T = double).</param>
/// <param name="FloatPoints">Points for float (and generic T = float).</param>
public sealed record ExtremeFunction(string Name, int Arity, string Double, string Float, string Generic, Func<double[], Truth> Exact, double[][] DoublePoints, double[][] FloatPoints)
{
    public override string ToString() => Name;
}

/// <summary>
/// The table: every function the generator differentiates whose derivative could overflow, underflow or cancel, with its
/// exact derivatives written independently of the generator's rules. Each reference takes the argument's binary exponent
/// out exactly (x = X·2ᵏ with X in [1, 2), Math.ScaleB) and puts it back at the end, so no intermediate value of the
/// reference leaves the normal range; near a domain edge it uses points whose distance to the edge is exact (1 − 2⁻⁴⁰).
/// </summary>
public static class ExtremeArgumentCases
{
    private static double S(double x, int k) => Math.ScaleB(x, k);

    /// <summary>x = X·2ᵏ, X in [1, 2) in magnitude (k = 0 for 0).</summary>
    private static (double X, int K) Split(double x)
    {
        if (x == 0) return (0, 0);
        int k = Math.ILogB(x);
        return (S(x, -k), k);
    }

    /// <summary>x = X·2ᵏ with k a multiple of <paramref name="m"/> (for roots).</summary>
    private static (double X, int K) Split(double x, int m)
    {
        var (_, k) = Split(x);
        k -= ((k % m) + m) % m;
        return (S(x, -k), k);
    }

    private static Truth T1(double first, double second) => new(new[] { first }, new[,] { { second } });

    private static Truth T2(double fa, double fb, double faa, double fab, double fbb) => new(new[] { fa, fb }, new[,] { { faa, fab }, { fab, fbb } });

    private static double[][] P(params double[] xs) => xs.Select(x => new[] { x }).ToArray();

    private static double[][] P2(params (double, double)[] xs) => xs.Select(x => new[] { x.Item1, x.Item2 }).ToArray();

    private static readonly double Near1 = 1 - S(1, -40);
    private static readonly float Near1F = 1 - (float)S(1, -20);

    // Near 1 but not a power of two away: 1 − x·x rounds away most of the digits of 1 − x² (1 − x is exact, Sterbenz).
    private const double Close1 = 0.99999999999;
    private const float Close1F = 0.9999f;

    /// <summary>atan2(a, b)/c: ∂a = b/r, ∂b = −a/r, r = a² + b²; f_aa = −2ab/r², f_ab = (a² − b²)/r², f_bb = 2ab/r².</summary>
    private static Truth Atan2(double[] p, double c)
    {
        double a = p[0], b = p[1];
        int k = Math.ILogB(Math.Max(Math.Abs(a), Math.Abs(b)));
        double A = S(a, -k), B = S(b, -k), r = A * A + B * B;
        return T2(S(B / r, -k) / c, S(-A / r, -k) / c,
            S(-2 * A * B / (r * r), -2 * k) / c, S((A * A - B * B) / (r * r), -2 * k) / c, S(2 * A * B / (r * r), -2 * k) / c);
    }

    /// <summary>atan(x)/c: 1/(1 + x²), −2x/(1 + x²)²; for |x| > 1 as 2⁻²ᵏ/(X² + 2⁻²ᵏ).</summary>
    private static Truth Atan(double x, double c)
    {
        if (Math.Abs(x) <= 1) return T1(1 / (1 + x * x) / c, -2 * x / ((1 + x * x) * (1 + x * x)) / c);
        var (X, k) = Split(x);
        double q = X * X + S(1, -2 * k);
        return T1(S(1 / q, -2 * k) / c, S(-2 * X / (q * q), -3 * k) / c);
    }

    /// <summary>asin(x)/c (sign −1: acos): 1/√d, x/d^{3/2} with d = (1 − x)(1 + x), exact at the points used.</summary>
    private static Truth Asin(double x, double c)
    {
        double d = (1 - x) * (1 + x);
        return T1(1 / Math.Sqrt(d) / c, x / (d * Math.Sqrt(d)) / c);
    }

    /// <summary>asinh (sign +1) and acosh (−1): 1/√(x² ± 1), −x/(x² ± 1)^{3/2}.</summary>
    private static Truth InverseHyperbolic(double x, double sign)
    {
        if (Math.Abs(x) < 2)
        {
            double d = sign > 0 ? x * x + 1 : (x - 1) * (x + 1);
            return T1(1 / Math.Sqrt(d), -x / (d * Math.Sqrt(d)));
        }
        var (X, k) = Split(x);
        double q = X * X + sign * S(1, -2 * k);
        return T1(S(1 / Math.Sqrt(q), -k) * Math.Sign(x) * Math.Sign(X), S(-X / (q * Math.Sqrt(q)), -2 * k));
    }

    /// <summary>sech²x = 4e^{−2|x|}/(1 + e^{−2|x|})², with the 4 inside the exponential so a tiny result is rounded once.</summary>
    private static double Sech2(double x)
    {
        double e = Math.Exp(-2 * Math.Abs(x));
        return Math.Exp(Math.Log(4) - 2 * Math.Abs(x)) / ((1 + e) * (1 + e));
    }

    /// <summary>σ′(z) = e^{−|z|}/(1 + e^{−|z|})², σ″ = −σ′·tanh(z/2).</summary>
    private static Truth Sigmoid(double z)
    {
        double e = Math.Exp(-Math.Abs(z));
        double d = e / ((1 + e) * (1 + e));
        return T1(d, -d * Math.Tanh(z / 2));
    }

    /// <summary>σ(−z): −σ′(z) and σ″(−z) = σ′(z)·tanh(z/2) (σ′ is even, σ″ odd).</summary>
    private static Truth SigmoidReflected(double z)
    {
        var s = Sigmoid(z);
        return T1(-s.First[0], -s.Second![0, 0]);
    }

    /// <summary>σ(c·z): c·σ′(cz) and c²·σ″(cz).</summary>
    private static Truth SigmoidScaled(double z, double c)
    {
        var s = Sigmoid(c * z);
        return T1(c * s.First[0], c * c * s.Second![0, 0]);
    }

    /// <summary>1/x and −1/x², divided by c (log, log2, log10).</summary>
    private static Truth Log(double x, double c)
    {
        var (X, k) = Split(x);
        return T1(S(1 / X, -k) / c, S(-1 / (X * X), -2 * k) / c);
    }

    /// <summary>log(x + 1)/c: 1/(1 + x), −1/(1 + x)² (1 + x is exact at the points used).</summary>
    private static Truth LogP1(double x, double c) => Log(1 + x, c);

    /// <summary>x^{1/n}: (1/n)·x^{1/n − 1}, (1/n)(1/n − 1)·x^{1/n − 2}, with k a multiple of n.</summary>
    private static Truth Root(double x, int n)
    {
        var (X, k) = Split(x, n);
        double r = Math.Pow(X, 1.0 / n);
        return T1(S(r / (n * X), -k + k / n), S(r * (1 - n) / (n * n * X * X), -2 * k + k / n));
    }

    /// <summary>xᵖ, with p constant: p·x^{p−1}, p(p−1)·x^{p−2}, in the log domain where x^{p−1} alone would overflow.</summary>
    private static Truth PowConstant(double x, double p) =>
        T1(Math.Exp((p - 1) * Math.Log(x) + Math.Log(p)), p == 1 ? 0 : Math.Sign(p - 1) * Math.Exp((p - 2) * Math.Log(x) + Math.Log(p) + Math.Log(Math.Abs(p - 1))));

    /// <summary>a^b: b·a^{b−1}, a^b·ln a; a^{b−2}·b(b−1), a^{b−1}(1 + b ln a), a^b ln²a (a &gt; 0, b &gt; 1).</summary>
    private static Truth Pow(double a, double b)
    {
        double la = Math.Log(a);
        double Exp(double e) => Math.Exp(e);
        return T2(Exp((b - 1) * la + Math.Log(b)), Math.Sign(la) * Exp(b * la + Math.Log(Math.Abs(la))),
            Exp((b - 2) * la + Math.Log(b) + Math.Log(b - 1)), Exp((b - 1) * la) * (1 + b * la), Exp(b * la + 2 * Math.Log(Math.Abs(la))));
    }

    /// <summary>a/b: 1/b, −a/b²; 0, −1/b², 2a/b³.</summary>
    private static Truth Divide(double a, double b)
    {
        var (A, ka) = Split(a);
        var (B, kb) = Split(b);
        return T2(S(1 / B, -kb), S(-A / (B * B), ka - 2 * kb), 0, S(-1 / (B * B), -2 * kb), S(2 * A / (B * B * B), ka - 3 * kb));
    }

    /// <summary>1/x: −1/x², 2/x³.</summary>
    private static Truth Reciprocal(double x)
    {
        var (X, k) = Split(x);
        return T1(S(-1 / (X * X), -2 * k), S(2 / (X * X * X), -3 * k));
    }

    /// <summary>x^{−1/2}: −1/(2x^{3/2}), 3/(4x^{5/2}), with k even.</summary>
    private static Truth ReciprocalSqrt(double x)
    {
        var (X, k) = Split(x, 2);
        double r = Math.Sqrt(X);
        return T1(S(-1 / (2 * X * r), -3 * k / 2), S(3 / (4 * X * X * r), -5 * k / 2));
    }

    /// <summary>hypot(a, b) = h: a/h, b/h; b²/h³, −ab/h³, a²/h³.</summary>
    private static Truth Hypot(double a, double b)
    {
        int k = Math.ILogB(Math.Max(Math.Abs(a), Math.Abs(b)));
        double A = S(a, -k), B = S(b, -k), h = Math.Sqrt(A * A + B * B), h3 = h * h * h;
        return T2(A / h, B / h, S(B * B / h3, -k), S(-A * B / h3, -k), S(A * A / h3, -k));
    }

    /// <summary>ln a / ln b: 1/(a ln b), −ln a/(b ln²b); −1/(a² ln b), −1/(a b ln²b), ln a (ln b + 2)/(b² ln³b).</summary>
    private static Truth LogBase(double a, double b)
    {
        var (A, ka) = Split(a);
        var (B, kb) = Split(b);
        double la = Math.Log(a), lb = Math.Log(b);
        return T2(S(1 / (A * lb), -ka), S(-la / (B * lb * lb), -kb),
            S(-1 / (A * A * lb), -2 * ka), S(-1 / (A * B * lb * lb), -ka - kb), S(la * (lb + 2) / (B * B * lb * lb * lb), -2 * kb));
    }

    private const double Ln2 = 0.69314718055994530942, Ln10 = 2.30258509299404568402;

    public static readonly ExtremeFunction[] All =
    {
        new("Atan2", 2, "Math.Atan2({0}, {1})", "MathF.Atan2({0}, {1})", "T.Atan2({0}, {1})", p => Atan2(p, 1),
            P2((0.3, -0.8), (3e200, 4e200), (-1e160, 1e160), (1e300, 1e-300), (1e-170, -2e-170), (5e-320, 1e-320), (1e154, 1e-154)),
            P2((0.3, -0.8), (3e20, 4e20), (-1e19, 1e19), (1e38, 1e-30), (1e-25, -2e-25), (1e-44, 2e-44))),
        new("Atan2Pi", 2, "double.Atan2Pi({0}, {1})", "float.Atan2Pi({0}, {1})", "T.Atan2Pi({0}, {1})", p => Atan2(p, Math.PI),
            P2((0.3, -0.8), (3e200, 4e200), (-1e160, 1e160), (1e-170, -2e-170)),
            P2((0.3, -0.8), (3e20, 4e20), (1e-25, -2e-25))),
        new("Hypot", 2, "double.Hypot({0}, {1})", "float.Hypot({0}, {1})", "T.Hypot({0}, {1})", p => Hypot(p[0], p[1]),
            P2((0.3, -0.8), (3e200, 4e200), (1e-200, 2e-200), (3e-320, 4e-320), (1e300, -1e300)),
            // Not at float subnormals: there the value h itself keeps only a few bits, and a/h inherits its rounding (documented).
            P2((0.3, -0.8), (3e30, 4e30), (1e-30, 2e-30), (1e-38, 2e-38))),
        new("Atan", 1, "Math.Atan({0})", "MathF.Atan({0})", "T.Atan({0})", p => Atan(p[0], 1),
            P(0.5, 1e155, -2e160, 1e100, 1e300, 1e-300), P(0.5f, 1e20f, 1e15f, -1e25f, 1e-40f)),
        new("AtanPi", 1, "double.AtanPi({0})", "float.AtanPi({0})", "T.AtanPi({0})", p => Atan(p[0], Math.PI),
            P(0.5, 1e155, 1e100), P(0.5f, 1e20f, 1e15f)),
        new("Asin", 1, "Math.Asin({0})", "MathF.Asin({0})", "T.Asin({0})", p => Asin(p[0], 1),
            P(0.5, Near1, -Near1, Close1, -Close1, 1e-300), P(0.5f, Near1F, -Near1F, Close1F, -Close1F, 1e-40f)),
        new("Acos", 1, "Math.Acos({0})", "MathF.Acos({0})", "T.Acos({0})", p => Neg(Asin(p[0], 1)),
            P(0.5, Near1, -Near1, Close1, -Close1), P(0.5f, Near1F, -Near1F, Close1F, -Close1F)),
        new("AsinPi", 1, "double.AsinPi({0})", "float.AsinPi({0})", "T.AsinPi({0})", p => Asin(p[0], Math.PI),
            P(0.5, Near1, Close1), P(0.5f, Near1F, Close1F)),
        new("AcosPi", 1, "double.AcosPi({0})", "float.AcosPi({0})", "T.AcosPi({0})", p => Neg(Asin(p[0], Math.PI)),
            P(0.5, -Near1, -Close1), P(0.5f, -Near1F, -Close1F)),
        new("Atanh", 1, "Math.Atanh({0})", "MathF.Atanh({0})", "T.Atanh({0})", p => Atanh(p[0]),
            P(0.5, Near1, -Near1, Close1, -Close1), P(0.5f, Near1F, -Near1F, Close1F, -Close1F)),
        new("Asinh", 1, "Math.Asinh({0})", "MathF.Asinh({0})", "T.Asinh({0})", p => InverseHyperbolic(p[0], 1),
            P(0.7, 1e300, -1e160, 1e110, 1e60, 1e-300), P(0.7f, 1e30f, -1e20f, 1e7f, 1e-40f)),
        new("Acosh", 1, "Math.Acosh({0})", "MathF.Acosh({0})", "T.Acosh({0})", p => InverseHyperbolic(p[0], -1),
            P(1.5, 1e300, 1e160, 1e110, 1 + S(1, -40), 1.00000000001), P(1.5f, 1e30f, 1e20f, 1e7f, 1 + (float)S(1, -20), 1.0001f)),
        new("Tanh", 1, "Math.Tanh({0})", "MathF.Tanh({0})", "T.Tanh({0})", p => T1(Sech2(p[0]), -2 * Math.Tanh(p[0]) * Sech2(p[0])),
            P(0.3, 20, -40, 300, 354, 800), P(0.3f, 10, -20, 40, 60)),
        new("Sigmoid", 1, "1.0 / (1.0 + Math.Exp(-{0}))", "1f / (1f + MathF.Exp(-{0}))", "T.One / (T.One + T.Exp(-{0}))", p => Sigmoid(p[0]),
            P(0.5, 40, -40, 700, -700, 740, -740, 800, -800), P(0.5f, 20, -20, 90, -90, 110)),
        // 1 / (1 + exp(w)) is σ(−w) and 1 / (1 + exp(−3z)) is σ(3z) (hunt13: a barrier's smoothed knock-out; both were a
        // reciprocal of a sum, NaN = −0·∞ in the reverse sweep where exp overflowed while the derivative is 0).
        new("SigmoidOfExp", 1, "1.0 / (1.0 + Math.Exp({0}))", "1f / (1f + MathF.Exp({0}))", "T.One / (T.One + T.Exp({0}))", p => SigmoidReflected(p[0]),
            P(0.5, 40, -40, 700, -700, 740, -740, 800, -800), P(0.5f, 20, -20, 90, -90, 110)),
        new("SigmoidScaled", 1, "1.0 / (1.0 + Math.Exp(-3.0 * {0}))", "1f / (1f + MathF.Exp(-3f * {0}))", "T.One / (T.One + T.Exp(-(T.One + T.One + T.One) * {0}))", p => SigmoidScaled(p[0], 3),
            P(0.5, 20, -20, 240, -240, 260, -260), P(0.5f, 10, -10, 30, -30, 40)),
        new("Exp", 1, "Math.Exp({0})", "MathF.Exp({0})", "T.Exp({0})", p => T1(Math.Exp(p[0]), Math.Exp(p[0])),
            P(709, -700, -745), P(88, -87, -103)),
        new("Log", 1, "Math.Log({0})", "MathF.Log({0})", "T.Log({0})", p => Log(p[0], 1),
            P(1e308, 1e160, 3e-309, 1e-320), P(3e38f, 1e20f, 1e-40f)),
        new("Log2", 1, "Math.Log2({0})", "MathF.Log2({0})", "T.Log2({0})", p => Log(p[0], Ln2),
            P(1e308, 1e160, 3e-309), P(3e38f, 1e20f, 1e-40f)),
        new("Log10", 1, "Math.Log10({0})", "MathF.Log10({0})", "T.Log10({0})", p => Log(p[0], Ln10),
            P(1e308, 1e160, 3e-309), P(3e38f, 1e20f, 1e-40f)),
        new("LogBase", 2, "Math.Log({0}, {1})", "MathF.Log({0}, {1})", "T.Log({0}, {1})", p => LogBase(p[0], p[1]),
            P2((3, 5), (1e308, 1e300), (3e-309, 1e308), (1e160, 1e-160)), P2((3, 5), (3e38, 1e30), (1e-40, 3e38))),
        new("LogP1", 1, "double.LogP1({0})", "float.LogP1({0})", "T.LogP1({0})", p => LogP1(p[0], 1),
            P(0.5, 1e308, 1e160, -Near1), P(0.5f, 3e38f, 1e20f, -Near1F)),
        new("Log2P1", 1, "double.Log2P1({0})", "float.Log2P1({0})", "T.Log2P1({0})", p => LogP1(p[0], Ln2),
            P(0.5, 1e308, 1e160), P(0.5f, 3e38f, 1e20f)),
        new("Log10P1", 1, "double.Log10P1({0})", "float.Log10P1({0})", "T.Log10P1({0})", p => LogP1(p[0], Ln10),
            P(0.5, 1e308, 1e160), P(0.5f, 3e38f, 1e20f)),
        new("Sqrt", 1, "Math.Sqrt({0})", "MathF.Sqrt({0})", "T.Sqrt({0})", p => Root(p[0], 2),
            P(2, 1e300, 1e206, 1e-200, 1e-320), P(2, 3e38f, 3e25f, 1e-30f, 1e-44f)),
        new("Cbrt", 1, "Math.Cbrt({0})", "MathF.Cbrt({0})", "T.Cbrt({0})", p => Root(p[0], 3),
            P(2, 1e300, 1e-60, 1e-185, 1e-320), P(2, 3e38f, 1e-20f, 1e-44f)),
        new("RootN", 1, "double.RootN({0}, 3)", "float.RootN({0}, 3)", "T.RootN({0}, 3)", p => Root(p[0], 3),
            P(2, 1e308, 1e200, 1e-310), P(2, 3e38f, 1e30f, 1e-44f)),
        new("Reciprocal", 1, "1.0 / {0}", "1f / {0}", "T.One / {0}", p => Reciprocal(p[0]),
            P(3, 1e103, 1e160, -1e300, 1e-160), P(3, 1e13f, 1e20f, 1e-20f)),
        new("ReciprocalEstimate", 1, "Math.ReciprocalEstimate({0})", "MathF.ReciprocalEstimate({0})", "T.ReciprocalEstimate({0})", p => Reciprocal(p[0]),
            P(3, 1e103, 1e160, 1e-160), P(3, 1e13f, 1e20f, 1e-20f)),
        new("ReciprocalSqrtEstimate", 1, "Math.ReciprocalSqrtEstimate({0})", "MathF.ReciprocalSqrtEstimate({0})", "T.ReciprocalSqrtEstimate({0})", p => ReciprocalSqrt(p[0]),
            P(3, 1e125, 1e206, 1e-200), P(3, 1e15f, 1e25f, 1e-25f)),
        new("Divide", 2, "{0} / {1}", "{0} / {1}", "{0} / {1}", p => Divide(p[0], p[1]),
            P2((3, 5), (1, 1e160), (1e300, 1e160), (1e-300, 1e-10), (2, 1e103), (1, 1e-160)), P2((3, 5), (1, 1e20f), (1e30, 1e20f), (2, 1e13f), (1, 1e-20f))),
        new("PowConstant", 1, "Math.Pow({0}, 0.001)", "MathF.Pow({0}, 0.001f)", "T.Pow({0}, T.CreateChecked(0.001))", p => PowConstant(p[0], 0.001),
            P(2, 1e-310, 1e300), P(2, 1e-42f, 1e38f)),
        new("Pow", 2, "Math.Pow({0}, {1})", "MathF.Pow({0}, {1})", "T.Pow({0}, {1})", p => Pow(p[0], p[1]),
            P2((2, 3), (2, 1000), (1e300, 1.02), (1e-3, 100), (0.5, 1070)), P2((2, 3), (2, 120), (1e30f, 1.1f))),
        // Up to where the value itself overflows (710.5; 89.4 in float): beyond, the function returns ∞ and its
        // derivatives are ∞ or NaN (docs/math-functions.md), so those points are not in the table.
        new("Sinh", 1, "Math.Sinh({0})", "MathF.Sinh({0})", "T.Sinh({0})", p => T1(Math.Cosh(p[0]), Math.Sinh(p[0])),
            P(700, -710), P(88, -89)),
        new("Cosh", 1, "Math.Cosh({0})", "MathF.Cosh({0})", "T.Cosh({0})", p => T1(Math.Sinh(p[0]), Math.Cosh(p[0])),
            P(700, -710), P(88, -89)),
        new("Tan", 1, "Math.Tan({0})", "MathF.Tan({0})", "T.Tan({0})", p => T1(1 / (Math.Cos(p[0]) * Math.Cos(p[0])), 2 * Math.Sin(p[0]) / (Math.Cos(p[0]) * Math.Cos(p[0]) * Math.Cos(p[0]))),
            P(1.5707963267948966, -1.5707963267948966), P(1.5707963f)),
    };

    private static Truth Neg(Truth t) => new(t.First.Select(v => -v).ToArray(), t.Second is null ? null : new[,] { { -t.Second[0, 0] } });

    private static Truth Atanh(double x)
    {
        double d = (1 - x) * (1 + x);
        return T1(1 / d, 2 * x / d / d);
    }

    public static IEnumerable<object[]> Cases() =>
        from f in All
        from precision in new[] { "double", "float", "generic double", "generic float" }
        select new object[] { f.Name, precision };
}
