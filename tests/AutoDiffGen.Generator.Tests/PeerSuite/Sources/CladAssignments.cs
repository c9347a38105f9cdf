// Clad test/Gradient/Assignments.C (vgvassilev/clad 4b2c0eef), function by function as a C# user writes it: C++
// references are ref locals, an initializer list is an array, a C++ assignment used as an lvalue ((t *= x) *= y)
// is two statements (C# has no such lvalue), the comma operator is two statements. Clad's CHECK-EXEC values are
// checked exactly by CladExpectedValuesTests.
#pragma warning disable CS1717 // x = x, as the peer test writes it
using System;
using AutoDiffGen;

namespace PeerSuite
{
    public static partial class CladAssignments
    {
        // = y
        [Differentiable]
        public static double F1(double x, double y)
        {
            x = y;
            return y;
        }

        // = max(x, y)
        [Differentiable]
        public static double F2(double x, double y)
        {
            if (x < y)
                x = y;
            return x;
        }

        // = x^4
        [Differentiable]
        public static double F3(double x, double y)
        {
            x = x;
            x = x * x;
            y = x * x;
            x = y;
            return y;
        }

        // = x
        [Differentiable]
        public static double F4(double x, double y)
        {
            y = x;
            x = 0;
            return y;
        }

        [Differentiable]
        public static double F5(double x, double y)
        {
            double t = x * x;
            if (x < 0)
            {
                t = -t;
                return t;
            }
            if (y < 0)
            {
                double z = t;
                t = -t;
            }
            return t;
        }

        [Differentiable]
        public static double F7(double x, double y)
        {
            double[] t = { 1, x, x * x };
            t[0]++;
            t[0]--;
            ++t[0];
            --t[0];
            t[0] = x;
            x = y;
            t[0] += t[1];
            t[0] *= t[1];
            t[0] /= t[1];
            t[0] -= t[1];
            x = ++t[0];
            return t[0]; // == x
        }

        [Differentiable]
        public static double F8(double x, double y)
        {
            double[] t = { 1, x, y, 1 };
            t[3] = (y *= (t[0] = t[1] = t[2]));
            return t[3]; // == y * y
        }

        [Differentiable]
        public static double F9(double x, double y)
        {
            double t = x;
            t *= x;
            t *= y;
            return t; // x * x * y
        }

        [Differentiable]
        public static double F10(double x, double y)
        {
            double t = x;
            t = x = y;
            return t; // = y
        }

        [Differentiable]
        public static double F11(double x, double y)
        {
            double t = x;
            t = x;
            t = y;
            return t; // = y
        }

        [Differentiable]
        public static double F12(double x, double y)
        {
            double t;
            if (x > y) t = x; else t = y;
            t *= y;
            return t; // == max(x, y) * y
        }

        // The same as the peer writes it: an assignment in each arm of a conditional, whose value is then used.
        [Differentiable]
        public static double F12Conditional(double x, double y)
        {
            double t;
            double u = x > y ? (t = x) : (t = y);
            t *= y;
            return t + 0 * u;
        }

        [Differentiable]
        public static double F13(double x, double y)
        {
            double t = x * (y = x);
            return t * y; // == x * x * x
        }

        [Differentiable]
        public static double F14(double i, double j)
        {
            ref double a = ref i;
            a = 2 * i;
            a += i;
            a *= i;
            return i;
        }

        [Differentiable]
        public static double F15(double i, double j)
        {
            double b = i * j;
            ref double a = ref b;
            ref double c = ref i;
            ref double d = ref j;
            a *= i;
            b += 2 * i;
            c += 3 * i;
            d *= 3 * j;
            return a + c + d;
        }

        [Differentiable]
        public static double F16(double i, double j)
        {
            ref double a = ref i;
            ref double b = ref a;
            ref double c = ref b;
            c *= 4 * j;
            return i;
        }

        [Differentiable]
        public static double F17(double i, double j, double k)
        {
            j = 2 * i;
            return j;
        }

        [Differentiable]
        public static double F18(double i, double j, double k)
        {
            k = 2 * i + 2 * j;
            k += i;
            return k;
        }

        [Differentiable]
        public static double F19(double a, double b) => Math.FusedMultiplyAdd(a, b, b);

        [Differentiable]
        public static double F20(double x, double y)
        {
            ref double r = ref x;
            r = 3;
            x = r * y;
            return x; // 3y
        }

        [Differentiable]
        public static double F21(double x, double y)
        {
            y++;
            y = x;
            return y;
        }

        [Differentiable]
        public static double F22(double x, double y)
        {
            double t = (x = y = x = 0);
            return t;
        }

        [Differentiable]
        public static double F23(double x, double y)
        {
            double[] list = { 1.0, x + y };
            double res = 5;
            if (x > y)
            {
                double[] r = list;
                res = r[r.Length - 1];
            }
            return res;
        }

        [Differentiable]
        public static double F23FromEnd(double x, double y)
        {
            double[] list = { 1.0, x + y };
            double res = 5;
            if (x > y) res = list[^1];
            return res;
        }

        [Differentiable]
        public static double ConstVal(double y, [NoDiff] double x)
        {
            double z = y;
            y *= z;
            return y * x;
        }

        [Differentiable]
        public static double ConstValIn(double y, in double x)
        {
            double z = x;
            y *= z;
            return y * x;
        }

        [Differentiable]
        public static double ConstValInput(double x) => x;

        [Differentiable]
        public static double F24(double x, double y)
        {
            double sum = x + y;
            double zero = default;
            return sum + zero * x;
        }

        [Differentiable]
        public static double F26(double x, double y)
        {
            double l = x;
            l /= y;
            return l;
        }

        [Differentiable]
        public static double F27(double x, double y)
        {
            x *= y + 1.0;
            return x;
        }
    }
}
