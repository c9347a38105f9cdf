using System.Reflection;
using AutoDiffGen.Generator.Differentiation;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Differentiation;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.FusedLoops;

/// <summary>
/// Fused loops (<c>Differentiation/FusedLoops</c>, <c>Differentiator.Fused</c>): a loop of the method's body whose iterations
/// only add into sums whose adjoints are known before it, and whose local arrays each iteration writes all over before reading,
/// gets each iteration's reverse right after its forward. Each case says whether its MBackward fused, and its gradient is the
/// hand-derived one and central differences'. Loops that carry other state, read a sum, or feed it to a nonlinear function
/// after the loop keep the sweep after the whole forward one, with the same gradient.
/// </summary>
public class FusedLoopTests
{
    internal const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class F
        {
            // A one-dimensional Gaussian mixture's log-likelihood (no normalisation): Σ_i log Σ_j exp(a_j − ½(x_i − m_j)²).
            [Differentiable]
            public static double Mixture(double[] a, double[] m, [NoDiff] double[] x)
            {
                int k = a.Length;
                var t = new double[k];
                double total = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    for (int j = 0; j < k; j++) t[j] = a[j] - 0.5 * (x[i] - m[j]) * (x[i] - m[j]);
                    double se = 0;
                    for (int j = 0; j < k; j++) se += Math.Exp(t[j]);
                    total += Math.Log(se);
                }
                return total;
            }

