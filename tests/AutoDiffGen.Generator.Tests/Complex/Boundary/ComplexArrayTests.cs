using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using C = System.Numerics.Complex;

namespace AutoDiffGen.Generator.Tests.Complex.Boundary;

/// <summary>
/// Complex[] and ReadOnlySpan&lt;Complex&gt; parameters: adjoint <c>Complex[] dZ</c> (<c>Span&lt;Complex&gt;</c>), each element
/// (∂L/∂Re, ∂L/∂Im) and added into, as for a scalar Complex. Checked by central differences over every part of every
/// element (<see cref="CentralDifferenceRunner"/>) and by hand: Σ|z_i|² → 2z; Horner's |p(x)| → p x̄^k/|p| for c_k;
/// a DFT bin's power |S|² → 2S e^(+2πikt/n) for z_t; a callee passed the array adds into the same dZ.
/// </summary>
public class ComplexArrayTests
{
    public const string Source = """
        using System;
        using System.Numerics;
        using AutoDiffGen;

        namespace ComplexArrays
        {
            public static partial class A
            {
                /// Σ |z_i|².
                [Differentiable]
                public static double Energy(Complex[] z)
                {
                    double s = 0;
                    for (int i = 0; i < z.Length; i++) s += (z[i] * Complex.Conjugate(z[i])).Real;
                    return s;
                }

                /// |p(x)| by Horner over complex coefficients, plus Im of the last one (read as c[^1]).
                [Differentiable]
                public static double Horner(Complex[] c, Complex x)
                {
                    Complex p = Complex.Zero;
                    for (int k = c.Length - 1; k >= 0; k--) p = p * x + c[k];
                    return p.Magnitude + c[^1].Imaginary;
                }

                /// The power of bin k of a DFT of a complex signal.
                [Differentiable]
                public static double BinPower(Complex[] z, int k)
                {
                    int n = z.Length;
                    Complex sum = Complex.Zero;
                    for (int t = 0; t < n; t++) sum += z[t] * Complex.Exp(new Complex(0, -2 * Math.PI * k * t / n));
                    return (sum * Complex.Conjugate(sum)).Real;
                }

                /// A span parameter, with a real one.
                [Differentiable]
                public static double Dot(ReadOnlySpan<Complex> z, double k) => (z[0] * Complex.Conjugate(z[1]) * k).Imaginary + Complex.Exp(z[1]).Real;

                public static double DotB(Complex[] z, double k, Complex[] dZ, ref double dK, double seed) => DotBackward(z, k, dZ, ref dK, seed);

                /// A quantum toy model: the probability |⟨φ|ψ⟩|² / ⟨ψ|ψ⟩ of measuring a fixed state φ in the state ψ.
                [Differentiable]
                public static double Fidelity(Complex[] psi, [NoDiff] Complex[] phi)
                {
                    Complex overlap = Complex.Zero;
                    double norm = 0;
                    for (int i = 0; i < psi.Length; i++)
                    {
                        overlap += Complex.Conjugate(phi[i]) * psi[i];
                        norm += psi[i].Real * psi[i].Real + psi[i].Imaginary * psi[i].Imaginary;
                    }
                    return (overlap * Complex.Conjugate(overlap)).Real / norm;
                }

                /// Callees passed the array (one takes a span): each adds into the same dZ.
                [Differentiable]
                public static double Caller(Complex[] z, double k) => Spectrum(z) * k + Energy(z) + z[0].Real;

                [Differentiable]
                public static double Spectrum(ReadOnlySpan<Complex> z)
                {
                    double s = 0;
                    for (int i = 0; i < z.Length; i++) s += Complex.Sin(z[i] * (i + 1)).Imaginary;
                    return s;
                }

                /// A Complex result of a Complex[] (a vector-valued method), and a caller of it.
                [Differentiable]
                public static Complex Last(Complex[] z, Complex k) => z[z.Length - 1] * k + 0.5;

                [Differentiable]
                public static double UsesLast(Complex[] z, Complex k) => Last(z, k).Imaginary + Last(z, z[0]).Real;

                /// A checkpointed loop reading the array, with a branch.
                [Differentiable(Checkpoint = true)]
                public static double Iterate(Complex[] c, int n)
                {
                    Complex w = Complex.Zero;
                    for (int t = 0; t < n; t++)
                    {
                        w = w * w * 0.5 + c[t % c.Length];
                        if (w.Magnitude > 2) w = w / w.Magnitude;
                    }
                    return w.Real + 2 * w.Imaginary;
                }
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Method(string name) => Compiled.Value.GetType("ComplexArrays.A")!.GetMethod(name)!;

    private static C[] Signal(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => new C((random.NextDouble() * 2) - 1, (random.NextDouble() * 2) - 1)).ToArray();
    }

    private static void AssertParts(C[] hand, double[] gradient, string what)
    {
        Assert.Equal(2 * hand.Length, gradient.Length);
        for (int i = 0; i < hand.Length; i++)
        {
            Tolerance.AssertFormula(hand[i].Real, gradient[2 * i], what + " ∂/∂Re[" + i + "]");
            Tolerance.AssertFormula(hand[i].Imaginary, gradient[(2 * i) + 1], what + " ∂/∂Im[" + i + "]");
        }
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(5, 4)]
    public void Energy_IsTwiceTheElements(int n, int seed)
    {
        var z = Signal(n, seed);
        var g = CentralDifferenceRunner.Check(Method("Energy"), null, new object[] { z });
        AssertParts(z.Select(v => 2 * v).ToArray(), g.Gradient[0]!, "Σ|z|²");
    }

    [Fact]
    public void Energy_AddsIntoTheAdjoint_AndEmptyIsZero()
    {
        var backward = Method("EnergyBackward");
        var dz = new[] { new C(100, -100), new C(1, 2) };
        var args = new object[] { new[] { new C(3, 4), new C(-1, 0.5) }, dz, 0.5 };
        Assert.Equal(26.25, (double)backward.Invoke(null, args)!, 12);
        Assert.Equal(new[] { new C(103, -96), new C(0, 2.5) }, dz);
        Assert.Equal(0.0, (double)backward.Invoke(null, new object[] { Array.Empty<C>(), Array.Empty<C>(), 1.0 })!);
        var mismatch = Assert.Throws<TargetInvocationException>(() => backward.Invoke(null, new object[] { new C[2], new C[1], 1.0 }));
        Assert.IsType<ArgumentException>(mismatch.InnerException);
    }

    [Theory]
    [InlineData(3, 0.6, -0.3, 5)]
    [InlineData(5, -0.9, 0.7, 6)]
    public void Horner_MatchesHand(int n, double xr, double xi, int seed)
    {
        var c = Signal(n, seed);
        var x = new C(xr, xi);
        var g = CentralDifferenceRunner.Check(Method("Horner"), null, new object[] { c, x });
        var p = C.Zero;
        for (int k = n - 1; k >= 0; k--) p = (p * x) + c[k];
        var hand = Enumerable.Range(0, n).Select(k => p * C.Pow(C.Conjugate(x), k) / p.Magnitude).ToArray();
        hand[n - 1] += C.ImaginaryOne;
        AssertParts(hand, g.Gradient[0]!, "Horner dC");
        // dX: p′(x) = Σ k c_k x^(k−1); ∇|p| over x is p p̄′... as dX = conj(p̄ p′)/|p|.
        var derivative = C.Zero;
        for (int k = 1; k < n; k++) derivative += k * c[k] * C.Pow(x, k - 1);
        var dx = C.Conjugate(C.Conjugate(p) * derivative) / p.Magnitude;
        Tolerance.AssertFormula(dx.Real, g.Gradient[1]![0], "Horner ∂/∂Re x");
        Tolerance.AssertFormula(dx.Imaginary, g.Gradient[1]![1], "Horner ∂/∂Im x");
    }

    [Theory]
    [InlineData(8, 0, 7)]
    [InlineData(8, 3, 8)]
    [InlineData(5, 2, 9)]
    public void BinPower_MatchesHand(int n, int k, int seed)
    {
        var z = Signal(n, seed);
        var g = CentralDifferenceRunner.Check(Method("BinPower"), null, new object[] { z, k });
        var s = C.Zero;
        for (int t = 0; t < n; t++) s += z[t] * C.Exp(new C(0, -2 * Math.PI * k * t / n));
        AssertParts(Enumerable.Range(0, n).Select(t => 2 * s * C.Exp(new C(0, 2 * Math.PI * k * t / n))).ToArray(), g.Gradient[0]!, "|S|²");
    }

    [Fact]
    public void Span_MatchesCentralDifferencesAndHand()
    {
        var z = new[] { new C(0.3, -0.8), new C(-0.5, 0.4), new C(2, 2) };
        const double k = 1.7;
        var dz = new C[3];
        double dk = 0;
        var args = new object[] { z, k, dz, dk, 1.0 };
        double value = (double)Method("DotB").Invoke(null, args)!;
        dz = (C[])args[2];
        dk = (double)args[3];
        double F(C[] w, double kk) => (w[0] * C.Conjugate(w[1]) * kk).Imaginary + C.Exp(w[1]).Real;
        Tolerance.AssertFormula(F(z, k), value, "value");
        // By hand: Im(z0 z̄1) k = k (b0 a1 − a0 b1); Re e^(z1) = e^(a1) cos b1.
        var hand = new[]
        {
            new C(-k * z[1].Imaginary, k * z[1].Real),
            new C((k * z[0].Imaginary) + (Math.Exp(z[1].Real) * Math.Cos(z[1].Imaginary)), (-k * z[0].Real) - (Math.Exp(z[1].Real) * Math.Sin(z[1].Imaginary))),
            C.Zero,
        };
        for (int i = 0; i < 3; i++)
        {
            Tolerance.AssertFormula(hand[i].Real, dz[i].Real, "∂/∂Re z" + i);
            Tolerance.AssertFormula(hand[i].Imaginary, dz[i].Imaginary, "∂/∂Im z" + i);
            for (int part = 0; part < 2; part++)
            {
                const double h = 1e-6;
                C Moved(double by) => part == 0 ? new C(z[i].Real + by, z[i].Imaginary) : new C(z[i].Real, z[i].Imaginary + by);
                var up = (C[])z.Clone();
                up[i] = Moved(h);
                var down = (C[])z.Clone();
                down[i] = Moved(-h);
                Tolerance.AssertCentral((F(up, k) - F(down, k)) / (2 * h), part == 0 ? dz[i].Real : dz[i].Imaginary, value, "central z" + i);
            }
        }
        Tolerance.AssertFormula((z[0] * C.Conjugate(z[1])).Imaginary, dk, "∂/∂k");
    }

    [Theory]
    [InlineData(2, 10)]
    [InlineData(4, 11)]
    public void Fidelity_IsScaleInvariant_AndMatchesCentralDifferences(int n, int seed)
    {
        var psi = Signal(n, seed);
        var phi = Signal(n, seed + 100);
        var g = CentralDifferenceRunner.Check(Method("Fidelity"), null, new object[] { psi, phi });
        // F(λψ) = F(ψ) for real λ: the gradient is orthogonal to ψ (Euler), Σ Re ψ̄_i dψ_i = 0.
        double radial = Enumerable.Range(0, n).Sum(i => (psi[i].Real * g.Gradient[0]![2 * i]) + (psi[i].Imaginary * g.Gradient[0]![(2 * i) + 1]));
        Assert.True(Math.Abs(radial) < 1e-12, "radial derivative " + radial);
        Assert.Null(g.Gradient[1]);
    }

    [Fact]
    public void AComplexResult_AddsConjugateDerivativeTimesSeed()
    {
        // Last = z[n−1]·k + 0.5: dZ[n−1] += conj(k)·dResult (conj f′ · seed, Cauchy–Riemann), dK += conj(z[n−1])·dResult.
        var z = new[] { new C(0.3, -0.8), new C(-0.5, 0.4) };
        var k = new C(1.5, -0.25);
        var seed = new C(0.7, -1.1);
        var dz = new[] { new C(1, 1), new C(1, 1) };
        var args = new object[] { z, k, dz, C.Zero, seed };
        var value = (C)Method("LastBackward").Invoke(null, args)!;
        Assert.Equal((z[1] * k) + 0.5, value);
        var expected = new C(1, 1) + (C.Conjugate(k) * seed);
        Tolerance.AssertFormula(expected.Real, dz[1].Real, "dZ[1].Real");
        Tolerance.AssertFormula(expected.Imaginary, dz[1].Imaginary, "dZ[1].Imaginary");
        Assert.Equal(new C(1, 1), dz[0]);
        var dk = C.Conjugate(z[1]) * seed;
        Tolerance.AssertFormula(dk.Real, ((C)args[3]).Real, "dK.Real");
        Tolerance.AssertFormula(dk.Imaginary, ((C)args[3]).Imaginary, "dK.Imaginary");
    }

    [Theory]
    [InlineData(1, 15)]
    [InlineData(3, 16)]
    public void ACallerOfAComplexResult_MatchesCentralDifferences(int n, int seed) =>
        CentralDifferenceRunner.Check(Method("UsesLast"), null, new object[] { Signal(n, seed), new C(0.4, -0.9) });

    [Theory]
    [InlineData(1, 12)]
    [InlineData(4, 13)]
    public void Callees_PassedTheArray_AddIntoTheSameAdjoint(int n, int seed) =>
        CentralDifferenceRunner.Check(Method("Caller"), null, new object[] { Signal(n, seed), 0.7 });

    [Theory]
    [InlineData(3, 0)]
    [InlineData(3, 7)]
    [InlineData(2, 40)]
    public void Checkpointed_MatchesCentralDifferences(int n, int trips) =>
        CentralDifferenceRunner.Check(Method("Iterate"), null, new object[] { Signal(n, 14).Select(c => c * 0.6).ToArray(), trips });
}
