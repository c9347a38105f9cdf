using System;
using AutoDiffGen;

namespace Gallery;

/// <summary>Numerical methods differentiated through their iterations.</summary>
public static partial class Numerics
{
    /// <summary>p(x) = c[0] + c[1]·x + … by Horner's rule.</summary>
    [Differentiable]
    public static double Horner(double[] coefficients, double x)
    {
        double result = 0;
        for (int i = coefficients.Length - 1; i >= 0; i--) result = Math.FusedMultiplyAdd(result, x, coefficients[i]);
        return result;
    }

    /// <summary>√a by Newton's iteration: the derivative through the iterations tends to 1/(2√a).</summary>
    [Differentiable]
    public static double NewtonSqrt(double a, int iterations)
    {
        double x = a > 1 ? a : 1.0;
        for (int i = 0; i < iterations; i++) x = 0.5 * (x + a / x);
        return x;
    }

    /// <summary>The eccentric anomaly E of Kepler's equation E − e·sin E = M, by Newton until it converges.</summary>
    [Differentiable]
    public static double KeplerEccentricAnomaly(double meanAnomaly, double eccentricity)
    {
        double e = meanAnomaly;
        for (int i = 0; i < 50; i++)
        {
            double step = (e - eccentricity * Math.Sin(e) - meanAnomaly) / (1 - eccentricity * Math.Cos(e));
            e -= step;
            if (Math.Abs(step) < 1e-14) break;
        }
        return e;
    }

    /// <summary>∫ₐᵇ exp(−k t²) dt by the trapezoid rule with n panels.</summary>
    [Differentiable]
    public static double TrapezoidGaussian(double a, double b, double k, int n)
    {
        double h = (b - a) / n;
        double sum = 0.5 * (Math.Exp(-k * a * a) + Math.Exp(-k * b * b));
        for (int i = 1; i < n; i++)
        {
            double t = a + i * h;
            sum += Math.Exp(-k * t * t);
        }
        return sum * h;
    }

    [Differentiable]
    public static double LogSumExp(double[] x)
    {
        double max = x[0];
        foreach (var v in x[1..]) if (v > max) max = v;
        double sum = 0;
        for (int i = 0; i < x.Length; i++) sum += Math.Exp(x[i] - max);
        return max + Math.Log(sum);
    }

    /// <summary>Euclidean norm, scaled to avoid overflow.</summary>
    [Differentiable]
    public static double Norm(double[] x)
    {
        double scale = 0;
        for (int i = 0; i < x.Length; i++) scale = Math.Max(scale, Math.Abs(x[i]));
        if (scale == 0) return 0;
        double sum = 0;
        for (int i = 0; i < x.Length; i++) sum += (x[i] / scale) * (x[i] / scale);
        return scale * Math.Sqrt(sum);
    }
}
