using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Caching;
using AutoDiffGen.Generator.Model;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Caching;

/// <summary>
/// AnalysisCache: a method's analysis is reused while only other files' member bodies change, and is done again
/// after any other change that could alter it. (The end-to-end check that no output is ever stale is
/// IncrementalCachingTests' RunEdit, which compares every incremental run with a fresh driver.)
/// </summary>
public class AnalysisCacheTests
{
    private const string ModelSource = """
        using System;
        using AutoDiffGen;

        namespace Cache;

        public static partial class Model
        {
            [Differentiable]
            public static double First(double x, double y) => Math.Sin(x * y) + Lib.Scale(x, y);
        }
        """;

    private const string LibSource = """
        using AutoDiffGen;

        namespace Cache;

        public static partial class Lib
        {
            public const double K = 2.0;

            public static double Scale(double x, double k) => x * k;

            public static double Twice(double x)
            {
                return 2 * x;
            }

            public static double Half { get { return 0.5; } }
        }
        """;

    private static CSharpCompilation Initial() => GeneratorHarness.CreateCompilation(ModelSource, LibSource);

    private static MethodDeclarationSyntax First(Compilation c) =>
        c.SyntaxTrees.First().GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.Text == "First");

    private static CSharpCompilation EditLib(CSharpCompilation c, string from, string to)
    {
        var lib = c.SyntaxTrees.ElementAt(1);
        string text = lib.ToString();
        Assert.Contains(from, text);
        return c.ReplaceSyntaxTree(lib, CSharpSyntaxTree.ParseText(text.Replace(from, to), GeneratorHarness.ParseOptions, lib.FilePath));
    }

    /// <summary>Analyses First in <paramref name="before"/>, then in <paramref name="after"/>; true when the second analysis ran.</summary>
    private static bool AnalysedAgain(CSharpCompilation before, CSharpCompilation after)
    {
        var result = new MethodAnalysis(new GenerationResult(null), EquatableArray<DiagnosticInfo>.Empty);
        Assert.Same(result, AnalysisCache.GetOrAdd(First(before), before, () => result));
        bool ran = false;
        var second = AnalysisCache.GetOrAdd(First(after), after, () =>
        {
            ran = true;
            return new MethodAnalysis(new GenerationResult(null), EquatableArray<DiagnosticInfo>.Empty);
        });
        Assert.Same(First(before).SyntaxTree, First(after).SyntaxTree);
        if (!ran) Assert.Same(result, second);
        return ran;
    }

    [Theory]
    [InlineData("=> x * k;", "=> x * k * k;")]           // an expression body
    [InlineData("return 2 * x;", "return 3 * x;")]       // a block body
    [InlineData("return 0.5;", "return 0.25;")]          // an accessor's body
    public void BodyEditInAnotherFile_IsReused(string from, string to)
    {
        var initial = Initial();
        Assert.False(AnalysedAgain(initial, EditLib(initial, from, to)));
    }

    [Fact]
    public void SameCompilation_IsReused()
    {
        var initial = Initial();
        Assert.False(AnalysedAgain(initial, initial));
    }

    [Theory]
    [InlineData("public static double Scale(double x, double k)", "public static double Scale(double x, [NoDiff] double k)")] // a signature
    [InlineData("public const double K = 2.0;", "public const double K = 3.0;")]                                           // a constant
    [InlineData("public static partial class Lib", "// a comment\npublic static partial class Lib")]                        // anything outside bodies
    [InlineData("return 2 * x;", "return 2 * x;\n#if DEBUG\n#endif")]                                                      // a directive in a body
    public void DeclarationEditInAnotherFile_IsAnalysedAgain(string from, string to)
    {
        var initial = Initial();
        Assert.True(AnalysedAgain(initial, EditLib(initial, from, to)));
    }

    [Fact]
    public void OtherOptionsOrReferences_AreAnalysedAgain()
    {
        var initial = Initial();
        Assert.True(AnalysedAgain(initial, initial.WithOptions(initial.Options.WithOverflowChecks(true))));
        Assert.True(AnalysedAgain(initial, initial.RemoveReferences(initial.References.Last())));
        Assert.True(AnalysedAgain(initial, initial.WithAssemblyName("Other")));
        Assert.True(AnalysedAgain(initial, initial.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Cache; public static class Extra { }", GeneratorHarness.ParseOptions, "Extra.cs"))));
    }
}
