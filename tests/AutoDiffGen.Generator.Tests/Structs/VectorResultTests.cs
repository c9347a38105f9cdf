using System.Numerics;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Structs;

/// <summary>
/// Vector-valued methods (issue 14 item 2): a method that returns a struct or tuple of reals gets
/// <c>R MBackward(p…, adjoints…, R dResult)</c> (the vector–Jacobian product, no default seed) and, with Forward = true,
/// <c>R MForward(p…, tangents…, out R tResult)</c> (the Jacobian–vector product). Every Jacobian is checked against
/// central differences (<see cref="VectorChecks"/>), rows by MBackward and columns by MForward, and by hand where easy.
/// </summary>
public class VectorResultTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(VectorExamples.Source));

    private static MethodInfo Method(string name) => Compiled.Value.GetType("Vectors.Kinematics")!.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;

    private static object Point(double x, double y) => Activator.CreateInstance(Compiled.Value.GetType("Vectors.Point2")!, x, y)!;

    /// <summary>The 2-link arm's Jacobian by hand: [[−l1 sin a − l2 sin(a+b), −l2 sin(a+b)], [l1 cos a + l2 cos(a+b), l2 cos(a+b)]].</summary>
    private static double[,] ArmJacobian(double a, double b) => new[,]
    {
        { (-1.5 * Math.Sin(a)) - (0.8 * Math.Sin(a + b)), -0.8 * Math.Sin(a + b) },
        { (1.5 * Math.Cos(a)) + (0.8 * Math.Cos(a + b)), 0.8 * Math.Cos(a + b) },
    };

    [Fact]
    public void Signatures_AreTheVectorShapes()
    {
        var type = Compiled.Value.GetType("Vectors.Kinematics")!;
        var backward = type.GetMethod("ForwardBackward")!;
        Assert.Equal(typeof(Vector2), backward.ReturnType);
        Assert.Equal(new[] { "a", "b", "dA", "dB", "dResult" }, backward.GetParameters().Select(p => p.Name));
        var dResult = backward.GetParameters()[^1];
        Assert.Equal(typeof(Vector2), dResult.ParameterType);
        Assert.False(dResult.HasDefaultValue); // no natural seed
        var forward = type.GetMethod("ForwardForward")!;
        Assert.Equal(typeof(Vector2), forward.ReturnType);
        Assert.Equal(new[] { "a", "b", "tA", "tB", "tResult" }, forward.GetParameters().Select(p => p.Name));
        Assert.True(forward.GetParameters()[^1].IsOut);
        Assert.Equal(typeof((double, double)), type.GetMethod("PolarBackward")!.GetParameters()[^1].ParameterType);
        var step = type.GetMethod("StepBackward")!.GetParameters();
        Assert.Equal(typeof(Vector3).MakeByRefType(), step.Single(p => p.Name == "dP").ParameterType);
        Assert.Null(type.GetMethod("RotateForward"));
    }

    [Theory]
    [InlineData(0.3, 0.9)]
    [InlineData(-1.1, 2.0)]
    [InlineData(2.5, -0.4)]
    public void Arm_Float_MatchesHandJacobian(double a, double b)
    {
        var j = VectorChecks.Check(Method("Forward"), new object[] { a, b });
        VectorChecks.AssertHand(ArmJacobian(a, b), j.Reverse, floats: true, "J by MBackward");
        VectorChecks.AssertHand(ArmJacobian(a, b), j.Forward!, floats: true, "J by MForward");
    }

    [Theory]
    [InlineData(0.3, 0.9)]
    [InlineData(-1.1, 2.0)]
    public void Arm_Double_MatchesHandJacobian(double a, double b)
    {
        var j = VectorChecks.Check(Method("Position"), new object[] { a, b });
        VectorChecks.AssertHand(ArmJacobian(a, b), j.Reverse, floats: false, "J by MBackward");
        VectorChecks.AssertHand(ArmJacobian(a, b), j.Forward!, floats: false, "J by MForward");
    }

    [Theory]
    [InlineData(2.0, 0.7)]
    [InlineData(0.5, -2.2)]
    public void Polar_Tuple_MatchesHand(double r, double t)
    {
        var j = VectorChecks.Check(Method("Polar"), new object[] { r, t });
        var hand = new[,] { { Math.Cos(t), -r * Math.Sin(t) }, { Math.Sin(t), r * Math.Cos(t) } };
        VectorChecks.AssertHand(hand, j.Reverse, floats: false, "J by MBackward");
        VectorChecks.AssertHand(hand, j.Forward!, floats: false, "J by MForward");
    }

    [Theory]
    [InlineData(1.5, 2f)]
    [InlineData(-0.5, 0.25f)]
    public void MixedTuple_WithAConstantMember_MatchesCentralDifferences(double x, float k)
    {
        var j = VectorChecks.Check(Method("Mixed"), new object[] { x, k });
        // The constant member has a zero row; Sum = x² + k, Scaled = k·x.
        Assert.Equal(new[] { 0.0, 0.0 }, new[] { j.Reverse[2, 0], j.Reverse[2, 1] });
        Tolerance.AssertClose(2 * x, j.Reverse[0, 0], 1e-12 * (1 + Math.Abs(x)), "∂Sum/∂x");
        Tolerance.AssertClose(k, j.Reverse[1, 0], 1e-5, "∂Scaled/∂x");
    }

    [Theory]
    [InlineData(new[] { 0f, 1f, 2f }, new[] { 3f, 4f, -1f }, 0.1)]
    [InlineData(new[] { -1f, 0.5f, 0f }, new[] { 0.2f, -1.5f, 2f }, 0.05)]
    public void ProjectileStep_StructsInAndOut_MatchesCentralDifferences(float[] p, float[] v, double dt) =>
        VectorChecks.Check(Method("Step"), new object[] { new Vector3(p[0], p[1], p[2]), new Vector3(v[0], v[1], v[2]), dt });

    [Theory]
    [InlineData(1.0, 0.5, 0.3, 4)]
    [InlineData(1.0, 0.5, -0.3, 3)]
    [InlineData(3.0, 4.0, 0.9, 6)] // leaves the loop by its early return
    [InlineData(1.0, 2.0, 0.4, -1)] // the first early return: a member returned as it came in
    [InlineData(0.7, -0.2, 0.5, 0)]
    public void BranchesLoopsAndEarlyReturns_MatchCentralDifferences(double x, double y, double k, int n) =>
        VectorChecks.Check(Method("Iterate"), new object[] { Point(x, y), k, n });

    [Theory]
    [InlineData(2.0, -1.0, 3.0, 0.5)]
    [InlineData(0.5, 1.5, -2.0, 1.5)]
    public void UserStructResult_NestedAndRepeated_MatchesHand(double mass, double x, double y, double t)
    {
        var type = Compiled.Value.GetType("Vectors.Body")!;
        object body = Activator.CreateInstance(type)!;
        type.GetField("Mass")!.SetValue(body, mass);
        type.GetField("At")!.SetValue(body, Point(x, y));
        var j = VectorChecks.Check(Method("Moved"), new object[] { body, t });
        // Inputs (Mass, At.X, At.Y, t); outputs (Mass, At.X, At.Y) = (m·t, m·t, y + t²).
        var hand = new[,] { { t, 0, 0, mass }, { t, 0, 0, mass }, { 0, 0, 1, 2 * t } };
        VectorChecks.AssertHand(hand, j.Reverse, floats: false, "J by MBackward");
        VectorChecks.AssertHand(hand, j.Forward!, floats: false, "J by MForward");
    }

    [Theory]
    [InlineData(new[] { 0.5, -1.0, 2.0 }, 0.7f)]
    [InlineData(new[] { 1.5 }, -2f)]
    public void Jacobian_OverAnArrayAndAFloat_MatchesHand(double[] x, float k)
    {
        var j = VectorChecks.Check(Method("Moments"), new object[] { x, k });
        // (Σ k·xᵢ, Σ xᵢ²): row 0 = (k, …, k, Σ xᵢ), row 1 = (2x₀, …, 2xₙ₋₁, 0).
        for (int i = 0; i < x.Length; i++)
        {
            Tolerance.AssertClose(k, j.Reverse[0, i], 1e-12, "∂s/∂x" + i);
            Tolerance.AssertClose(2 * x[i], j.Reverse[1, i], 1e-12, "∂q/∂x" + i);
        }
        Tolerance.AssertClose(x.Sum(), j.Reverse[0, x.Length], 1e-12, "∂s/∂k");
        Assert.Equal(0, j.Reverse[1, x.Length]);
    }

    [Fact]
    public void Jacobian_Signatures()
    {
        var type = Compiled.Value.GetType("Vectors.Kinematics")!;
        Assert.Equal(typeof(Span<double>), type.GetMethod("ForwardJacobian")!.GetParameters()[^1].ParameterType); // double parameters
        Assert.Equal(typeof(Span<float>), type.GetMethod("RotatedJacobian")!.GetParameters()[^1].ParameterType); // all float
        Assert.Equal(typeof(Vector3), type.GetMethod("StepJacobian")!.ReturnType);
        Assert.Null(type.GetMethod("PolarJacobian"));
    }

    [Theory]
    [InlineData(1f, 2f, 0.3f)]
    [InlineData(-0.5f, 0.7f, -2f)]
    public void Jacobian_OfAScalarResult_IsItsGradient(float x, float y, float angle)
    {
        var j = VectorChecks.Check(Method("Rotated"), new object[] { new Vector2(x, y), angle });
        var g = CentralDifferenceRunner.Check(Method("Rotated"), null, new object[] { new Vector2(x, y), angle });
        Tolerance.AssertClose(g.Gradient[0]![0], j.Reverse[0, 0], 1e-6, "∂/∂v.X");
        Tolerance.AssertClose(g.Gradient[1]![0], j.Reverse[0, 2], 1e-6, "∂/∂angle");
    }

    [Theory]
    [InlineData(1f, 2f, 0.3f)]
    [InlineData(-0.5f, 0.7f, -2f)]
    public void ReverseOnly_Rotation_MatchesCentralDifferences(float x, float y, float angle) =>
        VectorChecks.Check(Method("Rotate"), new object[] { new Vector2(x, y), angle });
}
