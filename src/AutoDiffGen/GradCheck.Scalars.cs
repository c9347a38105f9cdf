using System;

namespace AutoDiffGen
{
    // A function of one to five scalars and its Backward, as method groups: a generated Backward's default dResult
    // does not stop the conversion to these delegates, which spell the dResult parameter out. Each comes for
    // double and for float (with float's looser default step and tolerances).
    public static partial class GradCheck
    {
        /// <summary>The shape of a generated Backward of a method of 1 real parameter (<see cref="double"/> or <see cref="float"/>): it returns the value and adds <c>dResult · ∂f/∂p</c> into each adjoint.</summary>
        /// <typeparam name="T">The real type.</typeparam>
        /// <param name="x">Parameter 1.</param>
        /// <param name="dX">The adjoint of <paramref name="x"/>.</param>
        /// <param name="dResult">The upstream gradient.</param>
        /// <returns>The function's value.</returns>
        public delegate T ScalarBackward1<T>(T x, ref T dX, T dResult);

        /// <summary>The shape of a generated Backward of a method of 2 real parameters (<see cref="double"/> or <see cref="float"/>): it returns the value and adds <c>dResult · ∂f/∂p</c> into each adjoint.</summary>
        /// <typeparam name="T">The real type.</typeparam>
        /// <param name="x">Parameter 1.</param>
        /// <param name="y">Parameter 2.</param>
        /// <param name="dX">The adjoint of <paramref name="x"/>.</param>
        /// <param name="dY">The adjoint of <paramref name="y"/>.</param>
        /// <param name="dResult">The upstream gradient.</param>
        /// <returns>The function's value.</returns>
        public delegate T ScalarBackward2<T>(T x, T y, ref T dX, ref T dY, T dResult);

        /// <summary>The shape of a generated Backward of a method of 3 real parameters (<see cref="double"/> or <see cref="float"/>): it returns the value and adds <c>dResult · ∂f/∂p</c> into each adjoint.</summary>
        /// <typeparam name="T">The real type.</typeparam>
        /// <param name="x">Parameter 1.</param>
        /// <param name="y">Parameter 2.</param>
        /// <param name="z">Parameter 3.</param>
        /// <param name="dX">The adjoint of <paramref name="x"/>.</param>
        /// <param name="dY">The adjoint of <paramref name="y"/>.</param>
        /// <param name="dZ">The adjoint of <paramref name="z"/>.</param>
        /// <param name="dResult">The upstream gradient.</param>
        /// <returns>The function's value.</returns>
        public delegate T ScalarBackward3<T>(T x, T y, T z, ref T dX, ref T dY, ref T dZ, T dResult);

        /// <summary>The shape of a generated Backward of a method of 4 real parameters (<see cref="double"/> or <see cref="float"/>): it returns the value and adds <c>dResult · ∂f/∂p</c> into each adjoint.</summary>
        /// <typeparam name="T">The real type.</typeparam>
        /// <param name="x">Parameter 1.</param>
        /// <param name="y">Parameter 2.</param>
        /// <param name="z">Parameter 3.</param>
        /// <param name="u">Parameter 4.</param>
        /// <param name="dX">The adjoint of <paramref name="x"/>.</param>
        /// <param name="dY">The adjoint of <paramref name="y"/>.</param>
        /// <param name="dZ">The adjoint of <paramref name="z"/>.</param>
        /// <param name="dU">The adjoint of <paramref name="u"/>.</param>
        /// <param name="dResult">The upstream gradient.</param>
        /// <returns>The function's value.</returns>
        public delegate T ScalarBackward4<T>(T x, T y, T z, T u, ref T dX, ref T dY, ref T dZ, ref T dU, T dResult);

