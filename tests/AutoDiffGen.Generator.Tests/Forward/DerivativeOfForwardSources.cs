namespace AutoDiffGen.Generator.Tests.Forward;

/// <summary>
/// Methods with hand-written derivatives of both shapes (reverse <c>MBackward</c> and forward <c>MForward</c>), and
/// <c>Forward = true</c> callers that use them in branches, in loops and through another forward caller. C# 7.3.
/// </summary>
public static class DerivativeOfForwardSources
{
    public const string Source = @"
using System;
using AutoDiffGen;

namespace HandForward
{
    public static partial class Lib
    {
        // Not [Differentiable]: each is differentiated only through its hand-written derivatives.
        public static double Cube(double x) { return x * x * x; }

        [DerivativeOf(nameof(Cube))]
        public static double CubeBackward(double x, ref double dX, double dResult = 1) { dX += 3 * x * x * dResult; return x * x * x; }

        [DerivativeOf(nameof(Cube))]
        public static double CubeForward(double x, double tX, out double tResult) { tResult = 3 * x * x * tX; return x * x * x; }

        public static double Hyp(double x, double y) { return Math.Sqrt(x * x + y * y); }

        [DerivativeOf(nameof(Hyp))]
        public static double HypBackward(double x, double y, ref double dX, ref double dY, double dResult = 1)
        {
            double r = Math.Sqrt(x * x + y * y);
            dX += x / r * dResult;
            dY += y / r * dResult;
            return r;
        }

        [DerivativeOf(nameof(Hyp))]
        public static double HypForward(double x, double y, double tX, double tY, out double tResult)
        {
            double r = Math.Sqrt(x * x + y * y);
            tResult = (x * tX + y * tY) / r;
            return r;
        }

        // A constant array and an int beside a real: only the real has a tangent.
        public static double Weighted(double[] w, int k, double x) { return w[k] * Math.Sin(x); }

        [DerivativeOf(nameof(Weighted))]
        public static double WeightedBackward(double[] w, int k, double x, ref double dX, double dResult = 1) { dX += w[k] * Math.Cos(x) * dResult; return w[k] * Math.Sin(x); }

        [DerivativeOf(nameof(Weighted))]
        public static double WeightedForward(double[] w, int k, double x, double tX, out double tResult) { tResult = w[k] * Math.Cos(x) * tX; return w[k] * Math.Sin(x); }

        public static float Soft(float x) { return (float)Math.Log(1 + Math.Exp(x)); }

        [DerivativeOf(nameof(Soft))]
        public static float SoftBackward(float x, ref float dX, float dResult = 1) { dX += (float)(1 / (1 + Math.Exp(-x))) * dResult; return Soft(x); }

        [DerivativeOf(nameof(Soft))]
        public static float SoftForward(float x, float tX, out float tResult) { tResult = (float)(1 / (1 + Math.Exp(-x))) * tX; return Soft(x); }
    }

    public static partial class Use
    {
        private static readonly double[] W = { 0.5, -2.0, 2.5 };

        // f = Cube(x·y) + Hyp(x, 2) in one branch, Hyp(y, x)·x in the other.
        [Differentiable(Forward = true)]
        public static double Branchy(double x, double y)
        {
            double s;
            if (x > 0) s = Lib.Cube(x * y) + Lib.Hyp(x, 2.0);
            else s = Lib.Hyp(y, x) * x;
            return s;
        }

        // f = Weighted(W, 2, x·y) + Σk Cube(y)·k + Hyp(x, k), k = 0..2.
        [Differentiable(Forward = true)]
        public static double Looped(double x, double y)
        {
            double s = Lib.Weighted(W, 2, x * y);
            for (int k = 0; k < 3; k++) s += Lib.Cube(y) * k + Lib.Hyp(x, k);
            return s;
        }

        // A forward caller of a forward caller: Branchy(x, y)·Cube(x) + Hyp(Cube(2.0), y).
        [Differentiable(Forward = true)]
        public static double Outer(double x, double y) => Branchy(x, y) * Lib.Cube(x) + Lib.Hyp(Lib.Cube(2.0), y);

        [Differentiable(Forward = true)]
        public static float Single(float x, float y) => Lib.Soft(x * y) + x;
    }
}
";
}
