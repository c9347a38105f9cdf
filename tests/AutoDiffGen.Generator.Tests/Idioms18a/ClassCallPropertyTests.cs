using System.Globalization;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Idioms18a;

/// <summary>
/// Random programs whose <c>[WithRespectTo]</c> class parameter (a record replaced by <c>with</c>, a class of settable
/// members added into in place, a class of get-only members rebuilt through its constructor) is passed on to
/// <c>[Differentiable]</c> callees with <c>[WithRespectTo]</c>, once or in a loop, beside reads of its own: MBackward's dP and
/// MForward's tangents against a dual-number evaluation written in the test and against central differences. About one
/// program in five is just outside (the object passed to a callee whose parameter is <c>[NoDiff]</c>, not <c>[WithRespectTo]</c>, or
/// another object than the parameter passed to one that is) and must get ADG0003 at that call or argument and no code.
/// All programs are compiled in one compilation. AUTODIFFGEN_PROPERTY_COUNT draws more.
/// </summary>
public class ClassCallPropertyTests
{
    private readonly ITestOutputHelper _output;

    public ClassCallPropertyTests(ITestOutputHelper output) => _output = output;

    private static readonly string[] Kinds = { "Rec", "Mut", "Fro" };

    private const string Header = """
        using System;
        using AutoDiffGen;

        public record Rec(double A, double B);
        public class Mut { public double A; public double B { get; set; } }
        public class Fro
        {
            public double A { get; }
            private readonly double _b;
            public double B => _b;
            public Fro(double a, double b) { A = a; _b = b; }
        }

        public static partial class P
        {
            [Differentiable(Forward = true)] public static double G1Rec([WithRespectTo] Rec p, double y) => p.A * y + Math.Sin(p.B);
            [Differentiable(Forward = true)] public static double G1Mut([WithRespectTo] Mut p, double y) => p.A * y + Math.Sin(p.B);
            [Differentiable(Forward = true)] public static double G1Fro([WithRespectTo] Fro p, double y) => p.A * y + Math.Sin(p.B);
            [Differentiable(Forward = true)] public static double G2Rec([WithRespectTo] Rec p, double y) => p.A * p.B - y * y * p.B;
            [Differentiable(Forward = true)] public static double G2Mut([WithRespectTo] Mut p, double y) => p.A * p.B - y * y * p.B;
            [Differentiable(Forward = true)] public static double G2Fro([WithRespectTo] Fro p, double y) => p.A * p.B - y * y * p.B;
            [Differentiable(Forward = true)] public static double HRec([NoDiff] Rec p, double y) => p.A * y;
            [Differentiable(Forward = true)] public static double HMut([NoDiff] Mut p, double y) => p.A * y;
            [Differentiable(Forward = true)] public static double HFro([NoDiff] Fro p, double y) => p.A * y;

        """;

    /// <summary>A value with its derivatives with respect to (A, B, x).</summary>
    private readonly record struct Dual(double V, double D0, double D1, double D2)
    {
        public static Dual Var(double v, int k) => new(v, k == 0 ? 1 : 0, k == 1 ? 1 : 0, k == 2 ? 1 : 0);
        public static Dual Const(double v) => new(v, 0, 0, 0);
        public static Dual operator +(Dual a, Dual b) => new(a.V + b.V, a.D0 + b.D0, a.D1 + b.D1, a.D2 + b.D2);
        public static Dual operator -(Dual a, Dual b) => new(a.V - b.V, a.D0 - b.D0, a.D1 - b.D1, a.D2 - b.D2);
        public static Dual operator *(Dual a, Dual b) => new(a.V * b.V, (a.D0 * b.V) + (a.V * b.D0), (a.D1 * b.V) + (a.V * b.D1), (a.D2 * b.V) + (a.V * b.D2));
        public Dual Sin() { double c = Math.Cos(V); return new(Math.Sin(V), c * D0, c * D1, c * D2); }
        public double D(int k) => k == 0 ? D0 : k == 1 ? D1 : D2;
    }

    /// <summary>G1 = A·y + sin B, G2 = A·B − y²·B: the callees by hand.</summary>
    private static Dual Callee(int which, Dual a, Dual b, Dual y) => which == 1 ? (a * y) + b.Sin() : (a * b) - (y * y * b);

    private sealed record Program(string Name, string Text, string? Bad, string Kind, Func<Dual, Dual, Dual, Dual> Eval);

