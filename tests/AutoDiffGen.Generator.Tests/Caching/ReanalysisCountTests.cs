using AutoDiffGen.Generator.Caching;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Caching;

/// <summary>
/// How much an edit of one method body re-analyses (issue 12: "an edit to one method body re-analyses only that
/// method"), counted through <see cref="AnalysisCache.Hits"/>: with a driver kept across the edit as an IDE keeps it,
/// every method of the unchanged files is reused by tree object, and the edited file's other methods are moved into its
/// new tree (<see cref="AnalysisCache.Moves"/>); only the edited method is analysed again. Freshly parsed trees of the
/// same compilation (a build through the compiler server, where the generator stays loaded) reuse the same way; a
/// compilation that differs in anything else (here its assembly name) reuses nothing.
/// </summary>
public class ReanalysisCountTests
{
    private const int Files = 4, MethodsPerFile = 5;

    private static string Render(int file, double constant)
    {
        var text = new System.Text.StringBuilder("using System;\nusing AutoDiffGen;\n\nnamespace Count;\n\npublic static partial class F").Append(file).Append("\n{\n");
        for (int i = 0; i < MethodsPerFile; i++)
        {
            string c = file == 0 && i == 2 ? constant.ToString(System.Globalization.CultureInfo.InvariantCulture) : "0.5";
            text.Append("    [Differentiable]\n    public static double M").Append(i).Append("(double x, double y) => Math.Sin(x * y) + ").Append(c).Append(" * x;\n\n");
        }
        return text.Append("}\n").ToString();
    }

    private static SyntaxTree Tree(int file, double constant) =>
        CSharpSyntaxTree.ParseText(Render(file, constant), GeneratorHarness.ParseOptions, $"F{file}.cs");

    [Fact]
    public void BodyEditOfOneMethod_ReanalysesOnlyThatMethod()
    {
        var compilation = GeneratorHarness.CreateCompilation().AddSyntaxTrees(Enumerable.Range(0, Files).Select(f => Tree(f, 0.5)));
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        Assert.Equal(Files * MethodsPerFile, IncrementalSteps.Generated(driver).Count);

        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(t => t.FilePath == "F0.cs"), Tree(0, 0.75));
        long hitsBefore = AnalysisCache.Hits, movesBefore = AnalysisCache.Moves;
        driver = driver.RunGenerators(edited);
        long reused = AnalysisCache.Hits - hitsBefore, moved = AnalysisCache.Moves - movesBefore;

        // Every method but the edited one is reused: the untouched files' by tree, the edited file's four others moved.
        Assert.Equal(Files * MethodsPerFile - 1, reused);
        Assert.Equal(MethodsPerFile - 1, moved);
        var generated = IncrementalSteps.Generated(driver);
        Assert.Equal(Files * MethodsPerFile, generated.Count);
        Assert.Contains("0.75", generated.Single(kv => kv.Key.Contains("F0.M2_", StringComparison.Ordinal)).Value);
        Assert.Equal(IncrementalSteps.Generated(GeneratorHarness.CreateDriver().RunGenerators(edited)), generated); // cached equals fresh
    }

    [Fact]
    public void FreshlyParsedTreesOfTheSameCompilation_ReanalyseOnlyTheEditedMethod()
    {
        // What a build through the compiler server gives the generator: new tree objects for every file, the same
        // options and references, a new driver.
        string name = "Count" + Guid.NewGuid().ToString("N");
        var compilation = GeneratorHarness.CreateCompilation().WithAssemblyName(name).AddSyntaxTrees(Enumerable.Range(0, Files).Select(f => Tree(f, 0.5)));
        GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var reparsed = GeneratorHarness.CreateCompilation().WithAssemblyName(name).AddSyntaxTrees(Enumerable.Range(0, Files).Select(f => Tree(f, f == 0 ? 0.75 : 0.5)));
        long hitsBefore = AnalysisCache.Hits, movesBefore = AnalysisCache.Moves;
        var driver = GeneratorHarness.CreateDriver().RunGenerators(reparsed);
        Assert.Equal(Files * MethodsPerFile - 1, AnalysisCache.Hits - hitsBefore);
        Assert.Equal(Files * MethodsPerFile - 1, AnalysisCache.Moves - movesBefore);

        // The same output as with the cache off.
        var off = GeneratorHarness.ParseOptions.WithPreprocessorSymbols(AnalysisCache.OptOutSymbol);
        var uncached = GeneratorHarness.CreateCompilation().AddSyntaxTrees(reparsed.SyntaxTrees.Select(t => CSharpSyntaxTree.ParseText(t.GetText(), off, t.FilePath)));
        Assert.Equal(IncrementalSteps.Generated(GeneratorHarness.CreateDriver().RunGenerators(uncached)), IncrementalSteps.Generated(driver));
    }

    [Fact]
    public void FreshlyParsedTreesOfAnotherCompilation_ReuseNothing()
    {
        var compilation = GeneratorHarness.CreateCompilation().AddSyntaxTrees(Enumerable.Range(0, Files).Select(f => Tree(f, 0.5)));
        GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var reparsed = GeneratorHarness.CreateCompilation().AddSyntaxTrees(Enumerable.Range(0, Files).Select(f => Tree(f, 0.5))); // another assembly name
        long hitsBefore = AnalysisCache.Hits;
        GeneratorHarness.CreateDriver().RunGenerators(reparsed);
        Assert.Equal(0, AnalysisCache.Hits - hitsBefore);
    }

    [Fact]
    public void AnotherLanguageVersion_ReusesNothing()
    {
        // The same text under C# 7.3 declares the same things but is emitted differently (no file-scoped namespace).
        string name = "Count" + Guid.NewGuid().ToString("N");
        var latest = GeneratorHarness.CreateCompilation().WithAssemblyName(name).AddSyntaxTrees(Enumerable.Range(0, Files).Select(f => Tree(f, 0.5)));
        GeneratorHarness.CreateDriver().RunGenerators(latest);
        var old = GeneratorHarness.ParseOptions.WithLanguageVersion(LanguageVersion.CSharp7_3);
        var csharp73 = GeneratorHarness.CreateCompilation().WithAssemblyName(name)
            .AddSyntaxTrees(Enumerable.Range(0, Files).Select(f => CSharpSyntaxTree.ParseText(Render(f, 0.5), old, $"F{f}.cs")));
        long hitsBefore = AnalysisCache.Hits;
        GeneratorHarness.CreateDriver().RunGenerators(csharp73);
        Assert.Equal(0, AnalysisCache.Hits - hitsBefore);
    }
}

