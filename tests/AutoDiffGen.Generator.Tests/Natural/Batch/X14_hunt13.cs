using System.Numerics;
using AutoDiffGen;

namespace Users.Hunt13;

// hunt13 (2026-12-04): the first rule by natural programs and peer suites, shapes the earlier batches do not have.
// jax.scipy.special's definitions (logsumexp with weights, xlogy, xlog1py, entr, betaln, digamma by recurrence and
// asymptotic series, multigammaln, log_ndtr), Enzyme's integration tests (integrateimage, sumtil, insertsort_sum,
// readwriteread, rwrloop, mycos, taylorlog) and ADBench's GMM and bundle-adjustment objectives as a C# user ports them;
// finance (an up-and-out barrier by Monte Carlo with a smoothed indicator and an unchecked LCG, Hagan's SABR implied vol,
// a yield curve bootstrapped with Newton inner loops, implied vol by Newton, CIR bonds), physics (leapfrog, Yoshida and
// Ruth symplectic integrators, a Vector3 spring-mass chain), geometry (signed distance functions with MathF, smooth
// unions, sphere tracing) and robotics (planar and spatial forward kinematics, a user quaternion, System.Numerics'
// Quaternion and Matrix3x2). Idioms: float everywhere, checked/unchecked, switch expressions with relational and/or
// patterns, goto, nested local functions capturing locals, in parameters, readonly structs, static readonly tables,
// ReadOnlySpan<double> literals, early returns in loops, Forward = true and Hessian = true.

public static partial class JaxSpecial13
{
    // jax.scipy.special.logsumexp: shifted by the maximum (JAX stops its gradient; here it cancels exactly).
    [Differentiable]
    public static double LogSumExp(double[] a)
    {
        double amax = double.NegativeInfinity;
        for (int i = 0; i < a.Length; i++) amax = Math.Max(amax, a[i]);
        if (double.IsInfinity(amax)) amax = 0.0;
        double s = 0.0;
        foreach (var v in a) s += Math.Exp(v - amax);
        return Math.Log(s) + amax;
    }

    // logsumexp(a, b=b): weights held constant, squared so the sum stays positive.
    [Differentiable]
    public static double WeightedLogSumExp(double[] a, [NoDiff] double[] b)
    {
        double amax = a.Max();
        double s = 0.0;
        for (int i = 0; i < a.Length; i++) s += b[i] * b[i] * Math.Exp(a[i] - amax);
        return Math.Log(s) + amax;
    }

    // xlogy: 0 where x == 0 (JAX's custom jvp keeps d/dy = x / y).
    [Differentiable]
    public static double XLogY(double x, double y) => x == 0.0 ? 0.0 : x * Math.Log(y);

    // xlog1py with double.LogP1.
    [Differentiable]
    public static double XLog1PY(double x, double y) => x == 0.0 ? 0.0 : x * double.LogP1(y);

    // entr(x) as a switch expression on relational patterns.
    [Differentiable]
    public static double Entr(double x) => x switch
    {
        > 0.0 => -x * Math.Log(x),
        0.0 => 0.0,
        _ => double.NegativeInfinity,
    };

    // Stirling's series after shifting the argument up to 7: a plain helper, as JAX's gammaln is a primitive elsewhere.
    private static double Lgamma(double x)
    {
        double shift = 0.0;
        while (x < 7.0)
        {
            shift -= Math.Log(x);
            x += 1.0;
        }

        double z = 1.0 / (x * x);
        double series = (((-1.0 / 1680.0 * z + 1.0 / 1260.0) * z - 1.0 / 360.0) * z + 1.0 / 12.0) / x;
        return shift + (x - 0.5) * Math.Log(x) - x + 0.91893853320467274178 + series;
    }

    // betaln(a, b) = lgamma(a) + lgamma(b) - lgamma(a + b).
    [Differentiable]
    public static double BetaLn(double a, double b) => Lgamma(a) + Lgamma(b) - Lgamma(a + b);

    // digamma: recurrence up to 6, then the asymptotic series; the parameter itself is moved by the loop.
    [Differentiable]
    public static double Digamma(double x)
    {
        double result = 0.0;
        while (x < 6.0)
        {
            result -= 1.0 / x;
            x += 1.0;
        }

        double f = 1.0 / (x * x);
        return result + Math.Log(x) - 0.5 / x
               - f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f / 132))));
    }

    // multigammaln(a, d): an integer dimension, a sum of shifted lgammas.
    [Differentiable]
    public static double MultiGammaLn(double a, int d)
    {
        double res = d * (d - 1) / 4.0 * Math.Log(Math.PI);
        for (int j = 1; j <= d; j++) res += Lgamma(a + (1 - j) / 2.0);
        return res;
    }

    // Numerical Recipes' erfc (Chebyshev fit), used by log_ndtr.
    private static double Erfc(double x)
    {
        double z = Math.Abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 +
                   t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 +
                   t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0.0 ? r : 2.0 - r;
    }

    // log_ndtr(x) = log(Φ(x)) through erfc.
    [Differentiable]
    public static double LogNdtr(double x) => Math.Log(0.5 * Erfc(-x / Math.Sqrt(2.0)));

    // logit(expit(x)) composed, float throughout.
    [Differentiable]
    public static float LogitOfExpit(float x)
    {
        float p = 1f / (1f + MathF.Exp(-x));
        float q = 0.5f * (p + 0.6f);
        return MathF.Log(q / (1f - q));
    }

    // Stable softplus: a branch on the sign as jax.nn.softplus writes it with logaddexp.
    [Differentiable(Forward = true)]
    public static double Softplus(double x) => x > 0.0 ? x + Math.Log(1.0 + Math.Exp(-x)) : Math.Log(1.0 + Math.Exp(x));

    // sinc with a `var` pattern naming the absolute value in the switch expression.
    [Differentiable]
    public static double Sinc(double x) => Math.Abs(x) switch
    {
        < 1e-4 => 1.0 - x * x / 6.0,
        var ax => Math.Sin(ax) / ax,
    };
}

