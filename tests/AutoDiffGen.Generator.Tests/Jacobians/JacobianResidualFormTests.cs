using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Jacobians;

/// <summary>
/// The residual vector a least-squares user writes first (samples/LevenbergMarquardt): all m residuals of an array of
/// observations. Written into an output span or array by a void method it is supported (rows = the output's elements,
/// SpanOutputs/SpanOutputTests); returned as a double[] it gets an error at the construct with the way out, and no
/// code. The tuple of residuals (m ≤ 7) and one residual per observation are checked to agree here.
/// </summary>
public class JacobianResidualFormTests
{
    private const string Prelude = "using System; using AutoDiffGen; public record struct Wave(double A, double B, double C, double D); public static partial class Fit { ";

    [Theory]
    // Writing into a Span<double> or double[] parameter is supported now (SpanOutputs/SpanOutputTests checks its
    // MJacobian against one residual per observation); returning the residuals as an array stays ADG0005 at the return type.
    [InlineData("[Differentiable(Jacobian = true)] public static double[] Residuals(Wave p, double[] t, double[] y) { var r = new double[t.Length]; for (int i = 0; i < t.Length; i++) r[i] = p.A * Math.Exp(-p.B * t[i]) - y[i]; return r; }",
        "ADG0005", "double[]", "a tuple of 2 to 7 doubles/floats")]
    public void AResidualVectorOverAnArray_IsAnError_WithNoCode(string member, string id, string span, string says)
    {
        var result = GeneratorHarness.Run(Prelude + member + " }");
        // Some are the generator's, some the analyzer's (ADG0005 on the signature): both, one error in all.
        var errors = result.GeneratorDiagnostics.Concat(GeneratorHarness.AnalyzerDiagnostics(result.Compilation)).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var hit = Assert.Single(errors);
        Assert.Equal(id, hit.Id);
        Assert.Equal(span, hit.Location.SourceTree!.GetText().ToString(hit.Location.SourceSpan));
        Assert.Contains(says, hit.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(result.Generated.Keys, k => k.Contains(".Residuals_", StringComparison.Ordinal));
        Assert.Empty(result.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void TheSupportedForms_TupleOfResidualsAndOneResidualPerObservation_GiveTheSameJacobian()
    {
        // The six-residual tuple and the per-observation residual of the same model: MJacobian's rows agree.
        const string source = """
            using System;
            using AutoDiffGen;
            public record struct Wave(double A, double B, double C, double D);
            public static partial class Fit
            {
                [Differentiable(Jacobian = true)]
                public static double Residual(Wave p, [NoDiff] double t, [NoDiff] double y) => p.A * Math.Exp(-p.B * t) * Math.Cos(p.C * t + p.D) - y;

                [Differentiable(Jacobian = true)]
                public static (double, double, double) Three(Wave p) => (Residual(p, 0.5, 1.0), Residual(p, 1.5, -0.25), Residual(p, 3.0, 0.125));

                public static double[] Rows(Wave p)
                {
                    var j = new double[12];
                    Row(p, 0.5, 1.0, j.AsSpan(0, 4));
                    Row(p, 1.5, -0.25, j.AsSpan(4, 4));
                    Row(p, 3.0, 0.125, j.AsSpan(8, 4));
                    return j;
                }

                public static double[] Whole(Wave p)
                {
                    var j = new double[12];
                    ThreeJacobian(p, j);
                    return j;
                }

                public static double Row(Wave p, double t, double y, Span<double> row) => ResidualJacobian(p, t, y, row);
            }
            """;
        var assembly = GeneratorHarness.CompileAndLoad(source);
        var fit = assembly.GetType("Fit")!;
        var wave = Activator.CreateInstance(assembly.GetType("Wave")!, 2.5, 0.3, 2.0, 0.5)!;
        var rows = (double[])fit.GetMethod("Rows")!.Invoke(null, new[] { wave })!;
        var whole = (double[])fit.GetMethod("Whole")!.Invoke(null, new[] { wave })!;
        double[] ts = { 0.5, 1.5, 3.0 };
        for (int i = 0; i < 3; i++)
        {
            // By hand: ∂r/∂A = e^(−Bt)cos(Ct+D), ∂r/∂B = −tA e^(−Bt)cos, ∂r/∂C = −tA e^(−Bt)sin, ∂r/∂D = −A e^(−Bt)sin.
            double t = ts[i], e = Math.Exp(-0.3 * t), cos = Math.Cos((2.0 * t) + 0.5), sin = Math.Sin((2.0 * t) + 0.5);
            double[] hand = { e * cos, -t * 2.5 * e * cos, -t * 2.5 * e * sin, -2.5 * e * sin };
            for (int k = 0; k < 4; k++)
            {
                Tolerance.AssertFormula(hand[k], rows[(i * 4) + k], $"row {i}, column {k}");
                Tolerance.AssertFormula(hand[k], whole[(i * 4) + k], $"tuple row {i}, column {k}");
            }
        }
    }
}
