using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Lists;

/// <summary>
/// <c>l.Sort()</c> and <c>l.RemoveAll(v =&gt; test)</c> on a local list (lists11). A sort routes the gradient of sorted slot
/// k back to the slot it came from (equal values by index: deterministic, stable); RemoveAll's removed elements get nothing
/// from reads after it. Hand-derived values and central differences in Backward, Forward along a direction against the hand
/// value, a Jacobian; at a tie, the hand value of the stable route. What stays out gets an error at the call.
/// </summary>
public class ListSortTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using AutoDiffGen;

        public static partial class S
        {
            // The median of five: d/dx_i = 1 at the element that lands in the middle, 0 elsewhere.
            [Differentiable(Forward = true)]
            public static double Median(double[] xs)
            {
                var l = xs.ToList();
                l.Sort();
                return l[l.Count / 2];
            }

            public static double MedianTangent(double[] xs, double[] t) { MedianForward(xs, t, out var r); return r; }

            // [xy, y, z²] sorted, weighted 1, 10, 100.
            [Differentiable(Forward = true)]
            public static double Ranked(double x, double y, double z)
            {
                var l = new List<double> { x * y, y, z * z };
                l.Sort();
                return l[0] + 10 * l[1] + 100 * l[2];
            }

            // Two equal values (x = y at the point): sorted slot 0 takes slot 0, slot 1 takes slot 1.
            [Differentiable(Forward = true)]
            public static double Tied(double x, double y)
            {
                var l = new List<double> { y, x };
                l.Sort();
                return 2 * l[0] + 3 * l[1];
            }

            // A list grown and sorted every round: e_j = sin(x·(j + 1)) + y·j, the smallest so far added each round.
            [Differentiable(Forward = true)]
            public static double SortedEachRound(double x, double y, int n)
            {
                var l = new List<double>();
                double s = 0;
                for (int j = 0; j < n; j++)
                {
                    l.Add(Math.Sin(x * (j + 1)) + y * j);
                    l.Sort();
                    s += l[0];
                }
                return s + l[^1];
            }

            // Sorted, then reversed (descending) and read with weights.
            [Differentiable(Forward = true)]
            public static double Descending(double x, double y)
            {
                var l = new List<double> { x, y, x + y, x - y };
                l.Sort();
                l.Reverse();
                return l[0] * 4 + l[1] * 3 + l[2] * 2 + l[3];
            }

            [Differentiable(Forward = true)]
            public static float FloatMedian(float x, float y)
            {
                var l = new List<float> { x * x, y, x + y };
                l.Sort();
                return l[1] * 2 + l[0];
            }

            // [x, y, xy, 0.5] without those below y, weighted by position.
            [Differentiable(Forward = true)]
            public static double Drop(double x, double y)
            {
                var l = new List<double> { x, y, x * y, 0.5 };
                l.RemoveAll(v => v < y);
                double s = 0;
                for (int i = 0; i < l.Count; i++) s += l[i] * (i + 1);
                return s;
            }

            // A removed element keeps what it contributed before; an Add after the removal lands in the cut slot.
            [Differentiable(Forward = true)]
            public static double DropThenAdd(double x, double y)
            {
                var l = new List<double> { x, x * x, y };
                double a = l[1] * y;
                l.RemoveAll(v => v > 1);
                l.Add(x * y);
                return a + l.Sum() * l.Count;
            }

            // Trimmed: the values beyond a threshold computed from the data (a decision, not differentiated) dropped in a loop.
            [Differentiable(Forward = true)]
            public static double Trimmed(double[] xs, double c)
            {
                var l = new List<double>();
                foreach (var v in xs) l.Add(v * c);
                double cut = l.Average();
                for (int r = 0; r < 2; r++)
                {
                    l.RemoveAll(v => v > cut);
                    l.Add(c);
                }
                return l.Sum();
            }

            public static double TrimmedTangent(double[] xs, double c, double[] t, double tC) { TrimmedForward(xs, c, t, tC, out var r); return r; }

            [Differentiable(Jacobian = true)]
            public static (double, double) Extremes(double x, double y)
            {
                var l = new List<double> { x, y * y, x * y };
                l.Sort();
                return (l[0], l[^1]);
            }

            public static double[] ExtremesJacobianAt(double x, double y) { var j = new double[4]; ExtremesJacobian(x, y, j); return j; }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static Type S => Compiled.Value.GetType("S")!;

    /// <summary>Backward against central differences and the hand gradient; Forward along (0.5, −2, …) against the hand value.</summary>
    private static void Check(string name, object[] point, params double[] hand)
    {
        var r = CentralDifferenceRunner.Check(S.GetMethod(name)!, null, point);
        for (int k = 0; k < hand.Length; k++) Tolerance.AssertFormula(hand[k], r.Gradient[k]![0], "d/d" + k);
        double[] t = [0.5, -2.0, 0.75];
        var args = point.Concat(point.Where(p => p is double).Select((_, k) => (object?)t[k])).Append(null).ToArray();
        S.GetMethod(name + "Forward")!.Invoke(null, args);
        Tolerance.AssertFormula(hand.Select((h, k) => h * t[k]).Sum(), (double)args[^1]!, "tangent");
    }

    [Theory]
    [InlineData(new[] { 0.3, -1.2, 2.5, 0.9, 1.4 }, 3)]
    [InlineData(new[] { 5.0, 4.0, 3.0, 2.0, 1.0 }, 2)]
    [InlineData(new[] { -0.1, 0.2, -0.3, 0.4, -0.5 }, 0)]
    public void Median_TheGradientIsOneAtTheMiddleElement(double[] xs, int middle)
    {
        var r = CentralDifferenceRunner.Check(S.GetMethod("Median")!, null, [xs]);
        var grad = r.Gradient[0]!;
        for (int i = 0; i < xs.Length; i++) Tolerance.AssertFormula(i == middle ? 1 : 0, grad[i], "d/dx" + i);
        double[] t = [0.3, -0.7, 1.1, 0.5, -0.2];
        Tolerance.AssertFormula(t[middle], (double)S.GetMethod("MedianTangent")!.Invoke(null, [xs, t])!, "tangent");
    }

    [Fact]
    public void Ranked_EachSlotsGradientGoesBackToWhereItCameFrom()
    {
        // x = 0.5, y = 1.2, z = -0.8: xy = 0.6, y = 1.2, z² = 0.64 → sorted [xy, z², y], weights 1, 10, 100.
        double x = 0.5, y = 1.2, z = -0.8;
        Check("Ranked", [x, y, z], y, x + 100, 10 * 2 * z);
    }

    [Fact]
    public void Tied_RoutesStably_AndTheSameEveryTime()
    {
        var backward = S.GetMethod("TiedBackward")!;
        for (int run = 0; run < 3; run++)
        {
            var args = new object[] { 0.7, 0.7, 0.0, 0.0, 1.0 };
            Assert.Equal(0.7 * 5, (double)backward.Invoke(null, args)!, 12);
            // l = [y, x]: equal values keep their order, so y → slot 0 (weight 2), x → slot 1 (weight 3).
            Assert.Equal(3.0, (double)args[2]);
            Assert.Equal(2.0, (double)args[3]);
        }
        // Away from the tie, the usual routes, checked by central differences too.
        Check("Tied", [0.9, 0.4], 3, 2);
        Check("Tied", [0.4, 0.9], 2, 3);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    public void SortedEachRound_ALoop(int n)
    {
        double x = 0.37, y = -0.21;
        double dx = 0, dy = 0;
        var e = new List<(double V, double Dx, double Dy)>();
        for (int j = 0; j < n; j++)
        {
            e.Add((Math.Sin(x * (j + 1)) + y * j, (j + 1) * Math.Cos(x * (j + 1)), j));
            var least = e.OrderBy(v => v.V).First();
            dx += least.Dx;
            dy += least.Dy;
        }
        var most = e.OrderBy(v => v.V).Last();
        var r = CentralDifferenceRunner.Check(S.GetMethod("SortedEachRound")!, null, [x, y, n]);
        Tolerance.AssertFormula(dx + most.Dx, r.Gradient[0]![0], "d/dx");
        Tolerance.AssertFormula(dy + most.Dy, r.Gradient[1]![0], "d/dy");
        var args = new object?[] { x, y, n, 0.5, -2.0, null };
        S.GetMethod("SortedEachRoundForward")!.Invoke(null, args);
        Tolerance.AssertFormula((dx + most.Dx) * 0.5 - 2 * (dy + most.Dy), (double)args[^1]!, "tangent");
    }

    [Fact]
    public void SortThenReverse_IsDescending()
    {
        // x = 1.0, y = 0.25: [x, y, x + y, x − y] = [1, 0.25, 1.25, 0.75] → descending [x + y, x, x − y, y], weights 4, 3, 2, 1.
        Check("Descending", [1.0, 0.25], 4 + 3 + 2, 4 - 2 + 1);
    }

    [Fact]
    public void FloatList_Sorts()
    {
        float x = 0.6f, y = 0.5f;
        // [0.36, 0.5, 1.1] → sorted as made: slot 0 x², slot 1 y (weight 2).
        var r = CentralDifferenceRunner.Check(S.GetMethod("FloatMedian")!, null, [x, y]);
        Tolerance.AssertClose(2 * 0.6, r.Gradient[0]![0], 1e-6, "d/dx");
        Tolerance.AssertClose(2, r.Gradient[1]![0], 1e-6, "d/dy");
    }

    [Fact]
    public void RemoveAll_RemovedElementsGetNoGradient()
    {
        // x = 0.8, y = 1.5: [0.8, 1.5, 1.2, 0.5] without those < 1.5 → [y]: s = y.
        Check("Drop", [0.8, 1.5], 0, 1);
        // x = 2.0, y = 0.3: [2, 0.3, 0.6, 0.5] keeps [x, y, xy, 0.5]: s = x + 2y + 3xy + 2.
        Check("Drop", [2.0, 0.3], 1 + 3 * 0.3, 2 + 3 * 2.0);
        // x = 1.5, y = 0.7: [1.5, 0.7, 1.05, 0.5] keeps [x, y, xy]: s = x + 2y + 3xy.
        Check("Drop", [1.5, 0.7], 1 + 3 * 0.7, 2 + 3 * 1.5);
    }

    [Fact]
    public void RemoveAll_ARemovedElementKeepsWhatItContributedBefore()
    {
        // x = 1.2, y = 0.4: [1.2, 1.44, 0.4], a = x²y; removes x and x² → [y, xy]: a + (y + xy)·2.
        double x = 1.2, y = 0.4;
        Check("DropThenAdd", [x, y], 2 * x * y + 2 * y, x * x + 2 * (1 + x));
    }

    [Fact]
    public void RemoveAll_InALoop_WithAThresholdFromTheData()
    {
        // xs = [1, 2, 3, 4], c = 0.5: l = [0.5, 1, 1.5, 2], cut 1.25; round 1 keeps [0.5, 1] + c, round 2 keeps all + c:
        // Sum = xs0·c + xs1·c + 2c → d/dxs = [c, c, 0, 0], d/dc = xs0 + xs1 + 2.
        double[] xs = [1, 2, 3, 4];
        double c = 0.5;
        var r = CentralDifferenceRunner.Check(S.GetMethod("Trimmed")!, null, [xs, c]);
        double[] expected = [c, c, 0, 0];
        for (int i = 0; i < 4; i++) Tolerance.AssertFormula(expected[i], r.Gradient[0]![i], "d/dxs" + i);
        Tolerance.AssertFormula(1 + 2 + 2, r.Gradient[1]![0], "d/dc");
        double[] t = [0.2, -0.4, 0.9, 1.3];
        Tolerance.AssertFormula(c * 0.2 + c * -0.4 + 5 * 0.5, (double)S.GetMethod("TrimmedTangent")!.Invoke(null, [xs, c, t, 0.5])!, "tangent");
    }

    [Fact]
    public void Jacobian_ThroughASort()
    {
        // x = 0.3, y = 2: [0.3, 4, 0.6] → min x, max y².
        var j = (double[])S.GetMethod("ExtremesJacobianAt")!.Invoke(null, [0.3, 2.0])!;
        Assert.Equal(new[] { 1.0, 0.0, 0.0, 4.0 }, j);
    }

    [Theory]
    [InlineData("l.Sort((a, b) => b.CompareTo(a));", "ADG0003", "l.Sort((a, b) => b.CompareTo(a))", "'Sort' on the List<double> 'l'")]
    [InlineData("l.Sort(Comparer<double>.Default);", "ADG0003", "l.Sort(Comparer<double>.Default)", "'Sort' on the List<double> 'l'")]
    // RemoveAll's count used as a value: a call the generator does not differentiate, reached by a value with a gradient.
    [InlineData("s += l.RemoveAll(v => v > x);", "ADG0016", "l.RemoveAll(v => v > x)", "RemoveAll")]
    [InlineData("l.RemoveAll(v => { s += v; return v > 1; });", "ADG0003", "v => { s += v; return v > 1; }", "statement body")]
    [InlineData("l.RemoveAll(Big);", "ADG0003", "Big);", "method group")]
    [InlineData("l.RemoveAll(v => (s += v) > 1);", "ADG0003", "s += v", "inside a lambda")]
    public void WhatItDoesNotFollow_IsAnErrorAtTheCall(string statement, string id, string at, string says) =>
        ProgramBatch.AssertSingleErrorAt("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using AutoDiffGen;
            public static partial class R
            {
                static bool Big(double v) => v > 1;
                [Differentiable]
                public static double F(double x)
                {
                    var l = new List<double> { x, x * x };
                    double s = 0;
                    STATEMENT
                    return s + l.Sum();
                }
            }
            """.Replace("STATEMENT", statement), id, at, says);
}
