using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// In-place writes of an array's range as people write them: <c>Array.Fill</c>, <c>Array.Clear</c>, <c>Array.Reverse</c>
/// (whole or with a range) and the span forms <c>a.AsSpan(i, n).Fill(v)</c>, <c>.Clear()</c>,
/// <c>MemoryExtensions.Reverse(span)</c>. A fill is a fan-out (the value's gradient is the sum of its slots'), a clear
/// cuts the slots off, a reversal moves the slots' gradients back. Hand-derived values and central differences, in
/// Backward and Forward; a sort with a comparer stays ADG0002 (Array.Sort itself: Arrays/SortTests).
/// </summary>
public class InPlaceArrayTests
{
    private const string Source = """
        using System;
        using System.Linq;
        using AutoDiffGen;

        public static partial class P
        {
            // The natural program (Natural/Batch U06_Api.cs): [x, 2x, x, x], 5x.
            [Differentiable(Forward = true)]
            public static double Filled(double x)
            {
                var buf = new double[4];
                Array.Fill(buf, x);
                buf[1] *= 2;
                return buf.Sum();
            }

            // Σ x[n−1−i]·x[i].
            [Differentiable(Forward = true)]
            public static double ReversedDot(double[] x)
            {
                var r = new double[x.Length];
                Array.Copy(x, r, x.Length);
                Array.Reverse(r);
                double s = 0;
                for (int i = 0; i < x.Length; i++) s += r[i] * x[i];
                return s;
            }

            // [xy, xy, y] reversed: [y, xy, xy]; o = (xy², x²y).
            [Differentiable(Jacobian = true)]
            public static void Outputs(double x, double y, Span<double> o)
            {
                var a = new double[3];
                Array.Fill(a, x * y);
                a[2] = y;
                Array.Reverse(a);
                o[0] = a[0] * a[1];
                o[1] = a[2] * x;
            }

            public static double[] OutputsAt(double x, double y) { var o = new double[2]; Outputs(x, y, o); return o; }

            public static double[] JacobianAt(double x, double y) { var o = new double[2]; var j = new double[4]; OutputsJacobian(x, y, o, j); return j; }

            [Differentiable] public static double SumSq(double[] v) { double s = 0; foreach (var e in v) s += e * e; return s; }

            // The callee reads a before the fill overwrites it: its Backward must see the values it read.
            // a = [x, y, xy]: x² + y² + x²y²; then a = [y, y, y]: 3y²·x.
            [Differentiable]
            public static double CalleeThenFill(double x, double y)
            {
                var a = new double[] { x, y, x * y };
                double s = SumSq(a);
                Array.Fill(a, y);
                return s + SumSq(a) * x;
            }

            [Differentiable] public static double Dot(int n, [NoDiff] double[] c, double[] x) { double s = 0; for (int i = 0; i < n; i++) s += c[i] * x[i]; return s; }

            // A [NoDiff] array reversed after each call that read it (ForeignWriterTests' former pin): c·x + rev(c)·x, c left as passed.
            [Differentiable]
            public static double ReversedConstants(double[] x, [NoDiff] double[] c) { double s = 0; for (int i = 0; i < 2; i++) { s += Dot(2, c, x); Array.Reverse(c); } return s; }

            // A written span output filled and cleared in part (SpanOutputDiagnosticTests' former pins): y = [x0·x1, x0, x0·x1, 0].
            [Differentiable]
            public static void Outputs4(ReadOnlySpan<double> x, Span<double> y)
            {
                y[0] = x[0] * x[1];
                y.Slice(1).Fill(x[0]);
                y[2] *= x[1];
                y.Slice(3).Clear();
            }

            public static double[] CallOutputs4Backward(double[] x, double[] y, double[] dX, double[] dY) { Outputs4Backward((ReadOnlySpan<double>)x, y, dX, dY); return y; }

            // Ranges, spans and a loop: see the hand derivation in the test.
            [Differentiable(Forward = true)]
            public static double Ranged(double x, double y, int k)
            {
                var a = new double[5];
                double s = 0;
                for (int i = 0; i < k; i++)
                {
                    Array.Fill(a, x * y);                      // a = [xy]·5
                    a.AsSpan(1, 2).Fill(y);                    // [xy, y, y, xy, xy]
                    a[3] *= x;                                 // [xy, y, y, x²y, xy]
                    Array.Reverse(a, 1, 3);                    // [xy, x²y, y, y, xy]
                    a.AsSpan(3).Clear();                       // [xy, x²y, y, 0, 0]
                    s += a[0] * a[1] + a[2] + a[3] + a[4];     // x³y² + y
                    MemoryExtensions.Reverse(a.AsSpan());      // [0, 0, y, x²y, xy]
                    s += a[3] * a[4];                          // x³y²
                    Array.Clear(a, 2, 2);
                    s += a[2] + a[4];                          // xy
                }
                return s;                                      // k·(2x³y² + y + xy)
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    [Fact]
    public void Filled_IsFiveX()
    {
        var type = Compiled.Value.GetType("P")!;
        var r = CentralDifferenceRunner.Check(type.GetMethod("Filled")!, null, [0.8]);
        Tolerance.AssertFormula(5.0, r.Gradient[0]![0]);
        var args = new object?[] { 0.8, 1.5, null };
        Tolerance.AssertFormula(4.0, (double)type.GetMethod("FilledForward")!.Invoke(null, args)!);
        Tolerance.AssertFormula(7.5, (double)args[2]!);
    }

    [Fact]
    public void ReversedDot_RoutesEachSlotBack()
    {
        var type = Compiled.Value.GetType("P")!;
        double[] x = [0.5, -1.25, 2.0, 0.75, 1.5];
        var r = CentralDifferenceRunner.Check(type.GetMethod("ReversedDot")!, null, [x]);
        for (int j = 0; j < x.Length; j++) Tolerance.AssertFormula(2 * x[x.Length - 1 - j], r.Gradient[0]![j]);

        double[] t = [1, 0, -2, 0.5, 3];
        // The tangent is a ReadOnlySpan, which reflection cannot box: called through a delegate.
        var forward = (ForwardCall)Delegate.CreateDelegate(typeof(ForwardCall), type.GetMethod("ReversedDotForward")!);
        forward(x, t, out double tResult);
        Tolerance.AssertFormula(Enumerable.Range(0, x.Length).Sum(j => 2 * x[x.Length - 1 - j] * t[j]), tResult);
    }

    private delegate double ForwardCall(double[] x, ReadOnlySpan<double> tX, out double tResult);

    [Fact]
    public void ACalleeReadBeforeAFill_SeesTheValuesItRead()
    {
        double x = 0.7, y = -1.2;
        var r = CentralDifferenceRunner.Check(Compiled.Value.GetType("P")!.GetMethod("CalleeThenFill")!, null, [x, y]);
        Tolerance.AssertFormula(2 * x + 2 * x * y * y + 3 * y * y, r.Gradient[0]![0]);
        Tolerance.AssertFormula(2 * y + 2 * x * x * y + 6 * y * x, r.Gradient[1]![0]);
    }

    [Fact]
    public void ANoDiffArrayReversedAfterACall_ByHandAndCentralDifferences()
    {
        double[] x = [0.4, -1.3], c = [2.0, -0.5];
        var r = CentralDifferenceRunner.Check(Compiled.Value.GetType("P")!.GetMethod("ReversedConstants")!, null, [x, c]);
        Tolerance.AssertFormula(c[0] + c[1], r.Gradient[0]![0]);
        Tolerance.AssertFormula(c[1] + c[0], r.Gradient[0]![1]);
    }

    [Fact]
    public void ASpanOutputFilledAndCleared_ByHandAndCentralDifferences()
    {
        var type = Compiled.Value.GetType("P")!;
        var backward = type.GetMethod("CallOutputs4Backward", [typeof(double[]), typeof(double[]), typeof(double[]), typeof(double[])])!;
        double a = 0.9, b = -1.6, h = 1e-6;
        double[] w = [0.5, -2.0, 1.5, 3.0];
        double Loss(double p, double q)
        {
            var y = new double[4];
            var dx = new double[2];
            var left = (double[])backward.Invoke(null, [new[] { p, q }, y, dx, new double[4]])!;
            return w.Zip(left, (wi, yi) => wi * yi).Sum();
        }
        var dX = new double[2];
        var dY = (double[])w.Clone();
        var values = (double[])backward.Invoke(null, [new[] { a, b }, new double[4], dX, dY])!;
        Assert.Equal([a * b, a, a * b, 0.0], values);
        // L = Σ w·y: ∂L/∂a = w0·b + w1 + w2·b, ∂L/∂b = w0·a + w2·a; every slot was overwritten, so dY comes back zero.
        Tolerance.AssertFormula(w[0] * b + w[1] + w[2] * b, dX[0]);
        Tolerance.AssertFormula(w[0] * a + w[2] * a, dX[1]);
        Assert.Equal((Loss(a + h, b) - Loss(a - h, b)) / (2 * h), dX[0], 6);
        Assert.Equal((Loss(a, b + h) - Loss(a, b - h)) / (2 * h), dX[1], 6);
        Assert.All(dY, d => Assert.Equal(0.0, d));
    }

    [Fact]
    public void Jacobian_ByHandAndCentralDifferences()
    {
        var type = Compiled.Value.GetType("P")!;
        double x = 1.1, y = -0.6, h = 1e-6;
        var j = (double[])type.GetMethod("JacobianAt")!.Invoke(null, [x, y])!;
        double[] hand = [y * y, 2 * x * y, 2 * x * y, x * x];
        double[] Outputs(double a, double b) => (double[])type.GetMethod("OutputsAt")!.Invoke(null, [a, b])!;
        for (int row = 0; row < 2; row++)
        {
            double dx = (Outputs(x + h, y)[row] - Outputs(x - h, y)[row]) / (2 * h), dy = (Outputs(x, y + h)[row] - Outputs(x, y - h)[row]) / (2 * h);
            Tolerance.AssertFormula(hand[2 * row], j[2 * row]);
            Tolerance.AssertFormula(hand[2 * row + 1], j[2 * row + 1]);
            Assert.Equal(dx, j[2 * row], 6);
            Assert.Equal(dy, j[2 * row + 1], 6);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void Ranged_ByHandAndCentralDifferences(int k)
    {
        var type = Compiled.Value.GetType("P")!;
        double x = 1.3, y = -0.7;
        var r = CentralDifferenceRunner.Check(type.GetMethod("Ranged")!, null, [x, y, k]);
        // f = k·(2x³y² + y + xy)
        Tolerance.AssertFormula(k * (6 * x * x * y * y + y), r.Gradient[0]![0]);
        Tolerance.AssertFormula(k * (4 * x * x * x * y + 1 + x), r.Gradient[1]![0]);

        var args = new object?[] { x, y, k, 0.3, -0.6, null };
        type.GetMethod("RangedForward")!.Invoke(null, args);
        Tolerance.AssertFormula(0.3 * k * (6 * x * x * y * y + y) - 0.6 * k * (4 * x * x * x * y + 1 + x), (double)args[5]!);
    }

    [Theory]
    // Sorting by a comparer: the order is the user's code, not followed (Array.Sort(c) is followed since 2026-12-03: Arrays/SortTests).
    [InlineData("[Differentiable] public static double F(double[] x) { var c = x.ToArray(); Array.Sort(c, (p, q) => q.CompareTo(p)); return c[0] * c[1]; }", "ADG0002", "Array.Sort(c, (p, q) => q.CompareTo(p))")]
    // A [NoDiff] array cannot hold a gradient.
    [InlineData("[Differentiable] public static double F(double x, [NoDiff] double[] w) { Array.Fill(w, x); return w[0] * x; }", "ADG0003", "Array.Fill(w, x)")]
    public void OutsideIsAnErrorAtTheCall(string member, string id, string underlined)
    {
        var result = GeneratorHarness.Run("using System; using System.Linq; using AutoDiffGen; public static partial class C { " + member + " }");
        Assert.True(result.Exceptions.IsEmpty, result.Dump());
        Assert.Empty(result.CompileDiagnostics);
        var errors = result.GeneratorDiagnostics.Concat(result.AnalyzerDiagnostics).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.Contains(errors, d => d.Id == id && d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == underlined);
        Assert.DoesNotContain(result.Generated.Keys, k => k.Contains(".F_", StringComparison.Ordinal));
    }
}
