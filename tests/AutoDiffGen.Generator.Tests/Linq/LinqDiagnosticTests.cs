using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Linq;

/// <summary>
/// LINQ that is not lowered to a loop stays an ADG error at the offending code, with what to write instead: operators
/// that change the sequence (ToList, Skip of an unordered sequence, TakeWhile, Concat, OrderBy by another key…; Where is lowered, but not an index after it nor ToArray after it), a statement lambda, a method group, a lambda that
/// assigns, Zip without a lambda, Aggregate with a result selector, a result that is not a real, an array that is not a
/// parameter or local. None is taken as a constant; none breaks the build.
/// </summary>
public class LinqDiagnosticTests
{
    private const string Prelude = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using AutoDiffGen;
        public static partial class C
        {
        """;

    private static GeneratorOutput Run(string member) => GeneratorHarness.Run(Prelude + member + "\n}");

    [Theory]
    [InlineData("[Differentiable] public static double F(double[] x) => x.TakeWhile(v => v > 0).Sum();", "ADG0003", "x.TakeWhile(v => v > 0)", "LINQ's TakeWhile")]
    [InlineData("[Differentiable] public static double F(double[] x) => x.Where(v => v > 0).Select((v, i) => v * i).Sum();", "ADG0003", "(v, i) => v * i", "after Where")]
    [InlineData("[Differentiable] public static double F(double[] x) => x.Where((v, i) => i > 0).Sum();", "ADG0003", "(v, i) => i > 0", "A filter with an index")]
    [InlineData("[Differentiable] public static double F(double[] x, double[] y) => x.Where(v => v > 0).Zip(y, (a, b) => a * b).Sum();", "ADG0003", "", "Zip of a sequence filtered by Where")]
    [InlineData("[Differentiable] public static double F(double[] x) => x.Where(v => { bool k = v > 0; return k; }).Sum();", "ADG0003", "", "statement body")]
    [InlineData("[Differentiable] public static double F(double[] x) => x.Select(v => v * v).ToList().Sum();", "ADG0003", "x.Select(v => v * v).ToList()", "LINQ's ToList")]
    [InlineData("[Differentiable] public static double F(double[] x) => x.Skip(1).Sum();", "ADG0003", "x.Skip(1)", "LINQ's Skip")]
    [InlineData("[Differentiable] public static double F(double[] x, double[] y) => x.Concat(y).Max();", "ADG0003", "x.Concat(y)", "LINQ's Concat")]
    // (x.OrderBy(v => v).First() is an element of the sorted array since 2026-12-03: Linq/SelectToArrayTests; another key is not.)
    [InlineData("[Differentiable] public static double F(double[] x) => x.OrderBy(v => -v).First();", "ADG0003", "x.OrderBy(v => -v)", "with a key other than the element itself")]
    // (x.Where(v => v > 0).ToArray() is a local array of the kept values since 2026-12-03: Lists/ListMadeByLinqTests; a filter with an index is not.)
    [InlineData("[Differentiable] public static double F(double[] x) { var k = x.Where((v, i) => i > 0).ToArray(); return k[0]; }", "ADG0003", "(v, i) => i > 0", "A filter with an index")]
    [InlineData("[Differentiable] public static double F(double[] x) => x.ToArray()[0];", "ADG0003", "", "")]
    [InlineData("[Differentiable] public static double F(double[] x) => x.Sum(v => { var t = v * v; return t; });", "ADG0003", "v => { var t = v * v; return t; }", "statement body")]
    [InlineData("[Differentiable] public static double F(double[] x) => x.Sum(Math.Sin);", "ADG0003", "Math.Sin", "method group")]
    [InlineData("[Differentiable] public static double F(double[] x) { double t = 0; return x.Sum(v => t = v); }", "ADG0003", "t = v", "inside a lambda")]
    [InlineData("[Differentiable] public static double F(double[] x) { int k = 0; return x.Sum(v => v * k++); }", "ADG0003", "k++", "inside a lambda")]
    // (x.Zip(y).Sum(p => p.First * p.Second) is supported since idioms17c: Idioms17c/ZipPairTests; the pairs filtered by
    // Where since linq23: Linq23/FilterCountOrderTests; a filter with an index over them is not.)
    [InlineData("[Differentiable] public static double F(double[] x, double[] y) => x.Zip(y).Where((p, i) => i > 0).Sum(p => p.Second);", "ADG0003", "(p, i) => i > 0", "with an index over the pairs of a Zip")]
    [InlineData("[Differentiable] public static double F(double[] x) => x.Aggregate(0.0, (a, v) => a + v, a => a * 2);", "ADG0003", "", "result selector")]
    [InlineData("[Differentiable] public static double F(double[] x) => (double)x.Select(v => (decimal)v).Sum();", "ADG0003", "", "A LINQ call on a differentiated value")]
    [InlineData("[Differentiable] public static double F(double a, double b) => new[] { a, b }.Sum();", "ADG0003", "new[] { a, b }", "other than a double[]/float[] parameter or local array")]
    [InlineData("[Differentiable] public static double F(double[] x) => x[1..].Sum();", "ADG0003", "x[1..]", "other than a double[]/float[] parameter or local array")]
    // (a[0].Sum() over a jagged parameter's row is supported since idioms17c: Idioms17c/ZipPairTests; over a local jagged array's row it is not.)
    [InlineData("[Differentiable] public static double F(double x) { var m = new double[1][]; m[0] = new double[] { x }; return m[0].Sum(); }", "ADG0003", "", "")]
    // (x.Count(v => v > 0) is the loop that counts since linq23: Linq23/FilterCountOrderTests; a test with a statement body is not.)
    [InlineData("[Differentiable] public static double F(double[] x) => x.Count(v => { bool k = v > 0; return k; }) * x[0];", "ADG0003", "v => { bool k = v > 0; return k; }", "statement body")]
    // (A List<double> parameter is differentiated since 2026-12-03, Lists/ListParameterTests.FormerlyPinned; an IEnumerable<double>
    // or ICollection<double> since lists7, Lists/SequenceParameterTests.FormerlyPinned; Skip over one is not.)
    [InlineData("[Differentiable] public static double F(IEnumerable<double> xs, double w) => xs.Skip(1).Sum() * w;", "ADG0003", "xs.Skip(1)", "Skip")]
    [InlineData("[Differentiable] public static double F(double[] x) => x.Select(v => v * v).Sum(v => v) + x.Select(v => v).Aggregate(1.0, (a, v) => a * v, r => r);", "ADG0003", "", "result selector")]
    public void Reported_NeverAConstant(string member, string id, string span, string says)
    {
        var result = Run(member);
        var found = result.Diagnostics.Where(d => d.Id == id).ToList();
        Assert.True(found.Count > 0, "expected " + id + "\n" + result.Dump());
        if (span.Length > 0) Assert.Contains(found, d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == span);
        Assert.Contains(found, d => d.GetMessage().Contains(says, StringComparison.Ordinal));
        Assert.All(found, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        // No Backward for F, and nothing that breaks the build.
        Assert.DoesNotContain(result.Generated.Keys, k => k.Contains(".F_", StringComparison.Ordinal));
        Assert.Empty(result.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(result.Exceptions);
    }

    [Fact]
    public void ConstantLinq_IsComputedAsWritten()
    {
        // LINQ over values that carry no gradient, beside differentiated code: as written, or (with a lambda) the same loop of constants.
        var assembly = GeneratorHarness.CompileAndLoad(Prelude + """
            [Differentiable] public static double F(double x, [NoDiff] double[] w) => w.Sum() * x + w.Select(v => v * v).Sum() * x * x + w.Max(v => -v) + Enumerable.Range(1, 3).Sum(i => i * 0.5) * x;
            }
            """);
        double[] w = { 0.5, -2.0, 1.5 };
        var c = assembly.GetType("C")!;
        object[] args = { 0.7, w, 0.0, 1.0 };
        double value = (double)c.GetMethod("FBackward")!.Invoke(null, args)!;
        Assert.Equal((double)c.GetMethod("F")!.Invoke(null, new object[] { 0.7, w })!, value);
        // d/dx = Σw + 2xΣw² + Σi/2.
        Assert.Equal(w.Sum() + 2 * 0.7 * w.Sum(v => v * v) + 3.0, (double)args[2], 13);
        CentralDifferenceRunner.Check(c.GetMethod("F")!, null, new object[] { 0.7, w });
    }

    [Fact]
    public void ConstantLinqThatIsNotLowered_IsAConstant()
    {
        // Its lambda reads nothing of the method, so the whole query is a constant (HeldOut/ConstantLambdaTests); with a
        // lambda reading x it stays ADG0003.
        var result = Run("[Differentiable] public static double F(double x, [NoDiff] double[] w) => w.OrderBy(v => v).First() * x;");
        Assert.DoesNotContain(result.Diagnostics, d => d.Id.StartsWith("ADG", StringComparison.Ordinal) && d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(result.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        var reading = Run("[Differentiable] public static double F(double x, [NoDiff] double[] w) => w.OrderBy(v => v * x).First() * x;");
        Assert.Contains(reading.Diagnostics, d => d.Id == "ADG0003");
    }
}
