using AutoDiffGen;
using System.Numerics;
using System.Diagnostics;

namespace Users.Hunt7;

public static partial class DoubleExt
{
    [Differentiable]
    public static double Squared(this double x) => x * x;
    [Differentiable]
    public static double Cubed(this double x) => x * x * x;
}

public readonly record struct Pt(double X, double Y)
{
    public static Pt operator +(Pt a, Pt b) => new(a.X + b.X, a.Y + b.Y);
    public static Pt operator *(double s, Pt a) => new(s * a.X, s * a.Y);
    public double Norm2 => X * X + Y * Y;
}

public enum Kind { Linear, Quadratic, Cubic }

public static partial class Idioms
{
    const double Half = 0.5;
    static readonly double[] Weights = { 0.2, 0.3, 0.5 };

    [Differentiable]
    public static double Extension(double x, double y) => x.Squared() + y.Cubed() - (x * y).Squared();

    [Differentiable]
    public static double SwitchExpr(double x, int kind) => (Kind)(kind % 3) switch
    {
        Kind.Linear => 2 * x,
        Kind.Quadratic => x * x,
        _ => x * x * x,
    };

    [Differentiable]
    public static double PatternRanges(double x) => x switch
    {
        < -1 => -1 - 0.1 * (x + 1),
        > 1 => 1 + 0.1 * (x - 1),
        _ => x,
    };

    [Differentiable]
    public static double Clamped(double x, double lo, double hi) => Math.Clamp(x * x, lo, hi) + lo * hi;

    [Differentiable]
    public static double WithRecord(double a, double b)
    {
        var p = new Pt(a, b);
        var q = p with { Y = b * b };
        var r = p + 2.0 * q;
        return r.Norm2;
    }

    [Differentiable]
    public static double ParamsLike(double x) => Poly(x, 1.0, -2.0, 3.0);

    [Differentiable]
    static double Poly(double x, params double[] c)
    {
        double s = 0;
        for (int i = c.Length - 1; i >= 0; i--) s = s * x + c[i];
        return s;
    }

    [Differentiable]
    public static double DefaultArgs(double x, double scale = 2.0) => scale * Math.Sin(x);

    [Differentiable]
    public static double NamedArgs(double x, double y) => DefaultArgs(scale: y, x: x) + Math.Atan2(y: x, x: y);

    [Differentiable]
    public static double OutVar(double x)
    {
        Split(x, out var a, out double b);
        return a * b;
    }

    [Differentiable]
    static void Split(double x, out double hi, out double lo)
    {
        hi = Math.Floor(x);
        lo = x - hi;
    }

    [Differentiable]
    public static double GuardedByThrow(double x, double y)
    {
        if (double.IsNaN(x)) throw new ArgumentException($"x is {x}", nameof(x));
        ArgumentOutOfRangeException.ThrowIfNegative(y);
        Debug.Assert(y >= 0);
        return Math.Sqrt(y) * x;
    }

    [Differentiable]
    public static double ConstsAndStatics(double x)
    {
        double s = 0;
        for (int i = 0; i < Weights.Length; i++) s += Weights[i] * Math.Pow(x, i + 1);
        return Half * s;
    }

    [Differentiable]
    public static double FusedOps(double a, double b, double c) => Math.FusedMultiplyAdd(a, b, c) + Math.ScaleB(a, 3) + Math.Cbrt(b * b + 1);

    [Differentiable]
    public static float FloatMath(float x, float y) => MathF.Sqrt(x * x + y * y) + MathF.Exp(-x) * MathF.Cos(y);

    [Differentiable]
    public static double StackSpan(double x, double y)
    {
        Span<double> buf = stackalloc double[3];
        buf[0] = x; buf[1] = y; buf[2] = x * y;
        double s = 0;
        foreach (var v in buf) s += v * v;
        return s;
    }

    [Differentiable]
    public static double TupleLoop(double x)
    {
        (double a, double b) = (x, 1.0);
        for (int i = 0; i < 5; i++) (a, b) = (a * b + 0.1, a - b);
        return a + b;
    }

    [Differentiable]
    public static double Ternaries(double x, double y) => x > y ? (x > 0 ? x * y : -x) : (y > 0 ? y * y : x + y);

    [Differentiable]
    public static double IsPattern(double x, int n) => Tag(n) is string s && s.Length > 2 ? x * s.Length : x * x;

