using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.HeldOut;

/// <summary>
/// A search (found by the held-out numerics library check, docs/corpus.md): a loop that moves a variable by steps whose
/// direction comes from comparing values computed from it, e.g. an inverse found by halving steps x += d·sign(p − f(x)),
/// or bisection. Differentiated as executed, the comparisons are cuts and the gradient is how the start moved (for a
/// start x = p, exactly 1), not 1/f′(x) of the point reached: a silently wrong gradient. It must be ADG0016 at the
/// comparison. Loops that merely branch on their own values (a running maximum, a range reduction, a convergence test,
/// Newton's iteration) are not searches and keep their gradients, checked here against central differences and by hand.
/// </summary>
public class SearchLoopTests
{
    private const string Prelude = """
        using System;
        using AutoDiffGen;

        public static partial class Searches
        {
        """;

    private static GeneratorOutput Run(string member) => GeneratorHarness.Run(Prelude + member + "\n}\n");

    [Theory]
    // The inverse of g(x) = x + sin(x)/2 by halving steps from x = p (the form of an inverse digamma).
    [InlineData("""
        [Differentiable] public static double F(double p)
        {
            var x = p;
            for (var d = 1.0; d > 1e-15; d /= 2.0) x += d * Math.Sign(p - (x + 0.5 * Math.Sin(x)));
            return x;
        }
        """, "p - (x + 0.5 * Math.Sin(x))")]
    [InlineData("""
        [Differentiable] public static double F(double p)
        {
            double x = 2 * p;
            for (var d = 1.0; d > 1e-15; d *= 0.5) x = x + Math.CopySign(d, p - (x + 0.5 * Math.Sin(x)));
            return x;
        }
        """, "p - (x + 0.5 * Math.Sin(x))")]
    [InlineData("""
        [Differentiable] public static float F(float p)
        {
            float x = p;
            for (float d = 1f; d > 1e-7f; d /= 2f) x += d * MathF.Sign(p - (x + 0.5f * MathF.Sin(x)));
            return x;
        }
        """, "p - (x + 0.5f * MathF.Sin(x))")]
    // Bisection on a bracket that moves with p.
    [InlineData("""
        [Differentiable] public static double F(double p)
        {
            double lo = p - 2.0, hi = p + 2.0;
            for (int i = 0; i < 60; i++)
            {
                double mid = 0.5 * (lo + hi);
                if (mid + 0.5 * Math.Sin(mid) < p) lo = mid; else hi = mid;
            }
            return 0.5 * (lo + hi);
        }
        """, "mid + 0.5 * Math.Sin(mid) < p")]
    // The same with the trial point carried across iterations and written in blocks.
    [InlineData("""
        [Differentiable] public static double F(double p)
        {
            double a = 0, b = 10 + p, t = 5;
            while (b - a > 1e-12)
            {
                t = a + 0.5 * (b - a);
                if (t * t * t > p) { b = t; } else { a = t; }
            }
            return t;
        }
        """, "t * t * t > p")]
    public void Search_WhoseVariableCarriesAGradient_IsAnError_AtTheComparison(string member, string span)
    {
        var result = Run(member);
        var found = result.Diagnostics.Where(d => d.Id == "ADG0016").ToList();
        Assert.True(found.Count > 0, "expected ADG0016\n" + result.Dump());
        Assert.Contains(found, d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == span);
        Assert.All(found, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.Contains("search", found[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.DoesNotContain(result.Generated.Keys, k => k.Contains(".F_", StringComparison.Ordinal));
        Assert.Empty(result.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(result.Exceptions);
    }

    /// <summary>A search from constants does not vary at all: the ADG0011 warning and a zero gradient, as before (PeerSuite's Hunt.Bisection).</summary>
    [Fact]
    public void SearchFromConstants_StaysAZeroDerivativeWarning()
    {
        var result = Run("""
            [Differentiable] public static double F(double p)
            {
                double lo = 0, hi = 10;
                for (int i = 0; i < 60; i++) { double mid = 0.5 * (lo + hi); if (mid * mid > p) hi = mid; else lo = mid; }
                return lo;
            }
            """);
        Assert.Contains(result.Diagnostics, d => d.Id == "ADG0011" && d.Severity == DiagnosticSeverity.Warning);
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    private const string NotSearches = Prelude + """
            // A running maximum: the branch picks which element, the value is that element's.
            [Differentiable] public static double RunningMax(double[] x)
            {
                double m = x[0];
                for (int i = 1; i < x.Length; i++) if (x[i] > m) m = x[i];
                return m * m;
            }

            // Range reduction by whole turns: every step is a constant shift.
            [Differentiable] public static double Reduced(double t)
            {
                for (int k = 0; k < 8; k++) { if (t > Math.PI) t -= 2 * Math.PI; else if (t < -Math.PI) t += 2 * Math.PI; }
                return Math.Sin(t);
            }

            // Newton's iteration for √a: its iterates' derivatives converge to 1/(2√a).
            [Differentiable] public static double NewtonSqrt(double a)
            {
                double x = a;
                for (int i = 0; i < 60; i++) { double next = 0.5 * (x + a / x); if (Math.Abs(next - x) <= 1e-15 * x) { x = next; break; } x = next; }
                return x;
            }

            // A sign used as a value, not as a step direction: Σ x·sign(x − y) + y.
            [Differentiable] public static double SignedSum(double x, double y)
            {
                double s = 0;
                for (int i = 0; i < 3; i++) s += x * Math.Sign(x - y) + y;
                return s;
            }

            // A sign inside another call is not a step direction (found by the Jacobian property programs).
            [Differentiable] public static double SignInsideACall(double t)
            {
                for (int k = 0; k < 3; k++) t += Math.Pow(1 + Math.Sign(t) * Math.Sign(t), 0.5) * t;
                return t;
            }

            // Steps whose size carries the gradient are arithmetic, not a search on a schedule of constants (seed 4242).
            [Differentiable] public static double SizedSteps(double a, double t)
            {
                for (int k = 0; k < 3; k++) { t -= Math.CopySign(a, t); t += a * Math.Sign(t) * 0.25; }
                return t;
            }

            // A bracket whose ends move by their own steps (not to a point computed from the other end).
            [Differentiable] public static double TwoWalkers(double p)
            {
                double lo = p, hi = p + 1;
                for (int i = 0; i < 4; i++) { if (hi - lo > 0.5) lo = lo * 1.5; else hi = hi * 0.5; }
                return lo + hi;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(NotSearches));

    private static MethodInfo Method(string name) => Compiled.Value.GetType("Searches")!.GetMethod(name)!;

    [Fact]
    public void RunningMaximum_IsNotASearch_AndItsGradientIsOneHot()
    {
        var x = new[] { 0.5, 2.5, -1.0, 1.5 };
        var r = CentralDifferenceRunner.Check(Method("RunningMax"), null, new object[] { x });
        // d(m²)/dx = 2·x[k] at the arg max k = 1.
        Assert.Equal(new[] { 0.0, 5.0, 0.0, 0.0 }, r.Gradient[0]);
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(4.0)]
    [InlineData(-9.5)]
    public void RangeReduction_IsNotASearch(double t)
    {
        var r = CentralDifferenceRunner.Check(Method("Reduced"), null, new object[] { t });
        Tolerance.AssertFormula(Math.Cos(t), r.Gradient[0]![0], "d sin(t)/dt");
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(0.3)]
    [InlineData(50.0)]
    public void NewtonIteration_IsNotASearch_AndConvergesToTheRootsDerivative(double a)
    {
        var r = CentralDifferenceRunner.Check(Method("NewtonSqrt"), null, new object[] { a });
        Tolerance.AssertClose(0.5 / Math.Sqrt(a), r.Gradient[0]![0], 1e-9, "d√a/da");
    }

    [Fact]
    public void StepsSizedByAnInput_AreNotASearch()
    {
        // From t = 20, a = 2 (signs stay positive): each k subtracts a and adds a/4, so f = t − 3·(3/4)·a; ∂f/∂a = −2.25, ∂f/∂t = 1.
        var r = CentralDifferenceRunner.Check(Method("SizedSteps"), null, new object[] { 2.0, 20.0 });
        Tolerance.AssertClose(-2.25, r.Gradient[0]![0], 1e-12, "df/da");
        Tolerance.AssertClose(1.0, r.Gradient[1]![0], 1e-12, "df/dt");
    }

    [Fact]
    public void SignAsAValue_IsNotASearch()
    {
        var r = CentralDifferenceRunner.Check(Method("SignedSum"), null, new object[] { 1.5, 0.5 });
        // 3·(x·sign(x − y) + y) with x > y: d/dx = 3, d/dy = 3.
        Assert.Equal(3.0, r.Gradient[0]![0]);
        Assert.Equal(3.0, r.Gradient[1]![0]);
    }

    [Fact]
    public void SignInsideAnotherCall_IsNotAStep()
    {
        var r = CentralDifferenceRunner.Check(Method("SignInsideACall"), null, new object[] { 0.7 });
        // Each pass multiplies t by 1 + √2: d/dt = (1 + √2)³.
        Tolerance.AssertFormula(Math.Pow(1 + Math.Sqrt(2), 3), r.Gradient[0]![0], "d/dt");
    }

    [Fact]
    public void EndsThatMoveByTheirOwnSteps_AreNotABracketSearch()
    {
        var r = CentralDifferenceRunner.Check(Method("TwoWalkers"), null, new object[] { 1.2 });
        // p = 1.2: lo = 1.5p once, then hi = (p + 1)/2 three times: lo + hi = 1.5p + (p + 1)/8, d/dp = 1.625.
        Tolerance.AssertFormula(1.625, r.Gradient[0]![0], "d/dp");
    }
}
