namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// <c>Array.Fill</c>, <c>Array.Reverse</c> and <c>Array.Sort</c> of local arrays and array parameters, whole and over a
/// range, in branches and loops, in double and float, in reverse and forward mode (<see cref="InPlaceTests"/>).
/// </summary>
internal static class InPlaceSources
{
    public const string Source = """
        using System;
        using System.Linq;
        using AutoDiffGen;

        public static partial class Ip
        {
            // The natural batch's four (Natural/Batch/U06_Api.cs), as written there.
            [Differentiable]
            public static double Filled(double x)
            {
                var buf = new double[4];
                Array.Fill(buf, x);
                buf[1] *= 2;
                return buf.Sum();
            }

            [Differentiable]
            public static double MedianOfCopy(double[] x)
            {
                var c = (double[])x.Clone();
                Array.Sort(c);
                return c[c.Length / 2];
            }

            [Differentiable]
            public static double SortedWeighted(double[] x)
            {
                var c = x.ToArray();
                Array.Sort(c);
                double s = 0;
                for (int i = 0; i < c.Length; i++) s += c[i] * (i + 1);
                return s;
            }

            [Differentiable]
            public static double ReversedDot(double[] x)
            {
                var r = new double[x.Length];
                Array.Copy(x, r, x.Length);
                Array.Reverse(r);
                double s = 0;
                for (int i = 0; i < x.Length; i++) s += r[i] * x[i];
                return s;
            }

            // y = (x0, x0x1, x0x1, x3): x0²x1 + x0x1x3.
            [Differentiable]
            public static double FillRange(double[] x)
            {
                var y = new double[4];
                for (int i = 0; i < 4; i++) y[i] = x[i];
                Array.Fill(y, x[0] * x[1], 1, 2);
                return y[0] * y[1] + y[2] * y[3];
            }

            [Differentiable]
            public static double ReverseRange(double[] x, int a, int n)
            {
                var r = x.ToArray();
                r[0] *= x[1];
                Array.Reverse(r, a, n);
                double s = 0;
                for (int i = 0; i < r.Length; i++) s += (i + 1) * Math.Sin(r[i]) * r[i];
                return s;
            }

            [Differentiable]
            public static double SortRange(double[] x, int a, int n)
            {
                var c = new double[x.Length];
                for (int i = 0; i < c.Length; i++) c[i] = x[i] * x[(i + 1) % x.Length];
                Array.Sort(c, a, n);
                double s = 0;
                for (int i = 0; i < c.Length; i++) s += (i + 1) * Math.Cos(c[i]) + c[i] * i * i;
                return s;
            }

            [Differentiable]
            public static double InBranch(double[] x, bool b)
            {
                var c = x.ToArray();
                double before = c[0] * c[1];
                if (b) Array.Sort(c);
                else Array.Reverse(c);
                double s = before;
                for (int i = 0; i < c.Length; i++) s += c[i] * c[i] * (i + 1);
                return s * c[0];
            }

            // Reads of the array before the sort keep the values they read.
            [Differentiable]
            public static double ReadAroundSort(double[] x)
            {
                var c = x.ToArray();
                double before = c[0] * c[1];
                Array.Sort(c);
                c[1] *= before;
                return before * c[0] + c[c.Length - 1] * c[1];
            }

            [Differentiable]
            public static double FillAndReverseInLoop(double[] x)
            {
                var y = new double[3];
                var z = x.ToArray();
                double s = 0;
                for (int k = 0; k < x.Length; k++)
                {
                    Array.Fill(y, x[k] * s + x[0]);
                    y[k % 3] *= x[1];
                    Array.Reverse(z);
                    z[1] *= 0.5 + y[2];
                    s += y[0] * y[1] + y[2] * z[0];
                }
                return s + z[1];
            }

            [Differentiable]
            public static double SortsTheParameter(double[] x)
            {
                Array.Sort(x);
                return x[0] * x[x.Length - 1] + x[1];
            }

            [Differentiable]
            public static void FillsTheParameter(double[] y, double v)
            {
                Array.Fill(y, v * v, 1, 2);
                Array.Reverse(y);
            }

            [Differentiable]
            public static float Floats(float[] x)
            {
                var y = new float[3];
                Array.Fill(y, x[0] * x[1]);
                y[0] *= x[2];
                Array.Reverse(y);
                var c = x.ToArray();
                Array.Sort(c);
                return y[0] + y[1] * y[2] * c[0] + c[2];
            }

            [Differentiable(Forward = true)]
            public static double Forward(double[] x)
            {
                var c = x.ToArray();
                c[0] *= c[1];
                Array.Sort(c);
                Array.Reverse(c, 1, 3);
                var y = new double[2];
                Array.Fill(y, c[0] * c[4]);
                y[1] *= c[2];
                return c[0] * c[1] + c[3] * y[0] + y[1];
            }
        }
        """;

    public const string Diagnosed = """
        using System;
        using System.Linq;
        using AutoDiffGen;

        public static partial class IpBad
        {
            [Differentiable]
            public static double SortInLoop(double[] x)
            {
                var c = x.ToArray();
                double s = 0;
                for (int k = 0; k < 2; k++)
                {
                    Array.Sort(c);
                    s += c[0];
                }
                return s;
            }

            [Differentiable]
            public static double FillNoDiff(double x, [NoDiff] double[] y)
            {
                Array.Fill(y, x);
                return x;
            }

            [Differentiable(Hessian = true)]
            public static double Hessian(double x, double y)
            {
                var c = new double[] { x, y };
                Array.Sort(c);
                return c[0] * c[1];
            }
        }
        """;
}
