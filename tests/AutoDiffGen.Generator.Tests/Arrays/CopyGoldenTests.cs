using System.Runtime.CompilerServices;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// One golden file per new shape (Golden/Copies): a copy's adjoint added back into its source (a local array written
/// after its copy; a span slice's copy), a copy in a branch, a local jagged array whose row is created again, a jagged
/// local with rows of different lengths in loops, and a slice of a slice passed to a callee (one checked slice). Their
/// gradients are checked in <see cref="CopyTests"/>, <see cref="JaggedLocalTests"/> and here. AUTODIFFGEN_UPDATE_GOLDEN=1 rewrites them.
/// </summary>
public class CopyGoldenTests
{
    private const string SliceSource = """
        using System;
        using AutoDiffGen;

        public static partial class Ns
        {
            [Differentiable]
            public static double SumSquares(ReadOnlySpan<double> s)
            {
                double t = 0;
                for (int i = 0; i < s.Length; i++) t += s[i] * s[i];
                return t;
            }

            [Differentiable]
            public static double Window(double[] x, int from, int count) => SumSquares(x.AsSpan(1).Slice(from, count));

            [Differentiable]
            public static double Pair(double[] x, int from) => SumSquares(x.AsSpan(1, 2).Slice(from, 2));
        }
        """;

    private static readonly string[] Shapes =
    {
        "Cp.WriteOriginalAfter_double_double.g.cs",
        "Cp.SpanSliceCopy_ReadOnlySpan_double_.g.cs",
        "Cp.CopyInBranch_double___bool.g.cs",
        "Jl.Recreated_double_double.g.cs",
        "Jl.Triangle_double__.g.cs",
        "Ns.Window_double___int_int.g.cs",
    };

    public static IEnumerable<object[]> Files() => Shapes.Select(s => new object[] { s });

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Generated = new(() =>
    {
        var all = new Dictionary<string, string>();
        foreach (var source in new[] { CopySources.Source, JaggedLocalTests.Source, SliceSource })
        {
            var result = GeneratorHarness.Run(source);
            result.AssertClean();
            foreach (var (k, v) in result.Generated) all[k] = v;
        }
        return all;
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

    [Theory]
    [InlineData(0, 2)]
    [InlineData(1, 3)]
    [InlineData(2, 0)]
    public void Window_SliceOfASlice_ByHand(int from, int count)
    {
        // Σ x[1 + from + k]², k < count → 2x inside the window.
        var type = GeneratorHarness.CompileAndLoad(SliceSource).GetType("Ns")!;
        var x = new[] { 0.7, -1.3, 0.4, 1.1, -0.6 };
        var g = CentralDifferenceRunner.Check(type.GetMethod("Window")!, null, new object[] { x, from, count }).Gradient[0]!;
        for (int j = 0; j < x.Length; j++) Assert.Equal(j > from && j <= from + count ? 2 * x[j] : 0, g[j], 12);
    }

    [Fact]
    public void OutsideTheInnerSlice_ThrowsAsCSharpDoes()
    {
        // x.AsSpan(1, 2).Slice(1, 2) leaves the inner slice although x.AsSpan(2, 2) would fit in x: the method throws, and so
        // must its Backward (each level is checked against the one it is taken of); Slice(0, 2) is the inner slice itself.
        var type = GeneratorHarness.CompileAndLoad(SliceSource).GetType("Ns")!;
        var x = new[] { 0.7, -1.3, 0.4, 1.1, -0.6 };
        var backward = type.GetMethod("PairBackward")!;
        foreach (int from in new[] { 1, -1 })
        {
            var primal = Assert.Throws<System.Reflection.TargetInvocationException>(() => type.GetMethod("Pair")!.Invoke(null, new object[] { x, from }));
            Assert.IsType<ArgumentOutOfRangeException>(primal.InnerException);
            var generated = Assert.Throws<System.Reflection.TargetInvocationException>(() => backward.Invoke(null, new object[] { x, from, new double[x.Length], 1.0 }));
            Assert.IsType<ArgumentOutOfRangeException>(generated.InnerException);
        }
        var g = CentralDifferenceRunner.Check(type.GetMethod("Pair")!, null, new object[] { x, 0 }).Gradient[0]!;
        Assert.Equal(new[] { 0, 2 * x[1], 2 * x[2], 0, 0 }, g.Select(v => Math.Round(v, 12)).ToArray());
    }

    private static string GoldenDirectory([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "Golden", "Copies");
}
