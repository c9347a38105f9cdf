using AutoDiffGen;

namespace Natural;

// Nelson–Siegel yield curve fitted to par yields by Newton's method with the generated Hessian.
public static partial class NelsonSiegel
{
    public static double Loading(double tau, double lambda)
    {
        double x = tau / lambda;
        return x < 1e-8 ? 1 - x / 2 : (1 - Math.Exp(-x)) / x;
    }

    public static double Yield(double b0, double b1, double b2, double lambda, double tau)
    {
        double l1 = Loading(tau, lambda);
        return b0 + b1 * l1 + b2 * (l1 - Math.Exp(-tau / lambda));
    }

    [Differentiable(Hessian = true)]
    public static double Error(double b0, double b1, double b2, double logLambda, [NoDiff] double[] maturities, [NoDiff] double[] yields)
    {
        double lambda = Math.Exp(logLambda);
        double sum = 0;
        for (int i = 0; i < maturities.Length; i++)
        {
            double e = Yield(b0, b1, b2, lambda, maturities[i]) - yields[i];
            sum += e * e;
        }
        return sum;
    }

    public static double[] Fit(double[] maturities, double[] yields)
    {
        double[] p = { yields[^1], yields[0] - yields[^1], 0, Math.Log(2) };
        var h = new double[16];
        for (int it = 0; it < 50; it++)
        {
            double g0 = 0, g1 = 0, g2 = 0, g3 = 0;
            ErrorBackward(p[0], p[1], p[2], p[3], maturities, yields, ref g0, ref g1, ref g2, ref g3);
            ErrorHessian(p[0], p[1], p[2], p[3], maturities, yields, h);
            var step = SolveDamped(h, new[] { g0, g1, g2, g3 }, 1e-6);
            for (int j = 0; j < 4; j++) p[j] -= step[j];
        }
        return p;
    }

    static double[] SolveDamped(double[] h, double[] g, double mu)
    {
        int n = g.Length;
        var a = new double[n, n + 1];
        for (int r = 0; r < n; r++)
        {
            for (int c = 0; c < n; c++) a[r, c] = h[r * n + c] + (r == c ? mu : 0);
            a[r, n] = g[r];
        }
        for (int col = 0; col < n; col++)
            for (int r = col + 1; r < n; r++)
            {
                double f = a[r, col] / a[col, col];
                for (int c = col; c <= n; c++) a[r, c] -= f * a[col, c];
            }
        var x = new double[n];
        for (int r = n - 1; r >= 0; r--)
        {
            double s = a[r, n];
            for (int c = r + 1; c < n; c++) s -= a[r, c] * x[c];
            x[r] = s / a[r, r];
        }
        return x;
    }
}
