namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>
/// The program <see cref="HessianJaggedTests"/> compiles: <c>Hessian = true</c> methods over jagged <c>double[][]</c>
/// parameters (hess16), with wrappers over a flat <c>double[]</c> of the differentiable scalars in MHessian's order (the
/// rows' elements row after row, then what follows). The rows have lengths 2, 3 and 1, so a layout that assumed one row
/// length, or columns before rows, would put entries in the wrong place.
/// </summary>
internal static class HessianJaggedSource
{
    public const string Text = """
        using System;
        using System.Linq;
        using AutoDiffGen;

        namespace HessJagged;

        public static partial class M
        {
            /// <summary>Rows of lengths 2, 3, 1 from p[0..5].</summary>
            public static double[][] Rows(double[] p) => new[] { new[] { p[0], p[1] }, new[] { p[2], p[3], p[4] }, new[] { p[5] } };
            public static void Flat(double[][] rows, double[] g, int at = 0) { foreach (var r in rows) foreach (var v in r) g[at++] = v; }

            // b·Σ r²ᵢⱼ + r₀₁·r₁₀ over (r00, r01, r10, r11, r12, r20, b).
            [Differentiable(Hessian = true, Forward = true)]
            public static double Quad(double[][] rows, double b)
            {
                double s = 0;
                for (int i = 0; i < rows.Length; i++)
                    for (int j = 0; j < rows[i].Length; j++) s += rows[i][j] * rows[i][j];
                return b * s + rows[0][1] * rows[1][0];
            }
            public static double QuadH(double[] p, double[] h) => QuadHessian(Rows(p), p[6], h);
            public static double QuadV(double[] p, double[] v, double[] hv) => QuadHessianVector(Rows(p), p[6], v, hv);
            public static void QuadG(double[] p, double[] g)
            {
                var d = Rows(new double[6]);
                double db = 0;
                QuadBackward(Rows(p), p[6], d, ref db);
                Flat(d, g);
                g[6] = db;
            }
            public static double QuadT(double[] p, double[] t) { QuadForward(Rows(p), p[6], Rows(t), t[6], out double tr); return tr; }

            // LINQ over the rows (idioms15b): r₀₀ · Σ v² over the six elements.
            [Differentiable(Hessian = true)]
            public static double Linq(double[][] rows) => rows[0][0] * rows.Sum(r => r.Sum(v => v * v));
            public static double LinqH(double[] p, double[] h) => LinqHessian(Rows(p), h);
            public static double LinqV(double[] p, double[] v, double[] hv) => LinqHessianVector(Rows(p), v, hv);
            public static void LinqG(double[] p, double[] g) { var d = Rows(new double[6]); LinqBackward(Rows(p), d); Flat(d, g); }

            // rows.Sum(r => r.Sum()) squared: (Σ v)², H = 2·11ᵀ.
            [Differentiable(Hessian = true)]
            public static double SumSquared(double[][] rows) { double s = rows.Sum(r => r.Sum()); return s * s; }
            public static double SumSquaredH(double[] p, double[] h) => SumSquaredHessian(Rows(p), h);
            public static double SumSquaredV(double[] p, double[] v, double[] hv) => SumSquaredHessianVector(Rows(p), v, hv);
            public static void SumSquaredG(double[] p, double[] g) { var d = Rows(new double[6]); SumSquaredBackward(Rows(p), d); Flat(d, g); }

            // The extended Rosenbrock function along each row (foreach over the rows), after a scalar and before a double[]:
            // order (a, r00, r01, r10, r11, r12, r20, w0, w1).
            [Differentiable(Hessian = true)]
            public static double Chain(double a, double[][] rows, double[] w)
            {
                double s = a * w[0] * w[1];
                foreach (var row in rows)
                    for (int j = 0; j + 1 < row.Length; j++)
                        s += 100 * (row[j + 1] - row[j] * row[j]) * (row[j + 1] - row[j] * row[j]) + (1 - row[j]) * (1 - row[j]);
                return s;
            }
            public static double[][] Rows1(double[] p) => Rows(p.Skip(1).ToArray());
            public static double ChainH(double[] p, double[] h) => ChainHessian(p[0], Rows1(p), new[] { p[7], p[8] }, h);
            public static double ChainV(double[] p, double[] v, double[] hv) => ChainHessianVector(p[0], Rows1(p), new[] { p[7], p[8] }, v, hv);
            public static void ChainG(double[] p, double[] g)
            {
                var d = Rows(new double[6]);
                double da = 0;
                var dw = new double[2];
                ChainBackward(p[0], Rows1(p), new[] { p[7], p[8] }, ref da, d, dw);
                g[0] = da;
                Flat(d, g, 1);
                g[7] = dw[0];
                g[8] = dw[1];
            }

            // In float: b·Σ r²ᵢⱼ + r₀₁·r₁₀, computed in float.
            [Differentiable(Hessian = true)]
            public static float QuadF(float[][] rows, float b)
            {
                float s = 0;
                foreach (var row in rows)
                    foreach (var v in row) s += v * v;
                return b * s + rows[0][1] * rows[1][0];
            }
            public static float[][] RowsF(double[] p) => Rows(p).Select(r => r.Select(v => (float)v).ToArray()).ToArray();
            public static double QuadFH(double[] p, double[] h)
            {
                var single = new float[h.Length];
                float value = QuadFHessian(RowsF(p), (float)p[6], single);
                for (int k = 0; k < h.Length; k++) h[k] = single[k];
                return value;
            }
            public static double QuadFV(double[] p, double[] v, double[] hv)
            {
                var single = new float[hv.Length];
                float value = QuadFHessianVector(RowsF(p), (float)p[6], v.Select(x => (float)x).ToArray(), single);
                for (int k = 0; k < hv.Length; k++) hv[k] = single[k];
                return value;
            }
            public static void QuadFG(double[] p, double[] g)
            {
                var d = RowsF(new double[6]);
                float db = 0;
                QuadFBackward(RowsF(p), (float)p[6], d, ref db);
                int at = 0;
                foreach (var r in d) foreach (var v in r) g[at++] = v;
                g[6] = db;
            }
        }
        """;
}
