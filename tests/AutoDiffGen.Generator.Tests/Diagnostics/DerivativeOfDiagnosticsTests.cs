using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Diagnostics;

/// <summary>[DerivativeOf] checks: wrong signature (ADG0013), never used (ADG0014), and derivatives in a third type.</summary>
public class DerivativeOfDiagnosticsTests
{
    [Fact]
    public void WrongSignature_IsAnErrorAtTheAttribute_PrintingTheExpectedShapes()
    {
        const string source = """
            using AutoDiffGen;
            public static partial class C
            {
                public static double Cube(double x) => x * x * x;

                [DerivativeOf(nameof(Cube))]
                public static double CubeBackward(double x, ref float dX, double dResult = 1) => x;

                [DerivativeOf("Nope")]
                public static double Bogus(double x) => x;
            }
            """;
        var result = GeneratorHarness.Run(source);
        var errors = result.GeneratorDiagnostics.Where(d => d.Id == "ADG0013").ToList();
        Assert.Equal(2, errors.Count);
        var shape = errors.Single(d => d.GetMessage().Contains("Cube"));
        Assert.Contains("double CubeBackward(double x, ref double dX, double dResult)", shape.GetMessage());
        Assert.Contains("void CubePullback(double x, double result, double dResult, ref double dX)", shape.GetMessage());
        Assert.Equal("DerivativeOf(nameof(Cube))", Span(source, shape));
        Assert.Contains("no method named 'Nope'", errors.Single(d => d.GetMessage().Contains("Bogus")).GetMessage());
    }

    [Fact]
    public void UnusedPrivateDerivative_IsAWarningAtItsName_UsedOrPublicOnesAreNot()
    {
        const string source = """
            using AutoDiffGen;
            public static partial class C
            {
                internal static double Cube(double x) => x * x * x;
                internal static double Square(double x) => x * x;
                public static double Quartic(double x) => x * x * x * x;

                [DerivativeOf(nameof(Cube))]
                internal static double CubeBackward(double x, ref double dX, double dResult = 1) { dX += 3 * x * x * dResult; return x * x * x; }

                [DerivativeOf(nameof(Square))]
                internal static double SquareBackward(double x, ref double dX, double dResult = 1) { dX += 2 * x * dResult; return x * x; }

                [DerivativeOf(nameof(Quartic))]
                public static double QuarticBackward(double x, ref double dX, double dResult = 1) { dX += 4 * x * x * x * dResult; return x * x * x * x; }

                [Differentiable]
                public static double UsesSquare(double x) => Square(x) + 1;
            }
            """;
        var result = GeneratorHarness.Run(source);
        var warning = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "ADG0014");
        Assert.Equal("CubeBackward", Span(source, warning));
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning, warning.Severity);
    }

    [Fact]
    public void UnusedWarning_RespectsPragma()
    {
        const string source = """
            using AutoDiffGen;
            public static partial class C
            {
                internal static double Cube(double x) => x * x * x;
            #pragma warning disable ADG0014
                [DerivativeOf(nameof(Cube))]
                internal static double CubeBackward(double x, ref double dX, double dResult = 1) => x;
            #pragma warning restore ADG0014
            }
            """;
        var result = GeneratorHarness.Run(source);
        // The driver filters generator diagnostics through the tree's #pragma state: the location must be tree-backed.
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id == "ADG0014" && !d.IsSuppressed);
        var unsuppressed = GeneratorHarness.Run(source.Replace("#pragma warning disable ADG0014", "").Replace("#pragma warning restore ADG0014", ""));
        Assert.Contains(unsuppressed.GeneratorDiagnostics, d => d.Id == "ADG0014");
    }

    [Fact]
    public void DerivativeInAThirdType_IsFoundAndUsed()
    {
        const string source = """
            using System;
            using AutoDiffGen;
            public static class Library { public static double Softplus(double x) => Math.Log(1 + Math.Exp(x)); }
            public static class Derivatives
            {
                [DerivativeOf(typeof(Library), nameof(Library.Softplus))]
                public static void SoftplusPullback(double x, double result, double dResult, ref double dX) => dX += dResult / (1 + Math.Exp(-x));
            }
            public static partial class Model
            {
                [Differentiable]
                public static double F(double x, double w) => Library.Softplus(w * x) * w;
            }
            """;
        var assembly = GeneratorHarness.CompileAndLoad(source);
        var method = new Differentiated(assembly, "Model", "F");
        var (_, g) = method.Backward(new[] { 0.7, -1.3 });
        GradCheck.Check(p => method.Value(p), new[] { 0.7, -1.3 }, g).ThrowIfFailed();
    }

    private static string Span(string source, Microsoft.CodeAnalysis.Diagnostic d) =>
        d.Location.SourceTree!.ToString().Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length);
}
