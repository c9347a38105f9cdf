using System;
using AutoDiffGen;

namespace Gallery;

/// <summary>
/// A normal distribution as a value (a readonly struct, as a practitioner writes one): the gradient of its log-density with
/// respect to its own parameters is the score, <c>LogDensityBackward(x, ref dX, ref dThis)</c>.
/// </summary>
public readonly partial struct Normal
{
    public double Mean { get; }
    public double LogSigma { get; }

    public Normal(double mean, double logSigma)
    {
        Mean = mean;
        LogSigma = logSigma;
    }

    /// <summary>log N(x; Mean, exp(LogSigma)²).</summary>
    [Differentiable(WithRespectToThis = true)]
    public double LogDensity(double x)
    {
        double z = (x - Mean) * Math.Exp(-LogSigma);
        return (-0.5 * z * z) - LogSigma - 0.91893853320467274;
    }
}

/// <summary>Fits written as people write them: defaulted regularisation, and the Backward called without it.</summary>
public static partial class Estimation
{
    /// <summary>Ridge-regularised squared error of the line w[0] + w[1]·x; lambda is left at its default by most callers.</summary>
    [Differentiable]
    public static double RidgeLoss(double[] w, [NoDiff] double[] x, [NoDiff] double[] y, double lambda = 0.1)
    {
        double loss = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double r = w[0] + (w[1] * x[i]) - y[i];
            loss += r * r;
        }
        return loss + (lambda * ((w[0] * w[0]) + (w[1] * w[1])));
    }

    /// <summary>Gradient descent on <see cref="RidgeLoss"/>, calling its Backward as RidgeLoss is called: without lambda.</summary>
    public static double[] FitLine(double[] x, double[] y, int steps, double rate)
    {
        var w = new double[2];
        var dW = new double[2];
        for (int step = 0; step < steps; step++)
        {
            Array.Clear(dW, 0, 2);
            RidgeLossBackward(w, x, y, dW);
            w[0] -= rate * dW[0];
            w[1] -= rate * dW[1];
        }
        return w;
    }

    /// <summary>Maximum likelihood of a normal by gradient ascent on the summed log-density, through the struct's own gradient.</summary>
    public static Normal FitNormal(double[] samples, int steps, double rate)
    {
        var n = new Normal(0, 0);
        for (int step = 0; step < steps; step++)
        {
            var score = default(Normal);
            double dX = 0;
            foreach (double s in samples) n.LogDensityBackward(s, ref dX, ref score);
            n = new Normal(n.Mean + (rate * score.Mean / samples.Length), n.LogSigma + (rate * score.LogSigma / samples.Length));
        }
        return n;
    }
}
