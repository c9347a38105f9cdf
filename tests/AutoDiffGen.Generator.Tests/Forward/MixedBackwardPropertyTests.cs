using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Forward;

/// <summary>
/// Property test of mixed Backwards (<c>Lowering/CarriedBackwards</c>, <c>Differentiator.Mixed</c>): random programs
/// <c>double P(double[] a, double x[, double[] b][, double y])</c>, a loop over a of 2–5 statements (Horner steps, sin and
/// tanh, branches on carried values, break and continue, an inner loop, a local array written and read, calls to a helper
/// with <c>Forward = true</c> and to a reverse-only one, for which forward mode refuses the method). Each inside program generates cleanly;
/// with one scalar and no reverse-only call its MBackward is mixed where that tapes less, else the reverse sweep;
/// with two scalars, or a reverse-only call, the reverse sweep. At three points its value and gradient match central
/// differences (and it adds, with seed 2), and match the reverse sweep the generator writes for the same model (emitted with
/// <c>CarriedBackward</c> off, compiled apart) to summation order. Each just outside (a pattern-matching declaration in the
/// loop) gets ADG0003 at it and no code, as before. CI runs 60 programs; AUTODIFFGEN_MIXED_COUNT runs more.
/// </summary>
public class MixedBackwardPropertyTests(ITestOutputHelper output)
{
    private const string Header = """
        using System;
        using AutoDiffGen;

        public static partial class Mixed
        {
            [Differentiable(Forward = true)]
            public static double Sq(double u) => u * u;

            // Reverse only: a hand-written derivative, d/du u/(1+u²) = (1−u²)/(1+u²)².
            public static double Damp(double u) => u / (1 + u * u);

            [DerivativeOf(nameof(Damp))]
            public static double DampBackward(double u, ref double dU, double dResult = 1) { double q = 1 + u * u; dU += (1 - u * u) / (q * q) * dResult; return u / q; }

        """;

    private sealed record Program(string Name, string Text, string? Bad, bool TwoScalars, bool TwoArrays, bool ReverseOnly);

