using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Complex;

/// <summary>Complex constructs that stay errors: at the construct, with the reason, no generated method, no broken build.</summary>
public class ComplexDiagnosticTests
{
    private const string Prelude = """
        using System;
        using System.Numerics;
        using AutoDiffGen;
        public struct Holder { public Complex Z; }
        public static partial class C
        {
        """;

    [Theory]
    // At the boundary: its parts are read-only, so its adjoint cannot be accumulated member by member yet.
    [InlineData("[Differentiable] public static double F(Complex z) => z.Real;", "ADG0006", "Complex z", "pass and return them as double values")]
    [InlineData("[Differentiable] public static Complex F(double x) => new Complex(x, 1);", "ADG0005", "Complex", "")]
    [InlineData("[Differentiable] public static double F(Holder h) => h.Z.Real;", "ADG0006", "Holder h", "'Complex'")]
    // Functions without a rule.
    [InlineData("[Differentiable] public static double F(double x) => Complex.Pow(new Complex(x, 1), 3).Real;", "ADG0003", "Complex.Pow(new Complex(x, 1), 3)", "")]
    [InlineData("[Differentiable] public static double F(double x) => Complex.Tan(new Complex(x, 1)).Real;", "ADG0003", "Complex.Tan(new Complex(x, 1))", "")]
    [InlineData("[Differentiable] public static double F(float x) { Complex z = x; return z.Real; }", "ADG0003", "x", "(double)x")]
    public void Unsupported_IsAnError_AtTheConstruct(string member, string id, string span, string says)
    {
        var result = GeneratorHarness.Run(Prelude + member + "\n}");
        var found = result.Diagnostics.Where(d => d.Id == id).ToList();
        Assert.True(found.Count > 0, "expected " + id + "\n" + result.Dump());
        Assert.Contains(found, d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == span);
        Assert.Contains(found, d => d.GetMessage().Contains(says, StringComparison.Ordinal));
        Assert.DoesNotContain(result.Generated.Keys, k => k.Contains(".F_", StringComparison.Ordinal));
        Assert.Empty(result.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(result.Exceptions);
    }

    [Fact]
    public void AConstantComplex_IsComputedAsWritten()
    {
        var result = GeneratorHarness.Run(Prelude + """
            [Differentiable] public static double F(double x) { var k = Complex.Pow(new Complex(1, 2), 3); var z = new Complex(x, 0) * k; return z.Imaginary; }
            }
            """);
        result.AssertClean();
    }
}
