namespace AutoDiffGen.Generator.Tests.ControlFlow;

/// <summary>Branches, early returns, loops and arrays, as users write them.</summary>
public static class ControlFlowExamples
{
    public const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Flow
        {
            [Differentiable]
            public static double Piecewise(double x, double y)
            {
                double r;
                if (x > 1) r = x * y;
                else if (x < -1) { r = Math.Exp(y); r *= x; }
                else r = x * x + y;
                return r + y;
            }

            [Differentiable]
            public static double Ternary(double x, double y) => x > y ? x * x : Math.Sin(y) * x;

            [Differentiable]
            public static double EarlyReturn(double x, double y)
            {
                double a = x * y;
                if (a > 2) return a * a;
                double b = a + x;
                if (b < 0) return -b;
                return b * y;
            }

            [Differentiable]
            public static double Huber(double r, [NoDiff] double delta)
            {
                double a = Math.Abs(r);
                if (a <= delta) return 0.5 * r * r;
                return delta * (a - 0.5 * delta);
            }

            /// Horner's rule: a loop that overwrites its accumulator.
            [Differentiable]
            public static double Horner(double[] c, double x)
            {
                double acc = 0;
                for (int i = c.Length - 1; i >= 0; i--) acc = acc * x + c[i];
                return acc;
            }

            [Differentiable]
            public static double Rastrigin(ReadOnlySpan<double> x)
            {
                double sum = 10.0 * x.Length;
                for (int i = 0; i < x.Length; i++)
                {
                    sum += x[i] * x[i] - 10 * Math.Cos(2 * Math.PI * x[i]);
                }
                return sum;
            }

            [Differentiable]
            public static double StyblinskiTang(double[] x)
            {
                double sum = 0;
                int i = 0;
                while (i < x.Length)
                {
                    double v = x[i];
                    sum += Math.Pow(v, 4) - 16 * v * v + 5 * v;
                    i++;
                }
                return sum / 2;
            }

            [Differentiable]
            public static double LogSumExp(double[] x)
            {
                double max = x[0];
                for (int i = 1; i < x.Length; i++) max = Math.Max(max, x[i]);
                double s = 0;
                for (int i = 0; i < x.Length; i++) s += Math.Exp(x[i] - max);
                return max + Math.Log(s);
            }

            /// Mean logistic loss of a linear model w·x over samples; labels are ±1.
            [Differentiable]
            public static double LogisticLoss(double[] w, [NoDiff] double[] xs, int[] labels)
            {
                int d = w.Length;
                double total = 0;
                for (int n = 0; n < labels.Length; n++)
                {
                    double z = 0;
                    for (int j = 0; j < d; j++) z += w[j] * xs[n * d + j];
                    total += Math.Log(1 + Math.Exp(-labels[n] * z));
                }
                return total / labels.Length;
            }

            /// do/while, a branch inside the loop, and work in the increment clause.
            [Differentiable]
            public static double Iterate(double x, int steps)
            {
                double v = x;
                int k = 0;
                do
                {
                    if (v > 0.5) v = v * v * 0.7;
                    else v = Math.Sin(v) + x;
                    k++;
                } while (k < steps);
                double w = 1;
                for (int j = 0; j < steps; j++, w *= 1.1) { w += v * 0.01; }
                return v + w;
            }

            /// Nested loops with a carried value that every inner iteration overwrites.
            [Differentiable]
            public static double Nested(double x, int n)
            {
                double p = x;
                for (int i = 0; i < n; i++)
                {
                    for (int j = 0; j <= i; j++) p = Math.Tanh(p * 1.3 + j * 0.1);
                    p = p + x * 0.25;
                }
                return p;
            }

            [Differentiable]
            public static double SumOfSquares(double[] x)
            {
                double s = 0;
                foreach (var v in x) s += v * v;
                return s;
            }

            [Differentiable]
            public static double SineFeatures(ReadOnlySpan<double> x, double w)
            {
                double s = 0;
                foreach (double v in x) { s += Math.Sin(v * w); }
                return s;
            }

            [Differentiable] public static double FirstAbove(double[] x, double t)
            {
                double s = 0;
                for (int i = 0; i < x.Length; i++) { if (x[i] * t > 1) break; s += x[i] * x[i] * t; }
                return s;
            }
            [Differentiable] public static double SkipNegative(double[] x)
            {
                double s = 0;
                for (int i = 0; i < x.Length; i++) { if (x[i] < 0) continue; s += Math.Sin(x[i]); }
                return s;
            }
            [Differentiable] public static double Search(double[] x, double w)
            {
                for (int i = 0; i < x.Length; i++)
                {
                    double v = x[i] * w;
                    if (v > 2) return v * v;
                }
                return w;
            }
            [Differentiable] public static double NestedReturn(double x, int n)
            {
                double p = x;
                for (int i = 0; i < n; i++)
                {
                    int j = 0;
                    while (j < n) { p = p * 1.1 + 0.01; if (p > 3) return p * x; j++; }
                }
                return p;
            }
            [Differentiable] public static double WhileTrue(double x)
            {
                double v = x;
                while (true) { v = v * 0.5 + 1; if (v < 2.1) break; }
                return v * x;
            }

            [Differentiable] public static double Activation(double x, int kind)
            {
                switch (kind)
                {
                    case 0: return Math.Tanh(x);
                    case 1:
                    case 2: return 1 / (1 + Math.Exp(-x));
                    default: return Math.Max(0, x);
                }
            }
            [Differentiable] public static double Scaled(double x, int kind)
            {
                double s = 1;
                switch (kind) { case 0: s = x * x; break; case 1: s = Math.Sin(x); break; }
                return s * x;
            }
            [Differentiable] public static double Expr(double x, int k) => k switch
            {
                0 => x * x,
                < 0 => Math.Exp(x),
                > 5 and < 10 when x > 0 => Math.Log(x),
                _ => x,
            };

            [Differentiable] public static double Prefix(double[] x)
            {
                var t = new double[x.Length];
                t[0] = x[0];
                for (int i = 1; i < x.Length; i++) t[i] = t[i - 1] * 0.5 + x[i] * x[i];
                double s = 0;
                for (int i = 0; i < t.Length; i++) s += Math.Sin(t[i]);
                return s;
            }
            [Differentiable] public static double Overwrite(double x, double y)
            {
                double[] t = new double[2];
                t[0] = x * y;
                t[1] = t[0] + y;
                t[0] = Math.Exp(x);      // overwrites the first value
                t[1] *= t[0];
                return t[0] + t[1];
            }

            /// Float loops accumulate in float.
            [Differentiable]
            public static float SumSquaresF(float[] x)
            {
                float s = 0f;
                for (int i = 0; i < x.Length; i++) s += x[i] * x[i];
                return s;
            }
        }
        """;
}
