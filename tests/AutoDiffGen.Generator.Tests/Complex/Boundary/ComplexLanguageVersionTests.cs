using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using C = System.Numerics.Complex;

namespace AutoDiffGen.Generator.Tests.Complex.Boundary;

/// <summary>Complex parameters, results and helpers: the generated code compiles warning-free on every language version, C# 7.3 included, and is right there.</summary>
public class ComplexLanguageVersionTests
{
    /// <summary>Written in C# 7.3: Complex parameters, a Complex result, a helper, Pow, a loop with a branch.</summary>
    private const string Source = @"
using System;
using System.Numerics;
using AutoDiffGen;

namespace Compat
{
    public static partial class Old
    {
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
        Assert.Equal(2, result.Generated.Count);
    }

    [Theory]
    [InlineData(0.3, -0.2, -0.4, 0.5, 5)]
    [InlineData(0.9, 0.7, 0.2, -0.6, 3)]
    public void CSharp73_ComplexGradientsAgreeWithCentralDifferences(double x, double y, double cx, double cy, int n)
    {
        var result = LanguageVersionHarness.Run(LanguageVersion.CSharp7_3, false, null, Source);
        Assert.True(result.CompileDiagnostics.IsEmpty, result.Dump());
        var type = result.Load().GetType("Compat.Old")!;
        CentralDifferenceRunner.Check(type.GetMethod("Orbit")!, null, new object[] { new C(x, y), new C(cx, cy), n });
        Structs.VectorChecks.Check(type.GetMethod("Map")!, new object[] { new C(x, y), new C(cx, cy) });
    }
}
