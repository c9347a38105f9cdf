using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Harness;

/// <summary>
/// <see cref="ProgramFiles"/> (several programs in one compilation, trim21) keeps the programs apart: one program's user
/// error and another's analyzer error stay theirs, the clean one beside them still loads and differentiates, and markers
/// that do not tell the programs apart send every program back to a compilation of its own.
/// </summary>
public class ProgramFilesSelfCheckTests
{
    private static string Program(int id, string body, string partial = "partial ") =>
        "using System; using AutoDiffGen; namespace Gen { public static " + partial + "class P" + id + " { [Differentiable] public static double F(double x) => " + body + "; } }";

    [Fact]
    public void EachProgramGetsItsOwnDiagnostics_AndTheCleanOneLoads()
    {
        var sources = new[] { Program(0, "x * Math.Sin(x)"), Program(1, "x * Undefined"), Program(2, "x * x", partial: "") };
        var batch = ProgramFiles.Run(sources, new[] { "Gen.P0.", "Gen.P1.", "Gen.P2." }, GeneratorHarness.RunForLoad);
        Assert.True(batch.Batched);

        // P1's user error (CS0103) is P1's alone, and P1 has no image, as when it was compiled alone.
        var p1 = batch.Of(1);
        Assert.Contains(p1.CompileDiagnostics, d => d.Id == "CS0103" && d.Location.SourceTree!.FilePath == "User1.cs");
        Assert.Null(p1.EmittedImage);

        // P2 (not partial) has the declaration analyzer's ADG0001, and nothing of P1's.
        var p2 = batch.Of(2);
        Assert.Contains(p2.AnalyzerDiagnostics, d => d.Id == "ADG0001");
        Assert.DoesNotContain(p2.CompileDiagnostics, d => d.Id == "CS0103");

        // P0 is clean, generated, and loads from the run without P1: d/dx x sin x = sin x + x cos x = 1.179607 at 0.7.
        var p0 = batch.Of(0);
        p0.AssertClean();
        Assert.All(p0.Generated.Keys, k => Assert.Contains("Gen.P0.", k, StringComparison.Ordinal));
        var backward = batch.Load(0).GetType("Gen.P0", throwOnError: true)!.GetMethod("FBackward")!;
        var args = new object[] { 0.7, 0.0, 1.0 };
        backward.Invoke(null, args);
        Assert.Equal(Math.Sin(0.7) + (0.7 * Math.Cos(0.7)), (double)args[1], 12);
        Assert.Equal(1.179607, (double)args[1], 6);
    }

    [Fact]
    public void MarkersThatDoNotTellProgramsApart_CompileEachAlone()
    {
        var sources = new[] { Program(0, "x * Math.Sin(x)"), Program(1, "x * x") };
        var batch = ProgramFiles.Run(sources, new[] { "Gen.P", "Gen.P" }, GeneratorHarness.RunForLoad);
        Assert.False(batch.Batched);
        Assert.All(batch.Of(0).Generated.Keys, k => Assert.Contains("Gen.P0.", k, StringComparison.Ordinal));
        Assert.All(batch.Of(1).Generated.Keys, k => Assert.Contains("Gen.P1.", k, StringComparison.Ordinal));
        Assert.NotEmpty(batch.Of(0).Generated);
        Assert.NotEmpty(batch.Of(1).Generated);
    }
}
