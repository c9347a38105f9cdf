using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// A loop whose only write into an array is a bulk one (<c>Array.Copy</c>, <c>x.CopyTo(a, 0)</c>, a span's
/// <c>CopyTo</c>, <c>Array.Fill</c>, <c>Array.Clear</c>, <c>Array.Reverse</c>). Before 2026-12-03 the loop did not carry
/// the array (no phi), so the copy was dropped from Backward: <c>F(x, y, k)</c> below returned x and gradient (1, 0)
/// for k ≥ 1 instead of xy + x and (y + 1, x). Local arrays and array parameters (in/out), Backward and Forward, by hand
/// and by central differences.
/// </summary>
public class LoopBulkWriteTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class L
        {
            [Differentiable(Forward = true)]
            public static double Copy(double x, double y, int k)
            {
                var a = new double[2];
                var b = new double[2];
                b[0] = x; b[1] = y;
                for (int i = 0; i < k; i++) { Array.Copy(b, a, 2); }
                return a[0] * a[1] + x;                      // k ≥ 1: xy + x; k = 0: x
            }

            [Differentiable(Forward = true)]
            public static double CopyToAndSpan(double x, double y, int k)
            {
                var a = new double[3];
                var b = new double[] { x, y };
                for (int i = 0; i < k; i++) b.CopyTo(a, 1);
                for (int i = 0; i < k; i++) b.AsSpan().CopyTo(a);
                return a[0] * a[2] + a[1];                   // k ≥ 1: [x, y, y]: xy + y
            }

            [Differentiable(Forward = true)]
            public static double FillClearReverse(double x, double y, int k)
            {
                var a = new double[3];
                a[0] = y;
                for (int i = 0; i < k; i++) Array.Fill(a, x, 1, 2);      // [y, x, x]
                double s = a[0] * a[1];                                  // k ≥ 1: xy
                for (int i = 0; i < k; i++) Array.Reverse(a);           // k odd: [x, x, y]
                s += a[2];                                               // k odd: y; even ≥ 2: x; 0: 0
                for (int i = 0; i < k; i++) a.AsSpan(1).Clear();
                return s + a[1];                                         // k ≥ 1: a[1] = 0
            }

            // The only write into the parameter w is a copy in a loop: w is left as F leaves it, dW is in/out.
            [Differentiable]
            public static double IntoParameter(double x, double[] w, int k)
            {
                var b = new double[] { x * x, x };
                for (int i = 0; i < k; i++) Array.Copy(b, w, 2);
                return w[0] + w[1] * x;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Method(string name) => Compiled.Value.GetType("L")!.GetMethod(name)!;

    private static void Check(string name, double x, double y, int k, double value, double dx, double dy)
    {
        var r = CentralDifferenceRunner.Check(Method(name), null, [x, y, k]);
        Tolerance.AssertFormula(dx, r.Gradient[0]![0]);
        Tolerance.AssertFormula(dy, r.Gradient[1]![0]);
        var args = new object?[] { x, y, k, 0.7, -0.4, null };
        Tolerance.AssertFormula(value, (double)Method(name + "Forward").Invoke(null, args)!);
        Tolerance.AssertFormula(0.7 * dx - 0.4 * dy, (double)args[5]!);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void ACopyIsTheLoopsOnlyWrite(int k)
    {
        double x = 1.2, y = -0.8;
        if (k == 0) Check("Copy", x, y, k, x, 1, 0);
        else Check("Copy", x, y, k, x * y + x, y + 1, x);
        if (k == 0) Check("CopyToAndSpan", x, y, k, 0, 0, 0);
        else Check("CopyToAndSpan", x, y, k, x * y + y, y, x + 1);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void FillReverseClearAreTheLoopsOnlyWrites(int k)
    {
        double x = 0.9, y = 1.7;
        // s = xy (k ≥ 1) + a[2] after k reversals of [y, x, x] (k odd: y, k even ≥ 2: x); a[1] cleared (k ≥ 1), else 0.
        (double value, double dx, double dy) = k switch
        {
            0 => (0.0, 0.0, 0.0),
            _ when k % 2 == 1 => (x * y + y, y, x + 1),
            _ => (x * y + x, y + 1, x),
        };
        Check("FillClearReverse", x, y, k, value, dx, dy);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void ACopyIntoAParameterInALoop_IsInOut(int k)
    {
        double[] w = [0.3, -1.1];
        var r = CentralDifferenceRunner.CheckInOut(Method("IntoParameter"), null, [1.4, w, k], seed: 7 + k);
        Assert.NotNull(r);
        // With the array's seed at zero: f = x² + x·x = 2x² for k ≥ 1 (df/dx = 4x), w[0] + w[1]·x for k = 0 (df/dx = w[1]).
        var backward = Compiled.Value.GetType("L")!.GetMethod("IntoParameterBackward")!;
        var args = new object?[] { 1.4, (double[])w.Clone(), k, 0.0, new double[2], 1.0 };
        backward.Invoke(null, args);
        Tolerance.AssertFormula(k == 0 ? w[1] : 4 * 1.4, (double)args[3]!);
    }
}
