using AutoDiffGen;

namespace Natural;

// Clad's ternary tests: assignments inside the branches of ?:, and a ternary as the target's value of a compound
// assignment.
public static partial class CladTernary
{
    [Differentiable]
    public static double Side(double x, double y)
    {
        double r = x > 0 ? (y = x * 2) : (y += 1);
        return r * y;
    }

    [Differentiable]
    public static double Pick(double x, double y)
    {
        double s = 0;
        s += x < y ? x * x : y * y;
        s *= (x > 1 ? x : y);
        return s;
    }
}
