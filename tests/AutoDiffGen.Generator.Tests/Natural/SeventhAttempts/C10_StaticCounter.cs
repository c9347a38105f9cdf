using AutoDiffGen;

namespace Natural;

// Clad's "static int counter" test in C#: a static field counts the calls (C# has no static locals), and a static double
// cache the function also reads.
public static partial class CladStatic
{
    private static int calls;
    private static double last;

    [Differentiable]
    public static double Counted(double x)
    {
        calls++;
        return x * x * calls;
    }

    [Differentiable]
    public static double Cached(double x)
    {
        double r = x * x + last;
        last = x;
        return r;
    }
}
