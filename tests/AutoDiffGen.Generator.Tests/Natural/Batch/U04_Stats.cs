using AutoDiffGen;

namespace Users.Stats;

public static partial class Likelihoods
{
    private const double LogSqrt2Pi = 0.91893853320467274;

    // Lanczos approximation, as people paste it from Numerical Recipes.
    [Differentiable]
    public static double LogGamma(double x)
    {
        double[] cof = { 76.18009172947146, -86.50532032941677, 24.01409824083091, -1.231739572450155, 0.1208650973866179e-2, -0.5395239384953e-5 };
        double y = x, tmp = x + 5.5;
        tmp -= (x + 0.5) * Math.Log(tmp);
        double ser = 1.000000000190015;
        for (int j = 0; j < 6; j++) ser += cof[j] / ++y;
        return -tmp + Math.Log(2.5066282746310005 * ser / x);
    }

    [Differentiable]
    public static double StudentTLogPdf(double x, double mu, double sigma, double nu)
    {
        double z = (x - mu) / sigma;
        return LogGamma((nu + 1) / 2) - LogGamma(nu / 2) - 0.5 * Math.Log(nu * Math.PI) - Math.Log(sigma)
               - (nu + 1) / 2 * Math.Log(1 + z * z / nu);
    }

    [Differentiable]
    public static double NormalNll(double mu, double sigma, [NoDiff] double[] data)
    {
        if (sigma <= 0) throw new ArgumentOutOfRangeException(nameof(sigma), "sigma must be positive");
        double nll = data.Length * (Math.Log(sigma) + LogSqrt2Pi);
        foreach (double x in data)
        {
            double z = (x - mu) / sigma;
            nll += 0.5 * z * z;
        }
        return nll;
    }

    [Differentiable]
    public static double WeightedVariance(double[] data, double[] weights)
    {
        double sw = 0, mean = 0;
        for (int i = 0; i < data.Length; i++) { sw += weights[i]; mean += weights[i] * data[i]; }
        mean /= sw;
        double v = 0;
        for (int i = 0; i < data.Length; i++) v += weights[i] * (data[i] - mean) * (data[i] - mean);
        return v / sw;
    }

    [Differentiable]
    public static double SampleVariance(double[] data)
    {
        int n = data.Length;
        double mean = data.Average();
        double ss = 0;
        for (int i = 0; i < n; i++) ss += (data[i] - mean) * (data[i] - mean);
        return ss / (n - 1);
    }

    [Differentiable]
    public static double KahanMean(double[] data)
    {
        double sum = 0, c = 0;
        foreach (var x in data)
        {
            double y = x - c;
            double t = sum + y;
            c = (t - sum) - y;
            sum = t;
        }
        return sum / (double)data.Length;
    }

    [Differentiable]
    public static double Welford(double[] data)
    {
        double mean = 0, m2 = 0;
        int count = 0;
        foreach (var x in data)
        {
            count++;
            double delta = x - mean;
            mean += delta / count;
            m2 += delta * (x - mean);
        }
        return count > 1 ? m2 / (count - 1) : 0.0;
    }

    [Differentiable]
    public static double Skewness(double[] x)
    {
        double n = x.Length;
        double mean = 0;
        for (int i = 0; i < x.Length; i++) mean += x[i] / n;
        double m2 = 0, m3 = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double d = x[i] - mean;
            m2 += d * d / n;
            m3 += d * d * d / n;
        }
        return m3 / Math.Pow(m2, 1.5);
    }

    [Differentiable]
    public static double Correlation(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average();
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.Sqrt(saa * sbb);
    }

    [Differentiable]
    public static double ExponentialSmoothing(double alpha, [NoDiff] double[] series)
    {
        double level = series[0];
        double sse = 0;
        for (int t = 1; t < series.Length; t++)
        {
            double err = series[t] - level;
            sse += err * err;
            level += alpha * err;
        }
        return sse;
    }

    [Differentiable]
    public static double LogisticNll(double[] beta, [NoDiff] double[] x, [NoDiff] double[] y)
    {
        double nll = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double eta = beta[0] + beta[1] * x[i];
            nll += Math.Log(1 + Math.Exp(eta)) - y[i] * eta;
        }
        return nll;
    }

    static readonly (double X, double Y)[] Points = { (0.0, 1.1), (1.0, 2.9), (2.0, 5.2), (3.0, 7.1) };

    [Differentiable]
    public static double LineFit(double slope, double intercept)
    {
        double sse = 0;
        foreach (var (x, y) in Points)
        {
            double r = y - (slope * x + intercept);
            sse += r * r;
        }
        return sse;
    }

    [Differentiable]
    public static double LineFitLinq(double slope, double intercept) =>
        Points.Sum(p => Math.Pow(p.Y - (slope * p.X + intercept), 2));
}

public record Gaussian(double Mean, double StdDev)
{
    public double Variance => StdDev * StdDev;
}

public static partial class Records
{
    [Differentiable]
    public static double LogPdfViaRecord(double mean, double sd, double x)
    {
        var g = new Gaussian(mean, sd);
        return -0.5 * Math.Log(2 * Math.PI * g.Variance) - (x - g.Mean) * (x - g.Mean) / (2 * g.Variance);
    }
}

public readonly partial record struct Beta2(double A, double B)
{
    public double Mean => A / (A + B);
}

public static partial class RecordStructs
{
    [Differentiable]
    public static double BetaMean(double a, double b)
    {
        var d = new Beta2(a, b);
        return d.Mean * (1 - d.Mean);
    }
}