        /// <summary>The shape of a generated Backward of a method of 5 real parameters (<see cref="double"/> or <see cref="float"/>): it returns the value and adds <c>dResult · ∂f/∂p</c> into each adjoint.</summary>
        /// <typeparam name="T">The real type.</typeparam>
        /// <param name="x">Parameter 1.</param>
        /// <param name="y">Parameter 2.</param>
        /// <param name="z">Parameter 3.</param>
        /// <param name="u">Parameter 4.</param>
        /// <param name="v">Parameter 5.</param>
        /// <param name="dX">The adjoint of <paramref name="x"/>.</param>
        /// <param name="dY">The adjoint of <paramref name="y"/>.</param>
        /// <param name="dZ">The adjoint of <paramref name="z"/>.</param>
        /// <param name="dU">The adjoint of <paramref name="u"/>.</param>
        /// <param name="dV">The adjoint of <paramref name="v"/>.</param>
        /// <param name="dResult">The upstream gradient.</param>
        /// <returns>The function's value.</returns>
        public delegate T ScalarBackward5<T>(T x, T y, T z, T u, T v, ref T dX, ref T dY, ref T dZ, ref T dU, ref T dV, T dResult);

        /// <summary>
        /// Runs <paramref name="backward"/> at the point with <c>dResult = 1</c> from zeroed adjoints and compares its gradient
        /// with the central-difference gradient of <paramref name="f"/>, for example <c>GradCheck.Check(Gates.F, Gates.FBackward, -2)</c>.
        /// </summary>
        /// <param name="f">The function.</param>
        /// <param name="backward">Its Backward.</param>
        /// <param name="x">Coordinate 1 of the point.</param>
        /// <param name="tolerance">The step and tolerances; <see cref="GradCheckTolerance.Default"/> when null.</param>
        /// <returns>The outcome; components are named <c>argument 1</c>, <c>argument 2</c>, … in the report.</returns>
        public static GradCheckResult Check(Func<double, double> f, ScalarBackward1<double> backward, double x, GradCheckTolerance? tolerance = null)
        {
            if (f is null) throw new ArgumentNullException(nameof(f));
            if (backward is null) throw new ArgumentNullException(nameof(backward));
            double dX = 0;
            backward(x, ref dX, 1);
            return CheckScalars(v => f(v[0]), new[] { x }, new[] { dX }, tolerance ?? GradCheckTolerance.Default);
        }

        /// <summary>
        /// Runs <paramref name="backward"/> at the point with <c>dResult = 1</c> from zeroed adjoints and compares its gradient
        /// with the central-difference gradient of <paramref name="f"/>, for example <c>GradCheck.Check(Gates.F, Gates.FBackward, -2, 5)</c>.
        /// </summary>
        /// <param name="f">The function.</param>
        /// <param name="backward">Its Backward.</param>
        /// <param name="x">Coordinate 1 of the point.</param>
        /// <param name="y">Coordinate 2 of the point.</param>
        /// <param name="tolerance">The step and tolerances; <see cref="GradCheckTolerance.Default"/> when null.</param>
        /// <returns>The outcome; components are named <c>argument 1</c>, <c>argument 2</c>, … in the report.</returns>
        public static GradCheckResult Check(Func<double, double, double> f, ScalarBackward2<double> backward, double x, double y, GradCheckTolerance? tolerance = null)
        {
            if (f is null) throw new ArgumentNullException(nameof(f));
            if (backward is null) throw new ArgumentNullException(nameof(backward));
            double dX = 0; double dY = 0;
            backward(x, y, ref dX, ref dY, 1);
            return CheckScalars(v => f(v[0], v[1]), new[] { x, y }, new[] { dX, dY }, tolerance ?? GradCheckTolerance.Default);
        }

        /// <summary>
        /// Runs <paramref name="backward"/> at the point with <c>dResult = 1</c> from zeroed adjoints and compares its gradient
        /// with the central-difference gradient of <paramref name="f"/>, for example <c>GradCheck.Check(Gates.F, Gates.FBackward, -2, 5, -4)</c>.
        /// </summary>
        /// <param name="f">The function.</param>
        /// <param name="backward">Its Backward.</param>
        /// <param name="x">Coordinate 1 of the point.</param>
        /// <param name="y">Coordinate 2 of the point.</param>
        /// <param name="z">Coordinate 3 of the point.</param>
        /// <param name="tolerance">The step and tolerances; <see cref="GradCheckTolerance.Default"/> when null.</param>
        /// <returns>The outcome; components are named <c>argument 1</c>, <c>argument 2</c>, … in the report.</returns>
        public static GradCheckResult Check(Func<double, double, double, double> f, ScalarBackward3<double> backward, double x, double y, double z, GradCheckTolerance? tolerance = null)
        {
            if (f is null) throw new ArgumentNullException(nameof(f));
            if (backward is null) throw new ArgumentNullException(nameof(backward));
            double dX = 0; double dY = 0; double dZ = 0;
            backward(x, y, z, ref dX, ref dY, ref dZ, 1);
            return CheckScalars(v => f(v[0], v[1], v[2]), new[] { x, y, z }, new[] { dX, dY, dZ }, tolerance ?? GradCheckTolerance.Default);
        }

