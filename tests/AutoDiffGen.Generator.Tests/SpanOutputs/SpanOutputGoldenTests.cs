using System.Runtime.CompilerServices;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.SpanOutputs;

/// <summary>
/// One golden file per new shape (Golden/SpanOutputs): a void method writing a Span&lt;double&gt; output in a loop and a
/// branch (its Backward with the in/out Span adjoint, its Forward with the in/out Span tangent, its MJacobian over the
/// output's elements), and Clad's Jacobian shape writing a double[]. Their derivatives are checked in
/// <see cref="SpanOutputTests"/>. AUTODIFFGEN_UPDATE_GOLDEN=1 rewrites them.
/// </summary>
public class SpanOutputGoldenTests
{
    private static readonly string[] Shapes =
    {
        "SpanOut.S.Squares_ReadOnlySpan_double__Span_double_.g.cs",
        "SpanOut.S.F1_double_double_double_double__.g.cs",
    };

    public static IEnumerable<object[]> Files() => Shapes.Select(s => new object[] { s });

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Generated = new(() =>
    {
        var result = GeneratorHarness.Run(SpanOutputSources.Source);
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
        Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "Golden", "SpanOutputs");
}
