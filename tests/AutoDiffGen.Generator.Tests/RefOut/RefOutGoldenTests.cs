using System.Runtime.CompilerServices;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.RefOut;

/// <summary>
/// One golden file per new shape (Golden/RefOut): a void method with ref parameters, out and in parameters, a void
/// method that writes an array, a non-void one that overwrites its array, and callers with ref and out arguments.
/// Their gradients are checked in <see cref="RefOutTests"/> and <see cref="RefOutCallTests"/>.
/// AUTODIFFGEN_UPDATE_GOLDEN=1 rewrites them, as for <see cref="GoldenTests"/>.
/// </summary>
public class RefOutGoldenTests
{
    private static readonly string[] Shapes =
    {
        "RefOut.H.Step_double_double_double.g.cs",
        "RefOut.H.Integrate_double_double_double_int.g.cs",
        "RefOut.H.Compute_double_double_double.g.cs",
        "RefOut.H.Subtract_double___double___double__.g.cs",
        "RefOut.H.ScaleThenSquares_double__.g.cs",
        "RefOut.C.Energy_double_double_double_int.g.cs",
        "RefOut.C.UsesOut_double_double.g.cs",
        "RefOut.C.Twice_double_double_double.g.cs",
    };

    public static IEnumerable<object[]> Files() => Shapes.Select(s => new object[] { s });

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Generated = new(() =>
    {
        var result = GeneratorHarness.Run(RefOutSources.Helpers, RefOutSources.Callers);
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
        Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "Golden", "RefOut");
}
