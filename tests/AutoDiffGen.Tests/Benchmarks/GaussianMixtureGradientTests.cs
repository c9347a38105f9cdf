using System;
using AutoDiffGen.Benchmarks;
using Xunit;

namespace AutoDiffGen.Tests.Benchmarks;

/// <summary>
/// The benchmark's Gaussian-mixture objective (tests/AutoDiffGen.Benchmarks/Gmm, linked here): the generated
/// <c>ObjectiveBackward</c> against central differences and against the hand-written gradient the benchmark
/// uses as its baseline, on random instances of several shapes, and both against a closed form at D = K = N = 1.
/// </summary>
public sealed class GaussianMixtureGradientTests
{
    private const double Step = 1e-5;

    public static TheoryData<int, int, int, int> Shapes => new()
    {
        { 1, 1, 1, 11 },
        { 1, 3, 4, 12 },
        { 2, 1, 3, 13 },
        { 2, 3, 5, 14 },
        { 3, 4, 7, 15 },
        { 4, 2, 6, 16 },
        { 5, 3, 10, 17 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Generated_gradient_matches_central_differences(int d, int k, int n, int seed)
    {
        var p = GaussianMixtureInstance.Random(d, k, n, seed);
        var (generated, value) = Generated(p, Gamma, M);
        double[] numeric = CentralDifferences(p, Gamma, M);

        Assert.Equal(GaussianMixture.Objective(d, k, p.Alphas, p.Means, p.Icf, p.X, Gamma, M), value);
        // Each component of f and of its gradient is a sum over the N points (and the prior's K components) of
        // terms of order one. A central difference at step h is then good to ~ ε·|f|/h (rounding) + h²·|f‴|/6
        // (truncation), both growing with N: 1e-7·(N + K) absolute is ~1,000× that bound here and ~1,000× below
        // the smallest component a dropped term would change (see A_small_error_is_caught).
        double tolerance = 1e-7 * (n + k);
        for (int i = 0; i < numeric.Length; i++)
            Assert.True(Math.Abs(generated[i] - numeric[i]) <= tolerance * (1 + Math.Abs(numeric[i])),
                $"component {i} ({Describe(d, k, i)}): generated {generated[i]:R}, central differences {numeric[i]:R}");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Generated_gradient_matches_the_hand_written_one(int d, int k, int n, int seed)
    {
        var p = GaussianMixtureInstance.Random(d, k, n, seed);
        var (generated, value) = Generated(p, Gamma, M);
        var (hand, handValue) = HandWritten(p, Gamma, M);

        // Same mathematics, different association of the sums: each component sums up to N·K terms of order one,
        // so a few ε per term (1e-13·N·K relative to the component's scale) bounds the rounding difference.
        double tolerance = 1e-13 * n * k;
        Assert.True(Math.Abs(value - handValue) <= tolerance * (1 + Math.Abs(value)), $"value: generated {value:R}, hand-written {handValue:R}");
        for (int i = 0; i < hand.Length; i++)
            Assert.True(Math.Abs(generated[i] - hand[i]) <= tolerance * (1 + Math.Abs(hand[i])),
                $"component {i} ({Describe(d, k, i)}): generated {generated[i]:R}, hand-written {hand[i]:R}");
    }

    [Fact]
    public void Both_match_the_closed_form_at_one_point_one_component_one_dimension()
    {
        // f = α + c − ½·e^{2c}·(x − μ)² − α + ½γ²·e^{2c} − m·c, so ∂α = 0, ∂μ = e^{2c}·(x − μ),
        // ∂c = 1 − e^{2c}·(x − μ)² + γ²·e^{2c} − m.
        double alpha = 0.3, mu = 0.2, c = -0.4, x = 1.1;
        var p = new[] { alpha, mu, c };
        double e2 = Math.Exp(2 * c), r = x - mu;
        double[] expected = { 0, e2 * r, 1 - (e2 * r * r) + (Gamma * Gamma * e2) - M };
        double expectedValue = c - (0.5 * e2 * r * r) + (0.5 * Gamma * Gamma * e2) - (M * c);

        var dA = new double[1];
        var dMu = new double[1];
        var dC = new double[1];
        double value = GaussianMixture.ObjectiveBackward(1, 1, new[] { p[0] }, new[] { p[1] }, new[] { p[2] }, new[] { x }, Gamma, M, dA, dMu, dC);
        var hA = new double[1];
        var hMu = new double[1];
        var hC = new double[1];
        double handValue = GaussianMixtureHandWritten.ObjectiveBackward(1, 1, new[] { p[0] }, new[] { p[1] }, new[] { p[2] }, new[] { x }, Gamma, M, hA, hMu, hC);

        Assert.Equal(expectedValue, value, 1e-14);
        Assert.Equal(expectedValue, handValue, 1e-14);
        Assert.Equal(expected, new[] { dA[0], dMu[0], dC[0] }, new Tolerance(1e-14));
        Assert.Equal(expected, new[] { hA[0], hMu[0], hC[0] }, new Tolerance(1e-14));
    }

    [Fact]
    public void The_generated_gradient_adds_into_the_adjoints_and_scales_with_dResult()
    {
        var p = GaussianMixtureInstance.Random(3, 2, 4, seed: 21);
        var (once, _) = Generated(p, Gamma, M);
        var dA = new double[p.Alphas.Length];
        var dMu = new double[p.Means.Length];
        var dC = new double[p.Icf.Length];
        dA[0] = 1.5;
        GaussianMixture.ObjectiveBackward(p.D, p.K, p.Alphas, p.Means, p.Icf, p.X, Gamma, M, dA, dMu, dC, dResult: -2.0);
        double[] scaled = Concat(dA, dMu, dC);
        scaled[0] -= 1.5;
        for (int i = 0; i < once.Length; i++) Assert.Equal(-2.0 * once[i], scaled[i], 1e-12 * (1 + Math.Abs(once[i])));
    }

    [Fact]
    public void A_small_error_is_caught()
    {
        // The tolerances above must be able to fail: move one component of a correct gradient by 1e-4
        // (far less than any single term of the objective contributes) and the check against central differences fails.
        var p = GaussianMixtureInstance.Random(3, 4, 7, seed: 15);
        var (generated, _) = Generated(p, Gamma, M);
        double[] numeric = CentralDifferences(p, Gamma, M);
        double tolerance = 1e-7 * (7 + 4);
        int component = p.Alphas.Length + p.Means.Length + 4;
        generated[component] += 1e-4;
        Assert.True(Math.Abs(generated[component] - numeric[component]) > tolerance * (1 + Math.Abs(numeric[component])));
    }

    [Fact]
    public void In_steady_state_only_the_primal_allocates()
    {
        // What the benchmark's "Allocated" column shows, exactly: the primal allocates its five local arrays; the
        // generated Backward takes them and their adjoints from its per-thread TapeWorkspace, as its tapes (perf18:
        // they never leave the call, Differentiation/ReusedArrays), so nothing; the hand-written gradient nothing.
        var p = GaussianMixtureInstance.Random(3, 4, 50, seed: 31);
        var dA = new double[p.Alphas.Length];
        var dMu = new double[p.Means.Length];
        var dC = new double[p.Icf.Length];

        long primal = AllocatedBy(() => GaussianMixture.Objective(p.D, p.K, p.Alphas, p.Means, p.Icf, p.X, Gamma, M));
        long generated = AllocatedBy(() => GaussianMixture.ObjectiveBackward(p.D, p.K, p.Alphas, p.Means, p.Icf, p.X, Gamma, M, dA, dMu, dC));
        long hand = AllocatedBy(() => GaussianMixtureHandWritten.ObjectiveBackward(p.D, p.K, p.Alphas, p.Means, p.Icf, p.X, Gamma, M, dA, dMu, dC));

        Assert.True(primal >= 8 * ((p.K * p.D) + (2 * p.K) + (2 * p.D)), $"primal allocated {primal} B");
        Assert.Equal(0, generated);
        Assert.Equal(0, hand);
    }

    /// <summary>Bytes allocated on this thread by the second of two calls (the first grows tapes and scratch).</summary>
    private static long AllocatedBy(Func<double> call)
    {
        call();
        long before = GC.GetAllocatedBytesForCurrentThread();
        call();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private const double Gamma = 0.7;
    private const int M = 2;

    private static (double[] Gradient, double Value) Generated(GaussianMixtureInstance p, double gamma, int m)
    {
        var dA = new double[p.Alphas.Length];
        var dMu = new double[p.Means.Length];
        var dC = new double[p.Icf.Length];
        double value = GaussianMixture.ObjectiveBackward(p.D, p.K, p.Alphas, p.Means, p.Icf, p.X, gamma, m, dA, dMu, dC);
        return (Concat(dA, dMu, dC), value);
    }

    private static (double[] Gradient, double Value) HandWritten(GaussianMixtureInstance p, double gamma, int m)
    {
        var dA = new double[p.Alphas.Length];
        var dMu = new double[p.Means.Length];
        var dC = new double[p.Icf.Length];
        double value = GaussianMixtureHandWritten.ObjectiveBackward(p.D, p.K, p.Alphas, p.Means, p.Icf, p.X, gamma, m, dA, dMu, dC);
        return (Concat(dA, dMu, dC), value);
    }

    /// <summary>Central differences over every alpha, mean and icf entry, perturbing each in place and restoring it.</summary>
    private static double[] CentralDifferences(GaussianMixtureInstance p, double gamma, int m)
    {
        double F() => GaussianMixture.Objective(p.D, p.K, p.Alphas, p.Means, p.Icf, p.X, gamma, m);
        var result = new double[p.Alphas.Length + p.Means.Length + p.Icf.Length];
        int at = 0;
        foreach (double[] array in new[] { p.Alphas, p.Means, p.Icf })
        {
            for (int i = 0; i < array.Length; i++)
            {
                double saved = array[i];
                array[i] = saved + Step;
                double plus = F();
                array[i] = saved - Step;
                double minus = F();
                array[i] = saved;
                result[at++] = (plus - minus) / (2 * Step);
            }
        }
        return result;
    }

    private static double[] Concat(double[] a, double[] b, double[] c)
    {
        var all = new double[a.Length + b.Length + c.Length];
        a.CopyTo(all, 0);
        b.CopyTo(all, a.Length);
        c.CopyTo(all, a.Length + b.Length);
        return all;
    }

    private static string Describe(int d, int k, int i) =>
        i < k ? $"alphas[{i}]" : i < k + (k * d) ? $"means[{i - k}]" : $"icf[{i - k - (k * d)}]";

    private sealed class Tolerance(double tolerance) : System.Collections.Generic.IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
