using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Natural18;

/// <summary>
/// A wrong gradient found by natural18 (on main before it): a body inlined twice (a plain helper, a local function) whose
/// LINQ lambda's parameter outlived the first call. <c>static double SumSq(double[] v) =&gt; v.Sum(t =&gt; t * t);</c> called,
/// then called again under an <c>if</c>: the merge after the if read the first call's <c>t</c>, so the reverse sweep of the
/// first loop accumulated <c>dT</c> across its iterations (∂/∂v_i picked up the earlier elements' terms). An inlined body's
/// lambda and local-function parameters are now out of scope after it, as its own parameters and locals were
/// (ExpressionLowering.ForgetInlined). Random programs over <c>(double x, double y, int k)</c> call helpers and a local
/// function with lambdas (Sum, Select with an index, Zip, Max, Aggregate) in blocks, loops and both arms of ifs; every
/// gradient matches central differences, MForward the gradient along a random tangent and MHessian central differences of
/// the gradient. One in five calls a helper whose lambda has a statement body: ADG0004 at the call and no code. CI runs 30
/// programs; AUTODIFFGEN_LAMBDA_SCOPE_COUNT runs more.
/// </summary>
public class InlinedLambdaScopePropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad);

    private const string Header = """
        using System;
        using System.Linq;
        using AutoDiffGen;

        public static class Hl
        {
            public static double SumSq(double[] v) => v.Sum(t => t * t);
            public static double Ramp(double[] v, double c) => v.Select((t, i) => t * (c + i)).Sum();
            public static double Pairs(double[] a, double[] b) => a.Zip(b, (p, q) => p * q).Sum();
            public static double Top(double[] v, double c) => v.Max(t => t * c + t * t);
            public static double Fold(double[] v) => v.Aggregate(1.0, (acc, t) => acc * 0.5 + t * acc);
            public static double Block(double[] v) => v.Sum(t => { double u = t * t; return u; });
        }

        public static partial class Scopes
        {

        """;

    [Fact]
    public void LambdasInBodiesInlinedTwice_MatchCentralDifferencesInEveryMode_OrAnErrorAtTheCall()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_LAMBDA_SCOPE_COUNT", 30);
        var random = new Random(2026_12_05_38);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "S" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4)).ToList();
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(ProgramBatch.Source(Header, all.Select(p => p.Text))), Header, all, p => (p.Name, p.Text, p.Bad), "ADG0004");
        var withWrappers = clean.Select(p => (p.Name, Text: p.Text + "    public static double[] " + p.Name + "H(double x, double y, int k) { var h = new double[4]; " + p.Name + "Hessian(x, y, k, h); return h; }\n")).ToList();
        var type = ProgramBatch.LoadClean(Header, withWrappers.Select(p => p.Text), "Scopes");
        int points = ModeChecks.AtThreePoints(type, withWrappers, () => ProgramBatch.PointXYK(random), random);
        ProgramBatch.AssertCounts(count, all.Count(p => p.Bad is not null), clean.Count, points, output.WriteLine);
    }

    [Fact]
    public void SumOfSquaresTwice_ByHand()
    {
        // s = x/2 + y + Σ v_i² (+ Σ v_i² again when x > y), v = (x, y, x y): ∂s/∂x = 1/2 + m (2x + 2 x y²), ∂s/∂y = 1 + m (2y + 2 x² y),
        // m = 2 when x > y, else 1. Before the fix, at x > y the first call's reverse loop added each earlier element's term
        // again (dT summed over the iterations).
        string source = Header + """
                [Differentiable]
                public static double F(double x, double y)
                {
                    double s = x * 0.5 + y;
                    var v = new double[] { x, y, x * y };
                    s += Hl.SumSq(v);
                    if (x > y) s += Hl.SumSq(v);
                    return s;
                }
            }
            """;
        var type = GeneratorHarness.CompileAndLoad(source).GetType("Scopes")!;
        foreach (var (x, y) in new[] { (0.9, -0.6), (-0.4, 0.7) })
        {
            double m = x > y ? 2 : 1;
            var r = CentralDifferenceRunner.Check(type.GetMethod("F")!, null, new object[] { x, y });
            Tolerance.AssertFormula(0.5 + (m * ((2 * x) + (2 * x * y * y))), r.Gradient[0]![0], "∂/∂x at " + x + ", " + y);
            Tolerance.AssertFormula(1 + (m * ((2 * y) + (2 * x * x * y))), r.Gradient[1]![0], "∂/∂y at " + x + ", " + y);
        }
    }

    private static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Real() => Pick("x", "y", "x * y", "s * 0.5", "x + 0.3");
        string Call() => random.Next(6) switch
        {
            0 => "Hl.SumSq(v)",
            1 => "Hl.Ramp(v, " + Real() + ")",
            2 => "Hl.Pairs(v, w)",
            3 => "Hl.Top(v, " + Real() + ")",
            4 => "Hl.Fold(w)",
            _ => "Norm2(v)",
        };
        string Used() => "s += 0.25 * " + Call() + ";";
        string Statement() => random.Next(5) switch
        {
            0 => Used(),
            1 => "if (" + Pick("x > y", "s > 0", "k > 1") + ") " + Used(),
            2 => "if (" + Pick("x > y", "s > 0", "k > 1") + ") " + Used() + " else " + Used(),
            3 => "for (int i = 0; i < k; i++) " + Used(),
            _ => "{ " + Used() + " v[1] += 0.1 * s; }",
        };
        (string Bad, string Statement) Outside() => ("Hl.Block(v)", "s += Hl.Block(v);");

        var text = new StringBuilder();
        text.Append("    [Differentiable(Forward = true, Hessian = true)]\n    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n");
        text.Append("        double s = x * 0.5 + y;\n        var v = new double[] { x, y, x * y };\n        var w = new double[] { y, x, 0.5 };\n");
        text.Append("        double Norm2(double[] a) => a.Sum(t => t * t);\n");
        // Two calls at least, the second after a merge: where a lambda parameter left in scope would be read.
        text.Append("        ").Append(Used()).Append('\n');
        string? bad = ProgramBatch.AppendStatements(text, random, outside, Statement, Outside);
        text.Append("        return s + x * y + v[2];\n    }\n");
        return new Program(name, text.ToString(), bad);
    }
}
