using System.Reflection;
using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Forward;

/// <summary>
/// A hand-written forward derivative of an array function (<c>double DotForward(double[] a, double[] b,
/// ReadOnlySpan&lt;double&gt; tA, ReadOnlySpan&lt;double&gt; tB, out double tResult)</c>, beside a reverse one with array
/// adjoints) is what a <c>Forward = true</c> caller's <c>MForward</c> calls: each caller's tangent against a hand-derived
/// gradient, central differences along a direction and its own reverse mode, on every language version; wrong shapes are
/// ADG0013 at the attribute and a missing forward one ADG0018 at the call, each printing the signature to write.
/// </summary>
public class DerivativeOfArrayForwardTests
{
    private static readonly Lazy<Assembly> Compiled = new(() =>
    {
        var result = LanguageVersionHarness.RunForLoad(LanguageVersion.CSharp7_3, false, null, DerivativeOfArrayForwardSources.Source, DerivativeOfArrayForwardSources.Wrappers);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        return result.Load();
    });

    private static Type Use => Compiled.Value.GetType("HandArrays.Use", throwOnError: true)!;

    private static double Value(string name, double[] p) => (double)Use.GetMethod(name + "_P")!.Invoke(null, new object[] { p.Clone() })!;

    private static double[] Softmax(double[] z)
    {
        double m = z.Max();
        var e = z.Select(v => Math.Exp(v - m)).ToArray();
        double s = e.Sum();
        return e.Select(v => v / s).ToArray();
    }

    private static double Lse(double[] z)
    {
        double m = z.Max();
        return m + Math.Log(z.Sum(v => Math.Exp(v - m)));
    }

    private static double Norm(params double[] v) => Math.Sqrt(v.Sum(e => e * e));

    private static readonly double[] W = { 0.5, -1.0, 2.0 };

    private static double Mix(double[] x) => Lse(x) + x.Zip(W, (a, b) => a * b).Sum();

    /// <summary>Each caller's gradient over (x0, x1, x2[, y]), derived by hand (see the sources' comments).</summary>
    private static double[] Hand(string name, double[] p)
    {
        var x = p.Take(3).ToArray();
        double n = Norm(x);
        switch (name)
        {
            case "Mix":
                return Softmax(x).Zip(W, (s, w) => s + w).ToArray();
            case "Sliced":
                {
                    double r = Norm(x[1], x[2]);
                    return new[] { r, x[0] * x[1] / r, x[0] * x[2] / r };
                }
            case "Local":
                {
                    double y = p[3];
                    var v = x.Select(e => e * e).ToArray();
                    var s = Softmax(v.Select(e => y * e).ToArray());
                    return x.Select((e, i) => s[i] * y * 2 * e).Append(s.Zip(v, (a, b) => a * b).Sum()).ToArray();
                }
            case "Branchy" when p[3] > 0:
                return x.Select(e => 2 * e * p[3]).Append(x.Sum(e => e * e)).ToArray();
            case "Branchy":
                return x.Select(e => e / n).Append(1.0).ToArray();
            case "Outer":
                {
                    var g = new double[3];
                    for (int k = 1; k <= 2; k++)
                    {
                        var u = x.Select(e => e * k).ToArray();
                        var gm = Hand("Mix", u);
                        for (int i = 0; i < 3; i++) g[i] += (k * gm[i] * n) + (Mix(u) * x[i] / n);
                    }
                    return g;
                }
            case "Single":
                return x;
            default:
                throw new ArgumentException(name);
        }
    }

    public static TheoryData<string, double[]> Points => new()
    {
        { "Mix", new[] { 0.3, -0.8, 1.1 } },
        { "Sliced", new[] { 0.7, -1.2, 0.4 } },
        { "Local", new[] { 0.5, -0.9, 0.2, 1.3 } },
        { "Local", new[] { -1.1, 0.6, 0.8, -0.7 } },
        { "Branchy", new[] { 0.4, 1.3, -0.6, 0.8 } },
        { "Branchy", new[] { 0.4, 1.3, -0.6, -0.5 } },
        { "Outer", new[] { 0.6, -0.3, 0.9 } },
        { "Single", new[] { 0.6, -0.3, 1.2 } },
    };

