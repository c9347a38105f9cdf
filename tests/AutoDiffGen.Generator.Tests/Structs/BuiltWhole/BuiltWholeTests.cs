using System.Numerics;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Structs.BuiltWhole;

/// <summary>
/// Issue 13 item 4, structs whose members cannot be written one by one (<see cref="BuiltWholeExamples"/>): their adjoint
/// (<c>ref State dS</c>) is rebuilt through the constructor, values passed to and returned from helpers are built
/// whole, and computed properties are inlined. Every method against central differences, a few against hand values,
/// vector results row by row (MBackward), column by column (MForward) and through MJacobian.
/// </summary>
public class BuiltWholeTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(BuiltWholeExamples.Source));

    private static Type Type(string name) => Compiled.Value.GetType("Whole." + name)!;

    private static MethodInfo Method(string name) => Type("Physics").GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;

    private static object New(string type, params object[] args) => Activator.CreateInstance(Type(type), args)!;

    [Theory]
    [InlineData(1.5, -0.5, 2.0)]
    [InlineData(-0.3, 2.0, 0.7)]
    public void ReadonlyStructParameter_ComputedProperty_MatchesHand(double x, double v, double k)
    {
        var r = CentralDifferenceRunner.Check(Method("EnergyOf"), null, new object[] { New("State", x, v), k });
        // f = k·(V²/2 + X²/2) + X·V.
        Tolerance.AssertFormula((k * x) + v, r.Gradient[0]![0], "∂/∂X");
        Tolerance.AssertFormula((k * v) + x, r.Gradient[0]![1], "∂/∂V");
        Tolerance.AssertFormula((0.5 * v * v) + (0.5 * x * x), r.Gradient[1]![0], "∂/∂k");
    }

    [Theory]
    [InlineData(3.0, 4.0)]
    [InlineData(-1.0, 0.25)]
    public void ReadonlyRecordStruct_NestedComputedProperties_MatchHand(double vx, double vy)
    {
        var r = CentralDifferenceRunner.Check(Method("SpeedOf"), null, new object[] { New("Particle", vx, vy) });
        // f = |v| + |v|²/2 + 3·(−Vy).
        double speed = Math.Sqrt((vx * vx) + (vy * vy));
        Tolerance.AssertFormula((vx / speed) + vx, r.Gradient[0]![0], "∂/∂Vx");
        Tolerance.AssertFormula((vy / speed) + vy - 3, r.Gradient[0]![1], "∂/∂Vy");
    }

    [Fact]
    public void ReadonlyStructResult_JacobianMatchesHand()
    {
        var j = VectorChecks.Check(Method("Step"), new object[] { New("State", 1.0, -2.0), 0.25 });
        // Step = (X + dt·V, V − dt·X): rows (X', V'), columns (X, V, dt).
        VectorChecks.AssertHand(new double[,] { { 1, 0.25, -2 }, { -0.25, 1, -1 } }, j.Reverse, floats: false, "J of Step");
        AssertJacobianMethod("Step", new object[] { New("State", 1.0, -2.0), 0.25 }, j.Numeric);
    }

    [Theory]
    [InlineData(1.0, 0.0, 0.1, 5)]
    [InlineData(-0.4, 1.3, 0.05, 12)]
    [InlineData(0.7, 0.2, 0.2, 0)]
    public void ReadonlyStructThroughAHelperInALoop_MatchesCentralDifferencesAndForward(double x0, double v0, double dt, int n)
    {
        var point = new object[] { x0, v0, dt, n };
        CentralDifferenceRunner.Check(Method("Run"), null, point);
        VectorChecks.Check(Method("Run"), point);
    }

    [Theory]
    [InlineData(1.5, 0.5f, 2.0, -1.0, 0.75)]
    [InlineData(-0.5, 2f, 0.3, 1.5, -1.25)]
    public void ReadonlyFields_InitProperties_With_MatchCentralDifferences(double a, float b, double gain, double bias, double x) =>
        CentralDifferenceRunner.Check(Method("Mixed"), null, new object[] { New("Pair", b, a), New("Settings", gain, bias), x });

    [Fact]
    public void ReadonlyRecordStructResult_ForwardAndJacobian()
    {
        var point = new object[] { New("Particle", 0.5, -1.5), 0.3 };
        var j = VectorChecks.Check(Method("Rotate"), point);
        Assert.NotNull(j.Forward);
        AssertJacobianMethod("Rotate", point, j.Numeric);
    }

    [Theory]
    [InlineData(1.0, 2.0, 0.4, 3)]
    [InlineData(-0.5, 0.7, -1.1, 1)]
    [InlineData(0.3, -0.9, 2.0, 6)]
    public void ReadonlyRecordStruct_WithOnACallResult_InALoopAndABranch_MatchesCentralDifferences(double vx, double vy, double angle, int n) =>
        CentralDifferenceRunner.Check(Method("RotatedSpeed"), null, new object[] { vx, vy, angle, n });

    [Theory]
    [InlineData(5f, 3f, 0.5f, 0.1f)]
    [InlineData(2f, 8f, -1f, 0.02f)]
    public void BallRecordStructOfVector3_Advance_VectorResult(float vx, float vy, float vz, float drag)
    {
        var ball = New("Ball", new Vector3(0.5f, 1f, -0.25f), new Vector3(vx, vy, vz));
        VectorChecks.Check(Method("Advance"), new object[] { ball, drag, 0.05f });
    }

    [Theory]
    [InlineData(5f, 3f, 0.5f, 0.1f)]
    [InlineData(2f, 8f, -1f, 0.02f)]
    public void BallRecordStructOfVector3_ProjectileWithDrag_MatchesCentralDifferences(float vx, float vy, float vz, float drag) =>
        CentralDifferenceRunner.Check(Method("Distance"), null, new object[] { new Vector3(vx, vy, vz), drag });

    [Fact]
    public void BallRecordStruct_Parameter_LocalCopyWrittenThroughProperty_MatchesHand()
    {
        var ball = New("Ball", new Vector3(1, 2, 3), new Vector3(-1, 0.5f, 2));
        var r = CentralDifferenceRunner.Check(Method("BallEnergy"), null, new object[] { ball, 3.0 });
        // f = |v|² + g·p.y + 2·v.x: components (p.x, p.y, p.z, v.x, v.y, v.z).
        double[] hand = { 0, 3, 0, (2 * -1.0) + 2, 2 * 0.5, 2 * 2.0 };
        for (int i = 0; i < 6; i++) Tolerance.AssertFormula(hand[i], r.Gradient[0]![i], "∂/∂b[" + i + "]");
        Tolerance.AssertFormula(2, r.Gradient[1]![0], "∂/∂g");
    }

    [Fact]
    public void ComputedPropertiesOfVector2Members_MatchCentralDifferences() =>
        CentralDifferenceRunner.Check(Method("SegmentCost"), null, new object[] { New("Segment", new Vector2(0, 1), new Vector2(2, -1)), new Vector2(0.5f, 0.5f) });

    [Theory]
    [InlineData(1.2, -0.7)]
    [InlineData(-0.4, 2.5)]
    public void ReadonlyRecordStructLocals_InAHessianMethod_GradientAndHessianMatchHand(double x, double y)
    {
        var r = CentralDifferenceRunner.Check(Method("Area"), null, new object[] { x, y });
        // q = (x, x²y): f = x³y + x² + x⁴y².
        Tolerance.AssertFormula((3 * x * x * y) + (2 * x) + (4 * x * x * x * y * y), r.Gradient[0]![0], "∂/∂x");
        Tolerance.AssertFormula((x * x * x) + (2 * x * x * x * x * y), r.Gradient[1]![0], "∂/∂y");
        var h = (double[])Method("AreaH").Invoke(null, new object[] { x, y })!;
        Tolerance.AssertFormula((6 * x * y) + 2 + (12 * x * x * y * y), h[0], "∂²/∂x²");
        Tolerance.AssertFormula((3 * x * x) + (8 * x * x * x * y), h[1], "∂²/∂x∂y");
        Tolerance.AssertFormula((3 * x * x) + (8 * x * x * x * y), h[2], "∂²/∂y∂x");
        Tolerance.AssertFormula(2 * x * x * x * x, h[3], "∂²/∂y²");
    }

    [Fact]
    public void TheAdjointIsAddedInto_NotOverwritten()
    {
        var backward = Type("Physics").GetMethod("EnergyOfBackward")!;
        var args = new object?[] { New("State", 1.0, 2.0), 3.0, New("State", 10.0, 20.0), 100.0, 1.0 };
        backward.Invoke(null, args);
        // ∂/∂X = kX + V = 5, ∂/∂V = kV + X = 7, ∂/∂k = 2.5: added to 10, 20, 100.
        var d = Infrastructure.RealStructs.Components(args[2]!);
        Assert.Equal(15, d[0], 12);
        Assert.Equal(27, d[1], 12);
        Assert.Equal(102.5, (double)args[3]!, 12);
    }

    private static void AssertJacobianMethod(string name, object[] point, double[,] numeric)
    {
        var j = (double[])Method(name + "J").Invoke(null, point)!;
        int m = numeric.GetLength(0), n = numeric.GetLength(1);
        Assert.Equal(m * n, j.Length);
        for (int row = 0; row < m; row++)
        {
            for (int col = 0; col < n; col++) Tolerance.AssertClose(numeric[row, col], j[(row * n) + col], 1e-6 * (1 + Math.Abs(numeric[row, col])), name + "Jacobian[" + row + ", " + col + "]");
        }
    }
}
