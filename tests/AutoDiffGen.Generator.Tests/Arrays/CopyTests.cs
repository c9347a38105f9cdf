using System.Globalization;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// Local arrays made as copies (<see cref="CopySources"/>): <c>(double[])x.Clone()</c>, <c>x.ToArray()</c>, a span slice's
/// <c>ToArray()</c>, <c>x[a..b]</c>. Each gradient against central differences (with preloaded adjoints) and, where short,
/// by hand; the aliasing cases (the original written after the copy, a copy of a copy, a copy a callee writes into) are
/// there because a copy sharing its source's adjoint would give them a wrong gradient.
/// </summary>
public class CopyTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(CopySources.Source));

    private static MethodInfo M(string name) => Compiled.Value.GetType("Cp")!.GetMethod(name)!;

    private static CentralDifferenceRunner.Result Check(string name, params object[] point) => CentralDifferenceRunner.Check(M(name), null, point);

    [Theory]
    [InlineData("CloneThenWrite")]
    [InlineData("ToArrayThenScale")]
    [InlineData("RangeCopy")]
    [InlineData("CopyOfCopy")]
    public void Copies_MatchCentralDifferences(string name)
    {
        Check(name, new object[] { new[] { 0.7, -1.3, 0.4, 2.1 } });
        Check(name, new object[] { new[] { -0.2, 0.9, 1.6, -0.5 } });
    }

    [Fact]
    public void CloneThenWrite_ByHand()
    {
        // y0 = 2x0: 2x0 + x1·x0 → (2 + x1, x0, 0).
        var g = Check("CloneThenWrite", new object[] { new[] { 0.7, -1.3, 0.4 } }).Gradient[0]!;
        Assert.Equal(2 - 1.3, g[0], 12);
        Assert.Equal(0.7, g[1], 12);
        Assert.Equal(0, g[2], 12);
    }

    [Fact]
    public void ToArrayThenScale_ByHand()
    {
        // Σ (i + 1) xi² → 2(i + 1) xi.
        var x = new[] { 0.7, -1.3, 0.4 };
        var g = Check("ToArrayThenScale", new object[] { x }).Gradient[0]!;
        for (int i = 0; i < x.Length; i++) Assert.Equal(2 * (i + 1) * x[i], g[i], 12);
    }

    private delegate double SpanBackward(ReadOnlySpan<double> x, Span<double> dX, double dResult);

    [Fact]
    public void SpanSliceCopy_ByHandAndCentralDifferences()
    {
        // y = (s1, s2 + s1): s1(s1 + s2) → (0, 2s1 + s2, s1, 0).
        var s = new[] { 0.5, 0.7, -1.3, 0.4 };
        var backward = M("SpanSliceCopyBackward").CreateDelegate<SpanBackward>();
        var d = new double[s.Length];
        double value = backward(s, d, 1);
        Assert.Equal(0.7 * (0.7 - 1.3), value, 12);
        AssertClose(new[] { 0, (2 * 0.7) - 1.3, 0.7, 0 }, d);
        var forward = M("SpanSliceCopy").CreateDelegate<Func<ReadOnlySpan<double>, double>>();
        GradCheck.Check(v => forward(v), s, d).ThrowIfFailed();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void AsSpanCopy_ByHand(int from)
    {
        var x = new[] { 0.7, -1.3, 0.4, 2.0 };
        var g = Check("AsSpanCopy", x, from).Gradient[0]!;
        for (int j = 0; j < x.Length; j++)
        {
            double expected = (j == from ? x[from + 1] + 1 : 0) + (j == from + 1 ? x[from] : 0);
            Assert.Equal(expected, g[j], 12);
        }
    }

    [Fact]
    public void RangeCopy_ByHand()
    {
        // r = (x1², x2): x1²·x2 + x1 → (0, 2x1x2 + 1, x1², 0).
        var x = new[] { 0.7, -1.3, 0.4, 2.0 };
        var g = Check("RangeCopy", new object[] { x }).Gradient[0]!;
        AssertClose(new[] { 0, (2 * -1.3 * 0.4) + 1, 1.3 * 1.3, 0 }, g);
    }

    [Fact]
    public void WriteOriginalAfter_CopyKeepsItsValues_ByHand()
    {
        // u = (a, b), t = (5b, b): a·b + 5b·b → (b, a + 10b).
        double a = 0.7, b = -1.3;
        var g = Check("WriteOriginalAfter", a, b).Gradient;
        Assert.Equal(b, g[0]![0], 12);
        Assert.Equal(a + (10 * b), g[1]![0], 12);
    }

    [Fact]
    public void WriteParameterAfter_ByHand()
    {
        // keep = (x0, x1), x0' = x0x1: x0·x0x1 + x1 → (2x0x1, x0² + 1); MBackward writes x0' into x, as the method does.
        var x = new[] { 0.7, -1.3 };
        var d = new double[2];
        double value = (double)M("WriteParameterAfterBackward").Invoke(null, new object[] { x, d, 1.0 })!;
        Assert.Equal(0.7 * 0.7 * -1.3 - 1.3, value, 12);
        Assert.Equal(0.7 * -1.3, x[0], 12);
        Assert.Equal(2 * 0.7 * -1.3, d[0], 12);
        Assert.Equal((0.7 * 0.7) + 1, d[1], 12);
    }

    [Fact]
    public void CopyOfCopy_ByHand()
    {
        // a0 = sin x0, b1 = sin x0 · x1, a1 = 0: sin x0 + sin x0 · x1 → (cos x0 (1 + x1), sin x0).
        var x = new[] { 0.7, -1.3 };
        var g = Check("CopyOfCopy", new object[] { x }).Gradient[0]!;
        Assert.Equal(Math.Cos(0.7) * (1 - 1.3), g[0], 12);
        Assert.Equal(Math.Sin(0.7), g[1], 12);
    }

    [Fact]
    public void SecondNameOfAWrittenParameter_IsTheSameArray_ByHand()
    {
        // y names x, and y[0] = 2 overwrites x[0]: 2·x1 + x2 → (0, 2, 1). A copy would give (x1, 2, 1).
        // A written parameter's adjoint is in/out (not added into), so the Backward is called directly.
        var backward = Compiled.Value.GetType("Cp")!.GetMethod("SecondNameBackward")!;
        var x = new[] { 0.7, -1.3, 0.4 };
        var g = new double[3];
        double value = (double)backward.Invoke(null, new object[] { x, g, 1.0 })!;
        Assert.Equal(2 * -1.3 + 0.4, value, 12);
        Assert.Equal(2, x[0]);
        Assert.Equal(0, g[0], 12);
        Assert.Equal(2, g[1], 12);
        Assert.Equal(1, g[2], 12);
        // Central differences in x1 and x2 (x0 is overwritten, so f does not depend on it).
        static double F(double a, double b, double c) { var v = new[] { a, b, c }; v[0] = 2; return v[0] * v[1] + v[2]; }
        const double h = 1e-6;
        Assert.Equal((F(0.7, -1.3 + h, 0.4) - F(0.7, -1.3 - h, 0.4)) / (2 * h), g[1], 6);
        Assert.Equal((F(0.7, -1.3, 0.4 + h) - F(0.7, -1.3, 0.4 - h)) / (2 * h), g[2], 6);
        Assert.Equal((F(0.7 + h, -1.3, 0.4) - F(0.7 - h, -1.3, 0.4)) / (2 * h), g[0], 6);
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(-0.4)]
    public void CopyPassedToAWritingCallee_ByHand(double k)
    {
        // y = kx: k²x0x1 + x0 → (k²x1 + 1, k²x0, 0), ∂/∂k = 2k x0x1; x itself is left alone.
        var x = new[] { 0.7, -1.3, 0.2 };
        var r = Check("CopyPassed", x, k);
        Assert.Equal((k * k * -1.3) + 1, r.Gradient[0]![0], 12);
        Assert.Equal(k * k * 0.7, r.Gradient[0]![1], 12);
        Assert.Equal(0, r.Gradient[0]![2], 12);
        Assert.Equal(2 * k * 0.7 * -1.3, r.Gradient[1]![0], 12);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void CopyInBranch_MatchesCentralDifferences(bool flip) => Check("CopyInBranch", new[] { 0.7, -1.3, 0.4 }, flip);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void CloneInLoop_MatchesCentralDifferences(int n) => Check("CloneInLoop", new[] { 0.7, -1.3, 0.4 }, n);

    [Fact]
    public void WindowsInLoop_ByHand()
    {
        // w = (xi, xi+1), w1 = xi·xi+1: Σ xi²·xi+1 → 2xj·xj+1 + xj-1².
        var x = new[] { 0.7, -1.3, 0.4, 2.0 };
        var g = Check("WindowsInLoop", new object[] { x }).Gradient[0]!;
        for (int j = 0; j < x.Length; j++)
        {
            double expected = (j + 1 < x.Length ? 2 * x[j] * x[j + 1] : 0) + (j >= 1 ? x[j - 1] * x[j - 1] : 0);
            Assert.Equal(expected, g[j], 10);
        }
    }

    [Fact]
    public void RangesInLoop_MatchesCentralDifferences() => Check("RangesInLoop", new object[] { new[] { 0.7, -1.3, 0.4, 2.0 } });

    [Theory]
    [InlineData(1.5)]
    [InlineData(-0.4)]
    public void CopyPassedInLoop_ByHand(double k)
    {
        // Each iteration y = (k + i)·x: Σi (k + i)²·x0x1 → ∂/∂x0 = Σ (k + i)² x1, ∂/∂k = Σ 2(k + i) x0x1.
        var x = new[] { 0.7, -1.3, 0.2 };
        var r = Check("CopyPassedInLoop", x, k);
        double squares = (k * k) + ((k + 1) * (k + 1));
        Assert.Equal(squares * x[1], r.Gradient[0]![0], 10);
        Assert.Equal(squares * x[0], r.Gradient[0]![1], 10);
        Assert.Equal(0, r.Gradient[0]![2], 10);
        Assert.Equal(2 * (k + k + 1) * x[0] * x[1], r.Gradient[1]![0], 10);
    }

    private delegate double SpanLoopBackward(ReadOnlySpan<double> v, int n, Span<double> dV, double dResult);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void SpanCopiesInLoop_MatchCentralDifferences(int n)
    {
        var v = new[] { 0.5, 0.7, -1.3, 0.4 };
        var d = new double[v.Length];
        M("SpanCopiesInLoopBackward").CreateDelegate<SpanLoopBackward>()(v, n, d, 1);
        var forward = M("SpanCopiesInLoop").CreateDelegate<Func<ReadOnlySpan<double>, int, double>>();
        GradCheck.Check(p => forward(p, n), v, d).ThrowIfFailed();
        if (n == 1) Assert.Equal(new[] { 0.7, 0.5, 0, 0 }, d);
    }

    [Fact]
    public void ACopyInALoopWithABadRange_ThrowsAsTheMethodDoes()
    {
        // v.Slice(3, 2) of four elements: ArgumentOutOfRangeException, in the method and in its Backward.
        var v = new[] { 0.5, 0.7, -1.3, 0.4 };
        var forward = M("SpanCopiesInLoop").CreateDelegate<Func<ReadOnlySpan<double>, int, double>>();
        var backward = M("SpanCopiesInLoopBackward").CreateDelegate<SpanLoopBackward>();
        Assert.Throws<ArgumentOutOfRangeException>(() => forward(v, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => backward(v, 4, new double[4], 1));
    }

    [Fact]
    public void Floats_MatchCentralDifferences() => Check("Floats", new object[] { new[] { 0.7f, -1.3f } });

    [Theory]
    [InlineData("(c ? x : z).ToArray()", "taken of anything but a parameter or a local array")]
    public void Unsupported_IsAnErrorAtTheCopy(string at, string says)
    {
        var result = GeneratorHarness.Run(CopySources.Diagnosed);
        Assert.Contains(result.Diagnostics, d => d.Id.StartsWith("ADG", StringComparison.Ordinal)
            && d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == at
            && d.GetMessage(CultureInfo.InvariantCulture).Contains(says, StringComparison.Ordinal));
        Assert.Empty(result.CompileDiagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
    }

    [Theory]
    [MemberData(nameof(LanguageVersionTests.Versions), MemberType = typeof(LanguageVersionTests))]
    public void CompilesCleanlyUnderEachLanguageVersion(LanguageVersion version, bool nullable)
    {
        // Ranges are C# 8: below it, the examples without them.
        string source = version < LanguageVersion.CSharp8 ? WithoutRanges(CopySources.Source) : CopySources.Source;
        var result = LanguageVersionHarness.Run(version, nullable, null, source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Empty(GeneratorHarness.AnalyzerDiagnostics(result.Compilation));
    }

    [Fact]
    public void CSharp73_CopiesAgreeWithCentralDifferences()
    {
        var result = LanguageVersionHarness.RunForLoad(LanguageVersion.CSharp7_3, false, null, WithoutRanges(CopySources.Source));
        Assert.True(result.CompileDiagnostics.IsEmpty, result.Dump());
        var type = result.Load().GetType("Cp")!;
        CentralDifferenceRunner.Check(type.GetMethod("CloneThenWrite")!, null, new object[] { new[] { 0.7, -1.3, 0.4 } });
        CentralDifferenceRunner.Check(type.GetMethod("WriteOriginalAfter")!, null, new object[] { 0.7, -1.3 });
        CentralDifferenceRunner.Check(type.GetMethod("CopyOfCopy")!, null, new object[] { new[] { 0.7, -1.3 } });
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 12);
    }

    private static string WithoutRanges(string source)
    {
        int start = source.IndexOf("    [Differentiable]\n    public static double RangeCopy", StringComparison.Ordinal);
        int end = source.IndexOf("    // Aliasing: the original", StringComparison.Ordinal);
        Assert.True(start > 0 && end > start);
        return source.Remove(start, end - start);
    }
}
