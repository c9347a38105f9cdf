using System.Globalization;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// Local jagged arrays as people build them (<c>var m = new double[n][]; m[i] = new double[k]; m[i][j] = …</c>, and
/// initializers of new rows): gradients against central differences and hand values. A row created again after it was
/// read is there because its adjoint must start again from zero where it was created (a shared adjoint would give a
/// wrong gradient); a row set to an existing array (aliasing) must be an error.
/// </summary>
public class JaggedLocalTests
{
    public const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Jl
        {
            [Differentiable]
            public static double Scaled(double[] x, int n)
            {
                var m = new double[n][];
                for (int i = 0; i < n; i++)
                {
                    m[i] = new double[x.Length];
                    for (int j = 0; j < x.Length; j++) m[i][j] = x[j] * (i + 1);
                }
                double s = 0;
                for (int i = 0; i < m.Length; i++)
                    for (int j = 0; j < m[i].Length; j++) s += m[i][j] * m[i][j];
                return s;
            }

            // Rows set to initializers (Natural/Batch Ext.Jagged), one that reads the row it replaces, and one in a loop.
            [Differentiable]
            public static double RowInitializers(double[] x, int n)
            {
                var m = new double[2][];
                m[0] = new[] { x[0], x[1] * x[0] };
                m[1] = new double[] { x[1], Math.Sin(x[0]), x[2] };
                double s = m[0][1] * m[1][2];
                m[0] = new[] { m[0][1], m[1][0] * m[0][0], 2.0 };
                for (int i = 0; i < n; i++)
                {
                    m[1] = new[] { m[1][1] * x[i % 3], m[0][2] };
                    s += m[1][0] * m[1][1];
                }
                return s + m[0][0] * m[0][1] + m[0][2] * m[1][0];
            }

            [Differentiable]
            public static double Triangle(double[] x)
            {
                int n = x.Length;
                var t = new double[n][];
                for (int i = 0; i < n; i++)
                {
                    t[i] = new double[i + 1];
                    for (int j = 0; j <= i; j++) t[i][j] = x[i] * x[j];
                    t[i][i] += 1;
                }
                double s = 0;
                for (int i = 0; i < n; i++)
                    for (int j = 0; j <= i; j++) s += Math.Sin(t[i][j]);
                return s;
            }

            [Differentiable]
            public static double Recreated(double a, double b)
            {
                var m = new double[2][];
                m[0] = new double[2];
                m[0][0] = a * b;
                double first = m[0][0] * a;
                m[0] = new double[2];
                m[0][1] = b;
                return first + m[0][0] + m[0][1] * a;
            }

            [Differentiable]
            public static double Shrunk(double a, double b)
            {
                var m = new double[1][];
                m[0] = new double[3];
                m[0][2] = a * b;
                double first = m[0][2] * a;
                m[0] = new double[1];
                m[0][0] = b;
                return first + m[0][0] * a;
            }

            [Differentiable]
            public static double RecreatedInLoop(double a, int steps)
            {
                var m = new double[1][];
                double s = 0;
                for (int k = 0; k < steps; k++)
                {
                    m[0] = new double[1];
                    m[0][0] += a * (k + 1);
                    s += m[0][0] * m[0][0];
                }
                return s;
            }

            [Differentiable]
            public static double Initialized(double a, double b, double c, double d)
            {
                double[][] A = { new[] { a, b }, new[] { c, d } };
                double[][] B = { new double[] { 1, 2 }, new double[] { 3, 4 } };
                A[1][0] *= A[0][1];
                return A[0][0] * B[0][0] + A[0][1] * B[1][0] + A[1][0] * B[0][1] + A[1][1] * B[1][1];
            }
        }
        """;

    public const string Diagnosed = """
        using System;
        using AutoDiffGen;

        public static partial class Jb
        {
            [Differentiable]
            public static double Shared(double a)
            {
                var m = new double[2][];
                var r = new double[1];
                m[0] = r;
                m[1] = r;
                m[0][0] = a;
                return m[1][0] * a;
            }

            [Differentiable]
            public static double InLoop(double[] x)
            {
                double s = 0;
                for (int k = 0; k < 2; k++) { var m = new double[1][]; m[0] = new double[1]; m[0][0] = x[0]; s += m[0][0]; }
                return s;
            }

