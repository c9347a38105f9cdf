using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms18b;

/// <summary>
/// Issue 13, idioms18b item 4: a [Differentiable] method that reads the sequence of an iterator (a helper or local
/// function with <c>yield return</c>, or a local IEnumerable holding one) in a foreach or under LINQ gets one ADG0003 at
/// the sequence saying to produce an array or fill a span (IteratorSources), never a constant and no code; the rewrite
/// it asks for (the helper returning a double[]) is differentiated, by hand and against central differences.
/// </summary>
public class IteratorTests
{
    private const string Header = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using AutoDiffGen;

        public static partial class F
        {
            static IEnumerable<double> Squares(double[] x) { foreach (var v in x) yield return v * v; }
            static IEnumerable<float> Halves(float[] x) { for (int i = 0; i < x.Length; i++) yield return x[i] * 0.5f; }

        """;

    [Theory]
    [InlineData("[Differentiable] public static double M(double[] x) { double s = 0; foreach (var v in Squares(x)) s += v; return s; }", "Squares(x)", "double[]")]
    [InlineData("[Differentiable] public static double M(double[] x) => Squares(x).Sum();", "Squares(x)", "double[]")]
    [InlineData("[Differentiable] public static double M(double[] x, double k) => Squares(x).Select(v => v * k).Max();", "Squares(x)", "double[]")]
    [InlineData("[Differentiable] public static double M(double[] x) { IEnumerable<double> q = Squares(x); double s = 0; foreach (var v in q) s += v; return s; }", "Squares(x)", "double[]")]
    [InlineData("[Differentiable] public static double M(double[] x) { var q = Squares(x); return q.Sum() * x[0]; }", "Squares(x)", "double[]")]
    [InlineData("[Differentiable] public static float M(float[] x) { float s = 0; foreach (var v in Halves(x)) s += v * v; return s; }", "Halves(x)", "float[]")]
    [InlineData("[Differentiable] public static double M(double[] x) { IEnumerable<double> Cubes() { foreach (var v in x) yield return v * v * v; } double s = 0; foreach (var c in Cubes()) s += c; return s; }", "Cubes()", "double[]")]
    public void AnIteratorsSequence_IsADG0003AtTheSequence_SayingToProduceAnArray_NoCode(string method, string at, string says)
    {
        var result = GeneratorHarness.Run(Header + "    " + method + "\n}\n");
        Assert.Empty(result.Exceptions);
        Assert.DoesNotContain(result.Generated.Keys, k => k.Contains("F.M", StringComparison.Ordinal));
        var errors = result.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal("ADG0003", e.Id));
        var error = Assert.Single(errors, e => e.Location.SourceTree!.GetText().ToString(e.Location.SourceSpan) == at);
        string message = error.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("iterator", message, StringComparison.Ordinal);
        Assert.Contains("return a " + says, message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheRewriteTheMessageAsksFor_IsDifferentiated_ByHand_AndCentralDifferences()
    {
        // Squares returning a double[] (as the message says): f = Σ x_i²·k + Σ sin(x_i·k), so ∂x_i = 2x_i·k + k·cos(x_i·k),
        // ∂k = Σ x_i² + Σ x_i·cos(x_i·k).
        var assembly = GeneratorHarness.CompileAndLoad(Header + """
                static double[] SquaresArray(double[] x) { var r = new double[x.Length]; for (int i = 0; i < x.Length; i++) r[i] = x[i] * x[i]; return r; }
                static double[] Scaled(double[] x, double k) { var r = new double[x.Length]; for (int i = 0; i < x.Length; i++) r[i] = x[i] * k; return r; }

                [Differentiable(Forward = true)]
                public static double M(double[] x, double k) { double s = 0; double[] q = SquaresArray(x); foreach (var v in q) s += v * k; var r = Scaled(x, k); return s + r.Sum(v => Math.Sin(v)); }
            }
            """);
        var method = assembly.GetType("F")!.GetMethod("M")!;
        var x = new[] { 0.5, -1.25, 2.0 };
        double k = 0.75;
        var r = CentralDifferenceRunner.Check(method, null, new object[] { x, k });
        for (int i = 0; i < 3; i++) Tolerance.AssertFormula(2 * x[i] * k + k * Math.Cos(x[i] * k), r.Gradient[0]![i], "∂x" + i);
        Tolerance.AssertFormula(x.Sum(v => v * v) + x.Sum(v => v * Math.Cos(v * k)), r.Gradient[1]![0], "∂k");
    }
}
