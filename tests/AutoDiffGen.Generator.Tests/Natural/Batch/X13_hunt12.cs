using System.Numerics;
using AutoDiffGen;

namespace Users.Hunt12;

// hunt12 (2026-12-04): the first rule by natural programs and peer suites. Math.NET Numerics' special functions,
// distributions, streaming statistics and distances as written there (constants and helpers kept as private members of
// the class, as Math.NET keeps them); cases of Clad's test/Gradient, test/ForwardMode and test/Hessian and of Enzyme's
// integration tests translated to C#; a value compared with itself through an inlined function (Complex, Vector2, locals
// that copy the same value); guards that throw, params, ++ inside expressions, ref/out helpers, structs, generic math, LINQ.

public static partial class SpecialFunctions12
{
    private const double LnPi = 1.1447298858494001741434273513530587116472948129153;
    private const double LogTwoSqrtEOverPi = 0.6207822376352452223455184457816472122518527279025978;
    private const int GammaN = 10;
    private const double GammaR = 10.900511;

    private static readonly double[] GammaDk =
    {
        2.48574089138753565546e-5,
        1.05142378581721974210,
        -3.45687097222016235469,
        4.51227709466894823700,
        -2.98285225323576655721,
        1.05639711577126713077,
        -1.95428773191645869583e-1,
        1.70970543404441224307e-2,
        -5.71926117404305781283e-4,
        4.63399473359905636708e-6,
        -2.71994908488607703910e-9
    };

    // Math.NET SpecialFunctions.GammaLn (Lanczos, with the reflection branch for z < 0.5).
    [Differentiable]
    public static double GammaLn(double z)
    {
        if (z < 0.5)
        {
            double s = GammaDk[0];
            for (int i = 1; i <= GammaN; i++)
            {
                s += GammaDk[i] / (i - z);
            }

            return LnPi
                   - Math.Log(Math.Sin(Math.PI * z))
                   - Math.Log(s)
                   - LogTwoSqrtEOverPi
                   - ((0.5 - z) * Math.Log((0.5 - z + GammaR) / Math.E));
        }
        else
        {
            double s = GammaDk[0];
            for (int i = 1; i <= GammaN; i++)
            {
                s += GammaDk[i] / (z + i - 1.0);
            }

            return Math.Log(s)
                   + LogTwoSqrtEOverPi
                   + ((z - 0.5) * Math.Log((z - 0.5 + GammaR) / Math.E));
        }
    }

    // Math.NET SpecialFunctions.Gamma: the same sum, exponentiated.
    [Differentiable]
    public static double Gamma(double z)
    {
        if (z < 0.5)
        {
            double s = GammaDk[0];
            for (int i = 1; i <= GammaN; i++)
            {
                s += GammaDk[i] / (i - z);
            }

            return Math.PI / (Math.Sin(Math.PI * z)
                              * s
                              * 1.8603827342052657173362492472666631120594218414085755
                              * Math.Pow((0.5 - z + GammaR) / Math.E, 0.5 - z));
        }
        else
        {
            double s = GammaDk[0];
            for (int i = 1; i <= GammaN; i++)
            {
                s += GammaDk[i] / (z + i - 1.0);
            }

            return s * 1.8603827342052657173362492472666631120594218414085755 * Math.Pow((z - 0.5 + GammaR) / Math.E, z - 0.5);
        }
    }

    // Math.NET SpecialFunctions.BetaLn, with its guards.
    [Differentiable]
    public static double BetaLn(double z, double w)
    {
        if (z <= 0.0)
        {
            throw new ArgumentException("Value must be positive.", nameof(z));
        }

        if (w <= 0.0)
        {
            throw new ArgumentException("Value must be positive.", nameof(w));
        }

        return GammaLn(z) + GammaLn(w) - GammaLn(z + w);
    }

    [Differentiable]
    public static double Beta(double z, double w) => Math.Exp(BetaLn(z, w));

    // The lower regularized incomplete gamma function by its series (Numerical Recipes' gser, as Math.NET's
    // GammaLowerRegularized does for x < a + 1).
    [Differentiable]
    public static double GammaLowerRegularizedSeries(double a, double x)
    {
        if (x < 0.0 || a <= 0.0) throw new ArgumentOutOfRangeException(nameof(x));
        if (x == 0.0) return 0.0;
        double ap = a;
        double del = 1.0 / a;
        double sum = del;
        for (int n = 1; n <= 60; n++)
        {
            ++ap;
            del *= x / ap;
            sum += del;
            if (Math.Abs(del) < Math.Abs(sum) * 1e-15) break;
        }
        return sum * Math.Exp(-x + a * Math.Log(x) - GammaLn(a));
    }

    // erf by Abramowitz–Stegun 7.1.26 (the approximation Math.NET's tests compare against), written with a guard for the sign.
    [Differentiable(Hessian = true)]
    public static double Erf(double x)
    {
        if (x < 0) return -Erf(-x);
        double t = 1.0 / (1.0 + 0.3275911 * x);
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        return 1.0 - poly * Math.Exp(-x * x);
    }

    [Differentiable]
    public static double Erfc(double x) => 1.0 - Erf(x);

    // Math.NET SpecialFunctions.Logistic and Logit.
    [Differentiable(Hessian = true)]
    public static double Logistic(double p) => 1.0 / (Math.Exp(-p) + 1.0);

    [Differentiable]
    public static double Logit(double p)
    {
        if (p < 0.0 || p > 1.0)
        {
            throw new ArgumentOutOfRangeException(nameof(p), "Value must be between 0 and 1.");
        }

        return Math.Log(p / (1.0 - p));
    }

