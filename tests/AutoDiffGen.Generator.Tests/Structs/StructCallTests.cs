using System.Numerics;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Structs;

/// <summary>
/// Structs through calls (issue 13 item 4): a [Differentiable] method calls another that takes struct parameters and/or
/// returns a struct; its Backward calls the callee's Backward with <c>ref</c> struct adjoints and the struct result's
/// adjoint as <c>dResult</c>, its Forward the callee's Forward with struct tangents. Checked against central
/// differences (scalar results by <see cref="CentralDifferenceRunner"/>, vector results row by row and column by
/// column by <see cref="VectorChecks"/>) and against forward mode.
/// </summary>
public class StructCallTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(StructCallExamples.Source));

    private static MethodInfo Method(string name) => Compiled.Value.GetType("Calls.Physics")!.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;

    private static object State(double x, double v) => Activator.CreateInstance(Compiled.Value.GetType("Calls.State")!, x, v)!;

    [Theory]
    [InlineData(3f, 4f, 0f, 0.05, 6)]
    [InlineData(1f, 6f, -0.5f, 0.2, 10)]
    [InlineData(2f, 1f, 1f, 0.1, 0)]
    public void ProjectileThroughHelpers_VectorResult_MatchesCentralDifferences(float vx, float vy, float vz, double k, int n) =>
        VectorChecks.Check(Method("Flight"), new object[] { new Vector3(vx, vy, vz), k, n });

    [Theory]
    [InlineData(3f, 4f, 0f, 0.05, 6)]
    [InlineData(1f, 6f, -0.5f, 0.2, 10)]
    public void ProjectileMiss_ScalarOfAVectorCallee_MatchesCentralDifferencesAndForward(float vx, float vy, float vz, double k, int n)
    {
        var point = new object[] { new Vector3(vx, vy, vz), k, new Vector3(1, 0.5f, 0), n };
        CentralDifferenceRunner.Check(Method("Miss"), null, point);
        VectorChecks.Check(Method("Miss"), point);
    }

    [Fact]
    public void OneStep_MatchesHand()
    {
        // Step(p, v, dt) = p + dt·v: ∂/∂p = I, ∂/∂v = dt·I, ∂/∂dt = v.
        var j = VectorChecks.Check(Method("Step"), new object[] { new Vector3(1, 2, 3), new Vector3(-1, 0.5f, 2), 0.25 });
        var hand = new double[3, 7];
        for (int i = 0; i < 3; i++)
        {
            hand[i, i] = 1;
            hand[i, 3 + i] = 0.25;
        }
        hand[0, 6] = -1;
        hand[1, 6] = 0.5;
        hand[2, 6] = 2;
        VectorChecks.AssertHand(hand, j.Reverse, floats: true, "J of Step");
    }

    [Theory]
    [InlineData(1.0, 0.0, 2.0, 5)]
    [InlineData(-0.5, 1.2, 0.7, 8)]
    [InlineData(0.8, -0.3, 1.5, 0)]
    [InlineData(-1.0, -0.2, 3.0, 3)]
    public void RecordStructHelpers_InALoopAndABranch_MatchCentralDifferencesAndForward(double x0, double v0, double k, int n)
    {
        var point = new object[] { x0, v0, k, n };
        CentralDifferenceRunner.Check(Method("Spring"), null, point);
        VectorChecks.Check(Method("Spring"), point);
    }

    [Theory]
    [InlineData(1.5, 0.5)]
    [InlineData(-0.7, 2.0)]
    public void NestedStructArgument_ConstantArgument_SameValueTwice_MatchHand(double m, double x)
    {
        var result = CentralDifferenceRunner.Check(Method("Mixed"), null, new object[] { m, x });
        VectorChecks.Check(Method("Mixed"), new object[] { m, x });
        // f = m·(x·m) + 2·3 + (x² + 4x²) + (x − 2x): ∂/∂m = 2xm, ∂/∂x = m² + 10x − 1.
        Tolerance.AssertFormula(2 * x * m, result.Gradient[0]![0], "∂/∂m");
        Tolerance.AssertFormula((m * m) + (10 * x) - 1, result.Gradient[1]![0], "∂/∂x");
    }

    [Theory]
    [InlineData(1.0, 0.5, 2.0)]
    [InlineData(-0.4, 1.3, 0.6)]
    public void VectorResultFromAHelper_ReverseOnly_MatchesCentralDifferences(double x, double v, double k) =>
        VectorChecks.Check(Method("Twice"), new object[] { State(x, v), k });

    [Fact]
    public void Backward_PassesRefStructAdjointsToTheCallee()
    {
        var result = GeneratorHarness.Run(StructCallExamples.Source);
        result.AssertClean();
        string flight = result.Generated.Single(kv => kv.Key.Contains(".Flight_", StringComparison.Ordinal)).Value;
        Assert.Contains("global::Calls.Physics.StepBackward(", flight, StringComparison.Ordinal);
        Assert.Contains("ref dArg", flight, StringComparison.Ordinal);
        Assert.Contains("global::Calls.Physics.StepForward(", flight, StringComparison.Ordinal);
    }
}
