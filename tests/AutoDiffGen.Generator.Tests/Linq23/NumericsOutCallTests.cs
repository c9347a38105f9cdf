using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Linq23;

/// <summary>
/// Issue 13 item 3 (linq23), what is done of it: <c>Matrix4x4.Invert</c>, <c>Matrix3x2.Invert</c> and
/// <c>Matrix4x4.Decompose</c> return through out arguments, which the generator does not follow inside a method, so the
/// call stays ADG0003 at it, never a constant. The message now tells the two cases apart: nothing passed carries a
/// gradient (a [NoDiff] matrix: call it before the method and pass the result in as [NoDiff]) or which argument carries
/// one (write the formula). No code for either method, and nothing that breaks the build.
/// </summary>
public class NumericsOutCallTests
{
    [Fact]
    public void OutResultCalls_StayRefusedAtTheCall_SayingWhetherAnArgumentCarriesAGradient()
    {
        var result = GeneratorHarness.Run("""
            using System.Numerics;
            using AutoDiffGen;
            public static partial class N23
            {
                [Differentiable] public static float Constant(float x, [NoDiff] Matrix4x4 m) { Matrix4x4.Invert(m, out var inv); return inv.M11 * x; }
                [Differentiable] public static float Carried(float x, Matrix4x4 m) => Matrix4x4.Invert(m * x, out var inv) ? inv.M11 : 0f;
                [Differentiable] public static float Skew(float x, [NoDiff] Matrix3x2 m) { Matrix3x2.Invert(m, out var inv); return inv.M11 * x; }
                [Differentiable] public static float Parts(Matrix4x4 m) { Matrix4x4.Decompose(m, out var s, out var q, out var t); return s.X; }
            }
            """);
        string At(Diagnostic d) => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var constant = Assert.Single(errors, d => At(d) == "Matrix4x4.Invert(m, out var inv)");
        Assert.Equal("ADG0003", constant.Id);
        Assert.Contains("nothing it is passed carries a gradient", constant.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("[NoDiff] parameter", constant.GetMessage(), StringComparison.Ordinal);
        var carried = Assert.Single(errors, d => At(d) == "Matrix4x4.Invert(m * x, out var inv)");
        Assert.Equal("ADG0003", carried.Id);
        Assert.Contains("passed 'm * x', which carries a gradient", carried.GetMessage(), StringComparison.Ordinal);
        var skew = Assert.Single(errors, d => At(d) == "Matrix3x2.Invert(m, out var inv)");
        Assert.Contains("nothing it is passed carries a gradient", skew.GetMessage(), StringComparison.Ordinal);
        var parts = Assert.Single(errors, d => At(d) == "Matrix4x4.Decompose(m, out var s, out var q, out var t)");
        Assert.Contains("passed 'm', which carries a gradient", parts.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(result.Generated.Keys, k => k.Contains("N23", StringComparison.Ordinal));
        Assert.Empty(result.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(result.Exceptions);
    }
}
