using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// Forward mode over double[,] and jagged parameters: the tangent of a double[,] is a double[,] of its shape, of a
/// double[][] a double[][] of its shape (what a user writes for a direction; a jagged array has no span over all its
/// elements). tResult must be the directional derivative: Backward's gradient dotted with the tangents, and central
/// differences along the direction.
/// </summary>
public class GridForwardTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(GridExamples.Source));

    private static Type M => Compiled.Value.GetType("Grids.M")!;

    private static readonly double[,] X = { { 0.5, -1.2, 0.3 }, { 1.1, 0.4, -0.7 }, { -0.2, 0.9, 1.5 } };
    private static readonly double[,] TX = { { 0.1, 0.7, -0.4 }, { -0.3, 0.2, 0.5 }, { 0.6, -0.1, 0.25 } };
    private static readonly double[] W = { 0.7, -0.3, 0.45 };
    private static readonly double[] Y = { 1, 0, 1 };

    private static double[][] Rows(double[,] a) =>
        Enumerable.Range(0, a.GetLength(0)).Select(i => Enumerable.Range(0, a.GetLength(1)).Select(j => a[i, j]).ToArray()).ToArray();

    [Fact]
    public void Forward_TakesTangentsOfTheParametersType()
    {
        var forward = M.GetMethod("LogisticForward")!.GetParameters().Select(p => p.ParameterType).ToArray();
        Assert.Equal(typeof(double[,]), forward[3]);
        Assert.Equal("ReadOnlySpan`1", forward[4].Name);
        Assert.Equal(typeof(double[][]), M.GetMethod("FrobeniusJaggedForward")!.GetParameters()[1].ParameterType);
    }

    [Fact]
    public void Logistic_TangentIsGradientDotDirection_AndCentralDifference()
    {
        var tW = new[] { 0.2, -0.5, 0.3 };
        var dX = new double[3, 3];
        var dW = new double[3];
        M.GetMethod("LogisticBackward")!.Invoke(null, new object[] { X, W, Y, dX, dW, 1.0 });
        double expected = 0;
        for (int i = 0; i < 3; i++)
        {
            expected += dW[i] * tW[i];
            for (int j = 0; j < 3; j++) expected += dX[i, j] * TX[i, j];
        }
        var lg = (Grids.Logistic)Delegate.CreateDelegate(typeof(Grids.Logistic), M.GetMethod("LogisticForward")!);
        double value = lg(X, W, Y, TX, tW, out double tResult);
        Tolerance.AssertFormula(expected, tResult, "tResult");

        double h = 1e-6;
        double At(double s) => (double)M.GetMethod("Logistic")!.Invoke(null, new object[] { Shift(X, TX, s), W.Select((v, k) => v + s * tW[k]).ToArray(), Y })!;
        Tolerance.AssertCentral((At(h) - At(-h)) / (2 * h), tResult, value, "along the direction");

        var lj = (Grids.LogisticJagged)Delegate.CreateDelegate(typeof(Grids.LogisticJagged), M.GetMethod("LogisticJaggedForward")!);
        lj(Rows(X), W, Y, Rows(TX), tW, out double tJagged);
        Tolerance.AssertFormula(tResult, tJagged, "jagged tResult");
    }

    [Fact]
    public void FrobeniusJaggedAndTrace_Forward_MatchHand()
    {
        var a = new[] { new[] { 0.5, -1.2 }, new[] { 1.1 } };
        var t = new[] { new[] { 0.3, 0.1 }, new[] { -0.4 } };
        var fj = (Grids.Jagged)Delegate.CreateDelegate(typeof(Grids.Jagged), M.GetMethod("FrobeniusJaggedForward")!);
        double norm = fj(a, t, out double tNorm);
        Tolerance.AssertFormula((0.5 * 0.3 - 1.2 * 0.1 - 1.1 * 0.4) / norm, tNorm, "d‖A‖ along t");

        var tr = (Grids.Rect)Delegate.CreateDelegate(typeof(Grids.Rect), M.GetMethod("TraceForward")!);
        tr(X, TX, out double tTrace);
        Tolerance.AssertFormula(TX[0, 0] + TX[1, 1] + TX[2, 2], tTrace, "trace of the tangent");
    }

    [Fact]
    public void TangentOfAnotherShape_Throws()
    {
        var tr = (Grids.Rect)Delegate.CreateDelegate(typeof(Grids.Rect), M.GetMethod("TraceForward")!);
        Assert.Equal("tA", Assert.Throws<ArgumentException>(() => tr(X, new double[3, 2], out _)).ParamName);
        var fj = (Grids.Jagged)Delegate.CreateDelegate(typeof(Grids.Jagged), M.GetMethod("FrobeniusJaggedForward")!);
        Assert.Equal("tA[0]", Assert.Throws<ArgumentException>(() => fj(new[] { new[] { 1.0 } }, new[] { new[] { 1.0, 2.0 } }, out _)).ParamName);
    }

    private static double[,] Shift(double[,] a, double[,] t, double s)
    {
        var r = (double[,])a.Clone();
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < a.GetLength(1); j++) r[i, j] += s * t[i, j];
        return r;
    }

    private static class Grids
    {
        public delegate double Logistic(double[,] x, double[] w, double[] y, double[,] tX, ReadOnlySpan<double> tW, out double tResult);

        public delegate double LogisticJagged(double[][] x, double[] w, double[] y, double[][] tX, ReadOnlySpan<double> tW, out double tResult);

        public delegate double Jagged(double[][] a, double[][] tA, out double tResult);

        public delegate double Rect(double[,] a, double[,] tA, out double tResult);
    }
}