    // Math.NET ExponentialIntegral-like series: E1 for small x by its power series (with the Euler–Mascheroni constant).
    [Differentiable]
    public static double ExpIntegralE1(double x)
    {
        const double euler = 0.5772156649015328606065120900824024310421593359;
        double sum = 0, term = 1;
        for (int k = 1; k <= 30; k++)
        {
            term *= -x / k;
            sum -= term / k;
        }
        return -euler - Math.Log(x) + sum;
    }

    // Stirling's series for ln Γ with the Bernoulli terms unrolled (as many ports write it).
    [Differentiable(Forward = true)]
    public static double StirlingLnGamma(double x)
    {
        double inv = 1.0 / x, inv2 = inv * inv;
        return (x - 0.5) * Math.Log(x) - x + 0.5 * Math.Log(2 * Math.PI)
               + inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 / 1260));
    }
}

public static partial class Distributions12
{
    private const double Sqrt2 = 1.4142135623730950488016887242096980785696718753769;
    private const double Sqrt2Pi = 2.5066282746310005024157652848110452530069867406099;
    private const double LogSqrt2Pi = 0.91893853320467274178032973640561763986139747363778;

    // Math.NET Normal.PDF(mean, stddev, x).
    [Differentiable(Hessian = true)]
    public static double NormalPdf(double mean, double stddev, double x)
    {
        if (stddev < 0.0)
        {
            throw new ArgumentException("Invalid parametrization for the distribution.");
        }

        double d = (x - mean) / stddev;
        return Math.Exp(-0.5 * d * d) / (Sqrt2Pi * stddev);
    }

    // Math.NET Normal.PDFLn.
    [Differentiable]
    public static double NormalPdfLn(double mean, double stddev, double x)
    {
        if (stddev < 0.0)
        {
            throw new ArgumentException("Invalid parametrization for the distribution.");
        }

        double d = (x - mean) / stddev;
        return (-0.5 * d * d) - Math.Log(stddev) - LogSqrt2Pi;
    }

    // Math.NET Normal.CDF: 0.5 · erfc((mean − x) / (σ√2)).
    [Differentiable]
    public static double NormalCdf(double mean, double stddev, double x)
    {
        if (stddev < 0.0)
        {
            throw new ArgumentException("Invalid parametrization for the distribution.");
        }

        return 0.5 * SpecialFunctions12.Erfc((mean - x) / (stddev * Sqrt2));
    }

    // Math.NET LogNormal.PDF(mu, sigma, x).
    [Differentiable]
    public static double LogNormalPdf(double mu, double sigma, double x)
    {
        if (sigma < 0.0)
        {
            throw new ArgumentException("Invalid parametrization for the distribution.");
        }

        if (x < 0.0)
        {
            return 0.0;
        }

        double a = (Math.Log(x) - mu) / sigma;
        return Math.Exp(-0.5 * a * a) / (x * sigma * Sqrt2Pi);
    }

    // Math.NET LogNormal.PDFLn.
    [Differentiable]
    public static double LogNormalPdfLn(double mu, double sigma, double x)
    {
        if (sigma < 0.0)
        {
            throw new ArgumentException("Invalid parametrization for the distribution.");
        }

        if (x < 0.0)
        {
            return double.NegativeInfinity;
        }

        double a = (Math.Log(x) - mu) / sigma;
        return (-0.5 * a * a) - Math.Log(x * sigma) - LogSqrt2Pi;
    }

    // Math.NET StudentT.PDF(location, scale, freedom, x), the finite-freedom branch.
    [Differentiable]
    public static double StudentTPdf(double location, double scale, double freedom, double x)
    {
        if (scale <= 0.0 || freedom <= 0.0)
        {
            throw new ArgumentException("Invalid parametrization for the distribution.");
        }

        if (double.IsPositiveInfinity(freedom))
        {
            return NormalPdf(location, scale, x);
        }

        double d = (x - location) / scale;
        return Math.Exp(SpecialFunctions12.GammaLn((freedom + 1.0) / 2.0) - SpecialFunctions12.GammaLn(freedom / 2.0))
               * Math.Pow(1.0 + (d * d / freedom), -0.5 * (freedom + 1.0))
               / Math.Sqrt(freedom * Math.PI)
               / scale;
    }

    // Math.NET StudentT.PDFLn.
    [Differentiable]
    public static double StudentTPdfLn(double location, double scale, double freedom, double x)
    {
        if (scale <= 0.0 || freedom <= 0.0)
        {
            throw new ArgumentException("Invalid parametrization for the distribution.");
        }

        double d = (x - location) / scale;
        return SpecialFunctions12.GammaLn((freedom + 1.0) / 2.0)
               - (0.5 * ((freedom + 1.0) * Math.Log(1.0 + (d * d / freedom))))
               - SpecialFunctions12.GammaLn(freedom / 2.0)
               - (0.5 * Math.Log(freedom * Math.PI)) - Math.Log(scale);
    }

    // Math.NET Exponential.PDF and Gamma.PDFLn (shape–rate).
    [Differentiable]
    public static double ExponentialPdf(double rate, double x) => x < 0.0 ? 0.0 : rate * Math.Exp(-rate * x);

    [Differentiable]
    public static double GammaPdfLn(double shape, double rate, double x)
    {
        if (shape < 0.0 || rate < 0.0)
        {
            throw new ArgumentException("Invalid parametrization for the distribution.");
        }

        if (x == 0.0 && shape == 1.0) return Math.Log(rate);
        return (shape * Math.Log(rate)) + ((shape - 1.0) * Math.Log(x)) - (rate * x) - SpecialFunctions12.GammaLn(shape);
    }

