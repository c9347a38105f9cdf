// Clad's regression tests (vgvassilev/clad 4b2c0eef, test/Regressions: issue-767, 1283, 1298, 1473, 1682, 1736, 1793,
// 1799, 1804, 1865, 1931, 1941, 1955, null-tangent-pointer-arithmetic.cpp; 1298's struct-returning helper is left out:
// the judge cannot call a method returning a struct), as a C# user ports them: a pointer into an
// array that is offset, stepped or reassigned is a span (xlArr + 1 is xlArr.AsSpan(1)) or an int index, a C++ reference a
// ref local, a union a struct with explicit layout, a struct returned by value a struct, std::lower_bound
// Array.BinarySearch. Each was a wrong gradient or a crash in Clad; here each must be right or an ADG error.
#pragma warning disable CS0219 // issue-1682's unused locals, as the peer test writes them
using System;
using System.Runtime.InteropServices;
using AutoDiffGen;

namespace PeerSuite
{
    public struct Issue1283Struct { public double val; }

    [StructLayout(LayoutKind.Explicit)]
    public struct Issue1473U
    {
        [FieldOffset(0)] public double f;
        [FieldOffset(0)] public long i;
    }

    public static partial class CladRegressions
    {
        // issue-767
        [Differentiable]
        public static double fn767(double u, double v)
        {
            double res = 0;
            for (int i = 0; i < 2; ++i)
            {
                if ((i & 1) != 0)
                {
                    ref double @ref = ref u;
                    res += @ref;
                }
            }
            return res;
        }

        // issue-1283
        [Differentiable]
        public static double fn1283(double a)
        {
            double result = 0;
            for (int i = 0; i < 3; ++i)
            {
                Issue1283Struct s;
                s.val = a * (i + 1);
                result += s.val;
            }
            return result;
        }

        // issue-1473 (a union)
        [Differentiable]
        public static double f2_1473(double j)
        {
            Issue1473U u = new Issue1473U { f = 1.0 };
            u.f = j;
            return u.f;
        }

        // issue-1682
        [Differentiable]
        public static double f0_1682(double x)
        {
            int index = 10 % 3;
            string func = nameof(f0_1682);
            object? ptr = null;
            return x * x;
        }

        // issue-1736
        [Differentiable]
        public static double f1736(double[] @params, double[] obs)
        {
            double res = 0.0;
            double t1 = @params[0] + @params[1];
            for (int i = 0; i < (int)obs[0]; ++i)
            {
                res += t1 * obs[i + 1];
            }
            return res;
        }

        // issue-1793
        public static int rawBinNumber(double x, double[] boundaries, int nBoundaries)
        {
            int end = nBoundaries;
            int it = Array.BinarySearch(boundaries, 0, nBoundaries, x);
            if (it < 0) it = ~it;
            while (0 != it && (end == it || end == it + 1 || x < boundaries[it]))
                --it;
            return it;
        }

        [Differentiable]
        public static double roo_codegen_0(double[] @params, [NoDiff] double[] obs, [NoDiff] double[] xlArr)
        {
            double @out = 0.0;
            double[] t23 = { 1.0 + @params[0], 1.0 + @params[1], 1.0 + @params[2], 1.0 + @params[3], 1.0 + @params[4] };
            for (int i = 0; i < 5; ++i)
            {
                double t215 = t23[rawBinNumber(obs[i], xlArr, 5)];
                @out += t215;
            }
            return @out;
        }

        // issue-1799
        [Differentiable]
        public static double gauss_shifted_mean(double[] @params, double[] obs)
        {
            double[] x = { obs[0], @params[0] - @params[1], @params[2] };
            double arg = x[0] - x[1];
            double sig = x[2];
            return Math.Exp(-0.5 * arg * arg / (sig * sig));
        }

        [Differentiable]
        public static double gaussian_numeric_int(double[] @params)
        {
            double output = 0.0;
            double[] t6 = new double[1];
            {
                const int n = 100;
                const double d = 4 - -4;
                const double eps = d / n;
                for (int i = 0; i < n; ++i)
                {
                    t6[0] = -4 + eps * i;
                    double tmpA = gauss_shifted_mean(@params, t6);
                    t6[0] = -4 + eps * (i + 1);
                    double tmpB = gauss_shifted_mean(@params, t6);
                    output += (tmpA + tmpB) * 0.5 * eps;
                }
            }
            return output;
        }

        [Differentiable]
        public static double gauss_point(double[] @params, double x)
        {
            double[] obs = { x };
            return gauss_shifted_mean(@params, obs);
        }

        [Differentiable]
        public static double gaussian_numeric_int_no_braces(double[] @params)
        {
            double output = 0.0;
            const int n = 16;
            double eps = (4 - -4) / (double)n;
            for (int i = 0; i < n; ++i)
                output += gauss_point(@params, -4 + eps * i);
            return output;
        }

        // issue-1804
        [Differentiable]
        public static double f_inner(double[] @params, double[] obs)
        {
            double arg = (obs[0] - @params[1]) / @params[2];
            return arg * arg;
        }

        [Differentiable] public static double f_outer(double[] @params, double[] obs) { return f_inner(@params, obs) + @params[0]; }
        [Differentiable] public static double g_inner(double[] @params, double[] obs) { return obs[0] * @params[0]; }
        [Differentiable] public static double g_outer(double[] @params, double[] obs) { return g_inner(@params, obs); }

