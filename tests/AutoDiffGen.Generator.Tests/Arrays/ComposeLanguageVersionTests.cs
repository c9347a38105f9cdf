using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// The composing array forms on every language version they exist in: initializers, arrays created in loops and passed
/// to callees, snapshots, AsSpan slices and expanded params from C# 7.3 (written in C# 7.3 itself); ranges and ^k from
/// C# 8; collection expressions from C# 12. The generated code compiles without warnings, nullable on and off, and the
/// C# 7.3 gradients agree with central differences.
/// </summary>
public class ComposeLanguageVersionTests
{
    private const string Source73 = @"
using System;
using AutoDiffGen;

namespace Compat
{
    public static partial class Arrays
    {
        [Differentiable]
        public static double SpanSq(ReadOnlySpan<double> v)
        {
            double s = 0;
            for (int i = 0; i < v.Length; i++) s += v[i] * v[i];
            return s;
        }

        [Differentiable]
        public static double Total(params double[] v)
        {
            double s = 0;
            for (int i = 0; i < v.Length; i++) s += Math.Sin(v[i]);
            return s;
        }

        [Differentiable]
        public static double Init(double x, double y)
        {
            double[] a = { x, y * x, 2 };
            var b = new[] { y, a[1] };
            return a[0] * a[1] * a[2] + Total(b) + SpanSq(a.AsSpan(1, 2));
        }

        [Differentiable]
        public static double Loops(double x, double y)
        {
            double s = 0;
            for (int k = 0; k < 3; k++)
            {
                var t = new double[k + 1];
                for (int i = 0; i <= k; i++) t[i] = x * i + y;
                s += SpanSq(t) * 0.5 + Total(t);
                t[0] = s;
                s += Total(t) * 0.1;
            }
            return s + Total(x, y, x * y);
        }
    }
}
";

    private const string Source8 = @"
using System;
using AutoDiffGen;

namespace Compat
{
    public static partial class Ranges
    {
        [Differentiable]
        public static double SpanSq(ReadOnlySpan<double> v)
        {
            double s = 0;
            for (int i = 0; i < v.Length; i++) s += v[i] * v[i];
            return s;
        }

        [Differentiable]
        public static double Of(double[] x) => SpanSq(x[1..]) + SpanSq(x[..^1]) * x[^1];
    }
}
";

    private const string Source12 = @"
using System;
using AutoDiffGen;

namespace Compat
{
    public static partial class Collections
    {
        [Differentiable]
        public static double Of(double x, double y)
        {
            double[] a = [x, y, x * y];
            return a[0] * a[2] + a[1];
        }
    }
}
";

    public static TheoryData<LanguageVersion, bool, int> Versions => new()
    {
        { LanguageVersion.CSharp7_3, false, 73 },
        { LanguageVersion.CSharp8, true, 73 },
        { LanguageVersion.CSharp8, false, 8 },
        { LanguageVersion.CSharp10, true, 8 },
        { LanguageVersion.CSharp12, true, 12 },
        { LanguageVersion.Latest, false, 12 },
        { LanguageVersion.Latest, true, 12 },
    };

    [Theory]
    [MemberData(nameof(Versions))]
    public void CompilesWithoutErrorsOrWarnings(LanguageVersion version, bool nullable, int source)
    {
        string text = source switch { 73 => Source73, 8 => Source8, _ => Source12 };
        var result = LanguageVersionHarness.Run(version, nullable, null, text);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Equal(source switch { 73 => 4, 8 => 2, _ => 1 }, result.Generated.Count);
    }

    [Fact]
    public void CollectionExpressions_DoNotExistBeforeCSharp12()
    {
        var result = LanguageVersionHarness.Run(LanguageVersion.CSharp11, true, null, Source12);
        // The compiler's own error at [x, y, …]; the generator adds nothing wrong on top (and no code that does not compile).
        Assert.Contains(result.CompileDiagnostics, d => d.Severity == DiagnosticSeverity.Error && d.GetMessage().Contains("collection expressions", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(result.CompileDiagnostics, d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void CSharp73_GradientsAgreeWithCentralDifferences()
    {
        var result = LanguageVersionHarness.RunForLoad(LanguageVersion.CSharp7_3, false, null, Source73);
        Assert.True(result.CompileDiagnostics.IsEmpty, result.Dump());
        var assembly = result.Load();
        foreach (var name in new[] { "Init", "Loops" })
        {
            var f = new Differentiated(assembly, "Compat.Arrays", name);
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
