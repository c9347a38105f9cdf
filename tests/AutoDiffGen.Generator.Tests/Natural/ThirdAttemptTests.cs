using System.Numerics;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Natural;

/// <summary>
/// The third round of natural programs (natural15, Natural/ThirdAttempts: a Kalman filter, a Poisson GLM over (x, y) pairs,
/// a cubic-spline fit, an RK4 damping fit, portfolio risk, softmax regression over jagged rows, a Vector3 spring chain, a
/// model class with a momentum loop), as first written. <see cref="Expected"/> pins what each gets; the tests below check
/// every program that builds, and each refused one after the one change its message asks for, against central differences
/// and a value derived by hand. docs/corpus.md records the round.
/// </summary>
public class ThirdAttemptTests
{
    /// <summary>The ids each program gets as first written (after natural15's fixes); "" is a clean build.</summary>
    public static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["T01_KalmanNll"] = "",
        // IReadOnlyList<(double X, double Y)> has no adjoint: ADG0006 at the parameter says to mark it [NoDiff] (right:
        // the data are constants); without a Backward the user's Fit gets CS0103. Rewritten below.
        ["T02_PoissonPairs"] = "ADG0006,CS0103",
        // Segment(knots, xs[k]), an int helper reading an array: ADG0016 before natural15 (pure helpers took no arrays).
        ["T03_CubicSplineFit"] = "",
        ["T04_DampedRk4"] = "",
        // double[] sigmaW = Multiply(covariance, weights): a helper returning a new array, ADG0003 until idioms16a inlined
        // it (its array the caller's local); checked as written below, and as first rewritten (a void helper).
        ["T05_PortfolioRisk"] = "",
        ["T06_SoftmaxJagged"] = "",
        // Array.Copy(start, pos, n) over Vector3[]: ADG0002/ADG0003 until idioms17a copied each member array (an array of
        // structs is one array per member); checked as written below, and as first rewritten (a for loop).
        ["T07_SpringChain"] = "",
        // Predict(xs[n]) on this, a plain helper with a double[] parameter and a loop: ADG0003 "a call to the instance method
        // 'Predict' … may read the object's state" before natural15 (such helpers took reals only). Now inlined, it stops at
        // the row: xs is not [NoDiff], and a row carrying a gradient is passed whole only to a [Differentiable] method (the
        // message now says so, and to mark xs [NoDiff] if it is data); without a Backward the user's loop gets CS1061. With
        // the data [NoDiff], which the user's call LossBackward(xs, ys, grad) needs anyway, it builds and trains (below).
        ["T08_RegressionModel"] = "ADG0003,CS1061",
    };

    public static IEnumerable<object[]> Names() => NaturalSource.ThirdNames().Select(n => new object[] { n });

    [Theory]
    [MemberData(nameof(Names))]
    public void FirstAttempt_GetsWhatTheTableSays(string name)
    {
        var run = NaturalSource.RunThird(name);
        Assert.True(run.Exceptions.IsEmpty, run.Dump());
        var ids = run.Diagnostics.Concat(run.CompileDiagnostics).Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.Id).Distinct().OrderBy(i => i, StringComparer.Ordinal);
        Assert.True(Expected.ContainsKey(name), name + " has no row here");
        Assert.Equal(Expected[name], string.Join(",", ids));
    }

    private static MethodInfo Method(Assembly assembly, string type, string name) =>
        assembly.GetType("Natural." + type)!.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance)
            .Single(m => m.Name == name && m.CustomAttributes.Any(a => a.AttributeType.Name == "DifferentiableAttribute"));

    /// <summary>A program after one change: <paramref name="from"/> must be in it (the test fails if the program moved).</summary>
    private static Assembly Rewritten(string program, params (string From, string To)[] changes)
    {
        string text = NaturalSource.ThirdText(program);
        foreach (var (from, to) in changes)
        {
            Assert.Contains(from, text, StringComparison.Ordinal);
            text = text.Replace(from, to, StringComparison.Ordinal);
        }
        return GeneratorHarness.CompileAndLoad(NaturalSource.ImplicitUsings, text);
    }

    [Fact]
    public void Kalman_MatchesCentralDifferences_AndOneUpdateByHand()
    {
        var method = Method(NaturalSource.ThirdAssembly("T01_KalmanNll"), "Kalman", "NegLogLikelihood");
        var track = new double[,] { { 0.1 }, { 0.35 }, { 0.52 }, { 0.9 }, { 1.1 }, { 1.45 } };
        CentralDifferenceRunner.Check(method, null, new object[] { Math.Log(0.3), Math.Log(0.05), track, 0.5 });
        // Two readings: one predict and update from P = I, x = (o0, 0). s = 1 + dt² + q dt³/3 + r, ν = o1 − o0,
        // nll = ½ (log 2πs + ν²/s): ∂/∂log r = r · ½ (1/s − ν²/s²), ∂/∂log q = (q dt³/3) · ½ (1/s − ν²/s²), ∂/∂o1 = ν/s = −∂/∂o0.
        double q = 0.3, r = 0.05, dt = 0.5, o0 = 0.1, o1 = 0.35;
        var two = CentralDifferenceRunner.Check(method, null, new object[] { Math.Log(q), Math.Log(r), new double[,] { { o0 }, { o1 } }, dt });
        double s = 1 + (dt * dt) + (q * dt * dt * dt / 3) + r, nu = o1 - o0, ds = 0.5 * ((1 / s) - (nu * nu / (s * s)));
        Tolerance.AssertFormula(q * dt * dt * dt / 3 * ds, two.Gradient[0]![0], "∂/∂logQ");
        Tolerance.AssertFormula(r * ds, two.Gradient[1]![0], "∂/∂logR");
        Tolerance.AssertFormula(-nu / s, two.Gradient[2]![0], "∂/∂o0");
        Tolerance.AssertFormula(nu / s, two.Gradient[2]![1], "∂/∂o1");
    }

    [Fact]
    public void PoissonPairs_WithTheDataNoDiff_MatchesCentralDifferences_TheScoreByHand_AndFits()
    {
        // The one change ADG0006 asks for: the (x, y) pairs are constants.
        var assembly = Rewritten("T02_PoissonPairs", ("double slope, IReadOnlyList<(double X, double Y)> data)", "double slope, [NoDiff] IReadOnlyList<(double X, double Y)> data)"));
        var method = Method(assembly, "CountModel", "NegativeLogLikelihood");
        var data = new List<(double X, double Y)> { (0.0, 1), (0.5, 2), (1.0, 2), (1.5, 5), (2.0, 7) };
        var r = CentralDifferenceRunner.Check(method, null, new object[] { 0.2, 0.6, data });
        // ∂/∂a = mean(e^η − y), ∂/∂b = mean((e^η − y) x).
        double da = data.Average(p => Math.Exp(0.2 + (0.6 * p.X)) - p.Y), db = data.Average(p => (Math.Exp(0.2 + (0.6 * p.X)) - p.Y) * p.X);
        Tolerance.AssertFormula(da, r.Gradient[0]![0], "∂/∂intercept");
        Tolerance.AssertFormula(db, r.Gradient[1]![0], "∂/∂slope");
        // The user's gradient descent reaches the score's zero.
        var fit = ((double Intercept, double Slope))assembly.GetType("Natural.CountModel")!.GetMethod("Fit")!.Invoke(null, new object[] { data, 4000, 0.05 })!;
        Assert.True(Math.Abs(data.Average(p => Math.Exp(fit.Intercept + (fit.Slope * p.X)) - p.Y)) < 1e-6, "score at the fit");
    }

    [Fact]
    public void SplineFit_MatchesCentralDifferences_AndTheBasisByHand()
    {
        var method = Method(NaturalSource.ThirdAssembly("T03_CubicSplineFit"), "SplineFit", "FitError");
        var knots = new[] { 0.0, 0.7, 1.5, 2.2, 3.0 };
        var xs = new[] { 0.1, 0.4, 0.9, 1.3, 1.8, 2.5, 2.9 };
        var ys = new[] { 0.2, 0.5, 0.8, 0.9, 0.7, 0.1, -0.2 };
        CentralDifferenceRunner.Check(method, null, new object[] { new[] { 0.1, 0.7, 1.0, 0.3, -0.1 }, knots, xs, ys });
        // Knots 0, 1, 2 and one point at x = 0.5: M1 = 1.5 (v0 − 2 v1 + v2), s(0.5) = ½ v0 + ½ v1 − M1/16, so
        // ∂E/∂v = 2 (s − y) (13/32, 11/16, −3/32); at x = 1, a knot, s = v1 alone.
        var v = new[] { 0.3, 1.1, 0.4 };
        var r = CentralDifferenceRunner.Check(method, null, new object[] { v, new[] { 0.0, 1.0, 2.0 }, new[] { 0.5, 1.0 }, new[] { 0.2, 0.9 } });
        double m1 = 1.5 * (v[0] - (2 * v[1]) + v[2]), s = (0.5 * v[0]) + (0.5 * v[1]) - (m1 / 16), e1 = 2 * (s - 0.2), e2 = 2 * (v[1] - 0.9);
        Tolerance.AssertFormula(e1 * 13 / 32, r.Gradient[0]![0], "∂/∂v0");
        Tolerance.AssertFormula((e1 * 11 / 16) + e2, r.Gradient[0]![1], "∂/∂v1");
        Tolerance.AssertFormula(-e1 * 3 / 32, r.Gradient[0]![2], "∂/∂v2");
    }

    [Fact]
    public void DampedRk4_MatchesCentralDifferences_AndOneStepByHand()
    {
        var method = Method(NaturalSource.ThirdAssembly("T04_DampedRk4"), "Oscillator", "TrajectoryLoss");
        var observed = new[] { 0.98, 0.93, 0.85, 0.74, 0.62, 0.48, 0.35, 0.21 };
        CentralDifferenceRunner.Check(method, null, new object[] { 0.3, 2.0, observed, 0.1, 1.0 });
        // One step: RK4 on y' = A y is y1 = Φ y0 with Φ = Σ_{n≤4} (hA)^n/n!, A = [[0, 1], [−k, −c]], y0 = (x0, 0).
        // ∂Φ/∂c = Σ_n h^n/n! Σ_i A^i E A^(n−1−i) with E = ∂A/∂c = [[0, 0], [0, −1]]; loss = (x1 − o)².
        double c = 0.3, k = 2.0, h = 0.1, x0 = 1.0, o = 0.98;
        var a = new[,] { { 0.0, 1.0 }, { -k, -c } };
        var e = new[,] { { 0.0, 0.0 }, { 0.0, -1.0 } };
        var phi = Identity();
        var dPhi = new double[2, 2];
        var power = Identity();
        double factorial = 1;
        for (int n = 1; n <= 4; n++)
        {
            factorial *= n;
            var dPower = new double[2, 2];
            var left = Identity();
            for (int i = 0; i < n; i++)
            {
                var right = Identity();
                for (int j = 0; j < n - 1 - i; j++) right = Mul(right, a);
                dPower = Add(dPower, Mul(Mul(left, e), right), 1);
                left = Mul(left, a);
            }
            power = Mul(power, a);
            phi = Add(phi, power, Math.Pow(h, n) / factorial);
            dPhi = Add(dPhi, dPower, Math.Pow(h, n) / factorial);
        }
        double x1 = phi[0, 0] * x0;
        var r = CentralDifferenceRunner.Check(method, null, new object[] { c, k, new[] { o }, h, x0 });
        Tolerance.AssertFormula((x1 - o) * (x1 - o), r.Value, "loss");
        Tolerance.AssertFormula(2 * (x1 - o) * dPhi[0, 0] * x0, r.Gradient[0]![0], "∂/∂damping");
        Tolerance.AssertFormula(-2 * (x1 - o), r.Gradient[2]![0], "∂/∂observed");
    }

    private static double[,] Identity() => new double[,] { { 1, 0 }, { 0, 1 } };

    private static double[,] Mul(double[,] p, double[,] q)
    {
        var m = new double[2, 2];
        for (int i = 0; i < 2; i++) for (int j = 0; j < 2; j++) m[i, j] = (p[i, 0] * q[0, j]) + (p[i, 1] * q[1, j]);
        return m;
    }

    private static double[,] Add(double[,] p, double[,] q, double scale)
    {
        var m = new double[2, 2];
        for (int i = 0; i < 2; i++) for (int j = 0; j < 2; j++) m[i, j] = p[i, j] + (scale * q[i, j]);
        return m;
    }

    private static readonly double[,] Covariance = { { 0.04, 0.006, -0.002 }, { 0.006, 0.09, 0.01 }, { -0.002, 0.01, 0.0625 } };

    [Fact]
    public void PortfolioRisk_WithAVoidHelper_MatchesCentralDifferences_AndRiskParityByHand()
    {
        // The one change the message asks for: Multiply fills an array it is passed.
        var assembly = Rewritten("T05_PortfolioRisk",
            ("static double[] Multiply(double[,] cov, double[] w)\n    {\n        var result = new double[w.Length];\n", "static void Multiply(double[,] cov, double[] w, double[] result)\n    {\n"),
            ("                result[i] += cov[i, j] * w[j];\n        return result;\n", "                result[i] += cov[i, j] * w[j];\n"),
            ("double[] sigmaW = Multiply(covariance, weights);", "double[] sigmaW = new double[weights.Length];\n        Multiply(covariance, weights, sigmaW);"));
        var w = new[] { 0.5, 0.2, 0.3 };
        var variance = CentralDifferenceRunner.Check(Method(assembly, "Portfolio", "Variance"), null, new object[] { w, Covariance });
        // v = wᵀΣw / T²: ∂v/∂w_k = 2 (Σw)_k / T² − 2 wᵀΣw / T³ (here T = 1).
        double[] g = Enumerable.Range(0, 3).Select(i => Enumerable.Range(0, 3).Sum(j => Covariance[i, j] * w[j])).ToArray();
        double v = Enumerable.Range(0, 3).Sum(i => w[i] * g[i]);
        for (int k = 0; k < 3; k++) Tolerance.AssertFormula((2 * g[k]) - (2 * v), variance.Gradient[0]![k], "∂v/∂w" + k);
        var parity = CentralDifferenceRunner.Check(Method(assembly, "Portfolio", "RiskParityError"), null, new object[] { w, Covariance });
        // E = Σ rc_i², rc_i = w_i g_i − v/n, Σ rc_i = 0: ∂E/∂w_k = 2 rc_k g_k + 2 Σ_i rc_i w_i Σ_ik.
        double[] rc = Enumerable.Range(0, 3).Select(i => (w[i] * g[i]) - (v / 3)).ToArray();
        for (int k = 0; k < 3; k++)
            Tolerance.AssertFormula((2 * rc[k] * g[k]) + (2 * Enumerable.Range(0, 3).Sum(i => rc[i] * w[i] * Covariance[i, k])), parity.Gradient[0]![k], "∂E/∂w" + k);
    }

    [Fact]
    public void PortfolioRisk_AsWritten_TheHelperReturningAnArray_MatchesCentralDifferences_AndRiskParityByHand()
    {
        // idioms16a: Multiply(covariance, weights) returns a new array, inlined; the program as first written.
        var w = new[] { 0.45, 0.25, 0.3 };
        var parity = CentralDifferenceRunner.Check(Method(NaturalSource.ThirdAssembly("T05_PortfolioRisk"), "Portfolio", "RiskParityError"), null, new object[] { w, Covariance });
        // E = Σ rc_i², rc_i = w_i g_i − v/n, g = Σw, v = wᵀΣw, Σ rc_i = 0: ∂E/∂w_k = 2 rc_k g_k + 2 Σ_i rc_i w_i Σ_ik.
        double[] g = Enumerable.Range(0, 3).Select(i => Enumerable.Range(0, 3).Sum(j => Covariance[i, j] * w[j])).ToArray();
        double v = Enumerable.Range(0, 3).Sum(i => w[i] * g[i]);
        double[] rc = Enumerable.Range(0, 3).Select(i => (w[i] * g[i]) - (v / 3)).ToArray();
        Tolerance.AssertFormula(rc.Sum(r => r * r), parity.Value, "E");
        for (int k = 0; k < 3; k++)
            Tolerance.AssertFormula((2 * rc[k] * g[k]) + (2 * Enumerable.Range(0, 3).Sum(i => rc[i] * w[i] * Covariance[i, k])), parity.Gradient[0]![k], "∂E/∂w" + k);
    }

    [Fact]
    public void SoftmaxOverJaggedRows_MatchesCentralDifferences_AndTheBiasByHand()
    {
        var method = Method(NaturalSource.ThirdAssembly("T06_SoftmaxJagged"), "Classifier", "CrossEntropy");
        var weights = new[] { new[] { 0.2, -0.5, 0.1 }, new[] { -0.3, 0.4, 0.0 }, new[] { 0.05, 0.1, -0.2 } };
        var bias = new[] { 0.1, -0.2, 0.05 };
        var samples = new[] { new[] { 1.0, 0.5, -1.0 }, new[] { -0.7, 2.0, 0.3 }, new[] { 0.2, -1.5, 1.1 }, new[] { 1.4, 0.1, 0.6 } };
        var labels = new[] { 0, 2, 1, 0 };
        var r = CentralDifferenceRunner.Check(method, null, new object[] { weights, bias, samples, labels, 1e-2 });
        // ∂/∂b_c = mean_n (p_nc − [y_n = c]).
        for (int c = 0; c < 3; c++)
        {
            double hand = 0;
            for (int n = 0; n < samples.Length; n++)
            {
                var z = Enumerable.Range(0, 3).Select(k => bias[k] + Enumerable.Range(0, 3).Sum(j => weights[k][j] * samples[n][j])).ToArray();
                hand += (Math.Exp(z[c]) / z.Sum(Math.Exp)) - (labels[n] == c ? 1 : 0);
            }
            Tolerance.AssertFormula(hand / samples.Length, r.Gradient[1]![c], "∂/∂bias" + c);
        }
    }

    [Fact]
    public void SpringChain_CopiedInALoop_MatchesCentralDifferences_AndTheEnergyByHand()
    {
        // The one change the message asks for: the copy as a for loop.
        var assembly = Rewritten("T07_SpringChain", ("Array.Copy(start, pos, start.Length);", "for (int i = 0; i < start.Length; i++) pos[i] = start[i];"));
        var chain = new[] { new Vector3(0, 0, 0), new Vector3(0.9f, -0.3f, 0.1f), new Vector3(1.7f, -0.9f, 0.2f) };
        var energy = CentralDifferenceRunner.Check(Method(assembly, "Chain", "Energy"), null, new object[] { chain, 30f, 1f, 0.5f });
        // ∂E/∂stiffness = Σ ½ (ℓ − L)², ∂E/∂mass = 9.81 Σ y.
        double stretch = chain.Zip(chain.Skip(1), (a, b) => 0.5 * Math.Pow(Vector3.Distance(a, b) - 1, 2)).Sum();
        Tolerance.AssertClose(stretch, energy.Gradient[1]![0], 1e-5, "∂E/∂stiffness");
        Tolerance.AssertClose(9.81 * chain.Sum(p => p.Y), energy.Gradient[3]![0], 1e-4, "∂E/∂mass");
        // Two steps, small: float steps of 1e-2 stay inside one regime.
        CentralDifferenceRunner.Check(Method(assembly, "Chain", "EndPointMiss"), null, new object[] { chain, 5f, new Vector3(1.5f, -1.5f, 0), 2, 0.05f });
    }

    [Fact]
    public void SpringChain_AsWritten_TheArrayCopyOfStructs_MatchesCentralDifferences_AndOneStepByHand()
    {
        var method = Method(NaturalSource.ThirdAssembly("T07_SpringChain"), "Chain", "EndPointMiss");
        var chain = new[] { new Vector3(0, 0, 0), new Vector3(0.9f, -0.3f, 0.1f), new Vector3(1.7f, -0.9f, 0.2f) };
        var target = new Vector3(1.5f, -1.5f, 0);
        CentralDifferenceRunner.Check(method, null, new object[] { chain, 5f, target, 2, 0.05f });
        // One step from rest: vel[i] = dt·force_i, pos[i] += dt·vel[i]; the end node moves by dt²·force_2 with
        // force_2 = g − k(ℓ − 1)û (ℓ, û: length and direction of start[2] − start[1]). miss = |pos2 − target|²:
        // ∂/∂k = 2 (pos2 − target) · (−dt² (ℓ − 1) û).
        // A stretched chain, so that the spring's pull (ℓ − 1 ≈ 1) is what moves the end.
        chain[2] = new Vector3(2.5f, -1.5f, 0.2f);
        var r = CentralDifferenceRunner.Check(method, null, new object[] { chain, 5f, target, 1, 0.05f });
        var up = chain[2] - chain[1];
        double length = up.Length(), dt = 0.05;
        var unit = Vector3.Normalize(up);
        var force = new Vector3(0, -9.81f, 0) - (5f * ((float)length - 1f) * unit);
        var end = chain[2] + ((float)(dt * dt) * force);
        var miss = end - target;
        double hand = 2 * -dt * dt * (length - 1) * Vector3.Dot(miss, unit);
        Assert.True(Math.Abs(hand) > 1e-3, "the check must be able to fail: " + hand);
        Tolerance.AssertClose(hand, r.Gradient[1]![0], 1e-3 * Math.Abs(hand), "∂/∂stiffness");
    }

    [Fact]
    public void RegressionModel_WithTheDataNoDiff_MatchesCentralDifferences_TheBiasByHand_AndTrains()
    {
        // The one change the compiler's CS7036 leads to (the README's example marks the data [NoDiff]).
        var assembly = Rewritten("T08_RegressionModel", ("public double Loss(double[][] xs, double[] ys, double l2 = 0.01)", "public double Loss([NoDiff] double[][] xs, [NoDiff] double[] ys, [NoDiff] double l2 = 0.01)"));
        var type = assembly.GetType("Natural.CountRegressor")!;
        var model = Activator.CreateInstance(type, 2)!;
        var weights = (double[])type.GetField("Weights")!.GetValue(model)!;
        weights[0] = 0.3;
        weights[1] = -0.2;
        type.GetField("Bias")!.SetValue(model, 0.1);
        var xs = new[] { new[] { 1.0, 0.5 }, new[] { -0.4, 2.0 }, new[] { 0.8, -1.0 } };
        var ys = new[] { 1.2, 0.4, 2.0 };
        var grad = Activator.CreateInstance(type, 2)!;
        // The user's call, LossBackward(xs, ys, grad): the overload without the defaulted l2.
        double value = (double)type.GetMethods().Single(m => m.Name == "LossBackward" && m.GetParameters().Length == 4).Invoke(model, new object[] { xs, ys, grad, 1.0 })!;
        var loss = type.GetMethod("Loss")!;
        Tolerance.AssertFormula((double)loss.Invoke(model, new object[] { xs, ys, 0.01 })!, value, "value");
        var dWeights = (double[])type.GetField("Weights")!.GetValue(grad)!;
        for (int j = 0; j < 2; j++)
        {
            double keep = weights[j];
            weights[j] = keep + 1e-6;
            double up = (double)loss.Invoke(model, new object[] { xs, ys, 0.01 })!;
            weights[j] = keep - 1e-6;
            double down = (double)loss.Invoke(model, new object[] { xs, ys, 0.01 })!;
            weights[j] = keep;
            Tolerance.AssertCentral((up - down) / 2e-6, dWeights[j], up, "∂/∂Weights[" + j + "]");
        }
        // ∂/∂Bias = (2/N) Σ (softplus(z) − y) σ(z).
        double hand = 0;
        for (int n = 0; n < 3; n++)
        {
            double z = 0.1 + (0.3 * xs[n][0]) - (0.2 * xs[n][1]);
            hand += 2 * (Math.Log(1 + Math.Exp(z)) - ys[n]) / (1 + Math.Exp(-z));
        }
        Tolerance.AssertFormula(hand / 3, (double)type.GetField("Bias")!.GetValue(grad)!, "∂/∂Bias");
        // The user's momentum loop lowers the loss.
        var train = type.GetMethod("Train")!;
        double first = (double)train.Invoke(null, new object[] { model, xs, ys, 1, 0.05, 0.9 })!;
        double later = (double)train.Invoke(null, new object[] { model, xs, ys, 300, 0.05, 0.9 })!;
        Assert.True(later < first / 2, "loss " + first + " → " + later);
    }
}
