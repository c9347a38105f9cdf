// Copied verbatim (XML doc comments and #region lines removed; [Differentiable] added) from
//   https://github.com/USACE-RMC/Numerics/blob/2a0357ada3676e80ca6650e9e022e72eacde3049/Numerics/Data/Statistics/GoodnessOfFit.cs
//   Licence: the repository's LICENSE (permission to use, copy, modify and/or distribute for any purpose with or without fee). Numerics: U.S. Army Corps of Engineers, Risk Management Center (Haden Smith and contributors).
// Only the generated code is judged: warnings in this copied code are not ours to fix.
#nullable disable
#pragma warning disable
using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using AutoDiffGen;
using System.Linq;

namespace Numerics.Data.Statistics
{
    public partial class GoodnessOfFit
    {
        [Differentiable]
        public static double RMSE(IList<double> observedValues, IList<double> modeledValues, int k = 0)
        {
            // Check if the lists are the same size
            if (observedValues.Count != modeledValues.Count)
                throw new ArgumentOutOfRangeException(nameof(observedValues), "The number of observed values must equal the number of modeled values.");

            int n = observedValues.Count - k;
            double sse = 0d;
            for (int i = 0; i < n; i++)
                sse += Tools.Sqr(modeledValues[i] - observedValues[i]);
            return Math.Sqrt(sse / n);
        }

        [Differentiable]
        public static double MSE(IList<double> observedValues, IList<double> modeledValues)
        {
            // Check if the lists are the same size
            if (observedValues.Count != modeledValues.Count)
                throw new ArgumentOutOfRangeException(nameof(observedValues), "The number of observed values must equal the number of modeled values.");

            int n = observedValues.Count;
            double sse = 0d;
            for (int i = 0; i < n; i++)
                sse += Tools.Sqr(modeledValues[i] - observedValues[i]);
            return sse / n;
        }

        [Differentiable]
        public static double MAE(IList<double> observedValues, IList<double> modeledValues)
        {
            // Check if the lists are the same size
            if (observedValues.Count != modeledValues.Count)
                throw new ArgumentOutOfRangeException(nameof(observedValues), "The number of observed values must equal the number of modeled values.");

            int n = observedValues.Count;
            double sumAbsError = 0d;
            for (int i = 0; i < n; i++)
                sumAbsError += Math.Abs(modeledValues[i] - observedValues[i]);
            return sumAbsError / n;
        }

        [Differentiable]
        public static double MAPE(IList<double> observedValues, IList<double> modeledValues)
        {
            // Check if the lists are the same size
            if (observedValues.Count != modeledValues.Count)
                throw new ArgumentOutOfRangeException(nameof(observedValues), "The number of observed values must equal the number of modeled values.");

            int n = observedValues.Count;
            double sumPercentError = 0d;

            for (int i = 0; i < n; i++)
            {
                // Check for zero values which would cause division by zero
                if (Math.Abs(observedValues[i]) < double.Epsilon)
                    throw new ArgumentException("MAPE cannot be calculated when observed values contain zero or near-zero values.", nameof(observedValues));

                sumPercentError += Math.Abs((observedValues[i] - modeledValues[i]) / observedValues[i]);
            }

            return 100.0 * sumPercentError / n;
        }

        [Differentiable]
        public static double sMAPE(IList<double> observedValues, IList<double> modeledValues)
        {
            // Check if the lists are the same size
            if (observedValues.Count != modeledValues.Count)
                throw new ArgumentOutOfRangeException(nameof(observedValues), "The number of observed values must equal the number of modeled values.");

            int n = observedValues.Count;
            double sumSymmetricPercentError = 0d;

            for (int i = 0; i < n; i++)
            {
                double denominator = Math.Abs(observedValues[i]) + Math.Abs(modeledValues[i]);

                // Check for case where both values are zero
                if (denominator < double.Epsilon)
                    throw new ArgumentException("sMAPE cannot be calculated when both observed and modeled values are zero.", nameof(observedValues));

                sumSymmetricPercentError += Math.Abs(observedValues[i] - modeledValues[i]) / denominator;
            }

            return 200.0 * sumSymmetricPercentError / n;
        }

