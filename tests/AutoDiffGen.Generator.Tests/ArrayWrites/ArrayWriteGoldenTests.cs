using System.Runtime.CompilerServices;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.ArrayWrites;

/// <summary>
/// One golden file per new shape (Golden/ArrayWrites): a call writing into a local array, calls in a loop writing into
/// the caller's array parameter, calls on a branch with read-only calls after them, and a helper that writes only through
/// helpers. Their gradients are checked in <see cref="ArrayWriteCallTests"/>. AUTODIFFGEN_UPDATE_GOLDEN=1 rewrites them.
/// </summary>
public class ArrayWriteGoldenTests
{
    private static readonly string[] Shapes =
    {
        "ArrayWrites.C.SquaredDistance_double___double__.g.cs",
        "ArrayWrites.C.Energy_double___double_int.g.cs",
        "ArrayWrites.C.Mixed_double___double_int.g.cs",
        "ArrayWrites.K.Shift_double___double___double___double.g.cs",
    };

    public static IEnumerable<object[]> Files() => Shapes.Select(s => new object[] { s });

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Generated = new(() =>
    {
        var result = GeneratorHarness.Run(ArrayWriteSources.Helpers, ArrayWriteSources.Callers);
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
        Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "Golden", "ArrayWrites");
}
