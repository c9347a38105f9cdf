using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// The Gaussian-mixture objective of tests/AutoDiffGen.Benchmarks/Gmm written closer to ADBench's own shape, which the
/// generator rejected before (docs/performance.md, "The natural form"): arrays created per component and per point inside
/// the loops, helpers <c>Sqnorm</c> and <c>LogSumExp</c> as [Differentiable] methods taking spans, slices
/// <c>icf.AsSpan(ik * icfSize, d)</c> and <c>means.AsSpan(ik * d, d)</c> passed to them, and a local array passed to a helper
/// and then stored into. Its gradient equals the flat benchmark form's (written here too) and central differences.
/// </summary>
public class NaturalGaussianMixtureTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Gmm
        {
            [Differentiable]
            public static double Sqnorm(ReadOnlySpan<double> v)
            {
                double s = 0;
                for (int i = 0; i < v.Length; i++) s += v[i] * v[i];
                return s;
            }

            [Differentiable]
            public static double LogSumExp(ReadOnlySpan<double> v)
            {
                double mx = v[0];
                for (int i = 1; i < v.Length; i++) mx = Math.Max(mx, v[i]);
                double se = 0;
                for (int i = 0; i < v.Length; i++) se += Math.Exp(v[i] - mx);
                return Math.Log(se) + mx;
            }

            [Differentiable]
            public static double SumOf(ReadOnlySpan<double> v)
            {
                double s = 0;
                for (int i = 0; i < v.Length; i++) s += v[i];
                return s;
            }

            [Differentiable]
            public static double Natural(int d, int k, double[] alphas, double[] means, double[] icf,
                [NoDiff] double[] x, [NoDiff] double wishartGamma, int wishartM)
            {
                int n = x.Length / d;
                int icfSize = d * (d + 1) / 2;
                double slse = 0;
                for (int ix = 0; ix < n; ix++)
                {
                    var mainTerm = new double[k];
                    for (int ik = 0; ik < k; ik++)
                    {
                        var xc = new double[d];
                        for (int id = 0; id < d; id++) xc[id] = x[ix * d + id] - means[ik * d + id];
                        var qx = new double[d];
                        for (int id = 0; id < d; id++) qx[id] = Math.Exp(icf[ik * icfSize + id]) * xc[id];
                        int li = ik * icfSize + d;
                        for (int i = 0; i < d; i++)
                        {
                            for (int j = i + 1; j < d; j++)
                            {
                                qx[j] += icf[li] * xc[i];
                                li++;
                            }
                        }
                        mainTerm[ik] = alphas[ik] + SumOf(icf.AsSpan(ik * icfSize, d)) - 0.5 * Sqnorm(qx);
                    }
                    slse += LogSumExp(mainTerm);
                }

                double prior = 0;
                for (int ik = 0; ik < k; ik++)
                {
                    var q = new double[d];
                    for (int id = 0; id < d; id++) q[id] = Math.Exp(icf[ik * icfSize + id]);
                    double fro = Sqnorm(q) + Sqnorm(icf.AsSpan(ik * icfSize + d, icfSize - d));
                    // q is stored into after Sqnorm saw it: Sqnorm's adjoint must see the values it saw.
                    for (int id = 0; id < d; id++) q[id] = 0;
                    prior += 0.5 * wishartGamma * wishartGamma * fro - wishartM * SumOf(icf.AsSpan(ik * icfSize, d)) + Sqnorm(q);
                }
                return slse - n * LogSumExp(alphas) + prior + 0 * SumOf(means.AsSpan(0, d));
            }

            [Differentiable]
            public static double Flat(int d, int k, double[] alphas, double[] means, double[] icf,
                [NoDiff] double[] x, [NoDiff] double wishartGamma, int wishartM)
            {
                int n = x.Length / d;
                int icfSize = d * (d + 1) / 2;
                var qdiags = new double[k * d];
                var sumQs = new double[k];
                var mainTerm = new double[k];
                var xc = new double[d];
                var qx = new double[d];
                for (int ik = 0; ik < k; ik++)
                {
                    double s = 0;
                    for (int id = 0; id < d; id++)
                    {
                        s += icf[ik * icfSize + id];
                        qdiags[ik * d + id] = Math.Exp(icf[ik * icfSize + id]);
                    }
                    sumQs[ik] = s;
                }
                double slse = 0;
                for (int ix = 0; ix < n; ix++)
                {
                    for (int ik = 0; ik < k; ik++)
                    {
                        for (int id = 0; id < d; id++) xc[id] = x[ix * d + id] - means[ik * d + id];
                        for (int id = 0; id < d; id++) qx[id] = qdiags[ik * d + id] * xc[id];
                        int li = ik * icfSize + d;
                        for (int i = 0; i < d; i++)
                        {
                            for (int j = i + 1; j < d; j++)
                            {
                                qx[j] += icf[li] * xc[i];
                                li++;
                            }
                        }
                        double sq = 0;
                        for (int id = 0; id < d; id++) sq += qx[id] * qx[id];
                        mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sq;
                    }
                    double mx = mainTerm[0];
                    for (int ik = 1; ik < k; ik++) mx = Math.Max(mx, mainTerm[ik]);
                    double se = 0;
                    for (int ik = 0; ik < k; ik++) se += Math.Exp(mainTerm[ik] - mx);
                    slse += Math.Log(se) + mx;
                }
                double amx = alphas[0];
                for (int ik = 1; ik < k; ik++) amx = Math.Max(amx, alphas[ik]);
                double ase = 0;
                for (int ik = 0; ik < k; ik++) ase += Math.Exp(alphas[ik] - amx);
                double lseAlphas = Math.Log(ase) + amx;
                double prior = 0;
                for (int ik = 0; ik < k; ik++)
                {
                    double fro = 0;
                    for (int id = 0; id < d; id++) fro += qdiags[ik * d + id] * qdiags[ik * d + id];
                    for (int l = d; l < icfSize; l++) fro += icf[ik * icfSize + l] * icf[ik * icfSize + l];
                    prior += 0.5 * wishartGamma * wishartGamma * fro - wishartM * sumQs[ik];
                }
                return slse - n * lseAlphas + prior;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    [Fact]
    public void NaturalForm_Builds_AndEqualsTheFlatFormAndCentralDifferences()
    {
        var type = Compiled.Value.GetType("Gmm")!;
        var random = new Random(13);
        int d = 3, k = 2, n = 4, icfSize = d * (d + 1) / 2;
        double[] R(int m) => Enumerable.Range(0, m).Select(_ => random.NextDouble() - 0.5).ToArray();
        var alphas = R(k);
        var means = R(k * d);
        var icf = R(k * icfSize);
        var x = R(n * d);
        object[] point = { d, k, alphas, means, icf, x, 1.5, 4 };
        var natural = CentralDifferenceRunner.Check(type.GetMethod("Natural")!, null, point);
        var flat = CentralDifferenceRunner.Check(type.GetMethod("Flat")!, null, point);
        Assert.Equal(flat.Value, natural.Value, 10);
        for (int p = 0; p < point.Length; p++)
        {
            if (flat.Gradient[p] is not { } expected) continue;
            for (int j = 0; j < expected.Length; j++) Assert.Equal(expected[j], natural.Gradient[p]![j], 9);
        }
    }
}
