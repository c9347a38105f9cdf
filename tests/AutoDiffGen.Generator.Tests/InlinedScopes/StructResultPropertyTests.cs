using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.InlinedScopes;

/// <summary>
/// Random programs whose local functions and lambda locals return a tuple (two or three reals, named or not) or a struct
/// of reals, or take one: expression or block bodies with branches and loops, results deconstructed, kept in a local,
/// a member read, called with constant arguments, inside loops, passed on to another local function, passed by ref to a
/// function writing it, set through out, or captured and written by a void local function (2026-12-03, hunt3: such a
/// struct or tuple local was wiped by the call). Inside support
/// Backward and Forward match central differences (<see cref="ForwardPrograms"/>); just outside (such a call used whole as
/// a plain method's argument, or recursive) it is an ADG0003 at the call and no code (ADG0004 for the plain method, which writes a static field: one taking a struct of reals is inlined otherwise since hunt13).
/// </summary>
public class StructResultPropertyTests(ITestOutputHelper output)
{
    [Fact]
    public void RandomStructResults_MatchCentralDifferences_OrAreDiagnosedAtTheCall()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_STRUCTRESULT_COUNT", 60);
        var random = new Random(20261203);
        var all = Enumerable.Range(0, count).Select(i => Next(random, i, i % 6 == 5)).ToList();
        ForwardPrograms.JudgeAndCheck(Header, "Returns", all, random, output.WriteLine, "ADG0003,ADG0004");
    }

    private static (string Name, string Text, string? Bad) Next(Random random, int index, bool outside)
    {
        string name = "P" + index.ToString(CultureInfo.InvariantCulture);
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Value(string a, string b) => Pick(a + " * " + b, "Math.Sin(" + a + ") * " + b, a + " + " + b + " * " + b, "Math.Exp(0.3 * " + a + ")", a + " / (1 + " + b + " * " + b + ")", "0.5");

        bool three = random.Next(3) == 0;
        bool isStruct = !three && random.Next(3) == 0;
        string type = isStruct ? "Pt" : three ? Pick("(double, double, double)", "(double A, double B, double C)") : Pick("(double, double)", "(double A, double B)");
        string Make(string a, string b, string c) => isStruct ? "new Pt(" + a + ", " + b + ")" : three ? "(" + a + ", " + b + ", " + c + ")" : "(" + a + ", " + b + ")";
        string body = random.Next(4) switch
        {
            0 => " => " + Make(Value("a", "b"), Value("b", "y"), "a - b") + ";",
            1 => " { double u = " + Value("a", "b") + "; if (u > " + Pick("0", "0.3", "-0.2") + ") return " + Make("u", "b * u", "a") + "; return " + Make("b", Value("a", "a"), "u") + "; }",
            2 => " { double u = a; for (int i = 0; i < k; i++) { u = " + Value("u", "b") + "; " + Pick("", "if (u > 2) break;", "if (u < -1) return " + Make("u", "a", "b") + ";") + " } return " + Make("u", "u * b", "a + u") + "; }",
            _ => " { var r = " + Make("a", "b", "a * b") + "; " + (isStruct ? "r.X += b * y;" : "r.Item1 += b * y;") + " return r; }",
        };
        bool lambda = random.Next(3) == 0 && !body.StartsWith(" {", StringComparison.Ordinal);
        string declaration = lambda
            ? "Func<double, double, " + type + "> F = (a, b)" + body
            : type + " F(double a, double b)" + body;
        string first = isStruct ? "X" : "Item1", second = isStruct ? "Y" : "Item2";

        var text = new StringBuilder();
        text.Append("    [Differentiable(Forward = true)]\n    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n");
        text.Append("        double s = 0;\n");
        text.Append("        ").Append(declaration).Append('\n');
        string Use() => random.Next(9) switch
        {
            // A captured struct or tuple local written by a void local function.
            8 => "var t = F(y, x); void B(double h) { t." + first + " += h * t." + second + "; " + Pick("", "if (h > 0.4) return;", "if (t." + first + " < 0) return;") + " t." + second + " -= h; } B(x); " + Pick("", "B(0.5);", "for (int j = 0; j < k; j++) B(0.25);") + " s += t." + first + " * t." + second + ";",
            // Passed by ref to a void function that writes it (an early return on some paths), or set through out.
            6 => "void U(ref " + type + " v, double h) { v." + first + " += h * v." + second + "; if (v." + first + " > " + Pick("1", "0", "-0.5") + ") return; v." + second + " *= h; } var t = F(x, y); U(ref t, " + Pick("x", "0.5", "y * y") + "); " + Pick("", "U(ref t, 0.25);", "for (int j = 0; j < k; j++) U(ref t, 0.5);") + " s += t." + first + " * t." + second + ";",
            7 => "void O(double a, out " + type + " v) { v = " + Make(Value("a", "y"), "a * y", "a") + "; if (a > 0.5) v." + second + " *= a; } O(" + Pick("x", "x * y") + ", out var w); s += w." + first + " + w." + second + " * x;",
            0 when !isStruct => three ? "var (p, q, r) = F(" + Pick("x, y", "y, x * x") + "); s += p * q + r;" : "var (p, q) = F(" + Pick("x, y", "y, x * x") + "); s += p * q;",
            1 => "var t = F(x, " + Pick("y", "0.5") + "); s += t." + first + " * x + t." + second + ";",
            2 => "s += F(" + Pick("0.5, 0.25", "x, 2.0", "y, y") + ")." + second + " * y;",
            3 => "for (int j = 0; j < k; j++) { var w = F(s * 0.1 + x, y); s += w." + first + " - 0.5 * w." + second + "; }",
            4 => "double G(" + type + " v) => v." + first + " * v." + second + "; s += G(F(x, y)) + G(" + Make("x", "y", "1.0") + ");",
            _ => "if (x > y) { var t = F(y, x); s += t." + second + "; } else s += F(x, x)." + first + " * y;",
        };
        string? bad = null;
        int uses = 1 + random.Next(3);
        int badAt = outside ? random.Next(uses) : -1;
        for (int u = 0; u < uses; u++)
        {
            if (u == badAt)
            {
                if (random.Next(2) == 0)
                {
                    bad = "Plain(F(x, y))";
                    text.Append("        s += ").Append(bad).Append(";\n");
                }
                else
                {
                    text.Append("        ").Append(type).Append(" H(double a) => a > 1 ? ").Append(Make("a", "a", "a")).Append(" : H(a + 1);\n");
                    bad = "H(a + 1)";
                    text.Append("        s += H(x).").Append(first).Append(";\n");
                }
                continue;
            }
            // Each use in a block of its own: the names it declares (p, t, G) may repeat.
            text.Append("        { ").Append(Use()).Append(" }\n");
        }
        text.Append("        return s;\n    }\n");
        return (name, text.ToString(), bad);
    }

    private const string Header = @"using System;
using AutoDiffGen;

public struct Pt
{
    public double X;
    public double Y;
    public Pt(double x, double y) { X = x; Y = y; }
}

public static partial class Returns
{
    public static double Plain((double, double) t) => t.Item1;
    public static double Plain((double A, double B, double C) t) => t.A;
    // The count is an effect: a plain helper taking a struct of reals is inlined since hunt13, so this one must not be.
    static int s_plainCalls;
    public static double Plain(Pt p) { s_plainCalls++; return p.X; }

";
}