    [Fact]
    public void ScalarsBesideArrays_MatchCentralDifferencesAndTheReverseSweep_OrADG0003AtTheExpression()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_MIXED_COUNT", 60);
        var random = new Random(20261204);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 6 == 5)).ToList();
        string source = ProgramBatch.Source(Header, all.Select(p => p.Text));
        var run = GeneratorHarness.Run(source);
        var clean = ProgramBatch.Judge(run, Header, all, p => (p.Name, p.Text, p.Bad));
        var type = ProgramBatch.LoadClean(Header, clean.Select(p => p.Text), "Mixed");

        // The reverse sweep of the same models, written by the emitter with the carried form off.
        var reverse = ReverseSweepTwin.Load(Header, clean.Select(p => p.Text), "Mixed");

        int points = 0, mixed = 0, oneScalar = 0;
        foreach (var p in clean)
        {
            string generated = run.Generated.Single(g => g.Key.StartsWith("Mixed." + p.Name + "_", StringComparison.Ordinal)).Value;
            bool isMixed = CarriedSeeds.Adds(generated);
            Assert.False(isMixed && (p.TwoScalars || p.ReverseOnly), p.Name + " has two scalars or a reverse-only call but was mixed:\n" + p.Text + "\n" + generated);
            if (isMixed) mixed++;
            if (!p.TwoScalars && !p.ReverseOnly) oneScalar++;
            var method = type.GetMethod(p.Name, BindingFlags.Public | BindingFlags.Static)!;
            var mine = type.GetMethod(p.Name + "Backward", BindingFlags.Public | BindingFlags.Static)!;
            var theirs = reverse.GetMethod(p.Name + "Backward", BindingFlags.Public | BindingFlags.Static)!;
            for (int k = 0; k < 3; k++)
            {
                var at = Point(random, p);
                try
                {
                    CentralDifferenceRunner.Check(method, null, at);
                    var (value, gradient) = PreloadedBackward.Call(mine, at);
                    var (reverseValue, reverseGradient) = PreloadedBackward.Call(theirs, at);
                    Assert.Equal(reverseValue, value);
                    // Forward and reverse accumulate the same products in another order: a few hundred roundings at most,
                    // each relative to the partial products, which sin, tanh and the damping keep near 1.
                    for (int j = 0; j < gradient.Length; j++)
                    {
                        Tolerance.AssertClose(reverseGradient[j], gradient[j], 1e-12 * Math.Max(1, Math.Abs(reverseGradient[j])), "gradient " + j + " against the reverse sweep");
                    }
                }
                catch (Xunit.Sdk.XunitException e)
                {
                    throw new Xunit.Sdk.XunitException(p.Name + " at " + string.Join(", ", at.Select(Show)) + ": " + e.Message + "\n" + p.Text + "\n" + generated);
                }
                points++;
            }
        }
        ProgramBatch.AssertCounts(all.Count, all.Count(p => p.Bad is not null), clean.Count, points, output.WriteLine);
        output.WriteLine(mixed + " mixed of " + oneScalar + " with one scalar and no reverse-only call; " + (clean.Count - mixed) + " reverse");
        Assert.True(mixed > oneScalar / 2, mixed + " of " + oneScalar + " mixed");
    }

    private static string Show(object o) => o is double[] a ? "[" + string.Join(", ", a) + "]" : Convert.ToString(o, CultureInfo.InvariantCulture)!;

    /// <summary>a of length 0–5 and b of length 1–3 in [−1.2, 1.2], x and y in [−1.2, 1.2], to four places.</summary>
    private static object[] Point(Random random, Program p)
    {
        double Real() => Math.Round((random.NextDouble() * 2.4) - 1.2, 4);
        double[] Array(int length) => Enumerable.Range(0, length).Select(_ => Real()).ToArray();
        var at = new List<object> { Array(random.Next(6)), Real() };
        if (p.TwoArrays) at.Add(Array(1 + random.Next(3)));
        if (p.TwoScalars) at.Add(Real());
        return at.ToArray();
    }

    private static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        bool twoScalars = random.Next(4) == 0, twoArrays = random.Next(3) == 0, reverseOnly = false;
        var arrays = twoArrays ? new[] { "a[i]", "b[i % b.Length]" } : new[] { "a[i]" };
        var scalars = twoScalars ? new[] { "x", "y" } : new[] { "x" };
        string Scalar() => Pick(scalars);
        string Element() => Pick(arrays);
        string Real() => Pick("s", "u", "0.5", "i * 0.25", Element(), "s * " + Element(), "u - " + Element(), Scalar());
        string Statement(int depth)
        {
            switch (random.Next(depth > 0 ? 14 : 12))
            {
                case 0: case 1: return "s = s * " + Scalar() + " + " + Pick(Element(), "0.5", "i * 0.1", "u") + ";";
                case 2: return "s += Math.Sin(" + Real() + " * " + Pick(Scalar(), Element()) + ");";
                case 3: return "u = Math.Tanh(u + " + Real() + " * 0.3);";
                case 4: return "if (s > " + Pick("1.5", "u", Element()) + ") break;";
                case 5: return "if (i % 2 == 1) continue;";
                case 6: return "if (s > u) s = s * 0.5 + " + Element() + "; else s -= " + Scalar() + " * " + Element() + " * 0.1;";
                case 7: return "s += Sq(" + Real() + ") * 0.1;";
                case 8:
                    // A reverse-only call: forward mode refuses the method (on either side of the call), the reverse sweep stays.
                    reverseOnly = true;
                    return random.Next(2) == 0 ? "u = u * 0.5 + Damp(" + Element() + ") * 0.1;" : "s = Damp(s) + " + Scalar() + ";";
                case 9: return "for (int j = 0; j < 2; j++) s = s * " + Scalar() + " - 0.1 * j * " + Element() + ";";
                case 10: return "t[i] = " + Element() + " * " + Pick(Element(), "u", "0.5") + "; s += t[i] * " + Scalar() + ";";
                case 11: return "u += " + Element() + " * " + Element() + " * 0.2;";
                case 12: return "if (" + Pick(Scalar() + " > 0", "s > 0.3", Element() + " > 0") + ") { " + Statement(depth - 1) + " } else { " + Statement(depth - 1) + " }";
                default: return "{ " + Statement(depth - 1) + " " + Statement(depth - 1) + " }";
            }
        }

        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double[] a, double x")
            .Append(twoArrays ? ", double[] b" : "").Append(twoScalars ? ", double y" : "").Append(")\n    {\n");
        text.Append("        double s = x, u = 0.5;\n        var t = new double[a.Length];\n");
        text.Append("        for (int i = 0; i < a.Length; i++)\n        {\n");
        int statements = 2 + random.Next(4);
        int badAt = outside ? random.Next(statements) : -1;
        for (int k = 0; k < statements; k++)
        {
            if (k == badAt) text.Append("            { if (s * x is double d) s += d * x; }\n");
            text.Append("            ").Append(Statement(1)).Append('\n');
        }
        text.Append("        }\n        return s + u * ").Append(Scalar()).Append(";\n    }\n");
        return new Program(name, text.ToString(), outside ? "double d" : null, twoScalars, twoArrays, reverseOnly);
    }
}
