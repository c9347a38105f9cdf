using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>
/// A Hessian-mode call to a struct- or tuple-returning callee in a method whose result reads no parameter (hess15 found it
/// ADG0019 at the call, cause unknown). The cause (hess16): the callee was inlined, but the method's ADG0011 warning ("the
/// result does not depend on its parameters") made MethodAnalyzer lower it again with calls — the retry meant for an
/// inlined body that reports something — and a call returning a struct has no <c>MBackwardTangent</c>. Now the inlined
/// lowering stands when it has warnings only and the calls cannot be made. Checked: the method generates, with ADG0011 and
/// no error; its Hessian is zero by hand and by central differences of <c>MBackward</c>; and random programs whose struct
/// calls are not read by the result, one in five with a recursive struct callee (never inlined: ADG0019 at that call).
/// </summary>
public class HessianUnreadStructCallTests(ITestOutputHelper output)
{
    private const string Header = """
        using System;
        using AutoDiffGen;

        namespace HessUnread;

        public record struct W(double X, double Y);
        public static partial class Lib
        {
            [Differentiable] public static W Turn(W v, double q) => new W(v.X * Math.Cos(q) - v.Y * Math.Sin(q), v.X * Math.Sin(q) + v.Y * Math.Cos(q));
            [Differentiable] public static (double, double) Polar(double r, double t) => (r * Math.Cos(t), r * Math.Sin(t));
            [Differentiable] public static W Rec(W v, int n) => n <= 0 ? v : Rec(new W(v.Y, v.X * v.Y), n - 1);
        }

        public static partial class C
        {

        """;

    /// <summary>hess15's form word for word: the struct carried round a loop of calls, the result a constant.</summary>
    private const string Constant = """
            [Differentiable(Hessian = true)]
            public static double Spin(double a, double b, double q)
            {
                var v = new W(a, b);
                for (int i = 0; i < 3; i++) v = Lib.Turn(v, q);
                return 0.25;
            }
            public static double SpinH(double[] p, double[] h) => SpinHessian(p[0], p[1], p[2], h);
            public static void SpinG(double[] p, double[] g) { double da = 0, db = 0, dq = 0; SpinBackward(p[0], p[1], p[2], ref da, ref db, ref dq); g[0] = da; g[1] = db; g[2] = dq; }
        }
        """;

