namespace AutoDiffGen.Generator.Tests.Idioms;

/// <summary>
/// Trace calls and interpolated assert messages kept in place, and span locals over arrays made where they are declared
/// (<see cref="TraceAndSpanLocalTests"/>).
/// </summary>
public static class TraceAndSpanLocalExamples
{
    public const string Source = """
        using System;
        using System.Diagnostics;
        using AutoDiffGen;

        public static partial class Traced
        {
            // (2w + b − 1)², printed once per call.
            [Differentiable(Forward = true, Hessian = true)]
            public static double LoggedLoss(double w, double b)
            {
                double pred = w * 2.0 + b;
                double loss = (pred - 1.0) * (pred - 1.0);
                Console.WriteLine($"TRACED-LOSS {loss:F6}");
                return loss;
            }

            // Σᵢ xy·i over i < 3 = 3xy, with a trace each iteration and format-string traces.
            [Differentiable(Forward = true, Hessian = true)]
            public static double AssertFormatted(double x, double y)
            {
                Debug.Assert(x > 0, $"x = {x,8:F3} y={y:E2} {x * y}");
                Trace.TraceInformation("step {0} {1}", x, y);
                double r = 0;
                for (int i = 0; i < 3; i++)
                {
                    r += x * y * i;
                    Console.WriteLine($"TRACED-STEP {i} {r:F4}");
                }
                Debug.WriteLine("done " + r);
                return r + Math.Log(x);
            }

            // 1 − x/2 + x²/4 by Horner over a constant span.
            [Differentiable(Forward = true, Hessian = true)]
            public static double SpanInit(double x)
            {
                ReadOnlySpan<double> c = new double[] { 1.0, -0.5, 0.25 };
                double r = 0;
                for (int i = c.Length - 1; i >= 0; i--) r = r * x + c[i];
                return r;
            }

            // x² + y² + x²y².
            [Differentiable(Forward = true, Hessian = true)]
            public static double SpanCollectionOfVars(double x, double y)
            {
                ReadOnlySpan<double> v = [x, y, x * y];
                double s = 0;
                foreach (var e in v) s += e * e;
                return s;
            }

            // x + x² + x³ with int exponents from a span, then 0.5x + 1.5x² − 2x³ + 6x.
            [Differentiable(Forward = true, Hessian = true)]
            public static double SpanTableLoop(double x)
            {
                ReadOnlySpan<double> w = [0.5, 1.5, -2.0];
                ReadOnlySpan<int> p = [1, 2, 3];
                double s = 0;
                for (int i = 0; i < w.Length; i++) s += w[i] * Math.Pow(x, p[i]);
                foreach (var k in p) s += k * x;
                return s;
            }

            // x² Σ aᵢ².
            [Differentiable(Forward = true, Hessian = true)]
            public static double SpanOverNew(double[] a, double x)
            {
                Span<double> t = new double[a.Length];
                for (int i = 0; i < a.Length; i++) t[i] = a[i] * x;
                double s = 0;
                foreach (var v in t) s += v * v;
                return s;
            }
        }
        """;
}
