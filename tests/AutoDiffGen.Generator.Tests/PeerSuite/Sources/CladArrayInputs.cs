// Clad test/Arrays/ArrayInputsReverseMode.C (vgvassilev/clad 4b2c0eef), as a C# user writes it: a pointer
// parameter is an array, a helper writing through a reference takes a ref parameter. func5 (a gradient with respect
// to an int) has no C# counterpart and is left out.
using System;
using AutoDiffGen;

namespace PeerSuite
{
    public static partial class CladArrayInputs
    {
        [Differentiable]
        public static double AddArr(double[] arr, int n)
        {
            double ret = 0;
            for (int i = 0; i < n; i++)
            {
                ret += arr[i];
            }
            return ret;
        }

        [Differentiable]
        public static double F(double[] arr) => AddArr(arr, 3);

        [Differentiable]
        public static float Func(float[] a, float[] b)
        {
            float sum = 0;
            for (int i = 0; i < 3; i++)
            {
                a[i] *= b[i];
                sum += a[i];
            }
            return sum;
        }

        [Differentiable]
        public static float Helper(float x) => 2 * x;

        [Differentiable]
        public static float Func2(float[] a)
        {
            float sum = 0;
            for (int i = 0; i < 3; i++)
                sum += Helper(a[i]);
            return sum;
        }

        [Differentiable]
        public static float Func3(float[] a, float[] b)
        {
            float sum = 0;
            for (int i = 0; i < 3; i++)
                sum += (a[i] += b[i]);
            return sum;
        }

        [Differentiable]
        public static double Func4(double x)
        {
            double[] arr = { x, 2 * x, x * x };
            double sum = 0;
            for (int i = 0; i < 3; i++)
            {
                sum += AddArr(arr, 3);
            }
            return sum;
        }

        [Differentiable]
        public static double Func6(double seed)
        {
            double sum = 0;
            for (int i = 0; i < 3; i++)
            {
                double[] arr = { seed, seed * i, seed + i };
                sum += AddArr(arr, 3);
            }
            return sum;
        }

        [Differentiable]
        public static double InvSquare(double[] parameters) => 1 / (parameters[0] * parameters[0]);

        [Differentiable]
        public static double Func7(double[] parameters)
        {
            double output = 0.0;
            for (int i = 0; i < 1; ++i)
            {
                double[] paramsPrime = { parameters[0] };
                output = output + InvSquare(paramsPrime);
            }
            return output;
        }

        [Differentiable]
        public static double Helper2(double i, double[] arr, int n) => arr[0] * i;

        [Differentiable]
        public static double Func8(double i, double[] arr, int n)
        {
            double res = 0;
            arr[0] = 1;
            res = Helper2(i, arr, n);
            arr[0] = 5;
            return res;
        }

        [Differentiable]
        public static void Modify(ref double elem, double val)
        {
            elem = val;
        }

        [Differentiable]
        public static double Func9(double i, double j)
        {
            double[] arr = new double[5];
            for (int idx = 0; idx < 5; ++idx)
            {
                Modify(ref arr[idx], i);
            }
            return arr[0] + arr[1] + arr[2] + arr[3] + arr[4];
        }

        [Differentiable]
        public static double Sq(ref double elem)
        {
            elem = elem * elem;
            return elem;
        }

        [Differentiable]
        public static double Func10(double[] arr, int n)
        {
            double res = 0;
            for (int i = 0; i < n; ++i)
            {
                res += Sq(ref arr[i]);
            }
            return res;
        }

        [Differentiable]
        public static double Func11(double seed)
        {
            double sum = 0;
            for (int i = 0; i < 3; i++)
            {
                double[] arr = new double[3];
                arr[0] = seed;
                arr[1] = seed * i;
                arr[2] = seed + i;
                sum += AddArr(arr, 3);
            }
            return sum;
        }

        [Differentiable]
        public static double Func12(double[] x, double[] y)
        {
            double prod = 0;
            for (int i = 0; i < 3; ++i)
                prod += x[i] * y[i];
            return prod;
        }

        [Differentiable]
        public static double Func13(double[] x, double y)
        {
            double prod = 0;
            for (int i = 0; i < 2; ++i)
            {
                double[] arr = { 1.0 + i, 0.0, y, 0.0 };
                prod += arr[0] * x[0] + arr[1] * x[1] + arr[2] * x[2] + arr[3] * x[3];
            }
            return prod; // 3 * x[0] + 2 * x[2] * y
        }
    }
}
