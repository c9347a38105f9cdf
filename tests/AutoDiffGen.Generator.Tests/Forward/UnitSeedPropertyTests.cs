using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Forward;

/// <summary>
/// Property test of the folded seed (<c>Differentiator.UnitSeed</c>): random programs <c>double P([double[] a, ]double x, int m)</c>
/// (carried when x is alone, mixed beside a) whose loop over m reads x through every kind of rule — a product with itself, a
/// quotient on either side, sin, cos, tanh, exp, a power, max and min, a subtraction — with the shapes around the new path:
/// an early break, the trip count changed inside the loop (<c>m--</c>), a nested loop, a guard that throws. Each inside program
/// generates cleanly; a carried or mixed MBackward declares no seed local; at three points its value and gradient match central
/// differences (and it adds, with seed 2) and the reverse sweep the generator writes for the same model with the carried form
/// off, to summation order; past the guard (m = 51) both throw <see cref="ArgumentException"/> and leave the adjoints alone.
/// Each just outside (a pattern-matching declaration in the loop) gets ADG0003 at it and no code. CI runs 60 programs;
/// AUTODIFFGEN_UNITSEED_COUNT runs more.
/// </summary>
public class UnitSeedPropertyTests(ITestOutputHelper output)
{
    private const string Header = """
        using System;
        using AutoDiffGen;

        public static partial class Seeds
        {

        """;

    private sealed record Program(string Name, string Text, string? Bad, bool Array);

