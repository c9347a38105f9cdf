using AutoDiffGen;

namespace Natural;

public enum LossKind { Squared, Huber, Pinball }

// Robust regression losses for a line fit, chosen with a switch expression.
public static partial class RobustLoss
{
    static double Pointwise(LossKind kind, double r, double delta, double tau) => kind switch
    {
        LossKind.Squared => 0.5 * r * r,
        LossKind.Huber => Math.Abs(r) <= delta ? 0.5 * r * r : delta * (Math.Abs(r) - 0.5 * delta),
        LossKind.Pinball => r >= 0 ? tau * r : (tau - 1) * r,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Differentiable]
    public static double Total(double slope, double intercept, double[] xs, double[] ys, LossKind kind, double delta, double tau)
    {
        double total = 0;
        for (int i = 0; i < xs.Length; i++)
        {
            double residual = ys[i] - (slope * xs[i] + intercept);
            total += Pointwise(kind, residual, delta, tau);
        }
        return total / xs.Length;
    }
}
