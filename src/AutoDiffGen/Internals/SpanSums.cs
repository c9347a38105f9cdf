using System;
using System.ComponentModel;

namespace AutoDiffGen.Internals
{
    /// <summary>
    /// The sum of a span, in index order. Generated code calls it where one value went into many slots
    /// (<c>Array.Fill(a, v)</c>, <c>span.Fill(v)</c>): the value's adjoint is the sum of those slots' adjoints, and a
    /// sum as one expression lets it be an ordinary contribution of the reverse sweep. Called by generated code only.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class SpanSums
    {
        /// <summary>Σ values[i], from the first element to the last.</summary>
        /// <param name="values">The slots' adjoints.</param>
        /// <returns>Their sum (0 for none).</returns>
        public static double Sum(ReadOnlySpan<double> values)
        {
            double sum = 0.0;
            foreach (double v in values) sum += v;
            return sum;
        }

        /// <summary>Σ values[i], from the first element to the last.</summary>
        /// <param name="values">The slots' adjoints.</param>
        /// <returns>Their sum (0 for none).</returns>
        public static float Sum(ReadOnlySpan<float> values)
        {
            float sum = 0.0f;
            foreach (float v in values) sum += v;
            return sum;
        }
    }
}
