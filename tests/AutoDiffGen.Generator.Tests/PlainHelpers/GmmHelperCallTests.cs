using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.PlainHelpers;

/// <summary>
/// ADBench's GMM written as its C helpers are ported (Natural AdBench13.GmmWithHelpers, hunt13's batch): void helpers
/// filling output arrays the caller reuses across points. It was ADG0002 at each call until idioms13b inlined void helpers
/// writing into an array argument; this checks the same body by hand and by central differences.
/// </summary>
public class GmmHelperCallTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Net
        {
            [Differentiable]
            public static double GmmWithHelpers(double[] means, double[] icf, [NoDiff] double[] x)
            {
                const int d = 2;
                var xc = new double[d];
                var qxc = new double[d];
                double total = 0.0;
                for (int ix = 0; ix + d <= x.Length; ix += d)
                {
                    Subtract(d, x, ix, means, 0, xc);
                    QTimesX(d, icf, xc, qxc);
                    total += icf[0] + icf[1] - 0.5 * SqNorm(d, qxc);
                }
                return total;
            }

            private static void Subtract(int d, double[] x, int xo, double[] y, int yo, double[] output)
            {
                for (int id = 0; id < d; id++) output[id] = x[xo + id] - y[yo + id];
            }

            private static void QTimesX(int d, double[] icf, double[] x, double[] output)
            {
                for (int i = 0; i < d; i++) output[i] = Math.Exp(icf[i]) * x[i];
                int li = d;
                for (int i = 0; i < d; i++)
                    for (int j = i + 1; j < d; j++) { output[j] += icf[li] * x[i]; li++; }
            }

            private static double SqNorm(int d, double[] x)
            {
                double s = 0.0;
                for (int i = 0; i < d; i++) s += x[i] * x[i];
                return s;
            }
        }
        """;

    private static readonly Lazy<Type> Net = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("Net", throwOnError: true)!);

    [Fact]
    public void OnePoint_MatchesTheHandDerivation()
    {
        // xc = x − m = (1, 2); q = (0, 0), l = 0.5: qxc = (e^q0·xc0, e^q1·xc1 + l·xc0) = (1, 2.5).
        // f = q0 + q1 − ½|qxc|² = −3.625; ∂m0 = qxc0·e^q0 + qxc1·l = 2.25, ∂m1 = qxc1·e^q1 = 2.5;
        // ∂q0 = 1 − qxc0² = 0, ∂q1 = 1 − qxc1·e^q1·xc1 = −4, ∂l = −qxc1·xc0 = −2.5.
        var r = CentralDifferenceRunner.Check(Net.Value.GetMethod("GmmWithHelpers")!, null,
            new object[] { new[] { 1.0, -1.0 }, new[] { 0.0, 0.0, 0.5 }, new[] { 2.0, 1.0 } });
        Tolerance.AssertFormula(-3.625, r.Value, "f");
        Tolerance.AssertFormula(2.25, r.Gradient[0]![0], "d/dm0");
        Tolerance.AssertFormula(2.5, r.Gradient[0]![1], "d/dm1");
        Tolerance.AssertFormula(0.0, r.Gradient[1]![0], "d/dq0");
        Tolerance.AssertFormula(-4.0, r.Gradient[1]![1], "d/dq1");
        Tolerance.AssertFormula(-2.5, r.Gradient[1]![2], "d/dl");
    }

    [Fact]
    public void ThreePoints_ReuseTheHelpersOutputArrays_AndMatchCentralDifferences()
    {
        // The helpers overwrite xc and qxc per point: the reverse sweep must restore each point's values.
        var r = CentralDifferenceRunner.Check(Net.Value.GetMethod("GmmWithHelpers")!, null,
            new object[] { new[] { 0.3, -0.7 }, new[] { 0.2, -0.4, 0.9 }, new[] { 1.5, 0.2, -0.8, 2.1, 0.4, -1.3 } });
        // Sum over points p of −½|qxc_p|² + q0 + q1: ∂q0 = 3 − Σ qxc0², checked against the same formula by hand.
        double[] m = { 0.3, -0.7 }, q = { 0.2, -0.4, 0.9 }, x = { 1.5, 0.2, -0.8, 2.1, 0.4, -1.3 };
        double dq0 = 3, f = 0;
        for (int p = 0; p < 3; p++)
        {
            double xc0 = x[2 * p] - m[0], xc1 = x[2 * p + 1] - m[1];
            double a = Math.Exp(q[0]) * xc0, b = Math.Exp(q[1]) * xc1 + q[2] * xc0;
            f += q[0] + q[1] - 0.5 * (a * a + b * b);
            dq0 -= a * a;
        }
        Tolerance.AssertFormula(f, r.Value, "f");
        Tolerance.AssertFormula(dq0, r.Gradient[1]![0], "d/dq0");
    }
}
