// Clad test/Gradient/FunctionCalls.C (vgvassilev/clad 4b2c0eef), function by function as a C# user ports it: every
// helper a differentiated function calls is itself [Differentiable] (as the error for a plain one asks); a C++ reference
// parameter is ref (const& is in), a pointer to one double a ref parameter, a pointer to many an array, a pointer offset
// into an array (w + 1) a span slice, a reference return a ref return, a namespace a static class, a template its one
// instantiation, nullptr null, a custom pullback a [DerivativeOf] method. Clad's custom reverse_forw of custom_identity
// and its custom fn22_grad_1 / inner_function_pullback (the same derivatives as the bodies) have no C# counterpart and
// are left out; new int(x + y) is an int local (C# needs the cast, so fn34 is not checked against Clad's {1, 1}).
// Clad's CHECK-EXEC values are checked exactly by CladExpectedValuesTests.
#pragma warning disable CS0219 // identity's _d_i, as the peer test writes it
using System;
using System.Diagnostics;
using AutoDiffGen;

namespace PeerSuite
{
    public static partial class CladCallsA
    {
        [Differentiable] public static float constantFn(float i) { return 3; }
        [Differentiable] public static double constantFn(double i) { return 3; }
    }

    public static class CladCallsMyStruct
    {
        public static void myFunction() { }
    }

    public static class CladCallsN1
    {
        public static class n2
        {
            public static double sum(in double x, in double y)
            {
                return x + y;
            }

            [DerivativeOf(nameof(sum))]
            public static double sumBackward(in double x, in double y, ref double dX, ref double dY, double dResult = 1)
            {
                dX += dResult;
                dY += dResult;
                return sum(x, y);
            }
        }
    }

    public static partial class CladFunctionCalls
    {
        [Differentiable]
        public static double constantFn(double i)
        {
            return 5;
        }

        [Differentiable]
        public static double fn1(float i)
        {
            float res = CladCallsA.constantFn(i);
            double a = res * i;
            return a;
        }

        [Differentiable]
        public static double modify1(ref double i, ref double j)
        {
            i += j;
            j += j;
            double res = i + j;
            return res;
        }

        [Differentiable]
        public static double fn2(double i, double j)
        {
            double temp = 0;
            temp = modify1(ref i, ref j);
            temp = modify1(ref i, ref j);
            return i;
        }

        [Differentiable]
        public static void update1(ref double i, ref double j)
        {
            i += j;
            j += j;
        }

        [Differentiable]
        public static double fn3(double i, double j)
        {
            update1(ref i, ref j);
            update1(ref i, ref j);
            return i;
        }

        [Differentiable]
        public static float sum(double[] arr, int n)
        {
            float res = 0;
            for (int i = 0; i < n; ++i)
                res += (float)arr[i];
            arr[0] += 10 * arr[0];
            return res;
        }

        [Differentiable]
        public static void twice(ref double d)
        {
            d = 2 * d;
        }

        [Differentiable]
        public static double fn4(double[] arr, int n)
        {
            double res = 0;
            res += sum(arr, n);
            for (int i = 0; i < n; ++i)
            {
                twice(ref arr[i]);
                res += arr[i];
            }
            return res;
        }

        [Differentiable]
        public static double modify2(double[] arr)
        {
            arr[0] = 5 * arr[0] + arr[1];
            return 1;
        }

        [Differentiable]
        public static double fn5(double[] arr, int n)
        {
            double temp = modify2(arr);
            return arr[0];
        }

        [Differentiable]
        public static double fn6(double i = 0, double j = 0)
        {
            return i * j;
        }

        [Differentiable]
        public static ref double identity(ref double i)
        {
            CladCallsMyStruct.myFunction();
            double _d_i = i;
            _d_i += 1;
            return ref i;
        }

        [Differentiable]
        public static ref double custom_identity(ref double i)
        {
            return ref i;
        }

        [Differentiable]
        public static double fn7(double i, double j)
        {
            ref double k = ref identity(ref i);
            ref double l = ref identity(ref j);
            ref double temp = ref custom_identity(ref i);
            k += 7 * j;
            l += 9 * i;
            return i + j + temp;
        }

