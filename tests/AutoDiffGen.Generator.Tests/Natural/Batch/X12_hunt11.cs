using System.Numerics;
using AutoDiffGen;

namespace Users.Hunt11;

// hunt11 (2026-12-04): numerical code as people write it, aimed at the first rule: comparisons of a value with itself after
// inlining, Math.CopySign in Hessian mode, constants built from Complex and Vector2/3 operators, plus everyday finance,
// physics, ML, statistics, geometry and optimisation.

public readonly record struct Quote(double Spot, double Vol);

public static partial class Pricing11
{
    // Abramowitz–Stegun 7.1.26, a private helper as people paste it.
    private static double Erf(double x)
    {
        double sign = Math.Sign(x);
        x = Math.Abs(x);
        double t = 1.0 / (1.0 + 0.3275911 * x);
        double y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-x * x);
        return sign * y;
    }

    private static double Cdf(double x) => 0.5 * (1.0 + Erf(x / Math.Sqrt(2.0)));

    [Differentiable]
    public static double BlackScholesCall(double spot, double strike, double rate, double vol, double years)
    {
        double sq = vol * Math.Sqrt(years);
        double d1 = (Math.Log(spot / strike) + (rate + 0.5 * vol * vol) * years) / sq;
        double d2 = d1 - sq;
        return spot * Cdf(d1) - strike * Math.Exp(-rate * years) * Cdf(d2);
    }

    [Differentiable]
    public static double BlackScholesPut(double spot, double strike, double rate, double vol, double years)
    {
        double sq = vol * Math.Sqrt(years);
        double d1 = (Math.Log(spot / strike) + (rate + 0.5 * vol * vol) * years) / sq;
        double d2 = d1 - sq;
        return strike * Math.Exp(-rate * years) * Cdf(-d2) - spot * Cdf(-d1);
    }

    [Differentiable]
    public static double BondPrice(double yield, double coupon, int periods)
    {
        double price = 0;
        for (int t = 1; t <= periods; t++) price += coupon / Math.Pow(1 + yield, t);
        return price + 100.0 / Math.Pow(1 + yield, periods);
    }

    [Differentiable]
    public static double MacaulayDuration(double yield, double coupon)
    {
        double weighted = 0, price = 0;
        for (int t = 1; t <= 5; t++)
        {
            double cash = t == 5 ? coupon + 100 : coupon;
            double pv = cash * Math.Exp(-yield * t);
            weighted += t * pv;
            price += pv;
        }
        return weighted / price;
    }

    [Differentiable]
    public static double Annuity(double rate, double payment) => payment * (1 - Math.Pow(1 + rate, -12)) / rate;

    [Differentiable]
    public static double QuoteValue(Quote q, double strike) => Math.Max(q.Spot - strike, 0) + 0.4 * q.Vol * q.Spot;

    [Differentiable]
    public static double BinomialTree(double spot, double up, double rate)
    {
        double down = 1 / up;
        double p = (1 + rate - down) / (up - down);
        var values = new double[4];
        for (int i = 0; i < 4; i++) values[i] = Math.Max(spot * Math.Pow(up, i) * Math.Pow(down, 3 - i) - 1.0, 0.0);
        for (int step = 3; step > 0; step--)
            for (int i = 0; i < step; i++) values[i] = (p * values[i + 1] + (1 - p) * values[i]) / (1 + rate);
        return values[0];
    }

    // The same helpers marked [Differentiable] (Erf reassigns its parameter and branches on Math.Sign).
    [Differentiable]
    private static double ErfD(double x)
    {
        double sign = Math.Sign(x);
        x = Math.Abs(x);
        double t = 1.0 / (1.0 + 0.3275911 * x);
        double y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-x * x);
        return sign * y;
    }

    [Differentiable]
    private static double CdfD(double x) => 0.5 * (1.0 + ErfD(x / Math.Sqrt(2.0)));

    [Differentiable(Forward = true)]
    public static double BlackScholesMarked(double spot, double strike, double rate, double vol, double years)
    {
        double sq = vol * Math.Sqrt(years);
        double d1 = (Math.Log(spot / strike) + (rate + 0.5 * vol * vol) * years) / sq;
        return spot * CdfD(d1) - strike * Math.Exp(-rate * years) * CdfD(d1 - sq);
    }

    [Differentiable(Hessian = true)]
    public static double SignedPayoff(double x, double y) => Math.CopySign(x * x, y - x) + y * x;

    [Differentiable(Hessian = true)]
    public static double SignedSpread(double spot, double strike) => Math.CopySign(spot - strike, strike - 0.5) * spot;
}

