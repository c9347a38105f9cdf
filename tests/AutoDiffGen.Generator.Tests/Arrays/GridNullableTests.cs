using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// A double[,]? or double[][]? parameter may be null: its adjoint (and tangent) may then be null too and is not read;
/// when it is present, its adjoint must be too, of its shape.
/// </summary>
public class GridNullableTests
{
    private const string Source = """
        using AutoDiffGen;
        public static partial class Nu
        {
            [Differentiable(Forward = true)]
            public static double F(double x, double[,]? a, double[][]? b)
            {
                if (a == null || b == null) return x * x;
                return x * a[0, 1] + b[1][0] * b[1][0];
            }
        }
        """;

    private static readonly Lazy<Type> Nu = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("Nu")!);

    [Fact]
    public void NullGrids_TakeNullAdjoints()
    {
        var args = new object?[] { 1.5, null, null, 0.0, null, null, 1.0 };
        double value = (double)Nu.Value.GetMethod("FBackward")!.Invoke(null, args)!;
        Assert.Equal(2.25, value);
        Assert.Equal(3.0, (double)args[3]!);
    }

    [Fact]
    public void PresentGrids_MatchCentralDifferencesAndHand()
    {
        var a = new[,] { { 0.5, -1.2 }, { 0.3, 0.8 } };
        var b = new[] { new[] { 0.4 }, new[] { -0.7, 2.0 } };
        var result = CentralDifferenceRunner.Check(Nu.Value.GetMethod("F")!, null, new object[] { 1.5, a, b });
        Assert.Equal(-1.2, result.Gradient[0]![0], 12);
        Assert.Equal(new[] { 0, 1.5, 0, 0 }, result.Gradient[1]!);
        Assert.Equal(new[] { 0, -1.4, 0 }, result.Gradient[2]!.Select(g => Math.Round(g, 12)));
    }

    [Fact]
    public void PresentGridWithoutAdjoint_Throws()
    {
        var e = Assert.Throws<System.Reflection.TargetInvocationException>(() =>
            Nu.Value.GetMethod("FBackward")!.Invoke(null, new object?[] { 1.5, new double[1, 2], null, 0.0, null, null, 1.0 }));
        Assert.Equal("dA", Assert.IsType<ArgumentNullException>(e.InnerException).ParamName);
    }
}
