using AutoDiffGen;

namespace Natural;

public static partial class Constrained
{
    // Minimise (x - 2)^2 + (y - 1)^2 subject to x^2 + y^2 <= 1 and x + y >= 0.5, by a quadratic penalty.
    [Differentiable]
    public static double PenalizedObjective(double[] p, double mu)
    {
        var (x, y) = (p[0], p[1]);
        double f = Math.Pow(x - 2, 2) + Math.Pow(y - 1, 2);
        double g1 = x * x + y * y - 1;
        double g2 = 0.5 - (x + y);
        return f + mu * (Math.Pow(Math.Max(0, g1), 2) + Math.Pow(Math.Max(0, g2), 2));
    }
}
