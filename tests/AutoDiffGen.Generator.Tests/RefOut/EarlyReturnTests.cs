using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.RefOut;

/// <summary>
/// <c>return;</c> in void methods (in branches and inside loops), and returns before the end of a method with ref/out
/// parameters: what the method leaves in each parameter is the value on the path taken. Checked by hand and against
/// central differences of the seeded outputs (f = Σ seedᵢ·outputᵢ + dResult·result), and through a caller.
/// </summary>
public class EarlyReturnTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;
        public static partial class R
        {
            [Differentiable] public static void Clip(ref double x, double limit)
            {
                if (x < limit) return;
                x = limit + 0.1 * (x - limit);
            }

            [Differentiable] public static void Damp(double[] v, double c, int n)
            {
                for (int k = 0; k < n; k++)
                {
                    if (v[0] * v[0] + v[1] * v[1] < 0.25) return;
                    v[0] *= c;
                    v[1] -= 0.5 * c * v[0];
                }
            }

            [Differentiable] public static void Grow(ref double x, ref double y, double r, int n)
            {
                for (int k = 0; k < n; k++)
                {
                    x = x * r + y;
                    if (x > 10) return;
                    y = y * 0.5;
                }
                y += x;
            }

            [Differentiable] public static double Early(double a, out double b)
            {
                b = a * a;
                if (a > 1) return b;
                b = 3 * a;
                return a;
            }

            [Differentiable] public static double UsesThem(double a, double b, double r)
            {
                double x = a, y = b;
                Grow(ref x, ref y, r, 5);
                Clip(ref x, 2.0);
                double[] v = { a, b };
                Damp(v, r, 4);
                return x * y + v[0] + v[1];
            }
        }
        """;

    private static readonly Lazy<Type> R = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("R")!);

    private static MethodInfo M(string name) => R.Value.GetMethod(name)!;

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

    [Theory]
    [InlineData(1.5, 2.0)]
    [InlineData(3.5, 2.0)]
    public void ReturnInABranch_ByHand(double x, double limit)
    {
        var args = new object[] { x, limit, 1.0, 0.0 };
        M("ClipBackward").Invoke(null, args);
        bool early = x < limit;
        Assert.Equal(early ? x : limit + 0.1 * (x - limit), (double)args[0], 12);
        Assert.Equal(early ? 1.0 : 0.1, (double)args[2], 12);
        Assert.Equal(early ? 0.0 : 0.9, (double)args[3], 12);
    }

    [Theory]
    [InlineData(0.9, 0.5, 1.3, 5)]
    [InlineData(2.0, 1.0, 2.5, 6)]
    [InlineData(0.1, 0.1, 1.1, 0)]
    public void ReturnInsideALoop_TwoRefParameters(double x, double y, double r, int n)
    {
        const double sx = 0.7, sy = -1.3;
        double F(double[] p)
        {
            var a = new object[] { p[0], p[1], p[2], n };
            M("Grow").Invoke(null, a);
            return sx * (double)a[0] + sy * (double)a[1];
        }
        var args = new object[] { x, y, r, n, sx, sy, 0.0 };
        M("GrowBackward").Invoke(null, args);
        var primal = new object[] { x, y, r, n };
        M("Grow").Invoke(null, primal);
        Assert.Equal((double)primal[0], (double)args[0]);
        Assert.Equal((double)primal[1], (double)args[1]);
        AssertGradient(F, new[] { x, y, r }, new[] { (double)args[4], (double)args[5], (double)args[6] }, "Grow n=" + n);
    }

    [Theory]
    [InlineData(0.9, -0.8, 0.7, 4)]
    [InlineData(0.3, 0.2, 0.5, 3)]
    [InlineData(1.5, 1.0, 0.4, 6)]
    public void ReturnInsideALoop_WritingAnArrayParameter(double v0, double v1, double c, int n)
    {
        const double s0 = 1.1, s1 = 0.4;
        double F(double[] p)
        {
            var v = new[] { p[0], p[1] };
            M("Damp").Invoke(null, new object[] { v, p[2], n });
            return s0 * v[0] + s1 * v[1];
        }
        var dV = new[] { s0, s1 };
        var args = new object[] { new[] { v0, v1 }, c, n, dV, 0.0 };
        M("DampBackward").Invoke(null, args);
        AssertGradient(F, new[] { v0, v1, c }, new[] { dV[0], dV[1], (double)args[4] }, "Damp n=" + n);
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(0.5)]
    public void AReturnBeforeTheEnd_WithAnOutParameter_ByHand(double a)
    {
        // a > 1: result b = a², b = a²; else result a, b = 3a. f = result + 2b.
        var args = new object[] { a, null!, 0.0, 2.0, 1.0 };
        double value = (double)M("EarlyBackward").Invoke(null, args)!;
        Assert.Equal(a > 1 ? a * a : a, value, 12);
        Assert.Equal(a > 1 ? a * a : 3 * a, (double)args[1], 12);
        Assert.Equal(a > 1 ? 2 * a + 4 * a : 1 + 6, (double)args[2], 12);
    }

    [Theory]
    [InlineData(0.8, 0.6, 1.2)]
    [InlineData(1.5, -0.5, 0.9)]
    [InlineData(0.2, 0.1, 0.6)]
    public void ACallerOfThem_CentralDifferences(double a, double b, double r)
    {
        double F(double[] p) => (double)M("UsesThem").Invoke(null, new object[] { p[0], p[1], p[2] })!;
        var args = new object[] { a, b, r, 0.0, 0.0, 0.0, 1.0 };
        double value = (double)M("UsesThemBackward").Invoke(null, args)!;
        Tolerance.AssertFormula(F(new[] { a, b, r }), value);
        AssertGradient(F, new[] { a, b, r }, new[] { (double)args[3], (double)args[4], (double)args[5] }, "UsesThem");
    }
}
