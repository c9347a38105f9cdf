using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Natural19;

/// <summary>
/// Property test of natural19's fix: an enum or <c>char</c> computed inside a loop and passed to a [Differentiable] callee
/// (natural19's G14: <c>WinProbability(strength, fatigue, surfaces[i], false, …)</c> over a <c>[NoDiff] Surface[]</c>).
/// The callee's Backward needs the value again in the reverse sweep; the method already keeps a tape per enum and char type
/// (Lowering/DiscreteTapes), so it is taped there like an int, where before it was ADG0003 ("the tapes hold numbers
/// only"). Random programs of such calls in for and while loops, under ifs, with the enum from a [NoDiff] array, a cast of
/// an int or a conditional, match central differences at three points each. One in five passes a string made in the
/// loop (<c>new string('a', i + 1)</c>) instead, which has no tape: ADG0003 where it is made and no code. CI runs 30 programs;
/// AUTODIFFGEN_DISCRETE_LOOP_ARGS_COUNT runs more.
/// </summary>
public class DiscreteLoopArgumentPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad);

    private const string Header = """
        using System;
        using AutoDiffGen;

        public enum Kind { Low, Mid, High }

        // The callees live in another class, so they are called (their Backward takes the kind again), not inlined.
        public static partial class K
        {
            [Differentiable]
            public static double Gain(double x, Kind kind) => kind switch
            {
                Kind.Low => 0.5 * x * x,
                Kind.Mid => Math.Sin(x) + x,
                _ => x * Math.Exp(0.3 * x),
            };

            [Differentiable]
            public static double Mix(double x, double y, Kind kind, char c) =>
                kind == Kind.High ? x * y + (c == 'a' ? 1.5 : -0.5) * x : x - y * (int)kind + (c == 'b' ? y * y : 0);

            [Differentiable]
            public static double Named(double x, string name) => name.Length * x * x;
        }

        public static partial class P
        {
        """;

    [Fact]
    public void EnumsAndCharsComputedInLoops_MatchCentralDifferences_OrAnErrorAtTheStringArgument()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_DISCRETE_LOOP_ARGS_COUNT", 30);
        var random = new Random(2026_12_05_19);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "D" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4)).ToList();
        ProgramBatch.JudgeAndCheck(Header, "P", all.Select(p => (p.Name, p.Text, p.Bad)).ToList(), () => ProgramBatch.PointXYK(random), output.WriteLine);
    }

    [Fact]
    public void OneSurfacePerMatch_ByHand()
    {
        // G14's shape: s = Σ_i Gain(x, kinds[i]) over kinds = [Low, Mid, High]: ∂s/∂x = x + (cos x + 1) + e^{0.3x}(1 + 0.3x).
        string source = Header + """
                [Differentiable]
                public static double F(double x, [NoDiff] Kind[] kinds)
                {
                    double s = 0;
                    for (int i = 0; i < kinds.Length; i++) s += K.Gain(x, kinds[i]);
                    return s;
                }
            }
            """;
        var type = GeneratorHarness.CompileAndLoad(source).GetType("P")!;
        var kindType = type.Assembly.GetType("Kind")!;
        var kinds = Array.CreateInstance(kindType, 3);
        for (int i = 0; i < 3; i++) kinds.SetValue(Enum.ToObject(kindType, i), i);
        double x = 0.7;
        var r = CentralDifferenceRunner.Check(type.GetMethod("F")!, null, new object[] { x, kinds });
        Tolerance.AssertFormula(x + Math.Cos(x) + 1 + (Math.Exp(0.3 * x) * (1 + (0.3 * x))), r.Gradient[0]![0], "∂/∂x");
    }

    private static Program Next(Random random, string name, bool outside)
    {
        int locals = 0;
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Real() => Pick("x", "y", "x * y", "s * 0.5 + x", "x + 0.3 * i");
        string Fresh() => "v" + (locals++).ToString(CultureInfo.InvariantCulture);
        string KindOf() => Pick("(Kind)((i + k) % 3)", "i == k ? Kind.High : Kind.Low", "(i % 2 == 0) ? Kind.Mid : (Kind)(k % 3)", "s > 0 ? Kind.Low : Kind.High");
        string CharOf() => Pick("(char)('a' + i % 2)", "i > k ? 'b' : 'a'", "'a'");
        string Body()
        {
            string a = Fresh(), c = Fresh();
            return random.Next(3) switch
            {
                0 => "{ Kind " + a + " = " + KindOf() + "; s += K.Gain(" + Real() + ", " + a + "); }",
                1 => "{ var " + a + " = " + KindOf() + "; char " + c + " = " + CharOf() + "; s += 0.5 * K.Mix(" + Real() + ", " + Real() + ", " + a + ", " + c + "); }",
                _ => "{ if (" + Pick("x > y", "i > 0", "s < 1") + ") s += K.Gain(" + Real() + ", " + KindOf() + "); else s -= 0.25 * K.Mix(" + Real() + ", y, " + KindOf() + ", " + CharOf() + "); }",
            };
        }
        string Loop(string body) => random.Next(2) == 0
            ? "for (int i = 0; i < k + 1; i++) " + body
            : "{ int i = 0; while (i < 3) { " + body + " i++; } }";
        string Statement() => random.Next(4) == 0 ? "s += x * y;" : Loop(Body());
        (string Bad, string Statement) Outside()
        {
            // The error points at where the string is made, the value the tape cannot hold.
            string n = Fresh();
            return ("new string('a', i + 1)", "for (int i = 0; i < k + 1; i++) { string " + n + " = new string('a', i + 1); s += K.Named(x, " + n + "); }");
        }

        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n");
        text.Append("        double s = x * 0.5 + y;\n");
        string? bad = ProgramBatch.AppendStatements(text, random, outside, Statement, Outside);
        text.Append("        return s * s + x;\n    }\n");
        return new Program(name, text.ToString(), bad);
    }
}
