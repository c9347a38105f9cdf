using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms13a;

/// <summary>
/// <see cref="Idioms13aExamples"/>: each gradient by hand and against central differences (CentralDifferenceRunner),
/// MForward against MBackward along a direction, MHessian by hand.
/// </summary>
public class Idioms13aTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Idioms13aExamples.Source));

    private static MethodInfo Get(string type, string name) => Compiled.Value.GetType(type)!.GetMethod(name)!;

    [Theory]
    [InlineData(1.5, 0.5, 0.3)]
    [InlineData(0.5, 1.5, -0.7)]
    public void ARefLocalBoundToARefTernary_ReadsAndWritesTheChosenVariable(double a, double b, double x)
    {
        var r = CentralDifferenceRunner.Check(Get("RefChoices", "Square"), null, new object[] { a, b, x });
        if (a > b)
        {
            // f = (a² + x) b + a² + x.
            Tolerance.AssertFormula((((a * a) + x) * b) + (a * a) + x, r.Value, "Square value");
            Tolerance.AssertFormula((2 * a * b) + (2 * a), r.Gradient[0]![0], "dSquare/da");
            Tolerance.AssertFormula((a * a) + x, r.Gradient[1]![0], "dSquare/db");
            Tolerance.AssertFormula(b + 1, r.Gradient[2]![0], "dSquare/dx");
        }
        else
        {
            // f = a (b² + x) + b² + x.
            Tolerance.AssertFormula((a * ((b * b) + x)) + (b * b) + x, r.Value, "Square value");
            Tolerance.AssertFormula((b * b) + x, r.Gradient[0]![0], "dSquare/da");
            Tolerance.AssertFormula((2 * a * b) + (2 * b), r.Gradient[1]![0], "dSquare/db");
            Tolerance.AssertFormula(a + 1, r.Gradient[2]![0], "dSquare/dx");
        }

        var t = CentralDifferenceRunner.Check(Get("RefChoices", "RefTernary"), null, new object[] { a, b });
        Tolerance.AssertFormula(a > b ? (3 * b) + 3 : 3 * b, t.Gradient[0]![0], "dRefTernary/da");
        Tolerance.AssertFormula(a > b ? 3 * a : (3 * a) + 3, t.Gradient[1]![0], "dRefTernary/db");

        var c = CentralDifferenceRunner.Check(Get("RefChoices", "ConditionalRefAssign"), null, new object[] { a, b });
        Tolerance.AssertFormula(a > b ? b : 1 + (2 * b), c.Gradient[0]![0], "dConditionalRefAssign/dx");
        Tolerance.AssertFormula(a > b ? a + 2 : 2 * a, c.Gradient[1]![0], "dConditionalRefAssign/dy");
    }

    private delegate double Hessian3(double a, double b, double x, Span<double> hessian);

    [Theory]
    [InlineData(1.5, 0.5, 0.3)]
    [InlineData(0.5, 1.5, -0.7)]
    public void ARefTernary_Hessian_ByHand(double a, double b, double x)
    {
        var h = new double[9];
        double value = Get("RefChoices", "SquareHessian").CreateDelegate<Hessian3>()(a, b, x, h);
        Tolerance.AssertFormula(a > b ? (((a * a) + x) * b) + (a * a) + x : (a * ((b * b) + x)) + (b * b) + x, value, "SquareHessian value");
        // a > b: f = a²b + xb + a² + x: [[2b + 2, 2a, 0], [2a, 0, 1], [0, 1, 0]]; else f = ab² + ax + b² + x: [[0, 2b, 1], [2b, 2a + 2, 0], [1, 0, 0]].
        double[] expected = a > b ? new[] { (2 * b) + 2, 2 * a, 0, 2 * a, 0, 1, 0, 1, 0 } : new[] { 0, 2 * b, 1, 2 * b, (2 * a) + 2, 0, 1, 0, 0 };
        AssertAll(expected, h, "SquareHessian");
    }

    [Theory]
    [InlineData(0.4, 1, 0)]
    [InlineData(-0.6, 1, 0)]
    [InlineData(0.9, 0, 1)]
    public void AStoreThroughARefTernaryOfElements_GoesToTheChosenElement(double x, int i, int j)
    {
        double[] p = { 0.7, -1.2, 0.5, 1.3 };
        var r = CentralDifferenceRunner.Check(Get("RefChoices", "Elements"), null, new object[] { p, x, i, j });
        var a = new[] { p[0], p[1] };
        var b = new[] { p[2], p[3] };
        // d a_k/d p: the element each slot holds (p_k, p_{k+2}, or x p0 in the chosen slot).
        var da = new double[2][];
        var db = new double[2][];
        for (int k = 0; k < 2; k++)
        {
            da[k] = new double[4];
            da[k][k] = 1;
            db[k] = new double[4];
            db[k][k + 2] = 1;
        }
        double dax0 = 0, dax1 = 0, dbx0 = 0, dbx1 = 0;
        if (x > 0)
        {
            a[i] = x * p[0];
            da[i] = new double[] { x, 0, 0, 0 };
            if (i == 0) dax0 = p[0]; else dax1 = p[0];
        }
        else
        {
            b[j] = x * p[0];
            db[j] = new double[] { x, 0, 0, 0 };
            if (j == 0) dbx0 = p[0]; else dbx1 = p[0];
        }
        // f = a0 a1 + 3 b0 b1.
        Tolerance.AssertFormula((a[0] * a[1]) + (3 * b[0] * b[1]), r.Value, "Elements value");
        var expected = Enumerable.Range(0, 4).Select(k => (da[0][k] * a[1]) + (a[0] * da[1][k]) + (3 * ((db[0][k] * b[1]) + (b[0] * db[1][k])))).ToArray();
        AssertAll(expected, r.Gradient[0]!, "dElements/dp");
        Tolerance.AssertFormula((dax0 * a[1]) + (a[0] * dax1) + (3 * ((dbx0 * b[1]) + (b[0] * dbx1))), r.Gradient[1]![0], "dElements/dx");
    }

    [Fact]
    public void RefTernariesInLoops_CarryBothReferents()
    {
        double[] v = { 0.5, -0.3, 1.2, -0.8, 0.15 };
        const double x = 0.7;
        var s = CentralDifferenceRunner.Check(Get("RefChoices", "Split"), null, new object[] { v, x });
        double sp = v.Where(e => e > 0).Sum(), sn = v.Where(e => e <= 0).Sum(), pos = x * sp;
        Tolerance.AssertFormula((pos * pos) - (x * sn), s.Value, "Split value");
        AssertAll(v.Select(e => e > 0 ? 2 * pos * x : -x).ToArray(), s.Gradient[0]!, "dSplit/dv");
        Tolerance.AssertFormula((2 * pos * sp) - sn, s.Gradient[1]![0], "dSplit/dx");

        var p = CentralDifferenceRunner.Check(Get("RefChoices", "Products"), null, new object[] { v, 0.1 });
        double lo = v.Where(e => e < 0.1).Aggregate(1.0, (acc, e) => acc * (1 + e)), hi = v.Where(e => e >= 0.1).Aggregate(1.0, (acc, e) => acc * (1 + e));
        Tolerance.AssertFormula(lo + (2 * hi), p.Value, "Products value");
        AssertAll(v.Select(e => e < 0.1 ? lo / (1 + e) : 2 * hi / (1 + e)).ToArray(), p.Gradient[0]!, "dProducts/dv");
        Tolerance.AssertFormula(0, p.Gradient[1]![0], "dProducts/dx");
    }

    [Theory]
    [InlineData(0.6)]
    [InlineData(-0.3)]
    public void ARefTernaryBoundBeforeALoop_IsWrittenInIt(double x)
    {
        double[] v = { 0.5, -0.3, 1.2 };
        var r = CentralDifferenceRunner.Check(Get("RefChoices", "BoundBefore"), null, new object[] { v, x });
        double p = v.Aggregate(1.0, (acc, e) => acc * (1 + e));
        // x > 0.2: f = xP + 2(1 − x); else f = x + 2(1 − x)P.
        Tolerance.AssertFormula(x > 0.2 ? (x * p) + (2 * (1 - x)) : x + (2 * (1 - x) * p), r.Value, "BoundBefore value");
        AssertAll(v.Select(e => (x > 0.2 ? x * p : 2 * (1 - x) * p) / (1 + e)).ToArray(), r.Gradient[0]!, "dBoundBefore/dv");
        Tolerance.AssertFormula(x > 0.2 ? p - 2 : 1 - (2 * p), r.Gradient[1]![0], "dBoundBefore/dx");
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(-0.4)]
    public void ARefTernaryOfArrayParameterElements_WritesTheChosenOne(double x)
    {
        double[] a = { 1.5, -0.5 }, b = { 0.25, 2.0 };
        // The arrays are written, so their adjoints are in/out (docs/ref-out.md): checked against central differences with seeds on them.
        CentralDifferenceRunner.CheckInOut(Get("RefChoices", "IntoParameter"), null, new object[] { a, b, x }, 7);
        // By hand, no seed on what the method leaves in the arrays: x > 0: f = (a0 + x²) b1; else f = a0 (b1 + x²).
        double[] dA = new double[2], dB = new double[2];
        var args = new object[] { a.Clone(), b.Clone(), x, dA, dB, 0.0, 1.0 };
        double value = (double)Get("RefChoices", "IntoParameterBackward").Invoke(null, args)!;
        Tolerance.AssertFormula(x > 0 ? (a[0] + (x * x)) * b[1] : a[0] * (b[1] + (x * x)), value, "IntoParameter value");
        AssertAll(x > 0 ? new[] { b[1], 0 } : new[] { b[1] + (x * x), 0 }, dA, "dIntoParameter/da");
        AssertAll(x > 0 ? new[] { 0, a[0] + (x * x) } : new[] { 0, a[0] }, dB, "dIntoParameter/db");
        Tolerance.AssertFormula(x > 0 ? 2 * x * b[1] : 2 * x * a[0], (double)args[5], "dIntoParameter/dx");
        // The method writes the caller's array as C# does.
        var (ca, cb) = ((double[])a.Clone(), (double[])b.Clone());
        Get("RefChoices", "IntoParameter").Invoke(null, new object[] { ca, cb, x });
        Assert.Equal(x > 0 ? a[0] + (x * x) : a[0], ca[0]);
        Assert.Equal(x > 0 ? b[1] : b[1] + (x * x), cb[1]);
    }

    [Theory]
    [InlineData(0.9, 0.4)]
    [InlineData(0.3, 0.8)]
    [InlineData(-0.5, 0.2)]
    public void ANestedRefTernary_WithAnElementRefLocal_GoesToTheChosenOne(double x, double y)
    {
        var r = CentralDifferenceRunner.Check(Get("RefChoices", "Nested"), null, new object[] { x, y });
        // x > y: f = xy + 2y + 3(x + y); 0 < x ≤ y: f = x + 2y + 3xy; x ≤ 0: f = x + 2xy + 3(x + y).
        var (dx, dy) = x > y ? (y + 3, x + 5) : x > 0 ? (1 + (3 * y), 2 + (3 * x)) : (4 + (2 * y), (2 * x) + 3);
        Tolerance.AssertFormula(dx, r.Gradient[0]![0], "dNested/dx");
        Tolerance.AssertFormula(dy, r.Gradient[1]![0], "dNested/dy");
    }

    [Fact]
    public void MathNetsArrayDispatch_OverADoubleArray_IsTheArrayPath()
    {
        double[] data = { 0.5, -1.5, 2.0, 0.25 };
        var rms = CentralDifferenceRunner.Check(Get("Dispatch", "RootMeanSquare"), null, new object[] { data });
        double value = Math.Sqrt(data.Select(d => d * d).Average());
        Tolerance.AssertFormula(value, rms.Value, "RootMeanSquare value");
        // d/dd_i sqrt(Σ d²/n) = d_i / (n · rms).
        AssertAll(data.Select(d => d / (data.Length * value)).ToArray(), rms.Gradient[0]!, "dRootMeanSquare/dd");

        var sum = CentralDifferenceRunner.Check(Get("Dispatch", "SumSquares"), null, new object[] { data });
        AssertAll(data.Select(d => 2 * d).ToArray(), sum.Gradient[0]!, "dSumSquares/dd");

        var local = CentralDifferenceRunner.Check(Get("Dispatch", "LocalArray"), null, new object[] { 0.8 });
        Tolerance.AssertFormula((0.8 * 0.8 * 0.8) + 0.8, local.Value, "LocalArray value");
        Tolerance.AssertFormula((3 * 0.8 * 0.8) + 1, local.Gradient[0]![0], "dLocalArray/dx");
    }

    private delegate double ArrayHessian(double[] data, Span<double> hessian);

    [Fact]
    public void MathNetsArrayDispatch_Hessian_ByHand()
    {
        double[] data = { 0.5, -1.5, 2.0 };
        var h = new double[9];
        double value = Get("Dispatch", "SumSquaresHessian").CreateDelegate<ArrayHessian>()(data, h);
        Tolerance.AssertFormula(data.Sum(d => d * d), value, "SumSquaresHessian value");
        AssertAll(new double[] { 2, 0, 0, 0, 2, 0, 0, 0, 2 }, h, "SumSquaresHessian");
    }

    [Theory]
    [InlineData("RefChoices", "Square")]
    [InlineData("RefChoices", "RefTernary")]
    [InlineData("RefChoices", "ConditionalRefAssign")]
    [InlineData("RefChoices", "Nested")]
    [InlineData("Dispatch", "LocalArray")]
    public void ForwardMode_IsBackwardsGradientAlongTheDirection(string type, string name)
    {
        foreach (var point in new[] { new object[] { 1.5, 0.5, 0.3 }, new object[] { 0.3, 0.8, -0.7 }, new object[] { -0.5, 0.2, 0.4 } })
        {
            var method = Get(type, name);
            var at = point.Take(method.GetParameters().Length).ToArray();
            var r = CentralDifferenceRunner.Check(method, null, at);
            var random = new Random(31);
            var args = new List<object?>(at);
            double expected = 0;
            for (int k = 0; k < at.Length; k++)
            {
                double t = random.NextDouble() - 0.5;
                expected += t * r.Gradient[k]![0];
                args.Add(t);
            }
            args.Add(null);
            var all = args.ToArray();
            double value = (double)Compiled.Value.GetType(type)!.GetMethod(name + "Forward")!.Invoke(null, all)!;
            Assert.Equal(r.Value, value);
            Tolerance.AssertFormula(expected, (double)all[^1]!, name + " tResult vs Backward · t");
        }
    }

    private delegate double SplitForward(double[] v, double x, ReadOnlySpan<double> tV, double tX, out double tResult);

    private delegate double ElementsForward(double[] p, double x, int i, int j, ReadOnlySpan<double> tP, double tX, out double tResult);

    [Fact]
    public void ForwardMode_OverArrays_IsBackwardsGradientAlongTheDirection()
    {
        double[] v = { 0.5, -0.3, 1.2, -0.8 };
        double[] tv = { 0.2, -0.4, 0.1, 0.3 };
        var s = CentralDifferenceRunner.Check(Get("RefChoices", "Split"), null, new object[] { v, 0.7 });
        double value = Get("RefChoices", "SplitForward").CreateDelegate<SplitForward>()(v, 0.7, tv, -0.6, out double tResult);
        Assert.Equal(s.Value, value);
        Tolerance.AssertFormula(tv.Select((t, k) => t * s.Gradient[0]![k]).Sum() - (0.6 * s.Gradient[1]![0]), tResult, "Split tResult");

        double[] p = { 0.7, -1.2, 0.5, 1.3 };
        var e = CentralDifferenceRunner.Check(Get("RefChoices", "Elements"), null, new object[] { p, -0.4, 1, 0 });
        value = Get("RefChoices", "ElementsForward").CreateDelegate<ElementsForward>()(p, -0.4, 1, 0, tv, 0.5, out tResult);
        Assert.Equal(e.Value, value);
        Tolerance.AssertFormula(tv.Select((t, k) => t * e.Gradient[0]![k]).Sum() + (0.5 * e.Gradient[1]![0]), tResult, "Elements tResult");
    }

    private static void AssertAll(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++) Tolerance.AssertFormula(expected[k], actual[k], what + "[" + k + "]");
    }
}