        [Differentiable]
        public static double check_and_return(double x, char c, string s)
        {
            if (c == 'a' && s[0] == 'a')
                return x;
            return 1;
        }

        [Differentiable]
        public static double fn8(double x, double y)
        {
            return check_and_return(x, 'a', "aa") * y * Math.Tanh(1.0) * Math.Max(1.0, 2.0);
        }

        [Differentiable]
        public static double custom_max(in double a, in double b)
        {
            return a > b ? a : b;
        }

        [Differentiable]
        public static double fn9(double x, double y)
        {
            return custom_max(x * y, y);
        }

        [Differentiable]
        public static double fn10(double x, double y)
        {
            double @out = x;
            @out = Math.Max(@out, 0.0);
            @out = Math.Min(@out, 10.0);
            @out = Math.Clamp(@out, 3.0, 7.0);
            return @out * y;
        }

        [Differentiable]
        public static double fn11(double x, double y)
        {
            return CladCallsN1.n2.sum(x, y);
        }

        [Differentiable]
        public static double do_nothing(double[] u, double[]? v, double[]? w)
        {
            return u[0];
        }

        [Differentiable]
        public static double fn12(double x, double y)
        {
            return do_nothing(new[] { x }, null, null);
        }

        [Differentiable]
        public static double multiply(double[] a, ReadOnlySpan<double> b)
        {
            return a[0] * b[0];
        }

        [Differentiable]
        public static double fn13(double[] x, double[] w)
        {
            double[] wCopy = new double[2];
            for (int i = 0; i < 2; ++i) { wCopy[i] = w[i]; }
            return multiply(x, wCopy.AsSpan(1));
        }

        [Differentiable]
        public static void emptyFn(ref double x, double y) { }

        [Differentiable]
        public static double fn14(double x, double y)
        {
            emptyFn(ref x, y);
            return x + y;
        }

        [Differentiable]
        public static double fn15(double x, double y)
        {
            CladCallsA.constantFn(y += x);
            return y;
        }

        [Differentiable]
        public static double recFun(double x, double y)
        {
            if (x > y)
                return recFun(x - 1, y);
            return x * y;
        }

        [Differentiable]
        public static double fn16(double x, double y)
        {
            return recFun(x, y);
        }

        [Differentiable]
        public static double add(double a, double[] b)
        {
            return a + b[0];
        }

        [Differentiable]
        public static double fn17(double x, double[] y)
        {
            x = add(x, y);
            x = add(x, new[] { x });
            return x;
        }

        [Differentiable]
        public static double fn18(double x, double y)
        {
            return sq_defined_later(x) + sq_defined_later(y);
        }

        // template<typename T> T templated_fn(double x), instantiated with double.
        [Differentiable]
        public static double templated_fn(double x)
        {
            Debug.Assert(typeof(double) == typeof(double), "template argument must be a floating point type");
            return x;
        }

        [Differentiable]
        public static double fn19(double x)
        {
            return templated_fn(x);
        }

        [Differentiable]
        public static double weighted_sum(double[] x, ReadOnlySpan<double> w)
        {
            return w[0] * x[0] + w[1] * x[1];
        }

        [Differentiable]
        public static double fn20(double[] x, double[] w)
        {
            ReadOnlySpan<double> auxW = w.AsSpan(1);
            return weighted_sum(x, auxW);
        }

        [Differentiable]
        public static double ptrRef(ref double ptr_ref)
        {
            return ptr_ref;
        }

        [Differentiable]
        public static double fn21(double x)
        {
            ref double ptr = ref x;
            return ptrRef(ref ptr);
        }

        [Differentiable]
        public static double fn22(double x, double y)
        {
            return x * y; // fn22 has a custom derivative defined.
        }

        [Differentiable]
        public static double identity_with_bool(double x, bool b)
        {
            return x;
        }

        [Differentiable]
        public static double fn23(double x)
        {
            return identity_with_bool(x, true);
        }

        [Differentiable]
        public static double unused_return(ref double x)
        {
            return x *= 2;
        }

        [Differentiable]
        public static double fn24(double x)
        {
            unused_return(ref x);
            return x;
        }

        [Differentiable]
        public static double fn25(double x)
        {
            return x;
        }

        [Differentiable]
        public static double inner_func(double[] @params, double[] constants)
        {
            return @params[0] * constants[0];
        }

