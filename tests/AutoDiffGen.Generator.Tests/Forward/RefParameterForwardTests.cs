using System.Reflection;
using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Forward;

/// <summary>
/// Forward mode of <c>ref</c>/<c>out</c> parameters: <c>ref double x</c> has the tangent <c>ref double tX</c> (in/out: on entry the
/// tangent of the value passed, on return of the value left), <c>out double y</c> has <c>out double tY</c>; a forward caller
/// passes its variables and their tangents by ref to the callee's <c>MForward</c>. Each against hand-derived
/// derivatives, central differences and the reverse mode, compiled as C# 7.3 (and warning-free on every version).
/// </summary>
public class RefParameterForwardTests
{
    private static readonly Lazy<Type> Compiled = new(() =>
    {
        var result = LanguageVersionHarness.RunForLoad(LanguageVersion.CSharp7_3, false, null, RefParameterForwardSources.Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        return result.Load().GetType("RefForward.M", throwOnError: true)!;
    });

    private static object?[] Call(string name, params object?[] args)
    {
        var method = Compiled.Value.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;
        object? value = method.Invoke(null, args);
        return args.Append(value).ToArray();
    }

    private static double D(object? o) => Convert.ToDouble(o, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(0.7, -0.4, 0.3, 0.6, -1.1, 0.8)]
    [InlineData(-1.2, 0.9, 0.05, 1.0, 0.0, 0.0)]
    [InlineData(2.1, 0.3, -0.2, 0.0, 1.0, -0.5)]
    public void Step_RefTangentsAreInOut_MatchHandDerivativesAndCentralDifferences(double x, double v, double h, double tx, double tv, double th)
    {
        // [x, v, h, tX, tV, tH] after the call: x', v' and their tangents.
        var r = Call("StepForward", x, v, h, tx, tv, th);
        double v1 = v - (h * Math.Sin(x)), x1 = x + (h * v1);
        Assert.Equal(x1, D(r[0]));
        Assert.Equal(v1, D(r[1]));
        double tv1 = (-h * Math.Cos(x) * tx) + tv - (Math.Sin(x) * th);
        double tx1 = tx + (h * tv1) + (v1 * th);
        Tolerance.AssertFormula(tv1, D(r[4]), "tV: hand");
        Tolerance.AssertFormula(tx1, D(r[3]), "tX: hand");
        const double e = 1e-6;
        var plus = Call("Step", x + (e * tx), v + (e * tv), h + (e * th));
        var minus = Call("Step", x - (e * tx), v - (e * tv), h - (e * th));
        Tolerance.AssertCentral((D(plus[0]) - D(minus[0])) / (2 * e), D(r[3]), x1, "tX: central differences");
        Tolerance.AssertCentral((D(plus[1]) - D(minus[1])) / (2 * e), D(r[4]), v1, "tV: central differences");
    }

    [Theory]
    [InlineData(0.8, 1.5)]
    [InlineData(-2.0, -0.3)]
    public void Split_OutTangent_AndAccum_RefTangentWithAResult(double x, double tx)
    {
        var split = Call("SplitForward", x, null, tx, null, null);
        Assert.Equal(x * x, D(split[1]));
        Tolerance.AssertFormula(2 * x * tx, D(split[3]), "tY: hand");
        Tolerance.AssertFormula(Math.Cos(x) * tx, D(split[4]), "tResult: hand");

        double s = 0.4 - x, ts = 0.7;
        var accum = Call("AccumForward", s, x, ts, tx, null);
        double s1 = s + (x * x), ts1 = ts + (2 * x * tx);
        Assert.Equal(s1, D(accum[0]));
        Assert.Equal(s1 * x, D(accum[5]));
        Tolerance.AssertFormula(ts1, D(accum[2]), "tS: hand");
        Tolerance.AssertFormula((ts1 * x) + (s1 * tx), D(accum[4]), "tResult: hand");
        const double e = 1e-6;
        double Accum(double d) => D(Call("Accum", s + (e * d * ts), x + (e * d * tx))[2]);
        Tolerance.AssertCentral((Accum(1) - Accum(-1)) / (2 * e), D(accum[4]), s1 * x, "tResult: central differences");
    }

    [Fact]
    public void StepF_FloatRefTangent()
    {
        float x = 0.6f, h = 0.25f, tx = 1.2f, th = -0.4f;
        var r = Call("StepFForward", x, h, tx, th);
        double expected = ((1 + (2 * h * x)) * tx) + (x * x * th);
        Tolerance.AssertClose(expected, D(r[2]), 1e-5, "tX: hand");
    }

    /// <summary>Every scalar caller: MForward's tResult against the hand gradient (where derived), central differences and MBackward.</summary>
    public static TheoryData<string, double, double> Callers => new()
    {
        { "Once", 0.7, -0.3 },
        { "Once", -1.4, 1.1 },
        { "Energy", 0.6, 0.2 },
        { "Energy", -0.9, 0.5 },
        { "Single", 0.6, 0.25 },
    };

    private static double[]? Hand(string name, double x, double y)
    {
        switch (name)
        {
            case "Once":
                {
                    double v1 = y - (0.5 * Math.Sin(x)), x1 = x + (0.5 * v1);
                    double dv1dx = -0.5 * Math.Cos(x), dx1dx = 1 + (0.5 * dv1dx);
                    return new[] { (dx1dx * v1) + (x1 * dv1dx), (0.5 * v1) + x1 };
                }
            case "Single":
                {
                    double h = y, y1 = x + (h * x * x), y2 = y1 + (h * y1 * y1);
                    double dy2dx = (1 + (2 * h * y1)) * (1 + (2 * h * x)), dy2dh = (y1 * y1) + ((1 + (2 * h * y1)) * x * x);
                    return new[] { (dy2dx * x) + y2, dy2dh * x };
                }
            default:
                return null;
        }
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public void Caller_Tangent_MatchesHandCentralDifferencesAndTheReverseMode(string name, double x, double y)
    {
        bool single = name == "Single";
        var f = new Differentiated(Compiled.Value.Assembly, "RefForward.M", name);
        var (_, gradient) = f.Backward(new[] { x, y });
        var hand = Hand(name, x, y);
        foreach (var t in new[] { new[] { 1.0, 0.0 }, new[] { 0.0, 1.0 }, new[] { 0.5, -1.2 } })
        {
            var (value, tangent) = f.Forward(new[] { x, y }, t);
            Assert.Equal(f.Value(x, y), value);
            double h = single ? 1e-2 : 1e-6;
            double along = (f.Value(x + (h * t[0]), y + (h * t[1])) - f.Value(x - (h * t[0]), y - (h * t[1]))) / (2 * h);
            double reverse = (gradient[0] * t[0]) + (gradient[1] * t[1]);
            double size = 1 + Math.Abs(along);
            if (hand is not null) Tolerance.AssertClose((hand[0] * t[0]) + (hand[1] * t[1]), tangent, (single ? 1e-5 : 1e-12) * size, name + " tResult vs hand");
            Tolerance.AssertClose(reverse, tangent, (single ? 1e-5 : 1e-12) * size, name + " tResult vs Backward · t");
            if (single) Tolerance.AssertClose(along, tangent, 3e-3 * size, name + " tResult vs central differences");
            else Tolerance.AssertCentral(along, tangent, value, name + " tResult vs central differences");
        }
    }

    [Fact]
    public void Drive_RefCallerOfARefCallee_MatchesCentralDifferencesAndItsBackward()
    {
        double x = 0.3, v = -0.8, h = 0.2, tx = 0.9, tv = -0.6, th = 1.1;
        var r = Call("DriveForward", x, v, h, tx, tv, th);
        const double e = 1e-6;
        var plus = Call("Drive", x + (e * tx), v + (e * tv), h + (e * th));
        var minus = Call("Drive", x - (e * tx), v - (e * tv), h - (e * th));
        Tolerance.AssertCentral((D(plus[0]) - D(minus[0])) / (2 * e), D(r[3]), D(r[0]), "tX: central differences");
        Tolerance.AssertCentral((D(plus[1]) - D(minus[1])) / (2 * e), D(r[4]), D(r[1]), "tV: central differences");
        // ⟨J·t, w⟩ = ⟨t, Jᵀ·w⟩: DriveBackward's in/out adjoints seeded with w = (1.3, −0.7).
        var back = Call("DriveBackward", x, v, h, 1.3, -0.7, 0.0);
        Tolerance.AssertFormula((D(r[3]) * 1.3) - (D(r[4]) * 0.7), (D(back[3]) * tx) + (D(back[4]) * tv) + (D(back[5]) * th), "⟨J·t, w⟩ vs ⟨t, Jᵀ·w⟩");
    }

    [Fact]
    public void Signatures_PassTheTangentsAsTheValuesArePassed()
    {
        var type = Compiled.Value;
        string Signature(string name) => string.Join(", ", type.GetMethod(name)!.GetParameters().Select(p => (p.IsOut ? "out " : p.ParameterType.IsByRef ? "ref " : "") + p.ParameterType.Name.TrimEnd('&') + " " + p.Name));
        Assert.Equal("ref Double x, ref Double v, Double h, ref Double tX, ref Double tV, Double tH", Signature("StepForward"));
        Assert.Equal("Double x, out Double y, Double tX, out Double tY, out Double tResult", Signature("SplitForward"));
        Assert.Equal("ref Double s, Double x, ref Double tS, Double tX, out Double tResult", Signature("AccumForward"));
    }

    [Theory]
    [MemberData(nameof(LanguageVersionTests.Versions), MemberType = typeof(LanguageVersionTests))]
    public void Generated_CompilesWithoutErrorsOrWarnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, RefParameterForwardSources.Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Equal(8, result.Generated.Count(g => g.Value.Contains("Forward(", StringComparison.Ordinal)));
    }

    private static List<Diagnostic> Errors(string source) =>
        GeneratorHarness.Run(source).GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

    private static string Span(Diagnostic d) => d.Location.SourceTree!.ToString().Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length);

