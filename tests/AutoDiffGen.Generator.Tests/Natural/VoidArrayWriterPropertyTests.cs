using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Natural;

/// <summary>
/// natural21's fix of B07's message: a plain void helper that writes into a <c>double[]</c> it is passed but also takes
/// a parameter an in-place array writer may not have (<c>double[][] weight</c>, a <c>ReadOnlySpan&lt;double&gt;</c>, a
/// <c>List&lt;double&gt;</c>) was told "a call made only for its effects … make it return that value"; it is now told which
/// parameter is in the way and to mark the helper [Differentiable] (or pass a row). Since spans22 a <c>ReadOnlySpan</c>
/// beside the written array is no longer in the way (bound to a view of the caller's array): one of the calls; since idioms24 a
/// <c>double[][]</c> is not either (bound to the caller's jagged array, here a static readonly table): one of the calls. Random programs of in-place writer
/// calls (in loops, under ifs) match central differences at three points each; one in five calls a writer with such a
/// parameter: ADG0002 at the call and no code. CI runs 20 programs; AUTODIFFGEN_VOID_WRITER_COUNT runs more.
/// </summary>
public class VoidArrayWriterPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad);

    private const string Header = """
        using System;
        using System.Collections.Generic;
        using AutoDiffGen;

        public static class Hw
        {
            public static void AddScaled(double[] acc, double[] v, double s)
            {
                for (int i = 0; i < acc.Length; i++) acc[i] += s * v[i];
            }

            public static void Square(double[] a)
            {
                for (int i = 0; i < a.Length; i++) a[i] = a[i] * a[i];
            }

            public static void FromRows(double[][] rows, double[] o)
            {
                for (int i = 0; i < o.Length; i++) o[i] += rows[0][i];
            }

            public static void FromSpan(ReadOnlySpan<double> src, double[] o)
            {
                for (int i = 0; i < o.Length; i++) o[i] += src[i];
            }

            public static void FromList(List<double> src, double[] o)
            {
                for (int i = 0; i < o.Length; i++) o[i] *= src[i];
            }
        }

        public static partial class P
        {
            private static readonly double[][] Rows = { new[] { 0.5, 1.0, -0.5 } };
            private static readonly List<double> Weights = new() { 0.5, 2.0, 1.5 };

        """;

    [Fact]
    public void InPlaceWriters_MatchCentralDifferences_OrAnErrorAtTheCallNamingTheParameter()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_VOID_WRITER_COUNT", 20);
        var random = new Random(2026_12_05_21);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "W" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4)).ToList();
        ProgramBatch.JudgeAndCheck(Header, "P", all.Select(p => (p.Name, p.Text, p.Bad)).ToList(), () => ProgramBatch.PointXYK(random), output.WriteLine, "ADG0002");
    }

    [Fact]
    public void TheAdvice_MarkingTheHelperDifferentiable_Works_ByHand()
    {
        // What the message says to write: Mix marked [Differentiable], its double[][] read, its double[] written (in/out).
        // h after two Mix calls: h_i = a_i² h_i⁰ + a_i b_i + b_i (a = w[0], b = w[1]); F = H0·H1 with h⁰ = (x, y):
        // ∂F/∂x = a0² H1, ∂F/∂y = a1² H0, ∂F/∂b0 = (a0 + 1) H1, ∂F/∂a1 = (2 a1 y + b1) H0.
        const string source = """
            using AutoDiffGen;

            public static partial class Q
            {
                [Differentiable]
                public static void Mix(double[][] w, double[] h)
                {
                    for (int i = 0; i < h.Length; i++) h[i] = w[0][i] * h[i] + w[1][i];
                }

                [Differentiable]
                public static double F(double[][] w, double x, double y)
                {
                    var h = new double[] { x, y };
                    Mix(w, h);
                    Mix(w, h);
                    return h[0] * h[1];
                }
            }
            """;
        var type = GeneratorHarness.CompileAndLoad(source).GetType("Q")!;
        double[][] w = { new[] { 0.7, -1.3 }, new[] { 0.4, 0.9 } };
        double x = 1.1, y = -0.6;
        var r = CentralDifferenceRunner.Check(type.GetMethod("F")!, null, new object[] { w, x, y });
        double a0 = w[0][0], a1 = w[0][1], b0 = w[1][0], b1 = w[1][1];
        double h0 = (a0 * a0 * x) + (a0 * b0) + b0, h1 = (a1 * a1 * y) + (a1 * b1) + b1;
        Tolerance.AssertFormula(a0 * a0 * h1, r.Gradient[1]![0], "∂x");
        Tolerance.AssertFormula(a1 * a1 * h0, r.Gradient[2]![0], "∂y");
        Tolerance.AssertFormula((a0 + 1) * h1, r.Gradient[0]![2], "∂b0");
        Tolerance.AssertFormula(((2 * a1 * y) + b1) * h0, r.Gradient[0]![1], "∂a1");
    }

    [Fact]
    public void TheMessage_NamesTheParameterInTheWay_AndSaysWhatToWrite()
    {
        string source = Header + """
                [Differentiable]
                public static double G(double x, double y)
                {
                    double[] a = { x, y, x * y };
                    Hw.FromList(Weights, a);
                    return a[0] * a[2];
                }
            }
            """;
        var run = GeneratorHarness.Run(source);
        var error = Assert.Single(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ADG0002", error.Id);
        Assert.Equal("Hw.FromList(Weights, a)", error.Location.SourceTree!.GetText().ToString(error.Location.SourceSpan));
        Assert.Contains("takes the parameter 'src' (List<double>)", error.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("mark 'FromList' [Differentiable]", error.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain("made only for its effects", error.GetMessage(), StringComparison.Ordinal);
    }

    private static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Real() => Pick("x", "y", "x * y", "0.5", "Math.Sin(y)", "s * 0.25");
        string Call() => random.Next(5) switch
        {
            4 => random.Next(2) == 0 ? "Hw.FromSpan(" + Pick("b", "b.AsSpan()", "a.AsSpan(0, 3)") + ", " + Pick("a", "b") + ");" : "Hw.FromRows(Rows, " + Pick("a", "b") + ");",
            0 => "Hw.AddScaled(a, b, " + Real() + ");",
            1 => "Hw.AddScaled(b, a, " + Real() + ");",
            2 => "Hw.Square(" + Pick("a", "b") + ");",
            _ => "s += a[" + random.Next(3) + "] * b[" + random.Next(3) + "];",
        };
        string Statement() => random.Next(4) switch
        {
            0 => "for (int i = 0; i < k + 1; i++) { " + Call() + " }",
            1 => "if (" + Pick("x > y", "k > 1", "s < 1") + ") { " + Call() + " } else { " + Call() + " }",
            _ => Call(),
        };
        (string Bad, string Statement) Outside()
        {
            // (Hw.FromSpan(b, a), a ReadOnlySpan beside the written array, is differentiated in place since spans22, and
            // Hw.FromRows(Rows, a), a double[][], since idioms24: calls above.)
            string bad = "Hw.FromList(Weights, b)";
            return (bad, bad + ";");
        }

        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n");
        text.Append("        double s = x * 0.5 + y;\n");
        text.Append("        double[] a = { x, y, x * y };\n");
        text.Append("        double[] b = { y, 0.5, x };\n");
        string? bad = ProgramBatch.AppendStatements(text, random, outside, Statement, Outside);
        text.Append("        return a[0] + a[1] * b[1] + b[2] * s;\n    }\n");
        return new Program(name, text.ToString(), bad);
    }
}
