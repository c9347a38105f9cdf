using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.ArrayWrites;

/// <summary>
/// What stays an error around calls that write into arrays: each at the offending argument, with no code for the
/// caller (never a silently wrong gradient, never a broken build); and what used to be an error and is now supported.
/// </summary>
public class ArrayWriteDiagnosticTests
{
    private static GeneratorOutput Run(string member) =>
        GeneratorHarness.Run(ArrayWriteSources.Helpers, Source(member));

    /// <summary>As <see cref="Run"/>, for a test that loads the result (one emit gives the compile diagnostics and the image).</summary>
    private static GeneratorOutput RunForLoad(string member) => GeneratorHarness.RunForLoad(ArrayWriteSources.Helpers, Source(member));

    private static string Source(string member) => "using System; using AutoDiffGen; using ArrayWrites; public static partial class C { " + member + " }";

    private static Diagnostic Only(string member, string id, string underlined)
    {
        var result = Run(member);
        Assert.True(result.Exceptions.IsEmpty, result.Dump());
        Assert.DoesNotContain(result.Generated.Keys, k => k.StartsWith("C.", StringComparison.Ordinal));
        Assert.Empty(result.CompileDiagnostics);
        var d = Assert.Single(result.GeneratorDiagnostics.Concat(result.AnalyzerDiagnostics), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(id, d.Id);
        Assert.Equal(underlined, d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan));
        return d;
    }

