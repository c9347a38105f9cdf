namespace AutoDiffGen.Generator.Tests.Idioms15b;

/// <summary>
/// Issue 13, idioms15b: arrays made in each loop iteration and rebound (<c>r = n;</c>), checked by hand and by central
/// differences in <see cref="Idioms15bTests"/>.
/// </summary>
public static class Idioms15bExamples
{
    public const string Source = """
        using System;
        using System.Linq;
        using AutoDiffGen;

        public static partial class Arrays
        {
            // A 2-D array made in each iteration that does not outlive it. f = Σ_i (x_i · x_i² + 2 x_i) = Σ x_i³ + 2 x_i.
            [Differentiable(Forward = true, Hessian = true)]
            public static double PerIteration(double[] x)
            {
                double s = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    var t = new double[2, 2] { { x[i], 1 }, { x[i] * x[i], 2 } };
                    s += t[0, 0] * t[1, 0] + t[1, 1] * t[0, 0];
                }
                return s;
            }

            private static readonly double[] DhA = { 0.0, 0.5, 0.4 };
            private static readonly double[] DhAlpha = { Math.PI / 2, 0.0, 0.0 };
            private static readonly double[] DhD = { 0.3, 0.0, 0.0 };

            // Natural Robotics13.DhHeight word for word: a rotation made per joint, multiplied into n, then r = n.
            [Differentiable(Forward = true, Hessian = true)]
            public static double DhHeight(double[] theta)
            {
                var r = new double[3, 3] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };
                double px = 0, py = 0, pz = 0;
                for (int j = 0; j < 3; j++)
                {
                    double ct = Math.Cos(theta[j]), st = Math.Sin(theta[j]);
                    double ca = Math.Cos(DhAlpha[j]), sa = Math.Sin(DhAlpha[j]);
                    var t = new double[3, 3] { { ct, -st * ca, st * sa }, { st, ct * ca, -ct * sa }, { 0, sa, ca } };
                    double lx = DhA[j] * ct, ly = DhA[j] * st, lz = DhD[j];
                    px += r[0, 0] * lx + r[0, 1] * ly + r[0, 2] * lz;
                    py += r[1, 0] * lx + r[1, 1] * ly + r[1, 2] * lz;
                    pz += r[2, 0] * lx + r[2, 1] * ly + r[2, 2] * lz;
                    var n = new double[3, 3];
                    for (int a = 0; a < 3; a++)
                        for (int b = 0; b < 3; b++)
                            for (int c = 0; c < 3; c++)
                                n[a, b] += r[a, c] * t[c, b];
                    r = n;
                }

                return pz + 0.1 * px * py;
            }

            // A 1-D state vector stepped by a rotation-like map: next made per step, then state = next.
            // (u, v) ← (u c - v s, u s + v c) + w·(1, 0) three times from (x, y), c = cos a, s = sin a; f = u² + 3v.
            [Differentiable(Forward = true, Hessian = true)]
            public static double Steps(double x, double y, double a, double w)
            {
                var state = new double[] { x, y };
                for (int k = 0; k < 3; k++)
                {
                    var next = new double[2];
                    next[0] = state[0] * Math.Cos(a) - state[1] * Math.Sin(a) + w;
                    next[1] = state[0] * Math.Sin(a) + state[1] * Math.Cos(a);
                    state = next;
                }
                return state[0] * state[0] + 3 * state[1];
            }

            // The rebinding on one branch only: r keeps its old values when the test fails. r = (1, 0) doubled
            // by n = 2·r + x where x_k > 0, for each k; f = r0 + r1².
            [Differentiable]
            public static double Branch(double[] x)
            {
                var r = new double[] { 1, 0 };
                for (int k = 0; k < x.Length; k++)
                {
                    var n = new double[2];
                    n[0] = 2 * r[0] + x[k];
                    n[1] = r[1] + x[k] * x[k];
                    if (x[k] > 0) r = n;
                }
                return r[0] + r[1] * r[1];
            }

            // Forms that were refused before idioms15b (Arrays/GridDiagnosticTests, CreatedWherePassedDiagnosticTests), word for word.
            [Differentiable]
            public static double GridInLoop(double x) { double s = 0; for (int i = 0; i < 2; i++) { var m = new double[2, 2]; m[0, i] = x; s += m[0, i]; } return s; }

            [Differentiable]
            public static double Last(double x) { var last = new double[2]; for (int k = 0; k < 3; k++) { var t = new double[2]; t[0] = x * k; last = t; } return last[0]; }
        }

        public static partial class Linq
        {
            // f = Σ_{i < min} (x_i y_i)².
            [Differentiable(Forward = true, Hessian = true)]
            public static double ZipForeach(double[] xs, double[] ys)
            {
                double s = 0;
                foreach (var p in xs.Zip(ys, (a, b) => a * b)) s += p * p;
                return s;
            }

            // l = (w, w²), p_i = x_i - sin l_i, f = Σ_{p_i > 0} p_i.
            [Differentiable(Forward = true)]
            public static double ZipForeachLocal(double[] xs, double w)
            {
                var l = new double[2];
                l[0] = w;
                l[1] = w * w;
                double s = 0;
                foreach (var p in xs.Zip(l, (a, b) => a - Math.Sin(b)))
                {
                    if (p > 0) s += p;
                }
                return s;
            }

            // f = Σ_ij r_ij.
            [Differentiable(Forward = true)]
            public static double RowsSum(double[][] rows) => rows.Sum(r => r.Sum());

            // f = Σ_i r_i0 w.
            [Differentiable(Forward = true)]
            public static double RowsSelect(double[][] rows, double w) => rows.Select(r => r[0] * w).Sum();

            // f = Σ_i |r_i| Σ_j r_ij².
            [Differentiable]
            public static double RowsSquares(double[][] rows) => rows.Sum(r => r.Select(v => v * v).Sum() * r.Length);

            // f = Σ_i (i + 1) max_j r_ij.
            [Differentiable]
            public static double RowsIndexedMax(double[][] rows) => rows.Select((r, i) => r.Max() * (i + 1)).Sum();
        }
        """;
}
