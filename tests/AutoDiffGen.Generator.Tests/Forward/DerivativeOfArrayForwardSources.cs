namespace AutoDiffGen.Generator.Tests.Forward;

/// <summary>
/// Array functions with hand-written derivatives of both shapes, with an adjoint (reverse) and a tangent (forward,
/// <c>ReadOnlySpan</c>) for each array or span parameter: a dot product, a norm over a span, log-sum-exp, a float sum
/// of squares; and <c>Forward = true</c> callers passing them array parameters, slices, local arrays and constants, in
/// branches and loops and through another forward caller. C# 7.3.
/// </summary>
public static class DerivativeOfArrayForwardSources
{
    public const string Source = @"
using System;
using AutoDiffGen;

namespace HandArrays
{
    public static partial class Lib
    {
        // Not [Differentiable]: differentiated only through the hand-written derivatives.
        public static double Dot(double[] a, double[] b)
        {
            double s = 0;
            for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
            return s;
        }

        [DerivativeOf(nameof(Dot))]
        public static double DotBackward(double[] a, double[] b, double[] dA, double[] dB, double dResult = 1)
        {
            for (int i = 0; i < a.Length; i++) { dA[i] += b[i] * dResult; dB[i] += a[i] * dResult; }
            return Dot(a, b);
        }

        [DerivativeOf(nameof(Dot))]
        public static double DotForward(double[] a, double[] b, ReadOnlySpan<double> tA, ReadOnlySpan<double> tB, out double tResult)
        {
            double t = 0;
            for (int i = 0; i < a.Length; i++) t += tA[i] * b[i] + a[i] * tB[i];
            tResult = t;
            return Dot(a, b);
        }

        public static double Norm(ReadOnlySpan<double> v)
        {
            double s = 0;
            for (int i = 0; i < v.Length; i++) s += v[i] * v[i];
            return Math.Sqrt(s);
        }

        [DerivativeOf(nameof(Norm))]
        public static double NormBackward(ReadOnlySpan<double> v, Span<double> dV, double dResult = 1)
        {
            double r = Norm(v);
            for (int i = 0; i < v.Length; i++) dV[i] += v[i] / r * dResult;
            return r;
        }

        [DerivativeOf(nameof(Norm))]
        public static double NormForward(ReadOnlySpan<double> v, ReadOnlySpan<double> tV, out double tResult)
        {
            double r = Norm(v), t = 0;
            for (int i = 0; i < v.Length; i++) t += v[i] * tV[i];
            tResult = t / r;
            return r;
        }

        // A scale beside the array: a real tangent by value, the array's as a span, in parameter order.
        public static double LogSumExp(double scale, double[] v)
        {
            double m = double.NegativeInfinity;
            foreach (double e in v) m = Math.Max(m, scale * e);
            double s = 0;
            foreach (double e in v) s += Math.Exp(scale * e - m);
            return m + Math.Log(s);
        }

        [DerivativeOf(nameof(LogSumExp))]
        public static double LogSumExpBackward(double scale, double[] v, ref double dScale, double[] dV, double dResult = 1)
        {
            double r = LogSumExp(scale, v);
            for (int i = 0; i < v.Length; i++)
            {
                double p = Math.Exp(scale * v[i] - r);
                dV[i] += p * scale * dResult;
                dScale += p * v[i] * dResult;
            }
            return r;
        }

        [DerivativeOf(nameof(LogSumExp))]
        public static double LogSumExpForward(double scale, double[] v, double tScale, ReadOnlySpan<double> tV, out double tResult)
        {
            double r = LogSumExp(scale, v), t = 0;
            for (int i = 0; i < v.Length; i++) t += Math.Exp(scale * v[i] - r) * (scale * tV[i] + v[i] * tScale);
            tResult = t;
            return r;
        }

        public static float SumSq(float[] v)
        {
            float s = 0;
            foreach (float e in v) s += e * e;
            return s;
        }

        [DerivativeOf(nameof(SumSq))]
        public static float SumSqBackward(float[] v, float[] dV, float dResult = 1)
        {
            for (int i = 0; i < v.Length; i++) dV[i] += 2 * v[i] * dResult;
            return SumSq(v);
        }

        [DerivativeOf(nameof(SumSq))]
        public static float SumSqForward(float[] v, ReadOnlySpan<float> tV, out float tResult)
        {
            float t = 0;
            for (int i = 0; i < v.Length; i++) t += 2 * v[i] * tV[i];
            tResult = t;
            return SumSq(v);
        }
    }

    public static partial class Use
    {
        private static readonly double[] W = { 0.5, -1.0, 2.0 };

