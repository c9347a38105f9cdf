using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Robustness;

/// <summary>
/// A loop variable handed back unchanged through a copy (<c>var t = b; a = a * b; b = t;</c>, or a struct or value-class local
/// rebuilt from its own member, <c>g = new Seg(g.A * g.B, g.B)</c>) wrote <c>b_1 = b_1;</c> in the forward loop: warning CS1717,
/// a broken build under warnings-as-errors (found 2026-12-03 by objects4). The copy is no longer written.
/// </summary>
public class UnchangedCarriedValueTests
{
    private const string Source = """
        using AutoDiffGen;

        public struct Seg
        {
            public double A;
            public double B;
            public Seg(double a, double b) { A = a; B = b; }
        }

        public static partial class Carried
        {
            // a = x·sd^n in both.
            [Differentiable(Forward = true)]
            public static double Swapped(double x, double sd, int n)
            {
                double a = x, b = sd;
                for (int i = 0; i < n; i++) { var t = b; a = a * b; b = t; }
                return a;
            }

            [Differentiable]
            public static double Rebuilt(double x, double sd, int n)
            {
                var g = new Seg(x, sd);
                for (int i = 0; i < n; i++) g = new Seg(g.A * g.B, g.B);
                return g.A;
            }
        }
        """;

    [Theory]
    [InlineData(LanguageVersion.CSharp7_3, false)]
    [InlineData(LanguageVersion.Latest, true)]
    public void CompilesWithoutWarnings_AndMatchesHand(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.RunForLoad(version, nullable, null, Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        var type = result.Load().GetType("Carried")!;
        foreach (var name in new[] { "Swapped", "Rebuilt" })
        {
            // ∂x = sd^n, ∂sd = n·x·sd^(n−1) at x = 0.7, sd = 1.3, n = 3: 2.197 and 3.549.
            var g = CentralDifferenceRunner.Check(type.GetMethod(name)!, null, [0.7, 1.3, 3]).Gradient;
            Tolerance.AssertFormula(Math.Pow(1.3, 3), g[0]![0], name + " ∂/∂x");
            Tolerance.AssertFormula(3 * 0.7 * 1.3 * 1.3, g[1]![0], name + " ∂/∂sd");
        }
    }
}