public static partial class Motion11
{
    [Differentiable]
    public static double SpringEnergy(double k, double x, double v, double m) => 0.5 * k * x * x + 0.5 * m * v * v;

    [Differentiable]
    public static double DampedOscillator(double k, double c)
    {
        double x = 1, v = 0, dt = 0.01;
        for (int i = 0; i < 50; i++)
        {
            double a = -k * x - c * v;
            v += a * dt;
            x += v * dt;
        }
        return x;
    }

    [Differentiable]
    public static double Verlet(double g, double drag)
    {
        double y = 10, yPrev = 10, dt = 0.05;
        for (int i = 0; i < 20; i++)
        {
            double acc = -g - drag * (y - yPrev) / dt;
            double next = 2 * y - yPrev + acc * dt * dt;
            yPrev = y;
            y = next;
        }
        return y;
    }

    [Differentiable]
    public static double ProjectileRange(double speed, double angle)
    {
        var v = new Vector2((float)(speed * Math.Cos(angle)), (float)(speed * Math.Sin(angle)));
        double t = 2 * v.Y / 9.81;
        return v.X * t;
    }

    [Differentiable]
    public static float Kinetic(Vector3 velocity, float mass) => 0.5f * mass * velocity.LengthSquared();

    [Differentiable]
    public static float Gravity2(Vector2 a, Vector2 b)
    {
        Vector2 d = b - a;
        return 1f / (d.Length() + 0.1f);
    }

    [Differentiable]
    public static float ScaledStep(Vector2 p, float h)
    {
        Vector2 step = Vector2.One * 2f;
        Vector2 next = p + step * h;
        return Vector2.Dot(next, next);
    }

    [Differentiable]
    public static float Torque(Vector3 r, Vector3 f) => Vector3.Cross(r, f).Length();

    [Differentiable]
    public static float UnitZ(Vector3 p) => Vector3.Dot(p, Vector3.UnitZ * 3f + new Vector3(1f, 0f, 0f));

    [Differentiable(Forward = true)]
    public static double Pendulum(double theta0, double length)
    {
        double theta = theta0, omega = 0, dt = 0.02;
        for (int i = 0; i < 25; i++)
        {
            omega -= 9.81 / length * Math.Sin(theta) * dt;
            theta += omega * dt;
        }
        return theta;
    }

    [Differentiable]
    public static double RungeKutta(double k, double y0)
    {
        double F(double y) => -k * y * y;
        double y = y0, h = 0.1;
        for (int i = 0; i < 10; i++)
        {
            double k1 = F(y), k2 = F(y + h / 2 * k1), k3 = F(y + h / 2 * k2), k4 = F(y + h * k3);
            y += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
        }
        return y;
    }
}

public static partial class Learn11
{
    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    [Differentiable]
    public static double LogisticLoss(double[] w, double b)
    {
        double[,] x = { { 0.5, 1.0 }, { -1.0, 0.3 }, { 0.2, -0.7 } };
        int[] y = { 1, 0, 1 };
        double loss = 0;
        for (int i = 0; i < 3; i++)
        {
            double p = Sigmoid(w[0] * x[i, 0] + w[1] * x[i, 1] + b);
            loss -= y[i] == 1 ? Math.Log(p) : Math.Log(1 - p);
        }
        return loss / 3;
    }

    [Differentiable]
    public static double Huber(double pred, double target)
    {
        double r = pred - target;
        return Math.Abs(r) <= 1.0 ? 0.5 * r * r : Math.Abs(r) - 0.5;
    }

    [Differentiable]
    public static double SoftmaxCrossEntropy(double[] logits, int label)
    {
        double max = logits.Max();
        double sum = logits.Sum(z => Math.Exp(z - max));
        return -(logits[label] - max - Math.Log(sum));
    }

    [Differentiable]
    public static double TwoLayer(double[] w1, double[] w2, double x)
    {
        double h0 = Math.Tanh(w1[0] * x + w1[1]);
        double h1 = Math.Tanh(w1[2] * x + w1[3]);
        return w2[0] * h0 + w2[1] * h1;
    }

