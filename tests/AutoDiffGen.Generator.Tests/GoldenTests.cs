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
    /// <summary>The lecture, the feature examples and one group per feature (GoldenExamples), each compiled on its own.</summary>
    private static IEnumerable<string> Sources() =>
        new[] { LectureExamples.Source, FeatureExamples.Source, GoldenExamples.State.Source, GoldenExamples.GenericMath.Source, GoldenExamples.ClassArrays.Source }.Concat(GoldenExamples.All.Select(g => g.Source));

    public static IEnumerable<object[]> Files() => All.Value.Keys.OrderBy(k => k, StringComparer.Ordinal).Select(k => new object[] { k });

    // ToDictionary throws if two groups generate the same hint name: each group has its own namespace.
    private static readonly Lazy<Dictionary<string, string>> All = new(() =>
        Sources().SelectMany(Generate).ToDictionary(kv => kv.Key, kv => kv.Value));

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
