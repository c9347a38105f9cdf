using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Lists;

/// <summary>
/// A local <c>List&lt;double&gt;</c> created inside a loop body: a fresh list every iteration, grown there with <c>Add</c>
/// (its count decided in the forward sweep) and read within the iteration. The reverse sweep takes each iteration's list
/// back and sizes its adjoint from its Count. Hand-derived values and central differences, Backward, Forward and Jacobian.
/// </summary>
public class ListInLoopTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using AutoDiffGen;

        public static partial class L
        {
            // Row i = [x·i, x·i·y, …, x·i·y^(i+1)] (i + 2 elements): s = Σi (Σm x·i·y^m + (i + 2)·x).
            [Differentiable(Forward = true)]
            public static double Rows(double x, double y, int n)
            {
                double s = 0;
                for (int i = 0; i < n; i++)
                {
                    var row = new List<double> { x * i };
                    for (int j = 0; j <= i; j++) row.Add(row[^1] * y);
                    s += row.Sum() + row.Count * x;
                }
                return s;
            }

            // Each window of w values: the squares of its positive values, their max plus their mean (none: nothing).
            [Differentiable(Forward = true)]
            public static double Windows(double[] x, int w)
            {
                double s = 0;
                for (int i = 0; i + w <= x.Length; i++)
                {
                    var kept = new List<double>();
                    for (int j = i; j < i + w; j++)
                    {
                        if (x[j] > 0) kept.Add(x[j] * x[j]);
                    }
                    if (kept.Count > 0) s += kept.Max() + kept.Average();
                }
                return s;
            }

            public static double WindowsTangent(double[] x, int w, double[] t) { WindowsForward(x, w, t, out var r); return r; }

            // A while loop whose list is written by index and copied: each round r, [x·r, y] → [x·r·y, y + x], then the copy's product.
            [Differentiable]
            public static double Rounds(double x, double y, int n)
            {
                double s = 0;
                int r = 0;
                while (r < n)
                {
                    List<double> l = [x * r, y];
                    l[0] *= y;
                    l[1] += x;
                    var a = l.ToArray();
                    foreach (var v in l) s += v;
                    s += a[0] * a[1];
                    r++;
                }
                return s;
            }

            // Outputs (Σi (x + i)·y, Σi (x + i)²) through a list made in each iteration.
            [Differentiable(Jacobian = true)]
            public static (double, double) Pair(double x, double y, int n)
            {
                double a = 0, b = 0;
                for (int i = 0; i < n; i++)
                {
                    var l = new List<double>(2);
                    l.Add(x + i);
                    l.Add(l[0] * y);
                    a += l[1];
                    b += l[0] * l[0];
                }
                return (a, b);
            }

            public static double[] PairAt(double x, double y) { var (a, b) = Pair(x, y, 3); return [a, b]; }

            public static double[] PairJacobianAt(double x, double y) { var j = new double[4]; PairJacobian(x, y, 3, j); return j; }

            // A list made before the loop and one inside it: the outer keeps each round's sum of the inner, squared.
            [Differentiable]
            public static double Nested(double x, int n)
            {
                var sums = new List<double>();
                for (int i = 0; i < n; i++)
                {
                    var inner = new List<double>();
                    for (int j = 0; j <= i; j++) inner.Add(x * j);
                    sums.Add(inner.Sum() * inner.Sum());
                }
                return sums.Sum();
            }

            // A list of constants made in each round: its Sum a constant of the round (was ADG0003 'carries a gradient').
            [Differentiable]
            public static double ConstantRows(double x, int n)
            {
                double t = 0;
                for (int i = 0; i < n; i++)
                {
                    var q = new List<double> { 0.25 };
                    for (int m = 0; m < i; m++) q.Add(q[m] * 0.5);
                    t += q.Sum() * 0.5 * x;
                }
                return t;
            }

            // A loop in an else branch with a LINQ lambda in it (the lambda's return is not the method's; was ADG0002).
            [Differentiable]
            public static double LoopInElse(double x, double y, int k)
            {
                double t = x - y;
                if (k > 1) { t = t * 0.5; }
                else
                {
                    for (int i = 0; i < k; i++)
                    {
                        var q = new List<double> { Math.Sin(x) + t };
                        q.Add(q[0] * y);
                        t += q.Aggregate(1.0, (p, v) => p * v) * 0.5;
                    }
                }
                return t;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static Type L => Compiled.Value.GetType("L")!;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    public void RowsGrownInsideTheLoop_Backward_And_Forward(int n)
    {
        double x = 0.8, y = 1.1;
        var r = CentralDifferenceRunner.Check(L.GetMethod("Rows")!, null, [x, y, n]);
        double dx = 0, dy = 0;
        for (int i = 0; i < n; i++)
        {
            for (int m = 0; m <= i + 1; m++)
            {
                dx += i * Math.Pow(y, m);
                dy += x * i * m * Math.Pow(y, m - 1);
            }
            dx += i + 2;
        }
        Tolerance.AssertFormula(dx, r.Gradient[0]![0]);
        Tolerance.AssertFormula(dy, r.Gradient[1]![0]);
        var args = new object?[] { x, y, n, 0.5, -1.5, null };
        L.GetMethod("RowsForward")!.Invoke(null, args);
        Tolerance.AssertFormula(0.5 * dx - 1.5 * dy, (double)args[5]!);
    }

    [Fact]
    public void KeptValuesPerWindow_MaxPlusMean_Backward_And_Forward()
    {
        double[] x = [0.5, -1.2, 1.7, 0.9, -0.3, 2.2];
        const int w = 3;
        var r = CentralDifferenceRunner.Check(L.GetMethod("Windows")!, null, [x, w]);
        var hand = new double[x.Length];
        for (int i = 0; i + w <= x.Length; i++)
        {
            var kept = Enumerable.Range(i, w).Where(j => x[j] > 0).ToList();
            if (kept.Count == 0) continue;
            int top = kept.OrderByDescending(j => x[j] * x[j]).First();
            hand[top] += 2 * x[top];
            foreach (int j in kept) hand[j] += 2 * x[j] / kept.Count;
        }
        for (int j = 0; j < x.Length; j++) Tolerance.AssertFormula(hand[j], r.Gradient[0]![j], "d/dx[" + j + "]");
        double[] t = [0.3, 1.0, -0.7, 0.2, 1.5, -0.4];
        Tolerance.AssertFormula(hand.Zip(t, (g, v) => g * v).Sum(), (double)L.GetMethod("WindowsTangent")!.Invoke(null, [x, w, t])!);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void WrittenByIndexCopiedAndEnumerated_InAWhileLoop(int n)
    {
        double x = -0.6, y = 1.3;
        var r = CentralDifferenceRunner.Check(L.GetMethod("Rounds")!, null, [x, y, n]);
        // Round r: s += x·r·y + (y + x) + x·r·y·(y + x).
        double dx = 0, dy = 0;
        for (int k = 0; k < n; k++)
        {
            dx += k * y + 1 + k * y * (y + x) + x * k * y;
            dy += x * k + 1 + x * k * (y + x) + x * k * y;
        }
        Tolerance.AssertFormula(dx, r.Gradient[0]![0]);
        Tolerance.AssertFormula(dy, r.Gradient[1]![0]);
    }

    [Fact]
    public void Jacobian_ByHandAndCentralDifferences()
    {
        double x = 0.4, y = -0.9;
        var j = (double[])L.GetMethod("PairJacobianAt")!.Invoke(null, [x, y])!;
        double[] hand = [3 * y, 3 * x + 3, 2 * (3 * x + 3), 0];
        for (int k = 0; k < 4; k++) Tolerance.AssertFormula(hand[k], j[k], "J[" + k + "]");
        PairJacobian.AssertCentral((a, b) => (double[])L.GetMethod("PairAt")!.Invoke(null, [a, b])!, x, y, j, "Pair");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void AListInsideAndOneBeforeTheLoop(int n)
    {
        double x = 0.7;
        var r = CentralDifferenceRunner.Check(L.GetMethod("Nested")!, null, [x, n]);
        // Round i: (x·i(i+1)/2)², so d/dx = Σi 2x·(i(i+1)/2)².
        Tolerance.AssertFormula(Enumerable.Range(0, n).Sum(i => 2 * x * Math.Pow(i * (i + 1) / 2.0, 2)), r.Gradient[0]![0]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void AListOfConstantsPerRound_IsAConstantOfTheRound(int n)
    {
        double x = 1.7;
        var r = CentralDifferenceRunner.Check(L.GetMethod("ConstantRows")!, null, [x, n]);
        double hand = 0;
        for (int i = 0; i < n; i++)
        {
            for (int m = 0; m <= i; m++) hand += 0.25 * Math.Pow(0.5, m) * 0.5;
        }
        Tolerance.AssertFormula(hand, r.Gradient[0]![0]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ALoopInAnElseBranch_WithALambda(int k)
    {
        double x = 0.3, y = -0.8;
        var r = CentralDifferenceRunner.Check(L.GetMethod("LoopInElse")!, null, [x, y, k]);
        double q0 = Math.Sin(x) + x - y;
        Tolerance.AssertFormula(k > 1 ? 0.5 : 1 + q0 * (Math.Cos(x) + 1) * y, r.Gradient[0]![0]);
        Tolerance.AssertFormula(k > 1 ? -0.5 : -1 + 0.5 * q0 * q0 - q0 * y, r.Gradient[1]![0]);
    }
}
