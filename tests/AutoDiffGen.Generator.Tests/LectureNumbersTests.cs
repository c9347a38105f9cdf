using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests;

/// <summary>
/// The lecture's worked examples through the generated Backward: each against the numbers derived by
/// hand in the lecture, and against central differences.
/// </summary>
public class LectureNumbersTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(LectureExamples.Source));

    private static Differentiated Method(string name) => new(Compiled.Value, "Lecture.Gates", name);

    [Fact]
    public void SimpleExample_MatchesTheLecture()
    {
        // f = (x + y)·z at (−2, 5, −4): q = 3, f = −12; ∂f/∂x = ∂f/∂y = z = −4, ∂f/∂z = q = 3.
        var (value, gradient) = Method("Simple").Backward(new[] { -2.0, 5, -4 });
        Tolerance.AssertFormula(-12, value);
        Assert.Equal(new[] { -4.0, -4.0, 3.0 }, gradient);
    }

    [Fact]
    public void SigmoidNeuron_MatchesTheLecture()
    {
        // w = (2, −3, −3), x = (−1, −2): dot = 1, f = σ(1) = 0.73; the slide's gradients.
        var (value, g) = Method("Neuron").Backward(new[] { 2.0, -1, -3, -2, -3 });
        Tolerance.AssertClose(0.73, value, Tolerance.HalfUnitOfTheSecondDecimal);
        // Parameter order (w0, x0, w1, x1, w2): dw0 = −0.20, dx0 = 0.39, dw1 = −0.39, dx1 = −0.59, dw2 = 0.20.
        Tolerance.AssertClose(-0.20, g[0], Tolerance.HalfUnitOfTheSecondDecimal);
        Tolerance.AssertClose(0.39, g[1], Tolerance.HalfUnitOfTheSecondDecimal);
        Tolerance.AssertClose(-0.39, g[2], Tolerance.HalfUnitOfTheSecondDecimal);
        Tolerance.AssertClose(-0.59, g[3], Tolerance.HalfUnitOfTheSecondDecimal);
        Tolerance.AssertClose(0.20, g[4], Tolerance.HalfUnitOfTheSecondDecimal);
        // And exactly: dσ = σ(1)(1 − σ(1)) times the other input of each mul gate.
        double s = 1 / (1 + Math.Exp(-1.0));
        double local = s * (1 - s);
        Assert.Equal(new[] { -1 * local, 2 * local, -2 * local, -3 * local, local }, g);
    }

    [Fact]
    public void StagedExample_MatchesItsHandDerivation()
    {
        double x = 3, y = -4;
        var (value, g) = Method("Staged").Backward(new[] { x, y });
        // The lecture's staged backward pass, written out by hand.
        double sigy = 1 / (1 + Math.Exp(-y)), num = x + sigy, sigx = 1 / (1 + Math.Exp(-x));
        double xpy = x + y, xpysqr = xpy * xpy, den = sigx + xpysqr, invden = 1 / den, f = num * invden;
        double dnum = invden, dinvden = num, dden = -1 / (den * den) * dinvden;
        double dsigx = dden, dxpysqr = dden, dxpy = 2 * xpy * dxpysqr;
        double dx = dxpy + (1 - sigx) * sigx * dsigx + dnum;
        double dy = dxpy + (1 - sigy) * sigy * dnum;
        Tolerance.AssertFormula(f, value);
        Tolerance.AssertFormula(dx, g[0]);
        Tolerance.AssertFormula(dy, g[1]);
    }

    [Fact]
    public void AddMulMax_RoutesThroughTheMaxGate()
    {
        // 2·(x·y + max(z, w)) at x = 3, y = −4, z = 2, w = −1: the add gate distributes 2,
        // the mul gate swaps (dx = −8, dy = 6), the max gate routes 2 to z and 0 to w.
        var (value, g) = Method("AddMulMax").Backward(new[] { 3.0, -4, 2, -1 });
        Tolerance.AssertFormula(-20, value);
        Assert.Equal(new[] { -8.0, 6, 2, 0 }, g);
    }

    [Fact]
    public void NormSquared_MatchesTheVectorizedDerivation()
    {
        // ∂f/∂W = 2 q xᵀ = [[0.088, 0.176], [0.104, 0.208]], ∂f/∂x = 2 Wᵀ q = (−0.112, 0.636).
        var (value, g) = Method("NormSquared").Backward(new[] { 0.1, 0.5, -0.3, 0.8, 0.2, 0.4 });
        Tolerance.AssertFormula(0.22 * 0.22 + 0.26 * 0.26, value);
        var expected = new[] { 0.088, 0.176, 0.104, 0.208, -0.112, 0.636 };
        for (int i = 0; i < expected.Length; i++) Tolerance.AssertFormula(expected[i], g[i]);
    }

    [Theory]
    [InlineData("Simple", new[] { -2.0, 5, -4 })]
    [InlineData("Neuron", new[] { 2.0, -1, -3, -2, -3 })]
    [InlineData("Staged", new[] { 3.0, -4 })]
    [InlineData("Staged", new[] { -0.5, 1.25 })]
    [InlineData("AddMulMax", new[] { 3.0, -4, 2, -1 })]
    [InlineData("AddMulMax", new[] { 0.3, 0.7, -2, 1.5 })]
    [InlineData("NormSquared", new[] { 0.1, 0.5, -0.3, 0.8, 0.2, 0.4 })]
    public void EveryExample_MatchesCentralDifferences(string name, double[] x)
    {
        var method = Method(name);
        var (_, gradient) = method.Backward(x);
        GradCheck.Check(p => method.Value(p), x, gradient).ThrowIfFailed();
    }

    [Fact]
    public void Backward_AddsIntoAdjointsAndScalesBySeed()
    {
        var method = Method("Simple");
        var x = new[] { -2.0, 5, -4 };
        Assert.Equal(new[] { 6.0, 1.0, 3.5 }, method.BackwardInto(x, new[] { 10.0, 5.0, 0.5 }));
        var (_, scaled) = method.Backward(x, seed: 0.5);
        Assert.Equal(new[] { -2.0, -2.0, 1.5 }, scaled);
    }
}
