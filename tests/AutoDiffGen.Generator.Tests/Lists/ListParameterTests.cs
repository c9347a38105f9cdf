using System.Reflection;
using AutoDiffGen.Generator.Tests.Forward;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Lists;

/// <summary>
/// <c>List&lt;double&gt;</c>, <c>IList&lt;double&gt;</c>, <c>IReadOnlyList&lt;double&gt;</c> and <c>List&lt;float&gt;</c> parameters that
/// carry a gradient: read by index, <c>^k</c>, <c>Count</c>, <c>foreach</c>, LINQ, copied by <c>ToList()</c>/<c>ToArray()</c>. The
/// adjoint is a <c>T[]</c> of the list's Count (as a <c>T[]</c> parameter's), the tangent a <c>ReadOnlySpan&lt;T&gt;</c>. Hand-derived
/// values and central differences in Backward, Forward and Jacobian; what stays out gets its ADG id at the expression.
/// </summary>
public class ListParameterTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using AutoDiffGen;

        public static partial class LP
        {
            // Σ w·xᵢ² (by index) + Σ xᵢ·w (foreach) + Σ xᵢ (LINQ) + x_last · max(xs).
            [Differentiable(Forward = true, Jacobian = true)]
            public static double Loss(List<double> xs, double w)
            {
                double s = 0;
                for (int i = 0; i < xs.Count; i++) s += xs[i] * xs[i] * w;
                foreach (var v in xs) s += v * w;
                return s + xs.Sum() + xs[^1] * xs.Max();
            }

            public static double LossTangent(List<double> xs, double w, double[] tXs, double tW) { LossForward(xs, w, tXs, tW, out var t); return t; }

            public static double[] LossJacobianAt(List<double> xs, double w) { var j = new double[xs.Count + 1]; LossJacobian(xs, w, j); return j; }

            // w·Σ xᵢ² + mean(ys)·xs[0].
            [Differentiable(Forward = true)]
            public static double Mixed(IReadOnlyList<double> xs, IList<double> ys, double w) => xs.Select(v => v * v).Sum() * w + ys.Average() * xs[0];

            public static double MixedTangent(IReadOnlyList<double> xs, IList<double> ys, double w, double[] tXs, double[] tYs, double tW) { MixedForward(xs, ys, w, tXs, tYs, tW, out var t); return t; }

            // w·S·x₁, S = Σ xᵢ, in float.
            [Differentiable]
            public static float Floats(List<float> xs, float w)
            {
                float s = 0;
                foreach (var v in xs) s += v * w;
                return s * xs[1];
            }

            // (w·Σ xᵢ, x₀·x_last).
            [Differentiable(Jacobian = true)]
            public static (double, double) Pair(IReadOnlyList<double> xs, double w) => (xs.Sum() * w, xs[0] * xs[^1]);

            public static double[] PairJacobianAt(IReadOnlyList<double> xs, double w) { var j = new double[2 * (xs.Count + 1)]; PairJacobian(xs, w, j); return j; }

            // A local copy changed freely: l = xs + [y²], l[0] *= y; Σ l = y·x₀ + Σᵢ≥₁ xᵢ + y².
            [Differentiable(Forward = true)]
            public static double Copied(List<double> xs, double y)
            {
                var l = xs.ToList();
                l.Add(y * y);
                l[0] *= y;
                return l.Sum();
            }

            public static double CopiedTangent(List<double> xs, double y, double[] tXs, double tY) { CopiedForward(xs, y, tXs, tY, out var t); return t; }

            // A while on the count and an array copy: a = xs.ToArray(), a[0] *= 2; Σ a · y + Σ xᵢxᵢ₊₁.
            [Differentiable(Forward = true)]
            public static double Walked(IList<double> xs, double y)
            {
                var a = xs.ToArray();
                a[0] *= 2;
                double s = a.Sum() * y;
                int i = 0;
                while (i + 1 < xs.Count) { s += xs[i] * xs[i + 1]; i++; }
                return s;
            }

            public static double WalkedTangent(IList<double> xs, double y, double[] tXs, double tY) { WalkedForward(xs, y, tXs, tY, out var t); return t; }

            // A second name never assigned again (linq24) read by index and Count: s = k·x₀·Σ xᵢ.
            [Differentiable(Forward = true)]
            public static double SecondName(IReadOnlyList<double> xs, double k)
            {
                IReadOnlyList<double> m = xs;
                double s = 0;
                for (int i = 0; i < m.Count; i++) s += m[i] * m[0] * k;
                return s;
            }

            public static double SecondNameTangent(IReadOnlyList<double> xs, double k, double[] tXs, double tK) { SecondNameForward(xs, k, tXs, tK, out var t); return t; }

            // Pinned as ADG0006 before (Linq/LinqDiagnosticTests, Soundness/GradientLeakTests).
            [Differentiable] public static double PinnedSum(List<double> xs, double w) => xs.Sum() * w;

            [Differentiable] public static double PinnedFirst(List<double> xs) => xs[0];

            // A bad index throws what List throws.
            [Differentiable]
            public static double Beyond(List<double> xs, int i) => xs[i] * xs[0];
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static Type LP => Compiled.Value.GetType("LP")!;

    private static readonly List<double> Xs = [0.5, -1.2, 2.0, 0.3];

    /// <summary>∂Loss/∂xᵢ = 2w·xᵢ + w + 1 (+ max at the last, + x_last at the argmax); ∂Loss/∂w = Σ xᵢ² + Σ xᵢ.</summary>
    private static double[] LossGradient(List<double> xs, double w)
    {
        int last = xs.Count - 1, argmax = xs.IndexOf(xs.Max());
        var g = new double[xs.Count + 1];
        for (int i = 0; i < xs.Count; i++) g[i] = (2 * w * xs[i]) + w + 1 + (i == last ? xs.Max() : 0) + (i == argmax ? xs[last] : 0);
        g[xs.Count] = xs.Sum(v => v * v) + xs.Sum();
        return g;
    }

    [Fact]
    public void Loss_Backward_ByHandAndCentralDifferences()
    {
        double w = 0.7;
        var r = CentralDifferenceRunner.Check(LP.GetMethod("Loss")!, null, [Xs, w]);
        var hand = LossGradient(Xs, w);
        // At xs = [0.5, -1.2, 2, 0.3], w = 0.7: dXs[2] = 2.8 + 0.7 + 1 + 0.3 = 4.8, dXs[3] = 0.42 + 0.7 + 1 + 2 = 4.12, dW = 5.78 + 1.6 = 7.38.
        Tolerance.AssertFormula(4.8, r.Gradient[0]![2]);
        Tolerance.AssertFormula(4.12, r.Gradient[0]![3]);
        Tolerance.AssertFormula(7.38, r.Gradient[1]![0]);
        for (int i = 0; i < Xs.Count; i++) Tolerance.AssertFormula(hand[i], r.Gradient[0]![i], "dXs[" + i + "]");
        Tolerance.AssertFormula(hand[Xs.Count], r.Gradient[1]![0], "dW");
    }

    [Fact]
    public void Loss_Forward_ThreeWays()
    {
        double w = 0.7, tW = -0.4;
        double[] t = [0.3, -0.5, 0.8, 1.1];
        var hand = LossGradient(Xs, w);
        double expected = hand[Xs.Count] * tW + Enumerable.Range(0, Xs.Count).Sum(i => hand[i] * t[i]);
        double tangent = (double)LP.GetMethod("LossTangent")!.Invoke(null, [Xs, w, t, tW])!;
        var reverse = CentralDifferenceRunner.Check(LP.GetMethod("Loss")!, null, [Xs, w]).Gradient;
        double Along(double s) => (double)LP.GetMethod("Loss")!.Invoke(null, [Xs.Select((v, i) => v + (s * t[i])).ToList(), w + (s * tW)])!;
        const double h = 1e-6;
        TangentAssertions.AssertThreeWays(tangent, expected, (Along(h) - Along(-h)) / (2 * h),
            reverse[1]![0] * tW + Enumerable.Range(0, Xs.Count).Sum(i => reverse[0]![i] * t[i]), Along(0), single: false, "Loss");
    }

    [Fact]
    public void Loss_Jacobian_IsTheGradient()
    {
        var j = (double[])LP.GetMethod("LossJacobianAt")!.Invoke(null, [Xs, 0.7])!;
        var hand = LossGradient(Xs, 0.7);
        Assert.Equal(hand.Length, j.Length);
        for (int k = 0; k < hand.Length; k++) Tolerance.AssertFormula(hand[k], j[k]);
    }

    /// <summary>
    /// s = k·x₀·Σ xᵢ through <c>IReadOnlyList&lt;double&gt; m = xs;</c>: ∂s/∂x₀ = k·(Σ x + x₀), ∂s/∂xᵢ = k·x₀ (i ≥ 1), ∂s/∂k = x₀·Σ x.
    /// At x = (0.7, −0.4, 1.3), k = 1.5 (Σ x = 1.6): (3.45, 1.05, 1.05) and 1.12.
    /// </summary>
    [Fact]
    public void SecondNameReadByIndex_Backward_And_Forward_ByHand()
    {
        IReadOnlyList<double> xs = new List<double> { 0.7, -0.4, 1.3 };
        const double k = 1.5;
        var r = CentralDifferenceRunner.Check(LP.GetMethod("SecondName")!, null, [xs, k]);
        double[] hand = [3.45, 1.05, 1.05];
        for (int i = 0; i < hand.Length; i++) Tolerance.AssertFormula(hand[i], r.Gradient[0]![i], "dXs[" + i + "]");
        Tolerance.AssertFormula(1.12, r.Gradient[1]![0], "dK");

        double[] tX = [0.2, -0.1, 0.3];
        const double tK = -0.5;
        double tangent = (double)LP.GetMethod("SecondNameTangent")!.Invoke(null, [xs, k, tX, tK])!;
        double handTangent = (3.45 * 0.2) + (1.05 * -0.1) + (1.05 * 0.3) + (1.12 * tK);
        double Along(double s) => (double)LP.GetMethod("SecondName")!.Invoke(null, [xs.Select((v, i) => v + (s * tX[i])).ToList(), k + (s * tK)])!;
        const double h = 1e-6;
        double reverse = Enumerable.Range(0, 3).Sum(i => r.Gradient[0]![i] * tX[i]) + (r.Gradient[1]![0] * tK);
        TangentAssertions.AssertThreeWays(tangent, handTangent, (Along(h) - Along(-h)) / (2 * h), reverse, Along(0), single: false, "SecondName");
    }

    [Fact]
    public void ReadOnlyListAndIList_Backward_And_Forward()
    {
        IReadOnlyList<double> xs = new List<double> { 0.4, -0.9, 1.3 };
        List<double> ys = [2.0, -0.5];
        double w = 1.7, mean = ys.Average();
        var r = CentralDifferenceRunner.Check(LP.GetMethod("Mixed")!, null, [xs, ys, w]);
        for (int i = 0; i < xs.Count; i++) Tolerance.AssertFormula((2 * w * xs[i]) + (i == 0 ? mean : 0), r.Gradient[0]![i]);
        for (int j = 0; j < ys.Count; j++) Tolerance.AssertFormula(xs[0] / ys.Count, r.Gradient[1]![j]);
        Tolerance.AssertFormula(xs.Sum(v => v * v), r.Gradient[2]![0]);

        double[] tX = [0.2, 0.1, -0.3], tY = [0.5, -1.0];
        double tW = 0.25;
        double hand = (xs.Sum(v => v * v) * tW) + Enumerable.Range(0, 3).Sum(i => ((2 * w * xs[i]) + (i == 0 ? mean : 0)) * tX[i]) + (xs[0] / 2 * (tY[0] + tY[1]));
        double tangent = (double)LP.GetMethod("MixedTangent")!.Invoke(null, [xs, ys, w, tX, tY, tW])!;
        double Along(double s) => (double)LP.GetMethod("Mixed")!.Invoke(null, [xs.Select((v, i) => v + (s * tX[i])).ToList(), ys.Select((v, i) => v + (s * tY[i])).ToList(), w + (s * tW)])!;
        const double h = 1e-6;
        double reverse = (r.Gradient[2]![0] * tW) + Enumerable.Range(0, 3).Sum(i => r.Gradient[0]![i] * tX[i]) + Enumerable.Range(0, 2).Sum(j => r.Gradient[1]![j] * tY[j]);
        TangentAssertions.AssertThreeWays(tangent, hand, (Along(h) - Along(-h)) / (2 * h), reverse, Along(0), single: false, "Mixed");
    }

    [Fact]
    public void FloatList_ByHandAndCentralDifferences()
    {
        List<float> xs = [0.5f, -1.5f, 2.0f];
        float w = 0.8f;
        var r = CentralDifferenceRunner.Check(LP.GetMethod("Floats")!, null, [xs, w]);
        double s = xs.Sum();
        for (int i = 0; i < xs.Count; i++) Tolerance.AssertClose((w * xs[1]) + (i == 1 ? w * s : 0), r.Gradient[0]![i], 1e-5, "dXs[" + i + "]");
        Tolerance.AssertClose(s * xs[1], r.Gradient[1]![0], 1e-5, "dW");
    }

    [Fact]
    public void Pair_Jacobian_ByHandAndCentralDifferences()
    {
        IReadOnlyList<double> xs = new List<double> { 0.6, -0.2, 1.4 };
        double w = -0.9, h = 1e-6;
        var j = (double[])LP.GetMethod("PairJacobianAt")!.Invoke(null, [xs, w])!;
        double[] hand = [w, w, w, xs.Sum(), xs[2], 0, xs[0], 0];
        var pair = LP.GetMethod("Pair")!;
        (double, double) At(IReadOnlyList<double> a, double b) => ((double, double))pair.Invoke(null, [a, b])!;
        for (int k = 0; k < hand.Length; k++) Tolerance.AssertFormula(hand[k], j[k], "J[" + k + "]");
        for (int i = 0; i < xs.Count; i++)
        {
            var up = xs.ToList(); up[i] += h;
            var down = xs.ToList(); down[i] -= h;
            Assert.Equal((At(up, w).Item1 - At(down, w).Item1) / (2 * h), j[i], 6);
            Assert.Equal((At(up, w).Item2 - At(down, w).Item2) / (2 * h), j[4 + i], 6);
        }
    }

    [Fact]
    public void CopiedToALocalList_ThenChanged_Backward_And_Forward()
    {
        List<double> xs = [1.5, -0.5, 0.25];
        double y = 0.6;
        var r = CentralDifferenceRunner.Check(LP.GetMethod("Copied")!, null, [xs, y]);
        Tolerance.AssertFormula(y, r.Gradient[0]![0]);
        Tolerance.AssertFormula(1, r.Gradient[0]![1]);
        Tolerance.AssertFormula(1, r.Gradient[0]![2]);
        Tolerance.AssertFormula(xs[0] + (2 * y), r.Gradient[1]![0]);
        double[] t = [1.0, 2.0, -1.0];
        double tangent = (double)LP.GetMethod("CopiedTangent")!.Invoke(null, [xs, y, t, 0.5])!;
        Tolerance.AssertFormula((y * 1.0) + 2.0 - 1.0 + ((xs[0] + (2 * y)) * 0.5), tangent);
        Assert.Equal(new List<double> { 1.5, -0.5, 0.25 }, xs);
    }

    [Fact]
    public void WhileOnCountAndArrayCopy_ByHandAndCentralDifferences()
    {
        List<double> xs = [0.9, -0.4, 1.1, 0.2];
        double y = -1.3;
        var r = CentralDifferenceRunner.Check(LP.GetMethod("Walked")!, null, [xs, y]);
        for (int i = 0; i < xs.Count; i++)
        {
            double neighbours = (i > 0 ? xs[i - 1] : 0) + (i + 1 < xs.Count ? xs[i + 1] : 0);
            Tolerance.AssertFormula(((i == 0 ? 2 : 1) * y) + neighbours, r.Gradient[0]![i], "dXs[" + i + "]");
        }
        Tolerance.AssertFormula((2 * xs[0]) + xs.Skip(1).Sum(), r.Gradient[1]![0]);

        double[] t = [0.5, -1.0, 0.25, 2.0];
        double tY = 0.75;
        double hand = (((2 * xs[0]) + xs.Skip(1).Sum()) * tY) + Enumerable.Range(0, 4).Sum(i => (((i == 0 ? 2 : 1) * y) + (i > 0 ? xs[i - 1] : 0) + (i < 3 ? xs[i + 1] : 0)) * t[i]);
        double tangent = (double)LP.GetMethod("WalkedTangent")!.Invoke(null, [xs, y, t, tY])!;
        double Along(double s) => (double)LP.GetMethod("Walked")!.Invoke(null, [xs.Select((v, i) => v + (s * t[i])).ToList(), y + (s * tY)])!;
        const double h = 1e-6;
        double reverse = (r.Gradient[1]![0] * tY) + Enumerable.Range(0, 4).Sum(i => r.Gradient[0]![i] * t[i]);
        TangentAssertions.AssertThreeWays(tangent, hand, (Along(h) - Along(-h)) / (2 * h), reverse, Along(0), single: false, "Walked");
    }

    [Fact]
    public void FormerlyPinned_AreDifferentiated()
    {
        List<double> xs = [0.5, -2.0, 1.25];
        var sum = CentralDifferenceRunner.Check(LP.GetMethod("PinnedSum")!, null, [xs, 1.5]);
        Assert.All(sum.Gradient[0]!, g => Tolerance.AssertFormula(1.5, g));
        Tolerance.AssertFormula(-0.25, sum.Gradient[1]![0]);
        var first = CentralDifferenceRunner.Check(LP.GetMethod("PinnedFirst")!, null, [xs]);
        Assert.Equal(new[] { 1.0, 0.0, 0.0 }, first.Gradient[0]);
    }

    [Fact]
    public void TheAdjointMustHaveTheListsCount_AndABadIndexThrowsAsListDoes()
    {
        var backward = LP.GetMethod("LossBackward")!;
        var e = Assert.Throws<TargetInvocationException>(() => backward.Invoke(null, [Xs, 0.7, new double[3], 0.0, 1.0]));
        Assert.IsType<ArgumentException>(e.InnerException);
        Assert.Contains("dXs", e.InnerException!.Message, StringComparison.Ordinal);
        var beyond = LP.GetMethod("BeyondBackward")!;
        var f = Assert.Throws<TargetInvocationException>(() => beyond.Invoke(null, [Xs, 4, new double[4], 1.0]));
        Assert.IsType<ArgumentOutOfRangeException>(f.InnerException);
    }

    [Fact]
    public void TheGeneratedSignatures_KeepTheDeclaredListTypes()
    {
        Assert.NotNull(LP.GetMethod("MixedBackward", [typeof(IReadOnlyList<double>), typeof(IList<double>), typeof(double), typeof(double[]), typeof(double[]), typeof(double).MakeByRefType(), typeof(double)]));
        Assert.NotNull(LP.GetMethod("FloatsBackward", [typeof(List<float>), typeof(float), typeof(float[]), typeof(float).MakeByRefType(), typeof(float)]));
    }

    [Theory]
    [InlineData("List<double>", "xs[0] = x;", "xs[0]")]
    [InlineData("List<double>", "xs[^1] += x;", "xs[^1]")]
    [InlineData("List<double>", "xs[1]++;", "xs[1]")]
    [InlineData("List<double>", "xs.Add(x);", "xs.Add(x)")]
    [InlineData("IList<double>", "xs.Clear();", "xs.Clear()")]
    [InlineData("IList<double>", "xs.Insert(0, x);", "xs.Insert(0, x)")]
    [InlineData("List<double>", "xs.RemoveAt(0);", "xs.RemoveAt(0)")]
    [InlineData("List<double>", "xs.Sort();", "xs.Sort()")]
    [InlineData("List<double>", "xs.Sort((a, b) => b.CompareTo(a));", "xs.Sort((a, b) => b.CompareTo(a))")]
    [InlineData("List<double>", "var m = xs; m[0] = x;", "xs")]
    // A second name never assigned again is the parameter since linq24; assigned again it is refused at the parameter.
    [InlineData("IReadOnlyList<double>", "var m = xs; m = xs; s += m[0];", "xs")]
    [InlineData("List<double>", "s += Helper(xs);", "xs")]
    [InlineData("List<double>", "s += First(xs.Skip(1).ToList());", "xs.Skip(1).ToList()")] // First(xs) itself: lists8, ListArgumentTests
    [InlineData("List<double>", "foreach (float v in xs) s += v;", "xs")]
    public void WritesAndUnfollowedUses_AreAnErrorAtTheExpression(string type, string statement, string at)
    {
        string source = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using AutoDiffGen;

            public static partial class R
            {
                static readonly List<double> Constants = new List<double> { 1, 2 };

                static double Helper(List<double> v) => v[0];

                [Differentiable] static double First(IReadOnlyList<double> v) => v[0];

                [Differentiable]
                public static double F(TYPE xs, double x)
                {
                    double s = xs[0] * x;
                    STATEMENT
                    return s + xs[1];
                }
            }
            """.Replace("TYPE", type).Replace("STATEMENT", statement);
        OutsideErrors.AssertAt(source, "ADG0003", at, ".F_");
    }

    [Fact]
    public void ALambdaThatChangesTheList_IsAnErrorAtTheWrite()
    {
        OutsideErrors.AssertAt("""
            using System;
            using System.Collections.Generic;
            using AutoDiffGen;
            public static partial class R
            {
                [Differentiable]
                public static double F(List<double> xs, double x) { Action<double> put = v => xs.Add(v); put(x); return xs[0] * x; }
            }
            """, "ADG0003", "xs.Add(v)", ".F_"); // since lists11 the Action is inlined, so the write is reported where it is
    }

    [Fact]
    public void HessianMode_IsADG0019AtTheParameter_AndANullableList_ADG0006()
    {
        OutsideErrors.AssertAt("""
            using System.Collections.Generic;
            using AutoDiffGen;
            public static partial class H
            {
                [Differentiable(Hessian = true)]
                public static double F(List<double> xs, double w) => xs[0] * w;
            }
            """, "ADG0019", "List<double> xs", ".F_");
        OutsideErrors.AssertAt("""
            #nullable enable
            using System.Collections.Generic;
            using AutoDiffGen;
            public static partial class N
            {
                [Differentiable]
                public static double F(List<double>? xs, double w) => xs![0] * w;
            }
            """, "ADG0006", "List<double>? xs", ".F_");
    }
}
