using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// A <c>static readonly</c> table (an array, a list) passed to a [Differentiable] callee inside a loop
/// (<c>for (…) s += Kernel(x * s, Coefficients);</c>): the reverse sweep reads the field again where it calls the
/// callee's Backward. It was ADG0003 ("computed inside a loop") before 2026-12-03 (second session), though nothing
/// computes it. Checked by hand and by central differences.
/// </summary>
public class StaticFieldArgumentTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using AutoDiffGen;

        public static partial class T
        {
            private static readonly double[] Coefficients = { 0.5, -1.5, 2.0 };
            private static readonly List<double> Flags = new List<double> { 1.0, 2.0 };

            [Differentiable] static double Kernel(double v, [NoDiff] double[] c) { double r = 0; for (int i = 0; i < c.Length; i++) r += c[i] * v; return r; }
            [Differentiable] static double Pick(double v, [NoDiff] List<double> l) => l.Contains(2.0) ? v * v : v;

            [Differentiable]
            public static double Loop(double x, int k)
            {
                double s = 0;
                for (int i = 0; i < k; i++) s += Kernel(x, Coefficients) + Pick(x, Flags);
                return s;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    [Fact]
    public void StaticTablesPassedInALoop_ByHandAndCentralDifferences()
    {
        var type = Compiled.Value.GetType("T")!;
        double x = 0.7;
        int k = 3;
        // Kernel(x) = (0.5 − 1.5 + 2)·x = x, Pick(x) = x²: f = k·(x + x²), f' = k·(1 + 2x).
        var args = new object?[] { x, k, 0.0, 1.0 };
        double value = (double)type.GetMethod("LoopBackward")!.Invoke(null, args)!;
        Assert.Equal(k * (x + x * x), value, 12);
        Assert.Equal(k * (1 + 2 * x), (double)args[2]!, 12);
        CentralDifferenceRunner.Check(type.GetMethod("Loop")!, null, [x, k]);
    }
}
