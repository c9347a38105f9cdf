using System.Reflection;
using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Objects;

/// <summary>
/// Issue 13 items 2 and 4 (Clad's fn12, W06's Slots.CalleeIndex): a plain void helper that leaves its results in ref/out
/// arguments, called as a statement (<c>Next(ref k, n);</c> moving an int index, <c>Damp(ref v, c);</c>,
/// <c>Polar(x, y, out var r, out var t);</c>, and a struct's own method setting an out value from its members,
/// <c>b.Scale(input, out res);</c>), is inlined as a local function is. By hand and central differences, Backward and
/// Forward (Hessian for the out reals); a helper that writes anything else, or makes a call for its effects, ADG at the call.
/// </summary>
public class RefHelperTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public struct B { public float M; public void Scale(float[] input, out float output) { output = input[0] * M; } }
        public struct Q { public double A; public void Split(double t, out double lo, out double hi) { lo = A * t; hi = A + t; } }

        public static partial class RefHelpers
        {
            static void Next(ref int k, int n) { k = (k + 1) % n; }
            static void Damp(ref double v, double c) { v *= c; if (v > 2) v = 2; }
            static void Polar(double x, double y, out double r, out double t) { r = Math.Sqrt(x * x + y * y); t = Math.Atan2(y, x); }

            [Differentiable]
            public static double CalleeIndex(double[] x, double w)
            {
                var t = new double[x.Length];
                for (int i = 0; i < x.Length; i++) t[i] = x[i] * x[i];
                var acc = new double[x.Length];
                int k = 0;
                for (int j = 0; j < x.Length; j++) { acc[k] += t[j] * w; Next(ref k, x.Length); }
                double s = 0;
                for (int i = 0; i < acc.Length; i++) s += acc[i] * (i + 1) * acc[i];
                return s;
            }

            [Differentiable] public static float Fn12(float m, float[] input) { var b = new B { M = m }; float res = 0; b.Scale(input, out res); return res + 3; }
            [Differentiable(Forward = true)] public static double Damped(double x, double c) { double v = x * x; Damp(ref v, c); Damp(ref v, c); return v + x; }
            [Differentiable(Forward = true, Hessian = true)] public static double PolarProduct(double x, double y) { Polar(x, y, out var r, out var t); return r * t; }
            [Differentiable(Forward = true, Hessian = true)] public static double SplitUse(double a, double t) { var q = new Q { A = a }; q.Split(t, out var lo, out var hi); return lo * hi; }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo M(string name) => Compiled.Value.GetType("RefHelpers")!.GetMethod(name)!;

    private delegate double Hessian2(double x, double y, Span<double> hessian);

    [Fact]
    public void CalleeIndex_MatchesHand()
    {
        // k walks 0, 1, 2: acc[i] = x_i² w, s = Σ (i + 1) x_i⁴ w². ∂/∂x_i = 4(i + 1) x_i³ w², ∂/∂w = 2w Σ (i + 1) x_i⁴.
        double[] x = { 0.7, -1.1, 0.4 };
        double w = 0.9;
        var g = CentralDifferenceRunner.Check(M("CalleeIndex"), null, new object[] { x, w }).Gradient;
        double sum = 0;
        for (int i = 0; i < 3; i++)
        {
            Tolerance.AssertFormula(4 * (i + 1) * x[i] * x[i] * x[i] * w * w, g[0]![i], "∂/∂x" + i);
            sum += (i + 1) * x[i] * x[i] * x[i] * x[i];
        }
        Tolerance.AssertFormula(2 * w * sum, g[1]![0], "∂/∂w");
    }

    [Fact]
    public void CalleeIndex_WrapsAround_MatchesCentralDifferences() =>
        CentralDifferenceRunner.Check(M("CalleeIndex"), null, new object[] { new[] { 0.3, -0.8, 1.2, 0.5, -0.6 }, 1.3 });

    [Fact]
    public void OutFromAStructMethod_MatchesHand()
    {
        // res = input[0]·m: f = input[0]·m + 3.
        var g = CentralDifferenceRunner.Check(M("Fn12"), null, new object[] { 1.5f, new[] { 0.75f, 2f } }).Gradient;
        Tolerance.AssertClose(0.75, g[0]![0], 1e-6, "∂/∂m");
        Tolerance.AssertClose(1.5, g[1]![0], 1e-6, "∂/∂input[0]");
        Tolerance.AssertClose(0, g[1]![1], 0, "∂/∂input[1]");
    }

    [Theory]
    [InlineData(0.8, 0.9)]
    [InlineData(-0.6, 1.1)]
    public void RefReal_MatchesHand_ForwardToo(double x, double c)
    {
        // No clamp at these points (x²c² < 2): f = x²c² + x.
        var g = CentralDifferenceRunner.Check(M("Damped"), null, new object[] { x, c }).Gradient;
        Tolerance.AssertFormula((2 * x * c * c) + 1, g[0]![0], "∂/∂x");
        Tolerance.AssertFormula(2 * x * x * c, g[1]![0], "∂/∂c");
        var args = new object[] { x, c, 1.0, 0.5, 0.0 };
        M("DampedForward").Invoke(null, args);
        Tolerance.AssertFormula((2 * x * c * c) + 1 + (0.5 * 2 * x * x * c), (double)args[4], "tangent");
    }

    [Fact]
    public void RefReal_Clamped_MatchesCentralDifferences() => CentralDifferenceRunner.Check(M("Damped"), null, new object[] { 1.3, 1.4 });

    [Theory]
    [InlineData(0.8, 0.5)]
    [InlineData(-0.3, 1.2)]
    public void OutReals_MatchHand_ForwardAndHessianToo(double x, double y)
    {
        // f = rθ: ∂/∂x = xθ/r − y/r, ∂/∂y = yθ/r + x/r.
        double r = Math.Sqrt((x * x) + (y * y)), t = Math.Atan2(y, x);
        var g = CentralDifferenceRunner.Check(M("PolarProduct"), null, new object[] { x, y }).Gradient;
        Tolerance.AssertFormula((x * t / r) - (y / r), g[0]![0], "∂/∂x");
        Tolerance.AssertFormula((y * t / r) + (x / r), g[1]![0], "∂/∂y");
        var args = new object[] { x, y, 0.0, 1.0, 0.0 };
        M("PolarProductForward").Invoke(null, args);
        Tolerance.AssertFormula((y * t / r) + (x / r), (double)args[4], "tangent");
        // SplitUse: f = at(a + t) = a²t + at². H = [[2t, 2a + 2t], [2a + 2t, 2a]].
        double a = x, u = y;
        var s = CentralDifferenceRunner.Check(M("SplitUse"), null, new object[] { a, u }).Gradient;
        Tolerance.AssertFormula((2 * a * u) + (u * u), s[0]![0], "∂/∂a");
        Tolerance.AssertFormula((a * a) + (2 * a * u), s[1]![0], "∂/∂t");
        var h = new double[4];
        ((Hessian2)Delegate.CreateDelegate(typeof(Hessian2), M("SplitUseHessian")))(a, u, h);
        Tolerance.AssertFormula(2 * u, h[0], "∂²/∂a²");
        Tolerance.AssertFormula((2 * a) + (2 * u), h[1], "∂²/∂a∂t");
        Tolerance.AssertFormula((2 * a) + (2 * u), h[2], "∂²/∂t∂a");
        Tolerance.AssertFormula(2 * a, h[3], "∂²/∂t²");
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp7_3, false)]
    [InlineData(LanguageVersion.Latest, true)]
    public void CompilesWithoutErrorsOrWarnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
    }

    /// <summary>A helper whose body writes a field or makes a call for its effects: the error is at the call, no code.</summary>
    [Theory]
    [InlineData("static double Count; static void Bump(ref double v) { v += 1; Count += 1; }", "Bump(ref v);", "ADG0003", "writes to 'Count'")]
    [InlineData("static void Log(ref double v) { Console.Out.WriteLine(v); }", "Log(ref v);", "ADG0002", "Console.Out.WriteLine(v)")]
    public void HelperWithEffects_IsAnErrorAtTheCall(string helper, string call, string id, string says) =>
        ProgramBatch.AssertSingleErrorAt(Source.Replace("public static partial class RefHelpers", """
            public static partial class Bad
            {
                HELPER
                [Differentiable] public static double F(double x, double y) { double v = x; CALL return v * y; }
            }
            public static partial class RefHelpers
            """.Replace("HELPER", helper).Replace("CALL", call)), id, call.TrimEnd(';'), says);
}
