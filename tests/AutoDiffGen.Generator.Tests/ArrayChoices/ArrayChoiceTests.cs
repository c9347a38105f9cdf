using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.ArrayChoices;

/// <summary>
/// Array locals chosen at run time between arrays (<see cref="ArrayChoiceExamples"/>): the adjoint of the chosen array
/// receives the gradient and the other none, by hand and against central differences, on each side of the choice and
/// with a null array (whose adjoint may then be null: MBackward never reads it); MForward by hand; what stays refused
/// gets its ADG error at the expression; the generated code compiles without warnings from C# 7.3 to the latest.
/// </summary>
public class ArrayChoiceTests
{
    private static readonly Lazy<Type> Compiled = new(() => LanguageVersionHarness.RunForLoad(LanguageVersion.CSharp7_3, false, null, ArrayChoiceExamples.Source).Load().GetType("Choices")!);

    private static double[]?[] Checked(string name, params object[] point) =>
        CentralDifferenceRunner.Check(Compiled.Value.GetMethod(name)!, null, point).Gradient;

    private static void Near(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Tolerance.AssertFormula(expected[i], actual[i], what + "[" + i + "]");
    }

    /// <summary>Central difference of a function of x alone (for points with a null array, which the runner does not perturb).</summary>
    private static double Central(Func<double, double> f, double x) => (f(x + 1e-6) - f(x - 1e-6)) / 2e-6;

