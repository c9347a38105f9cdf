using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.PlainHelpers;

/// <summary>
/// A plain void helper (or a local function) adding into its array argument, <c>static void AddScaled(double[] acc,
/// double[] v, double s)</c> (issue 13, idioms13b; Peer12More.RefArrayHelper): inlined where it is called, its array
/// parameter standing for the caller's local array or array parameter, so each store is the caller's own (versions on
/// the tape, restored in the reverse sweep where a loop overwrites them). Each gradient by hand and by central
/// differences, forward and Hessian modes against them; an array argument the call cannot stand for is ADG0003 at the call.
/// </summary>
public class ArrayWritingHelperTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static class H
        {
            public static void AddScaled(double[] acc, double[] v, double s) { for (int i = 0; i < acc.Length; i++) acc[i] += s * v[i]; }
            public static void Accumulate(double[] into, double v) { for (int i = 0; i < into.Length; i++) into[i] += v * (i + 1); }
            public static void Affine(double[] into, double v) { for (int i = 0; i < into.Length; i++) into[i] = into[i] * v + 1; }
        }

        public static partial class Net
        {
            [Differentiable(Forward = true, Hessian = true)]
            public static double RefArrayHelper(double x)
            {
                var acc = new double[3];
                H.Accumulate(acc, x);
                H.Accumulate(acc, x * x);
                return acc[0] * acc[2] - acc[1];
            }

            [Differentiable(Forward = true, Hessian = true)]
            public static double LocalFunction(double x)
            {
                static void Accumulate(double[] into, double v) { for (int i = 0; i < into.Length; i++) into[i] += v * (i + 1); }
                var acc = new double[3];
                Accumulate(acc, x);
                Accumulate(acc, x * x);
                return acc[0] * acc[2] - acc[1];
            }

            [Differentiable(Forward = true, Hessian = true)]
            public static double Overwritten(double x)
            {
                var acc = new double[2];
                acc[0] = 1;
                for (int k = 0; k < 3; k++) H.Affine(acc, x);
                return acc[0] + acc[1] * acc[1];
            }

            [Differentiable]
            public static double FromParameter(double[] w, double x)
            {
                var acc = new double[w.Length];
                H.AddScaled(acc, w, x);
                H.AddScaled(acc, w, x * x);
                return acc[0] * acc[1];
            }

            [Differentiable]
            public static double IntoParameter(double[] w, double x)
            {
                var v = new double[w.Length];
                for (int i = 0; i < v.Length; i++) v[i] = x * i;
                H.AddScaled(w, v, x);
                return w[0] * w[1];
            }

            public static double[] RefArrayHelperH(double x) { var h = new double[1]; RefArrayHelperHessian(x, h); return h; }
            public static double[] LocalFunctionH(double x) { var h = new double[1]; LocalFunctionHessian(x, h); return h; }
            public static double[] OverwrittenH(double x) { var h = new double[1]; OverwrittenHessian(x, h); return h; }
        }
        """;

    private static readonly Lazy<Type> Net = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("Net", throwOnError: true)!);

    [Theory]
    [InlineData(0.7)]
    [InlineData(-1.3)]
    public void AHelperAddingIntoALocalArray_IsDifferentiatedInEveryMode(double x)
    {
        foreach (var name in new[] { "RefArrayHelper", "LocalFunction" })
        {
            // acc = (x + x²)·(1, 2, 3): f = 3u² − 2u with u = x + x²; f' = (6u − 2)(1 + 2x), f'' = 6(1 + 2x)² + 2(6u − 2).
            double u = x + x * x;
            var r = CentralDifferenceRunner.Check(Net.Value.GetMethod(name)!, null, new object[] { x });
            Tolerance.AssertFormula(3 * u * u - 2 * u, r.Value, name);
            Tolerance.AssertFormula((6 * u - 2) * (1 + 2 * x), r.Gradient[0]![0], name + " d/dx");
            ModeChecks.AtPoint(Net.Value, name, new object[] { x }, new Random(1));
            var h = (double[])Net.Value.GetMethod(name + "H")!.Invoke(null, new object[] { x })!;
            Tolerance.AssertFormula(6 * (1 + 2 * x) * (1 + 2 * x) + 2 * (6 * u - 2), h[0], name + " d²/dx²");
        }
    }

    [Theory]
    [InlineData(0.6)]
    [InlineData(-1.2)]
    public void AHelperOverwritingTheArrayInALoop_RestoresWhatItOverwrote(double x)
    {
        // a ← a·x + 1 three times from (1, 0): a0 = x³ + x² + x + 1, a1 = x² + x + 1; f = a0 + a1².
        double a0 = x * x * x + x * x + x + 1, a1 = x * x + x + 1;
        var r = CentralDifferenceRunner.Check(Net.Value.GetMethod("Overwritten")!, null, new object[] { x });
        Tolerance.AssertFormula(a0 + a1 * a1, r.Value, "f");
        Tolerance.AssertFormula(3 * x * x + 2 * x + 1 + 2 * a1 * (2 * x + 1), r.Gradient[0]![0], "d/dx");
        ModeChecks.AtPoint(Net.Value, "Overwritten", new object[] { x }, new Random(2));
        var h = (double[])Net.Value.GetMethod("OverwrittenH")!.Invoke(null, new object[] { x })!;
        Tolerance.AssertFormula(6 * x + 2 + 2 * (2 * x + 1) * (2 * x + 1) + 4 * a1, h[0], "d²/dx²");
    }

    [Fact]
    public void AHelperReadingAnArrayParameter_IntoALocalArray()
    {
        // acc = u·w with u = x + x²: f = u²·w0·w1; ∂w0 = u²·w1, ∂w1 = u²·w0, ∂x = 2u(1 + 2x)·w0·w1.
        double[] w = { 0.8, -1.5 };
        double x = 0.4, u = x + x * x;
        var r = CentralDifferenceRunner.Check(Net.Value.GetMethod("FromParameter")!, null, new object[] { w, x });
        Tolerance.AssertFormula(u * u * w[1], r.Gradient[0]![0], "d/dw0");
        Tolerance.AssertFormula(u * u * w[0], r.Gradient[0]![1], "d/dw1");
        Tolerance.AssertFormula(2 * u * (1 + 2 * x) * w[0] * w[1], r.Gradient[1]![0], "d/dx");
    }

    [Fact]
    public void AHelperWritingIntoAnArrayParameter_MakesItAnOutput()
    {
        // w ← w + x·(0, x): f = w0·(w1 + x²). With dW coming in zero, Backward gives ∂f/∂w as passed: (w1 + x², w0), ∂x = 2x·w0.
        double x = 0.9;
        var method = Net.Value.GetMethod("IntoParameter")!;
        CentralDifferenceRunner.CheckInOut(method, null, new object[] { new[] { 1.1, -0.4 }, x }, seed: 3);
        var w = new[] { 1.1, -0.4 };
        var dW = new double[2];
        var args = new object[] { w, x, dW, 0.0, 1.0 };
        double value = (double)Net.Value.GetMethod("IntoParameterBackward")!.Invoke(null, args)!;
        Tolerance.AssertFormula(1.1 * (-0.4 + x * x), value, "f");
        Tolerance.AssertFormula(-0.4 + x * x, dW[0], "d/dw0");
        Tolerance.AssertFormula(1.1, dW[1], "d/dw1");
        Tolerance.AssertFormula(2 * x * 1.1, (double)args[3], "d/dx");
        // The array is left as the method leaves it.
        Tolerance.AssertFormula(-0.4 + x * x, w[1], "w1 after");
    }

    private static Diagnostic OnlyError(string helpers, string body)
    {
        string source = "using System;\nusing AutoDiffGen;\n" + helpers + "\npublic static partial class Net\n{\n    [Differentiable]\n    public static double F(double x)\n    {\n" + body + "\n    }\n}\n";
        var result = GeneratorHarness.Run(source);
        Assert.Empty(result.Exceptions);
        Assert.Empty(result.CompileDiagnostics);
        Assert.DoesNotContain(result.Generated.Keys, k => k.Contains("Net.F", StringComparison.Ordinal));
        return Assert.Single(result.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    private static string At(Diagnostic d) => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan);

    [Fact]
    public void AnArrayArgumentThatIsNoLocalOrParameter_IsADG0003AtTheCall()
    {
        var error = OnlyError("public static class H { public static void Add(double[] a, double v) { a[0] += v; } }",
            "var rows = new double[2][]; rows[0] = new double[2]; H.Add(rows[0], x); return rows[0][0];");
        Assert.Equal("ADG0003", error.Id);
        Assert.Equal("H.Add(rows[0], x)", At(error));
        Assert.Contains("pass a local array", error.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("public static class H { static readonly double K = 2; public static void Add(double[] a, double v) { a[0] += v * K; } }", "ADG0004", "'H.K', which 'Net'")]
    [InlineData("public static class H { public static double Last; public static void Add(double[] a, double v) { a[0] += v; Last = v; } }", "ADG0003", "Last")]
    [InlineData("public static class H { public static void Add(double[] a, double v) { if (v > 0) Add(a, v - 1); a[0] += v; } }", "ADG0003", "recursive")]
    public void AHelperThatCannotBeInlined_IsOneErrorAtTheCall(string helper, string id, string named)
    {
        var error = OnlyError(helper, "var a = new double[1]; H.Add(a, x); return a[0] * x;");
        Assert.Equal(id, error.Id);
        Assert.Equal("H.Add(a, x)", At(error));
        Assert.Contains(named, error.GetMessage(), StringComparison.Ordinal);
    }
}