    [Fact]
    public void RefCallToACalleeWithoutForward_GetsItsForwardFromItsBody()
    {
        const string source = """
            using System;
            using AutoDiffGen;
            public static partial class C
            {
                [Differentiable]
                public static void Step(ref double x, double h) { x += h * Math.Sin(x); }

                [Differentiable(Forward = true)]
                public static double F(double x) { Step(ref x, 0.1); return x * x; }
            }
            """;
        // Until 2026-12-03 (hess6) ADG0018 at the call: Step's MForward is now written from its body for F.
        Assert.Empty(Errors(source));
        var type = GeneratorHarness.CompileAndLoad(source).GetType("C")!;
        double x0 = 0.9;
        var args = new object[] { x0, 1.0, null! };
        type.GetMethod("FForward")!.Invoke(null, args);
        // By hand: x1 = x + 0.1 sin x, f = x1², f' = 2·x1·(1 + 0.1 cos x).
        double x1 = x0 + 0.1 * Math.Sin(x0);
        Tolerance.AssertFormula(2 * x1 * (1 + 0.1 * Math.Cos(x0)), (double)args[2], "F's tangent by hand");
        var f = type.GetMethod("F")!.CreateDelegate<Func<double, double>>();
        Tolerance.AssertCentral((f(x0 + 1e-6) - f(x0 - 1e-6)) / 2e-6, (double)args[2], x1 * x1, "F's tangent vs central differences");
    }

    [Fact]
    public void NoDiffRefParameter_IsAnErrorAtTheParameter()
    {
        const string source = """
            using AutoDiffGen;
            public static partial class C
            {
                [Differentiable(Forward = true)]
                public static void Scale([NoDiff] ref double k, ref double x) { x *= k; k += 1; }
            }
            """;
        var error = Assert.Single(Errors(source));
        Assert.Equal("ADG0018", error.Id);
        Assert.Equal("[NoDiff] ref double k", Span(error));
        Assert.Contains("remove [NoDiff]", error.GetMessage());
    }

    [Fact]
    public void RefOfANonReal_IsAnErrorAtTheParameter()
    {
        const string source = """
            using AutoDiffGen;
            public static partial class C
            {
                [Differentiable(Forward = true)]
                public static double Count(ref int k, double x) { k++; return x * k; }
            }
            """;
        // A declaration rule, reported by the analyzer whatever the mode: no MBackward and no MForward.
        var run = GeneratorHarness.Run(source);
        var error = Assert.Single(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ADG0006", error.Id);
        Assert.Equal("ref int k", Span(error));
        Assert.Empty(run.Generated);
    }
}
