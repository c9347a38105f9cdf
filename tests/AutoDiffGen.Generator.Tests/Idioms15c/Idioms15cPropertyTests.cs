using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Idioms15c;

/// <summary>
/// Property test of issue 13 (idioms15c): random programs over <c>(double x, double y, double[] v)</c> hold gotos in
/// for, foreach and while loops that are a continue (to an empty label ending the body) or a break (to the statement
/// right after the loop), under nested ifs; each must match central differences at three points. One in five holds a
/// goto in a loop just outside (back to an earlier label, to a label mid-body, out of two loops, to a label after
/// another statement): ADG0002 at that goto and no code for the method. CI runs 40 programs; AUTODIFFGEN_IDIOMS15C_COUNT runs more.
/// </summary>
public class Idioms15cPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad, int BadAt);

    private const string Header = """
        using System;
        using AutoDiffGen;

        public static partial class Idioms15c
        {

        """;

    [Fact]
    public void GotosInLoopsAsContinueOrBreak_MatchCentralDifferences_OrAnErrorAtTheGoto()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_IDIOMS15C_COUNT", 40);
        var random = new Random(20261205);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4)).ToList();
        ProgramBatch.JudgeAtAndCheck(Header, "Idioms15c", all.Select(p => (p.Name, p.Text, p.Bad, p.BadAt)).ToList(), () => Point(random), output.WriteLine, "ADG0002");
    }

    private static double R(Random random) => Math.Round((random.NextDouble() * 2) - 1, 4);

    private static object[] Point(Random random) => new object[] { R(random), R(random), new[] { R(random), R(random), R(random) } };

    private static Program Next(Random random, string name, bool outside)
    {
        int labels = 0;
        string? anchor = null;
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Real() => Pick("x", "y", "x * y", "Math.Sin(x)", "0.5", "s", "t * 0.5");
        string Test() => Pick("s > t", "x > 0", "y < 0.3", "s > 0.2", "t < -0.1");
        string Label() => "L" + (labels++).ToString(CultureInfo.InvariantCulture);
        // A jump from an if, or from an if nested in another if's branch.
        string Jump(string l) => random.Next(2) == 0
            ? "if (" + Test() + ") goto " + l + ";"
            : "if (" + Test() + ") { s += 0.125 * " + Real() + "; if (" + Test() + ") goto " + l + "; }";

        string Statement()
        {
            string l = Label();
            switch (random.Next(4))
            {
                case 0:
                    return "for (int i = 0; i < v.Length; i++) { s += v[i] * " + Real() + "; " + Jump(l) + " t += v[i] * s * 0.5; " + l + ": ; }";
                case 1:
                    return "foreach (var a in v) { " + Jump(l) + " t += a * " + Real() + "; " + l + ": ; }";
                case 2:
                    return "{ for (int i = 0; i < 3; i++) { s = s * 0.5 + " + Real() + "; " + Jump(l) + " t -= s * 0.25; } " + l + ": t += s; }";
                default:
                    return "{ int n = 0; while (n < 4) { t = t * 0.75 + " + Real() + "; n++; " + Jump(l) + " } " + l + ": s += t * " + Real() + "; }";
            }
        }

        (string Bad, string Statement) Outside()
        {
            string l = Label();
            anchor = "goto " + l + ";";
            switch (random.Next(4))
            {
                case 0:
                    return ("goto", "for (int i = 0; i < 2; i++) { " + l + ": s = s * 0.5 + x; if (s > 2 && s < 3) goto " + l + "; }");
                case 1:
                    return ("goto", "for (int i = 0; i < 2; i++) { " + Jump(l) + " s *= 0.5; " + l + ": t += s; }");
                case 2:
                    return ("goto", "{ for (int i = 0; i < 2; i++) { for (int j = 0; j < 2; j++) { s += x; " + Jump(l) + " } } " + l + ": t += y; }");
                default:
                    return ("goto", "{ for (int i = 0; i < 2; i++) { s += x; " + Jump(l) + " } t += 1; " + l + ": t += y; }");
            }
        }

        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double x, double y, double[] v)\n    {\n");
        text.Append("        double s = x * 0.5 + y, t = y - x;\n");
        string? bad = ProgramBatch.AppendStatements(text, random, outside, Statement, Outside);
        text.Append("        return s * t + s;\n    }\n");
        string written = text.ToString();
        return new Program(name, written, bad, bad is null ? -1 : written.IndexOf(anchor ?? bad, StringComparison.Ordinal));
    }
}
