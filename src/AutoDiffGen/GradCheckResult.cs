using System;
using System.Collections.Generic;
using System.Globalization;

namespace AutoDiffGen
{
    /// <summary>The outcome of a <see cref="GradCheck"/>: whether it passed, and its worst component.</summary>
    /// <remarks>
    /// The worst component is the one furthest outside its tolerance: the one with the largest
    /// <c>min(|err| / absTol, rel / relTol)</c>, a NaN counting as the worst possible. A component passes
    /// exactly when that score is at most 1. When every component passes it is still reported as the worst one:
    /// the component nearest its tolerance.
    /// </remarks>
    public sealed class GradCheckResult
    {
        private readonly double[] _analytic;
        private readonly double[] _numeric;
        private readonly string[]? _labels;

        private GradCheckResult(double[] analytic, double[] numeric, double relTol, double absTol, string[]? labels)
        {
            _analytic = analytic;
            _numeric = numeric;
            _labels = labels;
            RelTol = relTol;
            AbsTol = absTol;
            WorstIndex = -1;

            double worstScore = double.NegativeInfinity;
            for (int i = 0; i < analytic.Length; i++)
            {
                double absError = Math.Abs(analytic[i] - numeric[i]);
                double relError = RelativeError(analytic[i], numeric[i], absError);
                // NaN fails both comparisons, so a NaN component always fails.
                bool passed = absError <= absTol || relError <= relTol;
                if (!passed)
                {
                    FailedCount++;
                }

                double score = Math.Min(Ratio(absError, absTol), Ratio(relError, relTol));
                if (double.IsNaN(score))
                {
                    score = double.PositiveInfinity;
                }

                if (score > worstScore)
                {
                    worstScore = score;
                    WorstIndex = i;
                    WorstAnalytic = analytic[i];
                    WorstNumeric = numeric[i];
                    WorstAbsError = absError;
                    WorstRelError = relError;
                }
            }
        }

        /// <summary>Whether every component is within tolerance.</summary>
        public bool Passed => FailedCount == 0;

        /// <summary>The number of components that are outside both tolerances.</summary>
        public int FailedCount { get; }

        /// <summary>The number of components checked.</summary>
        public int ComponentCount => _analytic.Length;

        /// <summary>The index of the worst component, or -1 when there are no components.</summary>
        public int WorstIndex { get; }

        /// <summary>
        /// The input and index of the worst component, such as <c>w[3]</c> or <c>argument 2</c>, when the overload
        /// that ran the check knows them; otherwise null.
        /// </summary>
        public string? WorstLabel => WorstIndex >= 0 && _labels is not null ? _labels[WorstIndex] : null;

        /// <summary>The analytic gradient at <see cref="WorstIndex"/>.</summary>
        public double WorstAnalytic { get; }

        /// <summary>The numeric gradient at <see cref="WorstIndex"/>.</summary>
        public double WorstNumeric { get; }

        /// <summary>The absolute error <c>|analytic − numeric|</c> at <see cref="WorstIndex"/>.</summary>
        public double WorstAbsError { get; }

        /// <summary>The relative error <c>|analytic − numeric| / max(|analytic|, |numeric|)</c> at <see cref="WorstIndex"/>; 0 when both are 0.</summary>
        public double WorstRelError { get; }

        /// <summary>The relative tolerance the check used.</summary>
        public double RelTol { get; }

        /// <summary>The absolute tolerance the check used.</summary>
        public double AbsTol { get; }

        /// <summary>The analytic gradient that was checked (a copy, widened to double).</summary>
        public IReadOnlyList<double> Analytic => _analytic;

        /// <summary>The central-difference gradient.</summary>
        public IReadOnlyList<double> Numeric => _numeric;

        /// <summary>Throws a <see cref="GradCheckException"/> with <see cref="ToString"/> as its message when the check failed.</summary>
        /// <exception cref="GradCheckException">The check failed.</exception>
        public void ThrowIfFailed()
        {
            if (!Passed)
            {
                throw new GradCheckException(this);
            }
        }

        /// <summary>
        /// A one-line report in the invariant culture, for example
        /// <c>gradient check FAILED: component 3 analytic 0.39 numeric 0.3932 |err| 3.2e-3 rel 8.1e-3 (tolerance rel 1e-6, abs 1e-8); 1 of 5 components failed</c>.
        /// </summary>
        /// <returns>The report.</returns>
        public override string ToString()
        {
            string tolerance = string.Format(CultureInfo.InvariantCulture, "(tolerance rel {0}, abs {1})", Tolerance(RelTol), Tolerance(AbsTol));
            if (WorstIndex < 0)
            {
                return "gradient check passed: no components " + tolerance;
            }

            string worst = string.Format(
                CultureInfo.InvariantCulture,
                "component {0}{1} analytic {2} numeric {3} |err| {4} rel {5} {6}",
                WorstIndex,
                WorstLabel is null ? string.Empty : " (" + WorstLabel + ")",
                Value(WorstAnalytic),
                Value(WorstNumeric),
                Error(WorstAbsError),
                Error(WorstRelError),
                tolerance);
            return Passed
                ? string.Format(CultureInfo.InvariantCulture, "gradient check passed ({0} component{1}); worst: {2}", ComponentCount, ComponentCount == 1 ? string.Empty : "s", worst)
                : string.Format(CultureInfo.InvariantCulture, "gradient check FAILED: {0}; {1} of {2} component{3} failed", worst, FailedCount, ComponentCount, ComponentCount == 1 ? string.Empty : "s");
        }

        internal static GradCheckResult Compare(double[] analytic, double[] numeric, double relTol, double absTol, string[]? labels = null) =>
            new GradCheckResult(analytic, numeric, relTol, absTol, labels);

        private static double RelativeError(double analytic, double numeric, double absError)
        {
            double scale = Math.Max(Math.Abs(analytic), Math.Abs(numeric));
            // Both exactly zero is a perfect match, not 0/0.
            return scale == 0 && absError == 0 ? 0 : absError / scale;
        }

        private static double Ratio(double error, double tolerance) =>
            error == 0 ? 0 : error / tolerance;

        // Enough digits to see where two close values differ, without a wall of noise.
        private static string Value(double value) => value.ToString("G7", CultureInfo.InvariantCulture);

        private static string Error(double value) => value.ToString("0.0e0", CultureInfo.InvariantCulture);

        private static string Tolerance(double value) => value.ToString("0.##e0", CultureInfo.InvariantCulture);
    }
}