    // Math.NET Beta.PDFLn for a, b > 1 and 0 < x < 1.
    [Differentiable]
    public static double BetaPdfLn(double a, double b, double x)
    {
        if (x < 0.0 || x > 1.0) return double.NegativeInfinity;
        double bb = SpecialFunctions12.GammaLn(a + b) - SpecialFunctions12.GammaLn(a) - SpecialFunctions12.GammaLn(b);
        return bb + ((a - 1.0) * Math.Log(x)) + ((b - 1.0) * Math.Log(1.0 - x));
    }

    // A negative log-likelihood of a normal sample, params as callers write it.
    [Differentiable]
    public static double NormalNll(double mean, double stddev, params double[] xs)
    {
        double nll = 0;
        foreach (var x in xs) nll -= NormalPdfLn(mean, stddev, x);
        return nll;
    }

    [Differentiable]
    public static double CallsParams(double mean, double stddev) => NormalNll(mean, stddev, 0.5, 1.5, -0.25);
}

public static partial class Streaming12
{
    // Math.NET StreamingStatistics.MeanVariance over an array, as Welford's update is written there.
    [Differentiable]
    public static double Variance(double[] data)
    {
        double mean = 0;
        double variance = 0;
        double t = data[0];
        ulong count = 1;
        for (int i = 1; i < data.Length; i++)
        {
            count++;
            double xi = data[i];
            t += xi;
            double diff = (count * xi) - t;
            variance += (diff * diff) / (count * (count - 1));
        }
        mean = t / count;
        return variance / (count - 1) + 0 * mean;
    }

    // Math.NET Statistics.Skewness by the running moments (DescriptiveStatistics' accumulation).
    [Differentiable]
    public static double Skewness(double[] data)
    {
        double mean = 0, m2 = 0, m3 = 0;
        long n = 0;
        foreach (var x in data)
        {
            long n1 = n;
            n++;
            double delta = x - mean;
            double deltaN = delta / n;
            double term1 = delta * deltaN * n1;
            mean += deltaN;
            m3 += term1 * deltaN * (n - 2) - 3 * deltaN * m2;
            m2 += term1;
        }
        double variance = m2 / (n - 1);
        return (n * m3 / ((n - 1) * (n - 2))) / Math.Pow(variance, 1.5);
    }

    // Math.NET Statistics.Kurtosis (excess), the same accumulation one moment higher.
    [Differentiable]
    public static double Kurtosis(double[] data)
    {
        double mean = 0, m2 = 0, m3 = 0, m4 = 0;
        long n = 0;
        foreach (var x in data)
        {
            long n1 = n;
            n++;
            double delta = x - mean;
            double deltaN = delta / n;
            double deltaN2 = deltaN * deltaN;
            double term1 = delta * deltaN * n1;
            mean += deltaN;
            m4 += term1 * deltaN2 * (n * n - 3 * n + 3) + 6 * deltaN2 * m2 - 4 * deltaN * m3;
            m3 += term1 * deltaN * (n - 2) - 3 * deltaN * m2;
            m2 += term1;
        }
        double variance = m2 / (n - 1);
        return ((double)n * n - 1) / ((n - 2) * (n - 3)) * (n * m4 / (m2 * m2) - 3 + 6.0 / (n + 1)) + 0 * variance;
    }

    // Math.NET ArrayStatistics.Covariance, two passes.
    [Differentiable]
    public static double Covariance(double[] samples1, double[] samples2)
    {
        if (samples1.Length != samples2.Length)
        {
            throw new ArgumentException("All vectors must have the same dimensionality.");
        }

        if (samples1.Length <= 1)
        {
            return double.NaN;
        }

        double mean1 = samples1.Average();
        double mean2 = samples2.Average();
        double covariance = 0.0;
        for (int i = 0; i < samples1.Length; i++)
        {
            covariance += (samples1[i] - mean1) * (samples2[i] - mean2);
        }

        return covariance / (samples1.Length - 1);
    }

    // Pearson correlation with LINQ as people write it.
    [Differentiable]
    public static double Pearson(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average();
        double sab = a.Zip(b, (x, y) => (x - ma) * (y - mb)).Sum();
        double saa = a.Sum(x => (x - ma) * (x - ma));
        double sbb = b.Sum(y => (y - mb) * (y - mb));
        return sab / Math.Sqrt(saa * sbb);
    }

    // Exponentially weighted moving average, the index incremented inside the expression.
    [Differentiable]
    public static double Ewma(double[] xs, double alpha)
    {
        int i = 0;
        double s = xs[i++];
        while (i < xs.Length) s = alpha * xs[i++] + (1 - alpha) * s;
        return s;
    }

    // Geometric and harmonic means (Math.NET ArrayStatistics).
    [Differentiable]
    public static double GeometricMean(double[] data)
    {
        double sum = 0;
        for (int i = 0; i < data.Length; i++) sum += Math.Log(data[i]);
        return Math.Exp(sum / data.Length);
    }

    [Differentiable]
    public static double HarmonicMean(double[] data)
    {
        double sum = 0;
        for (int i = 0; i < data.Length; i++) sum += 1.0 / data[i];
        return data.Length / sum;
    }
}

public static partial class Distance12
{
    // Math.NET Distance.Euclidean / Manhattan / Chebyshev / Minkowski / Canberra / Cosine / SSD, as written there.
    [Differentiable]
    public static double Euclidean(double[] a, double[] b)
    {
        if (a.Length != b.Length) throw new ArgumentException("All vectors must have the same dimensionality.");
        double sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            var t = a[i] - b[i];
            sum += t * t;
        }

