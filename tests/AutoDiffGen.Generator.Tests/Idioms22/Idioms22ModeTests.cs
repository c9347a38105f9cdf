using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms22;

/// <summary>
/// Issue 13, idioms22: the three shapes natural21's P15, B09 and B06 needed, in every mode the non-generic forms have
/// (Backward, <c>Forward = true</c>, <c>Hessian = true</c>), in ONE compilation: a generic <c>Lse&lt;T&gt;(T[])</c> read at
/// double, jagged rows (foreach) passed to a plain helper with out results, a <c>double[,]</c> rebound after an inlined
/// helper wrote it. Each Backward is checked against central differences and a hand-derived gradient, each Forward
/// against the hand gradient along a tangent, each Hessian against the closed form (Lse) or central differences of the
/// hand gradient.
/// </summary>
public class Idioms22ModeTests
{
    private const string Source = """
        using System;
        using System.Numerics;
        using AutoDiffGen;

        public static class Nu
        {
            public static T Lse<T>(T[] v) where T : IFloatingPointIeee754<T>
            {
                T max = v[0];
                for (int i = 1; i < v.Length; i++) max = T.Max(max, v[i]);
                T s = T.Zero;
                foreach (T e in v) s += T.Exp(e - max);
                return max + T.Log(s);
            }

            public static T Product<T>(T[] a) where T : INumber<T> => a[1] * a[0];

            public static void Stats(double[] r, double c, out double m, out double q)
            {
                m = 0;
                q = 0;
                for (int j = 0; j < r.Length; j++)
                {
                    m += r[j] * c;
                    q += (r[j] - c) * (r[j] - c);
                }
            }

            public static void Rot(double t, double[,] r)
            {
                double c = Math.Cos(t), s = Math.Sin(t);
                r[0, 0] = c; r[0, 1] = -s;
                r[1, 0] = s; r[1, 1] = c;
            }

            public static void Mul(double[,] a, double[,] b, double[,] o)
            {
                for (int i = 0; i < 2; i++)
                    for (int j = 0; j < 2; j++)
                    {
                        double s = 0;
                        for (int k = 0; k < 2; k++) s += a[i, k] * b[k, j];
                        o[i, j] = s;
                    }
            }
        }

        public static class Gr
        {
            public static double[,] Rot(double t)
            {
                double c = Math.Cos(t), s = Math.Sin(t);
                return new double[,] { { c, -s }, { s, c } };
            }

            public static double[,] Frame(double x, double y)
            {
                var r = new double[2, 2];
                if (x * x + y * y < 1e-8)
                {
                    r[0, 0] = 1; r[1, 1] = 1;
                    return r;
                }
                r[0, 0] = x; r[0, 1] = x * y; r[1, 1] = y;
                return r;
            }

            public static double[,] Mul(double[,] a, double[,] b)
            {
                var o = new double[2, 2];
                for (int i = 0; i < 2; i++)
                    for (int j = 0; j < 2; j++)
                        for (int k = 0; k < 2; k++)
                            o[i, j] += a[i, k] * b[k, j];
                return o;
            }
        }

        public static partial class M
        {
            [Differentiable(Forward = true, Hessian = true)]
            public static double Composed(double a, double x, double y, double b)
            {
                double[,] m = Gr.Mul(Gr.Rot(a), Gr.Frame(x, y));
                return m[0, 0] * b + m[0, 1] * m[1, 0] + m[1, 1];
            }

            [Differentiable(Forward = true, Hessian = true)]
            public static double ChainReturned(double[] th, double len)
            {
                double px = 0;
                for (int b = 0; b < th.Length; b++)
                {
                    var r = Gr.Rot(th[b]);
                    px += r[1, 0] * len + r[0, 0];
                }
                return px * px;
            }

            [Differentiable(Forward = true, Hessian = true)]
            public static double Scaled(double[] l, double s) => Nu.Lse(l) * s;

            [Differentiable(Forward = true, Hessian = true)]
            public static double Made(double x) => Nu.Product(new[] { x * x, 3 * x });

            [Differentiable(Forward = true, Hessian = true)]
            public static double Rows(double[][] d, double c)
            {
                double total = 0;
                foreach (double[] row in d)
                {
                    Nu.Stats(row, c, out double m, out double q);
                    total += m * q;
                }
                return total;
            }

            [Differentiable(Forward = true, Hessian = true)]
            public static double Chain(double[] th, double len)
            {
                var a = new double[2, 2] { { 1, 0 }, { 0, 1 } };
                double px = 0;
                for (int b = 0; b < th.Length; b++)
                {
                    var r = new double[2, 2];
                    Nu.Rot(th[b], r);
                    var n = new double[2, 2];
                    Nu.Mul(a, r, n);
                    a = n;
                    px += a[1, 0] * len;
                }
                return px * px;
            }
        }
        """;

