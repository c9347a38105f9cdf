// Functions of a peer AD tool's forward-mode tests (Clad test/FirstDerivative: BasicArithmetic*.C, Assignments.C,
// CompoundAssignments.C, Loops.C, FunctionCallsWithResults.C, CallArguments.C, Switch.C, Variables.C,
// BuiltinDerivatives.C; test/ForwardMode: VectorMode.C, Casts.C, ConstantFolding.C, NonDifferentiable.C), written as a
// C# user would, with [Differentiable(Forward = true)]; a helper they call is itself Forward = true, as the error for a
// plain one asks. Clad differentiates with respect to one argument ("x"); MForward takes a tangent for each.
#pragma warning disable
using System;
using AutoDiffGen;

namespace PeerModes
{
    public static partial class ForwardArithmetic
    {
        [Differentiable(Forward = true)] public static double M7(double x) { ++x; return x * x; }
        [Differentiable(Forward = true)] public static double M9(double x) { x *= 2; return x * x; }
        [Differentiable(Forward = true)] public static double M10(double x, [NoDiff] bool flag) { if (flag) { x *= 2; return x * x; } x += 1; return x * x; }
        [Differentiable(Forward = true)] public static double Issue25(double x, double y) { x += y; x -= y; x /= y; x *= y; return x; }
        [Differentiable(Forward = true)] public static double Mixed(double x, double y, double z) => -x * y + 2 * z / y - (x - y) * (z + x);
        [Differentiable(Forward = true)] public static double Divisions(double x, double y) => x / y / x / 3 / (x + y);
        [Differentiable(Forward = true)] public static double IntConstant(double x) { int y = 4; return x * y * x * 3 * x; }

        // Assignments.C
        [Differentiable(Forward = true)] public static double A1(double x, double y) { x = y; return y; }
        [Differentiable(Forward = true)] public static double A2(double x, double y) { if (x < y) x = y; return x; }
        [Differentiable(Forward = true)] public static double A3(double x, double y) { x = x; x = x * x; y = x * x; x = y; return y; }
        [Differentiable(Forward = true)] public static double A4(double x, double y) { y = x; x = 0; return y; }

        // CompoundAssignments.C
        [Differentiable(Forward = true)] public static double C1(double x, double y) { x += y; x += x; x -= y; x -= x; return x; }
        [Differentiable(Forward = true)] public static double C2(double x, double y) { x *= y; x *= x; x /= y; x /= x; return x; }
        [Differentiable(Forward = true)] public static double C3(double x) { x++; x--; ++x; --x; return x; }
        [Differentiable(Forward = true)] public static double C4(double x, double y) { x = (y += x); return x; }
        [Differentiable(Forward = true)] public static double C5(double x, double y) { x /= Math.Pow(2.0, y); x *= Math.Pow(2.0, y); return x; }

        // Variables.C
        [Differentiable(Forward = true)] public static double Ops2(double x) { double t0 = x; double t1 = 2 * x; double t2 = 5; double t3 = t1 * x + t2; return t3; }

        [Differentiable(Forward = true)]
        public static double SinSquares(double x, double y)
        {
            double xsin = Math.Sin(x);
            double ysin = Math.Sin(y);
            var xt = xsin * xsin;
            var yt = ysin * ysin;
            return xt + yt;
        }

        [Differentiable(Forward = true)] public static double WithString(double x) { string s = "string literal"; return s.Length > 0 ? x : 0; }

        // ConstantFolding.C / Casts.C
        [Differentiable(Forward = true)] public static double Folded(double x) => 0 * x + 1 * x + x * 0 + x * 1 - 0 + x / 1;
        [Differentiable(Forward = true)]
        public static double Casts(double i, double j)
        {
            decimal unused = 3;
            double res = (double)(7 * i) + (double)(i * j);
            double x = (float)3.0 + (double)(float)unused;
            return res + x;
        }
        [Differentiable(Forward = true)] public static float FloatMixed(float x, double y) => (float)(x * y) + x * x;
    }

