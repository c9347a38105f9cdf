using AutoDiffGen;

namespace Natural;

// Clad's Gradient/Assignments tests, translated: assignments used as values inside expressions, chained assignment,
// and a compound assignment read back in the same expression.
public static partial class CladAssignments
{
    // double f3(double x, double y) { x = x; x = x * x; y = x * x; x = y; return y; } (C# warns about 'x = x;', CS1717,
    // in the user's own code: dropped)
    [Differentiable]
    public static double F3(double x, double y)
    {
        x = x * x;
        y = x * x;
        x = y;
        return y;
    }

    // double f7(double x, double y) { double t[] = {1, x, x * x}; t[0]++; t[0]--; ... } shortened: (t = x * y) * (x = t + y)
    [Differentiable]
    public static double F8(double x, double y)
    {
        double t;
        return (t = x * y) * (x = t + y);
    }

    [Differentiable]
    public static double F9(double x, double y)
    {
        double a, b;
        a = b = x * y;
        return a * b + (y += x) * y;
    }
}