    [Differentiable]
    public static double MatrixLayer(double[,] w, double[] x)
    {
        double total = 0;
        for (int i = 0; i < w.GetLength(0); i++)
        {
            double z = 0;
            for (int j = 0; j < w.GetLength(1); j++) z += w[i, j] * x[j];
            total += z > 0 ? z : 0.01 * z;
        }
        return total;
    }

    [Differentiable]
    public static double Gelu(double x) => 0.5 * x * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));

    [Differentiable]
    public static double Swish(double x, double beta) => x / (1 + Math.Exp(-beta * x));

    [Differentiable]
    public static double Softplus(double x) => Math.Log(1 + Math.Exp(x));

    [Differentiable]
    public static double L2Regularised(double[] w, double lambda) => w.Select((v, i) => (v - i) * (v - i)).Sum() + lambda * w.Sum(v => v * v);

    [Differentiable]
    public static double Activation(double x, int kind) => kind switch
    {
        0 => Math.Max(0, x),
        1 => Math.Tanh(x),
        2 => 1 / (1 + Math.Exp(-x)),
        _ => x,
    };

    [Differentiable]
    public static double LeakyPair(double x)
    {
        double Leaky(double a, double b) => a >= b ? a : 0.1 * b;
        return Leaky(x, x) + Leaky(x * x, x);
    }

    [Differentiable(Hessian = true)]
    public static double SelfMax(double x, double y)
    {
        double Larger(double a, double b) => a > b ? a : b;
        return Larger(x, x) * y + Larger(y, x);
    }

    [Differentiable(Forward = true)]
    public static double Cosine(double[] a, double[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.Length; i++) { dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i]; }
        return dot / Math.Sqrt(na * nb);
    }

    [Differentiable]
    public static double AdamStep(double w, double grad)
    {
        double m = 0, v = 0;
        for (int t = 1; t <= 3; t++)
        {
            m = 0.9 * m + 0.1 * grad * w;
            v = 0.999 * v + 0.001 * grad * grad * w * w;
            double mHat = m / (1 - Math.Pow(0.9, t)), vHat = v / (1 - Math.Pow(0.999, t));
            w -= 0.01 * mHat / (Math.Sqrt(vHat) + 1e-8);
        }
        return w;
    }
}

public static partial class Stats11
{
    [Differentiable]
    public static double Mean(double[] xs) => xs.Average();

    [Differentiable]
    public static double Variance(double[] xs)
    {
        double mean = xs.Average();
        return xs.Sum(x => (x - mean) * (x - mean)) / (xs.Length - 1);
    }

    [Differentiable]
    public static double Skewness(double[] xs)
    {
        double n = xs.Length, mean = 0;
        foreach (var x in xs) mean += x / n;
        double m2 = 0, m3 = 0;
        foreach (var x in xs) { double d = x - mean; m2 += d * d / n; m3 += d * d * d / n; }
        return m3 / Math.Pow(m2, 1.5);
    }

    [Differentiable]
    public static double LogSumExp(double[] xs)
    {
        double m = double.NegativeInfinity;
        foreach (var x in xs) m = Math.Max(m, x);
        double s = 0;
        foreach (var x in xs) s += Math.Exp(x - m);
        return m + Math.Log(s);
    }

    [Differentiable]
    public static double GaussianLogLikelihood(double mu, double sigma)
    {
        double[] data = { 0.3, 1.1, -0.4, 0.9 };
        double ll = 0;
        foreach (var x in data) ll += -0.5 * Math.Log(2 * Math.PI * sigma * sigma) - (x - mu) * (x - mu) / (2 * sigma * sigma);
        return ll;
    }

