namespace NewtonSample;

/// <summary>What a user writes without AD: central differences of f for the gradient (2n calls) and the Hessian (4n² calls).</summary>
public static class FiniteDifferences
{
    public static long Calls;

    public static double Derivatives(Func<double[], double> f, double[] x, double[] g, double[] h, double gh = 1e-6, double hh = 1e-4)
    {
        int n = x.Length;
        double F(double[] p) { Calls++; return f(p); }
        var p = (double[])x.Clone();
        for (int i = 0; i < n; i++)
        {
            p[i] = x[i] + gh; double up = F(p);
            p[i] = x[i] - gh; double down = F(p);
            p[i] = x[i];
            g[i] = (up - down) / (2 * gh);
        }
        for (int i = 0; i < n; i++)
        {
            for (int j = i; j < n; j++)
            {
                p[i] += hh; p[j] += hh; double pp = F(p);
                p[j] -= 2 * hh; double pm = F(p);
                p[i] -= 2 * hh; double mm = F(p);
                p[j] += 2 * hh; double mp = F(p);
                p[i] = x[i]; p[j] = x[j];
                h[i * n + j] = h[j * n + i] = (pp - pm - mp + mm) / (4 * hh * hh);
            }
        }
        return F(x);
    }
}