public static partial class Enzyme13
{
    // Enzyme integrateimage: a Riemann sum whose sample points scale with x.
    [Differentiable]
    public static double IntegrateImage(double x, int n)
    {
        double sum = 0.0;
        for (int i = 0; i < n; i++)
        {
            double t = x * i / n;
            sum += Math.Exp(-t * t);
        }

        return sum / n;
    }

    // Enzyme sumtil: a partial sum that breaks once it passes a bound.
    [Differentiable]
    public static double SumTil(double[] vec, int n)
    {
        double ret = 0.0;
        for (int i = 0; i < n; i++)
        {
            ret += vec[i];
            if (ret > 2.5) break;
        }

        return ret;
    }

    // Enzyme insertsort_sum: sort a copy in place, then a weighted sum of the sorted values.
    [Differentiable]
    public static double InsertSortSum(double[] x)
    {
        var a = new double[x.Length];
        Array.Copy(x, a, x.Length);
        for (int i = 1; i < a.Length; i++)
        {
            double key = a[i];
            int j = i - 1;
            while (j >= 0 && a[j] > key)
            {
                a[j + 1] = a[j];
                j--;
            }

            a[j + 1] = key;
        }

        double s = 0.0;
        for (int i = 0; i < a.Length; i++) s += (i + 1) * a[i];
        return s;
    }

    // Enzyme readwriteread: a one-element buffer read, overwritten and read again.
    [Differentiable]
    public static double ReadWriteRead(double x)
    {
        var a = new double[1];
        a[0] = x;
        double y = a[0] * a[0];
        a[0] = y;
        return a[0] * x;
    }

    // Enzyme rwrloop, in 2-D: a local matrix updated in place reading its transpose.
    [Differentiable]
    public static double RwrLoop(double x)
    {
        var m = new double[3, 3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                m[i, j] = x * (i + 1) + j;
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                m[i, j] = m[i, j] * m[j, i];
        double s = 0.0;
        foreach (var v in m) s += v;
        return s;
    }

    // Enzyme mycos: the Taylor series with the term updated by a ratio.
    [Differentiable(Hessian = true)]
    public static double MyCos(double x)
    {
        double sum = 0.0, term = 1.0;
        for (int i = 1; i <= 20; i++)
        {
            sum += term;
            term *= -x * x / ((2 * i - 1) * (2 * i));
        }

        return sum;
    }

    // Enzyme taylorlog: Σ x^i / i with Math.Pow of an int exponent.
    [Differentiable]
    public static double TaylorLog(double x, int n)
    {
        double sum = 0.0;
        for (int i = 1; i <= n; i++) sum += Math.Pow(x, i) / i;
        return sum;
    }

    // Recursion: x^k by a [Differentiable] method calling itself.
    [Differentiable]
    public static double PowRec(double x, int k) => k <= 0 ? 1.0 : x * PowRec(x, k - 1) + 0.1 * k;

    // Heron's square root with an early return inside the loop once converged.
    [Differentiable]
    public static double HeronSqrt(double a)
    {
        double g = a;
        for (int it = 0; it < 60; it++)
        {
            g = 0.5 * (g + a / g);
            if (Math.Abs(g * g - a) < 1e-14 * a) return g;
        }

        return g;
    }
}

public static partial class AdBench13
{
    // ADBench GMM, ported from the C reference: k components in d dimensions, icf packs the log-diagonal then the lower
    // triangle of each precision factor; data x constant; the Wishart prior's log-gamma term is a constant.
    [Differentiable]
    public static double GmmObjective(int d, int k, double[] alphas, double[] means, double[] icf, [NoDiff] double[] x, double wishartGamma, int m)
    {
        int n = x.Length / d;
        int icfSz = d * (d + 1) / 2;
        var qdiags = new double[d * k];
        var sumQs = new double[k];
        for (int ik = 0; ik < k; ik++)
        {
            sumQs[ik] = 0.0;
            for (int id = 0; id < d; id++)
            {
                double q = icf[ik * icfSz + id];
                sumQs[ik] += q;
                qdiags[ik * d + id] = Math.Exp(q);
            }
        }

        var xc = new double[d];
        var qxc = new double[d];
        var mainTerm = new double[k];
        double slse = 0.0;
        for (int ix = 0; ix < n; ix++)
        {
            for (int ik = 0; ik < k; ik++)
            {
                for (int id = 0; id < d; id++) xc[id] = x[ix * d + id] - means[ik * d + id];
                for (int id = 0; id < d; id++) qxc[id] = qdiags[ik * d + id] * xc[id];
                int li = ik * icfSz + d;
                for (int i = 0; i < d; i++)
                {
                    for (int j = i + 1; j < d; j++)
                    {
                        qxc[j] += icf[li] * xc[i];
                        li++;
                    }
                }

                double sq = 0.0;
                for (int id = 0; id < d; id++) sq += qxc[id] * qxc[id];
                mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sq;
            }

            double mx = mainTerm[0];
            for (int ik = 1; ik < k; ik++) if (mainTerm[ik] > mx) mx = mainTerm[ik];
            double se = 0.0;
            for (int ik = 0; ik < k; ik++) se += Math.Exp(mainTerm[ik] - mx);
            slse += Math.Log(se) + mx;
        }

        double amx = alphas[0];
        for (int ik = 1; ik < k; ik++) if (alphas[ik] > amx) amx = alphas[ik];
        double ase = 0.0;
        for (int ik = 0; ik < k; ik++) ase += Math.Exp(alphas[ik] - amx);
        double lseAlphas = Math.Log(ase) + amx;

        double prior = 0.0;
        for (int ik = 0; ik < k; ik++)
        {
            double frob = 0.0;
            for (int id = 0; id < d; id++) frob += qdiags[ik * d + id] * qdiags[ik * d + id];
            for (int i = d; i < icfSz; i++) frob += icf[ik * icfSz + i] * icf[ik * icfSz + i];
            prior += 0.5 * wishartGamma * wishartGamma * frob - m * sumQs[ik];
        }

        int nn = d + m + 1;
        double c = nn * d * (Math.Log(wishartGamma) - 0.5 * Math.Log(2.0));
        const double Constant = -0.91893853320467274178;
        return Constant * n * d + slse - n * lseAlphas + prior - k * c;
    }

