// More of Clad's forward-mode tests (vgvassilev/clad 4b2c0eef): test/Arrays/ArrayInputsForwardMode.C,
// test/FirstDerivative/FunctionCalls.C, DependencyTracking.C, FunctionsOneVariable.C, Overloads.C, and
// test/ForwardMode/ReferenceArguments.C, written as a C# user would with [Differentiable(Forward = true)]. Clad's
// checked values (ArrayInputsForwardMode: 1.00, -0.25, 1.00, 3.00; ReferenceArguments: 30.00) are what central
// differences give at its points, which the mode judge samples around.
#pragma warning disable
using System;
using System.Diagnostics;
using AutoDiffGen;

namespace PeerModes
{
    public static partial class CladForwardArrays
    {
        [Differentiable(Forward = true)] public static double Multiply(double[] arr) => arr[0] * arr[1];

        [Differentiable(Forward = true)] public static double Divide(double[] arr) => arr[0] / arr[1];

        [Differentiable(Forward = true)]
        public static double AddArr(double[] arr, int n)
        {
            double ret = 0;
            for (int i = 0; i < n; i++)
            {
                ret += arr[i];
            }
            return ret;
        }

        // x * i where arr[i] == x, else 0: the comparison is exact, so at sampled points it is 0 (no element equals x).
        [Differentiable(Forward = true)]
        public static double NumMultIndex(double[] arr, int n, double x)
        {
            bool flag = false;
            int idx = 0;
            for (int i = 0; i < n; ++i)
            {
                if (arr[i] == x)
                {
                    flag = true;
                    idx = i;
                    break;
                }
            }
            return flag ? idx * x : 0;
        }
    }

    public static partial class CladForwardCalls
    {
        [Differentiable(Forward = true)] public static float Test6(float x, float y) => MathF.Sin(x) + MathF.Cos(y);

        public static void Increment(ref int i) { ++i; }

        [Differentiable(Forward = true)]
        public static double Test7(double i, double j)
        {
            double res = 0;
            for (int k = 0; k < 5; Increment(ref k))
                res += k * j * i;
            return res;
        }

        public enum E { A, B, C }

        [Differentiable(Forward = true)] public static double FuncWithEnum(double x, E e) => x * x;

        [Differentiable(Forward = true)]
        public static double Test8(double x)
        {
            E e = E.B;
            return FuncWithEnum(x, e);
        }

        public static partial class A
        {
            [Differentiable(Forward = true)] public static double StaticMethod(double x) => x;
        }

        [Differentiable(Forward = true)] public static double Test9(double x) => A.StaticMethod(x);

        public static void SomeImportantVoidFunc(double y) { Debug.Assert(y >= 1); }

        [Differentiable(Forward = true)]
        public static double Test10(double x)
        {
            SomeImportantVoidFunc(1);
            return x;
        }

        public static void OpaqueConfig(int a, object? p) { }

        [Differentiable(Forward = true)]
        public static double Test11(double x)
        {
            OpaqueConfig(1, null);
            return x * x;
        }

        // DependencyTracking.C
        [Differentiable(Forward = true)]
        public static double F(double x)
        {
            double result = 0.0;
            if (x < 0)
                result = -x * x;
            else
                result = x * x;
            return result;
        }

        // FunctionsOneVariable.C
        [Differentiable(Forward = true)] public static float FSimple(float x) => x * x;

        // Overloads.C
        [Differentiable(Forward = true)] public static float Func(float x) => x;
        [Differentiable(Forward = true)] public static double Func(double x) => x + x;
        [Differentiable(Forward = true)] public static double CallsOverload(double x, float y) => Func(x) * Func(y);

        // ReferenceArguments.C
        [Differentiable(Forward = true)]
        public static double Fn1(ref double i, ref double j)
        {
            double res = i * i * j;
            return res;
        }
    }
}
