using System;

namespace AutoDiffGen
{
    /// <summary>
    /// Checks an analytic gradient, such as one a generated <c>…Backward</c> method returns, against central
    /// finite differences of the function itself.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Component <c>i</c> of the numeric gradient is <c>(f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h</c>. A component passes
    /// when its absolute error <c>|a − n|</c> is at most <c>absTol</c> or its relative error
    /// <c>|a − n| / max(|a|, |n|)</c> is at most <c>relTol</c>; the check passes when every component does.
    /// A NaN or infinite component never passes.
    /// </para>
    /// <para>
    /// The function receives <c>x</c> itself with one component perturbed; it must not modify or keep the
    /// array. <c>x</c> is restored after each evaluation, even when the function throws.
    /// </para>
    /// </remarks>
    /// <example>
    /// <code>
    /// double[] x = { -2, 5, -4 };
    /// double dx = 0, dy = 0, dz = 0;
    /// Gates.FBackward(x[0], x[1], x[2], ref dx, ref dy, ref dz);
    /// GradCheck.Check(v => Gates.F(v[0], v[1], v[2]), x, new[] { dx, dy, dz }).ThrowIfFailed();
    ///
    /// // Or hand GradCheck the method and its generated Backward as method groups: it runs Backward itself.
    /// GradCheck.Check(Gates.F, Gates.FBackward, -2, 5, -4).ThrowIfFailed();
    /// </code>
    /// Other overloads take a span function and its <c>Span</c> Backward, an array function and its Backward, two
    /// arrays, or a closure over several inputs (<see cref="Check(Func{double}, GradCheckInput[])"/>).
    /// </example>
    public static partial class GradCheck
    {
        /// <summary>The default finite-difference step for <see cref="double"/> functions.</summary>
        public const double DefaultStep = 1e-6;

        /// <summary>The default relative tolerance for <see cref="double"/> functions.</summary>
        public const double DefaultRelTol = 1e-6;

        /// <summary>The default absolute tolerance for <see cref="double"/> functions.</summary>
        public const double DefaultAbsTol = 1e-8;

        /// <summary>The default finite-difference step for <see cref="float"/> functions.</summary>
        /// <remarks>Larger than for double: with float's 24-bit mantissa a tiny step leaves only rounding noise.</remarks>
        public const double DefaultFloatStep = 1e-3;

        /// <summary>The default relative tolerance for <see cref="float"/> functions.</summary>
        public const double DefaultFloatRelTol = 1e-2;

        /// <summary>The default absolute tolerance for <see cref="float"/> functions.</summary>
        public const double DefaultFloatAbsTol = 1e-3;

        /// <summary>Compares <paramref name="analyticGradient"/> with the central-difference gradient of <paramref name="f"/> at <paramref name="x"/>.</summary>
        /// <param name="f">The function; it must not modify or keep its argument.</param>
        /// <param name="x">The point; perturbed one component at a time and restored afterwards.</param>
        /// <param name="analyticGradient">The gradient to check, of the same length as <paramref name="x"/>.</param>
        /// <param name="step">The finite-difference step <c>h</c>; positive.</param>
        /// <param name="relTol">The relative tolerance; not negative.</param>
        /// <param name="absTol">The absolute tolerance; not negative.</param>
        /// <returns>The outcome and the worst component; see <see cref="GradCheckResult.ToString"/>.</returns>
        public static GradCheckResult Check(
            Func<double[], double> f,
            double[] x,
            double[] analyticGradient,
            double step = DefaultStep,
            double relTol = DefaultRelTol,
            double absTol = DefaultAbsTol)
        {
            ValidateTolerances(relTol, absTol);
            CheckLengths(x, analyticGradient);
            double[] numeric = NumericGradient(f, x, step);
            return GradCheckResult.Compare((double[])analyticGradient.Clone(), numeric, relTol, absTol);
        }

        /// <summary>Compares <paramref name="analyticGradient"/> with the central-difference gradient of a <see cref="float"/> function.</summary>
        /// <param name="f">The function; it must not modify or keep its argument.</param>
        /// <param name="x">The point; perturbed one component at a time and restored afterwards.</param>
        /// <param name="analyticGradient">The gradient to check, of the same length as <paramref name="x"/>.</param>
        /// <param name="step">The finite-difference step <c>h</c>; positive.</param>
        /// <param name="relTol">The relative tolerance; not negative.</param>
        /// <param name="absTol">The absolute tolerance; not negative.</param>
        /// <returns>The outcome and the worst component; see <see cref="GradCheckResult.ToString"/>.</returns>
        /// <remarks>The differences are taken in <see cref="double"/>, so only <paramref name="f"/> itself rounds to float.</remarks>
        public static GradCheckResult Check(
            Func<float[], float> f,
            float[] x,
            float[] analyticGradient,
            double step = DefaultFloatStep,
            double relTol = DefaultFloatRelTol,
            double absTol = DefaultFloatAbsTol)
        {
            ValidateTolerances(relTol, absTol);
            CheckLengths(x, analyticGradient);
            double[] numeric = NumericGradient(f, x, step);
            var analytic = new double[analyticGradient.Length];
            for (int i = 0; i < analytic.Length; i++)
            {
                analytic[i] = analyticGradient[i];
            }

            return GradCheckResult.Compare(analytic, numeric, relTol, absTol);
        }

