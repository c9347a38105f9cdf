using System;
using Xunit;

namespace AutoDiffGen.Tensors.Tests
{
    /// <summary>
    /// Error bounds for float32 kernels checked against float64 references. A sum's rounding error depends on
    /// the order of its additions, and TensorPrimitives picks that order by the machine's vector width
    /// (Vector512 with AVX-512, Vector256 without): so a sum is never checked to a fixed number of decimals,
    /// which fails whenever the true value sits near a rounding boundary, but to a bound that holds for any
    /// order. Any summation order passes each term through at most n − 1 roundings, so
    /// |error| ≤ γ(n−1)·Σ|x| ≈ (n−1)·u·Σ|x| with u = ε/2; <see cref="ForSum"/> allows C·n·ε·Σ|x| = 4·n·u·Σ|x|.
    /// </summary>
    internal static class Tolerance
    {
        /// <summary>float32 machine epsilon, 2⁻²³ (not <see cref="float.Epsilon"/>, the smallest denormal).</summary>
        public const double Float = 1.0 / (1 << 23);

        /// <summary>Safety factor over the bound (n·ε is already twice the classical γ(n−1)).</summary>
        private const double C = 2;

        /// <summary>The bound for a float sum of <paramref name="n"/> terms whose magnitudes add to <paramref name="sumOfMagnitudes"/>.</summary>
        /// <param name="n">Roundings a term can pass through: the number of terms, plus one per rounded product or input.</param>
        /// <param name="sumOfMagnitudes">Σ|term|, computed in float64.</param>
        public static double ForSum(int n, double sumOfMagnitudes) => C * Math.Max(n, 1) * Float * sumOfMagnitudes;

        /// <summary>Asserts |actual − expected| ≤ tolerance, naming both values and the bound.</summary>
        public static void AssertClose(double expected, double actual, double tolerance, string what)
        {
            if (!(Math.Abs(actual - expected) <= tolerance))
            {
                Assert.Fail($"{what}: got {actual:R}, expected {expected:R} (|error| {Math.Abs(actual - expected):E2} > tolerance {tolerance:E2}).");
            }
        }
    }
}
