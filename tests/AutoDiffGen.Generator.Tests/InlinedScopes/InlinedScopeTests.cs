using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.InlinedScopes;

/// <summary>
/// Every kind of inlined body (a struct constructor's, a local function's, a lambda local's, a plain instance helper's,
/// a struct operator's, a struct method's, an inlined [Differentiable] callee's) inlined inside a loop and again after
/// the loop, in one arm of a branch, in both arms, and after nested loops: the body's parameters and locals are out of
/// scope after each inlining, so no merge after the loop reads a value from inside it. Checked against central
/// differences and by hand.
/// </summary>
public class InlinedScopeTests
{
    /// <summary>Each kind: the statement that declares it in the method (or none) and the call, with {0} its argument.</summary>
    internal static readonly (string Kind, string Prelude, string Call)[] Kinds =
    {
        ("Ctor", "", "new C2(w, {0}).P"),
        ("Local", "double F(double k) { double t = k * w; if (k > 0.5) t += k; return t * k + t; }", "F({0})"),
        ("Lambda", "Func<double, double> g = k => { double t = k * w; if (k > 0.5) t += k; return t * k + t; };", "g({0})"),
        ("Helper", "", "w * H({0})"),
        ("Operator", "var a = new V2(w, 0.5);", "(a % {0})"),
        ("Method", "var a = new V2(w, 0.5);", "a.M({0})"),
        ("Callee", "", "G(w, {0})"),
    };

    /// <summary>Each shape: a method body with {F} for a call (argument {A}) in the loop and after it.</summary>
    internal static readonly (string Shape, string Body)[] Shapes =
    {
        ("OneArm", "double s = 0.3; for (int i = 0; i < 3; i++) s += 0.25 * s * {F:0.5 * x}; if (x > 0) s += {F:y}; else s += y; return s;"),
        ("BothArms", "double s = 0.3; for (int i = 0; i < 3; i++) s += 0.25 * s * {F:0.5 * x}; if (x > 0) s += {F:y}; else s -= {F:x * y}; return s;"),
        ("Nested", "double s = 0.3; for (int i = 0; i < 2; i++) for (int j = 0; j < 2; j++) s += 0.25 * s * {F:0.5 * x + j}; if (y > 0) s += {F:y}; return s;"),
        ("InnerBranch", "double s = 0.3; for (int i = 0; i < 3; i++) { if (i != 1) s += 0.25 * s * {F:0.5 * x}; } if (x > 0) { if (y > 0) s += {F:y}; } return s;"),
        ("WhileThenLoop", "double s = 0.3; int n = 0; while (n < 2) { s += 0.25 * s * {F:0.5 * x}; n++; } if (x > 0) s += {F:y}; for (int i = 0; i < 2; i++) s += {F:s * 0.1}; return s;"),
    };

    internal const string Header = """
        using System;
        using AutoDiffGen;

        public struct C2
        {
            public double P, Q;
            public C2(double a, double k) { Q = a / (1 + k * k); P = Q * k + a; }
        }

        public struct S1
        {
            public double V;
            public S1(double k) { V = k * k; }
        }

        public static partial class Hand
        {
            // x⁴ + y² when x > 0, else x⁴: each kind squares in the loop and again in one arm after it.
            [Differentiable] public static double Ctor(double x, double y) { double s = 1; for (int i = 0; i < 2; i++) s *= new S1(x).V; if (x > 0) s += new S1(y).V; return s; }
            [Differentiable] public static double Local(double x, double y) { double F(double k) { double t = k * k; return t; } double s = 1; for (int i = 0; i < 2; i++) s *= F(x); if (x > 0) s += F(y); return s; }
            [Differentiable] public static double Lambda(double x, double y) { Func<double, double> g = k => { double t = k * k; return t; }; double s = 1; for (int i = 0; i < 2; i++) s *= g(x); if (x > 0) s += g(y); return s; }
            // x² + 4y² + x: an in parameter passed a variable, then a value (which must not be written into that variable).
            [Differentiable] public static double InThenValue(double x, double y) { double F(in double k) { return k * k; } double a = x; double s = F(a); s += F(y * 2); return s + a; }
        }

        public struct V2
        {
            public double X, Y;
            public V2(double x, double y) { X = x; Y = y; }
            public static double operator %(V2 a, double k) { double t = a.X * k; if (k > 0.5) t += k; return t * k + t + a.Y; }
            public readonly double M(double k) { double t = X * k; if (k > 0.5) t += k; return t * k + t + Y; }
        }

        public partial class Scope
        {
            public double W = 1.0;
            private double H(double k) { double t = k * W; if (k > 0.5) t += k; return t * k + t; }
            [Differentiable] public static double G(double w, double k) { double t = k * w; if (k > 0.5) t += k; return t * k + t; }

        """;

    internal static string Method(string name, string prelude, string call, string body)
    {
        var text = new System.Text.StringBuilder();
        int at = 0;
        while (true)
        {
            int open = body.IndexOf("{F:", at, StringComparison.Ordinal);
            if (open < 0) break;
            int close = body.IndexOf('}', open);
            text.Append(body, at, open - at).Append(string.Format(System.Globalization.CultureInfo.InvariantCulture, call, "(" + body.Substring(open + 3, close - open - 3) + ")"));
            at = close + 1;
        }
        text.Append(body, at, body.Length - at);
        return "    [Differentiable] public double " + name + "(double x, double y) { double w = 1.0; " + prelude + " " + text + " }";
    }

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(
        Header + string.Join("\n", Kinds.SelectMany(k => Shapes.Select(s => Method(k.Kind + "_" + s.Shape, k.Prelude, k.Call, s.Body)))) + "\n}\n"));

    public static IEnumerable<object[]> Cases() =>
        Kinds.SelectMany(k => Shapes.SelectMany(s => new[] { new object[] { k.Kind + "_" + s.Shape, 0.7, 1.3 }, new object[] { k.Kind + "_" + s.Shape, -0.4, 0.8 }, new object[] { k.Kind + "_" + s.Shape, 0.9, -0.6 } }));

    [Theory]
    [InlineData("Ctor")]
    [InlineData("Local")]
    [InlineData("Lambda")]
    public void ByHand(string name)
    {
        var method = Compiled.Value.GetType("Hand")!.GetMethod(name)!;
        foreach (var (x, y) in new[] { (0.7, 1.3), (-0.4, 0.8) })
        {
            var r = CentralDifferenceRunner.Check(method, null, new object[] { x, y });
            Tolerance.AssertFormula(4 * x * x * x, r.Gradient[0]![0], name + " d/dx");
            Tolerance.AssertFormula(x > 0 ? 2 * y : 0, r.Gradient[1]![0], name + " d/dy");
        }
    }

    [Fact]
    public void InParameter_PassedAVariableThenAValue_ByHand()
    {
        var r = CentralDifferenceRunner.Check(Compiled.Value.GetType("Hand")!.GetMethod("InThenValue")!, null, new object[] { 0.6, -0.9 });
        Tolerance.AssertFormula((2 * 0.6) + 1, r.Gradient[0]![0], "d/dx");
        Tolerance.AssertFormula(8 * -0.9, r.Gradient[1]![0], "d/dy");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesCentralDifferences(string name, double x, double y)
    {
        var type = Compiled.Value.GetType("Scope")!;
        CentralDifferenceRunner.Check(type.GetMethod(name)!, Activator.CreateInstance(type), new object[] { x, y });
    }
}
