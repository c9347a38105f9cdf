// Fields, instance methods and other state a C# user's [Differentiable] method naturally touches.
using System;
using AutoDiffGen;

namespace PeerSuite
{
    public partial class State
    {
        private static double scale = 2.5;
        private const double Offset = 0.25;
        private static readonly double[] Weights = { 0.5, 1.5, -2.0 };
        private double bias = 0.75;
        public double Gain { get; set; } = 1.25;

        [Differentiable]
        public static double StaticField(double x) => scale * x * x + Offset;

        [Differentiable]
        public static double ReadonlyArrayField(double x)
        {
            double s = 0;
            for (int i = 0; i < Weights.Length; i++) s += Weights[i] * Math.Pow(x, i);
            return s;
        }

        [Differentiable]
        public double InstanceField(double x) => (x + bias) * (x - bias) * Gain;

        [Differentiable]
        public double InstanceCallsStatic(double x) => StaticField(x) * bias;

        private static double counter;

        [Differentiable]
        public static double WritesStaticField(double x)
        {
            counter = x * 2;
            return counter * x;
        }

        [Differentiable]
        public static double ThrowsOnBad(double x)
        {
            if (x < -100) throw new ArgumentOutOfRangeException(nameof(x));
            return x * x;
        }

        [Differentiable]
        public static double CheckedCast(double x, long n)
        {
            long m = n * 2;
            double d = m;
            return x * d + (int)m;
        }

        [Differentiable]
        public static double UsesNaNCheck(double x)
        {
            if (double.IsNaN(x)) return 0;
            return Math.Abs(x) < 1e-300 ? 0 : x * Math.Log(Math.Abs(x));
        }

        [Differentiable]
        public static double LocalArrayInitializer(double x, double y)
        {
            double[] v = { x, y, x * y };
            double s = 0;
            for (int i = 0; i < v.Length; i++) s += v[i] * v[i];
            return s;
        }

        [Differentiable]
        public static double ArrayParamReassignedElement(double[] x)
        {
            x[0] = x[0] * x[1];
            return x[0] + x[1];
        }

        [Differentiable]
        public static double Tuple(double x, double y)
        {
            (double a, double b) = (x * y, x + y);
            return a * b;
        }

        [Differentiable]
        public static double TupleSwap(double x, double y)
        {
            (x, y) = (y, x * y);
            return x * y * y;
        }

        [Differentiable]
        public static double Var(double x)
        {
            var a = x * 2;
            var b = 3;
            return a * b * x;
        }

        [Differentiable]
        public static double Goto(double x)
        {
            double r = x;
            int i = 0;
        again:
            r = r * x;
            i++;
            if (i < 3) goto again;
            return r;
        }

        [Differentiable]
        public static double IntParamAsReal(double x, int k)
        {
            double kk = k;
            return x * kk + k * x * x;
        }

        [Differentiable]
        public static double IsPatternOnDouble(double x)
        {
            object o = x;
            return o is double d ? d * d : 0;
        }

        [Differentiable]
        public static double Checked(double x, int k)
        {
            int j = checked(k * 2);
            return x * j;
        }
    }
}