        return Math.Sqrt(sum);
    }

    [Differentiable]
    public static double Manhattan(double[] a, double[] b)
    {
        if (a.Length != b.Length) throw new ArgumentException("All vectors must have the same dimensionality.");
        double sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += Math.Abs(a[i] - b[i]);
        }

        return sum;
    }

    [Differentiable]
    public static double Chebyshev(double[] a, double[] b)
    {
        if (a.Length != b.Length) throw new ArgumentException("All vectors must have the same dimensionality.");
        double max = Math.Abs(a[0] - b[0]);
        for (int i = 1; i < a.Length; i++)
        {
            var next = Math.Abs(a[i] - b[i]);
            if (next > max)
            {
                max = next;
            }
        }

        return max;
    }

    [Differentiable]
    public static double Minkowski(double p, double[] a, double[] b)
    {
        if (a.Length != b.Length) throw new ArgumentException("All vectors must have the same dimensionality.");
        if (p < 0d) throw new ArgumentOutOfRangeException(nameof(p));
        if (p == 1d) return Manhattan(a, b);
        if (p == 2d) return Euclidean(a, b);
        if (double.IsPositiveInfinity(p)) return Chebyshev(a, b);

        double sum = 0d;
        for (var i = 0; i < a.Length; i++)
        {
            sum += Math.Pow(Math.Abs(a[i] - b[i]), p);
        }

        return Math.Pow(sum, 1.0 / p);
    }

    [Differentiable]
    public static double Canberra(double[] a, double[] b)
    {
        if (a.Length != b.Length) throw new ArgumentException("All vectors must have the same dimensionality.");
        double sum = 0d;
        for (var i = 0; i < a.Length; i++)
        {
            sum += Math.Abs(a[i] - b[i]) / (Math.Abs(a[i]) + Math.Abs(b[i]));
        }

        return sum;
    }

    [Differentiable]
    public static double Cosine(double[] x, double[] y)
    {
        double dot = 0, nx = 0, ny = 0;
        for (int i = 0; i < x.Length; i++)
        {
            dot += x[i] * y[i];
            nx += x[i] * x[i];
            ny += y[i] * y[i];
        }
        return 1 - (dot / (Math.Sqrt(nx) * Math.Sqrt(ny)));
    }

    [Differentiable]
    public static double Sad(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += Math.Abs(a[i] - b[i]);
        return sum;
    }

    [Differentiable]
    public static double Mse(double[] a, double[] b) => a.Zip(b, (u, v) => (u - v) * (u - v)).Average();
}

// Clad's test/Gradient (Gradients.C, Loops.C, FunctionCalls.C, Switch.C), test/ForwardMode and test/Hessian, as C#.
public static partial class Clad12
{
    [Differentiable]
    public static double FCubedAdd1(double a, double b) => a * a * a + b * b * b;

    [Differentiable]
    public static double FNorm(double x, double y, double z, double d) => Math.Pow(Math.Pow(x, d) + Math.Pow(y, d) + Math.Pow(z, d), 1 / d);

    [Differentiable]
    public static double FCond3(double x, double c)
    {
        if (c > 0) return x + c;
        else return x - c;
    }

    [Differentiable]
    public static double FIf1(double x, double y)
    {
        double t = x;
        if (x > y) t = x * y;
        else if (x < y) { double tmp = y * y; t = tmp; }
        return t;
    }

    [Differentiable]
    public static double FLogGaus(double[] x, double[] p, double n, double sigma)
    {
        double power = 0;
        for (int i = 0; i < n; i++) power += Math.Pow(x[i] - p[i], 2);
        power = -power / (2 * sigma * sigma);
        double gaus = 1.0 / Math.Pow(Math.Sqrt(2 * Math.PI) * sigma, n) * Math.Exp(power);
        return Math.Log(gaus);
    }

    [Differentiable]
    public static double FSumSquares(double[] p, int n)
    {
        double sum = 0;
        for (int i = 0; i < n; i++) sum += p[i] * p[i];
        return sum;
    }

    [Differentiable]
    public static double FWhileNested(double x)
    {
        double r = 1;
        int i = 0;
        while (i < 3)
        {
            int j = 0;
            while (j++ < 2) r *= x;
            i++;
        }
        return r;
    }

    [Differentiable]
    public static double FSwitch(double x, double y, int n)
    {
        double res = 0;
        switch (n)
        {
            case 1:
                res = x * y;
                break;
            case 2:
                res = x + y;
                goto case 3;
            case 3:
                res += x * x;
                break;
            default:
                res = y;
                break;
        }
        return res;
    }

    [Differentiable]
    public static double FCommaLike(double x, double y)
    {
        double t = x;
        t *= y;
        t += x * (y = y + 1);
        return t * y;
    }

    // FunctionCalls.C: a helper with an out parameter and another taking ref.
    private static void Square(double v, out double r) => r = v * v;

    private static void AddTo(ref double acc, double v) => acc += 3 * v;

    [Differentiable]
    public static double FOutRef(double x, double y)
    {
        Square(x, out double sq);
        double acc = y;
        AddTo(ref acc, sq);
        AddTo(ref acc, x * y);
        return acc;
    }

    // Clad's test/Hessian/Hessians.C f_cubed_add1 and f_suvat1.
    [Differentiable(Hessian = true)]
    public static double HCubedAdd(double a, double b) => a * a * a + b * b * b;

    [Differentiable(Hessian = true)]
    public static double HSuvat(double u, double t) => u * t + 0.5 * -9.81 * t * t;

    [Differentiable(Hessian = true)]
    public static double HLogExp(double x, double y) => Math.Log(Math.Exp(x) + Math.Exp(y)) * Math.Sin(x * y);

    // Clad's test/ForwardMode/Functors and FunctionCalls: a struct with state used through a method.
    public readonly record struct Affine(double Scale, double Shift)
    {
        public double Apply(double x) => Scale * x + Shift;
    }

    [Differentiable(Forward = true)]
    public static double FunctorLike(double x, double s)
    {
        var f = new Affine(s, 2.0);
        return f.Apply(x) * f.Apply(x * x);
    }