    [Differentiable]
    public static double Correlation(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Length; i++) { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) * (x[i] - mx); syy += (y[i] - my) * (y[i] - my); }
        return sxy / Math.Sqrt(sxx * syy);
    }

    [Differentiable]
    public static double Ewma(double[] xs, double alpha)
    {
        double s = xs[0];
        for (int i = 1; i < xs.Length; i++) s = alpha * xs[i] + (1 - alpha) * s;
        return s;
    }

    [Differentiable]
    public static double WeightedMean(double[] xs, double[] ws) => xs.Zip(ws, (x, w) => x * w).Sum() / ws.Sum();

    [Differentiable]
    public static double Kurtosis((double A, double B) p)
    {
        var (a, b) = p;
        return (a * a * a * a + b * b * b * b) / ((a * a + b * b) * (a * a + b * b)) * 2;
    }

    [Differentiable]
    public static double MinMaxRange(double a, double b, double c) => Math.Max(a, Math.Max(b, c)) - Math.Min(a, Math.Min(b, c));

    [Differentiable]
    public static double SameClamp(double x)
    {
        double Clip(double v, double lo) => v < lo ? lo : v;
        return Clip(x, x) * x;
    }

    [Differentiable]
    public static double EqualWeights(double x, double y)
    {
        static double Blend(double a, double b, double w) => a == b ? a : w * a + (1 - w) * b;
        return Blend(x, x, 0.3) + Blend(x, y, 0.25);
    }
}

public static partial class Shapes11
{
    public record Circle(double Radius);

    [Differentiable]
    public static double TriangleArea(double ax, double ay, double bx, double by, double cx, double cy) =>
        0.5 * Math.Abs((bx - ax) * (cy - ay) - (cx - ax) * (by - ay));

    [Differentiable]
    public static double PolygonPerimeter(double[] xs, double[] ys)
    {
        double p = 0;
        for (int i = 0; i < xs.Length; i++)
        {
            int j = (i + 1) % xs.Length;
            p += Math.Sqrt((xs[j] - xs[i]) * (xs[j] - xs[i]) + (ys[j] - ys[i]) * (ys[j] - ys[i]));
        }
        return p;
    }

    [Differentiable]
    public static double CircleArea(double r) => new Circle(r) is var c ? Math.PI * c.Radius * c.Radius : 0;

    [Differentiable]
    public static double AngleBetween(double ax, double ay, double bx, double by) => Math.Atan2(ax * by - ay * bx, ax * bx + ay * by);

    [Differentiable]
    public static double PointToLine(double px, double py, double slope) => Math.Abs(slope * px - py) / Math.Sqrt(slope * slope + 1);

    [Differentiable]
    public static double SphereVolume(double r) => 4.0 / 3.0 * Math.PI * Math.Pow(r, 3);

    [Differentiable]
    public static double ComplexConstant(double x)
    {
        Complex k = new Complex(2, 0) * new Complex(0, 1);
        return x * k.Imaginary + x * x * k.Real;
    }

    [Differentiable]
    public static double ComplexScale(double x)
    {
        Complex z = new Complex(x, 1) * (new Complex(1, 1) + Complex.One);
        return z.Magnitude;
    }

    [Differentiable]
    public static double ComplexConstantMagnitude(double x) => x * Complex.Abs(new Complex(3, 0) - new Complex(0, 4));

    [Differentiable]
    public static float VectorConstant(float x)
    {
        Vector2 k = Vector2.One * 2f + new Vector2(1f, -1f);
        return k.X * x + k.Y * x * x;
    }

    [Differentiable]
    public static float Vector3Constant(float x)
    {
        Vector3 k = Vector3.Normalize(new Vector3(3f, 0f, 4f)) * 10f;
        return k.Z * x + k.Length();
    }
}

public static partial class Optim11
{
    [Differentiable(Hessian = true)]
    public static double Rosenbrock(double x, double y) => (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);

    [Differentiable(Hessian = true)]
    public static double Himmelblau(double x, double y) => Math.Pow(x * x + y - 11, 2) + Math.Pow(x + y * y - 7, 2);

    [Differentiable]
    public static double Rastrigin(double[] x) => 10 * x.Length + x.Sum(v => v * v - 10 * Math.Cos(2 * Math.PI * v));

    [Differentiable]
    public static double Ackley(double x, double y) =>
        -20 * Math.Exp(-0.2 * Math.Sqrt(0.5 * (x * x + y * y))) - Math.Exp(0.5 * (Math.Cos(2 * Math.PI * x) + Math.Cos(2 * Math.PI * y))) + Math.E + 20;

    [Differentiable(Hessian = true)]
    public static double Booth(double x, double y) => (x + 2 * y - 7) * (x + 2 * y - 7) + (2 * x + y - 5) * (2 * x + y - 5);

