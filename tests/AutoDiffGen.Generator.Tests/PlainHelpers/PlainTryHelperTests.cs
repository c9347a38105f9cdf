using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.PlainHelpers;

/// <summary>
/// The Try pattern through a plain helper (issue 13, try12): a static helper that is not [Differentiable], returns a
/// bool (or an int, or a real) and leaves results in out/ref arguments, called as a condition, an initializer or an
/// operand. Each gradient by hand and by central differences; MForward against the gradient and MHessian against
/// central differences of it and a hand second derivative. What the helper's body cannot do in place is ADG0004 at the call.
/// </summary>
public class PlainTryHelperTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static class Util
        {
            public static bool TryInvert(double x, out double inv) { if (x == 0) { inv = 0; return false; } inv = 1 / x; return true; }
            public static bool TrySqrt(double v, out double root) { root = 0; if (v < 0) return false; root = Math.Sqrt(v); return true; }
            public static double Step(ref double s, double v) { s = s * v; return s + v; }
            public static int Split(double v, out double frac) { int whole = (int)Math.Floor(v); frac = v - whole; return whole; }
        }

        public static partial class Net
        {
            [Differentiable(Forward = true, Hessian = true)]
            public static double SafeInvert(double x) => Util.TryInvert(x, out var inv) ? inv * inv : 0;

            [Differentiable(Forward = true, Hessian = true)]
            public static double Root(double x) { if (Util.TrySqrt(x, out var r)) return r * x; return 0; }

            [Differentiable(Forward = true, Hessian = true)]
            public static double Stepped(double x, double y) { double s = x; double r = Util.Step(ref s, y); return r * s; }

            [Differentiable(Forward = true, Hessian = true)]
            public static double Fraction(double x) => Util.Split(x, out var f) * 2 + f * f;

            [Differentiable(Forward = true, Hessian = true)]
            public static double Initialized(double x, double y)
            {
                bool ok = Util.TryInvert(x * y, out var inv);
                double s = 0;
                for (int i = 0; i < 2; i++) { if (Util.TrySqrt(s + x * x, out var r)) s += r; }
                return ok ? inv + s : s;
            }

            [Differentiable(Forward = true, Hessian = true)]
            public static double StaticLocal(double x)
            {
                static bool TryInv(double v, out double r) { r = v == 0 ? 0 : 1 / v; return v != 0; }
                return TryInv(x, out var inv) ? inv * inv : 0;
            }

            public static double[] StaticLocalH(double x) { var h = new double[1]; StaticLocalHessian(x, h); return h; }
            public static double[] SafeInvertH(double x) { var h = new double[1]; SafeInvertHessian(x, h); return h; }
            public static double[] RootH(double x) { var h = new double[1]; RootHessian(x, h); return h; }
            public static double[] SteppedH(double x, double y) { var h = new double[4]; SteppedHessian(x, y, h); return h; }
            public static double[] FractionH(double x) { var h = new double[1]; FractionHessian(x, h); return h; }
            public static double[] InitializedH(double x, double y) { var h = new double[4]; InitializedHessian(x, y, h); return h; }
        }
        """;

    private static readonly Lazy<Type> Net = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("Net", throwOnError: true)!);

    [Theory]
    [InlineData(0.7)]
    [InlineData(-1.3)]
    public void SafeInvert_IsOneOverXSquared_InEveryMode(double x)
    {
        // The same written with a static local function, whose out value is read in a ?: branch as the helper's is.
        foreach (var name in new[] { "SafeInvert", "StaticLocal" })
        {
            var r = CentralDifferenceRunner.Check(Net.Value.GetMethod(name)!, null, new object[] { x });
            // f = 1/x², f' = −2/x³, f'' = 6/x⁴.
            Tolerance.AssertFormula(-2 / (x * x * x), r.Gradient[0]![0], name + " d/dx");
            ModeChecks.AtPoint(Net.Value, name, new object[] { x }, new Random(1));
            var h = (double[])Net.Value.GetMethod(name + "H")!.Invoke(null, new object[] { x })!;
            Tolerance.AssertFormula(6 / (x * x * x * x), h[0], name + " d²/dx²");
        }
    }

    [Fact]
    public void SafeInvert_WhereTheHelperFails_IsZero()
    {
        // x = 0: TryInvert returns false, f = 0, and the gradient is 0 (the helper's inv = 0 path).
        var backward = Net.Value.GetMethod("SafeInvertBackward")!;
        var args = new object[] { 0.0, 0.0, 1.0 };
        Assert.Equal(0.0, (double)backward.Invoke(null, args)!);
        Assert.Equal(0.0, (double)args[1]);
    }

    [Theory]
    [InlineData(1.7)]
    [InlineData(-1.5)]
    public void Root_IsXToTheThreeHalves_OrZeroWhereTheHelperFails(double x)
    {
        var r = CentralDifferenceRunner.Check(Net.Value.GetMethod("Root")!, null, new object[] { x });
        // √x·x: 1.5·√x and 0.75/√x; 0 for x < 0, where TrySqrt fails.
        Tolerance.AssertFormula(x > 0 ? 1.5 * Math.Sqrt(x) : 0, r.Gradient[0]![0], "d/dx");
        ModeChecks.AtPoint(Net.Value, "Root", new object[] { x }, new Random(2));
        var h = (double[])Net.Value.GetMethod("RootH")!.Invoke(null, new object[] { x })!;
        Tolerance.AssertFormula(x > 0 ? 0.75 / Math.Sqrt(x) : 0, h[0], "d²/dx²");
    }

    [Theory]
    [InlineData(0.8, -1.1)]
    [InlineData(1.5, 0.4)]
    public void ARefArgument_CarriesTheHelpersWrite(double x, double y)
    {
        var r = CentralDifferenceRunner.Check(Net.Value.GetMethod("Stepped")!, null, new object[] { x, y });
        // s = xy, r = xy + y, f = x²y² + xy²: ∂x = 2xy² + y², ∂y = 2x²y + 2xy; ∂xx = 2y², ∂xy = 4xy + 2y, ∂yy = 2x² + 2x.
        Tolerance.AssertFormula(2 * x * y * y + y * y, r.Gradient[0]![0], "d/dx");
        Tolerance.AssertFormula(2 * x * x * y + 2 * x * y, r.Gradient[1]![0], "d/dy");
        ModeChecks.AtPoint(Net.Value, "Stepped", new object[] { x, y }, new Random(3));
        var h = (double[])Net.Value.GetMethod("SteppedH")!.Invoke(null, new object[] { x, y })!;
        Tolerance.AssertFormula(2 * y * y, h[0], "d²/dx²");
        Tolerance.AssertFormula(4 * x * y + 2 * y, h[1], "d²/dxdy");
        Tolerance.AssertFormula(2 * x * x + 2 * x, h[3], "d²/dy²");
    }

    [Theory]
    [InlineData(2.3)]
    [InlineData(-0.6)]
    public void AnIntReturningHelper_AsAnOperand_HasZeroGradientThroughItsValue(double x)
    {
        var r = CentralDifferenceRunner.Check(Net.Value.GetMethod("Fraction")!, null, new object[] { x });
        // 2·⌊x⌋ + frac², frac = x − ⌊x⌋: 2·frac, and 2.
        double frac = x - Math.Floor(x);
        Tolerance.AssertFormula(2 * frac, r.Gradient[0]![0], "d/dx");
        ModeChecks.AtPoint(Net.Value, "Fraction", new object[] { x }, new Random(4));
        Tolerance.AssertFormula(2, ((double[])Net.Value.GetMethod("FractionH")!.Invoke(null, new object[] { x })!)[0], "d²/dx²");
    }

    [Theory]
    [InlineData(0.9, 1.2)]
    [InlineData(-0.5, 0.7)]
    public void AnInitializer_AndACallInALoop_AreDifferentiated(double x, double y)
    {
        var r = CentralDifferenceRunner.Check(Net.Value.GetMethod("Initialized")!, null, new object[] { x, y });
        // s: √(x²) = |x|, then s + √(|x| + x²); f = 1/(xy) + s.
        double a = Math.Abs(x), sx = Math.Sign(x);
        double ds = sx + (sx + 2 * x) / (2 * Math.Sqrt(a + x * x));
        Tolerance.AssertFormula(-1 / (x * x * y) + ds, r.Gradient[0]![0], "d/dx");
        Tolerance.AssertFormula(-1 / (x * y * y), r.Gradient[1]![0], "d/dy");
        ModeChecks.AtPoint(Net.Value, "Initialized", new object[] { x, y }, new Random(5));
    }

    private static Diagnostic OnlyErrorAtTheCall(string helpers, string body, string call)
    {
        string source = "using System;\nusing AutoDiffGen;\n" + helpers + "\npublic static partial class Net\n{\n    [Differentiable(Forward = true, Hessian = true)]\n    public static double F(double x) " + body + "\n}\n";
        var result = GeneratorHarness.Run(source);
        Assert.Empty(result.Exceptions);
        Assert.Empty(result.CompileDiagnostics);
        Assert.DoesNotContain(result.Generated.Keys, k => k.Contains("Net.F", StringComparison.Ordinal));
        var error = Assert.Single(result.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(call, error.Location.SourceTree!.GetText().ToString(error.Location.SourceSpan));
        return error;
    }

    [Theory]
    [InlineData("internal static int Count; internal static bool TryG(double v, out double r) { Count++; r = v * 2; return true; }", "static field 'Count'")]
    [InlineData("internal static bool TryG(double v, out double r) { if (v > 10) return TryG(v - 1, out r); r = v * 2; return true; }", "recursive")]
    [InlineData("internal static bool TryG(double v, out double r) { r = (double)(decimal)v; return true; }", "decimal")]
    public void WhatTheHelperCannotDoInPlace_IsADG0004AtTheCall(string helper, string construct)
    {
        var error = OnlyErrorAtTheCall("public static class H { " + helper + " }", "=> H.TryG(x, out var r) ? r * x : 0;", "H.TryG(x, out var r)");
        Assert.Equal("ADG0004", error.Id);
        string message = error.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("'H.TryG' is not [Differentiable]", message, StringComparison.Ordinal);
        Assert.Contains(construct, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.8)]
    [InlineData(-0.6)]
    public void ACallOnlySometimesEvaluated_IsInlinedInItsBranch(double x)
    {
        // ADG0004 until idioms13b: the short-circuit is now lowered as the if/else C# runs, the call inlined in its branch
        // (ConditionalTryCallTests has more). x > 0: r = 2x, f = 2x², f' = 4x; else r keeps 1, f = 1, f' = 0.
        var type = GeneratorHarness.CompileAndLoad("using System;\nusing AutoDiffGen;\npublic static class H { internal static bool TryG(double v, out double r) { r = v * 2; return true; } }\n"
            + "public static partial class Net { [Differentiable] public static double F(double x) { double r = 1; return x > 0 && H.TryG(x, out r) ? r * x : r; } }").GetType("Net", throwOnError: true)!;
        var r = CentralDifferenceRunner.Check(type.GetMethod("F")!, null, new object[] { x });
        Tolerance.AssertFormula(x > 0 ? 4 * x : 0, r.Gradient[0]![0], "d/dx");
    }

    /// <summary>The two lifted pins of Natural/Batch/X13_hunt12.cs, copied as written there with their helpers.</summary>
    private const string Pinned = """
        using System;
        using AutoDiffGen;

        namespace Try12Pins;

        public static partial class Peer12More
        {
            [Differentiable]
            public static double TryParseStyle(double x)
            {
                double result = 0;
                if (TrySqrt(x, out var r)) result = r * 3;
                return result + x;
            }

            private static bool TrySqrt(double v, out double root)
            {
                root = 0;
                if (v < 0) return false;
                root = Math.Sqrt(v);
                return true;
            }
        }

        public static partial class Everyday12
        {
            private static bool TryInvert(double x, out double inv)
            {
                if (Math.Abs(x) < 1e-12) { inv = 0; return false; }
                inv = 1 / x;
                return true;
            }

            [Differentiable]
            public static double SafeInvert(double x) => TryInvert(x, out var inv) ? inv * inv : 0;
        }
        """;

    [Theory]
    [InlineData(2.25)]
    [InlineData(0.4)]
    [InlineData(-0.8)]
    public void TheLiftedPins_MatchTheHandDerivatives(double x)
    {
        var assembly = GeneratorHarness.CompileAndLoad(Pinned);
        var r = CentralDifferenceRunner.Check(assembly.GetType("Try12Pins.Peer12More", throwOnError: true)!.GetMethod("TryParseStyle")!, null, new object[] { x });
        // 3√x + x for x ≥ 0 (3/(2√x) + 1), x below (1).
        Tolerance.AssertFormula(x >= 0 ? 1.5 / Math.Sqrt(x) + 1 : 1, r.Gradient[0]![0], "TryParseStyle d/dx");
        r = CentralDifferenceRunner.Check(assembly.GetType("Try12Pins.Everyday12", throwOnError: true)!.GetMethod("SafeInvert")!, null, new object[] { x });
        Tolerance.AssertFormula(-2 / (x * x * x), r.Gradient[0]![0], "SafeInvert d/dx");
    }
}
