using AutoDiffGen.CodeFixes.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.CodeFixes.Tests;

/// <summary>[NoDiff] on a parameter, for ADG0006 (analyzer) and ADG0016 (generator).</summary>
public class NoDiffCodeFixTests
{
    [Fact]
    public Task ADG0006_ARealHoldingParameter_BecomesAConstant() => FixTest<NoDiffCodeFix>.Run("""
        using AutoDiffGen;

        namespace N;

        public static partial class C
        {
            [Differentiable]
            public static double F(double x, {|ADG0006:System.Numerics.Complex[,] v|}) => x * v[0, 0].Real;
        }
        """, """
        using AutoDiffGen;

        namespace N;

        public static partial class C
        {
            [Differentiable]
            public static double F(double x, [NoDiff] System.Numerics.Complex[,] v) => x * v[0, 0].Real;
        }
        """);

    private const string LeakBefore = """
        using AutoDiffGen;

        namespace N;

        public static partial class C
        {
            // Keeps the array it counts, so it is not a pure reader (a helper that only counts is a zero-derivative cut
            // since natural15) and the gradient would leak into it.
            public static double[] Seen = new double[0];

            public static int CountPositive(double[] v)
            {
                Seen = v;
                int n = 0;
                foreach (var e in v) if (e > 0) n++;
                return n;
            }

            [Differentiable]
            public static double F(double[] xs, double y) => y * CountPositive({|ADG0016:xs|});
        }
        """;

    [Fact]
    public Task ADG0016_TheCalleesParameter_IsMarked() => FixTest<NoDiffCodeFix>.Run(LeakBefore, """
        using AutoDiffGen;

        namespace N;

        public static partial class C
        {
            // Keeps the array it counts, so it is not a pure reader (a helper that only counts is a zero-derivative cut
            // since natural15) and the gradient would leak into it.
            public static double[] Seen = new double[0];

            public static int CountPositive([NoDiff] double[] v)
            {
                Seen = v;
                int n = 0;
                foreach (var e in v) if (e > 0) n++;
                return n;
            }

            [Differentiable]
            public static double F(double[] xs, double y) => y * CountPositive(xs);
        }
        """, withGenerator: true, equivalenceKey: "NoDiff:CountPositive.v");

    [Fact]
    public Task ADG0016_OrTheCallersParameter_IsMarked() => FixTest<NoDiffCodeFix>.Run(LeakBefore, """
        using AutoDiffGen;

        namespace N;

        public static partial class C
        {
            // Keeps the array it counts, so it is not a pure reader (a helper that only counts is a zero-derivative cut
            // since natural15) and the gradient would leak into it.
            public static double[] Seen = new double[0];

            public static int CountPositive(double[] v)
            {
                Seen = v;
                int n = 0;
                foreach (var e in v) if (e > 0) n++;
                return n;
            }

            [Differentiable]
            public static double F([NoDiff] double[] xs, double y) => y * CountPositive(xs);
        }
        """, withGenerator: true, equivalenceKey: "NoDiff:F.xs");
}
