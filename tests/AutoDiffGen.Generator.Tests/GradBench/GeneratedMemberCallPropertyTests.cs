using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.GradBench;

/// <summary>
/// Property test of gradbench24's fix: a [Differentiable] body that calls a member the generator writes (InnerBackward,
/// InnerForward, InnerHessianVector: nested differentiation, as GradBench's saddle and particle evals write it). While the
/// generator runs, that member does not exist, so Roslyn binds the call as invalid code. Before, a call written as a
/// statement was dropped as broken code and the generated Backward computed another function than the method (GradBench's
/// saddle: the inner descent's gradient stayed 0); in an expression, the method got no code and no diagnostic. Now each is
/// ADG0037 at the call and no code. Random programs call the [Differentiable] Inner itself (differentiated, in loops and
/// branches: central differences at three points each); one in five calls one of its generated members instead, as a
/// statement, in an expression, in a condition, qualified, with out results, in a loop. CI runs 30 programs;
/// AUTODIFFGEN_GENERATED_CALL_COUNT runs more.
/// </summary>
public class GeneratedMemberCallPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad);

    private const string Header = """
        using System;
        using AutoDiffGen;

        public static partial class P
        {
            [Differentiable(Forward = true, Hessian = true)]
            public static double Inner(double a, double b) => a * a * b + Math.Sin(a);

            // A misspelt member is broken code, not a generated one: the compiler's error only (OtherNames_KeepTheCompilerError).

        """;

    [Fact]
    public void GeneratedMemberCalls_AreRefusedAtTheCall_OthersMatchCentralDifferences()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_GENERATED_CALL_COUNT", 30);
        var random = new Random(2026_12_06_24);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "G" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4)).ToList();
        ProgramBatch.JudgeAndCheck(Header, "P", all.Select(p => (p.Name, p.Text, p.Bad)).ToList(), () => ProgramBatch.PointXYK(random), output.WriteLine, "ADG0037,ADG0003");
    }

    [Fact]
    public void OtherNames_KeepTheCompilerError_AndTheSaddleStatementFormIsNoLongerDropped()
    {
        // InnerBackwards is no member anyone writes: the compiler's CS0103 alone. The saddle's form (a statement whose ref
        // results are read after it) is ADG0037 at the call, where the Backward used to drop it and read d = 0.
        string source = Header + """
                [Differentiable] public static double Typo(double x, double y) { double da = 0, db = 0; InnerBackwards(x, y, ref da, ref db); return da * x; }
                [Differentiable] public static double Nested(double x, double y) { double da = 0, db = 0; InnerBackward(x, y, ref da, ref db); return da * x; }
            }
            """;
        var run = GeneratorHarness.Run(source);
        Assert.True(run.Exceptions.IsEmpty, run.Dump());
        Assert.DoesNotContain(run.Diagnostics, d => d.Location.GetLineSpan().StartLinePosition.Line == CountLines(Header) && d.Id.StartsWith("ADG", StringComparison.Ordinal));
        Assert.Contains(run.CompileDiagnostics, d => d.Id == "CS0103" && d.GetMessage(CultureInfo.InvariantCulture).Contains("InnerBackwards", StringComparison.Ordinal));
        var nested = Assert.Single(run.Diagnostics, d => d.Id == "ADG0037");
        Assert.Equal("InnerBackward(x, y, ref da, ref db)", nested.Location.SourceTree!.GetText().ToString(nested.Location.SourceSpan));
        Assert.Contains("'P.Inner'", nested.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.DoesNotContain(run.Generated.Keys, k => k.Contains(".Nested_", StringComparison.Ordinal) || k.Contains(".Typo_", StringComparison.Ordinal));
    }

    private static int CountLines(string text) => text.Count(c => c == '\n');

    private static Program Next(Random random, string name, bool outside)
    {
        int locals = 0;
        string Pick(params string[] options) => options[random.Next(options.Length)];
        bool inLoop = false;
        string Real() => Pick("x", "y", "x * y", "s * 0.5 + x", inLoop ? "x + 0.3 * i" : "x + 0.3 * k", "1.5", "Math.Cos(y)");
        string Fresh() => "v" + (locals++).ToString(CultureInfo.InvariantCulture);
        string Call() => "Inner(" + Real() + ", " + Real() + ")";
        string Body()
        {
            string a = Fresh();
            return random.Next(3) switch
            {
                0 => "{ double " + a + " = " + Call() + "; s += 0.25 * " + a + "; }",
                1 => "{ s += 0.1 * " + Call() + " * " + Real() + "; }",
                _ => "{ if (" + Pick("x > y", "i > 0", "s < 1") + ") s += 0.2 * " + Call() + "; else s -= 0.1 * " + Call() + "; }",
            };
        }
        string Loop(string body) => random.Next(2) == 0
            ? "for (int i = 0; i < k + 1; i++) " + body
            : "{ int i = 0; while (i < 2) { " + body + " i++; } }";
        string Statement()
        {
            if (random.Next(4) == 0) return "s += 0.5 * " + Call() + ";";
            inLoop = true;
            string loop = Loop(Body());
            inLoop = false;
            return loop;
        }
        (string Bad, string Statement) Outside()
        {
            string a = Fresh(), b = Fresh();
            string args = Real() + ", " + Real();
            string declare = "double " + a + " = 0, " + b + " = 0; ";
            switch (random.Next(7))
            {
                case 0: { string bad = "InnerBackward(" + args + ", ref " + a + ", ref " + b + ")"; return (bad, "{ " + declare + bad + "; s += " + a + " * x; }"); }
                case 1: { string bad = "InnerBackward(" + args + ", ref " + a + ", ref " + b + ", 0.5)"; return (bad, "{ " + declare + "s += " + bad + " * " + b + "; }"); }
                case 2: { string bad = "P.InnerBackward(" + args + ", ref " + a + ", ref " + b + ")"; return (bad, "{ " + declare + bad + "; s += " + b + "; }"); }
                case 3: { string bad = "InnerForward(" + args + ", 1.0, 0.0, out double " + a + "t)"; return (bad, "{ " + bad + "; s += " + a + "t * y; }"); }
                case 4: { string bad = "InnerBackward(" + args + ", ref " + a + ", ref " + b + ")"; return (bad, "{ " + declare + "if (" + bad + " > 0) s += " + a + "; }"); }
                case 5: { string bad = "InnerBackward(x + 0.3 * i, y, ref " + a + ", ref " + b + ")"; return (bad, "for (int i = 0; i < k + 1; i++) { " + declare + bad + "; s += 0.1 * " + a + "; }"); }
                default: { string bad = "InnerHessianVector(" + args + ", new[] { 1.0, 0.0 }, " + a + "h)"; return (bad, "{ var " + a + "h = new double[2]; s += " + bad + " + " + a + "h[0]; }"); }
            }
        }

        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n");
        text.Append("        double s = x * 0.5 + y;\n");
        string? bad = ProgramBatch.AppendStatements(text, random, outside, Statement, Outside);
        text.Append("        return s * s + x;\n    }\n");
        return new Program(name, text.ToString(), bad);
    }
}
