using System.Numerics;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Natural;

/// <summary>
/// The ninth round (natural22, Natural/NinthAttempts): functions copied word for word from two public numerics libraries
/// not ported before (Library/: USACE-RMC Numerics' special functions, Gamma, Erf, Beta, Debye, Evaluate, and Accord.NET's
/// Taylor series; extracted by Corpus/Tools/extract.py with heldout6.json, [Differentiable] added, bodies untouched) and ten
/// programs written the natural way by a user who read only the README and docs/supported.md (N01–N10: a pharmacokinetic
/// fit, a Gaussian-process marginal likelihood with a hand Cholesky over double[,], Nelson–Siegel, a Matrix4x4 robot arm,
/// a biquad filter's loss, softmax attention over double[][], a censored Weibull likelihood, heat-equation steps, an
/// augmented Lagrangian and implied-volatility Newton steps). All are compiled in ONE compilation (each file its own
/// syntax tree): <see cref="Expected"/> pins the ids each file gets, and the methods that build are checked against central
/// differences and a hand-derived value at points where the hand values are non-zero and distinct. docs/corpus.md records
/// the round.
/// </summary>
public class NinthAttemptTests
{
    /// <summary>The ids each file gets as first written; "" is a clean build.</summary>
    public static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["Library/Accord.Taylor"] = "",
        // IncompleteRatio (the Fortran-style TOMS 708 port) jumps back with 'goto' into statements another goto also
        // enters, and returns from inside them: ADG0002 at the label and at the return, saying what to write.
        ["Library/Rmc.Beta"] = "ADG0002",
        ["Library/Rmc.Debye"] = "",
        ["Library/Rmc.Erf"] = "",
        ["Library/Rmc.Evaluate"] = "",
        ["Library/Rmc.Gamma"] = "",
        ["Library/Rmc.Tools"] = "",
        ["N01_Pharmacokinetics"] = "",
        ["N02_GaussianProcess"] = "",
        ["N03_NelsonSiegel"] = "",
        ["N04_RobotArm"] = "",
        ["N05_IirFilter"] = "",
        ["N06_Attention"] = "",
        ["N07_WeibullSurvival"] = "",
        ["N08_HeatEquation"] = "",
        ["N09_AugmentedLagrangian"] = "",
        ["N10_ImpliedVolatility"] = "",
    };

    private static string Directory => Path.Combine(AppContext.BaseDirectory, "Natural", "NinthAttempts");

    private static readonly string[] Names =
        System.IO.Directory.GetFiles(Directory, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Directory, f).Replace('\\', '/'))
            .Select(f => f[..^3]).OrderBy(n => n, StringComparer.Ordinal).ToArray();

    /// <summary>Every file in one run: file i of <see cref="Names"/> is User(i + 1).cs.</summary>
    private static readonly Lazy<GeneratorOutput> Run = new(() =>
        GeneratorHarness.Run(new[] { NaturalSource.ImplicitUsings }.Concat(Names.Select(n => File.ReadAllText(Path.Combine(Directory, n + ".cs")))).Append(ProbeSource).ToArray()));

    /// <summary>
    /// The test's own calls of the generated MHessian (its Span result) and MForward, which reflection cannot pass; not a
    /// program of the round (it is the last file, and must compile without a warning like generated code).
    /// </summary>
    private const string ProbeSource = """
        namespace Natural;
        public static class NinthProbe
        {
            public static double[] Lagrangian(double x, double y, double m, double p) { var h = new double[4]; AugmentedLagrangian.LagrangianHessian(x, y, m, p, h); return h; }
            public static double[] Pk(double a, double b, double c, double[] t, double[] o) { var h = new double[9]; Pharmacokinetics.SumOfSquaresHessian(a, b, c, t, o, h); return h; }
            public static double[] Weibull(double a, double b, double[] t, bool[] o) { var h = new double[4]; WeibullSurvival.LogLikelihoodHessian(a, b, t, o, h); return h; }
            public static double GammaSlope(double x) { double d = 0; Numerics.Mathematics.SpecialFunctions.Gamma.FunctionBackward(x, ref d); return d; }
            public static double IncompleteSlopeA(double a, double b, double x)
            {
                double da = 0, db = 0, dx = 0;
                Numerics.Mathematics.SpecialFunctions.Beta.IncompleteBackward(a, b, x, ref da, ref db, ref dx);
                return da;
            }
            public static double NelsonForward(double b0, double b1, double b2, double l, double[] m, double[] r, double t0, double t1, double t2, double tl)
            {
                NelsonSiegel.FitErrorForward(b0, b1, b2, l, m, r, t0, t1, t2, tl, new double[m.Length], new double[r.Length], out double tr);
                return tr;
            }
        }
        """;

    private static readonly Lazy<Assembly> Loaded = new(() =>
    {
        var run = Run.Value;
        Assert.True(run.Exceptions.IsEmpty && run.CompileDiagnostics.IsEmpty, run.Dump());
        return GeneratorHarness.Load(run);
    });

    private static string FileOf(string name) => "User" + (Array.IndexOf(Names, name) + 1) + ".cs";

    private static IEnumerable<Diagnostic> DiagnosticsOf(string name) =>
        Run.Value.Diagnostics.Concat(Run.Value.CompileDiagnostics).Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath == FileOf(name));

    [Fact]
    public void FirstAttempts_GetWhatTheTableSays_InOneCompilation()
    {
        var run = Run.Value;
        Assert.True(run.Exceptions.IsEmpty, run.Dump());
        Assert.DoesNotContain(run.Diagnostics.Concat(run.CompileDiagnostics), d => d.Severity >= DiagnosticSeverity.Warning && !Names.Select(FileOf).Contains(d.Location.SourceTree?.FilePath));
        Assert.Equal(Expected.Keys.OrderBy(k => k, StringComparer.Ordinal), Names);
        var got = Names.ToDictionary(n => n, n => string.Join(",", DiagnosticsOf(n).Select(d => d.Id).Distinct().OrderBy(i => i, StringComparer.Ordinal)));
        var wrong = Names.Where(n => got[n] != Expected[n]).Select(n => n + ": got '" + got[n] + "', table '" + Expected[n] + "'").ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong) + "\n" + run.Dump());
        foreach (var n in Names.Where(n => n.StartsWith('N') && Expected[n] == ""))
        {
            string type = System.Text.RegularExpressions.Regex.Match(File.ReadAllText(Path.Combine(Directory, n + ".cs")), @"partial class (\w+)").Groups[1].Value;
            Assert.True(run.Generated.Values.Any(g => g.Contains("partial class " + type, StringComparison.Ordinal) && g.Contains("Backward(", StringComparison.Ordinal)), n + ": no Backward in " + type);
        }
    }

    [Theory]
    [InlineData("Library/Rmc.Beta", "ADG0002", "four", "write the loop as do { … } while (…); with break or a flag")]
    // The early return before the gotos is refused as a cascade of them ("a return the generator cannot place").
    [InlineData("Library/Rmc.Beta", "ADG0002", "if", "A return the generator cannot place ('if (x == 0.0 | x == 1.0)")]
    public void Refusal_IsAtTheConstruct_AndSaysWhatToWrite(string file, string id, string at, string says)
    {
        var mine = DiagnosticsOf(file).Where(d => d.Id == id).ToList();
        Assert.True(mine.Any(d => Normal(d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan)) == Normal(at) && d.GetMessage().Contains(says, StringComparison.Ordinal)),
            file + ": no " + id + " at '" + at + "' saying '" + says + "': " + string.Join("; ", mine.Select(d => d.Id + " '" + d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) + "' " + d.GetMessage())));
    }

    private static string Normal(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    private static Type T(string type) => Loaded.Value.GetType(type) ?? throw new InvalidOperationException("no " + type);

    private static MethodInfo Method(string type, string name, params Type[] parameters)
    {
        var candidates = T(type).GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance)
            .Where(m => m.Name == name && m.CustomAttributes.Any(a => a.AttributeType.Name == "DifferentiableAttribute"));
        if (parameters.Length > 0) candidates = candidates.Where(m => m.GetParameters().Select(p => p.ParameterType).SequenceEqual(parameters));
        return candidates.Single();
    }

    private static CentralDifferenceRunner.Result Check(string type, string name, params object[] point) =>
        CentralDifferenceRunner.Check(Method(type, name), null, point);

    private static double Value(string type, string name, params object[] point) => (double)Method(type, name).Invoke(null, point)!;

    private static void Near(double expected, double actual, string what) => Tolerance.AssertFormula(expected, actual, what);

    /// <summary>A hand value of an exact formula against code that approximates it (a series, a rational fit, float arithmetic).</summary>
    private static void Approx(double expected, double actual, double relative, string what) =>
        Tolerance.AssertClose(expected, actual, relative * Math.Max(1, Math.Abs(expected)), what);

    private const string Special = "Numerics.Mathematics.SpecialFunctions.";
    private const double EulerGamma = 0.57721566490153286, Zeta3 = 1.2020569031595943;

    // ψ(x + 1) = ψ(x) + 1/x from ψ(1/2) = −γ − 2 ln 2; ψ₁(x + 1) = ψ₁(x) − 1/x² from ψ₁(1/2) = π²/2; ψ₂(x + 1) = ψ₂(x) + 2/x³
    // from ψ₂(1/2) = −14 ζ(3). Γ(1/2) = √π, Γ(x + 1) = x Γ(x). Exact at half-integers, so no library is trusted for them.
    private static double HalfIntegerDigamma(double x) { double v = -EulerGamma - (2 * Math.Log(2)); for (double z = 0.5; z < x - 0.25; z++) v += 1 / z; return v; }

    private static double HalfIntegerTrigamma(double x) { double v = Math.PI * Math.PI / 2; for (double z = 0.5; z < x - 0.25; z++) v -= 1 / (z * z); return v; }

    private static double HalfIntegerTetragamma(double x) { double v = -14 * Zeta3; for (double z = 0.5; z < x - 0.25; z++) v += 2 / (z * z * z); return v; }

    /// <summary>ψ by the recurrence up to 12 and the asymptotic series ln x − 1/(2x) − Σ B₂ₖ/(2k x²ᵏ) (five terms: 1e-15 there).</summary>
    private static double DigammaByHand(double x)
    {
        double shift = 0;
        for (; x < 12; x++) shift -= 1 / x;
        double r = 1 / (x * x);
        double series = (1.0 / 240) - (r / 132);
        series = (1.0 / 252) - (r * series);
        series = (1.0 / 120) - (r * series);
        series = (1.0 / 12) - (r * series);
        return shift + Math.Log(x) - (0.5 / x) - (r * series);
    }

    /// <summary>ln Γ by the recurrence up to 12 and Stirling's series.</summary>
    private static double LogGammaByHand(double x)
    {
        double shift = 0;
        for (; x < 12; x++) shift -= Math.Log(x);
        double r = 1 / (x * x);
        return shift + ((x - 0.5) * Math.Log(x)) - x + (0.5 * Math.Log(2 * Math.PI)) + ((1 / x) * ((1.0 / 12) - (r * ((1.0 / 360) - (r * ((1.0 / 1260) - (r / 1680)))))));
    }

    /// <summary>Composite Simpson with 20 000 panels; the integrands here are smooth on [lo, hi] but tᵃ⁻¹ ln t near 0, which vanishes there for a &gt; 1.</summary>
    private static double Simpson(Func<double, double> f, double lo, double hi)
    {
        const int n = 20000;
        double h = (hi - lo) / n, sum = f(lo + 1e-300) + f(hi);
        for (int i = 1; i < n; i++) sum += (i % 2 == 1 ? 4 : 2) * f(lo + (i * h));
        return sum * h / 3;
    }

    private static double HalfIntegerGamma(double x) { double v = Math.Sqrt(Math.PI); for (double z = 0.5; z < x - 0.25; z++) v *= z; return v; }

    [Fact]
    public void AccordTaylor_MatchesCentralDifferences_AndTheFunctionsItApproximates()
    {
        // Twenty terms at 0.7 are the functions to round-off: sin′ = cos, cos′ = −sin, sinh′ = cosh, cosh′ = sinh, exp′ = exp.
        const double x = 0.7;
        Near(Math.Cos(x), Check("Accord.Math.Taylor", "Sin", x, 20).Gradient[0]![0], "Taylor.Sin′");
        Near(-Math.Sin(x), Check("Accord.Math.Taylor", "Cos", x, 20).Gradient[0]![0], "Taylor.Cos′");
        Near(Math.Cosh(x), Check("Accord.Math.Taylor", "Sinh", x, 20).Gradient[0]![0], "Taylor.Sinh′");
        Near(Math.Sinh(x), Check("Accord.Math.Taylor", "Cosh", x, 20).Gradient[0]![0], "Taylor.Cosh′");
        Near(Math.Exp(x), Check("Accord.Math.Taylor", "Exp", x, 20).Gradient[0]![0], "Taylor.Exp′");
        // Three terms of sin are x − x³/6 + x⁵/120: the derivative of the truncated series, 1 − x²/2 + x⁴/24.
        Near(1 - (x * x / 2) + (Math.Pow(x, 4) / 24), Check("Accord.Math.Taylor", "Sin", x, 3).Gradient[0]![0], "three terms of sin′");
    }

    [Fact]
    public void RmcGamma_MatchesCentralDifferences_AndThePolygammasByHand()
    {
        // At 2.5 and at 6.5 (both sides of the routines' own branch points): Γ′ = Γψ, (ln Γ)′ = ψ, ψ′ = ψ₁, ψ₁′ = ψ₂.
        foreach (double x in new[] { 2.5, 6.5 })
        {
            double gamma = HalfIntegerGamma(x), psi = HalfIntegerDigamma(x);
            Approx(gamma * psi, Check(Special + "Gamma", "Function", x).Gradient[0]![0], 1e-9, "Γ′(" + x + ")");
            Approx(psi, Check(Special + "Gamma", "LogGamma", x).Gradient[0]![0], 1e-9, "(ln Γ)′(" + x + ")");
            Approx(HalfIntegerTrigamma(x), Check(Special + "Gamma", "Digamma", x).Gradient[0]![0], 1e-7, "ψ′(" + x + ")");
            Approx(HalfIntegerTetragamma(x), Check(Special + "Gamma", "Trigamma", x).Gradient[0]![0], 1e-5, "ψ₁′(" + x + ")");
        }

        // P(a, x) and Q(a, x), regularised: ∂P/∂x = x^(a−1) e^(−x) / Γ(a) = −∂Q/∂x; on both of the series' sides (x < a + 1 and x > 1, x > a).
        foreach (var (a, x) in new[] { (2.5, 1.7), (2.5, 4.2) })
        {
            double density = Math.Pow(x, a - 1) * Math.Exp(-x) / HalfIntegerGamma(a);
            Near(density, Check(Special + "Gamma", "LowerIncomplete", a, x).Gradient[1]![0], "∂P/∂x");
            Near(-density, Check(Special + "Gamma", "UpperIncomplete", a, x).Gradient[1]![0], "∂Q/∂x");
        }

        // Stirling's and Lanczos' Γ at 7.5 and 3.5: Γψ to their accuracy.
        Approx(HalfIntegerGamma(7.5) * HalfIntegerDigamma(7.5), Check(Special + "Gamma", "Stirling", 7.5).Gradient[0]![0], 1e-7, "Stirling′");
        Approx(HalfIntegerGamma(3.5) * HalfIntegerDigamma(3.5), Check(Special + "Gamma", "Lanczos", 3.5).Gradient[0]![0], 1e-9, "Lanczos′");
    }

    [Fact]
    public void RmcErfBetaDebyeEvaluate_MatchCentralDifferences_AndHandValues()
    {
        // erf′ = 2/√π e^(−x²) = −erfc′ (through Gamma.LowerIncomplete(1/2, x²)).
        const double x = 0.6;
        double erfSlope = 2 / Math.Sqrt(Math.PI) * Math.Exp(-x * x);
        Near(erfSlope, Check(Special + "Erf", "Function", x).Gradient[0]![0], "erf′");
        Near(-erfSlope, Check(Special + "Erf", "Erfc", x).Gradient[0]![0], "erfc′");

        // B(a, b) = Γ(a)Γ(b)/Γ(a + b): ∂/∂a = B (ψ(a) − ψ(a + b)), ∂/∂b = B (ψ(b) − ψ(a + b)), at a + b = 3.7, not an integer:
        // the library's Γ returns its running product at exactly x == 2 or 3 (after shifting an integer down), which is the
        // value but not the slope, so at an integer a + b the program's own derivative is that special case's (docs/corpus.md).
        static double psi4Of() => 1 + 0.5 + (1.0 / 3) - EulerGamma;
        double a = 2.3, b = 1.4, bab = Math.Exp(LogGammaByHand(a) + LogGammaByHand(b) - LogGammaByHand(a + b));
        var beta = Check(Special + "Beta", "Function", a, b);
        Approx(bab * (DigammaByHand(a) - DigammaByHand(a + b)), beta.Gradient[0]![0], 1e-9, "∂B/∂a");
        Approx(bab * (DigammaByHand(b) - DigammaByHand(a + b)), beta.Gradient[1]![0], 1e-9, "∂B/∂b");
        // ∂I_x/∂a by the integral: I = ∫₀ˣ tᵃ⁻¹(1 − t)ᵇ⁻¹ dt / B, so ∂I/∂a = ∫₀ˣ ln t · tᵃ⁻¹(1 − t)ᵇ⁻¹ dt / B − I (ψ(a) − ψ(a + b)).
        double ia = Value(Special + "Beta", "Incomplete", a, b, 0.3);
        double dIa = (Simpson(t => Math.Log(t) * Math.Pow(t, a - 1) * Math.Pow(1 - t, b - 1), 0, 0.3) / bab) - (ia * (DigammaByHand(a) - DigammaByHand(a + b)));
        Approx(dIa, Check(Special + "Beta", "Incomplete", a, b, 0.3).Gradient[0]![0], 1e-6, "∂I/∂a");

        // The library's special case, pinned: at an integer n ≥ 2 its Γ shifts down to exactly 2 or 3 and returns the running
        // product z = (n − 1)(n − 2)…, whose slope is Σ 1/(n − k) · z, not Γ(n)ψ(n): at 4, 3 + 2 = 5 where Γ′(4) = 6ψ(4) = 7.54.
        // The generated code differentiates the branch C# takes (a comparison has no gradient), as every AD tool does; a
        // point a hair off the integer takes the general branch and the right slope. Beta.Incomplete's power series scales by
        // Γ(a + b)/(Γ(a)Γ(b)), so at (2.5, 1.5, 0.3) its ∂/∂a is the true one plus I·(5/6 − ψ(4)) (−0.038 of −0.095); Beta.Function
        // goes through ln Γ and is right there.
        Near(5, (double)Probe2("GammaSlope", 4.0), "the special case's slope at Γ(4)");
        Approx(6 * psi4Of(), (double)Probe2("GammaSlope", 4.0 + 1e-9), 1e-6, "Γ′ a hair off 4");
        double i4 = Value(Special + "Beta", "Incomplete", 2.5, 1.5, 0.3);
        double trueSlope = (Simpson(t => Math.Log(t) * Math.Pow(t, 1.5) * Math.Pow(1 - t, 0.5), 0, 0.3) / (Math.PI / 16)) - (i4 * (HalfIntegerDigamma(2.5) - psi4Of()));
        Approx(trueSlope + (i4 * ((5.0 / 6) - psi4Of())), (double)Probe2("IncompleteSlopeA", 2.5, 1.5, 0.3), 1e-6, "∂I/∂a at an integer a + b: the special case's");
        Approx(Math.PI / 16 * (HalfIntegerDigamma(2.5) - psi4Of()), Check(Special + "Beta", "Function", 2.5, 1.5).Gradient[0]![0], 1e-9, "∂B/∂a at (2.5, 1.5), through ln Γ");

        // I_x(a, b): ∂/∂x = x^(a−1)(1 − x)^(b−1)/B(a, b), on both sides of the symmetry switch x > a/(a + b).
        foreach (double p in new[] { 0.3, 0.8 })
        {
            double slope = Math.Pow(p, a - 1) * Math.Pow(1 - p, b - 1) / bab;
            Approx(slope, Check(Special + "Beta", "Incomplete", a, b, p).Gradient[2]![0], 1e-9, "∂I/∂x at " + p);
        }

        // Debye's D₃: D₃′(x) = 3/(eˣ − 1) − 3 D₃(x)/x, to the rational fit's accuracy (0.1 < x ≤ 7.25) and the series' (x > 7.25).
        foreach (double d in new[] { 2.0, 9.0 })
        {
            double value = Value(Special + "Debye", "Function", d);
            Approx((3 / (Math.Exp(d) - 1)) - (3 * value / d), Check(Special + "Debye", "Function", d).Gradient[0]![0], 2e-3, "D₃′(" + d + ")");
        }

        // Σ c_k x^k by Horner: ∂/∂c_k = x^k, ∂/∂x = Σ k c_k x^(k−1).
        double[] c = { 0.5, -1.25, 2.0, 0.75 };
        var poly = Check(Special + "Evaluate", "Polynomial", c, 1.3);
        for (int k = 0; k < c.Length; k++) Near(Math.Pow(1.3, k), poly.Gradient[0]![k], "∂p/∂c" + k);
        Near(-1.25 + (2 * 2.0 * 1.3) + (3 * 0.75 * 1.3 * 1.3), poly.Gradient[1]![0], "p′");
    }

    private static double[] Probe(string name, params object[] args) => (double[])T("Natural.NinthProbe").GetMethod(name)!.Invoke(null, args)!;

    [Fact]
    public void Pharmacokinetics_MatchesCentralDifferences_TheHandGradient_AndTheHessianRowOfV()
    {
        double[] times = { 0.5, 1, 2, 4, 8, 12 }, observed = { 4.1, 6.0, 7.2, 6.1, 3.0, 1.4 };
        double lka = Math.Log(1.2), lke = Math.Log(0.15), lv = Math.Log(60);
        double ka = 1.2, ke = 0.15, v = 60;
        // log C = log(F D ka) − log V − log(ka − ke) + log(e^(−ke t) − e^(−ka t)); r = log C − log y.
        // ∂r/∂ln V = −1; ∂r/∂ln ka = ka (1/ka − 1/(ka − ke) + t e^(−ka t)/(e^(−ke t) − e^(−ka t)));
        // ∂r/∂ln ke = ke (1/(ka − ke) − t e^(−ke t)/(e^(−ke t) − e^(−ka t))). SSE = Σ r², ∂SSE = 2 Σ r ∂r.
        double dKa = 0, dKe = 0, dV = 0, hVKa = 0;
        for (int i = 0; i < times.Length; i++)
        {
            double t = times[i], gap = Math.Exp(-ke * t) - Math.Exp(-ka * t);
            double r = Math.Log(0.9 * 500 * ka / (v * (ka - ke)) * gap) - Math.Log(observed[i]);
            double rKa = ka * ((1 / ka) - (1 / (ka - ke)) + (t * Math.Exp(-ka * t) / gap));
            double rKe = ke * ((1 / (ka - ke)) - (t * Math.Exp(-ke * t) / gap));
            dKa += 2 * r * rKa; dKe += 2 * r * rKe; dV -= 2 * r;
            hVKa -= 2 * rKa;
        }

        var g = Check("Natural.Pharmacokinetics", "SumOfSquares", lka, lke, lv, times, observed);
        Near(dKa, g.Gradient[0]![0], "∂/∂ln ka");
        Near(dKe, g.Gradient[1]![0], "∂/∂ln ke");
        Near(dV, g.Gradient[2]![0], "∂/∂ln V");
        // The Hessian's ln V row: ∂²/∂(ln V)² = Σ 2 (∂r/∂ln V)² = 2n; ∂²/∂ln V ∂ln ka = −2 Σ ∂r/∂ln ka.
        var h = Probe("Pk", lka, lke, lv, times, observed);
        Near(2 * times.Length, h[8], "H[V, V]");
        Near(hVKa, h[6], "H[V, ka]");
        Near(hVKa, h[2], "H[ka, V]");
    }

    /// <summary>The inverse of a small symmetric positive definite matrix by Gauss–Jordan (the test's own, for tr K⁻¹ and α).</summary>
    private static double[,] Inverse(double[,] a)
    {
        int n = a.GetLength(0);
        var m = new double[n, 2 * n];
        for (int i = 0; i < n; i++) { for (int j = 0; j < n; j++) m[i, j] = a[i, j]; m[i, n + i] = 1; }
        for (int c = 0; c < n; c++)
        {
            double pivot = m[c, c];
            for (int j = 0; j < 2 * n; j++) m[c, j] /= pivot;
            for (int r = 0; r < n; r++)
            {
                if (r == c) continue;
                double f = m[r, c];
                for (int j = 0; j < 2 * n; j++) m[r, j] -= f * m[c, j];
            }
        }

        var inv = new double[n, n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) inv[i, j] = m[i, n + j];
        return inv;
    }

    [Fact]
    public void GaussianProcess_MatchesCentralDifferences_AndTheTraceFormulas()
    {
        double[] x = { -1, -0.3, 0.4, 1.1 }, y = { 0.2, -0.5, 0.9, 0.3 };
        double lell = Math.Log(0.7), lsf = Math.Log(1.3), lsn = Math.Log(0.25);
        int n = x.Length;
        double ell = 0.7, sf2 = 1.69, sn2 = 0.0625;
        var k = new double[n, n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) k[i, j] = (sf2 * Math.Exp(-0.5 * Math.Pow((x[i] - x[j]) / ell, 2))) + (i == j ? sn2 : 0);
        var inv = Inverse(k);
        var alpha = new double[n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) alpha[i] += inv[i, j] * y[j];
        double trInv = 0, aa = 0, ya = 0, dEll = 0;
        for (int i = 0; i < n; i++) { trInv += inv[i, i]; aa += alpha[i] * alpha[i]; ya += y[i] * alpha[i]; }
        // ∂NLL/∂θ = ½ tr((K⁻¹ − ααᵀ) ∂K/∂θ): ∂K/∂ln σn = 2σn² I; ∂K/∂ln σf = 2(K − σn² I); ∂K_ij/∂ln ℓ = (K − σn² I)_ij d_ij²/ℓ².
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double dk = (k[i, j] - (i == j ? sn2 : 0)) * Math.Pow((x[i] - x[j]) / ell, 2);
                dEll += 0.5 * (inv[i, j] - (alpha[i] * alpha[j])) * dk;
            }

        var g = Check("Natural.GaussianProcess", "NegativeLogMarginalLikelihood", lell, lsf, lsn, x, y);
        Near(sn2 * (trInv - aa), g.Gradient[2]![0], "∂/∂ln σn");
        Near(n - (sn2 * trInv) - (ya - (sn2 * aa)), g.Gradient[1]![0], "∂/∂ln σf");
        Near(dEll, g.Gradient[0]![0], "∂/∂ln ℓ");
        // ∂NLL/∂y = α.
        for (int i = 0; i < n; i++) Near(alpha[i], g.Gradient[4]![i], "∂/∂y" + i);
    }

    [Fact]
    public void NelsonSiegel_Backward_AndForward_MatchCentralDifferences_AndTheLoadings()
    {
        double[] m = { 0.5, 1, 2, 5, 10, 20 }, rates = { 0.031, 0.033, 0.036, 0.04, 0.042, 0.043 };
        double b0 = 0.045, b1 = -0.015, b2 = 0.01, lambda = 1.8;
        double d0 = 0, d1 = 0, d2 = 0;
        for (int i = 0; i < m.Length; i++)
        {
            double xx = m[i] / lambda, decay = Math.Exp(-xx), load = (1 - decay) / xx;
            double diff = b0 + (b1 * load) + (b2 * (load - decay)) - rates[i];
            // E = (1/n) Σ diff²: ∂/∂β0 = (2/n) Σ diff, ∂/∂β1 = (2/n) Σ diff·L1, ∂/∂β2 = (2/n) Σ diff·(L1 − e^(−τ/λ)).
            d0 += 2 * diff / m.Length; d1 += 2 * diff * load / m.Length; d2 += 2 * diff * (load - decay) / m.Length;
        }

        var g = Check("Natural.NelsonSiegel", "FitError", b0, b1, b2, lambda, m, rates);
        Near(d0, g.Gradient[0]![0], "∂/∂β0");
        Near(d1, g.Gradient[1]![0], "∂/∂β1");
        Near(d2, g.Gradient[2]![0], "∂/∂β2");
        // MForward along (1, 2, −1, 0.5) is the same directional derivative.
        Near(d0 + (2 * d1) - d2 + (0.5 * g.Gradient[3]![0]), (double)Probe2("NelsonForward", b0, b1, b2, lambda, m, rates, 1.0, 2.0, -1.0, 0.5), "MForward");
    }

    private static object Probe2(string name, params object[] args) => T("Natural.NinthProbe").GetMethod(name)!.Invoke(null, args)!;

    [Fact]
    public void RobotArm_MatchesCentralDifferences_AndThePlanarChainByHand()
    {
        float[] theta = { 0.4f, -0.7f, 1.1f };
        var target = new Vector3(1.2f, 0.9f, 0.0f);
        double[] lengths = { 1.0, 0.8, 0.5 };
        // Row vectors: the tip is 0·T₂R₂T₁R₁T₀R₀ = Σ Lᵢ e(φᵢ), φᵢ = θ₀ + … + θᵢ; ∂tip/∂θⱼ = Σ_{i ≥ j} Lᵢ (−sin φᵢ, cos φᵢ).
        double px = 0, py = 0, phi = 0;
        var phis = new double[3];
        for (int i = 0; i < 3; i++) { phi += theta[i]; phis[i] = phi; px += lengths[i] * Math.Cos(phi); py += lengths[i] * Math.Sin(phi); }
        var g = Check("Natural.RobotArm", "ReachError", theta, target);
        for (int j = 0; j < 3; j++)
        {
            double dx = 0, dy = 0;
            for (int i = j; i < 3; i++) { dx -= lengths[i] * Math.Sin(phis[i]); dy += lengths[i] * Math.Cos(phis[i]); }
            Approx((2 * (px - target.X) * dx) + (2 * (py - target.Y) * dy), g.Gradient[0]![j], 1e-4, "∂D/∂θ" + j);
        }

        Approx(-2 * (px - target.X), g.Gradient[1]![0], 1e-4, "∂D/∂target.X");
    }

    [Fact]
    public void IirFilter_MatchesCentralDifferences_AndTheSensitivityRecursions()
    {
        double[] input = { 1, 0.5, -0.3, 0.8, -1.2, 0.4, 0.9, -0.6 }, reference = { 0.3, 0.5, 0.2, 0.1, -0.4, -0.2, 0.3, 0.1 };
        double b0 = 0.3, b1 = 0.2, b2 = 0.1, a1 = -0.5, a2 = 0.2;
        // s = ∂y/∂b0: s_n = x_n − a1 s_{n−1} − a2 s_{n−2}; q = ∂y/∂a1: q_n = −y_{n−1} − a1 q_{n−1} − a2 q_{n−2}.
        double x1 = 0, x2 = 0, y1 = 0, y2 = 0, s1 = 0, s2 = 0, q1 = 0, q2 = 0, dB0 = 0, dA1 = 0;
        int n = input.Length;
        for (int i = 0; i < n; i++)
        {
            double y0 = (b0 * input[i]) + (b1 * x1) + (b2 * x2) - (a1 * y1) - (a2 * y2);
            double s0 = input[i] - (a1 * s1) - (a2 * s2), q0 = -y1 - (a1 * q1) - (a2 * q2);
            double e = y0 - reference[i];
            dB0 += 2 * e * s0 / n; dA1 += 2 * e * q0 / n;
            x2 = x1; x1 = input[i]; y2 = y1; y1 = y0; s2 = s1; s1 = s0; q2 = q1; q1 = q0;
        }

        var g = Check("Natural.IirFilter", "Loss", b0, b1, b2, a1, a2, input, reference);
        Near(dB0, g.Gradient[0]![0], "∂/∂b0");
        Near(dA1, g.Gradient[3]![0], "∂/∂a1");
    }

    [Fact]
    public void Attention_MatchesCentralDifferences_AndTheValueGradientByHand()
    {
        double[][] q = { new[] { 0.3, -0.2 }, new[] { 0.8, 0.5 } }, k = { new[] { 0.1, 0.4 }, new[] { -0.6, 0.2 }, new[] { 0.5, -0.3 } };
        double[][] v = { new[] { 1.0, 0.2 }, new[] { -0.5, 0.7 }, new[] { 0.3, -0.9 } }, target = { new[] { 0.1, 0.0 }, new[] { -0.2, 0.4 } };
        var g = Check("Natural.Attention", "Loss", q, k, v, target);
        // ∂L/∂v[j][c] = Σ_i 2 e_ic w_ij, with w_i = softmax(q_i·k_j/√d) and e_ic = Σ_j w_ij v_jc − target_ic.
        var dv = new double[3, 2];
        for (int i = 0; i < 2; i++)
        {
            var w = new double[3];
            for (int j = 0; j < 3; j++) w[j] = Math.Exp(((q[i][0] * k[j][0]) + (q[i][1] * k[j][1])) / Math.Sqrt(2));
            double sum = w.Sum();
            for (int c = 0; c < 2; c++)
            {
                double e = -target[i][c];
                for (int j = 0; j < 3; j++) e += w[j] / sum * v[j][c];
                for (int j = 0; j < 3; j++) dv[j, c] += 2 * e * w[j] / sum;
            }
        }

        for (int j = 0; j < 3; j++) for (int c = 0; c < 2; c++) Near(dv[j, c], g.Gradient[2]![(2 * j) + c], "∂L/∂v" + j + c);
    }

    [Fact]
    public void WeibullSurvival_Gradient_AndHessian_MatchTheScoreByHand()
    {
        double[] times = { 0.8, 1.5, 2.2, 3.1, 0.4, 2.7 };
        bool[] observed = { true, false, true, true, false, true };
        double ls = Math.Log(1.4), ll = Math.Log(2.0), kk = 1.4, lam = 2.0;
        // ll = Σ_obs [ln k − ln λ + (k − 1) ln z] − Σ z^k, z = t/λ: ∂/∂ln λ = −k d + k Σ z^k; ∂/∂ln k = Σ_obs (1 + k ln z) − k Σ z^k ln z;
        // H_λλ = −k² Σ z^k; H_kλ = −k d + k Σ z^k + k² Σ z^k ln z; H_kk = k Σ_obs ln z − k Σ z^k ln z − k² Σ z^k ln² z.
        double d = 0, sz = 0, szl = 0, szll = 0, sObsL = 0;
        for (int i = 0; i < times.Length; i++)
        {
            double z = times[i] / lam, zk = Math.Pow(z, kk), lz = Math.Log(z);
            sz += zk; szl += zk * lz; szll += zk * lz * lz;
            if (observed[i]) { d++; sObsL += lz; }
        }

        var g = Check("Natural.WeibullSurvival", "LogLikelihood", ls, ll, times, observed);
        Near(d + (kk * sObsL) - (kk * szl), g.Gradient[0]![0], "∂/∂ln k");
        Near((-kk * d) + (kk * sz), g.Gradient[1]![0], "∂/∂ln λ");
        var h = Probe("Weibull", ls, ll, times, observed);
        Near((kk * sObsL) - (kk * szl) - (kk * kk * szll), h[0], "H[k, k]");
        Near((-kk * d) + (kk * sz) + (kk * kk * szl), h[1], "H[k, λ]");
        Near((-kk * d) + (kk * sz) + (kk * kk * szl), h[2], "H[λ, k]");
        Near(-kk * kk * sz, h[3], "H[λ, λ]");
    }

    [Fact]
    public void HeatEquation_MatchesCentralDifferences_AndOneStepByHand()
    {
        double[] initial = { 0, 0.4, 0.9, 0.7, 0.2, 0 }, target = { 0, 0.3, 0.6, 0.6, 0.3, 0 };
        double kappa = 0.8, dx = 0.2, dt = 0.4 * dx * dx, r = kappa * dt / (dx * dx);
        // One step: u1_i = u_i + r Δu_i inside, ends fixed; L = dx Σ (u1 − t)²; ∂L/∂κ = dx Σ 2(u1_i − t_i) (dt/dx²) Δu_i;
        // ∂L/∂u_i = dx Σ_j 2(u1_j − t_j) ∂u1_j/∂u_i with ∂u1_i/∂u_i = 1 − 2r (inside), ∂u1_{i±1}/∂u_i = r.
        int n = initial.Length;
        var u1 = (double[])initial.Clone();
        for (int i = 1; i < n - 1; i++) u1[i] = initial[i] + (r * (initial[i - 1] - (2 * initial[i]) + initial[i + 1]));
        double dk = 0;
        for (int i = 1; i < n - 1; i++) dk += dx * 2 * (u1[i] - target[i]) * (dt / (dx * dx)) * (initial[i - 1] - (2 * initial[i]) + initial[i + 1]);
        var g = Check("Natural.HeatEquation", "Loss", kappa, initial, target, 1);
        Near(dk, g.Gradient[0]![0], "∂L/∂κ");
        double du2 = dx * 2 * (((u1[2] - target[2]) * (1 - (2 * r))) + ((u1[1] - target[1]) * r) + ((u1[3] - target[3]) * r));
        Near(du2, g.Gradient[1]![2], "∂L/∂u0[2]");
        // And many steps against central differences only.
        Check("Natural.HeatEquation", "Loss", kappa, initial, target, 25);
    }

    [Fact]
    public void AugmentedLagrangian_Gradient_AndHessian_ByHand()
    {
        double x = 0.6, y = 0.9, m = 0.7, p = 10;
        double c = (x * x) + (y * y) - 1, rx = (-2 * (1 - x)) - (400 * x * (y - (x * x))), ry = 200 * (y - (x * x));
        var g = Check("Natural.AugmentedLagrangian", "Lagrangian", x, y, m, p);
        // L = R + m c + ½ p c²: ∇L = ∇R + (m + p c) ∇c, ∇c = (2x, 2y).
        Near(rx + ((m + (p * c)) * 2 * x), g.Gradient[0]![0], "∂L/∂x");
        Near(ry + ((m + (p * c)) * 2 * y), g.Gradient[1]![0], "∂L/∂y");
        // ∇²L = ∇²R + (m + p c) ∇²c + p ∇c ∇cᵀ; R_xx = 2 − 400y + 1200x², R_xy = −400x, R_yy = 200.
        var h = Probe("Lagrangian", x, y, m, p);
        Near(2 - (400 * y) + (1200 * x * x) + (2 * (m + (p * c))) + (p * 4 * x * x), h[0], "H[x, x]");
        Near((-400 * x) + (p * 4 * x * y), h[1], "H[x, y]");
        Near((-400 * x) + (p * 4 * x * y), h[2], "H[y, x]");
        Near(200 + (2 * (m + (p * c))) + (p * 4 * y * y), h[3], "H[y, y]");
        // The inequality form where max(0, m + p g) is active: ∂/∂x = R_x + shifted, ∂/∂m = (shifted − m)/p, ∂/∂p = (2 shifted g p − (shifted² − m²))/(2p²).
        double gg = x + y - 1, shifted = m + (p * gg);
        var gi = Check("Natural.AugmentedLagrangian", "InequalityLagrangian", x, y, m, p);
        Near(rx + shifted, gi.Gradient[0]![0], "∂Li/∂x");
        Near((shifted - m) / p, gi.Gradient[2]![0], "∂Li/∂m");
        Near(((2 * shifted * gg * p) - ((shifted * shifted) - (m * m))) / (2 * p * p), gi.Gradient[3]![0], "∂Li/∂p");
    }

    [Fact]
    public void ImpliedVolatility_NewtonSteps_MatchCentralDifferences_AndOneOverVega()
    {
        double s = 100, k = 105, t = 0.5, r = 0.02, sigma0 = 0.25;
        // One step σ1 = σ0 − (C(σ0) − P)/V(σ0): ∂σ1/∂P = 1/V(σ0), with V = S φ(d1) √T the program's vega.
        double d1 = (Math.Log(s / k) + ((r + (0.5 * sigma0 * sigma0)) * t)) / (sigma0 * Math.Sqrt(t));
        double vega = s * Math.Exp(-0.5 * d1 * d1) / Math.Sqrt(2 * Math.PI) * Math.Sqrt(t);
        var g = Check("Natural.ImpliedVolatility", "NewtonStep", 5.0, s, k, t, r, sigma0);
        Near(1 / vega, g.Gradient[0]![0], "∂σ1/∂P");
        // Converged, σ(P) solves C(σ) = P: ∂σ/∂P = 1/∂C/∂σ at the root — the textbook vega to the A&S CDF's accuracy.
        double price = 4.2;
        double root = Value("Natural.ImpliedVolatility", "Solve", price, s, k, t, r);
        double e1 = (Math.Log(s / k) + ((r + (0.5 * root * root)) * t)) / (root * Math.Sqrt(t));
        double vegaRoot = s * Math.Exp(-0.5 * e1 * e1) / Math.Sqrt(2 * Math.PI) * Math.Sqrt(t);
        Approx(1 / vegaRoot, Check("Natural.ImpliedVolatility", "Solve", price, s, k, t, r).Gradient[0]![0], 1e-3, "∂σ/∂P at the root");
    }
}
