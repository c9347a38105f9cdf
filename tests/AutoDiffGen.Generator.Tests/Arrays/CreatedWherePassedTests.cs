using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// Arrays created where they are passed and stackalloc spans (<see cref="CreatedWherePassedSources"/>): each gradient is
/// checked against central differences (value, gradient, accumulation into preloaded adjoints) and against a hand
/// derivation where one is short; MForward's tangents against central differences and MBackward.
/// </summary>
public class CreatedWherePassedTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(CreatedWherePassedSources.Source));

    private static Type Cw => Compiled.Value.GetType("Cw")!;

    private static CentralDifferenceRunner.Result Check(string name, params object[] point) =>
        CentralDifferenceRunner.Check(Cw.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!, null, point);

    public static TheoryData<string> DoubleMethods => new()
    {
        "ImplicitArg", "TypedArg", "CollectionArgs", "TwoArrays", "ConstantArg", "StackAllocArg", "InLoopArgs",
        "Stack", "StackSized", "StackInitializer", "StackPassed", "StackParenthesized", "StackForEach", "StackInLoop",
    };

    public static TheoryData<string> ForwardMethods => new()
    {
        "ImplicitArg", "TypedArg", "CollectionArgs", "TwoArrays", "ConstantArg", "StackAllocArg", "InLoopArgs",
        "Stack", "StackSized", "StackInitializer", "StackPassed",
    };

    [Theory]
    [MemberData(nameof(DoubleMethods))]
    public void Backward_MatchesCentralDifferences(string method)
    {
        Check(method, 0.7, -1.3);
        Check(method, -0.4, 0.9);
    }

    [Theory]
    [InlineData("FloatArg")]
    [InlineData("StackFloat")]
    public void Floats_MatchCentralDifferences(string method) => Check(method, 0.7f, -1.3f);

    [Fact]
    public void ArraysCreatedAtTheCall_ByHand()
    {
        double x = 0.7, y = -1.3;
        // Sum({x, yx}) = x + xy → (1 + y, x).
        var g = Check("ImplicitArg", x, y).Gradient;
        Assert.Equal(1 + y, g[0]![0], 12);
        Assert.Equal(x, g[1]![0], 12);
        // (x + 2 + y)(x² + y²).
        double s = x + 2 + y, q = (x * x) + (y * y);
        g = Check("TypedArg", x, y).Gradient;
        Assert.Equal(q + (2 * x * s), g[0]![0], 12);
        Assert.Equal(q + (2 * y * s), g[1]![0], 12);
        // Weighted({y, x}, [x, 3]) = yx + 3x → (y + 3, x).
        g = Check("TwoArrays", x, y).Gradient;
        Assert.Equal(y + 3, g[0]![0], 12);
        Assert.Equal(x, g[1]![0], 12);
        // x² + x²y² + y² + 1 → (2x + 2xy², 2x²y + 2y).
        g = Check("StackAllocArg", x, y).Gradient;
        Assert.Equal((2 * x) + (2 * x * y * y), g[0]![0], 12);
        Assert.Equal((2 * x * x * y) + (2 * y), g[1]![0], 12);
        // Constants: (1.5 − 2)·x + (0.25 + 1)·y → (−0.5, 1.25).
        g = Check("ConstantArg", x, y).Gradient;
        Assert.Equal(-0.5, g[0]![0], 12);
        Assert.Equal(1.25, g[1]![0], 12);
    }

    [Fact]
    public void StackAllocSpans_ByHand()
    {
        double x = 0.7, y = -1.3;
        // a = (x, x²y, xy + 1): x³y + 3(xy + 1) → (3x²y + 3y, x³ + 3x).
        var g = Check("Stack", x, y).Gradient;
        Assert.Equal((3 * x * x * y) + (3 * y), g[0]![0], 12);
        Assert.Equal((x * x * x) + (3 * x), g[1]![0], 12);
        // Σi<4 (xi + y)² → (Σ 2i(xi + y), Σ 2(xi + y)).
        g = Check("StackSized", x, y).Gradient;
        Assert.Equal(Enumerable.Range(0, 4).Sum(i => 2 * i * ((x * i) + y)), g[0]![0], 12);
        Assert.Equal(Enumerable.Range(0, 4).Sum(i => 2 * ((x * i) + y)), g[1]![0], 12);
        // a = (x, y, xy), b = (y, 2 + xy): x²y + 2y + xy² → (2xy + y², x² + 2 + 2xy).
        g = Check("StackInitializer", x, y).Gradient;
        Assert.Equal((2 * x * y) + (y * y), g[0]![0], 12);
        Assert.Equal((x * x) + 2 + (2 * x * y), g[1]![0], 12);
        // r = x² + y² + x²y², then a = (r, y, xy): r + (y² + x²y²) + (r² + y²) + r².
        double r = (x * x) + (y * y) + (x * x * y * y);
        g = Check("StackPassed", x, y).Gradient;
        double drdx = (2 * x) + (2 * x * y * y), drdy = (2 * y) + (2 * x * x * y);
        Assert.Equal(drdx * (1 + (4 * r)) + (2 * x * y * y), g[0]![0], 10);
        Assert.Equal(drdy * (1 + (4 * r)) + (4 * y) + (2 * x * x * y), g[1]![0], 10);
        // t = y − x; a = (xy, t, x), b = (t, t·xy): xy·t + x + t²·xy.
        double t = y - x;
        g = Check("StackParenthesized", x, y).Gradient;
        Assert.Equal((y * y) - (2 * x * y) + 1 + (-2 * t * x * y) + (t * t * y), g[0]![0], 10);
        Assert.Equal((2 * x * y) - (x * x) + (2 * t * x * y) + (t * t * x), g[1]![0], 10);
        // foreach over (x, y, xy): x³ + y³ + x³y³.
        g = Check("StackForEach", x, y).Gradient;
        Assert.Equal((3 * x * x) + (3 * x * x * y * y * y), g[0]![0], 10);
        Assert.Equal((3 * y * y) + (3 * x * x * x * y * y), g[1]![0], 10);
    }

    [Theory]
    [MemberData(nameof(ForwardMethods))]
    public void Tangents_MatchCentralDifferencesAndBackward(string name)
    {
        var primal = Cw.GetMethod(name)!;
        var forward = Cw.GetMethod(name + "Forward")!;
        var backward = Cw.GetMethod(name + "Backward")!;
        double x = 0.7, y = -0.4;
        var b = new object[] { x, y, 0.0, 0.0, 1.0 };
        backward.Invoke(null, b);
        double f = (double)primal.Invoke(null, new object[] { x, y })!;
        for (int i = 0; i < 2; i++)
        {
            var args = new object[] { x, y, i == 0 ? 1.0 : 0.0, i == 1 ? 1.0 : 0.0, 0.0 };
            Tolerance.AssertFormula(f, (double)forward.Invoke(null, args)!, name + " Forward value");
            double tangent = (double)args[4];
            const double h = 1e-6;
            double up = (double)primal.Invoke(null, new object[] { x + (i == 0 ? h : 0), y + (i == 1 ? h : 0) })!;
            double down = (double)primal.Invoke(null, new object[] { x - (i == 0 ? h : 0), y - (i == 1 ? h : 0) })!;
            Tolerance.AssertCentral((up - down) / (2 * h), tangent, f, name + " tangent " + i);
            Assert.Equal((double)b[2 + i], tangent, 9);
        }
    }

    [Fact]
    public void StackAlloc_IsALocalArrayInTheGeneratedCode()
    {
        // The reverse sweep reads the values after the method's own frame would be gone: the generated code keeps an array.
        var output = GeneratorHarness.Run(CreatedWherePassedSources.Source);
        string stack = output.Generated.Single(kv => kv.Key.Contains(".Stack_", StringComparison.Ordinal)).Value;
        Assert.Contains("double[] a = new double[3];", stack, StringComparison.Ordinal);
        Assert.DoesNotContain("stackalloc", stack, StringComparison.Ordinal);
        output.AssertClean();
    }
}
