// Copied verbatim (XML doc comments and #region lines removed; [Differentiable] added) from
//   https://github.com/mathnet/mathnet-numerics/blob/84e9432bc1e8a6b2ae7acd32cda4175abeaeaed1/src/Numerics/Statistics/ArrayStatistics.cs
//   Licence: MIT (the repository's LICENSE.md). Math.NET Numerics, part of the Math.NET Project, https://numerics.mathdotnet.com; Copyright (c) 2009-2023 Math.NET (the file's own header names its years).
// Only the generated code is judged: warnings in this copied code are not ours to fix.
#nullable disable
#pragma warning disable
using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using AutoDiffGen;

namespace MathNet.Numerics.Statistics
{
    public static partial class ArrayStatistics
    {
        [Differentiable]
        public static double Mean(double[] data)
        {
            if (data.Length == 0)
            {
                return double.NaN;
            }

            double mean = 0;
            ulong m = 0;
            for (int i = 0; i < data.Length; i++)
            {
                mean += (data[i] - mean)/++m;
            }

            return mean;
        }

        [Differentiable]
        public static double GeometricMean(double[] data)
        {
            if (data.Length == 0)
            {
                return double.NaN;
            }

            double sum = 0;
            for (int i = 0; i < data.Length; i++)
            {
                sum += Math.Log(data[i]);
            }

            return Math.Exp(sum/data.Length);
        }

        [Differentiable]
        public static double HarmonicMean(double[] data)
        {
            if (data.Length == 0)
            {
                return double.NaN;
            }

            double sum = 0;
            for (int i = 0; i < data.Length; i++)
            {
                sum += 1.0/data[i];
            }

            return data.Length/sum;
        }

        [Differentiable]
        public static double Variance(double[] samples)
        {
            if (samples.Length <= 1)
            {
                return double.NaN;
            }

            double variance = 0;
            double t = samples[0];
            for (int i = 1; i < samples.Length; i++)
            {
                t += samples[i];
                double diff = ((i + 1)*samples[i]) - t;
                variance += (diff*diff)/((i + 1.0)*i);
            }

            return variance/(samples.Length - 1);
        }

        [Differentiable]
        public static double PopulationVariance(double[] population)
        {
            if (population.Length == 0)
            {
                return double.NaN;
            }

            double variance = 0;
            double t = population[0];
            for (int i = 1; i < population.Length; i++)
            {
                t += population[i];
                double diff = ((i + 1)*population[i]) - t;
                variance += (diff*diff)/((i + 1.0)*i);
            }

            return variance/population.Length;
        }

        [Differentiable]
        public static double StandardDeviation(double[] samples)
        {
            return Math.Sqrt(Variance(samples));
        }

        [Differentiable]
        public static double PopulationStandardDeviation(double[] population)
        {
            return Math.Sqrt(PopulationVariance(population));
        }

        [Differentiable]
        public static double Covariance(double[] samples1, double[] samples2)
        {
            if (samples1.Length != samples2.Length)
            {
                throw new ArgumentException("All vectors must have the same dimensionality.");
            }

            if (samples1.Length <= 1)
            {
                return double.NaN;
            }

            double mean1 = Mean(samples1);
            double mean2 = Mean(samples2);
            double covariance = 0.0;
            for (int i = 0; i < samples1.Length; i++)
            {
                covariance += (samples1[i] - mean1)*(samples2[i] - mean2);
            }

            return covariance/(samples1.Length - 1);
        }

        [Differentiable]
        public static double RootMeanSquare(double[] data)
        {
            if (data.Length == 0)
            {
                return double.NaN;
            }

            double mean = 0;
            ulong m = 0;
            for (int i = 0; i < data.Length; i++)
            {
                mean += (data[i]*data[i] - mean)/++m;
            }

            return Math.Sqrt(mean);
        }
    }
}
