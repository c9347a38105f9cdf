using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// A local <c>int[]</c> or <c>bool[]</c> created with its elements listed (<c>int[] range = { 1, 2, 3 };</c>, <c>[3, 1]</c>):
/// a constant of the forward sweep, read by index and by foreach as counts, indexes and flags (Clad's Loops.C fn39,
/// ForwardMode's foreach over an int[]). Backward, Forward and Hessian checked against central differences and by hand;
/// what would change such an array, or give it a value carrying a gradient, gets its ADG error there.
/// </summary>
public class IndexArrayTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Idx
        {
            [Differentiable(Forward = true, Hessian = true)] public static double Weighted(double x, double y) { double s = 0; int[] w = { 1, 2, 3 }; for (var i = 0; i != w.Length; i++) s += x * w[i] * y; return s; }
            [Differentiable(Forward = true, Hessian = true)] public static double OddOnly(double x, double y) { int[] c = { 4, 7, 3 }; double s = 0; foreach (var i in c) { if (i % 2 == 0) continue; s += x * y * i; } return s; }
            [Differentiable(Forward = true, Hessian = true)] public static double Grows(double x, double y) { int[] a = { 2, 3 }; foreach (var i in a) x += i * x; return x + y; }
            [Differentiable(Forward = true, Hessian = true)] public static double Flags(double x, double y) { bool[] on = { true, false, true }; double[] v = { x, y, x * y }; double s = 0; for (int i = 0; i < 3; i++) if (on[i]) s += v[i] * v[i]; return s; }
            [Differentiable(Forward = true)] public static double Gather(double[] a) { int[] idx = { 2, 0, 2 }; double s = 0; foreach (var k in idx) s += a[k] * a[k]; return s; }
            [Differentiable(Forward = true, Hessian = true)] public static double Collection(double x, double y) { int[] p = [3, 1]; return Math.Pow(x, p[0]) + p[1] * x * y; }
            [Differentiable(Forward = true, Hessian = true)] public static double PerIteration(double x, double y) { double s = 0; for (int j = 0; j < 2; j++) { int[] m = { j, j + 1 }; s += x * m[1] - y * y * m[0]; } return s; }
            // Tables the method writes (issue 13, tables25): counts per cluster, a read before a later store, a permutation
            // read and then overwritten, an argmax slot with used flags, LU-style pivot swaps, compound stores of int and long.
            [Differentiable(Forward = true, Hessian = true)] public static double Counts(double x, double y) { var counts = new int[2]; double[] v = { x, y, x * y, y * y, x }; for (int i = 0; i < 5; i++) counts[i % 2]++; double s = 0; for (int i = 0; i < 5; i++) s += v[i] / counts[i % 2]; return s; }
            [Differentiable(Forward = true, Hessian = true)] public static double Later(double x, double y) { var k = new int[1]; k[0] = 1; double s = 0; for (int i = 0; i < 3; i++) { s += x * x * k[0] * y; k[0] = k[0] + i + 1; } return s; }
            [Differentiable(Forward = true, Hessian = true)] public static double Perm(double x, double y) { double[] v = { x, y, x * y }; var perm = new int[3]; for (int i = 0; i < 3; i++) perm[i] = 2 - i; (perm[0], perm[1]) = (perm[1], perm[0]); double s = 0; for (int i = 0; i < 3; i++) { s += (i + 1) * v[perm[i]] * v[i]; perm[i] = 0; } return s; }
            [Differentiable(Forward = true, Hessian = true)] public static double Argmax(double x, double y) { double[] v = { x, y, x * y }; var best = new int[1]; var used = new bool[3]; for (int i = 1; i < 3; i++) if (v[i] > v[best[0]]) best[0] = i; used[best[0]] = true; double s = 0; for (int i = 0; i < 3; i++) if (!used[i]) s += v[i] * v[best[0]]; return s; }
            [Differentiable(Forward = true, Hessian = true)] public static double Pivot(double x, double y) { double[] v = { x, y, x + y }; int[] p = { 0, 1, 2 }; for (int i = 0; i < 2; i++) { int m = i; for (int j = i + 1; j < 3; j++) if (v[p[j]] > v[p[m]]) m = j; (p[i], p[m]) = (p[m], p[i]); } return 3 * v[p[0]] + 2 * v[p[1]] + v[p[2]]; }
            [Differentiable(Forward = true, Hessian = true)] public static double Compound(double x, double y) { int[] idx = { 2, 0, 1 }; idx[1] += 3; long[] w = new long[2]; w[1] = 5; w[1] *= 2; return x * idx[1] * w[1] + y * idx[0] * x * x; }
            public static double CountsH(double[] p, double[] h) => CountsHessian(p[0], p[1], h);
            public static double LaterH(double[] p, double[] h) => LaterHessian(p[0], p[1], h);
            public static double PermH(double[] p, double[] h) => PermHessian(p[0], p[1], h);
            public static double ArgmaxH(double[] p, double[] h) => ArgmaxHessian(p[0], p[1], h);
            public static double PivotH(double[] p, double[] h) => PivotHessian(p[0], p[1], h);
            public static double CompoundH(double[] p, double[] h) => CompoundHessian(p[0], p[1], h);
            public static double WeightedH(double[] p, double[] h) => WeightedHessian(p[0], p[1], h);
            public static double OddOnlyH(double[] p, double[] h) => OddOnlyHessian(p[0], p[1], h);
            public static double GrowsH(double[] p, double[] h) => GrowsHessian(p[0], p[1], h);
            public static double FlagsH(double[] p, double[] h) => FlagsHessian(p[0], p[1], h);
            public static double CollectionH(double[] p, double[] h) => CollectionHessian(p[0], p[1], h);
            public static double PerIterationH(double[] p, double[] h) => PerIterationHessian(p[0], p[1], h);
        }
        """;

    private static readonly Lazy<Type> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("Idx")!);

    /// <summary>Each method of two reals at (x, y): its gradient and Hessian by hand.</summary>
    private static (double[] Gradient, double[] Hessian) ByHand(string name, double x, double y) => name switch
    {
        // 6xy
        "Weighted" => (new[] { 6 * y, 6 * x }, new[] { 0, 6.0, 6, 0 }),
        // 7xy + 3xy (4 is skipped)
        "OddOnly" => (new[] { 10 * y, 10 * x }, new[] { 0, 10.0, 10, 0 }),
        // x·3·4 + y
        "Grows" => (new[] { 12.0, 1 }, new double[4]),
        // x² + (xy)²
        "Flags" => (new[] { (2 * x) + (2 * x * y * y), 2 * x * x * y }, new[] { 2 + (2 * y * y), 4 * x * y, 4 * x * y, 2 * x * x }),
        // x³ + xy
        "Collection" => (new[] { (3 * x * x) + y, x }, new[] { 6 * x, 1.0, 1, 0 }),
        // x·(1 + 2) − y²·(0 + 1)
        "PerIteration" => (new[] { 3.0, -2 * y }, new[] { 0, 0, 0, -2.0 }),
        // counts = {3, 2}: (x + xy + x)/3 + (y + y²)/2
        "Counts" => (new[] { (2 + y) / 3, (x / 3) + ((1 + (2 * y)) / 2) }, new[] { 0, 1.0 / 3, 1.0 / 3, 1 }),
        // k[0] is 1, 2, 4 when read (7 after the loop): x²y·(1 + 2 + 4)
        "Later" => (new[] { 14 * x * y, 7 * x * x }, new[] { 14 * y, 14 * x, 14 * x, 0 }),
        // perm = {1, 2, 0} when read (each slot zeroed after): 1·v1·v0 + 2·v2·v1 + 3·v0·v2 = xy + 2xy² + 3x²y
        "Perm" => (new[] { y + (2 * y * y) + (6 * x * y), x + (4 * x * y) + (3 * x * x) }, new[] { 6 * y, 1 + (4 * y) + (6 * x), 1 + (4 * y) + (6 * x), 4 * x }),
        // at x > 0 > y, xy > y and x > xy: best = 0, so v1·v0 + v2·v0 = xy + x²y
        "Argmax" => (new[] { y + (2 * x * y), x + (x * x) }, new[] { 2 * y, 1 + (2 * x), 1 + (2 * x), 0 }),
        // x > x + y > y (y < 0): p = {0, 2, 1}, 3x + 2(x + y) + y
        "Pivot" => (new[] { 5.0, 3 }, new double[4]),
        // idx = {2, 3, 1}, w = {0, 10}: 30x + 2x²y
        "Compound" => (new[] { 30 + (4 * x * y), 2 * x * x }, new[] { 4 * y, 4 * x, 4 * x, 0 }),
        _ => throw new ArgumentException(name),
    };

    /// <summary>Each method of two reals and a point.</summary>
    public static readonly TheoryData<string, double, double> Points = new()
    {
        { "Counts", 0.7, -1.3 }, { "Later", 0.6, 1.4 }, { "Perm", 0.8, -0.45 }, { "Argmax", 0.7, -1.3 }, { "Pivot", 0.7, -1.3 }, { "Compound", -0.9, 1.6 },
        { "Weighted", 0.7, -1.3 }, { "OddOnly", 0.7, -1.3 }, { "Grows", -0.4, 2.1 }, { "Flags", 0.6, 0.9 }, { "Collection", 1.2, -0.5 }, { "PerIteration", 0.3, 1.7 },
    };

    [Theory]
    [MemberData(nameof(Points))]
    [InlineData("Flags", -1.1, 0.3)]
    public void Backward_MatchesCentralDifferencesAndTheHandDerivedGradient(string name, double x, double y)
    {
        var r = CentralDifferenceRunner.Check(Compiled.Value.GetMethod(name)!, null, new object[] { x, y });
        var (gradient, _) = ByHand(name, x, y);
        Tolerance.AssertFormula(gradient[0], r.Gradient[0]![0], name + " d/dx");
        Tolerance.AssertFormula(gradient[1], r.Gradient[1]![0], name + " d/dy");
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void Forward_TangentsAreTheHandDerivedGradient(string name, double x, double y)
    {
        var (gradient, _) = ByHand(name, x, y);
        for (int k = 0; k < 2; k++)
        {
            var args = new object?[] { x, y, k == 0 ? 1.0 : 0.0, k == 1 ? 1.0 : 0.0, null };
            double value = (double)Compiled.Value.GetMethod(name + "Forward")!.Invoke(null, args)!;
            Tolerance.AssertFormula((double)Compiled.Value.GetMethod(name)!.Invoke(null, new object[] { x, y })!, value, name + " value");
            Tolerance.AssertFormula(gradient[k], (double)args[4]!, name + " tangent " + k);
        }
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void Hessian_MatchesCentralDifferencesOfTheGradientAndTheHandDerivedOne(string name, double x, double y)
    {
        var h = new double[4];
        Compiled.Value.GetMethod(name + "H")!.Invoke(null, new object[] { new[] { x, y }, h });
        var (_, hand) = ByHand(name, x, y);
        const double step = 1e-5;
        for (int i = 0; i < 2; i++)
        {
            var plus = ByHand(name, x + (i == 0 ? step : 0), y + (i == 1 ? step : 0)).Gradient;
            var minus = ByHand(name, x - (i == 0 ? step : 0), y - (i == 1 ? step : 0)).Gradient;
            for (int j = 0; j < 2; j++)
            {
                Tolerance.AssertClose((plus[j] - minus[j]) / (2 * step), hand[(i * 2) + j], 1e-6 * (1 + Math.Abs(hand[(i * 2) + j])), name + " hand-derived H[" + i + "," + j + "] against central differences of the gradient");
                Tolerance.AssertFormula(hand[(i * 2) + j], h[(i * 2) + j], name + " H[" + i + "," + j + "]");
            }
        }
    }

    [Fact]
    public void Gather_ReadsTheIndexes()
    {
        var a = new[] { 0.5, -1.2, 0.8 };
        var r = CentralDifferenceRunner.Check(Compiled.Value.GetMethod("Gather")!, null, new object[] { a });
        // a2² + a0² + a2²
        Tolerance.AssertFormula(2 * a[0], r.Gradient[0]![0], "d/da0");
        Tolerance.AssertFormula(0, r.Gradient[0]![1], "d/da1");
        Tolerance.AssertFormula(4 * a[2], r.Gradient[0]![2], "d/da2");
    }

    /// <summary>What would change the array, or give it a value that carries a gradient: an error there, and no code.</summary>
    [Theory]
    [InlineData("int[] r = { 2, 1 }; Array.Sort(r); return x * r[0];", "Array.Sort(r)")]
    [InlineData("var r = new int[2]; var u = r; r[0] = 1; return x * u[0];", "r")]
    [InlineData("var r = new int[2]; r[0] = 2; Array.Sort(r); return x * r[0];", "r")]
    [InlineData("var r = new bool[2]; Array.Fill(r, true); return r[1] ? x : 2 * x;", "r")]
    [InlineData("var r = new int[2]; ref int e = ref r[0]; e = 3; return x * r[0];", "r[0]")]
    [InlineData("var r = new long[2]; r[0] = 1; r = new long[3]; return x * r.Length;", "new long[3]")]
    [InlineData("int[] r = { 2, 1 }; foreach (double d in r) x += d * x; return x;", "foreach")]
    public void WhatWouldChangeItOrCarryAGradient_IsAnErrorThere(string body, string at)
    {
        var run = GeneratorHarness.Run("using System;\nusing AutoDiffGen;\npublic static partial class Bad\n{\n    [Differentiable] public static double F(double x) { " + body + " }\n}\n");
        var errors = run.Diagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count > 0 && errors.All(d => d.Id.StartsWith("ADG", StringComparison.Ordinal)), run.Dump());
        Assert.True(errors.Any(d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == at), string.Join("; ", errors.Select(d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan))));
        Assert.DoesNotContain(run.Generated.Keys, k => k.Contains("Bad.F", StringComparison.Ordinal));
    }
}