    // The same GMM written as ADBench's C helpers are ported: void helpers filling their output arrays.
    [Differentiable]
    public static double GmmWithHelpers(double[] means, double[] icf, [NoDiff] double[] x)
    {
        const int d = 2;
        var xc = new double[d];
        var qxc = new double[d];
        double total = 0.0;
        for (int ix = 0; ix + d <= x.Length; ix += d)
        {
            Subtract(d, x, ix, means, 0, xc);
            QTimesX(d, icf, xc, qxc);
            total += icf[0] + icf[1] - 0.5 * SqNorm(d, qxc);
        }

        return total;
    }

    private static void Subtract(int d, double[] x, int xo, double[] y, int yo, double[] output)
    {
        for (int id = 0; id < d; id++) output[id] = x[xo + id] - y[yo + id];
    }

    private static void QTimesX(int d, double[] icf, double[] x, double[] output)
    {
        for (int i = 0; i < d; i++) output[i] = Math.Exp(icf[i]) * x[i];
        int li = d;
        for (int i = 0; i < d; i++)
        {
            for (int j = i + 1; j < d; j++)
            {
                output[j] += icf[li] * x[i];
                li++;
            }
        }
    }

    private static double SqNorm(int d, double[] x)
    {
        double s = 0.0;
        for (int i = 0; i < d; i++) s += x[i] * x[i];
        return s;
    }

    // ADBench bundle adjustment: Rodrigues rotation, projection, radial distortion; squared reprojection error of one
    // observation. rot and pt use their first three entries; the camera centre, principal point and feature are constants.
    [Differentiable]
    public static double ReprojectionError(double[] rot, double[] pt, double focal, double k1)
    {
        (double, double, double) Cross((double X, double Y, double Z) a, (double X, double Y, double Z) b) =>
            (a.Y * b.Z - a.Z * b.Y, a.Z * b.X - a.X * b.Z, a.X * b.Y - a.Y * b.X);

        var r = (X: rot[0], Y: rot[1], Z: rot[2]);
        var p = (X: pt[0], Y: pt[1], Z: pt[2]);
        double sq = r.X * r.X + r.Y * r.Y + r.Z * r.Z;
        double ox, oy, oz;
        if (sq != 0.0)
        {
            double theta = Math.Sqrt(sq);
            double ct = Math.Cos(theta), st = Math.Sin(theta);
            var w = (X: r.X / theta, Y: r.Y / theta, Z: r.Z / theta);
            var (cx, cy, cz) = Cross(w, p);
            double tmp = (w.X * p.X + w.Y * p.Y + w.Z * p.Z) * (1.0 - ct);
            ox = p.X * ct + cx * st + w.X * tmp;
            oy = p.Y * ct + cy * st + w.Y * tmp;
            oz = p.Z * ct + cz * st + w.Z * tmp;
        }
        else
        {
            var (cx, cy, cz) = Cross(r, p);
            ox = p.X + cx;
            oy = p.Y + cy;
            oz = p.Z + cz;
        }

        oz += 6.0;
        double u = ox / oz, v = oy / oz;
        double rsq = u * u + v * v;
        double l = 1.0 + k1 * rsq;
        u = u * l * focal + 0.1;
        v = v * l * focal - 0.2;
        return (u - 0.3) * (u - 0.3) + (v + 0.4) * (v + 0.4);
    }

    // ADBench's log-sum-exp of the mixture weights as the C port writes it, arr_max with an early shape.
    [Differentiable]
    public static double LogSumExpAlphas(double[] alphas, int k)
    {
        double mx = alphas[0];
        for (int i = 1; i < k; i++)
            if (mx < alphas[i]) mx = alphas[i];
        double semx = 0.0;
        for (int i = 0; i < k; i++) semx += Math.Exp(alphas[i] - mx);
        return Math.Log(semx) + mx;
    }
}

public static partial class Finance13
{
    private const double Barrier = 1.6;
    private const double Strike = 1.0;

    // Up-and-out call by Monte Carlo: uniforms from an unchecked LCG, normals by Box–Muller, the knock-out replaced by
    // a product of sigmoids (the smoothed indicator pathwise-derivative practitioners use).
    [Differentiable]
    public static double BarrierUpAndOutMc(double s0, double sigma, double r)
    {
        const int Paths = 16, Steps = 8;
        const double T = 1.0, Eps = 0.05;
        double dt = T / Steps;
        uint state = 12345u;
        double sum = 0.0;
        for (int p = 0; p < Paths; p++)
        {
            double s = s0, alive = 1.0;
            for (int k = 0; k < Steps; k++)
            {
                state = unchecked(state * 1664525u + 1013904223u);
                double u1 = (state + 1.0) / 4294967297.0;
                state = unchecked(state * 1664525u + 1013904223u);
                double u2 = state / 4294967296.0;
                double z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
                s *= Math.Exp((r - 0.5 * sigma * sigma) * dt + sigma * Math.Sqrt(dt) * z);
                alive *= 1.0 / (1.0 + Math.Exp((s - Barrier) / Eps));
            }

            sum += Math.Max(s - Strike, 0.0) * alive;
        }

        return Math.Exp(-r * T) * sum / Paths;
    }

    // Hagan's SABR lognormal implied volatility (beta = 1 is not assumed), with the at-the-money branch.
    [Differentiable]
    public static double SabrVol(double alpha, double rho, double nu)
    {
        const double F = 1.05, K = 0.95, T = 2.0, Beta = 0.5;
        double omb = 1.0 - Beta;
        double fk = F * K;
        double logfk = Math.Log(F / K);
        double fkb = Math.Pow(fk, omb / 2.0);
        double a = 1.0 + (omb * omb * alpha * alpha / (24.0 * Math.Pow(fk, omb))
                          + 0.25 * rho * Beta * nu * alpha / fkb
                          + (2.0 - 3.0 * rho * rho) * nu * nu / 24.0) * T;
        double b = 1.0 + omb * omb * logfk * logfk / 24.0 + Math.Pow(omb, 4) * Math.Pow(logfk, 4) / 1920.0;
        if (Math.Abs(logfk) < 1e-12) return alpha / fkb * a / b;
        double z = nu / alpha * fkb * logfk;
        double xz = Math.Log((Math.Sqrt(1.0 - 2.0 * rho * z + z * z) + z - rho) / (1.0 - rho));
        return alpha / (fkb * b) * (z / xz) * a;
    }

