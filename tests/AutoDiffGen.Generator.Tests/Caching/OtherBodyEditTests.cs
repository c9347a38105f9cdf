using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Caching;

/// <summary>
/// An analysis that read the body of a member in another file (a struct's operator, a computed property's accessor,
/// a pure helper, a constructor) depends on that body: after an edit of it alone, a driver kept across the edit (an IDE)
/// must generate what a fresh driver does. The analysis cache cuts member bodies out of its fingerprint, so it has to
/// know which analyses read one.
/// </summary>
public class OtherBodyEditTests
{
    private const string Methods = """
        using System;
        using AutoDiffGen;

        namespace Other;

        public static partial class F
        {
            [Differentiable]
            public static double ByOperator(P p, double s) { P q = p * s; return q.X + q.Y; }

            [Differentiable]
            public static double ByProperty(P p) => p.Norm2;

            [Differentiable]
            public static double ByConstructor(double x, double y) { P q = new P(x * y, y); return q.X * q.Y; }

            [Differentiable]
            public static double ByHelper(double x) => Lib.Valid(x) ? x * x : x;
        }
        """;

    private static string Types(string op, string norm, string helper, string ctor = Ctor) => $$"""
        using System;

        namespace Other;

        public readonly struct P
        {
            public P(double x, double y) { {{ctor}} }
            public double X { get; }
            public double Y { get; }
            public static P operator *(P a, double s) => {{op}};
            public double Norm2 { get { return {{norm}}; } }
        }

        public static class Lib
        {
            public static bool Valid(double x) { {{helper}} }
        }
        """;

    private const string Op = "new P(a.X * s, a.Y * s)", Norm = "X * X + Y * Y", Helper = "return x > 0.5;", Ctor = "X = x; Y = y;";

    [Theory]
    [InlineData("new P(a.X * s * s, a.Y * s)", Norm, Helper)]
    [InlineData(Op, "X * X + 3.0 * Y * Y", Helper)]
    [InlineData(Op, Norm, "return x > 0.5 || Environment.TickCount > 0;")]
    [InlineData(Op, Norm, Helper, "Y = y; X = x * 1.0;")]
    public void EditOfABodyInAnotherFile_IsFollowedByAKeptDriver(string op, string norm, string helper, string ctor = Ctor)
    {
        var compilation = GeneratorHarness.CreateCompilation(Methods, Types(Op, Norm, Helper));
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var before = IncrementalSteps.Generated(driver);
        Assert.NotEmpty(before);

        var types = compilation.SyntaxTrees.ElementAt(1);
        var edited = compilation.ReplaceSyntaxTree(types, CSharpSyntaxTree.ParseText(Types(op, norm, helper, ctor), GeneratorHarness.ParseOptions, types.FilePath));
        var kept = driver.RunGenerators(edited);
        // Freshly parsed trees: the cache keeps analyses per tree object, so a new driver on `edited` could reuse them too.
        var fresh = GeneratorHarness.CreateDriver().RunGenerators(GeneratorHarness.CreateCompilation(Methods, Types(op, norm, helper, ctor)));

        Assert.NotEqual(before, IncrementalSteps.Generated(fresh)); // the edit changes what is generated (or diagnosed)
        Assert.Equal(IncrementalSteps.Generated(fresh), IncrementalSteps.Generated(kept));
        Assert.Equal(Diagnostics(fresh), Diagnostics(kept));
    }

    private static string[] Diagnostics(GeneratorDriver driver) =>
        driver.GetRunResult().Diagnostics.Select(d => d.ToString()).OrderBy(s => s, StringComparer.Ordinal).ToArray();
}