/// <summary>
/// An analysis moved into the edited file's new tree reports its diagnostics where they now are: the edit before it
/// makes the file longer, so every location after it shifts; a fresh run with the cache off is the reference.
/// </summary>
public class MovedDiagnosticsTests
{
    private static string Source(string constant) => $$"""
        using System;
        using AutoDiffGen;

        namespace Moved;

        public static partial class F
        {
            [Differentiable]
            public static double Edited(double x, double y)
            {
                return x * y + {{constant}};
            }

            [Differentiable]
            public static double Warned(double x)
            {
                return Math.Floor(x) * 2;
            }

            #pragma warning disable ADG0011
            [Differentiable]
            public static double Suppressed(double x) => Math.Floor(x) * 3;
            #pragma warning restore ADG0011
        }
        """;

    [Theory]
    [InlineData("0.75")]
    [InlineData("Math.Sin(x) * 1234.5678 - 2.0")]
    [InlineData("0")]
    public void DiagnosticsOfAMovedAnalysis_AreWhereAFreshRunPutsThem(string constant)
    {
        var compilation = GeneratorHarness.CreateCompilation(Source("0.5"));
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var tree = compilation.SyntaxTrees.Single();
        var edited = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(Source(constant), GeneratorHarness.ParseOptions, tree.FilePath));
        long movesBefore = AnalysisCache.Moves;
        driver = driver.RunGenerators(edited);
        Assert.Equal(2, AnalysisCache.Moves - movesBefore); // Warned and Suppressed moved, Edited analysed again

        var off = GeneratorHarness.ParseOptions.WithPreprocessorSymbols(AnalysisCache.OptOutSymbol);
        var uncached = GeneratorHarness.CreateCompilation().AddSyntaxTrees(CSharpSyntaxTree.ParseText(Source(constant), off, tree.FilePath));
        var fresh = GeneratorHarness.CreateDriver().RunGenerators(uncached);
        Assert.Equal(IncrementalSteps.Generated(fresh), IncrementalSteps.Generated(driver));
        string[] Described(GeneratorDriver d) => d.GetRunResult().Diagnostics
            .Select(x => $"{x.Id} {x.Location.GetLineSpan()} suppressed={x.IsSuppressed}: {x.GetMessage()}").OrderBy(s => s, StringComparer.Ordinal).ToArray();
        var expected = Described(fresh);
        Assert.True(expected.Count(d => d.StartsWith("ADG0011", StringComparison.Ordinal)) == 2, string.Join("\n", expected)); // the check has something to compare
        Assert.Equal(expected, Described(driver));
        Assert.All(driver.GetRunResult().Diagnostics, d => Assert.Same(edited.SyntaxTrees.Single(), d.Location.SourceTree));
    }
}
