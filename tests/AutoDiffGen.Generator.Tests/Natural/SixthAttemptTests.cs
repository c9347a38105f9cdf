using System.Numerics;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Natural;

/// <summary>
/// The sixth round of natural programs (natural19, Natural/SixthAttempts: sixteen programs in domains the earlier rounds did
/// not cover: a 3-D arm's inverse kinematics with Vector3 and a while convergence loop, a Catmull–Rom spline fit, a
/// normal–gamma posterior with a user lgamma, a neural ODE stepped by RK2 into arrays, tracking error and Sharpe over a
/// double[,] covariance, a bond's yield by Newton through an out helper, a heat equation on stackalloc spans, a logistic
/// map fit over IReadOnlyList in forward mode, a readonly record struct particle cloud, an abstract class hierarchy with
/// virtual energies, rate laws in another static class, IEnumerable statistics helpers, in and ref readonly struct
/// parameters, a tennis model with a tuple switch, checked/unchecked, nameof and interpolated guards, a projectile with
/// out var, double.IsFinite and Math.CopySign, Holt–Winters with a local function capturing locals), as first written.
/// <see cref="Expected"/> pins what each gets; the tests check every program that builds against central differences and
/// a value derived by hand at a point where the hand values are non-zero and distinct, and each refusal's place.
/// docs/corpus.md records the round.
/// </summary>
public class SixthAttemptTests
{
    /// <summary>The ids each program gets as first written (after natural19's fix); "" is a clean build.</summary>
    public static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["G01_ArmIk3D"] = "",
        ["G02_CatmullRom"] = "",
        ["G03_NormalGamma"] = "",
        ["G04_NeuralOde"] = "",
        ["G05_TrackingError"] = "",
        ["G06_BondYield"] = "",
        // initial.CopyTo(u) and next.CopyTo(u) of stackalloc spans (ADG0003: a copy into one is not followed); the void
        // Step(u, next, r) writing the span next is differentiated in place since spans22 (ADG0002 before).
        ["G07_HeatSpan"] = "ADG0003",
        ["G08_LogisticMap"] = "",
        ["G09_Particles"] = "",
        // parts[i].Energy(positions[i]): an abstract method of a class, whose override is chosen at run time (ADG0003).
        ["G10_Shapes"] = "ADG0003",
        ["G11_Kinetics"] = "",
        // data.Select(…) kept as an IEnumerable local was ADG0003 until linq24 (a query kept in a local is its chain,
        // QueryLocals). Stats.Variance/Stats.Mean over IEnumerable<double>, plain helpers passed a double[], were ADG0004
        // ("mark it [Differentiable]") before linq22; inlined now.
        ["G12_Robust"] = "",
        // ref readonly struct parameters (ADG0006: "pass it by value or as 'in'"); the in version beside it builds.
        ["G13_RigidBody"] = "ADG0006",
        // WinProbability(…, surfaces[i], …) in a loop: ADG0003 before natural19 ("the tapes hold numbers only"); an enum
        // computed in a loop is now kept on its enum's tape.
        ["G14_Rating"] = "",
        ["G15_Ballistic"] = "",
        ["G16_Smoothing"] = "",
    };

    public static IEnumerable<object[]> Names() => NaturalSource.SixthNames().Select(n => new object[] { n });

    [Theory]
    [MemberData(nameof(Names))]
    public void FirstAttempt_GetsWhatTheTableSays(string name)
    {
        var run = NaturalSource.RunSixth(name);
        Assert.True(run.Exceptions.IsEmpty, run.Dump());
        var ids = run.Diagnostics.Concat(run.CompileDiagnostics).Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.Id).Distinct().OrderBy(i => i, StringComparer.Ordinal);
        Assert.True(Expected.ContainsKey(name), name + " has no row here");
        Assert.Equal(Expected[name], string.Join(",", ids));
    }

    [Theory]
    [InlineData("G07_HeatSpan", "ADG0003", "initial.CopyTo(u)", "create a local array instead")]
    [InlineData("G07_HeatSpan", "ADG0003", "next.CopyTo(u)", "create a local array instead")]
    // Since idioms20 the void span helper and the virtual call say why and what to write (both rewrites it names build:
    // Idioms20/VoidSpanHelperTests).
    [InlineData("G10_Shapes", "ADG0003", "parts[i].Energy(positions[i])", "'Component.Energy', an abstract method, whose body is chosen at run time")]
    [InlineData("G10_Shapes", "ADG0003", "parts[i].Energy(positions[i])", "virtual dispatch cannot be differentiated")]
    [InlineData("G10_Shapes", "ADG0003", "parts[i].Energy(positions[i])", "call a static or sealed helper per kind instead")]
    [InlineData("G10_Shapes", "ADG0003", "parts[i].Energy(positions[i])", "[DerivativeOf]")]
    [InlineData("G13_RigidBody", "ADG0006", "ref readonly Body a", "pass it by value or as 'in'")]
    [InlineData("G13_RigidBody", "ADG0006", "ref readonly Body b", "pass it by value or as 'in'")]
    public void Refusal_IsAtTheConstruct_AndSaysWhatToWrite(string program, string id, string at, string says)
    {
        var run = NaturalSource.RunSixth(program);
        var mine = run.Diagnostics.Where(d => d.Id == id).ToList();
        Assert.True(mine.Any(d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == at && d.GetMessage().Contains(says, StringComparison.Ordinal)),
            program + ": no " + id + " at '" + at + "' saying '" + says + "': " + string.Join("; ", run.Diagnostics.Select(d => d.Id + " '" + d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) + "' " + d.GetMessage())));
    }

    private static MethodInfo Method(Assembly assembly, string type, string name)
    {
        var m = assembly.GetType("Natural." + type)!.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance)
            .Single(m => m.Name == name && m.CustomAttributes.Any(a => a.AttributeType.Name == "DifferentiableAttribute"));
        return m.IsGenericMethodDefinition ? m.MakeGenericMethod(typeof(double)) : m;
    }

    private static MethodInfo Method(string program, string type, string name) => Method(NaturalSource.SixthAssembly(program), type, name);

    /// <summary>A float result against a value computed by hand in double: float rounding along the way.</summary>
    private static void AssertFloat(double expected, double actual, string what) =>
        Tolerance.AssertClose(expected, actual, 2e-4 * Math.Max(1, Math.Abs(expected)), what);

    [Fact]
    public void ArmIk_MatchesCentralDifferences_AndTheGradientByHand_AndTheUsersSolverReaches()
    {
        var method = Method("G01_ArmIk3D", "ArmIk", "ReachError");
        var target = new Vector3(0.5f, 0.7f, 1.2f);
        double yaw = 0.3, p1 = 0.4, p2 = -0.5;
        var r = CentralDifferenceRunner.Check(method, null, new object[] { yaw, p1, p2, target });
        // Tip = (ρ cos yaw, ρ sin yaw, z), ρ = L2 cos a + L3 cos b, z = L1 + L2 sin a + L3 sin b, a = p1, b = p1 + p2;
        // E = |Tip − target|², ∂E/∂q = 2 (Tip − target) · ∂Tip/∂q.
        double l1 = 1.0, l2 = 0.8, l3 = 0.5, a = p1, b = p1 + p2;
        double rho = (l2 * Math.Cos(a)) + (l3 * Math.Cos(b)), z = l1 + (l2 * Math.Sin(a)) + (l3 * Math.Sin(b));
        double dx = (rho * Math.Cos(yaw)) - target.X, dy = (rho * Math.Sin(yaw)) - target.Y, dz = z - target.Z;
        double dRho1 = (-l2 * Math.Sin(a)) - (l3 * Math.Sin(b)), dZ1 = (l2 * Math.Cos(a)) + (l3 * Math.Cos(b));
        double dRho2 = -l3 * Math.Sin(b), dZ2 = l3 * Math.Cos(b);
        AssertFloat(2 * ((dx * -rho * Math.Sin(yaw)) + (dy * rho * Math.Cos(yaw))), r.Gradient[0]![0], "∂/∂yaw");
        AssertFloat(2 * ((dx * dRho1 * Math.Cos(yaw)) + (dy * dRho1 * Math.Sin(yaw)) + (dz * dZ1)), r.Gradient[1]![0], "∂/∂pitch1");
        AssertFloat(2 * ((dx * dRho2 * Math.Cos(yaw)) + (dy * dRho2 * Math.Sin(yaw)) + (dz * dZ2)), r.Gradient[2]![0], "∂/∂pitch2");
        // The user's while loop calls the Backward until the error is below its tolerance.
        var reachable = new Vector3(0.6f, 0.5f, 1.3f);
        var solved = ((double Yaw, double Pitch1, double Pitch2))method.DeclaringType!.GetMethod("Solve")!.Invoke(null, new object[] { reachable, 1e-6 })!;
        Assert.True((double)method.Invoke(null, new object[] { solved.Yaw, solved.Pitch1, solved.Pitch2, reachable })! < 1e-5, solved.ToString());
    }

    [Fact]
    public void RobustCauchyLoss_QueryKeptInALocal_MatchesCentralDifferences_AndByHand()
    {
        // f = Σ log(1 + zᵢ²) + n s, zᵢ = (xᵢ − μ)/γ, γ = eˢ, the z's a Select kept in an IEnumerable local (linq24):
        // ∂f/∂μ = −(2/γ) Σ zᵢ/(1 + zᵢ²), ∂f/∂s = n − Σ 2zᵢ²/(1 + zᵢ²) (−0.6797 and 1.4408 here).
        double mu = 0.2, s = 0.1;
        double[] data = { 0.5, -0.3, 1.4 };
        double gamma = Math.Exp(s);
        var z = data.Select(x => (x - mu) / gamma).ToArray();
        var r = CentralDifferenceRunner.Check(Method("G12_Robust", "RobustFit", "CauchyLoss"), null, new object[] { mu, s, data });
        Tolerance.AssertFormula(-(2 / gamma) * z.Sum(v => v / (1 + (v * v))), r.Gradient[0]![0], "∂f/∂μ");
        Tolerance.AssertFormula(data.Length - z.Sum(v => 2 * v * v / (1 + (v * v))), r.Gradient[1]![0], "∂f/∂s");
    }

    [Fact]
    public void CatmullRom_MatchesCentralDifferences_AndTheBasisByHand()
    {
        var method = Method("G02_CatmullRom", "CatmullRom", "FitError");
        CentralDifferenceRunner.Check(method, null, new object[] { new[] { 0.1, 0.9, 0.4, -0.3, 0.2 }, new[] { 0.2, 0.7, 1.5, 2.2, 2.9, 3.6, 3.95 }, new[] { 0.3, 0.6, 0.8, 0.1, -0.4, 0.0, 0.3 } });
        // One sample at x = 1.25 (segment 1, t = 1/4): the value is Σ w_j c_j over c0…c3 with the Catmull–Rom basis
        // w = ½(−t + 2t² − t³, 2 − 5t² + 3t³, t + 4t² − 3t³, −t² + t³) = (−0.0703125, 0.8671875, 0.2265625, −0.0234375);
        // error = r², ∂/∂c_j = 2 r w_j, and c4 is not read. A sample at x = 0.5 (segment 0) reads c0 twice (p0 = p1 = c0).
        double[] c = { 0.1, 0.9, 0.4, -0.3, 0.2 }, w = { -0.0703125, 0.8671875, 0.2265625, -0.0234375 };
        double y = 0.35, value = (w[0] * c[0]) + (w[1] * c[1]) + (w[2] * c[2]) + (w[3] * c[3]), res = value - y;
        var r = CentralDifferenceRunner.Check(method, null, new object[] { c, new[] { 1.25 }, new[] { y } });
        for (int j = 0; j < 4; j++) Tolerance.AssertFormula(2 * res * w[j], r.Gradient[0]![j], "∂/∂c" + j);
        Assert.Equal(0.0, r.Gradient[0]![4]);
        double t = 0.5, w0 = 0.5 * (-t + (2 * t * t) - (t * t * t)), w1 = 0.5 * (2 - (5 * t * t) + (3 * t * t * t));
        double w2 = 0.5 * (t + (4 * t * t) - (3 * t * t * t)), w3 = 0.5 * (-(t * t) + (t * t * t));
        double res0 = ((w0 + w1) * c[0]) + (w2 * c[1]) + (w3 * c[2]) - y;
        var r0 = CentralDifferenceRunner.Check(method, null, new object[] { c, new[] { 0.5 }, new[] { y } });
        Tolerance.AssertFormula(2 * res0 * (w0 + w1), r0.Gradient[0]![0], "∂/∂c0 read twice");
        Tolerance.AssertFormula(2 * res0 * w3, r0.Gradient[0]![2], "∂/∂c2");
    }

    [Fact]
    public void NormalGamma_MatchesCentralDifferences_AndTheScoreByHand()
    {
        var method = Method("G03_NormalGamma", "NormalGamma", "LogPosterior");
        double[] data = { 0.2, 0.9, -0.3, 0.5 };
        // alpha0 = 2.7: alphaN = 4.7 is not an integer, so LogGamma's shift loop (x < 7) runs the same count at ± h (at 3.0
        // it does not: x reaches 7 exactly, and the Stirling series' error makes the difference quotient 2e-4 off).
        double mu = 0.4, tau = 1.3, mu0 = 0.1, k0 = 2.0, a0 = 2.7, b0 = 1.5;
        var r = CentralDifferenceRunner.Check(method, null, new object[] { mu, tau, mu0, k0, a0, b0, data });
        int n = data.Length;
        double mean = data.Average(), ss = data.Sum(x => (x - mean) * (x - mean));
        double kN = k0 + n, muN = ((k0 * mu0) + (n * mean)) / kN, aN = a0 + (n / 2.0), bN = b0 + (0.5 * ss) + (k0 * n * (mean - mu0) * (mean - mu0) / (2 * kN));
        // ∂/∂μ = −κN τ (μ − μN); ∂/∂τ = (αN − ½)/τ − βN − ½ κN (μ − μN)²; ∂/∂β0 = αN/βN − τ;
        // ∂/∂α0 = ln βN − L′(αN) + ln τ, L′ the derivative of the user's LogGamma: −Σ 1/(x + j) over the shifts, then
        // ln z + (z − ½)/z − 1 − 1/(12z²) + 1/(120z⁴) − 1/(252z⁶) at the shifted z.
        double lPrime = 0, zz = aN;
        while (zz < 7) { lPrime -= 1 / zz; zz += 1; }
        lPrime += Math.Log(zz) + ((zz - 0.5) / zz) - 1 - (1 / (12 * zz * zz)) + (1 / (120 * Math.Pow(zz, 4))) - (1 / (252 * Math.Pow(zz, 6)));
        Tolerance.AssertFormula(-kN * tau * (mu - muN), r.Gradient[0]![0], "∂/∂μ");
        Tolerance.AssertFormula(((aN - 0.5) / tau) - bN - (0.5 * kN * (mu - muN) * (mu - muN)), r.Gradient[1]![0], "∂/∂τ");
        Tolerance.AssertFormula((aN / bN) - tau, r.Gradient[5]![0], "∂/∂β0");
        Tolerance.AssertFormula(Math.Log(bN) - lPrime + Math.Log(tau), r.Gradient[4]![0], "∂/∂α0");
        // The guard's interpolated message is thrown by the Backward too.
        var backward = method.DeclaringType!.GetMethods().Single(m => m.Name == "LogPosteriorBackward");
        var args = new object?[] { mu, -1.0, mu0, k0, a0, b0, data, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0 };
        var thrown = Assert.Throws<TargetInvocationException>(() => backward.Invoke(null, args));
        Assert.Contains("precision must be positive, got -1", thrown.InnerException!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NeuralOde_MatchesCentralDifferences_AndOneHeunStepByHand()
    {
        var method = Method("G04_NeuralOde", "NeuralOde", "TrajectoryLoss");
        double[] Seq(int n, double phase) => Enumerable.Range(0, n).Select(i => 0.5 * Math.Sin(phase + (1.7 * i))).ToArray();
        var observed = new double[5, 2];
        for (int i = 0; i < 5; i++) { observed[i, 0] = 0.3 + (0.1 * i); observed[i, 1] = -0.2 + (0.05 * i * i); }
        CentralDifferenceRunner.Check(method, null, new object[] { Seq(8, 0.1), Seq(4, 0.7), Seq(8, 1.3), Seq(2, 2.1), new[] { 0.3, -0.2 }, observed, 0.1 });
        // One step with W1 = 0: the field is c = b2 + W2 tanh(b1) everywhere, so k1 = k2 = c, mid = y0 + dt c,
        // y1 = y0 + dt c, loss = Σ e_i², e = y1 − o. ∂/∂b2_i = 2 e_i dt; ∂/∂W2[i, j] = 2 e_i dt tanh(b1_j);
        // ∂/∂W1[j, m] = Σ_i 2 e_i (dt/2) W2[i, j] sech²(b1_j) (y0_m + mid_m) (k1 sees y0, k2 sees mid).
        double dt = 0.1;
        double[] w1 = new double[8], b1 = Seq(4, 0.7), w2 = Seq(8, 1.3), b2 = Seq(2, 2.1), y0 = { 0.3, -0.2 };
        var o = new double[1, 2] { { 0.5, -0.4 } };
        var cField = new double[2];
        for (int i = 0; i < 2; i++) cField[i] = b2[i] + Enumerable.Range(0, 4).Sum(j => w2[(i * 4) + j] * Math.Tanh(b1[j]));
        double[] y1 = { y0[0] + (dt * cField[0]), y0[1] + (dt * cField[1]) }, mid = y1, e = { y1[0] - o[0, 0], y1[1] - o[0, 1] };
        var r = CentralDifferenceRunner.Check(method, null, new object[] { w1, b1, w2, b2, y0, o, dt });
        for (int i = 0; i < 2; i++)
        {
            Tolerance.AssertFormula(2 * e[i] * dt, r.Gradient[3]![i], "∂/∂b2_" + i);
            for (int j = 0; j < 4; j++) Tolerance.AssertFormula(2 * e[i] * dt * Math.Tanh(b1[j]), r.Gradient[2]![(i * 4) + j], $"∂/∂W2[{i},{j}]");
        }
        for (int j = 0; j < 4; j++)
        {
            double sech2 = 1 - (Math.Tanh(b1[j]) * Math.Tanh(b1[j]));
            for (int m = 0; m < 2; m++)
            {
                double expected = Enumerable.Range(0, 2).Sum(i => 2 * e[i] * (dt / 2) * w2[(i * 4) + j] * sech2 * (y0[m] + mid[m]));
                Tolerance.AssertFormula(expected, r.Gradient[0]![(2 * j) + m], $"∂/∂W1[{j},{m}]");
            }
        }
    }

    [Fact]
    public void ActiveRisk_MatchesCentralDifferences_AndBothGradientsByHand()
    {
        var cov = new double[,] { { 0.04, 0.01, 0.002 }, { 0.01, 0.09, 0.015 }, { 0.002, 0.015, 0.0225 } };
        double[] w = { 0.5, 0.3, 0.2 }, bench = { 0.4, 0.4, 0.2 }, mu = { 0.06, 0.1, 0.04 };
        double[] Times(double[] v) => Enumerable.Range(0, 3).Select(i => Enumerable.Range(0, 3).Sum(j => cov[i, j] * v[j])).ToArray();
        // TE = √(aᵀΣa), a = w − b: ∂TE/∂w = Σa / TE.
        var te = CentralDifferenceRunner.Check(Method("G05_TrackingError", "ActiveRisk", "TrackingError"), null, new object[] { w, bench, cov });
        var a = w.Zip(bench, (x, y) => x - y).ToArray();
        var sa = Times(a);
        double teValue = Math.Sqrt(a.Zip(sa, (x, y) => x * y).Sum());
        for (int i = 0; i < 3; i++) Tolerance.AssertFormula(sa[i] / teValue, te.Gradient[0]![i], "∂TE/∂w" + i);
        // S = −(μᵀw − rf)/σ, σ = √(wᵀΣw): ∂S/∂w = −μ/σ + (μᵀw − rf) Σw/σ³, ∂S/∂rf = 1/σ.
        double rf = 0.02;
        var ns = CentralDifferenceRunner.Check(Method("G05_TrackingError", "ActiveRisk", "NegativeSharpe"), null, new object[] { w, mu, cov, rf });
        var sw = Times(w);
        double sigma = Math.Sqrt(w.Zip(sw, (x, y) => x * y).Sum()), excess = w.Zip(mu, (x, y) => x * y).Sum() - rf;
        for (int i = 0; i < 3; i++) Tolerance.AssertFormula((-mu[i] / sigma) + (excess * sw[i] / (sigma * sigma * sigma)), ns.Gradient[0]![i], "∂S/∂w" + i);
        Tolerance.AssertFormula(1 / sigma, ns.Gradient[3]![0], "∂S/∂rf");
        // The guard's interpolated message names both arrays.
        var thrown = Assert.Throws<TargetInvocationException>(() => Method("G05_TrackingError", "ActiveRisk", "TrackingError").Invoke(null, new object[] { w, new[] { 0.5, 0.5 }, cov }));
        Assert.Contains("weights has 3 assets, benchmark 2", thrown.InnerException!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bond_MatchesCentralDifferences_AndTheNewtonYieldsSensitivityIsTheImplicitOne()
    {
        var price = Method("G06_BondYield", "Bond", "Price");
        double y = 0.045, c = 0.05, face = 100;
        int years = 5;
        var p = CentralDifferenceRunner.Check(price, null, new object[] { y, c, years, face });
        // P = Σ_t c F (1+y)^−t + F (1+y)^−T: ∂P/∂y = −Σ t c F (1+y)^−t−1 − T F (1+y)^−T−1, ∂P/∂c = F Σ (1+y)^−t.
        double dPdy = -(years * face * Math.Pow(1 + y, -years - 1)), dPdc = 0;
        for (int t = 1; t <= years; t++)
        {
            dPdy -= t * c * face * Math.Pow(1 + y, -t - 1);
            dPdc += face * Math.Pow(1 + y, -t);
        }
        Tolerance.AssertFormula(dPdy, p.Gradient[0]![0], "∂P/∂y");
        Tolerance.AssertFormula(dPdc, p.Gradient[1]![0], "∂P/∂c");
        // The yield solves P(y, c) = price; Newton's loop, differentiated step by step, converges to the implicit
        // derivatives ∂y/∂price = 1/(∂P/∂y) and ∂y/∂c = −(∂P/∂c)/(∂P/∂y) at the solution.
        var yieldMethod = Method("G06_BondYield", "Bond", "YieldFromPrice");
        double quoted = (double)price.Invoke(null, new object[] { y, c, years, face })!;
        var r = CentralDifferenceRunner.Check(yieldMethod, null, new object[] { quoted, c, years });
        Tolerance.AssertFormula(y, r.Value, "the yield");
        Tolerance.AssertFormula(1 / dPdy, r.Gradient[0]![0], "∂y/∂price");
        Tolerance.AssertFormula(-dPdc / dPdy, r.Gradient[1]![0], "∂y/∂coupon");
    }

    [Fact]
    public void LogisticMap_MatchesCentralDifferences_TwoPointsByHand_AndForwardEqualsBackward()
    {
        var method = Method("G08_LogisticMap", "LogisticMap", "SeriesError");
        var series = new List<double> { 0.31, 0.66, 0.7, 0.68, 0.69, 0.7 };
        CentralDifferenceRunner.Check(method, null, new object[] { 3.2, 0.3, series });
        // Two observations: x1 = r x0 (1 − x0), E = (x0 − o0)² + (x1 − o1)²: ∂E/∂r = 2 (x1 − o1) x0 (1 − x0),
        // ∂E/∂x0 = 2 (x0 − o0) + 2 (x1 − o1) r (1 − 2 x0).
        double rate = 3.1, x0 = 0.3, o0 = 0.25, o1 = 0.6, x1 = rate * x0 * (1 - x0);
        var r = CentralDifferenceRunner.Check(method, null, new object[] { rate, x0, new List<double> { o0, o1 } });
        Tolerance.AssertFormula(2 * (x1 - o1) * x0 * (1 - x0), r.Gradient[0]![0], "∂E/∂r");
        Tolerance.AssertFormula((2 * (x0 - o0)) + (2 * (x1 - o1) * rate * (1 - (2 * x0))), r.Gradient[1]![0], "∂E/∂x0");
        // MForward along (tR, tX0) = (0.7, −0.4) is the gradient's dot product with it.
        var forward = method.DeclaringType!.GetMethod("SeriesErrorForward")!;
        var args = new object?[] { 3.2, 0.3, series, 0.7, -0.4, null };
        forward.Invoke(null, args);
        var full = CentralDifferenceRunner.Check(method, null, new object[] { 3.2, 0.3, series });
        Tolerance.AssertFormula((0.7 * full.Gradient[0]![0]) - (0.4 * full.Gradient[1]![0]), (double)args[5]!, "tResult");
        // The user's FitRate moves r towards the series' rate.
        var noisy = new List<double> { 0.3 };
        for (int i = 0; i < 7; i++) noisy.Add(2.8 * noisy[^1] * (1 - noisy[^1]));
        double fitted = (double)method.DeclaringType!.GetMethod("FitRate")!.Invoke(null, new object[] { noisy, 2.5 })!;
        Assert.True(Math.Abs(fitted - 2.8) < Math.Abs(2.5 - 2.8), "fitted " + fitted);
    }

    [Fact]
    public void Particles_MatchCentralDifferences_AndTwoStepsByHand()
    {
        var method = Method("G09_Particles", "ParticleCloud", "LandingError");
        var particleType = NaturalSource.SixthAssembly("G09_Particles").GetType("Natural.Particle")!;
        Array Start(params (double X, double Y, double Vx, double Vy)[] ps)
        {
            var a = Array.CreateInstance(particleType, ps.Length);
            for (int i = 0; i < ps.Length; i++) a.SetValue(Activator.CreateInstance(particleType, ps[i].X, ps[i].Y, ps[i].Vx, ps[i].Vy), i);
            return a;
        }
        CentralDifferenceRunner.Check(method, null, new object[] { 0.3, 9.0, Start((0, 1, 3, 2), (0.5, 2, 2, 1)), new[] { 2.0, 1.5 }, 20, 0.05 });
        // Two steps of one particle: X2 = X + dt Vx + dt Vx (1 − dt k) (the drag k acts from the first step's velocity), so
        // e = X2 − L, ∂/∂k = −2 e dt² Vx, and X does not depend on gravity.
        double k = 0.4, dt = 0.1, x = 0.2, vx = 3.0, landed = 0.5;
        double e = x + (dt * vx) + (dt * vx * (1 - (dt * k))) - landed;
        var r = CentralDifferenceRunner.Check(method, null, new object[] { k, 9.81, Start((x, 1, vx, 2)), new[] { landed }, 2, dt });
        Tolerance.AssertFormula(-2 * e * dt * dt * vx, r.Gradient[0]![0], "∂/∂drag");
        Assert.Equal(0.0, r.Gradient[1]![0]);
    }

    [Fact]
    public void Kinetics_MatchCentralDifferences_AndMichaelisMentenByHand()
    {
        double[] s = { 0.1, 0.5, 1.0, 2.0 }, v = { 0.3, 0.9, 1.2, 1.5 };
        double vmax = 2.0, km = 0.7;
        var r = CentralDifferenceRunner.Check(Method("G11_Kinetics", "EnzymeFit", "SumOfSquares"), null, new object[] { vmax, km, s, v });
        CentralDifferenceRunner.Check(Method("G11_Kinetics", "EnzymeFit", "HillSumOfSquares"), null, new object[] { vmax, km, 1.6, s, v });
        // SSE = Σ r², r = vmax s/(km + s) − v: ∂/∂vmax = Σ 2 r s/(km + s), ∂/∂km = −Σ 2 r vmax s/(km + s)².
        double dv = 0, dk = 0;
        for (int i = 0; i < s.Length; i++)
        {
            double res = (vmax * s[i] / (km + s[i])) - v[i];
            dv += 2 * res * s[i] / (km + s[i]);
            dk -= 2 * res * vmax * s[i] / ((km + s[i]) * (km + s[i]));
        }
        Tolerance.AssertFormula(dv, r.Gradient[0]![0], "∂/∂vmax");
        Tolerance.AssertFormula(dk, r.Gradient[1]![0], "∂/∂km");
    }

    [Fact]
    public void RigidBody_TheInVersionBuilds_AndTheRefReadonlyOneAsTheMessageAsks()
    {
        // Energy(in Body a, in Body b, …) builds as first written; Lagrangian's ref readonly is ADG0006 ("as 'in'"), and
        // with in it builds: both are checked by hand at k (∂/∂k = ½ s², ∂/∂rest = −k s, s = |pa − pb| − rest).
        var assembly = GeneratorHarness.CompileAndLoad(NaturalSource.ImplicitUsings,
            NaturalSource.SixthText("G13_RigidBody").Replace("ref readonly Body", "in Body", StringComparison.Ordinal));
        var bodyType = assembly.GetType("Natural.Body")!;
        object Body(Vector3 p, Vector3 v, float m)
        {
            object b = Activator.CreateInstance(bodyType)!;
            bodyType.GetField("Position")!.SetValue(b, p);
            bodyType.GetField("Velocity")!.SetValue(b, v);
            bodyType.GetField("Mass")!.SetValue(b, m);
            return b;
        }
        var a = Body(new Vector3(0, 0, 0), new Vector3(1, 0.5f, 0), 2);
        var b = Body(new Vector3(1.5f, 0.5f, 0), new Vector3(0, -1, 0.25f), 1);
        float k = 3, rest = 1.2f;
        double stretch = Math.Sqrt((1.5 * 1.5) + (0.5 * 0.5)) - rest;
        foreach (var (name, sign) in new[] { ("Energy", 1.0), ("Lagrangian", -1.0) })
        {
            var method = assembly.GetType("Natural.Rigid")!.GetMethod(name)!;
            var backward = assembly.GetType("Natural.Rigid")!.GetMethod(name + "Backward")!;
            var args = new object?[] { a, b, k, rest, Activator.CreateInstance(bodyType), Activator.CreateInstance(bodyType), 0f, 0f, 1f };
            float value = (float)backward.Invoke(null, args)!;
            Assert.Equal((float)method.Invoke(null, new object[] { a, b, k, rest })!, value);
            AssertFloat(sign * 0.5 * stretch * stretch, (float)args[6]!, name + " ∂/∂k");
            AssertFloat(sign * -k * stretch, (float)args[7]!, name + " ∂/∂rest");
            // ∂/∂(b's mass) = ½ |v_b|², the kinetic term, in both.
            AssertFloat(0.5 * ((1 * 1) + (0.25 * 0.25)), (float)bodyType.GetField("Mass")!.GetValue(args[5])!, name + " ∂/∂b.Mass");
        }
    }

    [Fact]
    public void Rating_MatchesCentralDifferences_AndTwoMatchesByHand()
    {
        var method = Method("G14_Rating", "WinModel", "LogLoss");
        var surfaceType = method.GetParameters()[2].ParameterType.GetElementType()!;
        Array Surfaces(params string[] names)
        {
            var a = Array.CreateInstance(surfaceType, names.Length);
            for (int i = 0; i < names.Length; i++) a.SetValue(Enum.Parse(surfaceType, names[i]), i);
            return a;
        }
        CentralDifferenceRunner.Check(method, null, new object[] { 0.4, 0.2, Surfaces("Hard", "Clay", "Grass", "Clay", "Hard"), new[] { true, false, true, true, false } });
        // Two matches outdoors, sets 1 and 2: z_i = s + bonus_i − f (i + 1), p_i = σ(z_i), bonus(Clay) = −0.2,
        // bonus(Grass) = 0.3; won, lost: L = −ln p0 − ln(1 − p1), ∂L/∂s = −(1 − p0) + p1, ∂L/∂f = (1 − p0) − 2 p1.
        double s = 0.6, f = 0.15;
        double p0 = 1 / (1 + Math.Exp(-(s - 0.2 - f))), p1 = 1 / (1 + Math.Exp(-(s + 0.3 - (2 * f))));
        var r = CentralDifferenceRunner.Check(method, null, new object[] { s, f, Surfaces("Clay", "Grass"), new[] { true, false } });
        Tolerance.AssertFormula(-Math.Log(p0) - Math.Log(1 - p1), r.Value, "loss");
        Tolerance.AssertFormula(-(1 - p0) + p1, r.Gradient[0]![0], "∂/∂strength");
        Tolerance.AssertFormula((1 - p0) - (2 * p1), r.Gradient[1]![0], "∂/∂fatigue");
        // The guard: fatigue outside [0, 1] throws with the interpolated message.
        var thrown = Assert.Throws<TargetInvocationException>(() => method.Invoke(null, new object[] { s, 1.5, Surfaces("Clay"), new[] { true } }));
        Assert.Contains("fatigue must be in [0, 1], was 1.5", thrown.InnerException!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Artillery_MatchesCentralDifferences_AndTheTargetAndWallTermsByHand()
    {
        var method = Method("G15_Ballistic", "Artillery", "Score");
        foreach (double wall in new[] { 12.0, 5.0 })
        {
            double speed = 30, angle = 0.6, drag = 0.01, target = 40;
            var r = CentralDifferenceRunner.Check(method, null, new object[] { speed, angle, drag, target, wall });
            // The flight again, by hand: score = (range − target)² − 10 CopySign(c², −1) when the apex clears the wall by
            // c < 0, else (range − target)²; ∂/∂target = −2 (range − target), ∂/∂wall = −20 c below the wall, 0 above it.
            double vx = speed * Math.Cos(angle), vy = speed * Math.Sin(angle), x = 0, y = 0, apex = 0;
            for (int i = 0; i < 10_000; i++)
            {
                double v = Math.Sqrt((vx * vx) + (vy * vy));
                vx -= 0.01 * drag * v * vx;
                vy -= 0.01 * (9.81 + (drag * v * vy));
                x += 0.01 * vx;
                y += 0.01 * vy;
                apex = Math.Max(apex, y);
                if (y < 0) break;
            }
            double c = apex - wall;
            Tolerance.AssertFormula(-2 * (x - target), r.Gradient[3]![0], "∂/∂targetRange, wall " + wall);
            Tolerance.AssertFormula(c < 0 ? -20 * c : 0.0, r.Gradient[4]![0], "∂/∂wallHeight, wall " + wall);
            Assert.True(wall == 12.0 ? c < 0 : c > 0, "the two walls are one above and one below the apex " + apex);
        }
    }

    [Fact]
    public void HoltWinters_MatchesCentralDifferences_AndFourPointsByHand()
    {
        var method = Method("G16_Smoothing", "HoltWinters", "ForecastError");
        var series = Enumerable.Range(0, 12).Select(t => 10 + (0.5 * t) + (2 * Math.Sin(Math.PI * t / 2)) + (0.3 * Math.Cos(1.3 * t))).ToArray();
        CentralDifferenceRunner.Check(method, null, new object[] { 0.4, 0.2, 0.3, series, 4 });
        // Period 1 over y0…y3: the season starts at 0, level y0, trend y1 − y0, so the forecast of y1 is exact and the
        // update keeps level y1, trend y1 − y0, season 0. With D = y2 − 2y1 + y0 (the error at t = 2), the update gives
        // level 2y1 − y0 + αD, trend y1 − y0 + αβD, season γ(1 − α)D; e3 = y3 − (3y1 − 2y0 + αD + αβD + γ(1 − α)D),
        // SSE = D² + e3²: ∂/∂α = −2 e3 D (1 + β − γ), ∂/∂β = −2 e3 α D, ∂/∂γ = −2 e3 (1 − α) D.
        double alpha = 0.4, beta = 0.2, gamma = 0.3;
        double[] y = { 1.0, 1.5, 2.6, 3.1 };
        double d = y[2] - (2 * y[1]) + y[0];
        double e3 = y[3] - ((3 * y[1]) - (2 * y[0]) + (alpha * d) + (alpha * beta * d) + (gamma * (1 - alpha) * d));
        var r = CentralDifferenceRunner.Check(method, null, new object[] { alpha, beta, gamma, y, 1 });
        Tolerance.AssertFormula((d * d) + (e3 * e3), r.Value, "SSE");
        Tolerance.AssertFormula(-2 * e3 * d * (1 + beta - gamma), r.Gradient[0]![0], "∂/∂α");
        Tolerance.AssertFormula(-2 * e3 * alpha * d, r.Gradient[1]![0], "∂/∂β");
        Tolerance.AssertFormula(-2 * e3 * (1 - alpha) * d, r.Gradient[2]![0], "∂/∂γ");
    }
}
