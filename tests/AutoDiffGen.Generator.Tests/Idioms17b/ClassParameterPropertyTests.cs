using System.Globalization;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Idioms17b;

/// <summary>
/// Property tests of <c>[WithRespectTo]</c> class parameters. (1) Random programs over a record class or a class of
/// settable fields, reading its reals and a nested struct's (in locals, a loop, a <c>with</c> copy): MBackward's dP and
/// MForward's tangents against a dual-number evaluation of the same expression written in the test (by hand) and against
/// central differences; about one program in four reads a member just outside (a computing getter, an array member, a
/// virtual member) and must get ADG0003 at that read and no code. (2) Random class parameters with no attribute,
/// [NoDiff] or [WithRespectTo], whose real members reach the result or not: ADG0035 exactly where specified.
/// AUTODIFFGEN_PROPERTY_COUNT draws more programs.
/// </summary>
public class ClassParameterPropertyTests
{
    private readonly ITestOutputHelper _output;

    public ClassParameterPropertyTests(ITestOutputHelper output) => _output = output;

    private const string Header = """
        using System;
        using AutoDiffGen;

        public struct V2 { public double X; public double Y; }
        public record Rec(double A, double B, V2 At)
        {
            public double Computed => A * B;
            public double[] W { get; init; } = new double[] { 0.5, 1.5 };
            public virtual double V { get; init; } = 0.25;
        }
        public class Mut
        {
            public double A;
            public double B { get; set; }
            public V2 At;
            public double Computed => A * B;
            public double[] W = { 0.5, 1.5 };
            public virtual double V { get; set; } = 0.25;
        }

        public static partial class P
        {

        """;

    /// <summary>A value with its derivatives with respect to (A, B, At.X, At.Y, x): the test's own forward mode.</summary>
    private readonly record struct Dual(double V, double[] D)
    {
        public static Dual Var(double v, int k) { var d = new double[5]; d[k] = 1; return new Dual(v, d); }
        public static Dual Const(double v) => new(v, new double[5]);
        public static Dual operator +(Dual a, Dual b) => new(a.V + b.V, a.D.Zip(b.D, (x, y) => x + y).ToArray());
        public static Dual operator -(Dual a, Dual b) => new(a.V - b.V, a.D.Zip(b.D, (x, y) => x - y).ToArray());
        public static Dual operator *(Dual a, Dual b) => new(a.V * b.V, a.D.Zip(b.D, (x, y) => (x * b.V) + (a.V * y)).ToArray());
        public Dual Sin() { double c = Math.Cos(V); return new(Math.Sin(V), D.Select(x => c * x).ToArray()); }
        public Dual Exp03() { double e = Math.Exp(0.3 * V); return new(e, D.Select(x => 0.3 * e * x).ToArray()); }
    }

    /// <summary>An expression as C# text over a receiver named by <c>{0}</c>, and its evaluation over duals.</summary>
    private sealed record Expr(string Text, Func<Dual[], Dual> Eval);

    /// <summary>{0} is the receiver, {1} the real parameter (x, or x + t in the second expression).</summary>
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

    private sealed record Program(string Name, string Text, string? Bad, bool Record, Func<Dual[], Dual> Eval);

