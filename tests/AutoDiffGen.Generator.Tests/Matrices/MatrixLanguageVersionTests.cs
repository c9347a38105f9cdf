using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Matrices;

/// <summary>
/// Grids passed to helpers, jagged rows, constant grids' scratch adjoints and writes into double[,] parameters
/// (<see cref="MatrixSources"/>, written in C# 7.3) generate code that compiles without errors or warnings on every
/// language version, with and without nullable annotations, and is right on C# 7.3.
/// </summary>
public class MatrixLanguageVersionTests
{
    [Theory]
    [MemberData(nameof(LanguageVersionTests.Versions), MemberType = typeof(LanguageVersionTests))]
    public void MatrixMethods_CompileWithoutErrorsOrWarnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, MatrixSources.Calls, MatrixSources.Writes);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Empty(GeneratorHarness.AnalyzerDiagnostics(result.Compilation));
        // Every method of both sources gets its code (15 + 9).
        Assert.Equal(24, result.Generated.Count);
    }

    [Fact]
    public void CSharp73_MatrixGradientsAgreeWithCentralDifferences()
    {
        var result = LanguageVersionHarness.RunForLoad(LanguageVersion.CSharp7_3, false, null, MatrixSources.Calls, MatrixSources.Writes);
        Assert.True(result.CompileDiagnostics.IsEmpty, result.Dump());
        var assembly = result.Load();
        var type = assembly.GetType("Matrices.L")!;
        var a = new[,] { { 1.0, 2.0 }, { -0.5, 3.0 } };
        CentralDifferenceRunner.Check(type.GetMethod("QuadTwice")!, null, new object[] { a, new[] { 0.3, -0.8 } });
        CentralDifferenceRunner.Check(type.GetMethod("LogisticRows")!, null, new object[] { new[] { new[] { 0.5, -1.2 }, new[] { 1.1, 0.4 } }, new[] { 0.7, -0.3 }, new[] { 1.0, 0.0 } });
        CentralDifferenceRunner.Check(type.GetMethod("Constants")!, null, new object[] { a, new[] { new[] { 0.5, -1.2 }, new[] { 1.1, 0.4 } }, new[] { 0.7, -0.3 } });
        // A write: Backward leaves the array as the method does, with the gradient of what came in.
        var w = assembly.GetType("Matrices.W")!;
        var m = (double[,])a.Clone();
        var dM = new double[2, 2];
        w.GetMethod("TwiceBackward")!.Invoke(null, new object[] { m, dM, 1.0 });
        Assert.Equal(new[,] { { 2.0, 2.0 }, { -0.5, 3.0 } }, m);
        Tolerance.AssertFormula(2 * 2.0, dM[0, 0], "dM[0, 0]");
        Tolerance.AssertFormula(2 * 1.0, dM[0, 1], "dM[0, 1]");
    }
}
