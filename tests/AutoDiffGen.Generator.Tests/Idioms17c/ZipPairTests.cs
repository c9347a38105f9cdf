using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms17c;

/// <summary>
/// Issue 13, idioms17c item 2: <c>xs.Zip(ys).Sum(p =&gt; p.First * p.Second)</c> (the pairs through a selector: Sum, Max,
/// Select), <c>xs.Zip(ys, (a, b) =&gt; a * b).Sum()</c> and <c>Enumerable.Range(0, n).Sum(i =&gt; w[i] * x[i])</c> over arrays
/// and over a row of a jagged parameter (<c>rows[1].Zip(w, …)</c>, <c>rows[i].Zip(w).Sum(…)</c>), each by hand and against
/// central differences, Forward and Hessian where the method asks. Zip stops at the shorter: the longer's tail gets 0.
/// </summary>
public class ZipPairTests
{
    private const string Source = """
        using System;
        using System.Linq;
        using AutoDiffGen;

        public static partial class Zip17c
        {
            [Differentiable(Forward = true, Hessian = true)]
            public static double Pairs(double[] xs, double[] ys) => xs.Zip(ys).Sum(p => p.First * p.Second);

            [Differentiable(Forward = true)]
            public static double Diffs(double[] xs, double[] ys) => xs.Zip(ys).Select(p => p.Item1 - p.Item2).Sum(d => d * d);

            [Differentiable]
            public static double MaxPair(double[] xs, double[] ys) => xs.Zip(ys).Max(p => p.First + 2 * p.Second);

            [Differentiable]
            public static double Lambda(double[] xs, double[] ys) => xs.Zip(ys, (a, b) => a * b).Sum();

            [Differentiable]
            public static double Range(double[] w, double[] x, int n) => Enumerable.Range(0, n).Sum(i => w[i] * x[i]);

            [Differentiable(Forward = true)]
            public static double RowZip(double[][] rows, double[] w) => rows[1].Zip(w, (a, b) => a * b).Sum() + rows[0].Sum();

            [Differentiable]
            public static double RowPairs(double[][] rows, double[] w)
            {
                double s = 0;
                for (int i = 0; i < rows.Length; i++) s += rows[i].Zip(w).Sum(p => p.First * p.Second * p.Second);
                return s;
            }

            [Differentiable]
            public static double RangeRow(double[][] rows, double[] w) => Enumerable.Range(0, w.Length).Sum(j => rows[1][j] * w[j]);
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Get(string name) => Compiled.Value.GetType("Zip17c")!.GetMethod(name)!;

    private static readonly double[] Xs = { 0.5, -1.25, 2.0 };
    private static readonly double[] Ys = { 0.75, 0.3 };
    private static readonly double[][] Rows = { new[] { 0.5, -1.25, 2.0 }, new[] { 0.75, 0.3, -0.6 } };
    private static readonly double[] W = { 1.5, -0.5 };

    private delegate double PairsForward(double[] xs, double[] ys, ReadOnlySpan<double> tXs, ReadOnlySpan<double> tYs, out double tResult);

    private delegate double PairsHessian(double[] xs, double[] ys, Span<double> hessian);

    private delegate double RowsForward(double[][] rows, double[] w, double[][] tRows, ReadOnlySpan<double> tW, out double tResult);

    [Fact]
    public void PairsSum_AllModes()
    {
        var g = CentralDifferenceRunner.Check(Get("Pairs"), null, new object[] { Xs, Ys });
        // ∂/∂x_i = y_i for i < 2, 0 for the tail; ∂/∂y_i = x_i.
        AssertAll(new[] { 0.75, 0.3, 0 }, g.Gradient[0]!, "dPairs/dxs");
        AssertAll(new[] { 0.5, -1.25 }, g.Gradient[1]!, "dPairs/dys");
        Get("PairsForward").CreateDelegate<PairsForward>()(Xs, Ys, new double[] { 1, 0, 1 }, new double[] { 0, 2 }, out double tResult);
        Tolerance.AssertFormula(0.75 + (2 * -1.25), tResult, "Pairs tResult");
        // z = (x0, x1, x2, y0, y1): H[x_i, y_i] = H[y_i, x_i] = 1.
        var h = new double[25];
        Get("PairsHessian").CreateDelegate<PairsHessian>()(Xs, Ys, h);
        var expected = new double[25];
        expected[(0 * 5) + 3] = expected[(3 * 5) + 0] = expected[(1 * 5) + 4] = expected[(4 * 5) + 1] = 1;
        AssertAll(expected, h, "PairsHessian");
    }

    [Fact]
    public void PairsSelected_ThenSquared_ByHand()
    {
        var g = CentralDifferenceRunner.Check(Get("Diffs"), null, new object[] { Xs, Ys });
        // f = Σ (x_i − y_i)²: ∂x_i = 2(x_i − y_i), ∂y_i = −2(x_i − y_i).
        AssertAll(new[] { 2 * (0.5 - 0.75), 2 * (-1.25 - 0.3), 0 }, g.Gradient[0]!, "dDiffs/dxs");
        AssertAll(new[] { -2 * (0.5 - 0.75), -2 * (-1.25 - 0.3) }, g.Gradient[1]!, "dDiffs/dys");
        Get("DiffsForward").CreateDelegate<PairsForward>()(Xs, Ys, new double[] { 1, 1, 1 }, new double[] { 0, 0 }, out double tResult);
        Tolerance.AssertFormula((2 * (0.5 - 0.75)) + (2 * (-1.25 - 0.3)), tResult, "Diffs tResult");
    }

    [Fact]
    public void MaxOverPairs_RoutesToTheArgMax()
    {
        // x + 2y: 0.5 + 1.5 = 2.0 beats −1.25 + 0.6: the gradient goes to pair 0.
        var g = CentralDifferenceRunner.Check(Get("MaxPair"), null, new object[] { Xs, Ys });
        AssertAll(new[] { 1.0, 0, 0 }, g.Gradient[0]!, "dMaxPair/dxs");
        AssertAll(new[] { 2.0, 0 }, g.Gradient[1]!, "dMaxPair/dys");
    }

    [Fact]
    public void ZipWithALambda_AndRange_ByHand()
    {
        var g = CentralDifferenceRunner.Check(Get("Lambda"), null, new object[] { Xs, Ys });
        AssertAll(new[] { 0.75, 0.3, 0 }, g.Gradient[0]!, "dLambda/dxs");
        var r = CentralDifferenceRunner.Check(Get("Range"), null, new object[] { Xs, new[] { 2.0, 3.0, 4.0 }, 2 });
        AssertAll(new[] { 2.0, 3.0, 0 }, r.Gradient[0]!, "dRange/dw");
        AssertAll(new[] { 0.5, -1.25, 0 }, r.Gradient[1]!, "dRange/dx");
    }

    [Fact]
    public void ZipOverAJaggedRow_AllModes()
    {
        var g = CentralDifferenceRunner.Check(Get("RowZip"), null, new object[] { Rows, W });
        // f = Σ_{j<2} rows[1][j] w_j + Σ rows[0]: ∂rows[0][j] = 1, ∂rows[1][j] = w_j (0 past w), ∂w_j = rows[1][j].
        AssertAll(new[] { 1.0, 1, 1, 1.5, -0.5, 0 }, g.Gradient[0]!, "dRowZip/drows");
        AssertAll(new[] { 0.75, 0.3 }, g.Gradient[1]!, "dRowZip/dw");
        var tRows = new[] { new double[] { 1, 0, 0 }, new double[] { 0, 1, 0 } };
        Get("RowZipForward").CreateDelegate<RowsForward>()(Rows, W, tRows, new double[] { 1, 0 }, out double tResult);
        Tolerance.AssertFormula(1 + -0.5 + 0.75, tResult, "RowZip tResult");
    }

    [Fact]
    public void PairsOfEachRow_AndRangeOverARow_ByHand()
    {
        var g = CentralDifferenceRunner.Check(Get("RowPairs"), null, new object[] { Rows, W });
        // f = Σ_i Σ_{j<2} rows[i][j] w_j²: ∂rows[i][j] = w_j², ∂w_j = 2 w_j Σ_i rows[i][j].
        AssertAll(new[] { 2.25, 0.25, 0, 2.25, 0.25, 0 }, g.Gradient[0]!, "dRowPairs/drows");
        AssertAll(new[] { 2 * 1.5 * (0.5 + 0.75), 2 * -0.5 * (-1.25 + 0.3) }, g.Gradient[1]!, "dRowPairs/dw");
        var r = CentralDifferenceRunner.Check(Get("RangeRow"), null, new object[] { Rows, W });
        AssertAll(new[] { 0, 0, 0, 1.5, -0.5, 0 }, r.Gradient[0]!, "dRangeRow/drows");
        AssertAll(new[] { 0.75, 0.3 }, r.Gradient[1]!, "dRangeRow/dw");
    }

    private static void AssertAll(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++) Tolerance.AssertFormula(expected[k], actual[k], what + "[" + k + "]");
    }
}
