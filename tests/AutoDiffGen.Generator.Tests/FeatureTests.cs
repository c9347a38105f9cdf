using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests;

/// <summary>Reassignment, pass-through parameters, float, mixed precision and instance methods, run and checked.</summary>
public class FeatureTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(FeatureExamples.Source));

    [Theory]
    [InlineData(1.5, 0.25, 3, -2.0)]
    [InlineData(-0.7, 2.0, 1, 0.3)]
    public void Reassign_MatchesHandDerivationAndCentralDifferences(double x, double scale, int power, double y)
    {
        var type = Compiled.Value.GetType("Features.Features")!;
        var primal = type.GetMethod("Reassign", BindingFlags.NonPublic | BindingFlags.Static)!;
        var backward = type.GetMethod("ReassignBackward", BindingFlags.NonPublic | BindingFlags.Static)!;
        // [NoDiff] scale and int power get no adjoint: (x, scale, power, y, ref dX, ref dY, dResult).
        Assert.Equal(7, backward.GetParameters().Length);
        var args = new object[] { x, scale, power, y, 0.0, 0.0, 1.0 };
        double value = (double)backward.Invoke(null, args)!;
        Assert.Equal((double)primal.Invoke(null, new object[] { x, scale, power, y })!, value);

        // acc = ((x·y + 2)·2p − scale) / scale: ∂/∂x = 2p·y/scale, ∂/∂y = 2p·x/scale.
        Tolerance.AssertFormula(2 * power * y / scale, (double)args[4]);
        Tolerance.AssertFormula(2 * power * x / scale, (double)args[5]);
        double F(double[] p) => (double)primal.Invoke(null, new object[] { p[0], scale, power, p[1] })!;
        GradCheck.Check(F, new[] { x, y }, new[] { (double)args[4], (double)args[5] }).ThrowIfFailed();
    }

    [Theory]
    [InlineData(-2.0)]
    [InlineData(0.0)]
    [InlineData(3.5)]
    public void Softplus_InFloat_IsTheLogisticFunction(double x)
    {
        var method = new Differentiated(Compiled.Value, "Features.Features", "Softplus");
        var (_, g) = method.Backward(new[] { x });
        // float: x is rounded (σ' ≤ 1/4 turns that into 0.25·|x|·ε), then exp, 1 +, and the division.
        Tolerance.AssertClose(1 / (1 + Math.Exp(-x)), g[0], Tolerance.ForSum(4, 1 + (0.25 * Math.Abs(x)), Tolerance.Float));
    }

    [Theory]
    [InlineData(0.4, 1.5)]
    [InlineData(-1.2, -0.3)]
    public void Mixed_FloatAndDouble_MatchCentralDifferences(double x, double y)
    {
        var method = new Differentiated(Compiled.Value, "Features.Features", "Mixed");
        var (_, g) = method.Backward(new[] { x, y });
        double t = Math.Tanh((float)x);
        // float tanh, its square, 1 −, the product with y, and y's own rounding to float.
        Tolerance.AssertClose((1 - t * t) * y, g[0], Tolerance.ForSum(6, 1 + Math.Abs(y), Tolerance.Float), "∂/∂x");
        Tolerance.AssertClose(t, g[1], Tolerance.ForSum(2, 1, Tolerance.Float), "∂/∂y");
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(7.0)]
    [InlineData(-4.0)]
    public void Periodic_FloorHasZeroGradient(double x)
    {
        var method = new Differentiated(Compiled.Value, "Features.Features", "Periodic");
        var (_, g) = method.Backward(new[] { x });
        // r = x − 2πk with k piecewise constant: d/dx [sin(r)·x + √(x²+1)] = cos(r)·x + sin(r) + x/√(x²+1).
        double r = x - 2 * Math.PI * Math.Floor(x / (2 * Math.PI));
        Tolerance.AssertFormula(Math.Cos(r) * x + Math.Sin(r) + x / Math.Sqrt(x * x + 1), g[0]);
        GradCheck.Check(p => method.Value(p), new[] { x }, g).ThrowIfFailed();
    }

    [Fact]
    public void InstanceMethod_InNestedStructOfGenericClass_ReadsItsField()
    {
        var type = Compiled.Value.GetType("Features.Outer`1+Physics")!.MakeGenericType(typeof(int));
        object physics = Activator.CreateInstance(type, 3.0)!;
        var args = new object[] { 2.0, 0.0, 1.0 };
        double energy = (double)type.GetMethod("KineticEnergyBackward")!.Invoke(physics, args)!;
        Tolerance.AssertFormula(0.5 * 3 * 4, energy);
        Tolerance.AssertFormula(3.0 * 2.0, (double)args[1]); // ∂(½mv²)/∂v = m·v
    }
}
