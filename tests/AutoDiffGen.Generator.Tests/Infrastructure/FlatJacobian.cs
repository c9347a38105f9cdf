using Xunit;

namespace AutoDiffGen.Generator.Tests.Infrastructure;

/// <summary>
/// A generated Jacobian, row-major (result components × the flattened inputs), against central differences of a function
/// of the flattened inputs: for methods whose inputs are arrays of structs, where each column is one member of one element.
/// </summary>
public static class FlatJacobian
{
    /// <summary>Asserts every entry of <paramref name="jacobian"/> against central differences of <paramref name="f"/> at <paramref name="x"/>.</summary>
    public static void AssertCentral(Func<double[], double[]> f, double[] x, IReadOnlyList<double> jacobian, string what)
    {
        const double h = 1e-6;
        var value = f(x);
        int n = x.Length;
        Assert.Equal(value.Length * n, jacobian.Count);
        for (int column = 0; column < n; column++)
        {
            var up = (double[])x.Clone();
            var down = (double[])x.Clone();
            up[column] += h;
            down[column] -= h;
            var fu = f(up);
            var fd = f(down);
            for (int row = 0; row < value.Length; row++)
            {
                Tolerance.AssertCentral((fu[row] - fd[row]) / (2 * h), jacobian[(row * n) + column], value[row], what + " J[" + row + ", " + column + "]");
            }
        }
    }
}
