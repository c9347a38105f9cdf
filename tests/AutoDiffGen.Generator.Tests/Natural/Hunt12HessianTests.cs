using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Natural;

/// <summary>
/// The natural judge (NaturalBatchTests) checks gradients only: the Hessian = true methods of X13_hunt12.cs (Math.NET's
/// Normal.PDF with its guard, Himmelblau, a loop of powers and sines, a log-sum-exp times a sine, and the A–S erf that calls
/// itself for x &lt; 0) are checked here as written there, each entry by hand and by central differences of the Backward.
/// </summary>
public class Hunt12HessianTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        namespace Hunt12Hessians;

        public static partial class H
        {
            private const double Sqrt2Pi = 2.5066282746310005024157652848110452530069867406099;

            [Differentiable(Hessian = true)]
            public static double NormalPdf(double mean, double stddev, double x)
            {
                if (stddev < 0.0)
                {
                    throw new ArgumentException("Invalid parametrization for the distribution.");
                }

                double d = (x - mean) / stddev;
                return Math.Exp(-0.5 * d * d) / (Sqrt2Pi * stddev);
            }

            [Differentiable(Hessian = true)]
            public static double Himmelblau(double x, double y)
            {
                double a = x * x + y - 11, b = x + y * y - 7;
                return a * a + b * b;
            }

            [Differentiable(Hessian = true)]
            public static double HessWithLoop(double x, double y)
            {
                double s = 0;
                for (int i = 1; i <= 3; i++) s += Math.Pow(x, i) * Math.Sin(i * y);
                return s;
            }

            [Differentiable(Hessian = true)]
            public static double HLogExp(double x, double y) => Math.Log(Math.Exp(x) + Math.Exp(y)) * Math.Sin(x * y);

            [Differentiable(Hessian = true)]
            public static double Erf(double x)
            {
                if (x < 0) return -Erf(-x);
                double t = 1.0 / (1.0 + 0.3275911 * x);
                double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
                return 1.0 - poly * Math.Exp(-x * x);
            }

            public static double[] NormalPdfH(double m, double s, double x) { var h = new double[9]; NormalPdfHessian(m, s, x, h); return h; }
            public static double[] HimmelblauH(double x, double y) { var h = new double[4]; HimmelblauHessian(x, y, h); return h; }
            public static double[] HessWithLoopH(double x, double y) { var h = new double[4]; HessWithLoopHessian(x, y, h); return h; }
            public static double[] HLogExpH(double x, double y) { var h = new double[4]; HLogExpHessian(x, y, h); return h; }
            public static double[] ErfH(double x) { var h = new double[1]; ErfHessian(x, h); return h; }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static double[] Hessian(string name, params double[] p) =>
        (double[])Compiled.Value.GetType("Hunt12Hessians.H", throwOnError: true)!.GetMethod(name + "H")!.Invoke(null, p.Cast<object>().ToArray())!;

    /// <summary>Every entry against central differences of the generated Backward (the gradient itself is judged by NaturalBatchTests).</summary>
    private static void AssertCentral(string name, double[] p, double[] hessian)
    {
        var method = new Differentiated(Compiled.Value, "Hunt12Hessians.H", name);
        int n = p.Length;
        Assert.Equal(n * n, hessian.Length);
        const double h = 1e-5;
        for (int j = 0; j < n; j++)
        {
            var plus = (double[])p.Clone();
            var minus = (double[])p.Clone();
            plus[j] += h;
            minus[j] -= h;
            var gp = method.Backward(plus).Gradient;
            var gm = method.Backward(minus).Gradient;
            for (int i = 0; i < n; i++)
                Tolerance.AssertCentral((gp[i] - gm[i]) / (2 * h), hessian[i * n + j], Math.Abs(method.Value(p)) + 1, name + " H[" + i + "," + j + "] by central differences");
        }
    }

    [Theory]
    [InlineData(0.3, 1.2, 1.1)]
    [InlineData(-0.5, 0.8, 0.2)]
    public void NormalPdf_ByHand(double m, double s, double x)
    {
        var hessian = Hessian("NormalPdf", m, s, x);
        double d = (x - m) / s, phi = Math.Exp(-0.5 * d * d) / (Math.Sqrt(2 * Math.PI) * s);
        double xx = phi * (d * d - 1) / (s * s); // ∂²φ/∂x² = φ(d² − 1)/s², and ∂²/∂m² the same, ∂²/∂m∂x its negative
        Tolerance.AssertFormula(xx, hessian[8], "∂²/∂x²");
        Tolerance.AssertFormula(xx, hessian[0], "∂²/∂m²");
        Tolerance.AssertFormula(-xx, hessian[2], "∂²/∂m∂x");
        Tolerance.AssertFormula(-xx, hessian[6], "∂²/∂x∂m");
        // ∂²φ/∂s² = φ(d⁴ − 5d² + 2)/s².
        Tolerance.AssertFormula(phi * (d * d * d * d - 5 * d * d + 2) / (s * s), hessian[4], "∂²/∂s²");
        AssertCentral("NormalPdf", new[] { m, s, x }, hessian);
    }

    [Theory]
    [InlineData(3.0, 2.0)]
    [InlineData(-2.8, 3.1)]
    [InlineData(0.4, -0.9)]
    public void Himmelblau_ByHand(double x, double y)
    {
        var hessian = Hessian("Himmelblau", x, y);
        double a = x * x + y - 11, b = x + y * y - 7;
        Tolerance.AssertFormula(4 * a + 8 * x * x + 2, hessian[0], "f_xx");
        Tolerance.AssertFormula(4 * x + 4 * y, hessian[1], "f_xy");
        Tolerance.AssertFormula(4 * x + 4 * y, hessian[2], "f_yx");
        Tolerance.AssertFormula(2 + 4 * b + 8 * y * y, hessian[3], "f_yy");
        AssertCentral("Himmelblau", new[] { x, y }, hessian);
    }

    [Theory]
    [InlineData(0.7, 0.4)]
    [InlineData(-1.3, 2.2)]
    public void LoopOfPowersAndSines_ByHand(double x, double y)
    {
        var hessian = Hessian("HessWithLoop", x, y);
        double xx = 0, xy = 0, yy = 0;
        for (int i = 1; i <= 3; i++)
        {
            xx += i * (i - 1) * Math.Pow(x, i - 2) * Math.Sin(i * y);
            xy += i * i * Math.Pow(x, i - 1) * Math.Cos(i * y);
            yy -= i * i * Math.Pow(x, i) * Math.Sin(i * y);
        }
        Tolerance.AssertFormula(xx, hessian[0], "f_xx");
        Tolerance.AssertFormula(xy, hessian[1], "f_xy");
        Tolerance.AssertFormula(xy, hessian[2], "f_yx");
        Tolerance.AssertFormula(yy, hessian[3], "f_yy");
        AssertCentral("HessWithLoop", new[] { x, y }, hessian);
    }

    [Theory]
    [InlineData(0.3, 0.9)]
    [InlineData(-1.1, 0.5)]
    public void LogSumExpTimesSine_ByHand(double x, double y)
    {
        var hessian = Hessian("HLogExp", x, y);
        double l = Math.Log(Math.Exp(x) + Math.Exp(y)), sx = Math.Exp(x) / (Math.Exp(x) + Math.Exp(y)), sy = 1 - sx;
        double sin = Math.Sin(x * y), cos = Math.Cos(x * y);
        // f = L·S: f_xx = Lxx·S + 2·Lx·Sx + L·Sxx, f_xy = Lxy·S + Lx·Sy + Ly·Sx + L·Sxy, with Lxx = Lyy = −Lxy = σx·σy.
        double lxx = sx * sy;
        Tolerance.AssertFormula(lxx * sin + 2 * sx * y * cos - l * y * y * sin, hessian[0], "f_xx");
        Tolerance.AssertFormula(-lxx * sin + sx * x * cos + sy * y * cos + l * (cos - x * y * sin), hessian[1], "f_xy");
        Tolerance.AssertFormula(lxx * sin + 2 * sy * x * cos - l * x * x * sin, hessian[3], "f_yy");
        AssertCentral("HLogExp", new[] { x, y }, hessian);
    }

    [Theory]
    [InlineData(0.6)]
    [InlineData(-0.45)]
    [InlineData(1.7)]
    public void RecursiveErf_MatchesTheTrueErfSecondDerivative(double x)
    {
        // erf''(x) = −4x/√π · e^(−x²); the A–S 7.1.26 approximation's own second derivative is within 1e-3 of it, and exactly
        // odd: the recursive branch for x < 0 must give the negative of the one for −x.
        double h = Hessian("Erf", x)[0];
        Tolerance.AssertClose(-4 * x / Math.Sqrt(Math.PI) * Math.Exp(-x * x), h, 1e-3, "erf'' by hand");
        Tolerance.AssertClose(-Hessian("Erf", -x)[0], h, 1e-12, "erf'' is odd");
        AssertCentral("Erf", new[] { x }, new[] { h });
    }
}
