using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// The double[,] and jagged examples (GridExamples, written in C# 7.3) generate code that compiles without errors or
/// warnings on every language version, with and without nullable annotations, and is right on C# 7.3.
/// </summary>
public class GridLanguageVersionTests
{
    [Theory]
    [MemberData(nameof(LanguageVersionTests.Versions), MemberType = typeof(LanguageVersionTests))]
    public void GridMethods_CompileWithoutErrorsOrWarnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, GridExamples.Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Empty(GeneratorHarness.AnalyzerDiagnostics(result.Compilation));
        Assert.Equal(14, result.Generated.Count);
    }

    [Fact]
    public void CSharp73_GridGradientsAgreeWithCentralDifferences()
    {
        var result = LanguageVersionHarness.RunForLoad(LanguageVersion.CSharp7_3, false, null, GridExamples.Source);
        Assert.True(result.CompileDiagnostics.IsEmpty, result.Dump());
        var assembly = result.Load();
        var type = assembly.GetType("Grids.M")!;
        var x = new[,] { { 0.5, -1.2 }, { 1.1, 0.4 }, { -0.2, 0.9 } };
        CentralDifferenceRunner.Check(type.GetMethod("Logistic")!, null, new object[] { x, new[] { 0.7, -0.3 }, new[] { 1.0, 0.0, 1.0 } });
        CentralDifferenceRunner.Check(type.GetMethod("Gram")!, null, new object[] { x, 0.6 });
        CentralDifferenceRunner.Check(type.GetMethod("FrobeniusJagged")!, null, new object[] { new[] { new[] { 0.5, -1.2 }, new[] { 0.3 } } });
        CentralDifferenceRunner.Check(type.GetMethod("Mixed")!, null, new object[] { new[] { new[] { 0.5 }, new[] { 1.1, 0.4 } }, new[] { new[] { 1.0 }, new[] { -2.0 } }, new[,] { { 0.3, 0.6 }, { -0.4, 1.3 } }, 0.8 });
    }
}
