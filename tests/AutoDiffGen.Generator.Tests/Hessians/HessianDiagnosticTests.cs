using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>
/// What Hessian mode does not support is an error at the offending code (ADG0019) and no generated code, never a
/// wrong second derivative; the same source without <c>Hessian = true</c> is clean, so each error is Hessian mode's.
/// Name clashes of MHessian and its output parameter are the declaration rules' errors.
/// </summary>
public class HessianDiagnosticTests
{
    private static (List<Diagnostic> Errors, GeneratorOutput Run) Errors(string source)
    {
        var run = GeneratorHarness.Run(source);
        return (run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList(), run);
    }

    private static string Span(Diagnostic d) => d.Location.SourceTree!.ToString().Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length);

    private static void AssertCleanWithoutHessian(string source) =>
        GeneratorHarness.Run(source.Replace("[Differentiable(Hessian = true)]", "[Differentiable]")).AssertClean();

    [Fact]
    public void CallThatCarriesAGradient_ToACalleeWhoseBodyHessianModeRefuses_IsAnErrorAtTheCall()
    {
        // Until 2026-12-03 (hess6) every callee without Hessian = true was refused here; a plain callee Hessian mode can
        // differentiate twice now gets its MBackwardTangent from its body (CallOfAPlainCallee_IsDifferentiatedTwice below).
        const string source = """
            using System;
            using AutoDiffGen;
            public static partial class C
            {
                [Differentiable]
                public static double Act(double x) { Console.Out.Write(""); return Math.Tanh(x); }

                [Differentiable(Hessian = true)]
                public static double Loss(double w, double x) => Act(w * x) + Act(2.0) * w;
            }
            """;
        var (errors, run) = Errors(source);
        var error = Assert.Single(errors, e => e.Id == "ADG0019");
        Assert.Equal("Act(w * x)", Span(error));   // Act(2.0) carries no gradient: computed as it stands
        Assert.Contains("The call to 'C.Act' cannot be differentiated twice in Hessian mode", error.GetMessage());
        Assert.Contains("ADG0002 at line 6", error.GetMessage());
        Assert.Contains("add Hessian = true to its [Differentiable] attribute", error.GetMessage());
        Assert.DoesNotContain(run.Generated.Values, text => text.Contains("LossHessian", StringComparison.Ordinal));
    }

    [Fact]
    public void CallOfAPlainCallee_IsDifferentiatedTwice()
    {
        // The pin above until 2026-12-03: Act has no Hessian = true, so its MBackwardTangent is written from its body.
        const string source = """
            using System;
            using AutoDiffGen;
            public static partial class C
            {
                [Differentiable]
                public static double Act(double x) => Math.Tanh(x);

                [Differentiable(Hessian = true)]
                public static double Loss(double w, double x) => Act(w * x) + Act(2.0) * w;
                public static void LossH(double[] p, double[] h) => LossHessian(p[0], p[1], h);
                public static void LossG(double[] p, double[] g) { double a = 0, b = 0; LossBackward(p[0], p[1], ref a, ref b); g[0] = a; g[1] = b; }
            }
            """;
        var type = GeneratorHarness.CompileAndLoad(source).GetType("C")!;
        var p = new[] { 0.7, -1.3 };
        double w = p[0], x = p[1];
        var h = new double[4];
        type.GetMethod("LossH")!.CreateDelegate<Action<double[], double[]>>()(p, h);
        // By hand, t = tanh(wx), t' = 1 − t², t'' = −2t(1 − t²): H = [[x²t'', t' + wx·t''], [t' + wx·t'', w²t'']].
        double t = Math.Tanh(w * x), d1 = 1 - t * t, d2 = -2 * t * d1;
        var hand = new[] { x * x * d2, d1 + w * x * d2, d1 + w * x * d2, w * w * d2 };
        var central = HessianModeTests.CentralHessian(type.GetMethod("LossG")!.CreateDelegate<Action<double[], double[]>>(), p);
        for (int k = 0; k < 4; k++)
        {
            Tolerance.AssertFormula(hand[k], h[k], "H[" + k + "] by hand");
            Tolerance.AssertCentral(central[k], h[k], 1, "H[" + k + "] vs central differences of MBackward");
        }
    }

    [Fact]
    public void LocalArrayThatCarriesAGradient_InAMethodWithAFloatArray_IsAnErrorAtItsDeclaration()
    {
        // Local arrays are differentiated by forward over reverse (HessianLocalArrayTests); a float[] in a double method
        // keeps second-order forward mode, which has none.
        const string source = """
            using AutoDiffGen;
            public static partial class C
            {
                [Differentiable(Hessian = true)]
                public static double F(float[] x, double w)
                {
                    var t = new double[x.Length];
                    for (int i = 0; i < x.Length; i++) t[i] = x[i] * w;
                    return t[0] * t[1];
                }
            }
            """;
        var (errors, run) = Errors(source);
        var error = Assert.Single(errors);
        Assert.Equal("ADG0019", error.Id);
        Assert.StartsWith("t = new double[x.Length]", Span(error), StringComparison.Ordinal);
        Assert.Contains("The local array 't'", error.GetMessage());
        Assert.Empty(run.Generated);
        AssertCleanWithoutHessian(source);
    }

    [Fact]
    public void LocalArrayOfConstants_IsFine()
    {
        const string source = """
            using AutoDiffGen;
            public static partial class C
            {
                [Differentiable(Hessian = true)]
                public static double F(double x)
                {
                    var c = new double[3];
                    for (int i = 0; i < 3; i++) c[i] = i * 0.5;
                    return c[1] * x * x + c[2] * x;
                }
            }
            """;
        var run = GeneratorHarness.Run(source);
        run.AssertClean();
        Assert.Contains(run.Generated.Values, text => text.Contains("FHessian(double x, global::System.Span<double> hessian)", StringComparison.Ordinal));
    }

    [Fact]
    public void NullableJaggedArrayParameter_IsAnErrorAtTheParameter()
    {
        // A double[][] is numbered row after row since hess16 (HessianJaggedTests); one declared nullable is not (n reads its rows).
        const string source = """
            #nullable enable
            using AutoDiffGen;
            public static partial class C
            {
                [Differentiable(Hessian = true)]
                public static double F(double[][]? x, double w) => x![0][0] * w;
            }
            """;
        GeneratorHarness.Run(source.Replace("double[][]? x", "double[][] x", StringComparison.Ordinal).Replace("x!", "x", StringComparison.Ordinal)).AssertClean();
        var run = GeneratorHarness.Run(source);
        var errors = run.AnalyzerDiagnostics.Concat(run.GeneratorDiagnostics).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.True(e.Id is "ADG0006" or "ADG0019" && Span(e) == "double[][]? x", e.ToString()));
        Assert.DoesNotContain(run.Generated.Values, text => text.Contains("FHessian", StringComparison.Ordinal));
    }

    [Fact]
    public void ParameterNamedHessian_Clashes()
    {
        const string source = """
            using AutoDiffGen;
            public static partial class C
            {
                [Differentiable(Hessian = true)]
                public static double F(double x, double hessian) => x * hessian;
            }
            """;
        var run = GeneratorHarness.Run(source);
        var all = run.AnalyzerDiagnostics.Concat(run.GeneratorDiagnostics).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var error = Assert.Single(all);
        Assert.Equal("ADG0012", error.Id);
        Assert.Equal("double hessian", Span(error));
        Assert.Empty(run.Generated);
    }

    [Fact]
    public void ExistingMemberNamedMHessian_Clashes()
    {
        const string source = """
            using System;
            using AutoDiffGen;
            public static partial class C
            {
                [Differentiable(Hessian = true)]
                public static double F(double x) => x * x;

                public static double FHessian(double x, Span<double> h) => 0;
            }
            """;
        var run = GeneratorHarness.Run(source);
        var error = Assert.Single(run.AnalyzerDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Equal("ADG0008", error.Id);
        Assert.Contains("FHessian", error.GetMessage());
    }
}
