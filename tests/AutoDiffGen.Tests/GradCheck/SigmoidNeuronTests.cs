using System;
using AutoDiffGen;
using Xunit;

namespace AutoDiffGen.Tests.GradCheckTests;

/// <summary>
/// The lecture's 2-D sigmoid neuron f(w, x) = 1 / (1 + exp(−(w0·x0 + w1·x1 + w2))) at w = (2, −3, −3),
/// x = (−1, −2). There dot = 1, f = σ(1) and ∂f/∂dot = f·(1 − f) ≈ 0.1966, so
/// dw0 = x0·0.1966 ≈ −0.20, dx0 = w0·0.1966 ≈ 0.39, dw1 = x1·0.1966 ≈ −0.39, dx1 = w1·0.1966 ≈ −0.59,
/// dw2 = 0.1966 ≈ 0.20.
/// </summary>
public sealed class SigmoidNeuronTests
{
    // Packed as v = (w0, w1, w2, x0, x1).
    private static readonly double[] Point = { 2, -3, -3, -1, -2 };

    private static double Neuron(double[] v) => 1 / (1 + Math.Exp(-((v[0] * v[3]) + (v[1] * v[4]) + v[2])));

    private static float NeuronF(float[] v) => 1 / (1 + MathF.Exp(-((v[0] * v[3]) + (v[1] * v[4]) + v[2])));

    [Fact]
    public void Numeric_gradient_matches_the_lectures_numbers()
    {
        double[] numeric = GradCheck.NumericGradient(Neuron, (double[])Point.Clone());

        // The lecture prints two decimals: each value is within half a unit of the last printed place
        // (not Math.Round of the value, which fails when a value sits on a rounding boundary).
        Assert.Equal(-0.20, numeric[0], 0.005); // dw0
        Assert.Equal(-0.39, numeric[1], 0.005); // dw1
        Assert.Equal(0.20, numeric[2], 0.005);  // dw2
        Assert.Equal(0.39, numeric[3], 0.005);  // dx0
        Assert.Equal(-0.59, numeric[4], 0.005); // dx1
    }

    [Fact]
    public void Numeric_gradient_matches_the_hand_derivation()
    {
        double f = 1 / (1 + Math.Exp(-1.0));
        double ddot = f * (1 - f);
        double[] handDerived = { -1 * ddot, -2 * ddot, ddot, 2 * ddot, -3 * ddot };

        GradCheckResult result = GradCheck.Check(Neuron, (double[])Point.Clone(), handDerived);

        Assert.True(result.Passed, result.ToString());
        Assert.True(result.WorstAbsError < 1e-9, result.ToString());
        Assert.Equal(0.19661193324148185, ddot, 1e-15);
    }

    [Fact]
    public void Swapping_dw0_and_dx0_is_caught()
    {
        double f = 1 / (1 + Math.Exp(-1.0));
        double ddot = f * (1 - f);
        double[] swapped = { 2 * ddot, -2 * ddot, ddot, -1 * ddot, -3 * ddot };

        GradCheckResult result = GradCheck.Check(Neuron, (double[])Point.Clone(), swapped);

        Assert.False(result.Passed);
        Assert.Equal(2, result.FailedCount);
        Assert.Contains(result.WorstIndex, new[] { 0, 3 });
    }

    [Fact]
    public void Float_version_passes_with_the_hand_derivation()
    {
        float f = 1 / (1 + MathF.Exp(-1f));
        float ddot = f * (1 - f);
        float[] handDerived = { -1 * ddot, -2 * ddot, ddot, 2 * ddot, -3 * ddot };

        GradCheckResult result = GradCheck.Check(NeuronF, new float[] { 2, -3, -3, -1, -2 }, handDerived);

        Assert.True(result.Passed, result.ToString());
        Assert.True(result.WorstRelError < 1e-3, result.ToString());
    }
}
