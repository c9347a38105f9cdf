using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Statements;

/// <summary>
/// The written forms on every language version: the Backward of a method with ++/-- in loop tests, chained
/// assignments, swaps and local functions compiles without warnings from C# 7.3 up, and its C# 7.3 gradients agree
/// with central differences. The source is written in C# 7.3 itself.
/// </summary>
public class WrittenLanguageVersionTests
{
    private const string Source = @"
using System;
using AutoDiffGen;

namespace Compat
{
    public static partial class Written
    {
        [Differentiable]
        public static double Countdown(double x, double y)
        {
            int n = 4;
            double p = 1;
            while (n-- > 0) p *= x + y * n;
            return p + n;
        }

        [Differentiable]
        public static double Chain(double x, double y)
        {
            double a, b;
            a = b = x * y;
            double c = (a += y) * b;
            return c + a;
        }

        [Differentiable]
        public static double Swaps(double x, double y)
        {
            double a = x, b = y;
            for (int i = 0; i < 3; i++) (a, b) = (b * 0.5, a + b);
            var (p, q) = (a * b, a - b);
            return p + q;
        }

        [Differentiable]
        public static double Local(double x, double y)
        {
            double k = y * y;
            double F(double t) => Math.Sin(t) * k;
            return F(x) + F(y);
        }
    }
}
";

    public static TheoryData<LanguageVersion, bool> Versions => new()
    {
        { LanguageVersion.CSharp7_3, false },
        { LanguageVersion.CSharp8, true },
        { LanguageVersion.Latest, true },
    };

    [Theory]
    [MemberData(nameof(Versions))]
    public void CompilesWithoutErrorsOrWarnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Equal(4, result.Generated.Count);
    }

    [Fact]
    public void CSharp73_GradientsAgreeWithCentralDifferences()
    {
        var result = LanguageVersionHarness.RunForLoad(LanguageVersion.CSharp7_3, false, null, Source);
        Assert.True(result.CompileDiagnostics.IsEmpty, result.Dump());
        var assembly = result.Load();
        foreach (var name in new[] { "Countdown", "Chain", "Swaps", "Local" })
        {
            var f = new Differentiated(assembly, "Compat.Written", name);
            double[] x = { 0.7, -0.4 };
            var (value, gradient) = f.Backward(x);
            Tolerance.AssertFormula(f.Value(x), value, name + " value");
            for (int i = 0; i < x.Length; i++)
            {
                const double h = 1e-6;
                var up = (double[])x.Clone(); up[i] += h;
                var down = (double[])x.Clone(); down[i] -= h;
                Tolerance.AssertCentral((f.Value(up) - f.Value(down)) / (2 * h), gradient[i], value, name + " d/dx" + i);
            }
        }
        // Local: sin(x)·y² + sin(y)·y², by hand.
        var local = new Differentiated(assembly, "Compat.Written", "Local").Backward(new[] { 0.7, -0.4 }).Item2;
        Tolerance.AssertFormula(Math.Cos(0.7) * 0.16, local[0], "dLocal/dx");
        Tolerance.AssertFormula((2 * -0.4 * (Math.Sin(0.7) + Math.Sin(-0.4))) + (Math.Cos(-0.4) * 0.16), local[1], "dLocal/dy");
    }
}
