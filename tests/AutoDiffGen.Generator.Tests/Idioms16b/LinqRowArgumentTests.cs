using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms16b;

/// <summary>
/// Issue 13, idioms16b item 3: a row of a jagged parameter passed whole to a [Differentiable] method inside a LINQ lambda
/// (<c>rows.Sum(r =&gt; Dot(r, w))</c>, <c>rows.Select((r, i) =&gt; …Dot(r, w)…)</c>) is the row view a call on <c>rows[i]</c>
/// passes: its gradient lands in <c>dRows[i]</c>. Each gradient by hand and against central differences, MForward's tangent
/// against the gradient along a direction. A row passed to a plain helper stays ADG0003 at the row.
/// </summary>
public class LinqRowArgumentTests
{
    private const string Source = """
        using System;
        using System.Linq;
        using AutoDiffGen;

        public static partial class RowsPassed
        {
            [Differentiable(Forward = true)] public static double Dot(double[] a, double[] b) { double s = 0; for (int j = 0; j < a.Length; j++) s += a[j] * b[j]; return s; }
            [Differentiable(Forward = true)] public static double SumDots(double[][] rows, double[] w) => rows.Sum(r => Dot(r, w));
            [Differentiable(Forward = true)] public static double Squares(double[][] rows, double[] w) => rows.Select((r, i) => (i + 1) * Dot(r, w) * Dot(r, w)).Sum();
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Get(string name) => Compiled.Value.GetType("RowsPassed")!.GetMethod(name)!;

    private delegate double RowsForward(double[][] rows, double[] w, double[][] tRows, ReadOnlySpan<double> tW, out double tResult);

    private static readonly double[][] Rows = { new[] { 0.5, -1.25, 2.0 }, new[] { 0.75, 0.3 }, Array.Empty<double>(), new[] { -0.3 } };
    private static readonly double[] W = { 0.9, -0.4, 1.1 };

    private static double D(int i) => Rows[i].Select((v, j) => v * W[j]).Sum();

    [Fact]
    public void SumOfDots_ByHand_AndForward()
    {
        var g = CentralDifferenceRunner.Check(Get("SumDots"), null, new object[] { Rows, W });
        Tolerance.AssertFormula(Enumerable.Range(0, Rows.Length).Sum(D), g.Value, "SumDots value");
        // f = Σ_i r_i·w: ∂f/∂rows[i][j] = w_j, ∂f/∂w_j = Σ_i rows[i][j].
        AssertAll(Rows.SelectMany(r => r.Select((_, j) => W[j])).ToArray(), g.Gradient[0]!, "dSumDots/drows");
        AssertAll(W.Select((_, j) => Rows.Where(r => r.Length > j).Sum(r => r[j])).ToArray(), g.Gradient[1]!, "dSumDots/dw");
        var tRows = Rows.Select(r => r.Select((_, j) => 0.5 - (0.25 * j)).ToArray()).ToArray();
        double[] tW = { 0.2, -0.1, 0.3 };
        double value = Get("SumDotsForward").CreateDelegate<RowsForward>()(Rows, W, tRows, tW, out double tResult);
        Assert.Equal(g.Value, value);
        double expected = Rows.Select((r, i) => r.Select((v, j) => (tRows[i][j] * W[j]) + (v * tW[j])).Sum()).Sum();
        Tolerance.AssertFormula(expected, tResult, "SumDots tResult");
    }

    [Fact]
    public void IndexedSelectOfSquaredDots_ByHand_AndForward()
    {
        var g = CentralDifferenceRunner.Check(Get("Squares"), null, new object[] { Rows, W });
        Tolerance.AssertFormula(Enumerable.Range(0, Rows.Length).Sum(i => (i + 1) * D(i) * D(i)), g.Value, "Squares value");
        // f = Σ_i (i+1)·d_i², d_i = r_i·w: ∂f/∂rows[i][j] = 2(i+1)·d_i·w_j, ∂f/∂w_j = Σ_i 2(i+1)·d_i·rows[i][j].
        AssertAll(Rows.SelectMany((r, i) => r.Select((_, j) => 2 * (i + 1) * D(i) * W[j])).ToArray(), g.Gradient[0]!, "dSquares/drows");
        AssertAll(W.Select((_, j) => Enumerable.Range(0, Rows.Length).Where(i => Rows[i].Length > j).Sum(i => 2 * (i + 1) * D(i) * Rows[i][j])).ToArray(), g.Gradient[1]!, "dSquares/dw");
        var tRows = Rows.Select(r => r.Select(_ => 1.0).ToArray()).ToArray();
        double[] tW = { 0, 0, 0 };
        Get("SquaresForward").CreateDelegate<RowsForward>()(Rows, W, tRows, tW, out double tResult);
        Tolerance.AssertFormula(g.Gradient[0]!.Sum(), tResult, "Squares tResult along the rows");
    }

    /// <summary>
    /// A plain helper (not [Differentiable]) taking the row as a list is not given it: ADG0003 at it, saying what to do (a
    /// plain helper's double[] parameter is given the row since idioms17c: Idioms17c/PlainRowHelperTests).
    /// </summary>
    [Fact]
    public void ARowPassedToAPlainHelper_IsADG0003AtTheRow()
    {
        const string source = "using System;\nusing System.Collections.Generic;\nusing System.Linq;\nusing AutoDiffGen;\npublic static partial class C\n{\nprivate static double Plain(IReadOnlyList<double> a, double[] b) => a[0] * b[0];\n"
            + "[Differentiable] public static double F(double[][] rows, double[] w) => rows.Sum(r => Plain(r, w));\n}\n";
        ProgramBatch.AssertSingleErrorAt(source, "ADG0003", "r, w)", "mark the helper it is passed to [Differentiable]");
    }

    private static void AssertAll(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++) Tolerance.AssertFormula(expected[k], actual[k], what + "[" + k + "]");
    }
}
