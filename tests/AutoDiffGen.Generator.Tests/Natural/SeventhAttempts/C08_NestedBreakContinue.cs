using AutoDiffGen;

namespace Natural;

// Clad's Loops tests with nested loops, continue on a condition of the counters, and break on a condition of the value.
public static partial class CladNested
{
    [Differentiable]
    public static double Nested(double x, double y)
    {
        double r = 0;
        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                if (j == i)
                {
                    continue;
                }

                r += x * i + y * j;
                if (j > 2)
                {
                    break;
                }
            }
        }

        return r;
    }

    [Differentiable]
    public static double BreakOnValue(double x)
    {
        double r = 1;
        for (int i = 0; i < 20; i++)
        {
            r *= x;
            if (r > 10)
            {
                break;
            }
        }

        return r;
    }
}
