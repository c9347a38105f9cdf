namespace AutoDiffGen.Generator.Tests.Infrastructure;

/// <summary>A 2 × 2 Jacobian (row-major: rows the two results, columns x and y) against central differences of f(x, y).</summary>
public static class PairJacobian
{
    public static void AssertCentral(Func<double, double, double[]> f, double x, double y, IReadOnlyList<double> jacobian, string what)
    {
        const double h = 1e-6;
        var value = f(x, y);
        var columns = new[] { (f(x + h, y), f(x - h, y)), (f(x, y + h), f(x, y - h)) };
        for (int row = 0; row < 2; row++)
        {
            for (int column = 0; column < 2; column++)
            {
                var (up, down) = columns[column];
                Tolerance.AssertCentral((up[row] - down[row]) / (2 * h), jacobian[(2 * row) + column], value[row], what + " J[" + row + ", " + column + "]");
            }
        }
    }
}