        /// <summary>
        /// Runs <paramref name="backward"/> at the point with <c>dResult = 1</c> from zeroed adjoints and compares its gradient
        /// with the central-difference gradient of <paramref name="f"/>, for example <c>GradCheck.Check(Gates.F, Gates.FBackward, -2, 5, -4, 1)</c>.
        /// </summary>
        /// <param name="f">The function.</param>
        /// <param name="backward">Its Backward.</param>
        /// <param name="x">Coordinate 1 of the point.</param>
        /// <param name="y">Coordinate 2 of the point.</param>
        /// <param name="z">Coordinate 3 of the point.</param>
        /// <param name="u">Coordinate 4 of the point.</param>
        /// <param name="tolerance">The step and tolerances; <see cref="GradCheckTolerance.Default"/> when null.</param>
        /// <returns>The outcome; components are named <c>argument 1</c>, <c>argument 2</c>, … in the report.</returns>
        public static GradCheckResult Check(Func<double, double, double, double, double> f, ScalarBackward4<double> backward, double x, double y, double z, double u, GradCheckTolerance? tolerance = null)
        {
            if (f is null) throw new ArgumentNullException(nameof(f));
            if (backward is null) throw new ArgumentNullException(nameof(backward));
            double dX = 0; double dY = 0; double dZ = 0; double dU = 0;
            backward(x, y, z, u, ref dX, ref dY, ref dZ, ref dU, 1);
            return CheckScalars(v => f(v[0], v[1], v[2], v[3]), new[] { x, y, z, u }, new[] { dX, dY, dZ, dU }, tolerance ?? GradCheckTolerance.Default);
        }

        /// <summary>
        /// Runs <paramref name="backward"/> at the point with <c>dResult = 1</c> from zeroed adjoints and compares its gradient
        /// with the central-difference gradient of <paramref name="f"/>, for example <c>GradCheck.Check(Gates.F, Gates.FBackward, -2, 5, -4, 1, 3)</c>.
        /// </summary>
        /// <param name="f">The function.</param>
        /// <param name="backward">Its Backward.</param>
        /// <param name="x">Coordinate 1 of the point.</param>
        /// <param name="y">Coordinate 2 of the point.</param>
        /// <param name="z">Coordinate 3 of the point.</param>
        /// <param name="u">Coordinate 4 of the point.</param>
        /// <param name="v">Coordinate 5 of the point.</param>
        /// <param name="tolerance">The step and tolerances; <see cref="GradCheckTolerance.Default"/> when null.</param>
        /// <returns>The outcome; components are named <c>argument 1</c>, <c>argument 2</c>, … in the report.</returns>
        public static GradCheckResult Check(Func<double, double, double, double, double, double> f, ScalarBackward5<double> backward, double x, double y, double z, double u, double v, GradCheckTolerance? tolerance = null)
        {
            if (f is null) throw new ArgumentNullException(nameof(f));
            if (backward is null) throw new ArgumentNullException(nameof(backward));
            double dX = 0; double dY = 0; double dZ = 0; double dU = 0; double dV = 0;
            backward(x, y, z, u, v, ref dX, ref dY, ref dZ, ref dU, ref dV, 1);
            return CheckScalars(v => f(v[0], v[1], v[2], v[3], v[4]), new[] { x, y, z, u, v }, new[] { dX, dY, dZ, dU, dV }, tolerance ?? GradCheckTolerance.Default);
        }

