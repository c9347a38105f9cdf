using System.Reflection;
using AutoDiffGen.Generator.Tests.Hessians;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.HeldOut;

/// <summary>
/// Two findings of fuzz16's cross-feature programs (<c>Properties/CrossFeatureProgramTests</c>), on objects that receive a
/// [Differentiable] instance call (<c>ObjectReceivers</c>):
/// 1. A crash: such an object made in a loop (<c>for (…) t += new N(0.5, 2.0).Value(i * x);</c>, or <c>var g = new N(…);</c>
///    in the loop's body) crashed the generator, ADG9999 "no tape for N", in every mode: the reverse sweep needs each
///    iteration's object and there was no tape of objects. Each is now kept on a tape of its class (<c>DiscreteTapes</c>).
/// 2. A false refusal: with <c>Hessian = true</c> any object made by a constructor of the user's was ADG0032 "may give another
///    value each time it is called", even one that only sets its own fields: the implicit <c>object()</c> call every class
///    constructor starts with was taken for a stateful call (<c>StatefulCalls</c>). A constructor that counts its instances in
///    a static field stays ADG0032.
/// Each by hand and by central differences (the Hessian by central differences of MBackward's gradient).
/// </summary>
public class ObjectInLoopTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public sealed partial class N
        {
            private readonly double mean_, sigma_;
            public N(double mean, double sigma) { mean_ = mean; sigma_ = sigma; }
            [Differentiable(Forward = true, Hessian = true)]
            public double Value(double x) { double d = (x - mean_) / sigma_; return Math.Exp(-0.5 * d * d) / sigma_; }
        }

        public static partial class Uses
        {
            [Differentiable(Forward = true)]
            public static double Made(double x) { double t = 0; for (int i = 1; i <= 3; i++) t += new N(0.5, 2.0).Value(i * x); return t; }

            // A different object each iteration: the reverse sweep must call each one's Backward, not the last one's.
            [Differentiable(Forward = true)]
            public static double Local(double x, double y) { double t = 0; for (int i = 1; i <= 3; i++) { var g = new N(0.1 * i, 1.0 + i); t += g.Value(i * x) * y; } return t; }

            [Differentiable(Hessian = true)]
            public static double Curved(double x, double y) => new N(0.5, 2.0).Value(x * y) * y;

            [Differentiable(Hessian = true)]
            public static double CurvedLoop(double x, double y) { double t = 0; for (int i = 1; i <= 3; i++) t += new N(0.1 * i, 1.0 + i).Value(x * y) * i; return t; }

            public static double[] CurvedH(double x, double y) { var h = new double[4]; CurvedHessian(x, y, h); return h; }
            public static double[] CurvedLoopH(double x, double y) { var h = new double[4]; CurvedLoopHessian(x, y, h); return h; }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Method(string name) => Compiled.Value.GetType("Uses")!.GetMethod(name)!;

    /// <summary>φ(z) = e^(−((z − m)/s)²/2)/s and its first two derivatives.</summary>
    private static (double F, double D1, double D2) Phi(double z, double m, double s)
    {
        double f = Math.Exp(-0.5 * ((z - m) / s) * ((z - m) / s)) / s;
        return (f, -(z - m) / (s * s) * f, (((z - m) * (z - m) / (s * s * s * s)) - (1 / (s * s))) * f);
    }

    /// <summary>Σ_{i=1..3} φ(ix) with m = 0.5, s = 2: derivative Σ i·φ'(ix); MForward's tangent the same.</summary>
    [Theory]
    [InlineData(0.3)]
    [InlineData(-1.1)]
    public void AnObjectMadeInTheCall_InALoop(double x)
    {
        var r = CentralDifferenceRunner.Check(Method("Made"), null, new object[] { x });
        double expected = 0;
        for (int i = 1; i <= 3; i++) expected += i * Phi(i * x, 0.5, 2.0).D1;
        Tolerance.AssertFormula(expected, r.Gradient[0]![0], "d/dx Σ φ(ix)");
        var args = new object[] { x, 1.0, 0.0 };
        Method("MadeForward").Invoke(null, args);
        Tolerance.AssertFormula(expected, (double)args[2], "tangent");
    }

    /// <summary>Σ_{i=1..3} y·φ_i(ix) with m = 0.1i, s = 1 + i: ∂/∂x = Σ i·y·φ_i'(ix), ∂/∂y = Σ φ_i(ix).</summary>
    [Theory]
    [InlineData(0.3, 0.7)]
    [InlineData(-1.1, 1.9)]
    public void AnObjectLocalMadeEachIteration_EachIterationsObject(double x, double y)
    {
        var r = CentralDifferenceRunner.Check(Method("Local"), null, new object[] { x, y });
        double dx = 0, dy = 0;
        for (int i = 1; i <= 3; i++)
        {
            var (f, d1, _) = Phi(i * x, 0.1 * i, 1.0 + i);
            dx += i * y * d1;
            dy += f;
        }
        Tolerance.AssertFormula(dx, r.Gradient[0]![0], "∂/∂x");
        Tolerance.AssertFormula(dy, r.Gradient[1]![0], "∂/∂y");
    }

    /// <summary>
    /// f = y·φ(xy), m = 0.5, s = 2: f_xx = y³φ'', f_xy = 2yφ' + xy²φ'', f_yy = 2xφ' + x²yφ'' (by hand), and central
    /// differences of MBackward's gradient.
    /// </summary>
    [Theory]
    [InlineData(0.3, 0.7)]
    [InlineData(-1.1, 1.9)]
    public void InHessianMode_AnObjectThatOnlySetsItsFields_IsNoStatefulCall(double x, double y)
    {
        var h = (double[])Method("CurvedH").Invoke(null, new object[] { x, y })!;
        var (_, d1, d2) = Phi(x * y, 0.5, 2.0);
        double xx = y * y * y * d2, xy = (2 * y * d1) + (x * y * y * d2), yy = (2 * x * d1) + (x * x * y * d2);
        var byHand = new[] { xx, xy, xy, yy };
        for (int i = 0; i < 4; i++) Tolerance.AssertFormula(byHand[i], h[i], "H[" + i + "] by hand");
        AssertCentral("Curved", h, x, y);
        AssertCentral("CurvedLoop", (double[])Method("CurvedLoopH").Invoke(null, new object[] { x, y })!, x, y);
    }

    private static void AssertCentral(string name, double[] h, double x, double y)
    {
        var backward = Method(name + "Backward");
        var central = HessianModeTests.CentralHessian((p, into) =>
        {
            var args = new object[] { p[0], p[1], 0.0, 0.0, 1.0 };
            backward.Invoke(null, args);
            into[0] = (double)args[2];
            into[1] = (double)args[3];
        }, new[] { x, y });
        for (int i = 0; i < 4; i++) Tolerance.AssertClose(central[i], h[i], 1e-6 * (1 + Math.Abs(central[i])), name + ": H[" + i + "] against central differences of the gradient");
    }

    /// <summary>A constructor that counts its instances in a static field still makes the object a stateful call: ADG0032 at it.</summary>
    [Fact]
    public void InHessianMode_AConstructorCountingItsInstances_StaysADG0032()
    {
        const string counting = """
            using System;
            using AutoDiffGen;

            public sealed partial class Counted
            {
                private static int made;
                private readonly double k_;
                public Counted() { made++; k_ = made; }
                [Differentiable(Hessian = true)] public double Value(double x) => k_ * x * x;
            }

            public static partial class Uses
            {
                [Differentiable(Hessian = true)]
                public static double F(double x) => new Counted().Value(x);
            }
            """;
        ProgramBatch.AssertSingleErrorAt(counting, "ADG0032", "new Counted()", "may give another value each time it is called", "FHessian");
    }
}
