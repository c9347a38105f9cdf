using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.AdBench;

/// <summary>
/// Arrays held by a constant model object, found by writing ADBench's hand model naturally (<c>MatMul(4, 4, 4,
/// model.BaseRelatives.AsSpan(16 * i, 16), tr, relative)</c> in a loop over bones):
/// <list type="bullet">
/// <item>a slice of a member array passed in a loop crashed the generator (ADG9999: no tape for double[]);</item>
/// <item>the whole member array passed in a loop was ADG0003 ("computed inside a loop"), though nothing computed it;</item>
/// <item>a member array passed where a span is expected, outside a loop, broke the build (CS1503: a scratch adjoint
/// made from the span as if it were an array).</item>
/// </list>
/// Such a member is now read again in the reverse sweep when nothing in the method can change the object, the member or
/// its elements (<c>ConstantMembers</c>); otherwise it stays a diagnosed value, as before.
/// </summary>
public class ConstantMemberArraysTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public sealed class Model
        {
            public double[] A = new double[4];
            public double[] B { get; set; } = new double[2];
            public Model Inner = null!;
        }

        public static partial class K
        {
            [Differentiable]
            public static double Dot(int n, ReadOnlySpan<double> a, ReadOnlySpan<double> b)
            {
                double s = 0;
                for (int i = 0; i < n; i++) s += a[i] * b[i];
                return s;
            }

            [Differentiable]
            public static void Scale(ReadOnlySpan<double> a, double w, double[] output)
            {
                for (int i = 0; i < a.Length; i++) output[i] = w * a[i];
            }

            // Σ_i A[2i..2i+2]·x: x's gradient is A[0..2] + A[2..4].
            [Differentiable]
            public static double SliceInLoop(Model model, double[] x)
            {
                double s = 0;
                for (int i = 0; i < 2; i++) s += Dot(2, model.A.AsSpan(2 * i, 2), x) * x[0];
                return s;
            }

            [Differentiable]
            public static double WholeInLoop(Model model, double[] x, int n)
            {
                double s = 0;
                for (int i = 0; i < n; i++) s += Dot(2, model.B, x) * (i + x[1]);
                return s;
            }

            [Differentiable]
            public static double NoLoop(Model model, double[] x) => Dot(2, model.A.AsSpan(2, 2), x) * Dot(2, model.A, x);

            [Differentiable]
            public static double Nested(Model model, double[] x)
            {
                double s = 0;
                var t = new double[2];
                for (int i = 0; i < 3; i++)
                {
                    Scale(model.Inner.B, x[i % 2], t);
                    s += t[0] * t[1] + Dot(2, model.Inner.A, x);
                }
                return s;
            }

            [Differentiable]
            public static double Marked(double[] x, [NoDiff] Model model)
            {
                double s = 0;
                for (int i = 0; i < 2; i++) s += x[i] * Dot(2, model.A.AsSpan(2 * i, 2), x);
                return s;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo M(string name) => Compiled.Value.GetType("K")!.GetMethod(name)!;

    private static object Model()
    {
        var type = Compiled.Value.GetType("Model")!;
        object Make(double[] a, double[] b)
        {
            var m = Activator.CreateInstance(type)!;
            type.GetField("A")!.SetValue(m, a);
            type.GetProperty("B")!.SetValue(m, b);
            return m;
        }
        var model = Make(new[] { 1.5, -2, 0.5, 3 }, new[] { 0.7, -1.1 });
        type.GetField("Inner")!.SetValue(model, Make(new[] { 2.0, -0.5 }, new[] { 1.25, 0.5 }));
        return model;
    }

    [Fact]
    public void ASliceOfAMemberInALoop_MatchesCentralDifferences_AndTheHandGradient()
    {
        // f = x0·(A0 x0 + A1 x1 + A2 x0 + A3 x1): ∂f/∂x1 = x0 (A1 + A3).
        double[] x = { 0.4, -1.3 };
        var result = CentralDifferenceRunner.Check(M("SliceInLoop"), null, new object[] { Model(), x });
        Assert.Equal(x[0] * (-2 + 3), result.Gradient[1]![1], 12);
    }

    [Theory]
    [InlineData("WholeInLoop")]
    [InlineData("NoLoop")]
    [InlineData("Nested")]
    [InlineData("Marked")]
    public void AMemberArray_MatchesCentralDifferences(string method)
    {
        object[] point = method == "WholeInLoop" ? new object[] { Model(), new[] { 0.4, -1.3 }, 3 }
            : method == "Marked" ? new object[] { new[] { 0.4, -1.3 }, Model() }
            : new object[] { Model(), new[] { 0.4, -1.3 } };
        var result = CentralDifferenceRunner.Check(M(method), null, point);
        Assert.Contains(result.Gradient.First(g => g is not null)!, g => g != 0);
    }

    [Fact]
    public void TheGeneratedCode_CompilesWithoutWarnings()
    {
        var result = GeneratorHarness.Run(Source);
        Assert.True(result.Exceptions.IsEmpty, result.Dump());
        Assert.Empty(result.GeneratorDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Empty(result.CompileDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Theory]
    // The parameter is replaced in the loop: the member read later is another array, so it stays a value computed in the loop.
    [InlineData("[Differentiable] public static double Bad(Model model, Model other, double[] x) { double s = 0; for (int i = 0; i < 2; i++) { s += Dot(2, model.A, x); model = other; } return s; }", "model.A")]
    // The object goes to a method that could replace its arrays.
    [InlineData("static void Touch(Model m) { } [Differentiable] public static double Bad(Model model, double[] x) { double s = 0; for (int i = 0; i < 2; i++) { s += Dot(2, model.A, x); Touch(model); } return s; }", null)]
    // A callee writes into the member's elements in the loop.
    [InlineData("[Differentiable] public static double Bad(Model model, double[] x) { double s = 0; for (int i = 0; i < 2; i++) { s += Dot(2, model.A, x); Scale(x, 2, model.A); } return s; }", null)]
    public void AMemberThatCanChange_IsNotReadAgain_ItIsAnError(string member, string? underlined)
    {
        var result = GeneratorHarness.Run(Source.Replace("public static partial class K\n{", "public static partial class K\n{\n" + member, StringComparison.Ordinal));
        Assert.True(result.Exceptions.IsEmpty, result.Dump());
        Assert.DoesNotContain(result.Generated.Keys, k => k.StartsWith("K.Bad", StringComparison.Ordinal));
        Assert.Empty(result.CompileDiagnostics);
        var errors = result.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.NotEmpty(errors);
        Assert.DoesNotContain(errors, d => d.Id == "ADG9999");
        if (underlined is not null)
            Assert.Contains(errors, d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == underlined);
    }
}
