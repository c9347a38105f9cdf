using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.SpanOutputs;

/// <summary>
/// What stays an error around span and array outputs: each one error at the offending code, no code for the method,
/// and no broken build (the uses of a written span the generator cannot follow would give wrong gradients or code
/// that does not compile).
/// </summary>
public class SpanOutputDiagnosticTests
{
    private const string Helpers = "[Differentiable] public static double Sum(ReadOnlySpan<double> v) => v[0] + v[1]; ";

    private static Diagnostic Only(string member, string id, string underlined)
    {
        var result = GeneratorHarness.Run("using System; using AutoDiffGen; public static partial class C { " + Helpers + member + " }");
        Assert.True(result.Exceptions.IsEmpty, result.Dump());
        Assert.DoesNotContain(result.Generated.Keys, k => k.StartsWith("C.F_", StringComparison.Ordinal));
        Assert.Empty(result.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        var errors = result.GeneratorDiagnostics.Concat(GeneratorHarness.AnalyzerDiagnostics(result.Compilation)).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var d = Assert.Single(errors);
        Assert.Equal(id, d.Id);
        Assert.Equal(underlined, d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan));
        return d;
    }

    [Theory]
    // Effects on the span the generator does not see: it would take y[0] for x[0]² when the method left 2.
    [InlineData("[Differentiable] public static void F(ReadOnlySpan<double> x, Span<double> y) { y[0] = x[0] * x[0]; MemoryExtensions.Sort(y, (p, q) => q.CompareTo(p)); }", "ADG0002", "MemoryExtensions.Sort(y, (p, q) => q.CompareTo(p))")]
    // (MemoryExtensions.Sort(y) on a written span parameter is ADG0003 saying to take a double[] output since 2026-12-03: Arrays/SortTests.)
    // (x.CopyTo(y) is a store of each element it copies since issue 13: Arrays/CopyIntoTests; y.Fill(v), y.Clear() and
    // MemoryExtensions.Reverse(y) are followed since 2026-12-03: Arrays/InPlaceArrayTests.)
    [InlineData("[Differentiable] public static void F(ReadOnlySpan<double> x, Span<double> y) { y[0] = x[0] * x[0]; y.Replace(0.0, 2.0); }", "ADG0002", "y.Replace(0.0, 2.0)")]
    [InlineData("[Differentiable] public static void F(ReadOnlySpan<double> x, Span<double> y) { y[0] = x[0]; y[^1] = x[1]; }", "ADG0007", "y[^1] = x[1]")]
    [InlineData("[Differentiable] public static void F(ReadOnlySpan<double> x, Span<double> y) { y[0] = x[0]; y.Slice(1)[0] = x[1]; }", "ADG0007", "y.Slice(1)[0] = x[1]")]
    // A span local naming the written span: its reads would name one version while they read the latest.
    // (A span local viewing the written y, read element by element, is supported since issue 13: Arrays/SpanLocalTests; used
    // as a value, it is an error at that use.)
    [InlineData("[Differentiable] public static void F(ReadOnlySpan<double> x, Span<double> y) { y[0] = x[0]; ReadOnlySpan<double> z = y; y[1] = z.ToArray()[0] * x[1]; }", "ADG0003", "z.ToArray()[0]")]
    [InlineData("[Differentiable] public static void F(double[] x, double[] y) { y[0] = x[0]; ReadOnlySpan<double> z = y; y[1] = z.ToArray()[0] * x[1]; }", "ADG0003", "z.ToArray()[0]")]
    // A written span passed to a callee and written after: the callee's Backward would need a copy, which a Span has not.
    [InlineData("[Differentiable] public static void F(ReadOnlySpan<double> x, Span<double> y) { y[0] = x[0]; y[1] = Sum(y); y[0] = 2 * x[1]; }", "ADG0003", "y")]
    public void AUseOfAWrittenSpanTheGeneratorCannotFollow_IsAnError(string member, string id, string underlined) => Only(member, id, underlined);

    [Theory]
    [InlineData("[Differentiable(Jacobian = true)] public static void F(double a, double[,] y) { y[0, 0] = a * a; }", "F", "writes its results into the double[,] parameter 'y'")]
    [InlineData("[Differentiable(Jacobian = true)] public static void F(double a, double[] y, [NoDiff] double[] log) { y[0] = a * a; log[0] = 1; }", "F", "writes its results into the [NoDiff] parameter 'log'")]
    [InlineData("[Differentiable(Jacobian = true)] public static void F(ref double a, Span<double> y) { y[0] = a * a; a = 2 * a; }", "F", "has ref or out parameters and also writes into an array it is passed")]
    [InlineData("[Differentiable(Jacobian = true)] public static double F(double a, Span<double> y) { y[0] = a * a; return a; }", "F", "returns a value and also writes into an array it is passed")]
    public void MJacobian_OfAShapeItDoesNotCover_IsADG0003AtTheName(string member, string underlined, string says)
    {
        var d = Only(member, "ADG0003", underlined);
        Assert.Contains(says, d.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Differentiable(Forward = true)] public static void F(double a) { }", "void", "writes into no array or span parameter")]
    // One that also returns a double has a tangent since 2026-12-03, second session (Forward/ValueAndArrayForwardTests); one that returns a struct has none.
    [InlineData("[Differentiable(Forward = true)] public static System.Numerics.Vector2 F(ReadOnlySpan<float> x, Span<float> y) { y[0] = x[0] * x[0]; return new System.Numerics.Vector2(y[0], x[1]); }", "Span<float> y", "also returns a struct")]
    // A void method writing a double[,] has a tangent since 2026-12-03 (Matrices/MatrixWriteForwardTests), and one returning a double since the second session.
    [InlineData("[Differentiable(Forward = true)] public static System.Numerics.Vector2 F(float a, float[,] y) { y[0, 0] = a * a; return new System.Numerics.Vector2(a, a); }", "float[,] y", "also returns a struct")]
    public void MForward_OfAShapeItDoesNotCover_IsADG0018(string member, string underlined, string says)
    {
        var d = Only(member, "ADG0018", underlined);
        Assert.Contains(says, d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void AHessianOfAVoidMethodWritingASpan_IsADG0019() =>
        Only("[Differentiable(Hessian = true)] public static void F(ReadOnlySpan<double> x, Span<double> y) { y[0] = x[0] * x[0]; }", "ADG0019", "F");
}