    public static partial class ForwardLoops
    {
        [Differentiable(Forward = true)]
        public static double F1(double x, int y)
        {
            double r = 1.0;
            for (int i = 0; i < y; i = i + 1) r = r * x;
            return r;
        }

        [Differentiable(Forward = true)]
        public static double F2(double x, int y)
        {
            for (int i = 0; i < y; i++) x *= x;
            return x;
        }

        [Differentiable(Forward = true)]
        public static double F3(double x, int y)
        {
            double r = 1.0;
            for (int i = 0; i < y; r = r * x) i = i + 1;
            return r;
        }

        [Differentiable(Forward = true)]
        public static double F4(double x, int y)
        {
            double r = 1;
            int i;
            for (i = 0; i < y; r *= Math.Sin(x)) i++;
            return r;
        }

        [Differentiable(Forward = true)]
        public static double Fn5(double i, double j)
        {
            int b = 3;
            double a = 0;
            while (b != 0)
            {
                a += i;
                b -= 1;
            }
            return a;
        }

        [Differentiable(Forward = true)]
        public static double Fn6(double i, double j)
        {
            int b = 3;
            double a = 0;
            do
            {
                a += i;
                b -= 1;
            } while (b != 0);
            return a;
        }

        [Differentiable(Forward = true)]
        public static double Fn8(double i, double j)
        {
            do continue; while (false);
            return i * i;
        }

        [Differentiable(Forward = true)]
        public static double Fn9(double i, double j)
        {
            int counter = 4;
            double a = i * j;
            while (counter != 0)
            {
                int num = counter;
                counter -= 1;
                if (num == 2) continue;
                a += i * i;
            }
            return a;
        }

        [Differentiable(Forward = true)]
        public static double Fn10(double x, int n)
        {
            double res = 0;
            for (int count = 0; ; ++count)
            {
                if (count >= n) break;
                double y = x;
                if (y != 0) res += y * y;
            }
            return res;
        }

        [Differentiable(Forward = true)]
        public static double Fn11(double x, double y)
        {
            double r = 0;
            for (int i = 0; ; ++i)
            {
                r = x;
                if (i == 3) break;
                r += x;
            }
            return r;
        }

        [Differentiable(Forward = true)]
        public static double Fn14(double x)
        {
            double r = 0;
            double t = x;
            for (int i = 0; ; ++i)
            {
                r = t;
                if (i == 3) break;
                x += r;
            }
            return x;
        }

        [Differentiable(Forward = true)]
        public static double Fn18(double u, double v)
        {
            double[] dl = { u, v, u * v };
            double res = 0;
            foreach (var d in dl) res += d;
            return res;
        }

        [Differentiable(Forward = true)]
        public static double Fn19(double x, double y)
        {
            double res = 0;
            double[] f = { x * x, 2 * x * y, y * y, x, y };
            foreach (var i in f)
            {
                if (i == x) break;
                res += i;
            }
            return res;
        }

        [Differentiable(Forward = true)]
        public static double Fn20(double x)
        {
            int[] a = { 5 };
            foreach (var i in a) x += i * x;
            return x;
        }

        [Differentiable(Forward = true)]
        public static double Fn21(double x, double y)
        {
            int[] coefficients = { 4, 7, 3 };
            double res = 0;
            foreach (var i in coefficients)
            {
                if (i % 2 == 0) continue;
                res += x * y * i;
            }
            return res;
        }

        // a loop over an array parameter (Loops.C's fn with arrays)
        [Differentiable(Forward = true)]
        public static double SumSquares(double[] a, double x)
        {
            double s = 0;
            for (int i = 0; i < a.Length; i++) s += a[i] * a[i] * x;
            return s;
        }
    }

    public static partial class ForwardCalls
    {
        // FunctionCallsWithResults.C
        [Differentiable(Forward = true)] public static double SumOfSquares(double u, double v) => u * u + v * v;

        [Differentiable(Forward = true)]
        public static double Fn1(double i, double j)
        {
            double res = SumOfSquares(i, j);
            res += SumOfSquares(j, i);
            return res;
        }

