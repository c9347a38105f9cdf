using AutoDiffGen;
using System.Numerics;

namespace Users.Hunt4;

public static partial class Pricing
{
    static double NormCdf(double x)
    {
        // Abramowitz-Stegun 7.1.26
        double t = 1.0 / (1.0 + 0.2316419 * Math.Abs(x));
        double d = 0.3989423 * Math.Exp(-x * x / 2);
        double p = d * t * (0.3193815 + t * (-0.3565638 + t * (1.781478 + t * (-1.821256 + t * 1.330274))));
        return x >= 0 ? 1 - p : p;
    }

    [Differentiable]
    public static double Call(double s, double k, double r, double sigma, double t)
    {
        double d1 = (Math.Log(s / k) + (r + 0.5 * sigma * sigma) * t) / (sigma * Math.Sqrt(t));
        double d2 = d1 - sigma * Math.Sqrt(t);
        return s * Cdf(d1) - k * Math.Exp(-r * t) * Cdf(d2);
    }

    [Differentiable]
    public static double Cdf(double x)
    {
        double t = 1.0 / (1.0 + 0.2316419 * Math.Abs(x));
        double d = 0.3989423 * Math.Exp(-x * x / 2);
        double p = d * t * (0.3193815 + t * (-0.3565638 + t * (1.781478 + t * (-1.821256 + t * 1.330274))));
        return x >= 0 ? 1 - p : p;
    }

    [Differentiable]
    public static double Bond(double y, double coupon, int years)
    {
        return Enumerable.Range(1, years).Sum(t => coupon / Math.Pow(1 + y, t)) + 100 / Math.Pow(1 + y, years);
    }

    [Differentiable]
    public static double Sharpe(double[] returns)
    {
        double mean = returns.Average();
        double sd = Math.Sqrt(returns.Select(r => (r - mean) * (r - mean)).Sum() / (returns.Length - 1));
        return mean / sd;
    }

    [Differentiable]
    public static double PortfolioVariance(double[] w, [NoDiff] double[,] cov)
    {
        int n = w.Length;
        double v = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                v += w[i] * cov[i, j] * w[j];
        return v;
    }

    [Differentiable]
    public static double AsianMc(double s0, double sigma, int paths, int steps)
    {
        var rng = new Random(42);
        double dt = 1.0 / steps, total = 0;
        for (int p = 0; p < paths; p++)
        {
            double s = s0, avg = 0;
            for (int i = 0; i < steps; i++)
            {
                double z = rng.NextDouble() * 2 - 1;
                s *= Math.Exp(-0.5 * sigma * sigma * dt + sigma * Math.Sqrt(dt) * z);
                avg += s;
            }
            avg /= steps;
            total += Math.Max(avg - 100, 0);
        }
        return total / paths;
    }

    [Differentiable]
    public static double Annuity(double rate, int n, double pmt = 1.0)
    {
        if (rate == 0) return pmt * n;
        return pmt * (1 - Math.Pow(1 + rate, -n)) / rate;
    }
}

public static partial class Learn
{
    [Differentiable]
    public static double SoftmaxCe(double[] logits, int label)
    {
        Span<double> e = stackalloc double[logits.Length];
        double max = logits.Max();
        double sum = 0;
        for (int i = 0; i < logits.Length; i++) { e[i] = Math.Exp(logits[i] - max); sum += e[i]; }
        return -Math.Log(e[label] / sum);
    }

    [Differentiable]
    public static double Huber(double[] pred, double[] y, double delta)
    {
        double loss = 0;
        for (int i = 0; i < pred.Length; i++)
        {
            double r = Math.Abs(pred[i] - y[i]);
            loss += r switch
            {
                var a when a <= delta => 0.5 * a * a,
                _ => delta * (r - 0.5 * delta),
            };
        }
        return loss / pred.Length;
    }

