using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>
/// Property test of Hessian mode through [Differentiable] callees that take a struct of reals or return a tuple or a
/// struct of reals (hess14, issue 14: inlined, as the product cannot call them): random <c>Hessian = true</c> programs over
/// (x, y) calling a struct of fields, a readonly struct of get-only properties by <c>in</c>, a tuple result (deconstructed
/// or read by element) and a struct result from a body with a branch and two returns, in loops and branches. Each inside
/// program generates cleanly; at three points its MHessian is exactly symmetric, matches central differences of its own
/// MBackward gradient, and MHessianVector is MHessian·v. Each just outside gets ADG0019 at the construct and no code: a
/// recursive callee taking a struct (at the call: not inlined), or a jagged parameter (at the parameter).
/// CI runs 40; AUTODIFFGEN_HESSIAN_STRUCTCALL_COUNT runs more.
/// </summary>
public class HessianStructCallPropertyTests(ITestOutputHelper output)
{
    private const string Header = """
        using System;
        using AutoDiffGen;

        namespace HessStructRandom;

        public struct Pt { public double X; public double Y; public Pt(double x, double y) { X = x; Y = y; } }
        public readonly struct Q { public Q(double a, double b) { A = a; B = b; } public double A { get; } public double B { get; } }
        public static partial class Lib
        {
            [Differentiable] public static double Dot(Pt p, Pt q) => p.X * q.X + p.Y * q.Y;
            [Differentiable(Hessian = true)] public static double Soft(in Q q, double w) => Math.Log(1 + Math.Exp(q.A * w)) + q.B * q.B;
            [Differentiable] public static (double, double) Rot(double a, double t) => (a * Math.Cos(t), a * Math.Sin(t));
            [Differentiable]
            public static Pt Mix(Pt p, double s)
            {
                if (p.X > s) return new Pt(p.X * s, p.Y);
                return new Pt(p.Y, Math.Sin(p.X) * s);
            }
            [Differentiable] public static double Rec(Pt p, int n) => n <= 0 ? p.X * p.Y : Rec(new Pt(p.Y, p.X), n - 1) + p.X;
        }

        public static partial class C
        {

        """;

    private sealed record Program(string Name, string Text, string? Bad);

    [Fact]
    public void StructAndTupleCalleePrograms_MatchCentralDifferences_OrADG0019AtTheConstruct()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_HESSIAN_STRUCTCALL_COUNT", 40);
        var random = new Random(20261214);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4)).ToList();
        var run = GeneratorHarness.RunForLoad(ProgramBatch.Source(Header, all.Select(p => p.Text)));
        var clean = ProgramBatch.Judge(run, Header, all, p => (p.Name, p.Text, p.Bad), "ADG0019");
        var type = GeneratorHarness.Load(run).GetType("HessStructRandom.C", throwOnError: true)!;
        int points = 0, skipped = 0;
        foreach (var p in clean)
        {
            var g = Method<Action<double[], double[]>>(type, p.Name + "G");
            var h = Method<Action<double[], double[]>>(type, p.Name + "H");
            var v = Method<Action<double[], double[], double[]>>(type, p.Name + "V");
            for (int k = 0; k < 3; k++)
            {
                var x = Enumerable.Range(0, 2).Select(_ => Math.Round((random.NextDouble() * 2) - 1, 4)).ToArray();
                string? failure = HessianMatrixPropertyTests.Check(g, h, v, x, random, out bool skip);
                if (skip) { skipped++; continue; }
                if (failure is not null) Assert.Fail(p.Name + " at (" + string.Join(", ", x) + "): " + failure + "\n" + p.Text);
                points++;
            }
        }
        output.WriteLine($"{all.Count} programs: {clean.Count} generated, {points} points checked, {skipped} skipped (kinks), {all.Count - clean.Count} diagnosed");
        Assert.Equal(all.Count(p => p.Bad is not null), all.Count - clean.Count);
        Assert.True(points >= 2 * clean.Count, $"only {points} points checked for {clean.Count} programs");
    }

    private static T Method<T>(Type type, string name) where T : Delegate =>
        type.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<T>();

    private static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string E() => Pick("x", "y", "x * y", "Math.Sin(x)", "0.3 * s", "y + 1", "Math.Exp(0.2 * y)", "x - 0.5 * y");
        int local = 0;
        string Statement()
        {
            string k = (local++).ToString(CultureInfo.InvariantCulture);
            return random.Next(7) switch
            {
                0 => "s += Lib.Dot(new Pt(" + E() + ", " + E() + "), new Pt(" + E() + ", " + E() + "));",
                1 => "s += Lib.Soft(new Q(" + E() + ", " + E() + "), " + E() + ");",
                2 => "var (a" + k + ", b" + k + ") = Lib.Rot(" + E() + ", " + E() + "); s += a" + k + " * b" + k + ";",
                3 => "Pt m" + k + " = Lib.Mix(new Pt(" + E() + ", " + E() + "), " + E() + "); s += m" + k + ".X * m" + k + ".Y;",
                4 => "for (int i = 0; i < 2; i++) s += Lib.Dot(new Pt(x * i, " + E() + "), new Pt(0.1 * s, y));",
                5 => "if (x > y) s += Lib.Soft(new Q(" + E() + ", " + E() + "), " + E() + "); else s -= Lib.Rot(" + E() + ", " + E() + ").Item2;",
                _ => "s += Lib.Rot(" + E() + ", " + E() + ").Item1 * " + E() + ";",
            };
        }
        bool jagged = outside && random.Next(2) == 0;
        // (A double[][] is numbered row after row since hess16; one of another type than the result is not.)
        string? bad = outside ? (jagged ? "float[][] j" : null) : null;
        var text = new StringBuilder();
        text.Append("    [Differentiable(Hessian = true)]\n");
        text.Append("    public static double " + name + "(double x, double y" + (jagged ? ", float[][] j" : "") + ")\n    {\n");
        text.Append("        double s = " + Pick("x * y", "Math.Cos(x)", "0.5", "y") + ";\n");
        int statements = 2 + random.Next(3);
        int recursiveAt = outside && !jagged ? random.Next(statements) : -1;
        for (int n = 0; n < statements; n++)
        {
            if (n == recursiveAt)
            {
                // A recursive callee taking a struct is not inlined, and the product cannot call it: ADG0019 at the call.
                bad = "Lib.Rec(new Pt(" + E() + ", " + E() + "), 2)";
                text.Append("        s += " + bad + ";\n");
            }
            text.Append("        ").Append(Statement()).Append('\n');
        }
        text.Append("        return s" + (jagged ? " * j[0][0]" : "") + " + " + E() + ";\n    }\n");
        if (!outside)
        {
            text.Append("    public static void " + name + "H(double[] p, double[] h) => " + name + "Hessian(p[0], p[1], h);\n");
            text.Append("    public static void " + name + "V(double[] p, double[] v, double[] hv) => " + name + "HessianVector(p[0], p[1], v, hv);\n");
            text.Append("    public static void " + name + "G(double[] p, double[] g) { double dx = 0, dy = 0; " + name + "Backward(p[0], p[1], ref dx, ref dy); g[0] = dx; g[1] = dy; }\n");
        }
        return new Program(name, text.ToString(), bad);
    }
}
