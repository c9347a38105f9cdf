using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms12;

/// <summary>
/// <see cref="Idioms12Examples"/>: each gradient against central differences and by hand, MForward against MBackward
/// along a random direction, MHessian by hand.
/// </summary>
public class Idioms12Tests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Idioms12Examples.Source));

    private static MethodInfo Get(string type, string name) => Compiled.Value.GetType(type)!.GetMethod(name)!;

    private static double[][] Grid() => new[] { new[] { 0.3, -1.2, 0.7 }, new[] { 1.1 }, new[] { -0.4, 0.9 } };

    [Fact]
    public void JaggedRows_ByHandAndCentralDifferences()
    {
        var a = Grid();
        var r = CentralDifferenceRunner.Check(Get("Rows", "JaggedSum"), null, new object[] { a });
        var expected = a.SelectMany(row => row.Select((v, j) => 2 * (j + 1) * v)).ToArray();
        AssertAll(expected, r.Gradient[0]!, "dJaggedSum/da");

        double[] v = { 0.5, -0.25, 1.5 };
        var dot = CentralDifferenceRunner.Check(Get("Rows", "RowDot"), null, new object[] { a, v });
        // d/dm[i][j] = (1 − tanh² r_i) v[j]; d/dv[j] = Σ_i (1 − tanh² r_i) m[i][j] over rows long enough.
        var sech2 = a.Select(row => 1 - Math.Pow(Math.Tanh(row.Select((x, j) => x * v[j]).Sum()), 2)).ToArray();
        AssertAll(a.SelectMany((row, i) => row.Select((_, j) => sech2[i] * v[j])).ToArray(), dot.Gradient[0]!, "dRowDot/dm");
        AssertAll(Enumerable.Range(0, 3).Select(j => a.Select((row, i) => j < row.Length ? sech2[i] * row[j] : 0).Sum()).ToArray(), dot.Gradient[1]!, "dRowDot/dv");

        // Row maxima 0.7, 1.1, 0.9: d/dm = 2 best x at each maximum, d/dx = Σ best².
        var max = CentralDifferenceRunner.Check(Get("Rows", "RowMax"), null, new object[] { a, 0.8 });
        AssertAll(new[] { 0, 0, 2 * 0.7 * 0.8, 2 * 1.1 * 0.8, 0, 2 * 0.9 * 0.8 }, max.Gradient[0]!, "dRowMax/dm");
        Tolerance.AssertFormula((0.7 * 0.7) + (1.1 * 1.1) + (0.9 * 0.9), max.Gradient[1]![0], "dRowMax/dx");

        // x = 0.5: rows 0 and 2 start below it: s = (0.7 + 0.9) x + (w00·2 + w10·1) x.
        var w = new[] { new[] { 2.0, 3.0 }, new[] { -1.0 } };
        var last = CentralDifferenceRunner.Check(Get("Rows", "LastWhere"), null, new object[] { a, w, 0.5 });
        AssertAll(new[] { 0, 0, 0.5, 0, 0, 0.5 }, last.Gradient[0]!, "dLastWhere/dm");
        Assert.Null(last.Gradient[1]);
        Tolerance.AssertFormula(0.7 + 0.9 + (2.0 * 2) - 1.0, last.Gradient[2]![0], "dLastWhere/dx");
    }

    [Fact]
    public void TupleHelpers_ByHandAndCentralDifferences()
    {
        double x = 0.7, y = -1.3;
        var t = CentralDifferenceRunner.Check(Get("TupleHelpers", "TupleHelper"), null, new object[] { x, y });
        Tolerance.AssertFormula((x + y) * x * y, t.Value, "TupleHelper value");
        Tolerance.AssertFormula((2 * x * y) + (y * y), t.Gradient[0]![0], "dTupleHelper/dx");
        Tolerance.AssertFormula((x * x) + (2 * x * y), t.Gradient[1]![0], "dTupleHelper/dy");

        double r = 1.4, th = 0.6;
        var p = CentralDifferenceRunner.Check(Get("TupleHelpers", "PolarHelper"), null, new object[] { r, th });
        Tolerance.AssertFormula((2 * r * Math.Cos(th) * Math.Cos(th)) + (3 * Math.Sin(th)), p.Gradient[0]![0], "dPolarHelper/dr");
        Tolerance.AssertFormula((-2 * r * r * Math.Cos(th) * Math.Sin(th)) + (3 * r * Math.Cos(th)), p.Gradient[1]![0], "dPolarHelper/dt");

        var e = CentralDifferenceRunner.Check(Get("TupleHelpers", "ElementRead"), null, new object[] { 0.9 });
        // 2x + 2x + x².
        Tolerance.AssertFormula((4 * 0.9) + (0.9 * 0.9), e.Value, "ElementRead value");
        Tolerance.AssertFormula(4 + (2 * 0.9), e.Gradient[0]![0], "dElementRead/dx");
    }

    private delegate double Hessian2(double x, double y, Span<double> hessian);

    [Fact]
    public void TupleHelper_Hessian_ByHand()
    {
        // x²y + xy²: [[2y, 2x + 2y], [2x + 2y, 2x]].
        double x = 0.7, y = -1.3;
        var h = new double[4];
        double value = Get("TupleHelpers", "TupleHelperHessian").CreateDelegate<Hessian2>()(x, y, h);
        Tolerance.AssertFormula((x + y) * x * y, value, "TupleHelperHessian value");
        AssertAll(new[] { 2 * y, (2 * x) + (2 * y), (2 * x) + (2 * y), 2 * x }, h, "TupleHelperHessian");
    }

    [Theory]
    [InlineData("Rows", "JaggedSum")]
    [InlineData("Rows", "RowMax")]
    [InlineData("Rows", "LastWhere")]
    [InlineData("TupleHelpers", "TupleHelper")]
    [InlineData("TupleHelpers", "PolarHelper")]
    [InlineData("TupleHelpers", "ElementRead")]
    public void ForwardMode_IsBackwardsGradientAlongTheDirection(string type, string name)
    {
        object[] point = name switch
        {
            "JaggedSum" => new object[] { Grid() },
            "RowMax" => new object[] { Grid(), 0.8 },
            "LastWhere" => new object[] { Grid(), new[] { new[] { 2.0, 3.0 }, new[] { -1.0 } }, 0.5 },
            "PolarHelper" => new object[] { 1.4, 0.6 },
            "ElementRead" => new object[] { 0.9 },
            _ => new object[] { 0.7, -1.3 },
        };
        var method = Get(type, name);
        var r = CentralDifferenceRunner.Check(method, null, point);
        var random = new Random(29);
        var args = new List<object?>(point);
        double expected = 0;
        for (int k = 0; k < point.Length; k++)
        {
            if (r.Gradient[k] is not { } g) continue;
            switch (point[k])
            {
                case double[][] m:
                    var tm = m.Select(row => row.Select(_ => random.NextDouble() - 0.5).ToArray()).ToArray();
                    expected += tm.SelectMany(row => row).Select((t, c) => t * g[c]).Sum();
                    args.Add(tm);
                    break;
                default:
                    double t1 = random.NextDouble() - 0.5;
                    expected += t1 * g[0];
                    args.Add(t1);
                    break;
            }
        }
        args.Add(null);
        var array = args.ToArray();
        double value = (double)Compiled.Value.GetType(type)!.GetMethod(name + "Forward")!.Invoke(null, array)!;
        Assert.Equal(r.Value, value);
        Tolerance.AssertFormula(expected, (double)array[^1]!, name + " tResult vs Backward · t");
    }

    private delegate double RowDotForward(double[][] m, double[] v, double[][] tM, ReadOnlySpan<double> tV, out double tResult);

    [Fact]
    public void RowDot_Forward_IsBackwardsGradientAlongTheDirection()
    {
        // The double[] tangent is a ReadOnlySpan<double>: called through a delegate, not reflection.
        var a = Grid();
        double[] v = { 0.5, -0.25, 1.5 };
        var r = CentralDifferenceRunner.Check(Get("Rows", "RowDot"), null, new object[] { a, v });
        var tm = new[] { new[] { 0.2, -0.1, 0.4 }, new[] { -0.3 }, new[] { 0.5, 0.25 } };
        double[] tv = { -0.2, 0.6, 0.1 };
        double value = Get("Rows", "RowDotForward").CreateDelegate<RowDotForward>()(a, v, tm, tv, out double tResult);
        double expected = tm.SelectMany(row => row).Select((t, c) => t * r.Gradient[0]![c]).Sum() + tv.Select((t, c) => t * r.Gradient[1]![c]).Sum();
        Assert.Equal(r.Value, value);
        Tolerance.AssertFormula(expected, tResult, "RowDot tResult vs Backward · t");
    }

    private static void AssertAll(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++) Tolerance.AssertFormula(expected[k], actual[k], what + "[" + k + "]");
    }
}
