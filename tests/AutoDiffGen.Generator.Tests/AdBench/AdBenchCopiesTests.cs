using System.Runtime.CompilerServices;
using Xunit;

namespace AutoDiffGen.Generator.Tests.AdBench;

/// <summary>
/// The benchmark project compiles its own copies of the BA, LSTM, GMM and hand objectives (it cannot read a test's string), so
/// the figures in performance.md are only those of the checked objectives while the two texts say the same code:
/// compared here line by line, ignoring indentation, blank lines and comments.
/// </summary>
public class AdBenchCopiesTests
{
    [Theory]
    [InlineData("BundleAdjustment.cs", nameof(BundleAdjustmentSource))]
    [InlineData("Lstm.cs", nameof(LstmSource))]
    [InlineData("GaussianMixture.cs", nameof(GaussianMixtureSource))]
    [InlineData("Hand.cs", nameof(HandSource))]
    public void TheBenchmarkCopy_IsTheCheckedSource(string benchmarkFile, string source)
    {
        string tested = source switch
        {
            nameof(BundleAdjustmentSource) => BundleAdjustmentSource.Text,
            nameof(LstmSource) => LstmSource.Text,
            nameof(GaussianMixtureSource) => GaussianMixtureSource.Text,
            _ => HandSource.Text,
        };
        string bench = File.ReadAllText(Path.Combine(RepoRoot(), "tests", "AutoDiffGen.Benchmarks", "AdBench", benchmarkFile));
        var expected = Code(tested);
        var actual = Code(bench);
        Assert.True(expected.Count > 40, "too little code compared: " + expected.Count + " lines");
        // The benchmark file wraps the objective's class in a namespace block (its last brace); the test source goes on
        // with a test-only partial class after it.
        int start = actual.IndexOf(expected[0]);
        Assert.True(start >= 0, "the benchmark copy has no line '" + expected[0] + "'");
        var copied = actual.Skip(start).Take(actual.Count - start - 1).ToList();
        Assert.True(copied.Count > 40, "too little code copied: " + copied.Count + " lines");
        Assert.Equal(expected.Take(copied.Count).ToList(), copied);
    }

    /// <summary>The code lines from the first type on: trimmed, without blank lines, comments and XML docs.</summary>
    private static List<string> Code(string text) => text.Split('\n')
        .Select(l => l.Trim())
        .Where(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal) && !l.StartsWith("using ", StringComparison.Ordinal))
        .SkipWhile(l => !l.Contains(" class ", StringComparison.Ordinal) && !l.Contains(" struct ", StringComparison.Ordinal))
        .ToList();

    private static string RepoRoot([CallerFilePath] string path = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(path)!); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AutoDiffGen.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("No AutoDiffGen.sln above " + path);
    }
}
