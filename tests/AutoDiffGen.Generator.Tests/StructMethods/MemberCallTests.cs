using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.StructMethods;

/// <summary>
/// Instance members as people (and Clad's test/Gradient/MemberFunctions.C) write them: a struct's [Differentiable] method
/// without WithRespectToThis called on a struct value (its Backward has no dThis, so its body is inlined where called, as
/// a plain method's is), such a call on 'this' inside a body being inlined (opted in or not), the struct's own operator
/// ++/-- and compound assignments (v += k, v *= k with an operator of several statements that writes its parameter),
/// and an instance helper that only reads its object's readonly fields (Math.NET's LinearSpline.LeftSegmentIndex, a
/// binary search of _x) whose int result is piecewise constant. Each is checked against central differences, by hand,
/// and by random programs inside support and just outside it.
/// </summary>
public class MemberCallTests(ITestOutputHelper output)
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public partial struct V
        {
            public double X, Y;
            public V(double x, double y) { X = x; Y = y; }
            [Differentiable] public double M(double k) { double u = X * k; if (u > 1) u = Math.Sin(u); return u + Y * Y; }
            public double Twice(double k) => 2 * M(k) + X;
            [Differentiable(WithRespectToThis = true)] public double Norm() => Math.Sqrt(X * X + Y * Y);
            public double NormTwice() => 2 * Norm();
            public static V operator ++(V s) => new V(s.X + 1, s.Y * 2);
            public static V operator --(V s) { s.Y -= 1; s.X *= s.Y; return s; }
            public static V operator -(V a, V b) => new V(a.X - b.X, a.Y * b.Y);
            public static V operator *(V a, double k) { a.X *= k; a.Y += k; return a; }
        }

        public static partial class Members
        {
            [Differentiable] public static double NotOptedIn(double x, double y) { var p = new V(x, y); return p.M(y); }
            [Differentiable] public static double ConstantReceiver(double x) { var p = new V(0.5, 2); return p.M(x); }
            [Differentiable] public static double ThroughPlainMethod(double x, double y) { var p = new V(x, y); return p.Twice(y); }
            [Differentiable] public static double OptedInOnThis(double x, double y) { var p = new V(x, y); return p.NormTwice(); }
            [Differentiable] public static double Operators(double x, double y) { var p = new V(x, y); p++; p--; --p; p -= new V(y, x); p *= x; return p.X * p.Y; }
            [Differentiable] public static double InALoop(double x, double y) { var p = new V(x, y); double s = 0; for (int i = 0; i < 3; i++) { p++; s += p.M(x); } return s; }
            [Differentiable] public static double OnAParameter(V p, double y) { p *= y; return p.M(y); }
        }

        public partial class LinearSpline
        {
            readonly double[] _x;
            readonly double[] _c0;
            readonly double[] _c1;

            public LinearSpline(double[] x, double[] c0, double[] c1)
            {
                if ((x.Length != c0.Length + 1 && x.Length != c0.Length) || x.Length != c1.Length + 1 && x.Length != c1.Length)
                {
                    throw new ArgumentException("All vectors must have the same dimensionality.");
                }

                _x = x;
                _c0 = c0;
                _c1 = c1;
            }

            [Differentiable]
            public double Interpolate(double t)
            {
                int k = LeftSegmentIndex(t);
                return _c0[k] + (t - _x[k])*_c1[k];
            }

            [Differentiable]
            public double Squared(double t) => Interpolate(t) * Interpolate(t) + Math.Sin(t) * Segments(t);

            int Segments(double t) => LeftSegmentIndex(t) + 1;

            int LeftSegmentIndex(double t)
            {
                int index = Array.BinarySearch(_x, t);
                if (index < 0)
                {
                    index = ~index - 1;
                }

                return Math.Min(Math.Max(index, 0), _x.Length - 2);
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Method(string name) => Compiled.Value.GetType("Members")!.GetMethod(name)!;

    [Theory]
    [InlineData("NotOptedIn", 0.3, 1.2)]
    [InlineData("NotOptedIn", 1.5, -0.7)]
    [InlineData("ThroughPlainMethod", 0.4, 0.9)]
    [InlineData("ThroughPlainMethod", 2.0, 1.1)]
    [InlineData("OptedInOnThis", 0.6, -1.3)]
    [InlineData("Operators", 0.7, 1.4)]
    [InlineData("Operators", -0.4, 0.3)]
    [InlineData("InALoop", 0.2, 0.8)]
    [InlineData("InALoop", 0.9, -0.5)]
    public void MatchesCentralDifferences(string name, double x, double y) => CentralDifferenceRunner.Check(Method(name), null, new object[] { x, y });

    [Fact]
    public void NotOptedIn_ByHand()
    {
        // x·y ≤ 1: u = x·y, f = x·y + y², df/dx = y, df/dy = x + 2y.
        double x = 0.3, y = 1.2;
        var r = CentralDifferenceRunner.Check(Method("NotOptedIn"), null, new object[] { x, y });
        Tolerance.AssertFormula(y, r.Gradient[0]![0], "d/dx");
        Tolerance.AssertFormula(x + (2 * y), r.Gradient[1]![0], "d/dy");
        // A constant receiver (0.5, 2): f = 0.5x + 4 for 0.5x ≤ 1, sin(0.5x) + 4 above.
        var c = CentralDifferenceRunner.Check(Method("ConstantReceiver"), null, new object[] { 1.0 });
        Tolerance.AssertFormula(0.5, c.Gradient[0]![0], "d/dx, constant receiver");
        var c3 = CentralDifferenceRunner.Check(Method("ConstantReceiver"), null, new object[] { 3.0 });
        Tolerance.AssertFormula(0.5 * Math.Cos(1.5), c3.Gradient[0]![0], "d/dx, constant receiver, sin branch");
    }

    [Fact]
    public void Operators_ByHand()
    {
        // p++: (x+1, 2y); p--: (( x+1)(2y-1), 2y-1); --p: ((x+1)(2y-1)(2y-2), 2y-2); p -= (y, x): (X - y, (2y-2)x); p *= x: (X·x, Y + x).
        double x = 0.7, y = 1.4;
        var r = CentralDifferenceRunner.Check(Method("Operators"), null, new object[] { x, y });
        double a = (x + 1) * ((2 * y) - 1) * ((2 * y) - 2), px = (a - y) * x, py = (((2 * y) - 2) * x) + x;
        double dadx = ((2 * y) - 1) * ((2 * y) - 2), dady = (x + 1) * ((2 * ((2 * y) - 2)) + (2 * ((2 * y) - 1)));
        double dpxdx = (dadx * x) + (a - y), dpxdy = (dady - 1) * x, dpydx = (2 * y) - 2 + 1, dpydy = 2 * x;
        Tolerance.AssertFormula((dpxdx * py) + (px * dpydx), r.Gradient[0]![0], "d/dx");
        Tolerance.AssertFormula((dpxdy * py) + (px * dpydy), r.Gradient[1]![0], "d/dy");
    }

    [Fact]
    public void StructParameter_WithItsOwnCompoundOperator()
    {
        var v = Compiled.Value.GetType("V")!;
        var p = Activator.CreateInstance(v, 0.4, 0.6)!;
        var r = CentralDifferenceRunner.Check(Method("OnAParameter"), null, new object[] { p, 1.3 });
        // p *= y: (X·y, Y + y); M(y): u = X·y² (0.676 ≤ 1), f = X·y² + (Y + y)².
        double y = 1.3;
        Tolerance.AssertFormula(y * y, r.Gradient[0]![0], "d/dp.X");
        Tolerance.AssertFormula(2 * (0.6 + y), r.Gradient[0]![1], "d/dp.Y");
        Tolerance.AssertFormula((2 * 0.4 * y) + (2 * (0.6 + y)), r.Gradient[1]![0], "d/dy");
    }

    [Theory]
    [InlineData(0.35)]
    [InlineData(1.7)]
    [InlineData(2.95)]
    public void LinearSpline_AsMathNetWritesIt(double t)
    {
        var xs = new[] { 0.0, 0.5, 1.2, 2.0, 3.1 };
        var c0 = new[] { 1.0, -0.5, 2.5, 0.3 };
        var c1 = new[] { -3.0, 4.285714, -2.75, 3.363636 };
        var spline = Activator.CreateInstance(Compiled.Value.GetType("LinearSpline")!, xs, c0, c1)!;
        var type = spline.GetType();
        var r = CentralDifferenceRunner.Check(type.GetMethod("Interpolate")!, spline, new object[] { t });
        int k = ~Array.BinarySearch(xs, t) - 1;
        Tolerance.AssertFormula(c1[k], r.Gradient[0]![0], "d/dt = the segment's slope");
        var s = CentralDifferenceRunner.Check(type.GetMethod("Squared")!, spline, new object[] { t });
        double value = c0[k] + ((t - xs[k]) * c1[k]);
        Tolerance.AssertFormula((2 * value * c1[k]) + (Math.Cos(t) * (k + 1)), s.Gradient[0]![0], "d/dt of f² + sin(t)·(k + 1)");
    }

    /// <summary>
    /// An instance helper that could carry the value on, or whose result could change under the caller, stays ADG0016 at
    /// the argument: it writes a field, reads a field that is not readonly, is virtual (another body may run), or calls
    /// a method on another object.
    /// </summary>
    [Theory]
    [InlineData("int Seg(double t) { _last = t; return t > 0 ? 1 : 0; }")]
    [InlineData("int Seg(double t) => t > _mutable ? 1 : 0;")]
    [InlineData("protected virtual int Seg(double t) => t > _x[0] ? 1 : 0;")]
    [InlineData("int Seg(double t) => _other.Count(t);")]
    public void InstanceHelper_ThatIsNotPure_StaysAnError(string helper)
    {
        string source = """
            using System;
            using AutoDiffGen;
            public class Other { public double Seen; public int Count(double t) { Seen = t; return 1; } }
            public partial class Spline
            {
                readonly double[] _x = { 0.0, 1.0 };
                readonly Other _other = new Other();
                double _last;
                double _mutable = 0.5;
                public double Last => _last;
                [Differentiable] public double F(double t) => t * t * Seg(t);

            """ + helper + "\n}\n";
        var result = GeneratorHarness.Run(source);
        var found = result.Diagnostics.Where(d => d.Id == "ADG0016").ToList();
        Assert.True(found.Count > 0, "expected ADG0016\n" + result.Dump());
        Assert.Contains(found, d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == "t");
        Assert.DoesNotContain(result.Generated.Values, s => s.Contains("FBackward", StringComparison.Ordinal));
    }

    private const string ModelSource = """
        using System;
        using AutoDiffGen;

        public partial class Model
        {
            public double W = 0.5, B = 0.1;
            public double[] V = { 0.3, -0.2 };
            const double Scale = 2;
            double Predict(double x) => W * x + B;
            double Twice(double x) { double p = Predict(x); for (int i = 0; i < V.Length; i++) p += V[i] * x; return p * Scale; }
            [Differentiable(WithRespectToThis = true)] public double Loss([NoDiff] double x, [NoDiff] double y) { double r = Twice(x) - y; return r * r; }
            [Differentiable] public double Plain(double x) => Math.Sin(Predict(x)) * Twice(x * x);
        }
        """;

    private static readonly Lazy<Assembly> ModelCompiled = new(() => GeneratorHarness.CompileAndLoad(ModelSource));

    [Theory]
    [InlineData(0.8, 1.5)]
    [InlineData(-1.2, 0.3)]
    public void PlainHelperOnThis_UnderWithRespectToThis(double x, double y)
    {
        var type = ModelCompiled.Value.GetType("Model")!;
        var model = Activator.CreateInstance(type)!;
        object Zero()
        {
            // The field initializers give a new Model W = 0.5, …: dThis must start at zero.
            var zero = Activator.CreateInstance(type)!;
            type.GetField("W")!.SetValue(zero, 0.0);
            type.GetField("B")!.SetValue(zero, 0.0);
            type.GetField("V")!.SetValue(zero, new double[2]);
            return zero;
        }
        var args = State.StateCheck.Members(model, "Loss", new object[] { x, y }, Zero);
        // r = 2(Wx + B + V·x·1) − y: dL/dW = 2r·2x, dL/dB = 2r·2, dL/dV[i] = 2r·2x.
        double r = (2 * ((0.5 * x) + 0.1 + (0.1 * x))) - y;
        var grad = args[^2]!;
        Tolerance.AssertFormula(4 * r * x, (double)type.GetField("W")!.GetValue(grad)!, "dW");
        Tolerance.AssertFormula(4 * r, (double)type.GetField("B")!.GetValue(grad)!, "dB");
        Tolerance.AssertFormula(4 * r * x, ((double[])type.GetField("V")!.GetValue(grad)!)[1], "dV[1]");
    }

    [Theory]
    [InlineData(0.4)]
    [InlineData(-1.1)]
    public void PlainHelperOnThis_WithoutTheOptIn(double x)
    {
        var type = ModelCompiled.Value.GetType("Model")!;
        var model = Activator.CreateInstance(type)!;
        var r = CentralDifferenceRunner.Check(type.GetMethod("Plain")!, model, new object[] { x });
        // sin(0.5x + 0.1) · 2(0.6x² + 0.1).
        double a = (0.5 * x) + 0.1, b = 2 * ((0.6 * x * x) + 0.1);
        Tolerance.AssertFormula((0.5 * Math.Cos(a) * b) + (Math.Sin(a) * 2.4 * x), r.Gradient[0]![0], "d/dx");
    }

    /// <summary>A helper on this that calls itself, or writes the object's members: ADG0003 at the call, no code.</summary>
    [Theory]
    [InlineData("double H(double x) => x > 3 ? x : H(x + 1) * W;", "H(x + 1)")]
    [InlineData("double H(double x) { W = x; return x; }", "H(x)")]
    public void PlainHelperOnThis_OutsideSupport(string helper, string span)
    {
        var result = GeneratorHarness.Run("using System;\nusing AutoDiffGen;\npublic partial class C\n{\n    public double W = 0.5;\n    " + helper
            + "\n    [Differentiable] public double F(double x) => H(x) * x;\n}\n");
        var errors = result.Diagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count > 0 && errors.All(d => d.Id == "ADG0003"), result.Dump());
        Assert.Contains(errors, d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == span);
        Assert.DoesNotContain(result.Generated.Values, g => g.Contains("FBackward", StringComparison.Ordinal));
    }

    private sealed record Program(string Name, string Text, string? Bad);

    /// <summary>
    /// Random structs with a [Differentiable] method (no WithRespectToThis) of one or several statements, a plain method
    /// calling it on this, their own operators ++, -- and * (expression or statement bodies writing their parameter), used
    /// on a struct local in straight code and loops. Inside support the gradients match central differences; just outside
    /// (an operator that uses itself, a method that calls itself, a method writing its own members) it is an ADG0003 at
    /// the construct and no code.
    /// </summary>
    [Fact]
    public void RandomMemberPrograms_MatchCentralDifferences_OrAreDiagnosedAtTheConstruct()
    {
        int count = int.TryParse(Environment.GetEnvironmentVariable("AUTODIFFGEN_MEMBERS_COUNT"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : 40;
        var random = new Random(20261202);
        var all = Enumerable.Range(0, count).Select(i => Next(random, i, i % 5 == 4)).ToList();
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(Batch(all)), Header, all, p => (p.Name, p.Text, p.Bad));
        var cleanRun = GeneratorHarness.RunForLoad(Batch(clean));
        Assert.True(cleanRun.Diagnostics.IsEmpty && !cleanRun.CompileDiagnostics.Any(d => d.Location.SourceTree?.FilePath != "User0.cs"), cleanRun.Dump());
        var type = GeneratorHarness.Load(cleanRun).GetType("RandomMembers")!;
        int points = ProgramBatch.CheckAtThreePoints(type, clean.Select(p => (p.Name, p.Text)), () => new object[] { Math.Round((random.NextDouble() * 2) - 1, 4), Math.Round((random.NextDouble() * 2) - 1, 4) });
        output.WriteLine($"{count} programs: {clean.Count} generated, {points} points checked, {count - clean.Count} diagnosed");
        Assert.True(clean.Count > count / 2 && points == 3 * clean.Count && clean.Count < count);
    }

    private static Program Next(Random random, int index, bool outside)
    {
        string name = "P" + index.ToString(CultureInfo.InvariantCulture);
        string s = "S" + index.ToString(CultureInfo.InvariantCulture);
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Value(string a, string b) => Pick(a + " * " + b, "Math.Sin(" + a + ") * " + b, a + " * " + b + " + 1", "Math.Exp(0.3 * " + a + ")", a + " / (1 + " + b + " * " + b + ")");

        string method = random.Next(3) switch
        {
            0 => "[Differentiable] public double M(double k) => " + Value("X", "k") + " + " + Value("Y", "X") + " * k;",
            1 => "[Differentiable] public double M(double k) { double u = " + Value("X", "k") + "; if (u > Y) u = " + Value("Y", "u") + "; return u + X * k; }",
            _ => "[Differentiable] public double M(double k) { double u = 0; for (int i = 0; i < 2; i++) u += " + Value("X", "k") + " * i + Y * k; return u; }",
        };
        var operators = new List<string>
        {
            "public static " + s + " operator ++(" + s + " a) " + Pick("=> new " + s + "(a.X + 1, a.Y * 0.5);", "{ a.X += a.Y; return a; }"),
            "public static " + s + " operator --(" + s + " a) " + Pick("=> new " + s + "(a.Y, a.X - 0.5);", "{ a.Y -= 0.25; a.X *= a.Y; return a; }"),
            "public static " + s + " operator *(" + s + " a, double k) " + Pick("=> new " + s + "(a.X * k, a.Y + k);", "{ a.X *= k; a.Y = " + Value("a.Y", "k") + "; return a; }"),
        };
        string plain = "public double Twice(double k) => 2 * M(k) + Y;";
        // M reaches a plain helper on this in half the programs: in M's own Backward it is inlined on the object, in P on the receiver.
        string helper = "double H(double k) => " + Value("Y", "k") + ";";
        if (random.Next(2) == 0) method = method.Replace("return u", "return H(k) + u", StringComparison.Ordinal).Replace(" * k;", " * k + H(k);", StringComparison.Ordinal);
        var uses = new List<string>();
        for (int u = 0; u < 3; u++)
        {
            uses.Add(Pick("p++;", "++p;", "p--;", "--p;", "p *= " + Pick("x", "y", "0.5") + ";", "s += p.M(" + Pick("x", "y", "0.5") + ");", "s += p.Twice(" + Pick("x", "y") + ");",
                "for (int i = 0; i < 2; i++) { p++; s += p.M(x); }", "if (x > y) p *= y; else --p;"));
        }
        string? bad = null;
        if (outside)
        {
            switch (random.Next(3))
            {
                case 0:
                    operators[2] = "public static " + s + " operator *(" + s + " a, double k) => k > 3 ? a : a * (k + 1);";
                    uses.Add("p *= x;");
                    bad = "a * (k + 1)";
                    break;
                case 1:
                    plain = "public double Twice(double k) => k > 2 ? X : Twice(k + 1) * Y;";
                    uses.Add("s += p.Twice(x);");
                    bad = "Twice(k + 1)";
                    break;
                default:
                    plain = "public double Twice(double k) { X += k; return X * Y; }";
                    uses.Add("s += p.Twice(x);");
                    bad = "p.Twice(x)";
                    break;
            }
        }
        var text = new StringBuilder();
        text.Append("    public partial struct ").Append(s).Append("\n    {\n        public double X;\n        public double Y;\n");
        text.Append("        public ").Append(s).Append("(double x, double y) { X = x; Y = y; }\n");
        text.Append("        ").Append(method).Append('\n');
        text.Append("        ").Append(plain).Append('\n');
        text.Append("        ").Append(helper).Append('\n');
        foreach (var o in operators) text.Append("        ").Append(o).Append('\n');
        text.Append("    }\n\n");
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double x, double y)\n    {\n");
        text.Append("        double s = 0;\n        var p = new ").Append(s).Append("(x, y);\n");
        foreach (var use in uses) text.Append("        ").Append(use).Append('\n');
        text.Append("        return s + p.X * p.Y;\n    }\n");
        return new Program(name, text.ToString(), bad);
    }

    private const string Header = "using System;\nusing AutoDiffGen;\n\npublic static partial class RandomMembers\n{\n";

    private static string Batch(List<Program> programs) => ProgramBatch.Source(Header, programs.Select(p => p.Text));
}