    [Fact]
    public void LoopsReadingTheSeed_MatchCentralDifferencesAndTheReverseSweep_OrADG0003AtTheExpression()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_UNITSEED_COUNT", 60);
        var random = new Random(20261204);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 6 == 5)).ToList();
        string source = ProgramBatch.Source(Header, all.Select(p => p.Text));
        var run = GeneratorHarness.Run(source);
        var clean = ProgramBatch.Judge(run, Header, all, p => (p.Name, p.Text, p.Bad));
        var type = ProgramBatch.LoadClean(Header, clean.Select(p => p.Text), "Seeds");
        var reverse = ReverseSweepTwin.Load(Header, clean.Select(p => p.Text), "Seeds");

        int points = 0, folded = 0;
        foreach (var p in clean)
        {
            string generated = run.Generated.Single(g => g.Key.StartsWith("Seeds." + p.Name + "_", StringComparison.Ordinal)).Value;
            bool carried = CarriedSeeds.Adds(generated);
            Assert.False(CarriedSeeds.DeclaresSeed(generated), p.Name + " declares its seed:\n" + generated);
            if (carried) folded++;
            var method = type.GetMethod(p.Name, BindingFlags.Public | BindingFlags.Static)!;
            var mine = type.GetMethod(p.Name + "Backward", BindingFlags.Public | BindingFlags.Static)!;
            var theirs = reverse.GetMethod(p.Name + "Backward", BindingFlags.Public | BindingFlags.Static)!;
            try
            {
                for (int k = 0; k < 3; k++)
                {
                    var at = Point(random, p);
                    CentralDifferenceRunner.Check(method, null, at);
                    var (value, gradient) = PreloadedBackward.Call(mine, at);
                    var (reverseValue, reverseGradient) = PreloadedBackward.Call(theirs, at);
                    Assert.Equal(reverseValue, value);
                    for (int j = 0; j < gradient.Length; j++)
                    {
                        Tolerance.AssertClose(reverseGradient[j], gradient[j], 1e-12 * Math.Max(1, Math.Abs(reverseGradient[j])), "gradient " + j + " against the reverse sweep");
                    }
                    points++;
                }
                // Past the guard: the same exception from both, and no adjoint touched (Call's preloads stay).
                var past = Point(random, p);
                past[^1] = 51;
                foreach (var backward in new[] { mine, theirs })
                {
                    var adjoints = PreloadedBackward.Adjoints(past);
                    var args = past.Concat(adjoints).Append(1.0).ToArray();
                    var thrown = Assert.Throws<TargetInvocationException>(() => backward.Invoke(null, args));
                    Assert.IsType<ArgumentException>(thrown.InnerException);
                    Assert.All(args.Skip(past.Length).Take(adjoints.Length), v => Assert.True(PreloadedBackward.Untouched(v)));
                }
            }
            catch (Xunit.Sdk.XunitException e)
            {
                throw new Xunit.Sdk.XunitException(p.Name + ": " + e.Message + "\n" + p.Text + "\n" + generated);
            }
        }
        ProgramBatch.AssertCounts(all.Count, all.Count(p => p.Bad is not null), clean.Count, points, output.WriteLine);
        output.WriteLine(folded + " of " + clean.Count + " carried or mixed (seed folded)");
        Assert.True(folded > clean.Count / 2, folded + " of " + clean.Count + " carried or mixed");
    }

    /// <summary>a of length 1–4 and x in [−1.2, 1.2] to four places, x kept off 0 (2/x, x/…); m below 7.</summary>
    private static object[] Point(Random random, Program p)
    {
        double Real() => Math.Round((random.NextDouble() * 2.4) - 1.2, 4);
        double x = Real();
        if (Math.Abs(x) < 0.05) x = 0.35;
        var at = new List<object>();
        if (p.Array) at.Add(Enumerable.Range(0, 1 + random.Next(4)).Select(_ => Real()).ToArray());
        at.Add(x);
        at.Add(random.Next(7));
        return at.ToArray();
    }

    private static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        bool array = random.Next(2) == 0;
        string Other() => array ? Pick("a[i % a.Length]", "0.5", "s") : Pick("0.5", "s", "i * 0.25");
        string Statement(int depth)
        {
            switch (random.Next(depth > 0 ? 15 : 13))
            {
                case 0: return "s = s * x + " + Other() + ";";
                case 1: return "s += x * x * 0.1 - x;";
                case 2: return "s = s / (1.5 + x * x) + 0.5 / (x + 3.0);";
                case 3: return "s += Math.Sin(x) * " + Other() + " + 0.2 / x;";
                case 4: return "s += Math.Exp(x * 0.5) - Math.Pow(x, 3.0) * 0.1;";
                case 5: return "s = Math.Max(s, x) + Math.Min(" + Other() + ", x) * 0.5;";
                // Not (float)x: its rounding is a staircase that central differences at h = 1e-6 misread (UnitSeedTests checks
                // the float conversion by hand).
                case 6: return "s += Math.Cos(x) * Math.Tanh(x) - Math.Log(x * x + 1.0);";
                case 7: return "u = Math.Tanh(u + x * 0.3);";
                case 8: return "if (s > " + Pick("2.0", "u + 1.0") + ") break;";
                // The trip count changed inside the loop.
                case 9: return "if (s > 1.0) m--;";
                case 10: return "for (int j = 0; j < 2; j++) s = s * x - 0.1 * j;";
                case 11: return "s -= x / (2.0 + " + Other() + " * " + Other() + ");";
                case 12: return "u = u * 0.5 + x * " + Other() + " * 0.1;";
                case 13: return "if (" + Pick("x > 0", "s > 0.3", "m > 2") + ") { " + Statement(depth - 1) + " } else { " + Statement(depth - 1) + " }";
                default: return "{ " + Statement(depth - 1) + " " + Statement(depth - 1) + " }";
            }
        }

        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append('(').Append(array ? "double[] a, " : "").Append("double x, int m)\n    {\n");
        text.Append("        if (m > 50) throw new ArgumentException(\"m\");\n");
        text.Append("        double s = ").Append(Pick("x", "0.5")).Append(", u = 0.5;\n");
        text.Append("        for (int i = 0; i < m; i++)\n        {\n");
        int statements = 2 + random.Next(4);
        int badAt = outside ? random.Next(statements) : -1;
        for (int k = 0; k < statements; k++)
        {
            if (k == badAt) text.Append("            { if (s * x is double d) s += d * x; }\n");
            text.Append("            ").Append(Statement(1)).Append('\n');
        }
        text.Append("        }\n        return s + u * x;\n    }\n");
        return new Program(name, text.ToString(), outside ? "double d" : null, array);
    }
}
