using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Statements;

/// <summary>
/// Property test for <see cref="BackwardGotoTests"/>: random programs whose loop is written <c>L: …; if (c) goto L;</c>
/// (one to three statements carrying two reals and a local declared inside, a count tested by <c>++n &lt; …</c>,
/// <c>n++ &lt; …</c> or <c>n &lt; …</c> after <c>n++;</c>, its bound a literal or the int parameter) must match central
/// differences. Just outside, one jump that keeps the statements from being a do/while (a return or a goto out of them,
/// a second goto to the label, a closing if that does more than jump) must be ADG0002 at exactly that jump, with no code.
/// CI runs 60 programs; AUTODIFFGEN_BACKWARDGOTO_COUNT runs more.
/// </summary>
public class BackwardGotoPropertyTests(ITestOutputHelper output)
{
    internal sealed record Program(string Name, string Text, string? Bad, int BadAt);

    internal const string Header = "using System;\nusing AutoDiffGen;\n\npublic static partial class BackGoto\n{\n";

    [Fact]
    public void GotoLoops_MatchCentralDifferences_OtherBackwardJumpsAreErrorsAtTheJump()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_BACKWARDGOTO_COUNT", 60);
        var random = new Random(20261213);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i, outside: i % 5 == 4)).ToList();
        ProgramBatch.JudgeAtAndCheck(Header, "BackGoto", all.Select(p => (p.Name, p.Text, p.Bad, p.BadAt)).ToList(), () => ProgramBatch.PointXYK(random), output.WriteLine, "ADG0002");
    }

    internal static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string label = "L" + name;
        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n");
        text.Append("        double s = ").Append(Pick("x * y", "Math.Sin(x) + y", "x - 0.5 * y")).Append(";\n");
        text.Append("        double t = ").Append(Pick("y", "x", "0.5")).Append(";\n");
        text.Append("        int n = 0;\n");
        text.Append("    ").Append(label).Append(":\n");
        int kind = outside ? random.Next(4) : -1;
        int statements = 1 + random.Next(3);
        int badStatement = random.Next(statements);
        string? bad = null;
        int badAt = -1;
        for (int i = 0; i < statements; i++)
        {
            if (i == badStatement && kind is 0 or 1 or 2)
            {
                string written = kind switch
                {
                    0 => "if (n > 7) return s;",
                    1 => "if (n > 7) goto Out" + name + ";",
                    _ => "if (s > 1e6) goto " + label + ";",
                };
                string jump = kind == 0 ? "return" : "goto";
                text.Append("        ");
                badAt = text.Length + written.IndexOf(jump, StringComparison.Ordinal);
                bad = jump;
                text.Append(written).Append('\n');
            }
            text.Append("        ").Append(Pick("s = s * 0.8 + t;", "t = Math.Sin(t) * 0.9 + x;", "s += t * y;", "double u" + i + " = s * 0.5; s = u" + i + " + Math.Cos(t);", "t = t * " + Pick("x", "0.7") + " + 0.1;")).Append('\n');
        }
        string bound = Pick("3", "2 + k", "4");
        string test = Pick("++n < " + bound, "n++ < " + bound, "n < " + bound);
        if (test.StartsWith("n <", StringComparison.Ordinal)) text.Append("        n++;\n");
        if (kind == 3)
        {
            text.Append("        if (").Append(test).Append(") { s += 0.25; ");
            badAt = text.Length;
            bad = "goto";
            text.Append("goto ").Append(label).Append("; }\n");
        }
        else
        {
            text.Append("        if (").Append(test).Append(") goto ").Append(label).Append(";\n");
        }
        if (kind == 1) text.Append("    Out").Append(name).Append(":\n");
        text.Append("        return s + ").Append(Pick("t", "t * t", "x * t")).Append(";\n    }\n");
        return new Program(name, text.ToString(), bad, badAt);
    }
}
