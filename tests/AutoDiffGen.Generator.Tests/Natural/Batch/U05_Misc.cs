using AutoDiffGen;

namespace Users.Misc;

public static partial class TestFunctions
{
    const double A = 10.0;

    [Differentiable]
    public static double Rastrigin(double[] x)
    {
        double sum = A * x.Length;
        for (int i = 0; i < x.Length; i++)
            sum += x[i] * x[i] - A * Math.Cos(2 * Math.PI * x[i]);
        return sum;
    }

    [Differentiable]
    public static double Ackley(double[] x)
    {
        int d = x.Length;
        double s1 = 0, s2 = 0;
        foreach (var xi in x) { s1 += xi * xi; s2 += Math.Cos(2 * Math.PI * xi); }
        return -20 * Math.Exp(-0.2 * Math.Sqrt(s1 / d)) - Math.Exp(s2 / d) + 20 + Math.E;
    }

    [Differentiable] public static double Beale(double x, double y) =>
        Math.Pow(1.5 - x + x * y, 2) + Math.Pow(2.25 - x + x * y * y, 2) + Math.Pow(2.625 - x + x * y * y * y, 2);

    [Differentiable] public static double Himmelblau(double x, double y) => Math.Pow(x * x + y - 11, 2) + Math.Pow(x + y * y - 7, 2);

    [Differentiable]
    public static double Rosenbrock(params double[] x)
    {
        double f = 0;
        for (int i = 0; i < x.Length - 1; i++)
            f += 100 * Math.Pow(x[i + 1] - x[i] * x[i], 2) + Math.Pow(1 - x[i], 2);
        return f;
    }

    [Differentiable]
    public static double Styblinski(double[] x) => x.Sum(v => Math.Pow(v, 4) - 16 * v * v + 5 * v) / 2;

    [Differentiable]
    public static double Sphere(double[] x) => x.Select(v => v * v).Sum();
}

public static partial class Graphics
{
    [Differentiable]
    public static double SmoothStep(double edge0, double edge1, double x)
    {
        double t = Math.Clamp((x - edge0) / (edge1 - edge0), 0.0, 1.0);
        return t * t * (3 - 2 * t);
    }

    [Differentiable] public static double Lerp(double a, double b, double t) => a + (b - a) * t;

    [Differentiable]
    public static double Falloff(double distance, double radius)
    {
        if (distance >= radius) return 0;
        double t = 1 - distance / radius;
        return t * t;
    }

    [Differentiable]
    public static double Angle(double x, double y) => Math.Atan2(y, x) * 180 / Math.PI;

    [Differentiable]
    public static double Library(double x, double y) =>
        Math.FusedMultiplyAdd(x, y, 1.0) + Math.Cbrt(x) + Math.Log2(y) + Math.Asinh(x) + Math.ScaleB(y, 2) + Math.Log(x, 3) + Math.Log10(y);

    [Differentiable]
    public static double InRange(double x) => x is >= 0 and < 1 ? x * x : x is < 0 ? -x : 1.0;

    [Differentiable]
    public static double Wrapped(double angle)
    {
        double a = angle % (2 * Math.PI);
        if (a < 0) a += 2 * Math.PI;
        return Math.Sin(a) * a;
    }
}

public static partial class Horner
{
    static readonly double[] Coeffs = { 1.0, -0.5, 0.25, -0.125 };

    [Differentiable]
    public static double Eval(double x)
    {
        double r = 0;
        for (int i = Coeffs.Length - 1; i >= 0; i--) r = r * x + Coeffs[i];
        return r;
    }

    [Differentiable]
    public static double EvalArray(double[] c, double x)
    {
        double r = 0;
        for (int i = c.Length - 1; i >= 0; i--) r = r * x + c[i];
        return r;
    }
}

public static partial class Iterations
{
    [Differentiable]
    public static double NewtonSqrt(double a)
    {
        double y = a > 1 ? a : 1.0;
        double prev;
        do
        {
            prev = y;
            y = 0.5 * (y + a / y);
        } while (Math.Abs(y - prev) > 1e-14 * y);
        return y;
    }

    [Differentiable]
    public static double FixedSteps(double a)
    {
        double y = 1.0;
        for (int i = 0; i < 30; i++) y = 0.5 * (y + a / y);
        return y;
    }

    [Differentiable]
    public static double LocalFunction(double x, double y)
    {
        double Sq(double v) => v * v;
        static double Cube(double v) => v * v * v;
        return Sq(x) + Cube(y) + Sq(x * y);
    }

    [Differentiable]
    public static double Guarded(double x)
    {
        if (!double.IsFinite(x)) return double.NaN;
        if (double.IsNaN(x)) throw new ArgumentException($"bad {x}", nameof(x));
        return Math.Exp(-x * x);
    }

    [Differentiable]
    public static double IntegerSteps(double x, int n)
    {
        double sum = 0;
        for (int k = 1; k <= n; k++)
        {
            sum += Math.Cos(2 * Math.PI * k / n * x) / k;
        }
        return sum * (1.0 / n);
    }

    [Differentiable]
    public static double Truncation(double x) => (int)(x * 10) / 10.0 + x;

    [Differentiable]
    public static double MinMaxChain(double a, double b, double c) => Math.Min(Math.Max(a, b), c) + Math.Max(Math.Min(a, c), b * 0.5);
}

public static partial class Interp
{
    static readonly double[] Knots = { 0, 1, 2, 4, 8 };

    [Differentiable]
    public static double Linear(double t, double[] values)
    {
        int i = Array.BinarySearch(Knots, t);
        if (i >= 0) return values[i];
        i = ~i;
        if (i == 0) return values[0];
        if (i >= Knots.Length) return values[Knots.Length - 1];
        double w = (t - Knots[i - 1]) / (Knots[i] - Knots[i - 1]);
        return values[i - 1] * (1 - w) + values[i] * w;
    }
}

public enum Kind { Call, Put }

public static partial class Payoffs
{
    const Kind Default = Kind.Put;

    [Differentiable]
    public static double Payoff(double spot, double strike)
    {
        return Default switch
        {
            Kind.Call => Math.Max(spot - strike, 0),
            Kind.Put => Math.Max(strike - spot, 0),
            _ => throw new InvalidOperationException(),
        };
    }

    [Differentiable]
    public static double Digital(double spot, double strike, bool isCall)
    {
        double smooth = 1 / (1 + Math.Exp(-(spot - strike) * 10));
        return isCall ? smooth : 1 - smooth;
    }
}
