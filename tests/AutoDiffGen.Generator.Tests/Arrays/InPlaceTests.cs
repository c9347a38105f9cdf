using System.Reflection;
using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// <c>Array.Fill</c>, <c>Array.Reverse</c> and <c>Array.Sort</c> (<see cref="InPlaceSources"/>): Fill's slots give their
/// gradient to the value, Reverse and Sort route it back through the permutation. Each gradient against central
/// differences (at points without ties, where a sort is differentiable) and by hand; a method that sorts its parameter,
/// its in/out adjoint by hand; forward mode against the gradient.
/// </summary>
public class InPlaceTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(InPlaceSources.Source));

    private static readonly double[] X = { 0.7, -1.3, 0.4, 2.0, -0.6 };

    private static MethodInfo M(string name) => Compiled.Value.GetType("Ip")!.GetMethod(name)!;

    private static double[] Gradient(string name, params object[] point) => CentralDifferenceRunner.Check(M(name), null, point).Gradient[0]!;

    private static double[] Copy(double[] v) => (double[])v.Clone();

    [Fact]
    public void Filled_ByHand()
    {
        // (x, 2x, x, x): 5x.
        var r = CentralDifferenceRunner.Check(M("Filled"), null, new object[] { 0.7 });
        Assert.Equal(3.5, r.Value, 12);
        Assert.Equal(5, r.Gradient[0]![0], 12);
    }

    [Fact]
    public void Sorts_RouteTheGradientToWhereEachValueCameFrom_ByHand()
    {
        // Sorted X: (-1.3, -0.6, 0.4, 0.7, 2.0) from slots (1, 4, 2, 0, 3).
        AssertClose(new double[] { 0, 0, 1, 0, 0 }, Gradient("MedianOfCopy", new object[] { Copy(X) }));
        AssertClose(new double[] { 4, 1, 3, 5, 2 }, Gradient("SortedWeighted", new object[] { Copy(X) }));
    }

    [Fact]
    public void ReversedDot_ByHand()
    {
        // Σ x[n-1-i]·x[i]: d/dx[j] = 2x[n-1-j].
        var x = X;
        AssertClose(x.Reverse().Select(v => 2 * v).ToArray(), Gradient("ReversedDot", new object[] { Copy(x) }));
    }

    [Fact]
    public void FillRange_ByHand()
    {
        var x = new[] { 0.7, -1.3, 0.4, 2.0 };
        AssertClose(new[] { (2 * x[0] * x[1]) + (x[1] * x[3]), (x[0] * x[0]) + (x[0] * x[3]), 0, x[0] * x[1] }, Gradient("FillRange", new object[] { x }));
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(1, 3)]
    [InlineData(2, 0)]
    [InlineData(3, 2)]
    public void Ranges_MatchCentralDifferences(int a, int n)
    {
        Gradient("ReverseRange", Copy(X), a, n);
        Gradient("SortRange", Copy(X), a, n);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void InBranch_MatchesCentralDifferences(bool b) => Gradient("InBranch", Copy(X), b);

    [Fact]
    public void ReadsAroundTheSort_AndLoops_MatchCentralDifferences()
    {
        // before = x0x1; c = sorted X, c1 *= before: before·c0 + c4·c1·before = x0x1(x1 + 2.0·(-0.6)).
        var x = X;
        AssertClose(new[] { x[1] * (x[1] + (x[3] * x[4])), (x[0] * (x[1] + (x[3] * x[4]))) + (x[0] * x[1]), 0, x[0] * x[1] * x[4], x[0] * x[1] * x[3] },
            Gradient("ReadAroundSort", new object[] { Copy(x) }));
        Gradient("FillAndReverseInLoop", new object[] { Copy(X) });
    }

    [Fact]
    public void Floats_MatchCentralDifferences() =>
        CentralDifferenceRunner.Check(M("Floats"), null, new object[] { new[] { 0.7f, -1.3f, 0.4f, 1.6f } });

    [Fact]
    public void SortingTheParameter_LeavesItSorted_AndItsAdjointIsInOut_ByHand()
    {
        // x' = sorted X = X[(1, 4, 2, 0, 3)]; r = x'0·x'4 + x'1; seed s on x': dX[p[i]] = s[i] + ∂r/∂x'i.
        double[] x = Copy(X), s = { 0.3, -0.8, 1.1, 0.6, -0.2 };
        var dX = Copy(s);
        double value = (double)M("SortsTheParameterBackward").Invoke(null, new object[] { x, dX, 1.0 })!;
        Assert.Equal(new[] { -1.3, -0.6, 0.4, 0.7, 2.0 }, x);
        Assert.Equal((-1.3 * 2.0) - 0.6, value, 12);
        int[] p = { 1, 4, 2, 0, 3 };
        double[] partial = { 2.0, 1, 0, 0, -1.3 };
        var expected = new double[5];
        for (int i = 0; i < 5; i++) expected[p[i]] = s[i] + partial[i];
        AssertClose(expected, dX);
    }

    [Fact]
    public void FillingAndReversingTheParameter_InOutAdjoints_ByHand()
    {
        // y' = reverse(y0, v², v², y3) = (y3, v², v², y0); seed w on y': dY = (w3, 0, 0, w0), dV = 2v(w1 + w2).
        double[] y = { 0.5, 9, 9, 1.5 }, w = { 0.3, -0.8, 1.1, 0.6 };
        var dY = Copy(w);
        var args = new object[] { y, 0.7, dY, 0.25 };
        M("FillsTheParameterBackward").Invoke(null, args);
        AssertClose(new[] { 1.5, 0.49, 0.49, 0.5 }, y);
        AssertClose(new[] { w[3], 0, 0, w[0] }, dY);
        Assert.Equal(0.25 + (2 * 0.7 * (w[1] + w[2])), (double)args[3], 12);
    }

    private delegate double ForwardFn(double[] x, ReadOnlySpan<double> tX, out double tResult);

    [Fact]
    public void Forward_TangentEqualsTheGradientAlongTheDirection()
    {
        double[] direction = { 0.3, -0.5, 0.9, 0.2, -0.7 };
        var gradient = Gradient("Forward", new object[] { Copy(X) });
        double value = M("ForwardForward").CreateDelegate<ForwardFn>()(Copy(X), direction, out double tangent);
        Assert.Equal((double)M("Forward").Invoke(null, new object[] { Copy(X) })!, value, 12);
        Assert.Equal(gradient.Zip(direction, (g, d) => g * d).Sum(), tangent, 9);
    }

    [Theory]
    [InlineData("Array.Sort(c)", "ADG0003", "inside a loop")]
    [InlineData("Array.Fill(y, x)", "ADG0003", "[NoDiff] array 'y'")]
    public void Unsupported_IsAnErrorAtTheCall(string at, string id, string says)
    {
        var result = GeneratorHarness.Run(InPlaceSources.Diagnosed);
        Assert.True(result.Diagnostics.Any(d => d.Id == id && d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains(says, StringComparison.Ordinal)
            && d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan).Contains(at, StringComparison.Ordinal)), result.Dump());
        Assert.DoesNotContain(result.Generated.Keys, k => k.Contains("SortInLoop", StringComparison.Ordinal) || k.Contains("FillNoDiff", StringComparison.Ordinal));
    }

    [Fact]
    public void Hessian_IsDiagnosed()
    {
        var result = GeneratorHarness.Run(InPlaceSources.Diagnosed);
        Assert.Contains(result.Diagnostics, d => d.Id == "ADG0019");
        Assert.DoesNotContain(result.CompileDiagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
    }

    [Theory]
    [MemberData(nameof(LanguageVersionTests.Versions), MemberType = typeof(LanguageVersionTests))]
    public void CompilesCleanlyUnderEachLanguageVersion(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, InPlaceSources.Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
    }

    private static void AssertClose(double[] expected, double[] actual, int digits = 10)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], digits);
    }
}