    // Bootstrap continuously compounded zero rates from annual par swap rates: for each maturity, Newton on
    // r_i · Σ_j D_j + D_i = 1 in z_i (D = e^{-z t}) with an early exit; then the price of a 5-year 4% bond on the curve.
    [Differentiable]
    public static double BootstrapBondPrice(double[] parRates)
    {
        var z = new double[parRates.Length];
        double annuity = 0.0;
        for (int i = 0; i < parRates.Length; i++)
        {
            double t = i + 1.0;
            double zi = parRates[i];
            for (int it = 0; it < 30; it++)
            {
                double di = Math.Exp(-zi * t);
                double f = parRates[i] * (annuity + di) + di - 1.0;
                double fp = -(parRates[i] + 1.0) * t * di;
                double step = f / fp;
                zi -= step;
                if (Math.Abs(step) < 1e-15) break;
            }

            z[i] = zi;
            annuity += Math.Exp(-zi * t);
        }

        double price = 0.0;
        for (int i = 0; i < z.Length; i++) price += 0.04 * Math.Exp(-z[i] * (i + 1));
        return price + Math.Exp(-z[^1] * z.Length);
    }

    private static double NormCdf(double x) => 0.5 * (1.0 + Erf(x / Math.Sqrt(2.0)));

    private static double Erf(double x)
    {
        // Abramowitz–Stegun 7.1.26 is too coarse for Newton; use the complementary series of Numerical Recipes.
        double z = Math.Abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 +
                   t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 +
                   t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0.0 ? 1.0 - r : r - 1.0;
    }

    // Implied volatility by Newton on the Black–Scholes call price with an early return; d vol / d price = 1 / vega.
    [Differentiable]
    public static double ImpliedVol(double price, double spot)
    {
        const double K = 1.0, T = 1.0, R = 0.01;
        double vol = 0.3;
        for (int it = 0; it < 50; it++)
        {
            double sq = vol * Math.Sqrt(T);
            double d1 = (Math.Log(spot / K) + (R + 0.5 * vol * vol) * T) / sq;
            double d2 = d1 - sq;
            double model = spot * NormCdf(d1) - K * Math.Exp(-R * T) * NormCdf(d2);
            double vega = spot * Math.Exp(-0.5 * d1 * d1) / Math.Sqrt(2.0 * Math.PI) * Math.Sqrt(T);
            double diff = model - price;
            if (Math.Abs(diff) < 1e-13) return vol;
            vol -= diff / vega;
            vol = Math.Max(vol, 1e-3);
        }

        return vol;
    }

    // Black-76 on a futures price, float everywhere (MathF).
    [Differentiable]
    public static float Black76Call(float f, float vol)
    {
        const float K = 1.1f, T = 0.75f, R = 0.02f;
        float sq = vol * MathF.Sqrt(T);
        float d1 = (MathF.Log(f / K) + 0.5f * vol * vol * T) / sq;
        float d2 = d1 - sq;
        static float Phi(float v) => 0.5f * (1f + MathF.Tanh(0.7978845608f * (v + 0.044715f * v * v * v)));
        return MathF.Exp(-R * T) * (f * Phi(d1) - K * Phi(d2));
    }

    // Cox–Ingersoll–Ross zero-coupon bond in closed form (affine A, B).
    [Differentiable(Hessian = true)]
    public static double CirBond(double kappa, double theta, double sigma)
    {
        const double R0 = 0.03, T = 5.0;
        double g = Math.Sqrt(kappa * kappa + 2.0 * sigma * sigma);
        double e = Math.Exp(g * T) - 1.0;
        double den = (g + kappa) * e + 2.0 * g;
        double b = 2.0 * e / den;
        double a = Math.Pow(2.0 * g * Math.Exp((kappa + g) * T / 2.0) / den, 2.0 * kappa * theta / (sigma * sigma));
        return a * Math.Exp(-b * R0);
    }

    // Geometric Asian call in closed form, the adjusted volatility and drift as locals.
    [Differentiable(Forward = true)]
    public static double GeometricAsian(double spot, double vol, int n)
    {
        const double K = 1.0, T = 1.0, R = 0.02;
        double sigA = vol * Math.Sqrt((n + 1.0) * (2.0 * n + 1.0) / (6.0 * n * n));
        double muA = (R - 0.5 * vol * vol) * (n + 1.0) / (2.0 * n) + 0.5 * sigA * sigA;
        double d1 = (Math.Log(spot / K) + (muA + 0.5 * sigA * sigA) * T) / (sigA * Math.Sqrt(T));
        double d2 = d1 - sigA * Math.Sqrt(T);
        return Math.Exp(-R * T) * (spot * Math.Exp(muA * T) * NormCdf(d1) - K * NormCdf(d2));
    }

    // A progressive tax as a switch expression with `and` and `or` patterns.
    [Differentiable]
    public static double AfterTax(double income) => income switch
    {
        < 0.0 or double.NaN => 0.0,
        >= 0.0 and < 1.0 => 0.9 * income,
        >= 1.0 and < 2.0 => 0.9 + 0.7 * (income - 1.0),
        _ => 1.6 + 0.55 * (income - 2.0),
    };
}

public static partial class Physics13
{
    // Velocity Verlet (leapfrog) for an anharmonic oscillator; the final energy drift.
    [Differentiable]
    public static double LeapfrogEnergy(double q0, double p0, double k)
    {
        const double Dt = 0.05;
        double q = q0, p = p0;
        double Force(double x) => -k * x - 0.1 * x * x * x;
        double f = Force(q);
        for (int i = 0; i < 40; i++)
        {
            p += 0.5 * Dt * f;
            q += Dt * p;
            f = Force(q);
            p += 0.5 * Dt * f;
        }

        return 0.5 * p * p + 0.5 * k * q * q + 0.025 * q * q * q * q;
    }