        [Differentiable]
        public static double NashSutcliffeEfficiency(IList<double> observedValues, IList<double> modeledValues)
        {
            // Check if the lists are the same size
            if (observedValues.Count != modeledValues.Count)
                throw new ArgumentOutOfRangeException(nameof(observedValues), "The number of observed values must equal the number of modeled values.");

            int n = observedValues.Count;
            double observedMean = Statistics.Mean(observedValues);

            double numerator = 0d;
            double denominator = 0d;
            for (int i = 0; i < n; i++)
            {
                numerator += Tools.Sqr(observedValues[i] - modeledValues[i]);
                denominator += Tools.Sqr(observedValues[i] - observedMean);
            }

            return 1.0 - (numerator / denominator);
        }

        [Differentiable]
        public static double LogNashSutcliffeEfficiency(IList<double> observedValues,
            IList<double> modeledValues, double epsilon = -1)
        {
            if (observedValues.Count != modeledValues.Count)
                throw new ArgumentOutOfRangeException(nameof(observedValues),
                    "The number of observed values must equal the number of modeled values.");

            // If epsilon not provided, use Pushpalatha et al. (2012) recommendation
            if (epsilon < 0)
                epsilon = Statistics.Mean(observedValues) / 100.0;

            var logObserved = new double[observedValues.Count];
            var logModeled = new double[modeledValues.Count];

            for (int i = 0; i < observedValues.Count; i++)
            {
                logObserved[i] = Math.Log(observedValues[i] + epsilon);
                logModeled[i] = Math.Log(modeledValues[i] + epsilon);
            }

            return NashSutcliffeEfficiency(logObserved, logModeled);
        }

        [Differentiable]
        public static double KlingGuptaEfficiency(IList<double> observedValues, IList<double> modeledValues)
        {
            // Check if the lists are the same size
            if (observedValues.Count != modeledValues.Count)
                throw new ArgumentOutOfRangeException(nameof(observedValues), "The number of observed values must equal the number of modeled values.");

            int n = observedValues.Count;

            // First pass: compute means
            double sumObs = 0d;
            double sumMod = 0d;
            for (int i = 0; i < n; i++)
            {
                sumObs += observedValues[i];
                sumMod += modeledValues[i];
            }
            double obsMean = sumObs / n;
            double modMean = sumMod / n;

            // Second pass: compute standard deviations and correlation
            double varObs = 0d;
            double varMod = 0d;
            double covariance = 0d;

            for (int i = 0; i < n; i++)
            {
                double obsDeviation = observedValues[i] - obsMean;
                double modDeviation = modeledValues[i] - modMean;

                varObs += obsDeviation * obsDeviation;
                varMod += modDeviation * modDeviation;
                covariance += obsDeviation * modDeviation;
            }

            // Use sample standard deviation (N-1)
            double obsStdDev = Math.Sqrt(varObs / (n - 1));
            double modStdDev = Math.Sqrt(varMod / (n - 1));

            // Check for degenerate cases (zero variance)
            // When either standard deviation is zero, correlation is undefined
            // and the model fundamentally fails to capture variability
            if (obsStdDev < double.Epsilon || modStdDev < double.Epsilon)
            {
                // Return a very poor KGE value instead of NaN
                // This indicates the model is far worse than the mean baseline
                return -10.0;
            }

            // Correlation coefficient
            double r = covariance / (n - 1) / (obsStdDev * modStdDev);

            // Compute alpha (variability ratio)
            double alpha = modStdDev / obsStdDev;

            // Compute beta (bias ratio)
            double beta = modMean / obsMean;

            // Compute KGE
            double ed = Math.Sqrt(Tools.Sqr(r - 1.0) + Tools.Sqr(alpha - 1.0) + Tools.Sqr(beta - 1.0));
            return 1.0 - ed;
        }

