using System;
using System.Linq;
using LevenbergMarquardtSample;
using Xunit;

namespace AutoDiffGen.Tests.Samples;

/// <summary>
/// samples/LevenbergMarquardt's core: the generated Jacobians against hand derivations and central differences, and the
/// fits: NIST StRD BoxBOD from both of NIST's starts to the certified values, and the damped oscillation back to the
/// parameters that made its data.
/// </summary>
public sealed class LevenbergMarquardtSampleTests
{
    // NIST StRD BoxBOD, certified values (https://www.itl.nist.gov/div898/strd/nls/data/boxbod.shtml).
    private const double CertifiedB1 = 2.1380940889E+02;
    private const double CertifiedB2 = 5.4723748542E-01;
    private const double CertifiedResidualSumOfSquares = 1.1680088766E+03;

    [Theory]
    [InlineData(1.0, 1.0)]
    [InlineData(200.0, 0.5)]
    [InlineData(-3.0, 0.05)]
    public void BoxBod_ResidualsJacobian_IsTheHandDerivedJacobian(double b1, double b2)
    {
        // r_i = b1 (1 − e^(−b2 x_i)) − y_i: ∂r_i/∂b1 = 1 − e^(−b2 x_i), ∂r_i/∂b2 = b1 x_i e^(−b2 x_i).
        var j = new double[12];
        Array.Fill(j, double.NaN);
        var r = BoxBod.ResidualsJacobian(b1, b2, j);
        Assert.Equal(BoxBod.Residuals(b1, b2), r);
        var numeric = Central(p => Vector(BoxBod.Residuals(p[0], p[1])), new[] { b1, b2 }, 6);
        for (int i = 0; i < 6; i++)
        {
            double x = BoxBod.X[i], e = Math.Exp(-b2 * x);
            Close(1 - e, j[2 * i], 1e-14);
            Close(b1 * x * e, j[(2 * i) + 1], 1e-14);
            Close(numeric[2 * i], j[2 * i], 1e-6);
            Close(numeric[(2 * i) + 1], j[(2 * i) + 1], 1e-6);
        }
        Assert.Throws<ArgumentException>(() => BoxBod.ResidualsJacobian(b1, b2, new double[11]));
    }

    [Theory]
    [InlineData(2.5, 0.3, 2.0, 0.5, 1.3, 0.7)]
    [InlineData(-1.0, -0.2, 0.5, 3.0, 4.2, -0.1)]
    public void Oscillation_ResidualJacobian_IsTheHandDerivedRow(double a, double b, double c, double d, double t, double y)
    {
        // r = A e^(−Bt) cos(Ct + D) − y.
        var row = new double[4];
        var wave = new Wave(a, b, c, d);
        double r = Oscillation.ResidualJacobian(wave, t, y, row);
        double e = Math.Exp(-b * t), cos = Math.Cos((c * t) + d), sin = Math.Sin((c * t) + d);
        Close((a * e * cos) - y, r, 1e-15);
        Close(e * cos, row[0], 1e-14);
        Close(-t * a * e * cos, row[1], 1e-14);
        Close(-t * a * e * sin, row[2], 1e-14);
        Close(-a * e * sin, row[3], 1e-14);
        var numeric = Central(p => new[] { Oscillation.Residual(new Wave(p[0], p[1], p[2], p[3]), t, y) }, new[] { a, b, c, d }, 1);
        for (int k = 0; k < 4; k++) Close(numeric[k], row[k], 1e-6);
    }

    [Theory]
    [InlineData(1.0, 1.0)]
    [InlineData(100.0, 0.75)]
    public void BoxBod_FromNistsStarts_ReachesTheCertifiedValues(double b1, double b2)
    {
        foreach (var source in new[] { JacobianSource.Generated, JacobianSource.FiniteDifferences })
        {
            var fit = LevenbergMarquardt.Fit(new BoxBodProblem(source), new[] { b1, b2 });
            Assert.True(fit.Converged, source + " did not converge");
            Close(CertifiedB1, fit.P[0], 1e-7);
            Close(CertifiedB2, fit.P[1], 1e-7);
            Close(CertifiedResidualSumOfSquares, fit.ResidualNorm * fit.ResidualNorm, 1e-9);
        }
    }

    [Fact]
    public void Oscillation_WithoutNoise_RecoversTheParametersThatMadeTheData()
    {
        var truth = new Wave(2.5, 0.3, 2.0, 0.5);
        var (t, y) = Oscillation.Data(truth, 60, 0, seed: 1);
        var fit = LevenbergMarquardt.Fit(new OscillationProblem(t, y, JacobianSource.Generated), new[] { 1.0, 0.1, 1.7, 0.0 });
        Assert.True(fit.Converged);
        Close(truth.A, fit.P[0], 1e-9);
        Close(truth.B, fit.P[1], 1e-9);
        Close(truth.C, fit.P[2], 1e-9);
        Close(truth.D, fit.P[3], 1e-9);
        Assert.True(fit.ResidualNorm < 1e-9, "|r| = " + fit.ResidualNorm);
    }

    [Fact]
    public void Oscillation_WithNoise_BothJacobiansReachTheSameFitNearTheTruth_TheGeneratedOneWithFewerEvaluations()
    {
        var truth = new Wave(2.5, 0.3, 2.0, 0.5);
        var (t, y) = Oscillation.Data(truth, 60, 0.02, seed: 42);
        var start = new[] { 1.0, 0.1, 1.7, 0.0 };
        var generated = LevenbergMarquardt.Fit(new OscillationProblem(t, y, JacobianSource.Generated), start);
        var numeric = LevenbergMarquardt.Fit(new OscillationProblem(t, y, JacobianSource.FiniteDifferences), start);
        Assert.True(generated.Converged && numeric.Converged);
        // Noise 0.02 on 60 points: each parameter within a few standard errors (≈ 0.01) of the truth.
        double[] truths = { truth.A, truth.B, truth.C, truth.D };
        for (int k = 0; k < 4; k++)
        {
            Assert.InRange(generated.P[k], truths[k] - 0.05, truths[k] + 0.05);
            Close(generated.P[k], numeric.P[k], 1e-6);
        }
        // The residual norm is about the noise: 0.02·√(60 − 4) ≈ 0.15.
        Assert.InRange(generated.ResidualNorm, 0.1, 0.2);
        // Forward differences cost n = 4 residual-vector evaluations per Jacobian on top of the steps.
        Assert.True(numeric.ResidualCalls >= 4 * numeric.JacobianCalls, $"{numeric.ResidualCalls} evaluations for {numeric.JacobianCalls} Jacobians");
        Assert.True(generated.ResidualCalls < numeric.ResidualCalls);
    }

    private static double[] Vector((double, double, double, double, double, double) r) => new[] { r.Item1, r.Item2, r.Item3, r.Item4, r.Item5, r.Item6 };

    /// <summary>The m × n Jacobian of f at p by central differences (step 1e-6 relative), row-major.</summary>
    private static double[] Central(Func<double[], double[]> f, double[] p, int m)
    {
        int n = p.Length;
        var j = new double[m * n];
        for (int k = 0; k < n; k++)
        {
            double h = 1e-6 * Math.Max(1, Math.Abs(p[k]));
            var up = (double[])p.Clone();
            var down = (double[])p.Clone();
            up[k] += h;
            down[k] -= h;
            var fu = f(up);
            var fd = f(down);
            for (int i = 0; i < m; i++) j[(i * n) + k] = (fu[i] - fd[i]) / (up[k] - down[k]);
        }
        return j;
    }

    private static void Close(double expected, double actual, double relative) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R} (relative tolerance {relative})");
}