    private static readonly double[] YoshidaC = { 0.6756035959798289, -0.17560359597982883, -0.17560359597982883, 0.6756035959798289 };
    private static readonly double[] YoshidaD = { 1.3512071919596578, -1.7024143839193153, 1.3512071919596578, 0.0 };

    // Yoshida's fourth-order integrator for a pendulum, coefficients in static readonly tables.
    [Differentiable]
    public static double YoshidaPendulum(double theta0, double omega0)
    {
        const double Dt = 0.1;
        double th = theta0, om = omega0;
        for (int step = 0; step < 10; step++)
        {
            for (int s = 0; s < 4; s++)
            {
                th += YoshidaC[s] * Dt * om;
                om -= YoshidaD[s] * Dt * Math.Sin(th);
            }
        }

        return th + 0.3 * om;
    }

    // Ruth's third-order integrator, coefficients as ReadOnlySpan<double> collection literals.
    [Differentiable]
    public static double RuthKepler(double x0, double vy0)
    {
        ReadOnlySpan<double> c = [1.0, -2.0 / 3.0, 2.0 / 3.0];
        ReadOnlySpan<double> d = [-1.0 / 24.0, 3.0 / 4.0, 7.0 / 24.0];
        const double Dt = 0.05;
        double x = x0 + 1.0, y = 0.0, vx = 0.0, vy = vy0 + 0.5;
        for (int step = 0; step < 20; step++)
        {
            for (int i = 0; i < 3; i++)
            {
                double r3 = Math.Pow(x * x + y * y, 1.5);
                vx -= c[i] * Dt * x / r3;
                vy -= c[i] * Dt * y / r3;
                x += d[i] * Dt * vx;
                y += d[i] * Dt * vy;
            }
        }

        return 0.5 * (vx * vx + vy * vy) - 1.0 / Math.Sqrt(x * x + y * y);
    }

    // A chain of four masses on springs in 3-D, float: symplectic Euler, Vector3 locals in an array.
    [Differentiable]
    public static float SpringChain(float stiffness, float rest, Vector3 gravity)
    {
        var pos = new Vector3[4];
        var vel = new Vector3[4];
        for (int i = 0; i < 4; i++) pos[i] = new Vector3(i * 1.1f, 0f, 0f);
        const float Dt = 0.02f;
        for (int step = 0; step < 10; step++)
        {
            for (int i = 1; i < 4; i++)
            {
                Vector3 d = pos[i] - pos[i - 1];
                float len = d.Length();
                Vector3 f = -stiffness * (len - rest) * d / len + gravity;
                if (i < 3)
                {
                    Vector3 d2 = pos[i + 1] - pos[i];
                    float len2 = d2.Length();
                    f += stiffness * (len2 - rest) * d2 / len2;
                }

                vel[i] += f * Dt;
            }

            for (int i = 1; i < 4; i++) pos[i] += vel[i] * Dt;
        }

        return pos[3].X + pos[3].Y + pos[3].Z;
    }

    // Gravitational potential of three bodies, Vector3 parameters passed by `in`.
    [Differentiable]
    public static float ThreeBodyPotential(in Vector3 a, in Vector3 b, in Vector3 c)
    {
        const float Soft = 0.1f;
        float Pair(in Vector3 p, in Vector3 q) => -1f / MathF.Sqrt(Vector3.DistanceSquared(p, q) + Soft * Soft);
        return Pair(a, b) + Pair(b, c) + Pair(a, c);
    }

    // The Vector3 methods above through scalar callers (judged through them).
    [Differentiable]
    public static float ChainSag(float stiffness, float g) => SpringChain(stiffness, 1.05f, new Vector3(0f, -g, 0.1f * g));

    [Differentiable]
    public static float TriangleEnergy(float x, float y) =>
        ThreeBodyPotential(new Vector3(x, y, 0f), Vector3.Zero, new Vector3(1f, x * y, 0.5f));

    public readonly struct State
    {
        public State(double x, double v)
        {
            X = x;
            V = v;
        }

        public double X { get; }

        public double V { get; }
    }

    // A damped oscillator stepped by the midpoint method on a readonly struct state.
    [Differentiable]
    public static double MidpointDamped(double x0, double damping)
    {
        const double Dt = 0.1;
        State Deriv(State s) => new State(s.V, -s.X - damping * s.V);
        var st = new State(x0, 0.0);
        for (int i = 0; i < 15; i++)
        {
            State k1 = Deriv(st);
            var mid = new State(st.X + 0.5 * Dt * k1.X, st.V + 0.5 * Dt * k1.V);
            State k2 = Deriv(mid);
            st = new State(st.X + Dt * k2.X, st.V + Dt * k2.V);
        }

        return st.X * st.X + st.V;
    }

    // Projectile with quadratic drag, integrated until it lands: the time of flight by an early return and a linear
    // interpolation of the last step.
    [Differentiable]
    public static double FlightRange(double speed, double angle)
    {
        const double G = 9.81, Drag = 0.05, Dt = 0.01;
        double x = 0, y = 0, vx = speed * Math.Cos(angle), vy = speed * Math.Sin(angle);
        for (int i = 0; i < 100000; i++)
        {
            double v = Math.Sqrt(vx * vx + vy * vy);
            double nx = x + vx * Dt, ny = y + vy * Dt;
            vx -= Drag * v * vx * Dt;
            vy -= (G + Drag * v * vy) * Dt;
            if (ny < 0.0) return x + (nx - x) * y / (y - ny);
            x = nx;
            y = ny;
        }

        return x;
    }
}

public static partial class Sdf13
{
    [Differentiable]
    public static float Sphere(Vector3 p, float r) => p.Length() - r;

    // Inigo Quilez's box with Vector3.Abs and Vector3.Max.
    [Differentiable]
    public static float Box(Vector3 p, Vector3 b)
    {
        Vector3 q = Vector3.Abs(p) - b;
        return Vector3.Max(q, Vector3.Zero).Length() + MathF.Min(MathF.Max(q.X, MathF.Max(q.Y, q.Z)), 0f);
    }