    [Theory]
    [MemberData(nameof(Points))]
    public void Tangent_MatchesTheHandDerivative_CentralDifferences_AndTheReverseMode(string name, double[] p)
    {
        bool single = name == "Single";
        var hand = Hand(name, p);
        var random = new Random(p.Length * 7 + name.Length);
        var directions = Enumerable.Range(0, p.Length).Select(i => Enumerable.Range(0, p.Length).Select(j => i == j ? 1.0 : 0.0).ToArray())
            .Append(p.Select(_ => Math.Round((random.NextDouble() * 2) - 1, 3)).ToArray());
        foreach (var t in directions)
        {
            var args = new object?[] { p.Clone(), t.Clone(), null };
            double value = (double)Use.GetMethod(name + "_F")!.Invoke(null, args)!;
            double tangent = (double)args[2]!;
            Assert.Equal(Value(name, p), value);
            double expected = hand.Zip(t, (g, ti) => g * ti).Sum();
            double h = single ? 1e-2 : 1e-6;
            double along = (Value(name, p.Zip(t, (a, b) => a + (h * b)).ToArray()) - Value(name, p.Zip(t, (a, b) => a - (h * b)).ToArray())) / (2 * h);
            var gradient = new double[p.Length];
            Assert.Equal(value, (double)Use.GetMethod(name + "_B")!.Invoke(null, new object[] { p.Clone(), gradient })!);
            double reverse = gradient.Zip(t, (g, ti) => g * ti).Sum();
            TangentAssertions.AssertThreeWays(tangent, expected, along, reverse, value, single, name + " along (" + string.Join(", ", t) + ")");
        }
    }

    [Fact]
    public void MForward_CallsTheHandWrittenForwardDerivatives()
    {
        var result = GeneratorHarness.Run(DerivativeOfArrayForwardSources.Source);
        Assert.True(result.Diagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        string mix = result.Generated.Single(g => g.Key.Contains("Use.Mix", StringComparison.Ordinal)).Value;
        Assert.Contains("global::HandArrays.Lib.DotForward(", mix);
        Assert.Contains("global::HandArrays.Lib.LogSumExpForward(", mix);
        Assert.Contains("global::HandArrays.Lib.DotBackward(", mix);
    }

    [Theory]
    [MemberData(nameof(LanguageVersionTests.Versions), MemberType = typeof(LanguageVersionTests))]
    public void Generated_CompilesWithoutErrorsOrWarnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, DerivativeOfArrayForwardSources.Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Equal(6, result.Generated.Count(g => g.Value.Contains("Forward(", StringComparison.Ordinal)));
    }

    private const string Dot = """
        using System;
        using AutoDiffGen;
        public static partial class C
        {
            public static double Dot(double[] a, double x) => a[0] * a[1] * x;

            [DerivativeOf(nameof(Dot))]
            public static double DotBackward(double[] a, double x, double[] dA, ref double dX, double dResult = 1) { dA[0] += a[1] * x * dResult; dA[1] += a[0] * x * dResult; dX += a[0] * a[1] * dResult; return Dot(a, x); }

        """;

    public static TheoryData<string, string> WrongShapes => new()
    {
        // the forward derivative as written, the fault the message names
        { "public static double DotForward(double[] a, double x, double[] tA, double tX, out double tResult) { tResult = 0; return 0; }", "its parameter 3 ('tA') is 'double[]' where 'ReadOnlySpan<double>' ('tA') is expected" },
        { "public static double DotForward(double[] a, double x, Span<double> tA, double tX, out double tResult) { tResult = 0; return 0; }", "its parameter 3 ('tA') is 'Span<double>' where 'ReadOnlySpan<double>' ('tA') is expected" },
        { "public static double DotForward(double[] a, double x, double tX, ReadOnlySpan<double> tA, out double tResult) { tResult = 0; return 0; }", "its parameter 3 ('tX') is 'double' where 'ReadOnlySpan<double>' ('tA') is expected" },
        { "public static double DotForward(double[] a, double x, ReadOnlySpan<float> tA, double tX, out double tResult) { tResult = 0; return 0; }", "its parameter 3 ('tA') is 'ReadOnlySpan<float>' where 'ReadOnlySpan<double>' ('tA') is expected" },
        { "public static double DotForward(double[] a, double x, ReadOnlySpan<double> tA, double tX, out float tResult) { tResult = 0; return 0; }", "its parameter 5 ('tResult') is out 'float' where out 'double' ('tResult') is expected" },
    };

