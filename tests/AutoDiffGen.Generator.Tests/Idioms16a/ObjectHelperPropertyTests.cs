using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Idioms16a;

/// <summary>
/// Property test of idioms16a item 1: random programs over <c>(double x, double y, int k)</c> read members of the objects
/// plain helpers return (<c>Make.Polar(x, y).A</c>, a local <c>var p = Make.Step(…)</c> read twice, in loops and under
/// ifs). Inside support every gradient matches central differences, MForward the gradient along a random tangent and
/// MHessian central differences of the gradient (ModeChecks). One in five lets the object out (passed to a call: ADG0003
/// at the call) or calls a helper whose object is not a value (a class with a setter written, or a helper that may return
/// a shared object: ADG0004 at the call): an error there and no code. CI runs 40 programs; AUTODIFFGEN_OBJECT_HELPERS_COUNT
/// runs more.
/// </summary>
public class ObjectHelperPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad);

    private const string Header = """
        using System;
        using AutoDiffGen;

        public sealed class Pair { public Pair(double a, double b) { A = a; B = b; } public double A { get; } public double B { get; } }
        public class Mutable { public Mutable(double a) { A = a; } public double A { get; set; } public void Bump() { A += 1; } }

        public static class Make
        {
            public static readonly Pair Shared = new Pair(1, 2);
            public static Pair Polar(double r, double t) => new Pair(r * Math.Cos(t), r * Math.Sin(t));
            public static Pair Step(double a, double b, int n)
            {
                double p = a, q = b;
                for (int i = 0; i < n; i++) { p = p * 0.5 + q; q = q - 0.25 * p; }
                if (p > 10) return new Pair(q, p);
                return new Pair(p, q);
            }
            public static Pair Either(double a) => a > 0 ? new Pair(a, 2 * a) : Shared;
            public static Mutable M(double a) => new Mutable(a * a);
            public static double Read(Pair p) => p.A;
        }

        public static partial class Objects
        {

        """;

    [Fact]
    public void ObjectHelpers_MatchCentralDifferencesInEveryMode_OrAnErrorAtTheCall()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_OBJECT_HELPERS_COUNT", 40);
        var random = new Random(2026_12_05);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4)).ToList();
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(ProgramBatch.Source(Header, all.Select(p => p.Text))), Header, all, p => (p.Name, p.Text, p.Bad), "ADG0003,ADG0004");
        var withWrappers = clean.Select(p => (p.Name, Text: p.Text + "    public static double[] " + p.Name + "H(double x, double y, int k) { var h = new double[4]; " + p.Name + "Hessian(x, y, k, h); return h; }\n")).ToList();
        var type = ProgramBatch.LoadClean(Header, withWrappers.Select(p => p.Text), "Objects");
        int points = ModeChecks.AtThreePoints(type, withWrappers, () => ProgramBatch.PointXYK(random), random);
        ProgramBatch.AssertCounts(count, all.Count(p => p.Bad is not null), clean.Count, points, output.WriteLine);
    }

    private static Program Next(Random random, string name, bool outside)
    {
        int locals = 0;
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Real() => Pick("x", "y", "x * y", "s * 0.5", "0.3", "y - x");
        // Over constants only the call is an object of the forward sweep, evaluated as written: outside ones read x or y.
        string Varied() => Pick("x", "y", "x * y");
        string Member() => Pick("A", "B");
        string Call() => random.Next(2) == 0 ? "Make.Polar(" + Real() + ", " + Real() + ")" : "Make.Step(" + Real() + ", " + Real() + ", " + Pick("1", "2", "k") + ")";
        string Local()
        {
            string p = "p" + (locals++).ToString(CultureInfo.InvariantCulture);
            return "{ var " + p + " = " + Call() + "; s += " + p + "." + Member() + " * " + p + "." + Member() + "; }";
        }
        string Statement() => random.Next(5) switch
        {
            0 => "s += " + Call() + "." + Member() + ";",
            1 => Local(),
            2 => "if (" + Pick("x > y", "s > 0", "k > 1") + ") s += " + Call() + "." + Member() + "; else s -= 0.5 * " + Call() + "." + Member() + ";",
            3 => "for (int i = 0; i < k; i++) " + Local(),
            _ => "s += " + Real() + " * " + Call() + "." + Member() + ";",
        };
        (string Bad, string Statement) Outside()
        {
            switch (random.Next(3))
            {
                case 0:
                    string passed = "Make.Polar(" + Varied() + ", " + Real() + ")";
                    return (passed, "s += Make.Read(" + passed + ");");
                case 1:
                    string mutable = "Make.M(" + Varied() + ")";
                    return (mutable, "s += " + mutable + ".A;");
                default:
                    string either = "Make.Either(" + Varied() + ")";
                    return (either, "s += " + either + ".B;");
            }
        }

        var text = new StringBuilder();
        text.Append("    [Differentiable(Forward = true, Hessian = true)]\n    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n");
        text.Append("        double s = x * 0.5 + y;\n");
        string? bad = ProgramBatch.AppendStatements(text, random, outside, Statement, Outside);
        text.Append("        return s + x * y;\n    }\n");
        return new Program(name, text.ToString(), bad);
    }
}
