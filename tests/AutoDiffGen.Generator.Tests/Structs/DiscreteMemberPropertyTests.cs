using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Structs;

/// <summary>
/// Random programs over a struct with discrete members next to its reals (<c>int Id</c>, <c>bool On</c>, an enum
/// <c>Kind</c>): built by initializer or constructor, its discrete members read in branches, as factors and indices,
/// written (from constants, from each other, from a differentiated value through <c>(int)</c>: a staircase, zero
/// gradient), a real member set from <c>(double)(int)x</c> (zero gradient), copies, loops, [Differentiable] helpers
/// taking and returning it. Inside support every gradient matches central differences (the points avoid the
/// staircases' steps). Just outside: the struct passed to a plain helper that cannot be inlined (it writes a static field:
/// ADG0004 at the call; one that can is inlined since structs14), or a struct with a class member built from a
/// differentiated value, or (idioms25) a struct whose Deconstruct computes deconstructed (ADG0002 at the statement): the
/// ADG error at that expression and no code. Since idioms25 the struct's Deconstruct of member copies and a positional
/// record struct's are deconstructed too, in loops as well.
/// </summary>
public class DiscreteMemberPropertyTests(ITestOutputHelper output)
{
    private const string Header = """
        using System;
        using AutoDiffGen;

        public enum K { One, Two, Three }

        public static partial class Mixed
        {

        """;

    [Fact]
    public void RandomPrograms_MatchCentralDifferences_OrAreDiagnosedAtTheExpression()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_DISCRETE_COUNT", 72);
        var random = new Random(20261203);
        var all = Enumerable.Range(0, count).Select(i => Next(random, i, i % 6 == 5)).ToList();
        // x and y a little off the grid of (int)x steps (x·3 and x + 2 are never integers there).
        ProgramBatch.JudgeAndCheck(Header, "Mixed", all,
            () => new object[] { Math.Round((random.NextDouble() * 3) - 1.5, 3) + 0.00013, Math.Round((random.NextDouble() * 2) + 0.2, 3) + 0.00017, random.Next(4) },
            output.WriteLine, "ADG0002,ADG0003,ADG0004");
    }

    private static (string Name, string Text, string? Bad) Next(Random random, int index, bool outside)
    {
        string i = index.ToString(CultureInfo.InvariantCulture);
        string name = "P" + i, s = "S" + i;
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Real(string a, string b) => Pick(a + " * " + b, "Math.Sin(" + a + ") * " + b, a + " + " + b, "Math.Exp(0.3 * " + a + ")", a + " / (1 + " + b + " * " + b + ")");

        var text = new StringBuilder();
        text.Append("    public struct ").Append(s).Append(" { public double A; public double B; public int Id; public bool On; public K Kind;\n")
            .Append("        public ").Append(s).Append("(double a, double b, int id, bool on, K kind) { A = a; B = b; Id = id; On = on; Kind = kind; }\n")
            .Append("        public void Deconstruct(out double a, out double b, out int id) { a = A; b = this.B; id = Id; } }\n");
        // idioms25: a positional record struct deconstructed, and one whose Deconstruct computes (refused: ADG0002 at the statement).
        text.Append("    public record struct R").Append(i).Append("(double U, double V);\n");
        text.Append("    public struct Odd").Append(i).Append(" { public double A; public double B; public void Deconstruct(out double a, out double b) { a = 2 * A; b = B; } }\n");
        text.Append("    [Differentiable] public static ").Append(s).Append(" Step").Append(i).Append("(").Append(s).Append(" p, double k) { var q = p; q.A += ").Append(Real("q.B", "k"))
            .Append("; q.Id += 1; q.On = q.A > 0; if (q.Kind == K.Two) q.B *= 0.5; return q; }\n");
        text.Append("    [Differentiable] public static double Val").Append(i).Append("(").Append(s).Append(" p) => p.On ? p.A * p.B * (p.Id % 3) : p.A - (p.Kind == K.Three ? p.B : 0);\n");
        // Counting its calls in a static field keeps it opaque: a plain helper taking the struct is inlined since structs14.
        text.Append("    public static int Calls").Append(i).Append(";\n");
        text.Append("    public static double Opaque").Append(i).Append("(").Append(s).Append(" p) { Calls").Append(i).Append("++; return p.A; }\n");
        text.Append("    public struct O").Append(i).Append(" { public double A; public object Tag; }\n");
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double x, double y, int n)\n    {\n");
        text.Append("        var s = ").Append(Pick(
            "new " + s + " { A = x, B = y, Id = n, On = x > 0, Kind = K.One };",
            "new " + s + "(y, x, n + 1, n % 2 == 0, K.Two);",
            "new " + s + " { A = x * y, B = 1.5, Id = 2, Kind = n > 1 ? K.Three : K.One };")).Append('\n');
        text.Append("        double r = 0;\n");
        string Statement() => Pick(
            "if (s.On) r += " + Real("s.A", "s.B") + "; else r -= s.B;",
            "s.Id += 1;",
            "s.Id = (s.Id + n) % 3;",
            "s.On = !s.On;",
            "s.On = s.A > s.B;",
            "s.A += (s.Id % 3 + 1) * s.B;",
            "r += s.Id * s.A;",
            "s.Kind = s.A > 0 ? K.Two : K.Three;",
            "if (s.Kind == K.Two) s.B *= 1.5; else s.B += 0.5 * s.A;",
            "for (int i = 0; i < n; i++) { s.A = Math.Sin(s.A) + s.B; s.Id++; }",
            "s = Step" + i + "(s, " + Pick("x", "y", "0.5") + ");",
            "r += Val" + i + "(s);",
            "s = new " + s + "(s.B, s.A * x, s.Id + 1, !s.On, s.Kind);",
            "{ var t = s; t.A *= y; t.Id = 7; r += t.A + s.A * t.Id; }",
            "s.Id = (int)(x + 2);",
            "s.B = (double)(int)(x * 3) + s.B;",
            "if (s.Id > 1 && s.On) { s.A *= y; }",
            "{ var (u, v, id) = s; r += (" + Real("u", "v") + ") * (id % 2 + 1); }",
            "{ double u, v; (u, v, _) = s; s.A = v; s.B = u * " + Pick("x", "1.5") + "; }",
            "{ var (u, v) = new R" + i + "(s.A * y, s.B); r += u * v; }",
            "for (int i = 0; i < n; i++) { var (u, v, _) = s; s.A = u * 0.5 + v; }");
        string? bad = ProgramBatch.AppendStatements(text, random, outside, Statement, () => random.Next(3) switch
        {
            0 => ("Opaque" + i + "(s)", "r += Opaque" + i + "(s);"),
            1 => ("new O" + i + " { A = x, Tag = null }", "{ var o = new O" + i + " { A = x, Tag = null }; r += o.A; }"),
            _ => ("var (u, v) = new Odd" + i + " { A = s.A, B = y }", "{ var (u, v) = new Odd" + i + " { A = s.A, B = y }; r += u * v; }"),
        });
        text.Append("        return r + s.A * s.B + s.Id + (s.On ? y : 0) + (s.Kind == K.Two ? x : 0);\n    }\n");
        return (name, text.ToString(), bad);
    }
}
