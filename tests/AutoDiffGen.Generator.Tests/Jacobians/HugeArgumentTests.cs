using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Generator.Tests.Structs;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Jacobians;

/// <summary>
/// Asinh and Acosh of a huge argument (found by JacobianPropertyTests, seed 4242: Asinh(Pow(5, t0)) with t0 ≈ 254). Their
/// local derivatives 1/√(x² ± 1) overflowed x² beyond 1.3e154 (1.8e19 in float) and became 0, so every mode gave a zero
/// Jacobian where the true one is of order 1 (d asinh(u)/dt = u′/|u| for huge u). Now 1/|x| there, which √(x² ± 1)
/// equals to the last bit. Checked by hand (d/dt asinh(eᵗ) = 1/√(1 + e⁻²ᵗ), d/dt acosh(eᵗ) = 1/√(1 − e⁻²ᵗ)), and every
/// mode against central differences (VectorChecks: MBackward rows, MForward columns, MJacobian).
/// </summary>
public class HugeArgumentTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Huge
        {
            [Differentiable(Forward = true, Jacobian = true)]
            public static (double, double) Both(double t) => (Math.Asinh(Math.Exp(t)), Math.Acosh(Math.Exp(t)));

            [Differentiable(Forward = true, Jacobian = true)]
            public static (float, float) BothF(float t) => (MathF.Asinh(MathF.Exp(t)), MathF.Acosh(MathF.Exp(t)));

            /// <summary>The program the property test found, shrunk: d/dt = ln 5 · 5ᵗ/√(5²ᵗ + 1).</summary>
            [Differentiable(Forward = true, Jacobian = true)]
            public static (double, double) Found(double t, double c) => (3.0 * c, Math.Asinh(Math.Pow(1 + 2.0 * 2.0, t)) * c);
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Method(string name) => Compiled.Value.GetType("Huge")!.GetMethod(name)!;

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    [InlineData(360.0)]
    [InlineData(400.0)]
    [InlineData(700.0)]
    public void AsinhAndAcosh_OfAHugeArgument_HaveTheirDerivative(double t)
    {
        var j = VectorChecks.Check(Method("Both"), new object[] { t });
        Tolerance.AssertFormula(1 / Math.Sqrt(1 + Math.Exp(-2 * t)), j.Reverse[0, 0], "d asinh(e^t)/dt");
        if (t > 0) Tolerance.AssertFormula(1 / Math.Sqrt(1 - Math.Exp(-2 * t)), j.Reverse[1, 0], "d acosh(e^t)/dt");
        Assert.Equal(j.Reverse[0, 0], j.Forward![0, 0], 12);
    }

    [Theory]
    [InlineData(1.0f)]
    [InlineData(30.0f)]
    [InlineData(45.0f)]
    [InlineData(80.0f)]
    public void InFloat_Too(float t)
    {
        var j = VectorChecks.Check(Method("BothF"), new object[] { t });
        double hand = 1 / Math.Sqrt(1 + Math.Exp(-2.0 * t));
        Assert.InRange(j.Reverse[0, 0], hand - 1e-5, hand + 1e-5);
        Assert.InRange(j.Reverse[1, 0], (1 / Math.Sqrt(1 - Math.Exp(-2.0 * t))) - 1e-5, (1 / Math.Sqrt(1 - Math.Exp(-2.0 * t))) + 1e-5);
    }

    [Theory]
    [InlineData(2.0, 0.7)]
    [InlineData(254.0, 1.3)]
    [InlineData(254.0, -0.5)]
    public void TheProgramFound_HasItsDerivative(double t, double c)
    {
        var j = VectorChecks.Check(Method("Found"), new object[] { t, c });
        double u = Math.Pow(5, t);
        // ∂/∂t = c · ln 5 · u/√(u² + 1) (= c · ln 5 for huge u), ∂/∂c = asinh(u).
        double dt = double.IsFinite(u * u) ? c * Math.Log(5) * u / Math.Sqrt((u * u) + 1) : c * Math.Log(5);
        Tolerance.AssertFormula(dt, j.Reverse[1, 0], "∂/∂t");
        Tolerance.AssertFormula(Math.Asinh(u), j.Reverse[1, 1], "∂/∂c");
    }
}
