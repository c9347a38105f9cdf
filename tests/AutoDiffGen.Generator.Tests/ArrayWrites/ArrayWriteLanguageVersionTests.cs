using AutoDiffGen.Generator.Tests.Compatibility;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.ArrayWrites;

/// <summary>
/// Calls that write into arrays on every language version: the copies taken before the calls, their stacks in loops
/// and the hoisted copies in branches compile without errors or warnings from C# 7.3 up, with and without nullable.
/// </summary>
public class ArrayWriteLanguageVersionTests
{
    public static TheoryData<LanguageVersion, bool> Versions => new()
    {
        { LanguageVersion.CSharp7_3, false },
        { LanguageVersion.CSharp8, true },
        { LanguageVersion.Latest, true },
        { LanguageVersion.Latest, false },
    };

    [Theory]
    [MemberData(nameof(Versions))]
    public void CompilesWithoutErrorsOrWarnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, ArrayWriteSources.Helpers, ArrayWriteSources.Callers);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Equal(15, result.Generated.Count); // 7 helpers, 8 callers
    }
}
