namespace AutoDiffGen.Generator.Tests.SpanOutputs;

/// <summary>
/// Methods that leave their results in a <c>Span&lt;T&gt;</c> or <c>T[]</c> parameter (docs/ref-out.md, "Span outputs and
/// Jacobians of output arrays"), with wrappers over flat <c>double[]</c> arguments: reflection cannot pass spans. For
/// each method M: <c>M_P(p, y)</c> runs it, <c>M_B(p, y, dP, dY)</c> its Backward, <c>M_F(p, y, tP, tY)</c> its Forward
/// and <c>M_J(p, y, j)</c> its Jacobian, where p holds every differentiable scalar of the inputs in parameter order.
/// </summary>
internal static class SpanOutputSources
{
    public const string Source = """
        using System;
        using AutoDiffGen;

        namespace SpanOut
        {
            public record struct Wave(double A, double B, double C, double D);

            public static partial class S
            {
                // A loop, a branch and a compound store into the span.
                [Differentiable(Forward = true, Jacobian = true)]
                public static void Squares(ReadOnlySpan<double> x, Span<double> y)
                {
                    for (int i = 0; i < y.Length; i++) y[i] = x[i] * x[i];
                    if (x[0] > 0) y[0] *= x[1]; else y[1] += Math.Sin(x[0]);
                }

                // Reads what it wrote: y0 = s·x0, yi = y(i-1)·xi + sin xi.
                [Differentiable(Forward = true, Jacobian = true)]
                public static void Recurrence(ReadOnlySpan<double> x, double s, Span<double> y)
                {
                    y[0] = s * x[0];
                    for (int i = 1; i < y.Length; i++) y[i] = y[i - 1] * x[i] + Math.Sin(x[i]);
                }

                // In/out: adds to what y holds, so its incoming contents carry through.
                [Differentiable(Forward = true)]
                public static void Accumulate(double a, ReadOnlySpan<double> x, Span<double> y)
                {
                    for (int i = 0; i < y.Length; i++) y[i] += a * x[i] * x[i];
                }

                [Differentiable(Forward = true, Jacobian = true)]
                public static void Scale(ReadOnlySpan<float> x, float s, Span<float> y)
                {
                    for (int i = 0; i < y.Length; i++) y[i] = x[i % x.Length] * s * s;
                }

                // Clad's test/Jacobian/Jacobian.C, f1, as written there: outputs in a double[].
                [Differentiable(Forward = true, Jacobian = true)]
                public static void F1(double a, double b, double c, double[] output)
                {
                    output[0] = a * a * a;
                    output[1] = a * a * a + b * b * b;
                    output[2] = c * c * 10 - a * a;
                }

                // The least-squares residual vector over an array of observations (samples/LevenbergMarquardt's model).
                [Differentiable(Forward = true, Jacobian = true)]
                public static void Residuals(Wave p, [NoDiff] ReadOnlySpan<double> t, [NoDiff] ReadOnlySpan<double> obs, Span<double> r)
                {
                    for (int i = 0; i < t.Length; i++) r[i] = p.A * Math.Exp(-p.B * t[i]) * Math.Cos(p.C * t[i] + p.D) - obs[i];
                }

                [Differentiable(Jacobian = true)]
                public static double Residual(Wave p, [NoDiff] double t, [NoDiff] double obs) => p.A * Math.Exp(-p.B * t) * Math.Cos(p.C * t + p.D) - obs;

                // A caller: a local array filled by a span-writing helper.
                [Differentiable]
                public static double Loss(double[] x)
                {
                    var y = new double[x.Length];
                    Squares(x, y);
                    double s = 0;
                    for (int i = 0; i < y.Length; i++) s += y[i] * y[i] * x[i];
                    return s;
                }

                public static readonly double[] T = { 0.0, 0.4, 0.9, 1.3, 2.0, 2.6, 3.1 };
                public static readonly double[] Obs = { 2.1, 1.4, 0.2, -0.6, -1.1, -0.4, 0.3 };

                public static void Squares_P(double[] p, double[] y) => Squares(p, y);
                public static void Squares_B(double[] p, double[] y, double[] dP, double[] dY) => SquaresBackward(p, y, dP, dY);
                public static void Squares_F(double[] p, double[] y, double[] tP, double[] tY) => SquaresForward(p, y, tP, tY);
                public static void Squares_J(double[] p, double[] y, double[] j) => SquaresJacobian(p, y, j);

                public static void Recurrence_P(double[] p, double[] y) => Recurrence(p.AsSpan(0, p.Length - 1), p[p.Length - 1], y);
                public static void Recurrence_B(double[] p, double[] y, double[] dP, double[] dY)
                {
                    double ds = dP[p.Length - 1];
                    RecurrenceBackward(p.AsSpan(0, p.Length - 1), p[p.Length - 1], y, dP.AsSpan(0, p.Length - 1), ref ds, dY);
                    dP[p.Length - 1] = ds;
                }
                public static void Recurrence_F(double[] p, double[] y, double[] tP, double[] tY) => RecurrenceForward(p.AsSpan(0, p.Length - 1), p[p.Length - 1], y, tP.AsSpan(0, p.Length - 1), tP[p.Length - 1], tY);
                public static void Recurrence_J(double[] p, double[] y, double[] j) => RecurrenceJacobian(p.AsSpan(0, p.Length - 1), p[p.Length - 1], y, j);

                public static void Accumulate_P(double[] p, double[] y) => Accumulate(p[0], p.AsSpan(1), y);
                public static void Accumulate_B(double[] p, double[] y, double[] dP, double[] dY)
                {
                    double da = dP[0];
                    AccumulateBackward(p[0], p.AsSpan(1), y, ref da, dP.AsSpan(1), dY);
                    dP[0] = da;
                }
                public static void Accumulate_F(double[] p, double[] y, double[] tP, double[] tY) => AccumulateForward(p[0], p.AsSpan(1), y, tP[0], tP.AsSpan(1), tY);

                private static float[] F(double[] a) => Array.ConvertAll(a, v => (float)v);
                private static void Back(float[] f, double[] d) { for (int i = 0; i < f.Length; i++) d[i] = f[i]; }
                public static void Scale_P(double[] p, double[] y) { var fy = F(y); var fp = F(p); Scale(fp.AsSpan(0, p.Length - 1), fp[p.Length - 1], fy); Back(fy, y); }
                public static void Scale_B(double[] p, double[] y, double[] dP, double[] dY)
                {
                    var fp = F(p); var fy = F(y); var fdP = F(dP); var fdY = F(dY);
                    float ds = fdP[p.Length - 1];
                    ScaleBackward(fp.AsSpan(0, p.Length - 1), fp[p.Length - 1], fy, fdP.AsSpan(0, p.Length - 1), ref ds, fdY);
                    fdP[p.Length - 1] = ds;
                    Back(fy, y); Back(fdP, dP); Back(fdY, dY);
                }
                public static void Scale_F(double[] p, double[] y, double[] tP, double[] tY)
                {
                    var fp = F(p); var fy = F(y); var ftP = F(tP); var ftY = F(tY);
                    ScaleForward(fp.AsSpan(0, p.Length - 1), fp[p.Length - 1], fy, ftP.AsSpan(0, p.Length - 1), ftP[p.Length - 1], ftY);
                    Back(fy, y); Back(ftY, tY);
                }
                public static void Scale_J(double[] p, double[] y, double[] j)
                {
                    var fp = F(p); var fy = F(y); var fj = F(j);
                    ScaleJacobian(fp.AsSpan(0, p.Length - 1), fp[p.Length - 1], fy, fj);
                    Back(fy, y); Back(fj, j);
                }

                public static void F1_P(double[] p, double[] y) => F1(p[0], p[1], p[2], y);
                public static void F1_B(double[] p, double[] y, double[] dP, double[] dY) => F1Backward(p[0], p[1], p[2], y, ref dP[0], ref dP[1], ref dP[2], dY);
                public static void F1_F(double[] p, double[] y, double[] tP, double[] tY) => F1Forward(p[0], p[1], p[2], y, tP[0], tP[1], tP[2], tY);
                public static void F1_J(double[] p, double[] y, double[] j) => F1Jacobian(p[0], p[1], p[2], y, j);

                private static Wave W(double[] p) => new Wave(p[0], p[1], p[2], p[3]);
                private static void Put(Wave w, double[] d) { d[0] = w.A; d[1] = w.B; d[2] = w.C; d[3] = w.D; }
                public static void Residuals_P(double[] p, double[] y) => Residuals(W(p), T, Obs, y);
                public static void Residuals_B(double[] p, double[] y, double[] dP, double[] dY) { var d = W(dP); ResidualsBackward(W(p), T, Obs, y, ref d, dY); Put(d, dP); }
                public static void Residuals_F(double[] p, double[] y, double[] tP, double[] tY) => ResidualsForward(W(p), T, Obs, y, W(tP), tY);
                public static void Residuals_J(double[] p, double[] y, double[] j) => ResidualsJacobian(W(p), T, Obs, y, j);
                public static double[] ResidualRows(double[] p)
                {
                    var j = new double[T.Length * 4];
                    for (int i = 0; i < T.Length; i++) ResidualJacobian(W(p), T[i], Obs[i], j.AsSpan(i * 4, 4));
                    return j;
                }
            }
        }
        """;
}
