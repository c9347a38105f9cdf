using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Natural;

/// <summary>
/// Property test for <c>is</c> patterns in conditions (<c>counts[i] is &gt; 0</c>, a natural program's first form):
/// random programs test parameters, an int, an array element, a running local and computed values with relational,
/// constant, <c>not</c>, <c>and</c> and <c>or</c> patterns, in <c>if</c>s, <c>?:</c> and <c>bool</c> locals. Each one
/// inside what is supported must generate cleanly, return its own value and match central differences on the paths
/// its points take (property patterns on a record struct since idioms14b); each one outside (a declaration, positional
/// pattern, a property pattern declaring a variable of a computed value; a call tested twice) must get an
/// ADG error and no code. CI runs 200 programs; AUTODIFFGEN_ISPATTERN_COUNT runs more.
/// </summary>
public class IsPatternPropertyTests(ITestOutputHelper output)
{
    private static readonly double[] Thresholds = { -1.5, -0.5, 0, 0.5, 1.2 };

    private sealed record Program(string Name, string Text, bool Outside);

    [Fact]
    public void IsPatterns_GiveTheMethodsValueAndGradient_OrAnError()
    {
        int count = int.TryParse(Environment.GetEnvironmentVariable("AUTODIFFGEN_ISPATTERN_COUNT"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : 200;
        var random = new Random(20261202);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 8 == 7)).ToList();

        var run = GeneratorHarness.Run(Source(all));
        Assert.True(run.Exceptions.IsEmpty, run.Dump());
        // Random patterns may be always true or never (CS8794, CS8519 in the user's own file): only errors count there.
        var errors = run.GeneratorDiagnostics.Concat(run.CompileDiagnostics)
            .Where(d => d.Severity == DiagnosticSeverity.Error || d.Severity == DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath != "User0.cs").ToList();
        var lines = LineRanges(all);
        var clean = new List<Program>();
        int diagnosed = 0;
        foreach (var p in all)
        {
            var (from, to) = lines[p.Name];
            var mine = errors.Where(d => d.Location.GetLineSpan().StartLinePosition.Line is int l && l >= from && l <= to).ToList();
            bool generated = run.Generated.Keys.Any(k => k.Contains("." + p.Name + "_", StringComparison.Ordinal));
            if (p.Outside)
            {
                Assert.True(mine.Count > 0 && mine.All(d => d.Id == "ADG0003") && !generated,
                    p.Name + " holds a rejected pattern but got " + (mine.Count == 0 ? "no error" : string.Join("; ", mine)) + ":\n" + p.Text);
                diagnosed++;
                continue;
            }
            Assert.True(mine.Count == 0 && generated, p.Name + " should generate cleanly:\n" + string.Join("\n", mine) + "\n" + p.Text);
            clean.Add(p);
        }
        Assert.DoesNotContain(errors, d => !lines.Values.Any(r => d.Location.GetLineSpan().StartLinePosition.Line >= r.From && d.Location.GetLineSpan().StartLinePosition.Line <= r.To));

        var cleanRun = GeneratorHarness.RunForLoad(Source(clean));
        Assert.True(cleanRun.Diagnostics.IsEmpty && cleanRun.Exceptions.IsEmpty && !cleanRun.CompileDiagnostics.Any(d => d.Location.SourceTree?.FilePath != "User0.cs"), cleanRun.Dump());
        var type = GeneratorHarness.Load(cleanRun).GetType("Patterns")!;
        int points = 0;
        foreach (var p in clean)
        {
            var method = type.GetMethod(p.Name, BindingFlags.Public | BindingFlags.Static)!;
            for (int k = 0; k < 3; k++)
            {
                var point = new object[] { Away(random), Away(random), new[] { Away(random), Away(random) }, k };
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
            if (Thresholds.All(t => Math.Abs(v - t) > 0.01)) return v;
        }
    }

    private static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Threshold() => Pick("-1.5", "-0.5", "0", "0.5", "1.2");

        // A pattern over a real value that can match and can fail (C# rejects one that never matches).
        string RealPattern(int depth)
        {
            var t = new[] { Threshold(), Threshold() }.Select(v => double.Parse(v, CultureInfo.InvariantCulture)).OrderBy(v => v).ToArray();
            string lo = t[0].ToString(CultureInfo.InvariantCulture), hi = t[1].ToString(CultureInfo.InvariantCulture);
            return (depth > 0 ? random.Next(5) : 0) switch
            {
                0 => Pick(">", "<", ">=", "<=") + " " + lo,
                1 => "not (" + RealPattern(depth - 1) + ")",
                2 when lo != hi => ">= " + lo + " and < " + hi,
                3 when lo != hi => "(< " + lo + ") or (> " + hi + ")",
                _ => "not (> " + hi + " or < " + lo + ")",
            };
        }
        string IntPattern() => Pick("0", "1", "> 0", "< 2", "not 1", "0 or 2", ">= 1 and <= 2");

        string Condition()
        {
            return random.Next(8) switch
            {
                6 => "new Pair(x, y * s) is { A: " + Pick(">", "<=") + " " + Threshold() + " }",
                0 => "x is " + RealPattern(2),
                1 => "y is " + RealPattern(2),
                2 => "k is " + IntPattern(),
                3 => "a[k % 2] is " + RealPattern(2),
                4 => "s is " + RealPattern(1),
                5 => "(x * y - a[0]) is " + RealPattern(1),
                _ => "Math.Sin(x + y) is " + Pick(">", "<=") + " " + Threshold(),
            };
        }

        string Bad() => random.Next(5) switch
        {
            0 => "a[k % 2] is double d && d > 0.5", // x is double d itself names x since idioms11
            // A positional pattern that only tests is supported since idioms16b; one that declares a position is not.
            1 => "(x, y) is (double p, > 0) && p > 0",
            2 => "Math.Sin(x) is > 0 and < 0.5",
            // A property pattern is a member test since idioms14b; one declaring a variable of a computed value is not.
            3 => "new Pair(x, y) is { A: > 0, B: var q } && q > 0",
            _ => "Math.Abs(x) is < 0.2 or > 1",
        };

        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double x, double y, double[] a, int k)\n    {\n");
        text.Append("        double s = x * y + a[0];\n");
        int bad = outside ? random.Next(3) : -1;
        text.Append("        if (").Append(bad == 0 ? Bad() : Condition()).Append(") s += Math.Exp(0.3 * x); else s -= y * y;\n");
        text.Append("        s += ").Append(bad == 1 ? Bad() : Condition()).Append(" ? a[1] * x : Math.Sin(y);\n");
        text.Append("        bool b = ").Append(bad == 2 ? Bad() : Condition()).Append(";\n");
        text.Append("        if (b) s *= 1.5 + a[0];\n");
        text.Append("        if (").Append(Condition()).Append(" && ").Append(Condition()).Append(") s += x;\n");
        text.Append("        return s;\n    }\n");
        return new Program(name, text.ToString(), outside);
    }

    private const string Header = "using System;\nusing AutoDiffGen;\n\npublic readonly record struct Pair(double A, double B);\n\npublic static partial class Patterns\n{\n";

    private static string Source(List<Program> programs) => ProgramBatch.Source(Header, programs.Select(p => p.Text));

    private static Dictionary<string, (int From, int To)> LineRanges(List<Program> programs) => ProgramBatch.Lines(Header, programs.Select(p => (p.Name, p.Text)));
}
