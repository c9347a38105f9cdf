// Clad test/Gradient/Gradients.C (vgvassilev/clad 4b2c0eef), function by function as a C# user ports it: a C++ reference is
// a ref (or ref readonly) local, a global a static field, a condition on a double a comparison with 0 (C# has no
// double-to-bool), a declaration in a condition a local before it, const on a parameter nothing, a template argument a
// const, static_assert a Debug.Assert, Clad's custom pullback a [DerivativeOf] method. f_add1 … f_if2 repeat
// Sources/Gradient.cs's Basic only in name (Basic's are "in the style of"); here they are Clad's bodies as written.
// Clad's CHECK-EXEC values are checked exactly by CladExpectedValuesTests.
#pragma warning disable CS0642 // if (x > 0) ; as the peer test writes it
#pragma warning disable CS0162 // statements after a return (fn_null_stmts), as the peer test writes it
#pragma warning disable CS0219 // f_issue138's _t1, as the peer test writes it
using System;
using System.Diagnostics;
using AutoDiffGen;

namespace PeerSuite
{
    public partial struct GradientsS
    {
        public double c1;
        public double c2;
        [Differentiable]
        public double f(double x, double y)
        {
            return c1 * x + c2 * y;
        }
    }

    public static partial class CladGradients
    {
        [Differentiable] public static double f_add1(double x, double y) { return x + y; }
        [Differentiable] public static double f_add2(double x, double y) { return 3 * x + 4 * y; }
        [Differentiable] public static double f_add3(double x, double y) { return 3 * x + 4 * y * 4; }
        [Differentiable] public static double f_sub1(double x, double y) { return x - y; }
        [Differentiable] public static double f_sub2(double x, double y) { return 3 * x - 4 * y; }
        [Differentiable] public static double f_mult1(double x, double y) { return x * y; }
        [Differentiable] public static double f_mult2(double x, double y) { return 3 * x * 4 * y; }
        [Differentiable] public static double f_div1(double x, double y) { return x / y; }
        [Differentiable] public static double f_div2(double x, double y) { return 3 * x / (4 * y); }
        [Differentiable] public static double f_div3(double x, double y) { return (x = y) / (y * y); }
        [Differentiable] public static double f_c(double x, double y) { return -x * y + (x + y) * (x / y) - x * x; }
        [Differentiable] public static double f_rosenbrock(double x, double y) { return (x - 1) * (x - 1) + 100 * (y - x * x) * (y - x * x); }
        [Differentiable] public static double f_cond1(double x, double y) { return (x > y ? x : y); }
        [Differentiable] public static double f_cond2(double x, double y) { return (x > y ? x : (y > 0 ? y : -y)); }
        [Differentiable] public static double f_cond3(double x, double c) { return (c > 0 ? x + c : x - c); }

        [Differentiable]
        public static double f_cond4(double x, double y)
        {
            int i = 0;
            double[] arr = { x, y };
            if (x > 0)
            {
                y = arr[i] * x;
            }
            return y;
        }

        [Differentiable]
        public static double f_if1(double x, double y)
        {
            if (x > y)
                return x;
            else
                return y;
        }

        [Differentiable]
        public static double f_if2(double x, double y)
        {
            if (x > y)
                return x;
            else if (y > 0)
                return y;
            else
                return -y;
        }

        // Not [Differentiable]: Clad uses the custom pullback below (a C# user marks only the derivative).
        public static double sum_of_powers(double x, double y, double z, double p)
        {
            return Math.Pow(x, p) + Math.Pow(y, p) + Math.Pow(z, p);
        }

        // Clad's custom pullback of sum_of_powers (pow_pushforward(x, p, 1, 0) is p·x^(p−1), (x, p, 0, 1) is x^p·ln x).
        [DerivativeOf(nameof(sum_of_powers))]
        public static double sum_of_powersBackward(double x, double y, double z, double p, ref double dX, ref double dY, ref double dZ, ref double dP, double dResult = 1)
        {
            dX += p * Math.Pow(x, p - 1) * dResult;
            dP += Math.Pow(x, p) * Math.Log(x) * dResult;
            dY += p * Math.Pow(y, p - 1) * dResult;
            dP += Math.Pow(y, p) * Math.Log(y) * dResult;
            dZ += p * Math.Pow(z, p - 1) * dResult;
            dP += Math.Pow(z, p) * Math.Log(z) * dResult;
            return sum_of_powers(x, y, z, p);
        }

        [Differentiable]
        public static double f_norm(double x, double y, double z, double d)
        {
            return Math.Pow(sum_of_powers(x, y, z, d), 1 / d);
        }

        [Differentiable]
        public static double f_pow_zero(double x, double y)
        {
            return Math.Pow(x, y);
        }

        [Differentiable]
        public static double f_sin(double x, double y)
        {
            return (Math.Sin(x) + Math.Sin(y)) * (x + y);
        }

        [Differentiable]
        public static uint f_types(int x, float y, double z)
        {
            return (uint)(x + y + z);
        }

