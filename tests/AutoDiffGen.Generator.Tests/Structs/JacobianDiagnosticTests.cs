using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Structs;

/// <summary>What <c>Jacobian = true</c> refuses: tensors (ADG0003 at the method), and names MJacobian needs that are taken (ADG0008, ADG0012).</summary>
public class JacobianDiagnosticTests
{
    [Theory]
    [InlineData("[Differentiable(Jacobian = true)] public static Tensor F(Tensor w) => Tensor.Relu(w);", "ADG0003", "F", "Jacobian = true on 'F', which takes or returns a tensor")]
    [InlineData("[Differentiable(Jacobian = true)] public static double F(double x) => x * x; public static void FJacobian() { }", "ADG0008", "FJacobian", "FJacobian")]
    [InlineData("[Differentiable(Jacobian = true)] public static double F(double x, [NoDiff] double jacobian) => x * jacobian;", "ADG0012", "[NoDiff] double jacobian", "jacobian")]
    public void Refused_IsAnError_WithNoCode(string member, string id, string span, string says)
    {
        var source = "using System; using AutoDiffGen; using AutoDiffGen.Tensors; public static partial class C { " + member + " }";
        var result = GeneratorHarness.Run(source);
        var all = result.GeneratorDiagnostics.Concat(GeneratorHarness.AnalyzerDiagnostics(result.Compilation)).Where(d => d.Id == id).ToList();
        Assert.True(all.Count > 0, "expected " + id + "\n" + result.Dump());
        Assert.Contains(all, d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == span);
        Assert.Contains(all, d => d.GetMessage().Contains(says, StringComparison.Ordinal));
        Assert.DoesNotContain(result.Generated.Keys, k => k.Contains(".F_", StringComparison.Ordinal));
        Assert.Empty(result.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
    }
}