    [Differentiable(Forward = true)]
    public static double FwdTrig(double x, double y) => Math.Sin(x) * Math.Cos(y) + Math.Tan(x * y) + Math.Atan2(y, x);
}

// Enzyme's integration tests (sumsquare, insertsort, readwriteread, recurse, taylor series, mixed struct), as C#.
public static partial class Enzyme12
{
    [Differentiable]
    public static double SumSquare(double[] x)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++) sum += x[i] * x[i];
        return sum;
    }

    [Differentiable]
    public static double InsertSortMax(double[] input)
    {
        var array = (double[])input.Clone();
        for (int i = 1; i < array.Length; i++)
        {
            double key = array[i];
            int j = i - 1;
            while (j >= 0 && array[j] > key)
            {
                array[j + 1] = array[j];
                j--;
            }
            array[j + 1] = key;
        }
        return array[array.Length - 1] * 2 + array[0];
    }

    [Differentiable]
    public static double ReadWriteRead(double x)
    {
        var a = new double[2];
        a[0] = x;
        double y = a[0] * a[0];
        a[0] = y;
        return a[0] * x;
    }

    [Differentiable]
    public static double Recurse(double x, int n) => n <= 0 ? x : Recurse(x * Math.Sin(x), n - 1);

    [Differentiable]
    public static double TaylorExp(double x, int terms)
    {
        double sum = 0, term = 1;
        for (int i = 0; i < terms; i++)
        {
            sum += term;
            term *= x / (i + 1);
        }
        return sum;
    }

    public struct Mixed
    {
        public int Count;
        public double Value;
        public double Weight;
    }

    [Differentiable]
    public static double MixedStruct(double v, double w)
    {
        var m = new Mixed { Count = 3, Value = v, Weight = w };
        double total = 0;
        for (int i = 0; i < m.Count; i++) total += m.Value * m.Weight + i;
        return total;
    }

    [Differentiable]
    public static double Bubble(double a, double b, double c)
    {
        double[] xs = { a, b, c };
        for (int i = 0; i < xs.Length; i++)
            for (int j = 0; j + 1 < xs.Length - i; j++)
                if (xs[j] > xs[j + 1]) (xs[j], xs[j + 1]) = (xs[j + 1], xs[j]);
        return xs[0] + 10 * xs[1] + 100 * xs[2];
    }
}

// A value compared with itself after inlining: structs and Complex through local functions, lambdas, [Differentiable]
// callees and plain helpers, and locals that copy the same value.
public static partial class SelfCompare12
{
    [Differentiable]
    public static double ComplexSame(double re, double im)
    {
        var z = new Complex(re, im);
        double L(Complex a, Complex b) => a == b ? (a * b).Real : a.Imaginary;
        return L(z, z);
    }

    [Differentiable]
    public static float VectorSame(float x, float y)
    {
        var v = new Vector2(x, y);
        float L(Vector2 a, Vector2 b) => a == b ? Vector2.Dot(a, b) : a.X;
        return L(v, v);
    }

    [Differentiable]
    public static float VectorNotSame(float x, float y)
    {
        var v = new Vector2(x, y);
        Func<Vector2, Vector2, float> f = (a, b) => a != b ? a.X : a.Y * b.Y;
        return f(v, v);
    }

    [Differentiable]
    public static double CopiedLocals(double x)
    {
        double a = x;
        double b = x;
        return a >= b ? a * b : a;
    }

    private static double Clip(double lo, double hi) => lo > hi ? hi * hi : lo * 3;

    [Differentiable]
    public static double HelperSame(double x) => Clip(x, x) * x;

    [Differentiable]
    public static double Pick(double a, double b) => a <= b ? a * a : b;

    [Differentiable]
    public static double CalleeSame(double x) => Pick(x, x) + x;

    [Differentiable]
    public static double Vector3Same(double x)
    {
        var v = new Vector3((float)x, 1f, 2f);
        bool Same(Vector3 a, Vector3 b) => a.Equals(b);
        return Same(v, v) ? x * x : x;
    }
}

// Math.NET code that leans on more machinery: Evaluate.Polynomial over a static coefficient table, the regularized
// incomplete beta by Lentz's continued fraction (with break), StudentT's CDF through it, and the enum/string/int? self
// comparisons hunt12 fixed (a broken build before).
public static partial class MathNetMore12
{
    private static readonly double[] ErvInvImpAn = { -0.000508781949658280665617, -0.00836874819741736770379, 0.0334806625409744615033, -0.0126926147662974029034, -0.0365637971411762664006, 0.0219878681111168899165, 0.00822687874676915743155, -0.00538772965071242932965 };

    // Math.NET Evaluate.Polynomial, as written there.
    public static double Polynomial(double z, double[] coefficients)
    {
        if (coefficients == null) throw new ArgumentNullException(nameof(coefficients));
        double sum = coefficients[coefficients.Length - 1];
        for (int i = coefficients.Length - 2; i >= 0; --i)
        {
            sum *= z;
            sum += coefficients[i];
        }

        return sum;
    }

    [Differentiable]
    public static double ErfInvNumerator(double z) => Polynomial(z, ErvInvImpAn) * z;

