using AutoDiffGen;

namespace Users.Api;

public static partial class Arrays
{
    [Differentiable]
    public static double MedianOfCopy(double[] x)
    {
        var c = (double[])x.Clone();
        Array.Sort(c);
        return c[c.Length / 2];
    }

    [Differentiable]
    public static double SortedWeighted(double[] x)
    {
        var c = x.ToArray();
        Array.Sort(c);
        double s = 0;
        for (int i = 0; i < c.Length; i++) s += c[i] * (i + 1);
        return s;
    }

    [Differentiable]
    public static double ReversedDot(double[] x)
    {
        var r = new double[x.Length];
        Array.Copy(x, r, x.Length);
        Array.Reverse(r);
        double s = 0;
        for (int i = 0; i < x.Length; i++) s += r[i] * x[i];
        return s;
    }

    [Differentiable]
    public static double CopyToAndScale(double[] x, double k)
    {
        var y = new double[x.Length];
        x.CopyTo(y, 0);
        for (int i = 0; i < y.Length; i++) y[i] *= k;
        return y.Sum();
    }

    [Differentiable]
    public static double Filled(double x)
    {
        var buf = new double[4];
        Array.Fill(buf, x);
        buf[1] *= 2;
        return buf.Sum();
    }

    [Differentiable] public static double Product(double[] x) => x.Aggregate(1.0, (acc, v) => acc * v);
    [Differentiable] public static double Smallest(double[] x) => x.Min() + x.OrderBy(v => v).First();
    [Differentiable] public static double Ranged(double[] x) => Enumerable.Range(0, x.Length).Select(i => x[i] * i).Sum();
    [Differentiable] public static double MeanSquare(double[] x) => x.Average(v => v * v);

    [Differentiable]
    public static double StdDev(double[] x)
    {
        double mean = x.Average();
        return Math.Sqrt(x.Select(v => (v - mean) * (v - mean)).Average());
    }

    [Differentiable]
    public static double BestOf(double[] x)
    {
        double best = double.MaxValue;
        foreach (var v in x) if (v * v < best) best = v * v;
        return best;
    }

    [Differentiable]
    public static double ByLength(double[] x) => x.Length switch
    {
        0 => 0.0,
        1 => x[0],
        _ => x[0] * x[1],
    };

    [Differentiable]
    public static double FirstAbove(double[] x, double threshold)
    {
        for (int i = 0; i < x.Length; i++)
        {
            for (int j = 0; j < x.Length; j++)
            {
                if (x[i] * x[j] > threshold) return x[i] * x[j] - threshold;
            }
        }
        return 0;
    }
}

public static partial class MathApi
{
    [Differentiable] public static double CopySign(double x, double y) => Math.CopySign(x * x, y) + x;
    [Differentiable] public static double MaxMagnitude(double x, double y) => Math.MaxMagnitude(x, y) + Math.MinMagnitude(x, y) * 2;
    [Differentiable] public static double Hypot(double x, double y) => double.Hypot(x, y);
    [Differentiable] public static double Lerp(double a, double b, double t) => double.Lerp(a, b, t);
    [Differentiable] public static double Generic(double x) => double.Sin(x) * double.Exp(x) + double.Sqrt(x + 4) + double.Pow(x, 3) + double.Abs(x);
    [Differentiable] public static double GenericMore(double x) => double.ExpM1(x) + double.LogP1(x + 1) + double.SinPi(x) + double.Cosh(x) + double.Exp2(x) + double.Exp10(x);
    [Differentiable] public static double RootN(double x) => double.RootN(x + 5, 3) + double.Cbrt(x);
    [Differentiable] public static double ClampMax(double x, double y) => double.Clamp(x, -1, 1) + double.Max(x, y) + double.Min(x, y) + double.MaxNumber(x, y);
    [Differentiable] public static double Atan2Pi(double x, double y) => double.Atan2Pi(y, x) + double.Atan2(y, x);
    [Differentiable] public static double RoundAway(double x) => Math.Round(x, MidpointRounding.AwayFromZero) + Math.Truncate(x) + Math.Ceiling(x) * x;
    [Differentiable] public static float Single(float x, float y) => MathF.Atan2(y, x) + MathF.Pow(x, y) + float.Hypot(x, y);
    [Differentiable] public static double IntPow(double x, int n) => Math.Pow(x, n) + Math.Pow(2, x);
    [Differentiable] public static double Bitwise(double x) => Math.BitIncrement(x) - x;
    [Differentiable] public static double Ieee(double x, double y) => Math.IEEERemainder(x, y) + Math.Log(Math.E * x);
    [Differentiable] public static double SinCos(double x) { var (s, c) = Math.SinCos(x); return s * c; }
    [Differentiable] public static double Logs(double x) => Math.ILogB(x) + Math.Log(x) + double.Log2(x) + double.LogP1(x);
    [Differentiable] public static double Reciprocal(double x) => Math.ReciprocalSqrtEstimate(x) * 0 + 1 / Math.Sqrt(x);
}

public static partial class Helpers
{
    [Differentiable]
    public static void SinCos(double a, out double s, out double c)
    {
        s = Math.Sin(a);
        c = Math.Cos(a);
    }

    [Differentiable]
    public static double UsesOut(double a)
    {
        SinCos(a, out var s, out var c);
        return s * s - c;
    }

    [Differentiable]
    public static double Huber(double residual, double delta = 1.0) => Math.Abs(residual) switch
    {
        var a when a <= delta => 0.5 * residual * residual,
        _ => delta * (Math.Abs(residual) - 0.5 * delta),
    };

    [Differentiable]
    public static double Spans(double[] x)
    {
        ReadOnlySpan<double> s = x.AsSpan(1, 3);
        double t = 0;
        foreach (var v in s) t += v * v;
        return t;
    }

    [Differentiable]
    public static double LongCounter(double x)
    {
        long n = 0;
        double y = x;
        while (y < 100 && n < 50) { y *= 1.5; n++; }
        return y / n;
    }

    [Differentiable]
    public static double Checked(double x, int k)
    {
        int m = checked(k * 2);
        int half = m / 2;
        return x * m + half;
    }
}
