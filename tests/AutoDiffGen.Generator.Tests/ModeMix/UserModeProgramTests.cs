using System.Reflection;
using AutoDiffGen.Generator.Tests.Hessians;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.ModeMix;

/// <summary>
/// Issue 14 item 4 (hess24): small programs a user of the Hessian, Jacobian and forward modes writes — Newton on a
/// logistic regression over a <c>double[,]</c>, Gauss–Newton residuals through <c>out</c> values, callees with a tape (a
/// loop, an array, recursion) under <c>MHessian</c>, a <c>switch</c> expression, a <c>Math.Max</c> route, a local
/// function, a struct parameter, a ref/out integrator's Jacobian. All were accepted (none refused); each is checked here by
/// hand (derivations in the comments, at points where the entries are non-zero and distinct) and against central
/// differences (MHessian of MBackward's gradient, MForward of the value, MJacobian of the outputs). The dense MHessian
/// through non-inlined callees allocates nothing in steady state, and two threads computing at once get the serial values.
/// </summary>
public class UserModeProgramTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;
        public struct Pt { public double X; public double Y; public Pt(double x, double y) { X = x; Y = y; } }
        public static partial class U
        {
            [Differentiable(Hessian = true, Forward = true)]
            public static double Logistic(double[] w, [NoDiff] double[,] x, [NoDiff] double[] y)
            {
                double loss = 0;
                for (int i = 0; i < x.GetLength(0); i++)
                {
                    double z = 0;
                    for (int j = 0; j < x.GetLength(1); j++) z += x[i, j] * w[j];
                    double p = 1 / (1 + Math.Exp(-z));
                    loss -= y[i] * Math.Log(p) + (1 - y[i]) * Math.Log(1 - p);
                }
                return loss + 0.05 * (w[0] * w[0] + w[1] * w[1]);
            }

            [Differentiable(Jacobian = true, Forward = true)]
            public static void Res(double a, double b, out double r0, out double r1, out double r2)
            {
                r0 = a * Math.Exp(-b * 1.0) - 2.0;
                r1 = a * Math.Exp(-b * 2.0) - 1.1;
                r2 = a * Math.Exp(-b * 3.0) - 0.6;
            }

            // Not inlined: an array parameter and a loop (its own tape); recursion.
            [Differentiable] public static double Poly(double[] c, double u) { double s = 0; for (int i = c.Length - 1; i >= 0; i--) s = s * u + c[i]; return s; }
            [Differentiable(Hessian = true)] public static double UsesPoly([NoDiff] double[] c, double x, double y) => Poly(c, x * y) * y + Poly(c, x);
            [Differentiable] public static double Rec(double x, int n) => n == 0 ? x : Math.Sin(Rec(x, n - 1)) * x;
            [Differentiable(Hessian = true)] public static double UsesRec(double x, double y) => Rec(x * y, 3) + y * x;

            [Differentiable(Hessian = true, Forward = true)]
            public static double Sw(double x, double y, int mode) => mode switch { 0 => x * x * y, 1 => Math.Sin(x) * y * y, _ => x * y * y * y };

            [Differentiable(Hessian = true, Forward = true)]
            public static double Mx(double x, double y) => Math.Max(x * x * y, Math.Sin(y)) * x;

            [Differentiable(Hessian = true, Forward = true)]
            public static double Lf(double x, double y)
            {
                double Sq(double t) => t * t * y;
                return Sq(x) + Sq(x + y) * x;
            }

            [Differentiable(Hessian = true, Forward = true, Jacobian = true)]
            public static double St(Pt p, double s) => p.X * p.X * p.Y * s + Math.Cos(p.Y * s);

            [Differentiable(Jacobian = true)]
            public static double Integrate(ref double x, ref double v, double h, int n) { double e = 0; for (int k = 0; k < n; k++) { v -= h * x * x * x; x += h * v; e = x * x; } return e; }

            static readonly double[,] X = { { 1, 0.5 }, { -0.3, 1.2 }, { 0.8, -0.7 }, { 0.2, 0.9 } };
            static readonly double[] Y = { 1, 0, 1, 0 };
            static readonly double[] C = { 0.5, -1.2, 0.8, 0.3 };
            public static int Mode;
            public static double LogisticH(double[] p, double[] h) => LogisticHessian(p, X, Y, h);
            public static double LogisticV(double[] p, double[] v, double[] hv) => LogisticHessianVector(p, X, Y, v, hv);
            public static void LogisticG(double[] p, double[] g) { Array.Clear(g, 0, g.Length); LogisticBackward(p, X, Y, g); }
            public static double LogisticT(double[] p, double[] t) { LogisticForward(p, X, Y, t, out double r); return r; }
            public static double LogisticF(double[] p) => Logistic(p, X, Y);
            public static double UsesPolyH(double[] p, double[] h) => UsesPolyHessian(C, p[0], p[1], h);
            public static double UsesPolyV(double[] p, double[] v, double[] hv) => UsesPolyHessianVector(C, p[0], p[1], v, hv);
            public static void UsesPolyG(double[] p, double[] g) { double a = 0, b = 0; UsesPolyBackward(C, p[0], p[1], ref a, ref b); g[0] = a; g[1] = b; }
            public static double UsesRecH(double[] p, double[] h) => UsesRecHessian(p[0], p[1], h);
            public static double UsesRecV(double[] p, double[] v, double[] hv) => UsesRecHessianVector(p[0], p[1], v, hv);
            public static void UsesRecG(double[] p, double[] g) { double a = 0, b = 0; UsesRecBackward(p[0], p[1], ref a, ref b); g[0] = a; g[1] = b; }
            public static double SwH(double[] p, double[] h) => SwHessian(p[0], p[1], Mode, h);
            public static double SwV(double[] p, double[] v, double[] hv) => SwHessianVector(p[0], p[1], Mode, v, hv);
            public static void SwG(double[] p, double[] g) { double a = 0, b = 0; SwBackward(p[0], p[1], Mode, ref a, ref b); g[0] = a; g[1] = b; }
            public static double SwT(double[] p, double[] t) { SwForward(p[0], p[1], Mode, t[0], t[1], out double r); return r; }
            public static double SwF(double[] p) => Sw(p[0], p[1], Mode);
            public static double MxH(double[] p, double[] h) => MxHessian(p[0], p[1], h);
            public static double MxV(double[] p, double[] v, double[] hv) => MxHessianVector(p[0], p[1], v, hv);
            public static void MxG(double[] p, double[] g) { double a = 0, b = 0; MxBackward(p[0], p[1], ref a, ref b); g[0] = a; g[1] = b; }
            public static double MxT(double[] p, double[] t) { MxForward(p[0], p[1], t[0], t[1], out double r); return r; }
            public static double MxF(double[] p) => Mx(p[0], p[1]);
            public static double LfH(double[] p, double[] h) => LfHessian(p[0], p[1], h);
            public static double LfV(double[] p, double[] v, double[] hv) => LfHessianVector(p[0], p[1], v, hv);
            public static void LfG(double[] p, double[] g) { double a = 0, b = 0; LfBackward(p[0], p[1], ref a, ref b); g[0] = a; g[1] = b; }
            public static double LfT(double[] p, double[] t) { LfForward(p[0], p[1], t[0], t[1], out double r); return r; }
            public static double LfF(double[] p) => Lf(p[0], p[1]);
            public static double StH(double[] p, double[] h) => StHessian(new Pt(p[0], p[1]), p[2], h);
            public static double StV(double[] p, double[] v, double[] hv) => StHessianVector(new Pt(p[0], p[1]), p[2], v, hv);
            public static void StG(double[] p, double[] g) { var d = new Pt(); double s = 0; StBackward(new Pt(p[0], p[1]), p[2], ref d, ref s); g[0] = d.X; g[1] = d.Y; g[2] = s; }
            public static double StT(double[] p, double[] t) { StForward(new Pt(p[0], p[1]), p[2], new Pt(t[0], t[1]), t[2], out double r); return r; }
            public static double StF(double[] p) => St(new Pt(p[0], p[1]), p[2]);
            public static double[] ResJ(double[] p) { var j = new double[6]; ResJacobian(p[0], p[1], out _, out _, out _, j); return j; }
            public static double[] ResY(double[] p) { Res(p[0], p[1], out double a, out double b, out double c); return new[] { a, b, c }; }
            public static int N;
            public static double[] IntegrateJ(double[] p) { double x = p[0], v = p[1]; var j = new double[9]; IntegrateJacobian(ref x, ref v, p[2], N, j); return j; }
            public static double[] IntegrateY(double[] p) { double x = p[0], v = p[1]; double e = Integrate(ref x, ref v, p[2], N); return new[] { e, x, v }; }
        }
        """;

    private static readonly Lazy<Type> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("U")!);

    private static T Get<T>(string name) where T : Delegate => Compiled.Value.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<T>();

    private static void Hessian(string name, double[] p, double[]? hand) =>
        HessianChecks.Check(name, Get<Func<double[], double[], double>>(name + "H"), Get<Func<double[], double[], double[], double>>(name + "V"),
            Get<Action<double[], double[]>>(name + "G"), p, hand, HessianChecks.Double);

    /// <summary>MForward along a direction with no zero entry against central differences of the value.</summary>
    private static void Forward(string name, double[] p)
    {
        var f = Get<Func<double[], double>>(name + "F");
        var t = p.Select((_, i) => 0.3 + (0.17 * i)).ToArray();
        const double h = 1e-6;
        double central = (f(p.Select((v, i) => v + (h * t[i])).ToArray()) - f(p.Select((v, i) => v - (h * t[i])).ToArray())) / (2 * h);
        Tolerance.AssertCentral(central, Get<Func<double[], double[], double>>(name + "T")(p, t), Math.Abs(f(p)), name + " MForward vs central differences");
    }

    /// <summary>MJacobian by hand and against central differences of the outputs.</summary>
    private static void Jacobian(string name, double[] p, double[] hand)
    {
        var j = Get<Func<double[], double[]>>(name + "J")(p);
        var y = Get<Func<double[], double[]>>(name + "Y");
        int n = p.Length, m = hand.Length / n;
        const double h = 1e-6;
        for (int c = 0; c < n; c++)
        {
            var up = (double[])p.Clone();
            var down = (double[])p.Clone();
            up[c] += h;
            down[c] -= h;
            var (fu, fd) = (y(up), y(down));
            for (int r = 0; r < m; r++)
            {
                Tolerance.AssertFormula(hand[(r * n) + c], j[(r * n) + c], name + " J[" + r + ", " + c + "] by hand");
                Tolerance.AssertCentral((fu[r] - fd[r]) / (2 * h), j[(r * n) + c], y(p).Max(Math.Abs), name + " J[" + r + ", " + c + "] vs central differences");
            }
        }
    }

    [Fact]
    public void NewtonOnLogisticRegression_OverADoubleMatrix()
    {
        // L(w) = −Σ [yᵢ log pᵢ + (1 − yᵢ) log(1 − pᵢ)] + 0.05‖w‖², pᵢ = σ(xᵢ·w): ∇L = Σ (pᵢ − yᵢ) xᵢ + 0.1w,
        // H = Σ pᵢ(1 − pᵢ) xᵢxᵢᵀ + 0.1 I (both entries of the off-diagonal the same sum; the diagonal ones distinct here).
        double[,] x = { { 1, 0.5 }, { -0.3, 1.2 }, { 0.8, -0.7 }, { 0.2, 0.9 } };
        var w = new[] { 0.4, -0.6 };
        var hand = new double[4];
        for (int i = 0; i < 4; i++)
        {
            double p = 1 / (1 + Math.Exp(-((x[i, 0] * w[0]) + (x[i, 1] * w[1])))), s = p * (1 - p);
            for (int a = 0; a < 2; a++) for (int b = 0; b < 2; b++) hand[(2 * a) + b] += s * x[i, a] * x[i, b];
        }
        hand[0] += 0.1;
        hand[3] += 0.1;
        Hessian("Logistic", w, hand);
        Forward("Logistic", w);
        // One Newton step lowers the loss (the Hessian is positive definite).
        var g = new double[2];
        Get<Action<double[], double[]>>("LogisticG")(w, g);
        var h = new double[4];
        Get<Func<double[], double[], double>>("LogisticH")(w, h);
        double det = (h[0] * h[3]) - (h[1] * h[2]);
        var next = new[] { w[0] - (((h[3] * g[0]) - (h[1] * g[1])) / det), w[1] - (((h[0] * g[1]) - (h[2] * g[0])) / det) };
        Assert.True(Get<Func<double[], double>>("LogisticF")(next) < Get<Func<double[], double>>("LogisticF")(w));
    }

    [Fact]
    public void GaussNewtonResiduals_ThroughOutValues()
    {
        // rₖ = a·e^(−b·tₖ) − yₖ, tₖ = 1, 2, 3: ∂rₖ/∂a = e^(−b·tₖ), ∂rₖ/∂b = −a·tₖ·e^(−b·tₖ). Forward = true, 2 columns < 3 rows.
        double a = 2.5, b = 0.6;
        var hand = Enumerable.Range(1, 3).SelectMany(t => new[] { Math.Exp(-b * t), -a * t * Math.Exp(-b * t) }).ToArray();
        Jacobian("Res", new[] { a, b }, hand);
    }

    [Fact]
    public void IntegratorWithRefState_JacobianOfEnergyAndState()
    {
        // One step (n = 1): v′ = v − h·x³, x′ = x + h·v′, e = x′². Rows e, x′, v′; columns x, v, h:
        //   x′: 1 − 3h²x², h, v − 2h·x³;   v′: −3h·x², 1, −x³;   e: 2x′ times the x′ row.
        double x = 0.8, v = 0.3, h = 0.1;
        double vn = v - (h * x * x * x), xn = x + (h * vn);
        double[] xr = { 1 - (3 * h * h * x * x), h, v - (2 * h * x * x * x) }, vr = { -3 * h * x * x, 1, -x * x * x };
        Compiled.Value.GetField("N")!.SetValue(null, 1);
        Jacobian("Integrate", new[] { x, v, h }, xr.Select(d => 2 * xn * d).Concat(xr).Concat(vr).ToArray());
    }

    [Fact]
    public void HessianThroughCalleesWithTapes_ByHand_AllocatesNothing_AndTwoThreadsAgree()
    {
        // f = P(xy)·y + P(x), P(u) = 0.5 − 1.2u + 0.8u² + 0.3u³ (Poly is not inlined: an array parameter, a loop):
        //   f_xx = P″(xy)·y³ + P″(x), f_xy = P″(xy)·x·y² + 2y·P′(xy), f_yy = P″(xy)·x²·y + 2x·P′(xy).
        double x = 0.7, y = 1.3, u = x * y;
        double P1(double t) => -1.2 + (1.6 * t) + (0.9 * t * t);
        double P2(double t) => 1.6 + (1.8 * t);
        double xy = (P2(u) * x * y * y) + (2 * y * P1(u));
        Hessian("UsesPoly", new[] { x, y }, new[] { (P2(u) * y * y * y) + P2(x), xy, xy, (P2(u) * x * x * y) + (2 * x * P1(u)) });
        // Rec (recursive: never inlined) against central differences of the gradient only.
        Hessian("UsesRec", new[] { x, y }, null);

        var poly = Get<Func<double[], double[], double>>("UsesPolyH");
        var rec = Get<Func<double[], double[], double>>("UsesRecH");
        var p = new[] { x, y };
        var h = new double[4];
        for (int i = 0; i < 3; i++)
        {
            poly(p, h);
            rec(p, h);
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            poly(p, h);
            rec(p, h);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        // Two threads, each at its own points, against the same points computed serially.
        var points = Enumerable.Range(0, 40).Select(i => new[] { 0.3 + (0.02 * i), 1.1 - (0.015 * i) }).ToArray();
        var serial = points.Select(q => { var a = new double[4]; var b = new double[4]; poly(q, a); rec(q, b); return a.Concat(b).ToArray(); }).ToArray();
        var parallel = new double[points.Length][];
        var threads = Enumerable.Range(0, 2).Select(t => new Thread(() =>
        {
            for (int i = t; i < points.Length; i += 2)
            {
                var a = new double[4];
                var b = new double[4];
                poly(points[i], a);
                rec(points[i], b);
                parallel[i] = a.Concat(b).ToArray();
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        for (int i = 0; i < points.Length; i++) Assert.Equal(serial[i], parallel[i]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void SwitchExpression_EachArm(int mode)
    {
        // x²y: [[2y, 2x], [2x, 0]]; sin x·y²: [[−y² sin x, 2y cos x], [2y cos x, 2 sin x]]; xy³: [[0, 3y²], [3y², 6xy]].
        double x = 0.7, y = 1.3;
        double[] hand = mode switch
        {
            0 => new[] { 2 * y, 2 * x, 2 * x, 0 },
            1 => new[] { -y * y * Math.Sin(x), 2 * y * Math.Cos(x), 2 * y * Math.Cos(x), 2 * Math.Sin(x) },
            _ => new[] { 0, 3 * y * y, 3 * y * y, 6 * x * y },
        };
        Compiled.Value.GetField("Mode")!.SetValue(null, mode);
        Hessian("Sw", new[] { x, y }, hand);
        Forward("Sw", new[] { x, y });
    }

    [Fact]
    public void MaxRoute_BothSides()
    {
        // max(x²y, sin y)·x: where x²y wins, x³y: [[6xy, 3x²], [3x², 0]]; where sin y wins, x·sin y: [[0, cos y], [cos y, −x sin y]].
        double x = 1.2, y = 0.5;
        Hessian("Mx", new[] { x, y }, new[] { 6 * x * y, 3 * x * x, 3 * x * x, 0 });
        Forward("Mx", new[] { x, y });
        x = 0.3;
        y = 1.1;
        Hessian("Mx", new[] { x, y }, new[] { 0, Math.Cos(y), Math.Cos(y), -x * Math.Sin(y) });
        Forward("Mx", new[] { x, y });
    }

    [Fact]
    public void LocalFunction_AndStructParameter()
    {
        // Lf = x²y + (x + y)²·x·y: f_xx = 2y + 2xy + 4(x + y)y, f_xy = 2x + 2xy + 2(x + y)(x + y) + (x + y)², f_yy = 4x(x + y) + 2xy.
        double x = 0.7, y = 1.3, s = x + y;
        double lxy = (2 * x) + (2 * x * y) + (2 * s * x) + (2 * s * y) + (s * s);
        Hessian("Lf", new[] { x, y }, new[] { (2 * y) + (2 * x * y) + (4 * s * y), lxy, lxy, (4 * x * s) + (2 * x * y) });
        Forward("Lf", new[] { x, y });
        // St = X²·Y·s + cos(Y·s) over (X, Y, s): f_XX = 2Ys, f_XY = 2Xs, f_Xs = 2XY, f_YY = −s² cos(Ys),
        // f_Ys = X² − sin(Ys) − Ys·cos(Ys), f_ss = −Y² cos(Ys).
        double px = 0.7, py = 1.3, q = 0.9, c = Math.Cos(py * q);
        double ys = (px * px) - Math.Sin(py * q) - (py * q * c);
        Hessian("St", new[] { px, py, q }, new[] { 2 * py * q, 2 * px * q, 2 * px * py, 2 * px * q, -q * q * c, ys, 2 * px * py, ys, -py * py * c });
        Forward("St", new[] { px, py, q });
    }
}
