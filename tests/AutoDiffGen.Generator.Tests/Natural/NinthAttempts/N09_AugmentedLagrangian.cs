using AutoDiffGen;

namespace Natural;

// Rosenbrock restricted to the unit circle, through an augmented Lagrangian.
public static partial class AugmentedLagrangian
{
    static double Rosenbrock(double x, double y) => (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);

    static double Constraint(double x, double y) => x * x + y * y - 1;

    [Differentiable(Hessian = true)]
    public static double Lagrangian(double x, double y, [NoDiff] double multiplier, [NoDiff] double penalty)
    {
        double c = Constraint(x, y);
        return Rosenbrock(x, y) + multiplier * c + 0.5 * penalty * c * c;
    }

    // The inequality version (x + y <= 1) with the usual max(0, ...) shift.
    [Differentiable]
    public static double InequalityLagrangian(double x, double y, double multiplier, double penalty)
    {
        double g = x + y - 1;
        double shifted = Math.Max(0, multiplier + penalty * g);
        return Rosenbrock(x, y) + (shifted * shifted - multiplier * multiplier) / (2 * penalty);
    }
}
