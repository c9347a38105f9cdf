using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.ControlFlow;

/// <summary>
/// Regression: a loop-carried variable that nothing after the loop reads (the term of a running sum,
/// read by the condition) once got its adjoint declared inside the reverse loop, so the generated
/// Backward did not compile (CS0841 "dP_1 used before it is declared"). Checked against hand
/// derivations and central differences.
/// </summary>
public class LoopOnlyCarriedTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Series
        {
            // s = x (1 + 1/2 + 1/4 + …) while the term exceeds 0.1
            [Differentiable]
            public static double Halving(double x)
            {
                double p = x;
                double s = 0;
                while (p > 0.1) { s += p; p = p / 2; }
                return s;
            }

            [Differentiable]
            public static double HalvingDo(double x)
            {
                double p = x;
                double s = 0;
                do { s += p; p = p / 2; } while (p > 0.1);
                return s;
            }

            // s = Σ_{k=1..n} x^k: the power p is carried, only s leaves the loop
            [Differentiable]
            public static double Powers(double x, int n)
            {
                double p = 1;
                double s = 0;
                for (int k = 0; k < n; k++) { p = p * x; s += p; }
                return s;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static double Central(Func<double, double> f, double x, double h = 1e-6) => (f(x + h) - f(x - h)) / (2 * h);

    [Theory]
    [InlineData("Halving")]
    [InlineData("HalvingDo")]
    public void RunningSumOfHalvings(string name)
    {
        var m = new Differentiated(Compiled.Value, "Series", name);
        // x = 1: terms 1, 1/2, 1/4, 1/8 (the next, 1/16, is below 0.1), so s = 1.875 x and ds/dx = 1.875.
        var (value, gradient) = m.Backward(new[] { 1.0 });
        Tolerance.AssertFormula(1.875, value);
        Tolerance.AssertFormula(1.875, gradient[0]);
        Tolerance.AssertCentral(Central(x => m.Value(x), 1.0), gradient[0], value);
        // x = 3: terms 3 … 3/16 (3/32 < 0.1): 5 terms, s = 3 (2 − 1/16), ds/dx = 2 − 1/16.
        (value, gradient) = m.Backward(new[] { 3.0 });
        Tolerance.AssertFormula(3 * (2 - 1.0 / 16), value);
        Tolerance.AssertFormula(2 - 1.0 / 16, gradient[0]);
        Tolerance.AssertCentral(Central(x => m.Value(x), 3.0), gradient[0], value);
    }

    [Theory]
    [InlineData(0.7, 4)]
    [InlineData(-1.3, 5)]
    [InlineData(2.0, 0)]
    public void SumOfPowers(double x, int n)
    {
        var backward = Compiled.Value.GetType("Series")!.GetMethod("PowersBackward")!;
        var primal = Compiled.Value.GetType("Series")!.GetMethod("Powers")!;
        var args = new object[] { x, n, 0.0, 1.0 };
        double value = (double)backward.Invoke(null, args)!;
        double expected = 0, derivative = 0, terms = 0, derivativeTerms = 0;
        for (int k = 1; k <= n; k++)
        {
            expected += Math.Pow(x, k);
            derivative += k * Math.Pow(x, k - 1);
            terms += Math.Abs(Math.Pow(x, k));
            derivativeTerms += Math.Abs(k * Math.Pow(x, k - 1));
        }

        // n terms, each a product of up to n factors: 2n roundings relative to Σ|term|.
        Tolerance.AssertClose(expected, value, Tolerance.ForSum(2 * n, terms), "value");
        Tolerance.AssertClose(derivative, (double)args[2], Tolerance.ForSum(2 * n + 1, derivativeTerms), "derivative");
        Tolerance.AssertCentral(Central(v => (double)primal.Invoke(null, new object[] { v, n })!, x), (double)args[2], value);
    }
}
