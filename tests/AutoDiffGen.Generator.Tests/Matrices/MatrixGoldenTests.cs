using System.Runtime.CompilerServices;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Matrices;

/// <summary>
/// One golden file per new shape (Golden/Matrices): a double[,] passed to a helper (its adjoint dA passed on, MForward
/// passing tA), jagged rows passed to a helper (the row view X[i], its adjoint dX[i]), constant grids passed to helpers
/// (GridScratch.Like), a helper writing into the caller's double[,] parameter, and overwrites of a double[,] parameter.
/// Their gradients are checked in <see cref="MatrixCallTests"/> and <see cref="MatrixWriteTests"/>.
/// AUTODIFFGEN_UPDATE_GOLDEN=1 rewrites them.
/// </summary>
public class MatrixGoldenTests
{
    private static readonly string[] Shapes =
    {
        "Matrices.L.QuadTwice_double____double__.g.cs",
        "Matrices.L.LogisticRows_double_____double___double__.g.cs",
        "Matrices.L.Constants_double____double_____double__.g.cs",
        "Matrices.W.UseFill_double____double.g.cs",
        "Matrices.W.Shift_double____double.g.cs",
    };

    public static IEnumerable<object[]> Files() => Shapes.Select(s => new object[] { s });

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Generated = new(() =>
    {
        var result = GeneratorHarness.Run(MatrixSources.Calls, MatrixSources.Writes);
        result.AssertClean();
        return result.Generated;
    });

    [Theory]
    [MemberData(nameof(Files))]
    public void GeneratedFile_MatchesGolden(string hintName)
    {
        Assert.True(Generated.Value.ContainsKey(hintName), hintName + " was not generated: " + string.Join(", ", Generated.Value.Keys));
        string actual = Generated.Value[hintName];
        string path = Path.Combine(GoldenDirectory(), hintName);
        if (Environment.GetEnvironmentVariable("AUTODIFFGEN_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(GoldenDirectory());
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"No golden file {path}; run with AUTODIFFGEN_UPDATE_GOLDEN=1 and review it.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
    }

    [Fact]
    public void EveryGoldenFile_IsStillAShape()
    {
        var stale = Directory.GetFiles(GoldenDirectory(), "*.g.cs").Select(Path.GetFileName).Where(f => !Shapes.Contains(f));
        Assert.Empty(stale);
    }

    private static string GoldenDirectory([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "Golden", "Matrices");
}
