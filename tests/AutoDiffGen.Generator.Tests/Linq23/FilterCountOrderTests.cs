using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Linq23;

/// <summary>
/// Issue 13, linq23: the pairs of <c>a.Zip(b)</c> filtered by <c>Where(p =&gt; …)</c> (one filter or two) and read by a
/// selector; <c>Count(pred)</c> and <c>Where(…).Count()</c> over arrays and over pairs (an int, piecewise constant: a loop
/// that counts, used as an operand and in a condition); <c>OrderBy(v =&gt; v).Take(k)</c>, <c>OrderByDescending</c>,
/// <c>Skip</c> and <c>Skip(1).Take(2)</c> (the sorted slots, the gradient routed back through the permutation as a sort
/// routes). Each by hand (at points where the hand values are non-zero and distinct) and against central differences,
/// Forward where the method opts in; ties go where LINQ's stable order puts them (hand only: central differences at a tie
/// see the average); LINQ's clamping of k and its empty-sequence throw. One compilation for all.
/// </summary>
public class FilterCountOrderTests
{
    private const string Source = """
        using System;
        using System.Linq;
        using AutoDiffGen;

        public static partial class L23
        {
            [Differentiable(Forward = true)]
            public static double ZipWhere(double[] a, double[] b) => a.Zip(b).Where(p => p.First > 0).Sum(p => p.First * p.Second);

            [Differentiable]
            public static double ZipTwoFilters(double[] a, double[] b) =>
                a.Zip(b).Where(p => p.First > 0).Where(p => p.Second < 1).Select(p => p.First * p.First - p.Second * p.Second).Average();

            [Differentiable(Forward = true)]
            public static double CountAbove(double[] xs, double t) => xs.Count(x => x > t) * t * t + xs.Where(x => x > t).Select(x => x * x).Sum();

            [Differentiable]
            public static double CountInCondition(double[] xs, double t)
            {
                int k = xs.Where(x => x > 0).Count();
                if (xs.Count(v => v < t) > 1) return k * t + xs[0];
                return t;
            }

            [Differentiable]
            public static double CountPairs(double[] a, double[] b) => a.Zip(b).Count(p => p.First > p.Second) * a[1] * a[1] + a.Zip(b).Where(p => p.First < p.Second).Count() * b[0];

            [Differentiable(Forward = true)]
            public static double Smallest(double[] xs) => xs.OrderBy(v => v).Take(2).Select(v => v * v).Sum();

            [Differentiable]
            public static double Largest(double[] xs, int k) => xs.OrderByDescending(v => v).Take(k).Sum(v => v * v * v);

            [Differentiable]
            public static double SkipAverage(double[] xs, int k) => xs.OrderBy(v => v).Skip(k).Average();

            [Differentiable]
            public static double Trimmed(double[] xs) => xs.OrderBy(v => v).Skip(1).Take(xs.Length - 2).Sum(v => v * v);

            [Differentiable]
            public static double Least(double[] xs) => xs.OrderBy(v => v).Take(1).Sum();

            [Differentiable]
            public static double Greatest(double[] xs) => xs.OrderByDescending(v => v).Take(1).Sum();
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Get(string name) => Compiled.Value.GetType("L23")!.GetMethod(name)!;

    private static readonly double[] A = { 0.5, -1.25, 2.0, 0.8 };

    private delegate double PairForward(double[] a, double[] b, ReadOnlySpan<double> tA, ReadOnlySpan<double> tB, out double tResult);

    private delegate double CountForward(double[] xs, double t, ReadOnlySpan<double> tXs, double tT, out double tResult);

    private delegate double ArrayForward(double[] xs, ReadOnlySpan<double> tXs, out double tResult);

    private delegate double ArrayKBackward(double[] xs, int k, double[] dXs, double dResult);

    [Fact]
    public void ZipPairsFilteredByWhere_ByHand_AndForward()
    {
        double[] b = { 0.75, 0.3, -0.6 };
        var g = CentralDifferenceRunner.Check(Get("ZipWhere"), null, new object[] { A, b });
        // Pairs (0.5, 0.75), (−1.25, 0.3), (2.0, −0.6); the second fails First > 0: f = 0.5·0.75 + 2.0·(−0.6).
        Tolerance.AssertFormula((0.5 * 0.75) + (2.0 * -0.6), g.Value, "ZipWhere");
        AssertAll(new[] { 0.75, 0, -0.6, 0 }, g.Gradient[0]!, "dZipWhere/da");
        AssertAll(new[] { 0.5, 0, 2.0 }, g.Gradient[1]!, "dZipWhere/db");
        Get("ZipWhereForward").CreateDelegate<PairForward>()(A, b, new double[] { 1, 1, 1, 1 }, new double[] { 0, 1, 0 }, out double tResult);
        // tangent: Σ ∂a_i + ∂b_1 = 0.75 − 0.6 + 0 (the skipped pair's b gets nothing).
        Tolerance.AssertFormula(0.75 - 0.6, tResult, "ZipWhere tResult");
        double[] a5 = { 0.5, -1.25, 2.0, 0.8, 1.0 }, b4 = { 0.75, 0.3, -0.6, 1.5 };
        var two = CentralDifferenceRunner.Check(Get("ZipTwoFilters"), null, new object[] { a5, b4 });
        // Kept: pairs 0 and 2 (pair 1 fails First > 0, pair 3 fails Second < 1): f = ((a0² − b0²) + (a2² − b2²)) / 2.
        AssertAll(new[] { 0.5, 0, 2.0, 0, 0 }, two.Gradient[0]!, "dZipTwoFilters/da");
        AssertAll(new[] { -0.75, 0, 0.6, 0 }, two.Gradient[1]!, "dZipTwoFilters/db");
    }

    [Fact]
    public void CountOfAPredicate_IsPiecewiseConstant_ByHand()
    {
        var g = CentralDifferenceRunner.Check(Get("CountAbove"), null, new object[] { A, 0.6 });
        // Above 0.6: 2.0 and 0.8, so f = 2t² + 2.0² + 0.8²: ∂t = 4t = 2.4 (the count does not move), ∂x = 2x where kept.
        Tolerance.AssertFormula((2 * 0.36) + 4 + 0.64, g.Value, "CountAbove");
        Tolerance.AssertFormula(2.4, g.Gradient[1]![0], "dCountAbove/dt");
        AssertAll(new[] { 0, 0, 4.0, 1.6 }, g.Gradient[0]!, "dCountAbove/dxs");
        Get("CountAboveForward").CreateDelegate<CountForward>()(A, 0.6, new double[] { 0, 0, 1, 2 }, 1, out double tResult);
        Tolerance.AssertFormula(4.0 + (2 * 1.6) + 2.4, tResult, "CountAbove tResult");
        var c = CentralDifferenceRunner.Check(Get("CountInCondition"), null, new object[] { A, 0.6 });
        // k = 3 positives; two values below 0.6, so f = 3t + x0: ∂t = 3, ∂x0 = 1.
        Tolerance.AssertFormula(3.0, c.Gradient[1]![0], "dCountInCondition/dt");
        AssertAll(new[] { 1.0, 0, 0, 0 }, c.Gradient[0]!, "dCountInCondition/dxs");
        var p = CentralDifferenceRunner.Check(Get("CountPairs"), null, new object[] { A, new[] { 0.75, 0.3, -0.6 } });
        // One pair with First > Second (2.0 > −0.6), two with First < Second: f = a1² + 2 b0.
        AssertAll(new[] { 0, -2.5, 0, 0 }, p.Gradient[0]!, "dCountPairs/da");
        AssertAll(new[] { 2.0, 0, 0 }, p.Gradient[1]!, "dCountPairs/db");
    }

    [Fact]
    public void OrderedTakeAndSkip_RouteThroughThePermutation_ByHand()
    {
        var g = CentralDifferenceRunner.Check(Get("Smallest"), null, new object[] { A });
        // Sorted: −1.25, 0.5, 0.8, 2.0; the two smallest squared: ∂ = 2v for them.
        AssertAll(new[] { 1.0, -2.5, 0, 0 }, g.Gradient[0]!, "dSmallest");
        Get("SmallestForward").CreateDelegate<ArrayForward>()(A, new double[] { 1, 2, 3, 4 }, out double tResult);
        Tolerance.AssertFormula((1.0 * 1) + (-2.5 * 2), tResult, "Smallest tResult");
        var top = CentralDifferenceRunner.Check(Get("Largest"), null, new object[] { A, 2 });
        // The two largest, 2.0 and 0.8, cubed: 3v².
        AssertAll(new[] { 0, 0, 12.0, 1.92 }, top.Gradient[0]!, "dLargest k=2");
        var all = CentralDifferenceRunner.Check(Get("Largest"), null, new object[] { A, 10 });
        AssertAll(new[] { 0.75, 4.6875, 12.0, 1.92 }, all.Gradient[0]!, "dLargest k=10 (clamped to 4)");
        var none = CentralDifferenceRunner.Check(Get("Largest"), null, new object[] { A, -1 });
        Assert.Equal(0.0, none.Value);
        AssertAll(new double[4], none.Gradient[0]!, "dLargest k=-1 (none)");
        var skip = CentralDifferenceRunner.Check(Get("SkipAverage"), null, new object[] { A, 1 });
        // All but the smallest, averaged: 1/3 each.
        AssertAll(new[] { 1.0 / 3, 0, 1.0 / 3, 1.0 / 3 }, skip.Gradient[0]!, "dSkipAverage");
        var trimmed = CentralDifferenceRunner.Check(Get("Trimmed"), null, new object[] { A });
        // Without the smallest and the largest: 0.5² + 0.8².
        AssertAll(new[] { 1.0, 0, 0, 1.6 }, trimmed.Gradient[0]!, "dTrimmed");
    }

    [Fact]
    public void Ties_GoWhereTheStableOrderPutsThem_AndEmptyThrowsAsLinq()
    {
        // OrderBy is stable: of the equal 0.5s the first comes first; OrderByDescending keeps the first 2.0 first.
        var d = new double[3];
        Assert.Equal(0.5, (double)Get("LeastBackward").Invoke(null, new object[] { new[] { 0.5, 0.5, 2.0 }, d, 1.0 })!);
        AssertAll(new[] { 1.0, 0, 0 }, d, "dLeast at a tie");
        d = new double[3];
        Assert.Equal(2.0, (double)Get("GreatestBackward").Invoke(null, new object[] { new[] { 2.0, 0.5, 2.0 }, d, 1.0 })!);
        AssertAll(new[] { 1.0, 0, 0 }, d, "dGreatest at a tie");
        var empty = Get("SkipAverageBackward").CreateDelegate<ArrayKBackward>();
        Assert.Throws<InvalidOperationException>(() => A.OrderBy(v => v).Skip(4).Average());
        Assert.Throws<InvalidOperationException>(() => empty(A, 4, new double[4], 1.0));
    }

    private static void AssertAll(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++) Tolerance.AssertFormula(expected[k], actual[k], what + "[" + k + "]");
    }
}
