using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.RefOut;

/// <summary>
/// [Differentiable] methods that call helpers with ref, out and in arguments (<see cref="RefOutSources.Callers"/>): the
/// gradient of the whole program against central differences, and by hand where it is short.
/// </summary>
public class RefOutCallTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(RefOutSources.Helpers, RefOutSources.Callers));

    private static Type C => Compiled.Value.GetType("RefOut.C")!;

    private static object[] Call(string name, params object[] args)
    {
        var result = C.GetMethod(name)!.Invoke(null, args);
        return result is null ? args : args.Append(result).ToArray();
    }

    private static void AssertGradient(Func<double[], double> f, double[] x, double[] gradient, string what)
    {
        const double h = 1e-6;
        for (int i = 0; i < x.Length; i++)
        {
            var up = (double[])x.Clone();
            var down = (double[])x.Clone();
            up[i] += h;
            down[i] -= h;
            Tolerance.AssertCentral((f(up) - f(down)) / (2 * h), gradient[i], Math.Abs(f(x)) + 1, what + " d/dp" + i);
        }
    }

    [Theory]
    [InlineData(0.9, 0.1, 0.05, 40)]
    [InlineData(-0.6, 0.8, 0.1, 5)]
    [InlineData(0.4, -0.2, 0.1, 0)]
    public void EulerIntegrator_CallingStepInALoop_CentralDifferences(double x0, double v0, double h, int n)
    {
        var args = Call("EnergyBackward", x0, v0, h, n, 0.0, 0.0, 0.0, 1.0);
        double value = (double)args[8];
        Tolerance.AssertFormula((double)Call("Energy", x0, v0, h, n)[4], value, "value");
        var gradient = new[] { (double)args[4], (double)args[5], (double)args[6] };
        AssertGradient(p => (double)Call("Energy", p[0], p[1], p[2], n)[4], new[] { x0, v0, h }, gradient, "Energy n=" + n);
    }

    [Fact]
    public void EulerIntegrator_OneStep_ByHand()
    {
        double x0 = 0.7, v0 = -0.3, h = 0.2;
        var args = Call("EnergyBackward", x0, v0, h, 1, 0.0, 0.0, 0.0, 1.0);
        double x1 = x0 + h * v0, v1 = v0 - h * x0 * x0 * x0;
        Tolerance.AssertFormula(v1 * (-3 * h * x0 * x0) + x1 * x1 * x1, (double)args[4], "dE/dx0");
        Tolerance.AssertFormula(v1 + x1 * x1 * x1 * h, (double)args[5], "dE/dv0");
        Tolerance.AssertFormula(v1 * (-x0 * x0 * x0) + x1 * x1 * x1 * v0, (double)args[6], "dE/dh");
    }

    [Theory]
    [InlineData(0.7, 1.3)]
    [InlineData(-1.9, -0.6)]
    public void OutArguments_DeclaredAndDiscarded_CentralDifferences(double x, double z)
    {
        var args = Call("UsesOutBackward", x, z, 0.0, 0.0, 1.0);
        AssertGradient(p => (double)Call("UsesOut", p[0], p[1])[2], new[] { x, z }, new[] { (double)args[2], (double)args[3] }, "UsesOut");
        // y = sin(x)·z; s = 3y; sq = y²: f = 3y² + y², df/dy = 8y.
        double y = Math.Sin(x) * z;
        Tolerance.AssertFormula(8 * y * Math.Cos(x) * z, (double)args[2], "dX");
        Tolerance.AssertFormula(8 * y * Math.Sin(x), (double)args[3], "dZ");
    }

    [Theory]
    [InlineData(0.8, -0.3, 0.1)]
    [InlineData(-0.5, 0.2, 0.3)]
    public void RefParametersPassedOn_AndACallOnOneBranch(double x, double v, double h)
    {
        foreach (var (sx, sv) in new[] { (1.0, 0.0), (0.0, 1.0), (-0.4, 2.5) })
        {
            var args = Call("TwiceBackward", x, v, h, sx, sv, 0.0);
            var forward = Call("Twice", x, v, h);
            Assert.Equal((double)forward[0], (double)args[0]);
            Assert.Equal((double)forward[1], (double)args[1]);
            AssertGradient(p =>
            {
                var a = Call("Twice", p[0], p[1], p[2]);
                return sx * (double)a[0] + sv * (double)a[1];
            }, new[] { x, v, h }, new[] { (double)args[3], (double)args[4], (double)args[5] }, "Twice");
        }
    }

    [Fact]
    public void InArgument_AndAnUnwrittenRef_ByHand()
    {
        // t = 2x; t·t·(y + 1) + t.
        double x = 0.6, y = -1.7;
        var args = Call("PassesInBackward", x, y, 0.0, 0.0, 1.0);
        double t = 2 * x;
        Tolerance.AssertFormula(2 * (2 * t * (y + 1) + 1), (double)args[2], "dX");
        Tolerance.AssertFormula(t * t, (double)args[3], "dY");
    }

    [Theory]
    [InlineData(0.6f, 1.5f)]
    [InlineData(1.2f, 1.1f)]
    public void Floats_CentralDifferencesInDouble(float x, float k)
    {
        var args = Call("FloatsBackward", x, k, 0f, 0f, 1f);
        // The same program in double, by hand: a = damp(damp(x)), value a·x.
        static double Damp(double a, double k) { a *= k; return a > 1 ? 1 + 0.5 * (a - 1) : a; }
        double F(double[] p) => Damp(Damp(p[0], p[1]), p[1]) * p[0];
        const double h = 1e-4;
        for (int i = 0; i < 2; i++)
        {
            var up = new double[] { x, k };
            var down = new double[] { x, k };
            up[i] += h;
            down[i] -= h;
            Assert.Equal((F(up) - F(down)) / (2 * h), (float)args[2 + i], 2);
        }
    }
}
