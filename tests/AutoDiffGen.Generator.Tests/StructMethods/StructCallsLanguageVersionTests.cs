using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.StructMethods;

/// <summary>
/// A struct's methods called on struct values, a tuple result deconstructed, and Complex arithmetic, written in C# 7.3:
/// the generated code compiles with no error or warning on every language version, nullable on and off.
/// </summary>
public class StructCallsLanguageVersionTests
{
    private const string Source = @"
using System;
using System.Numerics;
using AutoDiffGen;

namespace Compat
{
    public partial struct V2
    {
        public double X;
        public double Y;

        [Differentiable(WithRespectToThis = true)]
        public double Norm() { return Math.Sqrt(X * X + Y * Y); }

        [Differentiable(WithRespectToThis = true)]
        public V2 Scale(double k) { return new V2 { X = X * k, Y = Y * k }; }
    }

    public static partial class Old
    {
        [Differentiable]
        public static (double, double) Polar(double r, double t) { return (r * Math.Cos(t), r * Math.Sin(t)); }

        [Differentiable]
        public static double Uses(double x, double y, double k)
        {
            V2 p = new V2 { X = x, Y = y };
            double a, b;
            (a, b) = Polar(x, y);
            Complex z = new Complex(a, b);
            Complex w = Complex.Exp(z) / (z * Complex.Conjugate(z) + 1.0);
            return p.Scale(k).Norm() + w.Real + z.Magnitude + Polar(k, x).Item2;
        }
    }
}
";

    [Theory]
    [MemberData(nameof(LanguageVersionTests.Versions), MemberType = typeof(LanguageVersionTests))]
    public void CompileWithoutErrorsOrWarnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Empty(GeneratorHarness.AnalyzerDiagnostics(result.Compilation));
        Assert.Equal(4, result.Generated.Count);
    }
}
