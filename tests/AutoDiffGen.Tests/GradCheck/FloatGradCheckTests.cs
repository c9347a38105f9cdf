using System;
using AutoDiffGen;
using Xunit;

namespace AutoDiffGen.Tests.GradCheckTests;

/// <summary>The float overloads: float functions, differences taken in double, looser defaults.</summary>
public sealed class FloatGradCheckTests
{
    // f(x) = tanh(x0) · x1 + x1² / 2
    private static float F(float[] x) => (MathF.Tanh(x[0]) * x[1]) + (x[1] * x[1] / 2);

    private static float[] Gradient(float[] x)
    {
        float t = MathF.Tanh(x[0]);
        return new[] { (1 - (t * t)) * x[1], t + x[1] };
    }

    [Theory]
    [InlineData(0.5f, -1.5f)]
    [InlineData(-2f, 3f)]
    [InlineData(0f, 0.25f)]
    public void Passes_with_the_right_gradient(float a, float b)
    {
        float[] x = { a, b };

        GradCheckResult result = GradCheck.Check(F, x, Gradient(x));

        Assert.True(result.Passed, result.ToString());
        Assert.Equal(1e-2, result.RelTol);
        Assert.Equal(1e-3, result.AbsTol);
    }

    [Fact]
    public void Fails_with_a_wrong_gradient_and_names_the_worst_component()
    {
        float[] x = { 0.5f, -1.5f };
        float[] wrong = Gradient(x);
        wrong[1] *= 1.1f;

        GradCheckResult result = GradCheck.Check(F, x, wrong);

        Assert.False(result.Passed);
        Assert.Equal(1, result.WorstIndex);
        Assert.StartsWith("gradient check FAILED: component 1 ", result.ToString(), StringComparison.Ordinal);
        Assert.Throws<GradCheckException>(() => GradCheck.Assert(F, x, wrong));
    }

    [Fact]
    public void Numeric_gradient_is_close_to_the_closed_form_and_x_is_restored()
    {
        float[] x = { 0.3f, 1.7f };
        float[] copy = (float[])x.Clone();

        double[] numeric = GradCheck.NumericGradient(F, x);

        Assert.Equal(copy, x);
        // Float finite differences: f is O(1), so rounding costs about ε_float·|f|/h (a few 1e-4 at the float step 1e-3)
        // and truncation h²·|f‴|/6 less: 1e-3 absolute is FD-appropriate and far below a wrong formula.
        float[] expected = Gradient(x);
        Assert.Equal(expected[0], numeric[0], 1e-3);
        Assert.Equal(expected[1], numeric[1], 1e-3);
    }

    [Fact]
    public void A_step_too_small_for_float_is_rejected()
    {
        float[] x = { 1e6f };

        ArgumentException error = Assert.Throws<ArgumentException>(() => GradCheck.NumericGradient(v => v[0], x, step: 1e-6));
        Assert.Contains("x[0]", error.Message, StringComparison.Ordinal);
        Assert.Equal(1e6f, x[0]);
    }
}
