using System.Numerics;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Structs;

/// <summary>
/// Structs of reals as parameters, locals and values (issue 13 item 4): the adjoint of a struct parameter is a
/// <c>ref</c> of the same struct, and every gradient is checked against central differences (each member moved
/// on its own) and, where it is easy, against a hand-derived value.
/// </summary>
public class StructGradientTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(StructExamples.Source));

    private static MethodInfo Method(string name) => Compiled.Value.GetType("Structs.Physics")!.GetMethod(name)!;

    private static object Projectile(double x, double y) => Activator.CreateInstance(Compiled.Value.GetType("Structs.Projectile")!, x, y)!;

    private static object Point(double x, double y)
    {
        var type = Compiled.Value.GetType("Structs.Point2")!;
        object p = Activator.CreateInstance(type)!;
        type.GetField("X")!.SetValue(p, x);
        type.GetField("Y")!.SetValue(p, y);
        return p;
    }

    [Fact]
    public void Backward_TakesARefOfTheStructAsItsAdjoint()
    {
        var backward = Compiled.Value.GetType("Structs.Physics")!.GetMethod("ArmDistanceBackward")!;
        var target = backward.GetParameters().Single(p => p.Name == "dTarget");
        Assert.True(target.ParameterType.IsByRef);
        Assert.Equal(typeof(Vector2), target.ParameterType.GetElementType());
    }

    [Theory]
    [InlineData(0.3f, 0.9f, 1.2f, 0.5f)]
    [InlineData(-1.1f, 2.0f, -0.4f, 1.7f)]
    public void ArmDistance_MatchesHandDerivationAndCentralDifferences(float t1, float t2, float tx, float ty)
    {
        var result = CentralDifferenceRunner.Check(Method("ArmDistance"), null, new object[] { t1, t2, new Vector2(tx, ty) });
        // hand = 1.5(cos t1, sin t1) + 0.8(cos(t1+t2), sin(t1+t2)); f = |hand − target|².
        double c1 = Math.Cos(t1), s1 = Math.Sin(t1), c12 = Math.Cos(t1 + t2), s12 = Math.Sin(t1 + t2);
        double ex = (1.5 * c1) + (0.8 * c12) - tx, ey = (1.5 * s1) + (0.8 * s12) - ty;
        double dT2 = 2 * ((ex * -0.8 * s12) + (ey * 0.8 * c12));
        double dT1 = 2 * ((ex * ((-1.5 * s1) - (0.8 * s12))) + (ey * ((1.5 * c1) + (0.8 * c12))));
        Tolerance.AssertClose(dT1, result.Gradient[0]![0], 1e-4 * (1 + Math.Abs(dT1)), "∂/∂θ1");
        Tolerance.AssertClose(dT2, result.Gradient[1]![0], 1e-4 * (1 + Math.Abs(dT2)), "∂/∂θ2");
        Tolerance.AssertClose(-2 * ex, result.Gradient[2]![0], 1e-4 * (1 + Math.Abs(ex)), "∂/∂target.X");
        Tolerance.AssertClose(-2 * ey, result.Gradient[2]![1], 1e-4 * (1 + Math.Abs(ey)), "∂/∂target.Y");
    }

    [Theory]
    [InlineData(3.0, 4.0, 0.2, 5)]
    [InlineData(1.5, 0.5, 0.7, 1)]
    [InlineData(2.0, 1.0, 0.1, 0)]
    public void Projectile_RecordStructCarriedThroughALoop_MatchesCentralDifferences(double vx, double vy, double drag, int steps)
    {
        var result = CentralDifferenceRunner.Check(Method("Range"), null, new object[] { Projectile(vx, vy), drag, steps });
        if (steps == 1)
        {
            // One step: position = 0.1·v, so f = 0.1·vx + 0.01·vy², whatever the drag.
            Tolerance.AssertFormula(0.1, result.Gradient[0]![0]);
            Tolerance.AssertFormula(0.02 * vy, result.Gradient[0]![1]);
            Tolerance.AssertFormula(0, result.Gradient[1]![0]);
        }
        if (steps == 0) Assert.Equal(new[] { 0.0, 0.0 }, result.Gradient[0]);
    }

    [Theory]
    [InlineData(new[] { 1f, 2f, -0.5f }, new[] { 0.3f, -1.2f, 2f })]
    [InlineData(new[] { -0.7f, 0.2f, 1.4f }, new[] { 1f, 1f, 0.5f })]
    public void Vector3Methods_MatchCentralDifferences(float[] a, float[] b) =>
        CentralDifferenceRunner.Check(Method("Lengths"), null, new object[] { new Vector3(a[0], a[1], a[2]), new Vector3(b[0], b[1], b[2]) });

    [Fact]
    public void Length_AndNormalize_MatchHandDerivation()
    {
        // At a = (3, 4, 0), b = (0, 0, 1): n = a/5; |n × b| = 1 for a unit n ⟂ b, so the gradient through it is the
        // component of ∂|n×b|/∂a, which is 0 (|n × b| = |n| = 1 stays 1 whatever a is in the plane z = 0).
        var result = CentralDifferenceRunner.Check(Method("Lengths"), null, new object[] { new Vector3(3, 4, 0), new Vector3(0, 0, 1) });
        // f = |n×b| + a·b + n.X·|b|² − |a − b|; ∂/∂a.X = 0 + 0 + (1/5 − 9/125) − 3/√26.
        double expected = (1.0 / 5) - (9.0 / 125) - (3 / Math.Sqrt(26));
        Tolerance.AssertClose(expected, result.Gradient[0]![0], 1e-5, "∂/∂a.X");
        // n × b = (0.8·b.Z, −0.6·b.Z, 0), so |n × b| = |b.Z| and ∂/∂b.Z = 1 + a.Z (0) + 2·n.X·b.Z (1.2) + (a.Z − b.Z)/|a − b| (−1/√26).
        Tolerance.AssertClose(1 + 1.2 - (1 / Math.Sqrt(26)), result.Gradient[1]![2], 1e-5, "∂/∂b.Z");
    }

    [Theory]
    [InlineData(1f, 2f, 3f, -1f, 0.25f)]
    [InlineData(-0.5f, 0.7f, 0.2f, 1.5f, 0.8f)]
    public void LerpMinMaxAbs_MatchCentralDifferences(float ax, float ay, float bx, float by, float t) =>
        CentralDifferenceRunner.Check(Method("Mix"), null, new object[] { new Vector2(ax, ay), new Vector2(bx, by), t });

    [Theory]
    [InlineData(1.5, -0.5, 2.0)]
    [InlineData(-0.3, 0.8, 0.5)]
    public void MemberAssignments_MatchHandDerivationAndCentralDifferences(double x, double y, double k)
    {
        var result = CentralDifferenceRunner.Check(Method("Members"), null, new object[] { Point(x, y), k });
        // q = (2xk, y + x); r = (y + x, 4x²k²); f = (y + x)·4x²k² + y + x.
        double dX = (4 * x * x * k * k) + ((y + x) * 8 * x * k * k) + 1;
        double dY = (4 * x * x * k * k) + 1;
        double dK = (y + x) * 8 * x * x * k;
        Tolerance.AssertFormula(dX, result.Gradient[0]![0]);
        Tolerance.AssertFormula(dY, result.Gradient[0]![1]);
        Tolerance.AssertFormula(dK, result.Gradient[1]![0]);
    }

    [Fact]
    public void NestedStructs_MatchCentralDifferences()
    {
        var type = Compiled.Value.GetType("Structs.Segment")!;
        object s = Activator.CreateInstance(type)!;
        type.GetField("Start")!.SetValue(s, Point(0.5, -1));
        type.GetField("End")!.SetValue(s, Point(2, 3));
        var result = CentralDifferenceRunner.Check(Method("Nested"), null, new object[] { s });
        // f = |End − Start|·(Start.X + 1): ∂/∂End.X = (End.X − Start.X)/|…|·(Start.X + 1).
        double length = Math.Sqrt((1.5 * 1.5) + (4 * 4));
        Tolerance.AssertFormula(1.5 / length * 1.5, result.Gradient[0]![2]);
        Tolerance.AssertFormula((-1.5 / length * 1.5) + length, result.Gradient[0]![0]);
    }

    [Theory]
    [InlineData(1f, 2f, 0.5f)]
    [InlineData(-1f, 0.5f, 2f)]
    [InlineData(0.5f, -2f, 1.5f)]
    public void BranchesConditionalsAndLoops_MatchCentralDifferences(float ax, float ay, float x) =>
        CentralDifferenceRunner.Check(Method("Branches"), null, new object[] { new Vector2(ax, ay), x });

    [Theory]
    [InlineData(1f, 2f, 1.5f)]
    [InlineData(-0.5f, 0.7f, 2.5f)]
    public void SwitchSections_MergeEachMember_MatchCentralDifferences(float x, float y, float k)
    {
        var result = CentralDifferenceRunner.Check(Method("Switched"), null, new object[] { new Vector2(x, y), k });
        if ((int)k == 1)
        {
            // w = (x, k·x): f = k·x², so ∂/∂x = 2kx, ∂/∂y = 0, ∂/∂k = x².
            Tolerance.AssertClose(2 * k * x, result.Gradient[0]![0], 1e-5 * (1 + Math.Abs(2 * k * x)), "∂/∂v.X");
            Assert.Equal(0, result.Gradient[0]![1]);
        }
    }

    [Theory]
    [InlineData(new[] { 0.5f, -1f, 2f, 0.3f }, new[] { 1f, 0.2f, -0.7f })]
    [InlineData(new[] { -1.5f, 0.4f, 0.1f, 2f }, new[] { -0.3f, 1.1f, 0.6f })]
    public void Vector4FromVector3_MatchesCentralDifferences(float[] v, float[] a) =>
        CentralDifferenceRunner.Check(Method("Wide"), null, new object[] { new Vector4(v[0], v[1], v[2], v[3]), new Vector3(a[0], a[1], a[2]) });

    [Theory]
    [InlineData(1.0, 2.0, 0.5f, 0.25f)]
    public void ConstantStructs_AndNoDiffVector_MatchHandDerivation(double x, double y, float ox, float oy)
    {
        var result = CentralDifferenceRunner.Check(Method("Constants"), null, new object[] { Point(x, y), new Vector2(ox, oy) });
        // f = 2x + 3y·(1 + ox) + |…|: the [NoDiff] vector gets no adjoint.
        Assert.Null(result.Gradient[1]);
        Tolerance.AssertFormula(2, result.Gradient[0]![0]);
        Tolerance.AssertClose(3 * (1 + ox), result.Gradient[0]![1], 1e-6, "∂/∂p.Y");
    }
}
