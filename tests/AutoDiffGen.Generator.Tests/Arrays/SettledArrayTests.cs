using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.ControlFlow;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// A local array filled before a loop and only read from then on (Differentiator.SettledArrays) is read again in the
/// reverse walk instead of taped; one written inside the loop or after it, or through a second name, stays taped. Hand
/// derivation and central differences; random programs with each kind of write, checked by central differences and by
/// what is taped; one in six just outside (a declaration pattern: ADG0003 there, no code).
/// </summary>
public class SettledArrayTests(ITestOutputHelper output)
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Settled
        {
            // w_i = e^(c·a_i), s = Σ_r Σ_i w_i·a_((i+r) mod n).
            [Differentiable]
            public static double Weights(double[] a, double c, int m)
            {
                var w = new double[a.Length];
                for (int i = 0; i < a.Length; i++) w[i] = Math.Exp(a[i] * c);
                double s = 0;
                for (int r = 0; r < m; r++)
                {
                    for (int i = 0; i < a.Length; i++) s += w[i] * a[(i + r) % a.Length];
                }
                return s;
            }

            // The same, with w[0] overwritten after the loop: w is not settled, its elements are taped.
            [Differentiable]
            public static double Overwritten(double[] a, double c, int m)
            {
                var w = new double[a.Length];
                for (int i = 0; i < a.Length; i++) w[i] = Math.Exp(a[i] * c);
                double s = 0;
                for (int r = 0; r < m; r++)
                {
                    for (int i = 0; i < a.Length; i++) s += w[i] * a[(i + r) % a.Length];
                }
                w[0] = s;
                return s + w[0] * c;
            }
        }
        """;

    private delegate double Backward(double[] a, double c, int m, double[] dA, ref double dC, double dResult);

    private static readonly Lazy<GeneratorOutput> Generated = new(() => GeneratorHarness.Run(Source));
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static string Code(string method) => Generated.Value.Generated.Single(g => g.Key.StartsWith("Settled." + method + "_", StringComparison.Ordinal)).Value;

    private static double Primal(string name, params object[] args) => (double)Compiled.Value.GetType("Settled")!.GetMethod(name)!.Invoke(null, args)!;

    [Fact]
    public void ASettledArray_IsReadAgain_AnOverwrittenOneTaped()
    {
        Assert.True(Generated.Value.Diagnostics.IsEmpty && Generated.Value.CompileDiagnostics.IsEmpty, Generated.Value.Dump());
        // The fill loop tapes its exp; the reading loop nothing.
        string settled = Code("Weights");
        Assert.Equal(1, settled.Split('\n').Count(l => l.Contains("tapeDouble[tapeDoubleTop++] =", StringComparison.Ordinal)));
        Assert.Contains("= w_1[i_", settled, StringComparison.Ordinal);
        Assert.Equal(2, Code("Overwritten").Split('\n').Count(l => l.Contains("tapeDouble[tapeDoubleTop++] =", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("Weights", 3)]
    [InlineData("Weights", 0)]
    [InlineData("Overwritten", 2)]
    public void MatchesItsHandDerivative(string name, int m)
    {
        var a = new[] { 0.5, -1.25, 0.9, 0.3 };
        double c = 0.7, dC = 0;
        var dA = new double[a.Length];
        double value = Compiled.Value.GetType("Settled")!.GetMethod(name + "Backward")!.CreateDelegate<Backward>()(a, c, m, dA, ref dC, 1.0);
        int n = a.Length;
        double s = 0, sC = 0;
        var sA = new double[n];
        for (int r = 0; r < m; r++)
        {
            for (int i = 0; i < n; i++)
            {
                double w = Math.Exp(c * a[i]), other = a[(i + r) % n];
                s += w * other;
                sC += a[i] * w * other;
                sA[i] += c * w * other;
                sA[(i + r) % n] += w;
            }
        }
        // Overwritten returns s + s·c: its gradient is (1 + c)·∇s, plus s for c.
        double k = name == "Overwritten" ? 1 + c : 1;
        Assert.Equal(k * s, value, 1e-12);
        Assert.Equal(k * sC + (name == "Overwritten" ? s : 0), dC, 1e-12);
        for (int i = 0; i < n; i++) Assert.Equal(k * sA[i], dA[i], 1e-12);
        GradCheck.Check(v => Primal(name, v, c, m), a, dA).ThrowIfFailed();
        GradCheck.Check(v => Primal(name, a, v[0], m), new[] { c }, new[] { dC }).ThrowIfFailed();
    }

    [Fact]
    public void RandomSettledOrWrittenArrays_MatchCentralDifferences()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_SETTLED_COUNT", 60);
        var random = new Random(20261207);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "S" + i.ToString(CultureInfo.InvariantCulture), outside: i % 6 == 5)).ToList();
        // The reading loop pushes nothing when t is settled (its fill loop may push its own values: those precede "for (int i").
        static bool ReadLoopTapes(string generated)
        {
            // The counter's entry: `int i = 0;`, or `int i_1 = 0;` where the literal is written into the phi's copy (perf24).
            int start = System.Text.RegularExpressions.Regex.Match(generated, @"int i(_\d+)? = 0;").Index;
            int at = generated.IndexOf("while (true)", start, StringComparison.Ordinal);
            return generated.IndexOf("tapeDouble[tapeDoubleTop++] =", at, StringComparison.Ordinal) >= 0;
        }
        var (clean, points, taped, reread) = InnerCounterPropertyTests.CheckAll(all, random, new[] { 0, 2, 4 }, ReadLoopTapes,
            (p, generated) => p.Recomputable != ReadLoopTapes(generated), "t should be read again");
        output.WriteLine($"{count} programs: {clean} generated ({reread} read again, {taped} taped), {points} points, {count - clean} diagnosed");
        Assert.True(count - clean >= count / 8 && clean >= count * 3 / 4 && points == 3 * clean);
        Assert.True(reread >= count / 4 && taped >= count / 8, $"read again {reread}, taped {taped}");
    }

    private static InnerCounterPropertyTests.Program Next(Random random, string name, bool outside)
    {
        string K() => InnerCounterPropertyTests.K(random);
        string J() => random.Next(3) switch { 0 => "i % t.Length", 1 => "(i + 1) % t.Length", _ => "(i * 2 + 1) % t.Length" };
        string Read() => random.Next(4) switch
        {
            0 => "s += t[" + J() + "] * a[" + J().Replace("t.Length", "a.Length") + "] * " + K() + ";",
            1 => "s += Math.Sin(t[" + J() + "]) * " + K() + ";",
            2 => "s += t[" + J() + "] * t[" + J() + "] * " + K() + ";",
            _ => "s += t[" + J() + "] * c * " + K() + ";",
        };
        var before = new StringBuilder("        var t = new double[3];\n");
        int write = random.Next(6);
        // 0–2 settled: filled by a loop, by a loop and a branch, or element by element; 3–5 written later.
        before.Append(write == 2
            ? "        t[0] = a[0] * c; t[1] = Math.Sin(c); t[2] = a[1 % a.Length] + c;\n"
            : "        for (int q = 0; q < t.Length; q++) t[q] = a[q % a.Length] * c + " + K() + ";\n");
        if (write == 1) before.Append("        if (c > 0.4) t[1] = c * c;\n");
        if (write == 5) before.Append("        var u = t;\n");
        before.Append("        double s = 0;\n");
        int statements = 1 + random.Next(3);
        string after = write == 3 ? "            t[i % t.Length] = c * " + K() + " + t[(i + 1) % t.Length];\n"
            : write == 5 ? "            u[(i + 2) % t.Length] += c * " + K() + ";\n" : "";
        var text = LoopPrograms.Method(name, before.ToString(), "", statements, outside, random, Read, after);
        if (write == 4) text.Append("        t[0] = s * c;\n");
        text.Append("        return s + t[0] * ").Append(K()).Append(";\n    }\n");
        return new InnerCounterPropertyTests.Program(name, text.ToString(), outside ? LoopPrograms.OutsideAt : null, write <= 2 && !outside);
    }
}