    [Theory]
    [MemberData(nameof(WrongShapes))]
    public void WrongForwardShape_IsAnErrorAtTheAttribute_SayingTheExpectedSignature(string forward, string fault)
    {
        string source = Dot + "    [DerivativeOf(nameof(Dot))]\n    " + forward + "\n\n    [Differentiable]\n    public static double F(double[] a, double x) => Dot(a, x) + 1;\n}\n";
        var error = DerivativeOfForwardTests.OneError(source, "ADG0013", "DerivativeOf(nameof(Dot))");
        Assert.Contains(fault, error.GetMessage());
        Assert.Contains("'static double DotForward(double[] a, double x, ReadOnlySpan<double> tA, double tX, out double tResult)'", error.GetMessage());
        Assert.Contains("'static double DotBackward(double[] a, double x, double[] dA, ref double dX, double dResult)'", error.GetMessage());
    }

    [Fact]
    public void ReverseDerivativeOnly_IsAnErrorAtTheCall_SayingTheForwardSignatureWithArrayTangents()
    {
        string source = Dot + "    [Differentiable(Forward = true)]\n    public static double F(double[] a, double x) => Dot(a, x) + 1;\n}\n";
        var error = DerivativeOfForwardTests.OneError(source, "ADG0018", "Dot(a, x)");
        Assert.Contains("[DerivativeOf(nameof(Dot))] static double DotForward(double[] a, double x, ReadOnlySpan<double> tA, double tX, out double tResult)", error.GetMessage());
    }

    [Fact]
    public void ForwardWithArrayTangentsBesideAReverseWithoutArrayAdjoints_IsAnErrorAtTheCall()
    {
        // The reverse one treats the array as a constant, so a varied array cannot be passed at all (in either mode).
        const string source = """
            using System;
            using AutoDiffGen;
            public static partial class C
            {
                public static double Dot(double[] a, double x) => a[0] * x;

                [DerivativeOf(nameof(Dot))]
                public static double DotBackward(double[] a, double x, ref double dX, double dResult = 1) { dX += a[0] * dResult; return a[0] * x; }

                [DerivativeOf(nameof(Dot))]
                public static double DotForward(double[] a, double x, ReadOnlySpan<double> tA, double tX, out double tResult) { tResult = tA[0] * x + a[0] * tX; return a[0] * x; }

                [Differentiable(Forward = true)]
                public static double F(double[] a, double x) => Dot(a, x);
            }
            """;
        var error = DerivativeOfForwardTests.OneError(source, "ADG0003", "a");
        Assert.Contains("takes no adjoint for it", error.GetMessage());
    }

    [Fact]
    public void HandForwardOfAGridFunction_IsAnErrorAtTheCall()
    {
        // A double[,] has no hand-written forward form yet (its tangent would be a double[,]).
        const string source = """
            using System;
            using AutoDiffGen;
            public static partial class C
            {
                public static double Trace(double[,] a) => a[0, 0] + a[1, 1];

                [DerivativeOf(nameof(Trace))]
                public static double TraceBackward(double[,] a, double[,] dA, double dResult = 1) { dA[0, 0] += dResult; dA[1, 1] += dResult; return Trace(a); }

                [Differentiable(Forward = true)]
                public static double F(double[,] a) => Trace(a) * 2;
            }
            """;
        var error = DerivativeOfForwardTests.OneError(source, "ADG0018", "Trace(a)");
        Assert.Contains("grid", error.GetMessage());
    }
}
