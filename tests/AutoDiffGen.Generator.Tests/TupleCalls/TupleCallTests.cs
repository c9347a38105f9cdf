using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Generator.Tests.Structs;
using Xunit;

namespace AutoDiffGen.Generator.Tests.TupleCalls;

/// <summary>
/// Tuple results between [Differentiable] methods (issue 13): <c>var (a, b) = F(x)</c>, <c>(a, b) = F(x)</c> and
/// <c>F(x).Item1</c>; the caller's Backward seeds the callee's with the tuple of the elements' adjoints. Checked against
/// central differences, against forward mode, and against hand-derived values.
/// </summary>
public class TupleCallTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(TupleCallExamples.Source));

    private static MethodInfo Method(string name) => Compiled.Value.GetType("Tuples.Geometry")!.GetMethod(name)!;

    [Theory]
    [InlineData(2.0, 0.7)]
    [InlineData(-1.5, 2.4)]
    public void Radius_OfPolar_IsSignOfR(double r, double t)
    {
        var g = CentralDifferenceRunner.Check(Method("Radius"), null, new object[] { r, t });
        Tolerance.AssertFormula(Math.Sign(r), g.Gradient[0]![0], "∂/∂r");
        Tolerance.AssertFormula(0, g.Gradient[1]![0], "∂/∂t");
    }

    [Theory]
    [InlineData(2.0, 0.7)]
    [InlineData(0.5, -2.0)]
    public void Mixed_MatchesHandAndForward(double r, double t)
    {
        var g = CentralDifferenceRunner.Check(Method("Mixed"), null, new object[] { r, t });
        // x² + 3y with x = r cos t, y = r sin t.
        Tolerance.AssertFormula((2 * r * Math.Cos(t) * Math.Cos(t)) + (3 * Math.Sin(t)), g.Gradient[0]![0], "∂/∂r");
        Tolerance.AssertFormula((-2 * r * r * Math.Cos(t) * Math.Sin(t)) + (3 * r * Math.Cos(t)), g.Gradient[1]![0], "∂/∂t");
        VectorChecks.Check(Method("Mixed"), new object[] { r, t });
    }

    [Theory]
    [InlineData(1.2, 0.3)]
    [InlineData(-0.4, 1.9)]
    public void Elements_MatchHand(double r, double t)
    {
        var g = CentralDifferenceRunner.Check(Method("Elements"), null, new object[] { r, t });
        // r sin t + (2r + t).
        Tolerance.AssertFormula(Math.Sin(t) + 2, g.Gradient[0]![0], "∂/∂r");
        Tolerance.AssertFormula((r * Math.Cos(t)) + 1, g.Gradient[1]![0], "∂/∂t");
    }

    [Theory]
    [InlineData(new[] { 1.0, -2.0, 0.5 }, 0.4)]
    [InlineData(new double[0], 0.4)]
    [InlineData(new[] { 3.0 }, -1.1)]
    public void Loop_MatchesHand(double[] rs, double t)
    {
        var g = CentralDifferenceRunner.Check(Method("Loop"), null, new object[] { rs, t });
        // Re((x + iy)(x − iy)) = x² + y² = r²: ∂/∂r_i = 2r_i, ∂/∂t = 0.
        for (int i = 0; i < rs.Length; i++) Tolerance.AssertFormula(2 * rs[i], g.Gradient[0]![i], "∂/∂r" + i);
        Tolerance.AssertFormula(0, g.Gradient[1]![0], "∂/∂t");
    }

    [Theory]
    [InlineData(2.0, 0.3, 0.9)]
    [InlineData(0.7, -1.0, 2.5)]
    public void Rotated_TupleOfTuples_JacobianMatchesHand(double r, double t, double a)
    {
        var j = VectorChecks.Check(Method("Rotated"), new object[] { r, t, a });
        // (r cos(t + a), r sin(t + a)).
        double c = Math.Cos(t + a), s = Math.Sin(t + a);
        VectorChecks.AssertHand(new[,] { { c, -r * s, -r * s }, { s, r * c, r * c } }, j.Reverse, floats: false, "J of Rotated");
    }
}