    [Theory]
    [InlineData("static double[] buffer = new double[3]; [Differentiable] public static double F(double[] a, double[] b) { K.Subtract(a, b, buffer); return buffer[0]; }", "buffer")]
    [InlineData("static double[] Make(int n) => new double[n]; [Differentiable] public static double F(double[] a, double[] b) { K.Subtract(a, b, Make(a.Length)); return a[0]; }", "Make(a.Length)")]
    [InlineData("[Differentiable] public static double F(double[] a, double[] b) { double[] t = new double[4]; K.Subtract(a, b, t[1..]); return t[1]; }", "t[1..]")]
    public void AWrittenArrayThatIsNotALocalArrayOrParameter_IsADG0003(string member, string underlined)
    {
        var d = Only(member, "ADG0003", underlined);
        Assert.Contains("writes into, passed as anything but a local array or an array parameter", d.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Differentiable] public static double F(double[] a, double[] b) { K.Subtract(a, b, a); return a[0]; }", "a")]
    [InlineData("[Differentiable] public static double F(double[] a, double c) { double[] t = new double[2]; K.Shift(a, t, t, c); return t[0]; }", "t")]
    public void AWrittenArrayPassedTwice_IsADG0003(string member, string underlined)
    {
        var d = Only(member, "ADG0003", underlined);
        Assert.Contains("twice, where it writes into it", d.GetMessage(), StringComparison.Ordinal);
    }

    // Was ADG0018 at the written argument for any callee until forward mode passed written arrays with their tangents
    // (ForwardCalls/ForwardArrayCallTests); now only a callee without Forward = true is, at the call.
    [Fact]
    public void ForwardMode_ThroughACalleeWithoutForward_GetsItsForwardFromItsBody()
    {
        // ADG0018 at K.Subtract(a, b, t) until 2026-12-03 (hess6): Subtract's MForward is now written from its body (DerivedForms).
        var result = RunForLoad("[Differentiable(Forward = true)] public static double F(double[] a, double[] b) { double[] t = new double[2]; K.Subtract(a, b, t); return t[0] * t[1]; }\n"
            + "public static double FT(double[] a, double[] b, double[] ta, double[] tb) { FForward(a, b, ta, tb, out double r); return r; }");
        result.AssertClean();
        var type = GeneratorHarness.Load(result).GetType("C")!;
        double[] a = { 0.9, -0.4 }, b = { 0.3, 0.5 }, ta = { 1.0, 0.5 }, tb = { -0.5, 2.0 };
        double tangent = type.GetMethod("FT")!.CreateDelegate<Func<double[], double[], double[], double[], double>>()(a, b, ta, tb);
        // By hand: f = (a0 − b0)(a1 − b1), df = (ta0 − tb0)(a1 − b1) + (a0 − b0)(ta1 − tb1).
        Tolerance.AssertFormula((ta[0] - tb[0]) * (a[1] - b[1]) + (a[0] - b[0]) * (ta[1] - tb[1]), tangent, "F's tangent by hand");
        var f = type.GetMethod("F")!.CreateDelegate<Func<double[], double[], double>>();
        double F(double s) => f(a.Select((v, i) => v + s * ta[i]).ToArray(), b.Select((v, i) => v + s * tb[i]).ToArray());
        Tolerance.AssertCentral((F(1e-6) - F(-1e-6)) / 2e-6, tangent, 1, "F's tangent vs central differences");
    }

    [Fact]
    public void HessianMode_InlinesTheVoidWriter_ByHand()
    {
        // ADG0019 at the call until hess21; the void callee is inlined since. f = (a0 − b0)(a1 − b1) = a0a1 − a0b1 − b0a1 + b0b1
        // over (a0, a1, b0, b1): H[a0,a1] = H[b0,b1] = 1, H[a0,b1] = H[a1,b0] = −1, every other entry 0 (exact: sums of ±1 products).
        var result = RunForLoad("[Differentiable(Hessian = true)] public static double F(double[] a, double[] b) { double[] t = new double[2]; K.Subtract(a, b, t); return t[0] * t[1]; }"
            + " public static double H(double[] p, double[] h) => FHessian(new[] { p[0], p[1] }, new[] { p[2], p[3] }, h);");
        result.AssertClean();
        var h = Enumerable.Repeat(double.NaN, 16).ToArray();
        GeneratorHarness.Load(result).GetType("C")!.GetMethod("H")!.CreateDelegate<Func<double[], double[], double>>()(new[] { 0.9, -0.4, 0.3, 0.5 }, h);
        Assert.Equal(new double[] { 0, 1, 0, -1, 1, 0, -1, 0, 0, -1, 0, 1, -1, 0, 1, 0 }, h);
    }

    [Fact]
    public void WritingAGradientIntoANoDiffArray_IsADG0003()
    {
        var d = Only("[Differentiable] public static double F(double[] a, double[] b, [NoDiff] double[] log) { K.Subtract(a, b, log); return a[0] * log[0]; }", "ADG0003", "K.Subtract(a, b, log)");
        Assert.Contains("[NoDiff] array 'log'", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void AnArrayParameterPassedToACallee_ThenWritten_IsPassedAsACopy()
    {
        // Was ADG0003: DotBackward in the reverse sweep must see the values the call saw, not what the store left.
        var ok = RunForLoad("[Differentiable] public static double F(double[] a) { double s = K.Dot(a, a); a[0] = 5 * a[0]; return s + a[0]; }");
        Assert.Empty(ok.GeneratorDiagnostics);
        Assert.Empty(ok.CompileDiagnostics);
        // a₀² + a₁² + 5a₀, by hand.
        var a = new[] { 0.6, -1.5 };
        var dA = new double[2];
        GeneratorHarness.Load(ok).GetType("C")!.GetMethod("FBackward")!.Invoke(null, new object[] { a, dA, 1.0 });
        Assert.Equal(3.0, a[0]);
        Assert.Equal(2 * 0.6 + 5, dA[0], 12);
        Assert.Equal(2 * -1.5, dA[1], 12);
    }

    [Fact]
    public void ACallWhoseResultIsDiscarded_StillLeavesItsArray()
    {
        // Normalize returns |v| and leaves v/|v|: the statement keeps only the array. f = t₀ with t = a/|a|.
        var ok = RunForLoad("[Differentiable] public static double F(double[] a) { double[] t = new double[a.Length]; for (int i = 0; i < a.Length; i++) t[i] = a[i]; K.Normalize(t); return t[0]; }");
        Assert.Empty(ok.GeneratorDiagnostics);
        Assert.Empty(ok.CompileDiagnostics);
        var a = new[] { 3.0, 4.0 };
        var dA = new double[2];
        double value = (double)GeneratorHarness.Load(ok).GetType("C")!.GetMethod("FBackward")!.Invoke(null, new object[] { a, dA, 1.0 })!;
        Assert.Equal(0.6, value, 12);
        // ∂(a₀/|a|)/∂a = (1/|a| − a₀²/|a|³, −a₀a₁/|a|³) = (0.2 − 0.072, −0.096).
        Assert.Equal(0.128, dA[0], 12);
        Assert.Equal(-0.096, dA[1], 12);
    }
}
