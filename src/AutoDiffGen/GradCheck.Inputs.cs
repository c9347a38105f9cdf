using System;
using System.Collections.Generic;

namespace AutoDiffGen
{
    // Several inputs of any mix: the function is a closure over the caller's arrays, which GradCheck perturbs in place.
    public static partial class GradCheck
    {
        /// <summary>
        /// Checks the gradients of a function of several arrays (and scalars, as one-element arrays) that it reads
        /// through its closure, with the default step and tolerances; for example
        /// <c>GradCheck.Check(() =&gt; Net.Loss(w, b, x), new GradCheckInput("w", w, dW), new GradCheckInput("b", b, dB))</c>.
        /// </summary>
        /// <param name="f">The function; it must read the inputs' arrays and must not modify them.</param>
        /// <param name="inputs">The inputs, each perturbed one component at a time and restored, even when <paramref name="f"/> throws.</param>
        /// <returns>The outcome; components are numbered through the inputs in order and named <c>name[i]</c> in the report.</returns>
        public static GradCheckResult Check(Func<double> f, params GradCheckInput[] inputs) =>
            Check(f, GradCheckTolerance.Default, inputs);

        /// <summary>Checks like <see cref="Check(Func{double}, GradCheckInput[])"/> with the given step and tolerances.</summary>
        /// <param name="f">The function; it must read the inputs' arrays and must not modify them.</param>
        /// <param name="tolerance">The step and tolerances.</param>
        /// <param name="inputs">The inputs.</param>
        /// <returns>The outcome and the worst component.</returns>
        public static GradCheckResult Check(Func<double> f, GradCheckTolerance tolerance, params GradCheckInput[] inputs) =>
            CheckInputs(f, inputs, tolerance.Step, tolerance.RelTol, tolerance.AbsTol);

        internal static GradCheckResult CheckInputs(Func<double> f, IReadOnlyList<GradCheckInput> inputs, double step, double relTol, double absTol)
        {
            if (f is null) throw new ArgumentNullException(nameof(f));
            if (inputs is null) throw new ArgumentNullException(nameof(inputs));
            ValidateStep(step);
            ValidateTolerances(relTol, absTol);

            var analytic = new List<double>();
            var numeric = new List<double>();
            var labels = new List<string>();
            foreach (GradCheckInput input in inputs)
            {
                if (input is null) throw new ArgumentException("An input is null.", nameof(inputs));
                double[] point = input.Point;
                for (int i = 0; i < point.Length; i++)
                {
                    double original = point[i];
                    try
                    {
                        double plus = original + step;
                        double minus = original - step;
                        point[i] = plus;
                        double fPlus = f();
                        point[i] = minus;
                        double fMinus = f();
                        numeric.Add((fPlus - fMinus) / (plus - minus));
                    }
                    finally
                    {
                        point[i] = original;
                    }

                    analytic.Add(input.Gradient[i]);
                    labels.Add(FormattableString.Invariant($"{input.Name}[{i}]"));
                }
            }

            return GradCheckResult.Compare(analytic.ToArray(), numeric.ToArray(), relTol, absTol, labels.ToArray());
        }
    }
}
