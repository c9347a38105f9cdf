using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.InlinedScopes;

/// <summary>
/// Property test of <c>Action</c> lambda locals (lists11): random programs hold three Actions that write captured locals
/// (one with a branch, one adding to a local list) and call them in random orders, in loops of a data count, in branches
/// and nested loops, among plain updates of the same locals. Each program inside what is supported generates cleanly and
/// its Backward matches central differences at three random points; each just outside (an Action passed to a helper, or
/// handed to List.ForEach) gets an error at that expression and no code. CI runs 60 programs; AUTODIFFGEN_ACTIONS_COUNT
/// runs more.
/// </summary>
public class ActionLambdaPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad);

    [Fact]
    public void ActionLambdas_MatchCentralDifferences_OrAnErrorAtTheExpression()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_ACTIONS_COUNT", 60);
        var random = new Random(20261211);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4)).ToList();
        ProgramBatch.JudgeAndCheck(Header, "Act", all.Select(p => (p.Name, p.Text, p.Bad)).ToList(),
            () => ProgramBatch.PointXYK(random), output.WriteLine, "ADG0002,ADG0003,ADG0016,ADG0017");
    }

    private static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Argument() => Pick("x", "y", "0.5 * s", "x * y", "t * 0.3", "-0.4");
        string Call() => Pick("a1();", "a2(" + Argument() + ");", "a3(k);", "a3(1);", "a2(" + Argument() + "); a1();");
        string Statement(int depth) => random.Next(depth > 0 ? 9 : 5) switch
        {
            0 or 1 => Call(),
            2 => "s = Math.Sin(s) + t * 0.2;",
            3 => "t = 0.5 * t + " + Argument() + " * 0.1;",
            4 => Call() + " " + Call(),
            5 => "for (int i" + depth + " = 0; i" + depth + " < k; i" + depth + "++) { " + Statement(depth - 1) + " }",
            6 => "if (" + Pick("x > 0.2", "s < t", "k > 1") + ") { " + Statement(depth - 1) + " } else { " + Statement(depth - 1) + " }",
            7 => "for (int i" + depth + " = 0; i" + depth + " < 2; i" + depth + "++) for (int j" + depth + " = 0; j" + depth + " <= i" + depth + "; j" + depth + "++) { " + Statement(depth - 1) + " }",
            _ => "if (" + Pick("y < 0.1", "t > 0") + ") { " + Statement(depth - 1) + " }",
        };
        // Just outside, an Action that escapes: the error is at its lambda (the text it must point at) and the statement that holds it.
        (string Bad, string Statement) Outside() => random.Next(2) == 0
            ? ("() => { s += x * t; }", "Action a4 = () => { s += x * t; }; Apply(a4);")
            : ("v => { t += v * s; }", "Action<double> a5 = v => { t += v * s; }; l.ForEach(a5);");

        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n");
        text.Append("        double s = x + 0.5 * y, t = y;\n        var l = new List<double> { x };\n");
        text.Append("        Action a1 = () => { s = s * 0.5 + x * t; };\n");
        text.Append("        Action<double> a2 = h => { if (h > 0.2) t += h * s; else t -= 0.3 * h; };\n");
        text.Append("        Action<int> a3 = i => { l.Add(s * (i + 1) * 0.1); };\n");
        string? badText = ProgramBatch.AppendStatements(text, random, outside, () => Statement(2), Outside);
        text.Append("        return s + t + l.Sum() * 0.1;\n    }\n");
        return new Program(name, text.ToString(), badText);
    }

    private const string Header = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using AutoDiffGen;

        public static partial class Act
        {
            static void Apply(Action a) { a(); a(); }

        """;
}
