using System.Text;
using AutoDiffGen.Generator.Lowering;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Caching;

/// <summary>
/// ParallelAnalysis: helper threads analyse methods ahead of the driver. Whoever analyses a method, the
/// generated files and diagnostics must be exactly those of an analysis on the driver's thread alone.
/// </summary>
[Collection(nameof(ParallelAnalysisTests))] // toggles a process-wide switch: not alongside itself
public class ParallelAnalysisTests
{
    /// <summary>Many methods over several files: straight-line, branches, loops, calls across files, errors and one deep body.</summary>
    private static string[] Sources(int files = 8, int perFile = 25)
    {
        var sources = new string[files];
        for (int f = 0; f < files; f++)
        {
            var text = new StringBuilder($"using System;\nusing AutoDiffGen;\n\nnamespace Par;\n\npublic static partial class C{f}\n{{\n");
            for (int i = 0; i < perFile; i++)
            {
                int k = f * perFile + i;
                text.Append("    [Differentiable]\n");
                text.Append((k % 5) switch
                {
                    0 => $"    public static double M{k}(double x, double y) {{ double t = x * y + {k}.5; return Math.Sin(t) * y + t / (1.0 + x * x); }}\n",
                    1 => $"    public static double M{k}(double x, double y) {{ double r; if (x > {k % 3}.0) {{ r = x * Math.Tanh(y); }} else {{ r = y / (1.0 + x * x); }} return r * r; }}\n",
                    2 => $"    public static double M{k}(double[] w, double b) {{ double acc = 0.0; for (int j = 0; j < w.Length; j++) {{ acc = acc * b + w[j]; }} return acc; }}\n",
                    3 => $"    public static double M{k}(double x) => C{(f + 1) % files}.M{((f + 1) % files) * perFile}(x, 2.0) + Math.Exp(x);\n",
                    _ => k % 10 == 4
                        ? $"    public static double M{k}(ref double x) => x * x;\n" // an error: ADG diagnostics travel too
                        : $"    public static double M{k}(double x) => {string.Concat(Enumerable.Repeat("Math.Sin(", 160))}x{new string(')', 160)};\n", // deep: the large-stack path
                });
            }
            text.Append("}\n");
            sources[f] = text.ToString();
        }
        return sources;
    }

    private static (SortedDictionary<string, string> Files, string[] Diagnostics) Generate(string[] sources)
    {
        var run = GeneratorHarness.CreateDriver().RunGenerators(GeneratorHarness.CreateCompilation(sources)).GetRunResult();
        Assert.All(run.Results, r => Assert.Null(r.Exception));
        var files = new SortedDictionary<string, string>(run.Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString()), StringComparer.Ordinal);
        return (files, run.Diagnostics.Select(d => d.ToString()).OrderBy(d => d, StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void WithHelpers_OutputIsThatOfTheDriverAlone()
    {
        var sources = Sources();
        (SortedDictionary<string, string> Files, string[] Diagnostics) alone;
        ParallelAnalysis.Enabled = false;
        try
        {
            alone = Generate(sources);
        }
        finally
        {
            ParallelAnalysis.Enabled = true;
        }
        Assert.True(alone.Files.Count > 150, "most methods generate: " + alone.Files.Count);
        Assert.Contains(alone.Diagnostics, d => d.Contains("ADG", StringComparison.Ordinal));

        for (int attempt = 0; attempt < 3; attempt++)
        {
            var helped = Generate(sources); // new trees and compilation each time: nothing cached
            Assert.Equal(alone.Files, helped.Files);
            Assert.Equal(alone.Diagnostics, helped.Diagnostics);
        }
    }
}
