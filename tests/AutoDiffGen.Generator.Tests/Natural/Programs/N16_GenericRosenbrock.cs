using System.Numerics;
using AutoDiffGen;

namespace Natural;

public static partial class TestProblems
{
    [Differentiable]
    public static T Square<T>(T x) where T : IFloatingPointIeee754<T> => x * x;

    // Extended Rosenbrock over pairs, generic over the floating-point type.
    [Differentiable]
    public static T Rosenbrock<T>(ReadOnlySpan<T> x, T a, T b) where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        for (int i = 0; i < x.Length - 1; i++)
            sum += Square(a - x[i]) + b * Square(x[i + 1] - x[i] * x[i]);
        return sum;
    }
}