    // The same box component by component with MathF.
    [Differentiable]
    public static float BoxScalar(float px, float py, float pz, float half)
    {
        float qx = MathF.Abs(px) - half, qy = MathF.Abs(py) - half * 0.5f, qz = MathF.Abs(pz) - half * 2f;
        float ox = MathF.Max(qx, 0f), oy = MathF.Max(qy, 0f), oz = MathF.Max(qz, 0f);
        return MathF.Sqrt(ox * ox + oy * oy + oz * oz) + MathF.Min(MathF.Max(qx, MathF.Max(qy, qz)), 0f);
    }

    [Differentiable]
    public static float Capsule(Vector3 p, Vector3 a, float r)
    {
        Vector3 b = new Vector3(1f, 2f, 0.5f);
        Vector3 pa = p - a, ba = b - a;
        float h = Math.Clamp(Vector3.Dot(pa, ba) / Vector3.Dot(ba, ba), 0f, 1f);
        return (pa - ba * h).Length() - r;
    }

    // A scene over scalars: the Vector3 SDFs above are judged through it (methods taking structs are judged by callers).
    [Differentiable]
    public static float SceneAt(float x, float y, float z, float r)
    {
        var p = new Vector3(x, y, z);
        float s = Sphere(p, r);
        float b = Box(p - new Vector3(1.5f, 0f, 0f), new Vector3(0.5f, 0.7f, 0.9f));
        float c = Capsule(p, new Vector3(-1f, 0.2f, 0.1f), 0.3f * r);
        return MathF.Min(s, MathF.Min(b, c)) + 0.1f * (s + b + c);
    }

    [Differentiable]
    public static double Torus(double px, double py, double pz, double major, double minor)
    {
        double qx = Math.Sqrt(px * px + pz * pz) - major;
        return Math.Sqrt(qx * qx + py * py) - minor;
    }

    // Polynomial smooth minimum of two spheres.
    [Differentiable]
    public static double SmoothUnion(double x, double y, double k)
    {
        double a = Math.Sqrt(x * x + y * y) - 1.0;
        double b = Math.Sqrt((x - 1.5) * (x - 1.5) + y * y) - 0.7;
        double h = Math.Max(k - Math.Abs(a - b), 0.0) / k;
        return Math.Min(a, b) - h * h * k * 0.25;
    }

    private static readonly double[] PolyX = { 0.0, 2.0, 2.5, 0.5 };
    private static readonly double[] PolyY = { 0.0, 0.0, 1.5, 2.0 };

    // Signed distance to a polygon: the minimum distance to its edges, the sign by a crossing count.
    [Differentiable]
    public static double Polygon(double px, double py)
    {
        double best = double.MaxValue;
        bool inside = false;
        for (int i = 0, j = PolyX.Length - 1; i < PolyX.Length; j = i++)
        {
            double ex = PolyX[j] - PolyX[i], ey = PolyY[j] - PolyY[i];
            double wx = px - PolyX[i], wy = py - PolyY[i];
            double t = Math.Clamp((wx * ex + wy * ey) / (ex * ex + ey * ey), 0.0, 1.0);
            double dx = wx - ex * t, dy = wy - ey * t;
            best = Math.Min(best, dx * dx + dy * dy);
            if ((PolyY[i] > py) != (PolyY[j] > py) && px < ex * (py - PolyY[i]) / ey + PolyX[i]) inside = !inside;
        }

        return (inside ? -1.0 : 1.0) * Math.Sqrt(best);
    }

    // Sphere tracing a scene of a sphere and a ground plane; the hit distance, early return inside the loop.
    [Differentiable]
    public static double SphereTrace(double radius, double height)
    {
        double t = 0.0;
        const double Dy = -0.3, Dz = 1.0;
        double norm = Math.Sqrt(Dy * Dy + Dz * Dz);
        for (int i = 0; i < 200; i++)
        {
            double y = 1.0 + t * Dy / norm, z = t * Dz / norm;
            double sphere = Math.Sqrt(y * y + (z - 4.0) * (z - 4.0)) - radius;
            double plane = y + height;
            double d = Math.Min(sphere, plane);
            if (d < 1e-9) return t;
            t += d;
        }

        return t;
    }

    // A scene chosen by material id with a switch expression over an int, float.
    [Differentiable]
    public static float Scene(float x, float y, int m)
    {
        float d = m switch
        {
            0 => MathF.Sqrt(x * x + y * y) - 1f,
            1 or 2 => MathF.Max(MathF.Abs(x), MathF.Abs(y)) - 0.8f,
            _ => MathF.Abs(MathF.Sqrt(x * x + y * y) - 1f) - 0.1f,
        };
        return d * d + 0.1f * d;
    }
}

public static partial class Robotics13
{
    private static readonly double[] LinkLengths = { 1.0, 0.8, 0.5 };

    // Planar three-link arm: cumulative angles, squared distance of the hand from a target.
    [Differentiable]
    public static double PlanarReach(double[] q)
    {
        double x = 0, y = 0, phi = 0;
        for (int i = 0; i < LinkLengths.Length; i++)
        {
            phi += q[i];
            x += LinkLengths[i] * Math.Cos(phi);
            y += LinkLengths[i] * Math.Sin(phi);
        }

        return (x - 1.2) * (x - 1.2) + (y - 0.9) * (y - 0.9);
    }

    public readonly struct Quat
    {
        public Quat(double w, double x, double y, double z)
        {
            W = w;
            X = x;
            Y = y;
            Z = z;
        }

        public double W { get; }

        public double X { get; }

        public double Y { get; }

        public double Z { get; }

        public static Quat operator *(Quat a, Quat b) => new Quat(
            a.W * b.W - a.X * b.X - a.Y * b.Y - a.Z * b.Z,
            a.W * b.X + a.X * b.W + a.Y * b.Z - a.Z * b.Y,
            a.W * b.Y - a.X * b.Z + a.Y * b.W + a.Z * b.X,
            a.W * b.Z + a.X * b.Y - a.Y * b.X + a.Z * b.W);

        public Quat Conjugate() => new Quat(W, -X, -Y, -Z);
    }