    /// <summary>One program: a local from one expression, then a plain return, a loop of three rounds, or (a record) a 'with' copy.</summary>
    private static Program Make(Random random, int i, bool outside)
    {
        bool record = random.Next(2) == 0;
        string type = record ? "Rec" : "Mut";
        var first = Draw(random, 2);
        // The result reads an input whatever is drawn (a program of constants only is ADG0011, another test's subject).
        var drawn = Draw(random, 2);
        var second = new Expr("(" + drawn.Text + " + {0}.A * {1})", v => drawn.Eval(v) + (v[0] * v[4]));
        string t1 = string.Format(CultureInfo.InvariantCulture, first.Text, "p", "x");
        string t2 = string.Format(CultureInfo.InvariantCulture, second.Text, "p", "(x + t)");
        string? bad = null;
        if (outside)
        {
            bad = new[] { "p.Computed", "p.W[0]", "p.V" }[random.Next(3)];
            t1 = "(" + t1 + " + " + bad + ")";
            if (bad == "p.W[0]") bad = "p.W";
        }
        Dual Second(Dual[] v, Dual t) { var w = (Dual[])v.Clone(); w[4] = v[4] + t; return second.Eval(w); }
        int shape = random.Next(record ? 3 : 2);
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
            default:
                // q = p with { B = t }: the second expression reads q's B where it read p's.
                body = "double t = " + t1 + "; var q = p with { B = t }; return " + string.Format(CultureInfo.InvariantCulture, second.Text, "q", "(x + t)") + ";";
                eval = v => { var t = first.Eval(v); var w = (Dual[])v.Clone(); w[1] = t; return Second(w, t); };
                break;
        }
        string text = "    [Differentiable(Forward = true)] public static double F" + i + "([WithRespectTo] " + type + " p, double x) { " + body + " }\n";
        return new Program("F" + i, text, bad, record, eval);
    }

    [Fact]
    public void RandomPrograms_MatchDualsAndCentralDifferences_AndJustOutsideIsADG0003AtTheRead()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_PROPERTY_COUNT", 40);
        var random = new Random(20261205);
        var programs = Enumerable.Range(0, count).Select(i => Make(random, i, outside: i % 4 == 1)).ToList();
        var run = GeneratorHarness.Run(ProgramBatch.Source(Header, programs.Select(p => p.Text)));
        var clean = ProgramBatch.Judge(run, Header, programs, p => (p.Name, p.Text, p.Bad));
        var type = ProgramBatch.LoadClean(Header, clean.Select(p => p.Text), "P");
        var assembly = type.Assembly;
        int points = 0;
        foreach (var program in clean)
        {
            for (int n = 0; n < 3; n++)
            {
                double[] at = Enumerable.Range(0, 5).Select(_ => Math.Round((random.NextDouble() * 2) - 1, 3)).ToArray();
                Check(assembly, type, program, at);
                points++;
            }
        }
        ProgramBatch.AssertCounts(count, programs.Count(p => p.Bad is not null), clean.Count, points, _output.WriteLine);
    }

    private static object Make(Assembly assembly, bool record, double[] v)
    {
        var v2 = Activator.CreateInstance(assembly.GetType("V2")!)!;
        assembly.GetType("V2")!.GetField("X")!.SetValue(v2, v[2]);
        assembly.GetType("V2")!.GetField("Y")!.SetValue(v2, v[3]);
        if (record) return Activator.CreateInstance(assembly.GetType("Rec")!, v[0], v[1], v2)!;
        var m = Activator.CreateInstance(assembly.GetType("Mut")!)!;
        assembly.GetType("Mut")!.GetField("A")!.SetValue(m, v[0]);
        assembly.GetType("Mut")!.GetProperty("B")!.SetValue(m, v[1]);
        assembly.GetType("Mut")!.GetField("At")!.SetValue(m, v2);
        return m;
    }

    private static double[] Parts(object o)
    {
        var t = o.GetType();
        double Get(string n) => t.GetProperty(n) is { } p ? (double)p.GetValue(o)! : (double)t.GetField(n)!.GetValue(o)!;
        object at = t.GetProperty("At") is { } ap ? ap.GetValue(o)! : t.GetField("At")!.GetValue(o)!;
        return new[] { Get("A"), Get("B"), (double)at.GetType().GetField("X")!.GetValue(at)!, (double)at.GetType().GetField("Y")!.GetValue(at)! };
    }

    private static void Check(Assembly assembly, Type type, Program program, double[] at)
    {
        var duals = Enumerable.Range(0, 5).Select(k => Dual.Var(at[k], k)).ToArray();
        var hand = program.Eval(duals);
        double F(double[] v) => (double)type.GetMethod(program.Name)!.Invoke(null, new object[] { Make(assembly, program.Record, v), v[4] })!;
        var args = new object?[] { Make(assembly, program.Record, at), at[4], Make(assembly, program.Record, new double[5]), 0.0, 1.0 };
        double value = (double)type.GetMethod(program.Name + "Backward")!.Invoke(null, args)!;
        string where = program.Name + " at (" + string.Join(", ", at.Select(a => a.ToString(CultureInfo.InvariantCulture))) + "):\n" + program.Text;
        Tolerance.AssertFormula(hand.V, value, "value of " + where);
        var got = Parts(args[2]!).Append((double)args[3]!).ToArray();
        const double h = 1e-6;
        for (int k = 0; k < 5; k++)
        {
            Tolerance.AssertFormula(hand.D[k], got[k], "∂" + k + " by duals, " + where);
            double[] plus = (double[])at.Clone(), minus = (double[])at.Clone();
            plus[k] += h;
            minus[k] -= h;
            Tolerance.AssertCentral((F(plus) - F(minus)) / (2 * h), got[k], Math.Abs(value), "∂" + k + " central, " + where);
            var direction = new double[5];
            direction[k] = 1;
            var fargs = new object?[] { Make(assembly, program.Record, at), at[4], Make(assembly, program.Record, direction), direction[4], null };
            type.GetMethod(program.Name + "Forward")!.Invoke(null, fargs);
            Tolerance.AssertFormula(got[k], (double)fargs[4]!, "tangent " + k + " = reverse, " + where);
        }
    }

    /// <summary>
    /// Random class parameters: no attribute, [NoDiff] or [WithRespectTo]; the body reads a real member into the result, only
    /// an int member, a real member into a dead local, or no member. ADG0035 at the parameter exactly when it has no attribute
    /// and a real member that [WithRespectTo] would make an input (not
    /// an array member) reaches the result; information only (the program builds under warnings as errors either way).
    /// </summary>
    [Fact]
    public void Adg0035_IsThereExactlyWhenARealMemberOfAPassedThroughClassReachesTheResult()
    {
        const string header = """
            using System;
            using AutoDiffGen;

            public record Cfg(double Rate, double Scale, int Count);
            public class Box { public double W; public int N; public double[] Ws = { 1.0, 2.0 }; }

            public static partial class Q
            {

            """;
        var random = new Random(20261206);
        int count = ProgramBatch.Count("AUTODIFFGEN_PROPERTY_COUNT", 40);
        var programs = new List<(string Name, string Text, string Parameter, bool Expected)>();
        for (int i = 0; i < count; i++)
        {
            bool record = random.Next(2) == 0;
            string type = record ? "Cfg" : "Box";
            int attribute = random.Next(3);
            int read = random.Next(4);
            string real = record ? (random.Next(2) == 0 ? "c.Rate" : "c.Scale") : (random.Next(2) == 0 ? "c.W" : "c.Ws[1]");
            string integer = record ? "c.Count" : "c.N";
            if (attribute == 2 && real == "c.Ws[1]") real = "c.W"; // an array member of a [WithRespectTo] class is ADG0003 (the other test)
            string body = read switch
            {
                0 => "return x * " + real + " + Math.Sin(x);",
                1 => "return x * " + integer + " + Math.Sin(x);",
                2 => "double unused = " + real + "; return x * x;",
                _ => "return x * x;",
            };
            string parameter = (attribute == 1 ? "[NoDiff] " : attribute == 2 ? "[WithRespectTo] " : "") + type + " c";
            string text = "    [Differentiable] public static double G" + i + "(" + parameter + ", double x) { " + body + " }\n";
            // An array member ([WithRespectTo] would refuse it, ADG0003) gets no ADG0035: its advice would not help (lead, merge).
            programs.Add(("G" + i, text, parameter, attribute == 0 && read == 0 && real != "c.Ws[1]"));
        }
        string source = ProgramBatch.Source(header, programs.Select(p => p.Text));
        var run = GeneratorHarness.Run(source);
        Assert.Empty(run.Exceptions);
        Assert.Empty(run.StrictDiagnostics());
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        var infos = run.GeneratorDiagnostics.Where(d => d.Id == "ADG0035").ToList();
        Assert.All(infos, d => Assert.Equal(DiagnosticSeverity.Info, d.Severity));
        int expected = 0;
        foreach (var p in programs)
        {
            int start = source.IndexOf(p.Text, StringComparison.Ordinal) + p.Text.IndexOf(p.Parameter, StringComparison.Ordinal);
            var here = infos.Where(d => d.Location.SourceSpan.Start == start).ToList();
            Assert.True(here.Count == (p.Expected ? 1 : 0), p.Name + ": " + here.Count + " ADG0035 where " + (p.Expected ? "one" : "none") + " was expected:\n" + p.Text);
            if (!p.Expected) continue;
            expected++;
            string type = p.Parameter.Split(' ')[0];
            Assert.Equal("'c' is a " + type + " whose real members are read as constants with no adjoint: mark it [WithRespectTo] for `ref " + type + " dC`, or [NoDiff] to say it is a constant",
                here[0].GetMessage(CultureInfo.InvariantCulture));
        }
        Assert.Equal(expected, infos.Count);
        Assert.True(expected > 0 && expected < count, expected + " of " + count);
        _output.WriteLine(count + " programs, " + expected + " with ADG0035");
    }
}
