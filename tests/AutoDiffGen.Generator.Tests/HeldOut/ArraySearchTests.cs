using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.HeldOut;

/// <summary>
/// Statistics and interpolation code finds a value's place in sorted data with Array.BinarySearch (an empirical CDF, the
/// interval of a linear spline). The search only reads, and the index it returns is piecewise constant in the values, so
/// the derivative through it is zero, as through Math.Floor; the values read at that index still carry theirs. The held-out
/// numerics check had ADG0016 at each such call. An overload with an IComparer (user code that could keep the values)
/// stays ADG0016.
/// </summary>
public class ArraySearchTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Sorted
        {
            // A linear spline through (xs[i], ys[i]), xs sorted: the interval from a binary search.
            [Differentiable]
            public static double Interpolate(double[] xs, double[] ys, double x)
            {
                int i = Array.BinarySearch(xs, x);
                if (i < 0) i = ~i - 1;
                if (i < 0) i = 0;
                if (i > xs.Length - 2) i = xs.Length - 2;
                double t = (x - xs[i]) / (xs[i + 1] - xs[i]);
                return ys[i] + t * (ys[i + 1] - ys[i]);
            }

            // The empirical CDF times a smooth weight: only the weight has a derivative.
            [Differentiable]
            public static float WeightedRank(float[] data, float x)
            {
                int index = Array.BinarySearch(data, x);
                if (index < 0) index = ~index;
                return index * MathF.Exp(-x * x) / data.Length;
            }

            [Differentiable]
            public static double LastMatchScaled(double[] xs, double v) => (Array.LastIndexOf(xs, xs[1]) + 1) * v * xs[0] + Array.IndexOf(xs, v);
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Method(string name) => Compiled.Value.GetType("Sorted")!.GetMethod(name)!;

    [Theory]
    [InlineData(0.35)]
    [InlineData(1.7)]
    [InlineData(2.95)]
    public void LinearSpline_ThroughABinarySearch(double x)
    {
        var xs = new[] { 0.0, 0.5, 1.2, 2.0, 3.1 };
        var ys = new[] { 1.0, -0.5, 2.5, 0.3, 4.0 };
        var r = CentralDifferenceRunner.Check(Method("Interpolate"), null, new object[] { xs, ys, x });
        int i = Array.BinarySearch(xs, x);
        i = ~i - 1;
        double slope = (ys[i + 1] - ys[i]) / (xs[i + 1] - xs[i]);
        Tolerance.AssertFormula(slope, r.Gradient[2]![0], "d/dx = the interval's slope");
        double t = (x - xs[i]) / (xs[i + 1] - xs[i]);
        Tolerance.AssertFormula(1 - t, r.Gradient[1]![i], "d/dys[i]");
        Tolerance.AssertFormula(t, r.Gradient[1]![i + 1], "d/dys[i+1]");
    }

    [Theory]
    [InlineData(0.4f)]
    [InlineData(-1.1f)]
    public void EmpiricalRank_InFloat(float x)
    {
        var data = new[] { -2f, -0.5f, 0.1f, 0.9f, 1.5f };
        var r = CentralDifferenceRunner.Check(Method("WeightedRank"), null, new object[] { data, x });
        int index = ~Array.BinarySearch(data, x);
        double expected = index * -2 * x * Math.Exp(-x * x) / data.Length;
        Assert.Equal(expected, r.Gradient[1]![0], 3);
        Assert.All(r.Gradient[0]!, g => Assert.Equal(0.0, g));
    }

    [Fact]
    public void IndexOf_GivesAnIntegerFactor()
    {
        // LastIndexOf(xs, xs[1]) = 1 near this point, IndexOf(xs, v) = −1: f = 2·v·xs[0] − 1.
        var xs = new[] { 3.0, 1.5, 2.0 };
        double v = 0.7;
        var r = CentralDifferenceRunner.Check(Method("LastMatchScaled"), null, new object[] { xs, v });
        Tolerance.AssertFormula(2 * xs[0], r.Gradient[1]![0], "d/dv");
        Tolerance.AssertFormula(2 * v, r.Gradient[0]![0], "d/dxs[0]");
        Assert.Equal(0.0, r.Gradient[0]![1]);
    }

    [Theory]
    [InlineData("[Differentiable] public static double F(double[] xs, double x) => Array.BinarySearch(xs, x, System.Collections.Generic.Comparer<double>.Default) * x;", "xs")]
    [InlineData("[Differentiable] public static double F(double[] xs, double x) => Array.BinarySearch((Array)xs, (object)x) * x;", null)]
    public void Search_ThatCouldRunUserCode_StaysAnError(string member, string? span)
    {
        var result = GeneratorHarness.Run("using System;\nusing AutoDiffGen;\npublic static partial class C {\n" + member + "\n}\n");
        var errors = result.Diagnostics.Where(d => d.Id.StartsWith("ADG", StringComparison.Ordinal) && d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count > 0, result.Dump());
        if (span is not null) Assert.Contains(errors, d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == span);
        Assert.DoesNotContain(result.Generated.Values, s => s.Contains("FBackward", StringComparison.Ordinal));
    }
}
