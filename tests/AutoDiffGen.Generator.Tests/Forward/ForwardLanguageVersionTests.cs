using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Forward;

/// <summary>MForward compiles warning-free on every language version (the source is C# 7.3), and runs right under C# 7.3.</summary>
public class ForwardLanguageVersionTests
{
    /// Loops (a carried tangent, a break), branches, arrays, spans, a local array after a guard, stored in a branch, a null test, float, calls.
    public const string Source = @"
using System;
using AutoDiffGen;

namespace CompatForward
{
    public static partial class Old
    {
        [Differentiable(Forward = true)]
        public static double Horner(double[] c, double x)
        {
            double acc = 0;
            for (int i = c.Length - 1; i >= 0; i--) acc = acc * x + c[i];
            return acc;
        }

        [Differentiable(Forward = true)]
        public static double Rastrigin(ReadOnlySpan<double> x)
        {
            double sum = 10.0 * x.Length;
            for (int i = 0; i < x.Length; i++) sum += x[i] * x[i] - 10 * Math.Cos(2 * Math.PI * x[i]);
            return sum;
        }

        [Differentiable(Forward = true)]
        public static double Piecewise(double x, double y)
        {
            double r;
            if (x > 1) r = x * y;
            else if (x < -1) { r = Math.Exp(y); r *= x; }
            else r = x * x + y;
            return r + y;
        }

        [Differentiable(Forward = true)]
        public static double LocalArray(double x, double y)
        {
            if (x <= 0) return Math.Sin(y);
            double[] t = new double[2];
            if (x > 1) t[0] = x * y; else t[0] = y * y;
            t[1] = y;
            return t[0] * t[1];
        }

        [Differentiable(Forward = true)]
        public static double NullGuard(double x, double[] w)
        {
            if (w == null) return Math.Sin(x);
            return x * w[0];
        }

        [Differentiable(Forward = true)]
        public static double Until(double x, double limit)
        {
            double s = 0;
            while (true) { s += x * x; if (s > limit) break; }
            return s;
        }

        [Differentiable(Forward = true)]
        public static float Single(float x, double y) => (float)(y * x) * MathF.Tanh(x);

        [Differentiable(Forward = true)]
        public static double Caller(double x, double y) => Piecewise(x, y) + NullGuard(y, W) + Until(x, 3.0);

        private static readonly double[] W = { 0.5, 2.0 };
    }
}
";

    [Theory]
    [MemberData(nameof(LanguageVersionTests.Versions), MemberType = typeof(LanguageVersionTests))]
    public void ForwardMethods_CompileWithoutErrorsOrWarnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Equal(8, result.Generated.Count);
        Assert.All(result.Generated.Values, text => Assert.Contains("Forward(", text, StringComparison.Ordinal));
    }

    [Fact]
    public void CSharp73_TangentsAgreeWithBackward()
    {
        var result = LanguageVersionHarness.RunForLoad(LanguageVersion.CSharp7_3, false, null, Source);
        Assert.True(result.CompileDiagnostics.IsEmpty, result.Dump());
        var assembly = result.Load();
        double[] t = { 0.6, -1.3 };
        foreach (var (name, x) in new[] { ("Piecewise", new[] { 0.3, 0.7 }), ("Piecewise", new[] { -1.5, 0.2 }), ("Piecewise", new[] { 1.4, 0.2 }), ("LocalArray", new[] { 0.7, 0.4 }),
                     ("LocalArray", new[] { -0.7, 0.4 }), ("LocalArray", new[] { 1.5, 0.4 }), ("Until", new[] { 0.8, 2.0 }), ("Caller", new[] { 0.55, 1.2 }) })
        {
            var f = new Differentiated(assembly, "CompatForward.Old", name);
            var (_, gradient) = f.Backward(x);
            var (value, tangent) = f.Forward(x, t);
            Assert.Equal(f.Value(x), value);
            Tolerance.AssertFormula((gradient[0] * t[0]) + (gradient[1] * t[1]), tangent, name + " tResult vs Backward · t");
            const double h = 1e-6;
            double along = (f.Value(x[0] + (h * t[0]), x[1] + (h * t[1])) - f.Value(x[0] - (h * t[0]), x[1] - (h * t[1]))) / (2 * h);
            Tolerance.AssertCentral(along, tangent, value, name + " tResult vs central differences");
        }
    }
}
