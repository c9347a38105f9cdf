using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Linq;

/// <summary>
/// The loops LINQ is lowered to compile without errors or warnings on every language version (written in C# 7.3 itself),
/// nullable on and off, in every mode (reverse, forward, Hessian, checkpointed), and the C# 7.3 gradients agree with central differences.
/// </summary>
public class LinqLanguageVersionTests
{
    private const string Source73 = @"
using System;
using System.Linq;
using AutoDiffGen;

namespace Compat
{
    public static partial class Linq
    {
        private static readonly double[] W = { 0.5, -1.5, 2.0 };

        [Differentiable(Forward = true)]
        public static double All(double[] x, double y)
        {
            double m = x.Average();
            return x.Sum() * y + x.Select(v => (v - m) * (v - m)).Sum() + x.Zip(W, (a, b) => a * b).Sum()
                + x.Max() - x.Min(v => v * y) + Enumerable.Range(1, 2).Sum(i => x[i] * i) + x.Aggregate(y, (acc, v) => acc * 0.5 + v) + x.Where(v => v > 0).Average(v => v * y);
        }

        [Differentiable(Hessian = true)]
        public static double Curved(double[] x) => x.Select((v, i) => v * v * (i + 1)).Sum() + x.Aggregate((acc, v) => acc * v) + x.Where(v => v < 1).Max(v => v * v * v);

        [Differentiable(Checkpoint = true)]
        public static double Settle(double[] x, double y)
        {
            double s = y;
            for (int k = 0; k < 5; k++) s = s * 0.5 + x.Sum(v => Math.Sin(v * s));
            return s;
        }

    }
}
";

    public static TheoryData<LanguageVersion, bool> Versions => new()
    {
        { LanguageVersion.CSharp7_3, false },
        { LanguageVersion.CSharp8, true },
        { LanguageVersion.CSharp10, false },
        { LanguageVersion.Latest, false },
        { LanguageVersion.Latest, true },
    };

    [Theory]
    [MemberData(nameof(Versions))]
    public void CompilesWithoutErrorsOrWarnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, Source73);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Equal(3, result.Generated.Count);
    }

    [Fact]
    public void CSharp73_GradientsAgreeWithCentralDifferences()
    {
        var result = LanguageVersionHarness.RunForLoad(LanguageVersion.CSharp7_3, false, null, Source73);
        Assert.True(result.CompileDiagnostics.IsEmpty, result.Dump());
        var assembly = result.Load();
        var type = assembly.GetType("Compat.Linq")!;
        foreach (var (name, point) in new[] { ("All", new object[] { new[] { 0.7, -0.4, 1.3 }, 0.6 }), ("Curved", new object[] { new[] { 0.7, -0.4, 1.3 } }), ("Settle", new object[] { new[] { 0.7, -0.4, 1.3 }, 0.6 }) })
        {
            CentralDifferenceRunner.Check(type.GetMethod(name)!, null, point);
        }
    }
}
