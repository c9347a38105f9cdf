using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Natural;

/// <summary>
/// The seventh round of natural programs (natural20, Natural/SeventhAttempts): twenty numerics-library functions written
/// the way a .NET numerics library writes them (L01–L20: special functions, distributions' densities and CDFs, statistics,
/// distances, polynomial evaluation, interpolation; argument checks that throw, static readonly coefficient tables, const
/// constants in other classes, special-value early returns, series loops with a tolerance and a cap, reflection formulas
/// by recursion, params, span overloads, extension methods, switch expressions) and ten C# translations of a peer AD
/// tool's (Clad's) gradient tests (C01–C10: assignments and ++ inside expressions, while (n-- > 0), ref locals, void
/// helpers with ref parameters, array initializers, writes into array parameters, nested loops with break/continue,
/// ternaries with side effects, static counters), as first written. <see cref="Expected"/> pins what each gets; the
/// methods of the programs that build are checked (all but the span-only SquaredEuclidean, which reflection cannot call)
/// against central differences and a value derived by hand at a point where
/// the hand values are non-zero and distinct. docs/corpus.md records the round.
/// </summary>
public class SeventhAttemptTests
{
    /// <summary>The ids each program gets as first written (after natural20's fixes); "" is a clean build.</summary>
    public static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["C01_AssignInExpression"] = "",
        ["C02_IncrementInIndex"] = "",
        ["C03_WhileDecrement"] = "",
        ["C04_RefLocals"] = "",
        ["C05_VoidRefHelpers"] = "",
        ["C06_ArrayInitializers"] = "",
        ["C07_WriteArrayParameter"] = "",
        ["C08_NestedBreakContinue"] = "",
        ["C09_TernarySideEffects"] = "",
        // last = x writes a value that carries a gradient into a static field (ADG0007, saying what to write instead); calls++,
        // a counter without gradient, is an effect the forward sweep keeps since idioms21 (ADG0007 before).
        ["C10_StaticCounter"] = "ADG0007",
        // Evaluate.Polynomial(t, ErfCoefficients), a plain helper with a params parameter: ADG0004 "has no known derivative"
        // (and ADG0017 at Erfc's call of Erf) before natural20; inlined now.
        ["L01_Erf"] = "",
        ["L02_ErfInv"] = "",
        ["L03_Gamma"] = "",
        ["L04_Beta"] = "",
        ["L05_DiGamma"] = "",
        ["L06_Logistic"] = "",
        ["L07_ExponentialIntegral"] = "",
        ["L08_Normal"] = "",
        ["L09_LogNormal"] = "",
        ["L10_GammaDistribution"] = "",
        // Lanczos.GammaLn reads a private static readonly table of another class, which the generated code (in
        // BetaDistribution) cannot read (ADG0004: "make it internal or public").
        ["L11_BetaDistribution"] = "ADG0004",
        ["L12_StudentT"] = "",
        ["L13_WeibullCauchyLaplace"] = "",
        // The IEnumerable<double> extension methods (a foreach with checked(++m), an explicit enumerator in a using) called on
        // a double[] and on a sequence parameter: ADG0004 at the calls and ADG0003 at 'data' before linq22; inlined now.
        ["L14_StatisticsEnumerable"] = "",
        ["L15_Moments"] = "",
        ["L16_Correlation"] = "",
        ["L17_Distance"] = "",
        ["L18_DistanceSpans"] = "",
        ["L19_Polynomial"] = "",
        ["L20_Interpolate"] = "",
    };

    public static IEnumerable<object[]> Names() => NaturalSource.SeventhNames().Select(n => new object[] { n });

    [Theory]
    [MemberData(nameof(Names))]
    public void FirstAttempt_GetsWhatTheTableSays(string name)
    {
        var run = NaturalSource.RunSeventh(name);
        Assert.True(run.Exceptions.IsEmpty, run.Dump());
        var ids = run.Diagnostics.Concat(run.CompileDiagnostics).Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.Id).Distinct().OrderBy(i => i, StringComparer.Ordinal);
        Assert.True(Expected.ContainsKey(name), name + " has no row here");
        Assert.Equal(Expected[name], string.Join(",", ids));
    }

    [Theory]
    [InlineData("C10_StaticCounter", "ADG0007", "last = x", "the static field 'last' a value that carries a gradient, which a later call would read as a constant")]
    [InlineData("L11_BetaDistribution", "ADG0004", "Lanczos.GammaLn(a + b)", "make it internal or public")]
    public void Refusal_IsAtTheConstruct_AndSaysWhatToWrite(string program, string id, string at, string says)
    {
        var run = NaturalSource.RunSeventh(program);
        var mine = run.Diagnostics.Where(d => d.Id == id).ToList();
        Assert.True(mine.Any(d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == at && d.GetMessage().Contains(says, StringComparison.Ordinal)),
            program + ": no " + id + " at '" + at + "' saying '" + says + "': " + string.Join("; ", run.Diagnostics.Select(d => d.Id + " '" + d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) + "' " + d.GetMessage())));
    }

    private static MethodInfo Method(string program, string type, string name, params Type[] parameters)
    {
        var candidates = NaturalSource.SeventhAssembly(program).GetType("Natural." + type)!.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance)
            .Where(m => m.Name == name && m.CustomAttributes.Any(a => a.AttributeType.Name == "DifferentiableAttribute"));
        if (parameters.Length > 0) candidates = candidates.Where(m => m.GetParameters().Select(p => p.ParameterType).SequenceEqual(parameters));
        return candidates.Single();
    }

    private static CentralDifferenceRunner.Result Check(string program, string type, string name, params object[] point) =>
        CentralDifferenceRunner.Check(Method(program, type, name), null, point);

    /// <summary>
    /// Backward with zero adjoints and dResult = 1, without central differences: for a written array parameter (its
    /// adjoint in/out, docs/ref-out.md; checked against central differences by CheckInOut) and for a point on a special
    /// case's equality, where a difference quotient measures the formula beside it.
    /// </summary>
    private static double[][] Plain(MethodInfo method, params object[] point)
    {
        var ps = method.GetParameters();
        var backward = method.DeclaringType!.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Single(b => b.Name == method.Name + "Backward" && b.GetParameters().Length == ps.Length + ps.Count(CentralDifferenceRunner.IsDifferentiated) + 1
                && b.GetParameters().Take(ps.Length).Select(q => q.ParameterType).SequenceEqual(ps.Select(q => q.ParameterType)));
        var args = point.Select(v => v is Array a ? a.Clone() : v).ToList();
        var slots = new List<int>();
        for (int i = 0; i < ps.Length; i++)
        {
            if (!CentralDifferenceRunner.IsDifferentiated(ps[i])) continue;
            slots.Add(args.Count);
            args.Add(point[i] is double[] d ? new double[d.Length] : 0.0);
        }

        args.Add(1.0);
        var all = args.ToArray();
        backward.Invoke(null, all);
        return slots.Select(k => all[k] is double[] d ? d : new[] { (double)all[k] }).ToArray();
    }

    private static void Near(double expected, double actual, string what) => Tolerance.AssertFormula(expected, actual, what);

    /// <summary>A hand value of the exact function against the library's approximation of it: the approximation's error.</summary>
    private static void Approx(double expected, double actual, double relative, string what) =>
        Tolerance.AssertClose(expected, actual, relative * Math.Max(1, Math.Abs(expected)), what);

    // Reference digamma and trigamma, written here independently of the programs: shift up to x ≥ 20, then the asymptotic
    // series (Bernoulli numbers), and the reflection formula ψ(x) = ψ(1 − x) − π cot(πx) for negative x.
    private static double Psi(double x)
    {
        if (x < 0) return Psi(1 - x) - (Math.PI / Math.Tan(Math.PI * x));
        double acc = 0;
        while (x < 20) { acc -= 1 / x; x += 1; }
        double r = 1 / (x * x);
        return acc + Math.Log(x) - (0.5 / x) - (r * ((1.0 / 12) - (r * ((1.0 / 120) - (r * ((1.0 / 252) - (r / 240)))))));
    }

    private static double Trigamma(double x)
    {
        double acc = 0;
        while (x < 20) { acc += 1 / (x * x); x += 1; }
        double r = 1 / x, r2 = r * r;
        return acc + r + (r2 / 2) + (r * r2 * ((1.0 / 6) - (r2 * ((1.0 / 30) - (r2 / 42)))));
    }

    private static double GammaFn(double x) => x < 0.5 ? Math.PI / (Math.Sin(Math.PI * x) * GammaFn(1 - x)) : Math.Exp(LnGamma(x));

    private static double LnGamma(double x)
    {
        double acc = 0;
        while (x < 20) { acc -= Math.Log(x); x += 1; }
        double r = 1 / x, r2 = r * r;
        return acc + ((x - 0.5) * Math.Log(x)) - x + (0.5 * Math.Log(2 * Math.PI)) + (r * ((1.0 / 12) - (r2 * ((1.0 / 360) - (r2 / 1260)))));
    }

    [Fact]
    public void CladAssignments_MatchCentralDifferences_AndTheHandGradient()
    {
        const string P = "C01_AssignInExpression";
        double x = 0.7, y = 1.3;
        // F3: x ← x², y ← x⁴: ∂/∂x = 4x³, ∂/∂y = 0 (y is overwritten before it is read).
        var r = Check(P, "CladAssignments", "F3", x, y);
        Near(4 * x * x * x, r.Gradient[0]![0], "F3 ∂x");
        Assert.Equal(0.0, r.Gradient[1]![0]);
        // F8: t = xy, then x ← t + y: f = xy (xy + y): ∂x = 2xy² + y², ∂y = 2x²y + 2xy.
        r = Check(P, "CladAssignments", "F8", x, y);
        Near((2 * x * y * y) + (y * y), r.Gradient[0]![0], "F8 ∂x");
        Near((2 * x * x * y) + (2 * x * y), r.Gradient[1]![0], "F8 ∂y");
        // F9: a = b = xy; (y += x) is x + y and leaves y = x + y, read again: f = x²y² + (x + y)².
        r = Check(P, "CladAssignments", "F9", x, y);
        Near((2 * x * y * y) + (2 * (x + y)), r.Gradient[0]![0], "F9 ∂x");
        Near((2 * x * x * y) + (2 * (x + y)), r.Gradient[1]![0], "F9 ∂y");
    }

    [Fact]
    public void CladIncrementsAndLoops_MatchCentralDifferences_AndTheHandGradient()
    {
        double[] a = { 0.4, -1.1, 0.9 };
        double x = 1.7;
        // Walk: r = a0 x + a1 x² + a2 a2 (a[i] * a[i++] reads a2 twice).
        var r = Check("C02_IncrementInIndex", "CladIncrements", "Walk", a, x);
        Near(x, r.Gradient[0]![0], "Walk ∂a0");
        Near(x * x, r.Gradient[0]![1], "Walk ∂a1");
        Near(2 * a[2], r.Gradient[0]![2], "Walk ∂a2");
        Near(a[0] + (2 * a[1] * x), r.Gradient[1]![0], "Walk ∂x");
        // Counter: r = x·1 + x·2 + x·3, k = 4, --k = 3: f = 18x.
        Near(18, Check("C02_IncrementInIndex", "CladIncrements", "Counter", x).Gradient[0]![0], "Counter");
        // Pow(x, 3) = x³; SumDown(x, 3) = 3x + 2x + x.
        Near(3 * x * x, Check("C03_WhileDecrement", "CladLoops", "Pow", x, 3).Gradient[0]![0], "Pow");
        Near(6, Check("C03_WhileDecrement", "CladLoops", "SumDown", x, 3).Gradient[0]![0], "SumDown");
        // Nested: every (i, j) in 0..3 with j ≠ i is summed (the break at j = 3 comes after the last add): 18x + 18y...
        r = Check("C08_NestedBreakContinue", "CladNested", "Nested", 0.3, 0.8);
        Near(18, r.Gradient[0]![0], "Nested ∂x");
        Near(18, r.Gradient[1]![0], "Nested ∂y");
        // BreakOnValue(1.5): 1.5⁶ = 11.39 is the first power above 10: f = x⁶.
        Near(6 * Math.Pow(1.5, 5), Check("C08_NestedBreakContinue", "CladNested", "BreakOnValue", 1.5).Gradient[0]![0], "BreakOnValue");
    }

    [Fact]
    public void CladReferencesCallsArraysAndTernaries_MatchCentralDifferences_AndTheHandGradient()
    {
        double x = 0.6, y = -1.4;
        double[] a = { 1.5, -0.8, 2.0 };
        // ThroughArray: a1 ← a1 x through the ref local; f = a0 a1 x. The method writes a, so dA is in/out (CheckInOut seeds
        // what it leaves); with a zero seed it is the plain gradient.
        var method = Method("C04_RefLocals", "CladReferences", "ThroughArray");
        CentralDifferenceRunner.CheckInOut(method, null, new object[] { a, x }, 7);
        var g = Plain(method, a, x);
        Near(a[1] * x, g[0][0], "ThroughArray ∂a0");
        Near(a[0] * x, g[0][1], "ThroughArray ∂a1");
        Assert.Equal(0.0, g[0][2]);
        Near(a[0] * a[1], g[1][0], "ThroughArray ∂x");
        CentralDifferenceRunner.Result r;
        // ThroughLocal: u = (x + y)²; f = (x + y)² + x.
        r = Check("C04_RefLocals", "CladReferences", "ThroughLocal", x, y);
        Near((2 * (x + y)) + 1, r.Gradient[0]![0], "ThroughLocal ∂x");
        Near(2 * (x + y), r.Gradient[1]![0], "ThroughLocal ∂y");
        // Fn: u = (x + y)² + xy, x ← x²: f = (x + y)² + xy + x².
        r = Check("C05_VoidRefHelpers", "CladCalls", "Fn", x, y);
        Near((2 * (x + y)) + y + (2 * x), r.Gradient[0]![0], "Fn ∂x");
        Near((2 * (x + y)) + x, r.Gradient[1]![0], "Fn ∂y");
        // Init: t = {1 + y, x, x²y}: f = 1 + y + x + x²y.
        r = Check("C06_ArrayInitializers", "CladArrays", "Init", x, y);
        Near(1 + (2 * x * y), r.Gradient[0]![0], "Init ∂x");
        Near(1 + (x * x), r.Gradient[1]![0], "Init ∂y");
        // Jagged: det [[x, y], [xy, x − y]] = x² − xy − xy².
        r = Check("C06_ArrayInitializers", "CladArrays", "Jagged", x, y);
        Near((2 * x) - y - (y * y), r.Gradient[0]![0], "Jagged ∂x");
        Near(-x - (2 * x * y), r.Gradient[1]![0], "Jagged ∂y");
        // Scale(arr, 2): f = Σ_{i<2} 25 arr_i², arr[2] untouched; AddTo: f = arr0 (arr2 + 2x).
        method = Method("C07_WriteArrayParameter", "CladArrayParams", "Scale");
        CentralDifferenceRunner.CheckInOut(method, null, new object[] { a, 2 }, 8);
        g = Plain(method, a, 2);
        Near(50 * a[0], g[0][0], "Scale ∂arr0");
        Near(50 * a[1], g[0][1], "Scale ∂arr1");
        Assert.Equal(0.0, g[0][2]);
        method = Method("C07_WriteArrayParameter", "CladArrayParams", "AddTo");
        CentralDifferenceRunner.CheckInOut(method, null, new object[] { a, x }, 9);
        g = Plain(method, a, x);
        Near(a[2] + (2 * x), g[0][0], "AddTo ∂arr0");
        Near(a[0], g[0][2], "AddTo ∂arr2");
        Near(2 * a[0], g[1][0], "AddTo ∂x");
        // Side (x > 0): y ← 2x, r = 2x: f = 4x², y's input is not read. Pick (x < y, x ≤ 1): f = x² y.
        r = Check("C09_TernarySideEffects", "CladTernary", "Side", x, y);
        Near(8 * x, r.Gradient[0]![0], "Side ∂x");
        Assert.Equal(0.0, r.Gradient[1]![0]);
        r = Check("C09_TernarySideEffects", "CladTernary", "Pick", 0.5, 1.2);
        Near(2 * 0.5 * 1.2, r.Gradient[0]![0], "Pick ∂x");
        Near(0.25, r.Gradient[1]![0], "Pick ∂y");
    }

    [Fact]
    public void Erf_MatchesCentralDifferences_AndTheChainRuleByHand_OnBothSides()
    {
        // y = 1 − P(t) e^(−a²), a = |x|, t = 1/(1 + p a), P(t) = Σ c_i t^i (c0 = 0); erf is odd, so y′(x) = dy/da:
        // −P′(t) (−p t²) e^(−a²) + P(t) 2a e^(−a²). The exact 2/√π e^(−x²) agrees to A&S 7.1.26's accuracy.
        double[] c = { 0.0, 0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429 };
        const double P = 0.3275911;
        foreach (double x in new[] { 0.6, -1.1 })
        {
            double a = Math.Abs(x), t = 1 / (1 + (P * a)), e = Math.Exp(-a * a), poly = 0, dpoly = 0;
            for (int i = 5; i >= 0; i--) { dpoly = (dpoly * t) + poly; poly = (poly * t) + c[i]; }
            double hand = (dpoly * P * t * t * e) + (poly * 2 * a * e);
            var r = Check("L01_Erf", "SpecialFunctions", "Erf", x);
            Near(hand, r.Gradient[0]![0], "erf′(" + x + ")");
            Approx(2 / Math.Sqrt(Math.PI) * Math.Exp(-x * x), r.Gradient[0]![0], 1e-5, "erf′ exact at " + x);
            Near(-hand, Check("L01_Erf", "SpecialFunctions", "Erfc", x).Gradient[0]![0], "erfc′(" + x + ")");
        }
    }

    [Fact]
    public void ErfInv_MatchesCentralDifferences_AndTheChainRuleByHand_InBothBranches()
    {
        // f = p(w) z with w = −ln(1 − z²) (shifted): ∂f/∂z = p(w) + z p′(w) · 2z / (1 − z²); p and p′ by Horner here. The
        // exact derivative √π/2 · exp(erfinv(z)²) agrees to the approximation's accuracy.
        double[] central = { 1.50140941, 0.246640727, -0.00417768164, -0.00125372503, 0.00021858087, -4.39150654e-06, -3.5233877e-06, 3.43273939e-07, 2.81022636e-08 };
        double[] tail = { 2.83297682, 1.00167406, 0.00943887047, -0.0076224613, 0.00573950773, -0.00367342844, 0.00134934322, 0.000100950558, -0.000200214257 };
        foreach (double z in new[] { 0.3, -0.998 })
        {
            double w = -Math.Log((1 - z) * (1 + z)), dw = 2 * z / (1 - (z * z));
            double[] c = w < 5 ? central : tail;
            double u = w < 5 ? w - 2.5 : Math.Sqrt(w) - 3, du = w < 5 ? dw : dw / (2 * Math.Sqrt(w));
            double p = 0, dp = 0;
            for (int i = 8; i >= 0; i--) { dp = (dp * u) + p; p = (p * u) + c[i]; }
            var r = Check("L02_ErfInv", "SpecialFunctions", "ErfInv", z);
            Near(p + (z * dp * du), r.Gradient[0]![0], "ErfInv′(" + z + ")");
            Approx(Math.Sqrt(Math.PI) / 2 * Math.Exp(r.Value * r.Value), r.Gradient[0]![0], 1e-4, "erfinv′ exact at " + z);
        }
    }

    [Fact]
    public void GammaAndDiGamma_MatchCentralDifferences_AndDigammaTrigammaByHand_ThroughTheReflection()
    {
        // Γ′ = Γψ, (ln Γ)′ = ψ, ψ′ = ψ₁: the reflection branches (z < 0.5, x < 0) call the method itself.
        foreach (double z in new[] { 2.3, -0.7 })
            Approx(GammaFn(z) * Psi(z), Check("L03_Gamma", "SpecialFunctions", "Gamma", z).Gradient[0]![0], 1e-8, "Γ′(" + z + ")");
        foreach (double z in new[] { 2.3, 0.3 })
            Approx(Psi(z), Check("L03_Gamma", "SpecialFunctions", "GammaLn", z).Gradient[0]![0], 1e-8, "ψ(" + z + ")");
        foreach (double x in new[] { 2.3, -0.4, 15.5 })
            Approx(Trigamma(x < 0 ? 1 - x : x) * (x < 0 ? -1 : 1) + (x < 0 ? Math.PI * Math.PI / (Math.Sin(Math.PI * x) * Math.Sin(Math.PI * x)) : 0),
                Check("L05_DiGamma", "SpecialFunctions", "DiGamma", x).Gradient[0]![0], 1e-8, "ψ′(" + x + ")");
    }

    [Fact]
    public void BetaAndBetaRegularized_MatchCentralDifferences_AndTheDensityByHand()
    {
        // Not at integer a + b (4.0): the user's LogGamma shifts x up while x < 8, and at an integer the count differs at ± h.
        double a = 2.7, b = 1.6;
        // ∂ ln B / ∂z = ψ(z) − ψ(z + w); B′ = B · that.
        var r = Check("L04_Beta", "SpecialFunctions", "BetaLn", a, b);
        Approx(Psi(a) - Psi(a + b), r.Gradient[0]![0], 1e-8, "∂lnB/∂z");
        Approx(Psi(b) - Psi(a + b), r.Gradient[1]![0], 1e-8, "∂lnB/∂w");
        double beta = Math.Exp(LnGamma(a) + LnGamma(b) - LnGamma(a + b));
        r = Check("L04_Beta", "SpecialFunctions", "Beta", a, b);
        Approx(beta * (Psi(a) - Psi(a + b)), r.Gradient[0]![0], 1e-8, "∂B/∂z");
        // ∂I_x(a, b)/∂x = x^(a−1) (1 − x)^(b−1) / B(a, b), on both sides of the symmetry switch (x = 0.3 and 0.8).
        foreach (double x in new[] { 0.3, 0.8 })
        {
            r = Check("L04_Beta", "SpecialFunctions", "BetaRegularized", a, b, x);
            Approx(Math.Pow(x, a - 1) * Math.Pow(1 - x, b - 1) / beta, r.Gradient[2]![0], 1e-7, "∂I/∂x at " + x);
        }
    }

    [Fact]
    public void LogisticLogitAndExponentialIntegral_MatchCentralDifferences_AndTheHandGradient()
    {
        double s = 1 / (1 + Math.Exp(-0.7));
        Near(s * (1 - s), Check("L06_Logistic", "SpecialFunctions", "Logistic", 0.7).Gradient[0]![0], "σ′");
        Near(1 / (0.3 * 0.7), Check("L06_Logistic", "SpecialFunctions", "Logit", 0.3).Gradient[0]![0], "logit′");
        // label true: −ln σ(wx + b): ∂w = −(1 − p) x, ∂b = −(1 − p); false: −ln(1 − p): ∂w = p x.
        double w = 0.8, bias = -0.2, x = 1.5, p = 1 / (1 + Math.Exp(-((w * x) + bias)));
        var r = Check("L06_Logistic", "SpecialFunctions", "LogLoss", w, bias, x, true);
        Near(-(1 - p) * x, r.Gradient[0]![0], "LogLoss ∂w");
        Near(-(1 - p), r.Gradient[1]![0], "LogLoss ∂b");
        Near(-(1 - p) * w, r.Gradient[2]![0], "LogLoss ∂x");
        Near(p * x, Check("L06_Logistic", "SpecialFunctions", "LogLoss", w, bias, x, false).Gradient[0]![0], "LogLoss(false) ∂w");
        // E₁′(x) = −e^(−x)/x (series at 0.5, continued fraction at 2); E₂′(x) = −E₁(x).
        foreach (double e in new[] { 0.5, 2.0 })
            Approx(-Math.Exp(-e) / e, Check("L07_ExponentialIntegral", "SpecialFunctions", "ExponentialIntegral", e, 1).Gradient[0]![0], 1e-9, "E1′(" + e + ")");
        double e1 = Check("L07_ExponentialIntegral", "SpecialFunctions", "ExponentialIntegral", 0.5, 1).Value;
        Approx(-e1, Check("L07_ExponentialIntegral", "SpecialFunctions", "ExponentialIntegral", 0.5, 2).Gradient[0]![0], 1e-9, "E2′(0.5)");
    }

    [Fact]
    public void Distributions_MatchCentralDifferences_AndTheScoreByHand()
    {
        double mu = 0.3, sigma = 1.2, x = 0.9, z = (x - mu) / sigma;
        var r = Check("L08_Normal", "Normal", "PDFLn", mu, sigma, x);
        Near(z / sigma, r.Gradient[0]![0], "Normal ∂μ");
        Near((-1 / sigma) + (z * z / sigma), r.Gradient[1]![0], "Normal ∂σ");
        Near(-z / sigma, r.Gradient[2]![0], "Normal ∂x");
        double pdf = Math.Exp(-0.5 * z * z) / (Math.Sqrt(2 * Math.PI) * sigma);
        Near(pdf * -z / sigma, Check("L08_Normal", "Normal", "PDF", mu, sigma, x).Gradient[2]![0], "Normal pdf′");
        Approx(pdf, Check("L08_Normal", "Normal", "CDF", mu, sigma, x).Gradient[2]![0], 1e-6, "Normal cdf′ = pdf");
        // Log-normal: a = (ln x − μ)/σ: ∂μ = a/σ, ∂σ = (a² − 1)/σ, ∂x = −(a/σ + 1)/x.
        double lx = 1.5, la = (Math.Log(lx) - mu) / sigma;
        r = Check("L09_LogNormal", "LogNormal", "PDFLn", mu, sigma, lx);
        Near(la / sigma, r.Gradient[0]![0], "LogNormal ∂μ");
        Near(((la * la) - 1) / sigma, r.Gradient[1]![0], "LogNormal ∂σ");
        Near(-((la / sigma) + 1) / lx, r.Gradient[2]![0], "LogNormal ∂x");
        Near(Math.Exp(-0.5 * la * la) / (lx * sigma * Math.Sqrt(2 * Math.PI)) * la / sigma, Check("L09_LogNormal", "LogNormal", "PDF", mu, sigma, lx).Gradient[0]![0], "LogNormal pdf ∂μ");
        double[] samples = { 0.8, 1.9, 1.2 };
        r = Check("L09_LogNormal", "LogNormal", "NegativeLogLikelihood", mu, sigma, samples);
        Near(-samples.Sum(v => (Math.Log(v) - mu) / (sigma * sigma)), r.Gradient[0]![0], "LogNormal NLL ∂μ");
        // Gamma(shape, rate): ∂shape = ln rate + ln x − ψ(shape), ∂rate = shape/rate − x, ∂x = (shape − 1)/x − rate.
        double k = 2.5, rate = 1.5, gx = 0.8;
        r = Check("L10_GammaDistribution", "GammaDistribution", "PDFLn", k, rate, gx);
        Approx(Math.Log(rate) + Math.Log(gx) - Psi(k), r.Gradient[0]![0], 1e-8, "Gamma ∂shape");
        Near((k / rate) - gx, r.Gradient[1]![0], "Gamma ∂rate");
        Near(((k - 1) / gx) - rate, r.Gradient[2]![0], "Gamma ∂x");
        Check("L10_GammaDistribution", "GammaDistribution", "PDF", k, rate, gx);
        // Student t: d = (x − l)/s: ∂x = −(ν + 1) d / (s (ν + d²)), ∂ν = ½ψ((ν+1)/2) − ½ψ(ν/2) − ½ ln(1 + d²/ν) + (ν+1) d²/(2ν(ν + d²)) − 1/(2ν).
        double l = 0.2, sc = 1.3, nu = 4.5, tx = 1.1, d = (tx - l) / sc;
        r = Check("L12_StudentT", "StudentT", "PDFLn", l, sc, nu, tx);
        Near(-(nu + 1) * d / (sc * (nu + (d * d))), r.Gradient[3]![0], "t ∂x");
        Approx((0.5 * Psi((nu + 1) / 2)) - (0.5 * Psi(nu / 2)) - (0.5 * Math.Log(1 + (d * d / nu))) + ((nu + 1) * d * d / (2 * nu * (nu + (d * d)))) - (1 / (2 * nu)), r.Gradient[2]![0], 1e-8, "t ∂ν");
    }

    [Fact]
    public void WeibullCauchyLaplace_MatchCentralDifferences_AndTheDensityByHand()
    {
        // CDF′ = PDF for each; Weibull PDF = (k/λ)(x/λ)^(k−1) e^(−(x/λ)^k).
        double k = 1.7, lambda = 2.0, x = 1.3, u = Math.Pow(x / lambda, k);
        double weibull = k / lambda * Math.Pow(x / lambda, k - 1) * Math.Exp(-u);
        Near(weibull, Check("L13_WeibullCauchyLaplace", "Weibull", "CDF", k, lambda, x).Gradient[2]![0], "Weibull cdf′");
        // ∂ ln pdf / ∂x = (k − 1)/x − k u / x.
        Near(weibull * (((k - 1) / x) - (k * u / x)), Check("L13_WeibullCauchyLaplace", "Weibull", "PDF", k, lambda, x).Gradient[2]![0], "Weibull pdf′");
        double loc = 0.4, s = 0.7, c = 1.1, dc = (c - loc) / s;
        double cauchy = 1 / (Math.PI * s * (1 + (dc * dc)));
        Near(cauchy, Check("L13_WeibullCauchyLaplace", "Cauchy", "CDF", loc, s, c).Gradient[2]![0], "Cauchy cdf′");
        Near(cauchy * -2 * dc / (s * (1 + (dc * dc))), Check("L13_WeibullCauchyLaplace", "Cauchy", "PDF", loc, s, c).Gradient[2]![0], "Cauchy pdf′");
        foreach (double lx in new[] { -0.5, 1.6 })
        {
            double lap = Math.Exp(-Math.Abs(lx - loc) / s) / (2 * s);
            var r = Check("L13_WeibullCauchyLaplace", "Laplace", "CDF", loc, s, lx);
            Near(lap, r.Gradient[2]![0], "Laplace cdf′ at " + lx);
            Near(-lap, r.Gradient[0]![0], "Laplace cdf ∂loc at " + lx);
            Near(-Math.Sign(lx - loc) / s, Check("L13_WeibullCauchyLaplace", "Laplace", "PDFLn", loc, s, lx).Gradient[2]![0], "Laplace ln pdf′ at " + lx);
        }
    }

    [Fact]
    public void MomentsCorrelationAndDistances_MatchCentralDifferences_AndTheHandGradient()
    {
        double[] a = { 0.3, 1.7, -0.4, 2.2, 0.9 }, b = { 1.1, 0.2, 0.8, -0.6, 1.5 };
        int n = a.Length;
        double ma = a.Average(), mb = b.Average();
        // Skewness and kurtosis are unchanged by a shift and a positive scale of the data: Σ g_i = 0 and Σ x_i g_i = 0.
        foreach (var name in new[] { "Skewness", "Kurtosis" })
        {
            var g = Check("L15_Moments", "ArrayStatistics", name, a).Gradient[0]!;
            Tolerance.AssertClose(0, g.Sum(), 1e-8, name + " shift");
            Tolerance.AssertClose(0, g.Zip(a, (gi, xi) => gi * xi).Sum(), 1e-8, name + " scale");
            Assert.True(g.Max() - g.Min() > 0.1, name + ": a gradient that is not there");
        }

        // Covariance: ∂/∂a_i = (b_i − b̄)/(n − 1); Pearson: ∂r/∂a_i = (b_i − b̄)/√(Sa Sb) − r (a_i − ā)/Sa.
        var r = Check("L16_Correlation", "Correlation", "Covariance", a, b);
        for (int i = 0; i < n; i++) Near((b[i] - mb) / (n - 1), r.Gradient[0]![i], "cov ∂a" + i);
        double sa = a.Sum(v => (v - ma) * (v - ma)), sb = b.Sum(v => (v - mb) * (v - mb)), sab = a.Zip(b, (u, v) => (u - ma) * (v - mb)).Sum();
        double rho = sab / Math.Sqrt(sa * sb);
        r = Check("L16_Correlation", "Correlation", "Pearson", a, b);
        for (int i = 0; i < n; i++) Near(((b[i] - mb) / Math.Sqrt(sa * sb)) - (rho * (a[i] - ma) / sa), r.Gradient[0]![i], "pearson ∂a" + i);

        double[] d = a.Zip(b, (u, v) => u - v).ToArray();
        double euclid = Math.Sqrt(d.Sum(v => v * v));
        r = Check("L17_Distance", "Distance", "Euclidean", a, b);
        for (int i = 0; i < n; i++) { Near(d[i] / euclid, r.Gradient[0]![i], "euclid ∂a" + i); Near(-d[i] / euclid, r.Gradient[1]![i], "euclid ∂b" + i); }
        r = Check("L17_Distance", "Distance", "Manhattan", a, b);
        for (int i = 0; i < n; i++) Near(Math.Sign(d[i]), r.Gradient[0]![i], "manhattan ∂a" + i);
        // Chebyshev: only the largest |a_i − b_i| (i = 3, 2.8) carries the gradient.
        r = Check("L17_Distance", "Distance", "Chebyshev", a, b);
        for (int i = 0; i < n; i++) Near(i == 3 ? 1 : 0, r.Gradient[0]![i], "chebyshev ∂a" + i);
        // Minkowski p = 3: ∂/∂a_i = S^(1/p − 1) |d_i|^(p−1) sign d_i; p = 2 and 1 go to Euclidean and Manhattan.
        double s3 = d.Sum(v => Math.Pow(Math.Abs(v), 3));
        r = Check("L17_Distance", "Distance", "Minkowski", 3.0, a, b);
        for (int i = 0; i < n; i++) Near(Math.Pow(s3, (1.0 / 3) - 1) * d[i] * d[i] * Math.Sign(d[i]), r.Gradient[1]![i], "minkowski ∂a" + i);
        // At p = 2 exactly the library's special case returns Euclidean(a, b), which does not read p: ∂/∂p = 0 there (a
        // comparison has zero gradient, docs/supported.md), where the general formula beside it has a slope in p. So no
        // central difference in p at 2; ∂/∂a is Euclidean's.
        var g2 = Plain(Method("L17_Distance", "Distance", "Minkowski"), 2.0, a, b);
        Assert.Equal(0.0, g2[0][0]);
        Near(d[0] / euclid, g2[1][0], "minkowski(2) ∂a0");

        // Cosine (the array overload forwards to the span one): ∂/∂x_i = −(y_i/(|x||y|) − dot x_i/(|x|³|y|)).
        double dot = a.Zip(b, (u, v) => u * v).Sum(), nx = Math.Sqrt(a.Sum(v => v * v)), ny = Math.Sqrt(b.Sum(v => v * v));
        // (Two CosineBackward overloads of one arity, span and array: the runner cannot tell them apart, so the central
        // differences are taken here.)
        var cosine = Method("L18_DistanceSpans", "Distance", "Cosine", typeof(double[]), typeof(double[]));
        var gc = Plain(cosine, a, b);
        for (int i = 0; i < n; i++)
        {
            double[] up = (double[])a.Clone(), down = (double[])a.Clone();
            up[i] += 1e-6;
            down[i] -= 1e-6;
            double numeric = ((double)cosine.Invoke(null, new object[] { up, b })! - (double)cosine.Invoke(null, new object[] { down, b })!) / 2e-6;
            Tolerance.AssertCentral(numeric, gc[0][i], 1, "cosine ∂x" + i + " central");
            Near(-((b[i] / (nx * ny)) - (dot * a[i] / (nx * nx * nx * ny))), gc[0][i], "cosine ∂x" + i);
        }
        // Canberra: term |d|/(|a| + |b|): ∂/∂a_i = sign(d_i)/(|a_i| + |b_i|) − |d_i| sign(a_i)/(|a_i| + |b_i|)².
        r = Check("L18_DistanceSpans", "Distance", "Canberra", a, b);
        for (int i = 0; i < n; i++)
        {
            double den = Math.Abs(a[i]) + Math.Abs(b[i]);
            Near((Math.Sign(d[i]) / den) - (Math.Abs(d[i]) * Math.Sign(a[i]) / (den * den)), r.Gradient[0]![i], "canberra ∂a" + i);
        }
    }

    [Fact]
    public void StatisticsOverSequences_MatchCentralDifferences_AndTheHandGradient()
    {
        // L14 (linq22): CoefficientOfVariation = σ/μ over a double[], σ² = Σ(x − μ)²/(n − 1) by Welford and an explicit
        // enumerator: ∂Cv/∂x_i = (x_i − μ)/((n − 1)σμ) − σ/(nμ²); MeanOf over an IEnumerable (a list): ∂μ/∂x_i = 1/n.
        double[] x = { 0.4, 1.9, -0.7, 1.2, 0.8 };
        int n = x.Length;
        double mu = x.Average(), sd = Math.Sqrt(x.Sum(v => (v - mu) * (v - mu)) / (n - 1));
        var r = Check("L14_StatisticsEnumerable", "Statistics", "CoefficientOfVariation", x);
        for (int i = 0; i < n; i++) Near(((x[i] - mu) / ((n - 1) * sd * mu)) - (sd / (n * mu * mu)), r.Gradient[0]![i], "cv ∂x" + i);
        r = Check("L14_StatisticsEnumerable", "Statistics", "MeanOf", x.ToList());
        for (int i = 0; i < n; i++) Near(1.0 / n, r.Gradient[0]![i], "mean ∂x" + i);
        Near(mu, r.Value, "mean");
    }

    [Fact]
    public void PolynomialAndInterpolation_MatchCentralDifferences_AndTheHandGradient()
    {
        double z = 0.7;
        double[] c = { 0.5, -1.2, 0.8, 0.3 };
        // Polynomial: ∂/∂z = Σ i c_i z^(i−1), ∂/∂c_i = z^i.
        var r = Check("L19_Polynomial", "Evaluate", "Polynomial", z, c);
        Near(c[1] + (2 * c[2] * z) + (3 * c[3] * z * z), r.Gradient[0]![0], "poly ∂z");
        for (int i = 0; i < 4; i++) Near(Math.Pow(z, i), r.Gradient[1]![i], "poly ∂c" + i);
        Near(0.5 - (0.25 * z) + (0.1875 * z * z), Check("L19_Polynomial", "Evaluate", "SqrtOnePlusTaylor", z).Gradient[0]![0], "taylor′");
        // Clenshaw: ½(b0 − b2) = c0/2 + Σ_{k≥1} c_k T_k(x): ∂/∂c_k = T_k(x), ∂/∂c0 = ½, ∂/∂x = Σ c_k T_k′(x).
        double x = 0.4;
        double[] t = { 1, x, (2 * x * x) - 1, (4 * x * x * x) - (3 * x) }, dt = { 0, 1, 4 * x, (12 * x * x) - 3 };
        r = Check("L19_Polynomial", "Evaluate", "ChebyshevSum", 4, c, x);
        Near(0.5, r.Gradient[1]![0], "cheb ∂c0");
        for (int i = 1; i < 4; i++) Near(t[i], r.Gradient[1]![i], "cheb ∂c" + i);
        Near(c.Zip(dt, (ci, di) => ci * di).Sum(), r.Gradient[2]![0], "cheb ∂x");

        double[] knots = { 0.0, 1.0, 2.5, 4.0 }, y = { 0.2, 1.1, 0.7, 1.9 };
        double at = 1.6, h = 1.5, frac = (at - 1.0) / h;
        // Linear on segment 1: ∂y1 = 1 − frac, ∂y2 = frac, ∂t = (y2 − y1)/h.
        r = Check("L20_Interpolate", "Interpolate", "Linear", knots, y, at);
        Near(1 - frac, r.Gradient[1]![1], "linear ∂y1");
        Near(frac, r.Gradient[1]![2], "linear ∂y2");
        Near((y[2] - y[1]) / h, r.Gradient[2]![0], "linear ∂t");
        double[] c0 = { 0.1, 0.5, 0.9 }, c1 = { 1.0, -0.4, 0.3 }, c2 = { 0.2, 0.6, -0.5 }, c3 = { -0.1, 0.25, 0.05 };
        double dd = at - 1.0;
        r = Check("L20_Interpolate", "Interpolate", "CubicSpline", knots, c0, c1, c2, c3, at);
        Near(1, r.Gradient[1]![1], "spline ∂c0[1]");
        Near(dd, r.Gradient[2]![1], "spline ∂c1[1]");
        Near(dd * dd, r.Gradient[3]![1], "spline ∂c2[1]");
        Near(dd * dd * dd, r.Gradient[4]![1], "spline ∂c3[1]");
        Near(c1[1] + (2 * c2[1] * dd) + (3 * c3[1] * dd * dd), r.Gradient[5]![0], "spline ∂t");
    }
}
