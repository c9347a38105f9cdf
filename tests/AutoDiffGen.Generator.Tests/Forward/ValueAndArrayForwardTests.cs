using System.Reflection;
using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Forward;

/// <summary>
/// <c>MForward</c> of a method that returns a value and writes into its array, span or <c>double[,]</c> parameter (itself
/// or through a callee): the written parameter's tangent is in/out, as for a void method, beside <c>tResult</c>. Each
/// method's Jacobian–vector product over (result, what the parameter is left holding) against a hand derivation, central
/// differences, and its own Backward (⟨w, J·t⟩ = ⟨Jᵀ·w, t⟩); every language version compiles it cleanly.
/// </summary>
public class ValueAndArrayForwardTests
{
    private static readonly Lazy<Assembly> Compiled = new(() =>
    {
        var result = LanguageVersionHarness.RunForLoad(LanguageVersion.CSharp7_3, false, null, ValueAndArrayForwardSources.Source, ValueAndArrayForwardSources.Wrappers);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        return result.Load();
    });

    private static Type M => Compiled.Value.GetType("ValueOut.M", throwOnError: true)!;

    private static double[] Call(string name, int outputs, params object[] args)
    {
        var o = new double[outputs];
        M.GetMethod(name)!.Invoke(null, args.Append(o).ToArray());
        return o;
    }

