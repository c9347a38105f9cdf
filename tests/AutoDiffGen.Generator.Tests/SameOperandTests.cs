using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests;

/// <summary>
/// Math.Max(x, x), Math.Min(x, x) and Math.Clamp(x, x, hi) compare a value with itself: the generated
/// code must not (warning CS1718 fails builds with warnings as errors), and the gradients must stay exact.
/// </summary>
public class SameOperandTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Same
        {
            [Differentiable]
            public static double MaxSelf(double x) => Math.Max(x, x) * x;

            [Differentiable]
            public static double MinSelf(double x) => Math.Min(x, x) * 3;

            [Differentiable]
            public static double ClampLow(double x, double hi) => Math.Clamp(x, x, hi);
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    [Fact]
    public void GeneratedCode_CompilesWithoutWarnings()
    {
        // CompileAndLoad asserts no warnings; CS1718 would be one.
        Assert.NotNull(Compiled.Value.GetType("Same")!.GetMethod("MaxSelfBackward"));
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(-0.75)]
    public void SelfMaxAndMin_MatchHandAndCentralDifferences(double x)
    {
        var max = new Differentiated(Compiled.Value, "Same", "MaxSelf");
        var (value, g) = max.Backward(new[] { x });
        Assert.Equal(x * x, value);
        Tolerance.AssertFormula(2 * x, g[0]);   // d(x·x)/dx
        GradCheck.Check(p => max.Value(p), new[] { x }, g).ThrowIfFailed();

        var min = new Differentiated(Compiled.Value, "Same", "MinSelf");
        Tolerance.AssertFormula(3.0, min.Backward(new[] { x }).Gradient[0]);
    }

    [Theory]
    // Math.Clamp throws when its lower bound exceeds its upper one, so x ≤ hi and clamp(x, x, hi) = x.
    [InlineData(0.5, 2.0, 1.0, 0.0)]
    [InlineData(-4.0, 1.0, 1.0, 0.0)]
    public void ClampWithItselfAsLowerBound_RoutesByHand(double x, double hi, double dx, double dhi)
    {
        var clamp = new Differentiated(Compiled.Value, "Same", "ClampLow");
        var (_, g) = clamp.Backward(new[] { x, hi });
        Assert.Equal(new[] { dx, dhi }, g);
        GradCheck.Check(p => clamp.Value(p), new[] { x, hi }, g).ThrowIfFailed();
    }
}
