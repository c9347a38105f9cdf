using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.HeldOut;

/// <summary>
/// Library code guards and branches with small helpers of its own: an approximate equality (a.AlmostEqual(b)), a parameter
/// check (IsValidParameterSet(shape, rate)), an order of magnitude. Each takes differentiated reals and returns a bool or
/// an int, so the derivative through it is zero, as through Math.Sign, provided the helper cannot carry the value on by
/// an effect. A static helper of the compilation whose body provably has none (it writes only its own locals, calls only
/// Math, double's members and other such helpers, creates only the exception it throws) is accepted; the held-out
/// numerics check had ADG0016 at each such call. A helper that stores the value or reads its bits stays ADG0016; one that
/// only reads an array it takes is accepted since natural15 (PlainHelpers/ArrayTableHelperTests).
/// </summary>
public class PureHelperTests
{
    private const string Prelude = """
        using System;
        using AutoDiffGen;

        public static class Guards
        {
            static readonly double Accuracy = 1e-12;
            public static bool NearlyEqual(this double a, double b) => Distance(a, b) <= Accuracy * Math.Max(Math.Abs(a), Math.Abs(b));
            static double Distance(double a, double b) { var d = a - b; if (d < 0) d = -d; return d; }
            public static bool Valid(double shape, double rate)
            {
                if (double.IsNaN(shape)) throw new ArgumentException($"shape {shape} is not a number");
                return shape > 0 && rate > 0 && !double.IsInfinity(rate);
            }
            public static int Decade(double v) => (int)Math.Floor(Math.Log10(Math.Abs(v)));
            public static double Last;
            public static bool Remembers(double v) { Last = v; return v > 0; }
            public static long Bits(double v) => BitConverter.DoubleToInt64Bits(v);
            public static bool AnyPositive(double[] v) { foreach (var e in v) if (e > 0) return true; return false; }
            public static bool Clamps(ref double v) { if (v > 1) { v = 1; return true; } return false; }
            public static bool ClampsAndRemembers(ref double v) { Last = v; if (v > 1) { v = 1; return true; } return false; }
            public static bool Calls(double v) => Remembers(v);
            static readonly double[] Powers = { 1, 0.1, 0.01, 1e-3 };
            public static bool WithinPlaces(this double a, double b, int places) => Math.Abs(a - b) < (places < Powers.Length ? Powers[places] : Math.Pow(10, -places)) * 0.5;
            static readonly double[] Seen = new double[1];
            public static bool Stores(double v) { Seen[0] = v; return v > 0; }
        }

        public static partial class UsesGuards
        {
        """;