            [Differentiable]
            public static double RowAlias(double a)
            {
                var m = new double[1][];
                m[0] = new double[2];
                double[] row = m[0];
                row[0] = a;
                return m[0][0] * a;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static CentralDifferenceRunner.Result Check(string name, params object[] point) =>
        CentralDifferenceRunner.Check(Compiled.Value.GetType("Jl")!.GetMethod(name)!, null, point);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Scaled_ByHand(int n)
    {
        // Σi Σj ((i + 1) xj)² → 2 xj Σi (i + 1)².
        var x = new[] { 0.7, -1.3, 0.4 };
        var g = Check("Scaled", x, n).Gradient[0]!;
        double k = Enumerable.Range(1, n).Sum(i => (double)i * i);
        for (int j = 0; j < x.Length; j++) Assert.Equal(2 * x[j] * k, g[j], 10);
    }

    [Fact]
    public void Triangle_RowsOfDifferentLengths_MatchCentralDifferences()
    {
        Check("Triangle", new object[] { new[] { 0.7, -1.3, 0.4, 1.1 } });
        Check("Triangle", new object[] { new[] { -0.2 } });
    }

    [Theory]
    [InlineData(0.7, -1.3)]
    [InlineData(-0.4, 0.9)]
    public void Recreated_RowStartsAgainFromZero_ByHand(double a, double b)
    {
        // a²b + 0 + ab → (2ab + b, a² + a); a shared adjoint would add the new row's read into the old row's store.
        var g = Check("Recreated", a, b).Gradient;
        Assert.Equal((2 * a * b) + b, g[0]![0], 12);
        Assert.Equal((a * a) + a, g[1]![0], 12);
    }

    [Theory]
    [InlineData(0.7, -1.3)]
    [InlineData(-0.4, 0.9)]
    public void Shrunk_RowCreatedAgainShorter_ByHand(double a, double b)
    {
        // The first row (3 long) was read at [2]; the new one is 1 long: a²b + ab → (2ab + b, a² + a).
        var g = Check("Shrunk", a, b).Gradient;
        Assert.Equal((2 * a * b) + b, g[0]![0], 12);
        Assert.Equal((a * a) + a, g[1]![0], 12);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    public void RecreatedInLoop_ByHand(int steps)
    {
        // Each step's row is fresh: Σk ((k + 1) a)² → 2a Σk (k + 1)².
        double a = 0.6;
        var g = Check("RecreatedInLoop", a, steps).Gradient;
        Assert.Equal(2 * a * Enumerable.Range(1, steps).Sum(k => (double)k * k), g[0]![0], 10);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void RowInitializers_MatchCentralDifferences_AndByHand(int n)
    {
        double[] x = { 0.7, -1.3, 0.4 };
        var g = Check("RowInitializers", x.Clone(), n).Gradient[0]!;
        if (n != 0) return;
        // m0 = (x0x1, x1x0, 2), m1 = (x1, sin x0, x2): x0x1x2 + x0²x1² + 2x1 → (x1x2 + 2x0x1², x0x2 + 2x0²x1 + 2, x0x1).
        Assert.Equal((x[1] * x[2]) + (2 * x[0] * x[1] * x[1]), g[0], 10);
        Assert.Equal((x[0] * x[2]) + (2 * x[0] * x[0] * x[1]) + 2, g[1], 10);
        Assert.Equal(x[0] * x[1], g[2], 10);
    }

    [Fact]
    public void Initialized_ByHand()
    {
        // a + 3b + 2bc + 4d → (1, 3 + 2c, 2b, 4).
        double a = 0.7, b = -1.3, c = 0.4, d = 1.1;
        var g = Check("Initialized", a, b, c, d).Gradient;
        Assert.Equal(1, g[0]![0], 12);
        Assert.Equal(3 + (2 * c), g[1]![0], 12);
        Assert.Equal(2 * b, g[2]![0], 12);
        Assert.Equal(4, g[3]![0], 12);
    }

    [Theory]
    [InlineData("Shared", "r", "set to anything but a new array")]
    [InlineData("InLoop", "new double[1][]", "created inside a loop")]
    [InlineData("RowAlias", "m[0]", "row of a jagged array taken as a local")]
    public void Unsupported_IsOneErrorAtTheConstruct(string method, string at, string says)
    {
        var result = GeneratorHarness.Run(Diagnosed);
        Assert.Contains(result.Diagnostics, d => d.Id == "ADG0003" && d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == at
            && d.GetMessage(CultureInfo.InvariantCulture).Contains(says, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(result.Generated.Values, g => g.Contains(method + "Backward", StringComparison.Ordinal));
        Assert.Empty(result.CompileDiagnostics);
    }

    [Theory]
    [MemberData(nameof(LanguageVersionTests.Versions), MemberType = typeof(LanguageVersionTests))]
    public void CompilesCleanlyUnderEachLanguageVersion(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Equal(7, result.Generated.Count);
    }

    [Fact]
    public void CSharp73_JaggedLocalsAgreeWithCentralDifferences()
    {
        var result = LanguageVersionHarness.RunForLoad(LanguageVersion.CSharp7_3, false, null, Source);
        Assert.True(result.CompileDiagnostics.IsEmpty, result.Dump());
        var type = result.Load().GetType("Jl")!;
        CentralDifferenceRunner.Check(type.GetMethod("Triangle")!, null, new object[] { new[] { 0.7, -1.3, 0.4 } });
        CentralDifferenceRunner.Check(type.GetMethod("Recreated")!, null, new object[] { 0.7, -1.3 });
    }
}
