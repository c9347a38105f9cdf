using System;

namespace AutoDiffGen.Benchmarks.Hessian
{
    /// <summary>The scalar suite's functions (ScalarFunctions) with Hessian = true: MHessianVector and MHessian next to MBackward.</summary>
    public static partial class HessianFunctions
    {
        [Differentiable(Hessian = true)]
        public static double Neuron(double w0, double x0, double w1, double x1, double w2)
        {
            double dot = w0 * x0 + w1 * x1 + w2;
            return 1.0 / (1.0 + Math.Exp(-dot));
        }

        [Differentiable(Hessian = true)]
        public static double Rosenbrock(double x, double y)
        {
            double a = 1.0 - x;
            double b = y - x * x;
            return a * a + 100.0 * b * b;
        }

        [Differentiable(Hessian = true)]
        public static double Gates20(double x, double y, double z, double w)
        {
            double a1 = x * y;
            double a2 = a1 + z;
            double a3 = Math.Sin(a2);
            double a4 = a3 * w;
            double a5 = x - w;
            double a6 = a5 * a5;
            double a7 = a4 + a6;
            double a8 = Math.Tanh(a7);
            double a9 = y * z;
            double a10 = a9 + 1.0;
            double a11 = a10 * a10;
            double a12 = a11 + 1.0;
            double a13 = Math.Log(a12);
            double a14 = a8 * a13;
            double a15 = Math.Sqrt(a12);
            double a16 = a14 / a15;
            double a17 = Math.Cos(x);
            double a18 = a17 * w;
            double a19 = a16 + a18;
            return a19 * x;
        }

        [Differentiable(Hessian = true)]
        public static double Horner(double[] c, double x)
        {
            double acc = 0;
            for (int i = c.Length - 1; i >= 0; i--) acc = acc * x + c[i];
            return acc;
        }
    }
}
