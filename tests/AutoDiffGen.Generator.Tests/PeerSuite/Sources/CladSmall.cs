// Clad's small reverse-mode tests (vgvassilev/clad 4b2c0eef): test/Gradient/CommaOperator.C, UnaryMinus.C,
// TestTypeConversion.C, TBRTernary.C, ConditionalOperatorCondition.C, SwitchInit.C; test/Arrays/Arrays.C;
// test/ValidCodeGen/ValidCodeGen.C; test/Gradient/NonDifferentiable.C. Written as a C# user writes them: C# has no
// comma operator (its operands become statements), no switch initializer (a local before it), no fallthrough (goto
// case), a C++ 2-D array is a double[,] or a jagged array, a const char* condition is a string null test.
#pragma warning disable CS0162 // SwitchInit switches on a constant, as the peer test does
using System;
using AutoDiffGen;

namespace PeerSuite
{
    public static partial class CladComma
    {
        [Differentiable]
        public static double CommaBasic(double a, double b, double c) => b * c;

        [Differentiable]
        public static double CommaSideEffect(double a, double b, double c)
        {
            a += 1.0;
            return b * c;
        }

        [Differentiable]
        public static double CommaLvalueAssign(double a, double b, double c)
        {
            b = c;
            return b * 2.0;
        }

        [Differentiable]
        public static double CommaNestedSelf(double a, double b) => b * b;

        [Differentiable]
        public static double CommaNestedChain(double a, double b, double c, double d) => c * d;

        [Differentiable]
        public static double CommaLvalueExpr(double a, double b, double c, double d) => (b = c) * d;

        [Differentiable]
        public static double CommaLvalueChain(double a, double b, double c, double d)
        {
            c = d;
            return c * 3.0;
        }
    }

    public static partial class CladUnaryMinus
    {
        [Differentiable]
        public static double F1(double x) => -(-(-1)) * -(-(-x));

        [Differentiable]
        public static double F2(double x, double y) => -2 * -(-(-x)) * -y - 1 * (-y) * (-(-x));
    }

    public static partial class CladTypeConversion
    {
        [Differentiable]
        public static float FnTypeConversion(float z, int a)
        {
            for (int i = 1; i < a; i++)
            {
                z = z * a;
            }
            return z;
        }
    }

    public static partial class CladTbrTernary
    {
        [Differentiable]
        public static double F(bool cond, double a, double b)
        {
            double x = cond ? (a * a) : (b * b);
            a = 0;
            b = 0;
            return x;
        }
    }

    public static partial class CladConditionalCondition
    {
        [Differentiable]
        public static double F(double x, string? s) => s != null ? x * x : x;
    }

    public static partial class CladSwitchInit
    {
        [Differentiable]
        public static double Fn1(double i, double j)
        {
            double res = 0;
            int count = 1;
            switch (count)
            {
                case 0: res += i * j; break;
                case 1: res += i * i; goto case 2;
                case 2: res += j * j; goto default;
                default: res += i * i * j * j; break;
            }
            return res;
        }
    }

    public static partial class CladArrays
    {
        [Differentiable]
        public static double Sum(double x, double y, double z)
        {
            double[] vars = { x, y, z };
            double s = 0;
            for (int i = 0; i < 3; i++)
                s = s + vars[i];
            return s;
        }

        [Differentiable]
        public static double SumSquares(double x, double y, double z)
        {
            double[] vars = { x, y, z };
            double[] squares = new double[3];
            for (int i = 0; i < 3; i++)
                squares[i] = vars[i] * vars[i];
            double s = 0;
            for (int i = 0; i < 3; i++)
                s = s + squares[i];
            return s;
        }

        [Differentiable]
        public static double ConstDotProduct(double x, double y, double z)
        {
            double[] vars = { x, y, z };
            double[] consts = { 1, 2, 3 };
            return vars[0] * consts[0] + vars[1] * consts[1] + vars[2] * consts[2];
        }

        [Differentiable]
        public static double ConstMatmulSum(double a, double b, double c, double d)
        {
            double[,] A = { { a, b }, { c, d } };
            double[,] B = { { 1, 2 }, { 3, 4 } };
            double[,] C = { { A[0, 0] * B[0, 0] + A[0, 1] * B[1, 0], A[0, 0] * B[0, 1] + A[0, 1] * B[1, 1] },
                            { A[1, 0] * B[0, 0] + A[1, 1] * B[1, 0], A[1, 0] * B[0, 1] + A[1, 1] * B[1, 1] } };
            return C[0, 0] + C[0, 1] + C[1, 0] + C[1, 1];
        }

        [Differentiable]
        public static double ConstMatmulSumJagged(double a, double b, double c, double d)
        {
            double[][] A = { new[] { a, b }, new[] { c, d } };
            double[][] B = { new double[] { 1, 2 }, new double[] { 3, 4 } };
            double[][] C = { new[] { A[0][0] * B[0][0] + A[0][1] * B[1][0], A[0][0] * B[0][1] + A[0][1] * B[1][1] },
                             new[] { A[1][0] * B[0][0] + A[1][1] * B[1][0], A[1][0] * B[0][1] + A[1][1] * B[1][1] } };
            return C[0][0] + C[0][1] + C[1][0] + C[1][1];
        }

        private static readonly double[] Arr = { 4.0, 5.0 };

        [Differentiable]
        public static double FInner(double[] p) => p[0] * p[1];

        [Differentiable]
        public static double FOuter(double x) => FInner(Arr) * x;
    }

    public static partial class CladValidCodeGen
    {
        public static int Coefficient = 3;

        public struct Test2
        {
            public double this[double x] => 4 * x;
        }

        [Differentiable]
        public static double Fn(double x) => x * Coefficient;

        [Differentiable]
        public static double Fn2(double x, double y)
        {
            Test2 t = new Test2();
            double q = t[x];
            return q;
        }
    }

    public static partial class CladNonDifferentiable
    {
        public sealed class SimpleFunctions1
        {
            public SimpleFunctions1(double pX, double pY) { X = pX; Y = pY; }
            public double X;
            public double Y;
            public double MemFn1(double i, double j) => (X + Y) * i + i * j * j;
        }

        [Differentiable]
        public static double FnS1MemFn(double i, double j)
        {
            SimpleFunctions1 obj = new SimpleFunctions1(2, 3);
            return obj.MemFn1(i, j) + i * j;
        }

        [Differentiable]
        public static double FnS1Field(double i, double j)
        {
            SimpleFunctions1 obj = new SimpleFunctions1(2, 3);
            return obj.X * obj.Y + i * j;
        }

        public static double FnNonDiff(double i, double j) => i * j;

        [Differentiable]
        public static double FnNonDiffCall(double i, double j) => FnNonDiff(i, j) + i * j;

        [Differentiable]
        public static float FnNonDiffPtrParam(float[] input, float[] factors, [NoDiff] float[] buffer) => input[0] + factors[0] + buffer[0];
    }
}
