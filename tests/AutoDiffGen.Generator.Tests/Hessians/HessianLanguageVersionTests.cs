using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>MHessian compiles warning-free on every language version, nullable on and off (the source is C# 7.3), and runs right under C# 7.3.</summary>
public class HessianLanguageVersionTests
{
    /// Loops, branches, an array, a span, a null test, float, Forward and Hessian together, [NoDiff] and int parameters, calls.
    public const string Source = @"
using System;
using AutoDiffGen;

namespace CompatHessian
{
    public static partial class Old
    {
        [Differentiable(Hessian = true)]
        public static double Horner(double[] c, double x)
        {
            double acc = 0;
            for (int i = c.Length - 1; i >= 0; i--) acc = acc * x + c[i];
            return acc;
        }

        [Differentiable(Hessian = true, Forward = true)]
        public static double Rastrigin(ReadOnlySpan<double> x)
        {
            double sum = 10.0 * x.Length;
            for (int i = 0; i < x.Length; i++) sum += x[i] * x[i] - 10 * Math.Cos(2 * Math.PI * x[i]);
            return sum;
        }

        // A jagged parameter (hess16), oblivious under nullable off: its block is JaggedBlocks.Count(a) long.
        [Differentiable(Hessian = true, Forward = true)]
        public static double JaggedQuad(double[][] a, double b)
        {
            double s = 0;
            foreach (var row in a)
                for (int j = 0; j < row.Length; j++) s += row[j] * row[j] * b;
            return s + a[0][0] * a[1][0];
        }

        [Differentiable(Hessian = true)]
        public static double Piecewise(double x, double y)
        {
            double r;
            if (x > 1) r = x * y;
            else if (x < -1) { r = Math.Exp(y); r *= x; }
            else r = x * x + y;
            return r * Math.Sin(y);
        }

        [Differentiable(Hessian = true)]
        public static double NullGuard(double x, double[] w)
        {
            if (w == null) return Math.Sin(x);
            return x * x * w[0];
        }

        [Differentiable(Hessian = true)]
        public static double Until(double x, [NoDiff] double limit, int cap)
        {
            double s = 0;
            int k = 0;
            while (true) { s += x * x * x; k++; if (s > limit || k > cap) break; }
            return s;
        }

        [Differentiable(Hessian = true)]
        public static float Single(float x, double y) => (float)(y * x) * MathF.Tanh(x);

        // Calls differentiated twice (HessianCallTests): scalar, array and span arguments.
        [Differentiable(Hessian = true)]
        public static double ThroughCalls(double x, double[] w) => Horner(w, x) * Piecewise(x, x * x) + Rastrigin(w);

        public static double ThroughCallsH(double[] p, double[] h) { return ThroughCallsHessian(p[0], new double[] { p[1], p[2], p[3] }, h); }
        public static void ThroughCallsG(double[] p, double[] g) { double dx = 0; var dw = new double[3]; ThroughCallsBackward(p[0], new double[] { p[1], p[2], p[3] }, ref dx, dw); g[0] = dx; Array.Copy(dw, 0, g, 1, 3); }

        // A local array that carries a gradient, one created in each iteration, float callers and callees (2026-12-02).
        [Differentiable(Hessian = true)]
        public static double LocalExps(double[] z)
        {
            var e = new double[z.Length];
            for (int i = 0; i < z.Length; i++) e[i] = Math.Exp(z[i]);
            double s = 0;
            for (int i = 0; i < e.Length; i++)
            {
                var u = new double[1];
                u[0] = e[i];
                s += u[0];
            }
            return Math.Log(s);
        }

        [Differentiable(Hessian = true)]
        public static float SquareF(float u) => u * u;

        [Differentiable(Hessian = true)]
        public static float FloatCaller(float x, float y) => SquareF(1 - x) + 100 * SquareF(y - x * x);

        [Differentiable(Hessian = true)]
        public static double MixedCaller(double x, float w) => SquareF((float)x * w) + Math.Exp(x * w);

        public static double LocalExpsH(double[] z, double[] h) { return LocalExpsHessian(z, h); }
        public static float FloatCallerH(float[] p, float[] h) { return FloatCallerHessian(p[0], p[1], h); }

        public static double PiecewiseH(double[] p, double[] h) { return PiecewiseHessian(p[0], p[1], h); }
        public static double NullGuardH(double[] p, double[] h) { return NullGuardHessian(p[0], new double[] { p[1] }, h); }
    }
}
";

    /// A caller that passes null (C# 7.3 only: under nullable annotations the parameter is not nullable).
    private const string NullCaller = @"
namespace CompatHessian
{
    public static partial class Old
    {
        public static double NullGuardNullH(double[] p, double[] h) { return NullGuardHessian(p[0], null, h); }
    }
}
";

    [Theory]
    [MemberData(nameof(LanguageVersionTests.Versions), MemberType = typeof(LanguageVersionTests))]
    public void HessianMethods_CompileWithoutErrorsOrWarnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Equal(12, result.Generated.Count); // one file per method (JaggedQuad since hess16)
        Assert.All(result.Generated.Values, text => Assert.Contains("Hessian(", text, StringComparison.Ordinal));
    }

    [Fact]
    public void CSharp73_HessiansAgreeWithCentralDifferencesOfBackward()
    {
        var result = LanguageVersionHarness.RunForLoad(LanguageVersion.CSharp7_3, false, null, Source);
        Assert.True(result.CompileDiagnostics.IsEmpty, result.Dump());
        var assembly = result.Load();
        var type = assembly.GetType("CompatHessian.Old", throwOnError: true)!;
        var piecewise = new Differentiated(assembly, "CompatHessian.Old", "Piecewise");
        var hessian = type.GetMethod("PiecewiseH")!.CreateDelegate<Func<double[], double[], double>>();
        foreach (var x in new[] { new[] { 0.3, 0.7 }, new[] { -1.5, 0.2 }, new[] { 1.4, 0.2 } })
        {
            var h = new double[4];
            Assert.Equal(piecewise.Value(x), hessian(x, h));
            var expected = HessianModeTests.CentralHessian((p, g) => Array.Copy(piecewise.Backward(p).Gradient, g, 2), x);
            for (int k = 0; k < 4; k++) Assert.True(Math.Abs(expected[k] - h[k]) <= 1e-6 * (1 + Math.Abs(expected[k])), $"Piecewise at {x[0]}, {x[1]}: entry {k} {h[k]} vs {expected[k]}");
        }

        var throughCalls = type.GetMethod("ThroughCallsH")!.CreateDelegate<Func<double[], double[], double>>();
        var throughGradient = type.GetMethod("ThroughCallsG")!.CreateDelegate<Action<double[], double[]>>();
        var at = new[] { 0.6, 0.3, -0.8, 1.2 };
        var calls = new double[16];
        throughCalls(at, calls);
        var central = HessianModeTests.CentralHessian(throughGradient, at);
        for (int k = 0; k < 16; k++) Assert.True(Math.Abs(central[k] - calls[k]) <= 1e-6 * (1 + Math.Abs(central[k])), $"ThroughCalls: entry {k} {calls[k]} vs {central[k]}");

        // log-sum-exp through local arrays: diag p − ppᵀ.
        var z = new[] { 0.2, -0.9, 1.4 };
        var lse = new double[9];
        type.GetMethod("LocalExpsH")!.CreateDelegate<Func<double[], double[], double>>()(z, lse);
        double m = z.Sum(Math.Exp);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) Assert.Equal((i == j ? Math.Exp(z[i]) / m : 0) - Math.Exp(z[i]) * Math.Exp(z[j]) / (m * m), lse[i * 3 + j], 13);
        // Rosenbrock in float through a float helper: [[1200x² − 400y + 2, −400x], [−400x, 200]].
        var rosen = new float[4];
        type.GetMethod("FloatCallerH")!.CreateDelegate<Func<float[], float[], float>>()(new[] { 0.5f, -0.25f }, rosen);
        var byHand = new[] { 1200 * 0.25f + 100 + 2, -200f, -200f, 200f };
        for (int k = 0; k < 4; k++) Assert.True(Math.Abs(byHand[k] - rosen[k]) <= 1e-4f * Math.Abs(byHand[k]), "FloatCaller: entry " + k + " " + rosen[k] + " vs " + byHand[k]);

        // w[0] is the second scalar; with w null there is only x, and sin″ = −sin.
        var withArray = new double[4];
        type.GetMethod("NullGuardH")!.CreateDelegate<Func<double[], double[], double>>()(new[] { 0.5, 3.0 }, withArray);
        Assert.Equal(new[] { 6.0, 1.0, 1.0, 0.0 }, withArray);
        var nullResult = LanguageVersionHarness.RunForLoad(LanguageVersion.CSharp7_3, false, null, Source, NullCaller);
        Assert.True(nullResult.CompileDiagnostics.IsEmpty, nullResult.Dump());
        var nullAssembly = nullResult.Load();
        var withNull = new double[1];
        nullAssembly.GetType("CompatHessian.Old", throwOnError: true)!.GetMethod("NullGuardNullH")!.CreateDelegate<Func<double[], double[], double>>()(new[] { 0.5, 3.0 }, withNull);
        Assert.Equal(-Math.Sin(0.5), withNull[0], 15);
    }
}
