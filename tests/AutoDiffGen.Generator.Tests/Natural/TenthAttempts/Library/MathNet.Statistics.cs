// Copied verbatim (XML doc comments and #region lines removed; [Differentiable] added) from
//   https://github.com/mathnet/mathnet-numerics/blob/84e9432bc1e8a6b2ae7acd32cda4175abeaeaed1/src/Numerics/Statistics/Statistics.cs
//   Licence: MIT (the repository's LICENSE.md). Math.NET Numerics, part of the Math.NET Project, https://numerics.mathdotnet.com; Copyright (c) 2009-2023 Math.NET (the file's own header names its years).
// Only the generated code is judged: warnings in this copied code are not ours to fix.
#nullable disable
#pragma warning disable
using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using AutoDiffGen;
using System.Linq;

namespace MathNet.Numerics.Statistics
{
    public static partial class Statistics
    {
        [Differentiable]
        public static double Mean(this IEnumerable<double> data)
        {
            return data is double[] array
                ? ArrayStatistics.Mean(array)
                : StreamingStatistics.Mean(data);
        }

        [Differentiable]
        public static double GeometricMean(this IEnumerable<double> data)
        {
            return data is double[] array
                ? ArrayStatistics.GeometricMean(array)
                : StreamingStatistics.GeometricMean(data);
        }

        [Differentiable]
        public static double HarmonicMean(this IEnumerable<double> data)
        {
            return data is double[] array
                ? ArrayStatistics.HarmonicMean(array)
                : StreamingStatistics.HarmonicMean(data);
        }

        [Differentiable]
        public static double Variance(this IEnumerable<double> samples)
        {
            return samples is double[] array
                ? ArrayStatistics.Variance(array)
                : StreamingStatistics.Variance(samples);
        }

        [Differentiable]
        public static double PopulationVariance(this IEnumerable<double> population)
        {
            return population is double[] array
                ? ArrayStatistics.PopulationVariance(array)
                : StreamingStatistics.PopulationVariance(population);
        }

        [Differentiable]
        public static double StandardDeviation(this IEnumerable<double> samples)
        {
            return samples is double[] array
                ? ArrayStatistics.StandardDeviation(array)
                : StreamingStatistics.StandardDeviation(samples);
        }

        [Differentiable]
        public static double PopulationStandardDeviation(this IEnumerable<double> population)
        {
            return population is double[] array
                ? ArrayStatistics.PopulationStandardDeviation(array)
                : StreamingStatistics.PopulationStandardDeviation(population);
        }

        [Differentiable]
        public static double Covariance(this IEnumerable<double> samples1, IEnumerable<double> samples2)
        {
            return samples1 is double[] array1 && samples2 is double[] array2
                ? ArrayStatistics.Covariance(array1, array2)
                : StreamingStatistics.Covariance(samples1, samples2);
        }

        [Differentiable]
        public static double RootMeanSquare(this IEnumerable<double> data)
        {
            return data is double[] array
                ? ArrayStatistics.RootMeanSquare(array)
                : StreamingStatistics.RootMeanSquare(data);
        }
    }
}
