using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Natural;

/// <summary>
/// Pins what each natural program gets as first written (docs/corpus.md, "Programs written the natural way"): the ids
/// of its errors, or none. A program that starts to build moves to NaturalProgramTests with its points; one that
/// regresses fails here. The generator never throws on any of them.
/// </summary>
public class FirstAttemptTests
{
    public static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["N01_SoftmaxRegression"] = "ADG0006",
        ["N02_SoftKMeans"] = "ADG0002",
        // The generated code compiles; the user's training loop calls LossBackward(x, y, grad) without x's and y's adjoints.
        ["N03_Mlp"] = "CS7036",
        // X.Select((row, i) => … row.Zip(w, …).Sum() …) over jagged rows builds since idioms15b (Idioms15b/Idioms15bLinqTests by hand).
        ["N04_RidgeLinq"] = "",
        ["N05_BlackScholes"] = "",
        ["N06_Heston"] = "",
        ["N07_Bond"] = "",
        ["N08_MeanVariance"] = "ADG0003,ADG0005",
        ["N09_SpringBodies"] = "",
        ["N10_Cloth"] = "",
        ["N11_OrbitRk4"] = "ADG0003",
        // guard++ on the right of && is lowered as the branches C# runs (ShortCircuits/ShortCircuitTests): it builds as written.
        ["N12_Ballistics"] = "",
        ["N13_NormalLik"] = "", // its plain helper Square: differentiated in place since issue 13 (PlainHelpers/LiftedPinTests)
        // Only the unmarked helper: 'counts[i] is > 0' is supported.
        ["N14_PoissonGlm"] = "", // its plain helper Rate (a switch over the link): issue 13 (PlainHelpers/LiftedPinTests)
        ["N15_GammaLik"] = "",
        ["N16_GenericRosenbrock"] = "",
        ["N17_Penalty"] = "",
        ["N18_Fir"] = "",
        ["N19_MovingAverage"] = "",
        ["N20_Aim"] = "",
    };

    public static IEnumerable<object[]> Names() => NaturalSource.Names().Select(n => new object[] { n });

    [Theory]
    [MemberData(nameof(Names))]
    public void FirstAttempt_GetsWhatTheTableSays(string name)
    {
        var run = NaturalSource.Run(name);
        Assert.True(run.Exceptions.IsEmpty, run.Dump());
        var ids = run.Diagnostics.Concat(run.CompileDiagnostics).Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.Id).Distinct().OrderBy(i => i, StringComparer.Ordinal);
        Assert.True(Expected.ContainsKey(name), name + " has no row here");
        Assert.Equal(Expected[name], string.Join(",", ids));
    }

    [Fact]
    public void ALocalArrayNamingARowOfANoDiffList_SaysToReadThroughTheList()
    {
        // N01's second attempt as written: the list marked [NoDiff], a row taken as a local.
        var source = NaturalSource.SecondText("N01_SoftmaxRegression")
            .Replace("for (int n = 0; n < features.Count; n++)\n        {\n", "for (int n = 0; n < features.Count; n++)\n        {\n            double[] x = features[n];\n", StringComparison.Ordinal)
            .Replace("features[n][j]", "x[j]", StringComparison.Ordinal);
        Assert.Contains("double[] x = features[n];", source, StringComparison.Ordinal);
        var run = GeneratorHarness.Run(NaturalSource.ImplicitUsings, source);
        var error = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("ADG0003", error.Id);
        Assert.Contains("read its elements through the collection where they are used (features[n][j])", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
