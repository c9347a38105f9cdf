using System.Runtime.CompilerServices;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests;

/// <summary>
/// The whole generated file of each example against a checked-in expectation under Golden/.
/// Run with AUTODIFFGEN_UPDATE_GOLDEN=1 to rewrite them, then read every diff.
/// </summary>
public class GoldenTests
{
    public static IEnumerable<object[]> Files() =>
        Generate(LectureExamples.Source).Concat(Generate(FeatureExamples.Source))
            .Select(kv => new object[] { kv.Key });

    private static readonly Lazy<Dictionary<string, string>> All = new(() =>
        Generate(LectureExamples.Source).Concat(Generate(FeatureExamples.Source)).ToDictionary(kv => kv.Key, kv => kv.Value));

    private static IReadOnlyDictionary<string, string> Generate(string source)
    {
        var result = GeneratorHarness.Run(source);
        result.AssertClean();
        return result.Generated;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void GeneratedFile_MatchesGolden(string hintName)
    {
        string actual = All.Value[hintName];
        string path = Path.Combine(GoldenDirectory(), hintName);
        if (Environment.GetEnvironmentVariable("AUTODIFFGEN_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"No golden file {path}; run with AUTODIFFGEN_UPDATE_GOLDEN=1 and review it.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
    }

    [Fact]
    public void EveryGoldenFile_IsStillGenerated()
    {
        var stale = Directory.GetFiles(GoldenDirectory(), "*.g.cs").Select(Path.GetFileName).Where(f => !All.Value.ContainsKey(f!));
        Assert.Empty(stale);
    }

    private static string GoldenDirectory([CallerFilePath] string thisFile = "") => Path.Combine(Path.GetDirectoryName(thisFile)!, "Golden");
}
