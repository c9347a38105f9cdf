using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.ForwardCalls;

/// <summary>
/// What stays an error around array-writing calls in forward mode, each at the offending code with no code for the
/// caller: a callee with no forward derivative, an array passed twice (also through an alias), a gradient written into a
/// [NoDiff] array, a caller that returns a struct and writes its own array parameter through a callee, a written span
/// parameter passed on (its reverse sweep would need a copy).
/// </summary>
public class ForwardArrayCallDiagnosticTests
{
    private const string Helpers = @"
using System;
using AutoDiffGen;
public static partial class K
{
    [Differentiable(Forward = true)] public static void Sub(double[] a, double[] b, double[] r) { for (int i = 0; i < r.Length; i++) r[i] = a[i] - b[i]; }
    [Differentiable(Forward = true)] public static void Scale(double[] v, double c) { for (int i = 0; i < v.Length; i++) v[i] *= c; }
    [Differentiable(Forward = true)] public static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y) { for (int i = 0; i < y.Length; i++) y[i] += a * x[i]; }
    [Differentiable] public static void Plain(double[] v, double c) { for (int i = 0; i < v.Length; i++) v[i] *= c; }
    [Differentiable(Forward = true)] public static void ScaleF(float[] v, float c) { for (int i = 0; i < v.Length; i++) v[i] *= c; }
}";

    private static Diagnostic Only(string member, string id, string underlined)
    {
        var result = GeneratorHarness.Run(Helpers, "using System; using AutoDiffGen; public static partial class C { " + member + " }");
        Assert.True(result.Exceptions.IsEmpty, result.Dump());
        Assert.DoesNotContain(result.Generated.Keys, k => k.StartsWith("C.", StringComparison.Ordinal));
        Assert.Empty(result.CompileDiagnostics);
        var d = Assert.Single(result.GeneratorDiagnostics.Concat(result.AnalyzerDiagnostics), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(id, d.Id);
        Assert.Equal(underlined, d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan));
        return d;
    }

    [Fact]
    public void ACalleeWithoutForward_GetsItsForwardFromItsBody()
    {
        // ADG0018 at the call until 2026-12-03 (hess6): K.Plain's MForward is now written from its body (DerivedForms).
        var result = GeneratorHarness.RunForLoad(Helpers, "using System; using AutoDiffGen; public static partial class C { [Differentiable(Forward = true)] public static double F(double x) { double[] t = { x, 1 }; K.Plain(t, x); return t[0]; } }");
        result.AssertClean();
        var type = GeneratorHarness.Load(result).GetType("C")!;
        // t[0] = x·x: f' = 2x, by hand and by central differences.
        double x = 0.7;
        var args = new object[] { x, 1.0, null! };
        type.GetMethod("FForward")!.Invoke(null, args);
        Tolerance.AssertFormula(2 * x, (double)args[2], "F's tangent by hand");
        var f = type.GetMethod("F")!.CreateDelegate<Func<double, double>>();
        Tolerance.AssertCentral((f(x + 1e-6) - f(x - 1e-6)) / 2e-6, (double)args[2], x * x, "F's tangent vs central differences");
    }

    [Theory]
    [InlineData("[Differentiable(Forward = true)] public static double F(double[] a) { double[] t = new double[2]; K.Sub(a, t, t); return t[0]; }", "t")]
    [InlineData("[Differentiable(Forward = true)] public static double F(double[] a) { double[] t = { a[0], a[1] }; K.Sub(t, a, t); return t[0]; }", "t")]
    public void AWrittenArrayPassedTwice_IsADG0003(string member, string underlined)
    {
        var d = Only(member, "ADG0003", underlined);
        Assert.Contains("twice, where it writes into it", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void AWrittenArrayPassedTwiceThroughAnAlias_IsAnError()
    {
        // u names t's array: the callee's forward would read a and write r through one array (and its tangent).
        var result = GeneratorHarness.Run(Helpers, "using System; using AutoDiffGen; public static partial class C { [Differentiable(Forward = true)] public static double F(double[] a) { double[] t = { a[0], a[1] }; double[] u = t; K.Sub(t, a, u); return t[0] * u[1]; } }");
        Assert.True(result.Exceptions.IsEmpty, result.Dump());
        Assert.Empty(result.CompileDiagnostics);
        Assert.Contains(result.GeneratorDiagnostics.Concat(result.AnalyzerDiagnostics), d => d.Severity == DiagnosticSeverity.Error);
        Assert.DoesNotContain(result.Generated.Keys, k => k.StartsWith("C.", StringComparison.Ordinal));
    }

    [Fact]
    public void WritingAGradientIntoANoDiffArray_IsADG0003()
    {
        var d = Only("[Differentiable(Forward = true)] public static void F(double x, [NoDiff] double[] log, double[] y) { double[] t = { x, x * x }; K.Sub(t, t, log); y[0] = t[0] * log[0]; }", "ADG0003", "K.Sub(t, t, log)");
        Assert.Contains("[NoDiff] array 'log'", d.GetMessage(), StringComparison.Ordinal);
    }

    // One returning a double has an in/out tangent for it since 2026-12-03, second session (Forward/ValueAndArrayForwardTests).
    [Fact]
    public void ACallerReturningAStruct_ThatWritesItsOwnArrayParameterThroughACallee_IsADG0018AtTheParameter() =>
        Only("[Differentiable(Forward = true)] public static System.Numerics.Vector2 F(float[] v, float c) { K.ScaleF(v, c); return new System.Numerics.Vector2(v[0], v[1]); }", "ADG0018", "float[] v");

    [Fact]
    public void AWrittenSpanParameterPassedToAWritingCallee_IsADG0003() =>
        Only("[Differentiable(Forward = true)] public static void F(ReadOnlySpan<double> x, double s, Span<double> y) => K.Axpy(s, x, y);", "ADG0003", "K.Axpy(s, x, y)");
}
