using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// foreach over a slice of an array or span parameter (<c>x[1..]</c>, <c>x[..^1]</c>, <c>x.AsSpan(a, n)</c>,
/// <c>span.Slice(1)</c>): the same loop as over the whole parameter, over the slice's index range, so each element's
/// gradient lands in its own slot of the caller's adjoint; a slice out of bounds throws as the method does.
/// </summary>
public class ForEachSliceTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Fs
        {
            [Differentiable]
            public static double Tail(double[] x) { double s = 0; foreach (var v in x[1..]) s += v * v; return s; }

            [Differentiable]
            public static double Head(double[] x, double w) { double s = 0; foreach (var v in x[..^1]) s += w * v; return s; }

            [Differentiable]
            public static double Mid(double[] x, int a, int n) { double s = 1; foreach (var v in x.AsSpan(a, n)) s *= Math.Sin(v); return s; }

            [Differentiable]
            public static double Sl(ReadOnlySpan<double> x, double w) { double s = 0; foreach (var v in x.Slice(1)) s += v * w; return s; }

            // Reflection cannot pass spans: these pass arrays through.
            public static double SlOf(double[] x, double w) => Sl(x, w);
            public static double SlBackwardOf(double[] x, double w, double[] dX, ref double dW) => SlBackward(x, w, dX, ref dW);
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static Type Fs => Compiled.Value.GetType("Fs")!;

    private static readonly double[] X = { 0.7, -1.2, 0.4, 2.1 };

    [Fact]
    public void Tail_ByHandAndCentralDifferences()
    {
        var dX = new double[4];
        double value = (double)Fs.GetMethod("TailBackward")!.Invoke(null, new object[] { X, dX, 1.0 })!;
        Assert.Equal(X.Skip(1).Sum(v => v * v), value, 12);
        Assert.Equal(new[] { 0.0, 2 * X[1], 2 * X[2], 2 * X[3] }, dX);
        CentralDifferenceRunner.Check(Fs.GetMethod("Tail")!, null, new object[] { X.ToArray() });
    }

    [Fact]
    public void Head_ByHandAndCentralDifferences()
    {
        var dX = new double[4];
        var args = new object[] { X, 1.5, dX, 0.0, 1.0 };
        Fs.GetMethod("HeadBackward")!.Invoke(null, args);
        Assert.Equal(new[] { 1.5, 1.5, 1.5, 0.0 }, dX);
        Assert.Equal(X[0] + X[1] + X[2], (double)args[3], 12);
        CentralDifferenceRunner.Check(Fs.GetMethod("Head")!, null, new object[] { X.ToArray(), 1.5 });
    }

    [Fact]
    public void Mid_ByHandAndCentralDifferences()
    {
        var dX = new double[4];
        Fs.GetMethod("MidBackward")!.Invoke(null, new object[] { X, 1, 2, dX, 1.0 });
        // sin(x1)·sin(x2): only slots 1 and 2.
        Assert.Equal(0.0, dX[0]);
        Assert.Equal(Math.Cos(X[1]) * Math.Sin(X[2]), dX[1], 12);
        Assert.Equal(Math.Sin(X[1]) * Math.Cos(X[2]), dX[2], 12);
        Assert.Equal(0.0, dX[3]);
        CentralDifferenceRunner.Check(Fs.GetMethod("Mid")!, null, new object[] { X.ToArray(), 1, 2 });
    }

    [Fact]
    public void SliceOfASpan_ByHand()
    {
        var dX = new double[4];
        var args = new object[] { X, 0.5, dX, 0.0 };
        double value = (double)Fs.GetMethod("SlBackwardOf")!.Invoke(null, args)!;
        Assert.Equal((double)Fs.GetMethod("SlOf")!.Invoke(null, new object[] { X, 0.5 })!, value, 12);
        Assert.Equal(new[] { 0.0, 0.5, 0.5, 0.5 }, dX);
        Assert.Equal(X[1] + X[2] + X[3], (double)args[3], 12);
    }

    [Theory]
    [InlineData(3, 2)]
    [InlineData(-1, 1)]
    [InlineData(1, -1)]
    public void OutOfBounds_ThrowsAsTheMethodDoes(int a, int n)
    {
        var primal = Assert.Throws<TargetInvocationException>(() => Fs.GetMethod("Mid")!.Invoke(null, new object[] { X, a, n }));
        var backward = Assert.Throws<TargetInvocationException>(() => Fs.GetMethod("MidBackward")!.Invoke(null, new object[] { X, a, n, new double[4], 1.0 }));
        Assert.IsType<ArgumentOutOfRangeException>(primal.InnerException);
        Assert.IsType<ArgumentOutOfRangeException>(backward.InnerException);
    }

    // foreach over a local array or a slice of one: supported now (ForEachLocalTests).
    [Theory]
    [InlineData("foreach (var v in new[] { x, 2 * x }) s += v * x;")]
    // (A local double[,] walked by foreach is supported since idioms11: Arrays/GridForEachTests; a 2-D array expression is not.)
    [InlineData("foreach (var v in new double[,] { { x, 2 * x } }) s += v * x;")]
    // A local List<double> of differentiated values is supported (Lists/ListLocalTests); one its foreach body changes is ADG0003.
    public void ForEachOverAnythingElse_StaysADG0002(string loop)
    {
        var output = GeneratorHarness.Run("""
            using AutoDiffGen;
            public static partial class C
            {
                [Differentiable]
                public static double F(double x) { double s = 0; LOOP return s; }
            }
            """.Replace("LOOP", loop, StringComparison.Ordinal));
        Assert.Contains(output.GeneratorDiagnostics, d => d.Id == "ADG0002");
        Assert.DoesNotContain(output.Generated.Keys, k => k.StartsWith("C.", StringComparison.Ordinal));
        Assert.Empty(output.CompileDiagnostics);
    }
}
