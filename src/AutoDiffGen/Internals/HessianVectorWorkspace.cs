using System;
using System.ComponentModel;
using System.Globalization;

namespace AutoDiffGen.Internals
{
    /// <summary>
    /// The workspace of one running generated <c>…HessianVector</c> method: the Hessian–vector product H·v without
    /// the n × n matrix. Every value that depends on the inputs carries its gradient g (n entries), its directional
    /// derivative d = g·v, and the product of its Hessian with v, w = H v (n entries): O(n) memory and work per
    /// operation instead of the dense Hessian's O(n²). The kernels have the names and arguments of
    /// <see cref="HessianWorkspace"/>'s, so both methods are one generated program. Called by generated code only.
    /// </summary>
    /// <remarks>
    /// For z = f(a, b): g_z = f_a g_a + f_b g_b, d_z = f_a d_a + f_b d_b, and
    /// w_z = f_a w_a + f_b w_b + (f_aa d_a + f_ab d_b) g_a + (f_ab d_a + f_bb d_b) g_b, which is H_z v expanded.
    /// Each kernel reads every input before it writes, entry by entry, so z may be a or b.
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class HessianVectorWorkspace
    {
        [ThreadStatic]
        private static HessianVectorWorkspace? t_free;

        private double[] _data = new double[0];
        private double[] _direction = new double[0];
        private int _n;
        private int _stride;

        private HessianVectorWorkspace()
        {
        }

        /// <summary>Takes this thread's workspace (or a new one) with zeroed slots, for the direction <paramref name="direction"/>.</summary>
        /// <param name="n">The number of differentiable scalars.</param>
        /// <param name="slots">How many values carry derivatives at once.</param>
        /// <param name="direction">v, of length n (checked by <see cref="CheckLengths"/>).</param>
        public static HessianVectorWorkspace Enter(int n, int slots, ReadOnlySpan<double> direction)
        {
            var w = Take(n, slots);
            direction.CopyTo(w._direction);
            return w;
        }

        /// <inheritdoc cref="Enter(int, int, ReadOnlySpan{double})"/>
        public static HessianVectorWorkspace Enter(int n, int slots, ReadOnlySpan<float> direction)
        {
            var w = Take(n, slots);
            for (int i = 0; i < n; i++) w._direction[i] = direction[i];
            return w;
        }

        private static HessianVectorWorkspace Take(int n, int slots)
        {
            var w = t_free ?? new HessianVectorWorkspace();
            t_free = null;
            long stride = 2L * n + 1;
            long size = stride * Math.Max(slots, 1);
            if (size > 0x7FFFFFC7L) throw new ArgumentException("The Hessian-vector product's workspace exceeds the largest array.", nameof(n));
            w._n = n;
            w._stride = (int)stride;
            if (w._data.Length < size) w._data = new double[size];
            else Array.Clear(w._data, 0, (int)size);
            if (w._direction.Length < n) w._direction = new double[n];
            return w;
        }

        /// <summary>Gives the workspace back to this thread for the next call.</summary>
        public void Exit() => t_free = this;

        /// <summary>Checks the direction and the output: both of length n, before any work.</summary>
        /// <param name="directionLength">v's length.</param>
        /// <param name="productLength">The output's length.</param>
        /// <param name="n">The number of differentiable scalars.</param>
        /// <exception cref="ArgumentException">A length is not n.</exception>
        public static void CheckLengths(int directionLength, int productLength, int n)
        {
            if (directionLength != n) Throw("direction", directionLength, n);
            if (productLength != n) Throw("hessianVector", productLength, n);
        }

        private static void Throw(string name, int length, int n) =>
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "'{0}' has length {1}, but the method has {2} differentiable scalars.", name, length, n), name);

        private int G(int slot) => slot * _stride;

        private int D(int slot) => slot * _stride + _n;

        private int W(int slot) => slot * _stride + _n + 1;

        /// <summary>An input: g = e_index, d = v[index], w = 0.</summary>
        /// <param name="slot">The input's slot.</param>
        /// <param name="index">The input's position among the differentiable scalars.</param>
        public void Seed(int slot, int index)
        {
            if ((uint)index >= (uint)_n) throw new IndexOutOfRangeException();
            Array.Clear(_data, slot * _stride, _stride);
            _data[G(slot) + index] = 1;
            _data[D(slot)] = _direction[index];
        }

        /// <summary>A value that does not depend on the inputs here.</summary>
        public void Clear(int slot) => Array.Clear(_data, slot * _stride, _stride);

        /// <summary>z = a.</summary>
        public void Copy(int z, int a)
        {
            if (z != a) Array.Copy(_data, a * _stride, _data, z * _stride, _stride);
        }

        /// <summary>z = f(a).</summary>
        public void Unary(int z, int a, double fa, double faa)
        {
            var x = _data;
            int n = _n, ga = G(a), wa = W(a), gz = G(z), wz = W(z);
            double da = x[D(a)];
            double c = faa * da;
            for (int i = 0; i < n; i++)
            {
                double g = x[ga + i];
                x[wz + i] = fa * x[wa + i] + c * g;
                x[gz + i] = fa * g;
            }
            x[D(z)] = fa * da;
        }

        /// <summary>z = f(a, b).</summary>
        public void Binary(int z, int a, int b, double fa, double fb, double faa, double fab, double fbb)
        {
            var x = _data;
            int n = _n, ga = G(a), gb = G(b), wa = W(a), wb = W(b), gz = G(z), wz = W(z);
            double da = x[D(a)], db = x[D(b)];
            double ca = faa * da + fab * db, cb = fab * da + fbb * db;
            for (int i = 0; i < n; i++)
            {
                double gai = x[ga + i], gbi = x[gb + i];
                x[wz + i] = fa * x[wa + i] + fb * x[wb + i] + ca * gai + cb * gbi;
                x[gz + i] = fa * gai + fb * gbi;
            }
            x[D(z)] = fa * da + fb * db;
        }

        /// <summary>z = f(a, b, c) (FusedMultiplyAdd, Lerp, Clamp); z may be one of the inputs.</summary>
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
            var x = _data;
            int n = _n, ga = G(a), gb = G(b), gc = G(c), wa = W(a), wb = W(b), wc = W(c), gz = G(z), wz = W(z);
            double da = x[D(a)], db = x[D(b)], dc = x[D(c)];
            double ca = faa * da + fab * db + fac * dc, cb = fab * da + fbb * db + fbc * dc, cc = fac * da + fbc * db + fcc * dc;
            for (int i = 0; i < n; i++)
            {
                double gai = x[ga + i], gbi = x[gb + i], gci = x[gc + i];
                x[wz + i] = fa * x[wa + i] + fb * x[wb + i] + fc * x[wc + i] + ca * gai + cb * gbi + cc * gci;
                x[gz + i] = fa * gai + fb * gbi + fc * gci;
            }
            x[D(z)] = fa * da + fb * db + fc * dc;
        }

        /// <summary>Writes H·v of the result.</summary>
        public void Write(int slot, Span<double> hessianVector) => new ReadOnlySpan<double>(_data, W(slot), _n).CopyTo(hessianVector);

        /// <summary>Writes H·v of the result, rounded to float.</summary>
        public void Write(int slot, Span<float> hessianVector)
        {
            for (int i = 0; i < _n; i++) hessianVector[i] = (float)_data[W(slot) + i];
        }
    }
}
