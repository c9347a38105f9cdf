using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Lists;

/// <summary>
/// List methods that move or drop elements of a local list (<c>Insert</c>, <c>RemoveAt</c>, <c>Clear</c>, <c>Reverse</c>), a
/// second name for a list (<c>var b = a;</c>) and <c>AddRange</c> of an array made at the call. Hand-derived values and
/// central differences in Backward, Forward (hand and central differences along a direction) and Jacobian; a removed
/// element's gradient is what it contributed before its removal. What stays out (a sort with a comparer, a list passed
/// to a method) gets ADG0003 at the expression.
/// </summary>
public class ListMovesTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using AutoDiffGen;

        public static partial class L
        {
            // [x, y, xy]: xy read, x removed, x² added: xy + y·xy + x² + 3.
            [Differentiable(Forward = true)]
            public static double RemoveFirst(double x, double y)
            {
                var l = new List<double> { x, y, x * y };
                double a = l[0] * l[1];
                l.RemoveAt(0);
                l.Add(x * x);
                return a + l[0] * l[1] + l[2] + l.Count;
            }

            // [x, xy, y², sin x] without element i, weighted 1, 2, 3.
            [Differentiable(Forward = true)]
            public static double RemoveAny(double x, double y, int i)
            {
                var l = new List<double> { x, x * y, y * y, Math.Sin(x) };
                l.RemoveAt(i);
                double s = 0;
                for (int k = 0; k < l.Count; k++) s += (k + 1) * l[k];
                return s;
            }

            // [x, y] with xy inserted at i, weighted 2, 3, 5.
            [Differentiable(Forward = true)]
            public static double InsertAt(double x, double y, int i)
            {
                var l = new List<double> { x, y };
                l.Insert(i, x * y);
                return l[0] * 2 + l[1] * 3 + l[2] * 5;
            }

            // e_j = x(j + 1) + y·j², n of them, reversed, weighted k + 1.
            [Differentiable(Forward = true)]
            public static double Reversed(double x, double y, int n)
            {
                var l = new List<double>();
                for (int j = 0; j < n; j++) l.Add(x * (j + 1) + y * j * j);
                l.Reverse();
                double s = 0;
                for (int k = 0; k < l.Count; k++) s += (k + 1) * l[k];
                return s;
            }

            // (x + y)·x read before the clear, then [y²]: x² + xy + y² + 1.
            [Differentiable(Forward = true)]
            public static double Cleared(double x, double y)
            {
                var l = new List<double> { x, y };
                double s = l.Sum() * x;
                l.Clear();
                l.Add(y * y);
                return s + l[0] + l.Count;
            }

            // In float, every move, and a Clear whose count nothing reads after it (its forward sweep once left an unused
            // constant int: CS0219, a broken build): [x, y, xy] → [x, x², y, xy] → [x, x², xy] → [xy, x², x], then [3y]:
            // 2xy + 3x² + 5x + 3y.
            [Differentiable(Forward = true)]
            public static float FloatMoves(float x, float y)
            {
                var l = new List<float> { x, y, x * y };
                l.Insert(1, x * x);
                l.RemoveAt(2);
                l.Reverse();
                float s = l[0] * 2 + l[1] * 3 + l[2] * 5;
                l.Clear();
                l.Add(y * 3);
                return s + l[0];
            }

            // A sliding window of the last two of x·(j + 1), summed each step times y.
            [Differentiable(Forward = true)]
            public static double Window(double x, double y, int n)
            {
                var w = new List<double>();
                double s = 0;
                for (int k = 0; k < n; k++)
                {
                    w.Add(x * (k + 1));
                    if (w.Count > 2) w.RemoveAt(0);
                    s += w.Sum() * y;
                }
                return s;
            }

            // The natural pin (W06_Hunt ListHunt.Alias): [x, y, xy] through a second name: x + y + 2xy.
            [Differentiable(Forward = true)]
            public static double Alias(double x, double y)
            {
                var a = new List<double> { x, y };
                var b = a;
                b.Add(x * y);
                return a.Sum() + a[2];
            }

            // A second name made in a loop body grows the list outside it: x·Σ_{k≤n} y^k.
            [Differentiable(Forward = true)]
            public static double AliasInLoop(double x, double y, int n)
            {
                var a = new List<double> { x };
                for (int k = 0; k < n; k++)
                {
                    var b = a;
                    b.Add(b[^1] * y);
                }
                return a.Sum();
            }

            // The natural pin (ListHunt.AddRangeSelf): [2y, y, x, y, xy], its sum times y: xy + 4y² + xy².
            [Differentiable(Forward = true)]
            public static double AddRangeSelf(double x, double y)
            {
                var l = new List<double> { x, y };
                l.AddRange(l);
                l.AddRange(new[] { x * y });
                l[0] = l[3] * 2;
                return l.Sum() * l[1];
            }

            // [x, y, xy] → [x, xy] → [y², x, xy]: (y² + x, x²y).
            [Differentiable(Jacobian = true)]
            public static (double, double) Pair(double x, double y)
            {
                var l = new List<double> { x, y, x * y };
                l.RemoveAt(1);
                l.Insert(0, y * y);
                return (l[0] + l[1], l[2] * x);
            }

            public static double[] PairJacobianAt(double x, double y) { var j = new double[4]; PairJacobian(x, y, j); return j; }

            [Differentiable]
            public static double RemoveBeyond(double x, int i) { var l = new List<double> { x, x }; l.RemoveAt(i); return l[0] * x; }

            [Differentiable]
            public static double InsertBeyond(double x, int i) { var l = new List<double> { x }; l.Insert(i, x); return l[0] * x; }

            [Differentiable]
            public static double ReadRemoved(double x) { var l = new List<double> { x, x * x }; l.RemoveAt(1); return l[1] * x; }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static Type L => Compiled.Value.GetType("L")!;

    /// <summary>Backward against central differences and the hand gradient; Forward along (0.5, −2) against the hand value.</summary>
    private static void Check(string name, object[] point, double dx, double dy)
    {
        var r = CentralDifferenceRunner.Check(L.GetMethod(name)!, null, point);
        Tolerance.AssertFormula(dx, r.Gradient[0]![0], "d/dx");
        Tolerance.AssertFormula(dy, r.Gradient[1]![0], "d/dy");
        var args = point.Concat(new object?[] { 0.5, -2.0, null }).ToArray();
        L.GetMethod(name + "Forward")!.Invoke(null, args);
        Tolerance.AssertFormula(dx * 0.5 + dy * -2.0, (double)args[^1]!, "tangent");
    }

    [Fact]
    public void RemoveAt_TheRemovedElementKeepsWhatItContributedBefore()
    {
        double x = 0.7, y = -1.3;
        Check("RemoveFirst", [x, y], y + y * y + 2 * x, x + 2 * x * y);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RemoveAt_AnyIndex(int i)
    {
        double x = 0.4, y = 1.7;
        double[] ex = [1, y, 0, Math.Cos(x)], ey = [0, x, 2 * y, 0];
        var kept = Enumerable.Range(0, 4).Where(j => j != i).ToArray();
        Check("RemoveAny", [x, y, i], kept.Select((j, k) => (k + 1) * ex[j]).Sum(), kept.Select((j, k) => (k + 1) * ey[j]).Sum());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Insert_AtEachPlace(int i)
    {
        double x = -0.6, y = 0.9;
        var ex = new List<double> { 1, 0 };
        var ey = new List<double> { 0, 1 };
        ex.Insert(i, y);
        ey.Insert(i, x);
        Check("InsertAt", [x, y, i], 2 * ex[0] + 3 * ex[1] + 5 * ex[2], 2 * ey[0] + 3 * ey[1] + 5 * ey[2]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(5)]
    public void Reverse_OddAndEvenCounts(int n)
    {
        double x = 1.1, y = -0.4;
        // After the reverse, slot k holds e_{n-1-k}: d/dx = Σ (k + 1)(n - k), d/dy = Σ (k + 1)(n - 1 - k)².
        double dx = Enumerable.Range(0, n).Sum(k => (k + 1.0) * (n - k));
        double dy = Enumerable.Range(0, n).Sum(k => (k + 1.0) * (n - 1 - k) * (n - 1 - k));
        Check("Reversed", [x, y, n], dx, dy);
    }

    [Fact]
    public void Clear_ThenAdd()
    {
        double x = 0.8, y = 1.9;
        Check("Cleared", [x, y], 2 * x + y, x + 2 * y);
    }

    [Fact]
    public void FloatList_EveryMove_AndAClearWhoseCountIsNotReadAfter()
    {
        float x = 0.6f, y = -1.1f;
        var r = CentralDifferenceRunner.Check(L.GetMethod("FloatMoves")!, null, [x, y]);
        Tolerance.AssertClose(2 * y + 6 * x + 5, r.Gradient[0]![0], 1e-5, "d/dx");
        Tolerance.AssertClose(2 * x + 3, r.Gradient[1]![0], 1e-5, "d/dy");
        var args = new object?[] { x, y, 0.5f, -2.0f, null };
        L.GetMethod("FloatMovesForward")!.Invoke(null, args);
        Tolerance.AssertClose((2 * y + 6 * x + 5) * 0.5 + (2 * x + 3) * -2.0, (float)args[4]!, 1e-5, "tangent");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    public void RemoveAt_InALoop_ASlidingWindow(int n)
    {
        double x = 0.3, y = 2.2;
        // The window at step k holds j = max(0, k - 1) .. k, each x·(j + 1): C = Σ_k Σ_j (j + 1).
        double c = Enumerable.Range(0, n).Sum(k => Enumerable.Range(Math.Max(0, k - 1), Math.Min(k + 1, 2)).Sum(j => j + 1.0));
        Check("Window", [x, y, n], y * c, x * c);
    }

    [Fact]
    public void ASecondName_IsTheSameList()
    {
        double x = -1.2, y = 0.35;
        Check("Alias", [x, y], 1 + 2 * y, 1 + 2 * x);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void ASecondName_MadeInALoopBody(int n)
    {
        double x = 0.9, y = 1.3;
        Check("AliasInLoop", [x, y, n], Enumerable.Range(0, n + 1).Sum(k => Math.Pow(y, k)), x * Enumerable.Range(1, n).Sum(k => k * Math.Pow(y, k - 1)));
    }

    [Fact]
    public void AddRange_OfItself_AndOfAnArrayMadeAtTheCall()
    {
        double x = 0.6, y = -0.8;
        Check("AddRangeSelf", [x, y], y + y * y, x + 8 * y + 2 * x * y);
    }

    [Fact]
    public void Jacobian_ThroughRemoveAtAndInsert()
    {
        double x = 0.7, y = -1.9;
        var j = (double[])L.GetMethod("PairJacobianAt")!.Invoke(null, [x, y])!;
        double[] hand = [1, 2 * y, 2 * x * y, x * x];
        for (int k = 0; k < 4; k++) Tolerance.AssertFormula(hand[k], j[k], "J[" + k + "]");
        var pair = L.GetMethod("Pair")!;
        PairJacobian.AssertCentral((a, b) => ((double, double))pair.Invoke(null, [a, b])! is var (p, q) ? [p, q] : [], x, y, j, "Pair");
    }

    [Theory]
    [InlineData("RemoveBeyondBackward", 2)]
    [InlineData("RemoveBeyondBackward", -1)]
    [InlineData("InsertBeyondBackward", 2)]
    [InlineData("InsertBeyondBackward", -1)]
    [InlineData("ReadRemovedBackward", 0)]
    public void ABadIndex_ThrowsArgumentOutOfRange_AsListDoes(string method, int i)
    {
        var backward = L.GetMethod(method)!;
        object[] args = backward.GetParameters().Length == 4 ? [1.0, i, 0.0, 1.0] : [1.0, 0.0, 1.0];
        var e = Assert.Throws<TargetInvocationException>(() => backward.Invoke(null, args));
        Assert.IsType<ArgumentOutOfRangeException>(e.InnerException);
    }

    [Theory]
    [InlineData("l.Sort((a, b) => a.CompareTo(b));", "l.Sort((a, b) => a.CompareTo(b))", "'Sort' on the List<double> 'l'")] // Remove(x): lists8, ListMethodsTests
    // (Sort() and RemoveAll(v => test): lists11, ListSortTests; RemoveRange: lists8, ListMethodsTests.)
    [InlineData("l.Sort(Comparer<double>.Default);", "l.Sort(Comparer<double>.Default)", "'Sort' on the List<double> 'l'")]
    [InlineData("l.InsertRange(0, l);", "l.InsertRange(0, l)", "InsertRange of the List<double> 'l' into itself")] // of an array: lists8, ListMethodsTests
    [InlineData("var m = l; m = new List<double>();", "new List<double>()", "a second name for a List<double>")]
    [InlineData("var m = l; s += Helper(m);", "m);", "The List<double> 'l'")]
    [InlineData("List<double> m = l.Count > 1 ? l : new List<double>();", "l.Count > 1 ? l : new List<double>()", "A local List<double> not created as")]
    [InlineData("foreach (var v in l) { var m = l; m.Add(v); }", "l) {", "whose body changes the list")]
    public void WhatItDoesNotFollow_IsAnErrorAtTheExpression(string statement, string at, string says) =>
        ProgramBatch.AssertSingleErrorAt("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using AutoDiffGen;
            public static partial class R
            {
                static double Helper(List<double> v) => v[0];
                [Differentiable]
                public static double F(double x)
                {
                    var l = new List<double> { x, x * x };
                    double s = 0;
                    STATEMENT
                    return s + l[0];
                }
            }
            """.Replace("STATEMENT", statement), "ADG0003", at, says);
}
