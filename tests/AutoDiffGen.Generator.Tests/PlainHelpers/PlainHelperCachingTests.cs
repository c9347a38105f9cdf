using AutoDiffGen.Generator.Caching;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.PlainHelpers;

/// <summary>
/// A caller that inlines a plain helper depends on the helper's body (issue 13). With a driver kept across edits, as an
/// IDE keeps it: an edit of the helper's body in another file regenerates the caller (what a fresh driver generates); an
/// edit of a method the caller does not read re-analyses only that method's own file, so the caller is reused
/// (AnalysisCache: a result that read a body in another tree is not kept, one that read none is).
/// </summary>
public class PlainHelperCachingTests
{
    private const string Callers = """
        using System;
        using AutoDiffGen;

        namespace Plain;

        public static partial class Net
        {
            [Differentiable]
            public static double Loss(double w, double x) => Lib.Sigmoid(w * x);
        }
        """;

    private static string Helpers(string sigmoid) => $$"""
        using System;

        namespace Plain;

        public static class Lib
        {
            public static double Sigmoid(double z) => {{sigmoid}};
        }
        """;

    private static string Unrelated(double c) => $$"""
        using System;
        using AutoDiffGen;

        namespace Plain;

        public static partial class Other
        {
            [Differentiable]
            public static double Own(double x) => Math.Sin(x) * {{c.ToString(System.Globalization.CultureInfo.InvariantCulture)}};
        }
        """;

    private static SyntaxTree Tree(string text, string path) => CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path);

    [Fact]
    public void EditOfTheHelpersBody_RegeneratesTheCaller()
    {
        var compilation = GeneratorHarness.CreateCompilation().AddSyntaxTrees(Tree(Callers, "Net.cs"), Tree(Helpers("1.0 / (1.0 + Math.Exp(-z))"), "Lib.cs"));
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        string before = IncrementalSteps.Generated(driver).Single(kv => kv.Key.Contains("Net.Loss_", StringComparison.Ordinal)).Value;

        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(t => t.FilePath == "Lib.cs"), Tree(Helpers("Math.Tanh(z)"), "Lib.cs"));
        driver = driver.RunGenerators(edited);
        string after = IncrementalSteps.Generated(driver).Single(kv => kv.Key.Contains("Net.Loss_", StringComparison.Ordinal)).Value;

        Assert.DoesNotContain("Tanh", before, StringComparison.Ordinal);
        Assert.Contains("Tanh", after, StringComparison.Ordinal);
        Assert.Equal(IncrementalSteps.Generated(GeneratorHarness.CreateDriver().RunGenerators(edited)), IncrementalSteps.Generated(driver)); // kept equals fresh
    }

    [Fact]
    public void EditOfAnUnrelatedMethod_ReusesTheCallersAnalysis()
    {
        var compilation = GeneratorHarness.CreateCompilation().AddSyntaxTrees(Tree(Callers.Replace("Lib.Sigmoid(w * x)", "Sigmoid(w * x)").Replace("public static partial class Net\n{", "public static partial class Net\n{\n    private static double Sigmoid(double z) => 1.0 / (1.0 + Math.Exp(-z));\n"), "Net.cs"),
            Tree(Unrelated(2.0), "Other.cs"));
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        Assert.Equal(2, IncrementalSteps.Generated(driver).Count);

        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(t => t.FilePath == "Other.cs"), Tree(Unrelated(3.0), "Other.cs"));
        long hitsBefore = AnalysisCache.Hits;
        driver = driver.RunGenerators(edited);
        // Loss (helper in its own file) is reused; Own, edited, is analysed again.
        Assert.Equal(1, AnalysisCache.Hits - hitsBefore);
        Assert.Equal(IncrementalSteps.Generated(GeneratorHarness.CreateDriver().RunGenerators(edited)), IncrementalSteps.Generated(driver));
    }
}