    // A user quaternion (readonly struct with an operator): two joints about z and x, a point rotated by q p q*.
    [Differentiable]
    public static double QuatArm(double yaw, double pitch)
    {
        var qz = new Quat(Math.Cos(yaw / 2), 0, 0, Math.Sin(yaw / 2));
        var qx = new Quat(Math.Cos(pitch / 2), Math.Sin(pitch / 2), 0, 0);
        Quat q = qz * qx;
        var p = new Quat(0, 1.0, 0.5, 0.2);
        Quat r = q * p * q.Conjugate();
        return r.X + 2 * r.Y + 3 * r.Z;
    }

    // System.Numerics.Quaternion: rotate a link by an axis-angle joint.
    [Differentiable]
    public static float QuaternionJoint(float angle)
    {
        var q = Quaternion.CreateFromAxisAngle(Vector3.UnitZ, angle);
        Vector3 tip = Vector3.Transform(new Vector3(1f, 0f, 0f), q);
        return tip.X + 2f * tip.Y;
    }

    // System.Numerics.Matrix3x2: a two-link planar arm by composing rotations and translations.
    [Differentiable]
    public static float Matrix3x2Arm(float a1, float a2)
    {
        Matrix3x2 m = Matrix3x2.CreateRotation(a2) * Matrix3x2.CreateTranslation(1f, 0f) * Matrix3x2.CreateRotation(a1);
        Vector2 tip = Vector2.Transform(new Vector2(0.8f, 0f), m);
        return tip.X * tip.X + tip.Y;
    }

    // Differential-drive odometry: unicycle model integrated over a wheel-speed schedule.
    [Differentiable(Forward = true)]
    public static double Odometry(double v, double omega)
    {
        double x = 0, y = 0, th = 0;
        const double Dt = 0.1;
        for (int i = 0; i < 20; i++)
        {
            double scale = i < 10 ? 1.0 : 0.5;
            x += v * scale * Math.Cos(th) * Dt;
            y += v * scale * Math.Sin(th) * Dt;
            th += omega * Dt;
        }

        return Math.Sqrt(x * x + y * y) + 0.1 * th;
    }

    // Denavit–Hartenberg parameters in static readonly tables; the hand's height for a 3-joint arm, 3x3 rotations kept
    // as local 2-D arrays multiplied joint by joint.
    private static readonly double[] DhA = { 0.0, 0.5, 0.4 };
    private static readonly double[] DhAlpha = { Math.PI / 2, 0.0, 0.0 };
    private static readonly double[] DhD = { 0.3, 0.0, 0.0 };

    [Differentiable]
    public static double DhHeight(double[] theta)
    {
        var r = new double[3, 3] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };
        double px = 0, py = 0, pz = 0;
        for (int j = 0; j < 3; j++)
        {
            double ct = Math.Cos(theta[j]), st = Math.Sin(theta[j]);
            double ca = Math.Cos(DhAlpha[j]), sa = Math.Sin(DhAlpha[j]);
            var t = new double[3, 3] { { ct, -st * ca, st * sa }, { st, ct * ca, -ct * sa }, { 0, sa, ca } };
            double lx = DhA[j] * ct, ly = DhA[j] * st, lz = DhD[j];
            px += r[0, 0] * lx + r[0, 1] * ly + r[0, 2] * lz;
            py += r[1, 0] * lx + r[1, 1] * ly + r[1, 2] * lz;
            pz += r[2, 0] * lx + r[2, 1] * ly + r[2, 2] * lz;
            var n = new double[3, 3];
            for (int a = 0; a < 3; a++)
                for (int b = 0; b < 3; b++)
                    for (int c = 0; c < 3; c++)
                        n[a, b] += r[a, c] * t[c, b];
            r = n;
        }

        return pz + 0.1 * px * py;
    }
}

public static partial class Idioms13
{
    // checked and unchecked blocks next to real arithmetic: a step count from the input, a hashed table index.
    private static readonly double[] Noise = { 0.13, -0.42, 0.27, 0.91, -0.66, 0.05, 0.38, -0.2 };

    [Differentiable]
    public static double CheckedSteps(double x)
    {
        int steps;
        checked
        {
            steps = (int)Math.Floor(x * 2) + 3;
        }

        double s = 0.0;
        for (int i = 0; i < steps; i++)
        {
            int h;
            unchecked
            {
                h = (int)(((uint)i * 2654435761u) >> 29);
            }

            s += Noise[h] * x + x * x / steps;
        }

        return s;
    }

    // A goto out of nested ifs to a cleanup label, as ported C code does.
    [Differentiable]
    public static double GotoCleanup(double x, double y)
    {
        double r = x * y;
        if (x > 0.5)
        {
            r += Math.Sin(x);
            if (y > 1.0) goto done;
            r *= y;
        }

        r -= 0.25 * x;
    done:
        return r * r;
    }

    // Nested local functions, the inner capturing both the method's local and the outer's parameter.
    [Differentiable]
    public static double NestedCapture(double x, double y)
    {
        double scale = x * y;
        double Outer(double t)
        {
            double offset = t * 0.5;
            double Inner(double u) => u * scale + offset;
            return Inner(t) * Inner(scale);
        }

        return Outer(x) + Outer(y);
    }

    // A plain helper taking `in double`.
    [Differentiable]
    public static double InScalar(double x, double y) => Weighted(in x, y) + x;

    private static double Weighted(in double a, double b) => a * a * b;

    // Gauss–Legendre quadrature with static readonly nodes and weights: ∫_0^b exp(-a t²) dt.
    private static readonly double[] GlNodes = { -0.9061798459386640, -0.5384693101056831, 0.0, 0.5384693101056831, 0.9061798459386640 };
    private static readonly double[] GlWeights = { 0.2369268850561891, 0.4786286704993665, 0.5688888888888889, 0.4786286704993665, 0.2369268850561891 };

    [Differentiable(Hessian = true)]
    public static double GaussLegendre(double a, double b)
    {
        double s = 0.0;
        for (int i = 0; i < GlNodes.Length; i++)
        {
            double t = 0.5 * b * (GlNodes[i] + 1.0);
            s += GlWeights[i] * Math.Exp(-a * t * t);
        }

        return 0.5 * b * s;
    }