        [Differentiable]
        public static double f_decls1(double x, double y)
        {
            double a = 3 * x;
            double b = 5 * y;
            double c = a + b;
            return 2 * c;
        }

        [Differentiable]
        public static double f_decls2(double x, double y)
        {
            double a = x * x;
            double b = x * y;
            double c = y * y;
            return a + 2 * b + c;
        }

        [Differentiable]
        public static double f_decls3(double x, double y)
        {
            double a = 3 * x;
            double c = 333 * y;
            if (x > 1)
                return 2 * a;
            else if (x < -1)
                return -2 * a;
            double b = a * a;
            return b;
        }

        [Differentiable]
        public static double f_issue138(double x, double y)
        {
            double _t1 = 1; // expect it not to collide with _t*
            return x * x * x * x + y * y * y * y;
        }

        [Differentiable]
        public static double f_const(double a, double b)
        {
            return a * b;
        }

        [Differentiable]
        public static double f_const_reference(double i, double j)
        {
            double a = i;
            ref readonly double ar = ref a;
            double res = 2 * ar;
            return res;
        }

        [Differentiable]
        public static double f_const02(double i, double j)
        {
            double a = i;
            double res = a;
            return res;
        }

        [Differentiable]
        public static float running_sum(float[] p, int n)
        {
            for (int i = 1; i < n; i++)
            {
                p[i] += p[i - 1];
            }
            return p[n - 1];
        }

        public static double global = 7;

        [Differentiable]
        public static double fn_global_var_use(double i, double j)
        {
            ref double @ref = ref global;
            return @ref * i;
        }

        [Differentiable]
        public static double fn_increment_in_return(double i, double j)
        {
            double temp = i;
            return (++i) * temp; // (i+1)*i
        }

        // template<size_t N> fn_template_non_type, instantiated with N = 15.
        private const int N = 15;

        [Differentiable]
        public static double fn_template_non_type(double x)
        {
            const int maxN = 53;
            const int m = maxN < N ? maxN : N;
            return x * m;
        }

        [Differentiable]
        public static double fn_div(double x)
        {
            return -0.5 / x;
        }

        [Differentiable]
        public static double fn_cond_decl(double x, double y)
        {
            int flag = 1;
            int cond = flag;
            if (cond != 0)
                return y * y;
            return x * x + y * y;
        } // = y^2

        [Differentiable]
        public static double fn_cond_side_eff(double x)
        {
            if ((x += x) != 0)
            {
                return x;
            }
            return x;
        } // = 2x

        [Differentiable]
        public static double fn_cond_init(double x)
        {
            int a = 12;
            if (a <= 0)
            {
                return x + x * x;
            }
            return x;
        } // = x

        [Differentiable]
        public static double fn_null_stmts(double x)
        {
            return x;
            ;
            ;
        } // = x

        [Differentiable]
        public static double fn_const_cond_op(double x)
        {
            return x + (x > 0 ? 1.0 : 0.0);
        }

        [Differentiable]
        public static double fn_empty_if_block(double x)
        {
            double res = 0;
            if (x > 0)
                ;
            return res;
        }

        [Differentiable]
        public static double fn_empty_if_else(double x)
        {
            double res = 0;
            if ((res = 0) != 0)
                ;
            else
            {
                res = 5 * x;
            }
            return res;
        }

        [Differentiable]
        public static double fn_cond_false(double i, double j)
        {
            double res = 0;
            if (i * j != 0 && res > 0)
            {
                res = 6 * i * j;
            }
            return res;
        }

        [Differentiable]
        public static double fn_cond_add_assign(double i, double j)
        {
            double res = 0;
            if ((res = 2 * i * j) != 0 && (res += 3 * i * j) != 0 && (res += 5 * i * j) != 0)
            {
                res += 6 * i * j;
            }
            return res;
        }

        [Differentiable]
        public static double f_mult3(double i, double j)
        {
            i = (i + j) * (i < 10 ? i : j);
            return i;
        }

        [Differentiable]
        public static double f_const_denom(double x, double y)
        {
            const double m = 0.5;
            return x * y / m;
        }

        [Differentiable]
        public static double f_ref_in_rhs(double x, double y)
        {
            if (x != 55)
            {
                ref double ref_x = ref x;
                ref double ref_y = ref y;
                return ref_y * (ref_x + y);
            }
            return 1;
        }

        public static double glob1 = 5;

        [Differentiable]
        public static double g(double a, double b)
        {
            glob1 = b;
            return a;
        }

        [Differentiable]
        public static double f_reuse_global(double x, double t)
        {
            t = g(t, x);
            glob1 *= t;
            return -glob1;
        } // -x * t

        [Differentiable]
        public static double f_static_assert(double x, double y)
        {
            Debug.Assert(sizeof(double) == 8, "unexpected double size");
            return x + y;
        }

        [Differentiable]
        public static double f_infinity(double x, double y)
        {
            const double inf = double.PositiveInfinity;
            if (x < inf)
                return y;
            return x + y;
        }
    }
}