    // Math.NET SpecialFunctions.BetaRegularized (Numerical Recipes' betacf), its guards and the symmetry branch.
    [Differentiable]
    public static double BetaRegularized(double a, double b, double x)
    {
        if (a < 0.0) throw new ArgumentOutOfRangeException(nameof(a));
        if (b < 0.0) throw new ArgumentOutOfRangeException(nameof(b));
        if (x < 0.0 || x > 1.0) throw new ArgumentOutOfRangeException(nameof(x));

        double bt = (x == 0.0 || x == 1.0)
            ? 0.0
            : Math.Exp(SpecialFunctions12.GammaLn(a + b) - SpecialFunctions12.GammaLn(a) - SpecialFunctions12.GammaLn(b) + (a * Math.Log(x)) + (b * Math.Log(1.0 - x)));

        bool symmetryTransformation = x >= (a + 1.0) / (a + b + 2.0);

        double eps = 1e-15;
        double fpmin = 1e-300 / eps;

        if (symmetryTransformation)
        {
            x = 1.0 - x;
            (a, b) = (b, a);
        }

        double qab = a + b;
        double qap = a + 1.0;
        double qam = a - 1.0;
        double c = 1.0;
        double d = 1.0 - (qab * x / qap);

        if (Math.Abs(d) < fpmin) d = fpmin;
        d = 1.0 / d;
        double h = d;

        for (int m = 1, m2 = 2; m <= 50000; m++, m2 += 2)
        {
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1.0 + (aa * d);
            if (Math.Abs(d) < fpmin) d = fpmin;
            c = 1.0 + (aa / c);
            if (Math.Abs(c) < fpmin) c = fpmin;
            d = 1.0 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1.0 + (aa * d);
            if (Math.Abs(d) < fpmin) d = fpmin;
            c = 1.0 + (aa / c);
            if (Math.Abs(c) < fpmin) c = fpmin;
            d = 1.0 / d;
            double del = d * c;
            h *= del;
            if (Math.Abs(del - 1.0) <= eps)
            {
                return symmetryTransformation ? 1.0 - (bt * h / a) : bt * h / a;
            }
        }

        return symmetryTransformation ? 1.0 - (bt * h / a) : bt * h / a;
    }

    // Math.NET StudentT.CDF(location, scale, freedom, x), the finite branch.
    [Differentiable]
    public static double StudentTCdf(double location, double scale, double freedom, double x)
    {
        if (scale <= 0.0 || freedom <= 0.0) throw new ArgumentException("Invalid parametrization for the distribution.");
        double k = (x - location) / scale;
        double h = freedom / (freedom + (k * k));
        double ib = 0.5 * BetaRegularized(freedom / 2.0, 0.5, h);
        return x <= location ? ib : 1.0 - ib;
    }

    public enum Tail { Lower, Upper }

    public static Tail DefaultTail = Tail.Upper;

    public static string Unit = "m";

    public static int? Folds = 3;

    [Differentiable]
    public static double TailByLocal(double x)
    {
        var t = DefaultTail;
        bool Same(Tail a, Tail b) => a == b;
        return Same(t, t) ? 1 - Math.Exp(-x * x) : x;
    }

    private static double Scale(double v, string from, string to) => from == to ? v : v * 1000;

    [Differentiable]
    public static double UnitHelper(double x) { var u = Unit; return Scale(x * x, u, u); }

    [Differentiable]
    public static double FoldsLambda(double x)
    {
        var k = Folds;
        Func<int?, int?, bool> differ = (a, b) => a != b;
        return differ(k, k) ? x : Math.Sin(x) * x;
    }
}

// Enzyme's integrateexp and Clad's ForwardMode/Hessian cases with arrays, spans and structs.
public static partial class Peer12More
{
    [Differentiable]
    public static double IntegrateExp(double x, int steps)
    {
        var state = new double[2];
        state[0] = x;
        state[1] = 0;
        double dt = 1.0 / steps;
        for (int i = 0; i < steps; i++)
        {
            double prev = state[0];
            state[0] += dt * -prev;
            state[1] += dt * prev;
        }
        return state[0] + 0.5 * state[1];
    }

    [Differentiable]
    public static double StackallocSum(double x, double y)
    {
        Span<double> buf = stackalloc double[4];
        for (int i = 0; i < buf.Length; i++) buf[i] = Math.Pow(x, i) * y;
        double s = 0;
        foreach (var v in buf) s += v;
        return s;
    }

    private static void Accumulate(double[] into, double v)
    {
        for (int i = 0; i < into.Length; i++) into[i] += v * (i + 1);
    }

    [Differentiable]
    public static double RefArrayHelper(double x)
    {
        var acc = new double[3];
        Accumulate(acc, x);
        Accumulate(acc, x * x);
        return acc[0] * acc[2] - acc[1];
    }

    public struct Point3
    {
        public double X, Y, Z;
        public Point3(double x, double y, double z) { X = x; Y = y; Z = z; }
        public readonly double Norm2() => X * X + Y * Y + Z * Z;
        public void Scale(double s) { X *= s; Y *= s; Z *= s; }
    }

    [Differentiable]
    public static double StructMutate(double a, double b)
    {
        var p = new Point3(a, b, a * b);
        p.Scale(2);
        p.Z += 1;
        return p.Norm2();
    }

    [Differentiable(Hessian = true)]
    public static double HessWithLoop(double x, double y)
    {
        double s = 0;
        for (int i = 1; i <= 3; i++) s += Math.Pow(x, i) * Math.Sin(i * y);
        return s;
    }

    [Differentiable(Forward = true)]
    public static double ForwardArray(double[] w, double x)
    {
        double z = 0;
        for (int i = 0; i < w.Length; i++) z = z * x + w[i];
        return Math.Tanh(z);
    }

    [Differentiable]
    public static double Softmin(params double[] xs)
    {
        double t = -xs.Select(v => Math.Exp(-v)).Sum();
        return -Math.Log(-t);
    }