    [Fact]
    public void ConstantResultThroughAStructCallee_GeneratesAZeroHessian_WithADG0011Only()
    {
        var run = GeneratorHarness.RunForLoad(Header + Constant);
        Assert.Empty(run.Exceptions);
        Assert.Empty(run.CompileDiagnostics);
        // The warning the method always had, and nothing else: no ADG0019 at the call.
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("ADG0011", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        var type = GeneratorHarness.Load(run).GetType("HessUnread.C", throwOnError: true)!;
        var hessian = type.GetMethod("SpinH")!.CreateDelegate<Func<double[], double[], double>>();
        var p = new[] { 0.7, -1.3, 0.4 };
        var h = HessianModeTests.Symmetric(hessian, p);
        // By hand: f = 0.25 whatever (a, b, q), so H = 0; MHessian returns the value.
        Assert.All(h, e => Assert.Equal(0.0, e));
        Assert.Equal(0.25, hessian(p, new double[9]));
        var central = HessianModeTests.CentralHessian(type.GetMethod("SpinG")!.CreateDelegate<Action<double[], double[]>>(), p);
        Assert.All(central, e => Assert.Equal(0.0, e));
    }

    private sealed record Program(string Name, string Text, string? Bad, double[] Hand);

    [Fact]
    public void UnreadStructCalls_MatchHandAndCentralDifferences_OrADG0019AtARecursiveCall()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_HESSIAN_UNREAD_COUNT", 40);
        var random = new Random(20261216);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4)).ToList();
        var run = GeneratorHarness.RunForLoad(ProgramBatch.Source(Header, all.Select(p => p.Text)));
        var clean = ProgramBatch.Judge(run, Header, all, p => (p.Name, p.Text, p.Bad), "ADG0019");
        var type = GeneratorHarness.Load(run).GetType("HessUnread.C", throwOnError: true)!;
        int points = 0;
        foreach (var p in clean)
        {
            var g = type.GetMethod(p.Name + "G")!.CreateDelegate<Action<double[], double[]>>();
            var h = type.GetMethod(p.Name + "H")!.CreateDelegate<Action<double[], double[]>>();
            var v = type.GetMethod(p.Name + "V")!.CreateDelegate<Action<double[], double[], double[]>>();
            for (int k = 0; k < 3; k++)
            {
                var x = Enumerable.Range(0, 2).Select(_ => Math.Round((random.NextDouble() * 2) - 1, 4)).ToArray();
                var matrix = new double[4];
                h(x, matrix);
                for (int q = 0; q < 4; q++) Tolerance.AssertFormula(p.Hand[q], matrix[q], p.Name + " H[" + q + "] by hand\n" + p.Text);
                string? failure = HessianMatrixPropertyTests.Check(g, h, v, x, random, out bool skip);
                Assert.False(skip, p.Name + ": a smooth program was skipped");
                if (failure is not null) Assert.Fail(p.Name + " at (" + string.Join(", ", x) + "): " + failure + "\n" + p.Text);
                points++;
            }
        }
        output.WriteLine($"{all.Count} programs: {clean.Count} generated, {points} points checked, {all.Count - clean.Count} diagnosed");
        Assert.Equal(all.Count(p => p.Bad is not null), all.Count - clean.Count);
        Assert.Equal(3 * clean.Count, points);
    }

    private static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string E() => Pick("x", "y", "x * y", "Math.Sin(x)", "y + 1", "Math.Exp(0.2 * y)");
        int local = 0;
        string Statement()
        {
            string k = (local++).ToString(CultureInfo.InvariantCulture);
            return random.Next(4) switch
            {
                0 => "var v" + k + " = Lib.Turn(new W(" + E() + ", " + E() + "), " + E() + "); u += v" + k + ".X * v" + k + ".Y;",
                1 => "var (a" + k + ", b" + k + ") = Lib.Polar(" + E() + ", " + E() + "); u += a" + k + " - b" + k + ";",
                2 => "var w" + k + " = new W(" + E() + ", " + E() + "); for (int i = 0; i < 2; i++) w" + k + " = Lib.Turn(w" + k + ", " + E() + "); u += w" + k + ".X;",
                _ => "if (x > y) u += Lib.Turn(new W(x, y), " + E() + ").Y; else u -= Lib.Polar(" + E() + ", y).Item1;",
            };
        }
        // What the result reads, and its Hessian over (x, y) by hand; u (the calls' values) is never read by it.
        var (result, hand) = random.Next(3) switch
        {
            0 => ("0.25", new[] { 0.0, 0, 0, 0 }),
            1 => ("x * y", new[] { 0.0, 1, 1, 0 }),
            _ => ("3 * x * x - 0.5", new[] { 6.0, 0, 0, 0 }),
        };
        var text = new StringBuilder();
        text.Append("    [Differentiable(Hessian = true)]\n");
        text.Append("    public static double " + name + "(double x, double y)\n    {\n        double u = 0;\n");
        int statements = 1 + random.Next(3);
        string? bad = null;
        int recursiveAt = outside ? random.Next(statements) : -1;
        for (int n = 0; n < statements; n++)
        {
            if (n == recursiveAt)
            {
                // A recursive struct callee is never inlined, and the product cannot call it: ADG0019 at the call.
                bad = "Lib.Rec(new W(" + E() + ", " + E() + "), 2)";
                text.Append("        u += " + bad + ".X;\n");
            }
            text.Append("        ").Append(Statement()).Append('\n');
        }
        text.Append("        return " + result + ";\n    }\n");
        if (!outside)
        {
            text.Append("    public static void " + name + "H(double[] p, double[] h) => " + name + "Hessian(p[0], p[1], h);\n");
            text.Append("    public static void " + name + "V(double[] p, double[] v, double[] hv) => " + name + "HessianVector(p[0], p[1], v, hv);\n");
            text.Append("    public static void " + name + "G(double[] p, double[] g) { double dx = 0, dy = 0; " + name + "Backward(p[0], p[1], ref dx, ref dy); g[0] = dx; g[1] = dy; }\n");
        }
        return new Program(name, text.ToString(), bad, hand);
    }
}