    [Differentiable]
    public static double KMeansLoss(double[] xs, double[] centers)
    {
        double loss = 0;
        foreach (var x in xs)
        {
            double best = double.MaxValue;
            foreach (var c in centers) best = Math.Min(best, (x - c) * (x - c));
            loss += best;
        }
        return loss;
    }

    [Differentiable]
    public static double Ridge(double[] w, double[][] X, double[] y, double lambda)
    {
        double loss = 0;
        for (int i = 0; i < X.Length; i++)
        {
            double pred = 0;
            for (int j = 0; j < w.Length; j++) pred += X[i][j] * w[j];
            loss += (pred - y[i]) * (pred - y[i]);
        }
        return loss / X.Length + lambda * w.Sum(v => v * v);
    }

    [Differentiable]
    public static double BatchNormOut(double[] xs, double gamma, double beta)
    {
        double mean = xs.Average();
        double var = xs.Sum(x => (x - mean) * (x - mean)) / xs.Length;
        double inv = 1.0 / Math.Sqrt(var + 1e-5);
        double o = 0;
        for (int i = 0; i < xs.Length; i++)
        {
            double y = gamma * (xs[i] - mean) * inv + beta;
            o += y * y * (i + 1);
        }
        return o;
    }

    [Differentiable]
    public static double Attention(double[] q, double[,] K, double[,] V)
    {
        int n = K.GetLength(0), d = K.GetLength(1);
        var scores = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            for (int j = 0; j < d; j++) s += q[j] * K[i, j];
            scores[i] = s / Math.Sqrt(d);
        }
        double m = scores.Max();
        double z = 0;
        for (int i = 0; i < n; i++) { scores[i] = Math.Exp(scores[i] - m); z += scores[i]; }
        double outSum = 0;
        for (int j = 0; j < d; j++)
        {
            double o = 0;
            for (int i = 0; i < n; i++) o += scores[i] / z * V[i, j];
            outSum += o * o;
        }
        return outSum;
    }

    [Differentiable]
    public static double Bce(double[] p, double[] y)
    {
        double l = 0;
        for (int i = 0; i < p.Length; i++)
        {
            double pi = Math.Clamp(p[i], 1e-12, 1 - 1e-12);
            l -= y[i] * Math.Log(pi) + (1 - y[i]) * Math.Log(1 - pi);
        }
        return l / p.Length;
    }
}

public static partial class Physics
{
    [Differentiable]
    public static double SpringEnergy(double x0, double v0, double k, int steps)
    {
        double x = x0, v = v0, dt = 0.01;
        for (int i = 0; i < steps; i++)
            (x, v) = (x + v * dt, v - k * x * dt);
        return 0.5 * v * v + 0.5 * k * x * x;
    }

    [Differentiable]
    public static double Pendulum(double theta0, double g, double len)
    {
        (double, double) Deriv(double th, double om) => (om, -g / len * Math.Sin(th));
        double theta = theta0, omega = 0, h = 0.01;
        for (int i = 0; i < 100; i++)
        {
            var (a1, b1) = Deriv(theta, omega);
            var (a2, b2) = Deriv(theta + h / 2 * a1, omega + h / 2 * b1);
            var (a3, b3) = Deriv(theta + h / 2 * a2, omega + h / 2 * b2);
            var (a4, b4) = Deriv(theta + h * a3, omega + h * b3);
            theta += h / 6 * (a1 + 2 * a2 + 2 * a3 + a4);
            omega += h / 6 * (b1 + 2 * b2 + 2 * b3 + b4);
        }
        return theta;
    }

    [Differentiable]
    public static float RangeWithDrag(float speed, float angle, float drag)
    {
        var p = Vector2.Zero;
        var v = new Vector2(MathF.Cos(angle), MathF.Sin(angle)) * speed;
        var g = new Vector2(0, -9.81f);
        const float dt = 0.01f;
        for (int i = 0; i < 200; i++)
        {
            var a = g - drag * v.Length() * v;
            v += a * dt;
            p += v * dt;
        }
        return p.X;
    }

