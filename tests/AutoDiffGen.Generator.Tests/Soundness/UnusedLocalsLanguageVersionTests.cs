using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Soundness;

/// <summary>
/// The CS0219 class on the language versions a project may build with: 40 of <see cref="UnusedLocalsPropertyTests"/>'
/// programs generate and compile without one warning at C# 7.3 (nullable off), 9 and 12 (nullable on).
/// </summary>
public class UnusedLocalsLanguageVersionTests
{
    public static TheoryData<LanguageVersion, bool> Versions => new()
    {
        { LanguageVersion.CSharp7_3, false },
        { LanguageVersion.CSharp9, true },
        { LanguageVersion.CSharp12, true },
    };

    [Theory]
    [MemberData(nameof(Versions))]
    public void ConstantLocalsOfLoopBodies_CompileWithoutWarnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, ProgramBatch.Source(UnusedLocalsPropertyTests.Header, UnusedLocalsPropertyTests.Inside(20261205, 40)));
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
    }
}
