using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.InlinedScopes;

/// <summary>
/// Property test of inlined bodies in loops and branches: random programs call a struct constructor with a body, a local
/// function, a lambda local, a struct operator, a struct method and an inlined [Differentiable] callee (each with locals
/// and a branch of its own) inside loops, nested loops and branches, and again after them. Each program inside what is
/// supported generates cleanly and its Backward matches central differences at three random points; each just outside (a
/// recursive local function, a constructor that chains to another) gets an ADG0003 there and no code. CI runs 72
/// programs; AUTODIFFGEN_INLINEDSCOPE_COUNT runs more.
/// </summary>
public class InlinedScopePropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad);

    [Fact]
    public void InlinedBodiesInLoopsAndBranches_MatchCentralDifferences_OrAnErrorAtTheExpression()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_INLINEDSCOPE_COUNT", 72);
        var random = new Random(20261203);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 6 == 5)).ToList();
        ProgramBatch.JudgeAndCheck(Header, "Inl", all.Select(p => (p.Name, p.Text, p.Bad)).ToList(),
            () => ProgramBatch.PointXYK(random), output.WriteLine);
    }

    private static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Argument() => Pick("x", "y", "0.5 * s", "x * y", "t");
        string Call() => string.Format(CultureInfo.InvariantCulture, Pick("new C2(x, {0}).P", "F({0})", "g({0})", "(a % {0})", "a.M({0})", "G(y, {0})"), Argument());
        string Statement(int depth)
        {
            switch (random.Next(depth > 0 ? 8 : 4))
            {
                case 0: return "s += 0.3 * " + Call() + ";";
                case 1: return "t = 0.5 * t + 0.2 * " + Call() + ";";
                case 2: return "s = Math.Sin(s) + " + Call() + " * 0.1;";
                case 3: return "{ double u = " + Call() + "; s += u * t * 0.2; }";
                case 4: return "for (int i" + depth + " = 0; i" + depth + " < k; i" + depth + "++) { " + Statement(depth - 1) + " }";
                case 5: return "for (int i" + depth + " = 0; i" + depth + " < 2; i" + depth + "++) for (int j" + depth + " = 0; j" + depth + " <= i" + depth + "; j" + depth + "++) { " + Statement(depth - 1) + " }";
                case 6: return "if (x > 0.2) { " + Statement(depth - 1) + " }";
                default: return "if (y < 0.1) { " + Statement(depth - 1) + " } else { " + Statement(depth - 1) + " }";
            }
        }
        // Just outside: the text the ADG0003 must point at, and the statement that holds it.
        (string Bad, string Statement) Outside()
        {
            if (random.Next(2) == 0) return ("R(k2 * 0.5)", "{ double R(double k2) { if (k2 < 0.1) return k2; return R(k2 * 0.5); } s += R(x); }");
            string creation = "new C3(" + Argument() + ")";
            return (creation, "s += " + creation + ".P;");
        }

        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n");
        text.Append("        double s = x + 0.5 * y, t = y;\n        var a = new V2(x, 0.5);\n");
        text.Append("        double F(double k1) { double u = Math.Sin(k1) * y; if (k1 > 0.3) u += (k1 - 0.3) * (k1 - 0.3); return u * 0.5 + Math.Cos(u); }\n");
        text.Append("        Func<double, double> g = k1 => { double u = Math.Tanh(k1) * x; for (int q = 0; q < 2; q++) u = u * 0.5 + k1; return u; };\n");
        string? badText = ProgramBatch.AppendStatements(text, random, outside, () => Statement(2), Outside);
        text.Append("        return s + t + F(x) + g(y) + a.X;\n    }\n");
        return new Program(name, text.ToString(), badText);
    }

    private const string Header = """
        using System;
        using AutoDiffGen;

        public struct C2
        {
            public double P, Q;
            public C2(double a, double k) { Q = Math.Sin(k) * a; P = Q * 0.5 + Math.Cos(k); }
        }

        public struct C3
        {
            public double P, Q;
            public C3(double a, double k) { P = a; Q = k; }
            public C3(double a) : this(a, 1) { P = a * a; }
        }

        public struct V2
        {
            public double X, Y;
            public V2(double x, double y) { X = x; Y = y; }
            public static double operator %(V2 a, double k) { double u = Math.Sin(a.X * k); if (k > 0.2) u += (k - 0.2) * (k - 0.2); return u + a.Y; }
            public readonly double M(double k) { double u = Math.Cos(X * k); for (int i = 0; i < 2; i++) u = u * 0.5 + k * Y; return u; }
        }

        public static partial class Inl
        {
            [Differentiable] public static double G(double w, double k) { double u = Math.Sin(k) * w; if (k > 0.4) u += (k - 0.4) * (k - 0.4); return u * 0.5 + Math.Cos(u); }

        """;
}
