using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Generator.Tests.Natural;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms15b;

/// <summary>
/// <see cref="Idioms15bExamples"/>' Linq class: foreach over Zip with a result lambda and LINQ over jagged rows, each
/// gradient by hand and against central differences, MForward against the gradient along a direction, ZipForeach's
/// MHessian by hand.
/// </summary>
public class Idioms15bLinqTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Idioms15bExamples.Source));

    private static MethodInfo Get(string name) => Compiled.Value.GetType("Linq")!.GetMethod(name)!;

    private delegate double PairForward(double[] xs, double[] ys, ReadOnlySpan<double> tXs, ReadOnlySpan<double> tYs, out double tResult);

    private delegate double PairHessian(double[] xs, double[] ys, Span<double> hessian);

    private delegate double LocalForward(double[] xs, double w, ReadOnlySpan<double> tXs, double tW, out double tResult);

    private delegate double RowsForward(double[][] rows, double[][] tRows, out double tResult);

    private delegate double RowsWForward(double[][] rows, double w, double[][] tRows, double tW, out double tResult);

    private static readonly double[][] Rows = { new[] { 0.5, -1.25, 2.0 }, new[] { 0.75 }, Array.Empty<double>(), new[] { -0.3, 0.9 } };

    [Fact]
    public void ForeachOverZipWithAResultLambda_ByHand_AllModes()
    {
        double[] xs = { 0.5, -1.5, 2.0 }, ys = { 1.5, 0.25 };
        var g = CentralDifferenceRunner.Check(Get("ZipForeach"), null, new object[] { xs, ys });
        // f = Σ_{i<2} x_i² y_i²: the third x is past the shorter array.
        Tolerance.AssertFormula((xs[0] * xs[0] * ys[0] * ys[0]) + (xs[1] * xs[1] * ys[1] * ys[1]), g.Value, "ZipForeach value");
        AssertAll(new[] { 2 * xs[0] * ys[0] * ys[0], 2 * xs[1] * ys[1] * ys[1], 0 }, g.Gradient[0]!, "dZipForeach/dxs");
        AssertAll(new[] { 2 * xs[0] * xs[0] * ys[0], 2 * xs[1] * xs[1] * ys[1] }, g.Gradient[1]!, "dZipForeach/dys");
        double value = Get("ZipForeachForward").CreateDelegate<PairForward>()(xs, ys, new[] { 0.3, -0.2, 0.9 }, new[] { 0.4, 0.1 }, out double tResult);
        Assert.Equal(g.Value, value);
        Tolerance.AssertFormula((0.3 * g.Gradient[0]![0]) - (0.2 * g.Gradient[0]![1]) + (0.4 * g.Gradient[1]![0]) + (0.1 * g.Gradient[1]![1]), tResult, "ZipForeach tResult");
        // Over (x0, x1, x2, y0, y1): ∂²/∂x_i² = 2 y_i², ∂²/∂x_i∂y_i = 4 x_i y_i, ∂²/∂y_i² = 2 x_i², the rest 0.
        var h = new double[25];
        Get("ZipForeachHessian").CreateDelegate<PairHessian>()(xs, ys, h);
        var expected = new double[25];
        for (int i = 0; i < 2; i++)
        {
            expected[(5 * i) + i] = 2 * ys[i] * ys[i];
            expected[(5 * (3 + i)) + 3 + i] = 2 * xs[i] * xs[i];
            expected[(5 * i) + 3 + i] = expected[(5 * (3 + i)) + i] = 4 * xs[i] * ys[i];
        }
        AssertAll(expected, h, "ZipForeachHessian");
    }

    [Theory]
    [InlineData(0.4)]
    [InlineData(1.3)]
    public void ForeachOverZipWithALocalArray_AndABranch_ByHand(double w)
    {
        double[] xs = { 0.9, 0.2, -3.0 };
        var g = CentralDifferenceRunner.Check(Get("ZipForeachLocal"), null, new object[] { xs, w });
        double p0 = xs[0] - Math.Sin(w), p1 = xs[1] - Math.Sin(w * w);
        Tolerance.AssertFormula(Math.Max(p0, 0) + Math.Max(p1, 0), g.Value, "ZipForeachLocal value");
        AssertAll(new[] { p0 > 0 ? 1.0 : 0, p1 > 0 ? 1.0 : 0, 0 }, g.Gradient[0]!, "dZipForeachLocal/dxs");
        Tolerance.AssertFormula((p0 > 0 ? -Math.Cos(w) : 0) + (p1 > 0 ? -2 * w * Math.Cos(w * w) : 0), g.Gradient[1]![0], "dZipForeachLocal/dw");
        double value = Get("ZipForeachLocalForward").CreateDelegate<LocalForward>()(xs, w, new[] { 0.5, -0.5, 1.0 }, 0.7, out double tResult);
        Assert.Equal(g.Value, value);
        Tolerance.AssertFormula((0.5 * g.Gradient[0]![0]) - (0.5 * g.Gradient[0]![1]) + g.Gradient[0]![2] + (0.7 * g.Gradient[1]![0]), tResult, "ZipForeachLocal tResult");
    }

    [Fact]
    public void LinqOverJaggedRows_ByHand_AndForward()
    {
        var sum = CentralDifferenceRunner.Check(Get("RowsSum"), null, new object[] { Rows });
        Tolerance.AssertFormula(Rows.Sum(r => r.Sum()), sum.Value, "RowsSum value");
        AssertAll(Rows.SelectMany(r => r.Select(_ => 1.0)).ToArray(), sum.Gradient[0]!, "dRowsSum/drows");

        var rows = Rows.Where(r => r.Length > 0).ToArray();
        const double w = -0.6;
        var select = CentralDifferenceRunner.Check(Get("RowsSelect"), null, new object[] { rows, w });
        Tolerance.AssertFormula(rows.Sum(r => r[0]) * w, select.Value, "RowsSelect value");
        AssertAll(rows.SelectMany(r => r.Select((_, j) => j == 0 ? w : 0)).ToArray(), select.Gradient[0]!, "dRowsSelect/drows");
        Tolerance.AssertFormula(rows.Sum(r => r[0]), select.Gradient[1]![0], "dRowsSelect/dw");

        var squares = CentralDifferenceRunner.Check(Get("RowsSquares"), null, new object[] { Rows });
        Tolerance.AssertFormula(Rows.Sum(r => r.Sum(v => v * v) * r.Length), squares.Value, "RowsSquares value");
        AssertAll(Rows.SelectMany(r => r.Select(v => 2 * v * r.Length)).ToArray(), squares.Gradient[0]!, "dRowsSquares/drows");

        var max = CentralDifferenceRunner.Check(Get("RowsIndexedMax"), null, new object[] { rows });
        Tolerance.AssertFormula(rows.Select((r, i) => r.Max() * (i + 1)).Sum(), max.Value, "RowsIndexedMax value");
        AssertAll(rows.SelectMany((r, i) => r.Select(v => v == r.Max() ? i + 1.0 : 0)).ToArray(), max.Gradient[0]!, "dRowsIndexedMax/drows");

        var t = Rows.Select(r => r.Select((_, j) => 0.5 - (0.25 * j)).ToArray()).ToArray();
        double value = Get("RowsSumForward").CreateDelegate<RowsForward>()(Rows, t, out double tResult);
        Assert.Equal(sum.Value, value);
        Tolerance.AssertFormula(t.Sum(r => r.Sum()), tResult, "RowsSum tResult");
        var tr = rows.Select(r => r.Select((_, j) => 1.0 + j).ToArray()).ToArray();
        value = Get("RowsSelectForward").CreateDelegate<RowsWForward>()(rows, w, tr, 0.3, out tResult);
        Assert.Equal(select.Value, value);
        Tolerance.AssertFormula((w * rows.Length) + (0.3 * rows.Sum(r => r[0])), tResult, "RowsSelect tResult");
    }

    [Fact]
    public void NaturalRidgeLinq_LinqOverRowsZippedWithWeights_ByHand()
    {
        double[] w = { 0.5, -1.2, 0.3 }, y = { 0.4, -0.9 };
        double[][] x = { new[] { 1.0, 2.0, -0.5 }, new[] { 0.3, -0.7, 1.1 } };
        const double lambda = 0.1;
        var g = CentralDifferenceRunner.Check(NaturalSource.Method("N04_RidgeLinq", "Regression", "RidgeLoss"), null, new object[] { w, x, y, lambda });
        // r_i = x_i·w - y_i, f = (1/n) Σ r_i² + λ Σ w²: ∇w = (2/n) Σ r_i x_i + 2λw, ∂/∂x_ij = (2/n) r_i w_j, ∂/∂y_i = -(2/n) r_i.
        int n = x.Length;
        double[] r = x.Select((row, i) => row.Zip(w, (a, b) => a * b).Sum() - y[i]).ToArray();
        Tolerance.AssertFormula((r.Sum(v => v * v) / n) + (lambda * w.Sum(v => v * v)), g.Value, "RidgeLoss value");
        AssertAll(w.Select((wj, j) => (2.0 / n * r.Select((ri, i) => ri * x[i][j]).Sum()) + (2 * lambda * wj)).ToArray(), g.Gradient[0]!, "dRidgeLoss/dw");
        AssertAll(x.SelectMany((row, i) => row.Select((_, j) => 2.0 / n * r[i] * w[j])).ToArray(), g.Gradient[1]!, "dRidgeLoss/dX");
        AssertAll(r.Select(ri => -2.0 / n * ri).ToArray(), g.Gradient[2]!, "dRidgeLoss/dy");
        Tolerance.AssertFormula(w.Sum(v => v * v), g.Gradient[3]![0], "dRidgeLoss/dlambda");
    }

    private static void AssertAll(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++) Tolerance.AssertFormula(expected[k], actual[k], what + "[" + k + "]");
    }
}
