using System.Globalization;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Idioms21;

/// <summary>
/// Random programs over (double x, double y, int k) that write static fields of their own (an int counter, a double, a
/// bool flag) with values that carry no gradient (constants, k, a comparison of x and y, the field's own update) in
/// straight code, loops and branches, and read them back into the result between writes. Each program sets its fields at
/// its start, so that the repeated calls of central differences agree. About one in five is just outside: it writes a
/// value that carries a gradient into a static double, which must get ADG0007 at that write and no code. All programs are
/// judged in one compilation; the clean ones are checked against central differences at three points each.
/// AUTODIFFGEN_STATIC_WRITE_COUNT draws more.
/// </summary>
public class StaticFieldWritePropertyTests(ITestOutputHelper output)
{
    private const string Header = """
        using System;
        using AutoDiffGen;

        public static partial class P
        {

        """;

    private static readonly string[] Leaves = { "x", "y", "(x * y)", "Math.Sin(x)", "(y - 0.3)", "(x + 2 * y)", "Math.Exp(0.5 * y)", "(x * x)" };

    private static string E(Random random) => random.Next(3) == 0
        ? "(" + Leaves[random.Next(Leaves.Length)] + (random.Next(2) == 0 ? " + " : " * ") + Leaves[random.Next(Leaves.Length)] + ")"
        : Leaves[random.Next(Leaves.Length)];

    private static string Statement(Random random, string c, string d, string b) => random.Next(6) switch
    {
        0 => c + "++; s += " + E(random) + " * " + c + ";",
        1 => "for (int j = 0; j <= k; j++) { s += " + E(random) + " * " + c + "; " + c + " += 2; s += " + E(random) + " * " + d + "; }",
        2 => "if (" + E(random) + " > 0.1) { " + b + " = true; " + d + " *= 2; } s += (" + b + " ? " + E(random) + " : " + E(random) + ") * " + d + ";",
        3 => d + " = (k + 1) * 0.5; s = s * " + d + " + " + E(random) + ";",
        4 => b + " = x > y; if (" + b + ") " + c + "--; s += " + c + " * " + E(random) + ";",
        _ => "{ int m = 0; while (m < k) { m++; " + d + " -= 0.25; s += " + d + " * " + E(random) + "; } }",
    };

    private static (string Name, string Text, string? Bad) Make(Random random, int i, bool outside)
    {
        string n = i.ToString(CultureInfo.InvariantCulture);
        string name = "F" + n, c = "c" + n, d = "d" + n, b = "b" + n;
        var body = new List<string> { c + " = k; " + d + " = 0.75; " + b + " = false;", "double s = " + E(random) + ";" };
        int count = 1 + random.Next(3);
        for (int s = 0; s < count; s++) body.Add(Statement(random, c, d, b));
        string? bad = null;
        if (outside)
        {
            bad = d + (random.Next(2) == 0 ? " = " : " += ") + E(random);
            body.Insert(2 + random.Next(body.Count - 1), bad + "; s += " + d + ";");
        }
        string text = "    static int " + c + "; static double " + d + "; static bool " + b + ";\n"
            + "    [Differentiable(Forward = true)] public static double " + name + "(double x, double y, int k) { " + string.Join(" ", body) + " return s; }\n";
        return (name, text, bad);
    }

    [Fact]
    public void RandomStaticFieldWrites_MatchCentralDifferences_AndAWrittenGradientIsDiagnosedAtTheWrite()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_STATIC_WRITE_COUNT", 30);
        var random = new Random(20261221);
        var programs = Enumerable.Range(0, count).Select(i => Make(random, i, outside: i % 5 == 4)).ToList();
        ProgramBatch.JudgeAndCheck(Header, "P", programs, () => ProgramBatch.PointXYK(random), output.WriteLine, "ADG0007");
    }
}
