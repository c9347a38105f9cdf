using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Idioms14b;

/// <summary>
/// Property test of issue 13 (idioms14b): random programs over <c>(double x, double y, double[] v)</c> mix forward gotos
/// out of nested ifs, property patterns on a record struct of reals (tests, <c>var</c> bindings, switch arms), a plain
/// helper returning a value that normalizes a local array in place, and foreach over two- and three-way Zip; each must
/// match central differences at three points. One in five holds a statement just outside: a goto out of a loop
/// (ADG0002 at the goto), a 2-D array made in a loop rebound and then named again (ADG0003 at the rebinding, since idioms15b), a Zip foreach not deconstructed (ADG0002
/// at the loop), a property pattern naming the value or a positional pattern (ADG0003 at the pattern): an error at that
/// text and no code for the method. CI runs 60 programs; AUTODIFFGEN_IDIOMS14B_COUNT runs more.
/// </summary>
public class Idioms14bPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad, int BadAt);

    private const string Header = """
        using System;
        using System.Linq;
        using AutoDiffGen;

        public record struct P2(double X, double Y);

        public static partial class Idioms14b
        {
            private static double Norm(double[] a)
            {
                double s = 0;
                for (int i = 0; i < a.Length; i++) s += a[i];
                for (int i = 0; i < a.Length; i++) a[i] /= s;
                return s;
            }


        """;

    [Fact]
    public void GotosPatternsArrayHelpersAndZips_MatchCentralDifferences_OrAnErrorAtTheConstruct()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_IDIOMS14B_COUNT", 60);
        var random = new Random(20261205);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4)).ToList();
        // Judged by where each just-outside error starts (a goto's span is the statement the compiler binds it to).
        ProgramBatch.JudgeAtAndCheck(Header, "Idioms14b", all.Select(p => (p.Name, p.Text, p.Bad, p.BadAt)).ToList(), () => Point(random), output.WriteLine, "ADG0002,ADG0003,ADG0007");
    }

    private static double R(Random random) => Math.Round((random.NextDouble() * 2) - 1, 4);

    private static object[] Point(Random random) => new object[] { R(random), R(random), new[] { R(random), R(random), R(random) } };

    private static Program Next(Random random, string name, bool outside)
    {
        int labels = 0;
        string? anchor = null;
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Real() => Pick("x", "y", "x * y", "Math.Sin(x)", "0.5", "s", "t * 0.5");
        string Test() => Pick("x > y", "s > t", "x > 0", "y < 0.3", "s > 0.2");
        string Label() => "L" + (labels++).ToString(CultureInfo.InvariantCulture);

        string Statement()
        {
            switch (random.Next(7))
            {
                case 0:
                    {
                        string l = Label();
                        return "{ if (" + Test() + ") { s += " + Real() + "; if (" + Test() + ") goto " + l + "; s *= " + Real() + "; } t += s * 0.5; " + l + ": t += " + Real() + "; }";
                    }
                case 1:
                    {
                        string l = Label();
                        return "{ if (" + Test() + ") { if (" + Test() + ") { t -= " + Real() + "; goto " + l + "; } else s += " + Real() + "; } else { s -= t; if (" + Test() + ") goto " + l + "; } s *= " + Real() + "; " + l + ": s += 0.25; }";
                    }
                case 2:
                    return "{ var p = new P2(s, t * " + Real() + "); if (p is { X: > " + Pick("0.1", "0", "-0.2") + ", Y: var b }) s += b * p.X; else t -= p.Y; }";
                case 3:
                    return "{ var q = new P2(" + Real() + ", s); t += q switch { { X: < 0 } => q.Y * 2, { Y: > 0.5, X: var a } => a * q.Y, _ => q.X + " + Real() + " }; }";
                case 4:
                    return "{ var u = new double[3]; for (int i = 0; i < 3; i++) u[i] = v[i] * v[i] + 0.5 + " + Pick("x * x", "y * y", "0.25") + "; s += Norm(u) * u[" + random.Next(3).ToString(CultureInfo.InvariantCulture) + "]; }";
                case 5:
                    return "foreach (var (a, b) in " + Pick("v.Zip(w)", "w.Zip(v)") + ") s += a * b * " + Real() + ";";
                default:
                    return "foreach (var (a, b, c) in v.Zip(w, v)) t += a * b - c * " + Real() + ";";
            }
        }

        (string Bad, string Statement) Outside()
        {
            switch (random.Next(5))
            {
                case 0:
                    {
                        string l = Label();
                        // The error spans the keyword: found by the statement, which is unique (so is the Zip foreach's below).
                        anchor = "goto " + l + ";";
                        return ("goto", "{ for (int i = 0; i < 2; i++) { s += x; if (s > 5) goto " + l + "; } t += 1; " + l + ": t += y; }");
                    }
                case 1:
                    // (A 2-D array made in a loop is supported since idioms15b; its rebinding to an array named after it in its iteration is not.)
                    return ("g = m", "{ var g = new double[2, 2]; for (int j = 0; j < 2; j++) { var m = new double[2, 2]; m[0, 0] = x + g[0, 0]; g = m; s += m[0, 0] * y; } }");
                case 2:
                    anchor = "foreach (var p in v.Zip(w))";
                    return ("foreach", "foreach (var p in v.Zip(w)) s += p.First * p.Second;");
                case 3:
                    return ("{ X: > 0 } r", "{ var q = new P2(x, y); if (q is { X: > 0 } r) s += r.Y; }");
                default:
                    return ("(> 0, var b)", "{ var q = new P2(x, y); if (q is (> 0, var b)) s += b; }");
            }
        }

        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double x, double y, double[] v)\n    {\n");
        text.Append("        double s = x * 0.5 + y, t = y - x;\n        var w = new double[2];\n        w[0] = x;\n        w[1] = y * y;\n");
        string? bad = ProgramBatch.AppendStatements(text, random, outside, Statement, Outside);
        text.Append("        return s * t + s + w[0] * w[1];\n    }\n");
        string written = text.ToString();
        return new Program(name, written, bad, bad is null ? -1 : written.IndexOf(anchor ?? bad, StringComparison.Ordinal));
    }
}