    // The "const array" idiom: a static property returning a ReadOnlySpan<double> over a literal.
    private static ReadOnlySpan<double> Horner => new double[] { 1.0, -0.5, 0.25, -0.125, 0.0625 };

    [Differentiable]
    public static double HornerConst(double x)
    {
        ReadOnlySpan<double> c = Horner;
        double r = 0.0;
        for (int i = c.Length - 1; i >= 0; i--) r = r * x + c[i];
        return r;
    }

    // A ReadOnlySpan<double> made from `new double[] { … }` inside the method, with the input among its elements.
    [Differentiable]
    public static double SpanWithInput(double x, double y)
    {
        ReadOnlySpan<double> w = new double[] { 0.5, x, y * y, 2.0 };
        double s = 0.0;
        for (int i = 0; i < w.Length; i++) s += w[i] * (i + 1);
        return s * x;
    }

    // Bisection to bracket the root, then one Newton polish so the root carries its derivative (x³ + x = c).
    [Differentiable]
    public static double BisectThenNewton(double c)
    {
        double lo = -10.0, hi = 10.0;
        for (int i = 0; i < 60; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (mid * mid * mid + mid > c) hi = mid;
            else lo = mid;
        }

        double x = 0.5 * (lo + hi);
        return x - (x * x * x + x - c) / (3 * x * x + 1);
    }

    // First index where a running product passes a threshold: early return of a value computed in the loop.
    [Differentiable]
    public static double FirstOver(double[] a, double threshold)
    {
        double prod = 1.0;
        for (int i = 0; i < a.Length; i++)
        {
            prod *= 1.0 + a[i] * a[i];
            if (prod > threshold) return prod - threshold + i;
        }

        return -prod;
    }

    // A switch statement on a relational/and pattern of a computed value, each section with its own formula.
    [Differentiable]
    public static double PiecewiseSwitch(double x, double y)
    {
        double r = x * y;
        switch (r)
        {
            case < 0.5:
                return r * r;
            case >= 0.5 and < 2.0:
                return 0.25 + (r - 0.5) * x;
            case >= 2.0 when y > 1.0:
                return Math.Log(r) * y;
            default:
                return Math.Sqrt(r) + x;
        }
    }

    // A not pattern and a property pattern on a Vector2.
    [Differentiable]
    public static float PatternVector(float x, float y)
    {
        var v = new Vector2(x, y);
        return v switch
        {
            { X: > 1f, Y: not < 0f } => v.Length(),
            { X: <= 1f } => v.X * v.Y,
            _ => v.LengthSquared(),
        };
    }

    // An in readonly struct parameter of a [Differentiable] method and its computed property.
    public readonly struct Segment
    {
        public Segment(double ax, double ay, double bx, double by)
        {
            Ax = ax;
            Ay = ay;
            Bx = bx;
            By = by;
        }

        public double Ax { get; }

        public double Ay { get; }

        public double Bx { get; }

        public double By { get; }

        public double Length => Math.Sqrt((Bx - Ax) * (Bx - Ax) + (By - Ay) * (By - Ay));
    }

    [Differentiable]
    public static double SegmentLength(double x, double y)
    {
        var s = new Segment(0.0, 0.0, x, y);
        return Perimeter(in s) + s.Length;
    }

    private static double Perimeter(in Segment s) => 2.0 * s.Length + Math.Abs(s.Bx - s.Ax);

    // Float everywhere: a tiny MLP layer with MathF.Tanh and a float[] weight vector.
    [Differentiable]
    public static float FloatMlp(float[] w, float x)
    {
        float h1 = MathF.Tanh(w[0] * x + w[1]);
        float h2 = MathF.Tanh(w[2] * x - w[1]);
        return w[3] * h1 + w[4] * h2;
    }

    // A local function that returns early from inside its loop (the caller's loop continues).
    [Differentiable]
    public static double LocalEarlyReturn(double x)
    {
        double FirstTerm(double v)
        {
            double t = v;
            for (int i = 0; i < 10; i++)
            {
                t = t * 0.7 + 0.1;
                if (t < 0.5) return t * v;
            }

            return t;
        }

        double s = 0.0;
        for (int k = 1; k <= 3; k++) s += FirstTerm(x * k);
        return s;
    }

    // A while(true) loop left by break, then a goto past a correction.
    [Differentiable]
    public static double WhileTrueGoto(double x)
    {
        double y = x;
        int n = 0;
        while (true)
        {
            y = Math.Sqrt(y + 1.0);
            if (++n >= 6) break;
        }

        if (y > 1.5) goto skip;
        y = 2.0 * y - 1.5;
    skip:
        return y * x;
    }

    // A Forward-mode method whose body uses a tuple swap and a compound assignment in a loop.
    [Differentiable(Forward = true)]
    public static double FibLike(double a, double b)
    {
        for (int i = 0; i < 6; i++) (a, b) = (b, a + 0.5 * b);
        return a * b;
    }

    // Both modes on a float softmax cross-entropy of a three-way score.
    [Differentiable(Forward = true, Hessian = true)]
    public static double SoftmaxCe(double s0, double s1, double s2)
    {
        double m = Math.Max(s0, Math.Max(s1, s2));
        double z = Math.Exp(s0 - m) + Math.Exp(s1 - m) + Math.Exp(s2 - m);
        return -(s1 - m - Math.Log(z));
    }

    // An unchecked integer hash choosing which of two formulas applies (a constant choice).
    [Differentiable]
    public static double HashedBranch(double x, int seed)
    {
        int h = unchecked(seed * 31 + 17) & 3;
        return h switch
        {
            0 or 1 => x * x,
            2 => Math.Sin(x),
            _ => x + 1.0,
        };
    }

    // A local array filled by a nested local function that captures the array and a parameter.
    [Differentiable]
    public static double CaptureArray(double x)
    {
        var buf = new double[4];
        void Fill(int i) => buf[i] = Math.Pow(x, i + 1) / (i + 1);
        for (int i = 0; i < buf.Length; i++) Fill(i);
        return buf.Sum();
    }
}
