using AutoDiffGen.Generator.Tests.Compatibility;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.PeerSuite;

/// <summary>
/// The peer-suite sources as a project on older C# versions builds them: the generated code must compile without a
/// warning or an error wherever the user's own code does (the sources use some newer syntax; that is theirs to report).
/// </summary>
public class PeerSuiteLanguageVersionTests
{
    [Theory]
    [InlineData(LanguageVersion.CSharp7_3, false)]
    [InlineData(LanguageVersion.CSharp8, true)]
    [InlineData(LanguageVersion.CSharp10, true)]
    public void GeneratedCodeCompilesCleanOnOlderVersions(LanguageVersion version, bool nullable)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "PeerSuite", "Sources");
        var sources = Directory.GetFiles(dir, "*.cs").OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllText).ToArray();
        var result = LanguageVersionHarness.Run(version, nullable, null, sources);
        var inGenerated = result.CompileDiagnostics.Where(d => d.Location.SourceTree is { } t && !Path.GetFileName(t.FilePath).StartsWith("User", StringComparison.Ordinal)).ToList();
        Assert.True(result.Generated.Count > 100, "generated only " + result.Generated.Count + " files");
        Assert.True(inGenerated.Count == 0, string.Join("\n", inGenerated.Take(20)));
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id == "ADG9999" || d.Id.StartsWith("CS", StringComparison.Ordinal));
    }
}
