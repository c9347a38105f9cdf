using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Generator.Tests.Natural;
using Xunit;

namespace AutoDiffGen.Generator.Tests.PlainHelpers;

/// <summary>
/// The pinned methods issue 13 lifts (they were ADG0004 at a call to a plain helper): each gradient by hand and by
/// central differences. The natural first attempts are the programs as written (Natural/Programs); the peer cases are
/// copied from PeerSuite/Sources with their helpers, unchanged.
/// </summary>
public class LiftedPinTests
{
    private static System.Reflection.MethodInfo FirstAttempt(string file, string type, string method)
    {
        var run = GeneratorHarness.RunForLoad(NaturalSource.ImplicitUsings, NaturalSource.Text(file));
        Assert.True(run.Diagnostics.Concat(run.CompileDiagnostics).All(d => d.Severity < Microsoft.CodeAnalysis.DiagnosticSeverity.Warning), run.Dump());
        return GeneratorHarness.Load(run).GetType("Natural." + type, throwOnError: true)!.GetMethod(method)!;
    }

    [Fact]
    public void N13_NormalLogLikelihood_FirstAttempt_IsTheNormalScore()
    {
        var xs = new[] { 1.0, 2.5, 0.3, 1.9 };
        var r = CentralDifferenceRunner.Check(FirstAttempt("N13_NormalLik", "Likelihoods", "NormalLogLikelihood"), null, new object[] { xs, 1.2, 0.8 });
        // ∂/∂μ = Σ(x − μ)/σ², ∂/∂σ = −n/σ + Σ(x − μ)²/σ³, ∂/∂xᵢ = −(xᵢ − μ)/σ².
        Tolerance.AssertFormula(xs.Sum(x => x - 1.2) / 0.64, r.Gradient[1]![0], "∂/∂mu");
        Tolerance.AssertFormula((-4 / 0.8) + (xs.Sum(x => (x - 1.2) * (x - 1.2)) / (0.8 * 0.8 * 0.8)), r.Gradient[2]![0], "∂/∂sigma");
        for (int i = 0; i < xs.Length; i++) Tolerance.AssertFormula(-(xs[i] - 1.2) / 0.64, r.Gradient[0]![i], "∂/∂x" + i);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void N14_PoissonGlm_FirstAttempt_IsTheGlmScore_ForBothLinks(int link)
    {
        var x = new[,] { { 1.0, 0.5 }, { 1.0, -1.2 }, { 1.0, 2.0 }, { 1.0, 0.1 } };
        var counts = new[] { 0, 3, 5, 1 };
        var beta = new[] { 0.2, 0.4 };
        var method = FirstAttempt("N14_PoissonGlm", "Glm", "PoissonLogLikelihood");
        var r = CentralDifferenceRunner.Check(method, null, new object[] { beta, x, counts, Enum.ToObject(method.GetParameters()[3].ParameterType, link) });
        for (int j = 0; j < 2; j++)
        {
            // ll = Σ y·ln λ − λ: ∂/∂β_j = Σ (y/λ − 1)·λ'(η)·x_ij; log link λ' = λ, softplus λ = ln(1 + eᶯ), λ' = σ(η).
            double hand = 0;
            for (int i = 0; i < 4; i++)
            {
                double eta = x[i, 0] * beta[0] + x[i, 1] * beta[1];
                double lambda = link == 0 ? Math.Exp(eta) : Math.Log(1 + Math.Exp(eta));
                double slope = link == 0 ? lambda : 1 / (1 + Math.Exp(-eta));
                hand += (counts[i] / lambda - 1) * slope * x[i, j];
            }
            Tolerance.AssertFormula(hand, r.Gradient[0]![j], "∂/∂β" + j);
        }
    }

    private const string Peers = """
        using System;
        using AutoDiffGen;

        public static partial class Peers
        {
            private static double Helper(double x) => x * x + 1;

            [Differentiable]
            public static double CallsUndifferentiated(double x)
            {
                return Helper(x) * x;
            }

            public static double FnNonDiff(double i, double j) => i * j;

            [Differentiable]
            public static double FnNonDiffCall(double i, double j) => FnNonDiff(i, j) + i * j;

            private static double Sq(double x) => x * x;

            [Differentiable]
            public static double SumSquares(double[] p, int n)
            {
                double s = 0;
                for (int i = 0; i < n; i++)
                    s += Sq(p[i]);
                return s;
            }

            [Differentiable]
            public static double LogGaus(double[] x, double[] p, double n, double sigma)
            {
                double power = 0;
                for (int i = 0; i < n; i++)
                    power += Sq(x[i] - p[i]);
                power = -power / (2 * Sq(sigma));
                double gaus = 1.0 / Math.Sqrt(Math.Pow(2 * Math.PI, n) * sigma) * Math.Exp(power);
                return Math.Log(gaus);
            }
        }
        """;

    private static readonly Lazy<Type> PeerType = new(() => GeneratorHarness.CompileAndLoad(Peers).GetType("Peers", throwOnError: true)!);

    [Fact]
    public void PeerCalls_ThroughPlainHelpers_MatchTheHandDerivatives()
    {
        var t = PeerType.Value;
        // (x² + 1)·x: 3x² + 1.
        var r = CentralDifferenceRunner.Check(t.GetMethod("CallsUndifferentiated")!, null, new object[] { 1.3 });
        Tolerance.AssertFormula(3 * 1.3 * 1.3 + 1, r.Gradient[0]![0], "d/dx");
        // 2ij: 2j, 2i (Clad keeps FnNonDiff constant; C# has no such mark, so the helper is differentiated).
        r = CentralDifferenceRunner.Check(t.GetMethod("FnNonDiffCall")!, null, new object[] { 0.7, -1.1 });
        Tolerance.AssertFormula(2 * -1.1, r.Gradient[0]![0], "d/di");
        Tolerance.AssertFormula(2 * 0.7, r.Gradient[1]![0], "d/dj");
        // Σ_{i<n} p_i²: 2p_i below n, 0 above.
        var p = new[] { 0.5, -2.0, 1.5 };
        r = CentralDifferenceRunner.Check(t.GetMethod("SumSquares")!, null, new object[] { p, 2 });
        Assert.Equal(new[] { 1.0, -4.0, 0.0 }, r.Gradient[0]!);
    }

    [Fact]
    public void PeerLogGaus_ThroughAPlainHelper_MatchesTheHandDerivative()
    {
        var x = new[] { 0.3, 1.1, -0.4 };
        var p = new[] { 0.1, 0.9, 0.2 };
        // n is a double bound of the loop: 2.5 runs three iterations, and central differences in n do not change that.
        double n = 2.5, sigma = 0.7;
        var r = CentralDifferenceRunner.Check(PeerType.Value.GetMethod("LogGaus")!, null, new object[] { x, p, n, sigma });
        // ln gaus = −(n ln 2π + ln σ)/2 − Σ(x−p)²/(2σ²).
        double ss = Enumerable.Range(0, 3).Sum(i => (x[i] - p[i]) * (x[i] - p[i]));
        for (int i = 0; i < 3; i++)
        {
            Tolerance.AssertFormula(-(x[i] - p[i]) / (sigma * sigma), r.Gradient[0]![i], "∂/∂x" + i);
            Tolerance.AssertFormula((x[i] - p[i]) / (sigma * sigma), r.Gradient[1]![i], "∂/∂p" + i);
        }
        Tolerance.AssertFormula(-0.5 * Math.Log(2 * Math.PI), r.Gradient[2]![0], "∂/∂n");
        Tolerance.AssertFormula(-1 / (2 * sigma) + ss / (sigma * sigma * sigma), r.Gradient[3]![0], "∂/∂sigma");
    }
}