    [Differentiable]
    public static double Beale(double x, double y) =>
        Math.Pow(1.5 - x + x * y, 2) + Math.Pow(2.25 - x + x * y * y, 2) + Math.Pow(2.625 - x + x * y * y * y, 2);

    [Differentiable]
    public static double StyblinskiTang(double[] x)
    {
        double s = 0;
        foreach (var v in x) s += Math.Pow(v, 4) - 16 * v * v + 5 * v;
        return s / 2;
    }

    [Differentiable]
    public static double GradientDescent(double lr, double start)
    {
        double x = start;
        for (int i = 0; i < 10; i++) x -= lr * 2 * (x - 3);
        return (x - 3) * (x - 3);
    }

    [Differentiable]
    public static double Penalty(double x, double y)
    {
        double g = x + y - 1;
        return x * x + y * y + 10 * (g > 0 ? g * g : 0);
    }

    [Differentiable(Forward = true, Hessian = true)]
    public static double CopySignForward(double x, double y) => Math.CopySign(x, y) * x + Math.CopySign(y * y, x - 2);
}

public static partial class Generic11
{
    private static T Square<T>(T x) where T : INumber<T> => x * x;

    private static T Poly<T>(T x) where T : IFloatingPoint<T> => T.CreateChecked(3) * x * x - x + T.One;

    [Differentiable]
    public static double UsesSquare(double x) => Square(x) + Square(x + 1);

    [Differentiable]
    public static double UsesPoly(double x) => Poly(x) * 2;

    [Differentiable]
    public static double HypotRoot(double x, double y) => double.Hypot(x, y) + double.RootN(x * x + 1, 3);

    [Differentiable]
    public static float FloatGeneric(float x) => float.Exp(x) * float.Sin(x);
}

public static partial class Shapes11Tuples
{
    private static (double Sum, double Product) Both(double a, double b) => (a + b, a * b);

    private static void Split(double v, out double whole, out double rest) { whole = v * 0.5; rest = v - whole; }

    private static void Bump(ref double v, double by) => v += by * v;

    [Differentiable]
    public static double TupleHelper(double x, double y)
    {
        var (s, p) = Both(x, y);
        return s * p;
    }

    [Differentiable]
    public static double OutHelper(double x)
    {
        Split(x * x, out var a, out var b);
        return a * b + a;
    }

    [Differentiable]
    public static double RefHelper(double x)
    {
        double v = x;
        Bump(ref v, 0.5);
        Bump(ref v, x);
        return v;
    }

    [Differentiable]
    public static double SwapSort(double a, double b, double c)
    {
        if (a > b) (a, b) = (b, a);
        if (b > c) (b, c) = (c, b);
        if (a > b) (a, b) = (b, a);
        return a + 2 * b + 3 * c;
    }

    [Differentiable]
    public static double TupleArrayLoop(double x)
    {
        var pts = new (double W, double V)[] { (1, x), (2, x * x), (0.5, Math.Sin(x)) };
        double s = 0;
        foreach (var (w, v) in pts) s += w * v;
        return s;
    }

    [Differentiable]
    public static double SwitchOnRange(double x) => x switch
    {
        < 0.5 => x * x,
        < 1.5 => 2 * x - 0.25,
        _ => Math.Log(x) + 2.75,
    };

    [Differentiable]
    public static double LocalRecursion(double x)
    {
        double Power(double b, int n) => n == 0 ? 1 : b * Power(b, n - 1);
        return Power(x, 4) - Power(x, 2);
    }

    [Differentiable]
    public static double LinqChain(double[] xs) => xs.Where(v => v > 0).Select(v => Math.Sqrt(v)).Aggregate(0.0, (a, v) => a + v * v);

    [Differentiable]
    public static double JaggedSum(double[][] rows)
    {
        double s = 0;
        foreach (var row in rows) for (int j = 0; j < row.Length; j++) s += row[j] * row[j] * (j + 1);
        return s;
    }

    [Differentiable]
    public static double SelfCompareInt(double x, int n)
    {
        double Pick(int a, int b, double v) => a != b ? v : v * v;
        return Pick(n, n, x) + x;
    }

    [Differentiable]
    public static double SelfCompareLambda(double x)
    {
        Func<double, double, double> smaller = (a, b) => a <= b ? a : b;
        return smaller(x, x) * smaller(x, 2 * x);
    }
}
