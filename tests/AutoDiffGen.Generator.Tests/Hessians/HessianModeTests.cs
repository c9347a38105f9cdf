using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>
/// MHessian run on methods whose Hessians are known by hand (Rosenbrock, a quadratic form, log-sum-exp, the lecture's
/// sigmoid neuron), and on floats, structs, branches and loops checked against central differences of MBackward's
/// gradient. Every Hessian must be the hand value, match the differences, be exactly symmetric, overwrite what the
/// output held, and come with the method's own value; the output's length is checked.
/// </summary>
public class HessianModeTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        namespace Hess;

        public record struct Point(double X, double Y);

        public static partial class M
        {
            private static readonly double[] A = { 1.0, 2.0, -0.5, 0.0, 3.0, 1.5, 4.0, -1.0, 2.5 };

            [Differentiable(Hessian = true)]
            public static double Rosen(double x, double y) => (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
            public static double RosenH(double[] p, double[] h) => RosenHessian(p[0], p[1], h);
            public static double RosenV(double[] p, double[] v, double[] hv) => RosenHessianVector(p[0], p[1], v, hv);
            public static void RosenG(double[] p, double[] g) { double a = 0, b = 0; RosenBackward(p[0], p[1], ref a, ref b); g[0] = a; g[1] = b; }

            // xᵀAx with A not symmetric: the Hessian is A + Aᵀ.
            [Differentiable(Hessian = true)]
            public static double Quad(double[] x)
            {
                double s = 0;
                for (int i = 0; i < 3; i++)
                    for (int j = 0; j < 3; j++)
                        s += A[i * 3 + j] * x[i] * x[j];
                return s;
            }
            public static double QuadH(double[] p, double[] h) => QuadHessian(p, h);
            public static double QuadV(double[] p, double[] v, double[] hv) => QuadHessianVector(p, v, hv);
            public static void QuadG(double[] p, double[] g) { Array.Clear(g, 0, g.Length); QuadBackward(p, g); }

            [Differentiable(Hessian = true)]
            public static double Lse(ReadOnlySpan<double> z)
            {
                double m = 0;
                for (int i = 0; i < z.Length; i++) m += Math.Exp(z[i]);
                return Math.Log(m);
            }
            public static double LseH(double[] p, double[] h) => LseHessian(p, h);
            public static double LseV(double[] p, double[] v, double[] hv) => LseHessianVector(p, v, hv);
            public static void LseG(double[] p, double[] g) { Array.Clear(g, 0, g.Length); LseBackward(p, g); }

            // The lecture's neuron: σ(w0·x0 + w1·x1 + w2).
            [Differentiable(Hessian = true)]
            public static double Neuron(double w0, double x0, double w1, double x1, double w2) => 1.0 / (1.0 + Math.Exp(-(w0 * x0 + w1 * x1 + w2)));
            public static double NeuronH(double[] p, double[] h) => NeuronHessian(p[0], p[1], p[2], p[3], p[4], h);
            public static double NeuronV(double[] p, double[] v, double[] hv) => NeuronHessianVector(p[0], p[1], p[2], p[3], p[4], v, hv);
            public static void NeuronG(double[] p, double[] g)
            {
                double a = 0, b = 0, c = 0, d = 0, e = 0;
                NeuronBackward(p[0], p[1], p[2], p[3], p[4], ref a, ref b, ref c, ref d, ref e);
                g[0] = a; g[1] = b; g[2] = c; g[3] = d; g[4] = e;
            }

            // Every smooth gate, a branch, a loop, an int and a [NoDiff] parameter, a struct and an array.
            [Differentiable(Hessian = true)]
            public static double Mixed(double a, [NoDiff] double k, int n, Point p, double[] w, double b)
            {
                double s = Math.Sin(a * b) + Math.Cos(p.X) * Math.Tan(0.3 * p.Y) + Math.Log(2 + a * a) / Math.Sqrt(1 + b * b);
                for (int i = 0; i < n; i++)
                {
                    if (s > 1) s = s * 0.5 + Math.Tanh(w[i % w.Length] * a);
                    else s += Math.Exp(0.2 * w[i % w.Length]) * Math.Atan(p.X - w[0]) + Math.Pow(1.5 + p.Y * p.Y, b);
                }
                return s * k + Math.Atan2(a, 2 + b * b) + Math.Cbrt(2 + p.X * p.X) + Math.Sinh(0.3 * a) * Math.Cosh(0.2 * b)
                    + Math.Asin(0.3 * Math.Sin(b)) + Math.Acos(0.2 * Math.Cos(a)) + Math.Log10(3 + b * b) + Math.Log2(3 + a * a)
                    + Math.Log(4 + b * b, 2 + a * a) + 1 / (3 + w[1] * w[1]) + Math.Abs(a - 5) + Math.Max(a, b) * Math.Min(w[0], w[1]);
            }
            public static double MixedH(double[] p, double[] h) => MixedHessian(p[0], 1.3, 4, new Point(p[1], p[2]), new[] { p[3], p[4] }, p[5], h);
            public static double MixedV(double[] p, double[] v, double[] hv) => MixedHessianVector(p[0], 1.3, 4, new Point(p[1], p[2]), new[] { p[3], p[4] }, p[5], v, hv);
            public static void MixedG(double[] p, double[] g)
            {
                double da = 0, db = 0; var dp = new Point(0, 0); var dw = new double[2];
                MixedBackward(p[0], 1.3, 4, new Point(p[1], p[2]), new[] { p[3], p[4] }, p[5], ref da, ref dp, dw, ref db);
                g[0] = da; g[1] = dp.X; g[2] = dp.Y; g[3] = dw[0]; g[4] = dw[1]; g[5] = db;
            }

            [Differentiable(Hessian = true)]
            public static float Single(float x, float y) => MathF.Exp(0.5f * x) * MathF.Sin(y) + x * x * y;
            public static double SingleV(double[] p, double[] v, double[] hv)
            {
                Span<float> f = stackalloc float[2];
                double value = SingleHessianVector((float)p[0], (float)p[1], new float[] { (float)v[0], (float)v[1] }, f);
                hv[0] = f[0]; hv[1] = f[1];
                return value;
            }
            public static double SingleH(double[] p, double[] h)
            {
                Span<float> f = stackalloc float[4];
                double v = SingleHessian((float)p[0], (float)p[1], f);
                for (int i = 0; i < 4; i++) h[i] = f[i];
                return v;
            }
        }
        """;

    private static readonly Lazy<Type> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("Hess.M", throwOnError: true)!);

    private static Func<double[], double[], double> Hessian(string name) =>
        Compiled.Value.GetMethod(name + "H", BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<Func<double[], double[], double>>();

    private static Action<double[], double[]> Gradient(string name) =>
        Compiled.Value.GetMethod(name + "G", BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<Action<double[], double[]>>();

    /// <summary>MHessian at x, after checking it overwrites (the output starts as NaN) and is exactly symmetric.</summary>
    private static (double Value, double[] H) Run(string name, double[] x)
    {
        int n = x.Length;
        var h = Enumerable.Repeat(double.NaN, n * n).ToArray();
        double value = Hessian(name)(x, h);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                Assert.True(double.IsFinite(h[i * n + j]), $"{name}: H[{i},{j}] = {h[i * n + j]}");
                Assert.Equal(h[i * n + j], h[j * n + i]);
            }
        }
        return (value, h);
    }

    /// <summary>An MHessian wrapper's matrix at p, after checking it overwrites (the output starts as NaN) and is exactly symmetric.</summary>
    public static double[] Symmetric(Func<double[], double[], double> hessian, double[] p)
    {
        int n = p.Length;
        var h = Enumerable.Repeat(double.NaN, n * n).ToArray();
        hessian(p, h);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                Assert.Equal(h[i * n + j], h[j * n + i]);
        return h;
    }

    /// <summary>Row i: (∇f(x + h·e_i) − ∇f(x − h·e_i)) / 2h, from MBackward.</summary>
    public static double[] CentralHessian(Action<double[], double[]> gradient, double[] x, double step = 1e-5)
    {
        int n = x.Length;
        var result = new double[n * n];
        var up = new double[n];
        var down = new double[n];
        for (int i = 0; i < n; i++)
        {
            var p = (double[])x.Clone();
            p[i] = x[i] + step;
            gradient(p, up);
            p[i] = x[i] - step;
            gradient(p, down);
            for (int j = 0; j < n; j++) result[i * n + j] = (up[j] - down[j]) / (2 * step);
        }
        return result;
    }

    private static void AssertMatches(double[] expected, double[] actual, double relative, double absolute, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++)
        {
            Assert.True(Math.Abs(expected[k] - actual[k]) <= absolute + relative * Math.Abs(expected[k]),
                $"{what}: entry {k} expected {expected[k]:R}, got {actual[k]:R}\nexpected: {string.Join(", ", expected)}\nactual:   {string.Join(", ", actual)}");
        }
    }

    private static void AssertCentral(string name, double[] x, double[] h) =>
        AssertMatches(CentralHessian(Gradient(name), x), h, 1e-6, 1e-6, name + " vs central differences of MBackward's gradient");

    [Theory]
    [InlineData(-1.2, 1.0)]
    [InlineData(1.0, 1.0)]
    [InlineData(0.3, -0.7)]
    public void Rosenbrock_MatchesHand(double x, double y)
    {
        var (value, h) = Run("Rosen", new[] { x, y });
        Assert.Equal(((1 - x) * (1 - x)) + (100 * (y - (x * x)) * (y - (x * x))), value, 12);
        // [[1200x² − 400y + 2, −400x], [−400x, 200]]
        AssertMatches(new[] { (1200 * x * x) - (400 * y) + 2, -400 * x, -400 * x, 200 }, h, 1e-13, 1e-10, "Rosenbrock by hand");
        AssertCentral("Rosen", new[] { x, y }, h);
    }

    [Fact]
    public void QuadraticForm_IsAPlusATransposed()
    {
        double[] a = { 1.0, 2.0, -0.5, 0.0, 3.0, 1.5, 4.0, -1.0, 2.5 };
        var x = new[] { 0.4, -1.3, 2.2 };
        var (_, h) = Run("Quad", x);
        var expected = new double[9];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                expected[i * 3 + j] = a[i * 3 + j] + a[j * 3 + i];
        AssertMatches(expected, h, 0, 1e-14, "xᵀAx by hand");
        AssertCentral("Quad", x, h);
    }

    [Theory]
    [InlineData(new[] { 0.1, -0.4, 1.3 })]
    [InlineData(new[] { 2.0, 2.0, -3.0, 0.5, 0.0 })]
    public void LogSumExp_IsDiagPMinusPPTransposed(double[] z)
    {
        var (value, h) = Run("Lse", z);
        double total = z.Sum(Math.Exp);
        var p = z.Select(v => Math.Exp(v) / total).ToArray();
        Assert.Equal(Math.Log(total), value, 12);
        int n = z.Length;
        var expected = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                expected[i * n + j] = (i == j ? p[i] : 0) - (p[i] * p[j]);
        AssertMatches(expected, h, 1e-12, 1e-15, "log-sum-exp by hand");
        AssertCentral("Lse", z, h);
    }

    [Theory]
    [InlineData(2.0, -1.0, -3.0, -2.0, -3.0)]
    [InlineData(0.3, 0.8, -0.5, 1.1, 0.2)]
    public void SigmoidNeuron_MatchesHand(double w0, double x0, double w1, double x1, double w2)
    {
        var x = new[] { w0, x0, w1, x1, w2 };
        var (value, h) = Run("Neuron", x);
        double s = 1 / (1 + Math.Exp(-((w0 * x0) + (w1 * x1) + w2)));
        Assert.Equal(s, value, 15);
        // H = σ″(z) ∇z ∇zᵀ + σ′(z) ∇²z, with ∇z = (x0, w0, x1, w1, 1) and ∇²z = 1 at (w0, x0) and (w1, x1).
        double d1 = s * (1 - s), d2 = s * (1 - s) * (1 - (2 * s));
        var grad = new[] { x0, w0, x1, w1, 1.0 };
        var expected = new double[25];
        for (int i = 0; i < 5; i++)
            for (int j = 0; j < 5; j++)
                expected[i * 5 + j] = d2 * grad[i] * grad[j] + (i / 2 == j / 2 && i != j && i < 4 ? d1 : 0);
        AssertMatches(expected, h, 1e-12, 1e-15, "neuron by hand");
        AssertCentral("Neuron", x, h);
    }

    [Theory]
    [InlineData(0.7, 0.4, -0.3, 0.9, -1.1, 0.6)]
    [InlineData(-0.2, 1.1, 0.5, -0.4, 0.3, -0.8)]
    public void EveryGate_Branches_Loops_StructsAndArrays_MatchCentralDifferences(double a, double px, double py, double w0, double w1, double b)
    {
        var x = new[] { a, px, py, w0, w1, b };
        var (_, h) = Run("Mixed", x);
        AssertCentral("Mixed", x, h);
    }

    [Fact]
    public void Float_MatchesHand()
    {
        double x = 0.6, y = -0.9;
        var (_, h) = Run("Single", new[] { x, y });
        double e = Math.Exp(0.5 * x);
        // f = e^(x/2) sin y + x² y.
        var expected = new[] { (0.25 * e * Math.Sin(y)) + (2 * y), (0.5 * e * Math.Cos(y)) + (2 * x), (0.5 * e * Math.Cos(y)) + (2 * x), -e * Math.Sin(y) };
        AssertMatches(expected, h, 1e-5, 1e-5, "float by hand");
    }

    public static TheoryData<string, double[]> VectorCases => new()
    {
        { "Rosen", new[] { -1.2, 1.0 } },
        { "Quad", new[] { 0.4, -1.3, 2.2 } },
        { "Lse", new[] { 0.1, -0.4, 1.3, 0.2 } },
        { "Neuron", new[] { 0.3, 0.8, -0.5, 1.1, 0.2 } },
        { "Mixed", new[] { 0.7, 0.4, -0.3, 0.9, -1.1, 0.6 } },
        { "Mixed", new[] { -0.2, 1.1, 0.5, -0.4, 0.3, -0.8 } },
        { "Single", new[] { 0.6, -0.9 } },
    };

    /// <summary>MHessianVector(x, v) = MHessian(x)·v (itself checked above by hand and by differences), for random v and each unit vector.</summary>
    [Theory]
    [MemberData(nameof(VectorCases))]
    public void HessianVector_IsTheHessianTimesTheDirection(string name, double[] x)
    {
        int n = x.Length;
        var (value, h) = Run(name, x);
        var product = Compiled.Value.GetMethod(name + "V", BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<Func<double[], double[], double[], double>>();
        var random = new Random(n);
        var directions = Enumerable.Range(0, n).Select(k => Enumerable.Range(0, n).Select(i => i == k ? 1.0 : 0.0).ToArray())
            .Concat(Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, n).Select(_ => Math.Round((random.NextDouble() * 4) - 2, 6)).ToArray()));
        bool single = name == "Single";
        foreach (var v in directions)
        {
            var hv = Enumerable.Repeat(double.NaN, n).ToArray();
            Assert.Equal(value, product(x, v, hv));
            var expected = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Sum(j => h[i * n + j] * v[j])).ToArray();
            AssertMatches(expected, hv, single ? 1e-5 : 1e-12, single ? 1e-5 : 1e-12, name + " H·v");
        }
    }

    [Fact]
    public void HessianVector_WrongLengths_Throw()
    {
        var product = Compiled.Value.GetMethod("RosenV", BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<Func<double[], double[], double[], double>>();
        Assert.Equal("direction", Assert.Throws<ArgumentException>(() => product(new[] { 1.0, 2.0 }, new double[3], new double[2])).ParamName);
        Assert.Equal("hessianVector", Assert.Throws<ArgumentException>(() => product(new[] { 1.0, 2.0 }, new double[2], new double[1])).ParamName);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(0)]
    public void WrongLength_Throws_BeforeWriting(int length)
    {
        var h = Enumerable.Repeat(7.0, length).ToArray();
        var e = Assert.Throws<ArgumentException>(() => Hessian("Rosen")(new[] { 1.0, 2.0 }, h));
        Assert.Equal("hessian", e.ParamName);
        Assert.Contains("4", e.Message, StringComparison.Ordinal);
        Assert.All(h, v => Assert.Equal(7.0, v));
        // An array parameter's length decides n: 3 elements need 9 entries.
        Assert.Throws<ArgumentException>(() => Hessian("Lse")(new[] { 1.0, 2.0, 3.0 }, new double[4]));
    }

    [Fact]
    public void SteadyState_AllocatesNothing()
    {
        var hessian = Hessian("Lse");
        var z = new[] { 0.1, 0.2, 0.3, 0.4 };
        var h = new double[16];
        for (int i = 0; i < 3; i++) hessian(z, h);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) hessian(z, h);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
