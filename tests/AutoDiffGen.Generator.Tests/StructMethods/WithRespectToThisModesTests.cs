using System.Reflection;
using AutoDiffGen.Generator.Tests.Hessians;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.StructMethods;

/// <summary>
/// Issue 14: a struct's own <c>[Differentiable(WithRespectToThis = true)]</c> methods (<c>p.Dot(q)</c>, <c>q.Length()</c>, a
/// method returning the struct, one of several statements, one calling another) called from a method with
/// <c>Forward = true</c> or <c>Hessian = true</c>: the callee's Backward has a <c>dThis</c> but no tangent of <c>this</c>,
/// so those modes inline its body, the receiver bound to its members. Checked by hand and against central differences
/// (MBackward, MForward along a tangent, MHessian against central differences of the gradient); Jacobian mode keeps its
/// rows through the callee's Backward.
/// </summary>
public class WithRespectToThisModesTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public partial struct Vec2
        {
            public double X, Y;
            public Vec2(double x, double y) { X = x; Y = y; }
            public readonly double Length => Math.Sqrt(X * X + Y * Y);
            public static Vec2 operator +(Vec2 a, Vec2 b) => new Vec2(a.X + b.X, a.Y + b.Y);
            public static Vec2 operator *(double k, Vec2 a) => new Vec2(k * a.X, k * a.Y);

            [Differentiable(WithRespectToThis = true)] public readonly double Dot(Vec2 o) => X * o.X + Y * o.Y;
            [Differentiable(WithRespectToThis = true)] public readonly double Norm() => Math.Sqrt(X * X + Y * Y);
            [Differentiable(WithRespectToThis = true)] public readonly double Twice() => 2 * Norm();
            [Differentiable(WithRespectToThis = true)] public readonly Vec2 Scaled(double k) => new Vec2(k * X, k * Y);
            [Differentiable(WithRespectToThis = true)]
            public readonly double Soft(double t)
            {
                double s = X * t;
                if (s > Y) s = Y + Math.Log(1 + s - Y);
                return s * s;
            }
        }

        public static partial class W
        {
            // Natural/Batch's Vectors.Energy: |q| + p·q, q = p + k(1, −1).
            [Differentiable(Forward = true, Hessian = true, Jacobian = true)]
            public static double Energy(double x, double y, double k)
            {
                var p = new Vec2(x, y);
                var q = p + k * new Vec2(1, -1);
                return q.Length + p.Dot(q);
            }

            // 2|k·p| + Soft(k)²: a struct result, a method calling another on this, one with a branch.
            [Differentiable(Forward = true, Hessian = true)]
            public static double Chain(double x, double y, double k)
            {
                var p = new Vec2(x, y);
                return p.Scaled(k).Twice() + p.Soft(k);
            }

            [Differentiable(Forward = true, Jacobian = true)]
            public static (double A, double B) Pair(double x, double y) { var p = new Vec2(x, y); return (p.Norm(), p.Dot(new Vec2(y, 2))); }

            public static double EnergyH(double x, double y, double k, double[] h) => EnergyHessian(x, y, k, h);
            public static double ChainH(double x, double y, double k, double[] h) => ChainHessian(x, y, k, h);
            public static double[] EnergyJ(double x, double y, double k) { var j = new double[3]; EnergyJacobian(x, y, k, j); return j; }
            public static double[] PairJ(double x, double y) { var j = new double[4]; PairJacobian(x, y, j); return j; }
            public static double[] PairV(double x, double y) { var r = Pair(x, y); return new[] { r.A, r.B }; }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Method(string name) => Compiled.Value.GetType("W")!.GetMethod(name)!;

    private static double[] Gradient(string name, double[] x)
    {
        var args = x.Cast<object>().Concat(x.Select(_ => (object)0.0)).Append(1.0).ToArray();
        Method(name + "Backward").Invoke(null, args);
        return args.Skip(x.Length).Take(x.Length).Select(a => (double)a).ToArray();
    }

    private static double Forward(string name, double[] x, double[] t)
    {
        var args = x.Cast<object>().Concat(t.Cast<object>()).Append(0.0).ToArray();
        Method(name + "Forward").Invoke(null, args);
        return (double)args[^1];
    }

    [Fact]
    public void Energy_ByHand_InEveryMode()
    {
        double x = 1, y = 2, k = 0.5;
        // q = (1.5, 1.5), L = |q| = 1.5√2: ∂x = (x+k)/L + 2x + k, ∂y = (y−k)/L + 2y − k, ∂k = ((x+k) − (y−k))/L + x − y.
        double r = 1 / Math.Sqrt(2);
        var hand = new[] { r + 2.5, r + 3.5, -1.0 };
        var g = Gradient("Energy", new[] { x, y, k });
        for (int i = 0; i < 3; i++) Assert.Equal(hand[i], g[i], 12);
        CentralDifferenceRunner.Check(Method("Energy"), null, new object[] { x, y, k });
        // Along (1, −1, 2): 3.2071 − 4.2071 − 2 = −3.
        Assert.Equal(-3.0, Forward("Energy", new[] { x, y, k }, new[] { 1.0, -1, 2 }), 12);
        // ∂²/∂x² = (y−k)²/L³ + 2, ∂²/∂x∂y = −(x+k)(y−k)/L³, L³ = 3.375·2√2.
        double l3 = Math.Pow(1.5 * Math.Sqrt(2), 3);
        var h = new double[9];
        Method("EnergyH").Invoke(null, new object[] { x, y, k, h });
        Assert.Equal((2.25 / l3) + 2, h[0], 12);
        Assert.Equal(-2.25 / l3, h[1], 12);
        AssertHessianCentral("Energy", new[] { x, y, k }, h);
        // Jacobian mode (one row, through the callee's Backward or its inlined body alike): the same gradient.
        var j = (double[])Method("EnergyJ").Invoke(null, new object[] { x, y, k })!;
        for (int i = 0; i < 3; i++) Assert.Equal(hand[i], j[i], 12);
        Assert.Equal((1.5 * Math.Sqrt(2)) + 4.5, (double)Method("Energy").Invoke(null, new object[] { x, y, k })!, 12);
    }

    [Theory]
    [InlineData(0.8, 1.3, 0.7)]    // X·t = 0.56 ≤ Y
    [InlineData(1.6, 0.4, 1.25)]   // X·t = 2 > Y: the log branch
    [InlineData(-0.9, 0.5, -1.5)]
    public void AStructResult_AMethodCallingAnother_ABranch_ForwardAndHessian(double x, double y, double k)
    {
        // f = 2|k|·|p| + s², s = x·k, or y + ln(1 + xk − y) where xk > y.
        double s = x * k;
        bool logged = s > y;
        double sv = logged ? y + Math.Log(1 + s - y) : s;
        double ds = logged ? 1 / (1 + s - y) : 1;   // ∂sv/∂s
        double n = Math.Sqrt((x * x) + (y * y));
        var hand = new[]
        {
            (2 * Math.Abs(k) * x / n) + (2 * sv * ds * k),
            (2 * Math.Abs(k) * y / n) + (2 * sv * (logged ? 1 - ds : 0)),
            (2 * Math.Sign(k) * n) + (2 * sv * ds * x),
        };
        var point = new[] { x, y, k };
        var g = Gradient("Chain", point);
        for (int i = 0; i < 3; i++) Assert.Equal(hand[i], g[i], 10);
        CentralDifferenceRunner.Check(Method("Chain"), null, point.Cast<object>().ToArray());
        var t = new[] { 0.3, -1.1, 0.6 };
        Assert.Equal(hand.Select((d, i) => d * t[i]).Sum(), Forward("Chain", point, t), 10);
        var h = new double[9];
        Method("ChainH").Invoke(null, new object[] { x, y, k, h });
        AssertHessianCentral("Chain", point, h);
    }

    [Fact]
    public void ATwoResultMethod_ItsJacobian()
    {
        // (|p|, p·(y, 2)) = (√(x²+y²), xy + 2y): J = [[x/n, y/n], [y, x + 2]].
        double x = 0.6, y = -0.8;
        var j = (double[])Method("PairJ").Invoke(null, new object[] { x, y })!;
        var hand = new[] { x, y, y, x + 2 };
        for (int c = 0; c < 4; c++) Assert.Equal(hand[c], j[c], 12);   // n = 1
        PairJacobian.AssertCentral((a, b) => (double[])Method("PairV").Invoke(null, new object[] { a, b })!, x, y, j, "Pair");
    }

    private static void AssertHessianCentral(string name, double[] x, double[] h)
    {
        var central = HessianModeTests.CentralHessian((at, into) => Gradient(name, at).CopyTo(into, 0), x);
        for (int c = 0; c < h.Length; c++) Tolerance.AssertClose(central[c], h[c], 1e-6 * (1 + Math.Abs(central[c])), name + " H[" + (c / x.Length) + ", " + (c % x.Length) + "]");
    }
}