        [Differentiable]
        public static double fn26(double[] @params, double[] constants)
        {
            return inner_func(@params, constants);
        }

        [Differentiable]
        public static void mult(double[] x, double y)
        {
            for (int i = 0; i < 3; ++i)
            {
                x[i] *= y;
            }
        }

        [Differentiable]
        public static double fn27(double u, double v)
        {
            double[] arr = { u, v, 1 };
            double sum = arr[0] * arr[1] * arr[2];
            mult(arr, u);
            return sum + arr[2];
        } // u * v + u

        [Differentiable]
        public static ref double nested(double[] x, double y)
        {
            mult(x, y);
            mult(x, 3);
            return ref x[1];
        }

        [Differentiable]
        public static double fn28(double u, double v)
        {
            double[] arr = { u, v, 1 };
            ref double @ref = ref nested(arr, u);
            @ref += 2;
            return @ref;
        } // 3 * u * v + 2

        [Differentiable]
        public static void foo(double[] x)
        {
            x[0] = x[0] * x[0];
        }

        [Differentiable]
        public static double fn29(double[] x)
        {
            foo(x);
            return x[0] * x[1];
        }

        [Differentiable]
        public static double flexibleInterp(double[] @params, ReadOnlySpan<double> high)
        {
            double total = 1.0;
            for (int i = 0; i < 1; ++i)
                total += @params[i];

            return total;
        }

        [Differentiable]
        public static double fn30(double[] @params, double[] xlArr)
        {
            return flexibleInterp(@params, xlArr.AsSpan(2));
        }

        [Differentiable]
        public static void inner_function(ref double @out, bool flag, double[] C)
        {
            if (flag)
                @out = C[0];
        }

        [Differentiable]
        public static double fn31(double[] variables)
        {
            double @out = 0.0;
            inner_function(ref @out, true, variables);
            return @out;
        }

        [Differentiable]
        public static void fast_interp(double[] coefs, ReadOnlySpan<double> sum_param, ReadOnlySpan<double> diff_param, double[] @out)
        {
            ReadOnlySpan<double> sum = sum_param;
            ReadOnlySpan<double> diff = diff_param;
            double x = coefs[0];
            @out[0] += x * (diff[0] + x * sum[0]);
        }

        [Differentiable]
        public static double fn32(double[] @params)
        {
            double[] t3 = { @params[0] };
            double[] t2 = new double[1];
            double[] xlArr = { 3.0, 4.0 };
            fast_interp(t3, xlArr, xlArr.AsSpan(1), t2);
            return t2[0];
        } // 4 * param[0] + 3 * param[0]^2

        [Differentiable]
        public static double iden_func(double x) { return x; }

        [Differentiable]
        public static void inner_fn(double[] coefs, ref double @out)
        {
            double b = iden_func(coefs[0]);
            @out = b;
        }

        [Differentiable]
        public static double fn33(double[] @params)
        {
            double @out = 0;
            inner_fn(@params, ref @out);
            return @out;
        }

        [Differentiable]
        public static double fn34(double x, double y)
        {
            int a = (int)(x + y);
            double res = a;
            return res;
        }

        // std::max(a, b, comp) is comp(a, b) ? b : a; std::min(a, b, comp) is comp(b, a) ? b : a.
        public static double max(double a, double b, Func<double, double, bool> comp) => comp(a, b) ? b : a;
        public static double min(double a, double b, Func<double, double, bool> comp) => comp(b, a) ? b : a;

        [Differentiable]
        public static double fn35(double x, double y)
        {
            double val_max = max(x, y, (p, q) => p > q); // min(x, y)
            double val_min = min(x, y, (p, q) => p > q); // max(x, y)
            return 2 * val_max - 3 * val_min;
        }

        [Differentiable]
        public static double fnIdLoop(double x, double y)
        {
            double a = x;
            double s = 0;
            for (int c = 0; c < 3; ++c)
                s += identity(ref a);
            return s + y;
        } // 3x + y

        [Differentiable]
        public static double sq_defined_later(double x)
        {
            return x * x;
        }

        [Differentiable]
        public static double fn25_defined_later(double x)
        {
            return fn25(x);
        }
    }
}
