using System;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Infrastructure;

/// <summary>
/// How close a generated gradient must be to a reference, by where the difference can come from. Never a
/// fixed number of decimals: rounding both sides to N places fails whenever the truth sits near a rounding
/// boundary, however small the error, and a fixed absolute bound does not scale with what is summed.
/// </summary>
internal static class Tolerance
{
    /// <summary>float64 machine epsilon, 2⁻⁵².</summary>
    public const double Double = 1.0 / (1L << 52);

    /// <summary>float32 machine epsilon, 2⁻²³ (not <see cref="float.Epsilon"/>, the smallest denormal).</summary>
    public const double Float = 1.0 / (1 << 23);

    /// <summary>Safety factor: n·ε is already twice the classical bound γ(n−1) = (n−1)·u of any summation order.</summary>
    private const double C = 2;

    /// <summary>
    /// The bound for a sum of <paramref name="n"/> terms (or n roundings along a chain of products) whose
    /// magnitudes add to <paramref name="sumOfMagnitudes"/>: C·n·ε·Σ|term|.
    /// </summary>
    public static double ForSum(int n, double sumOfMagnitudes, double epsilon = Double) => C * Math.Max(n, 1) * epsilon * sumOfMagnitudes;

    /// <summary>
    /// The same closed form evaluated two ways in float64 (by hand and by the generated code): a few dozen
    /// roundings at most, each relative to the size of the terms, which is |expected| unless terms cancel;
    /// 1 stands in for the term size near 0. Use <see cref="ForSum"/> where a loop sums many terms.
    /// </summary>
    public static void AssertFormula(double expected, double actual, string what = "value") =>
        AssertClose(expected, actual, ForSum(32, Math.Max(1, Math.Abs(expected))), what);

    /// <summary>
    /// A central difference (f(x+h) − f(x−h)) / 2h against an analytic derivative. Its truncation error is
    /// h²·|f‴|/6 (≈ 1e-12 for h = 1e-6, inside the relative part) and cancellation in the numerator loses
    /// about ε·|f| / h (≈ 2e-10·|f|), so: 1e-6 relative plus an absolute part that scales with |f|, as
    /// RandomProgramTests does.
    /// </summary>
    public static void AssertCentral(double numeric, double analytic, double valueMagnitude, string what = "derivative") =>
        AssertClose(numeric, analytic, (1e-6 * Math.Abs(numeric)) + (1e-8 * Math.Max(1, Math.Abs(valueMagnitude))), what);

    /// <summary>
    /// For numbers printed to two decimals (the lecture's slides): the true value is within half a unit of
    /// the last printed place. Not a rounding of both sides, which fails whenever a value sits on a boundary.
    /// </summary>
    public const double HalfUnitOfTheSecondDecimal = 0.005;

    /// <summary>Asserts |actual − expected| ≤ tolerance, naming both values and the bound.</summary>
    public static void AssertClose(double expected, double actual, double tolerance, string what = "value")
    {
        if (!(Math.Abs(actual - expected) <= tolerance))
        {
            Assert.Fail($"{what}: got {actual:R}, expected {expected:R} (|error| {Math.Abs(actual - expected):E2} > tolerance {tolerance:E2}).");
        }
    }
}
