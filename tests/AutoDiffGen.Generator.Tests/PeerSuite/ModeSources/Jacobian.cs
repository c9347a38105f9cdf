// Functions of a peer AD tool's Jacobian tests (Clad test/Jacobian: Jacobian.C, FunctionCalls.C, Pointers.C,
// Functors.C). Clad writes the outputs into an array parameter; a C# user writes either that (a void method filling a
// double[] output) or returns the outputs as a tuple. Both are here, and MJacobian supports both (the array's elements are its rows).
#pragma warning disable
using System;
using AutoDiffGen;

namespace PeerModes
{
    public static partial class Jacobians
    {
        // Jacobian.C, returning the outputs
        [Differentiable(Jacobian = true)]
        public static (double, double, double) F1(double a, double b, double c) => (a * a * a, a * a * a + b * b * b, c * c * 10 - a * a);

        [Differentiable(Jacobian = true)]
        public static (double, double, double) F3(double x, double y, double z)
        {
            double constant = 42;
            return (Math.Sin(x) * constant, Math.Sin(y) * constant, Math.Sin(z) * constant);
        }

        [Differentiable] public static double Multiply(double x, double y) => x * y;

        [Differentiable(Jacobian = true)]
        public static (double, double, double) F4(double x, double y, double z)
        {
            double constant = 42;
            return (Multiply(x, y) * constant, Multiply(y, z) * constant, Multiply(z, x) * constant);
        }

        [Differentiable(Jacobian = true)]
        public static (double, double) F5(float a) => (a * a, a);

        [Differentiable(Jacobian = true)]
        public static (double, double, double) F6(double[] a, double b) => (a[0] * a[0] * a[0], a[0] * a[0] * a[0] + b * b * b, 2 * (a[0] + b));

        [Differentiable(Jacobian = true)]
        public static (double B, double C) F7(double a)
        {
            double b = 3 * a;
            double c = -5 * b;
            return (b, c);
        }

        [Differentiable(Jacobian = true)]
        public static (double, double, double) F8(double a, double b)
        {
            double a3 = a * a * a;
            return (a3, a3 + b * b * b, 2 * (a + b));
        }

        [Differentiable(Jacobian = true)]
        public static (double, double) F9(float a)
        {
            double first = a * a;
            return (first, first * 3);
        }

        [Differentiable(Jacobian = true)]
        public static (double, double, double) F11(double[] a, double[] b) => (a[0] * a[1], a[0] * a[0] + b[0], 2 * (a[0] + b[0]));

        // FunctionCalls.C
        [Differentiable(Jacobian = true)]
        public static (double, double) Fn1(double i, double j) => (Math.Pow(i, j), Math.Pow(j, i));

        [Differentiable] public static double Add(double a, double b) => a + b;

        [Differentiable(Jacobian = true)]
        public static (double, double) Fn2(double a, double b)
        {
            double r0 = a * 10 + b * b * 9;
            r0 = Add(r0, 10);
            return (r0, a * a * 9 + b * b * 10);
        }

        // Pointers.C
        [Differentiable(Jacobian = true)]
        public static (double, double) NonMemFn(double i, double j) => (i, j);

        // Functors.C: the functor's state as a [NoDiff] parameter
        [Differentiable(Jacobian = true)]
        public static (double, double) Experiment([NoDiff] double x, [NoDiff] double y, double i, double j) => (x * i * i * j, y * i * j * j);

        // Jacobian.C with both modes, so MJacobian may take columns (1 input, 3 outputs)
        [Differentiable(Jacobian = true, Forward = true)]
        public static (double, double, double) Spiral(double t) => (Math.Cos(t) * t, Math.Sin(t) * t, t * t);
    }

    public struct Outputs3
    {
        public double A;
        public double B;
        public double C;
    }

    public static partial class JacobianStructs
    {
        [Differentiable(Jacobian = true)]
        public static Outputs3 F1(double a, double b, double c) => new Outputs3 { A = a * a * a, B = a * a * a + b * b * b, C = c * c * 10 - a * a };
    }

    public static partial class JacobianOutputArrays
    {
        // Jacobian.C exactly as written there: the outputs go into an array parameter
        [Differentiable(Jacobian = true)]
        public static void F1(double a, double b, double c, double[] output)
        {
            output[0] = a * a * a;
            output[1] = a * a * a + b * b * b;
            output[2] = c * c * 10 - a * a;
        }

        [Differentiable(Jacobian = true)]
        public static void F9(float a, double[] output)
        {
            output[0] = a * a;
            output[1] = output[0] * 3;
        }

        [Differentiable(Jacobian = true)]
        public static void Fn2(double a, double b, double[] res)
        {
            res[0] = a * 10 + b * b * 9;
            res[0] = Jacobians.Add(res[0], 10);
            res[1] = a * a * 9 + b * b * 10;
        }
    }
}