        /// <summary>
        /// Runs <paramref name="backward"/> at the point with <c>dResult = 1</c> from zeroed adjoints and compares its gradient
        /// with the central-difference gradient of <paramref name="f"/>, for example <c>GradCheck.Check(Gates.F, Gates.FBackward, -2)</c>.
        /// </summary>
        /// <param name="f">The function.</param>
        /// <param name="backward">Its Backward.</param>
        /// <param name="x">Coordinate 1 of the point.</param>
        /// <param name="tolerance">The step and tolerances; <see cref="GradCheckTolerance.DefaultFloat"/> when null.</param>
        /// <returns>The outcome; components are named <c>argument 1</c>, <c>argument 2</c>, … in the report.</returns>
        public static GradCheckResult Check(Func<float, float> f, ScalarBackward1<float> backward, float x, GradCheckTolerance? tolerance = null)
        {
            if (f is null) throw new ArgumentNullException(nameof(f));
            if (backward is null) throw new ArgumentNullException(nameof(backward));
            float dX = 0;
            backward(x, ref dX, 1f);
            return CheckScalars(v => f(v[0]), new[] { x }, new[] { dX }, tolerance ?? GradCheckTolerance.DefaultFloat);
        }

        /// <summary>
        /// Runs <paramref name="backward"/> at the point with <c>dResult = 1</c> from zeroed adjoints and compares its gradient
        /// with the central-difference gradient of <paramref name="f"/>, for example <c>GradCheck.Check(Gates.F, Gates.FBackward, -2, 5)</c>.
        /// </summary>
        /// <param name="f">The function.</param>
        /// <param name="backward">Its Backward.</param>
        /// <param name="x">Coordinate 1 of the point.</param>
        /// <param name="y">Coordinate 2 of the point.</param>
        /// <param name="tolerance">The step and tolerances; <see cref="GradCheckTolerance.DefaultFloat"/> when null.</param>
        /// <returns>The outcome; components are named <c>argument 1</c>, <c>argument 2</c>, … in the report.</returns>
        public static GradCheckResult Check(Func<float, float, float> f, ScalarBackward2<float> backward, float x, float y, GradCheckTolerance? tolerance = null)
        {
            if (f is null) throw new ArgumentNullException(nameof(f));
            if (backward is null) throw new ArgumentNullException(nameof(backward));
            float dX = 0; float dY = 0;
            backward(x, y, ref dX, ref dY, 1f);
            return CheckScalars(v => f(v[0], v[1]), new[] { x, y }, new[] { dX, dY }, tolerance ?? GradCheckTolerance.DefaultFloat);
        }

        /// <summary>
        /// Runs <paramref name="backward"/> at the point with <c>dResult = 1</c> from zeroed adjoints and compares its gradient
        /// with the central-difference gradient of <paramref name="f"/>, for example <c>GradCheck.Check(Gates.F, Gates.FBackward, -2, 5, -4)</c>.
        /// </summary>
        /// <param name="f">The function.</param>
        /// <param name="backward">Its Backward.</param>
        /// <param name="x">Coordinate 1 of the point.</param>
        /// <param name="y">Coordinate 2 of the point.</param>
        /// <param name="z">Coordinate 3 of the point.</param>
        /// <param name="tolerance">The step and tolerances; <see cref="GradCheckTolerance.DefaultFloat"/> when null.</param>
        /// <returns>The outcome; components are named <c>argument 1</c>, <c>argument 2</c>, … in the report.</returns>
        public static GradCheckResult Check(Func<float, float, float, float> f, ScalarBackward3<float> backward, float x, float y, float z, GradCheckTolerance? tolerance = null)
        {
            if (f is null) throw new ArgumentNullException(nameof(f));
            if (backward is null) throw new ArgumentNullException(nameof(backward));
            float dX = 0; float dY = 0; float dZ = 0;
            backward(x, y, z, ref dX, ref dY, ref dZ, 1f);
            return CheckScalars(v => f(v[0], v[1], v[2]), new[] { x, y, z }, new[] { dX, dY, dZ }, tolerance ?? GradCheckTolerance.DefaultFloat);
        }