        // f = LogSumExp(1, x) + Dot(x, W): a constant array beside a varied one.
        [Differentiable(Forward = true)]
        public static double Mix(double[] x) => Lib.LogSumExp(1.0, x) + Lib.Dot(x, W);

        // f = Norm(x[1..3]) · x[0]: a slice of the array parameter.
        [Differentiable(Forward = true)]
        public static double Sliced(double[] x) => Lib.Norm(x.AsSpan(1, 2)) * x[0];

        // f = LogSumExp(y, v) with v[i] = x[i]², a local array filled in a loop, and a varied scale.
        [Differentiable(Forward = true)]
        public static double Local(double[] x, double y)
        {
            double[] v = new double[x.Length];
            for (int i = 0; i < x.Length; i++) v[i] = x[i] * x[i];
            return Lib.LogSumExp(y, v);
        }

        // y > 0: Dot(x, x)·y; else Norm(x) + y.
        [Differentiable(Forward = true)]
        public static double Branchy(double[] x, double y)
        {
            if (y > 0) return Lib.Dot(x, x) * y;
            return Lib.Norm(x) + y;
        }

        // A forward caller of a forward caller: Mix(x)·Norm(x), summed over two rounds of a loop with a stored local array.
        [Differentiable(Forward = true)]
        public static double Outer(double[] x)
        {
            double s = 0;
            double[] u = new double[3];
            for (int k = 0; k < 2; k++)
            {
                for (int i = 0; i < 3; i++) u[i] = x[i] * (k + 1);
                s += Mix(u) * Lib.Norm(x);
            }
            return s;
        }

        [Differentiable(Forward = true)]
        public static float Single(float[] x) => Lib.SumSq(x) * 0.5f;
    }
}
";

    /// <summary>Each caller with its parameters flattened into one array (x0, x1, x2[, y]): _P value, _B gradient, _F tangent.</summary>
    public const string Wrappers = @"
namespace HandArrays
{
    public static partial class Use
    {
        private static double[] X(double[] p) { return new[] { p[0], p[1], p[2] }; }

        public static double Mix_P(double[] p) { return Mix(X(p)); }
        public static double Mix_B(double[] p, double[] dP) { double[] d = new double[3]; double v = MixBackward(X(p), d); d.CopyTo(dP, 0); return v; }
        public static double Mix_F(double[] p, double[] t, out double tr) { return MixForward(X(p), X(t), out tr); }

        public static double Sliced_P(double[] p) { return Sliced(X(p)); }
        public static double Sliced_B(double[] p, double[] dP) { double[] d = new double[3]; double v = SlicedBackward(X(p), d); d.CopyTo(dP, 0); return v; }
        public static double Sliced_F(double[] p, double[] t, out double tr) { return SlicedForward(X(p), X(t), out tr); }

        public static double Outer_P(double[] p) { return Outer(X(p)); }
        public static double Outer_B(double[] p, double[] dP) { double[] d = new double[3]; double v = OuterBackward(X(p), d); d.CopyTo(dP, 0); return v; }
        public static double Outer_F(double[] p, double[] t, out double tr) { return OuterForward(X(p), X(t), out tr); }

        public static double Local_P(double[] p) { return Local(X(p), p[3]); }
        public static double Local_B(double[] p, double[] dP) { double[] d = new double[3]; double dy = 0; double v = LocalBackward(X(p), p[3], d, ref dy); d.CopyTo(dP, 0); dP[3] = dy; return v; }
        public static double Local_F(double[] p, double[] t, out double tr) { return LocalForward(X(p), p[3], X(t), t[3], out tr); }

        public static double Branchy_P(double[] p) { return Branchy(X(p), p[3]); }
        public static double Branchy_B(double[] p, double[] dP) { double[] d = new double[3]; double dy = 0; double v = BranchyBackward(X(p), p[3], d, ref dy); d.CopyTo(dP, 0); dP[3] = dy; return v; }
        public static double Branchy_F(double[] p, double[] t, out double tr) { return BranchyForward(X(p), p[3], X(t), t[3], out tr); }

        private static float[] F(double[] p) { return new[] { (float)p[0], (float)p[1], (float)p[2] }; }
        public static double Single_P(double[] p) { return Single(F(p)); }
        public static double Single_B(double[] p, double[] dP) { float[] d = new float[3]; float v = SingleBackward(F(p), d); for (int i = 0; i < 3; i++) dP[i] = d[i]; return v; }
        public static double Single_F(double[] p, double[] t, out double tr) { float f; float v = SingleForward(F(p), F(t), out f); tr = f; return v; }
    }
}
";
}