    [Differentiable]
    public static double Vec3Physics(double vx, double vy, double vz)
    {
        var v = new Vector3((float)vx, (float)vy, (float)vz);
        var g = new Vector3(0, -9.81f, 0);
        var p = Vector3.Zero;
        for (int i = 0; i < 10; i++)
        {
            v += 0.01f * (g - 0.1f * v.Length() * v);
            p += 0.01f * v;
        }
        return p.X + p.Y;
    }

    [Differentiable]
    public static double ComplexMag(double re, double im)
    {
        var z = new Complex(re, im);
        var w = z * z + Complex.One;
        return Complex.Abs(w) + w.Real;
    }

    [Differentiable]
    public static double ZipPairs(double[] a, double[] b) => a.Zip(b, (p, q) => (p - q) * (p - q)).Sum();

    [Differentiable]
    public static double ForeachTuple(double x)
    {
        var pairs = new (double W, double C)[] { (1.0, 0.5), (2.0, -0.5) };
        double s = 0;
        foreach (var (w, c) in pairs) s += w * Math.Exp(c * x);
        return s;
    }

    [Differentiable]
    public static double WhileNewton(double a)
    {
        double x = a;
        int it = 0;
        while (Math.Abs(x * x - a) > 1e-12 && it++ < 50) x = 0.5 * (x + a / x);
        return x;
    }

    [Differentiable]
    public static double LocalStatic(double x)
    {
        static double Soft(double v) => Math.Log(1 + Math.Exp(v));
        return Soft(x) - Soft(-x);
    }

    static object Tag(int n) => n > 2 ? "abcd" : (object)n;

    [Differentiable]
    static double InParam(double x, in Pt p) => x * p.X + p.Y;

    [Differentiable]
    public static double CallsInParam(double x, double y) => InParam(x, new Pt(y, x * y));

    [Differentiable]
    public static double CheckedCast(double x)
    {
        int n = checked((int)Math.Floor(x));
        return x * n + Math.Sin(x);
    }

    [Differentiable]
    public static double MinMaxBy(double[] xs) => xs.Max() - xs.Min() + xs.Average();

    [Differentiable]
    public static double CompoundOps(double x)
    {
        double s = x;
        s *= 3; s -= x * x; s /= 2; s += Math.Sqrt(x);
        return s;
    }

    [Differentiable]
    public static double IntDivision(double x, int n)
    {
        int half = n / 2;
        double r = 0;
        for (int i = 0; i < n; i++) r += (i < half ? 1 : -1) * x * i;
        return r;
    }

    [Differentiable]
    public static double ArrayOfArrays(double x)
    {
        double[][] m = { new[] { x, 1.0 }, new[] { 2.0, x * x } };
        return m[0][0] * m[1][1] - m[0][1] * m[1][0];
    }

    [Differentiable]
    public static double Matrix2D(double[,] a, double[] v)
    {
        double s = 0;
        for (int i = 0; i < a.GetLength(0); i++)
        {
            double row = 0;
            for (int j = 0; j < a.GetLength(1); j++) row += a[i, j] * v[j];
            s += row * row;
        }
        return s;
    }

    [Differentiable]
    public static double RefLocal(double[] xs)
    {
        ref double first = ref xs[0];
        double t = first * 2;
        return t + xs[1] * first;
    }

    [Differentiable]
    public static double Interp(double x)
    {
        double[] xs = { 0, 1, 2, 3 };
        double[] ys = { 0, 1, 4, 9 };
        int i = Array.BinarySearch(xs, x);
        if (i < 0) i = ~i - 1;
        i = Math.Clamp(i, 0, xs.Length - 2);
        double t = (x - xs[i]) / (xs[i + 1] - xs[i]);
        return ys[i] + t * (ys[i + 1] - ys[i]);
    }

    [Differentiable]
    public static double Softmax3(double a, double b, double c)
    {
        double m = Math.Max(a, Math.Max(b, c));
        double ea = Math.Exp(a - m), eb = Math.Exp(b - m), ec = Math.Exp(c - m);
        return ea / (ea + eb + ec);
    }

    [Differentiable]
    public static double LogSumExpLinq(double[] xs)
    {
        double m = xs.Max();
        return m + Math.Log(xs.Sum(v => Math.Exp(v - m)));
    }

    [Differentiable]
    public static double NullableLocal(double x, double y) { double? z = y > 0 ? y : null; return z.HasValue ? x * z.Value : x; }

    [Differentiable]
    public static double LoopWithContinue(double[] xs)
    {
        double s = 0;
        foreach (var v in xs)
        {
            if (v < 0) continue;
            if (v > 10) break;
            s += Math.Sqrt(v);
        }
        return s;
    }
}
