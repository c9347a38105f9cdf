using AutoDiffGen.Generator.Caching;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Caching;

/// <summary>
/// How much an edit of one method body re-analyses (issue 12: "an edit to one method body re-analyses only that
/// method"), counted through <see cref="AnalysisCache.Hits"/> with a driver kept across the edit as an IDE keeps it.
/// The cache is keyed by tree object, so the edited file's other methods are analysed again (their tree is new) and
/// every method of the unchanged files is reused. A command-line build parses every file anew and reuses nothing.
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
    public void BodyEditOfOneMethod_ReanalysesOnlyTheMethodsOfItsFile()
    {
        var compilation = GeneratorHarness.CreateCompilation().AddSyntaxTrees(Enumerable.Range(0, Files).Select(f => Tree(f, 0.5)));
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        Assert.Equal(Files * MethodsPerFile, IncrementalSteps.Generated(driver).Count);

        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(t => t.FilePath == "F0.cs"), Tree(0, 0.75));
        long hitsBefore = AnalysisCache.Hits;
        driver = driver.RunGenerators(edited);
        long reused = AnalysisCache.Hits - hitsBefore;

        // Every method of the three untouched files is reused; the edited file's five are analysed again.
        Assert.Equal((Files - 1) * MethodsPerFile, reused);
        var generated = IncrementalSteps.Generated(driver);
        Assert.Equal(Files * MethodsPerFile, generated.Count);
        Assert.Contains("0.75", generated.Single(kv => kv.Key.Contains("F0.M2_", StringComparison.Ordinal)).Value);
        Assert.Equal(IncrementalSteps.Generated(GeneratorHarness.CreateDriver().RunGenerators(edited)), generated); // cached equals fresh
    }

    [Fact]
    public void FreshlyParsedTrees_ReuseNothing()
    {
        // What a command-line build (also through the compiler server) gives the generator: new tree objects for every file.
        var compilation = GeneratorHarness.CreateCompilation().AddSyntaxTrees(Enumerable.Range(0, Files).Select(f => Tree(f, 0.5)));
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var reparsed = GeneratorHarness.CreateCompilation().AddSyntaxTrees(Enumerable.Range(0, Files).Select(f => Tree(f, f == 0 ? 0.75 : 0.5)));
        long hitsBefore = AnalysisCache.Hits;
        driver.RunGenerators(reparsed);
        Assert.Equal(0, AnalysisCache.Hits - hitsBefore);
    }
}
