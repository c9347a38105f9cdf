using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.RefOut;

/// <summary>
/// What stays an error around ref/out/in parameters, void methods and written arrays: each at the offending syntax,
/// with no code generated for the method (never a silently wrong gradient, never a broken build).
/// </summary>
public class RefOutDiagnosticTests
{
    private const string Prelude = """
        using System;
        using AutoDiffGen;
        public static partial class H
        {
            [Differentiable] public static void Step(ref double x, ref double v, double h) { x = x + h * v; v = v - h * x; }
            [Differentiable] public static void Swap(ref double a, ref double b) { double t = a; a = b; b = t; }
            [Differentiable] public static void Subtract(double[] a, double[] b, double[] result) { for (int i = 0; i < a.Length; i++) result[i] = a[i] - b[i]; }
            [Differentiable] public static double Scale(double[] arr) { for (int i = 0; i < arr.Length; i++) arr[i] *= 5; return arr[0]; }
            [Differentiable] public static double Dot(double[] u, double[] w) => u[0] * w[0] + u[1] * w[1];
            [Differentiable(Hessian = true)] public static double Square(in double a) => a * a;
            [Differentiable(Forward = true)] public static double Split(double a, out double square) { square = a * a; return Math.Sin(a); }
            public static void Bump(ref double x) { x += 1; }
            public static double BumpAndReturn(ref double x) { x += 1; return x; }
            public static double Seen;
            public static double BumpAndRemember(ref double x) { x += 1; Seen = x; return x; }
        }
        """;

    private static GeneratorOutput Run(string member) =>
        GeneratorHarness.Run(Prelude, Source(member));

    /// <summary>As <see cref="Run"/>, for a test that loads the result (one emit gives the compile diagnostics and the image).</summary>
    private static GeneratorOutput RunForLoad(string member) => GeneratorHarness.RunForLoad(Prelude, Source(member));

    private static string Source(string member) => "using System; using AutoDiffGen; public static partial class C { " + member + " }";

