namespace AutoDiffGen.Generator.Tests.InlinedScopes;

/// <summary>
/// Local functions and lambda locals that return a tuple or a struct of reals, or take one: inlined where they are
/// called, the result carried as its members (<see cref="StructResultTests"/>). C# 7.3 source: no static local functions.
/// </summary>
internal static class StructResultExamples
{
    public const string Source = @"
using System;
using System.Numerics;
using AutoDiffGen;

namespace Returns
{
    public struct P2
    {
        public double X;
        public double Y;
        public P2(double x, double y) { X = x; Y = y; }
    }

    public static partial class Local
    {
        // A tuple local passed by ref to a void local function writing one element: (x + 0.5y)·y. Until 2026-12-03 (hunt3)
        // the call wiped the tuple (every element read 0 from the call on): a wrong value and a zero gradient.
        [Differentiable(Forward = true, Hessian = true)]
        public static double RefTuple(double x, double y)
        {
            void Upd(ref (double A, double B) u, double h) { u.A += h * u.B; }
            var t = (A: x, B: y);
            Upd(ref t, 0.5);
            return t.A * t.B;
        }

        // A struct local passed by ref to a function with an early return, twice: each step moves X by h·Y and scales Y by h,
        // unless X > 10.
        [Differentiable(Forward = true)]
        public static double RefStructSteps(double x, double y)
        {
            void Step(ref P2 q, double h) { if (q.X > 10) return; q.X += h * q.Y; q.Y *= h; }
            var p = new P2(x, y);
            Step(ref p, 2.0);
            Step(ref p, 3.0);
            return p.X * p.Y;
        }

        [Differentiable(Forward = true, Hessian = true)]
        public static double Deconstructed(double x, double y)
        {
            (double, double) D(double a, double b) => (b, -a * b);
            var (p, q) = D(x, y);
            return p * q;
        }

        [Differentiable(Forward = true)]
        public static double FromLambda(double x, double y)
        {
            Func<double, double, (double U, double V)> d = (a, b) => (a * b, a + b);
            var t = d(x, y);
            return t.U * t.V + d(y, 2.0).V;
        }

        [Differentiable]
        public static double Branches(double x, double y)
        {
            (double, double) D(double a, double b)
            {
                double u = a * b;
                if (u > 0) return (u, b);
                return (b, u * u);
            }
            double p, q;
            (p, q) = D(x, y);
            return p + 3 * q;
        }

        [Differentiable]
        public static float VectorResult(float x, float y)
        {
            Vector2 D(float a) => new Vector2(a, a * a);
            return x * D(2f).Y + D(x).Y + D(y).X * D(x).X;
        }

        [Differentiable]
        public static float VectorArgument(float x, float y)
        {
            float Len(Vector2 v) => v.Length();
            return Len(new Vector2(x, y)) * x;
        }

        [Differentiable]
        public static double TupleArgument(double x, double y)
        {
            double Area((double W, double H) box) => box.W * box.H;
            var b = (x, y * y);
            return Area(b) + Area((2.0, x));
        }

        [Differentiable]
        public static double Pendulum(double theta0, double g, double len)
        {
            (double, double) Deriv(double th, double om) => (om, -g / len * Math.Sin(th));
            double theta = theta0, omega = 0, h = 0.05;
            for (int i = 0; i < 20; i++)
            {
                var (a1, b1) = Deriv(theta, omega);
                var (a2, b2) = Deriv(theta + h / 2 * a1, omega + h / 2 * b1);
                var (a3, b3) = Deriv(theta + h / 2 * a2, omega + h / 2 * b2);
                var (a4, b4) = Deriv(theta + h * a3, omega + h * b3);
                theta += h / 6 * (a1 + 2 * a2 + 2 * a3 + a4);
                omega += h / 6 * (b1 + 2 * b2 + 2 * b3 + b4);
            }
            return theta;
        }

        [Differentiable]
        public static double LinearRk4(double y0, double k)
        {
            (double, double) F(double y) => (-k * y, 0.0);
            double v = y0, h = 0.1;
            for (int i = 0; i < 10; i++)
            {
                var (k1, _) = F(v);
                var (k2, _) = F(v + h / 2 * k1);
                var (k3, _) = F(v + h / 2 * k2);
                var (k4, _) = F(v + h * k3);
                v += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
            }
            return v;
        }
    }
}
";
}
