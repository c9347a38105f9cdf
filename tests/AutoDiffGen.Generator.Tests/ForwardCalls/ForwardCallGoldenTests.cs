using System.Runtime.CompilerServices;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.ForwardCalls;

/// <summary>
/// One golden file per new shape (Golden/ForwardCalls): a forward caller passing a local array to a callee that writes
/// it and then to one that normalizes it in place (its MForward passes the array and its tangent, and makes no copy),
/// and a void method whose MJacobian takes columns by forward mode when its output is longer than its inputs, through a
/// callee writing the output. Their derivatives are checked in <see cref="ForwardArrayCallTests"/> and
/// <see cref="JacobianColumnsTests"/>; a forward caller of methods with hand-written forward derivatives
/// (<c>[DerivativeOf]</c> of the <c>MForward</c> shape), checked in <c>Forward/DerivativeOfForwardTests</c>; a method with ref
/// parameters and a caller passing them ref arguments (<c>Forward/RefParameterForwardTests</c>). AUTODIFFGEN_UPDATE_GOLDEN=1 rewrites them.
/// </summary>
public class ForwardCallGoldenTests
{
    private static readonly string[] Shapes =
    {
        "SpanOut.S.Dist_double___double__.g.cs",
        "SpanOut.S.ViaCallee_double_double_double__.g.cs",
        "HandForward.Use.Branchy_double_double.g.cs",
        "RefForward.M.Step_double_double_double.g.cs",
        "RefForward.M.Once_double_double.g.cs",
    };

    public static IEnumerable<object[]> Files() => Shapes.Select(s => new object[] { s });

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Generated = new(() =>
    {
        var result = GeneratorHarness.Run(ForwardCallSources.Callees, ForwardCallSources.Callers, JacobianColumnsSources.Source, Forward.DerivativeOfForwardSources.Source, Forward.RefParameterForwardSources.Source);
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
        Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "Golden", "ForwardCalls");
}
