using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Linq;

/// <summary>
/// LINQ that makes an array, lowered to the loop it runs into a new local array: <c>x.Select(v =&gt; f(v)).ToArray()</c>,
/// <c>Select((v, i) =&gt; …)</c>, <c>Enumerable.Range(0, n).Select(i =&gt; …)</c>, <c>Zip</c>, and <c>OrderBy(v =&gt; v)</c> /
/// <c>OrderByDescending(v =&gt; v)</c> of these, read by <c>ToArray()</c>, <c>First()</c>, <c>Last()</c>, <c>ElementAt(k)</c>,
/// in loops too, Backward and <c>Forward = true</c>: each by hand and against central differences (points whose values
/// are distinct and farther apart than the step), the values equal to LINQ's (a stable sort, 0.0 and -0.0 in their order).
/// </summary>
public class SelectToArrayTests
{
    private const string Source = """
        using System;
        using System.Linq;
        using AutoDiffGen;

        public static partial class L
        {
            // The natural program (Natural/Batch V01_Calls.cs): x0² + x1²·x2².
            [Differentiable(Forward = true)]
            public static double Squares(double[] x)
            {
                var sq = x.Select(v => v * v).ToArray();
                return sq[0] + sq[1] * sq[2];
            }

            // Σ_i (i + 1)·w·x_i, through an indexed Select and a Range.
            [Differentiable(Forward = true)]
            public static double Indexed(double[] x, double w)
            {
                var a = x.Select((v, i) => v * w * (i + 1)).ToArray();
                var b = Enumerable.Range(0, x.Length).Select(i => a[i] + x[i] * 0.0).ToArray();
                double s = 0;
                for (int i = 0; i < b.Length; i++) s += b[i];
                return s;
            }

            // Zip: Σ x_i·y_i over the shorter.
            [Differentiable]
            public static double Zipped(double[] x, double[] y)
            {
                var p = x.Zip(y, (a, b) => a * b).ToArray();
                return p.Sum();
            }

            // The natural program (Natural/Batch U06_Api.cs): min + the first of the sorted values = 2·min.
            [Differentiable(Forward = true)]
            public static double Smallest(double[] x) => x.Min() + x.OrderBy(v => v).First();

            // Order statistics of the squares: the largest, the second smallest, the smallest (descending's last).
            [Differentiable(Forward = true)]
            public static double Order(double[] x) =>
                x.Select(v => v * v).OrderBy(v => v).Last() * 2 + x.OrderBy(v => v).ElementAt(1) + x.Select(v => v * v).OrderByDescending(v => v).Last();

            // Rank-weighted sum of a sorted copy, descending: Σ (k + 1)·sorted_k.
            [Differentiable(Forward = true)]
            public static double Ranked(double[] x, double w)
            {
                var s = x.Select(v => v * w).OrderByDescending(v => v).ToArray();
                double r = 0;
                for (int k = 0; k < s.Length; k++) r += (k + 1) * s[k];
                return r;
            }

            // In a loop: each round a fresh sorted array of x·(r + 1) + y; the median of three.
            [Differentiable]
            public static double Rounds(double[] x, double y, int rounds)
            {
                double t = 0;
                for (int r = 0; r < rounds; r++)
                {
                    var s = x.Select(v => v * (r + 1) + y).OrderBy(v => v).ToArray();
                    t += s[1] * s[2];
                }
                return t;
            }

            // Sorted as LINQ sorts: 0.0 and −0.0 keep their order, so s1·s2's sign is LINQ's.
            [Differentiable]
            public static double SignedZero(double[] x) { var s = x.OrderBy(v => v).ToArray(); return s[1] * s[2]; }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static Type L => Compiled.Value.GetType("L")!;

    private delegate double ForwardArray(double[] x, ReadOnlySpan<double> tX, out double tResult);

    private delegate double ForwardArrayScalar(double[] x, double w, ReadOnlySpan<double> tX, double tW, out double tResult);

    private static double Forward(string name, double[] x, double[] t)
    {
        var forward = (ForwardArray)Delegate.CreateDelegate(typeof(ForwardArray), L.GetMethod(name + "Forward")!);
        forward(x, t, out double tResult);
        return tResult;
    }

    private static double Forward(string name, double[] x, double w, double[] t, double tW)
    {
        var forward = (ForwardArrayScalar)Delegate.CreateDelegate(typeof(ForwardArrayScalar), L.GetMethod(name + "Forward")!);
        forward(x, w, t, tW, out double tResult);
        return tResult;
    }

    [Fact]
    public void Squares_ByHandAndCentralDifferences()
    {
        double[] x = [0.7, -1.3, 0.4];
        var r = CentralDifferenceRunner.Check(L.GetMethod("Squares")!, null, [x]);
        double[] hand = [2 * x[0], 2 * x[1] * x[2] * x[2], 2 * x[2] * x[1] * x[1]];
        for (int j = 0; j < 3; j++) Tolerance.AssertFormula(hand[j], r.Gradient[0]![j]);
        double[] t = [1, -2, 0.5];
        Tolerance.AssertFormula(hand[0] - 2 * hand[1] + 0.5 * hand[2], Forward("Squares", x, t));
    }

    [Fact]
    public void Indexed_ByHandAndCentralDifferences()
    {
        double[] x = [0.3, -0.8, 1.6, 2.2];
        double w = 1.7;
        var r = CentralDifferenceRunner.Check(L.GetMethod("Indexed")!, null, [x, w]);
        for (int j = 0; j < 4; j++) Tolerance.AssertFormula(w * (j + 1), r.Gradient[0]![j]);
        double dw = Enumerable.Range(0, 4).Sum(j => x[j] * (j + 1));
        Tolerance.AssertFormula(dw, r.Gradient[1]![0]);
        double[] t = [1, 0, -1, 2];
        Tolerance.AssertFormula(Enumerable.Range(0, 4).Sum(j => w * (j + 1) * t[j]) + 0.5 * dw, Forward("Indexed", x, w, t, 0.5));
    }

    [Fact]
    public void Zipped_ByHandAndCentralDifferences()
    {
        double[] x = [0.3, -0.8, 1.6], y = [2.0, 0.5];
        var r = CentralDifferenceRunner.Check(L.GetMethod("Zipped")!, null, [x, y]);
        double[] hx = [y[0], y[1], 0], hy = [x[0], x[1]];
        for (int j = 0; j < 3; j++) Tolerance.AssertFormula(hx[j], r.Gradient[0]![j]);
        for (int j = 0; j < 2; j++) Tolerance.AssertFormula(hy[j], r.Gradient[1]![j]);
    }

    [Fact]
    public void Smallest_IsTwiceTheMinimum()
    {
        double[] x = [0.9, -0.4, 1.7, -1.2];
        var r = CentralDifferenceRunner.Check(L.GetMethod("Smallest")!, null, [x]);
        for (int j = 0; j < 4; j++) Tolerance.AssertFormula(j == 3 ? 2 : 0, r.Gradient[0]![j]);
        Tolerance.AssertFormula(2 * 0.25, Forward("Smallest", x, [1, 1, 1, 0.25]));
        Assert.Throws<TargetInvocationException>(() => L.GetMethod("SmallestBackward")!.Invoke(null, [Array.Empty<double>(), Array.Empty<double>(), 1.0]));
    }

    [Fact]
    public void Order_FirstLastElementAt_ByHandAndCentralDifferences()
    {
        // Squares 0.81, 0.16, 2.89, 1.44: largest x2², smallest x1². Values sorted: −1.2, −0.4, 0.9, 1.7: ElementAt(1) = x1.
        double[] x = [0.9, -0.4, 1.7, -1.2];
        var r = CentralDifferenceRunner.Check(L.GetMethod("Order")!, null, [x]);
        double[] hand = [0, 1 + 2 * x[1], 4 * x[2], 0];
        for (int j = 0; j < 4; j++) Tolerance.AssertFormula(hand[j], r.Gradient[0]![j]);
        double[] t = [1, -1, 0.5, 2];
        Tolerance.AssertFormula(Enumerable.Range(0, 4).Sum(j => hand[j] * t[j]), Forward("Order", x, t));
        Assert.Throws<TargetInvocationException>(() => L.GetMethod("OrderBackward")!.Invoke(null, [new[] { 1.0 }, new double[1], 1.0]));
    }

    [Fact]
    public void Ranked_Descending_ByHandAndCentralDifferences()
    {
        double[] x = [0.5, -1.5, 2.5, 1.0];
        double w = 0.8;
        var r = CentralDifferenceRunner.Check(L.GetMethod("Ranked")!, null, [x, w]);
        // w > 0: descending order of x: x2, x3, x0, x1 with weights 1, 2, 3, 4.
        double[] weight = [3, 4, 1, 2];
        for (int j = 0; j < 4; j++) Tolerance.AssertFormula(w * weight[j], r.Gradient[0]![j]);
        double dw = Enumerable.Range(0, 4).Sum(j => x[j] * weight[j]);
        Tolerance.AssertFormula(dw, r.Gradient[1]![0]);
        double[] t = [0.5, 1, -1, 2];
        Tolerance.AssertFormula(Enumerable.Range(0, 4).Sum(j => w * weight[j] * t[j]) - 0.3 * dw, Forward("Ranked", x, w, t, -0.3));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void Rounds_AFreshSortedArrayEachIteration(int rounds)
    {
        double[] x = [0.6, -0.9, 1.4];
        double y = 0.3;
        var r = CentralDifferenceRunner.Check(L.GetMethod("Rounds")!, null, [x, y, rounds]);
        // Sorted x·(r + 1) + y: [x1, x0, x2]·(r + 1) + y; t += s1·s2 = (x0(r+1) + y)(x2(r+1) + y).
        double d0 = 0, d2 = 0, dy = 0;
        for (int k = 0; k < rounds; k++)
        {
            double m = k + 1, s1 = x[0] * m + y, s2 = x[2] * m + y;
            d0 += m * s2;
            d2 += m * s1;
            dy += s1 + s2;
        }
        Tolerance.AssertFormula(d0, r.Gradient[0]![0]);
        Tolerance.AssertFormula(0, r.Gradient[0]![1]);
        Tolerance.AssertFormula(d2, r.Gradient[0]![2]);
        Tolerance.AssertFormula(dy, r.Gradient[1]![0]);
    }

    [Fact]
    public void OrderBy_IsStableAsLinq_ZerosKeepTheirOrder()
    {
        // LINQ: NaN, −1, 0.0 (x0), −0.0 (x2), 2: s1·s2 = (−1)·0.0 = −0.0; with the zeros swapped it would be +0.0.
        double[] x = [0.0, 2.0, -0.0, double.NaN, -1.0];
        var dX = new double[x.Length];
        double value = (double)L.GetMethod("SignedZeroBackward")!.Invoke(null, [x.ToArray(), dX, 1.0])!;
        double expected = (double)L.GetMethod("SignedZero")!.Invoke(null, [x.ToArray()])!;
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(expected));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(value));
        // The gradient reaches x4 (s1) with s2 = 0.0 and x0 (s2, the first zero) with s1 = −1.
        Assert.Equal(0.0, dX[4]);
        Assert.Equal(-1.0, dX[0]);
    }
}
