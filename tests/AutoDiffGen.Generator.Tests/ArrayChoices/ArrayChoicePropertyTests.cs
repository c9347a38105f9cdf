using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.ArrayChoices;

/// <summary>
/// Property test of array locals chosen at run time between arrays: random programs choose one by <c>?:</c> and <c>??</c>
/// (nested) among two array parameters of different lengths (the one ?? tests null at a third of the points), a local array and an array made in the choice, then read
/// its elements and Length in statements and loops. Each program inside generates cleanly and its MBackward matches
/// central differences at three points (each side of every choice is met: k and x vary); each program just outside (a
/// store into the chosen array, passing it to a helper, a choice making an array that may throw or inside a loop) gets
/// ADG0003 at exactly that expression and no code (beside it ADG0007 at a store, ADG0004 at a helper with no derivative). CI runs 60 programs; AUTODIFFGEN_ARRAYCHOICE_COUNT runs more.
/// </summary>
public class ArrayChoicePropertyTests(ITestOutputHelper output)
{
    private const string Header = "using System;\nusing AutoDiffGen;\n\npublic static partial class Choices\n{\n"
        + "    static double Sum(double[] v) { double s = 0; foreach (var e in v) s += e; return s; }\n\n";

    [Fact]
    public void ChosenArrays_GiveTheGradientOfTheChosenOne_OrTheExactErrorAtTheExpression()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_ARRAYCHOICE_COUNT", 60);
        var random = new Random(20261205);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4)).ToList();
        ProgramBatch.JudgeAtAndCheck(Header, "Choices", all, () => Point(random), output.WriteLine, "ADG0003,ADG0004,ADG0007");
    }

    /// <summary>(x, a of 3, b of 2 or null, k): reals in [−1, 1] to four places, k below 4. Only ?? tests b.</summary>
    private static object[] Point(Random random)
    {
        double R() => Math.Round((random.NextDouble() * 2) - 1, 4);
        return new object[] { R(), new[] { R(), R(), R() }, random.Next(3) == 0 ? null! : new[] { R(), R() }, random.Next(4) };
    }

    private static (string Name, string Text, string? Bad, int BadAt) Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Leaf() => Pick("a", "loc", "a");
        string Test() => Pick("k > 1", "x > 0", "k == 0", "a.Length > k");
        string Choice(int depth) => random.Next(depth > 0 ? 4 : 2) switch
        {
            0 => Test() + " ? " + Leaf() + " : " + Leaf(),
            1 => "b ?? " + Pick("new[] { x, 1.0 }", "new double[] { 2.0, x * x, Math.Sin(x) }", "loc", "new double[2]", "a"),
            2 => Test() + " ? " + Leaf() + " : (" + Choice(depth - 1) + ")",
            _ => "b ?? (" + Choice(depth - 1) + ")",
        };
        string Real() => Pick("x", "s", "Math.Cos(x)", "w[1]", "w[w.Length - 1]");
        string Statement() => random.Next(5) switch
        {
            0 => "s += w[" + Pick("0", "1", "w.Length - 1") + "] * " + Real() + ";",
            1 => "for (int i = 0; i < w.Length; i++) s += w[i] * " + Pick("x", "s", "w[i]") + ";",
            2 => "if (w.Length > 2) s += w[2] * " + Real() + "; else s -= w[0] * x;",
            3 => "s += Math.Sin(w[0]) * " + Real() + ";",
            _ => "s = s * 0.5 + w[" + Pick("0", "1") + "] / (2 + x * x);",
        };
        (string Bad, string Statement) Outside() => random.Next(4) switch
        {
            0 => ("w[0]", "w[0] = x * 0.25;"),
            1 => ("w", "s += Sum(w) * x;"),
            2 => ("new double[k]", "{ var v = a ?? new double[k]; s += v[0]; }"),
            _ => ("new[] { x, s }", "for (int j = 0; j < 1; j++) { var v = b ?? new[] { x, s }; s += v[1]; }"),
        };

        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double x, double[] a, double[]? b, int k)\n    {\n");
        text.Append("        double s = 0.5 * x;\n");
        text.Append("        double[] loc = { x, x * x, 0.5 };\n");
        text.Append("        var w = ").Append(Choice(2)).Append(";\n");
        string? bad = ProgramBatch.AppendStatements(text, random, outside, Statement, Outside);
        text.Append("        return s + w[0] * x;\n    }\n");
        string t = text.ToString();
        int at = -1;
        if (bad is not null)
        {
            // The just-outside statement is the only one of its kind: its error is at its bad expression.
            string statement = bad switch
            {
                "w[0]" => "w[0] = x * 0.25;",
                "w" => "s += Sum(w) * x;",
                "new double[k]" => "var v = a ?? new double[k];",
                _ => "var v = b ?? new[] { x, s };",
            };
            int from = t.IndexOf(statement, StringComparison.Ordinal);
            at = from + statement.IndexOf(bad, StringComparison.Ordinal);
        }
        return (name, t, bad, at);
    }
}
