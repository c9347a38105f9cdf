using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.GenericMath;

/// <summary>
/// Generic-math methods (<c>T M&lt;T&gt;(T x) where T : IFloatingPointIeee754&lt;T&gt;</c>) get a generic <c>MBackward&lt;T&gt;</c>,
/// run here at double and at float: against hand-derived gradients, central differences, and the same method written
/// for double (whose Backward the generic one must equal bit for bit at double: it is the same program).
/// </summary>
public class GenericMathGradientTests
{
    private static readonly Lazy<Type> Compiled = new(() => GeneratorHarness.CompileAndLoad(GenericMathSources.Source).GetType("G")!);

    private static Type G => Compiled.Value;

    private static MethodInfo Method(string name, int parameters, Type? t = null)
    {
        var m = G.GetMethods(BindingFlags.Public | BindingFlags.Static).Single(m => m.Name == name && m.GetParameters().Length == parameters);
        return t is null ? m : m.MakeGenericMethod(t);
    }

    /// <summary>Value and gradient of a method of scalars, by its Backward (with dResult passed explicitly as one).</summary>
    private static (T Value, T[] Gradient) Backward<T>(string name, params T[] x) where T : struct
    {
        var backward = Method(name + "Backward", 2 * x.Length + 1, name.EndsWith("D", StringComparison.Ordinal) ? null : typeof(T));
        var args = x.Cast<object>().Concat(x.Select(_ => (object)default(T))).Concat(new object[] { One<T>() }).ToArray();
        var value = (T)backward.Invoke(null, args)!;
        return (value, args.Skip(x.Length).Take(x.Length).Cast<T>().ToArray());
    }

    private static object One<T>() => typeof(T) == typeof(float) ? 1f : typeof(T) == typeof(decimal) ? 1m : (object)1.0;

    private static double Primal(string name, params double[] x) => (double)Method(name, x.Length, typeof(double)).Invoke(null, x.Cast<object>().ToArray())!;