    [Theory]
    [MemberData(nameof(Statements.ThrowExpressionTests.Versions), MemberType = typeof(Statements.ThrowExpressionTests))]
    public void CompilesWithoutErrorsOrWarnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, ArrayChoiceExamples.Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.All(d => d.Location.SourceTree?.FilePath == "User0.cs"), result.Dump());
        Assert.Equal(4, result.Generated.Count);
    }

    [Fact]
    public void Coalesce_TheGivenArrayGetsTheGradient_ByHandAndCentralDifferences()
    {
        // w0·x + w1·x²: d/dx = w0 + 2·w1·x, d/dw = (x, x²).
        double x = 0.7;
        var g = Checked("Coalesce", x, new[] { 1.5, -0.4 });
        Near(new[] { 1.5 + (2 * -0.4 * x) }, g[0]!, "dX");
        Near(new[] { x, x * x }, g[1]!, "dWeights");
    }

    [Fact]
    public void Coalesce_OfNull_IsTheDefaultArray_AndANullAdjointIsNeverRead()
    {
        // weights null: w = (1, 1), x + x², d/dx = 1 + 2x = 2.4 at 0.7.
        var type = Compiled.Value;
        var args = new object?[] { 0.7, null, 0.0, null, 1.0 };
        double value = (double)type.GetMethod("CoalesceBackward")!.Invoke(null, args)!;
        Tolerance.AssertFormula(0.7 + (0.7 * 0.7), value, "value");
        Tolerance.AssertFormula(2.4, (double)args[2]!, "dX by hand");
        var primal = type.GetMethod("Coalesce")!;
        Tolerance.AssertCentral(Central(v => (double)primal.Invoke(null, new object?[] { v, null })!, 0.7), (double)args[2]!, value, "dX central");
        // A null array with an adjoint given: the adjoint stays untouched.
        var dW = new[] { 0.25, 0.5 };
        type.GetMethod("CoalesceBackward")!.Invoke(null, new object?[] { 0.7, null, 0.0, dW, 1.0 });
        Assert.Equal(new[] { 0.25, 0.5 }, dW);
        // A non-null array with a null adjoint: ArgumentNullException naming dWeights (Emit/ArgumentChecks).
        var thrown = Assert.Throws<System.Reflection.TargetInvocationException>(() => type.GetMethod("CoalesceBackward")!.Invoke(null, new object?[] { 0.7, new[] { 1.0, 2.0 }, 0.0, null, 1.0 })).InnerException;
        Assert.Equal("dWeights", Assert.IsType<ArgumentNullException>(thrown).ParamName);
    }

    [Fact]
    public void Pick_OnlyTheChosenArrayGetsTheGradient_LengthsDiffer()
    {
        // x·Σw: d/dx = Σw, d/dw_i = x for the chosen array, 0 for the other.
        double x = -0.6;
        double[] a = { 0.5, 1.25, -2.0 }, b = { 3.0, 0.75 };
        var first = Checked("Pick", a, b, true, x);
        Near(new[] { x, x, x }, first[0]!, "dA (chosen)");
        Near(new[] { 0.0, 0.0 }, first[1]!, "dB (not chosen)");
        Near(new[] { 0.5 + 1.25 - 2.0 }, first[3]!, "dX");
        var second = Checked("Pick", a, b, false, x);
        Near(new[] { 0.0, 0.0, 0.0 }, second[0]!, "dA (not chosen)");
        Near(new[] { x, x }, second[1]!, "dB (chosen)");
        Near(new[] { 3.75 }, second[3]!, "dX");
    }

    [Fact]
    public void WithLocal_ALocalArrayChosen_SendsItsGradientToX()
    {
        double x = 0.8;
        // a.Length > 2: a0·a_last, d/da = (a_last, 0, a0), d/dx = 0.
        var along = Checked("WithLocal", x, new[] { 1.5, 2.0, -0.5 });
        Near(new[] { 0.0 }, along[0]!, "dX");
        Near(new[] { -0.5, 0.0, 1.5 }, along[1]!, "dA");
        // Else the local (x, 2x): 2x², d/dx = 4x = 3.2, d/da = 0.
        var local = Checked("WithLocal", x, new[] { 1.5, 2.0 });
        Near(new[] { 3.2 }, local[0]!, "dX");
        Near(new[] { 0.0, 0.0 }, local[1]!, "dA");
    }

    [Fact]
    public void Nested_ThreeWayChoice_ByHandAndCentralDifferences()
    {
        double x = 0.9;
        double[] a = { 0.3, -1.1 }, b = { 2.0, 0.5, 7.0 };
        // a given: a0² + a1², d/da = 2a, d/dx = 0.
        var g = Checked("Nested", x, a, b, true);
        Near(new[] { 0.0 }, g[0]!, "dX");
        Near(new[] { 0.6, -2.2 }, g[1]!, "dA");
        Near(new[] { 0.0, 0.0, 0.0 }, g[2]!, "dB");
        // a null, first: b0² + b1², d/db = (4, 1, 0); a null, not first: x² + x⁴, d/dx = 2x + 4x³ = 4.716.
        var type = Compiled.Value;
        var backward = type.GetMethod("NestedBackward")!;
        var dB = new double[3];
        var args = new object?[] { x, null, b, true, 0.0, null, dB, 1.0 };
        backward.Invoke(null, args);
        Assert.Equal(new[] { 4.0, 1.0, 0.0 }, dB);
        Assert.Equal(0.0, (double)args[4]!);
        args = new object?[] { x, null, b, false, 0.0, null, new double[3], 1.0 };
        double value = (double)backward.Invoke(null, args)!;
        Tolerance.AssertFormula((2 * x) + (4 * x * x * x), (double)args[4]!, "dX by hand");
        Assert.Equal(new double[3], (double[])args[6]!);
        var primal = type.GetMethod("Nested")!;
        Tolerance.AssertCentral(Central(v => (double)primal.Invoke(null, new object?[] { v, null, b, false })!, x), (double)args[4]!, value, "dX central");
    }

    private delegate double CoalesceForward(double x, double[]? weights, double tX, ReadOnlySpan<double> tWeights, out double tResult);

    private delegate double PickForward(double[] a, double[] b, bool first, double x, ReadOnlySpan<double> tA, ReadOnlySpan<double> tB, double tX, out double tResult);

    [Fact]
    public void Forward_IsTheGradientAlongTheTangent_ByHand()
    {
        var type = Compiled.Value;
        var coalesce = (CoalesceForward)Delegate.CreateDelegate(typeof(CoalesceForward), type.GetMethod("CoalesceForward")!);
        double x = 0.7;
        // (1.5, −0.4) along (tx, tw) = (0.5, (1, −2)): (w0 + 2 w1 x)·tx + x·1 + x²·(−2).
        coalesce(x, new[] { 1.5, -0.4 }, 0.5, new[] { 1.0, -2.0 }, out double t);
        Tolerance.AssertFormula(((1.5 - (0.8 * x)) * 0.5) + x - (2 * x * x), t, "tangent, weights given");
        // Null weights (no tangent array): (1 + 2x)·tx.
        coalesce(x, null, 0.5, default, out t);
        Tolerance.AssertFormula((1 + (2 * x)) * 0.5, t, "tangent, weights null");
        var pick = (PickForward)Delegate.CreateDelegate(typeof(PickForward), type.GetMethod("PickForward")!);
        double[] a = { 0.5, 1.25, -2.0 }, b = { 3.0, 0.75 };
        // Not first: x·(b0 + b1); tangent Σb·tx + x·Σtb, tA ignored.
        pick(a, b, false, -0.6, new[] { 9.0, 9.0, 9.0 }, new[] { 1.0, 0.5 }, 2.0, out t);
        Tolerance.AssertFormula((3.75 * 2.0) + (-0.6 * 1.5), t, "tangent of the chosen b");
    }

    [Theory]
    [InlineData("double[] w = c ? a : b; w[0] = x; return w[0];", "ADG0003", "w[0] = x")]
    [InlineData("double[] w = c ? a : b; return Sum(w) * x;", "ADG0003", "w)")]
    [InlineData("double[] w = c ? a : b; return Total(w) * x;", "ADG0003", "w)")]
    [InlineData("double s = 0; for (int i = 0; i < 2; i++) { var w = a ?? new double[] { x, x }; s += w[i]; } return s;", "ADG0003", "new double[] { x, x }")]
    [InlineData("double[] w = c ? a : new double[k]; return w[0] * x;", "ADG0003", "new double[k]")]
    [InlineData("var w = n ?? new[] { x, 1.0 }; return w[0] * x;", "ADG0003", "n ??")]
    public void OutsideWhatIsFollowed_IsAnErrorAtTheExpression(string body, string id, string at)
    {
        string source = "using System;\nusing AutoDiffGen;\npublic static partial class C\n{\n    static double Sum(double[] v) { double s = 0; foreach (var e in v) s += e; return s; }\n    [Differentiable]\n    public static double Total(double[] v) { double s = 0; foreach (var e in v) s += e; return s; }\n    [Differentiable]\n    public static double F(double x, double[] a, double[] b, [NoDiff] bool c, int k, [NoDiff] double[] n) { "
            + body + " }\n}\n";
        var run = GeneratorHarness.Run(source);
        Assert.Empty(run.Exceptions);
        var error = run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).OrderBy(d => d.Location.SourceSpan.Start).First();
        Assert.Equal(id, error.Id);
        Assert.Equal(source.IndexOf(at, source.IndexOf("{ " + body, StringComparison.Ordinal), StringComparison.Ordinal), error.Location.SourceSpan.Start);
        Assert.DoesNotContain(run.Generated.Values, s => s.Contains("FBackward", StringComparison.Ordinal));
    }
}
