using System.Numerics;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Natural;

/// <summary>
/// The fourth round of natural programs (natural16, Natural/FourthAttempts: a logistic-growth Euler fit over a List, a
/// Huber regression with Math.Clamp, a Gaussian-process likelihood through a Cholesky in double[,], an implied-vol Newton
/// loop calling the Backward, a 2-D heat stencil, a camera's reprojection error, a record of parameters updated with
/// `with`, a GRU over a sequence), as first written. <see cref="Expected"/> pins what each gets; the tests below check
/// every program that builds, and each refused one after the change its message asks for, against central differences
/// and a value derived by hand. docs/corpus.md records the round.
/// </summary>
public class FourthAttemptTests
{
    /// <summary>The ids each program gets as first written (after natural16's fixes); "" is a clean build.</summary>
    public static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["F01_LogisticGrowth"] = "",
        ["F02_HuberRegression"] = "",
        ["F03_GaussianProcess"] = "",
        // NormCdf calls itself for x < 0 (1 - NormCdf(-x)) and is not [Differentiable]: a plain helper is inlined where it
        // is called, and a recursion whose depth is not known when the code is generated has no end to inline. ADG0004 at
        // both calls says to mark it [Differentiable] (right: then its Backward calls itself; checked below); without a
        // Backward the user's Newton loop gets CS0103.
        ["F04_ImpliedVol"] = "ADG0004,CS0103",
        // (double[,])initial.Clone() and the double buffer's swap (u, next) = (next, u): ADG0003/ADG0002 until idioms17a
        // (a clone is a new double[,] and a copy; a swap of two arrays of one proven shape exchanges their contents).
        // Checked as written below, and as first rewritten (a new array filled in two loops; the values copied back).
        ["F05_HeatStencil"] = "",
        // Matrix4x4's product, CreateTranslation, CreateRotationY and Vector3.Transform by a matrix were ADG0003 until
        // idioms18b (issue 13); now differentiated as written (below, by hand and central differences), and the Quaternion
        // rewrite the message asked for stays right too.
        ["F06_Reprojection"] = "",
        // A record class parameter is a constant object (an object may be shared and changed through another reference):
        // its Backward has no adjoint for it, and the user's LossBackward(p, times, values, ref grad) gets CS1615. Since
        // idioms17b the information ADG0035 at 'DecayParams p' says to mark it [WithRespectTo] (Info, not counted here);
        // so marked, the program builds as written and is right (below), as it is as a record struct.
        ["F07_ModelConfig"] = "CS1615",
        // double[] x = inputs[t] of the [NoDiff] sequence, and h = hNew of two new double[hidden]: both ADG0003 before
        // natural16 (a row taken as a local; a rebinding of arrays whose lengths are not constants).
        ["F08_GruSequence"] = "",
    };

    public static IEnumerable<object[]> Names() => NaturalSource.FourthNames().Select(n => new object[] { n });

    [Theory]
    [MemberData(nameof(Names))]
    public void FirstAttempt_GetsWhatTheTableSays(string name)
    {
        var run = NaturalSource.RunFourth(name);
        Assert.True(run.Exceptions.IsEmpty, run.Dump());
        var ids = run.Diagnostics.Concat(run.CompileDiagnostics).Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.Id).Distinct().OrderBy(i => i, StringComparer.Ordinal);
        Assert.True(Expected.ContainsKey(name), name + " has no row here");
        Assert.Equal(Expected[name], string.Join(",", ids));
    }

    [Fact]
    public void Refusals_AreAtTheConstruct_AndSayWhatToWrite()
    {
        static void At(string program, string id, string snippet, string says)
        {
            string text = NaturalSource.FourthText(program);
            var run = NaturalSource.RunFourth(program);
            var d = run.Diagnostics.Where(x => x.Id == id && text.Substring(x.Location.SourceSpan.Start, x.Location.SourceSpan.Length) == snippet).ToList();
            Assert.True(d.Count > 0, program + ": no " + id + " at '" + snippet + "':\n" + string.Join("\n", run.Diagnostics));
            Assert.Contains(says, d[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }
        At("F04_ImpliedVol", "ADG0004", "NormCdf(d1)", "recursion has no end to inline (a [Differentiable] method may call itself");
        At("F07_ModelConfig", "ADG0035", "DecayParams p", "mark it [WithRespectTo] for `ref DecayParams dP`, or [NoDiff] to say it is a constant");
    }

    private static MethodInfo Method(Assembly assembly, string type, string name) =>
        assembly.GetType("Natural." + type)!.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance)
            .Single(m => m.Name == name && m.CustomAttributes.Any(a => a.AttributeType.Name == "DifferentiableAttribute"));

    /// <summary>A program after the change its message asks for: each <c>From</c> must be in it (the test fails if the program moved).</summary>
    private static Assembly Rewritten(string program, params (string From, string To)[] changes)
    {
        string text = NaturalSource.FourthText(program);
        foreach (var (from, to) in changes)
        {
            Assert.Contains(from, text, StringComparison.Ordinal);
            text = text.Replace(from, to, StringComparison.Ordinal);
        }
        return GeneratorHarness.CompileAndLoad(NaturalSource.ImplicitUsings, text);
    }

    [Fact]
    public void LogisticGrowth_MatchesCentralDifferences_AndOneEulerStepByHand()
    {
        var method = Method(NaturalSource.FourthAssembly("F01_LogisticGrowth"), "Growth", "SquaredError");
        var counts = new List<double> { 10, 18, 30, 46, 62, 75, 84 };
        CentralDifferenceRunner.Check(method, null, new object[] { 0.6, 100.0, counts, 10.0, 0.1, 10 });
        // Two counts, one step of dt: n1 = n0 + dt r n0 (1 − n0/K), E = ((n0 − c0)² + (n1 − c1)²) / 2.
        double r = 0.6, k = 100, n0 = 12, dt = 0.5, c0 = 10, c1 = 18;
        double n1 = n0 + (dt * r * n0 * (1 - (n0 / k))), e1 = n1 - c1;
        var two = CentralDifferenceRunner.Check(method, null, new object[] { r, k, new List<double> { c0, c1 }, n0, dt, 1 });
        Tolerance.AssertFormula(e1 * dt * n0 * (1 - (n0 / k)), two.Gradient[0]![0], "∂/∂rate");
        Tolerance.AssertFormula(e1 * dt * r * n0 * n0 / (k * k), two.Gradient[1]![0], "∂/∂capacity");
        Tolerance.AssertFormula(-(n0 - c0), two.Gradient[2]![0], "∂/∂counts[0]");
        Tolerance.AssertFormula((n0 - c0) + (e1 * (1 + (dt * r * (1 - (2 * n0 / k))))), two.Gradient[3]![0], "∂/∂n0");
        // The user's Fit: its call without the defaulted dt and steps compiles (the overload without them) and lowers the error.
        var fit = ((double Rate, double Capacity))method.DeclaringType!.GetMethod("Fit")!.Invoke(null, new object[] { counts, 200, 1e-3 })!;
        double before = (double)method.Invoke(null, new object[] { 0.5, counts.Max() * 1.5, counts, counts[0], 0.1, 10 })!;
        double after = (double)method.Invoke(null, new object[] { fit.Rate, fit.Capacity, counts, counts[0], 0.1, 10 })!;
        Assert.True(after < before, "error " + before + " → " + after);
    }

    [Fact]
    public void Huber_MatchesCentralDifferences_AndTheClampedScoreByHand()
    {
        var method = Method(NaturalSource.FourthAssembly("F02_HuberRegression"), "Robust", "HuberLoss");
        var x = new double[,] { { 0.5, 1.0 }, { 1.5, -0.5 }, { -1.0, 2.0 }, { 2.0, 0.3 }, { 0.1, -1.2 } };
        var y = new[] { 1.0, 2.5, 9.0, 1.8, -0.4 };   // the third is an outlier
        double[] coef = { 0.8, 0.4 };
        double b = 0.2, delta = 1.0;
        var r = CentralDifferenceRunner.Check(method, null, new object[] { coef, b, x, y, delta });
        // ψ(r) = clamp(r, −δ, δ): ∂/∂b = −mean ψ, ∂/∂coef_j = −mean ψ x_j, ∂/∂δ = mean over |r| > δ of (|r| − δ).
        double dB = 0, dDelta = 0;
        var dCoef = new double[2];
        for (int i = 0; i < 5; i++)
        {
            double res = y[i] - (b + (coef[0] * x[i, 0]) + (coef[1] * x[i, 1])), psi = Math.Clamp(res, -delta, delta);
            dB -= psi / 5;
            for (int j = 0; j < 2; j++) dCoef[j] -= psi * x[i, j] / 5;
            if (Math.Abs(res) > delta) dDelta += (Math.Abs(res) - delta) / 5;
        }
        Tolerance.AssertFormula(dCoef[0], r.Gradient[0]![0], "∂/∂coef0");
        Tolerance.AssertFormula(dCoef[1], r.Gradient[0]![1], "∂/∂coef1");
        Tolerance.AssertFormula(dB, r.Gradient[1]![0], "∂/∂intercept");
        Tolerance.AssertFormula(dDelta, r.Gradient[4]![0], "∂/∂delta");
    }

    [Fact]
    public void GaussianProcess_MatchesCentralDifferences_AndTwoPointsByHand()
    {
        var method = Method(NaturalSource.FourthAssembly("F03_GaussianProcess"), "GaussianProcess", "NegLogMarginalLikelihood");
        var xs = new[] { -1.0, -0.3, 0.4, 1.1, 1.9 };
        var ys = new[] { -0.8, -0.2, 0.5, 0.9, 0.7 };
        CentralDifferenceRunner.Check(method, null, new object[] { Math.Log(0.8), Math.Log(1.1), Math.Log(0.2), xs, ys });
        // Two points: K = [[a, k], [k, a]], a = sf² + sn², k = sf² e^{−d²/2ℓ²}; with D = a² − k², Q = a(y1² + y2²) − 2k y1 y2,
        // nll = log 2π + Q/(2D) + ½ log D. ∂nll/∂a = (S D − 2aQ)/(2D²) + a/D, ∂nll/∂k = (−2P D + 2kQ)/(2D²) − k/D;
        // ∂a/∂log sf = 2sf² = ∂(k + sn²)… so ∂/∂log sf = 2sf² ∂nll/∂a + 2k ∂nll/∂k, ∂/∂log sn = 2sn² ∂nll/∂a, ∂/∂log ℓ = k d²/ℓ² ∂nll/∂k.
        double ell = 0.8, sf2 = 1.21, sn2 = 0.04, d = 0.7, y1 = 0.3, y2 = -0.5;
        double a = sf2 + sn2, k = sf2 * Math.Exp(-0.5 * d * d / (ell * ell)), det = (a * a) - (k * k);
        double s = (y1 * y1) + (y2 * y2), p = y1 * y2, q = (a * s) - (2 * k * p);
        double dA = (((s * det) - (2 * a * q)) / (2 * det * det)) + (a / det);
        double dK = (((-2 * p * det) + (2 * k * q)) / (2 * det * det)) - (k / det);
        var r = CentralDifferenceRunner.Check(method, null, new object[] { Math.Log(ell), 0.5 * Math.Log(sf2), 0.5 * Math.Log(sn2), new[] { 0.0, d }, new[] { y1, y2 } });
        Tolerance.AssertFormula(Math.Log(2 * Math.PI) + (q / (2 * det)) + (0.5 * Math.Log(det)), r.Value, "nll");
        Tolerance.AssertFormula(k * d * d / (ell * ell) * dK, r.Gradient[0]![0], "∂/∂log ℓ");
        Tolerance.AssertFormula((2 * sf2 * dA) + (2 * k * dK), r.Gradient[1]![0], "∂/∂log sf");
        Tolerance.AssertFormula(2 * sn2 * dA, r.Gradient[2]![0], "∂/∂log sn");
    }

    [Fact]
    public void ImpliedVol_WithTheHelperDifferentiable_VegaByHand_AndNewtonConverges()
    {
        // The change ADG0004 asks for: NormCdf marked [Differentiable] (its Backward calls itself for x < 0).
        var assembly = Rewritten("F04_ImpliedVol", ("    static double NormCdf(double x)", "    [Differentiable]\n    static double NormCdf(double x)"));
        var method = Method(assembly, "ImpliedVol", "PriceError");
        double vol = 0.25, spot = 100, strike = 100, rate = 0.03, expiry = 0.75;
        var r = CentralDifferenceRunner.Check(method, null, new object[] { vol, spot, strike, rate, expiry, 4.0 });
        // The approximation's own derivative: N(x) = 1 − φ(x)P(t), t = 1/(1 + c x), so N'(x) = φ(x)(x P(t) + c t² P'(t))
        // for x ≥ 0 and N'(x) = N'(−x) below 0 (here d2 < 0 < d1: both branches are taken). ∂call/∂σ = S N'(d1) ∂d1/∂σ − K e^{−rT} N'(d2) ∂d2/∂σ.
        double sqrtT = Math.Sqrt(expiry), m = Math.Log(spot / strike) + (rate * expiry);
        double d1 = (m + (0.5 * vol * vol * expiry)) / (vol * sqrtT), d2 = d1 - (vol * sqrtT);
        double dd1 = (-m / (vol * vol * sqrtT)) + (0.5 * sqrtT), dd2 = dd1 - sqrtT;
        double vega = (spot * Density(d1) * dd1) - (strike * Math.Exp(-rate * expiry) * Density(d2) * dd2);
        Assert.True(d1 > 0 && d2 < 0, "both branches of NormCdf: d1 = " + d1 + ", d2 = " + d2);
        Tolerance.AssertFormula(vega, r.Gradient[0]![0], "∂/∂vol");
        Tolerance.AssertFormula(-1, r.Gradient[5]![0], "∂/∂marketPrice");
        // The user's Newton loop recovers the volatility a price was made with.
        double price = (double)method.Invoke(null, new object[] { 0.31, spot, strike, rate, expiry, 0.0 })!;
        double solved = (double)assembly.GetType("Natural.ImpliedVol")!.GetMethod("Solve")!.Invoke(null, new object[] { price, spot, strike, rate, expiry })!;
        Tolerance.AssertClose(0.31, solved, 1e-9, "implied vol");
    }

    /// <summary>The derivative of the program's A&amp;S 26.2.17 NormCdf, by hand.</summary>
    private static double Density(double x)
    {
        double u = Math.Abs(x), c = 0.2316419, t = 1 / (1 + (c * u));
        double[] b = { 0.319381530, -0.356563782, 1.781477937, -1.821255978, 1.330274429 };
        double poly = 0, slope = 0;
        for (int i = 0; i < 5; i++)
        {
            poly += b[i] * Math.Pow(t, i + 1);
            slope += (i + 1) * b[i] * Math.Pow(t, i);
        }
        double phi = Math.Exp(-0.5 * u * u) / Math.Sqrt(2 * Math.PI);
        return phi * ((u * poly) + (c * t * t * slope));
    }

    [Fact]
    public void HeatStencil_AsWritten_CloneAndSwap_MatchesCentralDifferences_AndOneStepByHand()
    {
        var method = Method(NaturalSource.FourthAssembly("F05_HeatStencil"), "Heat", "Misfit");
        var initial = new double[4, 5];
        var measured = new double[4, 5];
        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 5; j++)
            {
                initial[i, j] = Math.Sin(i + (0.7 * j));
                measured[i, j] = 0.8 * initial[i, j];
            }
        }
        CentralDifferenceRunner.Check(method, null, new object[] { 0.9, initial, measured, 4, 0.001, 0.1 });
        CentralDifferenceRunner.Check(method, null, new object[] { 0.9, initial, measured, 3, 0.001, 0.1 });
        // 3 × 3, one step: only the centre moves, u' = u + λ L, λ = D dt/h²: ∂misfit/∂D = 2 (u' − m) L dt/h² (after one swap
        // u names the new values).
        var small = new double[,] { { 0, 1, 0 }, { 2, 5, 1 }, { 0, 3, 0 } };
        double dd = 0.7, dt = 0.001, h = 0.1, lap = 1 + 2 + 1 + 3 - 20, centre = 5 + (dd * dt / (h * h) * lap);
        var r = CentralDifferenceRunner.Check(method, null, new object[] { dd, small, new double[3, 3], 1, dt, h });
        Tolerance.AssertFormula(2 * centre * lap * dt / (h * h), r.Gradient[0]![0], "∂/∂diffusivity");
    }

    [Fact]
    public void HeatStencil_WithACopyAndACopyBack_MatchesCentralDifferences_AndOneStepByHand()
    {
        // The changes the two messages ask for: a new array filled in two loops, and the new values copied back after each step.
        var assembly = Rewritten("F05_HeatStencil",
            ("var u = (double[,])initial.Clone();", "var u = new double[initial.GetLength(0), initial.GetLength(1)];\n        for (int i = 0; i < nx; i++)\n            for (int j = 0; j < ny; j++)\n                u[i, j] = initial[i, j];"),
            ("(u, next) = (next, u);", "for (int i = 0; i < nx; i++)\n                for (int j = 0; j < ny; j++)\n                    u[i, j] = next[i, j];"));
        var method = Method(assembly, "Heat", "Misfit");
        var initial = new double[4, 5];
        var measured = new double[4, 5];
        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 5; j++)
            {
                initial[i, j] = Math.Sin(i + (0.7 * j));
                measured[i, j] = 0.8 * initial[i, j];
            }
        }
        CentralDifferenceRunner.Check(method, null, new object[] { 0.9, initial, measured, 4, 0.001, 0.1 });
        // 3 × 3, one step: only the centre moves, u' = u + λ L with L = the neighbours − 4u, λ = D dt/h²:
        // ∂misfit/∂D = 2 (u' − m) L dt/h².
        var small = new double[,] { { 0, 1, 0 }, { 2, 5, 1 }, { 0, 3, 0 } };
        var target = new double[3, 3];
        double dd = 0.7, dt = 0.001, h = 0.1, lap = 1 + 2 + 1 + 3 - 20, centre = 5 + (dd * dt / (h * h) * lap);
        var r = CentralDifferenceRunner.Check(method, null, new object[] { dd, small, target, 1, dt, h });
        Tolerance.AssertFormula(2 * centre * lap * dt / (h * h), r.Gradient[0]![0], "∂/∂diffusivity");
    }

    [Fact]
    public void Reprojection_AsWritten_MatchesCentralDifferences_AndTheFocalByHand()
    {
        // idioms18b: the camera's Matrix4x4 as written (a translation by −position, then a rotation about y).
        var method = Method(Rewritten("F06_Reprojection"), "Camera", "ReprojectionError");
        var points = new[] { new Vector3(0.5f, 0.2f, 5), new Vector3(-0.7f, 0.4f, 6), new Vector3(0.1f, -0.6f, 4.5f) };
        var pixels = new[] { new Vector2(0.12f, 0.05f), new Vector2(-0.1f, 0.08f), new Vector2(0.01f, -0.15f) };
        var position = new Vector3(0.1f, 0, -0.2f);
        var r = CentralDifferenceRunner.Check(method, null, new object[] { position, 0.05f, 1.1f, points, pixels });
        // ∂E/∂f = (2/N) Σ (proj − pixel) · (p.X/p.Z, p.Y/p.Z), proj = f (p.X/p.Z, p.Y/p.Z), with p = (q − position)·Ry(yaw):
        // row vectors, so p = (x cos θ + z sin θ, y, −x sin θ + z cos θ) for q − position = (x, y, z).
        double hand = 0, c = Math.Cos(0.05), s = Math.Sin(0.05);
        for (int i = 0; i < 3; i++)
        {
            var d = points[i] - position;
            double px = (d.X * c) + (d.Z * s), py = d.Y, pz = (-d.X * s) + (d.Z * c);
            double u = px / pz, v = py / pz;
            hand += 2 * ((((1.1 * u) - pixels[i].X) * u) + (((1.1 * v) - pixels[i].Y) * v)) / 3;
        }
        Tolerance.AssertClose(hand, r.Gradient[2]![0], 1e-4 * (1 + Math.Abs(hand)), "∂/∂focal");
    }

    [Fact]
    public void Reprojection_WithAQuaternion_MatchesCentralDifferences_AndTheFocalByHand()
    {
        // The change the message asks for: translate with Vector3 arithmetic and rotate with a Quaternion.
        var assembly = Rewritten("F06_Reprojection",
            ("        Matrix4x4 view = Matrix4x4.CreateTranslation(-position) * Matrix4x4.CreateRotationY(yaw);\n", ""),
            ("Vector3.Transform(points[i], view)", "Vector3.Transform(points[i] - position, Quaternion.CreateFromAxisAngle(Vector3.UnitY, yaw))"));
        var method = Method(assembly, "Camera", "ReprojectionError");
        var points = new[] { new Vector3(0.5f, 0.2f, 5), new Vector3(-0.7f, 0.4f, 6), new Vector3(0.1f, -0.6f, 4.5f) };
        var pixels = new[] { new Vector2(0.12f, 0.05f), new Vector2(-0.1f, 0.08f), new Vector2(0.01f, -0.15f) };
        var position = new Vector3(0.1f, 0, -0.2f);
        var r = CentralDifferenceRunner.Check(method, null, new object[] { position, 0.05f, 1.1f, points, pixels });
        // ∂E/∂f = (2/N) Σ (proj − pixel) · (p.X/p.Z, p.Y/p.Z), proj = f (p.X/p.Z, p.Y/p.Z).
        var q = Quaternion.CreateFromAxisAngle(Vector3.UnitY, 0.05f);
        double hand = 0;
        for (int i = 0; i < 3; i++)
        {
            var p = Vector3.Transform(points[i] - position, q);
            double u = p.X / (double)p.Z, v = p.Y / (double)p.Z;
            hand += 2 * ((((1.1 * u) - pixels[i].X) * u) + (((1.1 * v) - pixels[i].Y) * v)) / 3;
        }
        Tolerance.AssertClose(hand, r.Gradient[2]![0], 1e-4 * (1 + Math.Abs(hand)), "∂/∂focal");
    }

    [Fact]
    public void ModelConfig_AsARecordStruct_MatchesCentralDifferences_TheOffsetByHand_AndFits()
    {
        // The record class's parameter has no adjoint (CS1615 at the user's ref grad); as a record struct it has one.
        var assembly = Rewritten("F07_ModelConfig", ("public record DecayParams(", "public record struct DecayParams("));
        var type = assembly.GetType("Natural.DecayParams")!;
        var method = Method(assembly, "DecayFit", "Loss");
        var times = new[] { 0.0, 0.5, 1.0, 2.0, 3.0, 5.0 };
        var values = times.Select(t => (2.0 * Math.Exp(-0.4 * t)) + 0.3).ToArray();
        var p = Activator.CreateInstance(type, 1.5, 0.6, 0.1)!;
        var r = CentralDifferenceRunner.Check(method, null, new object[] { p, times, values });
        // The prior's Rate is 0.1 whatever p is: ∂/∂Offset = (2/N) Σ (model − v), ∂/∂Rate adds 0.02 (Rate − 0.1).
        double dOffset = 0, dRate = 0;
        foreach (var (t, v) in times.Zip(values))
        {
            double e = (1.5 * Math.Exp(-0.6 * t)) + 0.1 - v;
            dOffset += 2 * e / times.Length;
            dRate += 2 * e * (-1.5 * t * Math.Exp(-0.6 * t)) / times.Length;
        }
        Tolerance.AssertFormula(dRate + (0.02 * (0.6 - 0.1)), r.Gradient[0]![1], "∂/∂Rate");
        Tolerance.AssertFormula(dOffset, r.Gradient[0]![2], "∂/∂Offset");
        double before = (double)method.Invoke(null, new object[] { Activator.CreateInstance(type, 1.0, 0.5, 0.0)!, times, values })!;
        var fitted = assembly.GetType("Natural.DecayFit")!.GetMethod("Fit")!.Invoke(null, new object[] { times, values, 3000, 0.05 })!;
        double after = (double)method.Invoke(null, new object[] { fitted, times, values })!;
        Assert.True(after < before / 10, "loss " + before + " → " + after);
    }

    [Fact]
    public void ModelConfig_MarkedWithRespectTo_AsADG0035Says_ByHand_CentralDifferences_AndFits()
    {
        // The change ADG0035 asks for, and nothing else: the user's own Fit (LossBackward(p, times, values, ref grad)) builds.
        var assembly = Rewritten("F07_ModelConfig", ("public static double Loss(DecayParams p,", "public static double Loss([WithRespectTo] DecayParams p,"));
        var type = assembly.GetType("Natural.DecayParams")!;
        var method = Method(assembly, "DecayFit", "Loss");
        var backward = assembly.GetType("Natural.DecayFit")!.GetMethod("LossBackward")!;
        var times = new[] { 0.0, 0.5, 1.0, 2.0, 3.0, 5.0 };
        var values = times.Select(t => (2.0 * Math.Exp(-0.4 * t)) + 0.3).ToArray();
        double[] at = { 1.5, 0.6, 0.1 };
        var args = new object?[] { Activator.CreateInstance(type, at[0], at[1], at[2])!, times, values, Activator.CreateInstance(type, 0.0, 0.0, 0.0)!, 1.0 };
        double value = (double)backward.Invoke(null, args)!;
        string[] names = { "Amplitude", "Rate", "Offset" };
        double[] grad = names.Select(n => (double)type.GetProperty(n)!.GetValue(args[3])!).ToArray();
        // By hand: the prior's Rate is 0.1 whatever p is, so ∂/∂Rate adds 0.02 (Rate − 0.1).
        double dAmplitude = 0, dRate = 0, dOffset = 0;
        foreach (var (t, v) in times.Zip(values))
        {
            double e = (1.5 * Math.Exp(-0.6 * t)) + 0.1 - v;
            dAmplitude += 2 * e * Math.Exp(-0.6 * t) / times.Length;
            dRate += 2 * e * (-1.5 * t * Math.Exp(-0.6 * t)) / times.Length;
            dOffset += 2 * e / times.Length;
        }
        double[] hand = { dAmplitude, dRate + (0.02 * (0.6 - 0.1)), dOffset };
        const double h = 1e-6;
        double Loss(double[] p) => (double)method.Invoke(null, new object[] { Activator.CreateInstance(type, p[0], p[1], p[2])!, times, values })!;
        for (int k = 0; k < 3; k++)
        {
            Tolerance.AssertFormula(hand[k], grad[k], "∂/∂" + names[k] + " by hand");
            double[] plus = (double[])at.Clone(), minus = (double[])at.Clone();
            plus[k] += h;
            minus[k] -= h;
            Tolerance.AssertCentral((Loss(plus) - Loss(minus)) / (2 * h), grad[k], Math.Abs(value), "∂/∂" + names[k] + " central");
        }
        double before = Loss(new[] { 1.0, 0.5, 0.0 });
        var fitted = assembly.GetType("Natural.DecayFit")!.GetMethod("Fit")!.Invoke(null, new object[] { times, values, 3000, 0.05 })!;
        double after = (double)method.Invoke(null, new object[] { fitted, times, values })!;
        Assert.True(after < before / 10, "loss " + before + " → " + after);
    }

    [Fact]
    public void Gru_MatchesCentralDifferencesInEveryWeight_OneStepByHand_AndTrains()
    {
        var type = NaturalSource.FourthAssembly("F08_GruSequence").GetType("Natural.GruRegressor")!;
        var model = Activator.CreateInstance(type, 2, 3, 7)!;
        type.GetField("OutBias")!.SetValue(model, 0.1);
        foreach (var name in new[] { "Bz", "Br", "Bh" })
        {
            var v = (double[])type.GetField(name)!.GetValue(model)!;
            for (int i = 0; i < v.Length; i++) v[i] = 0.1 * (i + 1) * (name == "Br" ? -1 : 1);
        }
        var inputs = new[] { new[] { 0.5, -1.0 }, new[] { 1.2, 0.3 }, new[] { -0.4, 0.8 }, new[] { 0.9, -0.2 } };
        var targets = new[] { 0.2, -0.1, 0.4, 0.3 };
        var loss = type.GetMethod("SequenceLoss")!;
        var backward = type.GetMethod("SequenceLossBackward")!;
        var grad = Activator.CreateInstance(type, 2, 3, 1)!;
        type.GetMethod("Clear")!.Invoke(grad, null);
        double value = (double)backward.Invoke(model, new object[] { inputs, targets, grad, 1.0 })!;
        Tolerance.AssertFormula((double)loss.Invoke(model, new object[] { inputs, targets })!, value, "value");
        double Loss() => (double)loss.Invoke(model, new object[] { inputs, targets })!;
        int checkedCount = 0;
        foreach (var field in type.GetFields().Where(f => f.FieldType == typeof(double[,]) || f.FieldType == typeof(double[])))
        {
            var mine = (Array)field.GetValue(model)!;
            var theirs = (Array)field.GetValue(grad)!;
            foreach (var index in Indices(mine))
            {
                double keep = (double)mine.GetValue(index)!;
                mine.SetValue(keep + 1e-6, index);
                double up = Loss();
                mine.SetValue(keep - 1e-6, index);
                double down = Loss();
                mine.SetValue(keep, index);
                Tolerance.AssertCentral((up - down) / 2e-6, (double)theirs.GetValue(index)!, up, "∂/∂" + field.Name + "[" + string.Join(",", index) + "]");
                checkedCount++;
            }
        }
        // Wz, Wr, Wh 3 × 2, Uz, Ur, Uh 3 × 3, Bz, Br, Bh, Out 3 each: 57 weights, each against central differences; and OutBias.
        Assert.Equal(57, checkedCount);
        var outBias = type.GetField("OutBias")!;
        outBias.SetValue(model, 0.1 + 1e-6);
        double upBias = Loss();
        outBias.SetValue(model, 0.1 - 1e-6);
        double downBias = Loss();
        outBias.SetValue(model, 0.1);
        Tolerance.AssertCentral((upBias - downBias) / 2e-6, (double)outBias.GetValue(grad)!, upBias, "∂/∂OutBias");

        // One step from h = 0, one hidden unit and one input: h1 = z tanh(a), z = σ(bz + wz x), a = bh + wh x, y = c + o h1,
        // loss = (y − T)²: ∂/∂c = 2(y − T), ∂/∂o = 2(y − T) h1, ∂/∂bh = 2(y − T) o z (1 − tanh² a), ∂/∂bz = 2(y − T) o tanh(a) z(1 − z).
        var one = Activator.CreateInstance(type, 1, 1, 3)!;
        double wz = ((double[,])type.GetField("Wz")!.GetValue(one)!)[0, 0], wh = ((double[,])type.GetField("Wh")!.GetValue(one)!)[0, 0];
        double o = ((double[])type.GetField("Out")!.GetValue(one)!)[0], x = 0.7, target = 0.5;
        double z = 1 / (1 + Math.Exp(-(wz * x))), th = Math.Tanh(wh * x), h1 = z * th, e = 2 * (o * h1 - target);
        var g1 = Activator.CreateInstance(type, 1, 1, 3)!;
        type.GetMethod("Clear")!.Invoke(g1, null);
        backward.Invoke(one, new object[] { new[] { new[] { x } }, new[] { target }, g1, 1.0 });
        Tolerance.AssertFormula(e, (double)type.GetField("OutBias")!.GetValue(g1)!, "∂/∂OutBias");
        Tolerance.AssertFormula(e * h1, ((double[])type.GetField("Out")!.GetValue(g1)!)[0], "∂/∂Out");
        Tolerance.AssertFormula(e * o * z * (1 - (th * th)), ((double[])type.GetField("Bh")!.GetValue(g1)!)[0], "∂/∂Bh");
        Tolerance.AssertFormula(e * o * th * z * (1 - z), ((double[])type.GetField("Bz")!.GetValue(g1)!)[0], "∂/∂Bz");

        // The user's training loop lowers the loss.
        var train = type.GetMethod("Train")!;
        double first = (double)train.Invoke(null, new object[] { model, inputs, targets, 1, 0.1 })!;
        double later = (double)train.Invoke(null, new object[] { model, inputs, targets, 300, 0.1 })!;
        Assert.True(later < first / 2, "loss " + first + " → " + later);
    }

    private static IEnumerable<int[]> Indices(Array a) => a.Rank == 1
        ? Enumerable.Range(0, a.Length).Select(i => new[] { i })
        : Enumerable.Range(0, a.GetLength(0)).SelectMany(i => Enumerable.Range(0, a.GetLength(1)).Select(j => new[] { i, j }));
}
