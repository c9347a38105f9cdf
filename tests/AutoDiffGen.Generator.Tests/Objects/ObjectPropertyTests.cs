using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Objects;

/// <summary>
/// Random struct and object programs (issue 13 items 4 and 6): a struct of reals with methods that write its own members
/// (several statements, branches, an early return, a loop, one calling another on <c>this</c>, <c>this = …</c>), called as
/// statements on a local or a nested member, in loops and branches, with the members read before and after. Inside support every
/// gradient matches central differences. Just outside: such a method whose value is read on some paths only, one called through a ref local,
/// a class object written through a second name (ADG0007 at the write) or passed to a method that is not differentiated (ADG0003 at the
/// argument), and no code
/// (<see cref="ProgramBatch.Judge"/>).
/// </summary>
public class ObjectPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad);

    [Fact]
    public void RandomStructAndObjectPrograms_MatchCentralDifferences_OrAreDiagnosedAtTheExpression()
    {
        int count = int.TryParse(Environment.GetEnvironmentVariable("AUTODIFFGEN_OBJECTS_COUNT"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : 60;
        var random = new Random(20261203);
        var all = Enumerable.Range(0, count).Select(i => Next(random, i, i % 4 == 3)).ToList();
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(Source(all)), Header, all, p => (p.Name, p.Text, p.Bad), "ADG0003,ADG0007");
        var cleanRun = GeneratorHarness.RunForLoad(Source(clean));
        Assert.True(cleanRun.Diagnostics.IsEmpty && !cleanRun.CompileDiagnostics.Any(d => d.Location.SourceTree?.FilePath != "User0.cs"), cleanRun.Dump());
        var type = GeneratorHarness.Load(cleanRun).GetType("Objects")!;
        int points = ProgramBatch.CheckAtThreePoints(type, clean.Select(p => (p.Name, p.Text)), () => new object[] { Math.Round((random.NextDouble() * 3) - 1.5, 4), Math.Round((random.NextDouble() * 2) + 0.2, 4), random.Next(4) });
        output.WriteLine($"{count} programs: {clean.Count} generated, {points} points checked, {count - clean.Count} diagnosed");
        Assert.True(clean.Count > count / 2 && points == 3 * clean.Count && clean.Count < count);
    }

    private static Program Next(Random random, int index, bool outside)
    {
        string name = "P" + index.ToString(CultureInfo.InvariantCulture);
        string s = "S" + index.ToString(CultureInfo.InvariantCulture);
        string c = "C" + index.ToString(CultureInfo.InvariantCulture);
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Value(string a, string b) => Pick(a + " * " + b, "Math.Sin(" + a + ") * " + b, a + " * " + b + " + 1", "Math.Exp(0.3 * " + a + ")", a + " / (1 + " + b + " * " + b + ")");

        // Methods of the struct that write its members, and one that only reads them.
        var methods = new List<string>
        {
            "public void A(double k) { " + Pick("X *= k; Y += " + Value("X", "k") + ";", "this.X += " + Value("Y", "k") + ";", "double t = X; X = " + Value("Y", "k") + "; Y = t;") + " }",
            "public void B(double k) { " + Pick(
                "if (X > k) { X = " + Value("X", "Y") + "; return; } Y *= 1 + 0.1 * k;",
                "for (int i = 0; i < 2; i++) { X += " + Value("Y", "k") + "; if (X > 3) break; }",
                "A(k); Y -= " + Value("X", "0.5") + ";",
                "this = new " + s + "(Y + k, " + Value("X", "k") + ");") + " }",
            "public double R(double k) => " + Value("X", "k") + " + Y;",
        };
        var statements = new List<string>();
        for (int k = 0, m = 1 + random.Next(4); k < m; k++)
        {
            string receiver = Pick("p", "p", "h.In");
            string arg = Pick("x", "y", "0.5", "s");
            string call = receiver + "." + Pick("A", "B") + "(" + arg + ");";
            statements.Add(random.Next(4) switch
            {
                0 => "for (int i = 0; i < n; i++) " + call,
                1 => "if (" + Pick("x > 0", "p.X > y", "n > 1") + ") " + call + " else s += p.Y;",
                2 => "s += " + Pick("p.X", "p.R(y)", "h.In.Y") + "; " + call,
                _ => call,
            });
        }
        string? bad = null;
        string classes = "";
        if (outside)
        {
            methods.Add("public double Step(double k) { X += k; return X * Y; }");
            classes = "    public sealed class " + c + " { public double X; public double Y; }\n    private static double Use" + index.ToString(CultureInfo.InvariantCulture) + "(" + c + " o) => o.X;\n\n";
            switch (random.Next(4))
            {
                case 0:
                    // Its value read is supported (MutatingValueTests); evaluated on some paths only it is not.
                    statements.Add("s += x > 0 ? p.Step(x) : 0;");
                    bad = "p.Step(x)";
                    break;
                case 1:
                    statements.Add("ref " + s + " r = ref p; r.A(y);");
                    bad = "r.A(y)";
                    break;
                case 2:
                    // A second name is no longer refused (ValueClasses: the object is carried as its members); writing through it is.
                    statements.Add("var o = new " + c + " { X = x, Y = y }; var o2 = o; o2.X = y; s += o.X * o.Y;");
                    bad = "o2.X = y";
                    break;
                default:
                    statements.Add("var o = new " + c + " { X = x, Y = y }; s += Use" + index.ToString(CultureInfo.InvariantCulture) + "(o);");
                    bad = "o";
                    break;
            }
        }
        var text = new StringBuilder(classes);
        text.Append("    public struct ").Append(s).Append("\n    {\n        public double X;\n        public double Y;\n");
        text.Append("        public ").Append(s).Append("(double x, double y) { X = x; Y = y; }\n");
        foreach (var method in methods) text.Append("        ").Append(method).Append('\n');
        text.Append("    }\n\n    public struct H").Append(s).Append(" { public ").Append(s).Append(" In; public double W; }\n\n");
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double x, double y, int n)\n    {\n");
        text.Append("        double s = 0;\n");
        text.Append("        var p = new ").Append(s).Append("(x, ").Append(Pick("y", "x * y", "1")).Append(");\n");
        text.Append("        var h = new H").Append(s).Append(" { In = new ").Append(s).Append("(y, 0.5), W = x };\n");
        foreach (var statement in statements) text.Append("        ").Append(statement).Append('\n');
        text.Append("        return s + p.X * ").Append(Pick("p.Y", "h.In.X", "1")).Append(" + h.In.Y * h.W;\n    }\n");
        return new Program(name, text.ToString(), bad);
    }

    private const string Header = "using System;\nusing AutoDiffGen;\n\npublic static partial class Objects\n{\n";

    private static string Source(List<Program> programs) => ProgramBatch.Source(Header, programs.Select(p => p.Text));
}
