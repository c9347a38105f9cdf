using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Natural18;

/// <summary>
/// Property test of natural18's first fix: a plain helper returning an array LINQ made (<c>return e.Select(v =&gt; v / sum).ToArray();</c>,
/// <c>=&gt; v.Select(t =&gt; t * t).ToArray()</c>, a local declared by <c>ToArray()</c> and returned, <c>=&gt; v.ToArray()</c>,
/// a <c>Zip</c>) declares a local array in random programs over <c>(double x, double y, int k)</c>, which read and write it, in
/// loops and under ifs. Enumerable.ToArray always makes a new array, so the caller owns it as one the helper made with
/// <c>new</c>. Inside support every gradient matches central differences, MForward the gradient along a random tangent and
/// MHessian (in programs without a copy, which Hessian mode refuses as it refuses any local copy: ADG0019) central
/// differences of the gradient (ModeChecks). One in five calls a helper that keeps its LINQ-made array in a
/// static field (not fresh for the caller) or returns its parameter: ADG0004 at the call and no code. CI runs 30 programs;
/// AUTODIFFGEN_LINQ_HELPERS_COUNT runs more.
/// </summary>
public class LinqArrayHelperPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad, bool Hessian);

    private const string Header = """
        using System;
        using System.Linq;
        using AutoDiffGen;

        public static class Lq
        {
            public static double[]? Last;
            public static double[] Soft(double[] z)
            {
                double max = z.Max();
                var e = z.Select(v => Math.Exp(v - max)).ToArray();
                double sum = e.Sum();
                return e.Select(v => v / sum).ToArray();
            }
            public static double[] Squares(double[] v) => v.Select(t => t * t).ToArray();
            public static double[] Ramp(double[] v, double c)
            {
                var r = v.Select((t, i) => t + c * i).ToArray();
                return r;
            }
            public static double[] Copy(double[] v) => v.ToArray();
            public static double[] Products(double[] a, double[] b) => a.Zip(b, (p, q) => p * q).ToArray();
            public static double[] Kept(double[] v) { var r = v.Select(t => 2 * t).ToArray(); Last = r; return r; }
            public static double[] Same(double[] v) => v;
        }

        public static partial class Arrays
        {

        """;

    [Fact]
    public void LinqArrayHelpers_MatchCentralDifferencesInEveryMode_OrAnErrorAtTheCall()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_LINQ_HELPERS_COUNT", 30);
        var random = new Random(2026_12_05_18);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "L" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4)).ToList();
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(ProgramBatch.Source(Header, all.Select(p => p.Text))), Header, all, p => (p.Name, p.Text, p.Bad), "ADG0004");
        var withWrappers = clean.Select(p => (p.Name, Text: p.Text + (p.Hessian ? "    public static double[] " + p.Name + "H(double x, double y, int k) { var h = new double[4]; " + p.Name + "Hessian(x, y, k, h); return h; }\n" : ""))).ToList();
        var type = ProgramBatch.LoadClean(Header, withWrappers.Select(p => p.Text), "Arrays");
        int points = ModeChecks.AtThreePoints(type, withWrappers, () => ProgramBatch.PointXYK(random), random);
        ProgramBatch.AssertCounts(count, all.Count(p => p.Bad is not null), clean.Count, points, output.WriteLine);
    }

    [Fact]
    public void AHelperKeepingItsLinqArray_IsRefusedAtTheCall_SayingWhy()
    {
        string source = Header + """
                [Differentiable]
                public static double F(double x, double y)
                {
                    var v = new[] { x, y };
                    var a = Lq.Kept(v);
                    return a[0] * a[1];
                }
            }
            """;
        ProgramBatch.AssertSingleErrorAt(source, "ADG0004", "Lq.Kept(v)", "it writes the static field 'Last'");
    }

    private static Program Next(Random random, string name, bool outside)
    {
        int locals = 0;
        // A copy (v.ToArray()) is ADG0019 in Hessian mode, as any local copy of an array is: programs drawing one are Backward
        // and Forward only.
        bool copies = false;
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Real() => Pick("x", "y", "x * y", "s * 0.5", "0.3");
        string Slot() => random.Next(3).ToString(CultureInfo.InvariantCulture);
        string Fresh() => "a" + (locals++).ToString(CultureInfo.InvariantCulture);
        string Use(string a) => a + "[" + Slot() + "] * " + a + "[" + Slot() + "]";
        string Declared()
        {
            string a = Fresh();
            string call = random.Next(5) switch
            {
                0 => "Lq.Soft(v)",
                1 => "Lq.Squares(v)",
                2 => "Lq.Ramp(v, " + Real() + ")",
                3 => Copied(),
                _ => "Lq.Products(v, v)",
            };
            // A write into the new array (never into v: the helper's array is its own) before it is read.
            string write = random.Next(2) == 0 ? " " + a + "[" + Slot() + "] *= y;" : "";
            return "{ var " + a + " = " + call + ";" + write + " s += 0.5 * " + Use(a) + "; }";
        }
        string Copied()
        {
            copies = true;
            return "Lq.Copy(v)";
        }
        string Statement() => random.Next(4) switch
        {
            0 or 1 => Declared(),
            2 => "if (" + Pick("x > y", "s > 0", "k > 1") + ") " + Declared(),
            _ => "for (int i = 0; i < k; i++) " + Declared(),
        };
        (string Bad, string Statement) Outside()
        {
            string call = random.Next(2) == 0 ? "Lq.Kept(v)" : "Lq.Same(v)";
            string a = Fresh();
            return (call, "{ var " + a + " = " + call + "; s += " + a + "[1]; }");
        }

        var body = new StringBuilder();
        string? bad = ProgramBatch.AppendStatements(body, random, outside, Statement, Outside);
        var text = new StringBuilder();
        text.Append("    [Differentiable(Forward = true" + (copies ? "" : ", Hessian = true") + ")]\n    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n");
        text.Append("        double s = x * 0.5 + y;\n        var v = new double[] { x, y, x * y };\n");
        text.Append(body);
        text.Append("        return s + x * y + v[2];\n    }\n");
        return new Program(name, text.ToString(), bad, !copies);
    }
}
