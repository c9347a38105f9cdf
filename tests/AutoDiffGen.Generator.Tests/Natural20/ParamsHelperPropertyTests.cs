using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Natural20;

/// <summary>
/// Property test of natural20's fix: a plain (not [Differentiable]) helper with a <c>params double[]</c> parameter
/// (L01's <c>Evaluate.Polynomial(double z, params double[] coefficients)</c>, as numerics libraries write it) is inlined
/// as any plain helper taking an array is; before, every call to it was ADG0004 "has no known derivative". The call may
/// pass an array (a static readonly table, a parameter, a local) or list the values (expanded form), which is a new local
/// array made at the call, as <c>new[] { … }</c> passed to it is now too. Random programs of such calls, in loops and
/// under ifs, match central differences at three points each. One in five calls a params helper that writes a static
/// field: ADG0004 at the call and no code. CI runs 30 programs; AUTODIFFGEN_PARAMS_HELPER_COUNT runs more.
/// </summary>
public class ParamsHelperPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad);

    private const string Header = """
        using System;
        using AutoDiffGen;

        public static class Ev
        {
            public static int Calls;

            public static double Poly(double z, params double[] c)
            {
                double sum = c[c.Length - 1];
                for (int i = c.Length - 2; i >= 0; --i)
                {
                    sum *= z;
                    sum += c[i];
                }

                return sum;
            }

            public static double SumSq(params double[] v)
            {
                double s = 0;
                foreach (var t in v) s += t * t;
                return s;
            }

            public static double Scaled(double k, params double[] v) => v.Length == 0 ? k : k * v[0] + v[v.Length - 1];

            public static double Counted(params double[] v)
            {
                Calls++;
                return v[0] * v[1];
            }
        }

        public static partial class P
        {
            private static readonly double[] Table = { 0.5, -1.25, 0.75 };

        """;

    [Fact]
    public void ParamsHelpers_MatchCentralDifferences_OrAnErrorAtTheCall()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_PARAMS_HELPER_COUNT", 30);
        var random = new Random(2026_12_05_20);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "H" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4)).ToList();
        ProgramBatch.JudgeAndCheck(Header, "P", all.Select(p => (p.Name, p.Text, p.Bad)).ToList(), () => ProgramBatch.PointXYK(random), output.WriteLine, "ADG0004");
    }

    [Fact]
    public void ExpandedAndTableForms_ByHand()
    {
        // E(x, y) = Poly(x, y, 2y, 3) = y + 2yx + 3x²: ∂x = 2y + 6x, ∂y = 1 + 2x.
        // T(x) = Poly(x, Table) = 0.5 − 1.25x + 0.75x²: T′ = −1.25 + 1.5x. S(x, y) = SumSq(x, x * y) = x² + x²y²: ∂x = 2x(1 + y²), ∂y = 2x²y.
        string source = Header + """
                [Differentiable] public static double E(double x, double y) => Ev.Poly(x, y, 2 * y, 3.0);
                [Differentiable] public static double T(double x) => Ev.Poly(x, Table);
                [Differentiable] public static double S(double x, double y) => Ev.SumSq(x, x * y);
            }
            """;
        var type = GeneratorHarness.CompileAndLoad(source).GetType("P")!;
        double x = 0.7, y = -1.3;
        var r = CentralDifferenceRunner.Check(type.GetMethod("E")!, null, new object[] { x, y });
        Tolerance.AssertFormula((2 * y) + (6 * x), r.Gradient[0]![0], "E ∂x");
        Tolerance.AssertFormula(1 + (2 * x), r.Gradient[1]![0], "E ∂y");
        Tolerance.AssertFormula(-1.25 + (1.5 * x), CentralDifferenceRunner.Check(type.GetMethod("T")!, null, new object[] { x }).Gradient[0]![0], "T′");
        r = CentralDifferenceRunner.Check(type.GetMethod("S")!, null, new object[] { x, y });
        Tolerance.AssertFormula(2 * x * (1 + (y * y)), r.Gradient[0]![0], "S ∂x");
        Tolerance.AssertFormula(2 * x * x * y, r.Gradient[1]![0], "S ∂y");
    }

    [Fact]
    public void ForwardAndHessianModes_ByHand()
    {
        // E(x, y) = Poly(x, y, 2y, 3) = y + 2yx + 3x²: ∇ = (2y + 6x, 1 + 2x), H = [[6, 2], [2, 0]].
        // S(x, y) = SumSq(x, x * y) = x² + x²y²: ∇ = (2x(1 + y²), 2x²y), H = [[2 + 2y², 4xy], [4xy, 2x²]].
        string source = Header + """
                [Differentiable(Forward = true, Hessian = true)] public static double E(double x, double y) => Ev.Poly(x, y, 2 * y, 3.0);
                [Differentiable(Forward = true, Hessian = true)] public static double S(double x, double y) => Ev.SumSq(x, x * y);
                public static double[] EH(double x, double y) { var h = new double[4]; EHessian(x, y, h); return h; }
                public static double[] SH(double x, double y) { var h = new double[4]; SHessian(x, y, h); return h; }
            }
            """;
        var type = GeneratorHarness.CompileAndLoad(source).GetType("P")!;
        double x = 0.7, y = -1.3;
        var random = new Random(20);
        ModeChecks.AtPoint(type, "E", new object[] { x, y }, random);
        ModeChecks.AtPoint(type, "S", new object[] { x, y }, random);
        var h = (double[])type.GetMethod("EH")!.Invoke(null, new object[] { x, y })!;
        double[] handE = { 6, 2, 2, 0 };
        for (int i = 0; i < 4; i++) Tolerance.AssertFormula(handE[i], h[i], "E H[" + i + "]");
        h = (double[])type.GetMethod("SH")!.Invoke(null, new object[] { x, y })!;
        double[] hand = { 2 + (2 * y * y), 4 * x * y, 4 * x * y, 2 * x * x };
        for (int i = 0; i < 4; i++) Tolerance.AssertFormula(hand[i], h[i], "S H[" + i + "]");
        var args = new object[] { x, y, 0.4, -0.9, 0.0 };
        type.GetMethod("SForward")!.Invoke(null, args);
        Tolerance.AssertFormula((2 * x * (1 + (y * y)) * 0.4) + (2 * x * x * y * -0.9), (double)args[4], "S forward");
    }

    private static Program Next(Random random, string name, bool outside)
    {
        int locals = 0;
        string Pick(params string[] options) => options[random.Next(options.Length)];
        bool inLoop = false;
        string Real() => Pick("x", "y", "x * y", "s * 0.5 + x", inLoop ? "x + 0.3 * i" : "x + 0.3 * k", "1.5", "Math.Sin(y)");
        string Fresh() => "v" + (locals++).ToString(CultureInfo.InvariantCulture);
        string List(int min) => string.Join(", ", Enumerable.Range(0, min + random.Next(3)).Select(_ => Real()));
        string Call() => random.Next(6) switch
        {
            0 => "Ev.Poly(" + Real() + ", " + List(1) + ")",
            1 => "Ev.Poly(" + Real() + ", Table)",
            2 => "Ev.SumSq(" + List(1) + ")",
            3 => "Ev.Scaled(" + Real() + (random.Next(3) == 0 ? "" : ", " + List(1)) + ")",
            4 => "Ev.Poly(" + Real() + ", new[] { " + List(1) + " })",
            _ => "Ev.SumSq(w)",
        };
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
            // A helper that writes a field is differentiated in place only if it writes its own locals: the call is refused.
            string bad = "Ev.Counted(x, " + Real() + ")";
            return (bad, "s += " + bad + ";");
        }

        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n");
        text.Append("        double s = x * 0.5 + y;\n");
        text.Append("        double[] w = { x, y * y, 0.5 };\n");
        string? bad = ProgramBatch.AppendStatements(text, random, outside, Statement, Outside);
        text.Append("        return s * s + x;\n    }\n");
        return new Program(name, text.ToString(), bad);
    }
}
