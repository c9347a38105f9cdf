using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>
/// The forward-over-reverse MHessianVector (the tangent of MBackward's sweeps) against Hessian–vector products derived
/// by hand: Rosenbrock, a quadratic form xᵀAx with A not symmetric ((A + Aᵀ)v), log-sum-exp ((diag p − ppᵀ)v), and
/// Horner's rule over differentiable coefficients (a loop whose tape holds the running value and its tangent); a
/// nonlinear carried loop with a branch against central differences of MBackward's gradient along v. Each method is
/// checked to be written by the new path (double, float, mixed and struct methods), and a method with a float[] in a double method by the O(n)
/// product, which must still agree.
/// </summary>
public class HessianVectorTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        namespace Hvp;

        public record struct Point(double X, double Y);

        public static partial class M
        {
            public static readonly double[] A = { 1.0, 2.0, -0.5, 0.0, 3.0, 1.5, 4.0, -1.0, 2.5 };

            [Differentiable(Hessian = true)]
            public static double Rosen(double x, double y) => (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
            public static double RosenV(double[] p, double[] v, double[] hv) => RosenHessianVector(p[0], p[1], v, hv);

            [Differentiable(Hessian = true)]
            public static double Quad(double[] x)
            {
                double s = 0;
                for (int i = 0; i < 3; i++)
                    for (int j = 0; j < 3; j++)
                        s += A[i * 3 + j] * x[i] * x[j];
                return s;
            }
            public static double QuadV(double[] p, double[] v, double[] hv) => QuadHessianVector(p, v, hv);

            [Differentiable(Hessian = true)]
            public static double Lse(ReadOnlySpan<double> z)
            {
                double m = 0;
                for (int i = 0; i < z.Length; i++) m += Math.Exp(z[i]);
                return Math.Log(m);
            }
            public static double LseV(double[] p, double[] v, double[] hv) => LseHessianVector(p, v, hv);

            // c[0]·x^(m−1) + … + c[m−1]: n = m + 1 (the coefficients, then x).
            [Differentiable(Hessian = true)]
            public static double Horner(double[] c, double x)
            {
                double acc = 0;
                for (int i = 0; i < c.Length; i++) acc = acc * x + c[i];
                return acc;
            }
            public static double HornerV(double[] p, double[] v, double[] hv) => HornerHessianVector(p[..^1], p[^1], v, hv);
            public static double HornerAt(double[] c, double x, double[] v, double[] hv) => HornerHessianVector(c, x, v, hv);

            [Differentiable(Hessian = true)]
            public static double Carried(double a, double b, int n)
            {
                double s = a;
                for (int i = 0; i < n; i++)
                {
                    if (s > 0.5) s = Math.Sin(s) * b + Math.Exp(0.1 * s * a);
                    else s = s * s / (1 + b * b) + Math.Log(2 + a * s);
                }
                return s * Math.Sqrt(1 + b * b);
            }
            public static double CarriedV(double[] p, double[] v, double[] hv) => CarriedHessianVector(p[0], p[1], 6, v, hv);
            public static void CarriedG(double[] p, double[] g) { double da = 0, db = 0; CarriedBackward(p[0], p[1], 6, ref da, ref db); g[0] = da; g[1] = db; }

            [Differentiable(Hessian = true)]
            public static float Single(float x, float y) => MathF.Exp(0.5f * x) * MathF.Sin(y) + x * x * y;

            [Differentiable(Hessian = true)]
            public static double Field(Point p, double k) => Math.Exp(p.X * k) + p.Y * p.Y * p.X;
            public static double FieldV(double[] p, double[] v, double[] hv) => FieldHessianVector(new Point(p[0], p[1]), p[2], v, hv);
            public static double FieldH(double[] p, double[] h) => FieldHessian(new Point(p[0], p[1]), p[2], h);

            // A double result over a float parameter: forward over reverse, each value in its own type (since 2026-12-02).
            [Differentiable(Hessian = true)]
            public static double MixedArray(double x, float[] y) => Math.Exp(0.5 * x) * y[0] * y[0];
            [Differentiable(Hessian = true)]
            public static double Mixed(double x, float y) => Math.Exp(0.5 * x) * y * y;
            public static double MixedV(double[] p, double[] v, double[] hv) => MixedHessianVector(p[0], (float)p[1], v, hv);
        }
        """;

    private static readonly Lazy<GeneratorOutput> Generated = new(() => GeneratorHarness.Run(Source));

    private static readonly Lazy<Type> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("Hvp.M", throwOnError: true)!);

    private static Func<double[], double[], double[], double> Product(string name) =>
        Compiled.Value.GetMethod(name + "V", BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<Func<double[], double[], double[], double>>();

    /// <summary>H·v at x along v; the output starts as NaN, so every entry must be written.</summary>
    private static double[] Hv(string name, double[] x, double[] v)
    {
        var hv = Enumerable.Repeat(double.NaN, x.Length).ToArray();
        Product(name)(x, v, hv);
        return hv;
    }

    private static void AssertClose(double[] expected, double[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])),
                $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }

    private static double[] Direction(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => Math.Round((random.NextDouble() * 4) - 2, 6)).ToArray();
    }

    [Theory]
    [InlineData("Rosen")]
    [InlineData("Quad")]
    [InlineData("Lse")]
    [InlineData("Horner")]
    [InlineData("Carried")]
    [InlineData("Single")]
    [InlineData("Field")]
    public void Double_Float_And_Struct_Methods_AreForwardOverReverse(string name)
    {
        string text = Generated.Value.Generated.Single(g => g.Key.Contains(".M." + name + "_", StringComparison.Ordinal)).Value;
        string product = text.Substring(text.IndexOf(name + "HessianVector(", StringComparison.Ordinal));
        Assert.Contains("forward over reverse", product, StringComparison.Ordinal);
        Assert.DoesNotContain("HessianVectorWorkspace.Enter", product, StringComparison.Ordinal);
    }

    [Fact]
    public void Methods_MixingFloatAndDoubleScalars_AreForwardOverReverse() => Double_Float_And_Struct_Methods_AreForwardOverReverse("Mixed");

    [Theory]
    [InlineData("MixedArray")]
    public void Methods_WithAnArrayOfTheOtherType_KeepTheOnePerOperationProduct(string name)
    {
        string text = Generated.Value.Generated.Single(g => g.Key.Contains(".M." + name + "_", StringComparison.Ordinal)).Value;
        string product = text.Substring(text.IndexOf(name + "HessianVector(", StringComparison.Ordinal));
        Assert.Contains("HessianVectorWorkspace.Enter", product, StringComparison.Ordinal);
        Assert.DoesNotContain("forward over reverse", product, StringComparison.Ordinal);
    }

    [Fact]
    public void Mixed_IsTheHessianTimesTheDirection()
    {
        // f = e^(x/2) y², y a float: H = [[y² e/4, y e], [y e, 2e]].
        var x = new[] { 0.4, -1.25 };
        var v = new[] { 0.5, -1.5 };
        double e = Math.Exp(0.5 * x[0]), y = x[1];
        var expected = new[] { y * y * e / 4 * v[0] + y * e * v[1], y * e * v[0] + 2 * e * v[1] };
        // The float parameter's entry is its adjoint's tangent, in float like its gradient.
        AssertClose(expected, Hv("Mixed", x, v), 1e-6, "Mixed H·v");
    }

    [Fact]
    public void Struct_Product_IsTheHessianTimesTheDirection()
    {
        var x = new[] { 0.3, -0.7, 1.2 };
        var v = new[] { 0.5, -1.5, 0.25 };
        var h = new double[9];
        Compiled.Value.GetMethod("FieldH", BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<Func<double[], double[], double>>()(x, h);
        // By hand: f = e^(X k) + Y² X.
        double e = Math.Exp(x[0] * x[2]);
        var hand = new[,] { { x[2] * x[2] * e, 2 * x[1], (1 + x[0] * x[2]) * e }, { 2 * x[1], 2 * x[0], 0 }, { (1 + x[0] * x[2]) * e, 0, x[0] * x[0] * e } };
        var expected = Enumerable.Range(0, 3).Select(i => Enumerable.Range(0, 3).Sum(j => hand[i, j] * v[j])).ToArray();
        AssertClose(expected, Hv("Field", x, v), 1e-12, "Field H·v");
        AssertClose(expected, Enumerable.Range(0, 3).Select(i => Enumerable.Range(0, 3).Sum(j => h[i * 3 + j] * v[j])).ToArray(), 1e-12, "Field MHessian·v");
    }

    [Theory]
    [InlineData(-1.2, 1.0, 1.0, 0.0)]
    [InlineData(-1.2, 1.0, 0.3, -2.0)]
    [InlineData(0.7, 0.2, -1.1, 0.4)]
    public void Rosenbrock_MatchesHand(double x, double y, double vx, double vy)
    {
        // H = [[1200x² − 400y + 2, −400x], [−400x, 200]].
        var expected = new[] { ((1200 * x * x) - (400 * y) + 2) * vx - (400 * x * vy), (-400 * x * vx) + (200 * vy) };
        var hv = Hv("Rosen", new[] { x, y }, new[] { vx, vy });
        AssertClose(expected, hv, 1e-12, "Rosenbrock H·v");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void QuadraticForm_IsAPlusATransposedTimesV(int seed)
    {
        var a = (double[])Compiled.Value.GetField("A")!.GetValue(null)!;
        var x = Direction(3, seed + 10);
        var v = Direction(3, seed);
        var expected = Enumerable.Range(0, 3).Select(i => Enumerable.Range(0, 3).Sum(j => (a[i * 3 + j] + a[j * 3 + i]) * v[j])).ToArray();
        AssertClose(expected, Hv("Quad", x, v), 1e-12, "xᵀAx H·v");
    }

    [Theory]
    [InlineData(new[] { 0.1, -0.4, 1.3 }, 4)]
    [InlineData(new[] { 2.0, 2.0, -3.0, 0.5, 0.0 }, 5)]
    [InlineData(new[] { 0.25 }, 6)]
    public void LogSumExp_IsDiagPMinusPPTransposedTimesV(double[] z, int seed)
    {
        // H = diag(p) − ppᵀ with p = softmax(z), so H·v = p∘v − p (p·v).
        double max = z.Max();
        var p = z.Select(t => Math.Exp(t - max)).ToArray();
        double total = p.Sum();
        for (int i = 0; i < p.Length; i++) p[i] /= total;
        var v = Direction(z.Length, seed);
        double pv = p.Zip(v, (pi, vi) => pi * vi).Sum();
        var expected = p.Select((pi, i) => (pi * v[i]) - (pi * pv)).ToArray();
        AssertClose(expected, Hv("Lse", z, v), 1e-12, "log-sum-exp H·v");
    }

    [Theory]
    [InlineData(new[] { 1.5, -2.0, 0.5, 3.0 }, 0.7, 7)]
    [InlineData(new[] { 0.3, 1.0, -1.0, 2.0, -0.5, 0.25, 4.0 }, -1.3, 8)]
    [InlineData(new[] { 2.0 }, 0.4, 9)]
    public void Horner_LoopWithATape_MatchesHand(double[] c, double x, int seed)
    {
        // p(x) = Σk c[k]·x^d(k), d(k) = m − 1 − k: ∂²p/∂c∂c = 0, ∂²p/∂c[k]∂x = d·x^(d−1), ∂²p/∂x² = Σk c[k]·d(d − 1)·x^(d−2).
        int m = c.Length;
        var v = Direction(m + 1, seed);
        var expected = new double[m + 1];
        for (int k = 0; k < m; k++)
        {
            int d = m - 1 - k;
            double cross = d == 0 ? 0 : d * Math.Pow(x, d - 1);
            expected[k] = cross * v[m];
            expected[m] += cross * v[k];
            expected[m] += (d < 2 ? 0 : c[k] * d * (d - 1) * Math.Pow(x, d - 2)) * v[m];
        }
        AssertClose(expected, Hv("Horner", c.Append(x).ToArray(), v), 1e-11, "Horner H·v");
    }

    [Theory]
    [InlineData(0.9, 0.4)]
    [InlineData(0.2, -0.6)]
    [InlineData(1.4, 1.1)]
    public void CarriedLoop_MatchesCentralDifferencesOfTheGradient(double a, double b)
    {
        var gradient = Compiled.Value.GetMethod("CarriedG", BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<Action<double[], double[]>>();
        var x = new[] { a, b };
        foreach (var v in new[] { new[] { 1.0, 0.0 }, new[] { 0.0, 1.0 }, new[] { 0.6, -1.3 } })
        {
            // (∇f(x + h v) − ∇f(x − h v)) / 2h.
            const double step = 1e-5;
            var plus = new double[2];
            var minus = new double[2];
            gradient(new[] { a + step * v[0], b + step * v[1] }, plus);
            gradient(new[] { a - step * v[0], b - step * v[1] }, minus);
            var expected = new[] { (plus[0] - minus[0]) / (2 * step), (plus[1] - minus[1]) / (2 * step) };
            AssertClose(expected, Hv("Carried", x, v), 1e-6, "carried loop H·v");
        }
    }

    [Fact]
    public void SteadyState_AllocatesNothing()
    {
        var product = Compiled.Value.GetMethod("HornerAt", BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<Func<double[], double, double[], double[], double>>();
        var c = new[] { 1.0, 2.0, 3.0 };
        var v = new[] { 0.1, 0.2, 0.3, 0.4 };
        var hv = new double[4];
        for (int i = 0; i < 3; i++) product(c, 0.5, v, hv);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) product(c, 0.5, v, hv);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
