using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms16a;

/// <summary>
/// Issue 13, idioms16a item 2: a local array declared from a plain helper that returns a new array it made (Accord's
/// <c>Circular.ToRadians(double[] angles)</c>, a <c>Softmax(double[] z)</c>, natural T05's <c>Multiply(cov, w)</c>); the
/// helper is inlined and its array is the caller's local, with an adjoint, also in a loop. And the broken build this
/// found: a local array made by a plain helper inlined inside a loop was declared in the loop and read after it (CS0103).
/// By hand and against central differences; Forward and Hessian by hand.
/// </summary>
public class ArrayHelperTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static class Circular
        {
            // As Accord's Circular.ToRadians: a new array filled in a loop.
            public static double[] ToRadians(double[] angles)
            {
                double[] r = new double[angles.Length];
                for (int i = 0; i < angles.Length; i++) r[i] = angles[i] * Math.PI / 180;
                return r;
            }

            public static double[] Softmax(double[] z)
            {
                double max = z[0];
                for (int i = 1; i < z.Length; i++) if (z[i] > max) max = z[i];
                var p = new double[z.Length];
                double sum = 0;
                for (int i = 0; i < z.Length; i++) { p[i] = Math.Exp(z[i] - max); sum += p[i]; }
                for (int i = 0; i < z.Length; i++) p[i] /= sum;
                return p;
            }

            public static double[] Pair(double a, double b) { double[] r = [a * b, a + b]; return r; }

            // A scalar helper with a local array of its own (the broken build in a loop).
            public static double Product(double a, double b) { double[] r = [a * b, a + b]; return r[0] * r[1]; }
        }

        public static partial class Uses
        {
            [Differentiable(Forward = true, Hessian = true)]
            public static double Radians(double[] a)
            {
                double[] r = Circular.ToRadians(a);
                return r[0] * Math.Sin(r[1]);
            }

            [Differentiable]
            public static double CrossEntropy(double[] z, int k)
            {
                double[] p = Circular.Softmax(z);
                return -Math.Log(p[k]);
            }

            // A new array per iteration, written by the caller after the call: s ← s + (ab + s)(a + b), a = x + i, b = y.
            [Differentiable]
            public static double InLoop(double x, double y, int n)
            {
                double s = 0;
                for (int i = 0; i < n; i++)
                {
                    var q = Circular.Pair(x + i, y);
                    q[0] += s;
                    s += q[0] * q[1];
                }
                return s;
            }

            // A local function filling an array of its own (ADG0003 "writes into the array 'a' of its own" before idioms16a).
            [Differentiable]
            public static double LocalOwnArray(double x, double y, int k)
            {
                double F(double t, int m) { var a = new double[2]; a[m % 2] = t; return a[0] * y + t; }
                return F(x, k);
            }

            [Differentiable]
            public static double ScalarInLoop(double x, double y, int n)
            {
                double s = 0;
                for (int i = 0; i < n; i++) s += Circular.Product(x + i, y);
                return s;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Get(string name) => Compiled.Value.GetType("Uses")!.GetMethod(name)!;

    private delegate double Forward1(double[] a, ReadOnlySpan<double> tA, out double tResult);

    private delegate double Hessian1(double[] a, Span<double> hessian);

    [Fact]
    public void ToRadians_ByHandInEveryMode()
    {
        var a = new[] { 30.0, 75.0 };
        var r = CentralDifferenceRunner.Check(Get("Radians"), null, new object[] { a });
        // f = (c a0) sin(c a1), c = π/180: ∂/∂a0 = c sin(c a1), ∂/∂a1 = c² a0 cos(c a1).
        double c = Math.PI / 180, r0 = c * a[0], r1 = c * a[1];
        Tolerance.AssertFormula(r0 * Math.Sin(r1), r.Value, "Radians");
        Tolerance.AssertFormula(c * Math.Sin(r1), r.Gradient[0]![0], "∂/∂a0");
        Tolerance.AssertFormula(c * r0 * Math.Cos(r1), r.Gradient[0]![1], "∂/∂a1");
        Get("RadiansForward").CreateDelegate<Forward1>()(a, new[] { 0.5, -2.0 }, out double t);
        Tolerance.AssertFormula((0.5 * c * Math.Sin(r1)) - (2.0 * c * r0 * Math.Cos(r1)), t, "RadiansForward");
        var h = new double[4];
        Get("RadiansHessian").CreateDelegate<Hessian1>()(a, h);
        // H = c² [[0, cos r1], [cos r1, −r0 sin r1]].
        double[] expected = { 0, c * c * Math.Cos(r1), c * c * Math.Cos(r1), -c * c * r0 * Math.Sin(r1) };
        for (int i = 0; i < 4; i++) Tolerance.AssertFormula(expected[i], h[i], "RadiansHessian[" + i + "]");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void SoftmaxReturnedAsAnArray_TheCrossEntropyByHand(int k)
    {
        var z = new[] { 0.3, -1.2, 2.0, 0.5 };
        var r = CentralDifferenceRunner.Check(Get("CrossEntropy"), null, new object[] { z, k });
        // −log p_k: ∂/∂z_i = p_i − [i = k].
        double sum = z.Sum(Math.Exp);
        for (int i = 0; i < z.Length; i++) Tolerance.AssertFormula((Math.Exp(z[i]) / sum) - (i == k ? 1 : 0), r.Gradient[0]![i], "∂/∂z" + i);
    }

    [Theory]
    [InlineData(0.4, -0.3, 3)]
    [InlineData(-0.2, 0.7, 2)]
    public void ANewArrayPerIteration_WrittenByTheCaller_ByHand(double x, double y, int n)
    {
        var r = CentralDifferenceRunner.Check(Get("InLoop"), null, new object[] { x, y, n });
        var (s, ds, dsY) = PairLoopByHand(x, y, n);
        Tolerance.AssertFormula(s, r.Value, "InLoop");
        Tolerance.AssertFormula(ds, r.Gradient[0]![0], "∂/∂x");
        Tolerance.AssertFormula(dsY, r.Gradient[1]![0], "∂/∂y");
    }

    /// <summary>
    /// s ← s + (ab + s)(a + b) for a = x + i, b = y, i &lt; n, and its derivatives by hand: ∂s'/∂s = 1 + (a + b),
    /// ∂s'/∂x = b(a + b) + (ab + s), ∂s'/∂y = a(a + b) + (ab + s).
    /// </summary>
    public static (double S, double Dx, double Dy) PairLoopByHand(double x, double y, int n)
    {
        double s = 0, ds = 0, dsY = 0;
        for (int i = 0; i < n; i++)
        {
            double a = x + i, b = y, u = (a * b) + s, v = a + b;
            double dx = (ds * (1 + v)) + (b * v) + u, dy = (dsY * (1 + v)) + (a * v) + u;
            s += u * v;
            ds = dx;
            dsY = dy;
        }
        return (s, ds, dsY);
    }

    [Theory]
    [InlineData(0.7, -0.4, 2)]
    [InlineData(0.7, -0.4, 1)]
    public void ALocalFunctionFillingItsOwnArray_ByHand(double x, double y, int k)
    {
        var r = CentralDifferenceRunner.Check(Get("LocalOwnArray"), null, new object[] { x, y, k });
        // k even: a[0] = x, f = xy + x; k odd: a[0] = 0, f = x.
        Tolerance.AssertFormula(k % 2 == 0 ? (x * y) + x : x, r.Value, "LocalOwnArray");
        Tolerance.AssertFormula(k % 2 == 0 ? y + 1 : 1, r.Gradient[0]![0], "∂/∂x");
        Tolerance.AssertFormula(k % 2 == 0 ? x : 0, r.Gradient[1]![0], "∂/∂y");
    }

    [Theory]
    [InlineData(0.4, -0.3, 3)]
    [InlineData(1.5, 0.5, 1)]
    public void AScalarHelpersOwnArrayInALoop_BuildsAndIsRight(double x, double y, int n)
    {
        var r = CentralDifferenceRunner.Check(Get("ScalarInLoop"), null, new object[] { x, y, n });
        // Σ a b (a + b), a = x + i: ∂/∂x = Σ (2ab + b²), ∂/∂y = Σ (a² + 2ab).
        double dx = 0, dy = 0;
        for (int i = 0; i < n; i++)
        {
            double a = x + i;
            dx += (2 * a * y) + (y * y);
            dy += (a * a) + (2 * a * y);
        }
        Tolerance.AssertFormula(dx, r.Gradient[0]![0], "∂/∂x");
        Tolerance.AssertFormula(dy, r.Gradient[1]![0], "∂/∂y");
    }
}
