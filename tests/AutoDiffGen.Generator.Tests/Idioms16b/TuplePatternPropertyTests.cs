using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Idioms16b;

/// <summary>
/// Property test of idioms16b item 2: random programs over <c>(double x, double y, int k)</c> with switch statements,
/// switch expressions and <c>is</c> tests of positional patterns on <c>(x, y)</c>, <c>(k, x)</c> and a tuple local, each
/// position a constant, relational, discard or not/and/or test; each must match central differences at three points.
/// One in five holds a position just outside (<c>(double p, _)</c>, <c>(var p, _)</c>): ADG0003 at that pattern and no
/// code for the method. CI runs 30 programs; AUTODIFFGEN_IDIOMS16B_COUNT runs more.
/// </summary>
public class TuplePatternPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad, int BadAt);

    private const string Header = """
        using System;
        using AutoDiffGen;

        public static partial class Idioms16bTuples
        {

        """;

    [Fact]
    public void PositionalPatternsOnTuples_MatchCentralDifferences_OrAnErrorAtThePattern()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_IDIOMS16B_COUNT", 30);
        var random = new Random(20261207);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "Q" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 1)).ToList();
        ProgramBatch.JudgeAtAndCheck(Header, "Idioms16bTuples", all.Select(p => (p.Name, p.Text, p.Bad, p.BadAt)).ToList(), () => ProgramBatch.PointXYK(random), output.WriteLine, "ADG0003");
    }

    private static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        // Thresholds at five places, off the points' grid of four, so central differences never straddle a branch.
        string Real() => Pick("> 0.05005", "< -0.15005", "_", "not > 0.35005", ">= -0.55005 and < 0.45005");
        string Int() => Pick("0", "> 1", "_", "1 or 3", "not 2");
        // A switch's earlier case never matches everything ((_, _)), which would make the later ones unreachable (CS8120, CS8510).
        string IntTest() => Pick("0", "> 1", "1 or 3", "not 2");
        string RealTest() => Pick("> 0.05005", "< -0.15005", "not > 0.35005", ">= -0.55005 and < 0.45005");
        string Value() => Pick("x * y", "Math.Sin(x) * y", "x * x", "y * y * y", "Math.Exp(x * y)", "x - y");
        string Statement()
        {
            switch (random.Next(4))
            {
                case 0:
                    return "switch ((x, y)) { case (" + RealTest() + ", " + RealTest() + "): s += " + Value() + "; break; case (" + RealTest() + ", _): s *= " + Value() + "; break; default: s -= " + Value() + "; break; }";
                case 1:
                    return "s += (k, x) switch { (" + IntTest() + ", " + RealTest() + ") => " + Value() + ", (" + IntTest() + ", _) => " + Value() + ", _ => " + Value() + " };";
                case 2:
                    return "{ var t = (x, y); if (t is (" + Real() + ", " + Real() + ")) s += " + Value() + "; }";
                default:
                    return "if ((k, y) is (" + Int() + ", " + Real() + ")) s += " + Value() + "; else s -= " + Value() + ";";
            }
        }

        string? anchor = null;
        (string Bad, string Statement) Outside()
        {
            if (random.Next(2) == 0)
            {
                anchor = "(double p, _)";
                return (anchor, "if ((x, y) is (double p, _)) s += p * y;");
            }
            anchor = "(var q, > 0)";
            return (anchor, "s += (x, y) switch { (var q, > 0) => q * y, _ => y };");
        }

        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n        double s = x;\n");
        string? bad = ProgramBatch.AppendStatements(text, random, outside, Statement, Outside);
        text.Append("        return s;\n    }\n");
        string written = text.ToString();
        return new Program(name, written, bad, bad is null ? -1 : written.IndexOf(anchor!, StringComparison.Ordinal));
    }
}
