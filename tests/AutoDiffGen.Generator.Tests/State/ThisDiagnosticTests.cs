using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.State;

/// <summary>
/// Under <c>WithRespectToThis = true</c> the object's state must not reach the result by a path whose gradient is not
/// returned: each such construct is an error at it, and the method gets no Backward.
/// </summary>
public class ThisDiagnosticTests
{
    private const string Prelude = """
        using System;
        using System.Numerics;
        using AutoDiffGen;
        public static class Ext { public static double Get(C c) => c.B; }
        public partial class C
        {
            public double[] W = new double[2];
            public double B;
            public readonly double R = 1;
            public double Ro { get; } = 2;
            public double[,,] M3 = new double[2, 2, 2];
            public Vector2 V;
            public double Twice => 2 * B;
            public double Helper() => B * B;
            public double Bump() { B += 1; return B; }
            [Differentiable(WithRespectToThis = true)] public double Opted([NoDiff] double[] x) => W[0] * x[0] + B;
        """;

    [Theory]
    [InlineData("public double F(double x) { B = x; return x * B; }", "ADG0007", "B = x", "the field 'B'")]
    [InlineData("public double F(double x) { W[0] = x; return x * W[1]; }", "ADG0007", "W[0] = x", "an array element")]
    [InlineData("public double F(double x) => x * Twice;", "ADG0003", "Twice", "computed property 'Twice'")]
    [InlineData("public double F(double x) => x * R;", "ADG0003", "R", "readonly field 'R'")]
    [InlineData("public double F(double x) => x * Ro;", "ADG0003", "Ro", "get-only property 'Ro'")]
    // A double[,] member is an input (Matrices/MatrixStateTests); three dimensions are not.
    [InlineData("public double F(double x) => x * M3[0, 1, 0];", "ADG0003", "M3[0, 1, 0]", "")]
    [InlineData("public double F(double x) => x * V.X;", "ADG0003", "V", "has no gradient in dThis")]
    // A plain helper reading the object is inlined (StructMethods/MemberCallTests); one writing it is not.
    [InlineData("public double F(double x) => x * Bump();", "ADG0003", "Bump()", "writes to 'B'")]
    [InlineData("public double F(double x, C other) => x * other.Opted(W);", "ADG0003", "other.Opted(W)", "on another object than this one")]
    [InlineData("public double F(double x) => x * Ext.Get(this);", "ADG0004", "Ext.Get(this)", "GetBackward(C c")]
    [InlineData("public double F(double x) { var self = this; return x * self.B; }", "ADG0003", "this", "'this'")]
    [InlineData("public static double F(double x) => x;", "ADG0003", "F", "static method")]
    [InlineData("public double F(double x, double dThis) => x * dThis;", "ADG0012", "double dThis", "dThis")]
    public void Unsupported_IsAnError_AtTheConstruct(string member, string id, string span, string says)
    {
        var result = GeneratorHarness.Run(Prelude + "[Differentiable(WithRespectToThis = true)] " + member + "\n}");
        var found = result.Diagnostics.Where(d => d.Id == id).ToList();
        Assert.True(found.Count > 0, "expected " + id + "\n" + result.Dump());
        Assert.Contains(found, d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == span);
        Assert.Contains(found, d => d.GetMessage().Contains(says, StringComparison.Ordinal));
        Assert.All(found, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.DoesNotContain(result.Generated.Keys, k => k.Contains(".F_", StringComparison.Ordinal));
        Assert.Empty(result.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(result.Exceptions);
    }

    [Fact]
    public void ACallToACalleeThatOptsIn_FromAMethodWithout_IsAnError()
    {
        // Its Backward takes a dThis this method does not have: the call is reported, never a broken build.
        var result = GeneratorHarness.Run(Prelude + "[Differentiable] public double F(double[] x) => Opted(x);\n}");
        Assert.Contains(result.Diagnostics, d => d.Id == "ADG0003" && d.GetMessage().Contains("from a method without WithRespectToThis", StringComparison.Ordinal));
        Assert.Empty(result.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void ForwardMode_WithState_IsADG0018()
    {
        var result = GeneratorHarness.Run(Prelude + "[Differentiable(WithRespectToThis = true, Forward = true)] public double F(double x) => x * B;\n}");
        Assert.Contains(result.Diagnostics, d => d.Id == "ADG0018" && d.GetMessage().Contains("WithRespectToThis", StringComparison.Ordinal));
    }

    [Fact]
    public void WithoutTheOptIn_TheSameReadsAreConstants()
    {
        // Today's behaviour, kept: a member is not an input, so reading it (even a computed one) is a constant.
        var result = GeneratorHarness.Run(Prelude + "[Differentiable] public double F(double x) => x * Twice + x * R + Helper() * x + V.X * x;\n}");
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Contains(result.Generated.Keys, k => k.Contains(".F_", StringComparison.Ordinal));
    }
}
