// Copied verbatim (XML doc comments and #region lines removed; [Differentiable] added) from
//   https://github.com/mathnet/mathnet-numerics/blob/84e9432bc1e8a6b2ae7acd32cda4175abeaeaed1/src/Numerics/Financial/AbsoluteRiskMeasures.cs
//   Licence: MIT (the repository's LICENSE.md). Math.NET Numerics, part of the Math.NET Project, https://numerics.mathdotnet.com; Copyright (c) 2009-2023 Math.NET (the file's own header names its years).
// Only the generated code is judged: warnings in this copied code are not ours to fix.
#nullable disable
#pragma warning disable
using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using AutoDiffGen;
using System.Linq;
using MathNet.Numerics.Statistics;

namespace MathNet.Numerics.Financial
{
    public static partial class AbsoluteRiskMeasures
    {
        // Note: The following statistics would be considered an absolute risk statistic in the finance realm as well.
        // Standard Deviation
        // Annualized Standard Deviation = Math.Sqrt(Monthly Standard Deviation x ( 12 ))
        // Skewness
        // Kurtosis

        [Differentiable]
        public static double GainStandardDeviation(this IEnumerable<double> data)
        {
            if (data == null)
            {
                throw new ArgumentNullException(nameof(data));
            }

            return data.Where(x => x >= 0).StandardDeviation();
        }

        [Differentiable]
        public static double LossStandardDeviation(this IEnumerable<double> data)
        {
            if (data == null)
            {
                throw new ArgumentNullException(nameof(data));
            }

            return data.Where(x => x < 0).StandardDeviation();
        }

        [Differentiable]
        public static double DownsideDeviation(this IEnumerable<double> data, double minimalAcceptableReturn)
        {
            if (data == null)
            {
                throw new ArgumentNullException(nameof(data));
            }

            return data.Where(x => x < minimalAcceptableReturn).StandardDeviation();
        }

        [Differentiable]
        public static double SemiDeviation(this IEnumerable<double> data)
        {
            if (data == null)
            {
                throw new ArgumentNullException(nameof(data));
            }

            var mean = data.Mean();
            var belowMeanData = data.Where(x => x < mean);
            return belowMeanData.StandardDeviation();
        }

        [Differentiable]
        public static double GainLossRatio(this IEnumerable<double> data)
        {
            if (data == null)
            {
                throw new ArgumentNullException(nameof(data));
            }

            var gains = data.Where(x => x >= 0);
            var losses = data.Where(x => x < 0);
            return Math.Abs(gains.Mean() / losses.Mean());
        }
    }
}
