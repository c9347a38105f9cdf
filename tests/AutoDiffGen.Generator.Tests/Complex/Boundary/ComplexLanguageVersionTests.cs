using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using C = System.Numerics.Complex;

namespace AutoDiffGen.Generator.Tests.Complex.Boundary;

/// <summary>Complex parameters, results and helpers: the generated code compiles warning-free on every language version, C# 7.3 included, and is right there.</summary>
public class ComplexLanguageVersionTests
{
    /// <summary>
    /// Written in C# 7.3: Complex parameters, a Complex result, a helper, Pow, a loop with a branch; a Complex[] and a
    /// ReadOnlySpan&lt;Complex&gt; parameter, a struct holding a Complex, Asin/Acos/Atan.
    /// </summary>
    private const string Source = @"
using System;
using System.Numerics;
using AutoDiffGen;

namespace Compat
{
    public struct Wave { public Complex Amp; public double Freq; }

    public static partial class Old
    {
        [Differentiable]
        public static double Poly(Complex[] c, Complex x, Wave w)
        {
            Complex p = Complex.Zero;
            for (int k = c.Length - 1; k >= 0; k--) p = p * x + c[k];
            return Complex.Asin(0.3 * p).Real + Complex.Acos(0.2 * x).Imaginary + Complex.Atan(w.Amp * 0.5).Real * w.Freq + Sum(c);
        }

        [Differentiable]
        public static double Sum(ReadOnlySpan<Complex> z)
        {
            double s = 0;
            for (int i = 0; i < z.Length; i++) s += z[i].Real * z[i].Imaginary;
            return s;
        }

        [Differentiable(Forward = true)]
        public static Complex Map(Complex z, Complex c)
        {
            return z * z + c;
        }

        [Differentiable]
        public static double Orbit(Complex z, Complex c, int n)
        {
            Complex w = z;
            for (int i = 0; i < n; i++)
            {
                w = Map(w, c);
                if (w.Magnitude > 2) w = w / w.Magnitude;
            }
            return Complex.Pow(w, 3).Real + Complex.Tan(0.5 * c).Imaginary + w.Phase;
        }
    }
}
";

    [Theory]
    [MemberData(nameof(LanguageVersionTests.Versions), MemberType = typeof(LanguageVersionTests))]
    public void ComplexBoundary_CompilesWithoutErrorsOrWarnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Empty(GeneratorHarness.AnalyzerDiagnostics(result.Compilation));
        Assert.Equal(4, result.Generated.Count);
    }

    [Theory]
    [InlineData(0.3, -0.2, -0.4, 0.5, 5)]
    [InlineData(0.9, 0.7, 0.2, -0.6, 3)]
    public void CSharp73_ComplexGradientsAgreeWithCentralDifferences(double x, double y, double cx, double cy, int n)
    {
        var result = LanguageVersionHarness.RunForLoad(LanguageVersion.CSharp7_3, false, null, Source);
        Assert.True(result.CompileDiagnostics.IsEmpty, result.Dump());
        var assembly = result.Load();
        var type = assembly.GetType("Compat.Old")!;
        CentralDifferenceRunner.Check(type.GetMethod("Orbit")!, null, new object[] { new C(x, y), new C(cx, cy), n });
        Structs.VectorChecks.Check(type.GetMethod("Map")!, new object[] { new C(x, y), new C(cx, cy) });
        var wave = Activator.CreateInstance(assembly.GetType("Compat.Wave")!)!;
        wave.GetType().GetField("Amp")!.SetValue(wave, new C(cx, y));
        wave.GetType().GetField("Freq")!.SetValue(wave, x);
        CentralDifferenceRunner.Check(type.GetMethod("Poly")!, null, new object[] { new[] { new C(x, cy), new C(y, 0.1), new C(-0.3, cx) }, new C(cx, cy), wave });
    }
}
