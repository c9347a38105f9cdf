using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Natural18;

/// <summary>
/// Property test of natural18's second fix: an instance method of a class calls a plain instance helper of the same object
/// that returns a tuple of reals and reads the object's members (natural18's two-link arm: <c>var (x, y) = Tip(s, e);</c>
/// with the arm's lengths as get-only properties), deconstructed into new or existing locals, kept in a tuple local, or read
/// by element, in loops and under ifs. The object is a constant (no WithRespectToThis), so its members are read where they
/// are. Every gradient matches central differences, MForward the gradient along a random tangent and MHessian central
/// differences of the gradient (ModeChecks, through static wrappers of one instance). One in five calls a virtual tuple
/// helper, whose body an override may replace: ADG0003 at the call and no code. CI runs 30 programs;
/// AUTODIFFGEN_THIS_TUPLES_COUNT runs more.
/// </summary>
public class ThisTupleHelperPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad);

    private const string Header = """
        using System;
        using AutoDiffGen;

        public partial class Rig
        {
            public static readonly Rig One = new Rig(1.3, 0.4);
            private readonly double _bias;
            public Rig(double scale, double bias) { Scale = scale; _bias = bias; }
            public double Scale { get; }
            (double A, double B) Pair(double u, double v) => (Scale * u * v, u - _bias * v);
            (double X, double Y) Polar(double r, double t)
            {
                double c = Math.Cos(t);
                return (r * c, r * Math.Sin(t) + Scale);
            }
            (double, double, double) Three(double u) => (u, u * u, Scale * u);
            protected virtual (double A, double B) Virt(double u, double v) => (u * v, u + v);

        """;

    [Fact]
    public void ThisTupleHelpers_MatchCentralDifferencesInEveryMode_OrAnErrorAtTheCall()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_THIS_TUPLES_COUNT", 30);
        var random = new Random(2026_12_05_81);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "T" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4)).ToList();
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(ProgramBatch.Source(Header, all.Select(p => p.Text))), Header, all, p => (p.Name, p.Text, p.Bad), "ADG0003,ADG0002");
        // Static wrappers of Rig.One's generated methods, in the shapes ModeChecks calls (name, nameBackward, nameForward, nameH).
        var withWrappers = clean.Select(p => (Name: p.Name + "S", Text: p.Text + Wrappers(p.Name))).ToList();
        var type = ProgramBatch.LoadClean(Header, withWrappers.Select(p => p.Text), "Rig");
        int points = ModeChecks.AtThreePoints(type, withWrappers, () => ProgramBatch.PointXYK(random), random);
        ProgramBatch.AssertCounts(count, all.Count(p => p.Bad is not null), clean.Count, points, output.WriteLine);
    }

    private static string Wrappers(string name) =>
        "    public static double " + name + "S(double x, double y, int k) => One." + name + "(x, y, k);\n" +
        "    public static double " + name + "SBackward(double x, double y, int k, ref double dX, ref double dY, double dResult) => One." + name + "Backward(x, y, k, ref dX, ref dY, dResult);\n" +
        "    public static double " + name + "SForward(double x, double y, int k, double tX, double tY, out double tResult) => One." + name + "Forward(x, y, k, tX, tY, out tResult);\n" +
        "    public static double[] " + name + "SH(double x, double y, int k) { var h = new double[4]; One." + name + "Hessian(x, y, k, h); return h; }\n";

    [Fact]
    public void TheArmsTip_ByHand()
    {
        // (X, Y) = (S u v, u − b v) with S = 1.3, b = 0.4; f = X·Y at (u, v) = (x, y): ∂f/∂x = S y (x − b y) + S x y,
        // ∂f/∂y = S x (x − b y) − b S x y.
        string source = Header + """
                [Differentiable]
                public double F(double x, double y)
                {
                    var (a, b) = Pair(x, y);
                    return a * b;
                }
                public static double FS(double x, double y) => One.F(x, y);
                public static double FSBackward(double x, double y, ref double dX, ref double dY, double dResult) => One.FBackward(x, y, ref dX, ref dY, dResult);
            }
            """;
        var type = GeneratorHarness.CompileAndLoad(source).GetType("Rig")!;
        double x = 0.7, y = -1.2, s = 1.3, bias = 0.4;
        var r = CentralDifferenceRunner.Check(type.GetMethod("FS")!, null, new object[] { x, y });
        Tolerance.AssertFormula((s * y * (x - (bias * y))) + (s * x * y), r.Gradient[0]![0], "∂/∂x");
        Tolerance.AssertFormula((s * x * (x - (bias * y))) - (bias * s * x * y), r.Gradient[1]![0], "∂/∂y");
    }

    private static Program Next(Random random, string name, bool outside)
    {
        int locals = 0;
        string Pick(params string[] options) => options[random.Next(options.Length)];
        // Each argument varies: a call of constants only is evaluated as written, and in Hessian mode an instance call of
        // constants is ADG0032 (it may give another value each time), which is not what this test is about.
        string Real() => Pick("x", "y", "x * y", "s * 0.5", "x + 0.3");
        string Fresh() => "t" + (locals++).ToString(CultureInfo.InvariantCulture);
        string Used()
        {
            string a = Fresh(), b = Fresh();
            return random.Next(5) switch
            {
                0 => "{ var (" + a + ", " + b + ") = Pair(" + Real() + ", " + Real() + "); s += " + a + " * " + b + "; }",
                1 => "{ (p, q) = Polar(" + Real() + ", " + Real() + "); s += 0.5 * p * q; }",
                2 => "{ var " + a + " = Pair(" + Real() + ", " + Real() + "); s += " + a + ".A - " + a + ".B * " + a + ".A; }",
                3 => "{ var (" + a + ", _, " + b + ") = Three(" + Real() + "); s += " + a + " * " + b + "; }",
                _ => "s += 0.3 * Polar(" + Real() + ", " + Real() + ").Y;",
            };
        }
        string Statement() => random.Next(4) switch
        {
            0 or 1 => Used(),
            2 => "if (" + Pick("x > y", "s > 0", "k > 1") + ") " + Used(),
            _ => "for (int i = 0; i < k; i++) " + Used(),
        };
        (string Bad, string Statement) Outside()
        {
            string call = "Virt(x, " + Pick("y", "s") + ")";
            return (call, "s += " + call + ".B;");
        }

        var text = new StringBuilder();
        text.Append("    [Differentiable(Forward = true, Hessian = true)]\n    public double ").Append(name).Append("(double x, double y, int k)\n    {\n");
        text.Append("        double s = x * 0.5 + y;\n        double p = 0, q = 1;\n");
        string? bad = ProgramBatch.AppendStatements(text, random, outside, Statement, Outside);
        text.Append("        return s + x * y + p * q;\n    }\n");
        return new Program(name, text.ToString(), bad);
    }
}
