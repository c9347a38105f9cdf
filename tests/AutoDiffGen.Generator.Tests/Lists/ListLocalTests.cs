using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Lists;

/// <summary>
/// A local <c>List&lt;double&gt;</c> as people write one: filled with differentiated values by an initializer, a collection
/// expression or <c>Add</c> (in loops and branches, so its length is decided in the forward sweep), read by index,
/// <c>l[^1]</c>, <c>Count</c>, <c>foreach</c> and LINQ, written by index, copied with <c>ToArray()</c>. Hand-derived values and
/// central differences, Backward, Forward and Jacobian; the uses the generator does not follow get ADG0003 at the expression.
/// </summary>
public class ListLocalTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using AutoDiffGen;

        public static partial class L
        {
            // The natural program (Natural/Batch U03_ML.cs, TinyNet.WithList): x² + xy + y².
            [Differentiable(Forward = true)]
            public static double WithList(double x, double y)
            {
                var terms = new List<double> { x * x, x * y, y * y };
                return terms.Sum();
            }

            // Per-sample squared residuals of w·x + b, only for the samples with x ≥ 0, then averaged.
            [Differentiable]
            public static double MeanLoss(double w, double b, [NoDiff] double[] xs, [NoDiff] double[] ys)
            {
                var losses = new List<double>();
                for (int i = 0; i < xs.Length; i++)
                {
                    if (xs[i] < 0) continue;
                    double r = w * xs[i] + b - ys[i];
                    losses.Add(r * r);
                }
                return losses.Average();
            }

            // A path x, xy, xy², …, xyⁿ grown from its last element: xyⁿ + (n + 1)·x.
            [Differentiable(Forward = true)]
            public static double Path(double x, double y, int n)
            {
                var path = new List<double> { x };
                for (int k = 0; k < n; k++) path.Add(path[^1] * y);
                return path[^1] + path.Count * x;
            }

            // [x, y] → [xy, y + x] → + sin x: xy·(x + y) + sin x.
            [Differentiable(Forward = true)]
            public static double Written(double x, double y)
            {
                List<double> l = [x, y];
                l[0] = x * y;
                l[1] += x;
                l.Add(Math.Sin(x));
                return l[0] * l[1] + l[2];
            }

            // a = [2x², y] copied from the list [x², y]: 2x² + x²·y (the list itself keeps x²).
            [Differentiable]
            public static double Copied(double x, double y)
            {
                var l = new List<double>(2) { x * x };
                l.Add(y);
                var a = l.ToArray();
                a[0] *= 2;
                return a[0] + l[0] * a[1];
            }

            // l = [x, y, xy]: S/3 by foreach and Count, S by Select, x²y² by Aggregate, the max (x at the point used), S = x² + y² + x²y².
            [Differentiable]
            public static double Reductions(double x, double y)
            {
                List<double> l = new() { x, y };
                l.Add(x * y);
                double s = 0;
                foreach (var v in l) s += v * v;
                return s / l.Count + l.Select(v => v * v).Sum() + l.Aggregate(1.0, (p, v) => p * v) + l.Max() - l.Min() * 0.5;
            }

            // Outputs (xy, x²y) through a list.
            [Differentiable(Jacobian = true)]
            public static (double, double) Pair(double x, double y)
            {
                var l = new List<double> { x * y };
                l.Add(x * x);
                return (l[0], l[1] * y);
            }

            public static double[] PairJacobianAt(double x, double y) { var j = new double[4]; PairJacobian(x, y, j); return j; }

            // Added by a local function called in a loop: x + Σi<n (x + i)².
            [Differentiable]
            public static double ByLocalFunction(double x, int n)
            {
                var l = new List<double> { x };
                void Put(double v) => l.Add(v * v);
                for (int i = 0; i < n; i++) Put(x + i);
                return l.Sum();
            }

            // l[1]++ and l[0] *= x in a loop: x^(n+1) + n·x + 2.
            [Differentiable]
            public static double Incremented(double x, int n)
            {
                var l = new List<double> { x, 0 };
                for (int i = 0; i < n; i++) { l[1]++; l[0] *= x; }
                return l[0] + l[1] * x + l.Count;
            }

            // A loop on the count: l = [0, x, 2x]; 3·2x + 3x.
            [Differentiable]
            public static double WhileShort(double x)
            {
                var l = new List<double>();
                while (l.Count < 3) l.Add(x * l.Count);
                int k = l.Count;
                return l[^1] * k + l.Sum();
            }

            // A bad index throws what List throws, in Backward too.
            [Differentiable]
            public static double Beyond(double x, int i) { var l = new List<double> { x }; return l[i] * x; }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static Type L => Compiled.Value.GetType("L")!;

    [Fact]
    public void WithList_Backward_And_Forward()
    {
        double x = 0.7, y = -1.3;
        var r = CentralDifferenceRunner.Check(L.GetMethod("WithList")!, null, [x, y]);
        Tolerance.AssertFormula(2 * x + y, r.Gradient[0]![0]);
        Tolerance.AssertFormula(x + 2 * y, r.Gradient[1]![0]);
        var args = new object?[] { x, y, 0.5, -2.0, null };
        Tolerance.AssertFormula(x * x + x * y + y * y, (double)L.GetMethod("WithListForward")!.Invoke(null, args)!);
        Tolerance.AssertFormula((2 * x + y) * 0.5 + (x + 2 * y) * -2.0, (double)args[4]!);
    }

    [Fact]
    public void PerSampleLosses_CollectedInALoop_ThenAveraged()
    {
        double w = 0.8, b = -0.3;
        double[] xs = [1.0, -2.0, 0.5, 3.0, -0.1], ys = [0.2, 1.0, -0.4, 2.5, 0.0];
        var r = CentralDifferenceRunner.Check(L.GetMethod("MeanLoss")!, null, [w, b, xs, ys]);
        double dw = 0, db = 0;
        int n = 0;
        for (int i = 0; i < xs.Length; i++)
        {
            if (xs[i] < 0) continue;
            double res = w * xs[i] + b - ys[i];
            dw += 2 * res * xs[i];
            db += 2 * res;
            n++;
        }
        Tolerance.AssertFormula(dw / n, r.Gradient[0]![0]);
        Tolerance.AssertFormula(db / n, r.Gradient[1]![0]);
    }

    [Fact]
    public void AnEmptyList_ThrowsAsLinqThrows()
    {
        var backward = L.GetMethod("MeanLossBackward")!;
        var e = Assert.Throws<TargetInvocationException>(() => backward.Invoke(null, [1.0, 0.0, new[] { -1.0 }, new[] { 0.0 }, 0.0, 0.0, 1.0]));
        Assert.IsType<InvalidOperationException>(e.InnerException);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    public void PathFromItsLastElement_Backward_And_Forward(int n)
    {
        double x = 1.1, y = 0.9;
        var r = CentralDifferenceRunner.Check(L.GetMethod("Path")!, null, [x, y, n]);
        Tolerance.AssertFormula(Math.Pow(y, n) + n + 1, r.Gradient[0]![0]);
        Tolerance.AssertFormula(n * x * Math.Pow(y, n - 1), r.Gradient[1]![0]);
        var args = new object?[] { x, y, n, 1.0, 1.0, null };
        L.GetMethod("PathForward")!.Invoke(null, args);
        Tolerance.AssertFormula(Math.Pow(y, n) + n + 1 + n * x * Math.Pow(y, n - 1), (double)args[5]!);
    }

    [Fact]
    public void WrittenByIndex_Backward_And_Forward()
    {
        double x = 0.6, y = -0.7;
        var r = CentralDifferenceRunner.Check(L.GetMethod("Written")!, null, [x, y]);
        Tolerance.AssertFormula(y * y + 2 * x * y + Math.Cos(x), r.Gradient[0]![0]);
        Tolerance.AssertFormula(x * x + 2 * x * y, r.Gradient[1]![0]);
        var args = new object?[] { x, y, 0.0, 1.0, null };
        L.GetMethod("WrittenForward")!.Invoke(null, args);
        Tolerance.AssertFormula(x * x + 2 * x * y, (double)args[4]!);
    }

    [Fact]
    public void ToArray_IsACopyWhoseGradientGoesBackIntoTheList()
    {
        double x = -0.9, y = 1.4;
        var r = CentralDifferenceRunner.Check(L.GetMethod("Copied")!, null, [x, y]);
        Tolerance.AssertFormula(4 * x + 2 * x * y, r.Gradient[0]![0]);
        Tolerance.AssertFormula(x * x, r.Gradient[1]![0]);
    }

    [Fact]
    public void ForEachCountSelectAggregateMaxMin()
    {
        double x = 1.5, y = 0.8; // l = [1.5, 0.8, 1.2]: max x, min y
        var r = CentralDifferenceRunner.Check(L.GetMethod("Reductions")!, null, [x, y]);
        double dSx = 2 * x + 2 * x * y * y, dSy = 2 * y + 2 * x * x * y;
        Tolerance.AssertFormula(dSx / 3 + dSx + 2 * x * y * y + 1, r.Gradient[0]![0]);
        Tolerance.AssertFormula(dSy / 3 + dSy + 2 * x * x * y - 0.5, r.Gradient[1]![0]);
    }

    [Fact]
    public void Jacobian_ByHandAndCentralDifferences()
    {
        double x = 0.7, y = -1.9, h = 1e-6;
        var j = (double[])L.GetMethod("PairJacobianAt")!.Invoke(null, [x, y])!;
        double[] hand = [y, x, 2 * x * y, x * x];
        var pair = L.GetMethod("Pair")!;
        (double, double) At(double a, double b) => ((double, double))pair.Invoke(null, [a, b])!;
        for (int k = 0; k < 4; k++) Tolerance.AssertFormula(hand[k], j[k]);
        Assert.Equal((At(x + h, y).Item2 - At(x - h, y).Item2) / (2 * h), j[2], 6);
        Assert.Equal((At(x, y + h).Item2 - At(x, y - h).Item2) / (2 * h), j[3], 6);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void AddedByALocalFunction_AndUpdatedInALoop(int n)
    {
        double x = 1.3;
        var r = CentralDifferenceRunner.Check(L.GetMethod("ByLocalFunction")!, null, [x, n]);
        Tolerance.AssertFormula(1 + Enumerable.Range(0, n).Sum(i => 2 * (x + i)), r.Gradient[0]![0]);
        var q = CentralDifferenceRunner.Check(L.GetMethod("Incremented")!, null, [x, n]);
        Tolerance.AssertFormula((n + 1) * Math.Pow(x, n) + n, q.Gradient[0]![0]);
        var w = CentralDifferenceRunner.Check(L.GetMethod("WhileShort")!, null, [x]);
        Tolerance.AssertFormula(9, w.Gradient[0]![0]);
    }

    [Fact]
    public void ABadIndex_ThrowsArgumentOutOfRange_AsListDoes()
    {
        var backward = L.GetMethod("BeyondBackward")!;
        var e = Assert.Throws<TargetInvocationException>(() => backward.Invoke(null, [1.0, 1, 0.0, 1.0]));
        Assert.IsType<ArgumentOutOfRangeException>(e.InnerException);
    }

    [Theory]
    // (l.RemoveAll(v => v > x) and l.Sort() are followed since lists11: ListSortTests; l.Remove(x) since lists8, ListMethodsTests.)
    [InlineData("l.RemoveAll(v => { s += v; return v > x; });", "v => { s += v; return v > x; }")]
    [InlineData("l.Sort((a, b) => b.CompareTo(a));", "l.Sort((a, b) => b.CompareTo(a))")]
    [InlineData("l.InsertRange(0, l);", "l.InsertRange(0, l)")] // of an array: lists8, ListMethodsTests
    [InlineData("s += Helper(l);", "l")]
    [InlineData("s += First(l.Skip(1).ToList());", "l.Skip(1).ToList()")] // First(l) itself: lists8, ListArgumentTests
    [InlineData("Grow(ref l);", "Grow(ref l)")]
    // (An Action local that adds to the list is inlined at its call since lists11: InlinedScopes/ActionLambdaTests.)
    [InlineData("Action<double> put = v => l.Add(v); Array.ForEach(new[] { x }, put);", "v => l.Add(v)")]
    [InlineData("for (int i = 0; i < 2; i++) { var q = new List<double> { x }; s += Helper(q); }", "q")]
    [InlineData("var q = new List<double>(l);", "new List<double>(l)")]
    [InlineData("foreach (var v in l) l.Add(v);", "l")]
    [InlineData("foreach (var v in l) l[0] = v;", "l")]
    [InlineData("foreach (float v in l) s += v;", "l")]
    public void WhatItDoesNotFollow_IsAnErrorAtTheExpression(string statement, string at)
    {
        string source = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using AutoDiffGen;

            public static partial class R
            {
                static double Helper(List<double> v) => v[0];

                static void Grow(ref List<double> v) => v.Add(1);

                [Differentiable] static double First(IReadOnlyList<double> v) => v[0];

                [Differentiable]
                public static double F(double x)
                {
                    var l = new List<double> { x, x * x };
                    double s = 0;
                    STATEMENT
                    return s + l[0];
                }
            }
            """.Replace("STATEMENT", statement);
        var run = GeneratorHarness.Run(source);
        Assert.Empty(run.Exceptions);
        var errors = run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceSpan.Start > source.IndexOf("public static double F", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count > 0 && errors.All(d => d.Id is "ADG0003" or "ADG0002"), string.Join("\n", errors));
        Assert.Contains(errors, d => source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length) == at);
        Assert.DoesNotContain(run.Generated.Keys, k => k.Contains(".F_", StringComparison.Ordinal));
    }

    [Fact]
    public void HessianMode_IsADG0019AtTheList()
    {
        var run = GeneratorHarness.Run("""
            using System.Collections.Generic;
            using AutoDiffGen;
            public static partial class H
            {
                [Differentiable(Hessian = true)]
                public static double F(double x, double y) { var l = new List<double> { x * y }; l.Add(x * x); return l[0] * l[1]; }
            }
            """);
        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "ADG0019" && d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("'l'", StringComparison.Ordinal));
    }
}
