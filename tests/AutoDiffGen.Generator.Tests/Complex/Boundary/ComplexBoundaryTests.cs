using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Generator.Tests.Structs;
using Xunit;
using C = System.Numerics.Complex;

namespace AutoDiffGen.Generator.Tests.Complex.Boundary;

/// <summary>
/// Complex parameters and results (issue 13 item 4, <see cref="ComplexBoundaryExamples"/>). The convention: a Complex
/// parameter's adjoint <c>dZ</c> receives (∂L/∂Re z) + i(∂L/∂Im z), the real gradient (2∂L/∂z̄; JAX returns its
/// conjugate). Central differences move Re z and Im z one at a time; hand values where they are short, and every
/// holomorphic f by Cauchy–Riemann: the Jacobian of (Re f, Im f) over (Re z, Im z) is [[Re f′, −Im f′], [Im f′, Re f′]].
/// </summary>
public class ComplexBoundaryTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(ComplexBoundaryExamples.Source));

    private static Type Zb => Compiled.Value.GetType("ComplexBoundary.Zb")!;

    private static MethodInfo Method(string name) => Zb.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;

    public static IEnumerable<object[]> Points() => new[]
    {
        new object[] { 0.7, 0.4 },
        new object[] { -1.3, 0.9 },
        new object[] { 0.5, -2.1 },
        new object[] { -0.8, -0.6 },
    };

    public static IEnumerable<object[]> FunctionsAtPoints() =>
        ComplexBoundaryExamples.Functions.SelectMany(f => Points().Select(p => new object[] { f, p[0], p[1] }));

    [Theory]
    [MemberData(nameof(Points))]
    public void Abs2_OfAComplexParameter_IsTwiceItsParts(double x, double y)
    {
        var g = CentralDifferenceRunner.Check(Method("Abs2"), null, new object[] { new C(x, y) });
        Tolerance.AssertFormula(2 * x, g.Gradient[0]![0], "∂|z|²/∂Re z");
        Tolerance.AssertFormula(2 * y, g.Gradient[0]![1], "∂|z|²/∂Im z");
    }

    [Fact]
    public void Convention_TheAdjointIsTheRealGradient_AddedInto()
    {
        // |z|² at 3 + 4i: dZ = 6 + 8i (JAX's grad would give 6 − 8i, the Wirtinger ∂L/∂z 3 − 4i), added to what dZ held.
        var backward = Method("Abs2Backward");
        var args = new object[] { new C(3, 4), new C(100, -100), 1.0 };
        double value = (double)backward.Invoke(null, args)!;
        Assert.Equal(25, value, 12);
        Assert.Equal(new C(106, -92), (C)args[1]);
        args = new object[] { new C(3, 4), C.Zero, 0.5 };
        backward.Invoke(null, args);
        Assert.Equal(new C(3, 4), (C)args[1]);
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void MagnitudeAbsPhase_OfAComplexParameter_MatchHand(double x, double y)
    {
        double r = Math.Sqrt((x * x) + (y * y));
        foreach (var name in new[] { "Magnitude", "Abs" })
        {
            var g = CentralDifferenceRunner.Check(Method(name), null, new object[] { new C(x, y) });
            Tolerance.AssertFormula(x / r, g.Gradient[0]![0], name + " ∂/∂Re z");
            Tolerance.AssertFormula(y / r, g.Gradient[0]![1], name + " ∂/∂Im z");
        }
        var p = CentralDifferenceRunner.Check(Method("Phase"), null, new object[] { new C(x, y) });
        Tolerance.AssertFormula(-y / (r * r), p.Gradient[0]![0], "arg ∂/∂Re z");
        Tolerance.AssertFormula(x / (r * r), p.Gradient[0]![1], "arg ∂/∂Im z");
    }

    [Theory]
    [InlineData(0.7, 0.4, 2.0)]
    [InlineData(-1.5, 3.0, -0.5)]
    public void RealAndImaginaryReads_MatchHand(double x, double y, double k)
    {
        var g = CentralDifferenceRunner.Check(Method("Parts"), null, new object[] { new C(x, y), k });
        Tolerance.AssertFormula(k, g.Gradient[0]![0], "∂/∂Re z");
        Tolerance.AssertFormula(2 * k * y, g.Gradient[0]![1], "∂/∂Im z");
        Tolerance.AssertFormula(x + (y * y), g.Gradient[1]![0], "∂/∂k");
    }

    [Theory]
    [MemberData(nameof(FunctionsAtPoints))]
    public void ComplexResults_FollowCauchyRiemann_InReverseForwardAndCentralDifferences(string f, double x, double y)
    {
        var z = new C(x, y);
        var d = ComplexBoundaryExamples.Derivative(f, z);
        var j = VectorChecks.Check(Method("F" + f), new object[] { z });
        Assert.NotNull(j.Forward);
        VectorChecks.AssertHand(new double[,] { { d.Real, -d.Imaginary }, { d.Imaginary, d.Real } }, j.Reverse, floats: false, "J of " + f);
    }

    [Theory]
    [InlineData("FPow3")]
    [InlineData("FCube")]
    public void WholePowers_HaveTheirGradientAtZero(string name)
    {
        // z³ as products: 0 at z = 0 (the polar form would give NaN there: arg 0 has no derivative).
        var backward = Method(name + "Backward");
        var args = new object[] { C.Zero, C.Zero, new C(1, 1) };
        var value = (C)backward.Invoke(null, args)!;
        Assert.Equal(C.Zero, value);
        Assert.Equal(C.Zero, (C)args[1]);
    }

    [Fact]
    public void PowWithADoubleExponent_MatchesTheBclValue()
    {
        foreach (var z in new[] { new C(0.7, 0.4), new C(-2, 0.5), new C(-2, -0.5) })
        {
            var value = (C)Method("FPowHalfBackward").Invoke(null, new object[] { z, C.Zero, C.One })!;
            var bcl = C.Pow(z, 0.5);
            Assert.True(C.Abs(value - bcl) < 1e-14 * (1 + C.Abs(bcl)), value + " vs " + bcl);
            var complexPower = (C)Method("FPowComplexBackward").Invoke(null, new object[] { z, C.Zero, C.One })!;
            var bclComplex = C.Pow(z, new C(1.5, -0.25));
            Assert.True(C.Abs(complexPower - bclComplex) < 1e-13 * (1 + C.Abs(bclComplex)), complexPower + " vs " + bclComplex);
        }
    }

    [Theory]
    [InlineData(1.2, -0.4)]
    [InlineData(0.3, 2.5)]
    public void SquareResult_JacobianMatchesHand_AndMJacobian(double x, double y)
    {
        var point = new object[] { new C(x, y) };
        var j = VectorChecks.Check(Method("Square"), point);
        // z² = (x² − y², 2xy).
        VectorChecks.AssertHand(new double[,] { { 2 * x, -2 * y }, { 2 * y, 2 * x } }, j.Reverse, floats: false, "J of z²");
        AssertJacobianMethod("Square", point, j.Numeric);
    }

    [Theory]
    [InlineData(1.5, 0.4)]
    [InlineData(0.8, -2.0)]
    public void PolarResult_OfRealParameters(double r, double theta)
    {
        var point = new object[] { r, theta };
        var j = VectorChecks.Check(Method("Polar"), point);
        VectorChecks.AssertHand(new double[,] { { Math.Cos(theta), -r * Math.Sin(theta) }, { Math.Sin(theta), r * Math.Cos(theta) } }, j.Reverse, floats: false, "J of polar");
        AssertJacobianMethod("Polar", point, j.Numeric);
    }

    [Theory]
    [InlineData(0.3, 0.2, -0.4, 0.1)]
    [InlineData(-0.6, 0.5, 0.2, 0.3)]
    public void TwoComplexParameters_ComplexResult(double x, double y, double ax, double ay)
    {
        var point = new object[] { new C(x, y), new C(ax, ay) };
        var j = VectorChecks.Check(Method("Disc"), point);
        // Holomorphic in z: columns (Re z, Im z) by Cauchy–Riemann with f′ = (1 − |a|²)/(1 − conj(a) z)².
        var a = new C(ax, ay);
        var d = (1 - (a * C.Conjugate(a))) / ((1 - (C.Conjugate(a) * new C(x, y))) * (1 - (C.Conjugate(a) * new C(x, y))));
        VectorChecks.AssertHand(new double[,] { { d.Real, -d.Imaginary }, { d.Imaginary, d.Real } }, Columns(j.Reverse, 0, 2), floats: false, "J of the disc map in z");
        AssertJacobianMethod("Disc", point, j.Numeric);
    }

    [Theory]
    [InlineData(0.7, 0.4, 1.3)]
    [InlineData(-0.9, -0.2, 0.6)]
    public void HelpersTakingAndReturningComplex_MatchCentralDifferences(double x, double y, double k) =>
        CentralDifferenceRunner.Check(Method("UsesHelpers"), null, new object[] { new C(x, y), k });

    [Theory]
    [InlineData(0.7, 0.4, -0.3, 0.9, 1.5)]
    [InlineData(1.4, -0.8, 0.5, 0.2, -0.7)]
    public void ForwardModeWithComplexTangents_MatchesReverse(double x, double y, double u, double v, double k)
    {
        var point = new object[] { new C(x, y), new C(u, v), k };
        var r = CentralDifferenceRunner.Check(Method("Forwarded"), null, point);
        var forward = Method("ForwardedForward");
        // Tangent (1, 0) along Re z, then (0, 1) along Im w: the directional derivatives are the gradient's components.
        var args = new object[] { point[0], point[1], point[2], C.One, C.Zero, 0.0, 0.0 };
        forward.Invoke(null, args);
        Tolerance.AssertClose(r.Gradient[0]![0], (double)args[6], 1e-12 * (1 + Math.Abs((double)args[6])), "tangent along Re z");
        args = new object[] { point[0], point[1], point[2], C.Zero, C.ImaginaryOne, 0.0, 0.0 };
        forward.Invoke(null, args);
        Tolerance.AssertClose(r.Gradient[1]![1], (double)args[6], 1e-12 * (1 + Math.Abs((double)args[6])), "tangent along Im w");
    }

    [Theory]
    [InlineData(0.7, 0.4, -0.3, 0.9, 1.5)]
    [InlineData(1.4, -0.8, 0.5, 0.2, -0.7)]
    public void EveryOperatorAndConstant_MatchesCentralDifferences(double x, double y, double u, double v, double s) =>
        CentralDifferenceRunner.Check(Method("Operators"), null, new object[] { new C(x, y), new C(u, v), s });

    [Theory]
    [InlineData(0.7, 0.4)]
    [InlineData(-1.1, 0.25)]
    public void PolynomialLoss_MatchesHand(double x, double y)
    {
        double[] re = { 1, -2, 0.5, 0.25 }, im = { 0.5, 0, -1, 0.3 };
        var z = new C(x, y);
        var g = CentralDifferenceRunner.Check(Method("PolynomialLoss"), null, new object[] { z, re, im });
        // L = |p|², holomorphic p: ∇L = 2 conj(p′)·p read as (Re, Im), i.e. 2 p · conj(p′).
        C p = C.Zero, dp = C.Zero;
        for (int k = re.Length - 1; k >= 0; k--)
        {
            dp = (dp * z) + p;
            p = (p * z) + new C(re[k], im[k]);
        }
        var grad = 2 * p * C.Conjugate(dp);
        Tolerance.AssertFormula(grad.Real, g.Gradient[0]![0], "∂|p|²/∂Re z");
        Tolerance.AssertFormula(grad.Imaginary, g.Gradient[0]![1], "∂|p|²/∂Im z");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void DftPower_MatchesHand(int k)
    {
        double[] x = { 0.5, -1.2, 2.0, 0.3, -0.7, 1.1, 0.9 };
        int n = x.Length;
        var g = CentralDifferenceRunner.Check(Method("DftPower"), null, new object[] { x, k });
        // |X_k|², X_k = Σ x_t e^(−2πikt/N): ∂/∂x_t = 2 Re(conj(X_k) e^(−2πikt/N)).
        C big = C.Zero;
        for (int t = 0; t < n; t++) big += x[t] * C.Exp(new C(0, -2 * Math.PI * k * t / n));
        for (int t = 0; t < n; t++)
        {
            Tolerance.AssertFormula(2 * (C.Conjugate(big) * C.Exp(new C(0, -2 * Math.PI * k * t / n))).Real, g.Gradient[0]![t], "∂|X_k|²/∂x_" + t);
        }
        var c = CentralDifferenceRunner.Check(Method("DftPowerComplex"), null, new object[] { x, x.Select(v => 0.5 - v).ToArray(), k });
        Assert.Equal(n, c.Gradient[1]!.Length);
    }

    [Theory]
    [InlineData(2.0, 0.3, 1.5, 0.9)]
    [InlineData(0.7, 0.05, 1.0, 1.1)]
    public void TransferMagnitude_MatchesHand(double gain, double zeta, double w0, double omega)
    {
        var g = CentralDifferenceRunner.Check(Method("TransferMagnitude"), null, new object[] { gain, zeta, w0, omega });
        double q = Math.Pow((w0 * w0) - (omega * omega), 2) + (4 * zeta * zeta * w0 * w0 * omega * omega);
        double h = gain * w0 * w0 / Math.Sqrt(q);
        Tolerance.AssertFormula(h, g.Value, "|H(iω)|");
        Tolerance.AssertFormula(h / gain, g.Gradient[0]![0], "∂|H|/∂gain");
        Tolerance.AssertFormula(-h * 4 * zeta * w0 * w0 * omega * omega / q, g.Gradient[1]![0], "∂|H|/∂ζ");
    }

    [Theory]
    [InlineData(-0.3, 1.2, 0.8)]
    [InlineData(-1.0, 0.4, 2.0)]
    public void TransferOfAComplexPole_MatchesCentralDifferences(double re, double im, double omega) =>
        CentralDifferenceRunner.Check(Method("TransferOfComplex"), null, new object[] { new C(re, im), omega });

    [Theory]
    [InlineData(-0.4, 0.3, 0)]
    [InlineData(-0.4, 0.3, 6)]
    [InlineData(0.3, 0.5, 12)]
    public void ComplexParameterThroughALoopAndABranch_MatchesCentralDifferences(double x, double y, int n) =>
        CentralDifferenceRunner.Check(Method("Iterate"), null, new object[] { new C(x, y), n });

    [Theory]
    [InlineData(0.7, 0.4)]
    [InlineData(-1.2, 0.9)]
    public void NoDiffComplexArrayOfCoefficients_MatchesHand(double x, double y)
    {
        var c = new[] { new C(1, 0.5), new C(-2, 0), new C(0.5, -1), new C(0.25, 0.3) };
        var z = new C(x, y);
        var g = CentralDifferenceRunner.Check(Method("ConstantCoefficients"), null, new object[] { z, c });
        // |p|, holomorphic p: ∇|p| = p · conj(p′) / |p| read as (Re, Im).
        C p = C.Zero, dp = C.Zero;
        for (int k = c.Length - 1; k >= 0; k--)
        {
            dp = (dp * z) + p;
            p = (p * z) + c[k];
        }
        var grad = p * C.Conjugate(dp) / C.Abs(p);
        Tolerance.AssertFormula(grad.Real, g.Gradient[0]![0], "∂|p|/∂Re z");
        Tolerance.AssertFormula(grad.Imaginary, g.Gradient[0]![1], "∂|p|/∂Im z");
    }

    [Theory]
    [InlineData(0.7, 0.4, 0)]
    [InlineData(0.7, 0.4, 9)]
    [InlineData(-0.3, 1.1, 40)]
    public void CheckpointedLoopOverAComplexParameter_MatchesCentralDifferences(double x, double y, int n) =>
        CentralDifferenceRunner.Check(Method("Checkpointed"), null, new object[] { new C(x, y), n });

    [Fact]
    public void NoDiffComplexParameter_IsAConstant_AndAFloatResult()
    {
        var k = new C(0.3, -1.7);
        var g = CentralDifferenceRunner.Check(Method("ScaledBy"), null, new object[] { 2.0, k });
        Assert.Null(g.Gradient[1]);
        Tolerance.AssertFormula(k.Imaginary + k.Real, g.Gradient[0]![0], "∂/∂x");
        Assert.Equal(new[] { "x", "k", "dX", "dResult" }, Method("ScaledByBackward").GetParameters().Select(p => p.Name));
        // Re z² = x² − y² in float: (2x, −2y).
        var f = CentralDifferenceRunner.Check(Method("AsFloat"), null, new object[] { new C(0.75, -0.5) });
        Tolerance.AssertClose(1.5, f.Gradient[0]![0], 1e-5, "∂/∂Re z");
        Tolerance.AssertClose(1.0, f.Gradient[0]![1], 1e-5, "∂/∂Im z");
    }

    private static double[,] Columns(double[,] j, int start, int count)
    {
        var part = new double[j.GetLength(0), count];
        for (int r = 0; r < j.GetLength(0); r++)
        {
            for (int c = 0; c < count; c++) part[r, c] = j[r, start + c];
        }
        return part;
    }

    private static void AssertJacobianMethod(string name, object[] point, double[,] numeric)
    {
        var j = (double[])Method(name + "J").Invoke(null, point)!;
        int m = numeric.GetLength(0), n = numeric.GetLength(1);
        Assert.Equal(m * n, j.Length);
        for (int row = 0; row < m; row++)
        {
            for (int col = 0; col < n; col++) Tolerance.AssertClose(numeric[row, col], j[(row * n) + col], 1e-6 * (1 + Math.Abs(numeric[row, col])), name + " MJacobian[" + row + ", " + col + "]");
        }
    }
}
