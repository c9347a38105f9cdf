using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// 1-D arrays as people compose them (<see cref="ComposeSources"/>): initializers and collection expressions,
/// arrays created inside loops, local arrays passed to callees (also stored into after the call), static readonly
/// constants, slices and ranges passed as spans, <c>x[^k]</c>, expanded <c>params</c> calls. Every gradient is
/// checked against central differences (value, gradient, and accumulation into preloaded adjoints), and against a
/// value derived by hand where one is short.
/// </summary>
public class ComposeTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(ComposeSources.Source));

    private static Type Ac => Compiled.Value.GetType("Ac")!;

    private static CentralDifferenceRunner.Result Check(string name, params object[] point) =>
        CentralDifferenceRunner.Check(Ac.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!, null, point);

    public static TheoryData<string, object[]> Cases => new()
    {
        { "Implicit", new object[] { 0.7, -1.3 } },
        { "Typed", new object[] { 0.7, -1.3 } },
        { "Braces", new object[] { 0.7, -1.3 } },
        { "Collection", new object[] { 0.7, -1.3 } },
        { "Floats", new object[] { 0.7f, -1.3f } },
        { "InLoop", new object[] { new[] { 0.5, -1.0, 0.25 }, 3 } },
        { "InLoopInitializer", new object[] { 0.6, -0.4, 4 } },
        { "InLoopSized", new object[] { new[] { 0.5, -1.0, 0.25, 0.8 } } },
        { "StoredAfter", new object[] { 0.7, -1.3 } },
        { "CalleeInLoop", new object[] { new[] { 0.5, -1.0, 0.25 }, 3 } },
        { "StoredAfterInLoop", new object[] { new[] { 0.5, -1.0, 0.25, 1.5 } } },
        { "WithConstant", new object[] { 0.9 } },
        { "Tail", new object[] { new[] { 0.5, -1.0, 0.25, 1.5 } } },
        { "Ranges", new object[] { new[] { 0.5, -1.0, 0.25, 1.5, -0.75 }, 1, 4 } },
        { "Last", new object[] { new[] { 0.5, -1.0, 0.25, 1.5 } } },
        { "LocalSlice", new object[] { 0.7, -1.3 } },
        { "SlicesInLoop", new object[] { new[] { 0.5, -1.0, 0.25, 1.5, -0.75, 2.0 }, 2 } },
        { "Expanded", new object[] { 0.7, -1.3 } },
        { "BranchInLoop", new object[] { new[] { 0.5, -1.0, 0.25, 1.5 } } },
        { "ViaPullback", new object[] { 0.7, new[] { -1.3, 0.4 } } },
        { "BranchInLoop", new object[] { new[] { -0.5, 1.0, 0.75, -1.5 } } },
        { "FloatSlices", new object[] { new[] { 0.5f, -1.0f, 0.25f, 1.5f } } },
        { "ExpandedInLoop", new object[] { 0.7, 4 } },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Backward_MatchesCentralDifferences(string method, object[] point) => Check(method, point);

    [Fact]
    public void Initializer_ByHand()
    {
        // a = {x, 2y}: a0·a1 + a1 = 2xy + 2y → (2y, 2x + 2).
        var g = Check("Implicit", 0.7, -1.3).Gradient;
        Assert.Equal(2 * -1.3, g[0]![0], 12);
        Assert.Equal(2 * 0.7 + 2, g[1]![0], 12);
    }

    [Fact]
    public void ArraysCreatedInLoops_ByHand()
    {
        // Σk Σi (x_i (k+1))² = Σi x_i² · Σk (k+1)²: d/dx_i = 2 x_i · (1 + 4 + 9) for n = 3.
        var x = new[] { 0.5, -1.0, 0.25 };
        var g = Check("InLoop", x, 3).Gradient[0]!;
        for (int i = 0; i < x.Length; i++) Assert.Equal(2 * x[i] * 14, g[i], 10);
    }

    [Fact]
    public void SlicesMapBackIntoTheCallersAdjoint_ByHand()
    {
        // Tail: Σ x[1..] + Σ x[1..3]³ → dx = (0, 1 + 3x1², 1 + 3x2², 1).
        var x = new[] { 0.5, -1.0, 0.25, 1.5 };
        var g = Check("Tail", x).Gradient[0]!;
        Assert.Equal(new[] { 0, 1 + 3 * x[1] * x[1], 1 + 3 * x[2] * x[2], 1 }, g.Select(v => Math.Round(v, 12)));
        // Last: x[^1]·x[0] + x[^2] → (x3, 0, 1, x0).
        var h = Check("Last", x).Gradient[0]!;
        Assert.Equal(new[] { x[3], 0, 1, x[0] }, h);
    }

    [Fact]
    public void StoredAfterTheCall_CalleeSeesTheValuesItSaw_ByHand()
    {
        // a = x² + y²; then t = (a·y, y): f = a + a²y² + y² → df/dx = 2x(1 + 2ay²), df/dy = 2y(1 + 2ay²) + 2a²y + 2y.
        double x = 0.7, y = -1.3, a = (x * x) + (y * y);
        var g = Check("StoredAfter", x, y).Gradient;
        Assert.Equal(2 * x * (1 + (2 * a * y * y)), g[0]![0], 10);
        Assert.Equal((2 * y * (1 + (2 * a * y * y))) + (2 * a * a * y) + (2 * y), g[1]![0], 10);
    }

    [Fact]
    public void ExpandedParams_ByHand()
    {
        // x³ + y³ + (xy)³ → (3x² + 3x²y³, 3y² + 3x³y²).
        double x = 0.7, y = -1.3;
        var g = Check("Expanded", x, y).Gradient;
        Assert.Equal((3 * x * x) + (3 * x * x * y * y * y), g[0]![0], 10);
        Assert.Equal((3 * y * y) + (3 * x * x * x * y * y), g[1]![0], 10);
    }

    private delegate double SpanBackward(ReadOnlySpan<double> x, Span<double> dX, double dResult);

    [Fact]
    public void SpanSlices_ByHandAndCentralDifferences()
    {
        var x = new[] { 0.5, -1.0, 0.25, 1.5, -0.75 };
        var backward = Ac.GetMethod("SpanSlicesBackward")!.CreateDelegate<SpanBackward>();
        var dX = new double[x.Length];
        double value = backward(x, dX, 1);
        // Σ x[1..3]³ + Σ x[2..] → (0, 3x1², 3x2² + 1, 1, 1).
        Assert.Equal((x[1] * x[1] * x[1]) + (x[2] * x[2] * x[2]) + x[2] + x[3] + x[4], value, 12);
        Assert.Equal(new[] { 0, 3 * x[1] * x[1], (3 * x[2] * x[2]) + 1, 1, 1 }, dX.Select(v => Math.Round(v, 12)));
        var forward = Ac.GetMethod("SpanSlices")!.CreateDelegate<Func<ReadOnlySpan<double>, double>>();
        GradCheck.Check(v => forward(v), x, dX).ThrowIfFailed();
    }
}
