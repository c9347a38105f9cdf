// Copied verbatim (XML doc comments and #region lines removed; [Differentiable] added) from
//   https://github.com/accord-net/framework/blob/1ab0cc0ba55bcc3d46f20e7bbe7224b58cd01854/Sources/Accord.Math/Accord.Statistics/Measures.Vectors.cs
//   Licence: LGPL-2.1-or-later (License.txt of the repository). Copyright (c) 2009-2017, Accord.NET Authors; Cephes-derived parts (c) Stephen L. Moshier.
// Only the generated code is judged: warnings in this copied code are not ours to fix.
#nullable disable
#pragma warning disable
using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using AutoDiffGen;

namespace Corpus.AccordNet
{
    public static partial class Measures
    {
        [Differentiable]
        public static double Mean(this double[] values)
        {
            double sum = 0.0;

            for (int i = 0; i < values.Length; i++)
                sum += values[i];

            return sum / values.Length;
        }

        [Differentiable]
        public static double GeometricMean(this double[] values)
        {
            double sum = 1.0;

            for (int i = 0; i < values.Length; i++)
                sum *= values[i];

            return Math.Pow(sum, 1.0 / values.Length);
        }

        [Differentiable]
        public static double LogGeometricMean(this double[] values)
        {
            double lnsum = 0;

            for (int i = 0; i < values.Length; i++)
                lnsum += Math.Log(values[i]);

            return lnsum / values.Length;
        }

        [Differentiable]
        public static double ContraHarmonicMean(double[] values, int order)
        {
            double r1 = 0, r2 = 0;
            for (int i = 0; i < values.Length; i++)
            {
                r1 += Math.Pow(values[i], order + 1);
                r2 += Math.Pow(values[i], order);
            }

            return r1 / r2;
        }

        [Differentiable]
        public static double ContraHarmonicMean(double[] values)
        {
            double r1 = 0, r2 = 0;
            for (int i = 0; i < values.Length; i++)
            {
                r1 += values[i] * values[i];
                r2 += values[i];
            }

            return r1 / r2;
        }

        [Differentiable]
        public static double StandardDeviation(this double[] values, bool unbiased = true)
        {
            return StandardDeviation(values, Mean(values), unbiased);
        }

        [Differentiable]
        public static double StandardDeviation(this double[] values, double mean, bool unbiased = true)
        {
            return System.Math.Sqrt(Variance(values, mean, unbiased));
        }

        [Differentiable]
        public static double StandardError(int samples, double standardDeviation)
        {
            return standardDeviation / System.Math.Sqrt(samples);
        }

        [Differentiable]
        public static double StandardError(double[] values)
        {
            return StandardError(values.Length, StandardDeviation(values));
        }

        [Differentiable]
        public static double Variance(this double[] values)
        {
            return Variance(values, Mean(values));
        }

        [Differentiable]
        public static double Variance(this double[] values, bool unbiased)
        {
            return Variance(values, Mean(values), unbiased);
        }

        [Differentiable]
        public static double Variance(this double[] values, double mean)
        {
            return Variance(values, mean, true);
        }

        [Differentiable]
        public static double Variance(this double[] values, double mean, bool unbiased = true)
        {
            double variance = 0.0;

            for (int i = 0; i < values.Length; i++)
            {
                double x = values[i] - mean;
                variance += x * x;
            }

            if (unbiased)
            {
                // Sample variance
                return variance / (values.Length - 1);
            }
            else
            {
                // Population variance
                return variance / values.Length;
            }
        }

        [Differentiable]
        public static double Covariance(this double[] vector1, double[] vector2, bool unbiased = true)
        {
            return Covariance(vector1, Mean(vector1), vector2, Mean(vector2), unbiased);
        }

        [Differentiable]
        public static double Covariance(this double[] vector1, double mean1, double[] vector2, double mean2, bool unbiased = true)
        {
            if (vector1 == null)
                throw new ArgumentNullException("vector1");

            if (vector2 == null)
                throw new ArgumentNullException("vector2");

            if (vector1.Length != vector2.Length)
                throw new DimensionMismatchException("vector2");

            double covariance = 0.0;

            for (int i = 0; i < vector1.Length; i++)
            {
                double x = vector1[i] - mean1;
                double y = vector2[i] - mean2;
                covariance += x * y;
            }

            if (unbiased)
            {
                // Sample variance
                return covariance / (vector1.Length - 1);
            }
            else
            {
                // Population variance
                return covariance / vector1.Length;
            }
        }

        [Differentiable]
        public static double Skewness(this double[] values, bool unbiased = true)
        {
            double mean = Mean(values);
            return Skewness(values, mean, unbiased);
        }

        [Differentiable]
        public static double Skewness(this double[] values, double mean, bool unbiased = true)
        {
            double n = values.Length;

            double s2 = 0;
            double s3 = 0;

            for (int i = 0; i < values.Length; i++)
            {
                double dev = values[i] - mean;

                s2 += dev * dev;
                s3 += dev * dev * dev;
            }

            double m2 = s2 / n;
            double m3 = s3 / n;

            double g = m3 / (Math.Pow(m2, 3 / 2.0));

            if (unbiased)
            {
                double a = Math.Sqrt(n * (n - 1));
                double b = n - 2;
                return (a / b) * g;
            }

            return g;
        }

        [Differentiable]
        public static double Kurtosis(this double[] values, bool unbiased = true)
        {
            double mean = Mean(values);
            return Kurtosis(values, mean, unbiased);
        }

        [Differentiable]
        public static double Kurtosis(this double[] values, double mean, bool unbiased = true)
        {
            // http://www.ats.ucla.edu/stat/mult_pkg/faq/general/kurtosis.htm

            double n = values.Length;

            double s2 = 0;
            double s4 = 0;

            for (int i = 0; i < values.Length; i++)
            {
                double dev = values[i] - mean;

                s2 += dev * dev;
                s4 += dev * dev * dev * dev;
            }

            double m2 = s2 / n;
            double m4 = s4 / n;

            if (unbiased)
            {
                double v = s2 / (n - 1);

                double a = (n * (n + 1)) / ((n - 1) * (n - 2) * (n - 3));
                double b = s4 / (v * v);
                double c = ((n - 1) * (n - 1)) / ((n - 2) * (n - 3));

                return a * b - 3 * c;
            }
            else
            {
                return m4 / (m2 * m2) - 3;
            }
        }

        [Differentiable]
        public static double Entropy(this double[] values)
        {
            double sum = 0;
            foreach (double v in values)
                sum += v * Math.Log(v);
            return -sum;
        }

        [Differentiable]
        public static double Entropy(this double[] values, double eps = 0)
        {
            double sum = 0;
            foreach (double v in values)
                sum += v * Math.Log(v + eps);
            return -sum;
        }
    }
}