    [Differentiable]
    public static double GuardedLog(double x)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(x);
        return Math.Log(x) * x;
    }

    [Differentiable]
    public static double JaggedDot(double[][] rows, double[] v)
    {
        double s = 0;
        for (int i = 0; i < rows.Length; i++)
            for (int j = 0; j < v.Length; j++) s += rows[i][j] * v[j];
        return s;
    }

    [Differentiable]
    public static double GridLaplace(double[,] u)
    {
        double e = 0;
        for (int i = 1; i < u.GetLength(0) - 1; i++)
            for (int j = 1; j < u.GetLength(1) - 1; j++)
            {
                double lap = u[i - 1, j] + u[i + 1, j] + u[i, j - 1] + u[i, j + 1] - 4 * u[i, j];
                e += lap * lap;
            }
        return e;
    }

    [Differentiable]
    public static double TryParseStyle(double x)
    {
        double result = 0;
        if (TrySqrt(x, out var r)) result = r * 3;
        return result + x;
    }

    [Differentiable]
    public static double TryLocalFunction(double x)
    {
        bool TryRoot(double v, out double root)
        {
            root = 0;
            if (v < 0) return false;
            root = Math.Sqrt(v);
            return true;
        }
        double result = 0;
        if (TryRoot(x, out var r)) result = r * 3;
        return result + x;
    }

    private static bool TrySqrt(double v, out double root)
    {
        root = 0;
        if (v < 0) return false;
        root = Math.Sqrt(v);
        return true;
    }
}

// Everyday code: structs, Vector2/3, generic math, LINQ, local functions, ++ in expressions.
public static partial class Everyday12
{
    public record struct Particle(double X, double V);

    [Differentiable]
    public static double Leapfrog(double x0, double v0, double k)
    {
        var p = new Particle(x0, v0);
        const double dt = 0.05;
        for (int i = 0; i < 20; i++)
        {
            double a = -k * p.X;
            double vHalf = p.V + 0.5 * dt * a;
            double x = p.X + dt * vHalf;
            p = new Particle(x, vHalf + 0.5 * dt * (-k * x));
        }
        return 0.5 * p.V * p.V + 0.5 * k * p.X * p.X;
    }

    [Differentiable]
    public static float Spring3(Vector3 a, Vector3 b, float rest)
    {
        Vector3 d = b - a;
        float len = d.Length();
        float stretch = len - rest;
        return 0.5f * 40f * stretch * stretch;
    }

    [Differentiable]
    public static float Reflect(Vector2 dir, Vector2 normal)
    {
        Vector2 n = Vector2.Normalize(normal);
        Vector2 r = Vector2.Reflect(dir, n);
        return r.X * 2f + r.Y;
    }

    [Differentiable]
    public static T SoftClamp<T>(T x, T k) where T : IFloatingPointIeee754<T> => k * T.Tanh(x / k);

    [Differentiable]
    public static double UsesSoftClamp(double x) => SoftClamp(x, 2.0) + SoftClamp(x * x, 3.0);

    [Differentiable]
    public static double SoftmaxCrossEntropy(double[] logits, int label)
    {
        double max = logits.Max();
        double sum = logits.Sum(l => Math.Exp(l - max));
        return -(logits[label] - max - Math.Log(sum));
    }

    [Differentiable]
    public static double Horner(double x, params double[] coefficients)
    {
        double y = 0;
        for (int i = coefficients.Length - 1; i >= 0; i--) y = y * x + coefficients[i];
        return y;
    }

    [Differentiable]
    public static double CallsHorner(double x) => Horner(x, 1, -2, 0.5, 0.25);

    [Differentiable]
    public static double NewtonSqrt(double a)
    {
        if (a < 0) throw new ArgumentOutOfRangeException(nameof(a), "negative");
        double x = a > 1 ? a : 1;
        for (int i = 0; i < 30; i++) x = 0.5 * (x + a / x);
        return x;
    }

    [Differentiable]
    public static double Trapezoid(double a, double b)
    {
        double F(double t) => Math.Exp(-t * t) * a;
        const int n = 32;
        double h = (b - 0) / n, s = 0.5 * (F(0) + F(b));
        for (int i = 1; i < n; i++) s += F(i * h);
        return s * h;
    }

    [Differentiable]
    public static double ArgMinBranch(double[] xs)
    {
        int best = 0;
        for (int i = 1; i < xs.Length; i++) if (xs[i] < xs[best]) best = i;
        return xs[best] * xs[best] + xs.Where(v => v > 0).Sum();
    }

    [Differentiable]
    public static double CountedIncrement(double x)
    {
        int k = 0;
        double y = x * k++;
        y += x * x * ++k;
        return y + k;
    }

    [Differentiable]
    public static double TupleSwap(double a, double b)
    {
        for (int i = 0; i < 3; i++) (a, b) = (b, a + 0.5 * b);
        return a * b;
    }

    private static bool TryInvert(double x, out double inv)
    {
        if (Math.Abs(x) < 1e-12) { inv = 0; return false; }
        inv = 1 / x;
        return true;
    }

    [Differentiable]
    public static double SafeInvert(double x) => TryInvert(x, out var inv) ? inv * inv : 0;

    [Differentiable(Forward = true, Hessian = true)]
    public static double Rosenbrock(double x, double y) => (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);

    [Differentiable(Hessian = true)]
    public static double Himmelblau(double x, double y)
    {
        double a = x * x + y - 11, b = x + y * y - 7;
        return a * a + b * b;
    }

