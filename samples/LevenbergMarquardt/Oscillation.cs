using AutoDiffGen;

namespace LevenbergMarquardtSample;

/// <summary>The parameters of a damped oscillation a·e^(−b·t)·cos(c·t + d).</summary>
public record struct Wave(double A, double B, double C, double D);

/// <summary>
/// A damped oscillation fitted to many observations. A tuple or struct result holds at most a handful of
/// components, so the residual vector over an array of data points is not one method: each residual is, with the
/// parameters as one struct, and <c>ResidualJacobian</c> writes its row of the Jacobian (∂r/∂A, ∂r/∂B, ∂r/∂C, ∂r/∂D).
/// </summary>
public static partial class Oscillation
{
    [Differentiable(Jacobian = true)]
    public static double Residual(Wave p, [NoDiff] double t, [NoDiff] double y) => p.A * Math.Exp(-p.B * t) * Math.Cos(p.C * t + p.D) - y;

    /// <summary>Observations of <paramref name="truth"/> at t = 0, 0.2, …, with Gaussian noise of standard deviation <paramref name="noise"/> (seeded).</summary>
    public static (double[] T, double[] Y) Data(Wave truth, int count, double noise, int seed)
    {
        var random = new Random(seed);
        var t = new double[count];
        var y = new double[count];
        for (int i = 0; i < count; i++)
        {
            t[i] = 0.2 * i;
            // Box–Muller: one standard normal from two uniforms.
            double gauss = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            y[i] = truth.A * Math.Exp(-truth.B * t[i]) * Math.Cos(truth.C * t[i] + truth.D) + noise * gauss;
        }
        return (t, y);
    }
}
