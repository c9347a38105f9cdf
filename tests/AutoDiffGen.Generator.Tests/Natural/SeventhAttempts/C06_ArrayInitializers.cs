using AutoDiffGen;

namespace Natural;

// Clad's array tests: local arrays with initializers made of the inputs, modified element-wise and summed; a 2-D jagged
// initializer.
public static partial class CladArrays
{
    [Differentiable]
    public static double Init(double x, double y)
    {
        double[] t = { 1, x, x * y };
        t[0] += y;
        t[2] *= t[1];
        return t[0] + t[1] + t[2];
    }

    [Differentiable]
    public static double Jagged(double x, double y)
    {
        double[][] m = { new[] { x, y }, new[] { x * y, x - y } };
        return (m[0][0] * m[1][1]) - (m[0][1] * m[1][0]);
    }
}
