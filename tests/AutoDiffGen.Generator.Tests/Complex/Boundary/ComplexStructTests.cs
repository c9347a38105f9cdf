using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Generator.Tests.Structs;
using Xunit;
using C = System.Numerics.Complex;

namespace AutoDiffGen.Generator.Tests.Complex.Boundary;

/// <summary>
/// User structs holding Complex members (a settable field, a readonly struct built by its constructor, a record struct):
/// a struct of reals whose components include <c>Z.Real</c> and <c>Z.Imaginary</c>; its adjoint is the same struct,
/// rebuilt whole (<c>dW = new Wave { Amp = new Complex(…), Freq = … }</c>). Checked by central differences over every
/// component and by hand.
/// </summary>
public class ComplexStructTests
{
    public const string Source = """
        using System;
        using System.Numerics;
        using AutoDiffGen;

        namespace ComplexStructs
        {
            public struct Wave { public Complex Amp; public double Freq; }
            public readonly struct Pair
            {
                public Pair(Complex a, Complex b) { A = a; B = b; }
                public Complex A { get; }
                public Complex B { get; }
            }
            public record struct Osc(Complex Z, double K);
            public struct Nested { public Wave W; public Complex C; }

            public static partial class S
            {
                /// |A e^(iFt)|² + Re(A e^(iFt)).
                [Differentiable(Forward = true)]
                public static double Energy(Wave w, double t)
                {
                    var z = w.Amp * Complex.Exp(new Complex(0, w.Freq * t));
                    return (z * Complex.Conjugate(z)).Real + z.Real;
                }

                /// Im(A·B) + |A|.
                [Differentiable]
                public static double Product(Pair p) => (p.A * p.B).Imaginary + p.A.Magnitude;

                /// A record struct built in the body and passed to a [Differentiable] helper returning Complex.
                [Differentiable]
                public static double Chain(Osc o)
                {
                    var s = new Osc(o.Z * o.Z, o.K * 2);
                    return Step(s).Real + Step(o).Imaginary;
                }

                [Differentiable]
                public static Complex Step(Osc o) => o.Z * o.K + Complex.Sin(o.Z);

                /// A struct result holding a Complex: one step of a rotating phasor.
                [Differentiable]
                public static Osc Evolve(Osc o, double dt) => new Osc(o.Z * Complex.Exp(new Complex(0, o.K * dt)), o.K * (1 + dt));

                /// A settable Complex member written in a loop of a local struct, and a call with it.
                [Differentiable]
                public static double Built(double x, double y, int n)
                {
                    var w = new Wave { Amp = new Complex(x, y), Freq = x };
                    for (int i = 0; i < n; i++) w.Amp = w.Amp * w.Amp * 0.5 + Complex.ImaginaryOne * w.Freq;
                    return Energy(w, 0.5);
                }

                /// Nested: a struct holding a struct holding a Complex, and a Complex.
                [Differentiable]
                public static double Deep(Nested s) => (s.W.Amp * s.C).Real + s.W.Freq * s.C.Imaginary;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static Type S => Compiled.Value.GetType("ComplexStructs.S")!;

    private static object Make(string type, params object[] args)
    {
        var t = Compiled.Value.GetType("ComplexStructs." + type)!;
        if (type == "Pair" || type == "Osc") return Activator.CreateInstance(t, args)!;
        object value = Activator.CreateInstance(t)!;
        var fields = t.GetFields();
        for (int i = 0; i < fields.Length; i++) fields[i].SetValue(value, args[i]);
        return value;
    }

    [Theory]
    [InlineData(0.7, -0.4, 1.3, 0.6)]
    [InlineData(-1.2, 0.5, -0.8, 2.0)]
    public void Energy_OfAStructWithAComplexField_MatchesHand(double ar, double ai, double f, double t)
    {
        var g = CentralDifferenceRunner.Check(S.GetMethod("Energy")!, null, new object[] { Make("Wave", new C(ar, ai), f), t });
        // |z|² = |A|², Re z = ar cos θ − ai sin θ with θ = F t.
        double th = f * t, s = Math.Sin(th), c = Math.Cos(th), dTheta = (-ar * s) - (ai * c);
        Tolerance.AssertFormula((2 * ar) + c, g.Gradient[0]![0], "∂/∂Amp.Real");
        Tolerance.AssertFormula((2 * ai) - s, g.Gradient[0]![1], "∂/∂Amp.Imaginary");
        Tolerance.AssertFormula(t * dTheta, g.Gradient[0]![2], "∂/∂Freq");
        Tolerance.AssertFormula(f * dTheta, g.Gradient[1]![0], "∂/∂t");
    }

    [Fact]
    public void Energy_Forward_IsTheGradientAlongTheTangent()
    {
        var w = Make("Wave", new C(0.7, -0.4), 1.3);
        var g = CentralDifferenceRunner.Check(S.GetMethod("Energy")!, null, new object[] { w, 0.6 });
        var tangent = Make("Wave", new C(0.3, -1.1), 0.25);
        var args = new object?[] { w, 0.6, tangent, 0.5, null };
        double value = (double)S.GetMethod("EnergyForward")!.Invoke(null, args)!;
        double expected = (g.Gradient[0]![0] * 0.3) + (g.Gradient[0]![1] * -1.1) + (g.Gradient[0]![2] * 0.25) + (g.Gradient[1]![0] * 0.5);
        Tolerance.AssertFormula(g.Value, value, "value");
        Tolerance.AssertFormula(expected, (double)args[4]!, "tangent");
    }

    [Theory]
    [InlineData(0.7, -0.4, 1.3, 0.6)]
    [InlineData(-1.2, 0.5, -0.8, 2.0)]
    public void Product_OfAReadonlyStructOfComplexProperties_MatchesHand(double ar, double ai, double br, double bi)
    {
        var g = CentralDifferenceRunner.Check(S.GetMethod("Product")!, null, new object[] { Make("Pair", new C(ar, ai), new C(br, bi)) });
        double m = Math.Sqrt((ar * ar) + (ai * ai));
        Tolerance.AssertFormula(bi + (ar / m), g.Gradient[0]![0], "∂/∂A.Real");
        Tolerance.AssertFormula(br + (ai / m), g.Gradient[0]![1], "∂/∂A.Imaginary");
        Tolerance.AssertFormula(ai, g.Gradient[0]![2], "∂/∂B.Real");
        Tolerance.AssertFormula(ar, g.Gradient[0]![3], "∂/∂B.Imaginary");
    }

    [Theory]
    [InlineData(0.7, -0.4, 1.3)]
    [InlineData(-1.2, 0.5, -0.8)]
    public void Chain_ThroughARecordStructAndAHelper_MatchesCentralDifferences(double re, double im, double k) =>
        CentralDifferenceRunner.Check(S.GetMethod("Chain")!, null, new object[] { Make("Osc", new C(re, im), k) });

    [Theory]
    [InlineData(0.7, -0.4, 1.3, 0.2)]
    [InlineData(-1.2, 0.5, -0.8, 0.7)]
    public void Evolve_AStructResultHoldingAComplex_MatchesHand(double re, double im, double k, double dt)
    {
        var j = VectorChecks.Check(S.GetMethod("Evolve")!, new object[] { Make("Osc", new C(re, im), k), dt });
        // Z' = Z e^(iθ), θ = K dt: ∂Z'/∂Z is the rotation e^(iθ) (Cauchy–Riemann), ∂Z'/∂K = i dt Z', ∂Z'/∂dt = i K Z'; K' = K(1 + dt).
        double th = k * dt, c = Math.Cos(th), s = Math.Sin(th);
        var z2 = new C(re, im) * C.Exp(new C(0, th));
        var hand = new double[,]
        {
            { c, -s, -dt * z2.Imaginary, -k * z2.Imaginary },
            { s, c, dt * z2.Real, k * z2.Real },
            { 0, 0, 1 + dt, k },
        };
        VectorChecks.AssertHand(hand, j.Reverse, floats: false, "J of Evolve");
    }

    [Theory]
    [InlineData(0.4, -0.3, 0)]
    [InlineData(0.4, -0.3, 2)]
    [InlineData(-0.7, 0.2, 3)]
    public void Built_ASettableComplexMemberWrittenInALoop_MatchesCentralDifferences(double x, double y, int n) =>
        CentralDifferenceRunner.Check(S.GetMethod("Built")!, null, new object[] { x, y, n });

    [Fact]
    public void Built_WithoutTheLoop_MatchesHand()
    {
        // n = 0: Energy(A = x + iy, F = x, t = 0.5) = x² + y² + x cos(x/2) − y sin(x/2).
        double x = 0.4, y = -0.3;
        var g = CentralDifferenceRunner.Check(S.GetMethod("Built")!, null, new object[] { x, y, 0 });
        double th = x / 2;
        Tolerance.AssertFormula((2 * x) + Math.Cos(th) - (x * Math.Sin(th) / 2) - (y * Math.Cos(th) / 2), g.Gradient[0]![0], "∂/∂x");
        Tolerance.AssertFormula((2 * y) - Math.Sin(th), g.Gradient[1]![0], "∂/∂y");
    }

    [Fact]
    public void Deep_NestedStructsHoldingComplex_MatchHand()
    {
        var nested = Compiled.Value.GetType("ComplexStructs.Nested")!;
        object value = Activator.CreateInstance(nested)!;
        nested.GetField("W")!.SetValue(value, Make("Wave", new C(0.7, -0.4), 1.5));
        nested.GetField("C")!.SetValue(value, new C(-0.3, 0.9));
        var g = CentralDifferenceRunner.Check(S.GetMethod("Deep")!, null, new object[] { value });
        // Re(A·C) + F·Im C: components W.Amp.Real, W.Amp.Imaginary, W.Freq, C.Real, C.Imaginary.
        Assert.Equal(new[] { -0.3, -0.9, 0.9, 0.7, 0.4 + 1.5 }, g.Gradient[0]!.Select(v => Math.Round(v, 9)));
    }
}
