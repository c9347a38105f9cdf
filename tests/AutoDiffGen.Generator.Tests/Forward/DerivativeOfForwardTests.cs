using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Forward;

/// <summary>
/// A hand-written forward derivative (<c>[DerivativeOf(nameof(M))] R MForward(p…, tangents…, out R tResult)</c>, the shape
/// a generated <c>MForward</c> has) is what a <c>Forward = true</c> caller's <c>MForward</c> calls for M: each caller's
/// tangent against a hand-derived gradient, central differences along a direction and its own reverse mode, on every
/// language version; wrong shapes and missing forward derivatives are ADG errors saying what to write.
/// </summary>
public class DerivativeOfForwardTests
{
    private static readonly Lazy<System.Reflection.Assembly> Compiled = new(() =>
    {
        var result = LanguageVersionHarness.RunForLoad(LanguageVersion.CSharp7_3, false, null, DerivativeOfForwardSources.Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        return result.Load();
    });

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    /// <summary>Each caller's gradient, derived by hand (see the sources' comments).</summary>
    private static double[] Hand(string name, double x, double y)
    {
        switch (name)
        {
            case "Branchy" when x > 0:
                return new[] { (3 * Math.Pow(x * y, 2) * y) + (x / Math.Sqrt((x * x) + 4)), 3 * Math.Pow(x * y, 2) * x };
            case "Branchy":
                {
                    double r = Math.Sqrt((x * x) + (y * y));
                    return new[] { (x * x / r) + r, x * y / r };
                }
            case "Looped":
                // W[2] = 2.5; Σk k = 3.
                return new[] { (2.5 * Math.Cos(x * y) * y) + (x / Math.Abs(x)) + (x / Math.Sqrt((x * x) + 1)) + (x / Math.Sqrt((x * x) + 4)), (2.5 * Math.Cos(x * y) * x) + (9 * y * y) };
            case "Outer":
                {
                    double b = x > 0 ? Math.Pow(x * y, 3) + Math.Sqrt((x * x) + 4) : Math.Sqrt((x * x) + (y * y)) * x;
                    var db = Hand("Branchy", x, y);
                    return new[] { (db[0] * x * x * x) + (b * 3 * x * x), (db[1] * x * x * x) + (y / Math.Sqrt(64 + (y * y))) };
                }
            case "Single":
                return new[] { (Sigmoid(x * y) * y) + 1, Sigmoid(x * y) * x };
            default:
                throw new ArgumentException(name);
        }
    }

    public static TheoryData<string, double, double> Points => new()
    {
        { "Branchy", 0.7, -1.1 },
        { "Branchy", -0.6, 0.9 },
        { "Looped", 0.8, 0.45 },
        { "Looped", -1.3, 0.2 },
        { "Outer", 0.9, 0.6 },
        { "Outer", -0.5, 1.4 },
        { "Single", 0.6, -0.8 },
    };

    [Theory]
    [MemberData(nameof(Points))]
    public void Tangent_MatchesTheHandDerivative_CentralDifferences_AndTheReverseMode(string name, double x, double y)
    {
        var f = new Differentiated(Compiled.Value, "HandForward.Use", name);
        bool single = name == "Single";
        var hand = Hand(name, x, y);
        foreach (var t in new[] { new[] { 1.0, 0.0 }, new[] { 0.0, 1.0 }, new[] { 0.6, -1.3 } })
        {
            var (value, tangent) = f.Forward(new[] { x, y }, t);
            Assert.Equal(f.Value(x, y), value);
            double expected = (hand[0] * t[0]) + (hand[1] * t[1]);
            double h = single ? 1e-2 : 1e-6;
            double along = (f.Value(x + (h * t[0]), y + (h * t[1])) - f.Value(x - (h * t[0]), y - (h * t[1]))) / (2 * h);
            var (_, gradient) = f.Backward(new[] { x, y });
            double reverse = (gradient[0] * t[0]) + (gradient[1] * t[1]);
            TangentAssertions.AssertThreeWays(tangent, expected, along, reverse, value, single, name);
        }
    }

    [Fact]
    public void MForward_CallsTheHandWrittenForwardDerivatives()
    {
        var result = GeneratorHarness.Run(DerivativeOfForwardSources.Source);
        Assert.True(result.Diagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        string branchy = result.Generated.Single(g => g.Key.Contains("Use.Branchy", StringComparison.Ordinal)).Value;
        Assert.Contains("global::HandForward.Lib.CubeForward(", branchy);
        Assert.Contains("global::HandForward.Lib.HypForward(", branchy);
        Assert.Contains("global::HandForward.Lib.CubeBackward(", branchy);
    }

    [Theory]
    [MemberData(nameof(LanguageVersionTests.Versions), MemberType = typeof(LanguageVersionTests))]
    public void Generated_CompilesWithoutErrorsOrWarnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, DerivativeOfForwardSources.Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Equal(4, result.Generated.Count(g => g.Value.Contains("Forward(", StringComparison.Ordinal)));
    }

    private const string Cube = """
        using AutoDiffGen;
        public static partial class C
        {
            public static double Cube(double x) => x * x * x;

            [DerivativeOf(nameof(Cube))]
            public static double CubeBackward(double x, ref double dX, double dResult = 1) { dX += 3 * x * x * dResult; return x * x * x; }

        """;

    internal static List<Diagnostic> Diagnostics(string source) => GeneratorHarness.Run(source).GeneratorDiagnostics.ToList();

    internal static string Span(Diagnostic d) => d.Location.SourceTree!.ToString().Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length);

