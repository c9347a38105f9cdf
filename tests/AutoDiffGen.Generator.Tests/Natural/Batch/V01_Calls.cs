using AutoDiffGen;

namespace Users.Calls;

public static partial class Ext
{
    [Differentiable] public static double Squared(this double x) => x * x;
    [Differentiable] public static double Scaled(double x, double factor = 2.0, double offset = 0.0) => x * factor + offset;
    [Differentiable] public static double Sum3(params double[] v) { double s = 0; foreach (var e in v) s += e; return s; }
    [Differentiable] public static double Pair(double x, double y) => x * x * y;
    [Differentiable] public static double Pair(double x) => Pair(x, 3.0);
    [Differentiable] public static double ByIn(in double x, double y) => x * y;

    [Differentiable]
    public static double Named(double a, double b) => Pair(y: a, x: b) + Scaled(offset: a, x: b) + Scaled(a, offset: b * b);

    [Differentiable] public static double Extension(double a, double b) => (a * b).Squared() + a.Squared();
    [Differentiable] public static double ParamsCall(double a, double b) => Sum3(a, b * b, a * b) + Sum3(a);
    [Differentiable] public static double Overloads(double a) => Pair(a) + Pair(a, a);
    [Differentiable] public static double InCall(double a, double b) => ByIn(a, b) + ByIn(in b, a);

    [Differentiable] public static double Power(double x, int n) => n == 0 ? 1.0 : x * Power(x, n - 1);

    [Differentiable]
    public static double Fib(double x, int n)
    {
        double a = 0, b = 1;
        for (int i = 0; i < n; i++) (a, b) = (b, a + b * x);
        return b;
    }

    [Differentiable]
    public static double Swap(double x, double y)
    {
        for (int i = 0; i < 3; i++)
        {
            (x, y) = (y, x * 0.5 + y);
        }
        return x * y;
    }

    [Differentiable]
    public static double IndexByValue(double x, double[] a) => a[(int)Math.Clamp(x, 0, a.Length - 1)] * x;

    [Differentiable]
    public static double WriteParam(double[] x)
    {
        x[0] += 1;
        x[1] *= x[0];
        return x[0] * x[1] + x[2];
    }

    [Differentiable]
    public static double RefElement(double[] x)
    {
        ref double first = ref x[0];
        double s = first * first;
        for (int i = 1; i < x.Length; i++) s += x[i] * first;
        return s;
    }

    [Differentiable]
    public static double SelectToArray(double[] x)
    {
        var sq = x.Select(v => v * v).ToArray();
        return sq[0] + sq[1] * sq[2];
    }

    [Differentiable]
    public static double WhereAbove(double[] x)
    {
        double mean = x.Average();
        return x.Where(v => v > mean).Sum() - mean;
    }

    [Differentiable]
    public static double TryCatch(double x)
    {
        try
        {
            return Math.Log(x);
        }
        catch (ArithmeticException)
        {
            return 0;
        }
    }

    [Differentiable]
    public static double SwitchStatement(double x)
    {
        double r;
        switch (x)
        {
            case < 0:
                r = -x;
                break;
            case var v when v > 10:
                r = 10 + Math.Log(v - 9);
                break;
            default:
                r = x * x / 10;
                break;
        }
        return r;
    }

    [Differentiable]
    public static double ChainedAssign(double x, double y)
    {
        double a, b;
        a = b = x * y;
        a += b *= 2;
        return a * b;
    }

    [Differentiable]
    public static double PostIncrementIndex(double[] x)
    {
        int i = 0;
        double s = x[i++] * 2;
        s += x[i++] * x[i];
        return s;
    }

    [Differentiable]
    public static double Jagged(double x, double y)
    {
        var m = new double[2][];
        m[0] = new[] { x, y };
        m[1] = new[] { y, x * y };
        return m[0][0] * m[1][1] + m[0][1] * m[1][0];
    }

    [Differentiable]
    public static double Matrix2(double x, double y)
    {
        var m = new double[2, 2] { { x, y }, { y, x } };
        double det = m[0, 0] * m[1, 1] - m[0, 1] * m[1, 0];
        return det;
    }

    [Differentiable]
    public static double LoopBreakInSwitch(double x, int n)
    {
        double s = 0;
        for (int i = 0; i < 10; i++)
        {
            switch (i % 3)
            {
                case 0: s += x; break;
                case 1: s *= x; continue;
                default: s -= 1; break;
            }
            if (s > 1e6) break;
        }
        return s + n;
    }

    [Differentiable]
    public static double Goto(double x)
    {
        int k = 0;
    again:
        x = x * 0.5 + 1;
        if (++k < 4) goto again;
        return x;
    }
}

public partial class Model
{
    public double Scale = 2.0;
    public static double Shared = 0.5;
    private readonly double[] _weights = { 0.3, -0.2, 0.7 };

    [Differentiable] public double Predict(double x) => Scale * x + Shared;

    [Differentiable]
    public double Score(double[] features)
    {
        double s = 0;
        for (int i = 0; i < _weights.Length && i < features.Length; i++) s += _weights[i] * features[i];
        return Math.Tanh(s * Scale);
    }

    [Differentiable] public double Both(double x) => Predict(x) * Score(new[] { x, x * x, 1.0 });
}

public partial struct Vec2
{
    public double X, Y;
    public Vec2(double x, double y) { X = x; Y = y; }
    public readonly double Length => Math.Sqrt(X * X + Y * Y);
    public static Vec2 operator +(Vec2 a, Vec2 b) => new Vec2(a.X + b.X, a.Y + b.Y);
    public static Vec2 operator *(double k, Vec2 a) => new Vec2(k * a.X, k * a.Y);

    [Differentiable(WithRespectToThis = true)] public readonly double Dot(Vec2 o) => X * o.X + Y * o.Y;
}

public static partial class Vectors
{
    [Differentiable]
    public static double Energy(double x, double y, double k)
    {
        var p = new Vec2(x, y);
        var q = p + k * new Vec2(1, -1);
        return q.Length + p.Dot(q);
    }
}

public static partial class Modes
{
    [Differentiable(Forward = true, Hessian = true)]
    public static double Rosen(double x, double y) => 100 * Math.Pow(y - x * x, 2) + Math.Pow(1 - x, 2);

    [Differentiable(Forward = true, Hessian = true)]
    public static double Loop(double[] x)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (x[i] > 0) s += Math.Exp(-x[i]) * x[i];
            else s -= x[i] * x[i];
        }
        return s;
    }

    [Differentiable(Forward = true, Hessian = true)]
    public static double CallsHelper(double a, double b) => Ext.Pair(a, b) + Ext.Squared(a) + Math.Max(a, b);

    [Differentiable(Forward = true, Hessian = true)]
    public static double WithLinq(double[] x) => x.Sum(v => v * v) + x.Max();

    [Differentiable(Forward = true, Hessian = true)]
    public static double Switching(double x) => x switch { < 0 => -x * x, > 2 => Math.Log(x), _ => x * 0.5 };

    [Differentiable(Jacobian = true)]
    public static (double, double) Polar(double x, double y) => (Math.Sqrt(x * x + y * y), Math.Atan2(y, x));

    [Differentiable]
    public static double UsesPolar(double x, double y)
    {
        var (r, theta) = Polar(x, y);
        return r * Math.Cos(2 * theta);
    }
}
