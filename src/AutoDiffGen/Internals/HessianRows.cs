using System;
using System.ComponentModel;

namespace AutoDiffGen.Internals
{
    /// <summary>
    /// The unit directions of a generated <c>…Hessian</c> method that forms the dense Hessian from n Hessian–vector
    /// products (forward over reverse), row k being H·e_k, and the final symmetrisation. The directions live in an array
    /// the thread keeps between calls, so a steady-state call allocates nothing. Called by generated code only.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class HessianRows
    {
        [ThreadStatic]
        private static HessianRows? t_free;

        private double[] _unit = new double[0];
        private float[] _unitSingle = new float[0];
        private int _one = -1;
        private int _oneSingle = -1;

        private HessianRows()
        {
        }

        /// <summary>Takes this thread's directions (or new ones) for n differentiable scalars.</summary>
        /// <param name="n">The number of differentiable scalars.</param>
        public static HessianRows Enter(int n)
        {
            // A workspace in use (a Hessian computed while another one runs on this thread) is never shared.
            var rows = t_free ?? new HessianRows();
            t_free = null;
            if (rows._unit.Length < n) rows._unit = new double[n];
            return rows;
        }

        /// <summary>Takes this thread's directions for a float method's n differentiable scalars (<see cref="UnitSingle"/>).</summary>
        /// <param name="n">The number of differentiable scalars.</param>
        public static HessianRows EnterSingle(int n)
        {
            var rows = t_free ?? new HessianRows();
            t_free = null;
            if (rows._unitSingle.Length < n) rows._unitSingle = new float[n];
            return rows;
        }

        /// <summary>e_k of length n (the previous direction's 1 is cleared first).</summary>
        /// <param name="k">The row.</param>
        /// <param name="n">The number of differentiable scalars.</param>
        public ReadOnlySpan<double> Unit(int k, int n)
        {
            if (_one >= 0) _unit[_one] = 0;
            _unit[k] = 1;
            _one = k;
            return new ReadOnlySpan<double>(_unit, 0, n);
        }

        /// <summary>e_k of length n in float, for a float method (taken with <see cref="EnterSingle"/>).</summary>
        /// <param name="k">The row.</param>
        /// <param name="n">The number of differentiable scalars.</param>
        public ReadOnlySpan<float> UnitSingle(int k, int n)
        {
            if (_oneSingle >= 0) _unitSingle[_oneSingle] = 0;
            _unitSingle[k] = 1;
            _oneSingle = k;
            return new ReadOnlySpan<float>(_unitSingle, 0, n);
        }

        /// <summary>
        /// Makes the n × n row-major matrix exactly symmetric: each pair of entries takes their mean (they differ by
        /// rounding only, H·e_i and H·e_j being computed apart).
        /// </summary>
        /// <param name="hessian">The matrix.</param>
        /// <param name="n">Its order.</param>
        public static void Symmetrize(Span<double> hessian, int n)
        {
            for (int i = 0; i < n; i++)
            {
                for (int j = i + 1; j < n; j++)
                {
                    double mean = 0.5 * (hessian[i * n + j] + hessian[j * n + i]);
                    hessian[i * n + j] = mean;
                    hessian[j * n + i] = mean;
                }
            }
        }

        /// <summary>The float form of <see cref="Symmetrize(Span{double}, int)"/>: each pair takes its mean, computed in double.</summary>
        /// <param name="hessian">The matrix.</param>
        /// <param name="n">Its order.</param>
        public static void Symmetrize(Span<float> hessian, int n)
        {
            for (int i = 0; i < n; i++)
            {
                for (int j = i + 1; j < n; j++)
                {
                    float mean = (float)(0.5 * ((double)hessian[i * n + j] + hessian[j * n + i]));
                    hessian[i * n + j] = mean;
                    hessian[j * n + i] = mean;
                }
            }
        }

        /// <summary>Gives the directions back to this thread, all zero.</summary>
        public void Exit()
        {
            if (_one >= 0) _unit[_one] = 0;
            _one = -1;
            if (_oneSingle >= 0) _unitSingle[_oneSingle] = 0;
            _oneSingle = -1;
            t_free = this;
        }
    }
}
