using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>
/// Forward over reverse where it used to fall back to second-order forward mode: struct-of-double parameters (their
/// fields' tangents are locals of the product), float methods (the product computed in float, like the gradient) and
/// checkpointed loops (each checkpoint also holds the carried values' tangents; each segment is run again with its
/// tangents). Checked by hand (Rosenbrock over a struct and in float, a quadratic form over a struct's fields and a double,
/// log-sum-exp over a float[]), against central differences of MBackward's gradient, the checkpointed product against
/// the same method taped (bit for bit), calls from struct and checkpointed callers, and no steady-state allocation.
/// </summary>
public class HessianStructFloatCheckpointTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        namespace HessSfc;

        public record struct Pt(double X, double Y);

        public struct Frame { public Pt Origin; public double Scale; }

        // Fields, not a record struct's properties: MBackward passes `ref dQ.X` to the callee's Backward.
        public struct Q { public double X; public double Y; }

        public static partial class M
        {
            [Differentiable(Hessian = true)]
            public static double RosenP(Pt p) => (1 - p.X) * (1 - p.X) + 100 * (p.Y - p.X * p.X) * (p.Y - p.X * p.X);
            public static double RosenPH(double[] p, double[] h) => RosenPHessian(new Pt(p[0], p[1]), h);
            public static double RosenPV(double[] p, double[] v, double[] hv) => RosenPHessianVector(new Pt(p[0], p[1]), v, hv);
            public static void RosenPG(double[] p, double[] g) { var d = new Pt(); RosenPBackward(new Pt(p[0], p[1]), ref d); g[0] = d.X; g[1] = d.Y; }

            // xᵀAx over x = (p.X, p.Y, w), A not symmetric; [NoDiff] and int parameters in between.
            [Differentiable(Hessian = true)]
            public static double QuadS(Pt p, [NoDiff] double k, int unused, double w) =>
                1.0 * p.X * p.X + 2.0 * p.X * p.Y - 0.5 * p.X * w + 3.0 * p.Y * p.Y + 1.5 * p.Y * w + 4.0 * w * p.X - 1.0 * w * p.Y + 2.5 * w * w + k;
            public static double QuadSH(double[] p, double[] h) => QuadSHessian(new Pt(p[0], p[1]), 7.0, 3, p[2], h);

            // A nested struct: Origin.X, Origin.Y, Scale.
            [Differentiable(Hessian = true)]
            public static double Nested(Frame f) => Math.Exp(f.Origin.X * f.Scale) * Math.Sin(f.Origin.Y) + f.Scale * f.Scale * f.Origin.Y;
            public static Frame MakeFrame(double[] p) => new Frame { Origin = new Pt(p[0], p[1]), Scale = p[2] };
            public static double NestedH(double[] p, double[] h) => NestedHessian(MakeFrame(p), h);
            public static void NestedG(double[] p, double[] g) { var d = new Frame(); NestedBackward(MakeFrame(p), ref d); g[0] = d.Origin.X; g[1] = d.Origin.Y; g[2] = d.Scale; }

            [Differentiable(Hessian = true)]
            public static float RosenF(float x, float y) => (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
            public static float RosenFH(float[] p, float[] h) => RosenFHessian(p[0], p[1], h);

            [Differentiable(Hessian = true)]
            public static float LseF(float[] z)
            {
                float m = 0;
                for (int i = 0; i < z.Length; i++) m += MathF.Exp(z[i]);
                return MathF.Log(m);
            }
            public static float LseFH(float[] z, float[] h) => LseFHessian(z, h);
            public static float LseFV(float[] z, float[] v, float[] hv) => LseFHessianVector(z, v, hv);

            [Differentiable(Hessian = true, Checkpoint = true)]
            public static double Chk(double a, double b, int n)
            {
                double s = a;
                for (int i = 0; i < n; i++)
                {
                    if (s > 0.3) s = Math.Sin(s) * b + 0.5 * s + 0.01 * a * s;
                    else s = s * s + Math.Exp(-b * s);
                }
                return s * b;
            }
            public static double ChkV(double[] p, double[] v, double[] hv) => ChkHessianVector(p[0], p[1], 40, v, hv);
            public static double ChkH(double[] p, double[] h) => ChkHessian(p[0], p[1], 40, h);
            public static void ChkG(double[] p, double[] g) { double da = 0, db = 0; ChkBackward(p[0], p[1], 40, ref da, ref db); g[0] = da; g[1] = db; }

            [Differentiable(Hessian = true)]
            public static double Taped(double a, double b, int n)
            {
                double s = a;
                for (int i = 0; i < n; i++)
                {
                    if (s > 0.3) s = Math.Sin(s) * b + 0.5 * s + 0.01 * a * s;
                    else s = s * s + Math.Exp(-b * s);
                }
                return s * b;
            }
            public static double TapedV(double[] p, double[] v, double[] hv) => TapedHessianVector(p[0], p[1], 40, v, hv);

            [Differentiable(Hessian = true)] public static double Cube(double u) => u * u * u;

            // f = X³·Y + e^Y: H = [[6XY, 3X²], [3X², e^Y]].
            [Differentiable(Hessian = true)]
            public static double CallS(Q q) => Cube(q.X) * q.Y + Math.Exp(q.Y);
            public static double CallSH(double[] p, double[] h) => CallSHessian(new Q { X = p[0], Y = p[1] }, h);

            // A call before a checkpointed loop (a call in or after the loop leaves it taped, ADG0030).
            [Differentiable(Hessian = true, Checkpoint = true)]
            public static double CallChk(double x, double y, int n)
            {
                double c = Cube(x) * y;
                double s = y;
                for (int i = 0; i < n; i++) s = Math.Sin(s) * c + 0.5 * s;
                return s;
            }
            public static double CallChkH(double[] p, double[] h) => CallChkHessian(p[0], p[1], 30, h);
            public static void CallChkG(double[] p, double[] g) { double dx = 0, dy = 0; CallChkBackward(p[0], p[1], 30, ref dx, ref dy); g[0] = dx; g[1] = dy; }
        }
        """;

    private static readonly Lazy<GeneratorOutput> Generated = new(() => GeneratorHarness.Run(Source));

    private static readonly Lazy<Type> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("HessSfc.M", throwOnError: true)!);

    private static T Method<T>(string name) where T : Delegate => Compiled.Value.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<T>();

    private static double[] Hessian(string name, double[] x)
    {
        var h = Enumerable.Repeat(double.NaN, x.Length * x.Length).ToArray();
        Method<Func<double[], double[], double>>(name + "H")(x, h);
        return h;
    }

    private static void AssertClose(double[] expected, double[] actual, double relative, double absolute, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++)
            Assert.True(Math.Abs(expected[k] - actual[k]) <= absolute + relative * Math.Abs(expected[k]), $"{what}: entry {k} expected {expected[k]:R}, got {actual[k]:R}");
    }

    private static string Product(string name)
    {
        string text = Generated.Value.Generated.Single(g => g.Key.Contains(".M." + name + "_", StringComparison.Ordinal)).Value;
        return text.Substring(text.IndexOf(name + "HessianVector(", StringComparison.Ordinal));
    }

    [Fact]
    public void Generated_IsCleanAndEveryProductIsForwardOverReverse()
    {
        Assert.Empty(Generated.Value.GeneratorDiagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
        foreach (var name in new[] { "RosenP", "QuadS", "Nested", "RosenF", "LseF", "Chk", "CallS", "CallChk" })
        {
            string product = Product(name);
            Assert.Contains("forward over reverse", product, StringComparison.Ordinal);
            Assert.DoesNotContain("HessianVectorWorkspace.Enter", product, StringComparison.Ordinal);
        }
        // The checkpointed loops are checkpointed in the product too (its schedule's counter: the product carries no comments).
        Assert.Contains("checkpointNext", Product("Chk"), StringComparison.Ordinal);
        Assert.Contains("checkpointNext", Product("CallChk"), StringComparison.Ordinal);
        Assert.DoesNotContain("checkpointNext", Product("Taped"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1.2, 1.0)]
    [InlineData(0.3, -0.7)]
    public void Rosenbrock_OverAStruct_MatchesHand(double x, double y)
    {
        var h = Hessian("RosenP", new[] { x, y });
        AssertClose(new[] { 1200 * x * x - 400 * y + 2, -400 * x, -400 * x, 200 }, h, 1e-13, 1e-12, "RosenP");
        var v = new[] { 0.25, -1.5 };
        var hv = new double[2];
        Method<Func<double[], double[], double[], double>>("RosenPV")(new[] { x, y }, v, hv);
        AssertClose(new[] { h[0] * v[0] + h[1] * v[1], h[2] * v[0] + h[3] * v[1] }, hv, 1e-13, 1e-12, "RosenP H·v");
        AssertClose(HessianModeTests.CentralHessian(Method<Action<double[], double[]>>("RosenPG"), new[] { x, y }), h, 1e-6, 1e-5, "RosenP vs central differences");
    }

    [Fact]
    public void QuadraticForm_OverAStructAndADouble_IsAPlusATransposed()
    {
        // x = (p.X, p.Y, w); A = [[1, 2, -0.5], [0, 3, 1.5], [4, -1, 2.5]], written term by term above.
        var a = new[,] { { 1.0, 2.0, -0.5 }, { 0.0, 3.0, 1.5 }, { 4.0, -1.0, 2.5 } };
        var expected = new double[9];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) expected[i * 3 + j] = a[i, j] + a[j, i];
        AssertClose(expected, Hessian("QuadS", new[] { 0.7, -1.3, 2.1 }), 1e-14, 1e-14, "QuadS");
    }

    [Theory]
    [InlineData(0.3, -0.6, 1.1)]
    [InlineData(-0.8, 1.4, 0.5)]
    public void NestedStruct_MatchesHandAndCentralDifferences(double x, double y, double s)
    {
        var h = Hessian("Nested", new[] { x, y, s });
        // f = e^(xs) sin y + s² y.
        double e = Math.Exp(x * s), sy = Math.Sin(y), cy = Math.Cos(y);
        var hand = new[]
        {
            s * s * e * sy, s * e * cy, (1 + x * s) * e * sy,
            s * e * cy, -e * sy, x * e * cy + 2 * s,
            (1 + x * s) * e * sy, x * e * cy + 2 * s, x * x * e * sy + 2 * y,
        };
        AssertClose(hand, h, 1e-13, 1e-13, "Nested");
        AssertClose(HessianModeTests.CentralHessian(Method<Action<double[], double[]>>("NestedG"), new[] { x, y, s }), h, 1e-6, 1e-6, "Nested vs central differences");
    }

    [Theory]
    [InlineData(-1.2f, 1.0f)]
    [InlineData(0.5f, 0.25f)]
    public void Rosenbrock_InFloat_MatchesHand(float x, float y)
    {
        var h = new float[4];
        Method<Func<float[], float[], float>>("RosenFH")(new[] { x, y }, h);
        double dx = x, dy = y;
        AssertClose(new[] { 1200 * dx * dx - 400 * dy + 2, -400 * dx, -400 * dx, 200 }, h.Select(e => (double)e).ToArray(), 1e-5, 1e-4, "RosenF");
    }

    [Fact]
    public void LogSumExp_InFloat_IsDiagPMinusPPTransposed()
    {
        var z = new[] { 0.3f, -1.2f, 2.0f, 0.0f };
        int n = z.Length;
        var h = new float[n * n];
        Method<Func<float[], float[], float>>("LseFH")(z, h);
        double total = z.Sum(e => Math.Exp(e));
        var p = z.Select(e => Math.Exp(e) / total).ToArray();
        var expected = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) expected[i * n + j] = (i == j ? p[i] : 0) - p[i] * p[j];
        AssertClose(expected, h.Select(e => (double)e).ToArray(), 1e-5, 1e-6, "LseF");
        var v = new[] { 1.0f, -0.5f, 0.25f, 2.0f };
        var hv = new float[n];
        Method<Func<float[], float[], float[], float>>("LseFV")(z, v, hv);
        var byHand = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Sum(j => expected[i * n + j] * v[j])).ToArray();
        AssertClose(byHand, hv.Select(e => (double)e).ToArray(), 1e-5, 1e-6, "LseF H·v");
    }

    [Theory]
    [InlineData(0.4, 0.9)]
    [InlineData(0.1, 1.3)]
    [InlineData(1.2, -0.4)]
    public void Checkpointed_IsTheTapedProductBitForBit_AndMatchesCentralDifferences(double a, double b)
    {
        var p = new[] { a, b };
        foreach (var v in new[] { new[] { 1.0, 0.0 }, new[] { 0.0, 1.0 }, new[] { 0.3, -1.7 } })
        {
            var checkpointed = new double[2];
            var taped = new double[2];
            double f1 = Method<Func<double[], double[], double[], double>>("ChkV")(p, v, checkpointed);
            double f2 = Method<Func<double[], double[], double[], double>>("TapedV")(p, v, taped);
            Assert.Equal(f2, f1);
            Assert.Equal(taped, checkpointed);
        }
        AssertClose(HessianModeTests.CentralHessian(Method<Action<double[], double[]>>("ChkG"), p), Hessian("Chk", p), 1e-5, 1e-5, "Chk vs central differences");
    }

    [Theory]
    [InlineData(0.7, -1.1)]
    [InlineData(-1.3, 0.4)]
    public void Call_FromAStructCaller_MatchesHand(double x, double y)
    {
        var h = Hessian("CallS", new[] { x, y });
        AssertClose(new[] { 6 * x * y, 3 * x * x, 3 * x * x, Math.Exp(y) }, h, 1e-13, 1e-13, "CallS");
    }

    [Theory]
    [InlineData(0.6, 0.8)]
    [InlineData(-0.4, 1.1)]
    public void Call_FromACheckpointedCaller_MatchesCentralDifferences(double x, double y)
    {
        var p = new[] { x, y };
        AssertClose(HessianModeTests.CentralHessian(Method<Action<double[], double[]>>("CallChkG"), p), Hessian("CallChk", p), 1e-5, 1e-5, "CallChk vs central differences");
    }

    [Fact]
    public void SteadyState_AllocatesNothing()
    {
        var rosen = Method<Func<double[], double[], double>>("RosenPH");
        var lse = Method<Func<float[], float[], float[], float>>("LseFV");
        var chk = Method<Func<double[], double[], double[], double>>("ChkV");
        var x = new[] { 0.3, 0.9 };
        var h = new double[4];
        var z = new[] { 0.1f, 0.2f };
        var vz = new[] { 1f, 0f };
        var hz = new float[2];
        var v = new[] { 1.0, 0.5 };
        var hv = new double[2];
        for (int i = 0; i < 3; i++)
        {
            rosen(x, h);
            lse(z, vz, hz);
            chk(x, v, hv);
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 50; i++)
        {
            rosen(x, h);
            lse(z, vz, hz);
            chk(x, v, hv);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