    /// <summary>The one error the generator reports for <paramref name="source"/>, asserted to be <paramref name="id"/> at <paramref name="at"/>.</summary>
    internal static Diagnostic OneError(string source, string id, string at)
    {
        var error = Assert.Single(Diagnostics(source), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(id, error.Id);
        Assert.Equal(at, Span(error));
        return error;
    }

    public static TheoryData<string, string> WrongShapes => new()
    {
        // the forward derivative as written, the fault the message names
        { "public static double CubeForward(double x, ref double tX, out double tResult) { tResult = 3 * x * x * tX; return x * x * x; }", "its parameter 2 ('tX') is ref 'double' where 'double' ('tX') is expected" },
        { "public static float CubeForward(double x, double tX, out double tResult) { tResult = 3 * x * x * tX; return 0; }", "it returns 'float' where 'double' is expected" },
        { "public static double CubeForward(double x, double tX, out float tResult) { tResult = 0; return x; }", "its parameter 3 ('tResult') is out 'float' where out 'double' ('tResult') is expected" },
        { "public static double CubeForward(double x, out double tResult) { tResult = 0; return x; }", "its parameter 2 ('tResult') is out 'double' where 'double' ('tX') is expected" },
    };

    [Theory]
    [MemberData(nameof(WrongShapes))]
    public void WrongForwardShape_IsAnErrorAtTheAttribute_SayingTheExpectedSignature(string forward, string fault)
    {
        string source = Cube + "    [DerivativeOf(nameof(Cube))]\n    " + forward + "\n\n    [Differentiable]\n    public static double F(double x) => Cube(x) + 1;\n}\n";
        var error = Assert.Single(Diagnostics(source), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ADG0013", error.Id);
        Assert.Equal("DerivativeOf(nameof(Cube))", Span(error));
        Assert.Contains(fault, error.GetMessage());
        Assert.Contains("'static double CubeForward(double x, double tX, out double tResult)'", error.GetMessage());
        Assert.Contains("'static double CubeBackward(double x, ref double dX, double dResult)'", error.GetMessage());
    }

    [Fact]
    public void ReverseDerivativeOnly_IsAnErrorAtTheCall_SayingTheForwardSignature()
    {
        string source = Cube + "    [Differentiable(Forward = true)]\n    public static double F(double x) => Cube(x) + 1;\n}\n";
        var error = Assert.Single(Diagnostics(source), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ADG0018", error.Id);
        Assert.Equal("Cube(x)", Span(error));
        Assert.Contains("[DerivativeOf(nameof(Cube))] static double CubeForward(double x, double tX, out double tResult)", error.GetMessage());
    }

    [Fact]
    public void ForwardDerivativeOnly_IsTheMissingDerivativeErrorAtTheCall()
    {
        // MBackward is always generated, so the reverse derivative is needed too.
        const string source = """
            using AutoDiffGen;
            public static partial class C
            {
                public static double Cube(double x) => x * x * x;

                [DerivativeOf(nameof(Cube))]
                public static double CubeForward(double x, double tX, out double tResult) { tResult = 3 * x * x * tX; return x * x * x; }

                [Differentiable(Forward = true)]
                public static double F(double x) => Cube(x) + 1;
            }
            """;
        var errors = Diagnostics(source).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal("Cube(x)", Span(e)));
        Assert.Contains(errors, e => e.GetMessage().Contains("CubeBackward(double x, ref double dX, double dResult)", StringComparison.Ordinal));
    }

    [Fact]
    public void ReverseDerivativeWithArrayAdjoints_IsAnErrorAtTheCall()
    {
        // The reverse derivative takes an adjoint for the array: a forward one would need its tangent, not written yet.
        const string source = """
            using System;
            using AutoDiffGen;
            public static partial class C
            {
                public static double Sum(double[] a, double x) => a[0] * x;

                [DerivativeOf(nameof(Sum))]
                public static double SumBackward(double[] a, double x, double[] dA, ref double dX, double dResult = 1) { dA[0] += x * dResult; dX += a[0] * dResult; return a[0] * x; }

                [DerivativeOf(nameof(Sum))]
                public static double SumForward(double[] a, double x, double tX, out double tResult) { tResult = a[0] * tX; return a[0] * x; }

                [Differentiable(Forward = true)]
                public static double F(double[] a, double x) => Sum(a, x);
            }
            """;
        var error = Assert.Single(Diagnostics(source), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ADG0018", error.Id);
        Assert.Equal("Sum(a, x)", Span(error));
        Assert.Contains("takes adjoints for its arrays", error.GetMessage());
    }

    [Fact]
    public void PrivateForwardDerivative_IsUnusedOnlyWithoutAForwardCaller()
    {
        string Source(string attribute) => Cube + "    [DerivativeOf(nameof(Cube))]\n    private static double CubeForward(double x, double tX, out double tResult) { tResult = 3 * x * x * tX; return x * x * x; }\n\n    "
            + attribute + "\n    public static double F(double x) => Cube(x) + 1;\n}\n";
        var reverseOnly = Diagnostics(Source("[Differentiable]"));
        var warning = Assert.Single(reverseOnly);
        Assert.Equal("ADG0014", warning.Id);
        Assert.Contains("'CubeForward'", warning.GetMessage());
        Assert.Empty(Diagnostics(Source("[Differentiable(Forward = true)]")));
    }
}
