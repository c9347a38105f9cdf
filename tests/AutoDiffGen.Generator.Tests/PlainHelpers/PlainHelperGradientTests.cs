using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.PlainHelpers;

/// <summary>
/// Issue 13: a plain static helper of the user's compilation (not [Differentiable], no [DerivativeOf]) called with a
/// differentiated value is differentiated in place. Each gradient is checked against a hand derivation and central
/// differences; forward and Hessian mode against the reverse gradient and central differences of it.
/// </summary>
public class PlainHelperGradientTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static class MathUtil
        {
            public static double Sigmoid(double z) => 1.0 / (1.0 + Math.Exp(-z));
            public static double Square(double v) => v * v;
            internal static double Clamp01(double v) { if (v < 0) return 0; if (v > 1) return 1; return v; }
            public static double SoftPlus(double v) => Math.Log(1 + Math.Exp(v));
            public static double Twice(double v) => 2 * Square(v) + Sigmoid(v);
            public static double Dot(double[] a, double[] b) { double s = 0; for (int i = 0; i < a.Length; i++) s += a[i] * b[i]; return s; }
            public static double SumSq(ReadOnlySpan<double> a) { double s = 0; foreach (double v in a) s += v * v; return s; }
            public static double Pow(double x, int n) { double r = 1; for (int i = 0; i < n; i++) r *= x; return r; }
        }

        public static partial class Net
        {
            private static double Cnd(double x)
            {
                // Abramowitz–Stegun 26.2.17, the Black–Scholes cumulative normal of the practitioners' programs.
                double l = Math.Abs(x);
                double k = 1.0 / (1.0 + 0.2316419 * l);
                double w = 1.0 - 1.0 / Math.Sqrt(2 * Math.PI) * Math.Exp(-l * l / 2) * (0.31938153 * k - 0.356563782 * k * k + 1.781477937 * Math.Pow(k, 3) - 1.821255978 * Math.Pow(k, 4) + 1.330274429 * Math.Pow(k, 5));
                if (x < 0) w = 1.0 - w;
                return w;
            }

            [Differentiable(Forward = true, Hessian = true)]
            public static double Loss(double w, double x) => MathUtil.Sigmoid(w * x);

            [Differentiable(Forward = true, Hessian = true)]
            public static double Call(double s, double sigma) => s * Cnd(Math.Log(s) / sigma + 0.5 * sigma);

            [Differentiable(Forward = true, Hessian = true)]
            public static double Nested(double x) => MathUtil.Twice(x) + MathUtil.Clamp01(x) * MathUtil.SoftPlus(x);

            [Differentiable]
            public static double Dot(double[] w, double[] x) => MathUtil.Dot(w, x) + MathUtil.SumSq(w);

            [Differentiable(Forward = true)]
            public static double Powered(double x, int n) => MathUtil.Pow(x, n);

            [Differentiable]
            public static double Constant(double x, [NoDiff] double c) => x * MathUtil.Square(c);

            // MHessian takes a Span, which reflection cannot box: ModeChecks calls these wrappers.
            public static double[] LossH(double w, double x) { var h = new double[4]; LossHessian(w, x, h); return h; }
            public static double[] CallH(double s, double sigma) { var h = new double[4]; CallHessian(s, sigma, h); return h; }
            public static double[] NestedH(double x) { var h = new double[1]; NestedHessian(x, h); return h; }
        }
        """;

    private static readonly Lazy<Type> Net = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("Net", throwOnError: true)!);

    private static double Sigma(double z) => 1 / (1 + Math.Exp(-z));

    [Theory]
    [InlineData(0.7, 1.3)]
    [InlineData(-1.2, 0.4)]
    public void Sigmoid_OfAProduct_IsXTimesSigmaTimesOneMinusSigma(double w, double x)
    {
        var result = CentralDifferenceRunner.Check(Net.Value.GetMethod("Loss")!, null, new object[] { w, x });
        double s = Sigma(w * x);
        Tolerance.AssertClose(x * s * (1 - s), result.Gradient[0]![0], 1e-12, "d/dw");
        Tolerance.AssertClose(w * s * (1 - s), result.Gradient[1]![0], 1e-12, "d/dx");
        // MForward against the gradient, MHessian against central differences of it.
        ModeChecks.AtPoint(Net.Value, "Loss", new object[] { w, x }, new Random(1));
        // d²/dw² σ(wx) = x²·σ(1−σ)(1−2σ), by hand.
        var h = (double[])Net.Value.GetMethod("LossH")!.Invoke(null, new object[] { w, x })!;
        Tolerance.AssertClose(x * x * s * (1 - s) * (1 - 2 * s), h[0], 1e-9, "d²/dw²");
    }

    [Theory]
    [InlineData(1.1, 0.3)]
    [InlineData(0.6, 0.45)]
    public void BlackScholesCnd_WithBranches_IsTheNormalDensityByTheChainRule(double s, double sigma)
    {
        var result = CentralDifferenceRunner.Check(Net.Value.GetMethod("Call")!, null, new object[] { s, sigma });
        // d = ln s / σ + σ/2; Call = s·N(d); the approximation's derivative is within 1e-7 of the density φ(d), and
        // ∂/∂s = N(d) + s·φ(d)/(sσ) = N(d) + φ(d)/σ, ∂/∂σ = s·φ(d)·(−ln s/σ² + 1/2).
        double d = Math.Log(s) / sigma + 0.5 * sigma;
        double phi = Math.Exp(-d * d / 2) / Math.Sqrt(2 * Math.PI);
        double n = (double)Net.Value.GetMethod("Call")!.Invoke(null, new object[] { s, sigma })! / s;
        Tolerance.AssertClose(n + phi / sigma, result.Gradient[0]![0], 1e-5, "d/ds");
        Tolerance.AssertClose(s * phi * (-Math.Log(s) / (sigma * sigma) + 0.5), result.Gradient[1]![0], 1e-5, "d/dsigma");
        ModeChecks.AtPoint(Net.Value, "Call", new object[] { s, sigma }, new Random(2));
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(1.7)]
    [InlineData(-0.4)]
    public void HelpersCallingHelpers_AreDifferentiatedThroughEveryLevel(double x)
    {
        var result = CentralDifferenceRunner.Check(Net.Value.GetMethod("Nested")!, null, new object[] { x });
        // 2x² + σ(x) + clamp01(x)·ln(1+eˣ): 4x + σ(1−σ) + [0<x<1]·ln(1+eˣ) + clamp01(x)·σ(x).
        double s = Sigma(x), c = Math.Clamp(x, 0, 1);
        double expected = 4 * x + s * (1 - s) + (x > 0 && x < 1 ? Math.Log(1 + Math.Exp(x)) : 0) + c * s;
        Tolerance.AssertClose(expected, result.Gradient[0]![0], 1e-10, "d/dx");
        ModeChecks.AtPoint(Net.Value, "Nested", new object[] { x }, new Random(3));
    }

    [Fact]
    public void ArrayAndSpanHelpers_ReadTheirArguments_AndTheGradientReachesTheArrays()
    {
        var w = new[] { 0.5, -1.5, 2.0 };
        var x = new[] { 3.0, 0.25, -1.0 };
        var result = CentralDifferenceRunner.Check(Net.Value.GetMethod("Dot")!, null, new object[] { w, x });
        // ∂(w·x + Σw²)/∂w = x + 2w, ∂/∂x = w.
        for (int i = 0; i < 3; i++)
        {
            Tolerance.AssertClose(x[i] + 2 * w[i], result.Gradient[0]![i], 1e-12, "dW[" + i + "]");
            Tolerance.AssertClose(w[i], result.Gradient[1]![i], 1e-12, "dX[" + i + "]");
        }
    }

    [Theory]
    [InlineData(1.3, 3)]
    [InlineData(-0.7, 4)]
    public void AnIntegerArgument_DrivesTheHelpersLoop(double x, int n)
    {
        var result = CentralDifferenceRunner.Check(Net.Value.GetMethod("Powered")!, null, new object[] { x, n });
        Tolerance.AssertClose(n * Math.Pow(x, n - 1), result.Gradient[0]![0], 1e-10, "d/dx xⁿ");
        ModeChecks.AtPoint(Net.Value, "Powered", new object[] { x, n }, new Random(4));
    }

    [Fact]
    public void AHelperCalledWithConstantsOnly_StillRunsAsWritten()
    {
        var result = CentralDifferenceRunner.Check(Net.Value.GetMethod("Constant")!, null, new object[] { 2.0, 3.0 });
        Assert.Equal(18.0, result.Value);
        Tolerance.AssertClose(9.0, result.Gradient[0]![0], 1e-12, "d/dx x·c²");
    }
}