        [Differentiable(Forward = true)] public static double SumOfPairwiseProduct(double u, double v, double w) => u * v + v * w + w * u;

        [Differentiable(Forward = true)]
        public static double Fn2(double i, double j)
        {
            double res = Fn1(i, j);
            res += SumOfPairwiseProduct(res, i, j);
            return res;
        }

        [Differentiable(Forward = true)]
        public static double Fn5(double i, double j)
        {
            if (i < 2) return j;
            return Fn5(0, i);
        }

        [Differentiable(Forward = true)]
        public static double Fn6(double i, double j, double k)
        {
            if (i < 0.5) return 0;
            return i + j + k + Fn6(i - 1, j - 1, k - 1);
        }

        [Differentiable(Forward = true)] public static double HelperFn(double i, double j) => i + j;
        [Differentiable(Forward = true)] public static double Fn7(double i, double j) => HelperFn(HelperFn(7 * i, 9 * j), i + j);

        [Differentiable(Forward = true)]
        public static double Sum(double[] arr, int n)
        {
            double val = 0;
            for (int i = 0; i < n; ++i) val += arr[i];
            return val;
        }

        [Differentiable(Forward = true)]
        public static double CheckAndReturn(double x, [NoDiff] char c)
        {
            if (c == 'a') return x;
            return 1;
        }

        [Differentiable(Forward = true)] public static double G(double x) => x;
        [Differentiable(Forward = true)] public static double Fn9(double i, double j) => G(i) * G(j);

        // CallArguments.C
        [Differentiable(Forward = true)] public static float F(float y) => y * y - 10;
        [Differentiable(Forward = true)] public static float Gf(float x) => F(x * x * x);
        [Differentiable(Forward = true)] public static float SqrtFunc(float x, float y) => MathF.Sqrt(x * x + y * y) - y;
        [Differentiable(Forward = true)] public static float ConstHelper(float x) => x * x;
        [Differentiable(Forward = true)] public static float ConstArgs7(float x, float y) => ConstHelper(x) + ConstHelper(y) - y;

        [Differentiable(Forward = true)]
        public static float LiteralHelper(float x, [NoDiff] char ch)
        {
            if (ch == 'a') return x * x;
            return -x * x;
        }

        [Differentiable(Forward = true)] public static float LiteralArgs(float x, float y) => x * LiteralHelper(x, 'a');

        // FunctionCalls.C: a static method of a class, called qualified
        [Differentiable(Forward = true)] public static double StaticMethod(double x) => x;
        [Differentiable(Forward = true)] public static double Test9(double x) => ForwardCalls.StaticMethod(x);
    }

    public static partial class ForwardSwitch
    {
        [Differentiable(Forward = true)]
        public static double Fn1(double i, double j, int choice)
        {
            double a = 0, b = 0;
            double c = i + j;
            switch (choice)
            {
                case 1:
                    a = i * i;
                    b = a / (a * j);
                    break;
                case 2:
                    a = i * j;
                    b = a / (a + i);
                    break;
                case 3:
                    a = j * j;
                    b = a / (a * i);
                    break;
                default:
                    a = i * i;
                    b = j * j;
                    break;
            }
            return a + b + c;
        }

        [Differentiable(Forward = true)]
        public static double Fn4(double i, double j, int choice)
        {
            double a = 0, b = 0;
            switch (choice)
            {
                case 0:
                    a = i + j;
                    b = i * i;
                    break;
                case 1:
                    a = i * i;
                    b = i * i / j;
                    break;
                default:
                    a = i * j;
                    b = i * j;
                    break;
            }
            return a + b;
        }
    }

