using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Forward;

/// <summary>
/// What forward mode does not support is an error at the offending code (ADG0018), never a missing or silently
/// zero tangent; the same source without <c>Forward = true</c> is clean, so each error is forward mode's.
/// </summary>
public class ForwardDiagnosticTests
{
    private static List<Diagnostic> Errors(string source) =>
        GeneratorHarness.Run(source).GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

    private static string Span(Diagnostic d) => d.Location.SourceTree!.ToString().Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length);

    private static void AssertCleanWithoutForward(string source) =>
        GeneratorHarness.Run(source.Replace("[Differentiable(Forward = true)]", "[Differentiable]")).AssertClean();

    [Fact]
    public void CallToACalleeWithoutForward_WhoseBodyForwardModeRefuses_IsAnErrorAtTheCall()
    {
        // Until 2026-12-03 (hess6) every callee without Forward = true was refused here; one forward mode can differentiate
        // now gets its MForward from its body (CallToACalleeWithoutForward_GetsItsForwardFromItsBody below).
        const string source = """
            using System;
            using AutoDiffGen;
            public static partial class C
            {
                [Differentiable]
                public static double Act(double x) { Console.Out.Write(""); return Math.Tanh(x); }

                [Differentiable(Forward = true)]
                public static double Loss(double w, double x) => Act(w * x) + Act(2.0) * w;
            }
            """;
        var error = Assert.Single(Errors(source), e => e.Id == "ADG0018");
        Assert.Equal("Act(w * x)", Span(error));   // Act(2.0) carries no gradient: computed as it stands
        Assert.Contains("'C.Act' has no forward derivative (MForward) of its own, and its body cannot be given one: ADG0002 at line 6", error.GetMessage());
        Assert.Contains("add Forward = true to its [Differentiable] attribute", error.GetMessage());
    }

    [Fact]
    public void CallToACalleeWithoutForward_GetsItsForwardFromItsBody()
    {
        // The pin above until 2026-12-03: Act has no Forward = true, so its MForward is written from its body for Loss.
        const string source = """
            using System;
            using AutoDiffGen;
            public static partial class C
            {
                [Differentiable]
                public static double Act(double x) => Math.Tanh(x);

                [Differentiable(Forward = true)]
                public static double Loss(double w, double x) => Act(w * x) + Act(2.0) * w;
            }
            """;
        var type = GeneratorHarness.CompileAndLoad(source).GetType("C")!;
        double w = 0.7, x = -1.3, tw = 0.4, tx = -0.9;
        var args = new object[] { w, x, tw, tx, null! };
        Tolerance.AssertFormula(Math.Tanh(w * x) + Math.Tanh(2.0) * w, (double)type.GetMethod("LossForward")!.Invoke(null, args)!);
        // By hand: (1 − tanh²(wx))·(x·tw + w·tx) + tanh 2·tw.
        double t = Math.Tanh(w * x), hand = (1 - t * t) * (x * tw + w * tx) + Math.Tanh(2.0) * tw;
        Tolerance.AssertFormula(hand, (double)args[4], "tResult by hand");
        var loss = type.GetMethod("Loss")!.CreateDelegate<Func<double, double, double>>();
        const double step = 1e-6;
        Tolerance.AssertCentral((loss(w + step * tw, x + step * tx) - loss(w - step * tw, x - step * tx)) / (2 * step), (double)args[4], 1, "tResult vs central differences");
    }

    [Fact]
    public void CallWithAHandWrittenReverseDerivative_IsAnErrorAtTheCall()
    {
        const string source = """
            using AutoDiffGen;
            public static partial class C
            {
                public static double Cube(double x) => x * x * x;

                [DerivativeOf(nameof(Cube))]
                public static double CubeBackward(double x, ref double dX, double dResult = 1) { dX += 3 * x * x * dResult; return x * x * x; }

                [Differentiable(Forward = true)]
                public static double F(double x) => Cube(x) + 1;
            }
            """;
        var error = Assert.Single(Errors(source));
        Assert.Equal("ADG0018", error.Id);
        Assert.Equal("Cube(x)", Span(error));
        Assert.Contains("[DerivativeOf]", error.GetMessage());
        AssertCleanWithoutForward(source);
    }

    [Fact]
    public void TensorParameter_HasATensorTangent_AndNoDiffTensorNone()
    {
        // Moved pin (modes8): a tensor parameter was ADG0018 here; it now has a tangent tensor of its shape (tW), a [NoDiff]
        // one none. f = Σ w·x with w = [[1, 2]], x = [[3], [4]]: f = 11, and along tW = [[0.5, −1]], tf = Σ tW·x = 1.5 − 4 = −2.5.
        const string source = """
            using AutoDiffGen;
            using AutoDiffGen.Tensors;
            public static partial class C
            {
                [Differentiable(Forward = true)]
                public static float Loss(Tensor w, [NoDiff] Tensor x) => Tensor.Sum(Tensor.MatMul(w, x));
            }
            """;
        var forward = GeneratorHarness.CompileAndLoad(source).GetType("C")!.GetMethod("LossForward")!;
        Assert.Equal(new[] { "w", "x", "tW", "tResult" }, forward.GetParameters().Select(p => p.Name));
        var args = new object?[]
        {
            AutoDiffGen.Tensors.Tensor.FromArray(new float[,] { { 1f, 2f } }), AutoDiffGen.Tensors.Tensor.FromArray(new float[,] { { 3f }, { 4f } }),
            AutoDiffGen.Tensors.Tensor.FromArray(new float[,] { { 0.5f, -1f } }), null,
        };
        Assert.Equal(11f, (float)forward.Invoke(null, args)!);
        Assert.Equal(-2.5f, (float)args[3]!);
    }

    [Fact]
    public void StructParameter_GetsAStructTangent_AndNoError()
    {
        // Was ADG0018 until forward mode wrote struct tangents: the tangent of a real struct is the struct by value
        // (Structs/VectorResultTests and StructCallTests check its values against central differences and MBackward).
        const string source = """
            using System.Numerics;
            using AutoDiffGen;
            public static partial class C
            {
                [Differentiable(Forward = true)]
                public static float Reach(Vector2 p, [NoDiff] Vector2 q) => Vector2.Distance(p, q);
            }
            """;
        var result = GeneratorHarness.Run(source);
        result.AssertClean();
        Assert.Contains("ReachForward(global::System.Numerics.Vector2 p, global::System.Numerics.Vector2 q, global::System.Numerics.Vector2 tP, out float tResult)",
            string.Concat(result.Generated.Values), StringComparison.Ordinal);
    }

    [Fact]
    public void NamesForwardNeeds_AreChecked()
    {
        const string source = """
            using AutoDiffGen;
            public static partial class C
            {
                [Differentiable(Forward = true)]
                public static double F(double x, double tX) => x * tX;

                [Differentiable(Forward = true)]
                public static double G(double tResult) => tResult * tResult;

                [Differentiable(Forward = true)]
                public static double H(double x) => x * x;

                public static double HForward(double x) => x;
            }
            """;
        // Declaration rules: the analyzer reports them, the generator never does (it only generates nothing).
        var run = GeneratorHarness.Run(source);
        Assert.DoesNotContain(run.GeneratorDiagnostics, e => e.Id is "ADG0008" or "ADG0012");
        var errors = run.AnalyzerDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.Contains(errors, e => e.Id == "ADG0012" && e.GetMessage().Contains("The tangent of parameter 'x'") && Span(e) == "double x");
        Assert.Contains(errors, e => e.Id == "ADG0012" && e.GetMessage().Contains("tResult") && Span(e) == "double tResult");
        Assert.Contains(errors, e => e.Id == "ADG0008" && e.GetMessage().Contains("'HForward'"));
    }

    [Fact]
    public void ALocalNamedLikeATangent_IsRenamedNotClashing()
    {
        const string source = """
            using System;
            using AutoDiffGen;
            public static partial class C
            {
                [Differentiable(Forward = true)]
                public static double F(double x)
                {
                    double tX = Math.Sin(x);
                    double tResult = tX * x;
                    return tResult;
                }
            }
            """;
        var type = GeneratorHarness.CompileAndLoad(source).GetType("C")!;
        var args = new object[] { 0.8, 1.0, null! };
        double value = (double)type.GetMethod("FForward")!.Invoke(null, args)!;
        Tolerance.AssertFormula(Math.Sin(0.8) * 0.8, value);
        Tolerance.AssertFormula((Math.Cos(0.8) * 0.8) + Math.Sin(0.8), (double)args[2], "tResult");
    }
}
