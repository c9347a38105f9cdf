using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Soundness;

/// <summary>
/// A value that carries a gradient and flows into something whose derivative is unknown is an error at
/// that expression, never a constant (issue: "Never a wrong gradient"). The forms below were each silent
/// before: a zero or partial gradient and, at most, a false ADG0011.
/// </summary>
public class GradientLeakTests
{
    private const string Prelude = """
        using System;
        using System.Linq;
        using System.Numerics;
        using System.Collections.Generic;
        using AutoDiffGen;

        public static partial class Leaks
        {
            // Keeps the array it counts: not a pure reader (a helper that only counts, CountPositive(xs), is a zero-derivative cut
            // since natural15: PlainHelpers/ArrayTableHelperTests).
            static double[] Seen = new double[0];
            static int CountKept(double[] a) { Seen = a; int n = 0; foreach (var v in a) if (v > 0) n++; return n; }

            [Differentiable]
            public static double SumSq(int n, ReadOnlySpan<double> x)
            {
                double s = 0;
                for (int i = 0; i < n; i++) s += x[i] * x[i];
                return s;
            }

        """;

    private static GeneratorOutput Run(string member) => GeneratorHarness.Run(Prelude + member + "\n}\n");

    [Theory]
    // The forms.
    // (xs[0] + xs.Sum() was here: LINQ's common forms are now loops, Linq/LinqTests.)
    [InlineData("[Differentiable] public static double F(double[] xs) => xs[0] + xs.Skip(1).Sum();", "ADG0003", "xs.Skip(1)")]
    // (SumSq(2, x.Slice(1)) was here: a slice of a span parameter now passes that slice of its adjoint, Arrays/ComposeTests.)
    // Opaque helpers whose result is discrete, or only compared.
    [InlineData("[Differentiable] public static double F(double[] xs) => xs[0] * CountKept(xs);", "ADG0016", "xs")]
    [InlineData("[Differentiable] public static double F(double[] xs) { if (xs.Sum() > 0) return xs[0]; return -xs[0]; }", "ADG0016", "xs")]
    [InlineData("[Differentiable] public static double F(double y) => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(y));", "ADG0016", "y")]
    // Conversions to types that would carry the value on.
    [InlineData("[Differentiable] public static double F(double y) => (double)(decimal)y;", "ADG0016", "(decimal)y")]
    // A span local over a range of a differentiated array (a copy, not a view: a span local that views xs is supported,
    // Arrays/SpanLocalTests): one error at it, saying to index the array (StatementLowering.SpanViews).
    [InlineData("[Differentiable] public static double F(double[] xs) { ReadOnlySpan<double> s = xs[1..]; return s[0]; }", "ADG0003", "xs[1..]")]
    // A span local that views a differentiated array, used as a value: one error at that use.
    [InlineData("[Differentiable] public static double F(double[] xs) { ReadOnlySpan<double> s = xs; return s.ToArray()[0]; }", "ADG0003", "s.ToArray()[0]")]
    [InlineData("[Differentiable] public static double F(double[] xs) => ((double[])xs.Clone())[0];", "ADG0003", "((double[])xs.Clone())[0]")]
    // Members of a differentiated array other than its shape.
    // (xs.Count(v => v > 0) is the loop that counts since linq23, Linq23/FilterCountOrderTests; a count of Distinct is not.)
    [InlineData("[Differentiable] public static double F(double[] xs) => xs[0] * xs.Distinct().Count();", "ADG0016", "xs.Distinct()")]
    // Parameters that hold reals but that the generator cannot differentiate yet.
    // (An IEnumerable<double> parameter is differentiated since lists7, Lists/SequenceParameterTests.FormerlyPinned; a nullable one is not.)
    [InlineData("#nullable enable\n[Differentiable] public static double F(IEnumerable<double>? xs) => 1.0;", "ADG0006", "IEnumerable<double>? xs")]
    // (A List<double> parameter is differentiated since 2026-12-03, Lists/ListParameterTests.FormerlyPinned; a nullable one is not.)
    [InlineData("#nullable enable\n[Differentiable] public static double F(List<double>? xs) => xs![0];", "ADG0006", "List<double>? xs")]
    // (A Complex parameter and a Complex[] read by element are differentiated now, Complex/; a grid of them is not,
    // nor a Complex[] used as anything but z[i] and z.Length, nor a nullable one.)
    [InlineData("[Differentiable] public static double F(Complex[,] v) => v[0, 0].Real * v[0, 0].Imaginary;", "ADG0006", "Complex[,] v")]
    [InlineData("[Differentiable] public static double F(Complex[] v) { double s = 0; foreach (var z in v) s += z.Real; return s; }", "ADG0003", "v")]
    [InlineData("#nullable enable\n[Differentiable] public static double F(Complex[]? v) => v![0].Real;", "ADG0006", "Complex[]? v")]
    [InlineData("[Differentiable] public static double F(double? y) => y ?? 0;", "ADG0006", "double? y")]
    [InlineData("[Differentiable] public static double F((double A, double B) t) => t.A * t.B;", "ADG0006", "(double A, double B) t")]
    // double[,] and double[][] are differentiated (Arrays/GridParameterTests); three dimensions are not.
    [InlineData("[Differentiable] public static double F(double[,,] m) => 1.0;", "ADG0006", "double[,,] m")]
    [InlineData("[Differentiable] public static double F(double x, double[][][] j) => x * j[0][0][0];", "ADG0006", "double[][][] j")]
    [InlineData("[Differentiable] public static double F(double x, double[][,] j) => x * j[0][0, 0];", "ADG0006", "double[][,] j")]
    public void GradientCarryingValue_ThatWouldBeLost_IsAnError_AtTheExpression(string member, string id, string span)
    {
        var result = Run(member);
        var found = result.Diagnostics.Where(d => d.Id == id).ToList();
        Assert.True(found.Count > 0, "expected " + id + "\n" + result.Dump());
        Assert.Contains(found, d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == span);
        Assert.All(found, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        // No Backward for F, and nothing that breaks the build.
        Assert.DoesNotContain(result.Generated.Keys, k => k.Contains(".F_", StringComparison.Ordinal));
        Assert.Empty(result.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(result.Exceptions);
    }

    /// <summary>
    /// Two of the silent forms are differentiated for real now: an array passed where a
    /// [Differentiable] callee takes a span, and a local array filled from it.
    /// </summary>
    [Fact]
    public void ArrayIntoASpanParameter_AndALocalArrayFilledFromIt_KeepTheirGradient()
    {
        var assembly = GeneratorHarness.CompileAndLoad(Prelude + """
                [Differentiable] public static double Whole(double[] x) => SumSq(3, x);
                [Differentiable] public static double Copied(double[] x) { var l = new double[3]; l[0] = x[0]; l[2] = x[1] * x[2]; return SumSq(3, l); }
            }
            """);
        var type = assembly.GetType("Leaks")!;
        var x = new[] { 1.5, -2.0, 0.5, 7.0 };
        var dWhole = new double[4];
        type.GetMethod("WholeBackward")!.Invoke(null, new object[] { x, dWhole, 1.0 });
        // Hand derivation: ∂/∂x_i Σ_{i<3} x_i² = 2 x_i, and nothing for x[3].
        Assert.Equal(new[] { 3.0, -4.0, 1.0, 0.0 }, dWhole);
        AssertCentralDifferences(type.GetMethod("Whole")!, x, dWhole);
        var dCopied = new double[4];
        type.GetMethod("CopiedBackward")!.Invoke(null, new object[] { x, dCopied, 1.0 });
        // Hand derivation: x0² + (x1 x2)² → (2 x0, 2 x1 x2², 2 x1² x2, 0).
        Assert.Equal(new[] { 3.0, 2 * -2.0 * 0.25, 2 * 4.0 * 0.5, 0.0 }, dCopied);
        AssertCentralDifferences(type.GetMethod("Copied")!, x, dCopied);
    }

    [Fact]
    public void Adg0016_NamesTheValue_WhatItFlowsInto_AndWhatToDo()
    {
        var result = Run("[Differentiable] public static double F(double[] xs) => xs[0] * CountKept(xs);");
        string message = result.GeneratorDiagnostics.Single(d => d.Id == "ADG0016").GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("'xs' carries a gradient into the call to 'Leaks.CountKept'", message, StringComparison.Ordinal);
        Assert.Contains("[DerivativeOf]", message, StringComparison.Ordinal);
        Assert.Contains("[NoDiff]", message, StringComparison.Ordinal);
    }

    /// <summary>xs[ArgMax(xs)]: a helper that declares it only reads xs may pick an index from it.</summary>
    [Fact]
    public void HelperParameterMarkedNoDiff_MayReadADifferentiatedArray_ForAnIndex()
    {
        var assembly = GeneratorHarness.CompileAndLoad(Prelude + """
                static int ArgMax([NoDiff] double[] a) { int best = 0; for (int i = 1; i < a.Length; i++) if (a[i] > a[best]) best = i; return best; }

                [Differentiable]
                public static double MaxSquared(double[] xs) => xs[ArgMax(xs)] * xs[ArgMax(xs)];
            }
            """);
        var type = assembly.GetType("Leaks")!;
        var xs = new[] { 0.5, -3.0, 2.0, 1.0 };
        var dXs = new double[4];
        type.GetMethod("MaxSquared" + "Backward")!.Invoke(null, new object[] { xs, dXs, 1.0 });
        // Hand derivation: 2·xs[k] at the arg max k = 2, zero elsewhere.
        Assert.Equal(new[] { 0.0, 0.0, 4.0, 0.0 }, dXs);
        var primal = type.GetMethod("MaxSquared")!;        AssertCentralDifferences(primal, xs, dXs);
    }

    [Fact]
    public void NoDiffParameters_OfTheSameTypes_AreConstants_AndCompile()
    {
        var result = Run("""
            [Differentiable] public static double F(double x, [NoDiff] double[] xs, [NoDiff] IEnumerable<double> e, [NoDiff] Vector2 v) => x * xs.Sum() + x * e.Count() + x * v.X;
            """);
        result.AssertClean();
    }

    [Theory]
    [InlineData("public static double Z(double y) => y > 0 ? 1.0 : 0.0;", "'y > 0'")]
    [InlineData("public static double Z(double y) => Math.Floor(y) + (int)y;", "'Math.Floor(y)', '(int)y'")]
    [InlineData("public static double Z(double y) => double.IsNaN(y) ? 0.0 : 3.0;", "'double.IsNaN(y)'")]
    public void Adg0011_NamesTheCodeThatCutsTheDependence(string method, string cut)
    {
        var result = Run("[Differentiable] " + method);
        string message = result.GeneratorDiagnostics.Single(d => d.Id == "ADG0011").GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("only through " + cut + ", whose derivative is zero", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Adg0011_ForAResultOfConstantsOnly_SaysSo()
    {
        var result = Run("[Differentiable] public static double Z(double y) { double c = 2.0; return c * 3.0; }");
        string message = result.GeneratorDiagnostics.Single(d => d.Id == "ADG0011").GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("the result does not use them", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Floor", message, StringComparison.Ordinal);
    }

    /// <summary>Proven cuts still differentiate: Floor, predicates, comparisons, Length, Convert, CompareTo, [Differentiable] calls in a condition.</summary>
    [Fact]
    public void ProvenZeroDerivativeCuts_StillGiveTheRightGradient()
    {
        var assembly = GeneratorHarness.CompileAndLoad(Prelude + """
                [Differentiable]
                public static double Cuts(double x) =>
                    x * Math.Floor(x) + (double.IsNaN(x) ? 0.0 : x) + (x.CompareTo(0.5) > 0 ? x * x : -x) + Convert.ToInt32(x) + (SumSqOf(x) > 100 ? 0.0 : x);

                [Differentiable]
                public static double SumSqOf(double x) => x * x;
            }
            """);
        var f = new Differentiated(assembly, "Leaks", "Cuts");
        foreach (double x in new[] { 1.3, -0.7, 2.2 })
        {
            // Hand derivation: floor(x) + 1 + (x > 0.5 ? 2x : -1) + 0 + 1.
            double hand = Math.Floor(x) + 1 + (x > 0.5 ? 2 * x : -1) + 1;
            var (_, gradient) = f.Backward(new[] { x });
            Tolerance.AssertFormula(hand, gradient[0]);
            double h = 1e-6, central = (f.Value(x + h) - f.Value(x - h)) / (2 * h);
            Assert.True(Math.Abs(central - gradient[0]) < 1e-5 * (1 + Math.Abs(central)), $"x = {x}: {gradient[0]} vs central {central}");
        }
    }

    /// <summary>double.Sin, float.Exp…: the generic-math spellings are the same gates as Math.Sin, MathF.Exp.</summary>
    [Fact]
    public void StaticMathOfDoubleAndFloat_AreGates()
    {
        var assembly = GeneratorHarness.CompileAndLoad(Prelude + """
                [Differentiable]
                public static double Generic(double x) => double.Sin(x) * double.Exp(x) + double.Max(x, 0.5) + double.Floor(x) + double.Pow(x, 3);

                [Differentiable]
                public static float GenericF(float x) => float.Sqrt(x) + float.Tanh(x);
            }
            """);
        var f = new Differentiated(assembly, "Leaks", "Generic");
        foreach (double x in new[] { 0.3, 1.7 })
        {
            // Hand derivation: (cos x + sin x) eˣ + [x ≥ 0.5] + 0 + 3x².
            double hand = (Math.Cos(x) + Math.Sin(x)) * Math.Exp(x) + (x >= 0.5 ? 1 : 0) + 3 * x * x;
            var (_, gradient) = f.Backward(new[] { x });
            Tolerance.AssertFormula(hand, gradient[0]);
            double h = 1e-6, central = (f.Value(x + h) - f.Value(x - h)) / (2 * h);
            Assert.True(Math.Abs(central - gradient[0]) < 1e-5 * (1 + Math.Abs(central)), $"x = {x}: {gradient[0]} vs central {central}");
        }
        var g = new Differentiated(assembly, "Leaks", "GenericF");
        double y = 0.8;
        double handF = 0.5 / Math.Sqrt(y) + 1 - Math.Tanh(y) * Math.Tanh(y);
        Assert.True(Math.Abs(handF - g.Backward(new[] { y }).Gradient[0]) < 1e-5, "float.Sqrt + float.Tanh");
    }

    [Fact]
    public void ArrayLengthAndPredicates_OnADifferentiatedArray_AreAllowed()
    {
        var assembly = GeneratorHarness.CompileAndLoad(Prelude + """
                [Differentiable]
                public static double Scaled(double[] xs)
                {
                    double s = 0;
                    for (int i = 0; i < xs.Length; i++) if (!double.IsNaN(xs[i]) && xs[i] > 0) s += xs[i] * xs.Length;
                    return s;
                }
            }
            """);
        var type = assembly.GetType("Leaks")!;
        var backward = type.GetMethod("ScaledBackward")!;
        var primal = type.GetMethod("Scaled")!;
        var xs = new[] { 1.5, -2.0, 0.25, 0.75 };
        var dXs = new double[4];
        backward.Invoke(null, new object[] { xs, dXs, 1.0 });
        // Hand derivation: d/dxs[i] = Length for positive entries, 0 otherwise.
        Assert.Equal(new[] { 4.0, 0.0, 4.0, 4.0 }, dXs);
        AssertCentralDifferences(primal, xs, dXs);
    }

    /// <summary>Each component of a method of one double[] against central differences.</summary>
    private static void AssertCentralDifferences(System.Reflection.MethodInfo primal, double[] xs, double[] gradient)
    {
        for (int i = 0; i < xs.Length; i++)
        {
            const double h = 1e-6;
            var plus = (double[])xs.Clone();
            var minus = (double[])xs.Clone();
            plus[i] += h;
            minus[i] -= h;
            double central = ((double)primal.Invoke(null, new object[] { plus })! - (double)primal.Invoke(null, new object[] { minus })!) / (2 * h);
            Assert.True(Math.Abs(central - gradient[i]) < 1e-6 * (1 + Math.Abs(central)), $"component {i}: {gradient[i]} vs central {central}");
        }
    }
}
