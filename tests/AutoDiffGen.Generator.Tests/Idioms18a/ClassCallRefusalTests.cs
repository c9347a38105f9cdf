using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms18a;

/// <summary>
/// What calls with a <c>[WithRespectTo]</c> object and the get-only write paths still refuse, each at the construct with what
/// to write and no code for the method: the object passed to a callee whose parameter is not <c>[WithRespectTo]</c> (or is
/// <c>[NoDiff]</c>, or whose callee is not <c>[Differentiable]</c>), another object passed to a <c>[WithRespectTo]</c>
/// parameter (assigning the parameter a new object is refused where it is written), and a class with no settable path for its adjoint.
/// </summary>
public class ClassCallRefusalTests
{
    private const string Prelude = """
        #nullable enable
        using System;
        using AutoDiffGen;

        public record Line(double W, double B);
        public class Hidden { private double _w; public double W => _w; public void Set(double w) => _w = w; }

        public static partial class C
        {
            [Differentiable] public static double Plain(Line m, double x) => m.W * x;
            [Differentiable] public static double Frozen([NoDiff] Line m, double x) => m.W * x;
            public static double NotDifferentiable([WithRespectTo] Line m, double x) => m.W * x;
            [Differentiable] public static double Predict([WithRespectTo] Line m, double x) => m.W * x + m.B;

        """;

    private static string Of(string method) => Prelude + "    " + method + "\n}\n";

    [Theory]
    [InlineData("[Differentiable] public static double F([WithRespectTo] Line m, double x) => Plain(m, x) * x;", "Plain(m, x)", "which is not [WithRespectTo] (its Backward")]
    [InlineData("[Differentiable] public static double F([WithRespectTo] Line m, double x) => Frozen(m, x) + m.B;", "Frozen(m, x)", "which is not [WithRespectTo] but [NoDiff]")]
    [InlineData("[Differentiable] public static double F([WithRespectTo] Line m, double x) => NotDifferentiable(m, x) + m.B;", "NotDifferentiable(m, x)", "mark 'NotDifferentiable' [Differentiable]")]
    [InlineData("[Differentiable] public static double F([WithRespectTo] Line m, double x) { m = m with { W = 2 }; return Predict(m, x); }", "m with { W = 2 }", "stored outside the method's own locals")]
    [InlineData("[Differentiable] public static double F(double x) => Predict(new Line(1, 2), x);", "new Line(1, 2)", "not one of this method's own [WithRespectTo] parameters")]
    [InlineData("[Differentiable] public static double F([NoDiff] Line m, double x) => Predict(m, x);", "m, x);", "not one of this method's own [WithRespectTo] parameters")]
    public void AGradientThatWouldBeLostAtACall_IsADG0003There(string method, string at, string says) =>
        ProgramBatch.AssertSingleErrorAt(Of(method), "ADG0003", at, says);

    [Fact]
    public void APrivateFieldWithNoSettablePathOutsideItsClass_IsADG0006SayingWhatToWrite()
    {
        var source = Of("[Differentiable] public static double F([WithRespectTo] Hidden h, double x) => h.W * x;");
        var run = GeneratorHarness.Run(source);
        Assert.Empty(run.Exceptions);
        var error = Assert.Single(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ADG0006", error.Id);
        Assert.Equal(source.IndexOf("[WithRespectTo] Hidden h", StringComparison.Ordinal), error.Location.SourceSpan.Start);
        string message = error.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("the private field '_w' the generated code in 'C' cannot add the gradient into", message, StringComparison.Ordinal);
        Assert.Contains("declare the [Differentiable] method inside the class", message, StringComparison.Ordinal);
        Assert.DoesNotContain(run.Generated.Values, s => s.Contains("FBackward", StringComparison.Ordinal));
    }
}