    public static partial class ForwardBuiltins
    {
        // BuiltinDerivatives.C
        [Differentiable(Forward = true)] public static double Sin(double x) => Math.Sin(x);
        [Differentiable(Forward = true)] public static double Cos(double x) => Math.Cos(x);
        [Differentiable(Forward = true)] public static double Tan(double x) => Math.Tan(x);
        [Differentiable(Forward = true)] public static double Exp(double x) => Math.Exp(x * x);
        [Differentiable(Forward = true)] public static double Log(double x) => Math.Log(x);
        [Differentiable(Forward = true)] public static double Pow(double x, double y) => Math.Pow(x, y);
        [Differentiable(Forward = true)] public static double PowInt(double x) => Math.Pow(x, 3);
        [Differentiable(Forward = true)] public static double Sqrt(double x) => Math.Sqrt(x);
        [Differentiable(Forward = true)] public static double Abs(double x) => Math.Abs(x);
        [Differentiable(Forward = true)] public static double Acos(double x) => Math.Acos(x / 4);
        [Differentiable(Forward = true)] public static double Atan(double x) => Math.Atan(x);
        [Differentiable(Forward = true)] public static double Atan2(double y, double x) => Math.Atan2(y, x);
        [Differentiable(Forward = true)] public static double Tanh(double x) => Math.Tanh(x);
        [Differentiable(Forward = true)] public static double Cosh(double x) => Math.Cosh(x);
        [Differentiable(Forward = true)] public static double Max(double x, double y) => Math.Max(x, y);
        [Differentiable(Forward = true)] public static double Min(double x, double y) => Math.Min(x * x, y);
        [Differentiable(Forward = true)] public static double Hypot(double x, double y) => Math.Sqrt(x * x + y * y);
        [Differentiable(Forward = true)] public static double Floor(double x) => Math.Floor(x) * x;
        [Differentiable(Forward = true)] public static double Fma(double a, double b, double c) => Math.FusedMultiplyAdd(a, b, c);
        [Differentiable(Forward = true)] public static double Log10(double x) => Math.Log10(x) + Math.Log2(x);
        [Differentiable(Forward = true)] public static double Erfc(double x) => Math.Exp(-x * x) * Math.Cbrt(x);
        [Differentiable(Forward = true)] public static float SinF(float x) => MathF.Sin(x) * MathF.Exp(x);
    }

    public static partial class ForwardVectorMode
    {
        // VectorMode.C
        [Differentiable(Forward = true)] public static double F1(double x, double y) => x * y;

        [Differentiable(Forward = true)]
        public static double F2(double x, double y)
        {
            double temp1 = x * y;
            double temp2 = temp1 * x;
            return temp1 + temp2;
        }

        [Differentiable(Forward = true)]
        public static double F3(double x, double y)
        {
            if (x < y) return x * y;
            else return x + y;
        }

        [Differentiable(Forward = true)]
        public static double F4(double lower, double upper)
        {
            double sum = 0;
            double num_points = 10000;
            double interval = (upper - lower) / num_points;
            for (double x = lower; x <= upper; x += interval) sum += x * x * interval;
            return sum;
        }

        [Differentiable(Forward = true)] public static double F5(double x, double y, double z) => 1.0 * x + 2.0 * y + 3.0 * z;

        [Differentiable(Forward = true)]
        public static double Square(double x) => x * x;

        [Differentiable(Forward = true)]
        public static double WeightedSum(double[] arr, double[] weights, int n)
        {
            double res = 0;
            for (int i = 0; i < n; ++i) res += weights[i] * arr[i];
            return res;
        }

        [Differentiable(Forward = true)]
        public static double F8(int n, double[] arr)
        {
            double res = 0;
            for (int i = 0; i < n; ++i) res += Square(arr[i]);
            return res;
        }

        [Differentiable(Forward = true)]
        public static double F10(double x, double y) => Square(x) + Square(y) + WithDefault(x);

        [Differentiable(Forward = true)] public static double WithDefault(double x, double k = 2) => k * x;
    }

    public static partial class ForwardNonDifferentiable
    {
        // NonDifferentiable.C: a constant argument as [NoDiff]
        [Differentiable(Forward = true)] public static double Scaled(double x, [NoDiff] double alpha) => alpha * x * x;
        [Differentiable(Forward = true)] public static double Both(double x, double y, [NoDiff] double[] coeffs) => coeffs[0] * x + coeffs[1] * y * y;
    }
}
