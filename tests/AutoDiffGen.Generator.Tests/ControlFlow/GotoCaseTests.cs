using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.ControlFlow;

/// <summary>
/// C#'s fallthrough: a switch section that ends in <c>goto case c;</c> or <c>goto default;</c> runs the target section
/// next (Clad's Switch.C, translated, has it in every fallthrough test). The section is lowered as its own statements
/// followed by a copy of the target's. Checked by hand and by central differences, with returns in the sections, inside
/// a loop, and compiled at C# 7.3 (forward and Hessian mode: PeerSuite/ModeSources/CladFallthrough.cs); a goto that is not a section's last statement, or a chain of them that loops, stays ADG0002.
/// </summary>
public class GotoCaseTests(ITestOutputHelper output)
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Fall
        {
            [Differentiable]
            public static double Chain(double x, double y, int k)
            {
                double r = 0;
                switch (k)
                {
                    case 0: r += x * y; break;
                    case 1: r += x * x; goto case 2;
                    case 2: r += y * y; goto default;
                    default: r += x * x * y * y; break;
                }
                return r;
            }

            [Differentiable]
            public static double WithReturns(double x, int k)
            {
                double r = x;
                switch (k)
                {
                    case 0: r *= x; goto case 1;
                    case 1: return r * 3;
                    case 2: r = Math.Sin(r); goto default;
                    default: r += 1; break;
                }
                return r * x;
            }

            [Differentiable]
            public static double InLoop(double x, double y)
            {
                double res = 0;
                int counter = 3;
                while (counter-- > 0)
                {
                    switch (counter)
                    {
                        case 0: res += x * x * y; goto case 1;
                        case 1: { res += Math.Exp(x); } break;
                        case 2: res += y * y; goto default;
                        default: res *= y; break;
                    }
                }
                return res;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Method(string name) => Compiled.Value.GetType("Fall")!.GetMethod(name)!;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    public void Chain_RunsEverySectionItFallsInto(int k)
    {
        double x = 0.7, y = -1.3;
        var r = CentralDifferenceRunner.Check(Method("Chain"), null, new object[] { x, y, k });
        // r = [k==0] xy + [k==1] x² + [k∈{1,2}] y² + [k≠0] x²y².
        double dx = k == 0 ? y : (k == 1 ? 2 * x : 0) + 2 * x * y * y;
        double dy = k == 0 ? x : (k is 1 or 2 ? 2 * y : 0) + 2 * x * x * y;
        Tolerance.AssertFormula(dx, r.Gradient[0]![0], "d/dx");
        Tolerance.AssertFormula(dy, r.Gradient[1]![0], "d/dy");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void WithReturns_TheTargetsReturnEndsTheMethod(int k)
    {
        double x = 0.9;
        var r = CentralDifferenceRunner.Check(Method("WithReturns"), null, new object[] { x, k });
        double expected = k switch
        {
            0 => 6 * x,                                        // 3x²
            1 => 3,                                            // 3x
            2 => Math.Cos(x) * x + Math.Sin(x) + 1,            // (sin x + 1)·x
            _ => 2 * x + 1,                                    // (x + 1)·x
        };
        Tolerance.AssertFormula(expected, r.Gradient[0]![0], "d/dx");
    }

    [Fact]
    public void InLoop_FallsThroughOnEachPass()
    {
        double x = 0.4, y = 1.2;
        var r = CentralDifferenceRunner.Check(Method("InLoop"), null, new object[] { x, y });
        // counter 2: res = y²·y = y³; counter 1: res = y³ + eˣ; counter 0: res = y³ + eˣ + x²y + eˣ.
        Tolerance.AssertFormula(y * y * y + 2 * Math.Exp(x) + x * x * y, r.Value, "value");
        Tolerance.AssertFormula(2 * Math.Exp(x) + 2 * x * y, r.Gradient[0]![0], "d/dx");
        Tolerance.AssertFormula(3 * y * y + x * x, r.Gradient[1]![0], "d/dy");
    }

    [Theory]
    [InlineData(Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp7_3, false)]
    [InlineData(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest, true)]
    public void GeneratedCode_CompilesCleanOnEveryVersion(Microsoft.CodeAnalysis.CSharp.LanguageVersion version, bool nullable)
    {
        var result = Compatibility.LanguageVersionHarness.Run(version, nullable, null, Source);
        Assert.True(result.Generated.Count == 3, "generated " + result.Generated.Count + " files");
        Assert.Empty(result.CompileDiagnostics.Where(d => d.Location.SourceTree is { } t && !Path.GetFileName(t.FilePath).StartsWith("User", StringComparison.Ordinal)));
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Theory]
    [InlineData("case 0: r *= x; goto case 1; case 1: r += x; goto case 0; default: break;", "goto case 0;")]
    [InlineData("case 0: if (x > 0) goto case 1; r *= x; break; case 1: r += x; break; default: break;", "goto case 1;")]
    public void GotoThatIsNotAFallthrough_StaysAnError(string sections, string at)
    {
        var result = GeneratorHarness.Run("using System;\nusing AutoDiffGen;\npublic static partial class C {\n[Differentiable] public static double F(double x, int k) { double r = x; switch (k) { " + sections + " } return r; }\n}\n");
        var errors = result.Diagnostics.Where(d => d.Id.StartsWith("ADG", StringComparison.Ordinal) && d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.Contains(errors, d => d.Id == "ADG0002" && d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan).StartsWith("goto", StringComparison.Ordinal));
        Assert.Contains(at, result.Diagnostics.First(d => d.Id == "ADG0002").GetMessage(CultureInfo.InvariantCulture));
        Assert.DoesNotContain(result.Generated.Values, s => s.Contains("FBackward", StringComparison.Ordinal));
    }

    private sealed record Program(string Name, string Text, bool Outside);

    /// <summary>
    /// Random switches of four sections over k, each section updating r with a smooth step and ending in break, a goto
    /// to a later section (always a fallthrough chain that ends), or return; inside a loop or not. Outside what is
    /// supported: a goto back to an earlier section (a loop of sections, which C# allows) or inside an if: ADG0002, no code.
    /// </summary>
    [Fact]
    public void RandomFallthroughs_GiveTheMethodsGradient_OrAnError()
    {
        var random = new Random(20261202);
        var all = Enumerable.Range(0, 60).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 6 == 5)).ToList();
        var run = GeneratorHarness.Run(Header + string.Concat(all.Select(p => p.Text)) + "}\n");
        Assert.True(run.Exceptions.IsEmpty, run.Dump());
        var clean = new List<Program>();
        foreach (var p in all)
        {
            var mine = run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && Within(d, p)).ToList();
            bool generated = run.Generated.Values.Any(s => s.Contains(" " + p.Name + "Backward(", StringComparison.Ordinal));
            if (p.Outside)
            {
                Assert.True(mine.Count > 0 && mine.All(d => d.Id == "ADG0002") && !generated, p.Name + " should be ADG0002 without code but got " + string.Join("; ", mine) + "\n" + p.Text);
                continue;
            }
            Assert.True(mine.Count == 0 && generated, p.Name + " should generate:\n" + string.Join("\n", mine) + "\n" + p.Text);
            clean.Add(p);
        }
        var cleanRun = GeneratorHarness.RunForLoad(Header + string.Concat(clean.Select(p => p.Text)) + "}\n");
        Assert.True(cleanRun.Diagnostics.IsEmpty && cleanRun.Exceptions.IsEmpty, cleanRun.Dump());
        var type = GeneratorHarness.Load(cleanRun).GetType("Falls")!;
        int points = 0;
        foreach (var p in clean)
        {
            var method = type.GetMethod(p.Name)!;
            for (int k = 0; k < 5; k++)
            {
                var point = new object[] { 0.3 + random.NextDouble(), 0.3 + random.NextDouble(), k };
                try { CentralDifferenceRunner.Check(method, null, point); }
                catch (Xunit.Sdk.XunitException e) { throw new Xunit.Sdk.XunitException(p.Name + " at " + string.Join(", ", point) + ": " + e.Message + "\n" + p.Text); }
                points++;
            }
        }
        output.WriteLine($"{all.Count} programs: {clean.Count} generated and checked at {points} points, {all.Count - clean.Count} diagnosed");
        Assert.True(clean.Count > all.Count / 2);

        bool Within(Diagnostic d, Program p)
        {
            int line = d.Location.GetLineSpan().StartLinePosition.Line;
            var (from, to) = Lines(all, p);
            return line >= from && line <= to;
        }
    }

    private const string Header = "using System;\nusing AutoDiffGen;\npublic static partial class Falls\n{\n";

    private static (int From, int To) Lines(List<Program> all, Program p)
    {
        int line = Header.Count(c => c == '\n');
        foreach (var q in all)
        {
            int n = q.Text.Count(c => c == '\n');
            if (ReferenceEquals(q, p)) return (line, line + n - 1);
            line += n;
        }
        return (-1, -1);
    }

    private static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Step() => Pick("r += x * y;", "r *= x;", "r = Math.Sin(r) + y;", "r -= y * y;", "r += Math.Exp(0.2 * x);", "r = r * r * 0.5 + x;");
        string Goto(int target) => target == 3 ? "goto default;" : "goto case " + target.ToString(CultureInfo.InvariantCulture) + ";";
        bool inLoop = random.Next(3) == 0;
        // Outside: a goto inside an if (not a section's end), or sections 1 and 2 jumping to each other (a loop of sections).
        int bad = outside ? random.Next(2) : -1;
        var ends = new string[4];
        for (int s = 0; s < 3; s++)
        {
            int end = random.Next(inLoop ? 2 : 3);
            ends[s] = end == 1 ? Goto(s + 1 + random.Next(3 - s)) : end == 2 ? "return r * y;" : "break;";
        }
        ends[3] = !inLoop && random.Next(2) == 0 ? "return r - y;" : "break;";
        if (bad == 0) ends[0] = "if (x > 2) goto case 1; r += 1; break;";
        if (bad == 1) { ends[1] = Goto(2); ends[2] = Goto(1); }
        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n        double r = x;\n");
        if (inLoop) text.Append("        for (int pass = 0; pass < 2; pass++)\n        {\n");
        text.Append("        switch (").Append(inLoop ? "(k + pass) % 5" : "k").Append(")\n        {\n");
        string[] labels = { "case 0:", "case 1:", "case 2:", "default:" };
        for (int s = 0; s < 4; s++) text.Append("            ").Append(labels[s]).Append(' ').Append(Step()).Append(' ').Append(ends[s]).Append('\n');
        text.Append("        }\n");
        if (inLoop) text.Append("        }\n");
        text.Append("        return r + x;\n    }\n");
        return new Program(name, text.ToString(), outside);
    }
}
