namespace NewtonSample;

/// <summary>
/// Damped Newton: solve (H + λI) p = −g (λ grows from 0 until the factorisation succeeds, so p is a descent
/// direction), then backtrack until f decreases enough. The derivatives come from a delegate, so the same loop
/// runs on exact (generated) and on finite-difference derivatives.
/// </summary>
public static class Newton
{
    /// <summary>Writes ∇f(x) into g and ∇²f(x) into h (row-major); returns f(x).</summary>
    public delegate double Derivatives(double[] x, double[] g, double[] h);

    public sealed record Result(double[] X, int Iterations, double F, double GradientNorm);

    public static Result Minimise(Func<double[], double> f, Derivatives derivatives, double[] start, double tolerance = 1e-8, int maxIterations = 200)
    {
        int n = start.Length;
        var x = (double[])start.Clone();
        var g = new double[n];
        var h = new double[n * n];
        var p = new double[n];
        var trial = new double[n];
        double fx = derivatives(x, g, h);
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            double norm = Math.Sqrt(g.Sum(v => v * v));
            if (norm < tolerance) return new Result(x, iteration, fx, norm);
            for (double lambda = 0; ; lambda = lambda == 0 ? 1e-6 : lambda * 10)
            {
                if (Cholesky.Solve(h, n, lambda, g, p)) break;
            }
            double slope = 0;
            for (int i = 0; i < n; i++) slope += g[i] * p[i];
            double t = 1;
            while (true)
            {
                for (int i = 0; i < n; i++) trial[i] = x[i] + t * p[i];
                double ft = f(trial);
                if (ft <= fx + 1e-4 * t * slope || t < 1e-12) break;
                t *= 0.5;
            }
            Array.Copy(trial, x, n);
            fx = derivatives(x, g, h);
        }
        return new Result(x, maxIterations, fx, Math.Sqrt(g.Sum(v => v * v)));
    }
}

/// <summary>Solves (H + λI) p = −g by Cholesky; false when H + λI is not positive definite.</summary>
public static class Cholesky
{
    public static bool Solve(double[] h, int n, double lambda, double[] g, double[] p)
    {
        var l = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double s = h[i * n + j] + (i == j ? lambda : 0);
                for (int k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
                if (i == j)
                {
                    if (s <= 0) return false;
                    l[i * n + i] = Math.Sqrt(s);
                }
                else
                {
                    l[i * n + j] = s / l[j * n + j];
                }
            }
        }
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = -g[i];
            for (int k = 0; k < i; k++) s -= l[i * n + k] * y[k];
            y[i] = s / l[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--)
        {
            double s = y[i];
            for (int k = i + 1; k < n; k++) s -= l[k * n + i] * p[k];
            p[i] = s / l[i * n + i];
        }
        return true;
    }
}
