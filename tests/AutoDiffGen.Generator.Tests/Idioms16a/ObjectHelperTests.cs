using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms16a;

/// <summary>
/// Issue 13, idioms16a item 1: a member read of the object an unmarked helper returns (Meta.Numerics'
/// <c>Bessel_Asymptotic(n, x).FirstSolutionValue</c>, the helper ending in <c>return new SolutionPair(j, jp, y, yp);</c>),
/// directly, through a local, in a loop and a branch; the object is carried as its members and the helper inlined.
/// By hand and against central differences; Forward and Hessian by hand.
/// </summary>
public class ObjectHelperTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        // A small class whose constructor only stores its parameters into get-only auto-properties (as Meta.Numerics' SolutionPair).
        public sealed class SolutionPair
        {
            public SolutionPair(double firstSolutionValue, double firstSolutionDerivative, double secondSolutionValue, double secondSolutionDerivative)
            {
                FirstSolutionValue = firstSolutionValue;
                FirstSolutionDerivative = firstSolutionDerivative;
                SecondSolutionValue = secondSolutionValue;
                SecondSolutionDerivative = secondSolutionDerivative;
            }

            public double FirstSolutionValue { get; }
            public double FirstSolutionDerivative { get; }
            public double SecondSolutionValue { get; }
            public double SecondSolutionDerivative { get; }
        }

        // Readonly fields, and a count next to the reals.
        public class Moments
        {
            public readonly double Mean;
            public readonly double Variance;
            public readonly int Count;
            public Moments(double mean, double variance, int count) { Mean = mean; Variance = variance; Count = count; }
        }

        public static class Bessel
        {
            // The leading terms of Hankel's expansion: J ≈ s cos φ, Y ≈ s sin φ, s = √(2/(πx)), φ = x − (ν/2 + 1/4)π,
            // with their derivatives in x (s' = −s/(2x)).
            public static SolutionPair Asymptotic(double nu, double x)
            {
                if (x <= 0) throw new ArgumentOutOfRangeException(nameof(x));
                double s = Math.Sqrt(2 / (Math.PI * x));
                double phi = x - (nu / 2 + 0.25) * Math.PI;
                double j = s * Math.Cos(phi), y = s * Math.Sin(phi);
                return new SolutionPair(j, -y - j / (2 * x), y, j - y / (2 * x));
            }

            public static Moments Of(double[] v)
            {
                double m = 0;
                for (int i = 0; i < v.Length; i++) m += v[i];
                m /= v.Length;
                double s2 = 0;
                foreach (double e in v) s2 += (e - m) * (e - m);
                return new Moments(m, s2 / v.Length, v.Length);
            }
        }

        public static partial class Uses
        {
            [Differentiable(Forward = true, Hessian = true)]
            public static double FirstValue(double nu, double x) => Bessel.Asymptotic(nu, x).FirstSolutionValue;

            // The Wronskian of the leading terms: J Y' − Y J' = s² = 2/(πx).
            [Differentiable(Forward = true)]
            public static double Wronskian(double nu, double x)
            {
                var p = Bessel.Asymptotic(nu, x);
                return p.FirstSolutionValue * p.SecondSolutionDerivative - p.SecondSolutionValue * p.FirstSolutionDerivative;
            }

            // Σ_k J(x + k) in a loop, or Σ_k J(2x + k): a local under one branch, a member read at once under the other.
            [Differentiable]
            public static double Summed(double nu, double x, int n)
            {
                double sum = 0;
                for (int k = 0; k < n; k++)
                {
                    // (A call that may throw is made in a statement of its own, not in one arm of a ?:.)
                    if (x > 2)
                    {
                        var p = Bessel.Asymptotic(nu, x + k);
                        sum += p.FirstSolutionValue;
                    }
                    else sum += Bessel.Asymptotic(nu, 2 * x + k).FirstSolutionValue;
                }
                return sum;
            }

            // The int member read through a local (read at once, Of(v).Count, it is ADG0016: an int computed from v).
            [Differentiable]
            public static double Spread(double[] v)
            {
                var m = Bessel.Of(v);
                return m.Variance * m.Count + Bessel.Of(v).Mean;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Get(string name) => Compiled.Value.GetType("Uses")!.GetMethod(name)!;

    private delegate double Forward2(double nu, double x, double tNu, double tX, out double tResult);

    private delegate double Hessian2(double nu, double x, Span<double> hessian);

    private static (double S, double J, double Y) Leading(double nu, double x)
    {
        double s = Math.Sqrt(2 / (Math.PI * x)), phi = x - (((nu / 2) + 0.25) * Math.PI);
        return (s, s * Math.Cos(phi), s * Math.Sin(phi));
    }

    [Theory]
    [InlineData(0.0, 3.0)]
    [InlineData(1.5, 7.25)]
    public void AMemberOfTheHelpersObject_ByHandInEveryMode(double nu, double x)
    {
        var (_, j, y) = Leading(nu, x);
        var r = CentralDifferenceRunner.Check(Get("FirstValue"), null, new object[] { nu, x });
        // ∂J/∂ν = (π/2) Y; ∂J/∂x = −Y − J/(2x), the helper's own FirstSolutionDerivative.
        double dNu = Math.PI / 2 * y, dX = -y - (j / (2 * x));
        Tolerance.AssertFormula(j, r.Value, "J");
        Tolerance.AssertFormula(dNu, r.Gradient[0]![0], "∂J/∂ν");
        Tolerance.AssertFormula(dX, r.Gradient[1]![0], "∂J/∂x");
        Get("FirstValueForward").CreateDelegate<Forward2>()(nu, x, 0.3, -0.7, out double t);
        Tolerance.AssertFormula((0.3 * dNu) - (0.7 * dX), t, "FirstValueForward");
        var h = new double[4];
        Get("FirstValueHessian").CreateDelegate<Hessian2>()(nu, x, h);
        // J_νν = −(π²/4) J, J_νx = (π/2)(J − Y/(2x)), J_xx = −J + Y/x + 3J/(4x²).
        double hNuNu = -Math.PI * Math.PI / 4 * j, hNuX = Math.PI / 2 * (j - (y / (2 * x))), hXX = -j + (y / x) + (3 * j / (4 * x * x));
        double[] expected = { hNuNu, hNuX, hNuX, hXX };
        for (int i = 0; i < 4; i++) Tolerance.AssertFormula(expected[i], h[i], "FirstValueHessian[" + i + "]");
    }

    [Theory]
    [InlineData(0.5, 2.5)]
    [InlineData(2.0, 4.0)]
    public void MembersReadThroughALocal_TheWronskianByHand(double nu, double x)
    {
        var r = CentralDifferenceRunner.Check(Get("Wronskian"), null, new object[] { nu, x });
        // J Y' − Y J' = J² + Y² = s² = 2/(πx): ∂/∂ν = 0, ∂/∂x = −2/(πx²).
        Tolerance.AssertFormula(2 / (Math.PI * x), r.Value, "W");
        Tolerance.AssertFormula(0, r.Gradient[0]![0], "∂W/∂ν");
        Tolerance.AssertFormula(-2 / (Math.PI * x * x), r.Gradient[1]![0], "∂W/∂x");
        Get("WronskianForward").CreateDelegate<Forward2>()(nu, x, 0.4, 1.1, out double t);
        Tolerance.AssertFormula(1.1 * -2 / (Math.PI * x * x), t, "WronskianForward");
    }

    [Theory]
    [InlineData(0.5, 2.5, 3)]
    [InlineData(1.0, 1.25, 2)]
    public void ObjectsMadeInALoopAndChosenOnABranch_ByHand(double nu, double x, int n)
    {
        var r = CentralDifferenceRunner.Check(Get("Summed"), null, new object[] { nu, x, n });
        double value = 0, dNu = 0, dX = 0;
        for (int k = 0; k < n; k++)
        {
            double a = x > 2 ? x + k : (2 * x) + k, scale = x > 2 ? 1 : 2;
            var (_, j, y) = Leading(nu, a);
            value += j;
            dNu += Math.PI / 2 * y;
            dX += scale * (-y - (j / (2 * a)));
        }
        Tolerance.AssertFormula(value, r.Value, "Summed");
        Tolerance.AssertFormula(dNu, r.Gradient[0]![0], "∂/∂ν");
        Tolerance.AssertFormula(dX, r.Gradient[1]![0], "∂/∂x");
    }

    [Fact]
    public void ReadonlyFieldsOfAnObjectBuiltFromAnArray_ByHand()
    {
        var v = new[] { 0.5, -1.25, 2.0, 0.75 };
        var r = CentralDifferenceRunner.Check(Get("Spread"), null, new object[] { v });
        // n · Var + mean = Σ (v_i − m)² + m: ∂/∂v_i = 2 (v_i − m) + 1/n.
        double m = v.Average();
        for (int i = 0; i < v.Length; i++) Tolerance.AssertFormula((2 * (v[i] - m)) + (1.0 / v.Length), r.Gradient[0]![i], "∂/∂v" + i);
    }
}
