using AutoDiffGen;

namespace Natural;

// Least-squares polynomial fit through the normal equations; how does the fitted value at x0 move with each y?
public static partial class PolyFit
{
    [Differentiable]
    public static double FittedValue(double[] ys, [NoDiff] double[] xs, int degree, double x0)
    {
        int m = degree + 1;
        var a = new double[m, m + 1];   // augmented [XᵀX | Xᵀy]
        for (int i = 0; i < xs.Length; i++)
        {
            for (int r = 0; r < m; r++)
            {
                for (int c = 0; c < m; c++)
                    a[r, c] += Math.Pow(xs[i], r + c);
                a[r, m] += Math.Pow(xs[i], r) * ys[i];
            }
        }

        // Gaussian elimination with partial pivoting
        for (int col = 0; col < m; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < m; r++)
                if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col])) pivot = r;
            if (pivot != col)
            {
                for (int c = 0; c <= m; c++)
                    (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
            }
            for (int r = col + 1; r < m; r++)
            {
                double f = a[r, col] / a[col, col];
                for (int c = col; c <= m; c++)
                    a[r, c] -= f * a[col, c];
            }
        }

        var coef = new double[m];
        for (int r = m - 1; r >= 0; r--)
        {
            double s = a[r, m];
            for (int c = r + 1; c < m; c++) s -= a[r, c] * coef[c];
            coef[r] = s / a[r, r];
        }

        // Horner
        double value = 0;
        for (int k = m - 1; k >= 0; k--) value = value * x0 + coef[k];
        return value;
    }
}