    private delegate double ArrayScalarForward(double[] a, double s, ReadOnlySpan<double> tA, double tS, out double tResult);
    private delegate double JaggedScalarForward(double[][] a, double s, double[][] tA, double tS, out double tResult);
    private delegate double ArrayScalarHessian(double[] a, double s, Span<double> hessian);
    private delegate double JaggedScalarHessian(double[][] a, double s, Span<double> hessian);

    private delegate double ScalarForward(double x, double tX, out double tResult);
    private delegate double ScalarHessian(double x, Span<double> hessian);

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

    [Fact]
    public void GenericLseOverAnArray_AllModes_MatchTheClosedForms()
    {
        // F = s·LSE(l), p = softmax(l): ∂F/∂l_i = s p_i, ∂F/∂s = LSE; ∂²F/∂l_i∂l_j = s (δ_ij p_i − p_i p_j), ∂²F/∂l_i∂s = p_i, ∂²F/∂s² = 0.
        double[] l = { 0.4, -0.9, 1.3 };
        double s = 1.7, z = l.Sum(Math.Exp), lse = Math.Log(z);
        double[] p = l.Select(v => Math.Exp(v) / z).ToArray();
        var r = CentralDifferenceRunner.Check(Get("Scaled"), null, new object[] { l, s });
        for (int i = 0; i < 3; i++) Tolerance.AssertFormula(s * p[i], r.Gradient[0]![i], "∂F/∂l" + i);
        Tolerance.AssertFormula(lse, r.Gradient[1]![0], "∂F/∂s");
        double[] t = { 0.5, -1.0, 0.25 };
        Get("ScaledForward").CreateDelegate<ArrayScalarForward>()(l, s, t, -0.75, out double tResult);
        Tolerance.AssertFormula((s * ((p[0] * t[0]) + (p[1] * t[1]) + (p[2] * t[2]))) - (0.75 * lse), tResult, "ScaledForward");
        var hessian = new double[16];
        Get("ScaledHessian").CreateDelegate<ArrayScalarHessian>()(l, s, hessian);
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++) Tolerance.AssertFormula(s * (((i == j) ? p[i] : 0) - (p[i] * p[j])), hessian[(i * 4) + j], "H[l" + i + ",l" + j + "]");
            Tolerance.AssertFormula(p[i], hessian[(i * 4) + 3], "H[l" + i + ",s]");
            Tolerance.AssertFormula(p[i], hessian[12 + i], "H[s,l" + i + "]");
        }
        Tolerance.AssertFormula(0, hessian[15], "H[s,s]");
    }

    [Fact]
    public void GenericHelperOverANewArrayArgument_AllModes_MatchTheHandDerivatives()
    {
        // Made(x) = Product(new[] { x², 3x }) = 3x³ (idioms14a's First(new[] { x, 2 * x }) was refused for its T[]): 9x², 18x.
        double x = 0.7;
        var r = CentralDifferenceRunner.Check(Get("Made"), null, new object[] { x });
        Tolerance.AssertFormula(9 * x * x, r.Gradient[0]![0], "Made'");
        Get("MadeForward").CreateDelegate<ScalarForward>()(x, -1.5, out double tResult);
        Tolerance.AssertFormula(-1.5 * 9 * x * x, tResult, "MadeForward");
        var hessian = new double[1];
        Get("MadeHessian").CreateDelegate<ScalarHessian>()(x, hessian);
        Tolerance.AssertFormula(18 * x, hessian[0], "MadeHessian");
    }

    /// <summary>Rows: f = Σ_rows c S Q, S = Σ_j r_j, Q = Σ_j (r_j − c)²; ∂f/∂r_j = c Q + 2 c S (r_j − c), ∂f/∂c = Σ_rows (S Q − 2 c S Σ_j (r_j − c)). Flat point: the rows' elements, then c.</summary>
    private static double[] RowsGradient(double[] x)
    {
        double c = x[4];
        var g = new double[5];
        for (int row = 0; row < 2; row++)
        {
            double r0 = x[2 * row], r1 = x[(2 * row) + 1], sum = r0 + r1, q = ((r0 - c) * (r0 - c)) + ((r1 - c) * (r1 - c));
            g[2 * row] = (c * q) + (2 * c * sum * (r0 - c));
            g[(2 * row) + 1] = (c * q) + (2 * c * sum * (r1 - c));
            g[4] += (sum * q) - (2 * c * sum * ((r0 - c) + (r1 - c)));
        }
        return g;
    }

    [Fact]
    public void ForEachRowsToAnOutHelper_AllModes_MatchTheHandGradient()
    {
        double[][] d = { new[] { 0.6, -0.2 }, new[] { 1.1, 0.35 } };
        double c = 0.45;
        double[] flat = { 0.6, -0.2, 1.1, 0.35, c }, g = RowsGradient(flat);
        var r = CentralDifferenceRunner.Check(Get("Rows"), null, new object[] { d, c });
        for (int k = 0; k < 4; k++) Tolerance.AssertFormula(g[k], r.Gradient[0]![k], "∂f/∂d" + k);
        Tolerance.AssertFormula(g[4], r.Gradient[1]![0], "∂f/∂c");
        double[][] t = { new[] { 0.3, -0.6 }, new[] { 0.9, 0.2 } };
        Get("RowsForward").CreateDelegate<JaggedScalarForward>()(d, c, t, 0.4, out double tResult);
        Tolerance.AssertFormula((g[0] * 0.3) - (g[1] * 0.6) + (g[2] * 0.9) + (g[3] * 0.2) + (g[4] * 0.4), tResult, "RowsForward");
        var hessian = new double[25];
        Get("RowsHessian").CreateDelegate<JaggedScalarHessian>()(d, c, hessian);
        AssertHessianOfGradient(RowsGradient, flat, hessian, "RowsHessian");
    }

    /// <summary>Chain: a after bone b is the rotation by φ_b = θ_0 + … + θ_b, so a[1, 0] = sin φ_b, P = L Σ_b sin φ_b, F = P²: ∂F/∂θ_k = 2 P L Σ_{b≥k} cos φ_b, ∂F/∂L = 2 P Σ_b sin φ_b. Flat point: θ, then L.</summary>
    private static double[] ChainGradient(double[] x)
    {
        int n = x.Length - 1;
        double len = x[n], phi = 0, sines = 0;
        var cosines = new double[n];
        for (int b = 0; b < n; b++)
        {
            phi += x[b];
            sines += Math.Sin(phi);
            cosines[b] = Math.Cos(phi);
        }
        double pos = len * sines;
        var g = new double[n + 1];
        for (int k = 0; k < n; k++) g[k] = 2 * pos * len * cosines.Skip(k).Sum();
        g[n] = 2 * pos * sines;
        return g;
    }

    [Fact]
    public void MatrixRebindAfterAnInlinedWriter_AllModes_MatchTheHandGradient()
    {
        double[] th = { 0.3, -0.5, 0.8 };
        double len = 0.9;
        double[] flat = { 0.3, -0.5, 0.8, len }, g = ChainGradient(flat);
        var r = CentralDifferenceRunner.Check(Get("Chain"), null, new object[] { th, len });
        for (int k = 0; k < 3; k++) Tolerance.AssertFormula(g[k], r.Gradient[0]![k], "∂F/∂θ" + k);
        Tolerance.AssertFormula(g[3], r.Gradient[1]![0], "∂F/∂L");
        double[] t = { 0.7, 0.1, -0.4 };
        Get("ChainForward").CreateDelegate<ArrayScalarForward>()(th, len, t, 0.5, out double tResult);
        Tolerance.AssertFormula((g[0] * 0.7) + (g[1] * 0.1) - (g[2] * 0.4) + (g[3] * 0.5), tResult, "ChainForward");
        var hessian = new double[16];
        Get("ChainHessian").CreateDelegate<ArrayScalarHessian>()(th, len, hessian);
        AssertHessianOfGradient(ChainGradient, flat, hessian, "ChainHessian");
    }

    private delegate double Scalar4Forward(double a, double x, double y, double b, double tA, double tX, double tY, double tB, out double tResult);
    private delegate double Scalar4Hessian(double a, double x, double y, double b, Span<double> hessian);

    /// <summary>
    /// Composed (idioms23, natural21's B05 shape: helpers returning new double[,], nested): R = [[c, −s], [s, c]] (c = cos a,
    /// s = sin a), F = [[x, xy], [0, y]] (off the early return), m = R F: m00 = cx, m01 = cxy − sy, m10 = sx, m11 = sxy + cy;
    /// f = m00 b + m01 m10 + m11. By hand: ∂f/∂a = −sxb + (−sxy − cy) sx + (cxy − sy) cx + cxy − sy; ∂f/∂x = cb + cy·sx +
    /// (cxy − sy) s + sy; ∂f/∂y = (cx − s) sx + sx + c; ∂f/∂b = cx. On the early return (x² + y² &lt; 1e-8) F = I: f = cb − s² + c,
    /// ∂f/∂a = −sb − 2sc − s, ∂f/∂b = c, ∂f/∂x = ∂f/∂y = 0.
    /// </summary>
    private static double[] ComposedGradient(double[] p)
    {
        double a = p[0], x = p[1], y = p[2], b = p[3], c = Math.Cos(a), s = Math.Sin(a);
        if ((x * x) + (y * y) < 1e-8) return new[] { (-s * b) - (2 * s * c) - s, 0, 0, c };
        return new[]
        {
            (-s * x * b) + (((-s * x * y) - (c * y)) * s * x) + (((c * x * y) - (s * y)) * c * x) + (c * x * y) - (s * y),
            (c * b) + (c * y * s * x) + (((c * x * y) - (s * y)) * s) + (s * y),
            (((c * x) - s) * s * x) + (s * x) + c,
            c * x,
        };
    }

    [Theory]
    [InlineData(0.7, 0.6, -1.3, 1.9)]
    [InlineData(0.4, 0.0, 0.0, -0.8)]
    public void HelpersReturningNewGrids_Nested_AllModes_MatchTheHandDerivatives(double a, double x, double y, double b)
    {
        double[] p = { a, x, y, b }, g = ComposedGradient(p);
        var r = CentralDifferenceRunner.Check(Get("Composed"), null, new object[] { a, x, y, b });
        for (int k = 0; k < 4; k++) Tolerance.AssertFormula(g[k], r.Gradient[k]![0], "∂f/∂p" + k);
        Get("ComposedForward").CreateDelegate<Scalar4Forward>()(a, x, y, b, 0.3, -0.7, 0.45, 1.1, out double tResult);
        Tolerance.AssertFormula((g[0] * 0.3) - (g[1] * 0.7) + (g[2] * 0.45) + (g[3] * 1.1), tResult, "ComposedForward");
        var hessian = new double[16];
        Get("ComposedHessian").CreateDelegate<Scalar4Hessian>()(a, x, y, b, hessian);
        AssertHessianOfGradient(ComposedGradient, p, hessian, "ComposedHessian");
    }

    /// <summary>ChainReturned: P = Σ_b (L sin θ_b + cos θ_b), F = P²: ∂F/∂θ_k = 2P (L cos θ_k − sin θ_k), ∂F/∂L = 2P Σ_b sin θ_b. Flat point: θ, then L.</summary>
    private static double[] ChainReturnedGradient(double[] p)
    {
        int n = p.Length - 1;
        double len = p[n], pos = 0, sines = 0;
        for (int b = 0; b < n; b++)
        {
            pos += (len * Math.Sin(p[b])) + Math.Cos(p[b]);
            sines += Math.Sin(p[b]);
        }
        var g = new double[n + 1];
        for (int k = 0; k < n; k++) g[k] = 2 * pos * ((len * Math.Cos(p[k])) - Math.Sin(p[k]));
        g[n] = 2 * pos * sines;
        return g;
    }

    [Fact]
    public void AGridHelperCalledInALoop_AllModes_MatchTheHandGradient()
    {
        double[] th = { 0.3, -0.5, 0.8 };
        double len = 0.9;
        double[] flat = { 0.3, -0.5, 0.8, len }, g = ChainReturnedGradient(flat);
        var r = CentralDifferenceRunner.Check(Get("ChainReturned"), null, new object[] { th, len });
        for (int k = 0; k < 3; k++) Tolerance.AssertFormula(g[k], r.Gradient[0]![k], "∂F/∂θ" + k);
        Tolerance.AssertFormula(g[3], r.Gradient[1]![0], "∂F/∂L");
        double[] t = { 0.7, 0.1, -0.4 };
        Get("ChainReturnedForward").CreateDelegate<ArrayScalarForward>()(th, len, t, 0.5, out double tResult);
        Tolerance.AssertFormula((g[0] * 0.7) + (g[1] * 0.1) - (g[2] * 0.4) + (g[3] * 0.5), tResult, "ChainReturnedForward");
        var hessian = new double[16];
        Get("ChainReturnedHessian").CreateDelegate<ArrayScalarHessian>()(th, len, hessian);
        AssertHessianOfGradient(ChainReturnedGradient, flat, hessian, "ChainReturnedHessian");
    }
}
