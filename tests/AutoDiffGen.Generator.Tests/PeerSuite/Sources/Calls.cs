// Calls between differentiable methods, in the style of Clad's test/Gradient/FunctionCalls.C.
using System;
using AutoDiffGen;

namespace PeerSuite
{
    public static partial class Calls
    {
        [Differentiable]
        public static double Identity(double x) => x;

        [Differentiable]
        public static double Square(double x) => x * x;

        [Differentiable]
        public static double Fn1(double x, double y)
        {
            return Identity(x) * Square(y);
        }

        [Differentiable]
        public static double Fn2(double x, double y)
        {
            double a = Square(Square(x) + y);
            return a + Square(a);
        }

        [Differentiable]
        public static double SumArray(double[] a, int n)
        {
            double s = 0;
            for (int i = 0; i < n; i++) s += a[i];
            return s;
        }

        [Differentiable]
        public static double Fn3(double[] a, double w)
        {
            return w * SumArray(a, a.Length);
        }

        [Differentiable]
        public static double Fn4(double x, double y)
        {
            double r = 0;
            for (int i = 0; i < 3; i++)
            {
                r += Square(x * i + y);
            }
            return r;
        }

        [Differentiable]
        public static double Branchy(double x)
        {
            if (x > 1) return x * x;
            return 2 * x;
        }

        [Differentiable]
        public static double Fn5(double x, double y)
        {
            return Branchy(x * y) + Branchy(y);
        }

        [Differentiable]
        public static double Factorial(double x, int n)
        {
            if (n <= 1) return x;
            return x * Factorial(x, n - 1);
        }

        [Differentiable]
        public static double Even(double x, int n) => n == 0 ? x : Odd(x * 2, n - 1);

        [Differentiable]
        public static double Odd(double x, int n) => n == 0 ? x * x : Even(x + 1, n - 1);

        [Differentiable]
        public static double MathCalls(double x, double y)
        {
            return Math.Max(x, y) * Math.Min(x, y) + Math.Abs(x - y) + Math.Sqrt(x * x + y * y) + Math.Atan2(y, x) + Math.Tanh(x) + Math.Cosh(y);
        }

        [Differentiable]
        public static double PowInt(double x, int k)
        {
            return Math.Pow(x, k) + Math.Pow(x, 2) + Math.Pow(2, x);
        }

        [Differentiable]
        public static double Hypot(double x, double y)
        {
            double m = Math.Max(Math.Abs(x), Math.Abs(y));
            if (m == 0) return 0;
            double a = x / m, b = y / m;
            return m * Math.Sqrt(a * a + b * b);
        }

        [Differentiable]
        public static float FloatMath(float x, float y)
        {
            return MathF.Sin(x) * MathF.Exp(y) + MathF.Sqrt(x * x + 1f) + (float)Math.Log(y + 2);
        }

        [Differentiable]
        public static double FloorCeil(double x)
        {
            return Math.Floor(x) * x + Math.Ceiling(x * 2) + Math.Round(x) * x;
        }

        [Differentiable]
        public static double Clamp(double x, double lo)
        {
            return Math.Clamp(x, lo, lo + 1) * x;
        }

        [Differentiable]
        public static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));

        [Differentiable]
        public static double Softplus(double x) => Math.Log(1 + Math.Exp(x));

        [Differentiable]
        public static double Relu(double x) => Math.Max(0, x);

        [Differentiable]
        public static double Net(double x, double w1, double w2)
        {
            double h = Relu(w1 * x) + Sigmoid(w2 * x);
            return Softplus(h);
        }

        private static double Helper(double x) => x * x + 1;

        [Differentiable]
        public static double CallsUndifferentiated(double x)
        {
            return Helper(x) * x;
        }

        [Differentiable]
        public static double OutParam(double x)
        {
            Split(x, out double a, out double b);
            return a * b;
        }

        private static void Split(double x, out double a, out double b)
        {
            a = x * 2;
            b = x + 1;
        }

        [Differentiable]
        public static double LocalFunction(double x)
        {
            double Cube(double v) => v * v * v;
            return Cube(x) + x;
        }

        [Differentiable]
        public static double Lambda(double x)
        {
            Func<double, double> f = v => v * v;
            return f(x);
        }
    }
}
