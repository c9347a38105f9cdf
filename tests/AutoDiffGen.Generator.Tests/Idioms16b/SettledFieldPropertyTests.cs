using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Idioms16b;

/// <summary>
/// Property test of idioms16b item 1: random classes holding a Gaussian in a private field that is not readonly, set by
/// its initializer or by a constructor (reached through <c>: this(…)</c>), with a [Differentiable] method calling it
/// 2–4 times (in a loop, a branch, on <c>this.</c>), called on a new object by a static method; each must match central
/// differences at three points. One in five holds a form just outside: the field assigned by a method, not private, or of
/// a class whose state a method changes: ADG0003 at the marked call and no code for the method.
/// CI runs 30 programs; AUTODIFFGEN_IDIOMS16B_COUNT runs more.
/// </summary>
public class SettledFieldPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad, int BadAt);

    private const string Header = SettledFieldTests.Prelude + """
        public partial class Mutable
        {
            private double m_;
            public void Set(double m) { m_ = m; }
            [Differentiable] public double Value(double x) => Math.Exp(-(x - m_) * (x - m_));
        }

        public static partial class Idioms16bSettled
        {

        """;

    [Fact]
    public void SettledFieldReceivers_MatchCentralDifferences_OrAnErrorAtTheCall()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_IDIOMS16B_COUNT", 30);
        var random = new Random(20261205);
        var all = Enumerable.Range(0, count).Select(i => Next(random, i, outside: i % 5 == 2)).ToList();
        ProgramBatch.JudgeAtAndCheck(Header, "Idioms16bSettled", all.Select(p => (p.Name, p.Text, p.Bad, p.BadAt)).ToList(),
            () => new object[] { Math.Round((random.NextDouble() * 2) - 1, 4) }, output.WriteLine, "ADG0003,ADG0017");
    }

    private static Program Next(Random random, int i, bool outside)
    {
        string name = "Q" + i.ToString(CultureInfo.InvariantCulture), type = "C" + i.ToString(CultureInfo.InvariantCulture);
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Call() => Pick("g_", "this.g_") + ".Value(" + Pick("x", "x * 0.5", "t", "x - k_") + ")";
        string Statement() => random.Next(4) switch
        {
            0 => "t += " + Call() + ";",
            1 => "if (x > " + Pick("0", "-0.25") + ") t += " + Call() + "; else t -= 0.5 * " + Call() + ";",
            2 => "for (int i = 1; i <= 2; i++) t += i * " + Call() + ";",
            _ => "t = t * " + Call() + " + k_;",
        };

        int kind = outside ? random.Next(3) : -1;
        string field = kind switch
        {
            0 => "private N g_ = new N();\n    public void Reset() { g_ = new N(); }",
            1 => "internal N g_ = new N();",
            2 => "private Mutable g_ = new Mutable();",
            _ => Pick("private N g_ = new N();", "private N g_;"),
        };
        var text = new StringBuilder();
        text.Append("    public partial class ").Append(type).Append("\n    {\n        private double k_;\n        ").Append(field).Append('\n');
        text.Append("        public ").Append(type).Append("() : this(").Append(Pick("0.5", "1.5")).Append(") { }\n");
        text.Append("        public ").Append(type).Append("(double k) { k_ = k;").Append(field == "private N g_;" ? " g_ = new N(k - 1.0, k);" : "").Append(" }\n");
        text.Append("        [Differentiable]\n        public double F(double x)\n        {\n            double t = x;\n");
        const string Marked = "g_.Value(x + 0.25)";
        if (outside) text.Append("            t += ").Append(Marked).Append(";\n");
        for (int s = 1 + random.Next(3); s > 0; s--) text.Append("            ").Append(Statement()).Append('\n');
        text.Append("            return t;\n        }\n    }\n");
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double x) => new ").Append(type).Append("().F(x);\n");
        string written = text.ToString();
        return new Program(name, written, outside ? Marked : null, outside ? written.IndexOf(Marked, StringComparison.Ordinal) : -1);
    }
}
