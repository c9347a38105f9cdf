using AutoDiffGen.Generator.Tests.ControlFlow;
using AutoDiffGen.Generator.Tests.GraphView;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Compatibility;

/// <summary>
/// Generated code compiles, warning-free, on every language version a consumer may use: C# 7.3 (a
/// netstandard2.0 library's default) has no #nullable, T?, x!, 'is not', switch expressions, target-typed
/// new, ??=, static lambdas or ranges. The sources here are written in C# 7.3 themselves.
/// </summary>
public class LanguageVersionTests
{
    /// Loops with tapes, branches, early returns, calls, arrays, spans, local arrays, [NoDiff], a null test, float, tensors.
    public const string Source = @"
using System;
using AutoDiffGen;
using AutoDiffGen.Tensors;

namespace Compat
{
    public static partial class Old
    {
        [Differentiable]
        public static double Horner(double[] c, double x)
        {
            double acc = 0;
            for (int i = c.Length - 1; i >= 0; i--) acc = acc * x + c[i];
            return acc;
        }

        [Differentiable]
        public static double Rastrigin(ReadOnlySpan<double> x)
        {
            double sum = 10.0 * x.Length;
            for (int i = 0; i < x.Length; i++) sum += x[i] * x[i] - 10 * Math.Cos(2 * Math.PI * x[i]);
            return sum;
        }

        [Differentiable]
        public static double Piecewise(double x, double y)
        {
            double r;
            if (x > 1) r = x * y;
            else if (x < -1) { r = Math.Exp(y); r *= x; }
            else r = x * x + y;
            return r + y;
        }

        [Differentiable]
        public static double EarlyReturn(double x, double y)
        {
            double a = x * y;
            if (a > 2) return a * a;
            double b = a + x;
            if (b < 0) return -b;
            return b * y;
        }

        [Differentiable]
        public static double Sigmoid(double z) => 1.0 / (1.0 + Math.Exp(-z));

        [Differentiable]
        public static double Neuron(double w, double x, double b) => Sigmoid(w * x + b) * Sigmoid(b);

        [Differentiable]
        public static double Iterate(double x, int steps)
        {
            double v = x;
            for (int i = 0; i < steps; i++)
            {
                if (v > 1) v = Math.Sqrt(v);
                else v = v * 1.5 + 0.1;
                if (i == 7) break;
            }
            return v;
        }

        [Differentiable]
        public static double LocalArray(double[] a, double x)
        {
            double[] c = new double[2];
            if (x > 0) c[0] = a[0] * x; else c[0] = a[1] * x;
            c[1] = a[1];
            return c[0] * c[1];
        }

        [Differentiable]
        public static double ArrayAfterGuard(double[] a, double x)
        {
            if (x > 10) return x;
            double[] c = new double[2];
            c[0] = a[0] * x;
            c[1] = a[1];
            return c[0] * c[1];
        }

        [Differentiable]
        public static double NullGuard(double[] a, double x)
        {
            if (a == null) return 0;
            return a[0] * x + a[1];
        }

        [Differentiable]
        public static double Weighted(double x, [NoDiff] double[] w, [NoDiff] double scale) => w[0] * x * scale;

        [Differentiable(Graph = true)]
        public static double Drawn(double x, double y) => Math.Sin(x) * y + Weighted(y, Weights, 1.5);

        private static readonly double[] Weights = { 2.0 };

        [Differentiable]
        public static float Softplus(float x) => MathF.Log(1 + MathF.Exp(x));

        [Differentiable]
        public static float NormSquared(Tensor W, Tensor x) => Tensor.SquaredL2Norm(Tensor.MatMul(W, x));

        [Differentiable]
        public static Tensor Layer([NoDiff] Tensor x, Tensor w, Tensor b, float scale)
        {
            Tensor h = Tensor.AddBias(Tensor.MatMul(x, w), b);
            return Tensor.Scale(Tensor.Tanh(h) + h * h, scale);
        }
    }
}
";

    public static TheoryData<LanguageVersion, bool> Versions => new()
    {
        { LanguageVersion.CSharp7_3, false },
        { LanguageVersion.CSharp8, false },
        { LanguageVersion.CSharp8, true },
        { LanguageVersion.CSharp9, true },
        { LanguageVersion.CSharp10, true },
        { LanguageVersion.Latest, true },
        { LanguageVersion.Latest, false },
    };

    [Theory]
    [MemberData(nameof(Versions))]
    public void RepresentativeMethods_CompileWithoutErrorsOrWarnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, FakeOptions.EmitGraphs, Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Empty(GeneratorHarness.AnalyzerDiagnostics(result.Compilation));
        Assert.Contains(result.Generated.Keys, k => k.Contains("Horner", StringComparison.Ordinal));
        Assert.Contains(result.Generated.Keys, k => k.EndsWith(".Graph.g.cs", StringComparison.Ordinal));
        Assert.Equal(15, result.Generated.Count(g => !g.Key.EndsWith(".Graph.g.cs", StringComparison.Ordinal)));
        // The header says #nullable exactly where the language has it.
        bool expected = version >= LanguageVersion.CSharp8;
        Assert.All(result.Generated.Values, text => Assert.Equal(expected, text.Contains("#nullable enable", StringComparison.Ordinal)));
    }

    [Fact]
    public void CSharp73_GradientsAgreeWithCentralDifferences()
    {
        var result = LanguageVersionHarness.RunForLoad(LanguageVersion.CSharp7_3, false, null, Source);
        Assert.True(result.CompileDiagnostics.IsEmpty, result.Dump());
        var assembly = result.Load();
        foreach (var (name, x) in new[] { ("Piecewise", new[] { 0.3, 0.7 }), ("Piecewise", new[] { -1.5, 0.2 }), ("EarlyReturn", new[] { 0.5, 1.2 }), ("Neuron", new[] { 0.4, -0.3, 0.2 }) })
        {
            var f = new Differentiated(assembly, "Compat.Old", name);
            var (_, gradient) = f.Backward(x);
            for (int i = 0; i < x.Length; i++)
            {
                Assert.Equal(CentralDifference(f, x, i), gradient[i], 6);
            }
        }
        // Arrays: a local array written in branches, and an array created after an early return.
        var type = assembly.GetType("Compat.Old")!;
        foreach (var (name, x) in new[] { ("LocalArray", 0.7), ("LocalArray", -0.4), ("ArrayAfterGuard", 0.9), ("NullGuard", 0.3) })
        {
            double[] a = { 1.3, -0.8 };
            var dA = new double[2];
            object[] args = { a, x, dA, 0.0, 1.0 };
            type.GetMethod(name + "Backward")!.Invoke(null, args);
            var primal = type.GetMethod(name)!;
            double h = 1e-6;
            for (int i = 0; i < 2; i++)
            {
                var up = (double[])a.Clone(); up[i] += h;
                var down = (double[])a.Clone(); down[i] -= h;
                double fd = ((double)primal.Invoke(null, new object[] { up, x })! - (double)primal.Invoke(null, new object[] { down, x })!) / (2 * h);
                Assert.Equal(fd, dA[i], 6);
            }
            double fdx = ((double)primal.Invoke(null, new object[] { a, x + h })! - (double)primal.Invoke(null, new object[] { a, x - h })!) / (2 * h);
            Assert.Equal(fdx, (double)args[3], 6);
        }
    }

    private static double CentralDifference(Differentiated f, double[] x, int i)
    {
        const double h = 1e-6;
        var up = (double[])x.Clone(); up[i] += h;
        var down = (double[])x.Clone(); down[i] -= h;
        return (f.Value(up) - f.Value(down)) / (2 * h);
    }
}
