using System.Reflection;
using AutoDiffGen.Generator.Tests.Forward;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Lists;

/// <summary>
/// Explicit enumerators over a sequence that carries a gradient (enum9, issue 13), as Math.NET's StreamingStatistics writes
/// them: <c>using (var e = xs.GetEnumerator())</c>, <c>MoveNext()</c> as the test of an if or while (negated, left of
/// <c>&amp;&amp;</c>), <c>Current</c> read any number of times between moves, two enumerators in lockstep with a length
/// mismatch throwing where the method throws. Hand-derived values and central differences in Backward, Forward and
/// Jacobian; every other use of the enumerator is ADG0003 at that expression.
/// </summary>
public class EnumeratorWalkTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using AutoDiffGen;

        public static partial class EW
        {
            const bool Enabled = true;

            // Math.NET StreamingStatistics.Variance, word for word: ∂/∂xᵢ = 2(xᵢ − mean)/(n − 1).
            [Differentiable(Forward = true, Jacobian = true)]
            public static double Variance(IEnumerable<double> samples)
            {
                double variance = 0;
                double sum = 0;
                ulong count = 0;

                using (var iterator = samples.GetEnumerator())
                {
                    if (iterator.MoveNext())
                    {
                        count++;
                        sum = iterator.Current;
                    }

                    while (iterator.MoveNext())
                    {
                        count++;
                        double xi = iterator.Current;
                        sum += xi;
                        double diff = (count*xi) - sum;
                        variance += (diff*diff)/(count*(count - 1));
                    }
                }

                return count > 1 ? variance/(count - 1) : double.NaN;
            }

            public static double VarianceTangent(IEnumerable<double> samples, double[] t) { VarianceForward(samples, t, out var r); return r; }

            public static double[] VarianceJacobianAt(IEnumerable<double> samples, int n) { var j = new double[n]; VarianceJacobian(samples, j); return j; }

            // Math.NET StreamingStatistics.Covariance, word for word: ∂/∂aᵢ = (bᵢ − mean b)/(n − 1), ∂/∂bᵢ = (aᵢ − mean a)/(n − 1).
            [Differentiable(Forward = true)]
            public static double Covariance(IEnumerable<double> samples1, IEnumerable<double> samples2)
            {
                // https://en.wikipedia.org/wiki/Algorithms_for_calculating_variance
                var n = 0;
                var mean1 = 0.0;
                var mean2 = 0.0;
                var comoment = 0.0;

                using (var s1 = samples1.GetEnumerator())
                using (var s2 = samples2.GetEnumerator())
                {
                    while (s1.MoveNext())
                    {
                        if (!s2.MoveNext())
                        {
                            throw new ArgumentException("All vectors must have the same dimensionality.");
                        }

                        var mean2Prev = mean2;
                        n++;
                        mean1 += (s1.Current - mean1)/n;
                        mean2 += (s2.Current - mean2)/n;
                        comoment += (s1.Current - mean1)*(s2.Current - mean2Prev);
                    }

                    if (s2.MoveNext())
                    {
                        throw new ArgumentException("All vectors must have the same dimensionality.");
                    }
                }

                return n > 1 ? comoment/(n - 1) : double.NaN;
            }

            public static double CovarianceTangent(IEnumerable<double> a, IEnumerable<double> b, double[] ta, double[] tb) { CovarianceForward(a, b, ta, tb, out var r); return r; }

            // using var, an early return on an empty list, Current read twice, && with a constant: f = x₀² + w·x₀²·Σᵢ≥₁ xᵢ.
            [Differentiable(Forward = true)]
            public static double FirstTimesRest(IList<double> xs, double w)
            {
                using var e = xs.GetEnumerator();
                if (!e.MoveNext()) return 0;
                double first = e.Current * e.Current;
                double s = 0;
                while (e.MoveNext() && Enabled) s += e.Current * first * w;
                return s + first;
            }

            // A local List<double> walked without using, disposed by hand: p = Π k·xᵢ.
            [Differentiable]
            public static double ScaledProduct(IReadOnlyList<double> xs, double k)
            {
                var l = new List<double>();
                foreach (var v in xs) l.Add(v * k);
                var e = l.GetEnumerator();
                double p = 1;
                while (e.MoveNext()) p *= e.Current;
                e.Dispose();
                return p;
            }

            // float, a List<float> parameter: Σ xᵢ², ∂/∂xᵢ = 2xᵢ.
            [Differentiable]
            public static float SumSquares(List<float> xs)
            {
                float s = 0f;
                using (var e = xs.GetEnumerator())
                {
                    while (e.MoveNext()) s += e.Current * e.Current;
                }
                return s;
            }

            // A double[] parameter walked through IEnumerable<double>: Σ xᵢ·xᵢ₋₁ (Current kept in a local), ∂/∂xᵢ = xᵢ₋₁ + xᵢ₊₁.
            [Differentiable(Forward = true)]
            public static double ArrayLagProduct(double[] xs)
            {
                double s = 0;
                using (var e = ((IEnumerable<double>)xs).GetEnumerator())
                {
                    if (!e.MoveNext()) return 0;
                    double previous = e.Current;
                    while (e.MoveNext())
                    {
                        s += e.Current * previous;
                        previous = e.Current;
                    }
                }
                return s;
            }

            // An assigning loop test (n-- > 0, e.MoveNext()) inside a loop, before a return inside a loop: was CS0103 on main
            // (the outer loop did not carry the return state the inner loop's break flag carries).
            [Differentiable(Forward = true)]
            public static double CountdownThenReturn(double[] xs, double x, int k)
            {
                double t = x;
                for (int j = 0; j < k; j++) { int n = 3; while (n-- > 0) t += x * t; }
                for (int j = 0; j < k; j++) { if (t > 5) return t * x; t += xs[0] * x; }
                return t + x * x;
            }

            [Differentiable(Forward = true)]
            public static double WalkThenReturn(List<double> xs, double x, int k)
            {
                double t = x;
                for (int j = 0; j < k; j++) { var l = new List<double>(); foreach (var v in xs) l.Add(v * 0.5); var e = l.GetEnumerator(); while (e.MoveNext()) t += e.Current * e.Current; }
                for (int j = 0; j < k; j++) { var e = xs.GetEnumerator(); if (!e.MoveNext()) return t * x; t += e.Current * e.Current + x; }
                return t + x * x;
            }

            // The first element alone, else the rest's sum: an else-branch after `if (!e.MoveNext())`.
            [Differentiable]
            public static double HeadOrRest(IEnumerable<double> xs, double w)
            {
                using (var e = xs.GetEnumerator())
                {
                    if (!e.MoveNext()) throw new ArgumentException("empty");
                    double head = e.Current;
                    if (!e.MoveNext()) { return head * w; }
                    else
                    {
                        double rest = e.Current;
                        while (e.MoveNext()) rest += e.Current;
                        return head * rest * w;
                    }
                }
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static Type EW => Compiled.Value.GetType("EW")!;

    private static readonly List<double> Xs = [0.5, -1.2, 2.0, 0.3];

    private static readonly List<double> Ys = [1.0, 0.4, -0.7, 2.2];

    private const double H = 1e-6;

    [Fact]
    public void Variance_Backward_Forward_Jacobian_ByHandAndCentralDifferences()
    {
        var r = CentralDifferenceRunner.Check(EW.GetMethod("Variance")!, null, [Xs]);
        // mean = 0.4, n − 1 = 3: 2(xᵢ − 0.4)/3 = 0.2/3, −3.2/3, 3.2/3, −0.2/3.
        double[] hand = [0.2 / 3, -3.2 / 3, 3.2 / 3, -0.2 / 3];
        for (int i = 0; i < Xs.Count; i++) Tolerance.AssertFormula(hand[i], r.Gradient[0]![i], "dSamples[" + i + "]");
        double[] t = [0.3, -0.5, 0.8, 1.1];
        double tangent = (double)EW.GetMethod("VarianceTangent")!.Invoke(null, [Xs, t])!;
        double Along(double s) => (double)EW.GetMethod("Variance")!.Invoke(null, [Xs.Select((v, i) => v + (s * t[i])).ToList()])!;
        TangentAssertions.AssertThreeWays(tangent, t.Select((ti, i) => hand[i] * ti).Sum(), (Along(H) - Along(-H)) / (2 * H),
            t.Select((ti, i) => r.Gradient[0]![i] * ti).Sum(), Along(0), single: false, "Variance");
        var j = (double[])EW.GetMethod("VarianceJacobianAt")!.Invoke(null, [Xs.Select(v => v), Xs.Count])!;
        for (int i = 0; i < Xs.Count; i++) Tolerance.AssertFormula(hand[i], j[i], "J[" + i + "]");
    }

    [Fact]
    public void Variance_OfOneOrNoElement_IsNaN_AndItsGradientZero()
    {
        var backward = EW.GetMethod("VarianceBackward")!;
        var d = new double[1];
        Assert.True(double.IsNaN((double)backward.Invoke(null, [new List<double> { 1.5 }, d, 1.0])!));
        Assert.Equal(0.0, d[0]);
        Assert.True(double.IsNaN((double)backward.Invoke(null, [new List<double>(), Array.Empty<double>(), 1.0])!));
    }

    [Fact]
    public void Covariance_Lockstep_Backward_Forward_ByHandAndCentralDifferences()
    {
        var r = CentralDifferenceRunner.Check(EW.GetMethod("Covariance")!, null, [Xs, Ys]);
        // mean b = 2.9/4 = 0.725, mean a = 0.4: ∂/∂aᵢ = (bᵢ − 0.725)/3, ∂/∂bᵢ = (aᵢ − 0.4)/3.
        double[] handA = [0.275 / 3, -0.325 / 3, -1.425 / 3, 1.475 / 3];
        double[] handB = [0.1 / 3, -1.6 / 3, 1.6 / 3, -0.1 / 3];
        for (int i = 0; i < Xs.Count; i++)
        {
            Tolerance.AssertFormula(handA[i], r.Gradient[0]![i], "dSamples1[" + i + "]");
            Tolerance.AssertFormula(handB[i], r.Gradient[1]![i], "dSamples2[" + i + "]");
        }
        double[] ta = [1.0, -0.5, 0.25, 0.5], tb = [0.2, 0.7, -1.0, 0.1];
        double tangent = (double)EW.GetMethod("CovarianceTangent")!.Invoke(null, [Xs, Ys, ta, tb])!;
        double Along(double s) => (double)EW.GetMethod("Covariance")!.Invoke(null,
            [Xs.Select((v, i) => v + (s * ta[i])).ToList(), Ys.Select((v, i) => v + (s * tb[i])).ToList()])!;
        double byHand = ta.Select((t, i) => handA[i] * t).Sum() + tb.Select((t, i) => handB[i] * t).Sum();
        TangentAssertions.AssertThreeWays(tangent, byHand, (Along(H) - Along(-H)) / (2 * H),
            ta.Select((t, i) => r.Gradient[0]![i] * t).Sum() + tb.Select((t, i) => r.Gradient[1]![i] * t).Sum(), Along(0), single: false, "Covariance");
    }

    [Fact]
    public void Covariance_LengthMismatch_ThrowsWhereTheMethodThrows_EitherWay()
    {
        var backward = EW.GetMethod("CovarianceBackward")!;
        var shorter = Ys.Take(3).ToList();
        foreach (var (a, b) in new[] { (Xs, shorter), (shorter, Xs) })
        {
            var plain = Assert.Throws<TargetInvocationException>(() => EW.GetMethod("Covariance")!.Invoke(null, [a, b]));
            Assert.IsType<ArgumentException>(plain.InnerException);
            var generated = Assert.Throws<TargetInvocationException>(() => backward.Invoke(null, [a, b, new double[a.Count], new double[b.Count], 1.0]));
            Assert.IsType<ArgumentException>(generated.InnerException);
            Assert.Equal(plain.InnerException!.Message, generated.InnerException!.Message);
            var forward = Assert.Throws<TargetInvocationException>(() => EW.GetMethod("CovarianceTangent")!.Invoke(null, [a, b, new double[a.Count], new double[b.Count]]));
            Assert.IsType<ArgumentException>(forward.InnerException);
        }
    }

    [Fact]
    public void UsingVar_EarlyReturn_CurrentReadTwice_AndAConstantCondition_ByHandAndCentralDifferences()
    {
        double w = 0.7;
        var r = CentralDifferenceRunner.Check(EW.GetMethod("FirstTimesRest")!, null, [Xs, w]);
        // x₀ = 0.5, Σᵢ≥₁ = 1.1: ∂/∂x₀ = 2x₀(1 + wΣ) = 1.77, ∂/∂xᵢ = w·x₀² = 0.175, ∂/∂w = x₀²·Σ = 0.275.
        double[] hand = [1.77, 0.175, 0.175, 0.175];
        for (int i = 0; i < Xs.Count; i++) Tolerance.AssertFormula(hand[i], r.Gradient[0]![i], "dXs[" + i + "]");
        Tolerance.AssertFormula(0.275, r.Gradient[1]![0], "dW");
        var empty = new double[0];
        double dW = 0;
        object[] args = [new List<double>(), w, empty, dW, 1.0];
        Assert.Equal(0.0, (double)EW.GetMethod("FirstTimesRestBackward")!.Invoke(null, args)!);
        Assert.Equal(0.0, (double)args[3]);
    }

    [Fact]
    public void ALocalList_WalkedWithoutUsing_ByHandAndCentralDifferences()
    {
        List<double> xs = [0.5, -1.5, 2.0];
        double k = 1.25;
        var r = CentralDifferenceRunner.Check(EW.GetMethod("ScaledProduct")!, null, [xs, k]);
        // p = k³·Π xᵢ = 1.953125·(−1.5) = −2.9296875; ∂/∂xᵢ = p/xᵢ, ∂/∂k = 3p/k.
        double p = -2.9296875;
        for (int i = 0; i < xs.Count; i++) Tolerance.AssertFormula(p / xs[i], r.Gradient[0]![i], "dXs[" + i + "]");
        Tolerance.AssertFormula(3 * p / k, r.Gradient[1]![0], "dK");
    }

    [Fact]
    public void AFloatListParameter_ByHandAndCentralDifferences()
    {
        List<float> xs = [0.5f, -1.5f, 2.0f];
        var r = CentralDifferenceRunner.Check(EW.GetMethod("SumSquares")!, null, [xs]);
        for (int i = 0; i < xs.Count; i++) Tolerance.AssertClose(2 * xs[i], r.Gradient[0]![i], 1e-5, "dXs[" + i + "]");
    }

    [Fact]
    public void TheElseOfANegatedMove_AndAThrowOnEmpty_ByHandAndCentralDifferences()
    {
        double w = -0.8;
        var r = CentralDifferenceRunner.Check(EW.GetMethod("HeadOrRest")!, null, [Xs, w]);
        // head = 0.5, rest = 1.1: ∂/∂x₀ = rest·w = −0.88, ∂/∂xᵢ = head·w = −0.4, ∂/∂w = head·rest = 0.55.
        double[] hand = [-0.88, -0.4, -0.4, -0.4];
        for (int i = 0; i < Xs.Count; i++) Tolerance.AssertFormula(hand[i], r.Gradient[0]![i], "dXs[" + i + "]");
        Tolerance.AssertFormula(0.55, r.Gradient[1]![0], "dW");
        var one = CentralDifferenceRunner.Check(EW.GetMethod("HeadOrRest")!, null, [new List<double> { 1.5 }, w]);
        Tolerance.AssertFormula(w, one.Gradient[0]![0]);
        Tolerance.AssertFormula(1.5, one.Gradient[1]![0]);
        var e = Assert.Throws<TargetInvocationException>(() => EW.GetMethod("HeadOrRestBackward")!.Invoke(null, [new List<double>(), w, new double[0], 0.0, 1.0]));
        Assert.Equal("empty", Assert.IsType<ArgumentException>(e.InnerException).Message);
    }

    [Fact]
    public void ADoubleArrayWalkedAsASequence_ByHandAndCentralDifferences()
    {
        double[] xs = [0.5, -1.2, 2.0, 0.3];
        var r = CentralDifferenceRunner.Check(EW.GetMethod("ArrayLagProduct")!, null, [xs]);
        // ∂/∂xᵢ = xᵢ₋₁ + xᵢ₊₁: −1.2, 2.5, −0.9, 2.0.
        double[] hand = [-1.2, 2.5, -0.9, 2.0];
        for (int i = 0; i < xs.Length; i++) Tolerance.AssertFormula(hand[i], r.Gradient[0]![i], "dXs[" + i + "]");
    }

    [Fact]
    public void AnAssigningLoopTestInALoop_BeforeAReturnInALoop_Compiles_ByHandAndCentralDifferences()
    {
        var r = CentralDifferenceRunner.Check(EW.GetMethod("CountdownThenReturn")!, null, [new[] { 0.3 }, 0.5, 1]);
        // k = 1: t = x(1 + x)³ = 1.6875, then + x₀·x (no return, t ≤ 5), + x²: ∂/∂x₀ = x = 0.5,
        // ∂/∂x = (1 + x)³ + 3x(1 + x)² + x₀ + 2x = 3.375 + 3.375 + 0.3 + 1 = 8.05.
        Tolerance.AssertFormula(0.5, r.Gradient[0]![0], "dXs[0]");
        Tolerance.AssertFormula(8.05, r.Gradient[1]![0], "dX");
        List<double> xs = [0.5, -1.5];
        var walk = CentralDifferenceRunner.Check(EW.GetMethod("WalkThenReturn")!, null, [xs, 0.25, 1]);
        // k = 1: t = x + Σ (xᵢ/2)² + x₀² + x, returned + x²: ∂/∂xᵢ = xᵢ/2 (+ 2x₀ for x₀) = 1.25, −0.75; ∂/∂x = 2 + 2x = 2.5.
        Tolerance.AssertFormula(1.25, walk.Gradient[0]![0], "dXs[0]");
        Tolerance.AssertFormula(-0.75, walk.Gradient[0]![1], "dXs[1]");
        Tolerance.AssertFormula(2.5, walk.Gradient[1]![0], "dX");
    }

    [Theory]
    [InlineData("e.Reset();", "e.Reset()")]
    [InlineData("var f = e; s += 1;", "e")]
    [InlineData("s += Peek(e);", "e")]
    [InlineData("s += e.Current;", "e.Current")]
    [InlineData("while (e.MoveNext()) { } s += e.Current;", "e.Current")]
    [InlineData("while (e.MoveNext()) { s += e.Current; if (e.MoveNext()) s += 1; s += e.Current; }", "e.Current")]
    [InlineData("while (e.MoveNext()) { s += e.Current; e.MoveNext(); }", "e.MoveNext()")]
    [InlineData("if (e.MoveNext()) { while (s < 9) { s += e.Current; e.MoveNext(); } }", "e.Current")]
    [InlineData("bool ok = e.MoveNext(); if (ok) s += 1;", "e.MoveNext()")]
    [InlineData("if (x > 0 && e.MoveNext()) s += 1;", "e.MoveNext()")]
    [InlineData("s += e.MoveNext() ? 1 : 0;", "e.MoveNext()")]
    [InlineData("if (e.MoveNext()) { Func<double> f = () => e.Current; s += f(); }", "e")]
    public void OtherUsesOfTheEnumerator_AreADG0003AtTheExpression(string statement, string at)
    {
        string source = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using AutoDiffGen;
            public static partial class R
            {
                static double Peek(IEnumerator<double> e) => e.Current;

                [Differentiable]
                public static double F(IEnumerable<double> xs, double x)
                {
                    double s = x;
                    using (var e = xs.GetEnumerator())
                    {
                        STATEMENT
                    }
                    return s * x;
                }
            }
            """.Replace("STATEMENT", statement);
        OutsideErrors.AssertAt(source, "ADG0003", at, ".F_");
    }

    [Fact]
    public void ALocalListChangedDuringTheWalk_IsADG0003_AndASequenceWithNoGradient_StaysADG0002()
    {
        OutsideErrors.AssertAt("""
            using System.Collections.Generic;
            using AutoDiffGen;
            public static partial class L
            {
                [Differentiable]
                public static double F(double x)
                {
                    var l = new List<double> { x, 2 * x };
                    double s = 0;
                    using (var e = l.GetEnumerator())
                    {
                        while (e.MoveNext()) { s += e.Current; l.Add(s); }
                    }
                    return s;
                }
            }
            """, "ADG0003", "l.Add(s)", ".F_");
        OutsideErrors.AssertAt("""
            using System.Collections.Generic;
            using AutoDiffGen;
            public static partial class N
            {
                [Differentiable]
                public static double F(IEnumerable<double> xs, [NoDiff] List<double> ws)
                {
                    double s = 0;
                    using (var e = xs.GetEnumerator())
                    using (var f = ws.GetEnumerator())
                    {
                        while (e.MoveNext() && f.MoveNext()) s += e.Current * f.Current;
                    }
                    return s;
                }
            }
            """, "ADG0002", "using", ".F_");
    }

    [Fact]
    public void HessianMode_KeepsTheSequencesRefusal()
    {
        OutsideErrors.AssertAt("""
            using System.Collections.Generic;
            using AutoDiffGen;
            public static partial class H
            {
                [Differentiable(Hessian = true)]
                public static double F(IEnumerable<double> xs, double w)
                {
                    double s = 0;
                    using (var e = xs.GetEnumerator()) { while (e.MoveNext()) s += e.Current * w; }
                    return s;
                }
            }
            """, "ADG0019", "IEnumerable<double> xs", ".F_");
    }
}
