// Integer/real mixing and conversions a user writes without thinking: every one must keep or refuse the gradient.
using System;
using AutoDiffGen;

namespace PeerSuite
{
    public static partial class Conversions
    {
        [Differentiable] public static double IntNumerator(double x) => 1 / x + 2 / (x + 1) + 3 * x / 4;
        [Differentiable] public static double IntParamDivides(double x, int n) => x / n + n / x + -n * x;
        [Differentiable] public static double LongParam(double x, long n) => n * x + x / n;
        [Differentiable] public static double IntTernaryFactor(double x) => (x > 1 ? 1 : -1) * x + x * (x > 0.5 ? 2 : 0);
        [Differentiable] public static double MathWithInts(double x, int n) => Math.Max(x, n) + Math.Pow(x, n) + Math.Sqrt(n) * x + Math.Abs(n) * x + Math.Min(n, x);
        [Differentiable] public static double RoundDigits(double x) => Math.Round(x, 2) * x;
        [Differentiable] public static double ViaDecimal(double x) => (double)((decimal)x * 2m);
        [Differentiable] public static double ViaHalf(double x) => (double)(Half)x * x;
        [Differentiable] public static double ConvertToDouble(float x) => Convert.ToDouble(x) * 2;
        [Differentiable] public static double ViaNullable(double x)
        {
            double? z = x;
            return (z ?? 0) * 2;
        }
        [Differentiable] public static double ViaInt(double x) => (int)x * x;
        // float rounding inside: a float result makes the judge use float steps and tolerances.
        [Differentiable] public static float FloatToDoubleChain(float x, double y) => (float)((double)(float)(x * y) + (float)y * x);
        [Differentiable] public static double CharArithmetic(double x) => ('a' - 96) * x;
        [Differentiable] public static double UintMix(double x, int n)
        {
            uint u = (uint)n;
            byte b = (byte)n;
            short sh = (short)(n * 2);
            return x * u + x * b + sh * x * x;
        }
        [Differentiable] public static double NegateParam(double x)
        {
            x = -x;
            x = x * x - x;
            return x;
        }
        [Differentiable] public static float FloatWithDoubleMath(float x) => (float)Math.Exp(x) * x + (float)Math.Sqrt(x * x + 1);
        [Differentiable] public static float DoubleFromFloatLocal(double x)
        {
            float f = (float)x;
            f *= 2f;
            f += 1;
            double d = f;
            d *= x;
            return (float)d;
        }
    }
}
