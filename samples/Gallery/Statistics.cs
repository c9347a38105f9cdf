using System;
using System.Linq;
using AutoDiffGen;

namespace Gallery;

/// <summary>Statistics composed from helpers that call each other: mean → variance → standard deviation, and likelihoods.</summary>
public static partial class Statistics
{
    [Differentiable]
    public static double Mean(double[] x) => x.Average();

    /// <summary>Population variance.</summary>
    [Differentiable]
    public static double Variance(double[] x)
    {
        double m = Mean(x);
        return x.Select(v => (v - m) * (v - m)).Sum() / x.Length;
    }

    [Differentiable]
    public static double StandardDeviation(double[] x) => Math.Sqrt(Variance(x));

    [Differentiable]
    public static double Covariance(double[] x, double[] y)
    {
        double mx = Mean(x), my = Mean(y);
        double sum = 0;
        for (int i = 0; i < x.Length; i++) sum += (x[i] - mx) * (y[i] - my);
        return sum / x.Length;
    }

    [Differentiable]
    public static double Correlation(double[] x, double[] y) => Covariance(x, y) / (StandardDeviation(x) * StandardDeviation(y));

    /// <summary>Log-likelihood of data under N(μ, σ²): its gradient is the score.</summary>
    [Differentiable]
    public static double NormalLogLikelihood([NoDiff] double[] data, double mu, double sigma)
    {
        double sum = 0;
        foreach (double x in data)
        {
            double z = (x - mu) / sigma;
            sum += -0.5 * z * z - Math.Log(sigma) - 0.5 * Math.Log(2 * Math.PI);
        }
        return sum;
    }

    /// <summary>Mean logistic log-loss of scores against 0/1 labels, written stably with log(1 + e^−|z|).</summary>
    [Differentiable]
    public static double LogisticLogLoss(double[] scores, [NoDiff] double[] labels)
    {
        double loss = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            double z = scores[i];
            loss += Math.Max(z, 0) - z * labels[i] + Math.Log(1 + Math.Exp(-Math.Abs(z)));
        }
        return loss / scores.Length;
    }
}
