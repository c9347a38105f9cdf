using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Lists;

/// <summary>
/// Lists and arrays LINQ makes: <c>ToList()</c> of an array, of a <c>Select</c>, of a list, of a <c>Where</c>, <c>AddRange</c>, and
/// <c>Where(…).ToArray()</c> (its length is data: the kept elements go through a list, then one copy). The test of a
/// <c>Where</c> is decided in the forward sweep, as an <c>if</c>: the kept elements get their gradient, the others none.
/// Hand-derived values and central differences, Backward, Forward and Jacobian; the forms still refused get ADG0003 at
/// the expression.
/// </summary>
public class ListMadeByLinqTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using AutoDiffGen;

        public static partial class M
        {
            // The natural form (Collect.Scores): f = (y·Σx + y)·(n + 1).
            [Differentiable(Forward = true)]
            public static double Scaled(double[] x, double y)
            {
                var l = x.Select(v => v * y).ToList();
                l.Add(y);
                return l.Sum() * l.Count;
            }

            // The positive values: their sum times their count, plus their max.
            [Differentiable(Forward = true)]
            public static double Positive(double[] x)
            {
                var p = x.Where(v => v > 0).ToList();
                return p.Sum() * p.Count + p.Max();
            }

            // The squares of the values above 0.5, as an array: y·Σ x² + their count.
            [Differentiable(Forward = true)]
            public static double Above(double[] x, double y)
            {
                var a = x.Where(v => v > 0.5).Select(v => v * v).ToArray();
                return a.Sum() * y + a.Length;
            }

            // An array made a list, written and grown: y·x[0] + Σj>0 x[j] + y².
            [Differentiable]
            public static double Copied(double[] x, double y)
            {
                var q = x.ToList();
                q[0] *= y;
                q.Add(y * y);
                return q.Sum();
            }

            // A list's ToList is a copy: writing it leaves the list alone: x[0]·2x[0].
            [Differentiable]
            public static double ListCopy(double[] x)
            {
                var l = new List<double> { x[0] };
                var m = l.ToList();
                m[0] *= 2;
                return l[0] * m[0];
            }

            // In a loop, each round keeps the values above 0.4·k: Σk (Σ kept)².
            [Differentiable]
            public static double Rounds(double[] x)
            {
                double s = 0;
                for (int k = 0; k < 3; k++)
                {
                    var w = x.Where(v => v > 0.4 * k).ToArray();
                    s += w.Sum() * w.Sum();
                }
                return s;
            }

            // The positive values sorted: the smallest times the largest.
            [Differentiable]
            public static double SortedPositive(double[] x)
            {
                var s = x.Where(v => v > 0).OrderBy(v => v).ToArray();
                return s[0] * s[^1];
            }

            // AddRange of an array, of the list itself (List copies it first), of a Select over it:
            // l = [y, x…, y, x…], m = y·l: f = 2(y + Σx) + 2(n + 1)·2y(y + Σx).
            [Differentiable(Forward = true)]
            public static double Ranged(double[] x, double y)
            {
                var l = new List<double> { y };
                l.AddRange(x);
                l.AddRange(l);
                var m = new List<double>();
                m.AddRange(l.Select(v => v * y));
                return l.Sum() + m.Sum() * m.Count;
            }

            // Outputs (Σ kept, y·count) of the values above y/2 (y is not differentiated through the test).
            [Differentiable(Jacobian = true)]
            public static (double, double) Pair(double x, double y)
            {
                double[] values = [x, x * x, y];
            var l = values.Where(v => v > 0.5).ToList();
                return (l.Sum(), y * l.Count);
            }

            public static double[] PairAt(double x, double y) { var (a, b) = Pair(x, y); return [a, b]; }

            public static double[] PairJacobianAt(double x, double y) { var j = new double[4]; PairJacobian(x, y, j); return j; }

            public static double Along(string method, double[] x, double[] t)
            {
                double r;
                switch (method)
                {
                    case "Positive": PositiveForward(x, t, out r); return r;
                    case "Above": AboveForward(x, 0.7, t, 0, out r); return r;
                    case "Ranged": RangedForward(x, 0.7, t, 0, out r); return r;
                    default: ScaledForward(x, 0.7, t, 0, out r); return r;
                }
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static Type M => Compiled.Value.GetType("M")!;

    private static readonly double[] X = [0.9, -0.4, 1.6, 0.3, -1.1, 0.7];

    private static readonly double[] T = [0.2, -1.0, 0.5, 1.5, 0.3, -0.6];

    private static void AssertGradient(double[] hand, double[] gradient)
    {
        for (int j = 0; j < hand.Length; j++) Tolerance.AssertFormula(hand[j], gradient[j], "d/dx[" + j + "]");
    }

    private static double Along(string method) => (double)M.GetMethod("Along")!.Invoke(null, [method, X, T])!;

    [Fact]
    public void SelectToList_ThenAdd_Backward_And_Forward()
    {
        double y = 0.7;
        int n = X.Length;
        var r = CentralDifferenceRunner.Check(M.GetMethod("Scaled")!, null, [X, y]);
        AssertGradient(X.Select(_ => y * (n + 1)).ToArray(), r.Gradient[0]!);
        Tolerance.AssertFormula((X.Sum() + 1) * (n + 1), r.Gradient[1]![0]);
        Tolerance.AssertFormula(T.Sum() * y * (n + 1), Along("Scaled"));
    }

    [Fact]
    public void WhereToList_KeptElementsGetTheGradient_Backward_And_Forward()
    {
        var r = CentralDifferenceRunner.Check(M.GetMethod("Positive")!, null, [X]);
        int count = X.Count(v => v > 0);
        var hand = X.Select(v => v > 0 ? count : 0.0).ToArray();
        hand[Array.IndexOf(X, X.Max())] += 1;
        AssertGradient(hand, r.Gradient[0]!);
        Tolerance.AssertFormula(hand.Zip(T, (g, t) => g * t).Sum(), Along("Positive"));
    }

    [Fact]
    public void WhereToArray_ItsLengthIsData_Backward_And_Forward()
    {
        double y = 0.7;
        var r = CentralDifferenceRunner.Check(M.GetMethod("Above")!, null, [X, y]);
        var hand = X.Select(v => v > 0.5 ? 2 * v * y : 0.0).ToArray();
        AssertGradient(hand, r.Gradient[0]!);
        Tolerance.AssertFormula(X.Where(v => v > 0.5).Sum(v => v * v), r.Gradient[1]![0]);
        Tolerance.AssertFormula(hand.Zip(T, (g, t) => g * t).Sum(), Along("Above"));
    }

    [Fact]
    public void ToListOfAnArrayAndOfAList_AreCopies()
    {
        double y = -1.3;
        var r = CentralDifferenceRunner.Check(M.GetMethod("Copied")!, null, [X, y]);
        AssertGradient(X.Select((_, j) => j == 0 ? y : 1.0).ToArray(), r.Gradient[0]!);
        Tolerance.AssertFormula(X[0] + 2 * y, r.Gradient[1]![0]);
        var c = CentralDifferenceRunner.Check(M.GetMethod("ListCopy")!, null, [X]);
        AssertGradient(X.Select((v, j) => j == 0 ? 4 * v : 0.0).ToArray(), c.Gradient[0]!);
    }

    [Fact]
    public void AddRange_OfAnArrayItselfAndASelect_Backward_And_Forward()
    {
        double y = 0.7;
        int n = X.Length;
        var r = CentralDifferenceRunner.Check(M.GetMethod("Ranged")!, null, [X, y]);
        AssertGradient(X.Select(_ => 2 + 4.0 * (n + 1) * y).ToArray(), r.Gradient[0]!);
        Tolerance.AssertFormula(2 + 4.0 * (n + 1) * (2 * y + X.Sum()), r.Gradient[1]![0]);
        Tolerance.AssertFormula(T.Sum() * (2 + 4.0 * (n + 1) * y), Along("Ranged"));
    }

    [Fact]
    public void WhereToArray_InALoop_FreshEachRound()
    {
        var r = CentralDifferenceRunner.Check(M.GetMethod("Rounds")!, null, [X]);
        var hand = new double[X.Length];
        for (int k = 0; k < 3; k++)
        {
            double s = X.Where(v => v > 0.4 * k).Sum();
            for (int j = 0; j < X.Length; j++) if (X[j] > 0.4 * k) hand[j] += 2 * s;
        }
        AssertGradient(hand, r.Gradient[0]!);
    }

    [Fact]
    public void WhereThenOrderBy_ToArray()
    {
        var r = CentralDifferenceRunner.Check(M.GetMethod("SortedPositive")!, null, [X]);
        double min = X.Where(v => v > 0).Min(), max = X.Max();
        AssertGradient(X.Select(v => v == min ? max : v == max ? min : 0.0).ToArray(), r.Gradient[0]!);
    }

    [Theory]
    [InlineData(0.8, 0.9)]
    [InlineData(0.6, 0.2)]
    public void Jacobian_ByHandAndCentralDifferences(double x, double y)
    {
        var j = (double[])M.GetMethod("PairJacobianAt")!.Invoke(null, [x, y])!;
        bool kx = x > 0.5, kxx = x * x > 0.5, ky = y > 0.5;
        int count = (kx ? 1 : 0) + (kxx ? 1 : 0) + (ky ? 1 : 0);
        double[] hand = [(kx ? 1 : 0) + (kxx ? 2 * x : 0), ky ? 1 : 0, 0, count];
        for (int k = 0; k < 4; k++) Tolerance.AssertFormula(hand[k], j[k], "J[" + k + "]");
        PairJacobian.AssertCentral((a, b) => (double[])M.GetMethod("PairAt")!.Invoke(null, [a, b])!, x, y, j, "Pair");
    }

    [Theory]
    [InlineData("var l = x.OrderBy(v => v).ToList();", "x.OrderBy(v => v).ToList()")]
    [InlineData("var l = x.Where(v => v > 0).Select((v, i) => v * i).ToList();", "(v, i) => v * i")]
    [InlineData("var l = x.Skip(1).ToList();", "x.Skip(1)")]
    [InlineData("var l = new List<double>(); s += Helper(x.ToList());", "Helper(x.ToList())")]
    [InlineData("var l = new List<double>(x.Where(v => v > 0));", "new List<double>(x.Where(v => v > 0))")]
    [InlineData("var l = new List<double> { x[0] }; l.AddRange(l.Where(v => v > 0));", "l.AddRange(l.Where(v => v > 0))")]
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

                [Differentiable]
                public static double F(double[] x)
                {
                    double s = 0;
                    STATEMENT
                    return s + x[0];
                }
            }
            """.Replace("STATEMENT", statement);
        var run = GeneratorHarness.Run(source);
        Assert.Empty(run.Exceptions);
        var errors = run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count > 0 && errors.All(d => d.Id is "ADG0003" or "ADG0002" or "ADG0004"), string.Join("\n", errors));
        Assert.Contains(errors, d => source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length) == at);
        Assert.DoesNotContain(run.Generated.Keys, k => k.Contains(".F_", StringComparison.Ordinal));
    }
}
