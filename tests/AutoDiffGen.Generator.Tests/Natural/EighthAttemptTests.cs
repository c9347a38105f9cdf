using System.Numerics;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Natural;

/// <summary>
/// The eighth round of natural programs (natural21, Natural/EighthAttempts), written as first attempts by users who read
/// only the README and docs/supported.md: fifteen practitioner programs (P01–P15: a portfolio's Sharpe ratio over a record
/// of assets, Black–Scholes Greeks, a Heston Monte Carlo with [NoDiff] normals, a spring–mass system of Vector3 in a struct
/// state, a 2-D rigid body with Matrix3x2, a softmax classifier class, k-means, a Kalman filter, Poisson regression, RK4,
/// a span/stackalloc layer, ray–sphere, elastic net, Huber with a switch, a generic-math utility) and fifteen ports of
/// ADBench's objectives to idiomatic C# (B01–B15: GMM, bundle adjustment, hand tracking, LSTM, with helpers writing arrays,
/// span slices, ReadOnlySpan parameters, out results, local arrays made in loops, Array.Copy/Array.Clear, stackalloc).
/// All thirty are compiled in ONE compilation (each file is its own syntax tree, User1.cs …): <see cref="Expected"/> pins the
/// ids each file gets, and the methods that build are checked against central differences and a hand-derived value at a
/// point where the hand values are non-zero and distinct. docs/corpus.md records the round.
/// </summary>
public class EighthAttemptTests
{
    /// <summary>The ids each program gets as first written; "" is a clean build.</summary>
    public static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["B01_GmmHelpers"] = "",
        // Before spans22: Mahalanobis(ReadOnlySpan…, Span<double> work) returning a double but writing its span ADG0004, the
        // stackalloc 'terms' passed as ReadOnlySpan<double> to LogSumExp ADG0016 (the implicit Span→ReadOnlySpan conversion).
        ["B02_GmmSpans"] = "",
        ["B03_BundleCamera"] = "",
        // Project writes a Span<double> (ADG0002 before spans22).
        ["B04_BundleSpans"] = "",
        // A local double[,] bound to a helper's returned matrix, the helpers nested, one with an early return: ADG0003 until
        // idioms23 ("make it void and pass it the matrix to fill" since idioms22; "create it as new double[rows, columns]" before).
        ["B05_HandRotations"] = "",
        // absolute = next, where next is passed whole to MatMul: ADG0003 ("copy the elements in a for loop") until idioms22,
        // which copies into place also when the arrays are passed to an inlined helper using them by element.
        ["B06_HandBones"] = "",
        // Cell(weight, bias, hidden, cell, input) writes local arrays and reads double[][] parameters: ADG0002 until idioms24
        // (the message named them and said to mark Cell [Differentiable] since natural21), which binds a plain helper's
        // double[][] parameter to the caller's jagged array.
        ["B07_LstmJagged"] = "",
        // Model writes Span<double> slices of a local array (ADG0002 before spans22).
        ["B08_LstmFlat"] = "",
        // foreach (double[] point in data) passes the row to a helper with out results: ADG0002 ("index it with for loops")
        // until idioms22, where the helper's parameter stands for the row.
        ["B09_GmmOutResults"] = "",
        // Cross writes a stackalloc span (ADG0002 before spans22).
        ["B10_BundleRodriguesStackalloc"] = "",
        ["B11_HandSkinning"] = "",
        // wInput.AsSpan(start, length) as a plain helper's argument (ADG0003 before spans22).
        ["B12_LstmStackalloc"] = "",
        ["B13_GmmWishart"] = "",
        ["B14_BundleReadOnlySpan"] = "",
        ["B15_GmmJagged"] = "",
        ["P01_Portfolio"] = "",
        ["P02_BlackScholesGreeks"] = "",
        ["P03_HestonMonteCarlo"] = "",
        ["P04_SpringMass"] = "",
        ["P05_RigidBody2D"] = "",
        ["P06_SoftmaxClassifier"] = "",
        ["P07_KMeans"] = "",
        ["P08_KalmanFilter"] = "",
        ["P09_PoissonRegression"] = "",
        ["P10_OdeRk4"] = "",
        // Dense writes the stackalloc span 'hidden' (ADG0002 before spans22).
        ["P11_SpanLayer"] = "",
        ["P12_RaySphere"] = "",
        ["P13_ElasticNet"] = "",
        ["P14_Huber"] = "",
        // The generic helper LogSumExp<T>(T[] values) takes an array of T: ADG0003 ("write it for double") until idioms22,
        // which reads it at double with a double[] parameter.
        ["P15_GenericUtility"] = "",
    };

    private static string Directory => Path.Combine(AppContext.BaseDirectory, "Natural", "EighthAttempts");

    private static readonly string[] Names =
        System.IO.Directory.GetFiles(Directory, "*.cs").Select(Path.GetFileNameWithoutExtension).OrderBy(n => n, StringComparer.Ordinal).ToArray()!;

    /// <summary>All thirty programs in one run: file i of <see cref="Names"/> is User(i + 1).cs.</summary>
    private static readonly Lazy<GeneratorOutput> Run = new(() =>
        GeneratorHarness.Run(new[] { NaturalSource.ImplicitUsings }.Concat(Names.Select(n => File.ReadAllText(Path.Combine(Directory, n + ".cs")))).ToArray()));

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
        // Nothing outside the programs' own files (generated code included) may warn or fail.
        Assert.DoesNotContain(run.Diagnostics.Concat(run.CompileDiagnostics), d => d.Severity >= DiagnosticSeverity.Warning && !Names.Select(FileOf).Contains(d.Location.SourceTree?.FilePath));
        Assert.Equal(Expected.Keys.OrderBy(k => k, StringComparer.Ordinal), Names);
        var got = Names.ToDictionary(n => n, n => string.Join(",", DiagnosticsOf(n).Select(d => d.Id).Distinct().OrderBy(i => i, StringComparer.Ordinal)));
        var wrong = Names.Where(n => got[n] != Expected[n]).Select(n => n + ": got '" + got[n] + "', table '" + Expected[n] + "'").ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong) + "\n" + run.Dump());
        // Every program that builds has a Backward generated into its first partial class.
        foreach (var n in Names.Where(n => Expected[n] == ""))
        {
            string type = System.Text.RegularExpressions.Regex.Match(File.ReadAllText(Path.Combine(Directory, n + ".cs")), @"partial class (\w+)").Groups[1].Value;
            Assert.True(run.Generated.Values.Any(g => g.Contains("partial class " + type, StringComparison.Ordinal) && g.Contains("Backward(", StringComparison.Ordinal)), n + ": no Backward in " + type);
        }
    }

    private static Type T(string type) => Loaded.Value.GetType("Natural." + type) ?? throw new InvalidOperationException("no Natural." + type);

    private static MethodInfo Method(string type, string name, params Type[] parameters)
    {
        var candidates = T(type).GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance)
            .Where(m => m.Name == name && m.CustomAttributes.Any(a => a.AttributeType.Name == "DifferentiableAttribute"));
        if (parameters.Length > 0) candidates = candidates.Where(m => m.GetParameters().Select(p => p.ParameterType).SequenceEqual(parameters));
        return candidates.Single();
    }

    private static CentralDifferenceRunner.Result Check(string type, string name, params object[] point) =>
        CentralDifferenceRunner.Check(Method(type, name), null, point);

    private static void Near(double expected, double actual, string what) => Tolerance.AssertFormula(expected, actual, what);

    /// <summary>A hand value of an exact formula against code that approximates it (a CDF series, RK4, float arithmetic).</summary>
    private static void Approx(double expected, double actual, double relative, string what) =>
        Tolerance.AssertClose(expected, actual, relative * Math.Max(1, Math.Abs(expected)), what);

    [Fact]
    public void Portfolio_MatchesCentralDifferences_AndTheHandGradient()
    {
        var asset = T("Asset");
        var assets = Array.CreateInstance(asset, 3);
        double[] mu = { 0.08, 0.12, 0.05 }, sd = { 0.2, 0.3, 0.1 };
        for (int i = 0; i < 3; i++) assets.SetValue(Activator.CreateInstance(asset, "A" + i, mu[i], sd[i]), i);
        double[] w = { 0.5, 0.3, 0.2 };
        double[,] rho = { { 1, 0.3, -0.1 }, { 0.3, 1, 0.2 }, { -0.1, 0.2, 1 } };
        // V = Σ w_i w_j s_i s_j ρ_ij: ∂V/∂w_i = 2 s_i Σ_j w_j s_j ρ_ij (ρ symmetric), ∂V/∂ρ_ij = w_i w_j s_i s_j.
        double[] dV = new double[3];
        double v = 0;
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) { dV[i] += 2 * sd[i] * w[j] * sd[j] * rho[i, j]; v += w[i] * w[j] * sd[i] * sd[j] * rho[i, j]; }
        var r = Check("Portfolio", "Variance", w, assets, rho);
        for (int i = 0; i < 3; i++) Near(dV[i], r.Gradient[0]![i], "∂V/∂w" + i);
        Near(w[0] * w[1] * sd[0] * sd[1], r.Gradient[2]![1], "∂V/∂ρ01");
        // S = (μ·w − rf)/√V: ∂S/∂w_i = μ_i/√V − (μ·w − rf) ∂V/∂w_i / (2 V^{3/2}); ∂S/∂rf = −1/√V.
        double rf = 0.02, excess = w.Zip(mu, (a, b) => a * b).Sum() - rf;
        r = Check("Portfolio", "SharpeRatio", w, assets, rho, rf);
        for (int i = 0; i < 3; i++) Near((mu[i] / Math.Sqrt(v)) - (excess * dV[i] / (2 * v * Math.Sqrt(v))), r.Gradient[0]![i], "∂S/∂w" + i);
        Near(-1 / Math.Sqrt(v), r.Gradient[3]![0], "∂S/∂rf");
    }

    private static readonly double[] CdfCoefficients = { 0.319381530, -0.356563782, 1.781477937, -1.821255978, 1.330274429 };

    /// <summary>
    /// The programs' own normal CDF (Abramowitz–Stegun 26.2.17) and its derivative, written again here: with t = 1/(1 + p|x|)
    /// and P(t) = Σ c_i tⁱ (i = 1…5), N = 1 − φP for x ≥ 0 and φP below; dt/dx = −p sign(x) t², so on both sides
    /// N′ = φ (|x| P + p t² P′(t)). (It is φ only to the series' accuracy, so the Greeks are checked through it.)
    /// </summary>
    private static (double N, double Slope) Cdf(double x)
    {
        const double p = 0.2316419;
        double t = 1.0 / (1.0 + (p * Math.Abs(x))), poly = 0, dpoly = 0;
        for (int i = 4; i >= 0; i--) { dpoly = (dpoly * t) + poly; poly = (poly * t) + CdfCoefficients[i]; }
        // poly is now Σ c_i t^(i−1); P = t·poly, P′ = poly + t·dpoly.
        double pt = t * poly, dpt = poly + (t * dpoly), phi = Math.Exp(-0.5 * x * x) / Math.Sqrt(2 * Math.PI);
        return (x >= 0 ? 1.0 - (phi * pt) : phi * pt, phi * ((Math.Abs(x) * pt) + (p * t * t * dpt)));
    }

    [Fact]
    public void BlackScholes_Greeks_MatchCentralDifferences_AndTheChainRuleByHand()
    {
        double s = 105, k = 100, t = 0.75, rate = 0.03, vol = 0.25, rt = Math.Sqrt(t), disc = Math.Exp(-rate * t);
        double d1 = (Math.Log(s / k) + ((rate + (0.5 * vol * vol)) * t)) / (vol * rt), d2 = d1 - (vol * rt);
        var (n1, dn1) = Cdf(d1);
        var (n2, dn2) = Cdf(d2);
        // C = S N(d1) − K e^{−rT} N(d2); ∂d1/∂S = ∂d2/∂S = 1/(Sσ√T), ∂d1/∂σ = √T − d1/σ, ∂d2/∂σ = −d1/σ, ∂d·/∂r = √T/σ.
        double delta = n1 + (((s * dn1) - (k * disc * dn2)) / (s * vol * rt));
        double vega = (s * dn1 * (rt - (d1 / vol))) + (k * disc * dn2 * d1 / vol);
        double rho = (((s * dn1) - (k * disc * dn2)) * rt / vol) + (k * t * disc * n2);
        double dStrike = (((s * dn1) - (k * disc * dn2)) * (-1 / (k * vol * rt))) - (disc * n2);
        var r = Check("BlackScholes", "CallPrice", s, k, t, rate, vol);
        Near(delta, r.Gradient[0]![0], "delta");
        Near(dStrike, r.Gradient[1]![0], "∂C/∂K");
        Near(vega, r.Gradient[4]![0], "vega");
        Near(rho, r.Gradient[3]![0], "rho");
        // And the textbook Greeks, to the series' accuracy: delta ≈ N(d1), vega ≈ S φ(d1) √T.
        Approx(n1, r.Gradient[0]![0], 2e-5, "delta ≈ N(d1)");
        Approx(s * Math.Exp(-0.5 * d1 * d1) / Math.Sqrt(2 * Math.PI) * rt, r.Gradient[4]![0], 2e-4, "vega ≈ Sφ(d1)√T");
        // Put = C − S + K e^{−rT}: delta − 1.
        Near(delta - 1, Check("BlackScholes", "PutPrice", s, k, t, rate, vol).Gradient[0]![0], "put delta");
    }

    [Fact]
    public void Heston_MatchesCentralDifferences_AndThePathwiseDeltaByHand()
    {
        const int paths = 6, steps = 8;
        var (z1, z2) = ((double[], double[]))T("Heston").GetMethod("Normals")!.Invoke(null, new object[] { paths, steps, 7 })!;
        double spot = 100, v0 = 0.04, kappa = 1.5, theta = 0.05, xi = 0.3, rho = -0.6, strike = 98, years = 0.5;
        var r = Check("Heston", "CallPrice", spot, v0, kappa, theta, xi, rho, strike, years, z1, z2, paths, steps);
        // The variance path does not depend on the spot: S_T = spot · exp(X_T), so ∂/∂spot = (1/P) Σ 1[S_T > K] S_T / spot and
        // ∂/∂K = −(1/P) Σ 1[S_T > K]. The paths are simulated here again.
        double dSpot = 0, dStrike = 0;
        double dt = years / steps;
        for (int p = 0; p < paths; p++)
        {
            double x = Math.Log(spot), v = v0;
            for (int s = 0; s < steps; s++)
            {
                double a = z1[(p * steps) + s], b = (rho * a) + (Math.Sqrt(1 - (rho * rho)) * z2[(p * steps) + s]), vp = Math.Max(v, 0);
                x += (-0.5 * vp * dt) + (Math.Sqrt(vp * dt) * a);
                v += (kappa * (theta - vp) * dt) + (xi * Math.Sqrt(vp * dt) * b);
            }

            if (Math.Exp(x) > strike) { dSpot += Math.Exp(x) / spot / paths; dStrike -= 1.0 / paths; }
        }

        Assert.True(dStrike < 0 && dStrike > -1, "the point has paths on both sides of the strike");
        Near(dSpot, r.Gradient[0]![0], "∂/∂spot");
        Near(dStrike, r.Gradient[6]![0], "∂/∂strike");
    }

    [Fact]
    public void SpringMass_MatchesCentralDifferences_AndTwoStepsByHand()
    {
        float k = 4f, c = 0.5f, dt = 0.01f;
        var start = new Vector3(0.3f, 1.2f, -0.4f);
        var target = new Vector3(0.1f, 0.2f, 0.3f);
        var r = Check("SpringMass", "EndDistance", k, c, start, target, 2);
        // Two steps from rest: v1 = (−k p0 + g) dt, p1 = p0 + v1 dt, v2 = v1 + (−k p1 − c v1 + g) dt, p2 = p1 + v2 dt.
        // ∂p2/∂c = −v1 dt²; ∂p2/∂k = ∂p1/∂k + ∂v2/∂k dt with ∂v1/∂k = −p0 dt, ∂p1/∂k = −p0 dt²,
        // ∂v2/∂k = ∂v1/∂k + (−p1 − k ∂p1/∂k − c ∂v1/∂k) dt. D = |p2 − target|², ∂D = 2 (p2 − target)·∂p2.
        var g = new Vector3(0, -9.81f, 0);
        Vector3 p0 = start, v1 = (-k * p0 + g) * dt, p1 = p0 + v1 * dt, v2 = v1 + (-k * p1 - c * v1 + g) * dt, p2 = p1 + v2 * dt;
        Vector3 dv1 = -p0 * dt, dp1 = -p0 * dt * dt, dv2 = dv1 + (-p1 - k * dp1 - c * dv1) * dt, dpk = dp1 + dv2 * dt, dpc = -v1 * dt * dt;
        Approx(2 * Vector3.Dot(p2 - target, dpk), r.Gradient[0]![0], 1e-3, "∂D/∂k");
        Approx(2 * Vector3.Dot(p2 - target, dpc), r.Gradient[1]![0], 1e-3, "∂D/∂c");
        Approx(-2 * (p2 - target).X, r.Gradient[3]![0], 1e-3, "∂D/∂target.X");
    }

    [Fact]
    public void RigidBody2D_MatchesCentralDifferences_AndTheHandGradient()
    {
        float angle = 0.4f;
        var t = new Vector2(0.5f, -0.2f);
        Vector2[] body = { new(1, 0), new(0, 2), new(-1, 1) }, targets = { new(1.2f, 0.9f), new(-0.5f, 1.5f), new(-0.3f, 0.1f) };
        var r = Check("RigidBody2D", "FitPose", angle, t, body, targets);
        // x′ = x c − y s + tx, y′ = x s + y c + ty (row-vector Matrix3x2): ∂L/∂t = 2 Σ e_i, ∂L/∂θ = 2 Σ e_i · (−x s − y c, x c − y s).
        double c = Math.Cos(angle), s = Math.Sin(angle), dTheta = 0, dx = 0, dy = 0;
        foreach (var (b, q) in body.Zip(targets))
        {
            double ex = (b.X * c) - (b.Y * s) + t.X - q.X, ey = (b.X * s) + (b.Y * c) + t.Y - q.Y;
            dTheta += 2 * ((ex * ((-b.X * s) - (b.Y * c))) + (ey * ((b.X * c) - (b.Y * s))));
            dx += 2 * ex;
            dy += 2 * ey;
        }

        Approx(dTheta, r.Gradient[0]![0], 1e-4, "∂/∂θ");
        Approx(dx, r.Gradient[1]![0], 1e-4, "∂/∂tx");
        Approx(dy, r.Gradient[1]![1], 1e-4, "∂/∂ty");
    }

    [Fact]
    public void SoftmaxClassifier_MatchesCentralDifferences_AndProbabilitiesMinusOneHot()
    {
        double[,] w = { { 0.2, -0.5 }, { 0.7, 0.1 }, { -0.3, 0.4 } }, x = { { 1.0, 2.0 }, { -0.5, 0.8 } };
        double[] b = { 0.1, -0.2, 0.05 };
        int[] labels = { 2, 0 };
        var r = Check("SoftmaxClassifier", "Loss", w, b, x, labels);
        // ∂L/∂W_cf = (1/N) Σ_n (p_nc − 1[c = y_n]) x_nf, ∂L/∂b_c = (1/N) Σ_n (p_nc − 1[c = y_n]).
        var dW = new double[3, 2];
        var dB = new double[3];
        for (int n = 0; n < 2; n++)
        {
            var z = Enumerable.Range(0, 3).Select(c => b[c] + (w[c, 0] * x[n, 0]) + (w[c, 1] * x[n, 1])).ToArray();
            double sum = z.Sum(Math.Exp);
            for (int c = 0; c < 3; c++)
            {
                double e = (Math.Exp(z[c]) / sum) - (c == labels[n] ? 1 : 0);
                dB[c] += e / 2;
                dW[c, 0] += e * x[n, 0] / 2;
                dW[c, 1] += e * x[n, 1] / 2;
            }
        }

        for (int c = 0; c < 3; c++) { Near(dB[c], r.Gradient[1]![c], "∂b" + c); Near(dW[c, 1], r.Gradient[0]![(c * 2) + 1], "∂W" + c + "1"); }
        // The class's Train calls the generated Backward and steps against it.
        var model = Activator.CreateInstance(T("SoftmaxClassifier"), 2, 3)!;
        double first = (double)T("SoftmaxClassifier").GetMethod("Train")!.Invoke(model, new object[] { x, labels, 0.5 })!;
        double second = (double)T("SoftmaxClassifier").GetMethod("Train")!.Invoke(model, new object[] { x, labels, 0.5 })!;
        Near(Math.Log(3), first, "loss at zero weights");
        Assert.True(second < first, "a gradient step lowers the loss");
    }

    [Fact]
    public void KMeansKalmanPoissonAndRk4_MatchCentralDifferences_AndTheHandGradient()
    {
        double[,] centroids = { { 0, 0 }, { 2, 1 } }, points = { { 0.3, -0.2 }, { 1.8, 1.4 }, { 2.5, 0.6 } };
        var r = Check("KMeans", "Loss", centroids, points);
        // Point 0 goes to centroid 0, points 1 and 2 to centroid 1: ∂/∂μ_c = Σ_{p → c} 2 (μ_c − x_p).
        Near(2 * (0 - 0.3), r.Gradient[0]![0], "∂μ00");
        Near(2 * ((2 - 1.8) + (2 - 2.5)), r.Gradient[0]![2], "∂μ10");
        Near(2 * ((1 - 1.4) + (1 - 0.6)), r.Gradient[0]![3], "∂μ11");
        Near(2 * (0.3 - 0), r.Gradient[1]![0], "∂x00");

        // Kalman, two observations: s = 1 + q + r, e = y1 − y0, nll = ½(ln 2πs + e²/s): ∂/∂ln q = q·½(1/s − e²/s²),
        // ∂/∂ln r = r·(same), ∂/∂y1 = e/s.
        double lq = -1.2, lr = 0.3, q = Math.Exp(lq), rr = Math.Exp(lr), sv = 1 + q + rr, e = 1.7;
        r = Check("KalmanFilter", "NegativeLogLikelihood", lq, lr, new[] { 0.4, 0.4 + e });
        Near(q * 0.5 * ((1 / sv) - (e * e / (sv * sv))), r.Gradient[0]![0], "∂/∂ln q");
        Near(rr * 0.5 * ((1 / sv) - (e * e / (sv * sv))), r.Gradient[1]![0], "∂/∂ln r");
        Near(e / sv, r.Gradient[2]![1], "∂/∂y1");
        Check("KalmanFilter", "NegativeLogLikelihood", lq, lr, new[] { 0.4, 1.1, 0.7, 1.9, 1.3 });

        // Poisson with softplus link: μ = log(1 + e^η), ∂/∂β_j = (1/n) Σ (1 − y/μ) σ(η) x_ij.
        double[] beta = { 0.4, -0.3 };
        double[,] xs = { { 1, 2 }, { 1, -1 }, { 1, 0.5 } };
        int[] counts = { 0, 3, 1 };
        r = Check("PoissonRegression", "NegativeLogLikelihood", beta, xs, counts);
        double g0 = 0, g1 = 0;
        for (int i = 0; i < 3; i++)
        {
            double eta = (beta[0] * xs[i, 0]) + (beta[1] * xs[i, 1]), mu = Math.Log(1 + Math.Exp(eta)), sig = 1 / (1 + Math.Exp(-eta));
            g0 += (1 - (counts[i] / mu)) * sig * xs[i, 0] / 3;
            g1 += (1 - (counts[i] / mu)) * sig * xs[i, 1] / 3;
        }

        Near(g0, r.Gradient[0]![0], "∂β0");
        Near(g1, r.Gradient[0]![1], "∂β1");

        // RK4 with h = 1/20 against the exact logistic solution y(t) = K / (1 + ((K − y0)/y0) e^{−rt}), differentiated by hand:
        // with A = (K − y0)/y0, D = 1 + A e^{−rt}: ∂y/∂r = K A t e^{−rt} / D², ∂y/∂K = 1/D − K e^{−rt}/(y0 D²), ∂y/∂y0 = K² e^{−rt}/(y0² D²).
        double gr = 0.8, cap = 5, y0 = 0.5;
        double[] measured = { 1.0, 1.9, 3.2 };
        r = Check("LogisticFit", "Loss", gr, cap, y0, measured, 20);
        double dr = 0, dk = 0, dy0 = 0;
        for (int t = 1; t <= 3; t++)
        {
            double a = (cap - y0) / y0, ex = Math.Exp(-gr * t), d = 1 + (a * ex), y = cap / d, err = 2 * (y - measured[t - 1]);
            dr += err * cap * a * t * ex / (d * d);
            dk += err * ((1 / d) - (cap * ex / (y0 * d * d)));
            dy0 += err * cap * cap * ex / (y0 * y0 * d * d);
        }

        Approx(dr, r.Gradient[0]![0], 1e-5, "∂/∂r");
        Approx(dk, r.Gradient[1]![0], 1e-5, "∂/∂K");
        Approx(dy0, r.Gradient[2]![0], 1e-5, "∂/∂y0");
    }

    [Fact]
    public void RaySphereElasticNetAndHuber_MatchCentralDifferences_AndTheHandGradient()
    {
        var vec = T("Vec3");
        object V(double x, double y, double z) => Activator.CreateInstance(vec, x, y, z)!;
        double[] o = { 0.1, -0.2, -5 }, d = { 0.05, 0.02, 1 }, c = { 0.3, 0.1, 0.5 };
        double radius = 1.2;
        var r = Check("RaySphere", "HitDistance", V(o[0], o[1], o[2]), V(d[0], d[1], d[2]), V(c[0], c[1], c[2]), radius);
        // oc = o − c, a = d·d, b = oc·d, D = b² − a(oc·oc − r²), t = (−b − √D)/a:
        // ∂t/∂r = −r/√D; ∂t/∂oc = (−d − (b d − a oc)/√D)/a; ∂t/∂c = −∂t/∂oc.
        double[] oc = { o[0] - c[0], o[1] - c[1], o[2] - c[2] };
        double a = d.Sum(v => v * v), b = oc.Zip(d, (u, v) => u * v).Sum(), disc = (b * b) - (a * (oc.Sum(v => v * v) - (radius * radius)));
        Near(-radius / Math.Sqrt(disc), r.Gradient[3]![0], "∂t/∂r");
        for (int i = 0; i < 3; i++)
        {
            double dOc = (-d[i] - (((b * d[i]) - (a * oc[i])) / Math.Sqrt(disc))) / a;
            Near(dOc, r.Gradient[0]![i], "∂t/∂origin" + i);
            Near(-dOc, r.Gradient[2]![i], "∂t/∂center" + i);
        }

        // Elastic net: ∂/∂w_j = (1/n) Σ_i (ŷ_i − y_i) x_ij + l1 sign(w_j) + l2 w_j; ∂/∂l1 = Σ|w|; ∂/∂l2 = ½ Σ w².
        double[] w = { 0.5, -0.8 }, y = { 1.0, -0.5, 0.3 };
        double[,] x = { { 1, 0.2 }, { -0.4, 1.1 }, { 0.7, -0.3 } };
        double l1 = 0.1, l2 = 0.3;
        r = Check("ElasticNet", "Objective", w, x, y, l1, l2);
        for (int j = 0; j < 2; j++)
        {
            double gj = 0;
            for (int i = 0; i < 3; i++) gj += (((x[i, 0] * w[0]) + (x[i, 1] * w[1]) - y[i]) * x[i, j]) / 3;
            Near(gj + (l1 * Math.Sign(w[j])) + (l2 * w[j]), r.Gradient[0]![j], "∂w" + j);
        }

        Near(1.3, r.Gradient[3]![0], "∂l1");
        Near(0.5 * (0.25 + 0.64), r.Gradient[4]![0], "∂l2");

        // Huber, δ = 1: residuals −0.4 (quadratic), 2.3 and −1.6 (linear): ∂/∂slope = Σ ψ(r_i) x_i, ψ(r) = r or δ sign r;
        // ∂/∂δ = Σ_{|r| > δ} (|r| − δ).
        double slope = 0.5, intercept = 0.1;
        double[] hx = { 1, 2, -1 }, hy = { 1.0, -1.2, 1.0 };
        r = Check("Huber", "Fit", slope, intercept, hx, hy, 1.0);
        double ds = 0, di = 0, dd = 0;
        for (int i = 0; i < 3; i++)
        {
            double res = (slope * hx[i]) + intercept - hy[i], psi = Math.Abs(res) <= 1 ? res : Math.Sign(res);
            ds += psi * hx[i];
            di += psi;
            dd += Math.Abs(res) > 1 ? Math.Abs(res) - 1 : 0;
        }

        Near(ds, r.Gradient[0]![0], "∂slope");
        Near(di, r.Gradient[1]![0], "∂intercept");
        Near(dd, r.Gradient[4]![0], "∂δ");
    }

    [Fact]
    public void GmmObjectives_MatchCentralDifferences_AndTheResponsibilitiesByHand()
    {
        // d = 2, k = 2, n = 3; icf per component: two log-diagonals and one lower entry.
        double[] alphas = { 0.3, -0.4 }, means = { 0.1, 0.5, -0.7, 0.2 }, icf = { 0.2, -0.1, 0.4, -0.3, 0.15, -0.2 }, x = { 0.4, 0.9, -0.5, 0.1, 1.2, -0.6 };
        double gamma = 1.3;
        var r = Check("GmmObjective", "Objective", 2, 2, alphas, means, icf, x, gamma, 1);
        // ∂/∂α_k = Σ_i r_ik − n π_k (r the responsibilities, π = softmax α); ∂/∂γ = γ Σ_k (‖Q_k diag‖² + ‖L_k‖²).
        var resp = new double[2];
        for (int i = 0; i < 3; i++)
        {
            var term = new double[2];
            for (int c = 0; c < 2; c++)
            {
                double e0 = x[2 * i] - means[2 * c], e1 = x[(2 * i) + 1] - means[(2 * c) + 1];
                double q0 = Math.Exp(icf[3 * c]) * e0, q1 = (Math.Exp(icf[(3 * c) + 1]) * e1) + (icf[(3 * c) + 2] * e0);
                term[c] = alphas[c] + icf[3 * c] + icf[(3 * c) + 1] - (0.5 * ((q0 * q0) + (q1 * q1)));
            }

            double z = Math.Exp(term[0]) + Math.Exp(term[1]);
            resp[0] += Math.Exp(term[0]) / z;
            resp[1] += Math.Exp(term[1]) / z;
        }

        double pi0 = Math.Exp(alphas[0]) / (Math.Exp(alphas[0]) + Math.Exp(alphas[1]));
        Near(resp[0] - (3 * pi0), r.Gradient[2]![0], "∂α0");
        Near(resp[1] - (3 * (1 - pi0)), r.Gradient[2]![1], "∂α1");
        double fro = 0;
        for (int c = 0; c < 2; c++) fro += Math.Exp(2 * icf[3 * c]) + Math.Exp(2 * icf[(3 * c) + 1]) + (icf[(3 * c) + 2] * icf[(3 * c) + 2]);
        Near(gamma * fro, r.Gradient[6]![0], "∂γ");

        // Wishart prior alone: ∂/∂q (a log-diagonal) = γ² e^{2q} − m, ∂/∂l = γ² l, ∂/∂γ = γ Σ fro − k n d/γ (n = d + m + 1).
        r = Check("GmmPrior", "LogWishartPrior", icf, 2, 2, gamma, 1);
        Near((gamma * gamma * Math.Exp(2 * icf[0])) - 1, r.Gradient[0]![0], "prior ∂q00");
        Near(gamma * gamma * icf[5], r.Gradient[0]![5], "prior ∂l1");
        Near((gamma * fro) - (2 * 4 * 2 / gamma), r.Gradient[3]![0], "prior ∂γ");

        // Jagged GMM with spherical scales: nll = −Σ_i (lse_c(t_ic) − lse(α)), t_ic = α_c − D s_c − ½ e^{−2 s_c} |x_i − μ_c|²:
        // ∂/∂α_c = −(Σ_i r_ic − n π_c), ∂/∂s_c = −Σ_i r_ic (−D + e^{−2 s_c} |x_i − μ_c|²).
        double[][] mj = { new[] { 0.1, 0.5 }, new[] { -0.7, 0.2 } }, pts = { new[] { 0.4, 0.9 }, new[] { -0.5, 0.1 }, new[] { 1.2, -0.6 } };
        double[] ls = { 0.2, -0.3 };
        r = Check("GmmJagged", "NegLogLikelihood", alphas, mj, ls, pts);
        double ra0 = 0, ds0 = 0, ds1 = 0;
        foreach (var p in pts)
        {
            var sq = mj.Select(m => ((p[0] - m[0]) * (p[0] - m[0])) + ((p[1] - m[1]) * (p[1] - m[1]))).ToArray();
            var t = Enumerable.Range(0, 2).Select(c => alphas[c] - (2 * ls[c]) - (0.5 * Math.Exp(-2 * ls[c]) * sq[c])).ToArray();
            double z = Math.Exp(t[0]) + Math.Exp(t[1]), r0 = Math.Exp(t[0]) / z;
            ra0 += r0;
            ds0 -= r0 * (-2 + (Math.Exp(-2 * ls[0]) * sq[0]));
            ds1 -= (1 - r0) * (-2 + (Math.Exp(-2 * ls[1]) * sq[1]));
        }

        Near(-(ra0 - (3 * pi0)), r.Gradient[0]![0], "jagged ∂α0");
        Near(ds0, r.Gradient[2]![0], "jagged ∂s0");
        Near(ds1, r.Gradient[2]![1], "jagged ∂s1");
        Check("GmmJagged", "NegLogLikelihood", alphas, mj, ls, pts);
    }

    [Fact]
    public void BundleAdjustmentAndHandSkinning_MatchCentralDifferences_AndTheHandGradient()
    {
        var camType = T("Camera");
        object cam = Activator.CreateInstance(camType)!;
        double[] values = { 0.1, -0.2, 0.15, 0.3, -0.1, -4.0, 1.5, 0.05, -0.02, 0.08, -0.01 };
        var fields = new[] { "R0", "R1", "R2", "Cx", "Cy", "Cz", "Focal", "U0", "V0", "K1", "K2" };
        for (int i = 0; i < fields.Length; i++) camType.GetField(fields[i])!.SetValue(cam, values[i]);
        double px = 0.4, py = 0.7, pz = 1.1, weight = 0.9, fu = 0.2, fv = 0.25;
        var r = Check("BundleAdjustment", "SquaredError", cam, px, py, pz, weight, fu, fv);
        // err = w (f ũ + u0 − fu), w (f ṽ + v0 − fv) with (ũ, ṽ) the distorted projection, which does not involve f, u0, v0:
        // ∂/∂u0 = 2 w eu, ∂/∂f = 2 w (eu ũ + ev ṽ), ∂/∂fu = −2 w eu, ∂/∂w = 2(eu² + ev²)/w − 4 w (1 − w²).
        double eu = 0, ev = 0;
        var reprojection = T("BundleAdjustment").GetMethod("ReprojectionError")!;
        var args = new object[] { cam, px, py, pz, weight, fu, fv, 0.0, 0.0 };
        reprojection.Invoke(null, args);
        eu = (double)args[7];
        ev = (double)args[8];
        double ut = ((eu / weight) + fu - values[7]) / values[6], vt = ((ev / weight) + fv - values[8]) / values[6];
        Near(2 * weight * eu, r.Gradient[0]![7], "∂/∂u0");
        Near(2 * weight * ((eu * ut) + (ev * vt)), r.Gradient[0]![6], "∂/∂f");
        Near(-2 * weight * eu, r.Gradient[5]![0], "∂/∂featU");
        Near((2 * ((eu * eu) + (ev * ev)) / weight) - (4 * weight * (1 - (weight * weight))), r.Gradient[4]![0], "∂/∂w");

        // The ReadOnlySpan API through its array overload (two Backward overloads of one arity: differences taken here).
        double[] camera = { 0.01, -0.02, 0.015, 0.3, -0.1, -4.0, 1.5, 0.05, -0.02, 0.08, -0.01 }, point = { 0.4, 0.7, 1.1 };
        var api = Method("BundleSpanApi", "ProjectionError", typeof(double[]), typeof(double[]), typeof(double), typeof(double));
        var backward = T("BundleSpanApi").GetMethods().Single(m => m.Name == "ProjectionErrorBackward" && m.GetParameters()[0].ParameterType == typeof(double[]));
        double[] dCam = new double[11], dPoint = new double[3];
        var bargs = new object[] { camera, point, fu, fv, dCam, dPoint, 0.0, 0.0, 1.0 };
        backward.Invoke(null, bargs);
        for (int i = 0; i < 11; i++)
        {
            double[] up = (double[])camera.Clone(), down = (double[])camera.Clone();
            up[i] += 1e-6;
            down[i] -= 1e-6;
            double numeric = ((double)api.Invoke(null, new object[] { up, point, fu, fv })! - (double)api.Invoke(null, new object[] { down, point, fu, fv })!) / 2e-6;
            Tolerance.AssertCentral(numeric, dCam[i], 1, "span api ∂cam" + i);
        }

        // Small-angle branch: x = p − c, r = x + ω × x, (u, v) = (rx/rz, ry/rz), L = 1 + k1 ρ + k2 ρ²: ∂/∂cam7 = 2 eu, ∂/∂featV = −2 ev.
        double xx = point[0] - camera[3], xy = point[1] - camera[4], xz = point[2] - camera[5];
        double rx = xx + (camera[1] * xz) - (camera[2] * xy), ry = xy + (camera[2] * xx) - (camera[0] * xz), rz = xz + (camera[0] * xy) - (camera[1] * xx);
        double u = rx / rz, v = ry / rz, rho = (u * u) + (v * v), l = 1 + (camera[9] * rho) + (camera[10] * rho * rho);
        double su = (camera[6] * l * u) + camera[7] - fu, sv = (camera[6] * l * v) + camera[8] - fv;
        Near(2 * su, dCam[7], "span api ∂cam7");
        Near(2 * l * ((su * u) + (sv * v)), dCam[6], "span api ∂focal");
        Near(-2 * sv, (double)bargs[7], "span api ∂featV");

        // Skinning: vertex = Σ_b β_vb (R(θ_b) rest_v + t_b): ∂/∂t_bx = 2 Σ_v β_vb e_vx, ∂/∂θ_b = 2 Σ_v β_vb e_v · R′(θ_b) rest_v.
        double[] theta = { 0.3, 0.1, -0.2, -0.5, 0.4, 0.25 };
        double[,] rest = { { 1, 0.5 }, { -0.3, 1.2 } }, blend = { { 0.7, 0.3 }, { 0.4, 0.6 } }, target = { { 1.1, 0.9 }, { -0.2, 1.4 } };
        r = Check("HandSkinning", "Error", theta, rest, blend, target);
        var dTheta = new double[6];
        for (int vtx = 0; vtx < 2; vtx++)
        {
            double x = 0, y = 0;
            for (int b = 0; b < 2; b++)
            {
                double c = Math.Cos(theta[3 * b]), s = Math.Sin(theta[3 * b]);
                x += blend[vtx, b] * ((c * rest[vtx, 0]) - (s * rest[vtx, 1]) + theta[(3 * b) + 1]);
                y += blend[vtx, b] * ((s * rest[vtx, 0]) + (c * rest[vtx, 1]) + theta[(3 * b) + 2]);
            }

            double ex = x - target[vtx, 0], ey = y - target[vtx, 1];
            for (int b = 0; b < 2; b++)
            {
                double c = Math.Cos(theta[3 * b]), s = Math.Sin(theta[3 * b]);
                dTheta[3 * b] += 2 * blend[vtx, b] * ((ex * ((-s * rest[vtx, 0]) - (c * rest[vtx, 1]))) + (ey * ((c * rest[vtx, 0]) - (s * rest[vtx, 1]))));
                dTheta[(3 * b) + 1] += 2 * blend[vtx, b] * ex;
                dTheta[(3 * b) + 2] += 2 * blend[vtx, b] * ey;
            }
        }

        for (int i = 0; i < 6; i++) Near(dTheta[i], r.Gradient[0]![i], "skinning ∂θ" + i);
    }

    private static double Sig(double v) => 1 / (1 + Math.Exp(-v));

    /// <summary>
    /// spans22: the six programs whose plain helpers take Span/ReadOnlySpan parameters (P11, B02, B04, B08, B10, B12) build,
    /// and each is checked against central differences and a hand-derived value.
    /// </summary>
    [Fact]
    public void SpanHelperPrograms_MatchCentralDifferences_AndTheHandGradient()
    {
        // P11: h_o = tanh(b_o + Σ_i W[o n + i] x_i) into a stackalloc buffer, L = (Σ_o h_o − t)²:
        // ∂L/∂W[o n + i] = 2e(1 − h_o²) x_i, ∂L/∂b_o = 2e(1 − h_o²), ∂L/∂x_i = 2e Σ_o (1 − h_o²) W[o n + i], ∂L/∂t = −2e.
        double[] weights = { 0.1, -0.2, 0.3, 0.4, 0.5, -0.6 }, bias = { 0.1, -0.3 }, input = { 1.0, 2.0, -0.5 };
        double target = 0.25;
        var r = Check("SpanLayer", "Loss", weights, bias, input, target);
        var hidden = new double[2];
        for (int o = 0; o < 2; o++) hidden[o] = Math.Tanh(bias[o] + Enumerable.Range(0, 3).Sum(i => weights[(o * 3) + i] * input[i]));
        double e = hidden.Sum() - target;
        Near(e * e, r.Value, "P11 value");
        for (int o = 0; o < 2; o++)
        {
            Near(2 * e * (1 - (hidden[o] * hidden[o])), r.Gradient[1]![o], "P11 ∂b" + o);
            for (int i = 0; i < 3; i++) Near(2 * e * (1 - (hidden[o] * hidden[o])) * input[i], r.Gradient[0]![(o * 3) + i], "P11 ∂W" + o + i);
        }

        for (int i = 0; i < 3; i++) Near(2 * e * Enumerable.Range(0, 2).Sum(o => (1 - (hidden[o] * hidden[o])) * weights[(o * 3) + i]), r.Gradient[2]![i], "P11 ∂x" + i);
        Near(-2 * e, r.Gradient[3]![0], "P11 ∂t");

        // B02 (GMM over span slices, Mahalanobis writing a stackalloc work span, LogSumExp over the stackalloc terms):
        // ∂/∂α_k = −(Σ_i r_ik − n π_k), with the same terms as B01's objective (d = 2: q0 = e^{icf0} e0, q1 = e^{icf1} e1 + icf2 e0).
        double[] alphas = { 0.3, -0.4 }, means = { 0.1, 0.5, -0.7, 0.2 }, icf = { 0.2, -0.1, 0.4, -0.3, 0.15, -0.2 }, x = { 0.4, 0.9, -0.5, 0.1, 1.2, -0.6 };
        r = Check("GmmSpans", "NegLogLikelihood", alphas, means, icf, x, 2);
        var resp = new double[2];
        for (int i = 0; i < 3; i++)
        {
            var term = new double[2];
            for (int c = 0; c < 2; c++)
            {
                double e0 = x[2 * i] - means[2 * c], e1 = x[(2 * i) + 1] - means[(2 * c) + 1];
                double q0 = Math.Exp(icf[3 * c]) * e0, q1 = (Math.Exp(icf[(3 * c) + 1]) * e1) + (icf[(3 * c) + 2] * e0);
                term[c] = alphas[c] + icf[3 * c] + icf[(3 * c) + 1] - (0.5 * ((q0 * q0) + (q1 * q1)));
            }

            double z = Math.Exp(term[0]) + Math.Exp(term[1]);
            resp[0] += Math.Exp(term[0]) / z;
            resp[1] += Math.Exp(term[1]) / z;
        }

        double pi0 = Math.Exp(alphas[0]) / (Math.Exp(alphas[0]) + Math.Exp(alphas[1]));
        Near(-(resp[0] - (3 * pi0)), r.Gradient[0]![0], "B02 ∂α0");
        Near(-(resp[1] - (3 * (1 - pi0))), r.Gradient[0]![1], "B02 ∂α1");

        // B04 (Project over camera slices writing a stackalloc proj, RodriguesRotate(cam.Slice(0, 3), shifted, rotated) inside):
        // e = w (proj − f): ∂/∂cam7 = 2 w ex, ∂/∂cam8 = 2 w ey, ∂/∂f0 = −2 w ex, ∂/∂w = 2 (ex² + ey²)/w, the projection by hand.
        double[] camera = { 0.1, -0.2, 0.15, 0.3, -0.1, -4.0, 1.5, 0.05, -0.02, 0.08, -0.01 }, point = { 0.4, 0.7, 1.1 }, feature = { 0.2, 0.25 };
        double weight = 0.9;
        r = Check("BundleSpans", "Error", camera, point, weight, feature);
        var (pu, pv) = Projected(camera, point);
        double ex = weight * (pu - feature[0]), ey = weight * (pv - feature[1]);
        Near((ex * ex) + (ey * ey), r.Value, "B04 value");
        Near(2 * weight * ex, r.Gradient[0]![7], "B04 ∂cam7");
        Near(2 * weight * ey, r.Gradient[0]![8], "B04 ∂cam8");
        Near(-2 * weight * ex, r.Gradient[3]![0], "B04 ∂f0");
        Near(2 * ((ex * ex) + (ey * ey)) / weight, r.Gradient[2]![0], "B04 ∂w");

        // B10 (Cross(w, x, cross) into stackalloc spans, many observations): eu = w_o (f u l + u0 − fe): ∂/∂fe_o0 = −2 w_o eu,
        // ∂/∂cams[c, 7] = Σ_o 2 w_o eu, ∂/∂cams[c, 6] = Σ_o 2 w_o l (eu u + ev v), the rotation by hand (Rodrigues with the cross product).
        double[,] cams = { { 0.1, -0.2, 0.15, 0.3, -0.1, -4.0, 1.5, 0.05, -0.02, 0.08, -0.01 }, { -0.05, 0.1, 0.2, -0.2, 0.1, -3.5, 1.2, -0.03, 0.04, 0.05, 0.02 } };
        double[,] points = { { 0.4, 0.7, 1.1 }, { -0.3, 0.2, 0.9 } }, features = { { 0.2, 0.25 }, { -0.1, 0.3 }, { 0.05, -0.2 } };
        double[] ws = { 0.9, 0.8, 0.95 };
        int[] camIndex = { 0, 1, 1 }, pointIndex = { 0, 1, 0 };
        r = Check("BundleObjective", "Objective", cams, points, ws, camIndex, pointIndex, features);
        double total = 0;
        var dFocal = new double[2];
        var dU0 = new double[2];
        for (int o = 0; o < 3; o++)
        {
            int c = camIndex[o];
            var cam = Enumerable.Range(0, 11).Select(j => cams[c, j]).ToArray();
            var (u, v) = Projected(cam, new[] { points[pointIndex[o], 0], points[pointIndex[o], 1], points[pointIndex[o], 2] }, distorted: false);
            double rsq = (u * u) + (v * v), l = 1 + (cam[9] * rsq) + (cam[10] * rsq * rsq);
            double eu = ws[o] * ((cam[6] * u * l) + cam[7] - features[o, 0]), ev = ws[o] * ((cam[6] * v * l) + cam[8] - features[o, 1]), zach = 1 - (ws[o] * ws[o]);
            total += (eu * eu) + (ev * ev) + (zach * zach);
            Near(-2 * ws[o] * eu, r.Gradient[5]![o * 2], "B10 ∂fe" + o);
            dU0[c] += 2 * ws[o] * eu;
            dFocal[c] += 2 * ws[o] * l * ((eu * u) + (ev * v));
        }

        Near(total, r.Value, "B10 value");
        for (int c = 0; c < 2; c++)
        {
            Near(dU0[c], r.Gradient[0]![(c * 11) + 7], "B10 ∂u0 " + c);
            Near(dFocal[c], r.Gradient[0]![(c * 11) + 6], "B10 ∂focal " + c);
        }

        // B08 (Model writing work.AsSpan(0, h) and work.AsSpan(h, h), reading mainParams slices, in a loop): the output bias b_k
        // enters y_i + b_i − lse: ∂/∂b_k = −Σ_t (s_{t+1,k} − (Σ_i s_{t+1,i}) softmax_k(y + b)) / ((steps − 1) h), the LSTM state by hand.
        double[] mainParams = { 0.3, -0.2, 0.5, 0.1, -0.4, 0.6, 0.2, -0.3, 0.1, 0.05, -0.1, 0.2, 0.0, -0.05, 0.15, 0.1 };
        double[] extra = { 1.1, 0.9, 0.8, -0.6, 0.2, -0.1 }, state = { 0.1, -0.2, 0.3, 0.05 }, sequence = { 0.5, -0.3, 0.2, 0.4, -0.1, 0.6 };
        r = Check("LstmFlat", "Objective", mainParams, extra, state, sequence, 3);
        var work = (double[])state.Clone();
        var dB = new double[2];
        for (int t = 0; t < 2; t++)
        {
            for (int i = 0; i < 2; i++)
            {
                double inp = sequence[(t * 2) + i] * extra[i];
                double forget = Sig((inp * mainParams[i]) + mainParams[8 + i]), ingate = Sig((work[i] * mainParams[2 + i]) + mainParams[10 + i]);
                double outgate = Sig((inp * mainParams[4 + i]) + mainParams[12 + i]), change = Math.Tanh((work[i] * mainParams[6 + i]) + mainParams[14 + i]);
                work[2 + i] = (work[2 + i] * forget) + (ingate * change);
                work[i] = outgate * Math.Tanh(work[2 + i]);
            }

            var y = new[] { (work[0] * extra[2]) + extra[4], (work[1] * extra[3]) + extra[5] };
            double zsum = Math.Exp(y[0]) + Math.Exp(y[1]), sNext = sequence[((t + 1) * 2) + 0] + sequence[((t + 1) * 2) + 1];
            for (int k = 0; k < 2; k++) dB[k] -= (sequence[((t + 1) * 2) + k] - (sNext * Math.Exp(y[k]) / zsum)) / 4;
        }

        Near(dB[0], r.Gradient[1]![4], "B08 ∂b0");
        Near(dB[1], r.Gradient[1]![5], "B08 ∂b1");

        // B12 (Dot(wInput.AsSpan((4i + g) n, n), x) into stackalloc gates): L = (out − t)², out = Σ_i o_i tanh(c_i),
        // c_i = f cell_i + ig tanh(g3): ∂L/∂wInput[(4i + g) n + j] = 2e ∂out/∂g_g x_j, ∂L/∂wHidden[4i + g] = 2e ∂out/∂g_g hidden_i.
        double[] wInput = Enumerable.Range(0, 16).Select(k => 0.1 * Math.Sin(k + 1)).ToArray(), wHidden = { 0.2, -0.1, 0.3, 0.05, -0.2, 0.15, 0.1, -0.3 };
        double[] hid = { 0.4, -0.3 }, cell = { 0.2, 0.5 }, xin = { 0.7, -1.1 };
        r = Check("LstmStep", "StepError", wInput, wHidden, hid, cell, xin, 0.1);
        double output = 0;
        var dOut = new double[2, 4];
        for (int i = 0; i < 2; i++)
        {
            var g = new double[4];
            for (int q = 0; q < 4; q++) g[q] = (wInput[((4 * i) + q) * 2] * xin[0]) + (wInput[(((4 * i) + q) * 2) + 1] * xin[1]) + (wHidden[(4 * i) + q] * hid[i]);
            double f = Sig(g[0]), ig = Sig(g[1]), og = Sig(g[2]), c = (f * cell[i]) + (ig * Math.Tanh(g[3])), tc = Math.Tanh(c);
            output += og * tc;
            dOut[i, 0] = og * (1 - (tc * tc)) * cell[i] * f * (1 - f);
            dOut[i, 1] = og * (1 - (tc * tc)) * Math.Tanh(g[3]) * ig * (1 - ig);
            dOut[i, 2] = tc * og * (1 - og);
            dOut[i, 3] = og * (1 - (tc * tc)) * ig * (1 - (Math.Tanh(g[3]) * Math.Tanh(g[3])));
        }

        double err = output - 0.1;
        Near(err * err, r.Value, "B12 value");
        for (int i = 0; i < 2; i++)
        {
            for (int q = 0; q < 4; q++)
            {
                for (int j = 0; j < 2; j++) Near(2 * err * dOut[i, q] * xin[j], r.Gradient[0]![(((4 * i) + q) * 2) + j], "B12 ∂wInput" + i + q + j);
                Near(2 * err * dOut[i, q] * hid[i], r.Gradient[1]![(4 * i) + q], "B12 ∂wHidden" + i + q);
            }
        }
    }

    /// <summary>
    /// idioms24: B07 (Cell(weight, bias, hidden, cell, input), a plain void helper reading the rows of double[][] parameters
    /// and writing the local arrays hidden and cell, in a loop) builds; checked against central differences and by hand:
    /// the prediction y_i = hidden_i e_{h+i} + e_{2h+i} enters s_{t+1,i} (y_i − lse), so with S = Σ_i s_{t+1,i} and p = softmax(y),
    /// ∂/∂e_{2h+k} = −Σ_t (s_{t+1,k} − S p_k) / count and ∂/∂e_{h+k} = −Σ_t (s_{t+1,k} − S p_k) hidden_k / count, the LSTM state by hand.
    /// </summary>
    [Fact]
    public void JaggedHelperProgram_B07_MatchesCentralDifferences_AndTheHandGradient()
    {
        double[][] weight = { new[] { 0.3, -0.2 }, new[] { 0.5, 0.1 }, new[] { -0.4, 0.6 }, new[] { 0.2, -0.3 } };
        double[][] bias = { new[] { 0.1, 0.05 }, new[] { -0.1, 0.2 }, new[] { 0.0, -0.05 }, new[] { 0.15, 0.1 } };
        double[] extra = { 1.1, 0.9, 0.8, -0.6, 0.2, -0.1 }, initialHidden = { 0.1, -0.2 }, initialCell = { 0.3, 0.05 };
        double[][] sequence = { new[] { 0.5, -0.3 }, new[] { 0.2, 0.4 }, new[] { -0.1, 0.6 } };
        var r = Check("LstmJagged", "Objective", weight, bias, extra, initialHidden, initialCell, sequence);
        double[] hidden = (double[])initialHidden.Clone(), cell = (double[])initialCell.Clone();
        var dBias = new double[2];
        var dScale = new double[2];
        double total = 0;
        for (int t = 0; t < 2; t++)
        {
            for (int i = 0; i < 2; i++)
            {
                double inp = sequence[t][i] * extra[i];
                double forget = Sig((inp * weight[0][i]) + bias[0][i]), ingate = Sig((hidden[i] * weight[1][i]) + bias[1][i]);
                double outgate = Sig((inp * weight[2][i]) + bias[2][i]), change = Math.Tanh((hidden[i] * weight[3][i]) + bias[3][i]);
                cell[i] = (cell[i] * forget) + (ingate * change);
                hidden[i] = outgate * Math.Tanh(cell[i]);
            }

            var y = new[] { (hidden[0] * extra[2]) + extra[4], (hidden[1] * extra[3]) + extra[5] };
            double z = Math.Exp(y[0]) + Math.Exp(y[1]), lse = Math.Log(z), sNext = sequence[t + 1][0] + sequence[t + 1][1];
            for (int k = 0; k < 2; k++)
            {
                total += sequence[t + 1][k] * (y[k] - lse);
                dBias[k] -= (sequence[t + 1][k] - (sNext * Math.Exp(y[k]) / z)) / 4;
                dScale[k] -= (sequence[t + 1][k] - (sNext * Math.Exp(y[k]) / z)) * hidden[k] / 4;
            }
        }

        Near(-total / 4, r.Value, "B07 value");
        for (int k = 0; k < 2; k++)
        {
            Near(dBias[k], r.Gradient[2]![4 + k], "B07 ∂extra" + (4 + k));
            Near(dScale[k], r.Gradient[2]![2 + k], "B07 ∂extra" + (2 + k));
        }
    }

    /// <summary>Bundle adjustment's projection by hand: Rodrigues' rotation of p − C (θ ≠ 0) and the radial distortion when asked.</summary>
    private static (double U, double V) Projected(double[] cam, double[] p, bool distorted = true)
    {
        double x0 = p[0] - cam[3], x1 = p[1] - cam[4], x2 = p[2] - cam[5];
        double theta = Math.Sqrt((cam[0] * cam[0]) + (cam[1] * cam[1]) + (cam[2] * cam[2]));
        double w0 = cam[0] / theta, w1 = cam[1] / theta, w2 = cam[2] / theta, cos = Math.Cos(theta), sin = Math.Sin(theta);
        double dot = ((w0 * x0) + (w1 * x1) + (w2 * x2)) * (1 - cos);
        double r0 = (x0 * cos) + (((w1 * x2) - (w2 * x1)) * sin) + (w0 * dot);
        double r1 = (x1 * cos) + (((w2 * x0) - (w0 * x2)) * sin) + (w1 * dot);
        double r2 = (x2 * cos) + (((w0 * x1) - (w1 * x0)) * sin) + (w2 * dot);
        double u = r0 / r2, v = r1 / r2;
        if (!distorted) return (u, v);
        double rsq = (u * u) + (v * v), l = 1 + (cam[9] * rsq) + (cam[10] * rsq * rsq);
        return ((u * l * cam[6]) + cam[7], (v * l * cam[6]) + cam[8]);
    }

    [Fact]
    public void GenericLogSumExp_OverAnArray_MatchesCentralDifferences_AndTheHandGradient()
    {
        // P15 (idioms22): F = LSE(l) + Σ softplus(l_i − s): ∂F/∂l_i = softmax(l)_i + σ(l_i − s), ∂F/∂s = −Σ σ(l_i − s).
        double[] logits = { 0.3, -1.2, 0.8 };
        double shift = 0.1, z = logits.Sum(Math.Exp);
        var r = Check("GenericCaller", "SmoothObjective", logits, shift);
        double ds = 0;
        for (int i = 0; i < 3; i++)
        {
            double sigma = 1 / (1 + Math.Exp(-(logits[i] - shift)));
            Near((Math.Exp(logits[i]) / z) + sigma, r.Gradient[0]![i], "∂F/∂l" + i);
            ds -= sigma;
        }
        Near(ds, r.Gradient[1]![0], "∂F/∂shift");
    }

    [Fact]
    public void GmmOutResults_ForEachRowToAnOutHelper_MatchesCentralDifferences_AndTheResponsibilities()
    {
        // B09 (idioms22): ll = Σ_n log Σ_c exp(w_c − LSE(w) + ½ Σ_j lp_cj − ½ Σ_j (x_nj − μ_cj)² e^{lp_cj}) − const, so with
        // responsibilities r_nc (softmax over c of the exponent) ∂ll/∂w_c = Σ_n (r_nc − π_c), π = softmax(w), and
        // ∂ll/∂μ_cj = Σ_n r_nc e^{lp_cj} (x_nj − μ_cj).
        double[] w = { 0.2, -0.4 };
        double[,] means = { { 0.1, -0.3 }, { 0.9, 0.5 } }, lp = { { 0.2, -0.1 }, { -0.3, 0.4 } };
        double[][] data = { new[] { 0.4, 0.1 }, new[] { 1.1, 0.2 }, new[] { -0.2, 0.7 } };
        var r = Check("GmmDiagonal", "LogLikelihood", w, means, lp, data);
        double[] pi = w.Select(Math.Exp).ToArray();
        double norm = pi.Sum();
        double[] dw = new double[2], dmu = new double[4];
        foreach (var x in data)
        {
            double[] e = new double[2];
            for (int c = 0; c < 2; c++)
            {
                double exponent = w[c];
                for (int j = 0; j < 2; j++) exponent += (0.5 * lp[c, j]) - (0.5 * (x[j] - means[c, j]) * (x[j] - means[c, j]) * Math.Exp(lp[c, j]));
                e[c] = Math.Exp(exponent);
            }
            for (int c = 0; c < 2; c++)
            {
                double resp = e[c] / (e[0] + e[1]);
                dw[c] += resp - (pi[c] / norm);
                for (int j = 0; j < 2; j++) dmu[(c * 2) + j] += resp * Math.Exp(lp[c, j]) * (x[j] - means[c, j]);
            }
        }
        for (int c = 0; c < 2; c++) Near(dw[c], r.Gradient[0]![c], "∂ll/∂w" + c);
        for (int k = 0; k < 4; k++) Near(dmu[k], r.Gradient[1]![k], "∂ll/∂μ" + k);
    }

    [Fact]
    public void HandBones_RebindingAfterAHelperWrote_MatchesCentralDifferences_AndTheHandGradient()
    {
        // B06 (idioms22): p = Σ_b A_b[:, 1] L_b with A_b = A_{b−1} R(θ_2b, θ_2b+1) (A_{−1} = I), E = |p − tip|²:
        // ∂E/∂L_b = 2 (p − tip) · A_b[:, 1], ∂E/∂tip = −2 (p − tip). A_b is multiplied out here as the program does.
        double[] angles = { 0.3, -0.2, 0.5, 0.4, -0.6, 0.25 }, lengths = { 1.0, 0.7, 0.4 };
        double tx = 0.3, ty = 1.2, tz = 0.4;
        var a = new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };
        var columns = new List<double[]>();
        double[] p = new double[3];
        for (int b = 0; b < 3; b++)
        {
            double cf = Math.Cos(angles[2 * b]), sf = Math.Sin(angles[2 * b]), ca = Math.Cos(angles[(2 * b) + 1]), sa = Math.Sin(angles[(2 * b) + 1]);
            double[,] rel = { { ca, -sa * cf, sa * sf }, { sa, ca * cf, -ca * sf }, { 0, sf, cf } };
            var next = new double[3, 3];
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++)
                    for (int k = 0; k < 3; k++) next[i, j] += a[i, k] * rel[k, j];
            a = next;
            columns.Add(new[] { a[0, 1], a[1, 1], a[2, 1] });
            for (int i = 0; i < 3; i++) p[i] += a[i, 1] * lengths[b];
        }
        double[] err = { p[0] - tx, p[1] - ty, p[2] - tz };
        var r = Check("HandBones", "FingertipError", angles, lengths, tx, ty, tz);
        for (int b = 0; b < 3; b++) Near(2 * ((err[0] * columns[b][0]) + (err[1] * columns[b][1]) + (err[2] * columns[b][2])), r.Gradient[1]![b], "∂E/∂L" + b);
        Near(-2 * err[0], r.Gradient[2]![0], "∂E/∂tipX");
        Near(-2 * err[2], r.Gradient[4]![0], "∂E/∂tipZ");
    }

    [Fact]
    public void HandRotations_HelpersReturningMatrices_MatchCentralDifferences_AndTheHandGradient()
    {
        // B05 (idioms23): R = A(ω) B(yaw, pitch, roll), e_v = R v_v + t − o_v, E = Σ_v |e_v|². By hand: ∂E/∂t_i = 2 Σ_v e_vi,
        // ∂E/∂o_vi = −2 e_vi, and with G_ij = 2 Σ_v e_vi v_vj = ∂E/∂R_ij, ∂E/∂yaw = Σ_ij G_ij (A ∂B/∂yaw)_ij, where ∂B/∂yaw
        // differentiates B's rows 1 and 2 in yaw (row 0 does not depend on it). A and B are multiplied out here as the program does.
        double[] pose = { 0.3, -0.4, 0.5, 0.1, -0.2, 0.3, 0.35, -0.25, 0.6 };
        var vertices = new double[,] { { 1.0, 0.5, -0.3 }, { -0.7, 0.2, 0.9 } };
        var observed = new double[,] { { 0.8, 0.9, -0.1 }, { -0.5, -0.3, 1.1 } };
        double norm = Math.Sqrt((pose[0] * pose[0]) + (pose[1] * pose[1]) + (pose[2] * pose[2]));
        double x = pose[0] / norm, y = pose[1] / norm, z = pose[2] / norm, s = Math.Sin(norm), c = Math.Cos(norm);
        double[,] a =
        {
            { (x * x) + ((1 - (x * x)) * c), (x * y * (1 - c)) - (z * s), (x * z * (1 - c)) + (y * s) },
            { (x * y * (1 - c)) + (z * s), (y * y) + ((1 - (y * y)) * c), (y * z * (1 - c)) - (x * s) },
            { (x * z * (1 - c)) - (y * s), (z * y * (1 - c)) + (x * s), (z * z) + ((1 - (z * z)) * c) },
        };
        double cx = Math.Cos(pose[6]), sx = Math.Sin(pose[6]), cy = Math.Cos(pose[7]), sy = Math.Sin(pose[7]), cz = Math.Cos(pose[8]), sz = Math.Sin(pose[8]);
        double[,] b =
        {
            { cy * cz, -cy * sz, sy },
            { (sx * sy * cz) + (cx * sz), (-sx * sy * sz) + (cx * cz), -sx * cy },
            { (-cx * sy * cz) + (sx * sz), (cx * sy * sz) + (sx * cz), cx * cy },
        };
        double[,] bYaw =
        {
            { 0, 0, 0 },
            { (cx * sy * cz) - (sx * sz), (-cx * sy * sz) - (sx * cz), -cx * cy },
            { (sx * sy * cz) + (cx * sz), (-sx * sy * sz) + (cx * cz), -sx * cy },
        };
        double[,] Mul(double[,] p, double[,] q)
        {
            var o = new double[3, 3];
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++)
                    for (int k = 0; k < 3; k++) o[i, j] += p[i, k] * q[k, j];
            return o;
        }
        double[,] rot = Mul(a, b), rotYaw = Mul(a, bYaw);
        var e = new double[2, 3];
        var g = new double[3, 3];
        double[] dT = new double[3];
        for (int v = 0; v < 2; v++)
        {
            for (int i = 0; i < 3; i++)
            {
                e[v, i] = pose[3 + i] - observed[v, i];
                for (int j = 0; j < 3; j++) e[v, i] += rot[i, j] * vertices[v, j];
                dT[i] += 2 * e[v, i];
            }
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++) g[i, j] += 2 * e[v, i] * vertices[v, j];
        }
        double dYaw = 0;
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) dYaw += g[i, j] * rotYaw[i, j];
        var r = Check("HandRigid", "Error", pose, vertices, observed);
        for (int i = 0; i < 3; i++) Near(dT[i], r.Gradient[0]![3 + i], "∂E/∂t" + i);
        Near(dYaw, r.Gradient[0]![6], "∂E/∂yaw");
        Near(-2 * e[1, 2], r.Gradient[2]![5], "∂E/∂o[1, 2]");
    }
}
