using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>What a Hessian refusal must be: one ADG0019 at the construct saying why, no <c>MHessian</c>, and the same body clean without <c>Hessian = true</c>.</summary>
internal static class HessianRefusalAssert
{
    /// <summary>
    /// Runs <paramref name="body"/> (members of a partial class C) and checks its one error: ADG0019 whose span is
    /// <paramref name="at"/> and whose message contains <paramref name="why"/>; no <c>FHessian</c> is generated; with
    /// <c>(Hessian = true)</c> removed the same body generates and compiles cleanly (so the refusal is Hessian mode's own).
    /// </summary>
    public static void AtConstruct(string body, string at, string why)
    {
        const string usings = "using System;\nusing AutoDiffGen;\n";
        var run = GeneratorHarness.Run(usings + "public static partial class C\n{\n" + body + "\n}\n");
        Assert.Empty(run.Exceptions);
        var error = Assert.Single(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ADG0019", error.Id);
        Assert.Equal(at, error.Location.SourceTree!.ToString().Substring(error.Location.SourceSpan.Start, error.Location.SourceSpan.Length));
        Assert.Contains(why, error.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(run.Generated.Values, text => text.Contains("FHessian(", StringComparison.Ordinal));
        GeneratorHarness.Run(usings + "public static partial class C\n{\n" + body.Replace("(Hessian = true)", "", StringComparison.Ordinal) + "\n}\n").AssertClean();
    }
}
