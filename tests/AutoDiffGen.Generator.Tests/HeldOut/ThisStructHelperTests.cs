using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.HeldOut;

/// <summary>
/// Held-out check 4 (hunt16, OpenTK): <c>BezierCurveCubic.CalculateLength(float precision)</c> sums
/// <c>(CalculatePoint(i) - old).Length</c>, where <c>Vector2 CalculatePoint(float t)</c> is a plain instance helper of the
/// same struct returning a struct of reals. A this-helper returning a real was inlined; one returning a struct was ADG0003
/// "a call that returns the struct", though the same body called on a struct value (<c>new BezierCurveCubic(…)
/// .CalculateLength(h)</c> from a user's method) already generated. It is now inlined the same way: its parameters (reals,
/// structs of reals) bound to the arguments, its result read member by member. A minimal segment of our own, not OpenTK's text.
/// </summary>
public class ThisStructHelperTests
{
    private const string Types = """
        using System;
        using AutoDiffGen;

        public struct P2
        {
            public double X, Y;
            public P2(double x, double y) { X = x; Y = y; }
            public readonly double Length => Math.Sqrt(X * X + Y * Y);
            public static P2 operator -(P2 a, P2 b) { a.X -= b.X; a.Y -= b.Y; return a; }
        }

        """;

    private const string Supported = Types + """
        public partial struct Seg
        {
            public double Ax, Ay, Bx, By;
            public Seg(double ax, double ay, double bx, double by) { Ax = ax; Ay = ay; Bx = bx; By = by; }
            public P2 At(double t) => new P2(Ax + t * (Bx - Ax), Ay + t * (By - Ay));
            private P2 Scale(P2 p, double k) => new P2(p.X * k, p.Y * k);
            private P2 Squared(double t)
            {
                if (t == 0) return At(0);
                var p = At(t * t);
                return p;
            }

            [Differentiable(Forward = true)] public double Dist(double t) => At(t).Length;
            [Differentiable] public double Rel(double t) => (At(t) - At(0)).Length;
            [Differentiable(Hessian = true)] public double Product(double t, double u) => At(t * u).Length;
            [Differentiable] public double Scaled(double t, double k) => Scale(At(t), k).X;
            [Differentiable] public double Nested(double t) => Squared(t).Y;
            [Differentiable] public double Polyline(double h)
            {
                double s = 0;
                var old = At(0);
                for (int i = 1; i <= 3; i++)
                {
                    var n = At(i * h);
                    s += (n - old).Length;
                    old = n;
                }
                return s;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Supported));

    // The segment from A = (1, 2) to B = (4, 6): B − A = (3, 4), of length 5; At(t) = (1 + 3t, 2 + 4t).
    private static object Segment(Type type) => Activator.CreateInstance(type, 1.0, 2.0, 4.0, 6.0)!;

    private static double[] Gradient(string method, params object[] point)
    {
        var type = Compiled.Value.GetType("Seg")!;
        return CentralDifferenceRunner.Check(type.GetMethod(method)!, Segment(type), point).Gradient.Select(g => g![0]).ToArray();
    }

    /// <summary>|At(t)| = √((1+3t)² + (2+4t)²): derivative (3(1+3t) + 4(2+4t)) / |At(t)|; the Forward's tangent is the same.</summary>
    [Theory]
    [InlineData(0.3)]
    [InlineData(-1.7)]
    public void ItsLength(double t)
    {
        double x = 1 + 3 * t, y = 2 + 4 * t, expected = (3 * x + 4 * y) / Math.Sqrt(x * x + y * y);
        Tolerance.AssertFormula(expected, Gradient("Dist", t)[0], "d|At(t)|/dt");
        var type = Compiled.Value.GetType("Seg")!;
        var args = new object[] { t, 1.0, 0.0 };
        type.GetMethod("DistForward")!.Invoke(Segment(type), args);
        Tolerance.AssertFormula(expected, (double)args[2], "tangent");
    }

    /// <summary>|At(t) − At(0)| = |t·(3, 4)| = 5|t| through the struct's own operator −: derivative 5·sign(t).</summary>
    [Theory]
    [InlineData(0.4)]
    [InlineData(-0.9)]
    public void ThroughTheStructsOperator(double t) => Tolerance.AssertFormula(5 * Math.Sign(t), Gradient("Rel", t)[0], "d(5|t|)/dt");

    /// <summary>Scale(At(t), k).X = k(1 + 3t), a this-helper taking a struct: ∂/∂t = 3k, ∂/∂k = 1 + 3t.</summary>
    [Theory]
    [InlineData(0.5, 2.0)]
    [InlineData(-1.2, 0.3)]
    public void AHelperTakingTheStruct(double t, double k)
    {
        var g = Gradient("Scaled", t, k);
        Tolerance.AssertFormula(3 * k, g[0], "∂/∂t");
        Tolerance.AssertFormula(1 + 3 * t, g[1], "∂/∂k");
    }

    /// <summary>Squared(t).Y = At(t²).Y = 2 + 4t² (a block body with an early return, calling At): derivative 8t.</summary>
    [Theory]
    [InlineData(0.6)]
    [InlineData(-1.4)]
    public void NestedInABlockBody(double t) => Tolerance.AssertFormula(8 * t, Gradient("Nested", t)[0], "d(2 + 4t²)/dt");

    /// <summary>Three chords of the segment, At(ih) − At((i−1)h) = h·(3, 4), in a loop as OpenTK sums a curve: 15|h|, derivative 15·sign(h).</summary>
    [Theory]
    [InlineData(0.2)]
    [InlineData(-0.35)]
    public void InALoop_AsABezierLengthIs(double h) => Tolerance.AssertFormula(15 * Math.Sign(h), Gradient("Polyline", h)[0], "d(15|h|)/dt");

    /// <summary>
    /// |At(tu)| = g(s) at s = tu, g(s) = √(25s² + 22s + 5): g′ = (25s + 11)/g, g″ = (25g² − (25s + 11)²)/g³ = 4/g³. The Hessian is
    /// [[u²g″, g′ + tu·g″], [g′ + tu·g″, t²g″]]; the gradient (ug′, tg′) is checked against central differences too.
    /// </summary>
    [Theory]
    [InlineData(0.5, 1.5)]
    [InlineData(-0.8, 0.6)]
    public void ItsHessian(double t, double u)
    {
        double s = t * u, g = Math.Sqrt(25 * s * s + 22 * s + 5), g1 = (25 * s + 11) / g, g2 = 4 / (g * g * g);
        var gradient = Gradient("Product", t, u);
        Tolerance.AssertFormula(u * g1, gradient[0], "∂/∂t");
        Tolerance.AssertFormula(t * g1, gradient[1], "∂/∂u");
        var type = Compiled.Value.GetType("Seg")!;
        var hessian = new double[4];
        var hessianMethod = type.GetMethod("ProductHessian")!;
        // Span<double> cannot be boxed: call through a delegate bound to the struct's box.
        var call = (Func<double, double, Span<double>, double>)Delegate.CreateDelegate(typeof(Func<double, double, Span<double>, double>), Segment(type), hessianMethod);
        call(t, u, hessian);
        Tolerance.AssertFormula(u * u * g2, hessian[0], "∂²/∂t²");
        Tolerance.AssertFormula(g1 + s * g2, hessian[1], "∂²/∂t∂u");
        Tolerance.AssertFormula(g1 + s * g2, hessian[2], "∂²/∂u∂t");
        Tolerance.AssertFormula(t * t * g2, hessian[3], "∂²/∂u²");
    }

    [Theory]
    // A helper that calls itself: its depth is not known when the code is generated.
    [InlineData("public P2 Rec(double t, int n) => n == 0 ? new P2(t, t) : Rec(2 * t, n - 1);\n[Differentiable] public double F(double x) => Rec(x, 2).X;", "Rec(2 * t, n - 1)", "calls itself")]
    // A virtual helper of a class may be overridden: its body is not the one that runs, so it is not inlined.
    [InlineData("public virtual P2 At(double t) => new P2(t, 2 * t);\n[Differentiable] public double F(double x) => At(x).Y;", "At(x)", "A call that returns the struct")]
    public void OutsideTheSupport_IsADG0003(string members, string at, string says)
    {
        ProgramBatch.AssertSingleErrorAt(Types + "public partial class C\n{\n" + members + "\n}\n", "ADG0003", at, says);
    }
}
