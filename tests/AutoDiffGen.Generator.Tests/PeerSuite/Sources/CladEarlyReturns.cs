// Clad test/Gradient/EarlyReturns.C and RecursiveFunctionEarlyReturn.C (vgvassilev/clad 4b2c0eef), as a C# user
// writes them: a C++ reference to a local is a ref local, a struct is a C# struct.
#pragma warning disable CS0649 // fields only written through the struct, as the peer test does
using System;
using AutoDiffGen;

namespace PeerSuite
{
    public static partial class CladEarlyReturns
    {
        [Differentiable]
        public static double NoEarly(double x, double y) => x * y;

        [Differentiable]
        public static double SingleEarly(double x, double y)
        {
            if (x > y)
                return x * x;
            return x * y;
        }

        [Differentiable]
        public static double MultiEarly(double x, double y)
        {
            if (x > 10)
                return x;
            if (y > 10)
                return y * y;
            return x * y;
        }

        [Differentiable]
        public static double LoopEarly(double x, double y)
        {
            double s = 0;
            for (int i = 0; i < 5; ++i)
            {
                s += x * y;
                if (s > 20)
                    return s;
            }
            return s;
        }

        [Differentiable]
        public static double MidEarly(double x, double y)
        {
            double a = x * y;
            double b = a + x;
            if (b > 50)
                return a * b;
            return b * y;
        }

        [Differentiable]
        public static double RecEarly(double x, double y)
        {
            if (x > y)
                return RecEarly(x - 1, y);
            return x * y;
        }

        [Differentiable]
        public static double CallsRec(double x, double y) => RecEarly(x, y);

        [Differentiable]
        public static double NestedEarlyReturn(double x, double y)
        {
            if (x > 0)
            {
                x = x * y;
            }
            if (x < 0)
            {
                return 0;
            }
            return x;
        }

        [Differentiable]
        public static double DeclAfterEarly(double x, double y)
        {
            if (y == 0)
                return 1;
            double n = y;
            double a = n + x;
            double b = n, c = 2 * x;
            a *= b;
            return a + c;
        }

        [Differentiable]
        public static double RefAfterEarly(double x, double y)
        {
            if (y == 0)
                return 1;
            double a = x * y;
            ref double r = ref a;
            double c = r * r;
            double d = c * c;
            return d;
        }

        public struct Pair
        {
            public double a;
            public double b;
        }

        [Differentiable]
        public static double StructRefAfterEarly(double x, double y)
        {
            if (y == 0)
                return 1;
            Pair p;
            p.a = x * y;
            p.b = x + y;
            ref Pair r = ref p;
            double d = r.a * r.b;
            return d;
        }

        public struct Seeded
        {
            public double a;
            public double b;
            public Seeded() { a = 1.0; b = 0.0; }
        }

        [Differentiable]
        public static double NontrivialRefAfterEarly(double x, double y)
        {
            if (y == 0)
                return 1;
            Seeded s = new Seeded();
            s.a = x * y;
            s.b = x + y;
            ref Seeded r = ref s;
            double d = r.a * r.b;
            return d;
        }

        // RecursiveFunctionEarlyReturn.C
        public struct CustomObj
        {
            public double v;
            public CustomObj(double temp) { v = temp * 2.0; }
        }

        [Differentiable]
        public static double Func1(double x, int n)
        {
            if (n <= 0)
            {
                CustomObj obj = new CustomObj(x);
                return obj.v;
            }
            return x * 2.0 + Func1(x, n - 1);
        }

        [Differentiable]
        public static double Func(double[] A, int n, double[] v)
        {
            if (n <= 1)
            {
                return A[0] * v[0];
            }
            double res = 0;
            for (int i = 0; i < n; i++)
            {
                v[0] += A[i];
                res += Func(A, n - 1, v);
            }
            return res;
        }
    }
}
