using AutoDiffGen;

namespace Natural;

// Clad's FunctionCalls tests: void helpers that write through reference parameters (void square_inplace(double& u)), one
// of them reading another parameter, called on locals and on a parameter.
public static partial class CladCalls
{
    public static void SquareInPlace(ref double u) => u = u * u;

    public static void AddScaled(ref double acc, double v, double s)
    {
        acc += v * s;
    }

    [Differentiable]
    public static double Fn(double x, double y)
    {
        double u = x + y;
        SquareInPlace(ref u);
        AddScaled(ref u, x, y);
        SquareInPlace(ref x);
        return u + x;
    }
}
