using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Objects;

/// <summary>
/// Random programs over immutable classes made from differentiated values (<see cref="ValueClassTests"/>): a positional record
/// with a computed property and a method, a sealed class of readonly fields set by its constructor, init-only properties;
/// <c>with</c>, a second local, a branch choosing an object, a new object each loop round, members read in branches. Inside
/// support Backward and Forward match central differences (<see cref="ForwardPrograms"/>). Just outside (the object passed
/// to a plain method, compared by reference, captured by a lambda, stored in a field, a null object, a member written after creation) it is
/// ADG0003 or ADG0007 at that expression and no code. AUTODIFFGEN_VALUECLASS_COUNT raises the count (400 run by hand).
/// </summary>
public class ValueClassPropertyTests(ITestOutputHelper output)
{
    [Fact]
    public void RandomValueClassPrograms_MatchCentralDifferences_OrAreDiagnosedAtTheExpression()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_VALUECLASS_COUNT", 60);
        var random = new Random(20261203);
        var all = Enumerable.Range(0, count).Select(i => Next(random, i, i % 5 == 4)).ToList();
        ForwardPrograms.JudgeAndCheck(Header, "Values", all, random, output.WriteLine, "ADG0003,ADG0007");
    }

    private static (string Name, string Text, string? Bad) Next(Random random, int index, bool outside)
    {
        string name = "P" + index.ToString(CultureInfo.InvariantCulture);
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Real() => Pick("x", "y", "x * y", "Math.Sin(x)", "0.5 * y + 0.25", "x * x");
        string Positive() => Pick("1.5 + x * x", "2 + Math.Sin(y)", "1 + y * y", "1.25");

        var text = new StringBuilder();
        text.Append("    [Differentiable(Forward = true)]\n    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n");
        text.Append("        double s = 0;\n");
        text.Append("        var g = new Gauss(").Append(Real()).Append(", ").Append(Positive()).Append(");\n");
        string Statement() => random.Next(8) switch
        {
            0 => "s += g.Var * " + Real() + " + g.Mean;",
            1 => "var h = g with { Sd = g.Sd + 0.5 * " + Real() + " * " + Real() + " }; s += h.Var - h.Z(y);",
            2 => "var q = x > y ? g : new Gauss(" + Real() + ", " + Positive() + "); s += q.Mean * q.Sd;",
            3 => "for (int i = 0; i < k; i++) { g = new Gauss(g.Mean * 0.5 + " + Real() + ", g.Sd); s += g.Z(y); }",
            4 => "var e = new Seg(g.Mean, " + Real() + "); s += e.Len * e.A + e.Scaled(y);",
            5 => "var p = new Pt { X = " + Real() + ", Y = g.Sd }; var p2 = p; s += p.X * p2.Y;",
            6 => "if (g.Mean > 0.1) s += g.Mean * " + Real() + "; else s -= g.Var;",
            _ => "var (m, d) = (g.Mean, g.Sd); s += m * d;",
        };
        (string Bad, string Statement) Outside() => random.Next(6) switch
        {
            5 => ("null", "var n = x > y ? g : null; s += n!.Mean;"),
            0 => ("g", "s += Plain(g);"),
            1 => ("g", "var r = g with { }; if (ReferenceEquals(g, r)) s += x;"),
            2 => ("g", "Func<double> f = () => g.Mean; s += f();"),
            3 => ("g", "Kept = g;"),
            _ => ("b.W = " + "x * y", "var b = new Box { W = x, H = y }; b.W = x * y; s += b.W * b.H;"),
        };
        // Each statement in a block of its own: the names it declares (h, q, e, p) may repeat.
        string? bad = ProgramBatch.AppendStatements(text, random, outside, () => "{ " + Statement() + " }", () => Outside() is var (b, written) ? (b, "{ " + written + " }") : default);
        text.Append("        return s;\n    }\n");
        return (name, text.ToString(), bad);
    }

    private const string Header = @"using System;
using AutoDiffGen;

public record Gauss(double Mean, double Sd)
{
    public double Var => Sd * Sd;
    public double Z(double v) => (v - Mean) / Sd;
}

public sealed class Seg
{
    public readonly double A;
    public readonly double B;
    public Seg(double a, double b) { A = a; B = b; }
    public double Len => B - A;
    public double Scaled(double k) { double t = A * k; return t + B; }
}

public sealed class Pt { public double X { get; init; } public double Y { get; init; } }

public sealed class Box { public double W; public double H; }

public static partial class Values
{
    static Gauss? Kept;
    public static double Plain(Gauss g) => g.Mean;

";
}
