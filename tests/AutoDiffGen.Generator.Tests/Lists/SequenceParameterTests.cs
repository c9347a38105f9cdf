using System.Collections;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Forward;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Lists;

/// <summary>
/// <c>IEnumerable&lt;T&gt;</c>, <c>ICollection&lt;T&gt;</c> and <c>IReadOnlyCollection&lt;T&gt;</c> parameters (double, float) that carry
/// a gradient (lists7): each generated method enumerates the sequence once into a buffer and reads it as a list parameter.
/// The adjoint is a <c>T[]</c> in enumeration order, the tangent a <c>ReadOnlySpan&lt;T&gt;</c>, the Jacobian's columns in
/// enumeration order. Hand-derived values and central differences in Backward, Forward and Jacobian; the sequence enumerated
/// once whatever the method does; what stays out gets its ADG id at the expression.
/// </summary>
public class SequenceParameterTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using AutoDiffGen;

        public static partial class SQ
        {
            // Math.NET StreamingStatistics.Mean, word for word: ∂/∂xᵢ = 1/n.
            [Differentiable(Forward = true, Jacobian = true)]
            public static double Mean(IEnumerable<double> stream)
            {
                double mean = 0;
                ulong m = 0;
                bool any = false;

                foreach (var d in stream)
                {
                    mean += (d - mean)/++m;
                    any = true;
                }

                return any ? mean : double.NaN;
            }

            public static double MeanTangent(IEnumerable<double> stream, double[] t) { MeanForward(stream, t, out var r); return r; }

            public static double[] MeanJacobianAt(IEnumerable<double> stream, int n) { var j = new double[n]; MeanJacobian(stream, j); return j; }

            // The sequence read three times (Average, Sum, Count()): ∂/∂xᵢ = 2(xᵢ − m)/(n − 1).
            [Differentiable(Forward = true)]
            public static double SampleVariance(IEnumerable<double> data)
            {
                double mean = data.Average();
                return data.Sum(v => (v - mean) * (v - mean)) / (data.Count() - 1);
            }

            public static double SampleVarianceTangent(IEnumerable<double> data, double[] t) { SampleVarianceForward(data, t, out var r); return r; }

            // w·Σ v + max: ∂/∂xᵢ = w + [i = argmax], ∂/∂w = Σ v.
            [Differentiable]
            public static double Weighted(ICollection<double> values, double w) => values.Select(v => v * w).Sum() + values.Max();

            // √(Σ v²/n): ∂/∂xᵢ = xᵢ/(n·r).
            [Differentiable]
            public static double RootMeanSquare(IReadOnlyCollection<double> data)
            {
                double sum = 0;
                foreach (var v in data) sum += v * v;
                return Math.Sqrt(sum / data.Count);
            }

            // w·Σ v² in float: ∂/∂xᵢ = 2w·xᵢ, ∂/∂w = Σ v².
            [Differentiable]
            public static float Energy(IEnumerable<float> xs, float w)
            {
                float s = 0;
                foreach (var v in xs) s += v * v;
                return s * w;
            }

            // (w·Σ x, w·max x).
            [Differentiable(Jacobian = true)]
            public static (double, double) Pair(IEnumerable<double> xs, double w) => (xs.Sum() * w, xs.Max() * w);

            public static double[] PairJacobianAt(IEnumerable<double> xs, double w, int n) { var j = new double[2 * (n + 1)]; PairJacobian(xs, w, j); return j; }

            // A copy changed: l = xs + [w], l[0] *= w; Σ l = w·x₀ + Σᵢ≥₁ xᵢ + w.
            [Differentiable]
            public static double Copied(IEnumerable<double> xs, double w)
            {
                var l = xs.ToList();
                l.Add(w);
                l[0] *= w;
                return l.Sum();
            }

            // Pinned as ADG0006 before (Linq/LinqDiagnosticTests, Soundness/GradientLeakTests).
            [Differentiable] public static double PinnedSum(IEnumerable<double> xs, double w) => xs.Sum() * w;

            [Differentiable] public static double PinnedCollection(ICollection<double> xs, double w) => xs.Sum() * w;
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static Type SQ => Compiled.Value.GetType("SQ")!;

    private static readonly List<double> Xs = [0.5, -1.2, 2.0, 0.3];

    /// <summary>An IEnumerable that counts how often it is enumerated (and is no list, so the buffer copies it).</summary>
    private sealed class Counting(double[] values) : IEnumerable<double>
    {
        public int Enumerations { get; private set; }

        public IEnumerator<double> GetEnumerator()
        {
            Enumerations++;
            return ((IEnumerable<double>)values).GetEnumerator();
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    [Fact]
    public void Mean_Backward_Forward_Jacobian_ByHandAndCentralDifferences()
    {
        var r = CentralDifferenceRunner.Check(SQ.GetMethod("Mean")!, null, [Xs]);
        // n = 4: every ∂/∂xᵢ is 0.25.
        for (int i = 0; i < Xs.Count; i++) Tolerance.AssertFormula(0.25, r.Gradient[0]![i], "dStream[" + i + "]");
        double[] t = [0.3, -0.5, 0.8, 1.1];
        double tangent = (double)SQ.GetMethod("MeanTangent")!.Invoke(null, [Xs, t])!;
        double Along(double s) => (double)SQ.GetMethod("Mean")!.Invoke(null, [Xs.Select((v, i) => v + (s * t[i])).ToList()])!;
        const double h = 1e-6;
        // ⟨∇, t⟩ = (0.3 − 0.5 + 0.8 + 1.1)/4 = 0.425.
        TangentAssertions.AssertThreeWays(tangent, 0.425, (Along(h) - Along(-h)) / (2 * h), t.Select((ti, i) => r.Gradient[0]![i] * ti).Sum(), Along(0), single: false, "Mean");
        var j = (double[])SQ.GetMethod("MeanJacobianAt")!.Invoke(null, [Xs, Xs.Count])!;
        Assert.All(j, v => Tolerance.AssertFormula(0.25, v));
    }

    [Fact]
    public void SampleVariance_ReadThreeTimes_Backward_Forward_ByHandAndCentralDifferences()
    {
        var r = CentralDifferenceRunner.Check(SQ.GetMethod("SampleVariance")!, null, [Xs]);
        // m = 0.4; 2(xᵢ − m)/3 = 0.2/3, −3.2/3, 3.2/3, −0.2/3.
        double[] hand = [0.2 / 3, -3.2 / 3, 3.2 / 3, -0.2 / 3];
        for (int i = 0; i < Xs.Count; i++) Tolerance.AssertFormula(hand[i], r.Gradient[0]![i], "dData[" + i + "]");
        double[] t = [1.0, 0.5, -0.25, 2.0];
        double tangent = (double)SQ.GetMethod("SampleVarianceTangent")!.Invoke(null, [Xs, t])!;
        double Along(double s) => (double)SQ.GetMethod("SampleVariance")!.Invoke(null, [Xs.Select((v, i) => v + (s * t[i])).ToList()])!;
        const double h = 1e-6;
        TangentAssertions.AssertThreeWays(tangent, t.Select((ti, i) => hand[i] * ti).Sum(), (Along(h) - Along(-h)) / (2 * h),
            t.Select((ti, i) => r.Gradient[0]![i] * ti).Sum(), Along(0), single: false, "SampleVariance");
    }

    [Fact]
    public void GeneratedMethods_EnumerateTheSequenceOnce_AndALazySequenceGetsTheListsGradient()
    {
        var counting = new Counting([.. Xs]);
        var backward = SQ.GetMethod("SampleVarianceBackward")!;
        var d = new double[Xs.Count];
        double value = (double)backward.Invoke(null, [counting, d, 1.0])!;
        Assert.Equal(1, counting.Enumerations);
        var plain = new Counting([.. Xs]);
        Assert.Equal((double)SQ.GetMethod("SampleVariance")!.Invoke(null, [plain])!, value);
        // The method as written enumerates it three times; the value is the same as long as the sequence yields the same values.
        Assert.Equal(3, plain.Enumerations);
        var fromList = new double[Xs.Count];
        backward.Invoke(null, [Xs, fromList, 1.0]);
        Assert.Equal(fromList, d);
        var lazy = new double[Xs.Count];
        backward.Invoke(null, [Enumerable.Range(0, Xs.Count).Select(i => Xs[i]), lazy, 1.0]);
        Assert.Equal(fromList, lazy);
        var forwardCount = new Counting([.. Xs]);
        SQ.GetMethod("SampleVarianceTangent")!.Invoke(null, [forwardCount, new double[Xs.Count]]);
        Assert.Equal(1, forwardCount.Enumerations);
    }

    [Fact]
    public void ICollectionAndIReadOnlyCollection_ByHandAndCentralDifferences()
    {
        double w = 0.7;
        var r = CentralDifferenceRunner.Check(SQ.GetMethod("Weighted")!, null, [Xs, w]);
        // argmax is x₂ = 2: dValues = [0.7, 0.7, 1.7, 0.7], dW = Σ = 1.6.
        double[] hand = [0.7, 0.7, 1.7, 0.7];
        for (int i = 0; i < Xs.Count; i++) Tolerance.AssertFormula(hand[i], r.Gradient[0]![i], "dValues[" + i + "]");
        Tolerance.AssertFormula(1.6, r.Gradient[1]![0], "dW");
        var rms = CentralDifferenceRunner.Check(SQ.GetMethod("RootMeanSquare")!, null, [Xs]);
        double root = Math.Sqrt(Xs.Sum(v => v * v) / 4);
        // Σ v² = 5.78, r = √1.445; ∂/∂x₂ = 2/(4r).
        Tolerance.AssertFormula(2.0 / (4 * Math.Sqrt(1.445)), rms.Gradient[0]![2]);
        for (int i = 0; i < Xs.Count; i++) Tolerance.AssertFormula(Xs[i] / (4 * root), rms.Gradient[0]![i], "dData[" + i + "]");
    }

    [Fact]
    public void FloatSequence_ByHandAndCentralDifferences()
    {
        List<float> xs = [0.5f, -1.5f, 2.0f];
        float w = 0.8f;
        var r = CentralDifferenceRunner.Check(SQ.GetMethod("Energy")!, null, [xs, w]);
        for (int i = 0; i < xs.Count; i++) Tolerance.AssertClose(2 * w * xs[i], r.Gradient[0]![i], 1e-5, "dXs[" + i + "]");
        // Σ v² = 0.25 + 2.25 + 4 = 6.5.
        Tolerance.AssertClose(6.5, r.Gradient[1]![0], 1e-5, "dW");
        Assert.NotNull(SQ.GetMethod("EnergyBackward", [typeof(IEnumerable<float>), typeof(float), typeof(float[]), typeof(float).MakeByRefType(), typeof(float)]));
    }

    [Fact]
    public void Pair_Jacobian_ColumnsInEnumerationOrder_ByHandAndCentralDifferences()
    {
        double w = -0.9, h = 1e-6;
        var j = (double[])SQ.GetMethod("PairJacobianAt")!.Invoke(null, [Xs.Select(v => v), w, Xs.Count])!;
        // Row 0: w for each x, Σ x = 1.6 for w; row 1: w at the argmax (x₂), max = 2 for w.
        double[] hand = [w, w, w, w, 1.6, 0, 0, w, 0, 2.0];
        var pair = SQ.GetMethod("Pair")!;
        (double, double) At(List<double> a, double b) => ((double, double))pair.Invoke(null, [a, b])!;
        for (int k = 0; k < hand.Length; k++) Tolerance.AssertFormula(hand[k], j[k], "J[" + k + "]");
        for (int i = 0; i < Xs.Count; i++)
        {
            var up = Xs.ToList(); up[i] += h;
            var down = Xs.ToList(); down[i] -= h;
            Assert.Equal((At(up, w).Item1 - At(down, w).Item1) / (2 * h), j[i], 6);
            Assert.Equal((At(up, w).Item2 - At(down, w).Item2) / (2 * h), j[5 + i], 6);
        }
    }

    [Fact]
    public void CopiedToALocalList_ThenChanged()
    {
        List<double> xs = [1.5, -0.5, 0.25];
        double w = 0.6;
        var r = CentralDifferenceRunner.Check(SQ.GetMethod("Copied")!, null, [xs, w]);
        double[] hand = [w, 1, 1];
        for (int i = 0; i < xs.Count; i++) Tolerance.AssertFormula(hand[i], r.Gradient[0]![i]);
        // ∂/∂w = x₀ + 1 = 2.5.
        Tolerance.AssertFormula(2.5, r.Gradient[1]![0]);
    }

    [Fact]
    public void FormerlyPinned_AreDifferentiated()
    {
        List<double> xs = [0.5, -2.0, 1.25];
        var sum = CentralDifferenceRunner.Check(SQ.GetMethod("PinnedSum")!, null, [xs, 1.5]);
        Assert.All(sum.Gradient[0]!, g => Tolerance.AssertFormula(1.5, g));
        Tolerance.AssertFormula(-0.25, sum.Gradient[1]![0]);
        var collection = CentralDifferenceRunner.Check(SQ.GetMethod("PinnedCollection")!, null, [xs, 2.0]);
        Assert.All(collection.Gradient[0]!, g => Tolerance.AssertFormula(2.0, g));
    }

    [Fact]
    public void ANullSequence_IsArgumentNullException_AndTheAdjointMustHaveItsCount()
    {
        var e = Assert.Throws<TargetInvocationException>(() => SQ.GetMethod("MeanBackward")!.Invoke(null, [null, new double[0], 1.0]));
        Assert.Equal("stream", Assert.IsType<ArgumentNullException>(e.InnerException).ParamName);
        var f = Assert.Throws<TargetInvocationException>(() => SQ.GetMethod("MeanTangent")!.Invoke(null, [null, new double[0]]));
        Assert.Equal("stream", Assert.IsType<ArgumentNullException>(f.InnerException).ParamName);
        var g = Assert.Throws<TargetInvocationException>(() => SQ.GetMethod("MeanBackward")!.Invoke(null, [Xs.Select(v => v), new double[3], 1.0]));
        Assert.IsType<ArgumentException>(g.InnerException);
        Assert.Contains("dStream", g.InnerException!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ICollection<double>", "xs.Add(x);", "ADG0003", "xs.Add(x)")]
    [InlineData("ICollection<double>", "xs.Clear();", "ADG0003", "xs.Clear()")]
    [InlineData("ICollection<double>", "xs.Remove(x);", "ADG0003", "xs.Remove(x)")]
    // A second name never assigned again is the parameter since linq24 (var m = xs; s += m.Sum(); builds); assigned again it
    // is refused at the parameter it names.
    [InlineData("IEnumerable<double>", "var m = xs; m = xs; s += m.Sum();", "ADG0003", "xs")]
    // A plain helper reading its IEnumerable parameter as a sequence is inlined since linq22 (Linq22/SequenceHelperTests);
    // one giving it a second name is one ADG0004 at the call (ADG0003 at 'xs' before, for any plain helper).
    [InlineData("IEnumerable<double>", "s += Helper(xs);", "ADG0004", "Helper(xs)")]
    [InlineData("IEnumerable<double>", "s += First(xs.Skip(1));", "ADG0003", "xs.Skip(1)")] // First(xs) itself: lists8, ListArgumentTests
    [InlineData("IEnumerable<double>", "foreach (float v in xs) s += v;", "ADG0003", "xs")]
    [InlineData("IEnumerable<double>", "using (var e = xs.GetEnumerator()) { e.Reset(); }", "ADG0003", "e.Reset()")] // the walk itself: enum9, EnumeratorWalkTests
    [InlineData("IEnumerable<double>", "s += xs.Skip(1).Sum();", "ADG0003", "xs.Skip(1)")]
    [InlineData("IReadOnlyCollection<double>", "s += xs.First();", "ADG0003", "xs.First()")]
    public void WritesAndUnfollowedUses_AreAnErrorAtTheExpression(string type, string statement, string id, string at)
    {
        string source = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using AutoDiffGen;
            public static partial class R
            {
                static double Helper(IEnumerable<double> v) { var w = v; return w.Sum(); }
                [Differentiable] static double First(IEnumerable<double> v) => v.Sum();

                [Differentiable]
                public static double F(TYPE xs, double x)
                {
                    double s = xs.Sum() * x;
                    STATEMENT
                    return s;
                }
            }
            """.Replace("TYPE", type).Replace("STATEMENT", statement);
        OutsideErrors.AssertAt(source, id, at, ".F_");
    }

    [Fact]
    public void HessianMode_IsADG0019AtTheParameter_AndANullableSequence_ADG0006()
    {
        OutsideErrors.AssertAt("""
            using System.Collections.Generic;
            using System.Linq;
            using AutoDiffGen;
            public static partial class H
            {
                [Differentiable(Hessian = true)]
                public static double F(IEnumerable<double> xs, double w) => xs.Sum() * w;
            }
            """, "ADG0019", "IEnumerable<double> xs", ".F_");
        OutsideErrors.AssertAt("""
            #nullable enable
            using System.Collections.Generic;
            using System.Linq;
            using AutoDiffGen;
            public static partial class N
            {
                [Differentiable]
                public static double F(IEnumerable<double>? xs, double w) => xs!.Sum() * w;
            }
            """, "ADG0006", "IEnumerable<double>? xs", ".F_");
    }
}
