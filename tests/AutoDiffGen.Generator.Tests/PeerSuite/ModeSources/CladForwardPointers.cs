// Clad's forward-mode tests (vgvassilev/clad 4b2c0eef): test/ForwardMode/Pointer.C, test/FirstDerivative/BasicArithmeticAll.C
// fn1-fn3, BasicArithmeticMulDiv.C m_7-m_10 and issue25, test/NestedCalls/NestedCalls.C, test/ForwardMode/NonActiveCallBase.cpp,
// written as a C# user ports them with [Differentiable(Forward = true)]: a pointer to a local is a ref local, new double is a
// local, new double[n] an array, pointer arithmetic over an array an index, a struct behind a pointer a class object, a C++
// assignment used as an lvalue ((t *= j) *= …) two statements, the comma operator statements, a functor a struct with an
// instance method.
#pragma warning disable
using System;
using AutoDiffGen;

namespace PeerModes
{
    public sealed class CladPointerT
    {
        public double i;
        public int j;
    }

    public static partial class CladForwardPointers
    {
        [Differentiable(Forward = true)]
        public static double fn1(double i, double j)
        {
            ref double p = ref i;
            double q = 0;
            q = j;
            double res = p * q;
            return res;
        }

        [Differentiable(Forward = true)]
        public static double fn2(double i, double j)
        {
            ref double a = ref i;
            ref double b = ref j;
            return a * b;
        }

        [Differentiable(Forward = true)]
        public static double fn3(double i, double j)
        {
            double[] p = new double[2];
            p[0] = i + j;
            p[1] = i * j;
            double res = p[0] + p[1];
            return res;
        }

        [Differentiable(Forward = true)]
        public static double fn4(double i, double j)
        {
            double p = 7 * i + j;
            double q = p + 9 * i;
            return q;
        }

        [Differentiable(Forward = true)]
        public static double fn5(double i, double j)
        {
            double[] arr = { 7 * i, 9 * i };
            arr[1] += 11 * i;
            int idx1 = 0, idx2 = 1;
            int p = 0;
            p += 1;
            p = 0 + p;
            arr[p] += 13 * i;
            arr[p - 1] += 17 * i;
            return arr[idx1] + arr[idx2];
        }

        [Differentiable(Forward = true)]
        public static double fn6(double i)
        {
            CladPointerT t = new CladPointerT { i = i };
            double res = t.i;
            return res;
        }

        [Differentiable(Forward = true)]
        public static double fn7(double i)
        {
            double[] p = new double[1];
            p[0] = i;
            CladPointerT t = new CladPointerT();
            t.i = i;
            double res = p[0] + t.i;
            Array.Resize(ref p, 2);
            p[1] = 2 * i;
            res += p[1];
            return res;
        }

        [Differentiable(Forward = true)]
        public static double fn8(double[] @params)
        {
            double[] arr = { 3.0 };
            return @params[0] * @params[0] + arr[0];
        }

        [Differentiable(Forward = true)]
        public static double fn9(double[] @params, double[] constants)
        {
            double c0 = constants[0];
            return @params[0] * c0;
        }

        [Differentiable(Forward = true)]
        public static double fn10(double[] @params, double[] constants)
        {
            double c0 = constants[0 + 0];
            return @params[0] * c0;
        }

        // BasicArithmeticAll.C
        [Differentiable(Forward = true)]
        public static double all_fn1(double i, double j)
        {
            double t = 1;
            t *= j;
            t *= (i *= i);
            return t; // return i*i*j;
        }

        [Differentiable(Forward = true)]
        public static double all_fn2(double i, double j)
        {
            double t = i * i * j * j;
            t /= i * j;
            t *= j;
            return t; // return i*j*j;
        }

        [Differentiable(Forward = true)]
        public static double all_fn3(double i, double j)
        {
            double t = 1;
            t *= i * j;
            t *= j;
            t *= i;
            return t; // i*i*j*j
        }

        // BasicArithmeticMulDiv.C
        [Differentiable(Forward = true)]
        public static double m_7(double x)
        {
            ++x;
            return x * x;
        }

        [Differentiable(Forward = true)]
        public static double m_8(double x)
        {
            ++x;
            double temp = x * x;
            return temp;
        }

        [Differentiable(Forward = true)]
        public static double m_9(double x)
        {
            x *= 2;
            return x * x;
        }

        [Differentiable(Forward = true)]
        public static double m_10(double x, bool flag)
        {
            if (flag)
            {
                x *= 2;
                return x * x;
            }
            x += 1;
            return x * x;
        }

        [Differentiable(Forward = true)]
        public static double issue25(double x, double y)
        {
            x += y;
            x -= y;
            x /= y;
            x *= y;
            return x;
        }

        // NestedCalls.C
        [Differentiable(Forward = true)] public static double sq(double x) { return x * x; }
        [Differentiable(Forward = true)] public static double one(double x) { return sq(Math.Sin(x)) + sq(Math.Cos(x)); }

        [Differentiable(Forward = true)]
        public static double f(double x, double y)
        {
            double t = one(x);
            return t * y;
        }
    }

    // NonActiveCallBase.cpp: a functor over a constant array, and one squaring its argument.
    public partial struct CladArr
    {
        public double d0, d1, d2;
        [Differentiable(Forward = true)]
        public double Invoke(int i) => i == 0 ? d0 : i == 1 ? d1 : d2;
    }

    public partial struct CladSq
    {
        [Differentiable(Forward = true)]
        public double Invoke(double v) { return v * v; }
    }

    public static partial class CladNonActiveCallBase
    {
        private static readonly CladArr g = new CladArr { d0 = 2, d1 = 3, d2 = 4 };
        private static readonly CladSq sq = new CladSq();

        [Differentiable(Forward = true)]
        public static double reads_nonactive(double x)
        {
            double s = 0;
            for (int i = 0; i < 3; ++i)
                s += x * g.Invoke(i);
            return s;
        }

        [Differentiable(Forward = true)] public static double active_arg(double x) { return sq.Invoke(x); }

        [Differentiable(Forward = true)] public static double inactive_arg(double x) { return x + sq.Invoke(2.0); }
    }
}
