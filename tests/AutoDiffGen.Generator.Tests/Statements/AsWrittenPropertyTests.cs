using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Statements;

/// <summary>
/// Property test for the statements of <see cref="AsWrittenTests"/>: random programs switch on a differentiated value
/// (a parameter, a running local, a product) or an int, with <c>case var v when …:</c>, <c>case var w:</c> or
/// <c>default:</c>, a switch expression of <c>var a</c> arms, <c>Math.SinCos</c> deconstructed, a try/finally and a
/// forward goto, a foreach over a [NoDiff] <c>List&lt;double&gt;</c>. Inside support each must match central differences;
/// <c>case double v when …:</c> and a final <c>double a =></c> arm on a differentiated double (idioms11: they name the value as
/// <c>var</c> does). Just outside (a <c>List&lt;double&gt;</c> copied from a
/// collection, which the generator does not follow (a local list built by Add is supported: Lists/ListLocalTests)) an ADG0003 at the pattern or the list and no code. CI runs 80 programs; AUTODIFFGEN_ASWRITTEN_COUNT runs more.
/// </summary>
public class AsWrittenPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad);

    private const string Header = "using System;\nusing System.Collections.Generic;\nusing AutoDiffGen;\n\npublic static partial class AsWritten\n{\n";

    private static readonly string[] Thresholds = { "-1.2", "-0.5", "0", "0.5", "1.2" };

    [Fact]
    public void SwitchVarPatterns_SinCos_TryFinally_ForwardGoto_MatchCentralDifferences_OrAnError()
    {
        int count = int.TryParse(Environment.GetEnvironmentVariable("AUTODIFFGEN_ASWRITTEN_COUNT"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : 80;
        var random = new Random(20261204);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 7 == 6)).ToList();
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(ProgramBatch.Source(Header, all.Select(p => p.Text))), Header, all, p => (p.Name, p.Text, p.Bad));
        int diagnosed = all.Count - clean.Count;

        var run = GeneratorHarness.RunForLoad(ProgramBatch.Source(Header, clean.Select(p => p.Text)));
        Assert.True(run.Diagnostics.IsEmpty && run.Exceptions.IsEmpty && !run.CompileDiagnostics.Any(d => d.Location.SourceTree?.FilePath != "User0.cs"), run.Dump());
        var type = GeneratorHarness.Load(run).GetType("AsWritten")!;
        int points = 0;
        foreach (var p in clean)
        {
            var method = type.GetMethod(p.Name, BindingFlags.Public | BindingFlags.Static)!;
            for (int k = 0; k < 3; k++)
            {
                var point = new object[] { Away(random), Away(random), k, new List<double> { Away(random), Away(random) } };
                try
                {
                    CentralDifferenceRunner.Check(method, null, point);
                }
                catch (Xunit.Sdk.XunitException e)
                {
                    throw new Xunit.Sdk.XunitException(p.Name + " at " + string.Join(", ", point) + ": " + e.Message + "\n" + p.Text);
                }
                points++;
            }
        }
        output.WriteLine($"{count} programs: {clean.Count} generated and checked at {points} points, {diagnosed} diagnosed");
        Assert.True(diagnosed > 0 && clean.Count > count / 2);
    }

    private static double Away(Random random)
    {
        while (true)
        {
            double v = Math.Round((random.NextDouble() * 4) - 2, 4);
            if (Thresholds.All(t => Math.Abs(v - double.Parse(t, CultureInfo.InvariantCulture)) > 0.01)) return v;
        }
    }

    private static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string T() => Pick(Thresholds);

        string selector = Pick("x", "y", "s", "x * y", "x - y", "k");
        bool integral = selector == "k";
        // (case double v on a differentiated double names the value as var v does since idioms11: drawn inside support.)
        string? bad = !outside ? null : "new List<double>(new[] { x, y * y })";
        string named = integral ? "var v" : Pick("var v", "double v");
        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double x, double y, int k, [NoDiff] List<double> ws)\n    {\n");
        text.Append("        double s = ").Append(Pick("x * y", "Math.Sin(x) + y", "x - 0.5 * y")).Append(";\n");
        if (bad is not null && bad.StartsWith("new", StringComparison.Ordinal)) text.Append("        var list = ").Append(bad).Append(";\n        s += list[1];\n");
        if (random.Next(2) == 0) text.Append("        foreach (var e in ws) s += ").Append(Pick("e * x", "Math.Sin(e * s)", "e")).Append(";\n");
        text.Append("        switch (").Append(selector).Append(")\n        {\n");
        text.Append("            case ").Append(integral ? "0" : Pick("<", ">") + " " + T()).Append(":\n");
        text.Append("                s = ").Append(Pick("s * x", "-y", "Math.Cos(s) + x")).Append(";\n                break;\n");
        text.Append("            case ").Append(named).Append(" when v ").Append(Pick("<", ">")).Append(' ').Append(T()).Append(":\n");
        text.Append("                s = ").Append(Pick("v * x + s", "Math.Exp(0.3 * v) * y", "v * v", "s - v")).Append(";\n                break;\n");
        text.Append(random.Next(2) == 0
            ? "            case var w:\n                s += " + Pick("w * y", "w", "Math.Sin(w) * x") + ";\n                break;\n"
            : "            default:\n                s -= " + Pick("y", "x * x") + ";\n                break;\n");
        text.Append("        }\n");
        if (random.Next(2) == 0) text.Append("        var (sn, cs) = Math.SinCos(").Append(Pick("x", "s", "x * y")).Append(");\n        s += sn * cs;\n");
        if (random.Next(2) == 0) text.Append("        try { s = s * ").Append(Pick("x", "y", "s")).Append("; }\n        finally { s += 0.25; }\n");
        bool jumps = random.Next(2) == 0;
        if (jumps)
        {
            text.Append("        if (").Append(Pick("x", "y", "s")).Append(' ').Append(Pick("<", ">")).Append(' ').Append(T()).Append(") goto done;\n");
            text.Append("        s = ").Append(Pick("s * s", "Math.Sin(s) * x", "s + y * y")).Append(";\n");
            text.Append("    done:\n");
        }
        text.Append("        return s + (").Append(Pick("x", "y", "s", "x + y")).Append(" switch { var a when a > ").Append(T()).Append(" => a * x, ").Append(Pick("var a", "double a")).Append(" => ").Append(Pick("a * y", "Math.Exp(0.2 * a)", "s")).Append(" });\n");
        text.Append("    }\n");
        return new Program(name, text.ToString(), bad);
    }
}
