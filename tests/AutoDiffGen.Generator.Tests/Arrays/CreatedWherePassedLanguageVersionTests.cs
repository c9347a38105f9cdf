using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// Arrays created where they are passed and stackalloc spans on every language version they exist in: initializers at
/// the call and stackalloc spans (stored into, passed whole and sliced) from C# 7.3, written in C# 7.3 itself;
/// collection expressions at the call from C# 12. The generated code compiles without warnings, nullable on and off, and
/// the C# 7.3 gradients agree with central differences.
/// </summary>
public class CreatedWherePassedLanguageVersionTests
{
    private const string Source73 = @"
using System;
using AutoDiffGen;

namespace Compat
{
    public static partial class Created
    {
        [Differentiable(Forward = true)]
        public static double SpanSq(ReadOnlySpan<double> v)
        {
            double s = 0;
            for (int i = 0; i < v.Length; i++) s += v[i] * v[i];
            return s;
        }

        [Differentiable(Forward = true)]
        public static double Total(double[] v)
        {
            double s = 0;
            for (int i = 0; i < v.Length; i++) s += Math.Sin(v[i]);
            return s;
        }

        [Differentiable(Forward = true)]
        public static double AtTheCall(double x, double y)
        {
            double s = Total(new[] { x, y * x }) + SpanSq(new double[] { y, 2 });
            for (int k = 0; k < 2; k++) s += Total(new[] { s * 0.5, x });
            return s;
        }

        [Differentiable(Forward = true)]
        public static double Stack(double x, double y)
        {
            Span<double> a = stackalloc double[3];
            a[0] = x;
            a[1] = y * x;
            a[2] = a[0] + a[1];
            double r = SpanSq(a);
            a[1] = r;
            return r + SpanSq(a.Slice(1)) + a[1] * a.Length;
        }
    }
}
";

    private const string Source12 = @"
using System;
using AutoDiffGen;

namespace Compat
{
    public static partial class CreatedCollections
    {
        [Differentiable]
        public static double SpanSq(ReadOnlySpan<double> v)
        {
            double s = 0;
            for (int i = 0; i < v.Length; i++) s += v[i] * v[i];
            return s;
        }

        [Differentiable]
        public static double Of(double x, double y) => SpanSq([x, y, x * y]) + SpanSq([1.0, y]);
    }
}
";

    public static TheoryData<LanguageVersion, bool, int> Versions => new()
    {
        { LanguageVersion.CSharp7_3, false, 73 },
        { LanguageVersion.CSharp8, true, 73 },
        { LanguageVersion.CSharp10, true, 73 },
        { LanguageVersion.CSharp12, true, 12 },
        { LanguageVersion.Latest, false, 12 },
        { LanguageVersion.Latest, true, 73 },
    };

    [Theory]
    [MemberData(nameof(Versions))]
    public void CompilesWithoutErrorsOrWarnings(LanguageVersion version, bool nullable, int source)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, source == 73 ? Source73 : Source12);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Equal(source == 73 ? 4 : 2, result.Generated.Count);
    }

    [Fact]
    public void CSharp73_GradientsAgreeWithCentralDifferences()
    {
        var result = LanguageVersionHarness.RunForLoad(LanguageVersion.CSharp7_3, false, null, Source73);
        Assert.True(result.CompileDiagnostics.IsEmpty, result.Dump());
        var assembly = result.Load();
        foreach (var name in new[] { "AtTheCall", "Stack" })
        {
            var f = new Differentiated(assembly, "Compat.Created", name);
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
    }
}
