using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms15b;

/// <summary>
/// <see cref="Idioms15bExamples"/>: each gradient by hand and against central differences (CentralDifferenceRunner),
/// MForward against MBackward along a direction, MHessian by hand and against central differences of MBackward.
/// </summary>
public class Idioms15bTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Idioms15bExamples.Source));

    private static MethodInfo Get(string name) => Compiled.Value.GetType("Arrays")!.GetMethod(name)!;

    private delegate double ArrayForward(double[] x, ReadOnlySpan<double> tX, out double tResult);

    private delegate double ArrayHessian(double[] x, Span<double> hessian);

    private delegate double ArrayBackward(double[] x, double[] dX, double dResult);

    private delegate double FourForward(double x, double y, double a, double w, double tX, double tY, double tA, double tW, out double tResult);

    private delegate double FourHessian(double x, double y, double a, double w, Span<double> hessian);

    [Theory]
    [InlineData(0.5, -1.25, 2.0)]
    [InlineData(-0.3, 0.0, 1.5)]
    public void ATwoDimensionalArrayMadeInEachIteration_ByHand_AllModes(double x0, double x1, double x2)
    {
        double[] x = { x0, x1, x2 };
        var g = CentralDifferenceRunner.Check(Get("PerIteration"), null, new object[] { x });
        // f = Σ x³ + 2x: ∇f = 3x² + 2, H = diag(6x).
        Tolerance.AssertFormula(x.Sum(v => (v * v * v) + (2 * v)), g.Value, "PerIteration value");
        AssertAll(x.Select(v => (3 * v * v) + 2).ToArray(), g.Gradient[0]!, "dPerIteration/dx");
        double[] t = { 0.3, -0.7, 0.2 };
        double value = Get("PerIterationForward").CreateDelegate<ArrayForward>()(x, t, out double tResult);
        Assert.Equal(g.Value, value);
        Tolerance.AssertFormula(x.Select((v, i) => ((3 * v * v) + 2) * t[i]).Sum(), tResult, "PerIteration tResult");
        var h = new double[9];
        Get("PerIterationHessian").CreateDelegate<ArrayHessian>()(x, h);
        AssertAll(Enumerable.Range(0, 9).Select(k => k / 3 == k % 3 ? 6 * x[k / 3] : 0).ToArray(), h, "PerIterationHessian");
    }

    [Theory]
    [InlineData(0.4, -0.9, 1.3)]
    [InlineData(1.1, 0.6, -0.35)]
    [InlineData(-0.8, 1.7, 0.25)]
    public void DhHeight_RebindingTheRotationEachJoint_ByHand(double t0, double t1, double t2)
    {
        double[] theta = { t0, t1, t2 };
        var g = CentralDifferenceRunner.Check(Get("DhHeight"), null, new object[] { theta });
        // Chained by hand (α0 = π/2, a = (0, .5, .4), d0 = .3): px = c0 L, py = s0 L, pz = .3 + .5 s1 + .4 s12 with
        // L = .5 c1 + .4 c12, so f = .3 + .5 s1 + .4 s12 + .05 sin(2θ0) L².
        double s1 = Math.Sin(t1), c1 = Math.Cos(t1), s12 = Math.Sin(t1 + t2), c12 = Math.Cos(t1 + t2), s2 = Math.Sin(2 * t0);
        double l = (0.5 * c1) + (0.4 * c12);
        Tolerance.AssertFormula(0.3 + (0.5 * s1) + (0.4 * s12) + (0.05 * s2 * l * l), g.Value, "DhHeight value");
        AssertAll(new[]
        {
            0.1 * Math.Cos(2 * t0) * l * l,
            (0.5 * c1) + (0.4 * c12) + (0.1 * s2 * l * ((-0.5 * s1) - (0.4 * s12))),
            (0.4 * c12) + (0.1 * s2 * l * (-0.4 * s12)),
        }, g.Gradient[0]!, "dDhHeight/dtheta");
        double[] t = { 0.25, -0.5, 0.75 };
        double value = Get("DhHeightForward").CreateDelegate<ArrayForward>()(theta, t, out double tResult);
        Tolerance.AssertFormula(g.Value, value, "DhHeightForward value");
        Tolerance.AssertFormula(t.Select((v, i) => v * g.Gradient[0]![i]).Sum(), tResult, "DhHeight tResult");
        HessianAgainstBackward("DhHeight", theta);
    }

    [Theory]
    [InlineData(0.7, -0.4, 0.3, 0.5)]
    [InlineData(-1.2, 0.9, -0.8, 0.1)]
    public void AStateVectorReboundEachStep_ByHand_AllModes(double x, double y, double a, double w)
    {
        var g = CentralDifferenceRunner.Check(Get("Steps"), null, new object[] { x, y, a, w });
        // Three steps of R(a)·u + w e1: U = x c3 - y s3 + w (c2 + c1 + 1), V = x s3 + y c3 + w (s2 + s1), f = U² + 3V.
        double c1 = Math.Cos(a), s1 = Math.Sin(a), c2 = Math.Cos(2 * a), s2 = Math.Sin(2 * a), c3 = Math.Cos(3 * a), s3 = Math.Sin(3 * a);
        double u = (x * c3) - (y * s3) + (w * (c2 + c1 + 1)), v = (x * s3) + (y * c3) + (w * (s2 + s1));
        double du = (-3 * x * s3) - (3 * y * c3) - (w * ((2 * s2) + s1)), dv = (3 * x * c3) - (3 * y * s3) + (w * ((2 * c2) + c1));
        double[] grad = { (2 * u * c3) + (3 * s3), (-2 * u * s3) + (3 * c3), (2 * u * du) + (3 * dv), (2 * u * (c2 + c1 + 1)) + (3 * (s2 + s1)) };
        Tolerance.AssertFormula((u * u) + (3 * v), g.Value, "Steps value");
        AssertAll(grad, g.Gradient.Select(d => d![0]).ToArray(), "dSteps");
        double value = Get("StepsForward").CreateDelegate<FourForward>()(x, y, a, w, 0.2, -0.3, 0.5, 0.7, out double tResult);
        Assert.Equal(g.Value, value);
        Tolerance.AssertFormula((0.2 * grad[0]) - (0.3 * grad[1]) + (0.5 * grad[2]) + (0.7 * grad[3]), tResult, "Steps tResult");
        // U is linear in (x, y, w), V too: that block of H is 2 ∇U ∇Uᵀ.
        var h = new double[16];
        Get("StepsHessian").CreateDelegate<FourHessian>()(x, y, a, w, h);
        double[] du3 = { c3, -s3, 0, c2 + c1 + 1 };
        foreach (int i in new[] { 0, 1, 3 })
        {
            foreach (int j in new[] { 0, 1, 3 }) Tolerance.AssertFormula(2 * du3[i] * du3[j], h[(4 * i) + j], "StepsHessian[" + i + ", " + j + "]");
        }
        // d²f/da²: 2 U_a² + 2 U U_aa + 3 V_aa.
        double duu = (-9 * x * c3) + (9 * y * s3) - (w * ((4 * c2) + c1)), dvv = (-9 * x * s3) - (9 * y * c3) - (w * ((4 * s2) + s1));
        Tolerance.AssertFormula((2 * du * du) + (2 * u * duu) + (3 * dvv), h[10], "StepsHessian[a, a]");
    }

    [Theory]
    [InlineData(0.5, -0.25, 1.5, 0.75)]
    [InlineData(-0.5, -0.25, 0.3, -0.1)]
    public void ARebindingOnOneBranch_KeepsTheOldArrayWhereTheTestFails_ByHand(double x0, double x1, double x2, double x3)
    {
        double[] x = { x0, x1, x2, x3 };
        var g = CentralDifferenceRunner.Check(Get("Branch"), null, new object[] { x });
        // Kept steps k (x_k > 0): r0 = 2^m + Σ_kept 2^(kept after k) x_k, r1 = Σ_kept x_k², f = r0 + r1².
        var kept = Enumerable.Range(0, 4).Where(k => x[k] > 0).ToArray();
        double r0 = Math.Pow(2, kept.Length) + kept.Sum(k => Math.Pow(2, kept.Count(j => j > k)) * x[k]);
        double r1 = kept.Sum(k => x[k] * x[k]);
        Tolerance.AssertFormula(r0 + (r1 * r1), g.Value, "Branch value");
        AssertAll(Enumerable.Range(0, 4).Select(k => x[k] > 0 ? Math.Pow(2, kept.Count(j => j > k)) + (4 * r1 * x[k]) : 0).ToArray(), g.Gradient[0]!, "dBranch/dx");
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(-1.3)]
    public void FormerlyRefusedForms_ByHand(double x)
    {
        // Σ_{i<2} x = 2x; last is the third iteration's t: (2x, 0), f = 2x.
        var g = CentralDifferenceRunner.Check(Get("GridInLoop"), null, new object[] { x });
        Tolerance.AssertFormula(2 * x, g.Value, "GridInLoop value");
        Tolerance.AssertFormula(2, g.Gradient[0]![0], "dGridInLoop/dx");
        var l = CentralDifferenceRunner.Check(Get("Last"), null, new object[] { x });
        Tolerance.AssertFormula(2 * x, l.Value, "Last value");
        Tolerance.AssertFormula(2, l.Gradient[0]![0], "dLast/dx");
    }

    /// <summary>MHessian of an array method against central differences of its MBackward, entry by entry.</summary>
    private static void HessianAgainstBackward(string name, double[] x)
    {
        int n = x.Length;
        var h = new double[n * n];
        Get(name + "Hessian").CreateDelegate<ArrayHessian>()(x, h);
        var backward = Get(name + "Backward").CreateDelegate<ArrayBackward>();
        const double step = 1e-5;
        for (int j = 0; j < n; j++)
        {
            double[] up = (double[])x.Clone(), down = (double[])x.Clone();
            up[j] += step;
            down[j] -= step;
            double[] gu = new double[n], gd = new double[n];
            backward(up, gu, 1);
            backward(down, gd, 1);
            for (int i = 0; i < n; i++) Tolerance.AssertClose((gu[i] - gd[i]) / (2 * step), h[(i * n) + j], 1e-6 * (1 + Math.Abs(h[(i * n) + j])), name + "Hessian[" + i + ", " + j + "]");
        }
    }

    private static void AssertAll(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++) Tolerance.AssertFormula(expected[k], actual[k], what + "[" + k + "]");
    }
}
