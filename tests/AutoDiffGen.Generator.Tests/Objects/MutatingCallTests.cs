using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Objects;

/// <summary>
/// Issue 13 item 4: a struct method that writes the struct's own members (<c>v.Scale(k);</c>, <c>this.X += d</c>, Clad's
/// RefMemFn), called as a statement on a struct local or parameter, is a write of that variable: the body is inlined with
/// <c>this</c> standing for the variable, so the reverse sweep reads the versions it overwrote. Checked against central
/// differences and by hand; the receivers C# would change a copy of, and a call whose value is used on some paths only, are ADG0003 at the call.
/// </summary>
public class MutatingCallTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public struct P2
        {
            public double X, Y;
            public P2(double x, double y) { X = x; Y = y; }
            public void Scale(double k) { X *= k; Y *= k; }
            public void Shift(double d) { this.X += d; }
            public void Rotate(double a) { double c = Math.Cos(a), s = Math.Sin(a); double x = X * c - Y * s; Y = X * s + Y * c; X = x; }
            public void Clamp(double m) { if (X > m) X = m; if (Y > m) { Y = m; return; } Y *= 2; }
            public void Normalize() { double n = Math.Sqrt(X * X + Y * Y); Scale(1 / n); }
            public void Reset(double x) { this = new P2(x, x * x); }
            public double Step(double k) { X += k * Y; return X; }
            public void Power(int n) { double x = X; for (int i = 1; i < n; i++) X *= x; }
            public readonly double Dot(P2 o) => X * o.X + Y * o.Y;
            public double M(double k) { double t = X; double u = Y / (1 + k * k); return t * u + t; }
            public void A(double k) { double t = X; X = Y / (1 + k * k); Y = t; }
        }

        public struct Body
        {
            public P2 Pos, Vel;
            public void Advance(double dt) { Pos.X += Vel.X * dt; Pos.Y += Vel.Y * dt; }
        }

        public static partial class Mutating
        {
            [Differentiable] public static double ScaleShift(double x, double y) { var v = new P2(x, y); v.Scale(3); v.Shift(x); return v.X * v.Y; }
            [Differentiable] public static double BeforeAndAfter(double x, double y) { var v = new P2(x, y); double before = v.X * v.Y; v.Scale(x); return before + v.X * v.Y; }
            [Differentiable] public static double Rotated(double x, double y) { var v = new P2(x, 1); v.Rotate(y); return v.X + 2 * v.Y; }
            [Differentiable] public static double Clamped(double x, double y) { var v = new P2(x * y, y); v.Clamp(1); return v.X * v.Y; }
            [Differentiable] public static double Normalized(double x, double y) { var v = new P2(x, y); v.Normalize(); return v.X + 2 * v.Y; }
            [Differentiable] public static double ResetThenShift(double x, double y) { var v = new P2(y, y); v.Reset(x); v.Shift(y); return v.X * v.Y; }
            [Differentiable] public static double ValueDiscarded(double x, double y) { var v = new P2(x, y); v.Step(2); v.Step(x); return v.X * v.Y; }
            [Differentiable] public static double InALoop(double x, double y) { var v = new P2(x, y); for (int i = 0; i < 3; i++) { v.Scale(0.5 + x); v.Shift(y); } return v.X + v.Y; }
            [Differentiable] public static double InABranch(double x, double y) { var v = new P2(x, y); if (x > 0) v.Scale(y); else v.Shift(y); return v.X * v.Y; }
            [Differentiable] public static double Powered(double x, double y) { var v = new P2(x, y); v.Power(3); return v.X + v.Dot(v); }
            [Differentiable] public static double NestedMember(double x, double y) { var b = new Body { Pos = new P2(x, y), Vel = new P2(y, 1) }; b.Pos.Scale(x); b.Advance(y); b.Vel.Shift(x); return b.Pos.X * b.Pos.Y + b.Vel.X; }
            // The same body inlined in a loop and again after it, in a branch: its local t and parameter k are out of scope
            // after each inlining (a phi of the loop's t after the loop made dT accumulate across iterations; found by ObjectPropertyTests).
            [Differentiable] public static double InlinedInALoopThenInABranch(double x, double y) { double s = 0; var p = new P2(x, 1); var h = new P2(y, 0.5); for (int i = 0; i < 3; i++) s += s * p.M(0.5 * x); if (x > 0) s += h.M(x); else s += p.Y; return s; }
            [Differentiable] public static double WrittenInALoopThenInABranch(double x, double y) { var p = new P2(x, 1); var h = new P2(y, 0.5); for (int i = 0; i < 3; i++) p.A(0.5 * y); if (x > 0) h.A(x); return p.X * p.Y + h.Y * x + h.X; }
            [Differentiable] public static double OnParameter(P2 p, double k) { p.Scale(k); p.Rotate(k); return p.X * p.Y; }
            [Differentiable(Forward = true)] public static double Tangent(double x, double y) { var v = new P2(x, y); v.Rotate(y); v.Scale(x); v.Clamp(2); for (int i = 0; i < 2; i++) v.Shift(y); return v.X * v.Y; }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Method(string name) => Compiled.Value.GetType("Mutating")!.GetMethod(name)!;

    [Theory]
    [InlineData("ScaleShift", 0.7, -1.3)]
    [InlineData("BeforeAndAfter", 0.7, -1.3)]
    [InlineData("Rotated", 0.4, 0.9)]
    [InlineData("Clamped", 0.5, 0.8)]
    [InlineData("Clamped", 2.0, 1.5)]
    [InlineData("Clamped", 3.0, 0.6)]
    [InlineData("Normalized", 0.6, -0.8)]
    [InlineData("ResetThenShift", 1.1, 0.4)]
    [InlineData("ValueDiscarded", 0.3, 1.7)]
    [InlineData("InALoop", 0.2, -0.6)]
    [InlineData("InABranch", 0.8, 1.2)]
    [InlineData("InABranch", -0.8, 1.2)]
    [InlineData("Powered", 0.9, 0.3)]
    [InlineData("NestedMember", 0.6, 1.4)]
    [InlineData("InlinedInALoopThenInABranch", 0.7, 1.3)]
    [InlineData("InlinedInALoopThenInABranch", -0.4, 0.8)]
    [InlineData("WrittenInALoopThenInABranch", 0.7, 1.3)]
    [InlineData("WrittenInALoopThenInABranch", -0.4, 0.8)]
    public void MatchesCentralDifferences(string name, double x, double y) => CentralDifferenceRunner.Check(Method(name), null, new object[] { x, y });

    [Fact]
    public void ByHand()
    {
        double x = 0.7, y = -1.3;
        // v = (3x + x, 3y): f = 12xy.
        var r = CentralDifferenceRunner.Check(Method("ScaleShift"), null, new object[] { x, y });
        Tolerance.AssertFormula(12 * y, r.Gradient[0]![0], "d/dx");
        Tolerance.AssertFormula(12 * x, r.Gradient[1]![0], "d/dy");
        // before = xy, then (x², xy): f = xy + x³y; the adjoint needs v's old members.
        var b = CentralDifferenceRunner.Check(Method("BeforeAndAfter"), null, new object[] { x, y });
        Tolerance.AssertFormula(y + (3 * x * x * y), b.Gradient[0]![0], "d/dx");
        Tolerance.AssertFormula(x + (x * x * x), b.Gradient[1]![0], "d/dy");
        // Rotate (x, 1) by y: (x cos y − sin y, x sin y + cos y); f = X + 2Y.
        var t = CentralDifferenceRunner.Check(Method("Rotated"), null, new object[] { 0.4, 0.9 });
        Tolerance.AssertFormula(Math.Cos(0.9) + (2 * Math.Sin(0.9)), t.Gradient[0]![0], "d/dx");
        Tolerance.AssertFormula((-0.4 * Math.Sin(0.9)) - Math.Cos(0.9) + (2 * ((0.4 * Math.Cos(0.9)) - Math.Sin(0.9))), t.Gradient[1]![0], "d/dy");
        // Reset(x) then Shift(y): (x + y, x²): f = (x + y)x².
        var s = CentralDifferenceRunner.Check(Method("ResetThenShift"), null, new object[] { 1.1, 0.4 });
        Tolerance.AssertFormula((2 * 1.1 * (1.1 + 0.4)) + (1.1 * 1.1), s.Gradient[0]![0], "d/dx");
        Tolerance.AssertFormula(1.1 * 1.1, s.Gradient[1]![0], "d/dy");
    }

    /// <summary>MForward runs the same inlined writes: each tangent equals the Backward gradient checked against central differences.</summary>
    [Theory]
    [InlineData(0.4, 0.9)]
    [InlineData(1.6, -0.7)]
    public void ForwardMode_MatchesTheGradient(double x, double y)
    {
        var r = CentralDifferenceRunner.Check(Method("Tangent"), null, new object[] { x, y });
        for (int k = 0; k < 2; k++)
        {
            var args = new object?[] { x, y, k == 0 ? 1.0 : 0.0, k == 1 ? 1.0 : 0.0, null };
            Compiled.Value.GetType("Mutating")!.GetMethod("TangentForward")!.Invoke(null, args);
            Tolerance.AssertFormula(r.Gradient[k]![0], (double)args[4]!, "tangent " + k);
        }
    }

    [Fact]
    public void OnAParameter_ByHand()
    {
        var p = Activator.CreateInstance(Compiled.Value.GetType("P2")!, 0.4, 0.6)!;
        double k = 1.3;
        var r = CentralDifferenceRunner.Check(Method("OnParameter"), null, new object[] { p, k });
        // (a, b) = k(X, Y), rotated by k: f = (a c − b s)(a s + b c) = ab(c² − s²) + (a² − b²)cs.
        double c = Math.Cos(k), s = Math.Sin(k), a = 0.4 * k, bb = 0.6 * k;
        double dfda = (bb * ((c * c) - (s * s))) + (2 * a * c * s), dfdb = (a * ((c * c) - (s * s))) - (2 * bb * c * s);
        Tolerance.AssertFormula(k * dfda, r.Gradient[0]![0], "d/dp.X");
        Tolerance.AssertFormula(k * dfdb, r.Gradient[0]![1], "d/dp.Y");
    }

    /// <summary>A receiver C# would change a copy of, or a call whose value is read on some paths only: ADG0003 at the call, no code.</summary>
    [Theory]
    [InlineData("P2[] ps", "foreach (var q in ps) { q.Scale(x); s += q.X; }", "q.Scale(x)")]
    [InlineData("double y", "var v = new P2(x, y); ref P2 r = ref v; r.Scale(x); s += v.X;", "r.Scale(x)")]
    // Its value read (s += v.Step(x) * v.Y;) is supported since objects6 (MutatingValueTests); on some paths only it is not.
    [InlineData("double y", "var v = new P2(x, y); s += x > 0 ? v.Step(x) * v.Y : 0;", "v.Step(x)")]
    [InlineData("double y", "var h = new Holder { At = new P2(x, y) }; h.At.Scale(x); s += h.At.X;", "h.At.Scale(x)")]
    public void CopiedOrReadReceiver_IsAnErrorAtTheCall(string parameter, string body, string at)
    {
        string source = Source.Replace("public static partial class Mutating", """
            public struct Holder { public P2 At { get; set; } public Holder(P2 at) { At = at; } }
            public static partial class Bad
            {
                [Differentiable] public static double F(double x, PARAM) { double s = 0; BODY return s; }
            }
            public static partial class Mutating
            """.Replace("PARAM", parameter).Replace("BODY", body));
        var result = GeneratorHarness.Run(source);
        Assert.Contains(result.Diagnostics, d => d.Id == "ADG0003" && d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == at);
        Assert.DoesNotContain(result.Generated.Keys, k => k.Contains("Bad.F_", StringComparison.Ordinal));
    }
}
