using AutoDiffGen.Generator.Tests.Compatibility;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.SpanOutputs;

/// <summary>
/// Span and array outputs on every language version: the span-typed versions and hoisted phis of a written span, the
/// in/out tangent of MForward and the output copies of MJacobian compile without errors or warnings from C# 7.3 up,
/// with and without nullable (a C# 7.3 source: no record struct, no raw strings).
/// </summary>
public class SpanOutputLanguageVersionTests
{
    private const string Source = @"
using System;
using AutoDiffGen;

namespace SpanOut73
{
    public static partial class S
    {
        [Differentiable(Forward = true, Jacobian = true)]
        public static void Squares(ReadOnlySpan<double> x, Span<double> y)
        {
            for (int i = 0; i < y.Length; i++) y[i] = x[i] * x[i];
            if (x[0] > 0) y[0] *= x[1]; else y[1] += Math.Sin(x[0]);
        }

        [Differentiable(Forward = true, Jacobian = true)]
        public static void Scale(ReadOnlySpan<float> x, float s, Span<float> y)
        {
            for (int i = 0; i < y.Length; i++) y[i] = x[i % x.Length] * s;
            if (s > 0) y[0] = 1; else y[0] *= y[1];
        }

        [Differentiable(Forward = true, Jacobian = true)]
        public static void F1(double a, double b, double c, double[] output)
        {
            output[0] = a * a * a;
            output[1] = a * a * a + b * b * b;
            output[2] = c * c * 10 - a * a;
        }
    }
}";

    public static TheoryData<LanguageVersion, bool> Versions => new()
    {
        { LanguageVersion.CSharp7_3, false },
        { LanguageVersion.CSharp8, true },
        { LanguageVersion.Latest, true },
        { LanguageVersion.Latest, false },
    };

    [Theory]
    [MemberData(nameof(Versions))]
    public void CompilesWithoutErrorsOrWarnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Equal(3, result.Generated.Count);
    }
}