    private static double Dot(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum();

    /// <summary>The tangent of (result, outputs…) along t at p, derived by hand (see the sources' comments).</summary>
    private static double[] Hand(string name, double[] p, double[] t)
    {
        switch (name)
        {
            case "Normalize":
                {
                    double n = Math.Sqrt(Dot(p, p)), vt = Dot(p, t);
                    return new[] { vt / n }.Concat(p.Select((v, i) => (t[i] / n) - (v * vt / (n * n * n)))).ToArray();
                }
            case "Step":
                {
                    var s = p.Take(3).ToArray();
                    var ts = t.Take(3).ToArray();
                    double h = p[3], th = t[3];
                    var tn = Hand("Normalize", s, ts);
                    double n = Math.Sqrt(Dot(s, s));
                    var o = new[] { (th * n * n) + (2 * h * n * tn[0]), tn[1], tn[2], tn[3] };
                    o[1] += (th * n) + (h * tn[0]);
                    return o;
                }
            case "Pull":
                {
                    double x0 = p[0], x1 = p[1], y1 = p[3];
                    double y0n = x0 * y1, y1n = Math.Sin(x1) + y0n;
                    double ty0 = (t[0] * y1) + (x0 * t[3]);
                    double ty1 = (Math.Cos(x1) * t[1]) + ty0;
                    return new[] { (ty0 * y1n) + (y0n * ty1) + t[0], ty0, ty1 };
                }
            case "Grid":
                {
                    double a = p[0], ta = t[0];
                    double m01 = p[2] + Math.Exp(a);
                    double tm00 = (ta * p[4]) + (a * t[4]), tm01 = t[2] + (Math.Exp(a) * ta);
                    return new[] { tm00 + (ta * m01) + (a * tm01), tm00, tm01, t[3], t[4] };
                }
            case "UseLocal":
                {
                    var v = new[] { p[0], 2 * p[1], p[2] };
                    double n = Math.Sqrt(Dot(v, v)), n3 = n * n * n;
                    var dv = new[] { 1 - (v[2] * v[0] / n3), -v[2] * v[1] / n3, (1 / n) - (v[2] * v[2] / n3) };
                    return new[] { (dv[0] * t[0]) + (2 * dv[1] * t[1]) + (dv[2] * t[2]) };
                }
            case "Scale":
                {
                    double c = p[2], tc = t[2];
                    double v0 = c * p[0], v1 = p[1] * v0;
                    double tv0 = (tc * p[0]) + (c * t[0]), tv1 = (t[1] * v0) + (p[1] * tv0);
                    return new[] { (tc * v1) + (c * tv1), tv0, tv1 };
                }
            default:
                throw new ArgumentException(name);
        }
    }

    public static TheoryData<string, double[], int> Cases => new()
    {
        // method, inputs, outputs (result and what the parameter is left holding)
        { "Normalize", new[] { 0.6, -1.2, 0.8 }, 4 },
        { "Step", new[] { 0.9, 0.3, -0.7, 1.4 }, 4 },
        { "Pull", new[] { 0.7, -0.4, 1.1, 0.5 }, 3 },
        { "Grid", new[] { 0.35, 0.2, -0.6, 0.9, 1.3 }, 5 },
        { "UseLocal", new[] { -0.5, 0.8, 1.2 }, 1 },
        { "Scale", new[] { 0.7, -1.1, 1.3 }, 3 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Jvp_MatchesTheHandDerivation_CentralDifferences_AndTheBackward(string name, double[] p, int outputs)
    {
        bool single = name == "Scale";
        var random = new Random(name.Length * 13 + p.Length);
        var directions = Enumerable.Range(0, p.Length).Select(i => p.Select((_, j) => i == j ? 1.0 : 0.0).ToArray())
            .Append(p.Select(_ => Math.Round((random.NextDouble() * 2) - 1, 3)).ToArray());
        foreach (var t in directions)
        {
            var tangent = Call(name + "_F", outputs, p.Clone(), t.Clone());
            var hand = Hand(name, p, t);
            double h = single ? 1e-2 : 1e-6;
            var plus = Call(name + "_P", outputs, p.Zip(t, (a, b) => a + (h * b)).ToArray());
            var minus = Call(name + "_P", outputs, p.Zip(t, (a, b) => a - (h * b)).ToArray());
            var value = Call(name + "_P", outputs, p.Clone());
            var w = Enumerable.Range(0, outputs).Select(_ => Math.Round((random.NextDouble() * 2) - 1, 3)).ToArray();
            var jtw = new double[p.Length];
            M.GetMethod(name + "_B")!.Invoke(null, new object[] { p.Clone(), w, jtw });
            string what = name + " along (" + string.Join(", ", t) + ")";
            for (int k = 0; k < outputs; k++)
            {
                double numeric = (plus[k] - minus[k]) / (2 * h);
                if (single)
                {
                    double size = 1 + Math.Abs(hand[k]);
                    Tolerance.AssertClose(hand[k], tangent[k], 1e-5 * size, what + ": output " + k + " vs hand");
                    Tolerance.AssertClose(numeric, tangent[k], 3e-3 * size, what + ": output " + k + " vs central differences");
                }
                else
                {
                    Tolerance.AssertFormula(hand[k], tangent[k], what + ": output " + k + " vs hand");
                    Tolerance.AssertCentral(numeric, tangent[k], Math.Abs(value[k]) + 1, what + ": output " + k + " vs central differences");
                }
            }
            double forward = Dot(w, tangent), reverse = Dot(jtw, t);
            if (single) Tolerance.AssertClose(reverse, forward, 1e-4 * (1 + Math.Abs(reverse)), what + ": ⟨w, J·t⟩ vs ⟨Jᵀ·w, t⟩");
            else Tolerance.AssertFormula(reverse, forward, what + ": ⟨w, J·t⟩ vs ⟨Jᵀ·w, t⟩");
        }
    }

    [Fact]
    public void TheWrittenParameter_HasAnInOutTangentBesideTResult()
    {
        var result = GeneratorHarness.Run(ValueAndArrayForwardSources.Source);
        Assert.True(result.Diagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        string Of(string method) => result.Generated.Single(g => g.Key.Contains("M." + method, StringComparison.Ordinal)).Value;
        Assert.Contains("double NormalizeForward(double[] v, global::System.Span<double> tV, out double tResult)", Of("Normalize"));
        Assert.Contains("double StepForward(double[] s, double h, global::System.Span<double> tS, double tH, out double tResult)", Of("Step"));
        Assert.Contains("double GridForward(double a, double[,] m, double tA, double[,] tM, out double tResult)", Of("Grid"));
    }

    [Theory]
    [MemberData(nameof(LanguageVersionTests.Versions), MemberType = typeof(LanguageVersionTests))]
    public void Generated_CompilesWithoutErrorsOrWarnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, ValueAndArrayForwardSources.Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Equal(6, result.Generated.Count(g => g.Value.Contains("Forward(", StringComparison.Ordinal)));
    }
}
