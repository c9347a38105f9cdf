using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.InlinedCallees;

/// <summary>
/// An inlined callee whose body calls a [Differentiable] method without a Backward: the caller gets ADG0017 at its own
/// call of the inlined callee. Found by CorpusTests (Meta.Numerics' Sinc inlining a Sin that calls a failing RangeReduction.Sin):
/// the error was reported inside Sin's body only, and Sinc had no Backward and no error of its own.
/// </summary>
public class InlinedCalleeFailureTests
{
    [Fact]
    public void ACallInsideAnInlinedBody_ToACalleeWithoutBackward_IsAnErrorAtTheInlinedCall()
    {
        const string source = """
            using System;
            using AutoDiffGen;
            public static partial class Other
            {
                [Differentiable] public static double Bad(double x) { Console.Out.WriteLine(x); return x; }
            }
            public static partial class M
            {
                [Differentiable] public static double Sin(double x) => x < 1 ? Math.Sin(x) : Other.Bad(x);
                [Differentiable] public static double Sinc(double x) => x == 0.0 ? 1.0 : Sin(x) / x;
            }
            """;
        var result = GeneratorHarness.Run(source);
        Assert.DoesNotContain(result.Generated.Keys, k => k.Contains("Sinc", StringComparison.Ordinal));
        Assert.Contains(result.GeneratorDiagnostics, d => d.Id == "ADG0017"
            && d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == "Sin(x)");
        Assert.Empty(result.CompileDiagnostics);
    }
}