        /// <summary>Checks like <see cref="Check(Func{double[], double}, double[], double[], double, double, double)"/> and throws when the check fails.</summary>
        /// <param name="f">The function; it must not modify or keep its argument.</param>
        /// <param name="x">The point; restored afterwards.</param>
        /// <param name="analyticGradient">The gradient to check.</param>
        /// <param name="step">The finite-difference step.</param>
        /// <param name="relTol">The relative tolerance.</param>
        /// <param name="absTol">The absolute tolerance.</param>
        /// <exception cref="GradCheckException">Some component is outside both tolerances; the message is the report.</exception>
        public static void Assert(
            Func<double[], double> f,
            double[] x,
            double[] analyticGradient,
            double step = DefaultStep,
            double relTol = DefaultRelTol,
            double absTol = DefaultAbsTol) =>
            Check(f, x, analyticGradient, step, relTol, absTol).ThrowIfFailed();

        /// <summary>Checks like <see cref="Check(Func{float[], float}, float[], float[], double, double, double)"/> and throws when the check fails.</summary>
        /// <param name="f">The function; it must not modify or keep its argument.</param>
        /// <param name="x">The point; restored afterwards.</param>
        /// <param name="analyticGradient">The gradient to check.</param>
        /// <param name="step">The finite-difference step.</param>
        /// <param name="relTol">The relative tolerance.</param>
        /// <param name="absTol">The absolute tolerance.</param>
        /// <exception cref="GradCheckException">Some component is outside both tolerances; the message is the report.</exception>
        public static void Assert(
            Func<float[], float> f,
            float[] x,
            float[] analyticGradient,
            double step = DefaultFloatStep,
            double relTol = DefaultFloatRelTol,
            double absTol = DefaultFloatAbsTol) =>
            Check(f, x, analyticGradient, step, relTol, absTol).ThrowIfFailed();

        /// <summary>The central-difference gradient of <paramref name="f"/> at <paramref name="x"/>.</summary>
        /// <param name="f">The function; it must not modify or keep its argument.</param>
        /// <param name="x">The point; perturbed one component at a time and restored afterwards.</param>
        /// <param name="step">The finite-difference step <c>h</c>; positive.</param>
        /// <returns>A new array with one partial derivative per component of <paramref name="x"/>.</returns>
        public static double[] NumericGradient(Func<double[], double> f, double[] x, double step = DefaultStep)
        {
            if (f is null) throw new ArgumentNullException(nameof(f));
            if (x is null) throw new ArgumentNullException(nameof(x));
            ValidateStep(step);

            var gradient = new double[x.Length];
            for (int i = 0; i < x.Length; i++)
            {
                double original = x[i];
                try
                {
                    double plus = original + step;
                    double minus = original - step;
                    x[i] = plus;
                    double fPlus = f(x);
                    x[i] = minus;
                    double fMinus = f(x);
                    // Divide by the step actually taken, not 2h: x ± h rounds, and this cancels that error.
                    gradient[i] = (fPlus - fMinus) / (plus - minus);
                }
                finally
                {
                    x[i] = original;
                }
            }

            return gradient;
        }

        /// <summary>The central-difference gradient of a <see cref="float"/> function at <paramref name="x"/>.</summary>
        /// <param name="f">The function; it must not modify or keep its argument.</param>
        /// <param name="x">The point; perturbed one component at a time and restored afterwards.</param>
        /// <param name="step">The finite-difference step <c>h</c>; positive.</param>
        /// <returns>A new array with one partial derivative per component of <paramref name="x"/>, computed in
        /// <see cref="double"/> so that the difference quotient adds no float rounding of its own.</returns>
        /// <exception cref="ArgumentException"><paramref name="step"/> is too small to change some component of <paramref name="x"/> in float.</exception>
        public static double[] NumericGradient(Func<float[], float> f, float[] x, double step = DefaultFloatStep)
        {
            if (f is null) throw new ArgumentNullException(nameof(f));
            if (x is null) throw new ArgumentNullException(nameof(x));
            ValidateStep(step);

            var gradient = new double[x.Length];
            for (int i = 0; i < x.Length; i++)
            {
                float original = x[i];
                float plus = (float)(original + step);
                float minus = (float)(original - step);
                if (plus == minus)
                {
                    throw new ArgumentException(
                        FormattableString.Invariant($"step {step:G3} does not change x[{i}] = {original:G9} in float; use a larger step."),
                        nameof(step));
                }

                try
                {
                    x[i] = plus;
                    double fPlus = f(x);
                    x[i] = minus;
                    double fMinus = f(x);
                    gradient[i] = (fPlus - fMinus) / ((double)plus - minus);
                }
                finally
                {
                    x[i] = original;
                }
            }

            return gradient;
        }

        private static void CheckLengths(Array x, Array analyticGradient)
        {
            if (x is null) throw new ArgumentNullException(nameof(x));
            if (analyticGradient is null) throw new ArgumentNullException(nameof(analyticGradient));
            if (x.Length != analyticGradient.Length)
            {
                throw new ArgumentException(
                    FormattableString.Invariant($"analyticGradient has {analyticGradient.Length} components but x has {x.Length}."),
                    nameof(analyticGradient));
            }
        }

        private static void ValidateStep(double step)
        {
            // Written so that NaN fails too.
            if (!(step > 0) || double.IsInfinity(step))
            {
                throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be positive and finite.");
            }
        }

        private static void ValidateTolerances(double relTol, double absTol)
        {
            if (!(relTol >= 0)) throw new ArgumentOutOfRangeException(nameof(relTol), relTol, "The tolerance must not be negative.");
            if (!(absTol >= 0)) throw new ArgumentOutOfRangeException(nameof(absTol), absTol, "The tolerance must not be negative.");
        }
    }
}
