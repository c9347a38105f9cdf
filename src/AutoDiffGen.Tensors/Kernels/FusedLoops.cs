using System;
using System.Numerics;
using System.Runtime.InteropServices;

namespace AutoDiffGen.Tensors.Kernels
{
    /// <summary>
    /// Fused SIMD loops for pullbacks that TensorPrimitives has no single call for; fusing keeps each
    /// pullback one pass over memory with no temporary buffer.
    /// </summary>
    internal static class FusedLoops
    {
        /// <summary>d += (y &gt; 0) ? g : 0 — the ReLU mask taken from the forward result y.</summary>
        public static void AddMasked(ReadOnlySpan<float> y, ReadOnlySpan<float> g, Span<float> d)
        {
            int i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                ReadOnlySpan<Vector<float>> yv = MemoryMarshal.Cast<float, Vector<float>>(y);
                ReadOnlySpan<Vector<float>> gv = MemoryMarshal.Cast<float, Vector<float>>(g);
                Span<Vector<float>> dv = MemoryMarshal.Cast<float, Vector<float>>(d);
                for (int v = 0; v < yv.Length; v++)
                {
                    dv[v] += Vector.ConditionalSelect(Vector.GreaterThan(yv[v], Vector<float>.Zero), gv[v], Vector<float>.Zero);
                }

                i = yv.Length * Vector<float>.Count;
            }

            for (; i < y.Length; i++)
            {
                d[i] += y[i] > 0f ? g[i] : 0f;
            }
        }

        /// <summary>d += g · s · (1 − s) — the sigmoid derivative from its output s.</summary>
        public static void AddSigmoidGrad(ReadOnlySpan<float> s, ReadOnlySpan<float> g, Span<float> d)
        {
            int i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                ReadOnlySpan<Vector<float>> sv = MemoryMarshal.Cast<float, Vector<float>>(s);
                ReadOnlySpan<Vector<float>> gv = MemoryMarshal.Cast<float, Vector<float>>(g);
                Span<Vector<float>> dv = MemoryMarshal.Cast<float, Vector<float>>(d);
                for (int v = 0; v < sv.Length; v++)
                {
                    dv[v] += gv[v] * sv[v] * (Vector<float>.One - sv[v]);
                }

                i = sv.Length * Vector<float>.Count;
            }

            for (; i < s.Length; i++)
            {
                d[i] += g[i] * s[i] * (1f - s[i]);
            }
        }

        /// <summary>d += g · (1 − t²) — the tanh derivative from its output t.</summary>
        public static void AddTanhGrad(ReadOnlySpan<float> t, ReadOnlySpan<float> g, Span<float> d)
        {
            int i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                ReadOnlySpan<Vector<float>> tv = MemoryMarshal.Cast<float, Vector<float>>(t);
                ReadOnlySpan<Vector<float>> gv = MemoryMarshal.Cast<float, Vector<float>>(g);
                Span<Vector<float>> dv = MemoryMarshal.Cast<float, Vector<float>>(d);
                for (int v = 0; v < tv.Length; v++)
                {
                    dv[v] += gv[v] * (Vector<float>.One - (tv[v] * tv[v]));
                }

                i = tv.Length * Vector<float>.Count;
            }

            for (; i < t.Length; i++)
            {
                d[i] += g[i] * (1f - (t[i] * t[i]));
            }
        }

        /// <summary>d += factor · x · g.</summary>
        public static void AddScaledProduct(ReadOnlySpan<float> x, ReadOnlySpan<float> g, float factor, Span<float> d)
        {
            int i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                ReadOnlySpan<Vector<float>> xv = MemoryMarshal.Cast<float, Vector<float>>(x);
                ReadOnlySpan<Vector<float>> gv = MemoryMarshal.Cast<float, Vector<float>>(g);
                Span<Vector<float>> dv = MemoryMarshal.Cast<float, Vector<float>>(d);
                var f = new Vector<float>(factor);
                for (int v = 0; v < xv.Length; v++)
                {
                    dv[v] += f * xv[v] * gv[v];
                }

                i = xv.Length * Vector<float>.Count;
            }

            for (; i < x.Length; i++)
            {
                d[i] += factor * x[i] * g[i];
            }
        }
    }
}
