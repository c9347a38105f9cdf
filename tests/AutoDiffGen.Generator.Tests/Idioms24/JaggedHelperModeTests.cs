using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms24;

/// <summary>
/// Issue 13, idioms24 (natural21's B07): plain void helpers with <c>double[][]</c> parameters, in ONE compilation: one reading
/// the rows of the caller's jagged parameter while it writes a local <c>double[]</c> (<c>Cell(w, h, x)</c>), one writing every
/// element of the caller's local jagged array (<c>Outer(o, x)</c>), one creating the rows of it and writing them, called in a
/// loop (<c>Rows(o, x)</c>). Each Backward is checked against central differences and a hand-derived gradient, each Forward
/// against the hand gradient along a tangent, each Hessian against central differences of the hand gradient.
/// </summary>
public class JaggedHelperModeTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static class Jh
        {
            public static void Cell(double[][] w, double[] h, double[] input)
            {
                for (int i = 0; i < h.Length; i++) h[i] = w[0][i] * input[i] + w[1][i] * h[i] * h[i];
            }

            public static void Outer(double[][] o, double[] x)
            {
                for (int i = 0; i < o.Length; i++)
                    for (int j = 0; j < o[i].Length; j++) o[i][j] = x[i] * x[j];
            }

            public static void Rows(double[][] o, double[] x)
            {
                for (int i = 0; i < x.Length; i++)
                {
                    o[i] = new double[2];
                    o[i][0] = x[i];
                    o[i][1] += o[i][0] * x[i];
                }
            }
        }

        public static class Hw
        {
            public static void FromRows(double[][] rows, double[] o)
            {
                for (int i = 0; i < o.Length; i++) o[i] += rows[0][i];
            }

            public static double RowDot(double[][] m, double[] x)
            {
                double s = 0;
                for (int i = 0; i < m.Length; i++)
                    for (int j = 0; j < x.Length; j++) s += m[i][j] * x[j];
                return s;
            }

            public static void Two(double[][] a, double[][] b)
            {
                for (int i = 0; i < a.Length; i++)
                {
                    a[i][0] = 2 * b[i][1];
                    a[i][1] = a[i][0] * b[i][0];
                }
            }

            public static void Mix(double[][] w, double[] h)
            {
                for (int i = 0; i < h.Length; i++) h[i] = w[0][i] * h[i] + w[1][i];
            }
        }

        public static partial class M
        {
            private static readonly double[][] Table = { new[] { 0.5, 1.0, -0.5 } };

            [Differentiable]
            public static double FromTable(double x, double y)
            {
                double[] a = { x, y, x * y };
                Hw.FromRows(Table, a);
                return a[0] * a[2];
            }

            [Differentiable]
            public static double FromData([NoDiff] double[][] d, double x, double y)
            {
                double[] a = { x, y, x * y };
                Hw.FromRows(d, a);
                return a[0] * a[2] + Hw.RowDot(d, a);
            }

            [Differentiable]
            public static double SameArrayTwice(double x, double y)
            {
                var o = new double[1][];
                o[0] = new[] { x, y };
                Hw.Two(o, o);
                return o[0][0] + o[0][1];
            }

            [Differentiable]
            public static double ValueHelper(double[][] w, double[] x) => Hw.RowDot(w, x) * x[0];

            [Differentiable]
            public static double LocalRows(double x, double y)
            {
                var w = new double[2][];
                w[0] = new[] { x, y };
                w[1] = new[] { y * y, 1.0 };
                double[] h = { x, 2.0 };
                Hw.Mix(w, h);
                return h[0] * h[1] + Hw.RowDot(w, h);
            }

            [Differentiable(Forward = true, Hessian = true)]
            public static double Cells(double[][] w, double[] x)
            {
                var h = new double[x.Length];
                for (int i = 0; i < h.Length; i++) h[i] = x[i];
                Jh.Cell(w, h, x);
                double s = 0;
                for (int i = 0; i < h.Length; i++) s += h[i];
                return s;
            }

            [Differentiable(Forward = true, Hessian = true)]
            public static double Outers(double[] x)
            {
                var o = new double[x.Length][];
                for (int i = 0; i < x.Length; i++) o[i] = new double[x.Length];
                Jh.Outer(o, x);
                return o[0][1] + o[1][1] + o[2][0] * o[0][0];
            }

            [Differentiable(Forward = true, Hessian = true)]
            public static double RowsInALoop(double[] x)
            {
                var o = new double[x.Length][];
                double s = 0;
                for (int k = 0; k < 2; k++)
                {
                    Jh.Rows(o, x);
                    s += o[1][1] * o[0][0] + o[2][1];
                }
                return s;
            }
        }
        """;

    private delegate double JaggedArrayForward(double[][] a, double[] x, double[][] tA, ReadOnlySpan<double> tX, out double tResult);
    private delegate double JaggedArrayHessian(double[][] a, double[] x, Span<double> hessian);
    private delegate double ArrayForward(double[] x, ReadOnlySpan<double> tX, out double tResult);
    private delegate double ArrayHessian(double[] x, Span<double> hessian);

    private static readonly Lazy<Type> Loaded = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("M")!);

    private static MethodInfo Get(string name) => Loaded.Value.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;

    /// <summary>Central differences of <paramref name="gradient"/> (a hand gradient over the flat point): row i is ∂g/∂x_i.</summary>
    private static void AssertHessianOfGradient(Func<double[], double[]> gradient, double[] x, double[] hessian, string what)
    {
        int n = x.Length;
        for (int i = 0; i < n; i++)
        {
            const double h = 1e-5;
            var up = (double[])x.Clone();
            var down = (double[])x.Clone();
            up[i] += h;
            down[i] -= h;
            double[] gu = gradient(up), gd = gradient(down);
            for (int j = 0; j < n; j++)
            {
                double expected = (gu[j] - gd[j]) / (2 * h);
                Tolerance.AssertClose(expected, hessian[(i * n) + j], 1e-6 * (1 + Math.Abs(expected)), what + "[" + i + "," + j + "]");
            }
        }
    }

    /// <summary>Cells: h starts as x, Cell leaves h_i = w0_i x_i + w1_i x_i², F = Σ_i h_i: ∂F/∂w0_i = x_i, ∂F/∂w1_i = x_i², ∂F/∂x_i = w0_i + 2 w1_i x_i. Flat point: w0, w1, x.</summary>
    private static double[] CellsGradient(double[] p) =>
        new[] { p[4], p[5], p[4] * p[4], p[5] * p[5], p[0] + (2 * p[2] * p[4]), p[1] + (2 * p[3] * p[5]) };

    [Fact]
    public void AHelperReadingJaggedRows_WritingALocalArray_AllModes_MatchTheHandGradient()
    {
        double[][] w = { new[] { 2.0, 3.0 }, new[] { 0.7, -0.4 } };
        double[] x = { 0.5, -1.5 };
        double[] flat = { 2.0, 3.0, 0.7, -0.4, 0.5, -1.5 }, g = CellsGradient(flat);
        // At this point: ∂w0 = (0.5, −1.5), ∂w1 = (0.25, 2.25), ∂x = (2.7, 4.2).
        var r = CentralDifferenceRunner.Check(Get("Cells"), null, new object[] { w, x });
        for (int k = 0; k < 4; k++) Tolerance.AssertFormula(g[k], r.Gradient[0]![k], "∂F/∂w" + k);
        for (int k = 0; k < 2; k++) Tolerance.AssertFormula(g[4 + k], r.Gradient[1]![k], "∂F/∂x" + k);
        Tolerance.AssertFormula(2.7, g[4], "hand ∂x0");
        double[][] tW = { new[] { 0.3, -0.6 }, new[] { 0.9, 0.2 } };
        double[] tX = { 0.4, -0.8 };
        Get("CellsForward").CreateDelegate<JaggedArrayForward>()(w, x, tW, tX, out double tResult);
        Tolerance.AssertFormula((g[0] * 0.3) - (g[1] * 0.6) + (g[2] * 0.9) + (g[3] * 0.2) + (g[4] * 0.4) - (g[5] * 0.8), tResult, "CellsForward");
        var hessian = new double[36];
        Get("CellsHessian").CreateDelegate<JaggedArrayHessian>()(w, x, hessian);
        AssertHessianOfGradient(CellsGradient, flat, hessian, "CellsHessian");
    }

    /// <summary>Outers: o_ij = x_i x_j, F = o01 + o11 + o20 o00 = x0 x1 + x1² + x0³ x2: ∂F/∂x = (x1 + 3 x0² x2, x0 + 2 x1, x0³).</summary>
    private static double[] OutersGradient(double[] x) =>
        new[] { x[1] + (3 * x[0] * x[0] * x[2]), x[0] + (2 * x[1]), x[0] * x[0] * x[0] };

    /// <summary>RowsInALoop: each round o_i = (x_i, x_i²), s += o11 o00 + o21, twice: F = 2 (x0 x1² + x2²): ∂F/∂x = (2 x1², 4 x0 x1, 4 x2).</summary>
    private static double[] RowsGradient(double[] x) =>
        new[] { 2 * x[1] * x[1], 4 * x[0] * x[1], 4 * x[2] };

    [Theory]
    [InlineData("Outers")]
    [InlineData("RowsInALoop")]
    public void AHelperWritingALocalJaggedArray_AllModes_MatchTheHandGradient(string name)
    {
        // At x = (1.5, −0.5, 2): Outers ∂ = (13, 0.5, 3.375); RowsInALoop ∂ = (0.5, −3, 8).
        double[] x = { 1.5, -0.5, 2.0 };
        Func<double[], double[]> gradient = name == "Outers" ? OutersGradient : RowsGradient;
        double[] g = gradient(x), expected = name == "Outers" ? new[] { 13, 0.5, 3.375 } : new[] { 0.5, -3, 8.0 };
        var r = CentralDifferenceRunner.Check(Get(name), null, new object[] { x });
        for (int k = 0; k < 3; k++)
        {
            Tolerance.AssertFormula(expected[k], g[k], "hand " + name + k);
            Tolerance.AssertFormula(g[k], r.Gradient[0]![k], name + " ∂x" + k);
        }
        double[] t = { 0.7, 0.1, -0.4 };
        Get(name + "Forward").CreateDelegate<ArrayForward>()(x, t, out double tResult);
        Tolerance.AssertFormula((g[0] * 0.7) + (g[1] * 0.1) - (g[2] * 0.4), tResult, name + "Forward");
        var hessian = new double[9];
        Get(name + "Hessian").CreateDelegate<ArrayHessian>()(x, hessian);
        AssertHessianOfGradient(gradient, x, hessian, name + "Hessian");
    }

    [Fact]
    public void JaggedArgumentsOfEveryKind_ToVoidAndValueHelpers_MatchTheHandGradient()
    {
        // FromTable: a = (x + 0.5, y + 1, xy − 0.5), F = a0 a2: ∂F/∂x = a2 + a0 y, ∂F/∂y = a0 x (at (0.8, −1.2): −3.02, 1.04).
        double x = 0.8, y = -1.2;
        var r = CentralDifferenceRunner.Check(Get("FromTable"), null, new object[] { x, y });
        Tolerance.AssertFormula(-3.02, r.Gradient[0]![0], "FromTable ∂x");
        Tolerance.AssertFormula(1.04, r.Gradient[1]![0], "FromTable ∂y");

        // FromData ([NoDiff] d = {(0.5, 1, −0.5)}): a as above, F = a0 a2 + 0.5 a0 + a1 − 0.5 a2:
        // ∂F/∂x = a2 + a0 y + 0.5 − 0.5 y, ∂F/∂y = a0 x + 1 − 0.5 x.
        double[][] d = { new[] { 0.5, 1.0, -0.5 } };
        double a0 = x + 0.5, a2 = (x * y) - 0.5;
        r = CentralDifferenceRunner.Check(Get("FromData"), null, new object[] { d, x, y });
        Tolerance.AssertFormula(a2 + (a0 * y) + 0.5 - (0.5 * y), r.Gradient[1]![0], "FromData ∂x");
        Tolerance.AssertFormula((a0 * x) + 1 - (0.5 * x), r.Gradient[2]![0], "FromData ∂y");

        // ValueHelper: F = (Σ_ij w_ij x_j) x0: ∂F/∂w_ij = x_j x0, ∂F/∂x_j = (Σ_i w_ij) x0 + [j = 0] Σ_ij w_ij x_j.
        double[][] w = { new[] { 0.3, -1.1 }, new[] { 0.8, 0.45 } };
        double[] v = { 1.5, -0.7 };
        double dot = (0.3 * 1.5) + (-1.1 * -0.7) + (0.8 * 1.5) + (0.45 * -0.7);
        r = CentralDifferenceRunner.Check(Get("ValueHelper"), null, new object[] { w, v });
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 2; j++) Tolerance.AssertFormula(v[j] * v[0], r.Gradient[0]![(2 * i) + j], "ValueHelper ∂w" + i + j);
        Tolerance.AssertFormula(((0.3 + 0.8) * v[0]) + dot, r.Gradient[1]![0], "ValueHelper ∂x0");
        Tolerance.AssertFormula((-1.1 + 0.45) * v[0], r.Gradient[1]![1], "ValueHelper ∂x1");

        // SameArrayTwice: Two(o, o) writes through a and reads through b, one array: o00 = 2y, then o01 = o00 · o00 = 4y²
        // (b reads the element a wrote, as C# does): F = 2y + 4y², ∂F/∂x = 0, ∂F/∂y = 2 + 8y (at y = −0.4: −1.2).
        r = CentralDifferenceRunner.Check(Get("SameArrayTwice"), null, new object[] { 0.7, -0.4 });
        Tolerance.AssertFormula(-0.8 + 0.64, r.Value, "SameArrayTwice value");
        Tolerance.AssertFormula(0, r.Gradient[0]![0], "SameArrayTwice ∂x");
        Tolerance.AssertFormula(-1.2, r.Gradient[1]![0], "SameArrayTwice ∂y");

        // LocalRows: w = ((x, y), (y², 1)), Mix leaves h = (x² + y², 2y + 1), F = h0 h1 + (x + y²) h0 + (y + 1) h1:
        // ∂F/∂x = 2x h1 + h0 + 2x (x + y²), ∂F/∂y = 2y h1 + 2 h0 + 2y h0 + 2y (x + y²) + h1 + 2 (y + 1) (at (0.7, −0.4): 2.134, 1.332).
        r = CentralDifferenceRunner.Check(Get("LocalRows"), null, new object[] { 0.7, -0.4 });
        Tolerance.AssertFormula(2.134, r.Gradient[0]![0], "LocalRows ∂x");
        Tolerance.AssertFormula(1.332, r.Gradient[1]![0], "LocalRows ∂y");
    }
}
