using AutoDiffGen;

namespace Natural;

// Clad's Loops tests: double f_pow(double x, int n) { double r = 1; while (n-- > 0) r *= x; return r; } and a do-while
// that counts down.
public static partial class CladLoops
{
    [Differentiable]
    public static double Pow(double x, int n)
    {
        double r = 1;
        while (n-- > 0)
        {
            r *= x;
        }

        return r;
    }

    [Differentiable]
    public static double SumDown(double x, int n)
    {
        double r = 0;
        do
        {
            r += x * n;
        }
        while (--n > 0);

        return r;
    }
}
