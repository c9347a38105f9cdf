using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.ShortCircuits;

/// <summary>
/// Assignments on the right of &amp;&amp;/|| and in the arms of ?: (<see cref="ShortCircuitExamples"/>) are lowered as the
/// branches C# runs: each gradient against central differences on both sides of every test, and by hand.
/// </summary>
public class ShortCircuitTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(ShortCircuitExamples.Source));

    private static CentralDifferenceRunner.Result At(string name, params object[] point) =>
        CentralDifferenceRunner.Check(Compiled.Value.GetType("Sometimes")!.GetMethod(name)!, null, point);

    public static TheoryData<string, object[]> Points => new()
    {
        { "AndAssigns", new object[] { 1.3, 0.4 } },
        { "AndAssigns", new object[] { 0.7, 0.4 } },
        { "AndAssigns", new object[] { -0.7, 0.4 } },
        { "OrAssigns", new object[] { -0.5, 0.4 } },
        { "OrAssigns", new object[] { 1.5, 2.0 } },
        { "OrAssigns", new object[] { 0.5, 2.0 } },
        { "ChooseAssigns", new object[] { 1.5, 0.3 } },
        { "ChooseAssigns", new object[] { 0.2, 0.9 } },
        { "Chain", new object[] { 0.6, 1.7 } },
        { "Chain", new object[] { -0.4, 1.7 } },
        { "LoopTest", new object[] { 1.3, 5 } },
        { "LoopTest", new object[] { 0.2, 3 } },
        { "StoreInArm", new object[] { 0.7, new[] { 0.4, 1.3 } } },
        { "StoreInArm", new object[] { -0.7, new[] { 0.4, 1.3 } } },
        { "Nested", new object[] { 1.4, 0.8 } },
        { "Nested", new object[] { 0.6, 0.8 } },
        { "Nested", new object[] { 0.6, 0.3 } },
        { "Nested", new object[] { 0.6, -0.3 } },
    };

    [Theory]
    [MemberData(nameof(Points))]
    public void GradientMatchesCentralDifferences(string name, object[] point) => At(name, point);

    [Fact]
    public void EachPath_ByHand()
    {
        // x > 0 and x² > 1: s = y + 3x², result y + 3x² + x²: d/dx 8x, d/dy 1.
        var both = At("AndAssigns", 1.3, 0.4);
        Tolerance.AssertFormula(0.4 + (4 * 1.3 * 1.3), both.Value, "AndAssigns value");
        Tolerance.AssertFormula(8 * 1.3, both.Gradient[0]![0], "dAndAssigns/dx");
        Tolerance.AssertFormula(1, both.Gradient[1]![0], "dAndAssigns/dy");
        // x > 0 but x² ≤ 1: y = x² ran, s = y(old): result y + x²: d/dx 2x, d/dy 1.
        var half = At("AndAssigns", 0.7, 0.4);
        Tolerance.AssertFormula(0.4 + (0.7 * 0.7), half.Value, "AndAssigns value (right false)");
        Tolerance.AssertFormula(2 * 0.7, half.Gradient[0]![0], "dAndAssigns/dx (right false)");
        // x ≤ 0: the assignment did not run: 2y, d/dx 0.
        var none = At("AndAssigns", -0.7, 0.4);
        Tolerance.AssertFormula(0.8, none.Value, "AndAssigns value (left false)");
        Tolerance.AssertFormula(0, none.Gradient[0]![0], "dAndAssigns/dx (left false)");
        Tolerance.AssertFormula(2, none.Gradient[1]![0], "dAndAssigns/dy (left false)");

        // x < 0: t = 1·x; else t = xy, and xy > 2 multiplies by x: x²y.
        var or = At("OrAssigns", 1.5, 2.0);
        Tolerance.AssertFormula(1.5 * 1.5 * 2, or.Value, "OrAssigns value");
        Tolerance.AssertFormula(2 * 1.5 * 2, or.Gradient[0]![0], "dOrAssigns/dx");
        Tolerance.AssertFormula(1.5 * 1.5, or.Gradient[1]![0], "dOrAssigns/dy");
        var left = At("OrAssigns", -0.5, 0.4);
        Tolerance.AssertFormula(1, left.Gradient[0]![0], "dOrAssigns/dx (left true)");
        Tolerance.AssertFormula(0, left.Gradient[1]![0], "dOrAssigns/dy (left true)");

        // x > y: u = a = x², b = 2: x⁴ + 2, d/dx 4x³. Else u = b = yx, a = 1: 2xy, d/dx 2y, d/dy 2x.
        var then = At("ChooseAssigns", 1.5, 0.3);
        Tolerance.AssertFormula(Math.Pow(1.5, 4) + 2, then.Value, "ChooseAssigns value");
        Tolerance.AssertFormula(4 * Math.Pow(1.5, 3), then.Gradient[0]![0], "dChooseAssigns/dx");
        Tolerance.AssertFormula(0, then.Gradient[1]![0], "dChooseAssigns/dy");
        var otherwise = At("ChooseAssigns", 0.2, 0.9);
        Tolerance.AssertFormula(2 * 0.2 * 0.9, otherwise.Value, "ChooseAssigns value (else)");
        Tolerance.AssertFormula(2 * 0.9, otherwise.Gradient[0]![0], "dChooseAssigns/dx (else)");
        Tolerance.AssertFormula(2 * 0.2, otherwise.Gradient[1]![0], "dChooseAssigns/dy (else)");

        // Clad's fn_cond_add_assign: 16ij when ij ≠ 0 (Clad expects {16j, 16i}; at ij = 0 only res = 2ij runs, a kink).
        var chain = At("Chain", 0.6, 1.7);
        Tolerance.AssertFormula(16 * 0.6 * 1.7, chain.Value, "Chain value");
        Tolerance.AssertFormula(16 * 1.7, chain.Gradient[0]![0], "dChain/di");
        Tolerance.AssertFormula(16 * 0.6, chain.Gradient[1]![0], "dChain/dj");

        // n = 3, x = 0.2: s = ((0.2·1.5 + 0.2)·1.5 + 0.2)·1.5 = 0.2·(1.5³ + 1.5² + 1.5): d/dx 1.5³ + 1.5² + 1.5.
        var loop = At("LoopTest", 0.2, 3);
        Tolerance.AssertFormula(0.2 * (3.375 + 2.25 + 1.5), loop.Value, "LoopTest value");
        Tolerance.AssertFormula(3.375 + 2.25 + 1.5, loop.Gradient[0]![0], "dLoopTest/dx");
        // x = 1.3, n = 5: the test adds x before failing: s₁ = 1.95, s₂ = (1.95 + 1.3)·1.5 = 4.875, s₃ = (4.875 + 1.3)·1.5 = 9.2625,
        // then 9.2625 + 1.3 = 10.5625 ≥ 10 stops (no ·1.5): s = x(1.5³ + 1.5² + 1.5 + 1): d/dx 8.125.
        var stop = At("LoopTest", 1.3, 5);
        Tolerance.AssertFormula(1.3 * 8.125, stop.Value, "LoopTest value (test stops)");
        Tolerance.AssertFormula(8.125, stop.Gradient[0]![0], "dLoopTest/dx (test stops)");

        // x > 0: b[0] = x·a₁ overwrites a₀²: (x·a₁)(1 + a₁): d/da₀ 0. Otherwise x + a₀²·a₁.
        var stored = At("StoreInArm", 0.7, new[] { 0.4, 1.3 });
        Tolerance.AssertFormula(0.7 * 1.3 * 2.3, stored.Value, "StoreInArm value");
        Tolerance.AssertFormula(1.3 * 2.3, stored.Gradient[0]![0], "dStoreInArm/dx");
        Tolerance.AssertFormula(0, stored.Gradient[1]![0], "dStoreInArm/da0");
        Tolerance.AssertFormula(0.7 + (2 * 0.7 * 1.3), stored.Gradient[1]![1], "dStoreInArm/da1");
        var kept = At("StoreInArm", -0.7, new[] { 0.4, 1.3 });
        Tolerance.AssertFormula(2 * 0.4 * 1.3, kept.Gradient[1]![0], "dStoreInArm/da0 (x ≤ 0)");
        Tolerance.AssertFormula(0.16, kept.Gradient[1]![1], "dStoreInArm/da1 (x ≤ 0)");

        // y ≤ 0: a = 0 stays, result a + y: d/dx 0, d/dy 1.
        var skipped = At("Nested", 0.6, -0.3);
        Tolerance.AssertFormula(-0.3, skipped.Value, "Nested value (y ≤ 0)");
        Tolerance.AssertFormula(0, skipped.Gradient[0]![0], "dNested/dx (y ≤ 0)");
        // x > 1, xy > 0.5: a = xy, result x²y.
        var big = At("Nested", 1.4, 0.8);
        Tolerance.AssertFormula(1.4 * 1.4 * 0.8, big.Value, "Nested value");
        Tolerance.AssertFormula(2 * 1.4 * 0.8, big.Gradient[0]![0], "dNested/dx");
        Tolerance.AssertFormula(1.4 * 1.4, big.Gradient[1]![0], "dNested/dy");
    }
}
