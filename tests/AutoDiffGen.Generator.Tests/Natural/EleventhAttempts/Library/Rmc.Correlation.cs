// Copied verbatim (XML doc comments and #region lines removed; [Differentiable] added) from
//   https://github.com/USACE-RMC/Numerics/blob/2a0357ada3676e80ca6650e9e022e72eacde3049/Numerics/Data/Statistics/Correlation.cs
//   Licence: the repository's LICENSE (permission to use, copy, modify and/or distribute for any purpose with or without fee). Numerics: U.S. Army Corps of Engineers, Risk Management Center (Haden Smith and contributors).
// Only the generated code is judged: warnings in this copied code are not ours to fix.
#nullable disable
#pragma warning disable
using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using AutoDiffGen;

namespace Numerics.Data.Statistics
{
    public static partial class Correlation
    {
        [Differentiable]
        public static double Pearson(IList<double> sample1, IList<double> sample2)
        {
            // Check if the arrays are the same length
            if (sample2.Count != sample1.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(sample1), "The samples arrays must be the same length.");
            }
            // 
            int i, n = sample1.Count;
            // Find means.
            double ax = 0d;
            double ay = 0d;
            for (i = 0; i <= n - 1; i++)
            {
                ax += sample1[i];
                ay += sample2[i];
            }
            ax /= n;
            ay /= n;
            // Compute the correlation coefficient
            double sxx = 0d, syy = 0d, sxy = 0d;
            double xt, yt;
            for (i = 0; i <= n - 1; i++)
            {
                xt = sample1[i] - ax;
                yt = sample2[i] - ay;
                sxx += xt * xt;
                syy += yt * yt;
                sxy += xt * yt;
            }
            return sxy / Math.Sqrt(sxx * syy);
        }

        public static double[,] Pearson(double[,] samples)
        {
            if (samples == null)
                throw new ArgumentNullException(nameof(samples));

            int n = samples.GetLength(0);
            int p = samples.GetLength(1);
            if (p == 0)
                throw new ArgumentException("Input must have at least one column.", nameof(samples));

            // 1) Compute means for each column
            double[] means = new double[p];
            for (int j = 0; j < p; j++)
                for (int i = 0; i < n; i++)
                    means[j] += samples[i, j];
            for (int j = 0; j < p; j++)
                means[j] /= n;

            // 2) Compute sum of squares (ss) and cross-products (cov)
            double[] ss = new double[p];
            double[,] cov = new double[p, p];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < p; j++)
                {
                    double dx = samples[i, j] - means[j];
                    ss[j] += dx * dx;
                    for (int k = j; k < p; k++)
                    {
                        double dy = samples[i, k] - means[k];
                        cov[j, k] += dx * dy;
                    }
                }
            }
            // mirror upper triangle to lower
            for (int j = 0; j < p; j++)
                for (int k = j + 1; k < p; k++)
                    cov[k, j] = cov[j, k];

            // 3) Build correlation matrix
            double[,] corr = new double[p, p];
            for (int j = 0; j < p; j++)
            {
                for (int k = 0; k < p; k++)
                {
                    corr[j, k] = cov[j, k] / Math.Sqrt(ss[j] * ss[k]);
                }
            }

            return corr;
        }
    }
}
