// A fourth reading of Clad's mode tests (vgvassilev/clad 4b2c0eef; hess21): the functions of test/FirstDerivative
// (Recursive.C, NonContinuous.C, StructMethodCall.C, Loops.C), test/Arrays (ArrayInputsVectorForwardMode.C),
// test/ForwardMode (ReferenceArguments.C, UserDefinedTypes.C), test/Hessian (Hessians.C's Widget, Arrays.C's h,
// NestedFunctionCalls.C, EarlyReturns.C, VectorProducts.C), test/Jacobian (Jacobian.C's f_7/f_9/f_10/f_11,
// FunctionCalls.C) and test/NestedCalls, written as a C# user would write them the first time: pointers are arrays,
// C++ references `ref`, the functor's or Widget's fields instance fields, every helper [Differentiable] with the modes
// its caller asks for. Clad's printed values are not copied: CladModes21HandTests derives each by hand. The methods whose
// outputs are written into ref, array or span parameters (which ModeProbes does not call) are in CladModes21Outputs.cs,
// judged by CladModes21HandTests only.
#pragma warning disable
using System;
using AutoDiffGen;

namespace PeerModes
{
    public static partial class Modes21Forward
    {
        // Recursive.C's f_pow, over double: the exponent is the recursion's counter.
        [Differentiable(Forward = true)]
        public static double PowRec(double x, [NoDiff] int p)
        {
            if (p == 0) return 1;
            return x * PowRec(x, p - 1);
        }

        // NonContinuous.C's f: two returns on the sign.
        [Differentiable(Forward = true)]
        public static double SignedSquare(double x)
        {
            if (x < 0) return -x * x;
            return x * x;
        }

        // ArrayInputsVectorForwardMode.C's maskedSum: a loop with a branch on an int mask.
        [Differentiable(Forward = true, Hessian = true)]
        public static double MaskedSum(double[] arr, [NoDiff] int n, [NoDiff] int[] signedMask, double alpha, double beta)
        {
            double ret = 0;
            for (int i = 0; i < n; i++)
            {
                if (signedMask[i] > 0) ret += alpha * arr[i];
                else ret -= beta * arr[i];
            }
            return ret;
        }

        // ArrayInputsVectorForwardMode.C's divide.
        [Differentiable(Forward = true, Hessian = true)]
        public static double Divide(double[] arr) => arr[0] / arr[1];

        // Loops.C's f_exp_pow style: a loop of Math.Pow and Math.Exp.
        [Differentiable(Forward = true, Hessian = true)]
        public static double PowExpLoop(double x, double y, [NoDiff] int n)
        {
            double r = 0;
            for (int i = 1; i <= n; i++) r += Math.Pow(x, i) * Math.Exp(-y * i);
            return r;
        }
    }

    // StructMethodCall.C's A: instance methods calling instance methods.
    public partial struct StructCalls21
    {
        [Differentiable(Forward = true, Hessian = true)] public double F(double x) => x;
        [Differentiable(Forward = true, Hessian = true)] public double G1(double x, double y) => x * x + y;
        [Differentiable(Forward = true, Hessian = true)] public double M(double x, double y) => F(x) + G1(x, y) * y;
    }

    // Hessians.C's Widget: fields read by the method, locals built from them.
    public partial class Widget21
    {
        public double X = 3, Y = 5;

        [Differentiable(Forward = true, Hessian = true)]
        public double MemFn2(double i, double j)
        {
            double a = X * i * j;
            double b = 4 * a;
            return b * Y * Y * i;
        }
    }

    public static partial class Modes21Hessian
    {
        // Hessian/Arrays.C's h, with its three unrolled lines written as the loop a C# user writes.
        [Differentiable(Hessian = true)]
        public static double WeightedSquare(double[] arr, double[] weights, double multiplier)
        {
            double weightedSum = 0;
            for (int i = 0; i < arr.Length; i++) weightedSum += arr[i] * weights[i];
            weightedSum *= multiplier;
            return weightedSum * weightedSum;
        }

        // NestedFunctionCalls.C, one level deeper and with a branch in the middle.
        [Differentiable(Forward = true, Hessian = true)] public static double Inner(double x, double y) => x * x + y * y;

