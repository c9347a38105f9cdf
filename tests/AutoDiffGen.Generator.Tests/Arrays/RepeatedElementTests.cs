using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.ControlFlow;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// <c>t[i] * t[i]</c> reads one value twice (LoweringContext.RepeatedElement): one element node, so a loop tapes it once
/// and the reverse sweep adds 2·t[i]·g once, for a local array and for an array parameter. Reads with anything between
/// them (a store, another computation) stay two reads. Hand-derived gradients, central differences, the tape entries in the
/// generated text; and random loops over local arrays and parameters (squares, cubes, reads around stores), checked by
/// central differences, one in six just outside (a declaration pattern: ADG0003 there, no code).
/// </summary>
public class RepeatedElementTests(ITestOutputHelper output)
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Repeated
        {
            // t_i = c·a_i, s = Σ t_i²: ∂s/∂c = 2c·Σa², ∂s/∂a_i = 2c²·a_i.
            [Differentiable]
            public static double LocalSquares(double[] a, double c)
            {
                var t = new double[a.Length];
                double s = 0;
                for (int i = 0; i < a.Length; i++)
                {
                    t[i] = c * a[i];
                    s += t[i] * t[i];
                }
                return s;
            }

            // s = Σ a_i³ + Σ a_i·a_(i+1): a[i]·a[i] is one read; the third a[i], after the product, and a[i + 1] are others.
            [Differentiable]
            public static double Cubes(double[] a)
            {
                double s = 0;
                for (int i = 0; i < a.Length; i++) s += a[i] * a[i] * a[i] + a[i] * a[(i + 1) % a.Length];
                return s;
            }
        }
        """;

    private delegate double LocalSquaresBackward(double[] a, double c, double[] dA, ref double dC, double dResult);
    private delegate double CubesBackward(double[] a, double[] dA, double dResult);

    private static readonly Lazy<GeneratorOutput> Generated = new(() => GeneratorHarness.Run(Source));
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static string Code(string method) => Generated.Value.Generated.Single(g => g.Key.StartsWith("Repeated." + method + "_", StringComparison.Ordinal)).Value;

    private static double Primal(string name, params object[] args) => (double)Compiled.Value.GetType("Repeated")!.GetMethod(name)!.Invoke(null, args)!;

    [Fact]
    public void ASquaredElement_IsOneReadAndOneTapeEntry()
    {
        Assert.True(Generated.Value.Diagnostics.IsEmpty && Generated.Value.CompileDiagnostics.IsEmpty, Generated.Value.Dump());
        string code = Code("LocalSquares");
        // One element of t per iteration on the tape (the product c·a_i needs a_i and c, read again or in a local).
        Assert.Equal(1, code.Split('\n').Count(l => l.Contains("tapeDouble[tapeDoubleTop++] = element", StringComparison.Ordinal)));
        Assert.Single(code.Split('\n'), l => l.Contains("= t_1[i_1];", StringComparison.Ordinal));
        // a[i]·a[i] is one read, squared; the third a[i] comes after the product (a computation between): another read.
        string cubes = Code("Cubes");
        Assert.Contains("double prod = element * element;", cubes, StringComparison.Ordinal);
        Assert.Contains("(element + element) *", cubes, StringComparison.Ordinal);
    }

    [Fact]
    public void LocalSquares_MatchesItsHandDerivative()
    {
        var a = new[] { 0.5, -1.25, 2.0, 0.3 };
        double c = 0.7, dC = 0;
        var dA = new double[a.Length];
        double value = Compiled.Value.GetType("Repeated")!.GetMethod("LocalSquaresBackward")!.CreateDelegate<LocalSquaresBackward>()(a, c, dA, ref dC, 1.0);
        double sumSquares = a.Sum(v => v * v);
        Assert.Equal(c * c * sumSquares, value, 1e-12);
        Assert.Equal(2 * c * sumSquares, dC, 1e-12);
        for (int i = 0; i < a.Length; i++) Assert.Equal(2 * c * c * a[i], dA[i], 1e-12);
        GradCheck.Check(v => Primal("LocalSquares", v, c), a, dA).ThrowIfFailed();
        GradCheck.Check(v => Primal("LocalSquares", a, v[0]), new[] { c }, new[] { dC }).ThrowIfFailed();
    }

    [Fact]
    public void Cubes_MatchesItsHandDerivative()
    {
        var a = new[] { 0.5, -1.25, 2.0, 0.3, -0.8 };
        var dA = new double[a.Length];
        Compiled.Value.GetType("Repeated")!.GetMethod("CubesBackward")!.CreateDelegate<CubesBackward>()(a, dA, 1.0);
        int n = a.Length;
        // ∂/∂a_i: 3a_i² + a_(i+1) + a_(i−1).
        for (int i = 0; i < n; i++) Assert.Equal(3 * a[i] * a[i] + a[(i + 1) % n] + a[(i + n - 1) % n], dA[i], 1e-12);
        GradCheck.Check(v => Primal("Cubes", v), a, dA).ThrowIfFailed();
    }

    [Fact]
    public void RandomRepeatedReads_MatchCentralDifferences()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_REPEATEDELEMENT_COUNT", 60);
        var random = new Random(20261206);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "R" + i.ToString(CultureInfo.InvariantCulture), outside: i % 6 == 5)).ToList();
        // A repeated read shows as a doubled contribution ((x + x) * g, TwinContributions) in the reverse sweep.
        var (clean, points, twins, none) = InnerCounterPropertyTests.CheckAll(all, random, new[] { 0, 2, 5 },
            generated => generated.Contains("(element", StringComparison.Ordinal) && System.Text.RegularExpressions.Regex.IsMatch(generated, @"\((element\d*) \+ \1\)"),
            (_, generated) => UnreadTapeEntryPropertyTests.UnreadPops(generated).Count == 0, "every pop should be read");
        output.WriteLine($"{count} programs: {clean} generated ({twins} with a doubled element, {none} without), {points} points, {count - clean} diagnosed");
        Assert.True(count - clean >= count / 8 && clean >= count * 3 / 4 && points == 3 * clean);
        Assert.True(twins >= count / 4, $"doubled {twins}");
    }

    private static InnerCounterPropertyTests.Program Next(Random random, string name, bool outside)
    {
        string K() => InnerCounterPropertyTests.K(random);
        string Slot() => "j" + random.Next(3).ToString(CultureInfo.InvariantCulture);
        string Array() => random.Next(2) == 0 ? "t" : "a";
        string Statement()
        {
            string x = Array(), j = Slot();
            return random.Next(8) switch
            {
                0 => "s += " + x + "[" + j + "] * " + x + "[" + j + "] * " + K() + ";",
                1 => "t[" + j + "] = t[" + j + "] * t[" + j + "] * " + K() + " + s * " + K() + ";",
                2 => "s += Math.Sin(" + x + "[" + j + "] * " + x + "[" + j + "] * " + x + "[" + j + "]);",
                3 => "t[" + j + "] = s * " + K() + "; s += t[" + j + "] * t[" + j + "];",
                4 => "s = s * " + x + "[" + j + "] + " + x + "[" + j + "] * " + K() + ";",
                5 => "s += " + x + "[" + j + "] * " + x + "[" + Slot() + "] * " + K() + ";",
                6 => "t[" + j + "] += c * " + K() + "; s += t[" + j + "] * t[" + j + "] * " + K() + ";",
                _ => "s += (" + x + "[" + j + "] + " + x + "[" + j + "]) * c;",
            };
        }
        var text = LoopPrograms.Method(name, "        var t = new double[3];\n        for (int q = 0; q < t.Length; q++) t[q] = a[q % a.Length] * c;\n        double s = c;\n",
            "int j0 = i % t.Length, j1 = (i + 1) % t.Length, j2 = (i * 2) % t.Length;", 2 + random.Next(3), outside, random, Statement);
        text.Append("        return s + t[0] * ").Append(K()).Append(";\n    }\n");
        return new InnerCounterPropertyTests.Program(name, text.ToString(), outside ? LoopPrograms.OutsideAt : null, !outside);
    }
}