        [Differentiable]
        public static double KlingGuptaEfficiencyMod(IList<double> observedValues, IList<double> modeledValues)
        {
            // Check if the lists are the same size
            if (observedValues.Count != modeledValues.Count)
                throw new ArgumentOutOfRangeException(nameof(observedValues), "The number of observed values must equal the number of modeled values.");

            int n = observedValues.Count;

            // First pass: compute means
            double sumObs = 0d;
            double sumMod = 0d;
            for (int i = 0; i < n; i++)
            {
                sumObs += observedValues[i];
                sumMod += modeledValues[i];
            }
            double obsMean = sumObs / n;
            double modMean = sumMod / n;

            // Second pass: compute standard deviations and correlation
            double varObs = 0d;
            double varMod = 0d;
            double covariance = 0d;

            for (int i = 0; i < n; i++)
            {
                double obsDeviation = observedValues[i] - obsMean;
                double modDeviation = modeledValues[i] - modMean;

                varObs += obsDeviation * obsDeviation;
                varMod += modDeviation * modDeviation;
                covariance += obsDeviation * modDeviation;
            }

            // Use sample standard deviation (N-1)
            double obsStdDev = Math.Sqrt(varObs / (n - 1));
            double modStdDev = Math.Sqrt(varMod / (n - 1));

            // Check for degenerate cases (zero variance)
            if (obsStdDev < double.Epsilon || modStdDev < double.Epsilon)
            {
                // Return a very poor KGE' value instead of NaN
                return -10.0;
            }

            // Correlation coefficient
            double r = covariance / (n - 1) / (obsStdDev * modStdDev);

            // Compute gamma (coefficient of variation ratio)
            double cvObs = obsStdDev / obsMean;
            double cvMod = modStdDev / modMean;
            double gamma = cvMod / cvObs;

            // Compute beta (bias ratio)
            double beta = modMean / obsMean;

            // Compute KGE'
            double ed = Math.Sqrt(Tools.Sqr(r - 1.0) + Tools.Sqr(gamma - 1.0) + Tools.Sqr(beta - 1.0));
            return 1.0 - ed;
        }

        [Differentiable]
        public static double PBIAS(IList<double> observedValues, IList<double> modeledValues)
        {
            // Check if the lists are the same size
            if (observedValues.Count != modeledValues.Count)
                throw new ArgumentOutOfRangeException(nameof(observedValues), "The number of observed values must equal the number of modeled values.");

            int n = observedValues.Count;
            double sumDiff = 0d;
            double sumObs = 0d;

            for (int i = 0; i < n; i++)
            {
                sumDiff += modeledValues[i] - observedValues[i];
                sumObs += observedValues[i];
            }

            return 100.0 * sumDiff / sumObs;
        }

        [Differentiable]
        public static double RSR(IList<double> observedValues, IList<double> modeledValues)
        {
            // Check if the lists are the same size
            if (observedValues.Count != modeledValues.Count)
                throw new ArgumentOutOfRangeException(nameof(observedValues), "The number of observed values must equal the number of modeled values.");

            int n = observedValues.Count;

            // Single pass to compute RMSE and mean of observed
            double sse = 0d;
            double sumObs = 0d;
            for (int i = 0; i < n; i++)
            {
                sse += Tools.Sqr(modeledValues[i] - observedValues[i]);
                sumObs += observedValues[i];
            }

            double rmse = Math.Sqrt(sse / n);
            double obsMean = sumObs / n;

            // Second pass to compute standard deviation
            double variance = 0d;
            for (int i = 0; i < n; i++)
            {
                variance += Tools.Sqr(observedValues[i] - obsMean);
            }
            double stdDev = Math.Sqrt(variance / n);

            return rmse / stdDev;
        }

