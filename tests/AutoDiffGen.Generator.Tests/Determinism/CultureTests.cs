using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Determinism;

/// <summary>
/// The same input gives byte-identical output: twice in a row, with fresh drivers, and under a culture
/// whose minus sign is U+2212 and whose decimal separator is a comma.
/// </summary>
public class CultureTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        namespace Culture;

        public static partial class Literals
        {
            [Differentiable]
            public static double Mixed(double x, double y)
            {
                double a = -0.5 * x + 1e-3;
                double b = a * -2.75e-7 - 1234.5678 * y;
                double c = Math.Pow(1 + x * x, -1.5) + Math.Exp(-0.125 * y);
                c -= 0.1;
                c *= -3.0;
                return a * b + c / 7.25 + Math.Max(a, -1e300) + Math.Min(b, 1.0E+10);
            }

            [Differentiable]
            public static float Single(float x, float y)
            {
                float s = 2.5f * x - 0.75f * y + -1.25f;
                return MathF.Tanh(s) * -3.5e-2f + MathF.Sqrt(1 + y * y) * 0.1f;
            }

            [Differentiable]
            public static double Constants(double x) => Math.PI * x - Math.E / x + double.Epsilon * x - 1.0 / 3.0;
        }
        """;

    private static SortedDictionary<string, byte[]> Generate()
    {
        var driver = GeneratorHarness.CreateDriver().RunGenerators(GeneratorHarness.CreateCompilation(Source));
        var run = driver.GetRunResult();
        Assert.All(run.Results, r => Assert.Null(r.Exception));
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return new SortedDictionary<string, byte[]>(
            run.Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => Encoding.UTF8.GetBytes(s.SourceText.ToString())),
            StringComparer.Ordinal);
    }

    private static CultureInfo MinusSignCommaCulture()
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo("sv-SE").Clone();
        culture.NumberFormat.NegativeSign = "\u2212";
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = "\u00a0";
        culture.NumberFormat.PositiveInfinitySymbol = "∞";
        return culture;
    }

    private static T Under<T>(CultureInfo culture, Func<T> action)
    {
        var (current, currentUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            // The culture really is in effect for culture-sensitive formatting.
            if (culture.NumberFormat.NegativeSign == "\u2212") Assert.Equal("\u22120,5", (-0.5).ToString(CultureInfo.CurrentCulture));
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = current;
            CultureInfo.CurrentUICulture = currentUi;
        }
    }

    [Fact]
    public void SameInput_GivesByteIdenticalOutput()
    {
        var first = Generate();
        var second = Generate();
        Assert.Equal(3, first.Count);
        Assert.Equal(first.Keys, second.Keys);
        foreach (var key in first.Keys) Assert.Equal(first[key], second[key]);
    }

    [Fact]
    public void UnderAMinusSignAndDecimalCommaCulture_OutputIsByteIdentical()
    {
        var invariant = Under(CultureInfo.InvariantCulture, Generate);
        var odd = Under(MinusSignCommaCulture(), Generate);
        Assert.Equal(invariant.Keys, odd.Keys);
        foreach (var key in invariant.Keys)
        {
            string expected = Encoding.UTF8.GetString(invariant[key]), actual = Encoding.UTF8.GetString(odd[key]);
            Assert.Equal(expected, actual);
            Assert.Equal(invariant[key], odd[key]);
            // Comments may use '−' (the gate notes do, by design); code must not.
            foreach (string line in actual.Split('\n'))
            {
                int comment = line.IndexOf("//", StringComparison.Ordinal);
                string code = comment >= 0 ? line.Substring(0, comment) : line;
                Assert.DoesNotContain("\u2212", code);
                Assert.DoesNotContain("\u00a0", code);
            }
        }
    }

    [Fact]
    public void UnderAMinusSignAndDecimalCommaCulture_OutputCompilesAndRuns()
    {
        var assembly = Under(MinusSignCommaCulture(), () => GeneratorHarness.CompileAndLoad(Source));
        var method = new Differentiated(assembly, "Culture.Literals", "Mixed");
        double[] x = { 0.3, -0.7 };
        var (_, gradient) = method.Backward(x);
        GradCheck.Check(p => method.Value(p), x, gradient).ThrowIfFailed();
        var single = new Differentiated(assembly, "Culture.Literals", "Single");
        var (_, g) = single.Backward(new[] { 0.4, 1.1 });
        float[] xf = { 0.4f, 1.1f };
        GradCheck.Check(p => (float)single.Value(new double[] { p[0], p[1] }), xf, g.Select(v => (float)v).ToArray()).ThrowIfFailed();
    }
}