    private static Program Make(Random random, int i, bool outside)
    {
        string kind = Kinds[random.Next(Kinds.Length)];
        int which = 1 + random.Next(2);
        int shape = random.Next(3);
        double c = Math.Round(0.3 + random.NextDouble(), 2);
        string cText = c.ToString("0.0#", CultureInfo.InvariantCulture);
        string call = "G" + which + kind + "(p, x)";
        string? bad = null;
        if (outside)
        {
            if (random.Next(2) == 0)
            {
                call = "H" + kind + "(p, x)";
                bad = call;
            }
            else
            {
                string other = kind == "Rec" ? "new Rec(0.5, 0.25)" : kind == "Mut" ? "new Mut()" : "new Fro(0.5, 0.25)";
                call = "G" + which + kind + "(" + other + ", x)";
                bad = other;
            }
        }
        string body;
        Func<Dual, Dual, Dual, Dual> eval;
        switch (shape)
        {
            case 0:
                // F = c·G(p, x) + A·x.
                body = "return " + cText + " * " + call + " + p.A * x;";
                eval = (a, b, x) => (Dual.Const(c) * Callee(which, a, b, x)) + (a * x);
                break;
            case 1:
                // F = Σ_{k<3} G(p, x + k)·B: the call in a loop, its argument varying.
                body = "double s = 0; for (int k = 0; k < 3; k++) s += " + call.Replace("x)", "x + k)") + " * p.B; return s;";
                eval = (a, b, x) =>
                {
                    var s = Dual.Const(0);
                    for (int k = 0; k < 3; k++) s += Callee(which, a, b, x + Dual.Const(k)) * b;
                    return s;
                };
                break;
            default:
                // F = G1(p, t) + G2(p, x) with t = A·x: two callees, one fed by the object's own member.
                string second = outside ? call : "G2" + kind + "(p, x)";
                body = "double t = p.A * x; return G1" + kind + "(p, t) + " + second + ";";
                eval = (a, b, x) => Callee(1, a, b, a * x) + Callee(2, a, b, x);
                break;
        }
        if (bad is not null && shape == 1 && bad.StartsWith("H", StringComparison.Ordinal)) bad = bad.Replace("x)", "x + k)");
        string text = "    [Differentiable(Forward = true)] public static double F" + i + "([WithRespectTo] " + kind + " p, double x) { " + body + " }\n";
        return new Program("F" + i, text, bad, kind, eval);
    }

    [Fact]
    public void RandomCallsBetweenClassInputMethods_MatchDualsAndCentralDifferences_AndJustOutsideIsADG0003()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_PROPERTY_COUNT", 40);
        var random = new Random(20261218);
        var programs = Enumerable.Range(0, count).Select(i => Make(random, i, outside: i % 5 == 2)).ToList();
        var run = GeneratorHarness.Run(ProgramBatch.Source(Header, programs.Select(p => p.Text)));
        var clean = ProgramBatch.Judge(run, Header, programs, p => (p.Name, p.Text, p.Bad));
        var type = ProgramBatch.LoadClean(Header, clean.Select(p => p.Text), "P");
        int points = 0;
        foreach (var program in clean)
        {
            for (int n = 0; n < 3; n++)
            {
                double[] at = Enumerable.Range(0, 3).Select(_ => Math.Round((random.NextDouble() * 2) - 1, 3)).ToArray();
                Check(type, program, at);
                points++;
            }
        }
        ProgramBatch.AssertCounts(count, programs.Count(p => p.Bad is not null), clean.Count, points, _output.WriteLine);
    }

    private static object Make(Assembly assembly, string kind, double a, double b)
    {
        if (kind != "Mut") return Activator.CreateInstance(assembly.GetType(kind)!, a, b)!;
        var m = Activator.CreateInstance(assembly.GetType("Mut")!)!;
        assembly.GetType("Mut")!.GetField("A")!.SetValue(m, a);
        assembly.GetType("Mut")!.GetProperty("B")!.SetValue(m, b);
        return m;
    }

    private static double Get(object o, string name) =>
        o.GetType().GetProperty(name) is { } p ? (double)p.GetValue(o)! : (double)o.GetType().GetField(name)!.GetValue(o)!;

    private static void Check(Type type, Program program, double[] at)
    {
        var assembly = type.Assembly;
        var hand = program.Eval(Dual.Var(at[0], 0), Dual.Var(at[1], 1), Dual.Var(at[2], 2));
        double F(double[] v) => (double)type.GetMethod(program.Name)!.Invoke(null, new object[] { Make(assembly, program.Kind, v[0], v[1]), v[2] })!;
        // dP starts at (0.5, −0.25): MBackward adds into it.
        var args = new object?[] { Make(assembly, program.Kind, at[0], at[1]), at[2], Make(assembly, program.Kind, 0.5, -0.25), 0.0, 1.0 };
        double value = (double)type.GetMethod(program.Name + "Backward")!.Invoke(null, args)!;
        string where = program.Name + " at (" + string.Join(", ", at.Select(a => a.ToString(CultureInfo.InvariantCulture))) + "):\n" + program.Text;
        Tolerance.AssertFormula(hand.V, value, "value of " + where);
        double[] got = { Get(args[2]!, "A") - 0.5, Get(args[2]!, "B") + 0.25, (double)args[3]! };
        const double h = 1e-6;
        for (int k = 0; k < 3; k++)
        {
            Tolerance.AssertFormula(hand.D(k), got[k], "∂" + k + " by duals, " + where);
            double[] plus = (double[])at.Clone(), minus = (double[])at.Clone();
            plus[k] += h;
            minus[k] -= h;
            Tolerance.AssertCentral((F(plus) - F(minus)) / (2 * h), got[k], Math.Abs(value), "∂" + k + " central, " + where);
            var fargs = new object?[] { Make(assembly, program.Kind, at[0], at[1]), at[2], Make(assembly, program.Kind, k == 0 ? 1 : 0, k == 1 ? 1 : 0), k == 2 ? 1.0 : 0.0, null };
            type.GetMethod(program.Name + "Forward")!.Invoke(null, fargs);
            Tolerance.AssertFormula(hand.D(k), (double)fargs[4]!, "tangent " + k + ", " + where);
        }
    }
}
