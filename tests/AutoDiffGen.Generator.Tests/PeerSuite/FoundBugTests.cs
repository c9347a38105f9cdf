using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.PeerSuite;

/// <summary>
/// Minimised programs for the bugs the peer-suite hunt found, each against central differences and a hand
/// derivation: they must compile warning-free and give the right value and gradient.
/// </summary>
public class FoundBugTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Found
        {
            // A continue in an inner loop gives it flags that carry the return state; the outer loop had no jump of
            // its own and did not carry that state, so the generated code read the inner loop's variables out of scope (CS0103).
            [Differentiable]
            public static double ContinueInInnerLoopThenReturnInALaterLoop(double x, double y, int n)
            {
                double r = x;
                for (int i = 0; i < n; i++)
                {
                    for (int j = 0; j < n; j++)
                    {
                        r = r * y;
                        if (y < 1.0) continue;
                    }
                }
                for (int k = 0; k < n; k++)
                {
                    if (r > 2) return r;
                }
                return r + y;
            }

            // The same through three levels: the outer loop breaks (flags), the middle one has no jump, the inner continues.
            [Differentiable]
            public static double BreakingOuterPlainMiddleContinuingInner(double x, double y, int n)
            {
                double r = x;
                for (int i = 0; i < n; i++)
                {
                    for (int j = 0; j < 2; j++)
                    {
                        for (int k = 0; k < 2; k++)
                        {
                            if (k == 1 && y > 5) continue;
                            r = r * y + 0.1;
                        }
                    }
                    if (r > 50) break;
                }
                for (int k = 0; k < n; k++)
                {
                    if (r * k > 100) return r * k;
                }
                return r;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Get(string name) => Compiled.Value.GetType("Found")!.GetMethod(name)!;

    [Theory]
    [InlineData(1.5, 0.8, 2)]
    [InlineData(0.5, 1.3, 3)]
    [InlineData(3.0, 0.9, 2)]
    [InlineData(0.7, 1.1, 0)]
    public void ContinueInInnerLoopThenReturnInALaterLoop(double x, double y, int n)
    {
        var result = CentralDifferenceRunner.Check(Get(nameof(ContinueInInnerLoopThenReturnInALaterLoop)), null, new object[] { x, y, n });
        // r = x·y^(n²); returned as is when n > 0 and r > 2, else r + y.
        int m = n * n;
        double r = x * Math.Pow(y, m);
        bool early = n > 0 && r > 2;
        Tolerance.AssertFormula(early ? r : r + y, result.Value);
        Tolerance.AssertFormula(Math.Pow(y, m), result.Gradient[0]![0]);
        Tolerance.AssertFormula((m == 0 ? 0 : x * m * Math.Pow(y, m - 1)) + (early ? 0 : 1), result.Gradient[1]![0]);
    }

    [Theory]
    [InlineData(1.5, 0.8, 2)]
    [InlineData(0.5, 1.3, 3)]
    [InlineData(2.0, 1.9, 3)]
    [InlineData(0.3, 6.0, 2)]
    public void BreakingOuterPlainMiddleContinuingInner(double x, double y, int n) =>
        CentralDifferenceRunner.Check(Get(nameof(BreakingOuterPlainMiddleContinuingInner)), null, new object[] { x, y, n });
}
