using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.HeldOut;

/// <summary>
/// The two "wrong" verdicts of the second held-out check (Meta.Numerics' hypergeometric series through <c>NewG(1, −e)</c>,
/// docs/corpus.md): an intermediate that is exactly ±∞ — a Lanczos sum divided by x + y where y = 1 − (1 − x) cancels to an
/// exact 0 (Sterbenz) — that the value then recovers from (e^(−∞) = 0). The chain rule meets 0·∞ there, so the gradient is NaN
/// while the function's derivative is finite. That is the documented limit "an intermediate value that overflows"
/// (docs/supported.md, Extreme arguments): the gradient is NaN, loudly, never a finite wrong number. This pins both halves.
/// </summary>
public class InfiniteIntermediateTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Poles
        {
            // For x in [0.5, 2], 1 - (1 - x) is exactly x, so p = 1/0 = ∞ and the exponential is exactly 0: f(x) = x.
            [Differentiable]
            public static double Recovered(double x)
            {
                double y = 1 - x;
                double z = (1 - y) - x;
                double p = 1.0 / z;
                return x + Math.Exp(-p * p);
            }

            // The same shape without the exact cancellation: everything finite, the gradient right.
            [Differentiable]
            public static double Finite(double x, double d)
            {
                double z = x - d;
                double p = 1.0 / z;
                return x + Math.Exp(-p * p);
            }
        }
        """;

    private static readonly Lazy<Type> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("Poles")!);

    [Theory]
    [InlineData(0.75)]
    [InlineData(1.16177)]
    public void AnExactlyInfiniteIntermediate_GivesNaN_NotAFiniteWrongNumber(double x)
    {
        var backward = Compiled.Value.GetMethod("RecoveredBackward")!;
        var args = new object[] { x, 0.0, 1.0 };
        double value = (double)backward.Invoke(null, args)!;
        Assert.Equal(x, value);
        // f(x) = x here, so f' = 1 (central differences agree: the cancellation is exact at x ± h too).
        double h = 1e-6;
        var f = Compiled.Value.GetMethod("Recovered")!;
        double central = ((double)f.Invoke(null, new object[] { x + h })! - (double)f.Invoke(null, new object[] { x - h })!) / (2 * h);
        Tolerance.AssertClose(1.0, central, 1e-8, "central difference");
        Assert.True(double.IsNaN((double)args[1]), "expected NaN (0·∞ in the chain rule), got " + args[1]);
    }

    [Fact]
    public void TheSameShapeWithFiniteIntermediates_IsRight()
    {
        double x = 1.3, d = 0.4;
        var result = CentralDifferenceRunner.Check(Compiled.Value.GetMethod("Finite")!, null, new object[] { x, d });
        double z = x - d, e = Math.Exp(-1 / (z * z));
        // d/dz e^(−1/z²) = e·2/z³
        Tolerance.AssertFormula(1 + e * 2 / (z * z * z), result.Gradient[0]![0], "d/dx");
        Tolerance.AssertFormula(-e * 2 / (z * z * z), result.Gradient[1]![0], "d/dd");
    }
}
