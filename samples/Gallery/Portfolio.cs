using System;
using System.Linq;
using AutoDiffGen;

namespace Gallery;

/// <summary>Portfolio risk over a covariance matrix, as a quant would write it.</summary>
public static partial class Portfolio
{
    /// <summary>wᵀΣw.</summary>
    [Differentiable]
    public static double PortfolioVariance(double[] weights, [NoDiff] double[,] covariance)
    {
        double variance = 0;
        for (int i = 0; i < weights.Length; i++)
            for (int j = 0; j < weights.Length; j++)
                variance += weights[i] * covariance[i, j] * weights[j];
        return variance;
    }

    /// <summary>(wᵀμ − r_f) / √(wᵀΣw), through <c>PortfolioVariance</c>.</summary>
    [Differentiable]
    public static double SharpeRatio(double[] weights, [NoDiff] double[] expectedReturns, [NoDiff] double[,] covariance, double riskFree)
    {
        double excess = -riskFree;
        for (int i = 0; i < weights.Length; i++) excess += weights[i] * expectedReturns[i];
        return excess / Math.Sqrt(PortfolioVariance(weights, covariance));
    }
}
