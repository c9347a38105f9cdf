using System.Globalization;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// Copies into arrays that exist (<see cref="CopyIntoSources"/>), differentiated as element stores: the adjoint of the
/// destination's overwritten slots goes to the source's elements, and the values they held get nothing. Each gradient
/// against central differences and by hand; methods that write an array parameter through their Backward directly, their
/// in/out adjoints checked against central differences of w·(final values) + result.
/// </summary>
public class CopyIntoTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(CopyIntoSources.Source));

    private static readonly double[] X = { 0.7, -1.3, 0.4, 2.0, -0.6 };

    private static MethodInfo M(string name) => Compiled.Value.GetType("Ci")!.GetMethod(name)!;

    private static double[] Gradient(string name, params object[] point) => CentralDifferenceRunner.Check(M(name), null, point).Gradient[0]!;

    private static double[] Copy(double[] v) => (double[])v.Clone();

    [Fact]
    public void Basic_OverwrittenValueGetsNothing_ByHand()
    {
        // y = (x0, x1, x2, 2x0): x0x1 + 2x0x2 → (x1 + 2x2, x0, 2x0, 0, 0); y0 = 5x3 was overwritten.
        var x = X;
        AssertClose(new[] { x[1] + (2 * x[2]), x[0], 2 * x[0], 0, 0 }, Gradient("Basic", new object[] { Copy(x) }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void Five_ByHand(int a)
    {
        // y = (0, x[a], x[a + 1], 3x0, 4x0): x[a]² + x[a+1]² + 25x0².
        var g = Gradient("Five", Copy(X), a);
        for (int j = 0; j < X.Length; j++)
        {
            double expected = (j == a ? 2 * X[j] : 0) + (j == a + 1 ? 2 * X[j] : 0) + (j == 0 ? 50 * X[0] : 0);
            Assert.Equal(expected, g[j], 10);
        }
    }

    [Fact]
    public void ConstrainedAndCopyTo_ByHand()
    {
        var x = X;
        AssertClose(new[] { x[1] * x[2], x[0] * x[2], x[0] * x[1], 0, 0 }, Gradient("Constrained", new object[] { Copy(x) }));
        // y = (3x1, x0, …, x4): 3x1x0 + x4.
        AssertClose(new[] { 3 * x[1], 3 * x[0], 0, 0, 1 }, Gradient("WholeCopyTo", new object[] { Copy(x) }));
    }

    [Fact]
    public void SpanForms_ByHand()
    {
        var x = X;
        // y = (x0², x1², x1, x2): x0²x1² + x1x2.
        AssertClose(new[] { 2 * x[0] * x[1] * x[1], (2 * x[0] * x[0] * x[1]) + x[2], x[1], 0, 0 }, Gradient("SpanSlices", new object[] { Copy(x) }));
        AssertClose(new[] { x[1], x[0], 1, 0, 0 }, Gradient("WholeSpan", new object[] { Copy(x) }));
        // y = (sin x0, x2, x3): x2x3 + sin x0.
        AssertClose(new[] { Math.Cos(x[0]), 0, x[3], x[2], 0 }, Gradient("SliceOfSlice", new object[] { Copy(x) }));
        AssertClose(new[] { x[1], x[0], 0, 0, 0 }, Gradient("ArrayIntoSpan", new object[] { Copy(x) }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    public void Window_InALoop_MatchesCentralDifferences(int n) => Gradient("Window", Copy(X), n);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void InBranch_MatchesCentralDifferences(bool c)
    {
        // Taken: y = (x0, x1): x0x1 + x0; not: x2·x2² + x0.
        var x = X;
        var g = Gradient("InBranch", Copy(x), c);
        AssertClose(c ? new[] { x[1] + 1, x[0], 0, 0, 0 } : new[] { 1, 0, 3 * x[2] * x[2], 0, 0 }, g);
    }

    [Fact]
    public void LocalToLocal_TheCopyKeepsItsValues_ByHand()
    {
        // b = (2x0, 2x1, x0), a0 = x1²: x1²·2x0 + 2x1·x0.
        var x = X;
        AssertClose(new[] { (2 * x[1] * x[1]) + (2 * x[1]), (4 * x[0] * x[1]) + (2 * x[0]), 0, 0, 0 }, Gradient("LocalToLocal", new object[] { Copy(x) }));
    }

    [Fact]
    public void CalledThenCopied_TheCalleeSeesTheValuesOfTheCall_ByHand()
    {
        // SumSq(x0x1, x2) + x1x2.
        var x = X;
        AssertClose(new[] { 2 * x[0] * x[1] * x[1], (2 * x[0] * x[0] * x[1]) + x[2], (2 * x[2]) + x[1], 0, 0 }, Gradient("CalledThenCopied", new object[] { Copy(x) }));
    }

    [Fact]
    public void ACalleeThatCopiesIntoItsParameter_WritesIt_ByHand()
    {
        var x = X;
        AssertClose(new[] { x[1], x[0], 1, 0, 0 }, Gradient("CallsFill", new object[] { Copy(x) }));
    }

    [Fact]
    public void ConstantSource_OnlyOverwrites_ByHand()
    {
        // y = (x0², 0.5, 2): x0² + x1.
        var x = X;
        AssertClose(new[] { 2 * x[0], 1, 0, 0, 0 }, Gradient("ConstantSource", new object[] { Copy(x) }));
    }

    [Fact]
    public void Floats_MatchCentralDifferences()
    {
        var g = CentralDifferenceRunner.Check(M("Floats"), null, new object[] { new[] { 0.7f, -1.3f, 0.4f } }).Gradient[0]!;
        // y = (x1, x2, x0): x1x2 + x0.
        AssertClose(new[] { 1, 0.4, -1.3 }, g, 5);
    }

    private delegate double SpanBackward(ReadOnlySpan<double> s, Span<double> dS, double dResult);

    [Fact]
    public void FromSpan_ByHandAndCentralDifferences()
    {
        var s = new[] { 0.5, 0.7, -1.3, 0.4 };
        var d = new double[s.Length];
        double value = M("FromSpanBackward").CreateDelegate<SpanBackward>()(s, d, 1);
        Assert.Equal((0.7 * -1.3) + 0.5, value, 12);
        AssertClose(new[] { 1, -1.3, 0.7, 0 }, d);
        var f = M("FromSpan").CreateDelegate<Func<ReadOnlySpan<double>, double>>();
        AssertCentral(p => f(p[0]), new[] { s }, new[] { d });
    }

    private delegate void IntoBackwardFn(ReadOnlySpan<double> x, double[] y, Span<double> dX, double[] dY);

    private delegate void IntoFn(ReadOnlySpan<double> x, double[] y);

    [Fact]
    public void IntoAnArrayParameter_InOutAdjoints_ByHandAndCentralDifferences()
    {
        // y' = (x0x1, x1, x2, y3); seed w: dX = (w0x1, w0x0 + w1, w2), dY = (0, 0, 0, w3).
        double[] x = { 0.7, -1.3, 0.4 }, y = { 9, 9, 9, 1.5 }, w = { 0.3, -0.8, 1.1, 0.6 };
        var dX = new double[3];
        var dY = Copy(w);
        var yOut = Copy(y);
        M("IntoBackward").CreateDelegate<IntoBackwardFn>()(x, yOut, dX, dY);
        AssertClose(new[] { x[0] * x[1], x[1], x[2], y[3] }, yOut);
        AssertClose(new[] { w[0] * x[1], (w[0] * x[0]) + w[1], w[2] }, dX);
        AssertClose(new[] { 0, 0, 0, w[3] }, dY);
        var f = M("Into").CreateDelegate<IntoFn>();
        AssertCentral(p => { var t = Copy(p[1]); f(p[0], t); return Dot(w, t); }, new[] { x, y }, new[] { dX, dY });
    }

    [Fact]
    public void IntoPartOfAnArrayParameter_InOutAdjoints_ByHandAndCentralDifferences()
    {
        // y' = (x1, x2, y2 + x1x2, y3): dX = (0, w0 + w2x2, w1 + w2x1), dY = (0, 0, w2, w3).
        double[] x = { 0.7, -1.3, 0.4 }, y = { 9, 9, 0.25, 1.5 }, w = { 0.3, -0.8, 1.1, 0.6 };
        var dX = new double[3];
        var dY = Copy(w);
        var backward = M("IntoPartBackward");
        backward.Invoke(null, new object[] { Copy(x), Copy(y), dX, dY });
        AssertClose(new[] { 0, w[0] + (w[2] * x[2]), w[1] + (w[2] * x[1]) }, dX);
        AssertClose(new[] { 0, 0, w[2], w[3] }, dY);
        var f = M("IntoPart");
        AssertCentral(p => { var t = Copy(p[1]); f.Invoke(null, new object[] { Copy(p[0]), t }); return Dot(w, t); }, new[] { x, y }, new[] { dX, dY });
    }

    private delegate void IntoSpanBackwardFn(ReadOnlySpan<double> x, Span<double> y, Span<double> dX, Span<double> dY);

    private delegate void IntoSpanFn(ReadOnlySpan<double> x, Span<double> y);

    [Fact]
    public void IntoASpanParameter_InOutAdjoints_ByHandAndCentralDifferences()
    {
        // y' = (x1x0, x2, x3): dX = (w0x1, w0x0, w1, w2), dY = 0.
        double[] x = { 0.7, -1.3, 0.4, 2.0 }, y = { 9, 9, 9 }, w = { 0.3, -0.8, 1.1 };
        var dX = new double[4];
        var dY = Copy(w);
        M("IntoSpanBackward").CreateDelegate<IntoSpanBackwardFn>()(x, Copy(y), dX, dY);
        AssertClose(new[] { w[0] * x[1], w[0] * x[0], w[1], w[2] }, dX);
        AssertClose(new double[3], dY);
        var f = M("IntoSpan").CreateDelegate<IntoSpanFn>();
        AssertCentral(p => { var t = Copy(p[1]); f(p[0], t); return Dot(w, t); }, new[] { x, y }, new[] { dX, dY });
    }

    [Fact]
    public void ShiftIntoTheParameterItReturnsFrom_ByHandAndCentralDifferences()
    {
        // x' = (x0, w0, w1, x3), r = x0w0 + w1w0; seed s on x': dX = (w0 + s0, 0, 0, s3), dW = (x0 + w1 + s1, w0 + s2).
        double[] x = { 0.7, -1.3, 0.4, 2.0 }, w = { 0.5, -0.9 }, s = { 0.3, -0.8, 1.1, 0.6 };
        var dX = Copy(s);
        var dW = new double[2];
        double value = (double)M("ShiftBackward").Invoke(null, new object[] { Copy(x), Copy(w), dX, dW, 1.0 })!;
        Assert.Equal((x[0] * w[0]) + (w[1] * w[0]), value, 12);
        AssertClose(new[] { w[0] + s[0], 0, 0, s[3] }, dX);
        AssertClose(new[] { x[0] + w[1] + s[1], w[0] + s[2] }, dW);
        AssertCentral(p =>
        {
            var t = Copy(p[0]);
            double r = (double)M("Shift").Invoke(null, new object[] { t, Copy(p[1]) })!;
            return r + Dot(s, t);
        }, new[] { x, w }, new[] { dX, dW });
    }

    [Theory]
    [InlineData(4)]
    [InlineData(-1)]
    [InlineData(10)]
    public void ABadRange_ThrowsAsTheMethodDoes_EvenWhenTheCopyIsNotRead(int a)
    {
        var primal = Assert.ThrowsAny<TargetInvocationException>(() => M("Unread").Invoke(null, new object[] { Copy(X), a })).InnerException!;
        var backward = Assert.ThrowsAny<TargetInvocationException>(() => M("UnreadBackward").Invoke(null, new object[] { Copy(X), a, new double[X.Length], 1.0 })).InnerException!;
        Assert.Equal(primal.GetType(), backward.GetType());
        Gradient("Unread", Copy(X), 2);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(-1)]
    public void ASpanDestinationTooShort_ThrowsAsTheMethodDoes(int b)
    {
        var primal = Assert.ThrowsAny<TargetInvocationException>(() => M("TooShort").Invoke(null, new object[] { Copy(X), b })).InnerException!;
        var backward = Assert.ThrowsAny<TargetInvocationException>(() => M("TooShortBackward").Invoke(null, new object[] { Copy(X), b, new double[X.Length], 1.0 })).InnerException!;
        Assert.Equal(primal.GetType(), backward.GetType());
        // In range: y = (x1 or 0, …, x2 or 0): checked against central differences.
        Gradient("TooShort", Copy(X), 0);
        Gradient("TooShort", Copy(X), 2);
    }

    [Theory]
    [InlineData("Array.Copy(x, 0, x, 1, 2)", "ADG0003", "A copy within one array")]
    [InlineData("Array.Copy(f, y, 2)", "ADG0003", "different element types")]
    [InlineData("Array.Copy(x, y, 2)", "ADG0003", "[NoDiff] array 'y'")]
    [InlineData("Array.Copy(x, m[0], 2)", "ADG0002", "not a local array or an array parameter")]
    [InlineData("Array.Copy(x, y, 2L)", "ADG0002", "long indexes")]
    public void Unsupported_IsAnErrorAtTheCopy(string at, string id, string says)
    {
        var result = GeneratorHarness.Run(CopyIntoSources.Diagnosed);
        Assert.True(result.Diagnostics.Any(d => d.Id == id
            && d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan).Contains(at, StringComparison.Ordinal)
            && d.GetMessage(CultureInfo.InvariantCulture).Contains(says, StringComparison.Ordinal)), result.Dump());
        Assert.Empty(result.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void Hessian_CopyIntoAParameter_IsADG0019AtTheParameter()
    {
        // hess23 follows copies into local arrays only: a written parameter's tangents are spans over the direction (its copy
        // generated code that did not compile, CS1503, before this refusal).
        var result = GeneratorHarness.Run("using System;\nusing AutoDiffGen;\npublic static partial class C\n{\n    [Differentiable(Hessian = true)]\n"
            + "    public static double IntoParam(double[] p, double k) { var x = new double[] { k * k, k }; Array.Copy(x, p, 2); return p[0] * p[1] + p[2] * k; }\n}\n");
        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ADG0019", error.Id);
        Assert.Equal("double[] p", error.Location.SourceTree!.GetText().ToString(error.Location.SourceSpan));
        Assert.DoesNotContain(result.Generated.Values, t => t.Contains("IntoParamHessian(", StringComparison.Ordinal));
    }

    [Fact]
    public void Hessian_FollowsTheCopy()
    {
        // ADG0019 at 'y' until hess23; since then the copy is followed by the product (checked by hand and central differences
        // in Hessians/HessianArrayShapeTests.CopiesIntoALocalArray_MatchHand and FillCopyFromAParameterAndReverse_MatchHand).
        var result = GeneratorHarness.Run(CopyIntoSources.Diagnosed);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "ADG0019");
        Assert.Contains(result.Generated.Values, t => t.Contains(" HessianHessian(", StringComparison.Ordinal));
        Assert.Empty(result.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Theory]
    [MemberData(nameof(LanguageVersionTests.Versions), MemberType = typeof(LanguageVersionTests))]
    public void CompilesCleanlyUnderEachLanguageVersion(LanguageVersion version, bool nullable)
    {
        string source = version < LanguageVersion.CSharp8 ? WithoutRanges(CopyIntoSources.Source) : CopyIntoSources.Source;
        var result = LanguageVersionHarness.Run(version, nullable, null, source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Empty(GeneratorHarness.AnalyzerDiagnostics(result.Compilation));
    }

    [Fact]
    public void CSharp73_CopiesAgreeWithCentralDifferences()
    {
        var result = LanguageVersionHarness.RunForLoad(LanguageVersion.CSharp7_3, false, null, WithoutRanges(CopyIntoSources.Source));
        Assert.True(result.CompileDiagnostics.IsEmpty, result.Dump());
        var type = result.Load().GetType("Ci")!;
        CentralDifferenceRunner.Check(type.GetMethod("Basic")!, null, new object[] { Copy(X) });
        CentralDifferenceRunner.Check(type.GetMethod("Window")!, null, new object[] { Copy(X), 3 });
        CentralDifferenceRunner.Check(type.GetMethod("SpanSlices")!, null, new object[] { Copy(X) });
    }

    private static string WithoutRanges(string source)
    {
        int start = source.IndexOf("    // A slice of a slice into a range", StringComparison.Ordinal);
        int end = source.IndexOf("    // MemoryExtensions.CopyTo", StringComparison.Ordinal);
        Assert.True(start > 0 && end > start);
        return source.Remove(start, end - start);
    }

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    /// <summary>Each component of <paramref name="analytic"/> against central differences of <paramref name="g"/> at <paramref name="point"/>.</summary>
    private static void AssertCentral(Func<double[][], double> g, double[][] point, double[][] analytic)
    {
        const double h = 1e-6;
        for (int i = 0; i < point.Length; i++)
        {
            for (int j = 0; j < point[i].Length; j++)
            {
                var plus = point.Select(Copy).ToArray();
                var minus = point.Select(Copy).ToArray();
                plus[i][j] += h;
                minus[i][j] -= h;
                double numeric = (g(plus) - g(minus)) / (2 * h);
                Assert.True(Math.Abs(numeric - analytic[i][j]) < 1e-6 * (1 + Math.Abs(numeric)), $"input {i}[{j}]: central {numeric}, analytic {analytic[i][j]}");
            }
        }
    }

    private static void AssertClose(double[] expected, double[] actual, int digits = 10)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], digits);
    }
}
