using AutoDiffGen;

namespace Natural;

// Clad's reference tests (double& r = a[1]; r *= x;) in C#: ref locals into an array parameter and into a local, written
// through and read back.
public static partial class CladReferences
{
    [Differentiable]
    public static double ThroughArray(double[] a, double x)
    {
        ref double r = ref a[1];
        r *= x;
        return a[0] * a[1];
    }

    [Differentiable]
    public static double ThroughLocal(double x, double y)
    {
        double u = x;
        ref double r = ref u;
        r += y;
        r *= r;
        return u + x;
    }
}
