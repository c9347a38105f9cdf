using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Statements;

/// <summary>
/// Assignments and ++/-- inside expressions, deconstruction and swaps, local functions (<see cref="WrittenExamples"/>):
/// each gradient against central differences (the runner also checks that Backward returns the method's own value,
/// which catches a counter left at the wrong version after a loop), and against a derivation by hand.
/// </summary>
public class WrittenTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(WrittenExamples.Source));

    private static MethodInfo Get(string name) => Compiled.Value.GetType("Written")!.GetMethod(name)!;

    public static TheoryData<string, object[]> Points => new()
    {
        { "PowerDown", new object[] { 1.3, 4 } },
        { "PowerDown", new object[] { 0.7, 0 } },
        { "SumIndexed", new object[] { new[] { 0.5, -1.2, 2.0 }, 0.8 } },
        { "Cubes", new object[] { new[] { 0.5, -1.2, 2.0 } } },
        { "Opposite", new object[] { new[] { 0.3, 0.6, -0.2 }, new[] { 1.1, -0.4, 0.9 } } },
        { "Chain", new object[] { 1.2, -0.7 } },
        { "AssignInTest", new object[] { 0.8 } },
        { "AssignInTest", new object[] { -0.9 } },
        { "CompoundInside", new object[] { 0.6, 1.4 } },
        { "ForTestIncrements", new object[] { 1.1, 3 } },
        { "DoWhileBreak", new object[] { 0.9, 4 } },
        { "DoWhileBreak", new object[] { 3.5, 4 } },
        { "GrowUntil", new object[] { 1.3, 10.0 } },
        { "Fibonacci", new object[] { 0.4, 1.7 } },
        { "Swaps", new object[] { 1.5, 0.6 } },
        { "ParameterSwap", new object[] { 0.7, 1.3, 2 } },
        { "LiteralTuple", new object[] { 1.7 } },
        { "AssignedInsideACut", new object[] { 1.3 } },
        { "SkipEven", new object[] { 0.8, 5 } },
        { "RefAlias", new object[] { 0.9, -1.4 } },
        { "RefInLoop", new object[] { 0.8, 3 } },
        { "RefInLoop", new object[] { 1.2, 3 } },
        { "RefParameter", new object[] { -0.6 } },
        { "StaticHelper", new object[] { 0.9, -1.4 } },
        { "Captures", new object[] { 0.5, 1.5 } },
        { "InLoop", new object[] { new[] { 0.3, 1.2, -0.8, 2.1 } } },
        { "Nested", new object[] { 0.45 } },
    };

    [Theory]
    [MemberData(nameof(Points))]
    public void GradientMatchesCentralDifferences(string name, object[] point) =>
        CentralDifferenceRunner.Check(Get(name), null, point);

    private static CentralDifferenceRunner.Result At(string name, params object[] point) => CentralDifferenceRunner.Check(Get(name), null, point);

    [Fact]
    public void IncrementsInsideExpressions_ByHand()
    {
        // while (n-- > 0) p *= x: x⁴, and n is −1 afterwards.
        var power = At("PowerDown", 1.3, 4);
        Tolerance.AssertFormula(Math.Pow(1.3, 4) - 1, power.Value, "PowerDown value");
        Tolerance.AssertFormula(4 * Math.Pow(1.3, 3), power.Gradient[0]![0], "dPowerDown/dx");

        // for (; i++ < n;): x³ + 4.
        var forTest = At("ForTestIncrements", 1.1, 3);
        Tolerance.AssertFormula(Math.Pow(1.1, 3) + 4, forTest.Value, "ForTestIncrements value");
        Tolerance.AssertFormula(3 * 1.1 * 1.1, forTest.Gradient[0]![0], "dForTestIncrements/dx");

        // continue under while (n-- > 0): 4x − 1.
        var skip = At("SkipEven", 0.8, 5);
        Tolerance.AssertFormula((4 * 0.8) - 1, skip.Value, "SkipEven value");
        Tolerance.AssertFormula(4, skip.Gradient[0]![0], "dSkipEven/dx");

        // Σ w·x[m]²: 2w·x[k] and Σ x².
        double[] x = { 0.5, -1.2, 2.0 };
        var sum = At("SumIndexed", x, 0.8);
        for (int k = 0; k < x.Length; k++) Tolerance.AssertFormula(2 * 0.8 * x[k], sum.Gradient[0]![k], "dSumIndexed/dx[" + k + "]");
        Tolerance.AssertFormula(x.Sum(v => v * v), sum.Gradient[1]![0], "dSumIndexed/dw");

        // Σ x³: 3x².
        var cubes = At("Cubes", x);
        for (int k = 0; k < x.Length; k++) Tolerance.AssertFormula(3 * x[k] * x[k], cubes.Gradient[0]![k], "dCubes/dx[" + k + "]");
    }

    [Fact]
    public void AssignmentsInsideExpressions_ByHand()
    {
        // a = b = xy: (xy)² + xy.
        var chain = At("Chain", 1.2, -0.7);
        Tolerance.AssertFormula((2 * 1.2 * 0.49) - 0.7, chain.Gradient[0]![0], "dChain/dx");
        Tolerance.AssertFormula((2 * 1.44 * -0.7) + 1.2, chain.Gradient[1]![0], "dChain/dy");

        // t = sin x: x·sin x where positive, else −sin x.
        Tolerance.AssertFormula((Math.Cos(0.8) * 0.8) + Math.Sin(0.8), At("AssignInTest", 0.8).Gradient[0]![0], "dAssignInTest/dx at 0.8");
        Tolerance.AssertFormula(-Math.Cos(-0.9), At("AssignInTest", -0.9).Gradient[0]![0], "dAssignInTest/dx at -0.9");

        // Floor(x²) + x²: the t read after the assignment carries 2x.
        Tolerance.AssertFormula(2 * 1.3, At("AssignedInsideACut", 1.3).Gradient[0]![0], "dAssignedInsideACut/dx");

        // (x + y)² + (x + 1)² + x.
        var compound = At("CompoundInside", 0.6, 1.4);
        Tolerance.AssertFormula((2 * 2.0) + (2 * 1.6) + 1, compound.Gradient[0]![0], "dCompoundInside/dx");
        Tolerance.AssertFormula(2 * 2.0, compound.Gradient[1]![0], "dCompoundInside/dy");
        Tolerance.AssertFormula(4.0 + 2.56 + 0.6, compound.Value, "CompoundInside value");
    }

    [Fact]
    public void DeconstructionAndSwaps_ByHand()
    {
        // (2x + 3y)(3x + 5y).
        var fib = At("Fibonacci", 0.4, 1.7);
        Tolerance.AssertFormula((12 * 0.4) + (19 * 1.7), fib.Gradient[0]![0], "dFibonacci/dx");
        Tolerance.AssertFormula((19 * 0.4) + (30 * 1.7), fib.Gradient[1]![0], "dFibonacci/dy");

        // y² − x² + xy/(x + y) + x + y.
        double x = 1.5, y = 0.6, s = x + y;
        var swaps = At("Swaps", x, y);
        Tolerance.AssertFormula((-2 * x) + (y * y / (s * s)) + 1, swaps.Gradient[0]![0], "dSwaps/dx");
        Tolerance.AssertFormula((2 * y) + (x * x / (s * s)) + 1, swaps.Gradient[1]![0], "dSwaps/dy");

        // x' = yk, y' = x, k' = k + 1: x·y²k² + k + 1.
        Tolerance.AssertFormula(4 * 1.7, At("LiteralTuple", 1.7).Gradient[0]![0], "dLiteralTuple/dx");

        var parameters = At("ParameterSwap", 0.7, 1.3, 2);
        Tolerance.AssertFormula(1.69 * 4, parameters.Gradient[0]![0], "dParameterSwap/dx");
        Tolerance.AssertFormula(2 * 1.3 * 4 * 0.7, parameters.Gradient[1]![0], "dParameterSwap/dy");
        Tolerance.AssertFormula((0.7 * 1.69 * 4) + 3, parameters.Value, "ParameterSwap value");
    }

    [Fact]
    public void RefLocals_ByHand()
    {
        // (xy + x)²: 2(xy + x)(y + 1) and 2(xy + x)x.
        double x = 0.9, y = -1.4, s = (x * y) + x;
        var alias = At("RefAlias", x, y);
        Tolerance.AssertFormula(2 * s * (y + 1), alias.Gradient[0]![0], "dRefAlias/dx");
        Tolerance.AssertFormula(2 * s * x, alias.Gradient[1]![0], "dRefAlias/dy");
        // 2x³ below 1, 2x⁴ above.
        Tolerance.AssertFormula(6 * 0.64, At("RefInLoop", 0.8, 3).Gradient[0]![0], "dRefInLoop/dx at 0.8");
        Tolerance.AssertFormula(8 * 1.728, At("RefInLoop", 1.2, 3).Gradient[0]![0], "dRefInLoop/dx at 1.2");
        Tolerance.AssertFormula(-1.2, At("RefParameter", -0.6).Gradient[0]![0], "dRefParameter/dx");
    }

    [Fact]
    public void LocalFunctions_ByHand()
    {
        // x² + (xy)².
        var helper = At("StaticHelper", 0.9, -1.4);
        Tolerance.AssertFormula((2 * 0.9) + (2 * 0.9 * 1.96), helper.Gradient[0]![0], "dStaticHelper/dx");
        Tolerance.AssertFormula(2 * 0.81 * -1.4, helper.Gradient[1]![0], "dStaticHelper/dy");

        // 4x²y² + 4y² (the second call's argument is a constant; the captured k still carries y).
        var captures = At("Captures", 0.5, 1.5);
        Tolerance.AssertFormula(8 * 0.5 * 2.25, captures.Gradient[0]![0], "dCaptures/dx");
        Tolerance.AssertFormula((8 * 0.25 * 1.5) + (8 * 1.5), captures.Gradient[1]![0], "dCaptures/dy");

        // 2(x eˣ + x).
        var nested = At("Nested", 0.45);
        Tolerance.AssertFormula(2 * (Math.Exp(0.45) + (0.45 * Math.Exp(0.45)) + 1), nested.Gradient[0]![0], "dNested/dx");

        // Σ sin(x[i])·x[i+1 mod n]: cos(x[k])·x[k+1] + sin(x[k−1]).
        double[] v = { 0.3, 1.2, -0.8, 2.1 };
        var loop = At("InLoop", v);
        for (int k = 0; k < v.Length; k++)
        {
            double expected = (Math.Cos(v[k]) * v[(k + 1) % 4]) + Math.Sin(v[(k + 3) % 4]);
            Tolerance.AssertFormula(expected, loop.Gradient[0]![k], "dInLoop/dx[" + k + "]");
        }
    }
}
