using System.Globalization;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Hessians;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Idioms19;

/// <summary>
/// Random <c>Hessian = true</c> programs over a <c>[WithRespectTo]</c> class parameter (a record replaced by <c>with</c>,
/// a class of settable members added into in place, each holding a struct of reals) and a double: reads of its members in
/// locals, a loop, a <c>with</c> copy, and a call to a <c>[Differentiable]</c> predictor taking the object (inlined in the
/// product). MHessian over (A, B, At.X, At.Y, x) against a second-order dual evaluation written in the test, central
/// differences of MBackward's gradient and MHessianVector (<see cref="HessianChecks"/>). About one program in five is just
/// outside (a computing getter read: ADG0003 at the read; a float[] in the double method, whose Hessian takes the
/// second-order path: ADG0019 at the class parameter) and must get that error and no code. All programs are judged in one
/// compilation and the clean ones loaded, with wrappers over flat arrays, in a second. AUTODIFFGEN_PROPERTY_COUNT draws more.
/// </summary>
public class ClassHessianPropertyTests
{
    private readonly ITestOutputHelper _output;

    public ClassHessianPropertyTests(ITestOutputHelper output) => _output = output;

    private const int N = 5;

    private const string Header = """
        using System;
        using AutoDiffGen;

        public struct V2 { public double X; public double Y; }
        public record Rec(double A, double B, V2 At) { public double Computed => A * B; }
        public class Mut { public double A; public double B { get; set; } public V2 At; public double Computed => A * B; }

        public static partial class P
        {
            [Differentiable(Hessian = true)] public static double GRec([WithRespectTo] Rec p, double y) => p.A * y + Math.Sin(p.B);
            [Differentiable(Hessian = true)] public static double GMut([WithRespectTo] Mut p, double y) => p.A * y + Math.Sin(p.B);
            private static Rec R(double[] q) => new Rec(q[0], q[1], new V2 { X = q[2], Y = q[3] });
            private static Mut M(double[] q) => new Mut { A = q[0], B = q[1], At = new V2 { X = q[2], Y = q[3] } };

        """;

    /// <summary>A value with its gradient and Hessian over (A, B, At.X, At.Y, x): the test's own second-order forward mode.</summary>
    private sealed record Dual(double V, double[] G, double[] H)
    {
        public static Dual Var(double v, int k) { var g = new double[N]; g[k] = 1; return new Dual(v, g, new double[N * N]); }
        public static Dual Const(double v) => new(v, new double[N], new double[N * N]);
        public static Dual operator +(Dual a, Dual b) => new(a.V + b.V, Zip(a.G, b.G, (x, y) => x + y), Zip(a.H, b.H, (x, y) => x + y));
        public static Dual operator -(Dual a, Dual b) => new(a.V - b.V, Zip(a.G, b.G, (x, y) => x - y), Zip(a.H, b.H, (x, y) => x - y));
        public static Dual operator *(Dual a, Dual b)
        {
            var h = new double[N * N];
            for (int i = 0; i < N; i++)
                for (int j = 0; j < N; j++) h[(i * N) + j] = (a.H[(i * N) + j] * b.V) + (a.V * b.H[(i * N) + j]) + (a.G[i] * b.G[j]) + (a.G[j] * b.G[i]);
            return new(a.V * b.V, Zip(a.G, b.G, (x, y) => (x * b.V) + (a.V * y)), h);
        }

        /// <summary>f(a) with f' and f'': g = f'·g_a, H = f'·H_a + f''·g_a g_aᵀ.</summary>
        public Dual Apply(double f, double d1, double d2)
        {
            var h = new double[N * N];
            for (int i = 0; i < N; i++)
                for (int j = 0; j < N; j++) h[(i * N) + j] = (d1 * H[(i * N) + j]) + (d2 * G[i] * G[j]);
            return new(f, G.Select(x => d1 * x).ToArray(), h);
        }

        public Dual Sin() => Apply(Math.Sin(V), Math.Cos(V), -Math.Sin(V));
        public Dual Exp03() { double e = Math.Exp(0.3 * V); return Apply(e, 0.3 * e, 0.09 * e); }
        private static double[] Zip(double[] a, double[] b, Func<double, double, double> f) => a.Zip(b, f).ToArray();
    }

    private sealed record Expr(string Text, Func<Dual[], Dual> Eval);

    private static readonly string[] Leaves = { "{0}.A", "{0}.B", "{0}.At.X", "{0}.At.Y", "{1}" };

    private static Expr Draw(Random random, int depth)
    {
        if (depth == 0 || random.Next(4) == 0)
        {
            if (random.Next(6) == 0)
            {
                double c = Math.Round((random.NextDouble() * 2) - 1, 2);
                return new Expr(c.ToString("0.0#", CultureInfo.InvariantCulture), _ => Dual.Const(c));
            }
            int k = random.Next(Leaves.Length);
            return new Expr(Leaves[k], v => v[k]);
        }
        var a = Draw(random, depth - 1);
        switch (random.Next(5))
        {
            case 0: return new Expr("Math.Sin(" + a.Text + ")", v => a.Eval(v).Sin());
            case 1: return new Expr("Math.Exp(0.3 * (" + a.Text + "))", v => a.Eval(v).Exp03());
        }
        var b = Draw(random, depth - 1);
        return random.Next(3) switch
        {
            0 => new Expr("(" + a.Text + " + " + b.Text + ")", v => a.Eval(v) + b.Eval(v)),
            1 => new Expr("(" + a.Text + " - " + b.Text + ")", v => a.Eval(v) - b.Eval(v)),
            _ => new Expr("(" + a.Text + " * " + b.Text + ")", v => a.Eval(v) * b.Eval(v)),
        };
    }