        [Differentiable(Forward = true, Hessian = true)]
        public static double Middle(double x, double y)
        {
            if (x > y) return Inner(x, y) * x;
            return Inner(y, x) * y;
        }

        [Differentiable(Forward = true, Hessian = true)]
        public static double Outer(double x, double y, double z) => Middle(x * z, y) + Math.Exp(z) * Inner(x, z);

        // EarlyReturns.C's shape over four scalars: an early return inside a loop.
        [Differentiable(Forward = true, Hessian = true)]
        public static double EarlyInLoop(double a, double b, double c, double d)
        {
            double s = a;
            for (int i = 0; i < 4; i++)
            {
                s = s * b + c;
                if (s > 100) return s * d;
            }
            return s + d * d;
        }

        // VectorProducts.C: a helper that fills the caller's array (Jacobian.C's f_1 as a void helper), then summed. As first
        // written it had Forward = true, Hessian = true: ADG0019 at Cubes (a void method has no Hessian of its own; the
        // error says to remove Hessian = true), and SumOfCubes' call was ADG0019 until hess21 (now inlined).
        [Differentiable]
        public static void Cubes(double a, double b, double[] output)
        {
            output[0] = a * a * a;
            output[1] = a * a * b;
        }

        [Differentiable(Forward = true, Hessian = true)]
        public static double SumOfCubes(double a, double b)
        {
            double[] o = new double[2];
            Cubes(a, b, o);
            return o[0] + o[1] * b;
        }

        // The same with the helper also returning a value and writing a matrix (Clad's Jacobian outputs, 2-D); as first
        // written with Forward = true, Hessian = true (the mode judge cannot draw a double[,]: judged through UsesOuter2).
        [Differentiable]
        public static double Outer2(double a, double b, double[,] m)
        {
            m[0, 0] = a * b;
            m[0, 1] = a * a;
            return a + b;
        }

        [Differentiable(Forward = true, Hessian = true)]
        public static double UsesOuter2(double a, double b)
        {
            double[,] m = new double[1, 2];
            double s = Outer2(a, b, m);
            return s * m[0, 0] + m[0, 1];
        }

        // A Hessian over an array parameter with a helper per element (ZeroTangentCalls.C's cube, in a loop).
        [Differentiable(Forward = true, Hessian = true)] public static double Cube(double u) => u * u * u;

        [Differentiable(Forward = true, Hessian = true)]
        public static double CubeChain(double[] p)
        {
            double s = 0;
            for (int i = 0; i + 1 < p.Length; i++) s += Cube(p[i]) * p[i + 1];
            return s;
        }

        // A jagged local of the rows of an array parameter (NestedArrays.C's parameters, held as rows).
        [Differentiable(Hessian = true)]
        public static double JaggedRows(double[] p)
        {
            double[][] rows = new double[2][];
            rows[0] = new double[] { p[0], p[1] };
            rows[1] = new double[] { p[1] * p[2], p[0] };
            double s = 0;
            for (int r = 0; r < 2; r++) s += rows[r][0] * rows[r][1];
            return s;
        }
    }

    public static partial class Modes21Jacobian
    {
        // A tuple result through a branch and a call.
        [Differentiable(Forward = true, Jacobian = true)]
        public static (double, double) Polar(double r, double theta)
        {
            if (r < 0) return (0, 0);
            return (r * Math.Cos(theta), Modes21Hessian.Inner(r, theta) * Math.Sin(theta));
        }
    }

    // NestedCalls.C: sq(sin(x)) in all three modes.
    public static partial class Nested21
    {
        [Differentiable(Forward = true, Hessian = true, Jacobian = true)] public static double Sq(double x) => x * x;
        [Differentiable(Forward = true, Hessian = true, Jacobian = true)] public static double One(double x) => Sq(Math.Sin(x)) + Sq(Math.Cos(x));
        [Differentiable(Forward = true, Hessian = true, Jacobian = true)] public static double F(double x, double y) => Sq(Math.Sin(x * y)) * One(y) + Sq(y);
    }
}