            // The same, averaged, minus a prior after the loop (the sum's adjoint is dResult / n).
            [Differentiable]
            public static double MixtureMean(double[] a, double[] m, [NoDiff] double[] x)
            {
                int k = a.Length;
                var t = new double[k];
                double total = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    for (int j = 0; j < k; j++) t[j] = a[j] - 0.5 * (x[i] - m[j]) * (x[i] - m[j]);
                    double se = 0;
                    for (int j = 0; j < k; j++) se += Math.Exp(t[j]);
                    total += Math.Log(se);
                }
                double prior = 0;
                for (int j = 0; j < k; j++) prior += a[j] * a[j];
                return total / x.Length - 0.1 * prior;
            }

            // A break and a branch in the fused loop; the result is 3 × the sum.
            [Differentiable]
            public static double Capped(double[] a, double[] m, [NoDiff] double[] x)
            {
                var t = new double[a.Length];
                double total = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    for (int j = 0; j < a.Length; j++) t[j] = a[j] * (x[i] - m[j]);
                    double s = 0;
                    for (int j = 0; j < a.Length; j++) s += t[j] * t[j];
                    if (x[i] > 1.5) total += s; else total -= 0.5 * s;
                    if (x[i] > 5) break;
                }
                return 3 * total;
            }

            [Differentiable]
            public static float MixtureF(float[] a, float[] m, [NoDiff] float[] x)
            {
                int k = a.Length;
                var t = new float[k];
                float total = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    for (int j = 0; j < k; j++) t[j] = a[j] - 0.5f * (x[i] - m[j]) * (x[i] - m[j]);
                    float se = 0;
                    for (int j = 0; j < k; j++) se += (float)Math.Exp(t[j]);
                    total += (float)Math.Log(se);
                }
                return total;
            }

            // Not fused: a carried real state (total = 0.9·total + …): each iteration's adjoint depends on the ones after it.
            [Differentiable]
            public static double Decayed(double[] a, double[] m, [NoDiff] double[] x)
            {
                var t = new double[a.Length];
                double total = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    for (int j = 0; j < a.Length; j++) t[j] = a[j] * (x[i] - m[j]);
                    double s = 0;
                    for (int j = 0; j < a.Length; j++) s += t[j] * t[j];
                    total = total * 0.9 + s;
                }
                return total;
            }

            // Not fused: the sum is read inside the loop.
            [Differentiable]
            public static double ReadInside(double[] a, double[] m, [NoDiff] double[] x)
            {
                var t = new double[a.Length];
                double total = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    for (int j = 0; j < a.Length; j++) t[j] = a[j] * (x[i] - m[j]);
                    double s = 0;
                    for (int j = 0; j < a.Length; j++) s += t[j] * t[j];
                    total += s * (1 + 0.1 * total);
                }
                return total;
            }

            // Not fused: after the loop the sum goes through Log, whose derivative needs its value.
            [Differentiable]
            public static double LogAfter(double[] a, double[] m, [NoDiff] double[] x)
            {
                var t = new double[a.Length];
                double total = 1;
                for (int i = 0; i < x.Length; i++)
                {
                    for (int j = 0; j < a.Length; j++) t[j] = a[j] * (x[i] - m[j]);
                    double s = 0;
                    for (int j = 0; j < a.Length; j++) s += t[j] * t[j];
                    total += s;
                }
                return Math.Log(total);
            }

            // Not fused: t keeps the previous point's values where this one writes only half of it.
            [Differentiable]
            public static double Stale(double[] a, double[] m, [NoDiff] double[] x)
            {
                var t = new double[a.Length];
                double total = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    for (int j = 0; j < a.Length - 1; j++) t[j] = a[j] * (x[i] - m[j]);
                    double s = 0;
                    for (int j = 0; j < a.Length; j++) s += t[j] * t[j];
                    t[a.Length - 1] = s;
                    total += s;
                }
                return total;
            }
        }
        """;

    private static readonly Lazy<(GeneratorOutput Run, Type Type)> Compiled = new(() =>
    {
        var run = GeneratorHarness.RunForLoad(Source);
        run.AssertClean();
        return (run, GeneratorHarness.Load(run).GetType("F")!);
    });

    /// <summary>Whether MBackward's program has a forward loop that walks its iterations back inside it (the fused schedule).</summary>
    internal static bool IsFused(string source, string method)
    {
        var model = Programs.Model(source, method);
        var graph = ParameterCopy.Apply(model.Graph);
        var program = Differentiator.Backward(graph, new Activity(graph));
        return Programs.All(program.Body).OfType<ForwardLoop>().Any(f => f.Body.Any(s => s is ReverseLoop));
    }

    private static MethodInfo Method(string name) => Compiled.Value.Type.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;

    /// <summary>MBackward(a, m, x, dA, dM, seed) with dA and dM preloaded with 0.25: the value and each adjoint's change / seed.</summary>
    private static (double Value, double[] DA, double[] DM) Backward(string name, double[] a, double[] m, double[] x, double seed = 2)
    {
        var dA = Enumerable.Repeat(0.25, a.Length).ToArray();
        var dM = Enumerable.Repeat(0.25, m.Length).ToArray();
        double value = (double)Method(name + "Backward").Invoke(null, [a, m, x, dA, dM, seed])!;
        return (value, dA.Select(d => (d - 0.25) / seed).ToArray(), dM.Select(d => (d - 0.25) / seed).ToArray());
    }

    // σ(½) = 1 / (1 + e^−½): the weight of the nearer component at either point below.
    private static readonly double Sigma = 1 / (1 + Math.Exp(-0.5));

    [Fact]
    public void Two_points_two_components_by_hand()
    {
        Assert.True(IsFused(Source, "Mixture"));
        // a = (0, 0), m = (0, 1), x = (0, 1). Point 0: t = (0, −½); point 1: t = (−½, 0); each log-sum is log(1 + e^−½).
        // ∂/∂a_j = Σ_i p_ij, the softmax weights: point 0 gives (σ, 1 − σ), point 1 (1 − σ, σ), so (1, 1).
        // ∂/∂m_j = Σ_i p_ij (x_i − m_j): m0 = 0 gets 0 from point 0 and (1 − σ)·1 from point 1; m1 = 1 gets (1 − σ)·(−1) and 0.
        var (value, dA, dM) = Backward("Mixture", [0, 0], [0, 1], [0, 1]);
        Tolerance.AssertFormula(2 * Math.Log(1 + Math.Exp(-0.5)), value);
        Tolerance.AssertFormula(1, dA[0], "dA0");
        Tolerance.AssertFormula(1, dA[1], "dA1");
        Tolerance.AssertFormula(1 - Sigma, dM[0], "dM0");
        Tolerance.AssertFormula(-(1 - Sigma), dM[1], "dM1");
        // 1 − σ(½) = 0.377540668798145…
        Tolerance.AssertFormula(0.3775406687981454, dM[0], "dM0 as a number");
        CentralDifferenceRunner.Check(Method("Mixture"), null, [new double[] { 0, 0 }, new double[] { 0, 1 }, new double[] { 0, 1 }]);
        CentralDifferenceRunner.Check(Method("Mixture"), null, [new double[] { 0.3, -0.2, 0.5 }, new double[] { 0.1, 0.9, -0.4 }, new double[] { 0.2, -0.7, 1.1, 0.4 }]);
    }

    [Fact]
    public void A_mean_and_a_prior_after_the_loop_by_hand()
    {
        Assert.True(IsFused(Source, "MixtureMean"));
        // The same point: the sum's gradient halved (n = 2), minus 0.1·Σ a² (∂ = −0.2·a = 0 at a = 0).
        var (value, dA, dM) = Backward("MixtureMean", [0, 0], [0, 1], [0, 1]);
        Tolerance.AssertFormula(Math.Log(1 + Math.Exp(-0.5)), value);
        Tolerance.AssertFormula(0.5, dA[0], "dA0");
        Tolerance.AssertFormula(0.5, dA[1], "dA1");
        Tolerance.AssertFormula((1 - Sigma) / 2, dM[0], "dM0");
        Tolerance.AssertFormula(-(1 - Sigma) / 2, dM[1], "dM1");
        CentralDifferenceRunner.Check(Method("MixtureMean"), null, [new double[] { 0.3, -0.2 }, new double[] { 0.1, 0.9 }, new double[] { 0.2, -0.7, 1.1 }]);
    }

    [Fact]
    public void A_break_and_a_branch_by_hand()
    {
        Assert.True(IsFused(Source, "Capped"));
        // a = (1, 2), m = (½, −1), x = (1, 9, 2): x0 = 1 takes the else branch, x1 = 9 the then branch and breaks (x2 is never
        // read). s_i = Σ a_j²(x_i − m_j)²: s0 = 1·0.25 + 4·4 = 16.25, s1 = 1·72.25 + 4·100 = 472.25; f = 3(−½ s0 + s1) = 1392.375.
        // ∂f/∂a_j = 3(−a_j(1 − m_j)² + 2a_j(9 − m_j)²) = (3·144.25, 3·392) = (432.75, 1176);
        // ∂f/∂m_j = 3(a_j²(1 − m_j) − 2a_j²(9 − m_j)) = (3(0.5 − 17), 3(8 − 80)) = (−49.5, −216).
        var (value, dA, dM) = Backward("Capped", [1, 2], [0.5, -1], [1, 9, 2]);
        Tolerance.AssertFormula(1392.375, value);
        Tolerance.AssertFormula(432.75, dA[0], "dA0");
        Tolerance.AssertFormula(1176, dA[1], "dA1");
        Tolerance.AssertFormula(-49.5, dM[0], "dM0");
        Tolerance.AssertFormula(-216, dM[1], "dM1");
        CentralDifferenceRunner.Check(Method("Capped"), null, [new double[] { 1, 2 }, new double[] { 0.5, -1 }, new double[] { 1, 9, 2 }]);
        CentralDifferenceRunner.Check(Method("Capped"), null, [new double[] { 0.7, -0.4, 1.2 }, new double[] { 0.5, -1, 0.2 }, new double[] { 2, 1, 3.5, 0.5 }]);
    }

    [Fact]
    public void A_float_method()
    {
        Assert.True(IsFused(Source, "MixtureF"));
        var dA = new float[2];
        var dM = new float[2];
        float value = (float)Method("MixtureFBackward").Invoke(null, [new float[] { 0, 0 }, new float[] { 0, 1 }, new float[] { 0, 1 }, dA, dM, 1f])!;
        Tolerance.AssertClose(2 * Math.Log(1 + Math.Exp(-0.5)), value, 1e-6, "value");
        Tolerance.AssertClose(1, dA[0], 1e-6, "dA0");
        Tolerance.AssertClose(1 - Sigma, dM[0], 1e-6, "dM0");
        Tolerance.AssertClose(-(1 - Sigma), dM[1], 1e-6, "dM1");
    }

    [Theory]
    [InlineData("Decayed")]
    [InlineData("ReadInside")]
    [InlineData("LogAfter")]
    [InlineData("Stale")]
    public void Loops_that_must_not_fuse_keep_the_sweep_and_their_gradient(string name)
    {
        Assert.False(IsFused(Source, name), name + " was fused");
        CentralDifferenceRunner.Check(Method(name), null, [new double[] { 0.7, -0.4, 1.2 }, new double[] { 0.5, -1, 0.2 }, new double[] { 0.3, 1, -0.5, 0.5 }]);
    }

    [Fact]
    public void Decayed_by_hand()
    {
        // a = (1), m = (0), x = (1, 2): s_i = x_i², total = 0.9·1 + 4 = 4.9 = a²(0.9·1 + 4); ∂/∂a = 2a·4.9 = 9.8,
        // ∂/∂m = −2a²(0.9·x0 + x1) = −2·(0.9 + 2) = −5.8.
        var (value, dA, dM) = Backward("Decayed", [1], [0], [1, 2]);
        Tolerance.AssertFormula(4.9, value);
        Tolerance.AssertFormula(9.8, dA[0], "dA0");
        Tolerance.AssertFormula(-5.8, dM[0], "dM0");
    }

    [Theory]
    [MemberData(nameof(LanguageVersionTests.Versions), MemberType = typeof(LanguageVersionTests))]
    public void Fused_backwards_compile_without_errors_or_warnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
    }
}