    [Differentiable]
    public static double OrbitEnergy(Vector3 r, Vector3 v, double mu)
    {
        return 0.5 * v.LengthSquared() - mu / r.Length();
    }

    [Differentiable]
    public static double Chain(double[] xs, double k)
    {
        double e = 0;
        for (int i = 1; i < xs.Length; i++)
        {
            double d = xs[i] - xs[i - 1] - 1.0;
            e += 0.5 * k * d * d;
        }
        return e;
    }
}

public static partial class Stats
{
    static readonly double[] Lanczos = { 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7 };

    [Differentiable]
    public static double LogGamma(double x)
    {
        x -= 1;
        double a = 0.99999999999980993;
        double t = x + 7.5;
        for (int i = 0; i < 8; i++) a += Lanczos[i] / (x + i + 1);
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(a);
    }

    [Differentiable]
    public static double StudentTLogPdf(double x, double nu)
    {
        return LogGamma((nu + 1) / 2) - LogGamma(nu / 2) - 0.5 * Math.Log(nu * Math.PI)
               - (nu + 1) / 2 * Math.Log(1 + x * x / nu);
    }

    [Differentiable]
    public static double KahanSum(double[] xs)
    {
        double sum = 0, c = 0;
        foreach (var x in xs)
        {
            double y = x - c;
            double t = sum + y;
            c = (t - sum) - y;
            sum = t;
        }
        return sum;
    }

    [Differentiable]
    public static double WelfordVariance(double[] xs)
    {
        double mean = 0, m2 = 0;
        int n = 0;
        foreach (var x in xs)
        {
            n++;
            double delta = x - mean;
            mean += delta / n;
            m2 += delta * (x - mean);
        }
        return n > 1 ? m2 / (n - 1) : 0;
    }

    [Differentiable]
    public static double NormalLogLik(double mu, double sigma, double[] data)
    {
        if (sigma <= 0) throw new ArgumentOutOfRangeException(nameof(sigma), $"sigma must be positive, got {sigma}");
        double ll = -data.Length * Math.Log(sigma * Math.Sqrt(2 * Math.PI));
        foreach (var x in data) ll -= (x - mu) * (x - mu) / (2 * sigma * sigma);
        return ll;
    }

    [Differentiable]
    public static double Correlation(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average();
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double da = a[i] - ma, db = b[i] - mb;
            sab += da * db; saa += da * da; sbb += db * db;
        }
        return sab / Math.Sqrt(saa * sbb);
    }

    [Differentiable]
    public static double LogSumExp(params double[] xs)
    {
        double m = double.NegativeInfinity;
        foreach (var x in xs) if (x > m) m = x;
        double s = 0;
        foreach (var x in xs) s += Math.Exp(x - m);
        return m + Math.Log(s);
    }

    [Differentiable]
    public static double Ewma(double[] xs, double alpha)
    {
        double s = xs[0];
        for (int i = 1; i < xs.Length; i++) s = alpha * xs[i] + (1 - alpha) * s;
        return s;
    }
}

public static partial class Misc
{
    [Differentiable]
    public static double Poly(double x, params double[] c)
    {
        double r = 0;
        for (int i = c.Length - 1; i >= 0; i--) r = r * x + c[i];
        return r;
    }

    [Differentiable]
    public static void Accumulate(ref double s, double v) => s += v * v;

    [Differentiable]
    public static double UseAccumulate(double a, double b)
    {
        double s = 0;
        Accumulate(ref s, a);
        Accumulate(ref s, b);
        return Math.Sqrt(s);
    }

    [Differentiable]
    public static double SinCosTuple(double x)
    {
        var (s, c) = Math.SinCos(x);
        return s * c + Math.Atan2(s, c);
    }

