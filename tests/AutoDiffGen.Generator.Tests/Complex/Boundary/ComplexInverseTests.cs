using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using C = System.Numerics.Complex;

namespace AutoDiffGen.Generator.Tests.Complex.Boundary;

/// <summary>
/// Complex.Asin, Acos and Atan (FAsin, FAcos, FAtan in <see cref="ComplexBoundaryExamples"/>; their Cauchy–Riemann and
/// central-difference checks off the cuts are in <see cref="ComplexBoundaryTests"/>). Here: the generated value is the
/// BCL's (also on the cuts, where the BCL returns one side's value for both signs of a zero part); on a cut the gradient
/// is that side's, checked by one-sided differences from it and by hand; at a branch point (±1, ±i), where f′ is
/// infinite, the gradient is not finite (never a finite wrong number).
/// </summary>
public class ComplexInverseTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(ComplexBoundaryExamples.Source));

    private static MethodInfo Method(string name) => Compiled.Value.GetType("ComplexBoundary.Zb")!.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;

    private static C Bcl(string f, C z) => f switch
    {
        "Asin" => C.Asin(z),
        "Acos" => C.Acos(z),
        _ => C.Atan(z),
    };

    /// <summary>The generated value and (∇ Re f, ∇ Im f) at z, each gradient as (∂/∂Re z, ∂/∂Im z).</summary>
    private static (C Value, C GradRe, C GradIm) Backward(string f, C z)
    {
        var backward = Method("F" + f + "Backward");
        return Run(backward, z);
    }

    private static (C Value, C GradRe, C GradIm) Run(MethodInfo backward, C z)
    {
        var re = new object[] { z, C.Zero, C.One };
        var value = (C)backward.Invoke(null, re)!;
        var im = new object[] { z, C.Zero, C.ImaginaryOne };
        backward.Invoke(null, im);
        return (value, (C)re[1], (C)im[1]);
    }

    public static IEnumerable<object[]> ValuePoints()
    {
        var random = new Random(4013);
        var points = new List<C>
        {
            // The cuts, both signs of the zero part, and the segment between the branch points.
            new(2, 0), new(2, -0.0), new(-3, 0), new(-3, -0.0), new(0.5, 0), new(-0.5, -0.0), new(0, 2), new(-0.0, 2), new(0, -3), new(-0.0, -3), new(0, 0.5),
            new(1e-9, -2e-9), new(40, -70), new(-1e5, 3), new(0.99, 1e-8),
        };
        for (int k = 0; k < 40; k++) points.Add(new C((random.NextDouble() * 6) - 3, (random.NextDouble() * 6) - 3));
        foreach (var f in new[] { "Asin", "Acos", "Atan" })
        {
            // The signs of zero parts apart: xUnit takes −0.0 and 0.0 for the same datum.
            foreach (var z in points) yield return new object[] { f, z.Real, z.Imaginary, IsNegativeZero(z.Real), IsNegativeZero(z.Imaginary) };
        }
    }

    [Theory]
    [MemberData(nameof(ValuePoints))]
    public void Value_IsTheBcls_AlsoOnTheCuts(string f, double x, double y, bool negativeZeroX, bool negativeZeroY)
    {
        x = negativeZeroX ? -0.0 : x;
        y = negativeZeroY ? -0.0 : y;
        var z = new C(x, y);
        var expected = Bcl(f, z);
        var (value, _, _) = Backward(f, z);
        double scale = 1 + expected.Magnitude;
        Tolerance.AssertClose(expected.Real, value.Real, 1e-13 * scale, f + "(" + x + ", " + y + ").Real");
        Tolerance.AssertClose(expected.Imaginary, value.Imaginary, 1e-13 * scale, f + "(" + x + ", " + y + ").Imaginary");
    }

    [Theory]
    // Asin on the real cut: the BCL returns the value of the side Im z > 0 for +0 and −0 alike.
    [InlineData("Asin", 2.0, false, 1)]
    [InlineData("Asin", 2.0, true, 1)]
    [InlineData("Asin", -3.0, false, 1)]
    [InlineData("Asin", -3.0, true, 1)]
    // Acos: the side Im z < 0 (f′ = −1/√(1 − z²) from below).
    [InlineData("Acos", 2.0, false, -1)]
    [InlineData("Acos", -3.0, true, -1)]
    [InlineData("Acos", 1.5, false, -1)]
    [InlineData("Acos", 1.5, true, -1)]
    public void OnTheRealCut_TheGradientIsTheReturnedSides(string f, double x, bool negativeZero, int side)
    {
        double y = negativeZero ? -0.0 : 0.0;
        var z = new C(x, y);
        var (value, gradRe, gradIm) = Backward(f, z);
        // By hand: Asin from above, 1 − z² = 1 − x² − 2ixε has √ = −i sgn(x) r (r = √(x² − 1)), so f′ = i sgn(x)/r; Acos
        // from below, √(1 − z²) = i sgn(x) r and f′ = −1/√(1 − z²) = i sgn(x)/r too. Then Cauchy–Riemann.
        var d = new C(0, Math.Sign(x) / Math.Sqrt((x * x) - 1));
        Tolerance.AssertFormula(d.Real, gradRe.Real, f + " ∂Re/∂x");
        Tolerance.AssertFormula(-d.Imaginary, gradRe.Imaginary, f + " ∂Re/∂y");
        Tolerance.AssertFormula(d.Imaginary, gradIm.Real, f + " ∂Im/∂x");
        Tolerance.AssertFormula(d.Real, gradIm.Imaginary, f + " ∂Im/∂y");
        // One-sided differences from the returned side (into it along y, both ways along x on the cut).
        const double h = 1e-7;
        var up = Bcl(f, new C(x, side * h));
        Tolerance.AssertClose((up.Real - value.Real) / (side * h), gradRe.Imaginary, 1e-5, f + " one-sided ∂Re/∂y");
        Tolerance.AssertClose((up.Imaginary - value.Imaginary) / (side * h), gradIm.Imaginary, 1e-5, f + " one-sided ∂Im/∂y");
        var right = Bcl(f, new C(x + h, y));
        var left = Bcl(f, new C(x - h, y));
        Tolerance.AssertClose((right.Imaginary - left.Imaginary) / (2 * h), gradIm.Real, 1e-5, f + " ∂Im/∂x along the cut");
    }

    [Theory]
    // Atan on the imaginary cut: the BCL returns the value of the side Re z > 0 above i and of Re z < 0 below −i;
    // f′ = 1/(1 + z²) = 1/(1 − y²) is real (the same on both sides).
    [InlineData(false, 2.0, 1)]
    [InlineData(true, 2.0, 1)]
    [InlineData(false, -3.0, -1)]
    [InlineData(true, -3.0, -1)]
    public void Atan_OnTheImaginaryCut_TheGradientIsThatOfTheReturnedSide(bool negativeZero, double y, int side)
    {
        double x = negativeZero ? -0.0 : 0.0;
        var z = new C(x, y);
        var (value, gradRe, gradIm) = Backward("Atan", z);
        double d = 1 / (1 - (y * y));
        Tolerance.AssertFormula(d, gradRe.Real, "∂Re/∂x");
        Tolerance.AssertFormula(0, gradRe.Imaginary, "∂Re/∂y");
        Tolerance.AssertFormula(0, gradIm.Real, "∂Im/∂x");
        Tolerance.AssertFormula(d, gradIm.Imaginary, "∂Im/∂y");
        const double h = 1e-7;
        var inside = Bcl("Atan", new C(side * h, y));
        Tolerance.AssertClose((inside.Real - value.Real) / (side * h), gradRe.Real, 1e-5, "one-sided ∂Re/∂x");
        Tolerance.AssertClose((inside.Imaginary - value.Imaginary) / (side * h), gradIm.Real, 1e-5, "one-sided ∂Im/∂x");
    }

    [Theory]
    [InlineData("Asin", 1.0, 0.0)]
    [InlineData("Asin", -1.0, 0.0)]
    [InlineData("Acos", 1.0, 0.0)]
    [InlineData("Acos", -1.0, 0.0)]
    [InlineData("Atan", 0.0, 1.0)]
    [InlineData("Atan", 0.0, -1.0)]
    public void AtABranchPoint_TheGradientIsNotFinite(string f, double x, double y)
    {
        // f′ is infinite there: the gradient holds NaN or ±∞, never a finite number.
        var (_, gradRe, gradIm) = Backward(f, new C(x, y));
        var parts = new[] { gradRe.Real, gradRe.Imaginary, gradIm.Real, gradIm.Imaginary };
        Assert.True(parts.Any(v => !double.IsFinite(v)), f + "(" + x + ", " + y + "): " + string.Join(", ", parts));
        Assert.DoesNotContain(parts, v => double.IsFinite(v) && v != 0);
    }

    [Fact]
    public void AtZero_MagnitudeIsZero_SqrtAndPhaseAreNotFinite()
    {
        // |z| at 0: Hypot's convention, gradient 0 (as Abs'(0) = 0). √z and arg z have no derivative at 0: their
        // gradients hold NaN or ±∞, never a finite number.
        var args = new object[] { C.Zero, C.Zero, 1.0 };
        Method("MagnitudeBackward").Invoke(null, args);
        Assert.Equal(C.Zero, (C)args[1]);
        var (_, gradRe, gradIm) = Backward("Sqrt", C.Zero);
        Assert.Contains(new[] { gradRe.Real, gradRe.Imaginary, gradIm.Real, gradIm.Imaginary }, v => !double.IsFinite(v));
        args = new object[] { C.Zero, C.Zero, 1.0 };
        Method("PhaseBackward").Invoke(null, args);
        var phase = (C)args[1];
        Assert.True(!double.IsFinite(phase.Real) || !double.IsFinite(phase.Imaginary), "arg at 0: " + phase);
    }

    private static bool IsNegativeZero(double v) => v == 0 && double.IsNegative(v);
}