        /// <summary>
        /// Runs <paramref name="backward"/> at the point with <c>dResult = 1</c> from zeroed adjoints and compares its gradient
        /// with the central-difference gradient of <paramref name="f"/>, for example <c>GradCheck.Check(Gates.F, Gates.FBackward, -2, 5, -4, 1)</c>.
        /// </summary>
        /// <param name="f">The function.</param>
        /// <param name="backward">Its Backward.</param>
        /// <param name="x">Coordinate 1 of the point.</param>
        /// <param name="y">Coordinate 2 of the point.</param>
        /// <param name="z">Coordinate 3 of the point.</param>
        /// <param name="u">Coordinate 4 of the point.</param>
        /// <param name="tolerance">The step and tolerances; <see cref="GradCheckTolerance.DefaultFloat"/> when null.</param>
        /// <returns>The outcome; components are named <c>argument 1</c>, <c>argument 2</c>, … in the report.</returns>
        public static GradCheckResult Check(Func<float, float, float, float, float> f, ScalarBackward4<float> backward, float x, float y, float z, float u, GradCheckTolerance? tolerance = null)
        {
            if (f is null) throw new ArgumentNullException(nameof(f));
            if (backward is null) throw new ArgumentNullException(nameof(backward));
            float dX = 0; float dY = 0; float dZ = 0; float dU = 0;
            backward(x, y, z, u, ref dX, ref dY, ref dZ, ref dU, 1f);
            return CheckScalars(v => f(v[0], v[1], v[2], v[3]), new[] { x, y, z, u }, new[] { dX, dY, dZ, dU }, tolerance ?? GradCheckTolerance.DefaultFloat);
        }

        /// <summary>
        /// Runs <paramref name="backward"/> at the point with <c>dResult = 1</c> from zeroed adjoints and compares its gradient
        /// with the central-difference gradient of <paramref name="f"/>, for example <c>GradCheck.Check(Gates.F, Gates.FBackward, -2, 5, -4, 1, 3)</c>.
        /// </summary>
        /// <param name="f">The function.</param>
        /// <param name="backward">Its Backward.</param>
        /// <param name="x">Coordinate 1 of the point.</param>
        /// <param name="y">Coordinate 2 of the point.</param>
        /// <param name="z">Coordinate 3 of the point.</param>
        /// <param name="u">Coordinate 4 of the point.</param>
        /// <param name="v">Coordinate 5 of the point.</param>
        /// <param name="tolerance">The step and tolerances; <see cref="GradCheckTolerance.DefaultFloat"/> when null.</param>
        /// <returns>The outcome; components are named <c>argument 1</c>, <c>argument 2</c>, … in the report.</returns>
        public static GradCheckResult Check(Func<float, float, float, float, float, float> f, ScalarBackward5<float> backward, float x, float y, float z, float u, float v, GradCheckTolerance? tolerance = null)
        {
            if (f is null) throw new ArgumentNullException(nameof(f));
            if (backward is null) throw new ArgumentNullException(nameof(backward));
            float dX = 0; float dY = 0; float dZ = 0; float dU = 0; float dV = 0;
            backward(x, y, z, u, v, ref dX, ref dY, ref dZ, ref dU, ref dV, 1f);
            return CheckScalars(v => f(v[0], v[1], v[2], v[3], v[4]), new[] { x, y, z, u, v }, new[] { dX, dY, dZ, dU, dV }, tolerance ?? GradCheckTolerance.DefaultFloat);
        }

        private static GradCheckResult CheckScalars(Func<double[], double> f, double[] point, double[] analytic, GradCheckTolerance tolerance)
        {
            ValidateTolerances(tolerance.RelTol, tolerance.AbsTol);
            return GradCheckResult.Compare(analytic, NumericGradient(f, point, tolerance.Step), tolerance.RelTol, tolerance.AbsTol, ArgumentLabels(point.Length));
        }

        private static GradCheckResult CheckScalars(Func<float[], float> f, float[] point, float[] analytic, GradCheckTolerance tolerance)
        {
            ValidateTolerances(tolerance.RelTol, tolerance.AbsTol);
            double[] numeric = NumericGradient(f, point, tolerance.Step);
            return GradCheckResult.Compare(Array.ConvertAll(analytic, a => (double)a), numeric, tolerance.RelTol, tolerance.AbsTol, ArgumentLabels(point.Length));
        }

        private static string[] ArgumentLabels(int count)
        {
            var labels = new string[count];
            for (int i = 0; i < labels.Length; i++)
            {
                labels[i] = FormattableString.Invariant($"argument {i + 1}");
            }

            return labels;
        }
    }
}
