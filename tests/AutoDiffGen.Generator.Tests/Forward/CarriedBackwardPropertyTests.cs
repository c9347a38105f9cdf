using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Forward;

/// <summary>
/// Property test of carried Backwards (<c>Lowering/CarriedBackwards</c>): random programs <c>double P(double x, int m)</c>, a loop
/// over m of 2–5 statements (a Horner step, sin and tanh of carried values, branches on them, break and continue, an inner
/// loop, calls to a helper with <c>Forward = true</c> and, in some, to one without). Each inside program generates cleanly;
/// its MBackward is the carried sweep unless it calls the reverse-only helper (forward mode would refuse that call), then
/// the reverse sweep; at three points its value and gradient match central differences (and it adds, with seed 2), and
/// match the reverse sweep the generator writes for the same model (emitted with <c>CarriedBackward</c> off, compiled apart)
/// to summation order. Each just outside (a pattern-matching declaration in the loop) gets ADG0003 at it and no code, as
/// before. CI runs 60 programs; AUTODIFFGEN_CARRIED_COUNT runs more.
/// </summary>
public class CarriedBackwardPropertyTests(ITestOutputHelper output)
{
    private const string Header = """
        using System;
        using AutoDiffGen;

        public static partial class Carried
        {
            [Differentiable(Forward = true)]
            public static double Sq(double u) => u * u;

            // Reverse only: a hand-written derivative, d/du u/(1+u²) = (1−u²)/(1+u²)² (a plain [Differentiable] Damp gets an
            // MForward from its body since hess6: DerivedForms).
            public static double Damp(double u) => u / (1 + u * u);

            [DerivativeOf(nameof(Damp))]
            public static double DampBackward(double u, ref double dU, double dResult = 1) { double q = 1 + u * u; dU += (1 - u * u) / (q * q) * dResult; return u / q; }

        """;

    [Fact]
    public void OneScalarLoops_MatchCentralDifferencesAndTheReverseSweep_OrADG0003AtTheExpression()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_CARRIED_COUNT", 60);
        var random = new Random(20261203);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 6 == 5)).ToList();
        string source = ProgramBatch.Source(Header, all.Select(p => p.Text));
        var run = GeneratorHarness.Run(source);
        var clean = ProgramBatch.Judge(run, Header, all, p => (p.Name, p.Text, p.Bad));
        var type = ProgramBatch.LoadClean(Header, clean.Select(p => p.Text), "Carried");

        // The reverse sweep of the same models, written by the emitter with the carried form off.
        var reverse = ReverseSweepTwin.Load(Header, clean.Select(p => p.Text), "Carried");

        int points = 0, carried = 0;
        foreach (var (name, text, _, reverseOnly) in clean)
        {
            string generated = run.Generated.Single(g => g.Key.StartsWith("Carried." + name + "_", StringComparison.Ordinal)).Value;
            bool isCarried = CarriedSeeds.Adds(generated) && !CarriedSeeds.DeclaresSeed(generated) && !generated.Contains("TapeWorkspace", StringComparison.Ordinal);
            Assert.True(isCarried != reverseOnly, name + (reverseOnly ? " calls a reverse-only helper but was carried" : " was not carried") + ":\n" + text + "\n" + generated);
            if (isCarried) carried++;
            var method = type.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;
            var mine = type.GetMethod(name + "Backward", BindingFlags.Public | BindingFlags.Static)!;
            var theirs = reverse.GetMethod(name + "Backward", BindingFlags.Public | BindingFlags.Static)!;
            for (int k = 0; k < 3; k++)
            {
                var at = Point(random);
                try
                {
                    CentralDifferenceRunner.Check(method, null, at);
                    var (value, dX) = Call(mine, at);
                    var (reverseValue, reverseDX) = Call(theirs, at);
                    Assert.Equal(reverseValue, value);
                    // Forward and reverse accumulate the same products in another order: a few hundred roundings at most,
                    // each relative to the partial products, which sin, tanh and the damping keep near 1.
                    Tolerance.AssertClose(reverseDX, dX, 1e-12 * Math.Max(1, Math.Abs(reverseDX)), "dX against the reverse sweep");
                }
                catch (Xunit.Sdk.XunitException e)
                {
                    throw new Xunit.Sdk.XunitException(name + " at " + string.Join(", ", at) + ": " + e.Message + "\n" + text);
                }
                points++;
            }
        }
        ProgramBatch.AssertCounts(all.Count, all.Count(p => p.Bad is not null), clean.Count, points, output.WriteLine);
        output.WriteLine(carried + " carried, " + (clean.Count - carried) + " reverse (a reverse-only call)");
        Assert.True(carried > clean.Count / 2 && carried < clean.Count, carried + " of " + clean.Count + " carried");
    }

    private static (double Value, double DX) Call(MethodInfo backward, object[] at)
    {
        var args = new object[] { at[0], at[1], 0.0, 1.0 };
        double value = (double)backward.Invoke(null, args)!;
        return (value, (double)args[2]);
    }

    /// <summary>x in [−1.2, 1.2] to four places, m below 7.</summary>
    private static object[] Point(Random random) => [Math.Round((random.NextDouble() * 2.4) - 1.2, 4), random.Next(7)];

    private static (string Name, string Text, string? Bad, bool ReverseOnly) Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        bool reverseOnly = false;
        string Real() => Pick("x", "s", "u", "0.5", "i * 0.25", "s * x", "u - x");
        string Statement(int depth)
        {
            switch (random.Next(depth > 0 ? 12 : 10))
            {
                case 0: case 1: return "s = s * x + " + Pick("0.5", "-0.25", "i * 0.1", "u") + ";";
                case 2: return "s += Math.Sin(" + Real() + " * x);";
                case 3: return "u = Math.Tanh(u + " + Real() + " * 0.3);";
                case 4: return "if (s > " + Pick("1.5", "u", "x") + ") break;";
                case 5: return "if (i % 2 == 1) continue;";
                case 6: return "if (s > u) s = s * 0.5 + x; else s -= x * x * 0.1;";
                case 7: return "s += Sq(" + Real() + ") * 0.1;";
                case 8:
                    if (random.Next(3) > 0) return "u = u * 0.5 + Sq(x) * 0.1;";
                    reverseOnly = true;
                    return "s = Damp(s) + x;";
                case 9: return "for (int j = 0; j < 2; j++) s = s * x - 0.1 * j;";
                // Not s < u with both sides updated: that is a bisection's bracket, ADG0016 before and after this change.
                case 10: return "if (" + Pick("x > 0", "s > 0.3", "m > 2") + ") { " + Statement(depth - 1) + " } else { " + Statement(depth - 1) + " }";
                default: return "{ " + Statement(depth - 1) + " " + Statement(depth - 1) + " }";
            }
        }

        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double x, int m)\n    {\n");
        text.Append("        double s = x, u = 0.5;\n");
        text.Append("        for (int i = 0; i < m; i++)\n        {\n");
        int statements = 2 + random.Next(4);
        int badAt = outside ? random.Next(statements) : -1;
        for (int k = 0; k < statements; k++)
        {
            if (k == badAt) text.Append("            { if (s * x is double d) s += d * x; }\n");
            text.Append("            ").Append(Statement(1)).Append('\n');
        }
        text.Append("        }\n        return s + u * x;\n    }\n");
        return (name, text.ToString(), outside ? "double d" : null, reverseOnly);
    }
}
