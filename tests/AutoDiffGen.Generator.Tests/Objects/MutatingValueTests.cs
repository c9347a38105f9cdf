using System.Reflection;
using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Objects;

/// <summary>
/// Issue 13 item 1 (Clad's fn2 calling RefMemFn): a struct method that writes its own members, called on a struct local
/// with its value used in an expression (<c>return sf.RefMemFn(i);</c>, <c>s.X + s.Step(k) + s.X</c>, <c>var t = s.Moved(d);</c>).
/// The body is inlined where C# evaluates the call, so an operand to its left reads the members before it and one to its
/// right after it. By hand and central differences, Backward, Forward and Hessian; evaluated only on some paths ADG0003.
/// </summary>
public class MutatingValueTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public struct SF
        {
            public double X, Y;
            public SF(double x, double y) { X = x; Y = y; }
            public double RefMemFn(double i) { X = +i; X = -i; return X; }
            public double Step(double k) { X *= k; Y += X; return X * Y; }
            public SF Moved(double d) { X += d; return this; }
        }

        public static partial class MutatingValue
        {
            [Differentiable(Forward = true, Hessian = true)] public static double Fn2(double y, double i) { var sf = new SF(1.5, y); return sf.RefMemFn(i) * sf.Y + sf.X; }
            [Differentiable(Forward = true)] public static double Order(double x, double y, double k) { var s = new SF(x, y); double r = s.X + s.Step(k) + s.X; return r * s.Y; }
            [Differentiable(Forward = true)] public static double StructValue(double x, double d) { var s = new SF(x, 2); var t = s.Moved(d); return t.X * s.X + s.Y; }
            [Differentiable] public static double InALoop(double x, double y) { var s = new SF(x, y); double acc = 0; for (int i = 0; i < 3; i++) acc += s.Step(0.5 + 0.1 * i); return acc + s.X; }
            [Differentiable] public static double OnAParameter(SF p, double k) { double v = p.Step(k); return v + p.X; }
            [Differentiable] public static double ConstantReceiver(double x) { var s = new SF(1, 2); double r = s.Step(3); return r * x + s.X * x; }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo M(string name) => Compiled.Value.GetType("MutatingValue")!.GetMethod(name)!;

    private delegate double Hessian2(double x, double y, Span<double> hessian);

    [Theory]
    [InlineData(0.7, -1.3)]
    [InlineData(-0.4, 0.9)]
    public void RefMemFnValue_MatchesHand_ForwardAndHessianToo(double y, double i)
    {
        // X = −i, the value −i: f = −i·y − i = −i(y + 1). ∇ = (−i, −(y + 1)); H = [[0, −1], [−1, 0]].
        var g = CentralDifferenceRunner.Check(M("Fn2"), null, new object[] { y, i }).Gradient;
        Tolerance.AssertFormula(-i, g[0]![0], "∂/∂y");
        Tolerance.AssertFormula(-(y + 1), g[1]![0], "∂/∂i");
        var args = new object[] { y, i, 0.3, -0.5, 0.0 };
        M("Fn2Forward").Invoke(null, args);
        Tolerance.AssertFormula((0.3 * -i) + (-0.5 * -(y + 1)), (double)args[4], "tangent");
        var h = new double[4];
        ((Hessian2)Delegate.CreateDelegate(typeof(Hessian2), M("Fn2Hessian")))(y, i, h);
        Tolerance.AssertFormula(0, h[0], "∂²/∂y²");
        Tolerance.AssertFormula(-1, h[1], "∂²/∂y∂i");
        Tolerance.AssertFormula(-1, h[2], "∂²/∂i∂y");
        Tolerance.AssertFormula(0, h[3], "∂²/∂i²");
    }

    [Theory]
    [InlineData(0.7, -1.3, 0.4)]
    [InlineData(-1.1, 0.5, 1.6)]
    public void ReadsLeftAndRightOfTheCall_MatchHand_ForwardToo(double x, double y, double k)
    {
        // a = xk, b = y + a (the members after Step), r = x + ab + a (left X before, right X after), f = r·b.
        double a = x * k, b = y + a, r = x + (a * b) + a;
        double dx = ((1 + (k * b) + (a * k) + k) * b) + (r * k);
        double dy = (a * b) + r;
        double dk = (((x * b) + (a * x) + x) * b) + (r * x);
        var g = CentralDifferenceRunner.Check(M("Order"), null, new object[] { x, y, k }).Gradient;
        Tolerance.AssertFormula(dx, g[0]![0], "∂/∂x");
        Tolerance.AssertFormula(dy, g[1]![0], "∂/∂y");
        Tolerance.AssertFormula(dk, g[2]![0], "∂/∂k");
        var args = new object[] { x, y, k, 1.0, -2.0, 0.5, 0.0 };
        M("OrderForward").Invoke(null, args);
        Tolerance.AssertFormula(dx - (2 * dy) + (0.5 * dk), (double)args[6], "tangent");
    }

    [Theory]
    [InlineData(0.7, -1.3)]
    [InlineData(1.2, 0.4)]
    public void StructResult_MatchesHand_ForwardToo(double x, double d)
    {
        // s.Moved(d) leaves X = x + d in s and returns it: f = (x + d)² + 2.
        var g = CentralDifferenceRunner.Check(M("StructValue"), null, new object[] { x, d }).Gradient;
        Tolerance.AssertFormula(2 * (x + d), g[0]![0], "∂/∂x");
        Tolerance.AssertFormula(2 * (x + d), g[1]![0], "∂/∂d");
        var args = new object[] { x, d, 1.0, 1.0, 0.0 };
        M("StructValueForward").Invoke(null, args);
        Tolerance.AssertFormula(4 * (x + d), (double)args[4], "tangent");
    }

    [Theory]
    [InlineData("InALoop", 0.7, -1.3)]
    [InlineData("InALoop", -0.2, 0.6)]
    public void InALoop_MatchesCentralDifferences(string name, double x, double y) => CentralDifferenceRunner.Check(M(name), null, new object[] { x, y });

    [Fact]
    public void OnAParameter_MatchesHand()
    {
        // p = (a, b): Step(k) leaves (ak, b + ak) and returns ak(b + ak); f = ak(b + ak) + ak.
        double a = 0.6, b = -0.9, k = 1.3;
        var p = Activator.CreateInstance(Compiled.Value.GetType("SF")!, a, b)!;
        var g = CentralDifferenceRunner.Check(M("OnAParameter"), null, new object[] { p, k }).Gradient;
        Tolerance.AssertFormula((k * b) + (2 * a * k * k) + k, g[0]![0], "∂/∂p.X");
        Tolerance.AssertFormula(a * k, g[0]![1], "∂/∂p.Y");
        Tolerance.AssertFormula((a * b) + (2 * a * a * k) + a, g[1]![0], "∂/∂k");
    }

    [Fact]
    public void ConstantReceiver_MatchesHand()
    {
        // Step(3) on (1, 2): X = 3, Y = 5, value 15, constant; f = 15x + 3x.
        var g = CentralDifferenceRunner.Check(M("ConstantReceiver"), null, new object[] { 0.8 }).Gradient;
        Tolerance.AssertFormula(18, g[0]![0], "d/dx");
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp7_3, false)]
    [InlineData(LanguageVersion.Latest, true)]
    public void CompilesWithoutErrorsOrWarnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
    }

    /// <summary>
    /// Evaluated only on some paths of an expression, its writes could not be placed; in a condition, an index or a count
    /// (written as text) it would run on a copy of the struct, losing its writes (a wrong value after it, or a loop that
    /// never ends): ADG0003 at the call, no code.
    /// </summary>
    [Theory]
    [InlineData("var s = new SF(x, y); double r = x > 0 ? s.Step(y) : 0; return r + s.X;", "s.Step(y)", "evaluated only on some paths")]
    [InlineData("var s = new SF(1, 2); double r = 0; if (s.Step(3) > 1) r = x; return r * s.X;", "s.Step(3)", "in a condition, an index or a count")]
    [InlineData("var s = new SF(1, 2); double r = 0; while (s.Step(2) < 10) r += x; return r * s.X;", "s.Step(2)", "in a condition, an index or a count")]
    [InlineData("var s = new SF(1, 2); int n = (int)s.Step(2); return x * s.X + n;", "s.Step(2)", "in a condition, an index or a count")]
    [InlineData("var s = new SF(x, y); double r = 0; if (s.Step(y) > 1) r = s.X; return r + s.Y;", "s.Step(y)", "in a condition, an index or a count")]
    public void OnSomePathsOrAsText_IsAnErrorAtTheCall(string body, string at, string says) =>
        ProgramBatch.AssertSingleErrorAt(Source.Replace("public static partial class MutatingValue", """
            public static partial class Bad
            {
                [Differentiable] public static double F(double x, double y) { BODY }
            }
            public static partial class MutatingValue
            """.Replace("BODY", body)), "ADG0003", at, says);
}
