using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.AdBench;

/// <summary>
/// ADBench's Gaussian mixture as its C++ reads (<see cref="GaussianMixtureSource"/>): it builds with no diagnostic; the
/// objective's value equals an independent plain C# evaluation with ADBench's constants; its gradient matches central
/// differences and, for the weights α, the hand-derived Σᵢ softmax(mainTermᵢ) − n·softmax(α); and the helpers' values and
/// derivatives match hand values.
/// </summary>
public class GaussianMixtureTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(GaussianMixtureSource.Text));

    private static Type Gmm => Compiled.Value.GetType("GaussianMixture")!;

    private static object Wishart(double gamma, int m) => Activator.CreateInstance(Compiled.Value.GetType("Wishart")!, gamma, m)!;

    /// <summary>An instance in ADBench's layout: α (k), means (d·k), icf (k·d(d+1)/2), points (d·n).</summary>
    public static (double[] Alphas, double[] Means, double[] Icf, double[] X) Instance(int seed, int d, int k, int n)
    {
        var random = new Random(seed);
        double[] R(int count, double low, double high) => Enumerable.Range(0, count).Select(_ => low + (high - low) * random.NextDouble()).ToArray();
        return (R(k, -1, 1), R(d * k, 0, 1), R(k * d * (d + 1) / 2, -0.5, 0.5), R(d * n, 0, 1));
    }

    [Theory]
    [InlineData(1, 2, 3, 4)]
    [InlineData(2, 3, 2, 5)]
    [InlineData(3, 4, 3, 3)]
    public void Objective_GradientMatchesCentralDifferences(int seed, int d, int k, int n)
    {
        var (alphas, means, icf, x) = Instance(seed, d, k, n);
        var result = CentralDifferenceRunner.Check(Gmm.GetMethod("Objective")!, null, new object[] { d, k, n, alphas, means, icf, x, Wishart(1.5, 2) });
        Assert.True(double.IsFinite(result.Value));
        Assert.All(result.Gradient[3]!, g => Assert.NotEqual(0, g));
        Assert.All(result.Gradient[4]!, g => Assert.NotEqual(0, g));
        Assert.All(result.Gradient[5]!, g => Assert.NotEqual(0, g));
    }

    [Fact]
    public void Objective_Value_IsAnIndependentEvaluationWithAdBenchsConstants()
    {
        // d = 2, wishart m = 1: log_gamma_distrib(0.5·4, 2) = ½ log π + lgamma(2) + lgamma(1.5) = ½ log π + log(√π / 2).
        int d = 2, k = 3, n = 4, m = 1;
        double gamma = 1.3;
        var (alphas, means, icf, x) = Instance(7, d, k, n);
        double lgd = 0.5 * Math.Log(Math.PI) + Math.Log(Math.Sqrt(Math.PI) / 2);
        int wn = d + m + 1;
        double c = wn * d * (Math.Log(gamma) - 0.5 * Math.Log(2)) - lgd;
        double expected = -n * d * 0.5 * Math.Log(2 * Math.PI) + Slse(d, k, n, alphas, means, icf, x) - n * Lse(alphas);
        for (int ik = 0; ik < k; ik++)
        {
            // Q = [[e^a, 0], [l, e^b]] from icf = (a, b, l): ‖Q‖²_F = e^2a + e^2b + l², Σ log diag = a + b.
            double a = icf[3 * ik], b = icf[3 * ik + 1], l = icf[3 * ik + 2];
            expected += 0.5 * gamma * gamma * (Math.Exp(2 * a) + Math.Exp(2 * b) + l * l) - m * (a + b) - c;
        }
        double value = (double)Gmm.GetMethod("Objective")!.Invoke(null, new object[] { d, k, n, alphas, means, icf, x, Wishart(gamma, m) })!;
        Assert.Equal(expected, value, 10);
    }

    [Fact]
    public void Objective_AlphaGradient_IsHandDerived()
    {
        // ∂f/∂α_k = Σᵢ softmax_k(mainTermᵢ) − n·softmax_k(α): the prior does not read α.
        int d = 2, k = 3, n = 5;
        var (alphas, means, icf, x) = Instance(9, d, k, n);
        var dAlphas = new double[k];
        var args = new object[] { d, k, n, alphas, means, icf, x, Wishart(1.0, 0), dAlphas, new double[means.Length], new double[icf.Length], 1.0 };
        Gmm.GetMethod("ObjectiveBackward")!.Invoke(null, args);
        var expected = new double[k];
        double za = alphas.Sum(Math.Exp);
        for (int ik = 0; ik < k; ik++) expected[ik] = -n * Math.Exp(alphas[ik]) / za;
        for (int ix = 0; ix < n; ix++)
        {
            var main = MainTerms(d, k, alphas, means, icf, x, ix);
            double z = main.Sum(Math.Exp);
            for (int ik = 0; ik < k; ik++) expected[ik] += Math.Exp(main[ik]) / z;
        }
        for (int ik = 0; ik < k; ik++) Assert.Equal(expected[ik], dAlphas[ik], 10);
    }

    [Fact]
    public void LogSumExp_IsTheSoftmaxGradient()
    {
        double[] v = { 0.5, -1, 2, 0 };
        var dv = new double[4];
        double value = (double)Gmm.GetMethod("LogSumExpOfBackward")!.Invoke(null, new object[] { v, dv, 1.0 })!;
        double z = v.Sum(Math.Exp);
        Assert.Equal(Math.Log(z), value, 13);
        for (int i = 0; i < 4; i++) Assert.Equal(Math.Exp(v[i]) / z, dv[i], 13);
        // The max's own path (ArrMax, then + mx) cancels: the gradient still sums to 1.
        Assert.Equal(1, dv.Sum(), 13);
    }

    [Fact]
    public void Qtimesx_IsTheLowerTriangularProduct_WithItsHandDerivatives()
    {
        // d = 3: out = (q0 x0, q1 x1 + l0 x0, q2 x2 + l1 x0 + l2 x1): ltri is column by column.
        double[] q = { 2, 3, 5 }, l = { 0.5, -1, 4 }, x = { 1, -2, 3 };
        double[] expected = { 2, -6 + 0.5, 15 - 1 - 8 };
        var backward = Gmm.GetMethod("QtimesxComponentBackward")!;
        for (int j = 0; j < 3; j++)
        {
            double[] dq = new double[3], dl = new double[3], dx = new double[3];
            double value = (double)backward.Invoke(null, new object[] { q, l, x, j, dq, dl, dx, 1.0 })!;
            Assert.Equal(expected[j], value, 14);
            for (int i = 0; i < 3; i++) Assert.Equal(i == j ? x[i] : 0, dq[i], 14);
        }
        double[] dq2 = new double[3], dl2 = new double[3], dx2 = new double[3];
        backward.Invoke(null, new object[] { q, l, x, 2, dq2, dl2, dx2, 1.0 });
        Assert.Equal(new double[] { 0, x[0], x[1] }, dl2);
        Assert.Equal(new double[] { l[1], l[2], q[2] }, dx2);
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    public void WishartPrior_GradientMatchesCentralDifferences_AndTheHandDerivative(int d, int k)
    {
        var (_, _, icf, _) = Instance(11 + d, d, k, 1);
        double gamma = 0.8;
        int m = 2;
        var result = CentralDifferenceRunner.Check(Gmm.GetMethod("PriorOf")!, null, new object[] { d, k, icf, Wishart(gamma, m) });
        int size = d * (d + 1) / 2;
        for (int ik = 0; ik < k; ik++)
        {
            // ∂/∂ log-diagonal a: γ² e^{2a} − m; ∂/∂ off-diagonal l: γ² l.
            for (int j = 0; j < d; j++) Assert.Equal(gamma * gamma * Math.Exp(2 * icf[ik * size + j]) - m, result.Gradient[2]![ik * size + j], 10);
            for (int j = d; j < size; j++) Assert.Equal(gamma * gamma * icf[ik * size + j], result.Gradient[2]![ik * size + j], 10);
        }
    }

    private static double Lse(double[] v)
    {
        double mx = v.Max();
        return Math.Log(v.Sum(e => Math.Exp(e - mx))) + mx;
    }

    private static double Slse(int d, int k, int n, double[] alphas, double[] means, double[] icf, double[] x)
    {
        double s = 0;
        for (int ix = 0; ix < n; ix++) s += Lse(MainTerms(d, k, alphas, means, icf, x, ix));
        return s;
    }

    /// <summary>α_k + Σ log diag Q_k − ½‖Q_k (x_i − μ_k)‖², with Q_k filled as a dense lower-triangular matrix.</summary>
    private static double[] MainTerms(int d, int k, double[] alphas, double[] means, double[] icf, double[] x, int ix)
    {
        int size = d * (d + 1) / 2;
        var main = new double[k];
        for (int ik = 0; ik < k; ik++)
        {
            var q = new double[d, d];
            double logDiag = 0;
            for (int j = 0; j < d; j++)
            {
                q[j, j] = Math.Exp(icf[ik * size + j]);
                logDiag += icf[ik * size + j];
            }
            int li = ik * size + d;
            for (int col = 0; col < d; col++)
                for (int row = col + 1; row < d; row++) q[row, col] = icf[li++];
            double sq = 0;
            for (int row = 0; row < d; row++)
            {
                double r = 0;
                for (int col = 0; col < d; col++) r += q[row, col] * (x[ix * d + col] - means[ik * d + col]);
                sq += r * r;
            }
            main[ik] = alphas[ik] + logDiag - 0.5 * sq;
        }
        return main;
    }
}
