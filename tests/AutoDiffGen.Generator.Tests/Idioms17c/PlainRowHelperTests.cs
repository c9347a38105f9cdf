using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms17c;

/// <summary>
/// Issue 13, idioms17c item 3: a row of a jagged parameter passed to a plain (unmarked) helper's <c>double[]</c> parameter
/// (<c>RowNorm(rows[i])</c>, <c>rows.Sum(r =&gt; NormVia(r))</c>, <c>foreach (var r in rows) … Dot(r, w)</c>, a helper
/// passing the row on to another) is inlined with the parameter standing for the row: by hand and against central
/// differences, Forward and Hessian where the method asks. A helper that names the row again is one ADG0004 at the call.
/// </summary>
public class PlainRowHelperTests
{
    private const string Source = """
        using System;
        using System.Linq;
        using AutoDiffGen;

        public static class RowMath17c
        {
            public static double RowNorm(double[] r) { double s = 0; for (int j = 0; j < r.Length; j++) s += r[j] * r[j]; return Math.Sqrt(s); }

            public static double Dot(double[] a, double[] b) { double s = 0; for (int j = 0; j < a.Length; j++) s += a[j] * b[j]; return s; }

            public static double SumSq(double[] r) => r.Sum(v => v * v);

            public static double NormVia(double[] r) => Math.Sqrt(SumSq(r));
        }

        public static partial class Rows17c
        {
            [Differentiable(Forward = true, Hessian = true)]
            public static double One(double[][] rows) => RowMath17c.RowNorm(rows[0]);

            [Differentiable(Forward = true)]
            public static double Loop(double[][] rows)
            {
                double s = 0;
                for (int i = 0; i < rows.Length; i++) s += RowMath17c.RowNorm(rows[i]);
                return s;
            }

            [Differentiable]
            public static double Linq(double[][] rows) => rows.Sum(r => RowMath17c.NormVia(r));

            [Differentiable(Forward = true)]
            public static double Each(double[][] rows, double[] w)
            {
                double s = 0;
                foreach (var r in rows) s += RowMath17c.Dot(r, w) * RowMath17c.Dot(r, w);
                return s;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Get(string name) => Compiled.Value.GetType("Rows17c")!.GetMethod(name)!;

    private static readonly double[][] Rows = { new[] { 0.5, -1.25, 2.0 }, new[] { 0.75, 0.3, -0.6 } };
    private static readonly double[] W = { 1.5, -0.5, 0.25 };

    private delegate double RowsForward(double[][] rows, double[][] tRows, out double tResult);

    private delegate double RowsHessian(double[][] rows, Span<double> hessian);

    private delegate double EachForward(double[][] rows, double[] w, double[][] tRows, ReadOnlySpan<double> tW, out double tResult);

    private static double Norm(double[] r) => Math.Sqrt(r.Sum(v => v * v));

    [Fact]
    public void OneRowToAPlainHelper_AllModes()
    {
        var g = CentralDifferenceRunner.Check(Get("One"), null, new object[] { Rows });
        // ∂|r₀|/∂r₀ⱼ = r₀ⱼ/|r₀|; the other row gets 0.
        double n = Norm(Rows[0]);
        AssertAll(new[] { 0.5 / n, -1.25 / n, 2.0 / n, 0, 0, 0 }, g.Gradient[0]!, "dOne/drows");
        var tRows = new[] { new double[] { 1, 0, 1 }, new double[] { 1, 1, 1 } };
        Get("OneForward").CreateDelegate<RowsForward>()(Rows, tRows, out double tResult);
        Tolerance.AssertFormula((0.5 + 2.0) / n, tResult, "One tResult");
        // The Hessian of |r| over r₀ is (I − r rᵀ/|r|²)/|r|; 0 for the second row.
        var h = new double[36];
        Get("OneHessian").CreateDelegate<RowsHessian>()(Rows, h);
        for (int a = 0; a < 6; a++)
        {
            for (int b = 0; b < 6; b++)
            {
                double expected = a < 3 && b < 3 ? ((a == b ? 1 : 0) - (Rows[0][a] * Rows[0][b] / (n * n))) / n : 0;
                Tolerance.AssertFormula(expected, h[(a * 6) + b], "OneHessian[" + a + ", " + b + "]");
            }
        }
    }

    [Fact]
    public void EachRowInAForLoop_AndThroughLinqAndANestedHelper_ByHand()
    {
        double n0 = Norm(Rows[0]), n1 = Norm(Rows[1]);
        double[] expected = Rows[0].Select(v => v / n0).Concat(Rows[1].Select(v => v / n1)).ToArray();
        var g = CentralDifferenceRunner.Check(Get("Loop"), null, new object[] { Rows });
        AssertAll(expected, g.Gradient[0]!, "dLoop/drows");
        var tRows = new[] { new double[] { 0, 0, 0 }, new double[] { 0, 2, 0 } };
        Get("LoopForward").CreateDelegate<RowsForward>()(Rows, tRows, out double tResult);
        Tolerance.AssertFormula(2 * 0.3 / n1, tResult, "Loop tResult");
        var l = CentralDifferenceRunner.Check(Get("Linq"), null, new object[] { Rows });
        AssertAll(expected, l.Gradient[0]!, "dLinq/drows");
    }

    [Fact]
    public void ForEachRowToAPlainHelper_AllModes()
    {
        var g = CentralDifferenceRunner.Check(Get("Each"), null, new object[] { Rows, W });
        // f = Σ_i (r_i·w)²: ∂r_ij = 2 (r_i·w) w_j, ∂w_j = Σ_i 2 (r_i·w) r_ij.
        double d0 = Rows[0].Zip(W, (a, b) => a * b).Sum(), d1 = Rows[1].Zip(W, (a, b) => a * b).Sum();
        AssertAll(W.Select(v => 2 * d0 * v).Concat(W.Select(v => 2 * d1 * v)).ToArray(), g.Gradient[0]!, "dEach/drows");
        AssertAll(Enumerable.Range(0, 3).Select(j => (2 * d0 * Rows[0][j]) + (2 * d1 * Rows[1][j])).ToArray(), g.Gradient[1]!, "dEach/dw");
        var tRows = new[] { new double[] { 0, 0, 0 }, new double[] { 0, 0, 0 } };
        Get("EachForward").CreateDelegate<EachForward>()(Rows, W, tRows, new double[] { 1, 0, 0 }, out double tResult);
        Tolerance.AssertFormula((2 * d0 * Rows[0][0]) + (2 * d1 * Rows[1][0]), tResult, "Each tResult");
    }

    private const string Header = "using System;\nusing System.Linq;\nusing AutoDiffGen;\npublic static class H\n{\n";

    [Theory]
    // The row named again in the helper: a second name the row view cannot follow.
    [InlineData("public static double First(double[] r) { var c = r; return c[0]; }", "H.First(rows[0])", "uses its parameter 'r'")]
    // Sliced in the helper (a slice is a call that is given the array: refused as such before the row is looked at).
    [InlineData("public static double Tail(double[] r) => r[1..].Sum();", "H.Tail(rows[1])", "'H.Tail' is not [Differentiable]")]
    // Copied in the helper.
    [InlineData("public static double Clone0(double[] r) => ((double[])r.Clone())[0];", "H.Clone0(rows[0])", "'H.Clone0' is not [Differentiable]")]
    public void AHelperUsingTheRowOtherwise_IsOneADG0004AtTheCall(string helper, string call, string says)
    {
        string source = Header + "    " + helper + "\n}\npublic static partial class C\n{\n    [Differentiable] public static double F(double[][] rows) => " + call + ";\n}\n";
        ProgramBatch.AssertSingleErrorAt(source, "ADG0004", call, says);
    }

    private static void AssertAll(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++) Tolerance.AssertFormula(expected[k], actual[k], what + "[" + k + "]");
    }
}
