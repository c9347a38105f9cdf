using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Linq;

/// <summary>
/// LINQ over arrays lowered to the loop it runs: each form's gradient against a value derived by hand and against central
/// differences (CentralDifferenceRunner also checks that Backward returns the method's value and adds, never overwrites);
/// the value is LINQ's to the bit, NaN and signed zeros included; an empty sequence throws what LINQ throws. Where is a
/// branch on its test (not differentiated): kept elements get their gradient, the others 0, and "empty" counts the kept.
/// </summary>
public class LinqTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(LinqSources.Source));

    private static Type Lq => Compiled.Value.GetType("Lq")!;

    private static readonly double[] X = { 0.7, -1.2, 0.4, 2.1, -0.3 };
    private static readonly double[] Y = { 1.5, 0.25, -2.0, 0.6, 1.1 };

    /// <summary>Backward of a method of one array: the value and the gradient.</summary>
    private static (double Value, double[] Gradient) Backward(string name, double[] x)
    {
        var dX = new double[x.Length];
        double value = Convert.ToDouble(Lq.GetMethod(name + "Backward")!.Invoke(null, new object[] { x, dX, 1.0 }));
        return (value, dX);
    }

    private static void Central(string name, params object[] point) => CentralDifferenceRunner.Check(Lq.GetMethod(name)!, null, point);

    [Fact]
    public void Sum_IsOnes()
    {
        var (value, g) = Backward("Sum", X);
        Assert.Equal(X.Sum(), value);
        Assert.Equal(X.Select(_ => 1.0), g);
        Central("Sum", X.ToArray());
    }

    [Fact]
    public void SelectSquaresSum_IsTwiceX()
    {
        var (_, g) = Backward("SumSquares", X);
        Assert.Equal(X.Select(v => 2 * v), g);
        Central("SumSquares", X.ToArray());
    }

    [Fact]
    public void SumWithSelector_IsCos()
    {
        var (_, g) = Backward("SumSin", X);
        for (int i = 0; i < X.Length; i++) Assert.Equal(Math.Cos(X[i]), g[i], 14);
        Central("SumSin", X.ToArray());
    }

    [Fact]
    public void ZipDot_IsYAndX()
    {
        var dX = new double[5];
        var dY = new double[5];
        double value = (double)Lq.GetMethod("DotBackward")!.Invoke(null, new object[] { X, Y, dX, dY, 1.0 })!;
        Assert.Equal(X.Zip(Y, (a, b) => a * b).Sum(), value);
        Assert.Equal(Y, dX);
        Assert.Equal(X, dY);
        Central("Dot", X.ToArray(), Y.ToArray());
    }

    [Fact]
    public void ZipOfDifferentLengths_StopsAtTheShorter()
    {
        var dX = new double[5];
        var dY = new double[3];
        double value = (double)Lq.GetMethod("DotBackward")!.Invoke(null, new object[] { X, Y[..3], dX, dY, 1.0 })!;
        Assert.Equal(X.Zip(Y[..3], (a, b) => a * b).Sum(), value);
        Assert.Equal(new[] { Y[0], Y[1], Y[2], 0, 0 }, dX);
        Assert.Equal(X[..3], dY);
        Central("Dot", X.ToArray(), Y[..3]);
    }

    [Fact]
    public void Average_IsOneOverN()
    {
        var (value, g) = Backward("Mean", X);
        Assert.Equal(X.Average(), value);
        Assert.All(g, v => Assert.Equal(1.0 / X.Length, v, 15));
        Central("Mean", X.ToArray());
        // Average(v => w·v²): d/dv = 2wv/n, d/dw = Σv²/n.
        var dX = new double[5];
        var args = new object[] { X, 0.8, dX, 0.0, 1.0 };
        Lq.GetMethod("MeanOfBackward")!.Invoke(null, args);
        for (int i = 0; i < 5; i++) Assert.Equal(2 * 0.8 * X[i] / 5, dX[i], 14);
        Assert.Equal(X.Sum(v => v * v) / 5, (double)args[3], 14);
        Central("MeanOf", X.ToArray(), 0.8);
    }

    [Theory]
    [InlineData(new[] { 1.0, 3.0, -2.0, 3.0, 2.0 }, 1)] // a tie: the first arg-max
    [InlineData(new[] { 5.0, 3.0, -2.0, 3.0, 2.0 }, 0)]
    [InlineData(new[] { 1.0, 3.0, -2.0, 3.0, 7.0 }, 4)]
    public void Max_IsOneHotAtTheFirstArgMax(double[] x, int at)
    {
        var (value, g) = Backward("Max", x);
        Assert.Equal(x.Max(), value);
        Assert.Equal(Enumerable.Range(0, x.Length).Select(i => i == at ? 1.0 : 0.0), g);
    }

    [Theory]
    [InlineData(new[] { 1.0, -3.0, 2.0, -3.0, 2.0 }, 1)] // a tie: the first arg-min
    [InlineData(new[] { -5.0, 3.0, -2.0, 3.0, 2.0 }, 0)]
    public void Min_IsOneHotAtTheFirstArgMin(double[] x, int at)
    {
        var (value, g) = Backward("Min", x);
        Assert.Equal(x.Min(), value);
        Assert.Equal(Enumerable.Range(0, x.Length).Select(i => i == at ? 1.0 : 0.0), g);
    }

    [Fact]
    public void MaxMin_CentralDifferencesAwayFromTies()
    {
        Central("Max", X.ToArray());
        Central("Min", X.ToArray());
        Central("MaxOf", X.ToArray());
        Central("MinOf", X.ToArray(), 0.7);
        Central("MinOf", X.ToArray(), -0.7);
        // Select(cos).Max(): −sin at the arg-max of cos, 0 elsewhere.
        var (_, g) = Backward("MaxOf", X);
        int at = Array.IndexOf(X, X.MaxBy(Math.Cos));
        for (int i = 0; i < 5; i++) Assert.Equal(i == at ? -Math.Sin(X[i]) : 0.0, g[i]);
    }

    [Fact]
    public void IndexedSelect_IsIPlusOne()
    {
        var (_, g) = Backward("Weighted", X);
        Assert.Equal(new[] { 1.0, 2, 3, 4, 5 }, g);
        Central("Weighted", X.ToArray());
    }

    [Fact]
    public void RangeSelectSum_IsADotOverTheRange()
    {
        var dX = new double[5];
        var dY = new double[5];
        double value = (double)Lq.GetMethod("RangedBackward")!.Invoke(null, new object[] { X, Y, 3, dX, dY, 1.0 })!;
        Assert.Equal(X[0] * Y[0] + X[1] * Y[1] + X[2] * Y[2], value, 15);
        Assert.Equal(new[] { Y[0], Y[1], Y[2], 0, 0 }, dX);
        Assert.Equal(new[] { X[0], X[1], X[2], 0, 0 }, dY);
        Central("Ranged", X.ToArray(), Y.ToArray(), 4);
        // Range(from, n): 2x over [from, from + n).
        var dShift = new double[5];
        Lq.GetMethod("ShiftedBackward")!.Invoke(null, new object[] { X, 2, 2, dShift, 1.0 });
        Assert.Equal(new[] { 0, 0, 2 * X[2], 2 * X[3], 0 }, dShift);
        Central("Shifted", X.ToArray(), 1, 3);
    }

    [Fact]
    public void Aggregate_ByHandAndCentralDifferences()
    {
        // Product: ∂/∂xi = Π x / xi.
        var (value, g) = Backward("Product", X);
        double product = X.Aggregate((a, v) => a * v);
        Assert.Equal(product, value);
        for (int i = 0; i < 5; i++) Assert.Equal(product / X[i], g[i], 13);
        Central("Product", X.ToArray());
        Central("Fold", X.ToArray(), 0.9);
        // Fold over one element: s·x0 + 1, d/ds = x0, d/dx0 = s.
        var dX = new double[1];
        var args = new object[] { new[] { 1.7 }, 0.9, dX, 0.0, 1.0 };
        Assert.Equal(0.9 * 1.7 + 1, (double)Lq.GetMethod("FoldBackward")!.Invoke(null, args)!);
        Assert.Equal(0.9, dX[0]);
        Assert.Equal(1.7, (double)args[3]);
    }

    [Fact]
    public void Floats_AddInDoubleAsLinqDoes()
    {
        // Values LINQ rounds differently when summed in float: the Backward value must be LINQ's (Sum and Average add in double).
        var x = new[] { 1e8f, 1f, -1e8f, 3.5f, 1e-3f, 7f };
        var dX = new float[6];
        Assert.Equal(x.Sum(), (float)Lq.GetMethod("SumFBackward")!.Invoke(null, new object[] { x, dX, 1f })!);
        Assert.Equal(x.Select(_ => 1f), dX);
        Assert.Equal(x.Average(), (float)Lq.GetMethod("MeanFBackward")!.Invoke(null, new object[] { x, new float[6], 1f })!);
        var f = new[] { 0.5f, -1.5f, 1.2f };
        Central("SumF", f.ToArray());
        Central("MeanF", f.ToArray());
        Central("MaxF", f.ToArray());
    }

    [Fact]
    public void CapturedLocalsAndLocalArrays()
    {
        // Variance: d/dxi = 2(xi − m)/n (the mean's own derivative cancels: Σ(xj − m) = 0).
        var (value, g) = Backward("Variance", X);
        double m = X.Average();
        Assert.Equal(X.Select(v => (v - m) * (v - m)).Sum() / 5, value, 15);
        for (int i = 0; i < 5; i++) Assert.Equal(2 * (X[i] - m) / 5, g[i], 14);
        Central("Variance", X.ToArray());
        // Σk (k+1)·w·Σx + Σc·w over k = 0, 1: d/dxi = 3w, d/dw = 3Σx + 2Σc.
        var dX = new double[5];
        var args = new object[] { X, 0.6, dX, 0.0, 1.0 };
        Lq.GetMethod("LocalBackward")!.Invoke(null, args);
        Assert.All(dX, v => Assert.Equal(3 * 0.6, v, 14));
        Assert.Equal(3 * X.Sum() + 2 * 1.0, (double)args[3], 13);
        Central("Local", X.ToArray(), 0.6);
        // Σi Σv v·i over i < n: d/dv = Σi i = n(n−1)/2.
        var (_, nested) = (0.0, new double[5]);
        Lq.GetMethod("NestedBackward")!.Invoke(null, new object[] { X, 4, nested, 1.0 });
        Assert.All(nested, v => Assert.Equal(6.0, v));
        Central("Nested", X.ToArray(), 3);
    }

    public static IEnumerable<object[]> Awkward() => new[]
    {
        new object[] { new[] { double.NaN, 1.0, 2.0 } },
        new object[] { new[] { 1.0, double.NaN, 2.0 } },
        new object[] { new[] { 1.0, 2.0, double.NaN } },
        new object[] { new[] { double.NaN, double.NaN } },
        new object[] { new[] { -0.0, 0.0 } },
        new object[] { new[] { 0.0, -0.0 } },
        new object[] { new[] { double.NegativeInfinity, double.PositiveInfinity, 1.0 } },
        new object[] { new[] { 0.1, 0.2, 0.3, 1e16, -1e16, 0.4 } },
    };

    [Theory]
    [MemberData(nameof(Awkward))]
    public void Values_AreLinqsToTheBit(double[] x)
    {
        foreach (string name in new[] { "Sum", "Mean", "Max", "Min", "SumSquares", "Product", "MaxOf" })
        {
            double linq = (double)Lq.GetMethod(name)!.Invoke(null, new object[] { x })!;
            double generated = Backward(name, x).Value;
            Assert.True(BitConverter.DoubleToInt64Bits(linq) == BitConverter.DoubleToInt64Bits(generated) || double.IsNaN(linq) && double.IsNaN(generated),
                $"{name}({string.Join(", ", x)}): LINQ {linq:R}, Backward {generated:R}");
        }
    }

    [Theory]
    [InlineData("Mean")]
    [InlineData("Max")]
    [InlineData("Min")]
    [InlineData("MaxOf")]
    [InlineData("Product")]
    [InlineData("MaxF")]
    [InlineData("MeanF")]
    public void Empty_ThrowsWhatLinqThrows(string name)
    {
        bool floats = name.EndsWith('F');
        Array empty = floats ? new float[0] : new double[0];
        var primal = Assert.Throws<TargetInvocationException>(() => Lq.GetMethod(name)!.Invoke(null, new object[] { empty }));
        var backward = Assert.Throws<TargetInvocationException>(() => Lq.GetMethod(name + "Backward")!.Invoke(null, new object[] { empty, floats ? new float[0] : new double[0], floats ? (object)1f : 1.0 }));
        Assert.IsType<InvalidOperationException>(primal.InnerException);
        Assert.IsType<InvalidOperationException>(backward.InnerException);
        Assert.Equal(primal.InnerException!.Message, backward.InnerException!.Message);
    }

    [Fact]
    public void Empty_SumIsZeroAndRangeChecksItsCount()
    {
        var (value, g) = Backward("Sum", new double[0]);
        Assert.Equal(0.0, value);
        Assert.Empty(g);
        Assert.Equal(0.0, Backward("SumSquares", new double[0]).Value);
        Assert.Equal(2.5, (double)Lq.GetMethod("FoldBackward")!.Invoke(null, new object[] { new double[0], 2.5, new double[0], 0.0, 1.0 })!);
        var primal = Assert.Throws<TargetInvocationException>(() => Lq.GetMethod("Ranged")!.Invoke(null, new object[] { X, Y, -1 }));
        var backward = Assert.Throws<TargetInvocationException>(() => Lq.GetMethod("RangedBackward")!.Invoke(null, new object[] { X, Y, -1, new double[5], new double[5], 1.0 }));
        Assert.IsType<ArgumentOutOfRangeException>(primal.InnerException);
        Assert.IsType<ArgumentOutOfRangeException>(backward.InnerException);
        var overflow = Assert.Throws<TargetInvocationException>(() => Lq.GetMethod("ShiftedBackward")!.Invoke(null, new object[] { X, int.MaxValue, 2, new double[5], 1.0 }));
        Assert.IsType<ArgumentOutOfRangeException>(overflow.InnerException);
        Assert.Throws<TargetInvocationException>(() => Lq.GetMethod("Shifted")!.Invoke(null, new object[] { X, int.MaxValue, 2 }));
    }

    [Fact]
    public void Where_KeptElementsOnly()
    {
        var (value, g) = Backward("WherePos", X);
        Assert.Equal(X.Where(v => v > 0).Sum(), value);
        Assert.Equal(X.Select(v => v > 0 ? 1.0 : 0.0), g);
        Central("WherePos", X.ToArray());
        // Average of squares above t: 2v/k for the k kept.
        var dX = new double[5];
        var args = new object[] { X, 0.0, dX, 0.0, 1.0 };
        Assert.Equal(X.Where(v => v > 0).Select(v => v * v).Average(), (double)Lq.GetMethod("WhereSqBackward")!.Invoke(null, args)!);
        for (int i = 0; i < 5; i++) Assert.Equal(X[i] > 0 ? 2 * X[i] / 3 : 0.0, dX[i], 14);
        Assert.Equal(0.0, (double)args[3]); // the threshold is only compared
        Central("WhereSq", X.ToArray(), 0.1);
        // Max below 1: one-hot at the first arg-max among the kept (0.7 at 0).
        Assert.Equal(new[] { 1.0, 0, 0, 0, 0 }, Backward("WhereMax", X).Gradient);
        Assert.Equal(new[] { 0, 1.0, 0, 0, 0 }, Backward("WhereMax", new[] { 0.2, 0.9, 5.0, 0.9, -1.0 }).Gradient);
        // Two filters, a product of the kept: Π/xi for kept, 0 else (−1.2 is dropped).
        var (p, gp) = Backward("WhereProduct", X);
        double product = 0.7 * 0.4 * 2.1 * -0.3;
        Assert.Equal(X.Where(v => v != 0).Where(v => v > -1).Aggregate((a, v) => a * v), p);
        for (int i = 0; i < 5; i++) Assert.Equal(X[i] > -1 ? product / X[i] : 0.0, gp[i], 13);
        Central("WhereProduct", X.ToArray());
        // The selector runs only on kept indices: n past the length does not read past it.
        var dR = new double[5];
        Assert.Equal(X.Sum(v => v * v), (double)Lq.GetMethod("RangeWhereBackward")!.Invoke(null, new object[] { X, 9, dR, 1.0 })!, 14);
        Assert.Equal(X.Select(v => 2 * v), dR);
        Central("AboveMean", X.ToArray());
    }

    [Theory]
    [InlineData("WhereSq")]
    [InlineData("WhereMax")]
    [InlineData("WhereProduct")]
    public void Where_NothingKept_ThrowsWhatLinqThrows(string name)
    {
        double[] none = { 5.0, 7.0 };
        object[] primalArgs = name == "WhereSq" ? new object[] { none, 10.0 } : name == "WhereProduct" ? new object[] { new[] { 0.0, -3.0 } } : new object[] { none };
        object[] backwardArgs = name == "WhereSq" ? new object[] { none, 10.0, new double[2], 0.0, 1.0 } : new object[] { primalArgs[0], new double[2], 1.0 };
        var primal = Assert.Throws<TargetInvocationException>(() => Lq.GetMethod(name)!.Invoke(null, primalArgs));
        var backward = Assert.Throws<TargetInvocationException>(() => Lq.GetMethod(name + "Backward")!.Invoke(null, backwardArgs));
        Assert.IsType<InvalidOperationException>(primal.InnerException);
        Assert.IsType<InvalidOperationException>(backward.InnerException);
        Assert.Equal(0.0, Backward("WherePos", new[] { -1.0, -2.0 }).Value);
    }
}
