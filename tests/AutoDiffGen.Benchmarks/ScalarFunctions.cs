using System;

namespace AutoDiffGen.Benchmarks
{
    /// <summary>The scalar scenarios: each primal is [Differentiable]; the generator writes its …Backward (and, for the Hessian
    /// benchmark, its …HessianVector and …Hessian).</summary>
    public static partial class ScalarFunctions
    {
        /// <summary>CS231n lecture 4's sigmoid neuron: σ(w0·x0 + w1·x1 + w2).</summary>
        [Differentiable(Hessian = true)]
        public static double Neuron(double w0, double x0, double w1, double x1, double w2)
        {
            double dot = w0 * x0 + w1 * x1 + w2;
            return 1.0 / (1.0 + Math.Exp(-dot));
        }

        /// <summary>Rosenbrock in 2-D: (1 − x)² + 100·(y − x²)².</summary>
        [Differentiable(Hessian = true)]
        public static double Rosenbrock(double x, double y)
        {
            double a = 1.0 - x;
            double b = y - x * x;
            return a * a + 100.0 * b * b;
        }

        /// <summary>A 20-gate expression (one gate per line) mixing add, mul, sub, div, sin, cos, tanh, log, sqrt and fan-out.</summary>
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

        /// <summary>Horner's rule over the coefficients c (c[0] + c[1]·x + …): a loop that overwrites its accumulator.</summary>
        [Differentiable(Forward = true, Hessian = true)]
        public static double Horner(double[] c, double x)
        {
            double acc = 0;
            for (int i = c.Length - 1; i >= 0; i--) acc = acc * x + c[i];
            return acc;
        }
    }

    /// <summary>Horner with constant coefficients: its forward mode (tX = 1) is p′(x) alone.</summary>
    public static partial class ScalarFunctions
    {
        [Differentiable(Forward = true)]
        public static double HornerOfX([NoDiff] double[] c, double x)
        {
            double acc = 0;
            for (int i = c.Length - 1; i >= 0; i--) acc = acc * x + c[i];
            return acc;
        }
    }

    /// <summary>The same gradients derived by hand, in the shape of the generated methods (they ADD into the adjoints).</summary>
    public static class HandWritten
    {
        public static double NeuronBackward(double w0, double x0, double w1, double x1, double w2,
            ref double dW0, ref double dX0, ref double dW1, ref double dX1, ref double dW2, double dResult = 1)
        {
            double dot = w0 * x0 + w1 * x1 + w2;
            double f = 1.0 / (1.0 + Math.Exp(-dot));
            double dDot = f * (1.0 - f) * dResult;
            dW0 += x0 * dDot;
            dX0 += w0 * dDot;
            dW1 += x1 * dDot;
            dX1 += w1 * dDot;
            dW2 += dDot;
            return f;
        }

        public static double RosenbrockBackward(double x, double y, ref double dX, ref double dY, double dResult = 1)
        {
            double a = 1.0 - x;
            double b = y - x * x;
            double dB = 200.0 * b * dResult;
            dX += -2.0 * a * dResult - 2.0 * x * dB;
            dY += dB;
            return a * a + 100.0 * b * b;
        }

        public static double Gates20Backward(double x, double y, double z, double w,
            ref double dX, ref double dY, ref double dZ, ref double dW, double dResult = 1)
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
            double f = a19 * x;

            double d19 = dResult * x;
            double dx = dResult * a19;
            double d16 = d19, d18 = d19;
            double d17 = d18 * w;
            double dw = d18 * a17;
            dx -= Math.Sin(x) * d17;
            double d14 = d16 / a15;
            double d15 = -d16 * a16 / a15;
            double d12 = d15 * 0.5 / a15;
            double d8 = d14 * a13;
            double d13 = d14 * a8;
            d12 += d13 / a12;
            double d10 = 2.0 * a10 * d12;
            double dy = z * d10, dz = y * d10;
            double d7 = d8 * (1.0 - a8 * a8);
            double d5 = 2.0 * a5 * d7;
            dx += d5;
            dw -= d5;
            double d3 = d7 * w;
            dw += d7 * a3;
            double d2 = d3 * Math.Cos(a2);
            dz += d2;
            dx += y * d2;
            dy += x * d2;
            dX += dx;
            dY += dy;
            dZ += dz;
            dW += dw;
            return f;
        }

        /// <summary>p(x) and p′(x) in one loop: the forward derivative a user writes by hand.</summary>
        public static double HornerDerivative(double[] c, double x, out double dp)
        {
            double acc = 0, dAcc = 0;
            for (int i = c.Length - 1; i >= 0; i--)
            {
                dAcc = dAcc * x + acc;
                acc = acc * x + c[i];
            }

            dp = dAcc;
            return acc;
        }

        /// <summary>∂p/∂c[i] = xⁱ and ∂p/∂x = p'(x), with p' carried along Horner's loop.</summary>
        public static double HornerBackward(double[] c, double x, double[] dC, ref double dX, double dResult = 1)
        {
            double acc = 0, dAcc = 0;
            for (int i = c.Length - 1; i >= 0; i--)
            {
                dAcc = dAcc * x + acc;
                acc = acc * x + c[i];
            }

            double p = dResult;
            for (int i = 0; i < c.Length; i++)
            {
                dC[i] += p;
                p *= x;
            }

            dX += dAcc * dResult;
            return acc;
        }
    }
}
