using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Idioms17a;

/// <summary>
/// Property test of idioms17a: random programs over <c>(double x, double y, int k)</c> copy and swap arrays that carry
/// gradients: double buffers swapped by a tuple or through a temporary in a k-step loop (made as initializers, as
/// <c>new double[n]</c>, as clones), <c>Array.Copy</c> between local arrays of structs, a <c>double[,]</c> cloned and swapped,
/// a helper returning <c>new[] { … }</c> directly. Inside support the gradient matches central differences and MForward the
/// gradient along a random tangent (ModeChecks). One in five goes just outside: a swap of arrays whose lengths differ (or
/// cannot be proven equal), a swap while a span or a second name keeps one array, a copy within one array of structs, a
/// helper returning one of two new arrays: an ADG error at that construct and no code. CI runs 40 programs;
/// AUTODIFFGEN_COPY_SWAP_COUNT runs more.
/// </summary>
public class CopySwapPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad);

    private const string Header = """
        using System;
        using AutoDiffGen;

        public struct Q2
        {
            public double X;
            public double Y;
            public Q2(double x, double y) { X = x; Y = y; }
        }

        public static class Hs
        {
            public static double[] Pair(double a, double b) => new[] { a * b, a - b };
            public static double[] Triple(double a, double b) => [a, a * b, 0.5];
            public static double[] Either(double a, double b) => a > b ? new[] { a, b } : new[] { b, a };
        }

        public static partial class Swaps
        {

        """;

    [Fact]
    public void CopiesAndSwaps_MatchCentralDifferencesInReverseAndForward_OrAnErrorAtTheConstruct()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_COPY_SWAP_COUNT", 40);
        var random = new Random(2026_12_05_17);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "S" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4)).ToList();
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(ProgramBatch.Source(Header, all.Select(p => p.Text))), Header, all, p => (p.Name, p.Text, p.Bad), "ADG0002,ADG0003,ADG0004");
        var type = ProgramBatch.LoadClean(Header, clean.Select(p => p.Text), "Swaps");
        int points = ModeChecks.AtThreePoints(type, clean.Select(p => (p.Name, p.Text)), () => ProgramBatch.PointXYK(random), random);
        ProgramBatch.AssertCounts(count, all.Count(p => p.Bad is not null), clean.Count, points, output.WriteLine);
    }

    private static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Real() => Pick("x", "y", "x * y", "s * 0.5", "0.3");
        string Slot(int n) => random.Next(n).ToString(CultureInfo.InvariantCulture);
        string Buffers()
        {
            // Two buffers of one length, stepped k times and swapped each step.
            string make = random.Next(3) switch
            {
                0 => "var a = new double[] { " + Real() + ", " + Real() + ", " + Real() + " }; var b = new double[3];",
                1 => "var a = (double[])v.Clone(); var b = new double[v.Length];",
                _ => "var a = new double[v.Length]; for (int i = 0; i < a.Length; i++) a[i] = v[i] * " + Real() + "; var b = new double[v.Length];",
            };
            string step = "for (int i = 0; i < 3; i++) b[i] = a[i] * " + Pick("0.5", "y", "x") + " + a[(i + 1) % 3]" + Pick("", " * a[i]", " + s * 0.1") + ";";
            string swap = random.Next(2) == 0 ? "(a, b) = (b, a);" : "var t = a; a = b; b = t;";
            return "{ " + make + " for (int r = 0; r < k; r++) { " + step + " " + swap + " } s += a[" + Slot(3) + "] * " + Pick("b[" + Slot(3) + "]", "0.7", "a[" + Slot(3) + "]") + "; }";
        }
        string StructCopy()
        {
            string copy = Pick("Array.Copy(p, q, 2);", "p.CopyTo(q, 0);", "Array.Copy(p, 1, q, 0, 1);", "Array.ConstrainedCopy(p, 0, q, 1, 1);");
            return "{ var p = new Q2[2]; p[0] = new Q2(" + Real() + ", " + Real() + "); p[1] = new Q2(" + Real() + ", x); var q = new Q2[2]; q[0] = new Q2(y, " + Real() + "); q[1] = new Q2(s, y); "
                + copy + " q[1].X *= " + Real() + "; s += q[0].X * q[1].Y + q[" + Slot(2) + "].X; }";
        }
        string Grid() =>
            "{ var g = new double[2, 2]; g[0, 0] = " + Real() + "; g[1, 1] = " + Real() + "; g[0, 1] = x - y; var c = (double[,])g.Clone(); c[1, 0] += " + Real()
            + "; var d = new double[g.GetLength(0), g.GetLength(1)]; d[0, 0] = c[1, 0] * c[0, 1]; (c, d) = (d, c); s += c[0, 0] + d[" + Slot(2) + ", " + Slot(2) + "] * " + Real() + "; }";
        string Helper() => Pick(
            "{ var h = Hs.Pair(" + Real() + ", " + Real() + "); h[1] += s; s += h[0] * h[1]; }",
            "{ double[] h = Hs.Triple(" + Real() + ", " + Real() + "); s += h[" + Slot(3) + "] * h[" + Slot(3) + "]; }");
        string Statement() => random.Next(6) switch
        {
            0 or 1 => Buffers(),
            2 => StructCopy(),
            3 => Grid(),
            4 => "for (int j = 0; j < k; j++) " + Helper(),
            _ => Helper(),
        };
        (string Bad, string Statement) Outside() => random.Next(5) switch
        {
            0 => ("(a, b) = (b, a)", "{ var a = new double[] { x, y, 0.5 }; var b = new double[" + Pick("4", "2", "k + 3") + "]; b[0] = y; (a, b) = (b, a); s += a[0]; }"),
            1 => ("(a, b) = (b, a)", "{ var a = new double[] { x, y }; var b = new double[2]; ReadOnlySpan<double> view = a; (a, b) = (b, a); s += view[0] * y; }"),
            2 => ("a = b;", "{ var a = new double[] { x, y }; var b = new double[] { y, x }; var c = a; var t = a; a = b; b = t; s += c[0] * a[1]; }"),
            3 => ("Array.Copy(p, 0, p, 1, 1)", "{ var p = new Q2[2]; p[0] = new Q2(x, y); Array.Copy(p, 0, p, 1, 1); s += p[1].X; }"),
            _ => ("Hs.Either(x, y)", "{ var e = Hs.Either(x, y); s += e[0] * e[1]; }"),
        };

        var text = new StringBuilder();
        text.Append("    [Differentiable(Forward = true)]\n    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n");
        text.Append("        double s = x * 0.5 + y;\n        var v = new double[] { x, y, x * y };\n");
        string? bad = ProgramBatch.AppendStatements(text, random, outside, Statement, Outside);
        text.Append("        return s + x * y + v[2];\n    }\n");
        return new Program(name, text.ToString(), bad);
    }
}
