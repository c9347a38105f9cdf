using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests;

/// <summary>
/// Arrays and spans passed to a [Differentiable] callee's array or span parameter, whose Backward takes an
/// adjoint array for it. The caller used to leave that argument out (CS1503). Now a constant argument (a
/// static readonly field, a [NoDiff] parameter, a local array of constants, null) gets a zeroed scratch
/// array (no allocation per call), and one that carries a gradient (a parameter, a local array, an array
/// passed as a span) passes its own adjoint, so the gradient flows through the callee.
/// </summary>
public class ArrayArgumentTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Arr
        {
            private static readonly double[] Cs = { 1.0, 2.0, 3.0 };

            [Differentiable]
            public static double Poly(double x, double[] c)
            {
                double s = 0, p = 1;
                for (int i = 0; i < c.Length; i++) { s += c[i] * p; p *= x; }
                return s;
            }

            [Differentiable]
            public static double SumSq(int n, ReadOnlySpan<double> v)
            {
                double s = 0;
                for (int i = 0; i < n; i++) s += v[i] * v[i];
                return s;
            }

            [Differentiable]
            public static double StaticField(double x) => Poly(x, Cs);

            [Differentiable]
            public static double NoDiffParameter(double x, [NoDiff] double[] k) => Poly(x, k) * x;

            [Differentiable]
            public static double ConstantLocal(double x)
            {
                double[] k = new double[2];
                k[0] = 1;
                k[1] = 3;
                return Poly(x, k);
            }

            [Differentiable]
            public static double InLoop(double x)
            {
                double s = x;
                for (int k = 0; k < 3; k++) s += Poly(s * 0.5, Cs);
                return s;
            }

            [Differentiable]
            public static double ActiveParameter(double x, double[] c) => Poly(x, c) + c[0];

            [Differentiable]
            public static double ArrayAsSpan(double[] v) => SumSq(3, v);

            [Differentiable]
            public static double ActiveLocal(double x)
            {
                double[] a = new double[3];
                a[0] = x;
                a[1] = x * x;
                a[2] = 2;
                return Poly(0.5, a) * x;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static Type Arr => Compiled.Value.GetType("Arr")!;

    private delegate double ScalarBackward(double x, ref double dX, double dResult);

    private static double Scalar(string name, double x)
    {
        var args = new object[] { x, 0.0, 1.0 };
        Arr.GetMethod(name + "Backward")!.Invoke(null, args);
        double g = (double)args[1];
        var primal = Arr.GetMethod(name)!;
        GradCheck.Check(p => (double)primal.Invoke(null, new object[] { p[0] })!, new[] { x }, new[] { g }).ThrowIfFailed();
        return g;
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(-1.2)]
    public void StaticReadonlyField_ByHandAndCentralDifferences(double x) =>
        Assert.Equal(2 + 6 * x, Scalar("StaticField", x), 12); // 1 + 2x + 3x²

    [Theory]
    [InlineData(0.3)]
    [InlineData(-0.4)]
    public void StaticReadonlyFieldInsideALoop_MatchesCentralDifferences(double x)
    {
        // Crashed the emitter (ADG9999): the array was to be saved on a tape for the reverse sweep.
        double s = x, g = 1;
        for (int k = 0; k < 3; k++)
        {
            double u = s * 0.5;
            g *= 1 + 0.5 * (2 + 6 * u); // s + 1 + 2u + 3u², by hand
            s += 1 + 2 * u + 3 * u * u;
        }
        Assert.Equal(g, Scalar("InLoop", x), 10);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(-1.2)]
    public void ConstantLocalArray_ByHandAndCentralDifferences(double x) =>
        Assert.Equal(3, Scalar("ConstantLocal", x), 12); // 1 + 3x

    [Theory]
    [InlineData(0.5)]
    [InlineData(-1.2)]
    public void ActiveLocalArray_PassesItsAdjoint_ByHandAndCentralDifferences(double x) =>
        Assert.Equal(2 * x + 1.5 * x * x + 0.5, Scalar("ActiveLocal", x), 12); // x (x + 0.5 x² + 0.5)

    [Fact]
    public void NoDiffParameter_ByHandAndCentralDifferences()
    {
        double x = 0.7;
        var k = new[] { 1.0, 3.0 };
        var args = new object[] { x, k, 0.0, 1.0 };
        Arr.GetMethod("NoDiffParameterBackward")!.Invoke(null, args);
        double g = (double)args[2];
        Assert.Equal(1 + 6 * x, g, 12); // (1 + 3x) x
        var primal = Arr.GetMethod("NoDiffParameter")!;
        GradCheck.Check(p => (double)primal.Invoke(null, new object[] { p[0], k })!, new[] { x }, new[] { g }).ThrowIfFailed();
        Assert.Equal(new[] { 1.0, 3.0 }, k);
    }

    [Fact]
    public void ActiveArrayParameter_PassesItsAdjoint_ByHandAndCentralDifferences()
    {
        double x = 0.5;
        var c = new[] { 1.0, 2.0, 3.0 };
        var dC = new double[3];
        var args = new object[] { x, c, 0.0, dC, 1.0 };
        Arr.GetMethod("ActiveParameterBackward")!.Invoke(null, args);
        Assert.Equal(2 + 2 * 3 * x, (double)args[2], 12);
        Assert.Equal(new[] { 1 + 1.0, x, x * x }, dC);
        var primal = Arr.GetMethod("ActiveParameter")!;
        var all = new[] { x }.Concat(c).ToArray();
        var gradient = new[] { (double)args[2] }.Concat(dC).ToArray();
        GradCheck.Check(p => (double)primal.Invoke(null, new object[] { p[0], p.Skip(1).ToArray() })!, all, gradient).ThrowIfFailed();
    }

    [Fact]
    public void ArrayPassedAsSpan_PassesItsAdjoint_ByHandAndCentralDifferences()
    {
        // Was a zero gradient with only the ADG0011 warning: the array→span conversion dropped it.
        var v = new[] { 0.5, -1.5, 2.0, 7.0 };
        var dV = new double[4];
        Arr.GetMethod("ArrayAsSpanBackward")!.Invoke(null, new object[] { v, dV, 1.0 });
        Assert.Equal(new[] { 1.0, -3.0, 4.0, 0.0 }, dV);
        var primal = Arr.GetMethod("ArrayAsSpan")!;
        GradCheck.Check(p => (double)primal.Invoke(null, new object[] { p })!, v, dV).ThrowIfFailed();
    }

    [Fact]
    public void ConstantArgument_AllocatesZeroBytesPerCall()
    {
        var backward = Arr.GetMethod("StaticFieldBackward")!.CreateDelegate<ScalarBackward>();
        double dX = 0;
        long least = long.MaxValue;
        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i < 100; i++) backward(0.5, ref dX, 1.0);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++) backward(0.5, ref dX, 1.0);
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.Equal(0, least);
        Assert.Equal(3 * 1100 * (2 + 6 * 0.5), dX, 6); // every call added 2 + 6x at x = 0.5
    }

    [Fact]
    public void NullForAnArray_PassesAnEmptyScratch_AndCompiles()
    {
        var output = GeneratorHarness.RunForLoad(
            """
            using AutoDiffGen;

            public static partial class Nul
            {
                [Differentiable]
                public static double Guarded(double x, double[]? c) { if (c == null) return x * x; return x * c[0]; }

                [Differentiable]
                public static double Caller(double x) => Guarded(x, null) + x;
            }
            """);
        Assert.Empty(output.GeneratorDiagnostics);
        // Nullable warnings in generated code (CS86xx) are a separate item of issue 11; errors are what this checks.
        Assert.Empty(output.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error || !d.Id.StartsWith("CS86", StringComparison.Ordinal)));
        Assert.Contains("Scratch<double>(null)", output.Generated.Single(g => g.Key.Contains(".Caller_", StringComparison.Ordinal)).Value, StringComparison.Ordinal);
        var type = GeneratorHarness.Load(output).GetType("Nul")!;
        double x = 0.8;
        var args = new object[] { x, 0.0, 1.0 };
        type.GetMethod("CallerBackward")!.Invoke(null, args);
        Assert.Equal(2 * x + 1, (double)args[1], 12);
        var primal = type.GetMethod("Caller")!;
        GradCheck.Check(p => (double)primal.Invoke(null, new object[] { p[0] })!, new[] { x }, new[] { (double)args[1] }).ThrowIfFailed();
    }

    private const string EdgeSource = """
        using System;
        using AutoDiffGen;

        public static partial class Edge
        {
            [Differentiable]
            public static double Dot(double x, double[] w)
            {
                double s = 0;
                for (int i = 0; i < w.Length; i++) s += w[i] * Math.Sin(x + i * w[i]);
                return s;
            }

            [Differentiable]
            public static double Two(double[] a, double[] b) => a[0] * b[1] + a[1] * b[0];

            [Differentiable]
            public static double Twice(double[] xs) => Two(xs, xs);

            [Differentiable]
            public static double LocalInLoop(double x)
            {
                double[] a = new double[2];
                a[0] = x;
                a[1] = x * x;
                double s = 0;
                for (int k = 0; k < 3; k++) { s += Dot(s * 0.3, a); }
                return s + Dot(x, a);
            }

            [Differentiable]
            public static double ParamInLoop(double x, double[] w)
            {
                double s = x;
                for (int k = 0; k < 3; k++) s += Dot(s * 0.2, w) * 0.5;
                return s;
            }
        }
        """;

    private static readonly Lazy<Assembly> EdgeCompiled = new(() => GeneratorHarness.CompileAndLoad(EdgeSource));

    [Fact]
    public void SameActiveArrayForTwoParameters_AddsBoth_ByHand()
    {
        var xs = new[] { 0.7, -1.1 };
        var dXs = new double[2];
        EdgeCompiled.Value.GetType("Edge")!.GetMethod("TwiceBackward")!.Invoke(null, new object[] { xs, dXs, 1.0 });
        Assert.Equal(new[] { 2 * xs[1], 2 * xs[0] }, dXs); // 2 x0 x1
    }

    [Fact]
    public void ActiveLocalArrayInALoop_MatchesCentralDifferences()
    {
        var type = EdgeCompiled.Value.GetType("Edge")!;
        foreach (double x in new[] { 0.4, -0.9 })
        {
            var args = new object[] { x, 0.0, 1.0 };
            type.GetMethod("LocalInLoopBackward")!.Invoke(null, args);
            var primal = type.GetMethod("LocalInLoop")!;
            GradCheck.Check(p => (double)primal.Invoke(null, new object[] { p[0] })!, new[] { x }, new[] { (double)args[1] }).ThrowIfFailed();
        }
    }

    [Fact]
    public void ActiveArrayParameterInALoop_MatchesCentralDifferences()
    {
        var type = EdgeCompiled.Value.GetType("Edge")!;
        double x = 0.6;
        var w = new[] { 0.5, -1.2, 0.8 };
        var dW = new double[3];
        var args = new object[] { x, w, 0.0, dW, 1.0 };
        type.GetMethod("ParamInLoopBackward")!.Invoke(null, args);
        var primal = type.GetMethod("ParamInLoop")!;
        GradCheck.Check(p => (double)primal.Invoke(null, new object[] { p[0], p.Skip(1).ToArray() })!,
            new[] { x }.Concat(w).ToArray(), new[] { (double)args[2] }.Concat(dW).ToArray()).ThrowIfFailed();
    }

    [Fact]
    public void LocalArrayStoredAfterTheCall_CalleeSeesTheValuesItSaw()
    {
        // Was ADG0003: the reverse sweep passed the array again, holding its later values. Now the call takes a copy
        // made at the call when the array is stored into later, so the callee's Backward recomputes with what it saw.
        var assembly = GeneratorHarness.CompileAndLoad("""
            using System;
            using AutoDiffGen;

            public static partial class Late
            {
                [Differentiable]
                public static double Dot(double x, double[] w) => Math.Sin(x * w[0]) + w[1];

                [Differentiable]
                public static double After(double x)
                {
                    double[] a = new double[2];
                    a[0] = x;
                    a[1] = 1;
                    double s = Dot(x, a);
                    a[1] = x * x;
                    return s + Dot(x, a);
                }

                [Differentiable]
                public static double InLoop(double x)
                {
                    double[] a = new double[2];
                    double s = 0;
                    for (int k = 0; k < 2; k++) { a[k] = x; s += Dot(s, a); }
                    return s;
                }
            }
            """);
        var type = assembly.GetType("Late")!;
        double x = 0.6;
        var args = new object[] { x, 0.0, 1.0 };
        type.GetMethod("AfterBackward")!.Invoke(null, args);
        // sin(x²) + 1 + sin(x²) + x² → 4x·cos(x²) + 2x.
        Assert.Equal((4 * x * Math.Cos(x * x)) + (2 * x), (double)args[1], 12);
        CentralDifferenceRunner.Check(type.GetMethod("After")!, null, new object[] { x });
        CentralDifferenceRunner.Check(type.GetMethod("InLoop")!, null, new object[] { x });
    }

    [Fact]
    public void ActiveArrayThroughAConditional_IsAnError_NotADroppedGradient()
    {
        var output = GeneratorHarness.Run("""
            using System;
            using AutoDiffGen;

            public static partial class Pick
            {
                [Differentiable]
                public static double Sum(double x, double[] w) => x * (w[0] + w[1]);

                [Differentiable]
                public static double Choose(double x, double[] w, double[] v) => Sum(x, x > 0 ? w : v);
            }
            """);
        var error = Assert.Single(output.GeneratorDiagnostics, d => d.Id == "ADG0003");
        Assert.Equal("x > 0 ? w : v", error.Location.SourceTree!.GetText().ToString(error.Location.SourceSpan));
        Assert.DoesNotContain(output.Generated.Keys, k => k.Contains(".Choose_", StringComparison.Ordinal));
        Assert.Empty(output.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
    }
}
