using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Gallery;

/// <summary>
/// samples/Gallery/Estimation.cs: a readonly struct's own gradient (<c>Normal.LogDensity</c>, WithRespectToThis) and a
/// defaulted parameter left out of the Backward's call (<c>RidgeLoss</c>'s lambda), by hand, by central differences, and by
/// the fits that use them converging to the closed-form answers.
/// </summary>
public class GalleryEstimationTests
{
    private static readonly double[] X = { 1.0, -0.3, 1.5, 0.2 };
    private static readonly double[] Y = { 0.7, -2.0, 1.9, 0.1 };

    [Fact]
    public void RidgeLoss_ByHand_AndTheShortFormIsTheFullOneAtLambdaPointOne()
    {
        var w = new[] { 0.4, -1.1 };
        var full = GallerySource.Method("Estimation", "RidgeLossBackward", 7);
        var dFull = new double[2];
        double lambda = 0;
        double value = (double)full.Invoke(null, new object[] { w, X, Y, 0.1, dFull, lambda, 1.0 })!;
        var dShort = new double[2];
        Assert.Equal(value, (double)GallerySource.Method("Estimation", "RidgeLossBackward", 5).Invoke(null, new object[] { w, X, Y, dShort, 1.0 })!);
        Assert.Equal(dFull, dShort);
        double g0 = 0, g1 = 0;
        for (int i = 0; i < X.Length; i++)
        {
            double r = w[0] + (w[1] * X[i]) - Y[i];
            g0 += 2 * r;
            g1 += 2 * r * X[i];
        }
        Tolerance.AssertFormula(g0 + (0.2 * w[0]), dShort[0], "∂/∂w0");
        Tolerance.AssertFormula(g1 + (0.2 * w[1]), dShort[1], "∂/∂w1");
    }

    [Fact]
    public void FitLine_ReachesTheRidgeSolution()
    {
        var w = (double[])GallerySource.Method("Estimation", "FitLine").Invoke(null, new object[] { X, Y, 4000, 0.05 })!;
        // (XᵀX + λI) w = Xᵀy with the column of ones, λ = 0.1, solved by Cramer's rule.
        double n = X.Length, sx = X.Sum(), sxx = X.Sum(v => v * v), sy = Y.Sum(), sxy = X.Zip(Y, (a, b) => a * b).Sum();
        double a11 = n + 0.1, a12 = sx, a22 = sxx + 0.1, det = (a11 * a22) - (a12 * a12);
        Tolerance.AssertClose(((sy * a22) - (a12 * sxy)) / det, w[0], 1e-9, "w0");
        Tolerance.AssertClose(((a11 * sxy) - (a12 * sy)) / det, w[1], 1e-9, "w1");
    }

    [Fact]
    public void NormalScore_ByHand_AndByCentralDifferences()
    {
        var type = GallerySource.Type("Normal");
        double mu = 0.3, s = -0.4, x = 1.1;
        object n = Activator.CreateInstance(type, mu, s)!;
        var args = new object[] { x, 0.0, Activator.CreateInstance(type, 0.0, 0.0)!, 1.0 };
        double value = (double)type.GetMethod("LogDensityBackward")!.Invoke(n, args)!;
        double Get(string m) => (double)type.GetProperty(m)!.GetValue(args[2])!;
        double sigma2 = Math.Exp(2 * s), z2 = (x - mu) * (x - mu) / sigma2;
        Tolerance.AssertFormula((x - mu) / sigma2, Get("Mean"), "∂/∂Mean");
        Tolerance.AssertFormula(z2 - 1, Get("LogSigma"), "∂/∂LogSigma");
        Tolerance.AssertFormula(-(x - mu) / sigma2, (double)args[1], "∂/∂x");
        var density = type.GetMethod("LogDensity")!;
        double F(double m, double ls) => (double)density.Invoke(Activator.CreateInstance(type, m, ls), new object[] { x })!;
        const double h = 1e-6;
        Tolerance.AssertCentral((F(mu + h, s) - F(mu - h, s)) / (2 * h), Get("Mean"), Math.Abs(value), "∂/∂Mean");
        Tolerance.AssertCentral((F(mu, s + h) - F(mu, s - h)) / (2 * h), Get("LogSigma"), Math.Abs(value), "∂/∂LogSigma");
    }

    [Fact]
    public void FitNormal_ReachesTheMaximumLikelihoodEstimate()
    {
        var samples = new[] { 1.2, 0.4, 2.1, 1.7, 0.9, 1.5 };
        object fit = GallerySource.Method("Estimation", "FitNormal").Invoke(null, new object[] { samples, 3000, 0.2 })!;
        var type = fit.GetType();
        double mean = samples.Average();
        double logSigma = 0.5 * Math.Log(samples.Sum(v => (v - mean) * (v - mean)) / samples.Length);
        Tolerance.AssertClose(mean, (double)type.GetProperty("Mean")!.GetValue(fit)!, 1e-8, "mean");
        Tolerance.AssertClose(logSigma, (double)type.GetProperty("LogSigma")!.GetValue(fit)!, 1e-8, "log σ");
    }
}
