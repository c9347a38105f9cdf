using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.AdBench;

/// <summary>
/// Arguments of calls that carry a gradient which the reverse sweep passes to the callee's Backward again, found by
/// writing ADBench's bundle adjustment naturally (<c>ComputeReprojError(cams.AsSpan(camIdx * 11, 11), …,
/// feats.AsSpan(i * 2, 2), err)</c> in a loop):
/// <list type="bullet">
/// <item>a [NoDiff] array or slice of a parameter passed in a loop was put on a tape that does not exist (ADG9999): it is
/// now computed again in the reverse sweep;</item>
/// <item>a slice whose start reads a local that nothing else reads (<c>int ci = obs[i]; x.AsSpan(ci * 2, 2)</c>) left
/// that local out of the generated code (CS0103, a broken build);</item>
/// <item>a constant local array stored into after the call was passed to the Backward with its later values (a wrong
/// gradient): it is now passed as a copy taken at the call;</item>
/// <item>what cannot be taped nor recomputed is ADG0003 at the argument.</item>
/// </list>
/// </summary>
public class ConstantArgumentsInLoopsTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class K
        {
            [Differentiable]
            public static double F(double x, [NoDiff] double[] c) => x * c[0];

            [Differentiable]
            public static double FS(double x, [NoDiff] ReadOnlySpan<double> c) => x * c[0] + c[1] * x * x;

            [Differentiable]
            public static double G(ReadOnlySpan<double> cam, double w) => w * cam[0] * cam[1];

            [Differentiable]
            public static void E(ReadOnlySpan<double> cam, double w, [NoDiff] ReadOnlySpan<double> feat, double[] err)
            {
                err[0] = w * (cam[0] - feat[0]);
                err[1] = w * (cam[1] - feat[1]);
            }

            // Σ_i x²·(i + 1): the [NoDiff] local array holds i + 1 when F sees it.
            [Differentiable]
            public static double StoredInTheLoop(double x, int n)
            {
                var t = new double[1];
                double s = 0;
                for (int i = 0; i < n; i++)
                {
                    t[0] = i + 1;
                    s += F(x * x, t);
                }
                return s;
            }

            // 2x² + 5x: t holds 2 at the first call, 5 at the second.
            [Differentiable]
            public static double StoredAfterTheCall(double x)
            {
                var t = new double[1];
                t[0] = 2;
                double s = F(x * x, t);
                t[0] = 5;
                return s + F(x, t);
            }

            // Σ_i (x·c[i] + c[i+1]·x²) over the [NoDiff] parameter's slices.
            [Differentiable]
            public static double SliceOfNoDiffParameter(double x, [NoDiff] double[] c)
            {
                double s = 0;
                for (int i = 0; i + 1 < c.Length; i++)
                    s += FS(x, c.AsSpan(i, 2));
                return s;
            }

            // The whole [NoDiff] array converted to a span, in a loop.
            [Differentiable]
            public static double NoDiffArrayAsSpan(double[] x, [NoDiff] double[] c)
            {
                double s = 0;
                for (int i = 0; i < x.Length; i++)
                    s += FS(x[i], c);
                return s;
            }

            [Differentiable]
            public static double SliceStartReadOnlyBySlice(double[] cams, double[] w, int[] obs)
            {
                double total = 0;
                for (int i = 0; i < w.Length; i++)
                {
                    int ci = obs[i];
                    total += G(cams.AsSpan(ci * 2, 2), w[i]);
                }
                return total;
            }

            [Differentiable]
            public static double WritingCallWithNoDiffSlices(double[] cams, double[] w, int[] obs, [NoDiff] double[] feats)
            {
                double total = 0;
                var err = new double[2];
                for (int i = 0; i < w.Length; i++)
                {
                    int ci = obs[2 * i];
                    E(cams.AsSpan(ci * 2, 2), w[i], feats.AsSpan(i * 2, 2), err);
                    total += err[0] * err[0] + err[1] * err[1];
                }
                return total;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo M(string name) => Compiled.Value.GetType("K")!.GetMethod(name)!;

    [Theory]
    [InlineData(0.7, 1)]
    [InlineData(-1.3, 4)]
    public void ALocalArrayStoredInTheLoop_IsSeenAsTheCallSawIt(double x, int n)
    {
        var result = CentralDifferenceRunner.Check(M("StoredInTheLoop"), null, new object[] { x, n });
        Assert.Equal(2 * x * n * (n + 1) / 2.0, result.Gradient[0]![0], 12);
    }

    [Fact]
    public void ALocalArrayStoredAfterTheCall_IsSeenAsTheCallSawIt()
    {
        var result = CentralDifferenceRunner.Check(M("StoredAfterTheCall"), null, new object[] { 1.5 });
        Assert.Equal(4 * 1.5 + 5, result.Gradient[0]![0], 12);
    }

    [Fact]
    public void SlicesOfANoDiffParameter_InALoop_AreComputedAgain()
    {
        double[] c = { 0.5, -1.0, 2.0, 0.25 };
        double x = 0.8;
        var result = CentralDifferenceRunner.Check(M("SliceOfNoDiffParameter"), null, new object[] { x, c });
        double expected = 0;
        for (int i = 0; i + 1 < c.Length; i++) expected += c[i] + 2 * c[i + 1] * x;
        Assert.Equal(expected, result.Gradient[0]![0], 12);
        var whole = CentralDifferenceRunner.Check(M("NoDiffArrayAsSpan"), null, new object[] { new[] { 0.3, -0.4 }, c });
        Assert.Equal(c[0] + 2 * c[1] * 0.3, whole.Gradient[0]![0], 12);
    }

    [Fact]
    public void ASliceStartReadOnlyByTheSlice_IsComputed()
    {
        var random = new Random(4);
        var cams = Enumerable.Range(0, 8).Select(_ => random.NextDouble() - 0.5).ToArray();
        var w = new[] { 0.5, 1.5, -0.7 };
        var obs = new[] { 3, 0, 3 };
        var result = CentralDifferenceRunner.Check(M("SliceStartReadOnlyBySlice"), null, new object[] { cams, w, obs });
        Assert.Equal(cams[6] * cams[7], result.Gradient[1]![0], 12);
        Assert.Equal(cams[0] * cams[1], result.Gradient[1]![1], 12);
        Assert.Equal((w[0] + w[2]) * cams[7], result.Gradient[0]![6], 12);
        var writing = GeneratorHarness.Run(Source);
        Assert.Empty(writing.CompileDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var feats = new[] { 0.1, 0.2, 0.3, 0.4, 0.5, 0.6 };
        CentralDifferenceRunner.Check(M("WritingCallWithNoDiffSlices"), null, new object[] { cams, w, new[] { 3, 0, 0, 0, 1, 0 }, feats });
    }

    private static Diagnostic Only(string member, string underlined)
    {
        var result = GeneratorHarness.Run(Source.Replace("public static partial class K\n{", "public static partial class K\n{\n" + member, StringComparison.Ordinal));
        Assert.True(result.Exceptions.IsEmpty, result.Dump());
        Assert.DoesNotContain(result.Generated.Keys, k => k.StartsWith("K.Bad", StringComparison.Ordinal));
        Assert.Empty(result.CompileDiagnostics);
        var d = Assert.Single(result.GeneratorDiagnostics.Concat(result.AnalyzerDiagnostics), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ADG0003", d.Id);
        Assert.Equal(underlined, d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan));
        return d;
    }

    [Fact]
    public void AnArrayMadeInTheLoopByAnotherMethod_IsADG0003AtTheArgument()
    {
        // Row(i) is neither a number (taped) nor a view of a parameter (computed again): it was ADG9999 (no tape for double[]).
        var d = Only("static double[] Row(int i) => new double[] { i + 1.0 }; [Differentiable] public static double Bad(double x, int n) { double s = 0; for (int i = 0; i < n; i++) s += F(x * x, Row(i)); return s; }", "Row(i)");
        Assert.Contains("computed inside a loop and passed to 'F'", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void ASliceOfALocalArrayStoredAfterTheCall_IsADG0003AtTheArgument()
    {
        var d = Only("[Differentiable] public static double Bad(double x) { var t = new double[2]; t[0] = 2; double s = FS(x * x, t.AsSpan(0, 2)); t[0] = 5; return s; }", "t.AsSpan(0, 2)");
        Assert.Contains("stored into after the call to 'FS'", d.GetMessage(), StringComparison.Ordinal);
    }
}
