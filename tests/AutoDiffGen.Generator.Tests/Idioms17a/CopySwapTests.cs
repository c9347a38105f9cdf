using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms17a;

/// <summary>
/// Issue 13, idioms17a: copying and swapping arrays with adjoints. <c>Array.Copy</c> of an array of structs into a local one
/// (natural T07), <c>(double[,])m.Clone()</c> as a local (natural F05), swapping two local arrays of one length
/// (<c>(u, next) = (next, u)</c> and <c>var t = u; u = next; next = t;</c>, one- and two-dimensional), and a plain helper
/// returning <c>new[] { … }</c> directly. Each by hand and against central differences; Forward (and Hessian for the
/// helper) by hand.
/// </summary>
public class CopySwapTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public struct P2
        {
            public double X;
            public double Y;
            public P2(double x, double y) { X = x; Y = y; }
        }

        public static class H
        {
            public static double[] Pair(double a, double b) => new[] { a * b, a + b };
            public static double[] Spread(double a, double b) { double s = a - b; return [s * a, s * b, 2.0]; }
        }

        public static partial class Uses
        {
            // f = k s0.X s1.Y: the copy's member arrays carry the adjoints back to start.
            [Differentiable]
            public static double StructCopy(P2[] start, double k)
            {
                var pos = new P2[start.Length];
                Array.Copy(start, pos, start.Length);
                pos[0].X *= k;
                return pos[0].X * pos[1].Y;
            }

            // pos[0], pos[1] overwritten by start[1], start[2]: x reaches the result only through pos[2].
            [Differentiable]
            public static double StructShift(P2[] start, double x)
            {
                var pos = new P2[3];
                pos[0] = new P2(x, x * x);
                pos[1] = new P2(x * x, x);
                pos[2] = new P2(x, 1);
                Array.Copy(start, 1, pos, 0, 2);
                return pos[0].X * pos[1].Y + pos[2].X * pos[2].Y + pos[0].Y;
            }

            // A copy back every step, as a time-step loop writes it: pos ← next each step.
            [Differentiable]
            public static double StructSteps(P2[] start, double k, int steps)
            {
                int n = start.Length;
                var pos = new P2[n];
                var next = new P2[n];
                start.CopyTo(pos, 0);
                for (int s = 0; s < steps; s++)
                {
                    for (int i = 0; i < n; i++) next[i] = new P2(k * pos[i].X + pos[(i + 1) % n].Y, pos[i].Y * pos[i].X);
                    Array.Copy(next, pos, n);
                }
                return pos[0].X + pos[n - 1].Y;
            }

            // f = k m00 m01 (m10 + m01): a clone, a swap of two double[,].
            [Differentiable(Forward = true)]
            public static double GridSwap(double[,] m, double k)
            {
                var a = (double[,])m.Clone();
                a[0, 0] *= k * a[0, 1];
                var b = new double[m.GetLength(0), m.GetLength(1)];
                b[1, 1] = a[0, 0] * a[1, 0];
                (a, b) = (b, a);
                return a[1, 1] + b[0, 0] * m[0, 1];
            }

            // next[i] = a[i] a[i+1 mod n], then the buffers swap; the result reads both.
            [Differentiable(Forward = true)]
            public static double TupleSwap(double[] u, int steps)
            {
                var a = (double[])u.Clone();
                var next = new double[u.Length];
                for (int s = 0; s < steps; s++)
                {
                    for (int i = 0; i < a.Length; i++) next[i] = a[i] * a[(i + 1) % a.Length];
                    (a, next) = (next, a);
                }
                return a[0] + 0.5 * next[1];
            }

            [Differentiable(Forward = true)]
            public static double TempSwap(double[] u, double c, int steps)
            {
                int n = u.Length;
                var a = new double[n];
                for (int i = 0; i < n; i++) a[i] = u[i];
                var next = new double[n];
                for (int s = 0; s < steps; s++)
                {
                    for (int i = 0; i < n; i++) next[i] = a[i] * a[(i + 1) % n] + c;
                    var t = a;
                    a = next;
                    next = t;
                }
                return a[0] + 0.5 * next[1];
            }

            // f = p0 p1 = ab(a + b).
            [Differentiable(Forward = true, Hessian = true)]
            public static double PairProduct(double a, double b)
            {
                var p = H.Pair(a, b);
                return p[0] * p[1];
            }

            // s ← s + (ab + s)(a + b), a = x + i, b = y, a new array each iteration.
            [Differentiable]
            public static double PairInLoop(double x, double y, int n)
            {
                double s = 0;
                for (int i = 0; i < n; i++)
                {
                    var q = H.Pair(x + i, y);
                    q[0] += s;
                    s += q[0] * q[1];
                }
                return s;
            }

            // (x − y)(x + y) + 2 + … : Spread returns [s a, s b, 2] with s = a − b.
            [Differentiable(Forward = true)]
            public static double SpreadSum(double x, double y)
            {
                var r = H.Spread(x, y);
                return r[0] + r[1] * r[2];
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Get(string name) => Compiled.Value.GetType("Uses")!.GetMethod(name)!;

    private static object Points(params (double X, double Y)[] points)
    {
        var type = Compiled.Value.GetType("P2")!;
        var array = Array.CreateInstance(type, points.Length);
        for (int i = 0; i < points.Length; i++) array.SetValue(Activator.CreateInstance(type, points[i].X, points[i].Y), i);
        return array;
    }

    [Fact]
    public void ArrayCopyOfStructs_ByHand()
    {
        var r = CentralDifferenceRunner.Check(Get("StructCopy"), null, new[] { Points((0.7, -0.2), (1.3, 0.9)), 1.5 });
        // f = k s0x s1y: ∂/∂s0x = k s1y, ∂/∂s1y = k s0x, ∂/∂k = s0x s1y; s0y and s1x do not reach it. Components in member order.
        Tolerance.AssertFormula(1.5 * 0.7 * 0.9, r.Value, "StructCopy");
        Tolerance.AssertFormula(1.5 * 0.9, r.Gradient[0]![0], "∂/∂s0.X");
        Tolerance.AssertFormula(0, r.Gradient[0]![1], "∂/∂s0.Y");
        Tolerance.AssertFormula(0, r.Gradient[0]![2], "∂/∂s1.X");
        Tolerance.AssertFormula(1.5 * 0.7, r.Gradient[0]![3], "∂/∂s1.Y");
        Tolerance.AssertFormula(0.7 * 0.9, r.Gradient[1]![0], "∂/∂k");
    }

    [Fact]
    public void ArrayCopyOfStructs_OverwrittenSlotsCutTheirOldValuesOff_ByHand()
    {
        var r = CentralDifferenceRunner.Check(Get("StructShift"), null, new[] { Points((5, 6), (0.4, -0.8), (1.1, 0.3)), 0.6 });
        // pos = [s1, s2, (x, 1)]: f = s1x s2y + x + s1y; what pos[0] and pos[1] held before (x, x²) reaches nothing.
        Tolerance.AssertFormula((0.4 * 0.3) + 0.6 - 0.8, r.Value, "StructShift");
        double[] expected = { 0, 0, 0.3, 1, 0, 0.4 };
        for (int i = 0; i < expected.Length; i++) Tolerance.AssertFormula(expected[i], r.Gradient[0]![i], "∂/∂start component " + i);
        Tolerance.AssertFormula(1, r.Gradient[1]![0], "∂/∂x");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void ACopyBackEveryStep_ByHandAlongK(int steps)
    {
        var start = new[] { (0.5, -0.3), (0.8, 0.6), (-0.4, 0.2) };
        double k = 0.9;
        var r = CentralDifferenceRunner.Check(Get("StructSteps"), null, new[] { Points(start), (object)k, steps });
        // By hand along k: each member's value and its derivative in k, stepped as the method steps.
        int n = start.Length;
        var x = start.Select(p => p.Item1).ToArray();
        var y = start.Select(p => p.Item2).ToArray();
        var dx = new double[n];
        var dy = new double[n];
        for (int s = 0; s < steps; s++)
        {
            var nx = new double[n];
            var ny = new double[n];
            var ndx = new double[n];
            var ndy = new double[n];
            for (int i = 0; i < n; i++)
            {
                nx[i] = (k * x[i]) + y[(i + 1) % n];
                ndx[i] = x[i] + (k * dx[i]) + dy[(i + 1) % n];
                ny[i] = y[i] * x[i];
                ndy[i] = (dy[i] * x[i]) + (y[i] * dx[i]);
            }
            (x, y, dx, dy) = (nx, ny, ndx, ndy);
        }
        Tolerance.AssertFormula(x[0] + y[n - 1], r.Value, "StructSteps");
        Tolerance.AssertFormula(dx[0] + dy[n - 1], r.Gradient[1]![0], "∂/∂k");
    }

    private delegate double GridForward(double[,] m, double k, double[,] tM, double tK, out double tResult);

    [Fact]
    public void GridCloneAndSwap_ByHandInReverseAndForward()
    {
        var m = new[,] { { 0.7, -0.4 }, { 1.2, 0.5 } };
        double k = 1.3;
        var r = CentralDifferenceRunner.Check(Get("GridSwap"), null, new object[] { m, k });
        // f = k m00 m01 (m10 + m01).
        double m00 = 0.7, m01 = -0.4, m10 = 1.2;
        Tolerance.AssertFormula(k * m00 * m01 * (m10 + m01), r.Value, "GridSwap");
        double[] expected = { k * m01 * (m10 + m01), k * m00 * (m10 + (2 * m01)), k * m00 * m01, 0 };
        for (int i = 0; i < 4; i++) Tolerance.AssertFormula(expected[i], r.Gradient[0]![i], "∂/∂m" + i);
        Tolerance.AssertFormula(m00 * m01 * (m10 + m01), r.Gradient[1]![0], "∂/∂k");
        var tM = new[,] { { 1.0, 0.5 }, { -2.0, 3.0 } };
        Get("GridSwapForward").CreateDelegate<GridForward>()(m, k, tM, -0.7, out double t);
        Tolerance.AssertFormula((expected[0] * 1.0) + (expected[1] * 0.5) + (expected[2] * -2.0) - (0.7 * m00 * m01 * (m10 + m01)), t, "GridSwapForward");
    }

    /// <summary>The swap loop by hand: values and their derivatives along <paramref name="du"/> (and dc), stepped as the method steps.</summary>
    private static (double Value, double Derivative) SwapByHand(double[] u, double[] du, double c, double dc, int steps)
    {
        int n = u.Length;
        double[] a = (double[])u.Clone(), da = (double[])du.Clone(), next = new double[n], dnext = new double[n];
        for (int s = 0; s < steps; s++)
        {
            for (int i = 0; i < n; i++)
            {
                next[i] = (a[i] * a[(i + 1) % n]) + c;
                dnext[i] = (da[i] * a[(i + 1) % n]) + (a[i] * da[(i + 1) % n]) + dc;
            }
            (a, next) = (next, a);
            (da, dnext) = (dnext, da);
        }
        return (a[0] + (0.5 * next[1]), da[0] + (0.5 * dnext[1]));
    }

    private delegate double SwapForward(double[] u, int steps, ReadOnlySpan<double> tU, out double tResult);

    private delegate double TempSwapForward(double[] u, double c, int steps, ReadOnlySpan<double> tU, double tC, out double tResult);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    public void TupleSwapOfBuffers_ByHandInReverseAndForward(int steps)
    {
        var u = new[] { 0.9, -0.6, 1.1, 0.4 };
        var r = CentralDifferenceRunner.Check(Get("TupleSwap"), null, new object[] { u, steps });
        for (int j = 0; j < u.Length; j++)
        {
            var e = new double[u.Length];
            e[j] = 1;
            var (value, derivative) = SwapByHand(u, e, 0, 0, steps);
            Tolerance.AssertFormula(value, r.Value, "TupleSwap");
            Tolerance.AssertFormula(derivative, r.Gradient[0]![j], "∂/∂u" + j);
        }
        var t = new[] { 0.3, -1.0, 0.25, 2.0 };
        Get("TupleSwapForward").CreateDelegate<SwapForward>()(u, steps, t, out double tResult);
        Tolerance.AssertFormula(SwapByHand(u, t, 0, 0, steps).Derivative, tResult, "TupleSwapForward");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void ThreeStatementSwap_ByHandInReverseAndForward(int steps)
    {
        var u = new[] { 0.5, -0.7, 0.8 };
        double c = 0.2;
        var r = CentralDifferenceRunner.Check(Get("TempSwap"), null, new object[] { u, c, steps });
        for (int j = 0; j < u.Length; j++)
        {
            var e = new double[u.Length];
            e[j] = 1;
            Tolerance.AssertFormula(SwapByHand(u, e, c, 0, steps).Derivative, r.Gradient[0]![j], "∂/∂u" + j);
        }
        var (value, dc) = SwapByHand(u, new double[u.Length], c, 1, steps);
        Tolerance.AssertFormula(value, r.Value, "TempSwap");
        Tolerance.AssertFormula(dc, r.Gradient[1]![0], "∂/∂c");
        var t = new[] { 1.0, 0.5, -0.25 };
        Get("TempSwapForward").CreateDelegate<TempSwapForward>()(u, c, steps, t, 0.4, out double tResult);
        Tolerance.AssertFormula(SwapByHand(u, t, c, 0.4, steps).Derivative, tResult, "TempSwapForward");
    }

    private delegate double PairForward(double a, double b, double tA, double tB, out double tResult);

    private delegate double PairHessian(double a, double b, Span<double> hessian);

    [Fact]
    public void HelperReturningNewArrayDirectly_ByHandInEveryMode()
    {
        double a = 0.8, b = -1.3;
        var r = CentralDifferenceRunner.Check(Get("PairProduct"), null, new object[] { a, b });
        // f = ab(a + b) = a²b + ab²: ∇ = (2ab + b², a² + 2ab), H = [[2b, 2a + 2b], [2a + 2b, 2a]].
        Tolerance.AssertFormula(a * b * (a + b), r.Value, "PairProduct");
        Tolerance.AssertFormula((2 * a * b) + (b * b), r.Gradient[0]![0], "∂/∂a");
        Tolerance.AssertFormula((a * a) + (2 * a * b), r.Gradient[1]![0], "∂/∂b");
        Get("PairProductForward").CreateDelegate<PairForward>()(a, b, 0.5, 2.0, out double t);
        Tolerance.AssertFormula((0.5 * ((2 * a * b) + (b * b))) + (2.0 * ((a * a) + (2 * a * b))), t, "PairProductForward");
        var h = new double[4];
        Get("PairProductHessian").CreateDelegate<PairHessian>()(a, b, h);
        double[] expected = { 2 * b, (2 * a) + (2 * b), (2 * a) + (2 * b), 2 * a };
        for (int i = 0; i < 4; i++) Tolerance.AssertFormula(expected[i], h[i], "PairProductHessian[" + i + "]");
    }

    [Theory]
    [InlineData(0.4, -0.3, 3)]
    [InlineData(-0.2, 0.7, 1)]
    public void HelperReturningNewArrayDirectly_InALoop_ByHand(double x, double y, int n)
    {
        var r = CentralDifferenceRunner.Check(Get("PairInLoop"), null, new object[] { x, y, n });
        // The same recurrence as idioms16a's helper declaring its local (by hand there).
        var (s, ds, dsY) = Idioms16a.ArrayHelperTests.PairLoopByHand(x, y, n);
        Tolerance.AssertFormula(s, r.Value, "PairInLoop");
        Tolerance.AssertFormula(ds, r.Gradient[0]![0], "∂/∂x");
        Tolerance.AssertFormula(dsY, r.Gradient[1]![0], "∂/∂y");
    }

    private delegate double SpreadForward(double x, double y, double tX, double tY, out double tResult);

    [Fact]
    public void HelperReturningACollectionExpression_ByHand()
    {
        double x = 0.9, y = 0.35;
        var r = CentralDifferenceRunner.Check(Get("SpreadSum"), null, new object[] { x, y });
        // f = (x − y) x + 2 (x − y) y = x² + xy − 2y²: ∇ = (2x + y, x − 4y).
        Tolerance.AssertFormula((x * x) + (x * y) - (2 * y * y), r.Value, "SpreadSum");
        Tolerance.AssertFormula((2 * x) + y, r.Gradient[0]![0], "∂/∂x");
        Tolerance.AssertFormula(x - (4 * y), r.Gradient[1]![0], "∂/∂y");
        Get("SpreadSumForward").CreateDelegate<SpreadForward>()(x, y, 1.5, -0.5, out double t);
        Tolerance.AssertFormula((1.5 * ((2 * x) + y)) - (0.5 * (x - (4 * y))), t, "SpreadSumForward");
    }
}