    private static double[] Central(string name, double[] x, double h = 1e-6)
    {
        var g = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            var plus = (double[])x.Clone();
            var minus = (double[])x.Clone();
            plus[i] += h;
            minus[i] -= h;
            g[i] = (Primal(name, plus) - Primal(name, minus)) / (2 * h);
        }
        return g;
    }

    private static void Close(double expected, double actual, double tolerance) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    [Theory]
    [InlineData(2.0, -1.0, -3.0, -2.0, -3.0)]
    [InlineData(0.3, 0.8, -0.5, 1.1, 0.2)]
    public void Neuron_AtDoubleAndFloat_MatchesTheLectureGradient(double w0, double x0, double w1, double x1, double w2)
    {
        double[] p = { w0, x0, w1, x1, w2 };
        double s = 1 / (1 + Math.Exp(-(w0 * x0 + w1 * x1 + w2)));
        double ds = s * (1 - s);
        double[] hand = { x0 * ds, w0 * ds, x1 * ds, w1 * ds, ds };

        var (value, gradient) = Backward("Neuron", p);
        Close(s, value, 1e-15);
        for (int i = 0; i < 5; i++) Close(hand[i], gradient[i], 1e-14);

        var (single, singleGradient) = Backward("Neuron", p.Select(v => (float)v).ToArray());
        Close(s, single, 1e-6);
        for (int i = 0; i < 5; i++) Close(hand[i], singleGradient[i], 1e-5);

        // The same program as the double method: bit for bit.
        var (valueD, gradientD) = Backward("NeuronD", p);
        Assert.Equal(valueD, value);
        Assert.Equal(gradientD, gradient);
    }

    [Theory]
    [InlineData(0.7, -1.3)]
    [InlineData(-0.4, 0.9)]
    [InlineData(1.5, 2.5)]
    public void Mix_OfStaticInterfaceCalls_MatchesCentralDifferencesAndTheDoubleMethod(double x, double y)
    {
        var (value, gradient) = Backward("Mix", x, Math.Abs(y));
        var central = Central("Mix", new[] { x, Math.Abs(y) });
        for (int i = 0; i < 2; i++) Close(central[i], gradient[i], 1e-7);

        var (valueD, gradientD) = Backward("MixD", x, Math.Abs(y));
        Assert.Equal(valueD, value);
        Assert.Equal(gradientD, gradient);

        var (_, single) = Backward("Mix", (float)x, (float)Math.Abs(y));
        for (int i = 0; i < 2; i++) Close(gradient[i], single[i], 1e-4);
    }

    [Theory]
    [InlineData(0.7, 1.3)]
    [InlineData(1.4, 0.35)]
    public void Library_MoreFunctionsOverT_MatchesCentralDifferencesAndTheDoubleMethod(double x, double y)
    {
        var (value, gradient) = Backward("Library", x, y);
        var central = Central("Library", new[] { x, y });
        for (int i = 0; i < 2; i++) Close(central[i], gradient[i], 1e-7);
        var (valueD, gradientD) = Backward("LibraryD", x, y);
        Assert.Equal(valueD, value);
        Assert.Equal(gradientD, gradient);
        var (_, single) = Backward("Library", (float)x, (float)y);
        for (int i = 0; i < 2; i++) Close(gradient[i], single[i], 1e-4);
    }

    [Theory]
    [InlineData(new[] { -1.2, 1.0 })]
    [InlineData(new[] { 0.5, -0.3, 1.7, 0.9, -2.0 })]
    [InlineData(new[] { 1.0 })]
    public void Rosenbrock_ALoopWithTapesOfT_MatchesTheHandGradient(double[] x)
    {
        int n = x.Length;
        var hand = new double[n];
        for (int i = 0; i + 1 < n; i++)
        {
            hand[i] += -400 * x[i] * (x[i + 1] - x[i] * x[i]) - 2 * (1 - x[i]);
            hand[i + 1] += 200 * (x[i + 1] - x[i] * x[i]);
        }
        var backward = Method("RosenbrockBackward", 2, typeof(double));
        var dX = new double[n];
        backward.Invoke(null, new object[] { x, dX });
        for (int i = 0; i < n; i++) Close(hand[i], dX[i], 1e-12);

        var dXD = new double[n];
        Method("RosenbrockDBackward", 3).Invoke(null, new object[] { x, dXD, 1.0 });
        Assert.Equal(dXD, dX);

        var xf = x.Select(v => (float)v).ToArray();
        var dXf = new float[n];
        Method("RosenbrockBackward", 2, typeof(float)).Invoke(null, new object[] { xf, dXf });
        for (int i = 0; i < n; i++) Close(hand[i], dXf[i], 1e-5);
    }

    /// <summary>The overload without dResult seeds one; the one with it scales (and adds, never overwrites).</summary>
    [Fact]
    public void SeedOverload_IsDResultOne_AndDResultScalesAndAdds()
    {
        var withSeed = Method("HuberBackward", 5, typeof(double));
        var withoutSeed = Method("HuberBackward", 4, typeof(double));
        var a = new object[] { 0.3, 1.0, 0.0, 0.0 };
        withoutSeed.Invoke(null, a);
        Assert.Equal(0.3, (double)a[2]);          // d(r²/2)/dr = r
        var b = new object[] { 0.3, 1.0, 10.0, 0.0, 2.5 };
        withSeed.Invoke(null, b);
        Assert.Equal(10.0 + 2.5 * 0.3, (double)b[2]);
        var c = new object[] { -2.5, 1.0, 0.0, 0.0 };
        withoutSeed.Invoke(null, c);
        Assert.Equal(-1.0, (double)c[2]);         // delta·sign(r)
        Assert.Equal(2.5 - 1.0, (double)c[3], 12); // |r| − delta
    }

    [Fact]
    public void Spans_AndAnIntCountMadeAT_AtDoubleAndFloat()
    {
        // Dot over ReadOnlySpan<T>: the adjoints are Span<T>. Called through a small generic helper: spans are not boxed.
        Assert.Equal(new[] { 1.5, 0.25, -0.75, 0.5, -1.0, 2.0 }, DotGradient(new[] { 0.5, -1.0, 2.0 }, new[] { 1.5, 0.25, -0.75 }));
        Assert.Equal(new[] { 1.5f, 0.25f, -0.75f, 0.5f, -1.0f, 2.0f }, DotGradient(new[] { 0.5f, -1.0f, 2.0f }, new[] { 1.5f, 0.25f, -0.75f }));

        // MeanSquare: s / T.CreateChecked(x.Length) → 2x/n.
        var x = new[] { 0.5, -1.2, 0.8, 2.0 };
        var dX = new double[4];
        Method("MeanSquareBackward", 2, typeof(double)).Invoke(null, new object[] { x, dX });
        for (int i = 0; i < 4; i++) Close(2 * x[i] / 4, dX[i], 1e-15);
        var xf = x.Select(v => (float)v).ToArray();
        var dXf = new float[4];
        Method("MeanSquareBackward", 2, typeof(float)).Invoke(null, new object[] { xf, dXf });
        for (int i = 0; i < 4; i++) Close(2 * x[i] / 4, dXf[i], 1e-6);
    }

    private static T[] DotGradient<T>(T[] a, T[] b) where T : System.Numerics.IFloatingPointIeee754<T>
    {
        // The generated method is called through a delegate built from reflection: spans cannot be boxed into object[].
        var method = Method("DotBackward", 4, typeof(T));
        var call = method.CreateDelegate<DotBackward<T>>();
        var dA = new T[a.Length];
        var dB = new T[b.Length];
        call(a, b, dA, dB);
        return dA.Concat(dB).ToArray();
    }

    private delegate T DotBackward<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> dA, Span<T> dB);

    [Theory]
    [InlineData(0.7, 4)]
    [InlineData(-1.3, 5)]
    [InlineData(0.4, 1)]
    public void Horner_ALocalArrayOfT_AndAnIntMadeAT_MatchesCentralDifferences(double x, int n)
    {
        var c = new[] { 1.0, -2.0, 0.5, 3.0, 0.25 };
        var dC = new double[c.Length];
        var args = new object[] { c, x, n, dC, 0.0 };
        Method("HornerBackward", 5, typeof(double)).Invoke(null, args);
        double dx = (double)args[4];
        // s = Σ c[i]·x^i + Σ_{i>1} i·x  →  ∂s/∂c[i] = x^i (i < n), ∂s/∂x = Σ i·c[i]·x^(i−1) + Σ_{1<i<n} i.
        double hand = 0;
        for (int i = 0; i < n; i++) hand += (i > 0 ? i * c[i] * Math.Pow(x, i - 1) : 0) + (i > 1 ? i : 0);
        Close(hand, dx, 1e-12);
        for (int i = 0; i < c.Length; i++) Close(i < n ? Math.Pow(x, i) : 0, dC[i], 1e-12);

        var cf = c.Select(v => (float)v).ToArray();
        var dCf = new float[c.Length];
        var argsf = new object[] { cf, (float)x, n, dCf, 0f };
        Method("HornerBackward", 5, typeof(float)).Invoke(null, argsf);
        Close(hand, (float)argsf[4], 1e-5);
    }

    /// <summary>A T constrained only to IFloatingPoint&lt;T&gt; runs at double, float and decimal (a real type too).</summary>
    [Theory]
    [InlineData(0.7, 1.3)]
    [InlineData(-0.4, -0.9)]
    public void Poly_UnderIFloatingPoint_AtDoubleFloatAndDecimal(double x, double y)
    {
        double hx = 6 * x - 0.5 + y;
        double hy = x - (y > 0 ? 2 * y : -1);
        var (_, g) = Backward("Poly", x, y);
        Close(hx, g[0], 1e-14);
        Close(hy, g[1], 1e-14);
        var (_, gf) = Backward("Poly", (float)x, (float)y);
        Close(hx, gf[0], 1e-6);
        Close(hy, gf[1], 1e-6);
        var (_, gm) = Backward("Poly", (decimal)x, (decimal)y);
        Assert.Equal((decimal)hx, gm[0]);
        Assert.Equal((decimal)hy, gm[1]);
    }

    /// <summary>Forward = true on a generic method: tResult = ∇f·t, at double (equal to the double method's) and float.</summary>
    [Theory]
    [InlineData(0.7, 1.3, 0.4, -1.1)]
    [InlineData(-0.4, 0.9, 1.0, 0.0)]
    public void Forward_OnAGenericMethod_IsTheGradientDotTheTangent(double x, double y, double tx, double ty)
    {
        var (_, g) = Backward("Mix", x, y);
        var args = new object[] { x, y, tx, ty, 0.0 };
        double value = (double)Method("MixForward", 5, typeof(double)).Invoke(null, args)!;
        Close(g[0] * tx + g[1] * ty, (double)args[4], 1e-14);
        var argsD = new object[] { x, y, tx, ty, 0.0 };
        double valueD = (double)Method("MixDForward", 5).Invoke(null, argsD)!;
        Assert.Equal(valueD, value);
        Assert.Equal((double)argsD[4], (double)args[4]);

        var argsf = new object[] { (float)x, (float)y, (float)tx, (float)ty, 0f };
        Method("MixForward", 5, typeof(float)).Invoke(null, argsf);
        Close(g[0] * tx + g[1] * ty, (float)argsf[4], 1e-4);
    }

    /// <summary>The gallery's natural generic Himmelblau (docs/gallery.md), as first written: the hand gradient at double and float.</summary>
    [Theory]
    [InlineData(3.0, 2.0)]
    [InlineData(-0.27, -0.92)]
    [InlineData(1.5, -2.5)]
    public void Himmelblau_AsFirstWritten_MatchesTheHandGradient(double x, double y)
    {
        var type = GeneratorHarness.CompileAndLoad("""
            using System.Numerics;
            using AutoDiffGen;
            public static partial class Natural
            {
                [Differentiable]
                public static T Himmelblau<T>(T x, T y) where T : IFloatingPointIeee754<T>
                {
                    T a = x * x + y - T.CreateChecked(11);
                    T b = x + y * y - T.CreateChecked(7);
                    return a * a + b * b;
                }
            }
            """).GetType("Natural")!;
        double a = x * x + y - 11, b = x + y * y - 7;
        double hx = 4 * x * a + 2 * b, hy = 2 * a + 4 * y * b;
        var backward = type.GetMethods().Single(m => m.Name == "HimmelblauBackward" && m.GetParameters().Length == 4);
        var args = new object[] { x, y, 0.0, 0.0 };
        backward.MakeGenericMethod(typeof(double)).Invoke(null, args);
        Close(hx, (double)args[2], 1e-13);
        Close(hy, (double)args[3], 1e-13);
        var argsf = new object[] { (float)x, (float)y, 0f, 0f };
        backward.MakeGenericMethod(typeof(float)).Invoke(null, argsf);
        Close(hx, (float)argsf[2], 1e-5);
        Close(hy, (float)argsf[3], 1e-5);
    }

    /// <summary>The golden generic examples (GoldenExamples.GenericMath) against central differences, at double and float.</summary>
    [Fact]
    public void GoldenGenericExamples_MatchCentralDifferences()
    {
        var type = GeneratorHarness.CompileAndLoad(GoldenExamples.GenericMath.Source).GetType("Golden.GenericMath.Generic")!;
        MethodInfo M(string name, int n) => type.GetMethods().Single(m => m.Name == name && m.GetParameters().Length == n);
        double F(double[] x, double scale) => (double)M("Smooth", 2).MakeGenericMethod(typeof(double)).Invoke(null, new object[] { x, scale })!;
        var xs = new[] { 0.4, -0.7, 1.3, -0.2 };
        foreach (double scale in new[] { 0.8, -1.1 })
        {
            var dX = new double[4];
            var args = new object[] { xs, scale, dX, 0.0 };
            M("SmoothBackward", 4).MakeGenericMethod(typeof(double)).Invoke(null, args);
            const double h = 1e-6;
            for (int i = 0; i < 4; i++)
            {
                var p = (double[])xs.Clone();
                var m = (double[])xs.Clone();
                p[i] += h;
                m[i] -= h;
                Close((F(p, scale) - F(m, scale)) / (2 * h), dX[i], 1e-7);
            }
            Close((F(xs, scale + h) - F(xs, scale - h)) / (2 * h), (double)args[3], 1e-7);

            var xf = xs.Select(v => (float)v).ToArray();
            var dXf = new float[4];
            var argsf = new object[] { xf, (float)scale, dXf, 0f };
            M("SmoothBackward", 4).MakeGenericMethod(typeof(float)).Invoke(null, argsf);
            for (int i = 0; i < 4; i++) Close(dX[i], dXf[i], 1e-4);
            Close((double)args[3], (float)argsf[3], 1e-4);
        }

        var neuron = M("NeuronBackward", 10).MakeGenericMethod(typeof(double));
        var n = new object[] { 0.3, 0.8, -0.5, 1.1, 0.2, 0.0, 0.0, 0.0, 0.0, 0.0 };
        neuron.Invoke(null, n);
        double s = 1 / (1 + Math.Exp(-(0.3 * 0.8 - 0.5 * 1.1 + 0.2)));
        Close(0.8 * s * (1 - s), (double)n[5], 1e-14);
        Close(s * (1 - s), (double)n[9], 1e-14);
    }

    /// <summary>
    /// A generic void helper with ref parameters: the in/out adjoints of docs/ref-out.md. One Euler step
    /// v' = v − h·sin x, x' = x + h·v': seeded with dX' = 1 (and dV' = 0), dX = 1 − h²·cos x, dV = h, dH = v' − h·x-part.
    /// </summary>
    [Theory]
    [InlineData(0.7, -0.3, 0.1)]
    [InlineData(-1.2, 0.8, 0.25)]
    public void RefHelper_OverT_HasTheInOutAdjointsOfTheDoubleShape(double x, double v, double h)
    {
        var step = Method("StepBackward", 6, typeof(double));
        var args = new object[] { x, v, h, 1.0, 0.0, 0.0 };
        step.Invoke(null, args);
        double v1 = v - h * Math.Sin(x);
        Close(x + h * v1, (double)args[0], 1e-15);
        Close(v1, (double)args[1], 1e-15);
        Close(1 - h * h * Math.Cos(x), (double)args[3], 1e-14);
        Close(h, (double)args[4], 1e-14);
        Close(v1 - h * Math.Sin(x), (double)args[5], 1e-14);

        var stepf = Method("StepBackward", 6, typeof(float));
        var argsf = new object[] { (float)x, (float)v, (float)h, 1f, 0f, 0f };
        stepf.Invoke(null, argsf);
        Close(1 - h * h * Math.Cos(x), (float)argsf[3], 1e-6);
    }
}
