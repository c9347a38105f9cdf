using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Objects;

/// <summary>
/// Random programs (issue 13 items 1, 2 and 4) over a struct whose methods write its own members and return a value, read
/// inside expressions (left and right of the call, in loops and branches), and plain void helpers leaving their results in
/// ref/out arguments (an int index moved, a real damped, two out reals). Inside support each Backward matches central
/// differences and each Forward ⟨gradient, t⟩ (<see cref="ForwardPrograms"/>). Just outside, the exact ADG at the exact
/// expression and no code: the struct escaping into a plain method (ADG0003 at the call), a mutating method called through
/// an interface (ADG0016 at the boxed struct), such a call on some paths only (ADG0003 at it), a helper that writes a
/// static field (ADG0003 at the call). <c>AUTODIFFGEN_MUTATINGVALUE_COUNT</c> raises the count (400 run once by hand).
/// </summary>
public class MutatingValuePropertyTests(ITestOutputHelper output)
{
    [Fact]
    public void RandomMutatingValuesAndRefHelpers_MatchCentralDifferences_OrAreDiagnosedAtTheExpression()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_MUTATINGVALUE_COUNT", 60);
        var random = new Random(20261204);
        var all = Enumerable.Range(0, count).Select(i => Next(random, i, i % 5 == 4)).ToList();
        ForwardPrograms.JudgeAndCheck(Header, "MutatingValues", all, random, output.WriteLine, "ADG0003,ADG0016,ADG0004");
    }

    private static (string Name, string Text, string? Bad) Next(Random random, int index, bool outside)
    {
        string id = index.ToString(CultureInfo.InvariantCulture);
        string name = "P" + id, s = "S" + id;
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Value(string a, string b) => Pick(a + " * " + b, "Math.Sin(" + a + ") * " + b, a + " * " + b + " + 1", "Math.Exp(0.3 * " + a + ")", a + " / (1 + " + b + " * " + b + ")");
        int locals = 0;
        string Statement()
        {
            string arg = Pick("x", "y", "0.5");
            string local = "o" + (locals++).ToString(CultureInfo.InvariantCulture);
            return random.Next(8) switch
            {
                0 => "s += p.A(" + arg + ");",
                1 => "s += p.X * " + Pick("x", "y") + " + p.B(" + arg + ") * p.Y;",
                2 => "for (int i = 0; i < k; i++) s += 0.5 * p.A(" + arg + ");",
                3 => "if (" + Pick("x > 0", "p.X > y", "k > 1") + ") s += p.B(" + arg + "); else p.C(" + arg + ");",
                4 => "Next" + id + "(ref m, 3); s += p.X * (m + 1);",
                5 => "Damp" + id + "(ref v, " + arg + "); s += v;",
                6 => "Split" + id + "(p.Y, out var " + local + "Lo, out var " + local + "Hi); s += " + local + "Lo * " + local + "Hi;",
                _ => "for (int i = 0; i < 3; i++) { Next" + id + "(ref m, 2); s += m * p.A(" + arg + "); }",
            };
        }
        (string Bad, string Statement) Outside() => random.Next(4) switch
        {
            0 => ("Use" + id + "(p)", "s += Use" + id + "(p);"),
            1 => ("p", "I" + s + " via = p; s += via.A(x);"),
            2 => ("p.A(y)", "s += x > 0 ? p.A(y) : 0;"),
            _ => ("Bump" + id + "(ref v)", "Bump" + id + "(ref v);"),
        };

        var text = new StringBuilder();
        text.Append("    public interface I").Append(s).Append(" { double A(double k); }\n");
        text.Append("    public struct ").Append(s).Append(" : I").Append(s).Append("\n    {\n        public double X;\n        public double Y;\n");
        text.Append("        public ").Append(s).Append("(double x, double y) { X = x; Y = y; }\n");
        text.Append("        public double A(double k) { ").Append(Pick("X = X * k + Y;", "Y += " + Value("X", "k") + ";", "double t = X; X = " + Value("Y", "k") + "; Y = t;")).Append(" return X * Y; }\n");
        text.Append("        public double B(double k) { if (X > k) { Y += X; return Y; } X *= 0.5; return X + k; }\n");
        text.Append("        public void C(double k) { Y = ").Append(Value("X", "k")).Append("; }\n    }\n");
        text.Append("    static void Next").Append(id).Append("(ref int m, int n) { m = (m + 1) % n; }\n");
        text.Append("    static void Damp").Append(id).Append("(ref double v, double c) { v = ").Append(Pick("v * c + 0.1", "Math.Sin(v) * c", "v / (1 + c * c)")).Append("; }\n");
        text.Append("    static void Split").Append(id).Append("(double a, out double lo, out double hi) { lo = a * a; hi = a + 1; }\n");
        text.Append("    static double Count").Append(id).Append(";\n");
        text.Append("    static void Bump").Append(id).Append("(ref double v) { v += 1; Count").Append(id).Append(" += 1; }\n");
        // Count: an effect, so the helper stays opaque (a plain helper taking a struct of reals is inlined since hunt13).
        text.Append("    static double Use").Append(id).Append("(").Append(s).Append(" q) { Count").Append(id).Append(" += 1; return q.X; }\n");
        text.Append("    [Differentiable(Forward = true)]\n    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n");
        text.Append("        double s = 0, v = ").Append(Pick("x", "y", "x * y")).Append(";\n        int m = 0;\n");
        text.Append("        var p = new ").Append(s).Append("(").Append(Pick("x", "y", "x * y")).Append(", ").Append(Pick("y", "0.5", "x")).Append(");\n");
        string? bad = ProgramBatch.AppendStatements(text, random, outside, Statement, Outside);
        text.Append("        return s + p.X * p.Y + v + m;\n    }\n");
        return (name, text.ToString(), bad);
    }

    private const string Header = "using System;\nusing AutoDiffGen;\n\npublic static partial class MutatingValues\n{\n";
}
