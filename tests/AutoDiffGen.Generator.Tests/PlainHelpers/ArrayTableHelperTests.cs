using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.PlainHelpers;

/// <summary>
/// A helper that only reads an array and returns an int or a bool (<c>int Segment(double[] knots, double x)</c>, a spline's
/// segment search; <c>ArgMax(double[] v)</c>; <c>AnyPositive(double[] v)</c>), called with a differentiated array: its
/// result is a piecewise-constant function of the elements, as Array.BinarySearch's is, so the derivative through it is
/// zero (natural15; before, every pure helper taking an array was ADG0016). A helper that writes the array, sorts it,
/// stores it or writes it through a span stays ADG0016 at the argument that carries the gradient. Checked by hand, by
/// central differences and by random programs inside support and just outside it.
/// </summary>
public class ArrayTableHelperTests(ITestOutputHelper output)
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static class Tables
        {
            public static int Segment(double[] knots, double x)
            {
                int i = 0;
                while (i < knots.Length - 2 && x > knots[i + 1]) i++;
                return i;
            }
            public static int ArgMax(double[] v) { int best = 0; for (int j = 1; j < v.Length; j++) if (v[j] > v[best]) best = j; return best; }
            public static bool AnyPositive(double[] v) { foreach (var e in v) if (e > 0) return true; return false; }
            public static int Rows(double[][] m, double limit) { int n = 0; foreach (var row in m) if (row[0] < limit) n++; return n; }
        }

        public static partial class Uses
        {
            // Linear interpolation through (knots, values): the segment is found by the helper (its MForward compiles too).
            [Differentiable(Forward = true)]
            public static double Interpolate(double[] knots, double[] values, double x)
            {
                int i = Tables.Segment(knots, x);
                double t = (x - knots[i]) / (knots[i + 1] - knots[i]);
                return values[i] + t * (values[i + 1] - values[i]);
            }

            // The helper reads a local array the loop overwrites after the call: each iteration's index is its own.
            [Differentiable]
            public static double Peaks(double[] a, double x)
            {
                var b = new double[a.Length];
                double s = 0;
                for (int r = 0; r < 3; r++)
                {
                    for (int j = 0; j < a.Length; j++) b[j] = a[j] * Math.Sin(x + r + j);
                    int k = Tables.ArgMax(b);
                    s += b[k] * a[k];
                }
                return s;
            }

            [Differentiable]
            public static double Positive(double[] x) => Tables.AnyPositive(x) ? x[0] * x[1] : 0.0;

            [Differentiable]
            public static double Jagged(double[][] m, double w) => Tables.Rows(m, w) * w + m[0][0] * w;
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Method(string name) => Compiled.Value.GetType("Uses")!.GetMethod(name)!;

    [Theory]
    [InlineData(0.4)]
    [InlineData(1.9)]
    [InlineData(2.6)]
    public void SegmentSearch_TheSlopeAndTheWeightsByHand(double x)
    {
        var knots = new[] { 0.0, 1.0, 1.5, 3.0 };
        var values = new[] { 0.5, 2.0, 1.0, 4.0 };
        var r = CentralDifferenceRunner.Check(Method("Interpolate"), null, new object[] { knots, values, x });
        int i = x < 1 ? 0 : x < 1.5 ? 1 : 2;
        double h = knots[i + 1] - knots[i], t = (x - knots[i]) / h;
        // ∂/∂x = the segment's slope; ∂/∂values = (1 − t, t) on its two ends; ∂/∂knot_{i+1} = −slope · t.
        Tolerance.AssertFormula((values[i + 1] - values[i]) / h, r.Gradient[2]![0], "∂/∂x");
        Tolerance.AssertFormula(1 - t, r.Gradient[1]![i], "∂/∂values[i]");
        Tolerance.AssertFormula(t, r.Gradient[1]![i + 1], "∂/∂values[i+1]");
        Tolerance.AssertFormula(-(values[i + 1] - values[i]) / h * t, r.Gradient[0]![i + 1], "∂/∂knots[i+1]");
    }

    [Fact]
    public void ArgMaxOfALocalArrayOverwrittenInALoop_ByHand()
    {
        var a = new[] { 0.7, -1.2, 1.5, 0.4 };
        double x = 0.3;
        var r = CentralDifferenceRunner.Check(Method("Peaks"), null, new object[] { a, x });
        // s = Σ_r a_k² sin(x + r + k) with k the arg-max of row r: ∂s/∂x = Σ_r a_k² cos(x + r + k).
        double dx = 0;
        for (int round = 0; round < 3; round++)
        {
            var b = a.Select((v, j) => v * Math.Sin(x + round + j)).ToArray();
            int k = Array.IndexOf(b, b.Max());
            dx += a[k] * a[k] * Math.Cos(x + round + k);
        }
        Tolerance.AssertFormula(dx, r.Gradient[1]![0], "∂/∂x");
    }

    [Theory]
    [InlineData(-1.0, 0.5, 0.5)]
    [InlineData(-1.0, -0.5, 0.0)]
    public void AnyPositive_IsACondition(double x0, double x1, double expected)
    {
        var r = CentralDifferenceRunner.Check(Method("Positive"), null, new object[] { new[] { x0, x1 } });
        // x1 > 0: f = x0·x1, ∂/∂x0 = x1; otherwise f = 0.
        Tolerance.AssertFormula(expected, r.Gradient[0]![0], "∂/∂x0");
    }

    [Fact]
    public void JaggedTable_CountsRows()
    {
        var m = new[] { new[] { 0.2, 1.0 }, new[] { 1.4, 0.3 }, new[] { -0.5, 2.0 } };
        var r = CentralDifferenceRunner.Check(Method("Jagged"), null, new object[] { m, 1.0 });
        // Two rows start below 1: f = 2w + m00·w, ∂/∂w = 2 + m00.
        Tolerance.AssertFormula(2.2, r.Gradient[1]![0], "∂/∂w");
    }

    /// <summary>
    /// Just outside: a helper that sorts, keeps or span-writes the array it reads. (One that stores into an element,
    /// <c>t[0] = v;</c>, is inlined with the caller's in/out adjoint since idioms14b: not this class's case.)
    /// </summary>
    [Theory]
    [InlineData("Array.Sort(t);")]
    [InlineData("Kept = t;")]
    [InlineData("Span<double> s = t; s[0] = v;")]
    public void HelperThatChangesOrKeepsItsArray_StaysADG0016AtTheArgument(string effect)
    {
        string source = "using System;\nusing AutoDiffGen;\npublic static class H\n{\n    public static double[] Kept = new double[0];\n"
            + "    public static int Find(double[] t, double v) { " + effect + " int i = 0; while (i < t.Length - 1 && v > t[i]) i++; return i; }\n}\n"
            + "public static partial class C\n{\n    [Differentiable] public static double F(double[] arr, double x) => arr[H.Find(arr, 0.5)] * x;\n}\n";
        var run = GeneratorHarness.Run(source);
        Assert.Empty(run.Exceptions);
        var error = Assert.Single(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ADG0016", error.Id);
        Assert.Equal(source.IndexOf("arr, 0.5", StringComparison.Ordinal), error.Location.SourceSpan.Start);
        Assert.Contains("'H.Find'", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.DoesNotContain(run.Generated.Values, s => s.Contains("FBackward", StringComparison.Ordinal));
    }

    private const string Header = "using System;\nusing AutoDiffGen;\n\npublic static partial class Tables\n{\n";

    /// <summary>
    /// Random programs: a helper of their own that searches an array (a scan, an arg-max, a count, Array.BinarySearch, a
    /// nested search helper) is called with a parameter array or a local array made from it, in a loop or not, and its
    /// index reads the arrays. Inside support each matches central differences; just outside, the helper also sorts,
    /// keeps or span-writes its array, and the program has ADG0016 at the array argument and no code.
    /// </summary>
    [Fact]
    public void RandomSearchHelpers_MatchCentralDifferences_AndEffectfulOnesAreADG0016()
    {
        var random = new Random(20261205);
        int count = ProgramBatch.Count("AUTODIFFGEN_TABLE_HELPERS_COUNT", 24);
        var all = Enumerable.Range(0, count).Select(i => Next(random, i, i % 4 == 3)).ToList();
        ProgramBatch.JudgeAndCheck(Header, "Tables", all, () => new object[] { Enumerable.Range(0, 4).Select(_ => Math.Round((random.NextDouble() * 2) - 1, 4)).ToArray(), Math.Round(random.NextDouble() * 2 - 1, 4) },
            output.WriteLine, "ADG0016");
    }

    private static readonly string[] Searches =
    {
        "int i = 0; while (i < t.Length - 1 && v > t[i + 1]) i++; return i;",
        "int best = 0; for (int j = 1; j < t.Length; j++) if (t[j] > t[best]) best = j; return best;",
        "int c = 0; foreach (var e in t) if (e < v) c++; return Math.Min(c, t.Length - 1);",
        "int k = Array.BinarySearch(t, v); return k >= 0 ? k : Math.Min(~k, t.Length - 1);",
        "return Inner(t, v);",
    };

    private static readonly string[] Effects = { "Array.Sort(t);", "Kept = t;", "Span<double> s = t; s[0] = v;" };

    private static (string Name, string Text, string? Bad) Next(Random random, int index, bool outside)
    {
        string name = "P" + index, lib = "Lib" + index;
        var text = new StringBuilder();
        text.Append("    public static class ").Append(lib).Append("\n    {\n        public static double[] Kept = new double[0];\n");
        text.Append("        static int Inner(double[] t, double v) { int i = t.Length - 1; while (i > 0 && v < t[i]) i--; return i; }\n");
        text.Append("        internal static int Find(double[] t, double v)\n        {\n            ");
        if (outside) text.Append(Effects[random.Next(Effects.Length)]).Append(' ');
        text.Append(Searches[random.Next(Searches.Length)]).Append("\n        }\n    }\n");
        bool local = random.Next(2) == 0, loop = random.Next(2) == 0;
        string array = local ? "b" : "a";
        string bad = array;
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double[] a, double x)\n    {\n");
        if (local) text.Append("        var b = new double[a.Length];\n");
        text.Append("        double s = 0;\n");
        if (loop) text.Append("        for (int r = 0; r < 2; r++)\n        {\n");
        if (local) text.Append("        for (int j = 0; j < a.Length; j++) b[j] = a[j] * (x + j").Append(loop ? " + r" : "").Append(");\n");
        text.Append("        int k = ").Append(lib).Append(".Find(").Append(array).Append(", ").Append(random.Next(2) == 0 ? "x" : "0.3").Append(");\n");
        text.Append("        s += ").Append(random.Next(3) switch { 0 => array + "[k] * x", 1 => "Math.Sin(a[k]) + " + array + "[(k + 1) % a.Length] * a[k]", _ => "(k + 1) * x * a[0]" }).Append(";\n");
        if (loop) text.Append("        }\n");
        text.Append("        return s;\n    }\n");
        return (name, text.ToString(), outside ? bad : null);
    }
}
