using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.ArrayWrites;

/// <summary>
/// [Differentiable] methods that call helpers which write into arrays they are passed (<see cref="ArrayWriteSources"/>):
/// each gradient against central differences of the method itself, and by hand where it is short. A written array
/// parameter's adjoint is in/out (docs/ref-out.md): seeded, it returns Jᵀ·seed plus the result's gradient.
/// </summary>
public class ArrayWriteCallTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(ArrayWriteSources.Helpers, ArrayWriteSources.Callers));

    private static MethodInfo M(string name) => Compiled.Value.GetType("ArrayWrites.C")!.GetMethod(name)!;

    private static object? Invoke(string name, params object[] args) => M(name).Invoke(null, args);

    /// <summary>Central differences of <paramref name="f"/> at <paramref name="p"/> against <paramref name="gradient"/>.</summary>
    private static void AssertGradient(Func<double[], double> f, double[] p, double[] gradient, string what)
    {
        const double h = 1e-6;
        double value = f(p);
        for (int i = 0; i < p.Length; i++)
        {
            var up = (double[])p.Clone();
            var down = (double[])p.Clone();
            up[i] += h;
            down[i] -= h;
            Tolerance.AssertCentral((f(up) - f(down)) / (2 * h), gradient[i], Math.Abs(value) + 1, what + " d/dp" + i);
        }
    }

    [Fact]
    public void SubtractThenSquaredNorm_IsTwiceTheDifference()
    {
        var x = new[] { 0.7, -1.2, 2.5 };
        var mu = new[] { 0.1, 0.4, -0.3 };
        var dX = new double[3];
        var dMu = new double[3];
        double value = (double)Invoke("SquaredDistanceBackward", x, mu, dX, dMu, 1.0)!;
        Tolerance.AssertFormula((double)Invoke("SquaredDistance", x, mu)!, value);
        for (int i = 0; i < 3; i++)
        {
            Tolerance.AssertFormula(2 * (x[i] - mu[i]), dX[i], "dX" + i);
            Tolerance.AssertFormula(-2 * (x[i] - mu[i]), dMu[i], "dMu" + i);
        }
        AssertGradient(p => (double)Invoke("SquaredDistance", p[..3], p[3..])!, x.Concat(mu).ToArray(), dX.Concat(dMu).ToArray(), "SquaredDistance");
        // The inputs are left as they were: only the local array was written.
        Assert.Equal(new[] { 0.7, -1.2, 2.5 }, x);
    }

    [Theory]
    [InlineData(0.9, 0.1, 0.01, 100)]
    [InlineData(-0.6, 0.8, 0.05, 7)]
    [InlineData(0.4, -0.2, 0.1, 0)]
    public void EulerSteps_OnTheCallersArrayParameter_CentralDifferences(double x0, double v0, double h, int n)
    {
        double F(double[] p) => (double)Invoke("Energy", new[] { p[0], p[1] }, p[2], n)!;
        var state = new[] { x0, v0 };
        var dState = new double[2];
        var args = new object[] { state, h, n, dState, 0.0, 1.0 };
        double value = (double)M("EnergyBackward").Invoke(null, args)!;
        Tolerance.AssertFormula(F(new[] { x0, v0, h }), value);
        AssertGradient(F, new[] { x0, v0, h }, new[] { dState[0], dState[1], (double)args[4] }, "Energy n=" + n);
        // Backward leaves the array as the method does: the n-th step.
        var expected = new[] { x0, v0 };
        Invoke("Energy", expected, h, n);
        Assert.Equal(expected, state);
    }

    [Fact]
    public void EulerSteps_ASeededArrayParameter_ReturnsTheAdjointOfTheValuesPassed()
    {
        // f = E + sₓ·x_n + sᵥ·v_n: the seed is the adjoint of what Energy leaves in state.
        double x0 = 0.3, v0 = 0.6, h = 0.02, sx = -0.7, sv = 1.9;
        const int n = 100;
        double F(double[] p)
        {
            var s = new[] { p[0], p[1] };
            double e = (double)Invoke("Energy", s, p[2], n)!;
            return e + sx * s[0] + sv * s[1];
        }
        var dState = new[] { sx, sv };
        var args = new object[] { new[] { x0, v0 }, h, n, dState, 0.0, 1.0 };
        M("EnergyBackward").Invoke(null, args);
        AssertGradient(F, new[] { x0, v0, h }, new[] { dState[0], dState[1], (double)args[4] }, "seeded Energy");
    }

    [Fact]
    public void OneEulerStep_ByHand()
    {
        // E = ½v₁² + 1 − cos x₁ with x₁ = x₀ + h v₀, v₁ = v₀ − h sin x₀.
        double x0 = 0.8, v0 = -0.4, h = 0.3;
        var dState = new double[2];
        var args = new object[] { new[] { x0, v0 }, h, 1, dState, 0.0, 1.0 };
        M("EnergyBackward").Invoke(null, args);
        double x1 = x0 + h * v0, v1 = v0 - h * Math.Sin(x0);
        Tolerance.AssertFormula(Math.Sin(x1) + v1 * (-h * Math.Cos(x0)), dState[0], "dx0");
        Tolerance.AssertFormula(Math.Sin(x1) * h + v1, dState[1], "dv0");
        Tolerance.AssertFormula(Math.Sin(x1) * v0 + v1 * -Math.Sin(x0), (double)args[4], "dh");
    }

    [Theory]
    [InlineData(0.9, 0.1, 0.01, 100)]
    [InlineData(-1.3, 0.5, 0.2, 3)]
    public void EulerSteps_OnALocalArray_WithReadsBetweenSteps(double x0, double v0, double h, int n)
    {
        double F(double[] p) => (double)Invoke("Simulate", p[0], p[1], p[2], n)!;
        var args = new object[] { x0, v0, h, n, 0.0, 0.0, 0.0, 1.0 };
        double value = (double)M("SimulateBackward").Invoke(null, args)!;
        Tolerance.AssertFormula(F(new[] { x0, v0, h }), value);
        AssertGradient(F, new[] { x0, v0, h }, new[] { (double)args[4], (double)args[5], (double)args[6] }, "Simulate n=" + n);
    }

    [Theory]
    [InlineData(0.7, 5)]
    [InlineData(-1.1, 4)]
    [InlineData(1.05, 0)]
    public void CallsOnABranch_AndReadOnlyCallsOnArraysWrittenAgain(double c, int n)
    {
        var x = new[] { 0.5, -0.25, 1.5 };
        double F(double[] p) => (double)Invoke("Mixed", p[..3], p[3], n)!;
        var dX = new double[3];
        var args = new object[] { (double[])x.Clone(), c, n, dX, 0.0, 1.0 };
        double value = (double)M("MixedBackward").Invoke(null, args)!;
        var p0 = x.Append(c).ToArray();
        Tolerance.AssertFormula(F(p0), value);
        AssertGradient(F, p0, dX.Append((double)args[4]).ToArray(), "Mixed n=" + n);
    }

    [Fact]
    public void ACalleeThatWritesThroughCallees_AndOneThatAlsoReturns()
    {
        var a = new[] { 1.5, -0.5, 0.75 };
        var b = new[] { 0.25, 0.5, -1.0 };
        double c = 1.3;
        double F(double[] p) => (double)Invoke("Chained", p[..3], p[3..6], p[6])!;
        var dA = new double[3];
        var dB = new double[3];
        var args = new object[] { a, b, c, dA, dB, 0.0, 1.0 };
        double value = (double)M("ChainedBackward").Invoke(null, args)!;
        var p0 = a.Concat(b).Append(c).ToArray();
        Tolerance.AssertFormula(F(p0), value);
        AssertGradient(F, p0, dA.Concat(dB).Append((double)args[5]).ToArray(), "Chained");
        // By hand: n = c|a − b|, r = (a − b)/|a − b|: f = c²|a − b|² + 3 r₀; ∂f/∂c = 2c|a − b|².
        double norm2 = a.Zip(b, (u, w) => (u - w) * (u - w)).Sum();
        Tolerance.AssertFormula(2 * c * norm2, (double)args[5], "dc");
    }

    [Theory]
    [InlineData(0.9, 0.1, 0.05, 20)]
    [InlineData(-0.2, 1.0, 0.1, 1)]
    public void AVoidCaller_LeavesTheStepsInItsParameter_InOutAdjoint(double x0, double v0, double h, int n)
    {
        // Seeds sₓ, sᵥ on what Integrate leaves: dState returns ∂(sₓx_n + sᵥv_n)/∂(x₀, v₀), dH gets ∂/∂h.
        double sx = 0.6, sv = -1.4;
        double F(double[] p)
        {
            var s = new[] { p[0], p[1] };
            Invoke("Integrate", s, p[2], n);
            return sx * s[0] + sv * s[1];
        }
        var state = new[] { x0, v0 };
        var dState = new[] { sx, sv };
        var args = new object[] { state, h, n, dState, 0.0 };
        M("IntegrateBackward").Invoke(null, args);
        AssertGradient(F, new[] { x0, v0, h }, new[] { dState[0], dState[1], (double)args[4] }, "Integrate");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    public void AnArrayCreatedInTheLoop_WrittenByCalls(int n)
    {
        var x = new[] { 0.3, 1.2 };
        var mu = new[] { -0.5, 0.9 };
        double F(double[] p) => (double)Invoke("Fresh", p[..2], p[2..], n)!;
        var dX = new double[2];
        var dMu = new double[2];
        double value = (double)Invoke("FreshBackward", x, mu, n, dX, dMu, 1.0)!;
        var p0 = x.Concat(mu).ToArray();
        Tolerance.AssertFormula(F(p0), value);
        AssertGradient(F, p0, dX.Concat(dMu).ToArray(), "Fresh n=" + n);
        // By hand: Σ_k (k+1)²|x − μ|²: d/dx = 2 Σ (k+1)² (x − μ).
        double w = Enumerable.Range(1, n).Sum(k => (double)k * k);
        for (int i = 0; i < 2; i++) Tolerance.AssertFormula(2 * w * (x[i] - mu[i]), dX[i], "dX" + i);
    }

    [Fact]
    public void FloatArrays()
    {
        // t = 2a²: f = 2a₀² + 6a₁², gradient (4a₀, 12a₁).
        var a = new[] { 0.5f, -1.25f };
        var dA = new float[2];
        float value = (float)Invoke("FloatsBackward", a, dA, 1f)!;
        Assert.Equal(2 * 0.25f + 6 * 1.5625f, value, 5);
        Assert.Equal(4 * 0.5f, dA[0], 5);
        Assert.Equal(12 * -1.25f, dA[1], 5);
    }
}
