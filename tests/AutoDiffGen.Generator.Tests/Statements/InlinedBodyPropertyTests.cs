using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Statements;

/// <summary>
/// Random programs whose helpers have bodies of several statements, inlined where called: a struct's method with
/// locals, branches, loops (a break, a return inside) called on a struct value; local functions with loops; void local
/// functions that update the method's locals (with early returns); ref and out parameters. Inside support every gradient
/// matches central differences; just outside (recursion, a local function writing into an array argument that is no local array (a new one), a struct
/// method writing its own members, a ref argument that is an array element, a goto) it is an ADG0003 at the call and no
/// code (<see cref="ProgramBatch.Judge"/>).
/// </summary>
public class InlinedBodyPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad);

    [Fact]
    public void RandomInlinedBodies_MatchCentralDifferences_OrAreDiagnosedAtTheCall()
    {
        int count = int.TryParse(Environment.GetEnvironmentVariable("AUTODIFFGEN_INLINED_COUNT"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : 80;
        var random = new Random(20261202);
        var all = Enumerable.Range(0, count).Select(i => Next(random, i, i % 5 == 4)).ToList();
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(Source(all)), Header, all, p => (p.Name, p.Text, p.Bad));
        var cleanRun = GeneratorHarness.RunForLoad(Source(clean));
        Assert.True(cleanRun.Diagnostics.IsEmpty && !cleanRun.CompileDiagnostics.Any(d => d.Location.SourceTree?.FilePath != "User0.cs"), cleanRun.Dump());
        var type = GeneratorHarness.Load(cleanRun).GetType("Inlined")!;
        int points = ProgramBatch.CheckAtThreePoints(type, clean.Select(p => (p.Name, p.Text)), () => new object[] { Math.Round((random.NextDouble() * 3) - 1.5, 4), Math.Round((random.NextDouble() * 3) - 1.5, 4), random.Next(4) });
        output.WriteLine($"{count} programs: {clean.Count} generated, {points} points checked, {count - clean.Count} diagnosed");
        Assert.True(clean.Count > count / 2 && points == 3 * clean.Count && clean.Count < count);
    }

    private static Program Next(Random random, int index, bool outside)
    {
        string name = "P" + index.ToString(CultureInfo.InvariantCulture);
        string s = "S" + index.ToString(CultureInfo.InvariantCulture);
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Value(string a, string b) => Pick(a + " * " + b, "Math.Sin(" + a + ") * " + b, a + " * " + b + " + 1", "Math.Exp(0.3 * " + a + ")", a + " / (1 + " + b + " * " + b + ")");

        // A struct method of several statements over X, Y and k.
        string StructBody() => random.Next(4) switch
        {
            0 => "double u = " + Value("X", "k") + "; u += " + Value("Y", "Y") + "; return u * X;",
            1 => "if (X > k) return " + Value("X", "Y") + "; double u = Y + k; return u * u;",
            2 => "double u = 0; for (int i = 0; i < 3; i++) { u += " + Value("X", "k") + "; if (u > 2) break; } return u + Y;",
            _ => "for (int i = 0; i < 3; i++) { if (X * i > k) return Y * i + X; } return " + Value("X", "k") + ";",
        };
        string method = "public double M(double k) { " + StructBody() + " }";
        string structCall = "p.M(" + Pick("x", "y * y", "0.5") + ")";

        // Local functions of the method: a loop, a void writer with an early return, ref and out parameters.
        var pieces = new List<string>();
        var uses = new List<string>();
        if (random.Next(2) == 0)
        {
            pieces.Add("double L(double t) { double u = 0; for (int i = 0; i <= n; i++) { u += " + Value("t", "y") + "; " + Pick("", "if (u > 3) return u * t;") + " } return u; }");
            uses.Add(Pick("L(x)", "L(x * y) + L(y)"));
        }
        if (random.Next(2) == 0)
        {
            pieces.Add("void W(double t) { if (t > " + Pick("1", "0", "-0.5") + ") return; s += " + Value("t", "y") + "; q *= 1 + 0.1 * t; }");
            uses.Add(Pick("W(x)", "W(y)", "for (int j = 0; j < n; j++) W(x - 0.2 * j)") + ";");
        }
        if (random.Next(2) == 0)
        {
            pieces.Add("void R(ref double a, double t) { a = a * t + " + Value("y", "a") + "; }");
            uses.Add(Pick("R(ref s, x);", "for (int j = 0; j < n; j++) R(ref q, x);", "double w = x; R(ref w, y); s += w;"));
        }
        if (random.Next(2) == 0)
        {
            pieces.Add("void O(double t, out double a) { a = t * t; if (t > 0) a += y; }");
            uses.Add(Pick("O(x, out double o); s += o;", "O(x * y, out var o); q += o * x;"));
        }
        string? bad = null;
        if (outside)
        {
            switch (random.Next(5))
            {
                case 0:
                    pieces.Add("double F(double t, int m) { if (m <= 0) return t * y; return F(t * 0.5, m - 1) + t; }");
                    uses.Add("s += F(x, n);");
                    bad = "F(t * 0.5, m - 1)";
                    break;
                case 1:
                    pieces.Add("void Put(double[] a, double v) { a[0] = v; }");
                    // Put(arr, x) on a local array is supported since idioms13b (PlainHelpers/ArrayWritingHelperTests): an array
                    // argument the function cannot stand for, a new array, is not.
                    uses.Add("Put(new double[1], x); s += x;");
                    bad = "new double[1]";
                    break;
                case 2:
                    // Its value read is supported since objects6 (Objects/MutatingValueTests); on some paths only it is not.
                    method = "public double M(double k) { X += k; return X * Y; }";
                    structCall = "(x > 0 ? p.M(x) : 0.0)";
                    bad = "p.M(x)";
                    break;
                case 3:
                    pieces.Add("void R2(ref double a, double t) { a += t * y; }");
                    // (An element of a double[] by ref is the slot itself since idioms15a; a 2-D one is still refused.)
                    uses.Add("var arr2 = new double[2, 1]; R2(ref arr2[0, 0], x); s += arr2[0, 0];");
                    bad = "ref arr2[0, 0]";
                    break;
                default:
                    pieces.Add("double G(double t) { int i = 0; again: t *= y; if (++i < 2) goto again; return t; }");
                    uses.Add("s += G(x);");
                    bad = "G(x)";
                    break;
            }
        }
        var text = new StringBuilder();
        text.Append("    public struct ").Append(s).Append("\n    {\n        public double X;\n        public double Y;\n");
        text.Append("        public ").Append(s).Append("(double x, double y) { X = x; Y = y; }\n");
        text.Append("        ").Append(method).Append("\n    }\n\n");
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double x, double y, int n)\n    {\n");
        text.Append("        double s = 0, q = 1;\n");
        foreach (var piece in pieces) text.Append("        ").Append(piece).Append('\n');
        text.Append("        var p = new ").Append(s).Append("(x, y);\n");
        text.Append("        s += ").Append(structCall).Append(";\n");
        foreach (var use in uses) text.Append("        ").Append(use.EndsWith(';') ? use : "s += " + use + ";").Append('\n');
        text.Append("        return s + q;\n    }\n");
        return new Program(name, text.ToString(), bad);
    }

    private const string Header = "using System;\nusing AutoDiffGen;\n\npublic static partial class Inlined\n{\n";

    private static string Source(List<Program> programs) => ProgramBatch.Source(Header, programs.Select(p => p.Text));
}
