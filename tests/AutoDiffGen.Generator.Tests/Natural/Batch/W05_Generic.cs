using AutoDiffGen;
using System.Numerics;

namespace Users.Hunt5;

public static partial class G
{
    [Differentiable]
    public static T Sigmoid<T>(T x) where T : IFloatingPointIeee754<T> => T.One / (T.One + T.Exp(-x));

    [Differentiable]
    public static T Softplus<T>(T x) where T : IFloatingPointIeee754<T> =>
        x > T.CreateChecked(20) ? x : T.Log(T.One + T.Exp(x));

    [Differentiable]
    public static T Rosen<T>(T x, T y) where T : IFloatingPointIeee754<T>
    {
        T a = T.One - x;
        T b = y - x * x;
        return a * a + T.CreateChecked(100) * b * b;
    }

    [Differentiable]
    public static T Poly<T>(T x, int n) where T : IFloatingPointIeee754<T>
    {
        T acc = T.Zero;
        for (int i = n; i >= 0; i--) acc = acc * x + T.CreateChecked(i + 1);
        return acc;
    }

    [Differentiable]
    public static T Gauss<T>(T x, T mu, T sigma) where T : IFloatingPointIeee754<T>
    {
        T z = (x - mu) / sigma;
        return T.Exp(-z * z / T.CreateChecked(2)) / (sigma * T.Sqrt(T.CreateChecked(2) * T.Pi));
    }

    [Differentiable]
    public static T Huber<T>(T r, T delta) where T : IFloatingPointIeee754<T>
    {
        T a = T.Abs(r);
        return a <= delta ? T.CreateChecked(0.5) * a * a : delta * (a - T.CreateChecked(0.5) * delta);
    }

    [Differentiable]
    public static T Smooth<T>(T x, T y) where T : IFloatingPointIeee754<T> =>
        T.Hypot(x, y) + T.Atan2(y, x) + T.Max(x, y) * T.Min(x, y) + T.Clamp(x, -T.One, T.One);

    [Differentiable]
    public static T Fma<T>(T a, T b, T c) where T : IFloatingPointIeee754<T> => T.FusedMultiplyAdd(a, b, c) + T.Cbrt(a * a + T.One);

    [Differentiable]
    public static T Newton<T>(T x) where T : IFloatingPointIeee754<T>
    {
        // a fixed number of Newton steps for sqrt(x), as written
        T r = x;
        for (int i = 0; i < 6; i++) r = (r + x / r) / T.CreateChecked(2);
        return r;
    }

    [Differentiable]
    public static T Lerp3<T>(T a, T b, T t) where T : IFloatingPointIeee754<T> => a + (b - a) * t * t * (T.CreateChecked(3) - T.CreateChecked(2) * t);

    [Differentiable]
    public static T Logistic<T>(T w, T b, T x, T y) where T : IFloatingPointIeee754<T>
    {
        T p = Sigmoid(w * x + b);
        return -(y * T.Log(p) + (T.One - y) * T.Log(T.One - p));
    }

    [Differentiable]
    public static T PowMix<T>(T x, T y) where T : IFloatingPointIeee754<T> => T.Pow(x, y) + T.Pow(x, T.CreateChecked(3)) + T.Sqrt(x) * T.Log10(x) + T.Log2(y);

    [Differentiable]
    public static T TrigMix<T>(T x) where T : IFloatingPointIeee754<T> => T.Sin(x) * T.Cos(x) + T.Tan(x / T.CreateChecked(4)) + T.Sinh(x) - T.Tanh(x) + T.Asin(x / T.CreateChecked(3));
}

public static partial class UseG
{
    [Differentiable] public static double SigmoidD(double x) => G.Sigmoid(x);
    [Differentiable] public static float SigmoidF(float x) => G.Sigmoid(x);
    [Differentiable] public static double SoftplusD(double x) => G.Softplus(x);
    [Differentiable] public static double RosenD(double x, double y) => G.Rosen(x, y);
    [Differentiable] public static float RosenF(float x, float y) => G.Rosen(x, y);
    [Differentiable] public static double PolyD(double x) => G.Poly(x, 5);
    [Differentiable] public static double GaussD(double x, double mu, double sigma) => G.Gauss(x, mu, sigma);
    [Differentiable] public static double HuberD(double r, double delta) => G.Huber(r, delta);
    [Differentiable] public static double SmoothD(double x, double y) => G.Smooth(x, y);
    [Differentiable] public static double FmaD(double a, double b, double c) => G.Fma(a, b, c);
    [Differentiable] public static double NewtonD(double x) => G.Newton(x);
    [Differentiable] public static double Lerp3D(double a, double b, double t) => G.Lerp3(a, b, t);
    [Differentiable] public static double LogisticD(double w, double b, double x, double y) => G.Logistic(w, b, x, y);
    [Differentiable] public static float LogisticF(float w, float b, float x, float y) => G.Logistic(w, b, x, y);
    [Differentiable] public static double PowMixD(double x, double y) => G.PowMix(x, y);
    [Differentiable] public static double TrigMixD(double x) => G.TrigMix(x);
    [Differentiable] public static double Composite(double x, double y) => G.Rosen(G.Sigmoid(x), y) * G.Softplus(x * y) + G.Huber(x - y, 0.5);
    [Differentiable] public static double InLoop(double x, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++) s += G.Gauss(x, 0.1 * i, 1.0 + 0.1 * i);
        return s;
    }
}

public static partial class G2
{
    [Differentiable(Forward = true)]
    public static T Horner<T>(T x, int n, bool flip) where T : IFloatingPointIeee754<T>
    {
        T acc = T.Zero;
        for (int i = n; i >= 0; i--) acc = acc * x + T.CreateChecked(flip ? -i : i + 1);
        return acc;
    }

    [Differentiable(Forward = true)]
    public static T Caller<T>(T x, T y) where T : IFloatingPointIeee754<T> => Horner(x, 3, false) * y + Horner(y, 2, true);

    [Differentiable(Forward = true)]
    public static double CallerD(double x, double y) => Caller(x, y) + Horner(x * y, 4, true);

    [Differentiable(Forward = true)]
    public static float CallerF(float x, float y) => Caller(x, y) + Horner(x * y, 4, true);
}
