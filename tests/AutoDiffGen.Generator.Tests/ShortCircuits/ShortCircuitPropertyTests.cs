using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.ShortCircuits;

/// <summary>
/// Property test of assignments that run on only some paths: random programs put assignments, compound assignments
/// and ++ on the right of &amp;&amp; and ||, in the arms of ?: (used as a value, nested in each other) in if tests, loop
/// tests and plain statements, in and out of loops. Each program inside what is supported generates cleanly and its
/// Backward matches central differences at three random points; each just outside (an assignment in a switch
/// expression's arm, on the right of ??, or in the arm of a ?: whose other arm throws) gets an ADG0003 at that
/// assignment and no code. CI runs 120 programs; AUTODIFFGEN_SHORTCIRCUIT_COUNT runs more.
/// </summary>
public class ShortCircuitPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad);

    [Fact]
    public void AssignmentsOnSomePaths_MatchCentralDifferences_OrAnErrorAtTheAssignment()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_SHORTCIRCUIT_COUNT", 120);
        var random = new Random(20261202);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 6 == 5)).ToList();

        var clean = ProgramBatch.Judge(GeneratorHarness.Run(ProgramBatch.Source(Header, all.Select(p => p.Text))), Header, all, p => (p.Name, p.Text, p.Bad));
        int diagnosed = all.Count - clean.Count;

        var type = ProgramBatch.LoadClean(Header, clean.Select(p => p.Text), "Sometimes");
        int points = ProgramBatch.CheckAtThreePoints(type, clean.Select(p => (p.Name, p.Text)),
            () => new object[] { Math.Round((random.NextDouble() * 3) - 1.5, 4), Math.Round((random.NextDouble() * 3) - 1.5, 4), random.Next(5) });
        output.WriteLine($"{count} programs: {clean.Count} generated, {points} points checked, {diagnosed} diagnosed");
        Assert.True(diagnosed == all.Count(p => p.Bad is not null) && clean.Count > count / 2 && points == 3 * clean.Count);
    }

    private static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Real() => Pick("x * y", "Math.Sin(s) + y", "s * x", "t - 0.3 * x", "Math.Exp(0.3 * x) * t", "s / (1 + t * t)");
        string Assign() => Pick("(t = " + Real() + ")", "(s += " + Real() + ")", "(t *= " + Real() + ")", "(s -= t * x)", "(t = s)");
        string Test() => Pick("x > 0.2", "y < 0", "s > 0.5", "k > 1", "t < x");
        string Compare() => Pick(" > 0.1", " < 1", " != 0");
        // A bool whose right side assigns (nested one level at most).
        string Sometimes(int depth) => random.Next(depth > 0 ? 5 : 4) switch
        {
            0 => Test() + " && " + Assign() + Compare(),
            1 => Test() + " || " + Assign() + Compare(),
            2 => "(" + Test() + " ? " + Assign() + " : " + Assign() + ")" + Compare(),
            3 => Assign() + Compare() + " && " + Assign() + Compare(),
            _ => Test() + " && (" + Sometimes(depth - 1) + ")",
        };
        string Statement(int depth)
        {
            switch (random.Next(depth > 0 ? 8 : 7))
            {
                case 0: return "if (" + Sometimes(1) + ") s += " + Real() + "; else t -= " + Real() + ";";
                case 1: return "s += (" + Test() + " ? " + Assign() + " : " + Real() + ") * 0.5;";
                case 2: return "{ bool b = " + Sometimes(1) + "; if (b) s *= 1.1; }";
                case 3: return "for (int i = 0; i < k && " + Assign() + Compare() + "; i++) t += s * 0.1;";
                case 4: return "{ int m = k; while (m-- > 0 && " + Assign() + Compare() + ") s = 0.5 * s + t; }";
                case 5: return "s = " + Test() + " ? " + Assign() + " : (" + Test() + " ? " + Assign() + " : " + Real() + ");";
                case 6: return "{ int c = 0; if (" + Test() + " && (c++ < 1 || " + Assign() + Compare() + ")) s += c * t; }";
                default: return "for (int j = 0; j < 2; j++) { " + Statement(depth - 1) + " }";
            }
        }
        // Just outside: the assignment the ADG0003 must point at, and the statement that holds it.
        (string Bad, string Statement) Outside() => random.Next(3) switch
        {
            0 => ("t = y * x", "s += x switch { > 0 => t = y * x, _ => x };"),
            1 => ("t = x", "{ double? w = null; s += w ?? (t = x); }"),
            _ => ("t = s * y", "s += x > 0 ? (t = s * y) : throw new ArgumentException(\"x\");"),
        };

        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n");
        text.Append("        double s = x + 0.5 * y, t = y;\n");
        string? badText = ProgramBatch.AppendStatements(text, random, outside, () => Statement(1), Outside);
        text.Append("        return s + t;\n    }\n");
        return new Program(name, text.ToString(), badText);
    }

    private const string Header = "using System;\nusing AutoDiffGen;\n\npublic static partial class Sometimes\n{\n";
}
