using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Forward;

/// <summary>
/// Property test of local jagged arrays in forward mode (issue 14, modes4): random <c>Forward = true</c> programs over
/// (x, y, k) create a jagged local (new double[n][] with rows set in a loop, or an initializer of rows), store, add into
/// and read its elements in loops and branches, and make a row again with another length. Inside support each MForward
/// matches central differences along a random direction and its own Backward; just outside (a jagged local created inside
/// a loop) it is ADG0003 at that creation and no code. AUTODIFFGEN_JAGGEDFORWARD_COUNT runs more.
/// </summary>
public class JaggedLocalForwardPropertyTests(ITestOutputHelper output)
{
    private const string Header = "using System;\nusing AutoDiffGen;\n\npublic static partial class JaggedRandom\n{\n";

    [Fact]
    public void JaggedLocals_MatchCentralDifferencesAndBackward_OrADG0003AtTheCreation()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_JAGGEDFORWARD_COUNT", 60);
        var random = new Random(20261215);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 6 == 5)).ToList();
        ForwardPrograms.JudgeAndCheck(Header, "JaggedRandom", all, random, output.WriteLine, "ADG0003");
    }

    private static (string Name, string Text, string? Bad) Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        // Rows 0 and 1 always have at least two elements; row r of the loop form has r + 2.
        string Slot() => "m[" + random.Next(2).ToString(CultureInfo.InvariantCulture) + "][" + random.Next(2).ToString(CultureInfo.InvariantCulture) + "]";
        string Real() => Pick("x * y", "Math.Sin(x) + s", Slot() + " * x", "s * y", Slot() + " + " + Slot() + " * y", "Math.Tanh(0.3 * " + Slot() + ")", "0.25");
        var text = new StringBuilder();
        text.Append("    [Differentiable(Forward = true)]\n    public static double " + name + "(double x, double y, int k)\n    {\n        double s = 0;\n");
        text.Append(random.Next(2) == 0
            ? "        var m = new double[3][];\n        for (int r = 0; r < m.Length; r++) { m[r] = new double[r + 2]; for (int c = 0; c < m[r].Length; c++) m[r][c] = " + Pick("x * (r + 1) + y * c", "Math.Sin(x * c) + y", "x * y * r") + "; }\n"
            : "        double[][] m = { new[] { x, y }, new[] { y * y, " + Pick("x", "0.5", "Math.Exp(0.2 * x)") + ", x - y } };\n");
        string Statement() => random.Next(6) switch
        {
            0 => Slot() + " = " + Real() + ";",
            1 => Slot() + " " + Pick("+=", "*=", "-=") + " " + Real() + ";",
            2 => "for (int i = 0; i < k; i++) " + Slot() + " += " + Pick("0.5 * " + Slot(), "x * i", "Math.Sin(s)") + ";",
            3 => "if (" + Pick("x > 0", Slot() + " < y", "k > 1") + ") s += " + Real() + "; else " + Slot() + " = " + Real() + ";",
            4 => "for (int i = 0; i < m.Length; i++) for (int j = 0; j < m[i].Length; j++) s += m[i][j] * " + Pick("y", "0.3", "m[i][0]") + ";",
            _ => "s += " + Real() + ";",
        };
        // A row made again, of another length, after it was read: its old elements no longer count.
        (string Bad, string Statement) Outside() => ("new double[2][]", "for (int q = 0; q < 2; q++) { var w = new double[2][]; w[0] = new double[1]; w[0][0] = x * q; s += w[0][0]; }");
        string? bad = ProgramBatch.AppendStatements(text, random, outside, Statement, Outside);
        if (random.Next(2) == 0) text.Append("        m[1] = new double[" + Pick("2", "3", "k + 2") + "];\n        m[1][1] = " + Real().Replace("m[1]", "m[0]") + ";\n");
        text.Append("        return s + " + Slot() + " * " + Pick("x", "y", Slot()) + ";\n    }\n");
        return (name, text.ToString(), bad);
    }
}