    /// <summary>The one error <paramref name="id"/>, underlining <paramref name="underlined"/>; C gets no code, and nothing breaks.</summary>
    private static Diagnostic Only(string member, string id, string underlined)
    {
        var result = Run(member);
        Assert.True(result.Exceptions.IsEmpty, result.Dump());
        Assert.DoesNotContain(result.Generated.Keys, k => k.StartsWith("C.", StringComparison.Ordinal));
        Assert.Empty(result.CompileDiagnostics);
        var all = result.GeneratorDiagnostics.Concat(result.AnalyzerDiagnostics).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var d = Assert.Single(all);
        Assert.Equal(id, d.Id);
        Assert.Equal(underlined, d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan));
        return d;
    }

    [Theory]
    [InlineData("[Differentiable] public static double F(ref double[] x) => x[0];", "ref double[] x")]
    [InlineData("[Differentiable] public static double F(ref int n, double x) => x * n;", "ref int n")]
    [InlineData("[Differentiable] public static double F(out System.Numerics.Vector2 p, double x) { p = default; return x; }", "out System.Numerics.Vector2 p")]
    public void ByReferenceOtherThanDoubleOrFloat_IsADG0006(string member, string underlined)
    {
        var d = Only(member, "ADG0006", underlined);
        Assert.Contains("ref, out and in are supported for double and float parameters", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void RefReturn_IsADG0005()
    {
        var d = Only("static double s; [Differentiable] public static ref double F(double x) => ref s;", "ADG0005", "ref double");
        Assert.Contains("or be void", d.GetMessage(), StringComparison.Ordinal);
    }

    // Early returns in void methods and before the end of methods with ref/out parameters: supported now (RefOut/EarlyReturnTests).

    [Theory]
    // A method writing a double[,] has a forward tangent since 2026-12-03 (void; returning a double since the second session:
    // Forward/ValueAndArrayForwardTests); one that also returns a struct has none.
    [InlineData("[Differentiable(Forward = true)] public static System.Numerics.Vector2 F(float x, float[,] r) { r[0, 0] = x * x; return new System.Numerics.Vector2(x, x); }", "float[,] r")]
    // A ref parameter has a forward tangent since 2026-12-03 (Forward/RefParameterForwardTests); a [NoDiff] one has none to pass.
    [InlineData("[Differentiable(Forward = true)] public static double F([NoDiff] ref double k, double x) { k = k + 1; return x * k; }", "[NoDiff] ref double k")]
    [InlineData("[Differentiable(Forward = true)] public static System.Numerics.Vector2 F(float[] a) { a[0] *= 2; return new System.Numerics.Vector2(a[0], a[1]); }", "float[] a")]
    public void ForwardMode_IsADG0018(string member, string underlined) => Only(member, "ADG0018", underlined);

    [Fact]
    public void ForwardMode_OfARefCallToACalleeWithoutForward_GetsItsForwardFromItsBody()
    {
        // ADG0018 at H.Step(ref x, ref v, 0.1) until 2026-12-03 (hess6): Step's MForward is now written from its body (DerivedForms).
        var result = GeneratorHarness.RunForLoad(Prelude, "using System; using AutoDiffGen; public static partial class C { [Differentiable(Forward = true)] public static double F(double x) { double v = 1; H.Step(ref x, ref v, 0.1); return x * v; } }");
        result.AssertClean();
        var type = GeneratorHarness.Load(result).GetType("C")!;
        // x1 = x + 0.1, v1 = 1 − 0.1·x1, f = x1·v1: f' = v1 − 0.1·x1 = 1 − 0.2·(x + 0.1).
        double x = 0.6;
        var args = new object[] { x, 1.0, null! };
        type.GetMethod("FForward")!.Invoke(null, args);
        Tolerance.AssertFormula(1 - 0.2 * (x + 0.1), (double)args[2], "F's tangent by hand");
        var f = type.GetMethod("F")!.CreateDelegate<Func<double, double>>();
        Tolerance.AssertCentral((f(x + 1e-6) - f(x - 1e-6)) / 2e-6, (double)args[2], 1, "F's tangent vs central differences");
    }

    /// <summary>
    /// MHessian is the Hessian of the real result with respect to the parameters passed by value (or in): a ref or out
    /// parameter is ADG0019 at it; a call passing ref, out or in arguments that carry a gradient is ADG0019 at the call
    /// (the forward-over-reverse product differentiates a call through a by-value callee's MBackwardTangent), with no
    /// second error at a later read of what the call set. Before 2026-12-03 (second session) these were reported at the
    /// method's name ("writes into a ref, out or array parameter", "A call in 'F'" and an operation 'CallOutput').
    /// </summary>
    [Theory]
    [InlineData("[Differentiable(Hessian = true)] public static double F(ref double a, double b) => a * a * b;", "ref double a", "passed by ref")]
    [InlineData("[Differentiable(Hessian = true)] public static double F(double x, out double q) { q = x; return x * x; }", "out double q", "return the value it carries")]
    [InlineData("[Differentiable(Hessian = true)] public static double F(double x, double y) { double v = y; H.Step(ref x, ref v, 0.1); return x * v; }", "H.Step(ref x, ref v, 0.1)", "ref, out or in arguments")]
    [InlineData("[Differentiable(Hessian = true)] public static double F(double x) { double q; double s = H.Split(x, out q); return s * q; }", "H.Split(x, out q)", "take its inputs by value")]
    [InlineData("[Differentiable(Hessian = true)] public static double F(double x) { for (int i = 0; i < 2; i++) x = Math.Tanh(H.Split(x, out var q) * q); return x; }", "H.Split(x, out var q)", "write its body inline")]
    [InlineData("[Differentiable(Hessian = true)] public static double F(double x, double y) => H.Square(in x) * y;", "H.Square(in x)", "ref, out or in arguments")]
    public void HessianMode_IsADG0019AtTheParameterOrTheCall(string member, string underlined, string says)
    {
        var d = Only(member, "ADG0019", underlined);
        Assert.Contains(says, d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void StoringAGradientIntoANoDiffArray_IsADG0003()
    {
        var d = Only("[Differentiable] public static double F(double x, [NoDiff] double[] log) { log[0] = x * x; return x; }", "ADG0003", "x * x");
        Assert.Contains("[NoDiff] array", d.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    // An element of a local array by ref is supported (ArrayWrites/ElementStoreFormTests), but not two of one array at once.
    [InlineData("double[] a = new double[2]; a[0] = x; a[1] = 1; H.Step(ref a[0], ref a[1], 0.1); return a[1];", "a[0]")]
    [InlineData("H.Swap(ref x, ref x); return x;", "x")]
    public void ARefArgumentThatIsNotAPlainVariable_OrOneVariableTwice_IsADG0003(string body, string underlined)
    {
        // The second 'x' in Swap(ref x, ref x) is the one reported: the first is taken.
        var result = Run("[Differentiable] public static double F(double x) { " + body + " }");
        Assert.DoesNotContain(result.Generated.Keys, k => k.StartsWith("C.", StringComparison.Ordinal));
        var d = Assert.Single(result.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ADG0003", d.Id);
        Assert.Equal(underlined, d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan));
    }

    /// <summary>
    /// A value-returning plain helper with a ref parameter is inlined since try12 (PlainHelpers/PlainTryHelperTests):
    /// t = x + 1 and u = x + 1, so f = (x + 1)², f′ = 2(x + 1), by hand and by central differences.
    /// </summary>
    [Fact]
    public void ARefArgumentToAValueReturningPlainHelper_IsInlined()
    {
        var run = RunForLoad("[Differentiable] public static double F(double x) { double t = x; double u = H.BumpAndReturn(ref t); return u * t; }");
        Assert.True(run.GeneratorDiagnostics.IsEmpty && run.CompileDiagnostics.IsEmpty, run.Dump());
        var g = CentralDifferenceRunner.Check(GeneratorHarness.Load(run).GetType("C")!.GetMethod("F")!, null, new object[] { 0.7 }).Gradient;
        Tolerance.AssertFormula(2 * (0.7 + 1), g[0]![0], "d/dx");
    }

    /// <summary>One whose body writes state the generator does not follow (a static field) stays an error at the call.</summary>
    [Fact]
    public void ARefArgumentToAHelperWritingAStaticField_StaysAnError()
    {
        var result = Run("[Differentiable] public static double F(double x) { double t = x; double u = H.BumpAndRemember(ref t); return u * t; }");
        Assert.DoesNotContain(result.Generated.Keys, k => k.StartsWith("C.", StringComparison.Ordinal));
        Assert.Contains(result.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Id == "ADG0004"
            && d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan).Contains("BumpAndRemember", StringComparison.Ordinal));
    }

    /// <summary>A plain void helper with a ref parameter is inlined since objects6 (Objects/RefHelperTests): t = x + 1, f = (x + 1)x, f′ = 2x + 1.</summary>
    [Fact]
    public void ARefArgumentToAPlainVoidHelper_IsInlined()
    {
        var run = RunForLoad("[Differentiable] public static double F(double x) { double t = x; H.Bump(ref t); return t * x; }");
        Assert.True(run.GeneratorDiagnostics.IsEmpty && run.CompileDiagnostics.IsEmpty, run.Dump());
        var g = CentralDifferenceRunner.Check(GeneratorHarness.Load(run).GetType("C")!.GetMethod("F")!, null, new object[] { 0.7 }).Gradient;
        Tolerance.AssertFormula((2 * 0.7) + 1, g[0]![0], "d/dx");
    }

    // Calls that write into arrays, and array parameters passed to a callee and written after: supported now
    // (ArrayWrites/ArrayWriteDiagnosticTests and ArrayWriteCallTests).

    [Fact]
    public void AParameterNamedResult_ClashesWithTheSeed_ButNotInAVoidMethod()
    {
        Only("[Differentiable] public static double F(double x, double result) => x * result;", "ADG0012", "double result");
        var ok = Run("[Differentiable] public static void F(double x, out double result) { result = x * x; }");
        Assert.Empty(ok.GeneratorDiagnostics.Concat(ok.AnalyzerDiagnostics));
        Assert.Empty(ok.CompileDiagnostics);
        Assert.Contains(ok.Generated.Keys, k => k.StartsWith("C.F", StringComparison.Ordinal));
    }
}
