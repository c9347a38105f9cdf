// Functions of a peer AD tool's Hessian tests (Clad test/Hessian: Hessians.C, BuiltinDerivatives.C, Arrays.C,
// NestedFunctionCalls.C, NestedArrays.C, EarlyReturns.C, TBR.C, VectorProducts.C, ZeroTangentCalls.C,
// PerDirectionFallback.C, NonActiveCallBase.C, Pointers.C, CustomDerivatives.C), written as a C# user would:
// a helper the Hessian calls is itself [Differentiable(Hessian = true)], as the error for a plain one asks.
#pragma warning disable
using System;
using AutoDiffGen;

namespace PeerModes
{
    public static partial class Hessians
    {
        // Hessians.C
        [Differentiable(Hessian = true)] public static double CubedAdd(double a, double b) => a * a * a + b * b * b;
        [Differentiable(Hessian = true)] public static double Suvat(double u, double t) => (u * t) + (0.5 * 9.81 * (t * t));

        [Differentiable(Hessian = true)]
        public static double Cond3(double x, double c)
        {
            if (c > 0) return (x * x * x) + (c * c * c);
            else return (x * x * x) - (c * c * c);
        }

        [Differentiable(Hessian = true)] public static double Power10(double x) => x * x * x * x * x * x * x * x * x * x;
        [Differentiable(Hessian = true)] public static double SomeMethod(double i, double j) => i * i * j + j * j * i;
        [Differentiable(Hessian = true)] public static double DefaultArguments(double i = 0, double j = 0) => 2 * i * j;

        // Pointers.C (every way of naming the function is the same method in C#)
        [Differentiable(Hessian = true)] public static double NonMemFn(double i, double j) => i * j;

        // CustomDerivatives.C / PerDirectionFallback.C
        [Differentiable(Hessian = true)] public static double XxY(double x, double y) => x * x * y;
        [Differentiable(Hessian = true)] public static double XYy(double x, double y) => x * y * y;

        [Differentiable(Hessian = true)]
        public static double WithFlag(double x, double y, [NoDiff] int kind)
        {
            if (kind == 1) return x * x * y;
            return x * y;
        }

        [Differentiable(Hessian = true)]
        public static double WithScale(double x, double y, [NoDiff] double scale) => x * x * y * scale;

        // TBR.C
        [Differentiable(Hessian = true)]
        public static double LinearAndNonlinear(double x, double y)
        {
            double a = x * y;
            double s = a;
            for (int i = 0; i < 3; ++i)
            {
                s = s + a;
                a = a * x;
            }
            return s * a;
        }

        // VectorProducts.C
        [Differentiable(Hessian = true)] public static double ManyDirections(double[] p, double q) => p[0] * p[1] * p[2] + p[3] * q * q;
        [Differentiable(Hessian = true)] public static double SomeDirections(double[] p, [NoDiff] double[] x) => p[0] * p[0] * x[0] + p[1] * p[1] * p[1] * x[1];
        [Differentiable(Hessian = true)] public static double TwoSubsets(double x, double y) => x * x * y + y * y;
    }

    public static partial class HessianBuiltins
    {
        // BuiltinDerivatives.C: float functions, as Clad's are
        [Differentiable(Hessian = true)] public static float SinCos(float x) => MathF.Sin(x) + MathF.Cos(x);
        [Differentiable(Hessian = true)] public static float Exp(float x) => MathF.Exp(x);
        [Differentiable(Hessian = true)] public static float Log(float x) => MathF.Log(x);
        [Differentiable(Hessian = true)] public static float Pow4(float x) => MathF.Pow(x, 4.0F);
        [Differentiable(Hessian = true)] public static float TwoToThe(float x) => MathF.Pow(2.0F, x);
        [Differentiable(Hessian = true)] public static float Pow(float x, float y) => MathF.Pow(x, y);
        [Differentiable(Hessian = true)] public static float SinExp(float x, float y) => MathF.Sin(x) + MathF.Exp(y);
        [Differentiable(Hessian = true)] public static float Quadratic(float x, float y) => (x * x + y * y) / 2 + x * y;

        // the same in double, as a C# user would more often write them
        [Differentiable(Hessian = true)] public static double SinCosD(double x) => Math.Sin(x) + Math.Cos(x);
        [Differentiable(Hessian = true)] public static double PowD(double x, double y) => Math.Pow(x, y);
        [Differentiable(Hessian = true)] public static double TwoToTheD(double x) => Math.Pow(2.0, x);
        [Differentiable(Hessian = true)] public static double LogD(double x) => Math.Log(x);
    }

