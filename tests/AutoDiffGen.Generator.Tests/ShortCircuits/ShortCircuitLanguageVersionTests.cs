using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.ShortCircuits;

/// <summary>The branches lowered from short-circuits and ?: compile warning-free from C# 7.3 up; at C# 7.3 the gradients agree with central differences.</summary>
public class ShortCircuitLanguageVersionTests
{
    public static TheoryData<LanguageVersion, bool> Versions => new()
    {
        { LanguageVersion.CSharp7_3, false },
        { LanguageVersion.Latest, true },
    };

    [Theory]
    [MemberData(nameof(Versions))]
    public void CompilesWithoutErrorsOrWarnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, ShortCircuitExamples.Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty && result.Generated.Count == 7, result.Dump());
    }

    [Fact]
    public void CSharp73_GradientsAgreeWithCentralDifferences()
    {
        var result = LanguageVersionHarness.RunForLoad(LanguageVersion.CSharp7_3, false, null, ShortCircuitExamples.Source);
        Assert.True(result.CompileDiagnostics.IsEmpty, result.Dump());
        var type = result.Load().GetType("Sometimes")!;
        foreach (var row in ShortCircuitTests.Points)
        {
            CentralDifferenceRunner.Check(type.GetMethod((string)row[0])!, null, (object[])row[1]);
        }
    }
}