        [Differentiable]
        public static double RSquared(IList<double> observedValues, IList<double> modeledValues)
        {
            // Check if the lists are the same size
            if (observedValues.Count != modeledValues.Count)
                throw new ArgumentOutOfRangeException(nameof(observedValues), "The number of observed values must equal the number of modeled values.");

            var corr = Correlation.Pearson(observedValues, modeledValues);
            return corr * corr;
        }

        [Differentiable]
        public static double IndexOfAgreement(IList<double> observedValues, IList<double> modeledValues)
        {
            // Check if the lists are the same size
            if (observedValues.Count != modeledValues.Count)
                throw new ArgumentOutOfRangeException(nameof(observedValues), "The number of observed values must equal the number of modeled values.");

            int n = observedValues.Count;
            double observedMean = Statistics.Mean(observedValues);

            double numerator = 0d;
            double denominator = 0d;

            for (int i = 0; i < n; i++)
            {
                numerator += Tools.Sqr(modeledValues[i] - observedValues[i]);
                denominator += Tools.Sqr(Math.Abs(modeledValues[i] - observedMean) + Math.Abs(observedValues[i] - observedMean));
            }

            return 1.0 - (numerator / denominator);
        }

        [Differentiable]
        public static double ModifiedIndexOfAgreement(IList<double> observedValues, IList<double> modeledValues)
        {
            // Check if the lists are the same size
            if (observedValues.Count != modeledValues.Count)
                throw new ArgumentOutOfRangeException(nameof(observedValues), "The number of observed values must equal the number of modeled values.");

            int n = observedValues.Count;
            double observedMean = Statistics.Mean(observedValues);

            double numerator = 0d;
            double denominator = 0d;

            for (int i = 0; i < n; i++)
            {
                numerator += Math.Abs(modeledValues[i] - observedValues[i]);
                denominator += Math.Abs(modeledValues[i] - observedMean) + Math.Abs(observedValues[i] - observedMean);
            }

            return 1.0 - (numerator / denominator);
        }

        [Differentiable]
        public static double RefinedIndexOfAgreement(IList<double> observedValues, IList<double> modeledValues)
        {
            // Check if the lists are the same size
            if (observedValues.Count != modeledValues.Count)
                throw new ArgumentOutOfRangeException(nameof(observedValues), "The number of observed values must equal the number of modeled values.");

            int n = observedValues.Count;
            double observedMean = Statistics.Mean(observedValues);

            double sumAbsError = 0d;
            double sumAbsDeviation = 0d;

            for (int i = 0; i < n; i++)
            {
                sumAbsError += Math.Abs(modeledValues[i] - observedValues[i]);
                sumAbsDeviation += Math.Abs(observedValues[i] - observedMean);
            }

            double c = 2.0 * sumAbsDeviation;

            if (sumAbsError <= c)
            {
                return 1.0 - (sumAbsError / c);
            }
            else
            {
                return (c / sumAbsError) - 1.0;
            }
        }

        [Differentiable]
        public static double VolumetricEfficiency(IList<double> observedValues, IList<double> modeledValues)
        {
            // Check if the lists are the same size
            if (observedValues.Count != modeledValues.Count)
                throw new ArgumentOutOfRangeException(nameof(observedValues), "The number of observed values must equal the number of modeled values.");

            int n = observedValues.Count;
            double sumAbsError = 0d;
            double sumAbsObserved = 0d;

            for (int i = 0; i < n; i++)
            {
                sumAbsError += Math.Abs(modeledValues[i] - observedValues[i]);
                sumAbsObserved += Math.Abs(observedValues[i]);
            }

            // Check for zero denominator
            if (Math.Abs(sumAbsObserved) < double.Epsilon)
                throw new ArgumentException("VE cannot be calculated when sum of absolute observed values is zero.", nameof(observedValues));

            return 1.0 - (sumAbsError / sumAbsObserved);
        }
    }
}