    [Differentiable]
    public static double SwitchExpression(double x, int kind) => kind switch
    {
        0 => Math.Max(x, 0),
        1 => x > 0 ? x : 0.01 * x,
        2 => Math.Log(1 + Math.Exp(x)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}

// Idioms as people write them in newer C#: ++ inside indices and conditions, params, ref locals and ref ternaries, the newer
// Math/double statics, % of reals, `with` on Vector3, captured writes in local functions, switch patterns with `when`,
// nullable reals, LINQ (Zip, Aggregate, Range/Select, Min with a selector, OrderBy), ranges and ^ indices, goto, checked,
// Math.DivRem with out, Math.SinCos, Complex functions.
public static partial class Idioms12
{
    [Differentiable] public static double IncIndex(double[] a) { int i = 0; double s = 0; while (i < a.Length - 1) s += a[i++] * a[i++] + 0.5; return s; }
    [Differentiable] public static double ParamsCall(double x, double y) => SumSq(x, y, x * y);
    [Differentiable] public static double SumSq(params double[] xs) { double s = 0; foreach (var v in xs) s += v * v; return s; }
    [Differentiable] public static double RefTernary(double a, double b) { ref double r = ref (a > b ? ref a : ref b); r *= 3; return a * b + r; }
    [Differentiable] public static double MathMisc(double x, double y) => Math.FusedMultiplyAdd(x, y, x) + Math.ScaleB(x, 3) + Math.Log(x * x + 1, 3) + Math.Log2(y * y + 2) + Math.IEEERemainder(x * 7, 2.5);
    [Differentiable] public static double DoubleStatics(double x, double y) => double.Lerp(x, y, 0.3) + double.DegreesToRadians(x) + double.ExpM1(x * 0.1) + double.LogP1(y * y) + double.SinPi(x) + double.Atan2Pi(y, x + 3);
    [Differentiable] public static double Fmod(double x, double y) => x % y + (x * 3) % 1.7;
    [Differentiable] public static float WithRecord(float x, float y) { var v = new Vector3(x, y, 1f); var w = v with { Z = x * y }; return w.Length(); }
    [Differentiable] public static double CaptureLoop(double x) { double acc = 1; void Step(double k) { acc = acc * x + k; } for (int i = 0; i < 4; i++) Step(i); return acc; }
    [Differentiable] public static double SwitchPattern(double x, double y) { switch (x) { case > 0 when y < 1: return x * y; case > 0: return x + y * y; default: return -x * y * y; } }
    [Differentiable] public static double NullableCoalesce(double x) { double? n = x > 0 ? x * x : null; return (n ?? 1.0) * x; }
    [Differentiable] public static double ZipTuple(double[] xs, double[] ys) { double s = 0; foreach (var (a, b) in xs.Zip(ys)) s += a * b * b; return s; }
    [Differentiable] public static double Aggregate(double[] xs) => xs.Aggregate(1.0, (acc, v) => acc * (1 + v));
    [Differentiable] public static double RangeSelect(double[] w, double[] x) => Enumerable.Range(0, w.Length).Select(i => w[i] * x[i]).Sum();
    [Differentiable] public static double LinqMinMax(double[] xs) => xs.Max() - xs.Min(v => v * v) + xs.OrderBy(v => v).First();
    [Differentiable] public static double ClampEqual(double x, double c) => double.Clamp(x, c, c + 1) * x;
    [Differentiable] public static double ThrowInterp(double x) { if (x > 100) throw new ArgumentException($"bad {x}"); return x * x; }
    [Differentiable] public static double WhileIncCond(double x) { int i = 0; double s = 0; while (i++ < 3) { if (i == 2) continue; s += Math.Pow(x, i); } return s; }
    [Differentiable] public static double StructCompound(double x, double y) { var p = new Vector2((float)x, (float)y); p.X *= p.Y; p.Y += p.X; return p.X + 2 * p.Y; }
    [Differentiable] public static double GotoLoop(double x) { int k = 0; double s = 1; again: s *= x; if (++k < 3) goto again; return s; }
    [Differentiable] public static double TupleReturnLocal(double x) { (double s, double c) SC(double t) => (Math.Sin(t), Math.Cos(t)); var (s, c) = SC(x); return s * c; }
    [Differentiable] public static double RoundTrunc(double x) => Math.Round(x, 2) * x + Math.Truncate(x) + (int)(x * 10) / 10.0;
    [Differentiable] public static double ComplexOps(double a, double b) { var z = new Complex(a, b); var w = Complex.Exp(z) / (z + 1) + Complex.Sqrt(z) * Complex.Conjugate(z); return w.Magnitude + w.Phase; }
    [Differentiable] public static double SpanSlice(double[] a) { ReadOnlySpan<double> s = a; var t = s.Slice(1, 2); return t[0] * t[1] + s[^1]; }
    [Differentiable] public static double IndexFromEnd(double[] a) => a[^1] * a[^2] + a[1..3].Sum();
    [Differentiable] public static double StaticLocalFn(double x) { static double Sq(double v) => v * v; return Sq(Sq(x)) + Sq(x + 1); }
    [Differentiable] public static double ConditionalRefAssign(double x, double y) { double a = x, b = y; (x > y ? ref a : ref b) = x * y; return a + 2 * b; }
    [Differentiable] public static double DoWhile(double x) { double s = 0; int n = 0; do { s += x / (n + 1); n++; } while (s < 5 && n < 20); return s; }
    [Differentiable] public static double CheckedCast(double x) { long n = checked((long)(x * 3)); return x * n + x; }
    [Differentiable] public static double NestedTernaryAssign(double x) { double y = x; y = y > 1 ? (y = y * y) + 1 : y - 1; return y * x; }
    [Differentiable] public static double CompoundInIndex(double[] a) { int i = 0; a[i += 1] *= 2; return a[1] * a[0]; }
    [Differentiable] public static double OutDiscard(double x) { Math.DivRem(7, 3, out _); var q = Math.DivRem(17, 5, out int r); return x * q + r * x * x; }
    [Differentiable] public static double SinCosTuple(double x) { var (s, c) = Math.SinCos(x); return s * s - c; }
    [Differentiable] public static double CopySignAbs(double x, double y) => Math.CopySign(x * x, y) + Math.Abs(y) * Math.Sign(x);
    [Differentiable] public static double MaxMagnitude(double x, double y) => Math.MaxMagnitude(x, y) + Math.MinMagnitude(x * 2, y);
}