        [Differentiable]
        public static double h_inner(double[] @params, double[] obs)
        {
            ReadOnlySpan<double> q = obs;
            double[] buf = { @params[0] };
            ReadOnlySpan<double> p = buf;
            double s = q[0] * @params[0];
            for (int i = 0; i < 2; ++i)
            {
                s += p[0] * @params[0];
                p = obs;
            }
            return s;
        }

        // issue-1865
        [Differentiable]
        public static double inline_divisor_3(double[] p)
        {
            double a = p[0], s = 0.0;
            for (int i = 0; i < 3; ++i)
            {
                double x = i + 1.0;
                s += 1.0 / (x + a * a);
            }
            return s;
        }

        [Differentiable]
        public static double named_quotient_4(double[] p)
        {
            double a = p[0], s = 0.0;
            for (int i = 0; i < 4; ++i)
            {
                double x = i + 1.0;
                double r = 1.0 / (x + a * a);
                s += r;
            }
            return s;
        }

        // issue-1931
        [Differentiable]
        public static double helper1931(int n, double[] x)
        {
            double result = 0.0;
            for (int i = 0; i < n; ++i)
                result += x[i] * x[i];
            return result;
        }

        [Differentiable]
        public static double fn1931(double[] @params)
        {
            double sum = 0.0;
            for (int i = 0; i < 3; i++)
            {
                double[] arr = { @params[0], @params[1] };
                sum += helper1931(2, arr);
            }
            return sum;
        }

        // issue-1941
        [Differentiable] public static double compound_index(double x, double[] c, int i) { return (x + 1.0) * c[i * 2] * (x + 1.0); }
        [Differentiable] public static float compound_index_f(float x, float[] c, int i) { return (x + 1.0F) * c[i * 2] * (x + 1.0F); }
        [Differentiable] public static double nested_products(double x, double[] c, int i) { return ((x * x + 1.0) * c[i * 2]) * ((x + 3.0) * c[i * 2 + 1]) * (x + 1.0); }
        [Differentiable] public static double mixed_div(double x, double[] c, int i) { return (x + 1.0) / c[i * 2] * (x + 1.0) / c[i * 2 + 1]; }

        [Differentiable]
        public static double multi_var(double x, double[] c, int n)
        {
            double result = 0.0;
            for (int i = 0; i < n; ++i)
                for (int j = 0; j < n; ++j)
                    result += (x - c[i]) * c[i * n + j] * (x - c[j]);
            return result;
        }

        // issue-1955
        [Differentiable]
        public static double ptr_alias(double[] @params, double[] xlArr)
        {
            ReadOnlySpan<double> t = xlArr;
            return @params[0] * @params[0] * t[0] + @params[0] * @params[1] * t[1];
        }

        [Differentiable]
        public static double ref_alias(double[] @params, double[] xlArr)
        {
            ref readonly double a = ref xlArr[0];
            double b = 3.0;
            return @params[0] * @params[0] * a * b;
        }

        [Differentiable]
        public static double loop_alias(double[] @params, double[] xlArr)
        {
            double sum = 0.0;
            for (int i = 0; i < 2; i++)
            {
                uint idx = (uint)i;
                ReadOnlySpan<double> t = xlArr.AsSpan((int)(1 * idx));
                sum += @params[0] * @params[0] * t[0];
            }
            return sum;
        }

        [Differentiable]
        public static double ref_to_literal(double[] @params)
        {
            double r = 5.0;
            return @params[0] * r;
        }

        // null-tangent-pointer-arithmetic.cpp
        [Differentiable]
        public static double indexed(double[] @params, double[] xlArr)
        {
            ReadOnlySpan<double> q = xlArr.AsSpan(1);
            return @params[0] * @params[0] * q[0] + @params[0] * @params[1] * xlArr[0];
        }

        [Differentiable]
        public static double deref(double[] @params, double[] xlArr)
        {
            uint i = 1;
            return @params[0] * @params[0] * xlArr[0 + i];
        }

        [Differentiable] public static double deref_arith(double[] @params, double[] xlArr) { return deref(@params, xlArr); }

        [Differentiable]
        public static double advanced(double[] @params, double[] xlArr)
        {
            int q = 0;
            q += 1;
            return @params[0] * @params[0] * xlArr[q];
        }

        [Differentiable] public static double compound_ptr(double[] @params, double[] xlArr) { return advanced(@params, xlArr); }

        [Differentiable]
        public static double stepped(double[] @params, double[] xlArr)
        {
            int q = 0;
            q++;
            return @params[0] * @params[0] * xlArr[q];
        }

        [Differentiable] public static double incr_ptr(double[] @params, double[] xlArr) { return stepped(@params, xlArr); }

        [Differentiable] public static double leaf(ReadOnlySpan<double> v) { return v[0]; }

        [Differentiable]
        public static double forwarded_arith(double[] @params, double[] xlArr)
        {
            return @params[0] * @params[0] * leaf(xlArr.AsSpan(1));
        }

        [Differentiable] public static double pass_arith(double[] @params, double[] xlArr) { return forwarded_arith(@params, xlArr); }

        [Differentiable]
        public static double stepped_read(double[] x)
        {
            int q;
            q = 0;
            return x[q += 1];
        }

        [Differentiable] public static double step_read(double[] x) { return stepped_read(x); }

        [Differentiable]
        public static double stepped_read_post(double[] x)
        {
            int q;
            q = 0;
            return x[q++];
        }
    }
}
