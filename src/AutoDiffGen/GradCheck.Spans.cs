using System;

namespace AutoDiffGen
{
    // Span overloads: the point is copied into an array GradCheck owns, so the caller's span is never written.
    public static partial class GradCheck
    {
        /// <summary>A function of a span of reals, such as a <c>[Differentiable]</c> method with one <c>ReadOnlySpan</c> parameter.</summary>
        /// <typeparam name="T">The real type, <see cref="double"/> or <see cref="float"/>.</typeparam>
        /// <param name="x">The point.</param>
        /// <returns>The function's value.</returns>
        public delegate T SpanFunction<T>(ReadOnlySpan<T> x);

        /// <summary>The shape of a generated Backward of a method of one <c>ReadOnlySpan</c> parameter.</summary>
        /// <typeparam name="T">The real type, <see cref="double"/> or <see cref="float"/>.</typeparam>
        /// <param name="x">The point.</param>
        /// <param name="dX">The adjoint of <paramref name="x"/>, of the same length.</param>
        /// <param name="dResult">The upstream gradient.</param>
        /// <returns>The function's value.</returns>
        public delegate T SpanBackward<T>(ReadOnlySpan<T> x, Span<T> dX, T dResult);

        /// <summary>Compares <paramref name="analyticGradient"/> with the central-difference gradient of a span function at <paramref name="x"/>.</summary>
        /// <param name="f">The function; it must not keep its argument.</param>
        /// <param name="x">The point; copied, never written.</param>
        /// <param name="analyticGradient">The gradient to check, of the same length as <paramref name="x"/>.</param>
        /// <param name="step">The finite-difference step <c>h</c>; positive.</param>
        /// <param name="relTol">The relative tolerance; not negative.</param>
        /// <param name="absTol">The absolute tolerance; not negative.</param>
        /// <returns>The outcome and the worst component.</returns>
        public static GradCheckResult Check(
            SpanFunction<double> f,
            ReadOnlySpan<double> x,
            ReadOnlySpan<double> analyticGradient,
            double step = DefaultStep,
            double relTol = DefaultRelTol,
            double absTol = DefaultAbsTol)
        {
            if (f is null) throw new ArgumentNullException(nameof(f));
            return Check(v => f(v), x.ToArray(), analyticGradient.ToArray(), step, relTol, absTol);
        }

        /// <summary>Runs <paramref name="backward"/> at <paramref name="x"/> (from a zeroed adjoint, <c>dResult = 1</c>) and checks its gradient against central differences of <paramref name="f"/>.</summary>
        /// <param name="f">The function, for example the method group of a <c>[Differentiable]</c> span method.</param>
        /// <param name="backward">Its Backward, for example the method group of the generated <c>…Backward</c>.</param>
        /// <param name="x">The point; copied, never written.</param>
        /// <param name="step">The finite-difference step <c>h</c>; positive.</param>
        /// <param name="relTol">The relative tolerance; not negative.</param>
        /// <param name="absTol">The absolute tolerance; not negative.</param>
        /// <returns>The outcome and the worst component.</returns>
        public static GradCheckResult Check(
            SpanFunction<double> f,
            SpanBackward<double> backward,
            ReadOnlySpan<double> x,
            double step = DefaultStep,
            double relTol = DefaultRelTol,
            double absTol = DefaultAbsTol)
        {
            if (f is null) throw new ArgumentNullException(nameof(f));
            if (backward is null) throw new ArgumentNullException(nameof(backward));
            double[] point = x.ToArray();
            var dX = new double[point.Length];
            backward(point, dX, 1);
            return Check(v => f(v), point, dX, step, relTol, absTol);
        }

        /// <summary>The central-difference gradient of a span function at <paramref name="x"/>.</summary>
        /// <param name="f">The function; it must not keep its argument.</param>
        /// <param name="x">The point; copied, never written.</param>
        /// <param name="step">The finite-difference step <c>h</c>; positive.</param>
        /// <returns>A new array with one partial derivative per component of <paramref name="x"/>.</returns>
        public static double[] NumericGradient(SpanFunction<double> f, ReadOnlySpan<double> x, double step = DefaultStep)
        {
            if (f is null) throw new ArgumentNullException(nameof(f));
            return NumericGradient(v => f(v), x.ToArray(), step);
        }

        /// <summary>Compares <paramref name="analyticGradient"/> with the central-difference gradient of a span function at <paramref name="x"/>.</summary>
        /// <param name="f">The function; it must not keep its argument.</param>
        /// <param name="x">The point; copied, never written.</param>
        /// <param name="analyticGradient">The gradient to check, of the same length as <paramref name="x"/>.</param>
        /// <param name="step">The finite-difference step <c>h</c>; positive.</param>
        /// <param name="relTol">The relative tolerance; not negative.</param>
        /// <param name="absTol">The absolute tolerance; not negative.</param>
        /// <returns>The outcome and the worst component.</returns>
        public static GradCheckResult Check(
            SpanFunction<float> f,
            ReadOnlySpan<float> x,
            ReadOnlySpan<float> analyticGradient,
            double step = DefaultFloatStep,
            double relTol = DefaultFloatRelTol,
            double absTol = DefaultFloatAbsTol)
        {
            if (f is null) throw new ArgumentNullException(nameof(f));
            return Check(v => f(v), x.ToArray(), analyticGradient.ToArray(), step, relTol, absTol);
        }

        /// <summary>Runs <paramref name="backward"/> at <paramref name="x"/> (from a zeroed adjoint, <c>dResult = 1</c>) and checks its gradient against central differences of <paramref name="f"/>.</summary>
        /// <param name="f">The function, for example the method group of a <c>[Differentiable]</c> span method.</param>
        /// <param name="backward">Its Backward, for example the method group of the generated <c>…Backward</c>.</param>
        /// <param name="x">The point; copied, never written.</param>
        /// <param name="step">The finite-difference step <c>h</c>; positive.</param>
        /// <param name="relTol">The relative tolerance; not negative.</param>
        /// <param name="absTol">The absolute tolerance; not negative.</param>
        /// <returns>The outcome and the worst component.</returns>
        public static GradCheckResult Check(
            SpanFunction<float> f,
            SpanBackward<float> backward,
            ReadOnlySpan<float> x,
            double step = DefaultFloatStep,
            double relTol = DefaultFloatRelTol,
            double absTol = DefaultFloatAbsTol)
        {
            if (f is null) throw new ArgumentNullException(nameof(f));
            if (backward is null) throw new ArgumentNullException(nameof(backward));
            float[] point = x.ToArray();
            var dX = new float[point.Length];
            backward(point, dX, 1f);
            return Check(v => f(v), point, dX, step, relTol, absTol);
        }

        /// <summary>The central-difference gradient of a span function at <paramref name="x"/>.</summary>
        /// <param name="f">The function; it must not keep its argument.</param>
        /// <param name="x">The point; copied, never written.</param>
        /// <param name="step">The finite-difference step <c>h</c>; positive.</param>
        /// <returns>A new array with one partial derivative per component of <paramref name="x"/>.</returns>
        public static double[] NumericGradient(SpanFunction<float> f, ReadOnlySpan<float> x, double step = DefaultFloatStep)
        {
            if (f is null) throw new ArgumentNullException(nameof(f));
            return NumericGradient(v => f(v), x.ToArray(), step);
        }

    }
}
