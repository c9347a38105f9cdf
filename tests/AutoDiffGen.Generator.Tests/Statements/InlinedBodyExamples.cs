namespace AutoDiffGen.Generator.Tests.Statements;

/// <summary>
/// Bodies of several statements inlined where they are called: struct methods, operators and properties with locals,
/// branches and loops (<see cref="Structs"/>); local functions and statement lambdas with loops, void local functions
/// that update the method's variables and arrays, ref and out parameters (<see cref="Locals"/>).
/// </summary>
internal static class InlinedBodyExamples
{
    public const string Structs = @"
using System;
using AutoDiffGen;

namespace Multi
{
    public struct V2
    {
        public double X;
        public double Y;

        public V2(double x, double y) { X = x; Y = y; }

        public double Norm()
        {
            var s = X * X + Y * Y;
            return Math.Sqrt(s);
        }

        public double Length
        {
            get
            {
                double s = X * X;
                s += Y * Y;
                return Math.Sqrt(s);
            }
        }

        public static V2 operator *(double k, V2 v)
        {
            var x = k * v.X;
            var y = k * v.Y;
            return new V2(x, y);
        }

        public static double operator *(V2 a, V2 b)
        {
            double dot = a.X * b.X;
            dot += a.Y * b.Y;
            return dot;
        }

        public double SoftMax(double t)
        {
            if (X > Y) return X + t * Math.Log(1 + Math.Exp((Y - X) / t));
            return Y + t * Math.Log(1 + Math.Exp((X - Y) / t));
        }

        public V2 Clamped(double m)
        {
            var n = Norm();
            if (n <= m) return this;
            var k = m / n;
            return new V2(k * X, k * Y);
        }

        public double PowerSum(int n)
        {
            double s = 0, p = 1;
            for (int i = 0; i < n; i++)
            {
                p *= X;
                s += p * Y;
            }
            return s;
        }
    }

    public readonly struct R
    {
        public double A { get; }
        public double B { get; }

        public R(double a, double b) { A = a; B = b; }

        public double Energy(double k)
        {
            double e = 0.5 * k * A * A;
            e += B * B;
            return e;
        }
    }

    public static partial class Uses
    {
        [Differentiable(Forward = true, Hessian = true)]
        public static double NormOf(double x, double y)
        {
            var v = new V2(x, y);
            return v.Norm() + (2.0 * v).Length;
        }

        [Differentiable(Forward = true)]
        public static double Scaled(V2 a, V2 b, double k) => (k * a) * b + (k * a).Norm();

        [Differentiable]
        public static double Soft(V2 a, double t) => a.SoftMax(t);

        [Differentiable]
        public static double Clamp(V2 a, double m)
        {
            var c = a.Clamped(m);
            return 3 * c.X + c.Y;
        }

        [Differentiable]
        public static double Power(V2 a, int n)
        {
            double s = 0;
            for (int j = 1; j <= 2; j++) s += a.PowerSum(n + j);
            return s;
        }

        [Differentiable]
        public static double Readonly(R r, double k) => r.Energy(k);
    }
}
";

    public const string Locals = @"
using System;
using AutoDiffGen;

namespace Locals
{
    public static partial class Written
    {
        [Differentiable(Forward = true, Hessian = true)]
        public static double SumLoop(double x, double y, int n)
        {
            double F(int i) => Math.Sin(x * i) * y;
            double Sum(int m)
            {
                double s = 0;
                for (int i = 1; i <= m; i++) s += F(i);
                return s;
            }
            return Sum(n) + x * Sum(2);
        }

        [Differentiable]
        public static double FirstAbove(double[] a, double t)
        {
            double Find(double limit)
            {
                for (int i = 0; i < a.Length; i++)
                {
                    if (a[i] > limit) return a[i] * a[i];
                }
                return limit;
            }
            return Find(t) + Find(t + 1);
        }

        [Differentiable]
        public static double Horner(double[] c, double x)
        {
            double Eval(double t)
            {
                double r = 0;
                int i = c.Length;
                while (i-- > 0) r = r * t + c[i];
                return r;
            }
            double s = 0;
            for (int j = 0; j < 3; j++) s += Eval(x + j);
            return s;
        }

        [Differentiable(Forward = true)]
        public static double Accumulate(double x, double y, int n)
        {
            double s = 0, p = 1;
            void Add(double v)
            {
                if (v < 0) return;
                s += v * v;
                p *= 1 + v;
            }
            for (int i = 0; i < n; i++) Add(x - 0.3 * i);
            Add(y);
            return s + p;
        }

        [Differentiable]
        public static double FillArray(double x, double y)
        {
            var t = new double[3];
            void Put(int i, double v) { t[i] = v * v; }
            Put(0, x);
            Put(1, y);
            Put(2, x * y);
            return t[0] + 2 * t[1] + t[2] * t[0];
        }

        [Differentiable(Forward = true, Hessian = true)]
        public static double Euler(double x0, double v0, double h, int n)
        {
            void Step(ref double x, ref double v)
            {
                double a = -x - 0.1 * v;
                x += h * v;
                v += h * a;
            }
            double p = x0, q = v0;
            for (int i = 0; i < n; i++) Step(ref p, ref q);
            return p * p + q;
        }

        [Differentiable]
        public static double PolarOut(double x, double y)
        {
            void Polar(double a, double b, out double r, out double th)
            {
                r = Math.Sqrt(a * a + b * b);
                th = Math.Atan2(b, a);
            }
            Polar(x, y, out double r1, out double t1);
            Polar(r1, t1, out double r2, out double t2);
            return r1 * t1 + r2 + t2;
        }

        [Differentiable]
        public static double ForeachDot(double[] a, double x)
        {
            double Dot(double w)
            {
                double s = 0;
                foreach (var v in a) s += v * w;
                return s;
            }
            return Dot(x) * Dot(2 * x);
        }

        [Differentiable]
        public static double Drain(double x, int n)
        {
            int left = n;
            double s = 0;
            bool Take()
            {
                if (left <= 0) return false;
                left--;
                s += x * (left + 1);
                return true;
            }
            while (Take()) s *= 1.5;
            return s;
        }

        [Differentiable]
        public static double ScaleInPlace(double[] a, double k)
        {
            void Scale(int i) { a[i] *= k; }
            for (int i = 0; i < a.Length; i++) Scale(i);
            return a[0] + a[1] * a[1];
        }

        [Differentiable]
        public static double LambdaLoop(double x, int n)
        {
            Func<double, double> f = t =>
            {
                double s = 0;
                for (int i = 0; i < n; i++) s += Math.Pow(t, i) / (i + 1);
                return s;
            };
            return f(x) * f(2 * x);
        }
    }
}
";
}
