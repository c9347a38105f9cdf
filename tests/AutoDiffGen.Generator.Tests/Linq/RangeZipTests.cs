using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Linq;

/// <summary>
/// LINQ over ranges and Zip (issue 13, idioms13b): <c>Enumerable.Range(0, n).Sum(i =&gt; w[i] * x[i])</c>,
/// <c>.Select(i =&gt; …).Sum()</c>, <c>a.Zip(b, (p, q) =&gt; p * q).Sum()</c> are lowered to the loop they run: checked by
/// hand and by central differences. Forms still refused say what to write at the construct: a <c>foreach</c> over
/// <c>xs.Zip(ys)</c>, a three-way <c>a.Zip(b, c)</c>, LINQ over a jagged array's rows (Natural N04_RidgeLinq).
/// </summary>
public class RangeZipTests
{
    private const string Source = """
        using System;
        using System.Linq;
        using AutoDiffGen;

        public static partial class Net
        {
            [Differentiable] public static double RangeSum(double[] w, double[] x, int n) => Enumerable.Range(0, n).Sum(i => w[i] * x[i]);
            [Differentiable] public static double RangeSelectSum(double[] w, double[] x, int n) => Enumerable.Range(0, n).Select(i => w[i] * x[i] * x[i]).Sum();
            [Differentiable] public static double ZipSum(double[] a, double[] b) => a.Zip(b, (p, q) => p * Math.Sin(q)).Sum();
        }
        """;

    private static readonly Lazy<Type> Net = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("Net", throwOnError: true)!);

    [Fact]
    public void ASumOverARange_IsADotProductOverTheFirstN()
    {
        double[] w = { 0.5, -1.2, 2.0 }, x = { 1.5, 0.3, -0.7 };
        // Σ_{i<2} w_i x_i: ∂w = (x0, x1, 0), ∂x = (w0, w1, 0).
        var r = CentralDifferenceRunner.Check(Net.Value.GetMethod("RangeSum")!, null, new object[] { w, x, 2 });
        Assert.Equal(new[] { 1.5, 0.3, 0 }, r.Gradient[0]);
        Assert.Equal(new[] { 0.5, -1.2, 0 }, r.Gradient[1]);
        // Σ w_i x_i²: ∂w_i = x_i², ∂x_i = 2 w_i x_i.
        var s = CentralDifferenceRunner.Check(Net.Value.GetMethod("RangeSelectSum")!, null, new object[] { w, x, 3 });
        for (int i = 0; i < 3; i++)
        {
            Tolerance.AssertFormula(x[i] * x[i], s.Gradient[0]![i], "d/dw" + i);
            Tolerance.AssertFormula(2 * w[i] * x[i], s.Gradient[1]![i], "d/dx" + i);
        }
    }

    [Fact]
    public void ZipWithAResultLambda_StopsAtTheShorter()
    {
        double[] a = { 0.4, -0.9, 1.3 }, b = { 0.2, 1.1 };
        // Σ_{i<2} a_i sin b_i: ∂a = (sin b0, sin b1, 0), ∂b = (a0 cos b0, a1 cos b1).
        var r = CentralDifferenceRunner.Check(Net.Value.GetMethod("ZipSum")!, null, new object[] { a, b });
        Tolerance.AssertFormula(Math.Sin(0.2), r.Gradient[0]![0], "d/da0");
        Tolerance.AssertFormula(Math.Sin(1.1), r.Gradient[0]![1], "d/da1");
        Assert.Equal(0, r.Gradient[0]![2]);
        Tolerance.AssertFormula(0.4 * Math.Cos(0.2), r.Gradient[1]![0], "d/db0");
        Tolerance.AssertFormula(-0.9 * Math.Cos(1.1), r.Gradient[1]![1], "d/db1");
    }

    [Theory]
    // foreach (var (p, q) in a.Zip(b)) is right since idioms14b (Idioms14b/Idioms14bTests); not deconstructed it is refused.
    [InlineData("double s = 0; foreach (var p in a.Zip(b)) s += p.First * p.Second; return s;", "ADG0002", "foreach", "deconstruct it, foreach (var (a, b) in a.Zip(b))")]
    [InlineData("return a.Zip(b, a).Sum(t => t.First * t.Second * t.Third);", "ADG0003", "a.Zip(b, a)", "Zip of three sequences")]
    // (LINQ over the rows, m.Select((row, i) => row.Sum() * a[i]).Sum(), is right since idioms15b: Idioms15b/Idioms15bLinqTests; a row passed on is not.)
    [InlineData("return m.Sum(row => row.ToArray()[0] * a[0]);", "ADG0003", "row", "loop over its rows and their elements")]
    public void AZipOrRowFormStillRefused_SaysWhatToWriteAtTheConstruct(string body, string id, string at, string says)
    {
        var result = GeneratorHarness.Run("using System;\nusing System.Linq;\nusing AutoDiffGen;\npublic static partial class Net\n{\n    [Differentiable]\n    public static double F(double[] a, double[] b, double[][] m)\n    {\n        "
            + body + "\n    }\n}\n");
        Assert.Empty(result.Exceptions);
        Assert.Empty(result.CompileDiagnostics);
        Assert.DoesNotContain(result.Generated.Keys, k => k.Contains("Net.F", StringComparison.Ordinal));
        var error = Assert.Single(result.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(id, error.Id);
        Assert.Equal(at, error.Location.SourceTree!.GetText().ToString(error.Location.SourceSpan));
        Assert.Contains(says, error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