    [Differentiable]
    public static double NewerMath(double x, double y)
    {
        return double.Hypot(x, y) + Math.Cbrt(x) + Math.Log2(y) + Math.Log(x, 3) + Math.Asinh(x) + double.Lerp(x, y, 0.25)
               + Math.CopySign(x, y) + double.Exp2(y) + double.Exp10(x / 10) + double.RootN(y, 3);
    }

    [Differentiable]
    public static double Smoothstep(double e0, double e1, double x)
    {
        double t = Math.Clamp((x - e0) / (e1 - e0), 0.0, 1.0);
        return t * t * (3 - 2 * t);
    }

    [Differentiable]
    public static double Piecewise(double x) => x switch
    {
        < -1 => -1 - (x + 1) * (x + 1),
        > 1 => 1 + Math.Log(x),
        _ => x,
    };

    [Differentiable]
    public static double Named(double x, double y) => Weighted(w: 0.3, a: x, b: y);

    [Differentiable]
    public static double Weighted(double a, double b, double w = 0.5) => w * a + (1 - w) * b;

    [Differentiable]
    public static double OutHelper(double x)
    {
        Split(x, out var hi, out var lo);
        return hi * lo;
    }

    [Differentiable]
    public static void Split(double x, out double hi, out double lo)
    {
        hi = Math.Floor(x) + x * 0.5;
        lo = x - Math.Floor(x);
    }

    [Differentiable]
    public static double RoundTrip(double x)
    {
        int k = (int)Math.Round(x * 4, MidpointRounding.AwayFromZero);
        return x * x + k;
    }

    [Differentiable]
    public static double WhileDecay(double x, double rate)
    {
        int n = 10;
        double v = x;
        while (n-- > 0) v *= 1 - rate;
        return v;
    }

    [Differentiable]
    public static double Checked(double x, int n)
    {
        double s = 0;
        checked
        {
            for (int i = 0; i < n; i++) s += x / (i + 1);
        }
        return s;
    }

    [Differentiable]
    public static double NullCoalesce(double x, double[]? weights)
    {
        var w = weights ?? new[] { 1.0, 1.0 };
        return w[0] * x + w[1] * x * x;
    }

    [Differentiable]
    public static double StaticLocal(double x)
    {
        static double Sq(double v) => v * v;
        return Sq(x) + Sq(Sq(x));
    }

    [Differentiable]
    public static double TernaryChain(double x, double y) => x > y ? x * y : x < -y ? -x : y * y;

    [Differentiable]
    public static double CapturedLoop(double[] xs, double s)
    {
        double acc = 0;
        double Scale(double v) => v * s;
        for (int i = 0; i < xs.Length; i++) acc += Scale(xs[i]);
        return acc;
    }
}

public sealed partial class Model
{
    public double[] W { get; }
    public double B { get; set; }
    public Model(double[] w, double b) { W = w; B = b; }

    [Differentiable]
    public double Predict(double[] x)
    {
        double z = B;
        for (int i = 0; i < W.Length; i++) z += W[i] * x[i];
        return 1 / (1 + Math.Exp(-z));
    }
}

public record struct Body(Vector2 Pos, Vector2 Vel, float Mass);

public static partial class Games
{
    [Differentiable]
    public static float Reach(float a1, float a2, float l1, float l2, Vector2 target)
    {
        var elbow = new Vector2(MathF.Cos(a1), MathF.Sin(a1)) * l1;
        var hand = elbow + new Vector2(MathF.Cos(a1 + a2), MathF.Sin(a1 + a2)) * l2;
        return Vector2.DistanceSquared(hand, target);
    }

    [Differentiable]
    public static Body Step(Body b, float dt)
    {
        var acc = new Vector2(0, -9.81f) / b.Mass;
        return b with { Vel = b.Vel + acc * dt, Pos = b.Pos + b.Vel * dt };
    }

    [Differentiable]
    public static float Fly(Body b, int n)
    {
        for (int i = 0; i < n; i++) b = Step(b, 0.01f);
        return b.Pos.Y;
    }
}
