using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Diagnostics;

/// <summary>
/// Each diagnostic is reported in the tree it was found in, even when several trees share a file path (or
/// have none, as trees made in memory do). The generator used to find the tree again by path at the sink and
/// took the first match: the second tree's warnings were underlined in the first tree, and its #pragma was ignored.
/// </summary>
public class SamePathTreeTests
{
    // Two files with the same methods at different positions, so that a location in the wrong tree shows.
    private const string First = """
        using System;
        using AutoDiffGen;
        public static partial class A
        {
            [Differentiable] public static double F(double x) => Math.Floor(x);
            [Differentiable] public static double G(double x) => B.H(x) * 2;
        }
        """;

    private const string Second = """
        using System;
        using AutoDiffGen;

        // Padding, so that the spans differ from the first file's.
        public static partial class B
        {
        #pragma warning disable ADG0011
            [Differentiable] public static double Quiet(double x) => Math.Round(x);
        #pragma warning restore ADG0011
            [Differentiable] public static double Loud(double x) => Math.Ceiling(x);
            [Differentiable] public static double H(double x) { using (var m = new System.IO.MemoryStream()) { return x * m.Length; } }
        }
        """;

    private static (SyntaxTree First, SyntaxTree Second, Diagnostic[] Diagnostics) Run(string path)
    {
        var first = CSharpSyntaxTree.ParseText(First, GeneratorHarness.ParseOptions, path);
        var second = CSharpSyntaxTree.ParseText(Second, GeneratorHarness.ParseOptions, path);
        var compilation = GeneratorHarness.CreateCompilation().AddSyntaxTrees(first, second);
        var run = GeneratorHarness.CreateDriver().RunGenerators(compilation).GetRunResult();
        Assert.All(run.Results, r => Assert.Null(r.Exception));
        return (first, second, run.Diagnostics.ToArray());
    }

    private static string Underlined(Diagnostic d) => d.Location.SourceTree!.ToString().Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length);

    [Theory]
    [InlineData("")]
    [InlineData("Same.cs")]
    public void TreesWithOnePath_EachGetTheirDiagnosticsAtTheRightPlace(string path)
    {
        var (first, second, diagnostics) = Run(path);

        // ADG0011 (zero derivative) at each method's name, in its own tree.
        var zero = diagnostics.Where(d => d.Id == "ADG0011").ToDictionary(d => Underlined(d));
        Assert.Equal(new[] { "F", "Loud", "Quiet" }, zero.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Same(first, zero["F"].Location.SourceTree);
        Assert.Same(second, zero["Loud"].Location.SourceTree);
        Assert.Same(second, zero["Quiet"].Location.SourceTree);

        // The second file's #pragma applies to its own warning only.
        Assert.True(zero["Quiet"].IsSuppressed);
        Assert.False(zero["Loud"].IsSuppressed);
        Assert.False(zero["F"].IsSuppressed);

        // ADG0002 in the second tree; ADG0017 (callee without a Backward) at the call in the first.
        var error = Assert.Single(diagnostics, d => d.Id == "ADG0002");
        Assert.Same(second, error.Location.SourceTree);
        Assert.Equal("using", Underlined(error)[..5]);
        var call = Assert.Single(diagnostics, d => d.Id == "ADG0017");
        Assert.Same(first, call.Location.SourceTree);
        Assert.Equal("B.H(x)", Underlined(call));
    }
}
