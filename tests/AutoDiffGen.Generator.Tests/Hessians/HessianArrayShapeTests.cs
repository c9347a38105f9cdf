using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>
/// The shapes Hessian mode refused (ADG0019) where reverse and forward mode generate (issue 14, hess20): a void callee
/// writing a <c>double[,]</c> the caller made, a callee reading a <c>double[,]</c>, a jagged local, a <c>stackalloc</c> span
/// made in a loop and passed to a callee there. Each is checked by hand (the second derivatives are derived at each
/// method), against central differences of <c>MBackward</c>'s gradient, MHessian exactly symmetric, and H·v against
/// central differences along a direction and against MHessian·v (<see cref="HessianChecks"/>), at two points where
/// the hand entries are non-zero and distinct.
/// </summary>
public class HessianArrayShapeTests
{
    private const string Source = """
        using System;
        using System.Linq;
        using AutoDiffGen;

        namespace HessShapes;

        public static partial class M
        {
            [Differentiable]
            public static void Outer(double[] x, double[,] w, double[,] g)
            {
                for (int i = 0; i < 2; i++)
                    for (int j = 0; j < 2; j++)
                        g[i, j] = x[i] * x[j] * w[i, j];
            }

            // G_ij = x_i x_j w_ij, f = Σ G_ij + G_01·x0 = xᵀWx + w01·x0²·x1, W = [[1.5, 2], [-0.5, 3]].
            [Differentiable(Hessian = true)]
            public static double Grid(double[] x)
            {
                var w = new double[,] { { 1.5, 2.0 }, { -0.5, 3.0 } };
                var g = new double[2, 2];
                Outer(x, w, g);
                return g[0, 0] + g[0, 1] + g[1, 0] + g[1, 1] + g[0, 1] * x[0];
            }

            [Differentiable]
            public static double Quad(double[,] a, double[] x) => a[0, 0] * x[0] * x[0] + a[0, 1] * x[0] * x[1] + a[1, 1] * x[1] * x[1];

            // a = [[x0, 2], [0, x1·x0]]: f = x0³ + 2·x0·x1 + x0·x1³.
            [Differentiable(Hessian = true)]
            public static double ReadsGrid(double[] x)
            {
                var a = new double[2, 2];
                a[0, 0] = x[0];
                a[0, 1] = 2.0;
                a[1, 1] = x[1] * x[0];
                return Quad(a, x);
            }

            // r = [[x0·x1, sin x0], [x0·x1²]]: f = x0·x1 + sin x0 + x0·x1².
            [Differentiable(Hessian = true)]
            public static double Jagged(double[] x)
            {
                var r = new double[2][];
                r[0] = new double[2];
                r[1] = new double[1];
                r[0][0] = x[0] * x[1];
                r[0][1] = Math.Sin(x[0]);
                r[1][0] = r[0][0] * x[1];
                return r[0][0] + r[0][1] + r[1][0];
            }

            [Differentiable]
            public static double SpanSin(ReadOnlySpan<double> v)
            {
                double s = 0;
                for (int i = 0; i < v.Length; i++) s += Math.Sin(v[i]) * (i + 1);
                return s;
            }

            // Each trip passes its own span: f = Σ_{j<3} sin(a·j) + 2·sin(b·k) = sin a + sin 2a + 6·sin(bk).
            [Differentiable(Hessian = true)]
            public static double Stack(double a, double b, double k)
            {
                double u = 0;
                for (int j = 0; j < 3; j++)
                {
                    Span<double> v = stackalloc[] { a * j, b * k };
                    u += SpanSin(v);
                }
                return u;
            }

            [Differentiable]
            public static double Scale9(double[,] v, double k) { for (int j = 0; j < 2; j++) v[0, j] = v[0, j] * k; return v[0, 0]; }

            // hess23: a callee returning a double that writes a double[,] the caller made. Scale9 leaves o = [[a·c, b·c²]] and
            // returns a·c, so u = a·c · b·c² and f = a·b·c³ + a²·c.
            [Differentiable(Hessian = true, Forward = true)]
            public static double ValueGrid(double a, double b, double c)
            {
                var o = new double[1, 2];
                o[0, 0] = a;
                o[0, 1] = b * c;
                double u = Scale9(o, c) * o[0, 1];
                return u + o[0, 0] * a / c;
            }

            // hess23: copies into a local array (ADG0019 at its declaration before). y = x: f = a·b·a + b² = a²b + b².
            [Differentiable(Hessian = true)]
            public static double CopyA(double a, double b)
            {
                var x = new double[] { a * b, a, b };
                var y = new double[3];
                Array.Copy(x, y, 3);
                return y[0] * y[1] + y[2] * y[2];
            }

            // y = x, then x[1..3] = (a, b) over y[0..2]: y = (a, b, b), f = a·b² + a³.
            [Differentiable(Hessian = true)]
            public static double CopyB(double a, double b)
            {
                var x = new double[] { a * b, a, b };
                var y = new double[3];
                x.CopyTo(y, 0);
                x.AsSpan(1, 2).CopyTo(y);
                return y[0] * y[1] * y[2] + y[0] * y[0] * y[0];
            }

            // y = (k, k, k, k), p copied into y[1..3]: (k, p0, p1, k), reversed: (k, p1, p0, k). f = k²·p1 + p0³·p1.
            [Differentiable(Hessian = true)]
            public static double CopyP(double[] p, double k)
            {
                var y = new double[4];
                Array.Fill(y, k);
                Array.Copy(p, 0, y, 1, 2);
                Array.Reverse(y);
                return y[0] * y[1] * y[3] + y[2] * y[2] * y[2] * y[1];
            }

            // A copy in a loop, over the array the last trip left: y = (a·i, b) each trip, f = Σ_{i<3} a·i·b² = 3ab².
            [Differentiable(Hessian = true)]
            public static double CopyLoop(double a, double b)
            {
                var y = new double[2];
                double s = 0;
                for (int i = 0; i < 3; i++)
                {
                    var x = new double[] { a * i, b };
                    Array.Copy(x, y, 2);
                    s += y[0] * y[1] * y[1];
                }
                return s;
            }

            // hess25: a sorted copy (ADG0019 at 'c' before). With m the median's index, lo the smallest's and hi the largest's:
            // f = x_m·x_lo + x_hi²·x_m.
            [Differentiable(Hessian = true, Forward = true)]
            public static double Median(double[] x)
            {
                var c = (double[])x.Clone();
                Array.Sort(c);
                return c[c.Length / 2] * c[0] + c[c.Length - 1] * c[c.Length - 1] * c[c.Length / 2];
            }

            // A fresh sorted copy each round, scaled by w^r: f = Σ_{r<2} (w^r·x_hi)(w^r·x_lo) = (1 + w²)·x_hi·x_lo, for either
            // sign of w (a negative scale swaps the extremes, whose product is the same).
            [Differentiable(Hessian = true)]
            public static double SortRounds(double[] x, double w)
            {
                double total = 0, scale = 1;
                for (int r = 0; r < 2; r++)
                {
                    var c = new double[x.Length];
                    for (int i = 0; i < x.Length; i++) c[i] = x[i] * scale;
                    Array.Sort(c);
                    total += c[c.Length - 1] * c[0];
                    scale *= w;
                }
                return total;
            }

            // A span sort of slots 1..3 of a local array made from a, b, c (ToArray of it, then sorted again whole).
            [Differentiable(Hessian = true)]
            public static double SortRange(double a, double b, double c)
            {
                var z = new[] { a * b, c, a, b * c };
                var y = z.ToArray();
                y.AsSpan(1, 3).Sort();
                double f = y[0] * y[1] + y[3] * y[3] * y[2];
                Array.Sort(y);
                return f + y[0];
            }

            // hess25: a clone of a double[,] parameter (ADG0019 at 'u' before), one slot scaled: f = m00·m01·k + m10·m11.
            [Differentiable(Hessian = true)]
            public static double CloneGrid(double[,] m, double k)
            {
                var u = (double[,])m.Clone();
                u[0, 1] = u[0, 1] * k;
                return u[0, 0] * u[0, 1] + u[1, 0] * m[1, 1];
            }

            // A clone of a local grid g = [[ab, a], [b, a²]], twice: f = h00·h11 + q01·q10·b = a³b + ab².
            [Differentiable(Hessian = true)]
            public static double CloneLocalGrid(double a, double b)
            {
                var g = new double[2, 2];
                g[0, 0] = a * b; g[0, 1] = a; g[1, 0] = b; g[1, 1] = a * a;
                var h = (double[,])g.Clone();
                var q = (double[,])h.Clone();
                return h[0, 0] * h[1, 1] + q[0, 1] * q[1, 0] * b;
            }

            // A double[,] parameter written (column 0 scaled by k), then cloned: f = k²·m00·m10 + m01 over the entry values.
            [Differentiable(Hessian = true)]
            public static double WrittenThenCloned(double[,] m, double k)
            {
                for (int i = 0; i < 2; i++) m[i, 0] = m[i, 0] * k;
                var u = (double[,])m.Clone();
                return u[0, 0] * u[1, 0] + u[0, 1];
            }

            private static double[,] Mat22(double[] p) => new[,] { { p[0], p[1] }, { p[2], p[3] } };
            public static double CloneGridH(double[] p, double[] h) => CloneGridHessian(Mat22(p), p[4], h);
            public static double CloneGridV(double[] p, double[] v, double[] hv) => CloneGridHessianVector(Mat22(p), p[4], v, hv);
            public static void CloneGridG(double[] p, double[] g) { var dm = new double[2, 2]; double dk = 0; CloneGridBackward(Mat22(p), p[4], dm, ref dk); g[0] = dm[0, 0]; g[1] = dm[0, 1]; g[2] = dm[1, 0]; g[3] = dm[1, 1]; g[4] = dk; }
            public static double CloneLocalGridH(double[] p, double[] h) => CloneLocalGridHessian(p[0], p[1], h);
            public static double CloneLocalGridV(double[] p, double[] v, double[] hv) => CloneLocalGridHessianVector(p[0], p[1], v, hv);
            public static void CloneLocalGridG(double[] p, double[] g) { double da = 0, db = 0; CloneLocalGridBackward(p[0], p[1], ref da, ref db); g[0] = da; g[1] = db; }
            public static double WrittenThenClonedH(double[] p, double[] h) => WrittenThenClonedHessian(Mat22(p), p[4], h);
            public static double WrittenThenClonedV(double[] p, double[] v, double[] hv) => WrittenThenClonedHessianVector(Mat22(p), p[4], v, hv);
            public static void WrittenThenClonedG(double[] p, double[] g) { var dm = new double[2, 2]; double dk = 0; WrittenThenClonedBackward(Mat22(p), p[4], dm, ref dk); g[0] = dm[0, 0]; g[1] = dm[0, 1]; g[2] = dm[1, 0]; g[3] = dm[1, 1]; g[4] = dk; }
            public static double MedianH(double[] p, double[] h) => MedianHessian(p, h);
            public static double MedianV(double[] p, double[] v, double[] hv) => MedianHessianVector(p, v, hv);
            public static void MedianG(double[] p, double[] g) { Array.Clear(g); MedianBackward(p, g); }
            public static double MedianF(double[] p, double[] t) { MedianForward(p, t, out double dt); return dt; }
            public static double SortRoundsH(double[] p, double[] h) => SortRoundsHessian(p[..^1], p[^1], h);
            public static double SortRoundsV(double[] p, double[] v, double[] hv) => SortRoundsHessianVector(p[..^1], p[^1], v, hv);
            public static void SortRoundsG(double[] p, double[] g) { var dx = new double[p.Length - 1]; double dw = 0; SortRoundsBackward(p[..^1], p[^1], dx, ref dw); dx.CopyTo(g, 0); g[^1] = dw; }
            public static double SortRangeH(double[] p, double[] h) => SortRangeHessian(p[0], p[1], p[2], h);
            public static double SortRangeV(double[] p, double[] v, double[] hv) => SortRangeHessianVector(p[0], p[1], p[2], v, hv);
            public static void SortRangeG(double[] p, double[] g) { double da = 0, db = 0, dc = 0; SortRangeBackward(p[0], p[1], p[2], ref da, ref db, ref dc); g[0] = da; g[1] = db; g[2] = dc; }
            public static double CopyLoopH(double[] p, double[] h) => CopyLoopHessian(p[0], p[1], h);
            public static double CopyLoopV(double[] p, double[] v, double[] hv) => CopyLoopHessianVector(p[0], p[1], v, hv);
            public static void CopyLoopG(double[] p, double[] g) { double da = 0, db = 0; CopyLoopBackward(p[0], p[1], ref da, ref db); g[0] = da; g[1] = db; }
            public static double CopyAH(double[] p, double[] h) => CopyAHessian(p[0], p[1], h);
            public static double CopyAV(double[] p, double[] v, double[] hv) => CopyAHessianVector(p[0], p[1], v, hv);
            public static void CopyAG(double[] p, double[] g) { double da = 0, db = 0; CopyABackward(p[0], p[1], ref da, ref db); g[0] = da; g[1] = db; }
            public static double CopyBH(double[] p, double[] h) => CopyBHessian(p[0], p[1], h);
            public static double CopyBV(double[] p, double[] v, double[] hv) => CopyBHessianVector(p[0], p[1], v, hv);
            public static void CopyBG(double[] p, double[] g) { double da = 0, db = 0; CopyBBackward(p[0], p[1], ref da, ref db); g[0] = da; g[1] = db; }
            public static double CopyPH(double[] p, double[] h) => CopyPHessian(new[] { p[0], p[1] }, p[2], h);
            public static double CopyPV(double[] p, double[] v, double[] hv) => CopyPHessianVector(new[] { p[0], p[1] }, p[2], v, hv);
            public static void CopyPG(double[] p, double[] g) { var dp = new double[2]; double dk = 0; CopyPBackward(new[] { p[0], p[1] }, p[2], dp, ref dk); g[0] = dp[0]; g[1] = dp[1]; g[2] = dk; }
            public static double ValueGridH(double[] p, double[] h) => ValueGridHessian(p[0], p[1], p[2], h);
            public static double ValueGridV(double[] p, double[] v, double[] hv) => ValueGridHessianVector(p[0], p[1], p[2], v, hv);
            public static void ValueGridG(double[] p, double[] g) { double da = 0, db = 0, dc = 0; ValueGridBackward(p[0], p[1], p[2], ref da, ref db, ref dc); g[0] = da; g[1] = db; g[2] = dc; }
            public static double ValueGridF(double[] p, double[] t) { ValueGridForward(p[0], p[1], p[2], t[0], t[1], t[2], out double dt); return dt; }
            public static double ValueGridValue(double[] p) => ValueGrid(p[0], p[1], p[2]);
            public static double GridH(double[] p, double[] h) => GridHessian(p, h);
            public static double GridV(double[] p, double[] v, double[] hv) => GridHessianVector(p, v, hv);
            public static void GridG(double[] p, double[] g) { Array.Clear(g); GridBackward(p, g); }
            public static double ReadsGridH(double[] p, double[] h) => ReadsGridHessian(p, h);
            public static double ReadsGridV(double[] p, double[] v, double[] hv) => ReadsGridHessianVector(p, v, hv);
            public static void ReadsGridG(double[] p, double[] g) { Array.Clear(g); ReadsGridBackward(p, g); }
            public static double JaggedH(double[] p, double[] h) => JaggedHessian(p, h);
            public static double JaggedV(double[] p, double[] v, double[] hv) => JaggedHessianVector(p, v, hv);
            public static void JaggedG(double[] p, double[] g) { Array.Clear(g); JaggedBackward(p, g); }
            public static double StackH(double[] p, double[] h) => StackHessian(p[0], p[1], p[2], h);
            public static double StackV(double[] p, double[] v, double[] hv) => StackHessianVector(p[0], p[1], p[2], v, hv);
            public static void StackG(double[] p, double[] g) { double da = 0, db = 0, dk = 0; StackBackward(p[0], p[1], p[2], ref da, ref db, ref dk); g[0] = da; g[1] = db; g[2] = dk; }
        }
        """;

