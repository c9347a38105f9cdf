using AutoDiffGen.CodeFixes.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace AutoDiffGen.CodeFixes.Tests;

/// <summary>ADG0001: the fix makes every containing type partial, nested ones too, and the analyzer then has nothing to say.</summary>
public class MakePartialCodeFixTests
{
    [Fact]
    public Task StaticClass() => FixTest<MakePartialCodeFix>.Run("""
        using AutoDiffGen;

        public static class {|ADG0001:C|}
        {
            [Differentiable] public static double F(double x) => x * x;
        }
        """, """
        using AutoDiffGen;

        public static partial class C
        {
            [Differentiable] public static double F(double x) => x * x;
        }
        """);

    [Fact]
    public Task NestedTypes_InAFileScopedNamespace_AllBecomePartial_InOneFix() => FixTest<MakePartialCodeFix>.Run("""
        using AutoDiffGen;

        namespace N;

        public class {|ADG0001:Outer|}
        {
            internal sealed class {|ADG0001:Inner|}
            {
                [Differentiable] public double F(double x) => x * x;
            }
        }
        """, """
        using AutoDiffGen;

        namespace N;

        public partial class Outer
        {
            internal sealed partial class Inner
            {
                [Differentiable] public double F(double x) => x * x;
            }
        }
        """);

    [Fact]
    public Task OnlyTheTypesThatLackIt_NoModifiers_AndAnAttributeAbove() => FixTest<MakePartialCodeFix>.Run("""
        using System;
        using AutoDiffGen;

        namespace N
        {
            public partial class Outer
            {
                [Serializable]
                struct {|ADG0001:Inner|}
                {
                    [Differentiable] public static double F(double x) => x * x;
                }
            }
        }
        """, """
        using System;
        using AutoDiffGen;

        namespace N
        {
            public partial class Outer
            {
                [Serializable]
                partial struct Inner
                {
                    [Differentiable] public static double F(double x) => x * x;
                }
            }
        }
        """);

    [Fact]
    public Task RecordStruct() => FixTest<MakePartialCodeFix>.Run("""
        using AutoDiffGen;

        public readonly record struct {|ADG0001:P|}(double A)
        {
            [Differentiable] public static double F(double x) => x * x;
        }
        """, """
        using AutoDiffGen;

        public readonly partial record struct P(double A)
        {
            [Differentiable] public static double F(double x) => x * x;
        }
        """);

    [Fact]
    public Task NoModifiers_TheDocCommentStaysAboveTheType() => FixTest<MakePartialCodeFix>.Run("""
        using AutoDiffGen;

        /// <summary>Losses.</summary>
        class {|ADG0001:Losses|}
        {
            [Differentiable] public static double Square(double x) => x * x;
        }
        """, """
        using AutoDiffGen;

        /// <summary>Losses.</summary>
        partial class Losses
        {
            [Differentiable] public static double Square(double x) => x * x;
        }
        """);

    [Fact]
    public Task TwoMethods_TwoDiagnostics_OneFixForBoth()
    {
        // One ADG0001 per method at the same name (each message names its method); either fix removes both.
        var test = new FixTest<MakePartialCodeFix>("""
            using AutoDiffGen;

            public static class C
            {
                [Differentiable] public static double F(double x) => x * x;
                [Differentiable] public static double G(double x) => x * x * x;
            }
            """, """
            using AutoDiffGen;

            public static partial class C
            {
                [Differentiable] public static double F(double x) => x * x;
                [Differentiable] public static double G(double x) => x * x * x;
            }
            """)
        {
            NumberOfIncrementalIterations = 1,
            NumberOfFixAllIterations = 1,
        };
        foreach (string method in new[] { "F", "G" })
        {
            test.ExpectedDiagnostics.Add(new DiagnosticResult("ADG0001", DiagnosticSeverity.Error)
                .WithSpan(3, 21, 3, 22).WithArguments("C", method, "is not partial; add the 'partial' modifier so the generator can add '" + method + "Backward' to it").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
        }
        return test.RunAsync();
    }
}
