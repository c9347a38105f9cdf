using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Matrices;

/// <summary>
/// Checks a void MForward (called with its arguments in an array, as the method is) whose parameters are doubles and double arrays (1-D or 2-D, every one differentiable, in/out
/// tangents of the same shape passed after them): it leaves the arrays as the method does, and each array's tangent is
/// the central difference of what the method leaves in it along the direction (an array it does not write keeps its
/// tangent, which is that difference too).
/// </summary>
public static class MatrixForwardCheck
{
    public static void Check(Action<object[]> method, Action<object[]> forward, object[] point, object[] direction, string what)
    {
        var args = point.Select(Copy).Concat(direction.Select(Copy)).ToArray();
        forward(args);
        var expected = Run(method, point, direction, 0);
        for (int p = 0; p < point.Length; p++)
        {
            if (point[p] is not Array) continue;
            Assert.Equal(expected[p], Flat(args[p]));
        }
        const double h = 1e-6;
        var up = Run(method, point, direction, h);
        var down = Run(method, point, direction, -h);
        for (int p = 0; p < point.Length; p++)
        {
            if (point[p] is not Array) continue;
            var tangent = Flat(args[point.Length + p]);
            for (int k = 0; k < tangent.Length; k++)
            {
                Tolerance.AssertCentral((up[p][k] - down[p][k]) / (2 * h), tangent[k], expected[p][k], what + " tangent of parameter " + p + ", element " + k);
            }
        }
    }

    /// <summary>What the method leaves in each array parameter (flattened row-major) at point + s · direction.</summary>
    private static double[][] Run(Action<object[]> method, object[] point, object[] direction, double s)
    {
        var args = point.Select((v, p) => Along(v, direction[p], s)).ToArray();
        method(args);
        return args.Select(a => a is Array ? Flat(a) : new double[0]).ToArray();
    }

    private static object Along(object value, object direction, double s)
    {
        if (value is double v) return v + (s * (double)direction);
        var d = Flat(direction);
        return Map(value, (k, x) => x + (s * d[k]));
    }

    private static object Copy(object value) => value is Array ? Map(value, (_, x) => x) : value;

    private static double[] Flat(object array) => ((Array)array).Cast<double>().ToArray();

    private static object Map(object array, Func<int, double, double> map) =>
        array is double[] vector ? vector.Select((x, k) => map(k, x)).ToArray() : Grids.Map(array, map);
}
