using System.Globalization;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Spans22;

/// <summary>
/// Random <c>Forward = true, Hessian = true</c> programs over (double x, double y, int k) calling plain helpers with span
/// parameters (spans22): void helpers writing a <c>Span&lt;double&gt;</c>, helpers returning a value (one writing its span),
/// passed a local array, a <c>stackalloc</c> span, <c>AsSpan</c>/<c>Slice</c>/span ranges of them (overlapping views of one
/// array too), in loops and under ifs; since idioms24 local functions with span parameters too (a value one and a void one
/// writing its span). Each program that generates is checked at
/// three points in every mode (<see cref="ModeChecks"/>); one in five passes what is no view (a new array, an array range
/// to a written span or to a local function, a helper that reassigns its span parameter): ADG0003 at that argument and no code. CI runs 25
/// programs in one generator run (and one load); AUTODIFFGEN_SPAN_HELPER_COUNT runs more.
/// </summary>
public class SpanHelperPropertyTests(ITestOutputHelper output)
{
    private const string Header = """
        using System;
        using AutoDiffGen;

        public static class Sh
        {
            public static void Scale(ReadOnlySpan<double> src, Span<double> o, double f)
            {
                for (int i = 0; i < o.Length; i++) o[i] = src[i] * f;
            }

            public static void AddTo(ReadOnlySpan<double> src, Span<double> o)
            {
                for (int i = 0; i < o.Length; i++) o[i] += src[i] * src[i];
            }

            public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
            {
                double s = 0;
                for (int i = 0; i < b.Length; i++) s += a[i] * b[i];
                return s;
            }

            public static double Halve(Span<double> v)
            {
                double s = 0;
                foreach (double e in v) s += e * e;
                for (int i = 0; i < v.Length; i++) v[i] *= 0.5;
                return s;
            }

            public static void Shift(ReadOnlySpan<double> src, Span<double> o)
            {
                src = src.Slice(1);
                for (int i = 0; i < o.Length; i++) o[i] = src[i];
            }
        }

        public static partial class P
        {

        """;

    private static (string Name, string Text, string? Bad) Make(Random random, int index, bool outside)
    {
        string name = "F" + index.ToString(CultureInfo.InvariantCulture);
        string Pick(params string[] options) => options[random.Next(options.Length)];
        // Three or more elements to read; exactly three to write (a has four, t three).
        string Source() => Pick("a", "a.AsSpan(1)", "a.AsSpan(0, 3)", "t", "t.Slice(0, 3)", "a.AsSpan()[1..]");
        string Written() => Pick("t", "a.AsSpan(1)", "a.AsSpan(0, 3)", "t[0..3]", "a.AsSpan(1, 3)");
        string Real() => Pick("x", "y", "x * y", "0.5", "Math.Sin(y)");
        string Call() => random.Next(6) switch
        {
            // idioms24: local functions with span parameters, bound to views as a plain helper's are.
            4 => "{ static double LDot(ReadOnlySpan<double> u, ReadOnlySpan<double> v) { double r = 0; for (int j = 0; j < 3; j++) r += u[j] * v[j]; return r; } s += LDot(" + Source() + ", " + Written() + "); }",
            5 => "{ void LScale(ReadOnlySpan<double> u, Span<double> w, double c) { for (int j = 0; j < 3; j++) w[j] = c * u[j] + s * 0.125; } LScale(" + Source() + ", " + Written() + ", " + Real() + "); }",
            0 => "Sh.Scale(" + Source() + ", " + Written() + ", " + Real() + ");",
            1 => "Sh.AddTo(" + Source() + ", " + Written() + ");",
            2 => "s += Sh.Dot(" + Source() + ", " + Pick(Written(), "a.AsSpan()[1..]", "t[..3]") + ");",
            _ => "s += Sh.Halve(" + Written() + ");",
        };
        string Statement() => random.Next(4) switch
        {
            0 => "for (int i = 0; i < k + 1; i++) { " + Call() + " }",
            1 => "if (" + Pick("x > y", "k > 1", "s < 1") + ") { " + Call() + " } else { " + Call() + " }",
            _ => Call(),
        };
        (string Bad, string Statement) Outside() => random.Next(5) switch
        {
            4 => ("a[1..]", "{ static double LSum(ReadOnlySpan<double> u) { double r = 0; foreach (var v in u) r += v; return r; } s += LSum(a[1..]); }"),
            0 => ("new double[3]", "Sh.Scale(a, new double[3], x);"),
            1 => ("a[1..]", "Sh.AddTo(a, a[1..]);"),
            2 => ("a", "Sh.Shift(a, t);"),
            _ => ("new[] { x, y, 1.0 }.AsSpan()", "s += Sh.Dot(new[] { x, y, 1.0 }.AsSpan(), t);"),
        };

        var text = new System.Text.StringBuilder();
        text.Append("    [Differentiable(Forward = true, Hessian = true)]\n    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n");
        text.Append("        double s = x * 0.5 + y;\n");
        text.Append("        double[] a = { x, y, x * y, 0.5 };\n");
        text.Append("        Span<double> t = stackalloc double[3];\n");
        text.Append("        t[0] = y; t[1] = x; t[2] = 0.25;\n");
        string? bad = ProgramBatch.AppendStatements(text, random, outside, Statement, Outside);
        text.Append("        return s + a[0] * t[1] + t[2] + a[3] * a[1];\n    }\n");
        // The Hessian wrapper only beside a program that generates (an outside one has no FHessian to call).
        if (!outside) text.Append("    public static double[] ").Append(name).Append("H(double x, double y, int k) { var h = new double[4]; ").Append(name).Append("Hessian(x, y, k, h); return h; }\n");
        return (name, text.ToString(), bad);
    }

    [Fact]
    public void RandomSpanHelperCalls_MatchCentralDifferencesInEveryMode_AndWhatIsNoViewIsAnErrorAtTheArgument()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_SPAN_HELPER_COUNT", 25);
        var random = new Random(2026_12_05_22);
        var programs = Enumerable.Range(0, count).Select(i => Make(random, i, outside: i % 5 == 4)).ToList();
        var run = GeneratorHarness.Run(ProgramBatch.Source(Header, programs.Select(p => p.Text)));
        var clean = ProgramBatch.Judge(run, Header, programs, p => p, "ADG0003");
        var type = ProgramBatch.LoadClean(Header, clean.Select(p => p.Text), "P");
        int points = ModeChecks.AtThreePoints(type, clean.Select(p => (p.Name, p.Text)), () => ProgramBatch.PointXYK(random), random);
        ProgramBatch.AssertCounts(count, programs.Count(p => p.Bad is not null), clean.Count, points, output.WriteLine);
    }
}