    private static readonly Lazy<Type> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("HessShapes.M", throwOnError: true)!);

    private static T Method<T>(string name) where T : Delegate =>
        Compiled.Value.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<T>();

    private static void Check(string name, double[] p, double[] hand) =>
        HessianChecks.Check(name, Method<Func<double[], double[], double>>(name + "H"), Method<Func<double[], double[], double[], double>>(name + "V"),
            Method<Action<double[], double[]>>(name + "G"), p, hand, HessianChecks.Double);

    public static TheoryData<double, double> Points => new() { { 0.7, -1.3 }, { -0.45, 0.8 } };

    [Theory]
    [MemberData(nameof(Points))]
    public void VoidCalleeWritingAMatrix_IsWPlusWTransposed_PlusTheCubicTerm(double x0, double x1)
    {
        // f = xᵀWx + 2·x0²·x1 (w01 = 2): H = W + Wᵀ + [[4·x1, 4·x0], [4·x0, 0]] = [[3 + 4x1, 1.5 + 4x0], [1.5 + 4x0, 6]].
        Check("Grid", new[] { x0, x1 }, new[] { 3 + (4 * x1), 1.5 + (4 * x0), 1.5 + (4 * x0), 6 });
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void CalleeReadingAMatrix_MatchesHand(double x0, double x1)
    {
        // f = x0³ + 2·x0·x1 + x0·x1³: f00 = 6x0, f01 = 2 + 3x1², f11 = 6·x0·x1.
        double off = 2 + (3 * x1 * x1);
        Check("ReadsGrid", new[] { x0, x1 }, new[] { 6 * x0, off, off, 6 * x0 * x1 });
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void JaggedLocal_MatchesHand(double x0, double x1)
    {
        // f = x0·x1 + sin x0 + x0·x1²: f00 = −sin x0, f01 = 1 + 2x1, f11 = 2x0.
        Check("Jagged", new[] { x0, x1 }, new[] { -Math.Sin(x0), 1 + (2 * x1), 1 + (2 * x1), 2 * x0 });
    }

    [Theory]
    [InlineData(0.7, -1.3, 0.9)]
    [InlineData(-0.45, 0.8, 1.6)]
    public void CalleeReturningADoubleThatWritesAMatrix_MatchesHand(double a, double b, double c)
    {
        // hess23 (ADG0019 at the call before). o = [[a, b·c]] scaled by c in Scale9, which returns a·c:
        // f = (a·c)·(b·c²) + (a·c)·a / c = a·b·c³ + a². f_aa = 2, f_ab = c³, f_ac = 3b·c², f_bb = 0, f_bc = 3a·c², f_cc = 6a·b·c.
        double ab = c * c * c, ac = 3 * b * c * c, bc = 3 * a * c * c;
        Check("ValueGrid", new[] { a, b, c }, new[] { 2, ab, ac, ab, 0, bc, ac, bc, 6 * a * b * c });
        // MForward against central differences of the value and against the hand gradient (b·c³ + 2a, a·c³, 3a·b·c²).
        var forward = Method<Func<double[], double[], double>>("ValueGridF");
        var value = Method<Func<double[], double>>("ValueGridValue");
        var t = new[] { 0.3, -0.8, 0.55 };
        double step = 1e-6;
        double central = (value(new[] { a + (step * t[0]), b + (step * t[1]), c + (step * t[2]) }) - value(new[] { a - (step * t[0]), b - (step * t[1]), c - (step * t[2]) })) / (2 * step);
        double hand = ((b * c * c * c + (2 * a)) * t[0]) + (a * c * c * c * t[1]) + (3 * a * b * c * c * t[2]);
        double jvp = forward(new[] { a, b, c }, t);
        Tolerance.AssertFormula(hand, jvp, "ValueGrid MForward by hand");
        Tolerance.AssertCentral(central, jvp, Math.Abs(hand) + 1, "ValueGrid MForward vs central differences");
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void CopiesIntoALocalArray_MatchHand(double a, double b)
    {
        // hess23. Array.Copy: f = a²b + b²: f_aa = 2b, f_ab = 2a, f_bb = 2.
        Check("CopyA", new[] { a, b }, new[] { 2 * b, 2 * a, 2 * a, 2 });
        // CopyTo, then AsSpan(1, 2).CopyTo: f = a·b² + a³: f_aa = 6a, f_ab = 2b, f_bb = 2a.
        Check("CopyB", new[] { a, b }, new[] { 6 * a, 2 * b, 2 * b, 2 * a });
        // In a loop: f = 3ab²: f_aa = 0, f_ab = 6b, f_bb = 6a.
        Check("CopyLoop", new[] { a, b }, new[] { 0, 6 * b, 6 * b, 6 * a });
    }

    [Theory]
    [InlineData(0.7, -1.3, 0.9)]
    [InlineData(-0.45, 0.8, 1.6)]
    public void FillCopyFromAParameterAndReverse_MatchHand(double p0, double p1, double k)
    {
        // hess23. f = k²·p1 + p0³·p1 over (p0, p1, k): f_00 = 6·p0·p1, f_01 = 3p0², f_02 = 0, f_11 = 0, f_12 = 2k, f_22 = 2·p1.
        double off = 3 * p0 * p0;
        Check("CopyP", new[] { p0, p1, k }, new[] { 6 * p0 * p1, off, 0, off, 0, 2 * k, 0, 2 * k, 2 * p1 });
    }

    [Theory]
    [InlineData(new[] { 0.5, -1.25, 2.0, 0.75, 1.5 }, 3, 1, 2)]
    [InlineData(new[] { 1.1, 0.3, -0.7, 2.4, 0.9 }, 4, 2, 3)]
    public void SortedCopy_RoutesTheHessianAlongThePermutation(double[] x, int m, int lo, int hi)
    {
        // hess25 (ADG0019 at 'c' before). f = x_m·x_lo + x_hi²·x_m (the first point sorts to x1 < x0 < x3 < x4 < x2: m = 3,
        // lo = 1, hi = 2; the second to x2 < x1 < x4 < x0 < x3): H[m, lo] = 1, H[hi, hi] = 2·x_m, H[hi, m] = 2·x_hi, the rest 0.
        int n = x.Length;
        var hand = new double[n * n];
        hand[(m * n) + lo] = hand[(lo * n) + m] = 1;
        hand[(hi * n) + hi] = 2 * x[m];
        hand[(hi * n) + m] = hand[(m * n) + hi] = 2 * x[hi];
        Check("Median", x, hand);
        // MForward: ∂f/∂x_m = x_lo + x_hi², ∂f/∂x_lo = x_m, ∂f/∂x_hi = 2·x_hi·x_m; against central differences of the value too.
        var t = new[] { 0.3, -0.8, 0.55, 1.25, -0.4 };
        double jvp = Method<Func<double[], double[], double>>("MedianF")(x, t);
        double byHand = ((x[lo] + (x[hi] * x[hi])) * t[m]) + (x[m] * t[lo]) + (2 * x[hi] * x[m] * t[hi]);
        var value = Method<Func<double[], double>>("Median");
        const double step = 1e-6;
        double central = (value(x.Select((v, i) => v + (step * t[i])).ToArray()) - value(x.Select((v, i) => v - (step * t[i])).ToArray())) / (2 * step);
        Tolerance.AssertFormula(byHand, jvp, "Median MForward by hand");
        Tolerance.AssertCentral(central, jvp, Math.Abs(byHand) + 1, "Median MForward vs central differences");
    }

    [Theory]
    [InlineData(0.8)]
    [InlineData(-1.3)]
    public void SortedCopiesInALoop_MatchHand(double w)
    {
        // hess25. x = (0.4, −1.1, 1.7): hi = 2, lo = 1, f = (1 + w²)·x2·x1 over (x0, x1, x2, w): H[1, 2] = 1 + w²,
        // H[1, w] = 2w·x2, H[2, w] = 2w·x1, H[w, w] = 2·x1·x2; x0 is in no product (row and column 0).
        double x1 = -1.1, x2 = 1.7, a = 1 + (w * w), b = 2 * w * x2, c = 2 * w * x1, d = 2 * x1 * x2;
        Check("SortRounds", new[] { 0.4, x1, x2, w }, new[] { 0, 0, 0, 0, 0, 0, a, b, 0, a, 0, c, 0, b, c, d });
    }

    [Fact]
    public void RangeSortThenWholeSort_MatchHand()
    {
        // hess25. At (a, b, c) = (0.7, −1.3, 0.9): y = (ab, c, a, bc) = (−0.91, 0.9, 0.7, −1.17); slots 1..3 sorted: (ab, bc, a, c),
        // f = ab·bc + c²·a, then the whole sort puts bc first: + bc. f = a·b²·c + a·c² + b·c:
        // f_aa = 0, f_ab = 2bc, f_ac = b² + 2c, f_bb = 2ac, f_bc = 2ab + 1, f_cc = 2a.
        double a = 0.7, b = -1.3, c = 0.9;
        double ab = 2 * b * c, ac = (b * b) + (2 * c), bc = (2 * a * b) + 1;
        Check("SortRange", new[] { a, b, c }, new[] { 0, ab, ac, ab, 2 * a * c, bc, ac, bc, 2 * a });
    }

    [Theory]
    [InlineData(0.7, -1.3, 0.9, 1.6, 0.45)]
    [InlineData(-0.45, 0.8, 1.1, -0.6, -1.25)]
    public void WholeGridClones_MatchHand(double m00, double m01, double m10, double m11, double k)
    {
        // hess25 (ADG0019 at the clone before). Over (m00, m01, m10, m11, k), row-major:
        // CloneGrid f = m00·m01·k + m10·m11: H[m00, m01] = k, H[m00, k] = m01, H[m01, k] = m00, H[m10, m11] = 1.
        var p = new[] { m00, m01, m10, m11, k };
        var hand = new double[25];
        hand[1] = hand[5] = k;
        hand[4] = hand[20] = m01;
        hand[9] = hand[21] = m00;
        hand[13] = hand[17] = 1;
        Check("CloneGrid", p, hand);
        // WrittenThenCloned f = k²·m00·m10 + m01: H[m00, m10] = k², H[m00, k] = 2k·m10, H[m10, k] = 2k·m00, H[k, k] = 2·m00·m10.
        hand = new double[25];
        hand[2] = hand[10] = k * k;
        hand[4] = hand[20] = 2 * k * m10;
        hand[14] = hand[22] = 2 * k * m00;
        hand[24] = 2 * m00 * m10;
        Check("WrittenThenCloned", p, hand);
        // CloneLocalGrid f = a³b + ab² at (a, b) = (m00, m01): f_aa = 6ab, f_ab = 3a² + 2b, f_bb = 2a.
        double a = m00, b = m01, ab = (3 * a * a) + (2 * b);
        Check("CloneLocalGrid", new[] { a, b }, new[] { 6 * a * b, ab, ab, 2 * a });
    }

    [Theory]
    [InlineData(0.7, -1.3, 0.9)]
    [InlineData(-0.45, 0.8, 1.6)]
    public void StackallocSpanMadeInALoop_MatchesHand(double a, double b, double k)
    {
        // f = sin a + sin 2a + 6·sin(bk): f_aa = −sin a − 4·sin 2a, f_bb = −6k²·sin(bk), f_kk = −6b²·sin(bk),
        // f_bk = 6·cos(bk) − 6bk·sin(bk), f_ab = f_ak = 0.
        double s = Math.Sin(b * k), bk = (6 * Math.Cos(b * k)) - (6 * b * k * s);
        Check("Stack", new[] { a, b, k }, new[] { -Math.Sin(a) - (4 * Math.Sin(2 * a)), 0, 0, 0, -6 * k * k * s, bk, 0, bk, -6 * b * b * s });
    }
}
