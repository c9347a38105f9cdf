using System;
using System.ComponentModel;
using System.Globalization;

namespace AutoDiffGen.Internals
{
    /// <summary>
    /// The workspace of one running generated <c>…Hessian</c> method: second-order forward mode, where every value
    /// that depends on the differentiable inputs carries its gradient g (n entries) and its Hessian H (n × n,
    /// row-major) in a slot of one array. Generated code computes each value as the method does, then updates its
    /// slot from its inputs' slots and the gate's first and second partial derivatives (the kernels below).
    /// Called by generated code only.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The chain rule to second order, for z = f(a, b): g_z = f_a g_a + f_b g_b and
    /// H_z = f_a H_a + f_b H_b + f_aa g_a g_aᵀ + f_ab (g_a g_bᵀ + g_b g_aᵀ) + f_bb g_b g_bᵀ. Each kernel computes H
    /// before g, entry by entry, so z may be the same slot as a or b. Only the upper triangle is computed and then
    /// mirrored, so every Hessian is exactly symmetric.
    /// </para>
    /// <para>
    /// One workspace per thread is kept and reused, so a steady-state call allocates nothing; a call that starts
    /// while another holds it (a method whose body calls, with constant arguments, code that computes a Hessian)
    /// gets a fresh one. Always pair <see cref="Enter"/> with <see cref="Exit"/> in a <c>finally</c> block.
    /// </para>
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class HessianWorkspace
    {
        [ThreadStatic]
        private static HessianWorkspace? t_free;

        private double[] _data = new double[0];
        private int _n;
        private int _stride;

        private HessianWorkspace()
        {
        }

        /// <summary>The number of differentiable scalars.</summary>
        public int N => _n;

        /// <summary>
        /// Takes this thread's workspace (or a new one) with <paramref name="slots"/> zeroed slots for <paramref name="n"/>
        /// differentiable scalars.
        /// </summary>
        /// <param name="n">The number of differentiable scalars.</param>
        /// <param name="slots">How many values carry a gradient and a Hessian at once.</param>
        /// <exception cref="ArgumentException">The workspace would exceed the largest array .NET allows.</exception>
        public static HessianWorkspace Enter(int n, int slots)
        {
            var w = t_free ?? new HessianWorkspace();
            t_free = null;
            long stride = n + (long)n * n;
            long size = stride * Math.Max(slots, 1);
            if (size > 0x7FFFFFC7L)
            {
                throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                    "A Hessian over {0} scalars with {1} intermediate values needs {2} doubles, more than an array can hold: MHessian is meant for small n.", n, slots, size), nameof(n));
            }
            w._n = n;
            w._stride = (int)stride;
            if (w._data.Length < size) w._data = new double[size];
            else Array.Clear(w._data, 0, (int)size);
            return w;
        }

        /// <summary>Gives the workspace back to this thread for the next call.</summary>
        public void Exit() => t_free = this;

        /// <summary>Checks the output's length: n², before any work.</summary>
        /// <param name="hessianLength">The output span's length.</param>
        /// <param name="n">The number of differentiable scalars.</param>
        /// <param name="name">The output parameter's name.</param>
        /// <exception cref="ArgumentException">The length is not n².</exception>
        public static void CheckLength(int hessianLength, int n, string name)
        {
            if ((long)hessianLength != (long)n * n)
            {
                throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                    "'{0}' has length {1}, but the Hessian over the method's {2} differentiable scalars has {2}² = {3} entries.",
                    name, hessianLength, n, (long)n * n), name);
            }
        }

        private Span<double> G(int slot) => new Span<double>(_data, slot * _stride, _n);

        private Span<double> H(int slot) => new Span<double>(_data, slot * _stride + _n, _n * _n);

        /// <summary>An input: the unit gradient e_index and a zero Hessian.</summary>
        /// <param name="slot">The input's slot.</param>
        /// <param name="index">The input's position among the differentiable scalars.</param>
        public void Seed(int slot, int index)
        {
            if ((uint)index >= (uint)_n) throw new IndexOutOfRangeException();
            G(slot).Clear();
            H(slot).Clear();
            G(slot)[index] = 1;
        }

        /// <summary>A value that does not depend on the inputs here: zero gradient and Hessian.</summary>
        /// <param name="slot">Its slot.</param>
        public void Clear(int slot)
        {
            G(slot).Clear();
            H(slot).Clear();
        }

        /// <summary>z = a (a copy, a phi, a float/double conversion).</summary>
        /// <param name="z">The output's slot.</param>
        /// <param name="a">The input's slot.</param>
        public void Copy(int z, int a)
        {
            if (z == a) return;
            new Span<double>(_data, a * _stride, _stride).CopyTo(new Span<double>(_data, z * _stride, _stride));
        }

        /// <summary>z = f(a): H_z = f′ H_a + f″ g_a g_aᵀ, then g_z = f′ g_a.</summary>
        /// <param name="z">The output's slot.</param>
        /// <param name="a">The input's slot.</param>
        /// <param name="fa">f′(a).</param>
        /// <param name="faa">f″(a).</param>
        public void Unary(int z, int a, double fa, double faa)
        {
            int n = _n;
            var ga = G(a);
            var ha = H(a);
            var hz = H(z);
            for (int i = 0; i < n; i++)
            {
                double ri = faa * ga[i];
                int row = i * n;
                for (int j = i; j < n; j++)
                {
                    double v = fa * ha[row + j] + ri * ga[j];
                    hz[row + j] = v;
                    hz[j * n + i] = v;
                }
            }
            var gz = G(z);
            for (int i = 0; i < n; i++) gz[i] = fa * ga[i];
        }

        /// <summary>
        /// z = f(a, b): H_z = f_a H_a + f_b H_b + f_aa g_a g_aᵀ + f_ab (g_a g_bᵀ + g_b g_aᵀ) + f_bb g_b g_bᵀ, then
        /// g_z = f_a g_a + f_b g_b. a and b may be one slot (x * x), and z either of them.
        /// </summary>
        /// <param name="z">The output's slot.</param>
        /// <param name="a">The first input's slot.</param>
        /// <param name="b">The second input's slot.</param>
        /// <param name="fa">∂f/∂a.</param>
        /// <param name="fb">∂f/∂b.</param>
        /// <param name="faa">∂²f/∂a².</param>
        /// <param name="fab">∂²f/∂a∂b.</param>
        /// <param name="fbb">∂²f/∂b².</param>
        public void Binary(int z, int a, int b, double fa, double fb, double faa, double fab, double fbb)
        {
            int n = _n;
            var ga = G(a);
            var gb = G(b);
            var ha = H(a);
            var hb = H(b);
            var hz = H(z);
            for (int i = 0; i < n; i++)
            {
                // Row i of the outer-product terms: (f_aa g_a,i + f_ab g_b,i) g_aᵀ + (f_ab g_a,i + f_bb g_b,i) g_bᵀ.
                double ra = faa * ga[i] + fab * gb[i];
                double rb = fab * ga[i] + fbb * gb[i];
                int row = i * n;
                for (int j = i; j < n; j++)
                {
                    double v = fa * ha[row + j] + fb * hb[row + j] + ra * ga[j] + rb * gb[j];
                    hz[row + j] = v;
                    hz[j * n + i] = v;
                }
            }
            var gz = G(z);
            for (int i = 0; i < n; i++) gz[i] = fa * ga[i] + fb * gb[i];
        }

        /// <summary>
        /// z = f(a, b, c) (FusedMultiplyAdd, Lerp, Clamp): the Hessian first, then the gradient, so z may be one of the inputs.
        /// </summary>
        /// <param name="z">The output's slot.</param>
        /// <param name="a">The first input's slot.</param>
        /// <param name="b">The second input's slot.</param>
        /// <param name="c">The third input's slot.</param>
        /// <param name="fa">∂f/∂a.</param>
        /// <param name="fb">∂f/∂b.</param>
        /// <param name="fc">∂f/∂c.</param>
        /// <param name="faa">∂²f/∂a².</param>
        /// <param name="fab">∂²f/∂a∂b.</param>
        /// <param name="fac">∂²f/∂a∂c.</param>
        /// <param name="fbb">∂²f/∂b².</param>
        /// <param name="fbc">∂²f/∂b∂c.</param>
        /// <param name="fcc">∂²f/∂c².</param>
        public void Ternary(int z, int a, int b, int c, double fa, double fb, double fc, double faa, double fab, double fac, double fbb, double fbc, double fcc)
        {
            int n = _n;
            var ga = G(a);
            var gb = G(b);
            var gc = G(c);
            var ha = H(a);
            var hb = H(b);
            var hc = H(c);
            var hz = H(z);
            for (int i = 0; i < n; i++)
            {
                // Row i of Σ f_pq g_p g_qᵀ, grouped by the right-hand factor.
                double ra = faa * ga[i] + fab * gb[i] + fac * gc[i];
                double rb = fab * ga[i] + fbb * gb[i] + fbc * gc[i];
                double rc = fac * ga[i] + fbc * gb[i] + fcc * gc[i];
                int row = i * n;
                for (int j = i; j < n; j++)
                {
                    double v = fa * ha[row + j] + fb * hb[row + j] + fc * hc[row + j] + ra * ga[j] + rb * gb[j] + rc * gc[j];
                    hz[row + j] = v;
                    hz[j * n + i] = v;
                }
            }
            var gz = G(z);
            for (int i = 0; i < n; i++) gz[i] = fa * ga[i] + fb * gb[i] + fc * gc[i];
        }

        /// <summary>Writes a slot's Hessian into the caller's output (row-major, n × n).</summary>
        /// <param name="slot">The result's slot.</param>
        /// <param name="hessian">The output, of length n².</param>
        public void Write(int slot, Span<double> hessian) => H(slot).CopyTo(hessian);

        /// <summary>Writes a slot's Hessian into the caller's output (row-major, n × n), rounded to float.</summary>
        /// <param name="slot">The result's slot.</param>
        /// <param name="hessian">The output, of length n².</param>
        public void Write(int slot, Span<float> hessian)
        {
            var h = H(slot);
            for (int k = 0; k < h.Length; k++) hessian[k] = (float)h[k];
        }
    }
}
