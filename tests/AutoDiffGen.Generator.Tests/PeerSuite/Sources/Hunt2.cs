// More shapes: calls in conditions and loop conditions, named arguments out of order, default arguments,
// overloads, Math functions beyond the basic ones, input-dependent indices.
using System;
using AutoDiffGen;

namespace PeerSuite
{
    public partial class Hunt2
    {
        [Differentiable]
        public static double Sq(double x) => x * x;

        [Differentiable]
        public static float Sq(float x) => x * x * 2f;

        [Differentiable]
        public static double Div(double x, double y) => x / y;

        [Differentiable]
        public static double Scaled(double x, double k = 3) => k * x * x;

        [Differentiable]
        public static double NamedArgumentsOutOfOrder(double a, double b)
        {
            return Div(y: a, x: 2 * b) + Div(x: a, y: b + 3);
        }

        [Differentiable]
        public static double DefaultArgument(double a, double b) => Scaled(a) + Scaled(b, a);

        [Differentiable]
        public static float OverloadFloatDouble(double a, float b) => (float)(Sq(a) + Sq(b) + Sq((float)a));

        [Differentiable]
        public static double CallInCondition(double x)
        {
            if (Sq(x) > 2) return Sq(x - 1);
            return Sq(x) * x;
        }

        [Differentiable]
        public static double CallInLoopCondition(double x)
        {
            double r = x;
            int i = 0;
            while (Sq(r) < 30 && i < 20)
            {
                r = r + Sq(x) * 0.5;
                i++;
            }
            return r;
        }

        [Differentiable]
        public static double CallInTernary(double x, double y) => x > y ? Sq(x) * y : Div(x, y + 4);

        [Differentiable]
        public static double CallWithLoopCarriedArgument(double x)
        {
            double r = x;
            for (int i = 0; i < 3; i++) r = Sq(r) * 0.5 + Div(r, 3);
            return r;
        }

        [Differentiable]
        public static double CalleeWithArrayAndEarlyReturn(double[] a, double t)
        {
            return FirstBig(a, t) * t + FirstBig(a, t * 2);
        }

        [Differentiable]
        public static double FirstBig(double[] a, double t)
        {
            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] * t > 2) return a[i] * a[i] * t;
            }
            return t;
        }

        [Differentiable]
        public static double NoDiffCallee(double x, [NoDiff] double k) => x * k * k;

        [Differentiable]
        public static double CallsNoDiff(double x, double y) => NoDiffCallee(x * y, y) + NoDiffCallee(y, x);

        private double w = 1.5;

        [Differentiable]
        public double InstanceSquare(double x) => w * x * x;

        [Differentiable]
        public double InstanceCallsInstance(double x, double y) => this.InstanceSquare(x) + InstanceSquare(y * x);

        [Differentiable]
        public static double MoreMath(double x, double y)
        {
            return Math.Cbrt(x) + Math.Log(y, 3) + Math.Log10(x) + Math.Log2(y) + Math.Asin(x / 4) + Math.Acos(y / 4)
                + Math.Atan(x * y) + Math.Sinh(x) + Math.Tan(y / 3) + Math.Exp(-x * y);
        }

        [Differentiable]
        public static double FusedAndSigns(double x, double y)
        {
            return Math.FusedMultiplyAdd(x, y, x) + Math.CopySign(x, y - 1) + Math.MaxMagnitude(x, -y) + Math.MinMagnitude(x, -y);
        }

        [Differentiable]
        public static double IeeeRemainder(double x) => Math.IEEERemainder(x * 3, 2);

        [Differentiable]
        public static double ScaleB(double x) => Math.ScaleB(x, 3);

        [Differentiable]
        public static double ReciprocalSqrt(double x) => Math.ReciprocalSqrtEstimate(x);

        [Differentiable]
        public static double DoubleMaxMin(double x, double y) => double.Max(x, y) * double.Min(x, 2 * y) + double.Abs(x - y);

        [Differentiable]
        public static float MixedFloatMath(float x, float y)
        {
            float a = (float)Math.Sqrt(x) * MathF.Cos(y);
            double b = Math.Pow(x, y);
            return a + (float)b + MathF.Max(x, y) + MathF.Abs(x - y) + MathF.Log(x);
        }

        [Differentiable]
        public static double InputDependentIndex(double[] a, double x)
        {
            int k = (int)Math.Floor(x) % a.Length;
            if (k < 0) k += a.Length;
            return a[k] * x + a[(k + 1) % a.Length];
        }

        [Differentiable]
        public static double IntParamLoopsAndCasts(double x, int n)
        {
            double s = 0;
            for (int i = 0; i < n; i++) s += Math.Pow(x, i) / (i + 1) + (double)i / n * x;
            return s;
        }

        [Differentiable]
        public static double LongAndUint(double x, long n)
        {
            uint u = (uint)n;
            ulong big = (ulong)n * 3;
            return x * u + big * x * x;
        }

        [Differentiable]
        public static double ConstantsAndSpecials(double x)
        {
            return Math.E * x + Math.PI * x * x + Math.Tau + double.Epsilon * x;
        }

        [Differentiable]
        public static double IsPatternCondition(double x)
        {
            if (x is > 0.5 and < 2.5) return x * x;
            return x;
        }

        [Differentiable]
        public static double ReturnsIntExpression(double x, int n) => n * 2 + x;

        [Differentiable]
        public static double NestedMax(double x, double y, double z) => Math.Max(Math.Max(x, y), Math.Min(y, z)) * Math.Max(x * y, 0);

        [Differentiable]
        public static double ParamsArray(params double[] xs)
        {
            double s = 0;
            foreach (var v in xs) s += v * v * v;
            return s;
        }

        [Differentiable]
        public static double CallsParams(double x, double y) => ParamsArray(x, y, x * y);

        [Differentiable]
        public static double LocalArrayPassedToCallee(double x, double y)
        {
            double[] v = new double[3];
            v[0] = x; v[1] = y; v[2] = x * y;
            return SumOfSquares(v) + v[2];
        }

        [Differentiable]
        public static double SumOfSquares(double[] v)
        {
            double s = 0;
            for (int i = 0; i < v.Length; i++) s += v[i] * v[i];
            return s;
        }

        [Differentiable]
        public static double ArrayElementAsArgumentInLoop(double[] a)
        {
            double s = 0;
            for (int i = 0; i + 1 < a.Length; i++) s += Div(a[i], a[i + 1] + 4) * Sq(a[i]);
            return s;
        }

        [Differentiable]
        public static double StringInterp(double x)
        {
            string s = $"{x}";
            return s.Length > 100 ? 0 : x * x;
        }

        [Differentiable]
        public static double UsingMathStatic(double x) => Math.Sin(x) * Math.Cos(x) - Math.Sin(x) * Math.Sin(x);
    }
}