    private const string Supported = Prelude + """
            [Differentiable] public static double Sinc(double x) => x.NearlyEqual(0.0) ? 1.0 : Math.Sin(x) / x;

            [Differentiable] public static double Density(double shape, double rate, double x)
            {
                if (!Guards.Valid(shape, rate)) throw new ArgumentException("invalid parameters");
                return rate * Math.Exp(-rate * x) * shape;
            }

            [Differentiable] public static double ScaledSinc(double x) { double z = Math.PI * x; return z.WithinPlaces(0.0, 3) ? 1.0 : Math.Sin(z) / z; }

            [Differentiable] public static double Mantissa(double x) => x * Math.Pow(10, -Guards.Decade(x));
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Supported));

    private static MethodInfo Method(string name) => Compiled.Value.GetType("UsesGuards")!.GetMethod(name)!;

    [Theory]
    [InlineData(0.8)]
    [InlineData(-2.5)]
    public void ApproximateEquality_InACondition(double x)
    {
        var r = CentralDifferenceRunner.Check(Method("Sinc"), null, new object[] { x });
        Tolerance.AssertFormula((x * Math.Cos(x) - Math.Sin(x)) / (x * x), r.Gradient[0]![0], "d sinc/dx");
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(1.7)]
    public void HelperReadingATableOfPowers(double x)
    {
        var r = CentralDifferenceRunner.Check(Method("ScaledSinc"), null, new object[] { x });
        double z = Math.PI * x;
        Tolerance.AssertFormula(Math.PI * (z * Math.Cos(z) - Math.Sin(z)) / (z * z), r.Gradient[0]![0], "d sinc(πx)/dx");
    }

    [Fact]
    public void ParameterCheck_ThatThrowsWithTheValueInItsMessage()
    {
        double shape = 1.5, rate = 0.7, x = 2.0;
        var r = CentralDifferenceRunner.Check(Method("Density"), null, new object[] { shape, rate, x });
        double e = Math.Exp(-rate * x);
        Tolerance.AssertFormula(rate * e, r.Gradient[0]![0], "d/dshape");
        Tolerance.AssertFormula(shape * e * (1 - rate * x), r.Gradient[1]![0], "d/drate");
        Tolerance.AssertFormula(-shape * rate * rate * e, r.Gradient[2]![0], "d/dx");
        Assert.Throws<TargetInvocationException>(() => Method("Density").Invoke(null, new object[] { -1.0, rate, x }));
    }

    [Theory]
    [InlineData(345.0, 0.01)]
    [InlineData(0.072, 100.0)]
    public void OrderOfMagnitude_AsAnInt(double x, double scale)
    {
        var r = CentralDifferenceRunner.Check(Method("Mantissa"), null, new object[] { x });
        Assert.Equal(scale, r.Gradient[0]![0], 12);
    }

    [Theory]
    [InlineData("[Differentiable] public static double F(double x) => Guards.Remembers(x) ? x * x : -x;", "x", "Remembers")]
    [InlineData("[Differentiable] public static double F(double x) => Guards.Calls(x) ? x * x : -x;", "x", "Calls")]
    [InlineData("[Differentiable] public static double F(double x) => Guards.Stores(x) ? x * x : -x;", "x", "Stores")]
    [InlineData("[Differentiable] public static double F(double x) => x + BitConverter.Int64BitsToDouble(Guards.Bits(x));", "x", "Bits")]
    // (Guards.AnyPositive(double[] v), which only reads its array, is accepted since natural15: PlainHelpers/ArrayTableHelperTests.)
    public void Helper_ThatCouldCarryTheValueOn_StaysAnError(string member, string span, string helper)
    {
        var result = GeneratorHarness.Run(Prelude + member + "\n}\n");
        var found = result.Diagnostics.Where(d => d.Id == "ADG0016").ToList();
        Assert.True(found.Count > 0, "expected ADG0016\n" + result.Dump());
        Assert.Contains(found, d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == span
            && d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("'Guards." + helper + "'", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Generated.Keys, k => k.Contains(".F_", StringComparison.Ordinal));
        Assert.Empty(result.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(result.Exceptions);
    }

    /// <summary>
    /// A Try-shaped helper with a ref parameter is inlined since try12 (PlainHelpers/PlainTryHelperTests): below 1 the
    /// helper leaves y = x and returns false, so f = x², f′ = 2x; above 1 it clamps and f = 1, f′ = 0. By hand and by
    /// central differences at 0.6 and 1.4.
    /// </summary>
    [Theory]
    [InlineData(0.6, 1.2)]
    [InlineData(1.4, 0.0)]
    public void Helper_WithARefParameter_IsInlined(double x, double slope)
    {
        var run = GeneratorHarness.RunForLoad(Prelude + "[Differentiable] public static double F(double x) { var y = x; return Guards.Clamps(ref y) ? y : x * x; }\n}\n");
        Assert.Empty(run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        var g = CentralDifferenceRunner.Check(GeneratorHarness.Load(run).GetType("UsesGuards")!.GetMethod("F")!, null, new object[] { x }).Gradient;
        Tolerance.AssertFormula(slope, g[0]![0], "d/dx");
    }

    /// <summary>The same helper also remembering its input in a static field stays an error: the write is not followed.</summary>
    [Fact]
    public void Helper_WithARefParameter_WritingAStaticField_StaysAnError()
    {
        var result = GeneratorHarness.Run(Prelude + "[Differentiable] public static double F(double x) { var y = x; return Guards.ClampsAndRemembers(ref y) ? y : x * x; }\n}\n");
        Assert.Contains(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Id.StartsWith("ADG", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Generated.Keys, k => k.Contains(".F_", StringComparison.Ordinal));
        Assert.Empty(result.Exceptions);
    }
}
