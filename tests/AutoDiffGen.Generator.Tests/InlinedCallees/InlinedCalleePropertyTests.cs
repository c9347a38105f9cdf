using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.InlinedCallees;

/// <summary>
/// Random programs that call random [Differentiable] helpers (issue 12: small static helpers of the caller's type are
/// inlined instead of called through their Backward, which would run their forward sweep again). Helpers with
/// branches, loops, several returns and calls to other helpers (nested), called in loops, in branches, twice, nested in
/// their own arguments; a recursive helper, a helper of another class, one with a ref parameter and one taking an
/// array keep their calls. double and float. Inside support every gradient matches central differences, and the
/// generated Backward calls no inlinable helper's Backward; just outside (a gradient passed to a helper's [NoDiff]
/// parameter) it is an ADG0003 at that argument and no code.
/// </summary>
public class InlinedCalleePropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad, string[] Inlined, string[] Called);

    [Fact]
    public void RandomHelperCalls_MatchCentralDifferences_AndInlinableHelpersAreInlined()
    {
        int count = int.TryParse(Environment.GetEnvironmentVariable("AUTODIFFGEN_CALLEES_COUNT"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : 60;
        var random = new Random(20261203);
        var all = Enumerable.Range(0, count).Select(i => Next(random, i, i % 6 == 5)).ToList();
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(Source(all)), Header, all, p => (p.Name, p.Text, p.Bad));
        var cleanRun = GeneratorHarness.Run(Source(clean));
        Assert.True(cleanRun.Diagnostics.IsEmpty && !cleanRun.CompileDiagnostics.Any(d => d.Location.SourceTree?.FilePath != "User0.cs"), cleanRun.Dump());
        var type = GeneratorHarness.Load(cleanRun).GetType("Calls")!;
        int points = 0, inlined = 0, called = 0;
        foreach (var p in clean)
        {
            // The program's own Backward: inlinable helpers leave no call of their Backward, the others keep theirs.
            string code = cleanRun.Generated.Single(g => g.Key.Contains("Calls." + p.Name + "_", StringComparison.Ordinal)).Value;
            foreach (string h in p.Inlined)
            {
                Assert.DoesNotContain("." + h + "Backward(", code);
                inlined++;
            }
            foreach (string h in p.Called)
            {
                Assert.Contains("." + h + "Backward(", code);
                called++;
            }
            var method = type.GetMethod(p.Name, BindingFlags.Public | BindingFlags.Static)!;
            bool single = method.ReturnType == typeof(float);
            for (int k = 0; k < 3; k++)
            {
                double a = Math.Round((random.NextDouble() * 2.4) - 1.2, 4), b = Math.Round((random.NextDouble() * 2.4) - 1.2, 4);
                var point = single ? new object[] { (float)a, (float)b, random.Next(4) } : new object[] { a, b, random.Next(4) };
                try
                {
                    CentralDifferenceRunner.Check(method, null, point);
                }
                catch (Xunit.Sdk.XunitException e)
                {
                    throw new Xunit.Sdk.XunitException(p.Name + " at " + string.Join(", ", point) + ": " + e.Message + "\n" + p.Text + "\n" + code);
                }
                points++;
            }
        }
        output.WriteLine($"{count} programs: {clean.Count} generated, {points} points checked, {inlined} inlined and {called} called helpers checked, {count - clean.Count} diagnosed");
        Assert.True(clean.Count > count / 2 && points == 3 * clean.Count && clean.Count < count && inlined > clean.Count && called > 0);
    }

    private static Program Next(Random random, int index, bool outside)
    {
        string i = index.ToString(CultureInfo.InvariantCulture);
        string name = "P" + i;
        bool single = index % 4 == 3;
        string t = single ? "float" : "double";
        string L(string v) => single ? v + "f" : v;
        string Sin(string v) => single ? "MathF.Sin(" + v + ")" : "Math.Sin(" + v + ")";
        string Exp(string v) => single ? "MathF.Exp(" + v + ")" : "Math.Exp(" + v + ")";
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Value(string a, string b) => Pick(a + " * " + b, Sin(a) + " * " + b, a + " * " + b + " + " + L("1"), Exp(L("0.3") + " * " + a), a + " / (" + L("1") + " + " + b + " * " + b + ")");

        string a = "A" + i, b = "B" + i, r = "R" + i, o = "O" + i, f = "F" + i, s = "S" + i, nd = "N" + i;
        var helpers = new StringBuilder();
        void Helper(string text) => helpers.Append("    [Differentiable]\n    public static ").Append(text).Append("\n\n");
        // A: one expression, or statements with a branch, a loop, several returns.
        Helper(t + " " + a + "(" + t + " t, " + t + " u) " + random.Next(4) switch
        {
            0 => "=> " + Value("t", "u") + ";",
            1 => "{ if (t > u) return " + Value("t", "u") + "; " + t + " w = u + " + L("0.5") + "; return w * w * t; }",
            2 => "{ " + t + " w = 0; for (int j = 0; j < 3; j++) { w += " + Value("t", "u") + "; if (w > 2) break; } return w + u; }",
            _ => "{ " + t + " w = " + Value("u", "t") + "; w *= t; w += " + Sin("w") + "; return w; }",
        });
        // B: calls A (nested inlining), in a loop over k or in a branch.
        Helper(t + " " + b + "(" + t + " t, int k) " + Pick(
            "{ " + t + " w = t; for (int j = 0; j < k; j++) w += " + a + "(t, w * " + L("0.25") + "); return w; }",
            "{ if (k > 1) return " + a + "(t, t) * t; return " + a + "(t * " + L("0.5") + ", " + L("1") + ") + t; }",
            "=> " + a + "(" + a + "(t, " + L("0.3") + "), t) - t;"));
        // Kept as calls: recursion, another class, a ref parameter, an array parameter.
        Helper(t + " " + r + "(" + t + " t, int k) { if (k <= 0) return t * t; return " + r + "(t * " + L("0.5") + ", k - 1) + " + Sin("t") + "; }");
        Helper("void " + f + "(ref " + t + " acc, " + t + " t) { acc = acc * t + " + Value("t", "acc") + "; }");
        Helper(t + " " + s + "(" + t + "[] v) { " + t + " w = 0; for (int j = 0; j < v.Length; j++) w += v[j] * v[j]; return w; }");
        Helper(t + " " + nd + "(" + t + " t, [NoDiff] " + t + " c) => t * c + t;");

        var uses = new List<string>();
        var inlined = new List<string> { a };
        var called = new List<string>();
        uses.Add(Pick("s += " + a + "(x, y);", "s += " + a + "(x, y) * " + a + "(y, x);", "s += " + a + "(" + a + "(x, y), y);"));
        if (random.Next(2) == 0)
        {
            uses.Add(Pick("for (int j = 0; j < n; j++) s += " + b + "(x * " + L("0.3") + " + j, n);", "if (x > 0) s += " + b + "(y, n); else s -= " + b + "(x, 2);"));
            inlined.Add(b);
        }
        if (random.Next(2) == 0)
        {
            uses.Add("s += " + r + "(x, n);");
            called.Add(r);
        }
        if (random.Next(2) == 0)
        {
            uses.Add("s += " + o + ".G(x * y);");
            called.Add("G");
        }
        if (random.Next(2) == 0)
        {
            uses.Add(Pick(f + "(ref s, x);", "for (int j = 0; j < n; j++) " + f + "(ref s, y);"));
            called.Add(f);
        }
        if (random.Next(3) == 0)
        {
            uses.Add("var v = new " + t + "[2]; v[0] = x; v[1] = " + a + "(y, x); s += " + s + "(v);");
            called.Add(s);
        }
        string? bad = null;
        if (outside)
        {
            uses.Add("s += " + nd + "(x, y * x);");
            bad = "y * x";
        }
        else if (random.Next(2) == 0)
        {
            uses.Add("s += " + nd + "(x, " + L("2") + ");");
            called.Add(nd);
        }

        var text = new StringBuilder();
        text.Append(helpers);
        text.Append("    [Differentiable]\n    public static ").Append(t).Append(' ').Append(name).Append('(').Append(t).Append(" x, ").Append(t).Append(" y, int n)\n    {\n");
        text.Append("        ").Append(t).Append(" s = 0;\n");
        foreach (string use in uses) text.Append("        ").Append(use).Append('\n');
        text.Append("        return s;\n    }\n");
        text.Append("}\n\npublic static partial class ").Append(o).Append("\n{\n    [Differentiable]\n    public static ").Append(t).Append(" G(").Append(t).Append(" t) => ").Append(Value("t", "t")).Append(";\n}\n\npublic static partial class Calls\n{\n");
        return new Program(name, text.ToString(), bad, inlined.ToArray(), called.ToArray());
    }

    private const string Header = "using System;\nusing AutoDiffGen;\n\npublic static partial class Calls\n{\n";

    private static string Source(List<Program> programs) => ProgramBatch.Source(Header, programs.Select(p => p.Text));
}
