using System;

namespace AutoDiffGen
{
    // A function of one or two arrays and its Backward, as method groups (see GradCheck.Scalars.cs for why the
    // delegates spell dResult out).
    public static partial class GradCheck
    {
        /// <summary>The shape of a generated Backward of a method of one real array parameter.</summary>
        /// <typeparam name="T">The real type, <see cref="double"/> or <see cref="float"/>.</typeparam>
        /// <param name="x">The point.</param>
        /// <param name="dX">The adjoint of <paramref name="x"/>, of the same length.</param>
        /// <param name="dResult">The upstream gradient.</param>
        /// <returns>The function's value.</returns>
        public delegate T ArrayBackward<T>(T[] x, T[] dX, T dResult);

        /// <summary>The shape of a generated Backward of a method of two <c>double[]</c> parameters.</summary>
        /// <param name="a">The first array.</param>
        /// <param name="b">The second array.</param>
        /// <param name="dA">The adjoint of <paramref name="a"/>.</param>
        /// <param name="dB">The adjoint of <paramref name="b"/>.</param>
        /// <param name="dResult">The upstream gradient.</param>
        /// <returns>The function's value.</returns>
        public delegate double ArrayPairBackward(double[] a, double[] b, double[] dA, double[] dB, double dResult);

        /// <summary>Runs <paramref name="backward"/> at <paramref name="x"/> (on a copy, from a zeroed adjoint, <c>dResult = 1</c>) and checks its gradient against central differences of <paramref name="f"/>.</summary>
        /// <param name="f">The function; it must not modify or keep its argument.</param>
        /// <param name="backward">Its Backward, for example the method group of a generated <c>…Backward</c>.</param>
        /// <param name="x">The point; perturbed one component at a time and restored afterwards.</param>
        /// <param name="step">The finite-difference step <c>h</c>; positive.</param>
        /// <param name="relTol">The relative tolerance; not negative.</param>
        /// <param name="absTol">The absolute tolerance; not negative.</param>
        /// <returns>The outcome and the worst component.</returns>
        public static GradCheckResult Check(
            Func<double[], double> f,
            ArrayBackward<double> backward,
            double[] x,
            double step = DefaultStep,
            double relTol = DefaultRelTol,
            double absTol = DefaultAbsTol)
        {
            if (f is null) throw new ArgumentNullException(nameof(f));
            if (backward is null) throw new ArgumentNullException(nameof(backward));
            if (x is null) throw new ArgumentNullException(nameof(x));
            var dX = new double[x.Length];
            backward((double[])x.Clone(), dX, 1);
            return Check(f, x, dX, step, relTol, absTol);
        }

        /// <summary>Runs <paramref name="backward"/> at <paramref name="x"/> (on a copy, from a zeroed adjoint, <c>dResult = 1</c>) and checks its gradient against central differences of <paramref name="f"/>.</summary>
        /// <param name="f">The function; it must not modify or keep its argument.</param>
        /// <param name="backward">Its Backward, for example the method group of a generated <c>…Backward</c>.</param>
        /// <param name="x">The point; perturbed one component at a time and restored afterwards.</param>
        /// <param name="step">The finite-difference step <c>h</c>; positive.</param>
        /// <param name="relTol">The relative tolerance; not negative.</param>
        /// <param name="absTol">The absolute tolerance; not negative.</param>
        /// <returns>The outcome and the worst component.</returns>
        public static GradCheckResult Check(
            Func<float[], float> f,
            ArrayBackward<float> backward,
            float[] x,
            double step = DefaultFloatStep,
            double relTol = DefaultFloatRelTol,
            double absTol = DefaultFloatAbsTol)
        {
            if (f is null) throw new ArgumentNullException(nameof(f));
            if (backward is null) throw new ArgumentNullException(nameof(backward));
            if (x is null) throw new ArgumentNullException(nameof(x));
            var dX = new float[x.Length];
            backward((float[])x.Clone(), dX, 1f);
            return Check(f, x, dX, step, relTol, absTol);
        }

        /// <summary>Runs <paramref name="backward"/> at (<paramref name="a"/>, <paramref name="b"/>) and checks both gradients against central differences of <paramref name="f"/>.</summary>
        /// <param name="f">The function; it must not modify or keep its arguments.</param>
        /// <param name="backward">Its Backward.</param>
        /// <param name="a">The first array; perturbed one component at a time and restored afterwards.</param>
        /// <param name="b">The second array; likewise.</param>
        /// <param name="step">The finite-difference step <c>h</c>; positive.</param>
        /// <param name="relTol">The relative tolerance; not negative.</param>
        /// <param name="absTol">The absolute tolerance; not negative.</param>
        /// <returns>The outcome; components are numbered through <paramref name="a"/> then <paramref name="b"/> and named <c>argument 1[i]</c>, <c>argument 2[i]</c>.</returns>
        public static GradCheckResult Check(
            Func<double[], double[], double> f,
            ArrayPairBackward backward,
            double[] a,
            double[] b,
            double step = DefaultStep,
            double relTol = DefaultRelTol,
            double absTol = DefaultAbsTol)
        {
            if (f is null) throw new ArgumentNullException(nameof(f));
            if (backward is null) throw new ArgumentNullException(nameof(backward));
            if (a is null) throw new ArgumentNullException(nameof(a));
            if (b is null) throw new ArgumentNullException(nameof(b));
            var dA = new double[a.Length];
            var dB = new double[b.Length];
            backward((double[])a.Clone(), (double[])b.Clone(), dA, dB, 1);
            return CheckInputs(
                () => f(a, b),
                new[] { new GradCheckInput("argument 1", a, dA), new GradCheckInput("argument 2", b, dB) },
                step,
                relTol,
                absTol);
        }
    }
}
