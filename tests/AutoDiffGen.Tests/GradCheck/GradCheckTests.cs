using System;
using AutoDiffGen;
using Xunit;

namespace AutoDiffGen.Tests.GradCheckTests;

/// <summary>GradCheck on functions whose gradients are known in closed form.</summary>
public sealed class GradCheckTests
{
    // f(x) = x0² · x1 + sin(x2) + exp(x0 · x2)
    private static double F(double[] x) => (x[0] * x[0] * x[1]) + Math.Sin(x[2]) + Math.Exp(x[0] * x[2]);

    private static double[] Gradient(double[] x)
    {
        double e = Math.Exp(x[0] * x[2]);
        return new[]
        {
            (2 * x[0] * x[1]) + (x[2] * e),
            x[0] * x[0],
            Math.Cos(x[2]) + (x[0] * e),
        };
    }

    [Theory]
    [InlineData(1.0, 2.0, 3.0)]
    [InlineData(-0.5, 4.0, 0.25)]
    [InlineData(0.0, 0.0, 0.0)]
    [InlineData(2.5, -1.5, -0.75)]
    public void Passes_with_the_right_gradient(double a, double b, double c)
    {
        double[] x = { a, b, c };

        GradCheckResult result = GradCheck.Check(F, x, Gradient(x));

        Assert.True(result.Passed, result.ToString());
        Assert.Equal(0, result.FailedCount);
        Assert.Equal(3, result.ComponentCount);
        Assert.StartsWith("gradient check passed", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Numeric_gradient_matches_the_closed_form()
    {
        double[] x = { 0.3, -1.2, 0.8 };

        double[] numeric = GradCheck.NumericGradient(F, x);

        // Finite differences, not a sum: |f| and |f'| are O(1) here, so the central difference at the default
        // step is good to about ε·|f|/h + h²·|f‴|/6, well under 1e-8 absolute, and a wrong formula is O(1) off.
        double[] expected = Gradient(x);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(expected[i], numeric[i], 1e-8);
        }
    }

    [Fact]
    public void Fails_with_a_wrong_gradient_and_names_the_worst_component()
    {
        double[] x = { 1.0, 2.0, 3.0 };
        double[] wrong = Gradient(x);
        wrong[1] *= 1.001;  // slightly off
        wrong[2] += 0.5;    // badly off: this one must be reported

        GradCheckResult result = GradCheck.Check(F, x, wrong);

        Assert.False(result.Passed);
        Assert.Equal(2, result.FailedCount);
        Assert.Equal(2, result.WorstIndex);
        Assert.Equal(wrong[2], result.WorstAnalytic);
        Assert.Equal(Gradient(x)[2], result.WorstNumeric, 1e-7);
        Assert.Equal(0.5, result.WorstAbsError, 1e-7);
        string report = result.ToString();
        Assert.StartsWith("gradient check FAILED: component 2 analytic ", report, StringComparison.Ordinal);
        Assert.EndsWith("; 2 of 3 components failed", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_has_the_documented_shape()
    {
        // f(x) = 3·x0: the numeric gradient is 3; claiming 4 gives |err| 1 and rel 1/4.
        GradCheckResult result = GradCheck.Check(v => 3 * v[0], new[] { 1.0 }, new[] { 4.0 });

        Assert.Equal(
            "gradient check FAILED: component 0 analytic 4 numeric 3 |err| 1.0e0 rel 2.5e-1 (tolerance rel 1e-6, abs 1e-8); 1 of 1 component failed",
            result.ToString());
    }

    [Fact]
    public void Report_uses_the_invariant_culture()
    {
        var culture = (System.Globalization.CultureInfo)System.Globalization.CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NegativeSign = "\u2212";
        culture.NumberFormat.NumberDecimalSeparator = ",";
        System.Globalization.CultureInfo saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
            string report = GradCheck.Check(v => -0.5 * v[0], new[] { 1.0 }, new[] { -0.25 }).ToString();

            Assert.Contains("analytic -0.25 numeric -0.5 |err| 2.5e-1 rel 5.0e-1", report, StringComparison.Ordinal);
            Assert.DoesNotContain("\u2212", report, StringComparison.Ordinal);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void ThrowIfFailed_throws_the_report_and_Assert_is_silent_when_right()
    {
        double[] x = { 1.0, 2.0, 3.0 };
        double[] wrong = Gradient(x);
        wrong[0] = -wrong[0];

        GradCheckResult result = GradCheck.Check(F, x, wrong);
        GradCheckException thrown = Assert.Throws<GradCheckException>(result.ThrowIfFailed);
        Assert.Equal(result.ToString(), thrown.Message);
        Assert.Same(result, thrown.Result);
        Assert.Throws<GradCheckException>(() => GradCheck.Assert(F, x, wrong));

        GradCheck.Assert(F, x, Gradient(x));
        GradCheck.Check(F, x, Gradient(x)).ThrowIfFailed();
    }

    [Fact]
    public void Restores_x_afterwards_even_when_f_throws()
    {
        double[] x = { 0.1, 0.2, 0.3 };
        double[] copy = (double[])x.Clone();

        GradCheck.Check(F, x, Gradient(x));
        Assert.Equal(copy, x);

        int calls = 0;
        Assert.Throws<InvalidOperationException>(() => GradCheck.NumericGradient(
            v => ++calls == 3 ? throw new InvalidOperationException() : F(v), x));
        Assert.Equal(copy, x);
    }

    [Fact]
    public void Absolute_tolerance_accepts_tiny_errors_on_tiny_components()
    {
        // d/dx0 is 0, so any rounding noise is 100 % relative error; only absTol can accept it.
        double[] x = { 0.7, 1.3 };
        double[] analytic = { 1e-12, 2 * x[1] };

        GradCheckResult result = GradCheck.Check(v => v[1] * v[1], x, analytic);
        Assert.True(result.Passed, result.ToString());

        GradCheckResult strict = GradCheck.Check(v => v[1] * v[1], x, analytic, absTol: 0);
        Assert.False(strict.Passed);
        Assert.Equal(0, strict.WorstIndex);
    }

    [Fact]
    public void Both_zero_is_a_perfect_match()
    {
        GradCheckResult result = GradCheck.Check(_ => 42.0, new[] { 1.0, 2.0 }, new[] { 0.0, 0.0 }, absTol: 0, relTol: 0);

        Assert.True(result.Passed, result.ToString());
        Assert.Equal(0, result.WorstRelError);
    }

    [Fact]
    public void A_NaN_component_fails_and_is_the_worst()
    {
        double[] x = { 1.0, 2.0, 3.0 };
        double[] analytic = Gradient(x);
        analytic[0] += 1;          // wrong but finite
        analytic[1] = double.NaN;  // worse than any finite error

        GradCheckResult result = GradCheck.Check(F, x, analytic);

        Assert.False(result.Passed);
        Assert.Equal(1, result.WorstIndex);
        Assert.Contains("analytic NaN", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_mismatched_lengths_and_bad_settings()
    {
        Assert.Throws<ArgumentException>(() => GradCheck.Check(F, new[] { 1.0, 2.0, 3.0 }, new[] { 1.0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradCheck.NumericGradient(F, new[] { 1.0, 2.0, 3.0 }, step: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradCheck.NumericGradient(F, new[] { 1.0, 2.0, 3.0 }, step: double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradCheck.Check(F, new[] { 1.0, 2.0, 3.0 }, new[] { 1.0, 2.0, 3.0 }, relTol: -1));
    }

    [Fact]
    public void No_components_passes()
    {
        GradCheckResult result = GradCheck.Check(_ => 1.0, Array.Empty<double>(), Array.Empty<double>());

        Assert.True(result.Passed);
        Assert.Equal(-1, result.WorstIndex);
        Assert.Equal("gradient check passed: no components (tolerance rel 1e-6, abs 1e-8)", result.ToString());
    }
}