    public static partial class HessianArrays
    {
        // Arrays.C
        [Differentiable(Hessian = true)] public static double F(double i, double[] j) => i * j[0] * j[1];
        [Differentiable(Hessian = true)] public static double G(double i, double[] j) => i * (j[0] + j[1]);

        [Differentiable(Hessian = true)]
        public static double H(double[] arr, double[] weights, double multiplier)
        {
            double weightedSum = arr[0] * weights[0];
            weightedSum += arr[1] * weights[1];
            weightedSum += arr[2] * weights[2];
            weightedSum *= multiplier;
            return weightedSum * weightedSum;
        }

        // EarlyReturns.C: the helper as a user writes it, with an early return and a loop
        [Differentiable(Hessian = true)]
        public static double Poly(double[] coefs, int n)
        {
            int degree = n - 1;
            if (degree == 2) return coefs[2] * coefs[1] + coefs[1] * coefs[0];
            double t = 1.0;
            double result = coefs[0];
            for (int i = 1; i < degree; i++)
            {
                result = result + t * coefs[i];
                t *= coefs[0];
            }
            return result;
        }

        [Differentiable(Hessian = true)] public static double EarlyBeforeLoop(double[] c) => Poly(c, 3);
        [Differentiable(Hessian = true)] public static double LoopAfterEarly(double[] c) => Poly(c, 4);
    }

    public static partial class HessianCalls
    {
        // NestedFunctionCalls.C
        [Differentiable(Hessian = true)] public static double F(double x, double y) => x * x + y * y;

        [Differentiable(Hessian = true)]
        public static double F2(double x, double y)
        {
            double ans = F(x, y);
            return ans;
        }

        // ZeroTangentCalls.C
        [Differentiable(Hessian = true)] public static double Cube(double u) => u * u * u;
        [Differentiable(Hessian = true)] public static double SumOfCubes(double x, double y) => Cube(x) + Cube(y);
        [Differentiable(Hessian = true)] public static double SumOfCubesArr(double[] p) => Cube(p[0]) + Cube(p[1]);

        // NonActiveCallBase.C
        [Differentiable(Hessian = true)] public static double Square(double x) => x * x;
        [Differentiable(Hessian = true)] public static double Helper(double x) => Square(x);
        [Differentiable(Hessian = true)] public static double Func(double[] p) => Helper(p[0]) * p[1];

        // NestedArrays.C
        [Differentiable(Hessian = true)]
        public static double F0Inner(double[] parameters) =>
            parameters[0] * parameters[1] * parameters[2] + parameters[3] * parameters[3] + parameters[4] * parameters[0];

        [Differentiable(Hessian = true)]
        public static double F0Outer(double[] parameters) => F0Inner(parameters) + Math.Sin(parameters[2]) - Math.Exp(parameters[4]);

        [Differentiable(Hessian = true)] public static double F1Inner(double[] p) => p[0] * p[1];

        [Differentiable(Hessian = true)]
        public static double F1Outer(double x, double y)
        {
            double[] arr = { x, y };
            return F1Inner(arr);
        }

        [Differentiable(Hessian = true)] public static double F2Inner(double[] p, double x) => p[0] * x * x;

        [Differentiable(Hessian = true)]
        public static double F2Outer(double x)
        {
            double[] arr = { 2.0, 3.0 };
            return F2Inner(arr, x);
        }

        // Functors.C / TemplateFunctors.C: the functor's operator() as a method
        [Differentiable(Hessian = true)] public static double Affine(double i, double j) => 3 * i * j + 5 * i * i;
        [Differentiable(Hessian = true)] public static double ThroughAffine(double i, double j) => Affine(i, j) * Affine(j, i);

        // helpers with a branch and a loop, called by a Hessian
        [Differentiable(Hessian = true)]
        public static double Clamped(double x) => x > 1 ? x * x : x * x * x;

        [Differentiable(Hessian = true)]
        public static double PowerLoop(double x, [NoDiff] int n)
        {
            double r = 1;
            for (int i = 0; i < n; i++) r *= x;
            return r;
        }

        [Differentiable(Hessian = true)] public static double CallsBranchAndLoop(double x, double y) => Clamped(x * y) + PowerLoop(x + y, 3) * y;
    }
}
