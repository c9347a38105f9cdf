using System.Text.RegularExpressions;
using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.AdBench;

/// <summary>
/// ADBench's GMM and hand, as written (C# 7.3 is enough for them), generate code for every [Differentiable] method that
/// compiles without errors or warnings on every language version, with and without nullable annotations.
/// </summary>
public class AdBenchLanguageVersionTests
{
    [Theory]
    [MemberData(nameof(LanguageVersionTests.Versions), MemberType = typeof(LanguageVersionTests))]
    public void GaussianMixtureAndHand_CompileWithoutErrorsOrWarnings(LanguageVersion version, bool nullable)
    {
        foreach (var source in new[] { GaussianMixtureSource.Text, HandSource.Text })
        {
            var result = LanguageVersionHarness.Run(version, nullable, null, source);
            Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
            Assert.Empty(GeneratorHarness.AnalyzerDiagnostics(result.Compilation));
            Assert.Equal(Regex.Matches(source, @"\[Differentiable[\](]").Count, result.Generated.Count);
        }
    }
}
