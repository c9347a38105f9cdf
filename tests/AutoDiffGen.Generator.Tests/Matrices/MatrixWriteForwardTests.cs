using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Matrices;

/// <summary>
/// Forward mode of void methods that write into their double[,] parameters (<see cref="MatrixWriteForwardSources"/>):
/// the tangent <c>double[,] tA</c> is in/out, as a written double[]'s <c>Span&lt;double&gt;</c> tangent is. Checked by hand and
/// against central differences of what the method leaves in its arrays along the direction the tangents give.
/// </summary>
public class MatrixWriteForwardTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(MatrixWriteForwardSources.Source));

    private static MethodInfo M(string name) => Compiled.Value.GetType("Matrices.WF")!.GetMethod(name)!;

    private static Action<object[]> Call(string name) => args => M(name).Invoke(null, args);

    private static double[,] Square => new[,] { { 0.7, -1.3 }, { 2.1, 0.5 } };

    private static double[,] Direction => new[,] { { 0.2, -0.4 }, { 0.6, 1.1 } };

    [Fact]
    public void Fill_MatchesHand()
    {
        double x = 0.8, tX = 0.5;
        var m = Square;
        var tM = Direction;
        M("FillForward").Invoke(null, new object[] { m, x, tM, tX });
        Assert.Equal(new[,] { { 0.7, x * x }, { 2.1 + x, 0.5 * 0.7 } }, m);
        Tolerance.AssertFormula(0.2, tM[0, 0], "tM[0, 0]: untouched, passed through");
        Tolerance.AssertFormula(2 * x * tX, tM[0, 1], "tM[0, 1] of x²");
        Tolerance.AssertFormula(0.6 + tX, tM[1, 0], "tM[1, 0] of m₁₀ + x");
        Tolerance.AssertFormula((1.1 * 0.7) + (0.5 * 0.2), tM[1, 1], "tM[1, 1] of m₁₁m₀₀");
    }

    [Fact]
    public void Scale_MatchesHand()
    {
        // a₀₀' = k·a₀₀² first, then every other a' = a·k·a₀₀'.
        double k = 1.3, tK = -0.7;
        var a = Square;
        var tA = Direction;
        M("ScaleForward").Invoke(null, new object[] { a, k, tA, tK });
        var a0 = Square;
        var t0 = Direction;
        double first = k * a0[0, 0] * a0[0, 0], tFirst = (2 * k * a0[0, 0] * t0[0, 0]) + (a0[0, 0] * a0[0, 0] * tK);
        Tolerance.AssertFormula(tFirst, tA[0, 0], "tA[0, 0]");
        foreach (var (i, j) in new[] { (0, 1), (1, 0), (1, 1) })
        {
            Tolerance.AssertFormula(a0[i, j] * k * first, a[i, j], "a[" + i + ", " + j + "]");
            Tolerance.AssertFormula((t0[i, j] * k * first) + (a0[i, j] * ((tK * first) + (k * tFirst))), tA[i, j], "tA[" + i + ", " + j + "]");
        }
    }

    [Fact]
    public void Columns_MatchesHand_AndTheOutputsIncomingTangentIsOverwritten()
    {
        var a = Square;
        double[] x = { 1.5, -0.6 }, tX = { 0.3, 0.9 };
        var y = new double[2, 2];
        var tY = new[,] { { 9.0, 9.0 }, { 9.0, 9.0 } };
        var tA = Direction;
        M("ColumnsForwardArrays").Invoke(null, new object[] { a, x, y, tA, tX, tY });
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 2; j++)
            {
                Tolerance.AssertFormula(Math.Sin(a[i, j]) * x[j], y[i, j], "y");
                Tolerance.AssertFormula((Math.Cos(a[i, j]) * tA[i, j] * x[j]) + (Math.Sin(a[i, j]) * tX[j]), tY[i, j], "tY[" + i + ", " + j + "]");
            }
        }
    }

    [Theory]
    [InlineData(0.8)]
    [InlineData(-0.6)]
    public void Outer_ThroughAForwardCallee_MatchesHand(double x)
    {
        double tX = 0.5;
        var m = Square;
        var tM = Direction;
        M("OuterForward").Invoke(null, new object[] { m, x, tM, tX });
        double expected = x > 0 ? 3 * x * x * tX : 0.2 - (Math.Exp(2.1 + x) * (0.6 + tX));
        Tolerance.AssertFormula(expected, tM[0, 0], "tM[0, 0]");
        Tolerance.AssertFormula(2 * x * tX, tM[0, 1], "tM[0, 1]");
    }

    [Fact]
    public void ALocalGridWrittenByAForwardCallee_MatchesHand()
    {
        // m = [[x, x²], [x, 3x]]: f = x³ + 3x, f' = 3x² + 3.
        double x = 0.9;
        var args = new object?[] { x, 1.0, null };
        double value = (double)M("UseLocalForward").Invoke(null, args)!;
        Tolerance.AssertFormula((x * x * x) + (3 * x), value);
        Tolerance.AssertFormula((3 * x * x) + 3, (double)args[2]!, "tResult");
    }

    [Fact]
    public void Float_AndOptional_MatchHand()
    {
        var m = new[,] { { 0.7f, -1.3f }, { 2.1f, 0.5f } };
        var tM = new[,] { { 0.2f, -0.4f }, { 0.6f, 1.1f } };
        M("FillFForward").Invoke(null, new object[] { m, 0.8f, tM, 0.5f });
        Tolerance.AssertClose(2 * 0.8 * 0.5, tM[0, 1], 1e-6, "tM[0, 1]");
        Tolerance.AssertClose((1.1 * 0.7) + (0.5 * 0.2), tM[1, 1], 1e-6, "tM[1, 1]");

        M("OptionalForward").Invoke(null, new object?[] { null, 0.8, null, 0.5 });
        var o = Square;
        var tO = Direction;
        M("OptionalForward").Invoke(null, new object?[] { o, 0.8, tO, 0.5 });
        Tolerance.AssertFormula((0.5 * 0.5) + (0.8 * 1.1), tO[0, 1], "tO[0, 1]");
    }

    [Fact]
    public void ATangentOfAnotherShape_Throws()
    {
        var e = Assert.Throws<TargetInvocationException>(() => M("FillForward").Invoke(null, new object[] { Square, 0.8, new double[2, 3], 0.5 }));
        Assert.IsType<ArgumentException>(e.InnerException);
    }

    public static IEnumerable<object[]> Cases() => new[]
    {
        new object[] { "Fill", 0.8 },
        new object[] { "Scale", 1.3 },
        new object[] { "Scale", -0.4 },
        new object[] { "Outer", 0.8 },
        new object[] { "Outer", -0.6 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Forward_MatchesCentralDifferencesOfWhatTheMethodLeaves(string name, double x)
    {
        var point = new object[] { Square, x };
        var direction = new object[] { Direction, -0.7 };
        MatrixForwardCheck.Check(Call(name), Call(name + "Forward"), point, direction, name);
        MatrixForwardCheck.Check(Call("Columns"), Call("ColumnsForwardArrays"), new object[] { Square, new[] { 1.5, -0.6 }, new double[2, 2] },
            new object[] { Direction, new[] { 0.3, 0.9 }, new double[2, 2] }, "Columns");
    }
}
