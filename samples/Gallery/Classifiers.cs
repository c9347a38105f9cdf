using System;
using System.Linq;
using AutoDiffGen;

namespace Gallery;

/// <summary>Classifiers and regressions over jagged and rectangular data.</summary>
public static partial class Classifiers
{
    /// <summary>Mean cross-entropy of a linear softmax classifier, one weight row per class, over jagged samples.</summary>
    [Differentiable]
    public static double SoftmaxClassifierLoss(double[][] weights, [NoDiff] double[][] samples, [NoDiff] int[] labels)
    {
        double loss = 0;
        for (int n = 0; n < samples.Length; n++)
        {
            var scores = new double[weights.Length];
            for (int k = 0; k < weights.Length; k++)
                for (int j = 0; j < samples[n].Length; j++)
                    scores[k] += weights[k][j] * samples[n][j];
            double max = scores.Max();
            double sum = 0;
            for (int k = 0; k < scores.Length; k++) sum += Math.Exp(scores[k] - max);
            loss += Math.Log(sum) + max - scores[labels[n]];
        }
        return loss / samples.Length;
    }

    /// <summary>Mean squared residual of a linear fit plus an L2 penalty.</summary>
    [Differentiable]
    public static double RidgeLoss(double[] beta, [NoDiff] double[,] x, [NoDiff] double[] y, double lambda)
    {
        int n = x.GetLength(0), p = x.GetLength(1);
        double rss = 0;
        for (int i = 0; i < n; i++)
        {
            double fit = 0;
            for (int j = 0; j < p; j++) fit += x[i, j] * beta[j];
            double r = y[i] - fit;
            rss += r * r;
        }
        return rss / n + lambda * beta.Sum(b => b * b);
    }
}