    private sealed record Program(string Name, string Text, string Wrappers, string? Bad, Func<Dual[], Dual> Eval);

    private static Program Make(Random random, int i, bool outside)
    {
        bool record = random.Next(2) == 0;
        string type = record ? "Rec" : "Mut";
        var first = Draw(random, 2);
        var drawn = Draw(random, 2);
        // Every program's result reads an input and a product of two (a Hessian that is not zero).
        var second = new Expr("(" + drawn.Text + " + {0}.A * {1})", v => drawn.Eval(v) + (v[0] * v[4]));
        string t1 = string.Format(CultureInfo.InvariantCulture, first.Text, "p", "x");
        string t2 = string.Format(CultureInfo.InvariantCulture, second.Text, "p", "(x + t)");
        string? bad = null;
        string extra = "";
        if (outside)
        {
            if (random.Next(2) == 0)
            {
                bad = "p.Computed";
                t1 = "(" + t1 + " + p.Computed)";
            }
            else
            {
                bad = "[WithRespectTo] " + type + " p";
                extra = ", float[] v";
                t1 = "(" + t1 + " + v[0])";
            }
        }
        Dual Second(Dual[] v, Dual t) { var w = (Dual[])v.Clone(); w[4] = v[4] + t; return second.Eval(w); }
        // G(p, y) = A·y + sin B: the predictor's body, which the product inlines.
        Dual G(Dual[] v, Dual y) => (v[0] * y) + v[1].Sin();
        int shape = random.Next(record ? 4 : 3);
        string body;
        Func<Dual[], Dual> eval;
        switch (shape)
        {
            case 0:
                body = "double t = " + t1 + "; return " + t2 + ";";
                eval = v => Second(v, first.Eval(v));
                break;
            case 1:
                // Σ_{k=0..2} (k + 1)·second(t) = 6·second(t).
                body = "double t = " + t1 + "; double s = 0; for (int k = 0; k < 3; k++) s += (k + 1) * " + t2 + "; return s;";
                eval = v => Dual.Const(6) * Second(v, first.Eval(v));
                break;
            case 2:
                // G(p, t)·second(t): the object passed on to a [Differentiable] predictor.
                body = "double t = " + t1 + "; return G" + type + "(p, t) * " + t2 + ";";
                eval = v => { var t = first.Eval(v); return G(v, t) * Second(v, t); };
                break;
            default:
                body = "double t = " + t1 + "; var q = p with { B = t }; return " + string.Format(CultureInfo.InvariantCulture, second.Text, "q", "(x + t)") + ";";
                eval = v => { var t = first.Eval(v); var w = (Dual[])v.Clone(); w[1] = t; return Second(w, t); };
                break;
        }
        string name = "F" + i;
        string text = "    [Differentiable(Hessian = true)] public static double " + name + "([WithRespectTo] " + type + " p, double x" + extra + ") { " + body + " }\n";
        string make = record ? "R(q)" : "M(q)";
        string zero = record ? "new Rec(0, 0, default)" : "new Mut()";
        string wrappers =
            "    public static double " + name + "H(double[] q, double[] h) => " + name + "Hessian(" + make + ", q[4], h);\n"
            + "    public static double " + name + "V(double[] q, double[] v, double[] hv) => " + name + "HessianVector(" + make + ", q[4], v, hv);\n"
            + "    public static void " + name + "G(double[] q, double[] g) { var d = " + zero + "; double dx = 0; " + name + "Backward(" + make + ", q[4], ref d, ref dx); "
            + "g[0] = d.A; g[1] = d.B; g[2] = d.At.X; g[3] = d.At.Y; g[4] = dx; }\n";
        return new Program(name, text, wrappers, bad, eval);
    }

    [Fact]
    public void RandomClassInputPrograms_MatchSecondOrderDualsAndCentralDifferences_AndJustOutsideIsDiagnosedAtTheConstruct()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_PROPERTY_COUNT", 30);
        var random = new Random(20261219);
        var programs = Enumerable.Range(0, count).Select(i => Make(random, i, outside: i % 5 == 3)).ToList();
        var run = GeneratorHarness.Run(ProgramBatch.Source(Header, programs.Select(p => p.Text)));
        var clean = ProgramBatch.Judge(run, Header, programs, p => (p.Name, p.Text, p.Bad), "ADG0003,ADG0019");
        var type = ProgramBatch.LoadClean(Header, clean.Select(p => p.Text + p.Wrappers), "P");
        int points = 0;
        foreach (var program in clean)
        {
            for (int n = 0; n < 3; n++)
            {
                double[] at = Enumerable.Range(0, N).Select(_ => Math.Round((random.NextDouble() * 2) - 1, 3)).ToArray();
                var hand = program.Eval(Enumerable.Range(0, N).Select(k => Dual.Var(at[k], k)).ToArray());
                T Get<T>(string suffix) where T : Delegate => type.GetMethod(program.Name + suffix, BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<T>();
                HessianChecks.Check(program.Name + " at (" + string.Join(", ", at.Select(a => a.ToString(CultureInfo.InvariantCulture))) + "):\n" + program.Text,
                    Get<Func<double[], double[], double>>("H"), Get<Func<double[], double[], double[], double>>("V"), Get<Action<double[], double[]>>("G"), at, hand.H, HessianChecks.Double);
                var h = new double[N * N];
                Tolerance.AssertFormula(hand.V, Get<Func<double[], double[], double>>("H")(at, h), program.Name + " value");
                points++;
            }
        }
        ProgramBatch.AssertCounts(count, programs.Count(p => p.Bad is not null), clean.Count, points, _output.WriteLine);
    }
}
