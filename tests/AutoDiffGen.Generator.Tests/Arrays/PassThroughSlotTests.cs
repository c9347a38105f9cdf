using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using AutoDiffGen.Generator.Tests.ControlFlow;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// <c>t[i] += v</c> on a local array (Differentiation/PassThroughSlots): the slot's gradient stays in the slot instead of
/// being read, zeroed and added back. Hand derivation and central differences; random loops of accumulating stores next
/// to forms whose old value is scaled, read at another index, written through a second name or a ref local, or
/// overwritten, checked by central differences and (for the pure accumulations) by the zeroes left; one in six just
/// outside (a declaration pattern: ADG0003 there, no code).
/// </summary>
public class PassThroughSlotTests(ITestOutputHelper output)
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Slots
        {
            // q_j = Σ_{i<j} a_i·a_j·c (a triangle of accumulations, like the GMM's Q·x), f = Σ_j q_j².
            [Differentiable]
            public static double Triangle(double[] a, double c)
            {
                var q = new double[a.Length];
                for (int i = 0; i < a.Length; i++)
                {
                    for (int j = i + 1; j < a.Length; j++) q[j] += a[i] * a[j] * c;
                }
                double f = 0;
                for (int j = 0; j < a.Length; j++) f += q[j] * q[j];
                return f;
            }

            // The same with q[j] = 2·q[j] + …: the old value is scaled, its slot's gradient must be doubled.
            [Differentiable]
            public static double Scaled(double[] a, double c)
            {
                var q = new double[a.Length];
                for (int i = 0; i < a.Length; i++)
                {
                    for (int j = i + 1; j < a.Length; j++) q[j] = 2 * q[j] + a[i] * a[j] * c;
                }
                double f = 0;
                for (int j = 0; j < a.Length; j++) f += q[j] * q[j];
                return f;
            }
        }
        """;

    private delegate double Backward(double[] a, double c, double[] dA, ref double dC, double dResult);

    private static readonly Lazy<GeneratorOutput> Generated = new(() => GeneratorHarness.Run(Source));
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static string Code(string method) => Generated.Value.Generated.Single(g => g.Key.StartsWith("Slots." + method + "_", StringComparison.Ordinal)).Value;

    private static readonly Regex SlotZero = new(@"\bdQ\w*\[[^\]]+\] = 0\.0;", RegexOptions.CultureInvariant);

    [Fact]
    public void AnAccumulatedSlot_KeepsItsGradient_AScaledOneIsZeroed()
    {
        Assert.True(Generated.Value.Diagnostics.IsEmpty && Generated.Value.CompileDiagnostics.IsEmpty, Generated.Value.Dump());
        Assert.Empty(SlotZero.Matches(Code("Triangle")));
        Assert.Single(SlotZero.Matches(Code("Scaled")));
    }

    [Theory]
    [InlineData("Triangle")]
    [InlineData("Scaled")]
    public void MatchesItsHandDerivative(string name)
    {
        var a = new[] { 0.5, -1.25, 0.9, 0.3, -0.7 };
        double c = 0.7, dC = 0;
        var dA = new double[a.Length];
        double value = Compiled.Value.GetType("Slots")!.GetMethod(name + "Backward")!.CreateDelegate<Backward>()(a, c, dA, ref dC, 1.0);
        // q_j = c·a_j·S_j with S_j = Σ_{i<j} w_ij·a_i (w_ij = 1, or 2^(j−1−i) when scaled: each later row doubles it).
        int n = a.Length;
        bool scaled = name == "Scaled";
        double f = 0, fC = 0;
        var fA = new double[n];
        for (int j = 0; j < n; j++)
        {
            double sj = 0;
            for (int i = 0; i < j; i++) sj += (scaled ? Math.Pow(2, j - 1 - i) : 1) * a[i];
            double q = c * a[j] * sj;
            f += q * q;
            // ∂f/∂q_j = 2q_j; ∂q_j/∂c = a_j·S_j, ∂q_j/∂a_j = c·S_j, ∂q_j/∂a_i = c·a_j·w_ij.
            fC += 2 * q * a[j] * sj;
            fA[j] += 2 * q * c * sj;
            for (int i = 0; i < j; i++) fA[i] += 2 * q * c * a[j] * (scaled ? Math.Pow(2, j - 1 - i) : 1);
        }
        Assert.Equal(f, value, 1e-12);
        Assert.Equal(fC, dC, 1e-12);
        for (int i = 0; i < n; i++) Assert.Equal(fA[i], dA[i], 1e-12);
        double Primal(double[] v, double cc) => (double)Compiled.Value.GetType("Slots")!.GetMethod(name)!.Invoke(null, new object[] { v, cc })!;
        GradCheck.Check(v => Primal(v, c), a, dA).ThrowIfFailed();
        GradCheck.Check(v => Primal(a, v[0]), new[] { c }, new[] { dC }).ThrowIfFailed();
    }

    [Fact]
    public void RandomAccumulations_MatchCentralDifferences()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_PASSTHROUGH_COUNT", 60);
        var random = new Random(20261208);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "T" + i.ToString(CultureInfo.InvariantCulture), outside: i % 6 == 5)).ToList();
        // Only the fill before the loop zeroes t's slots when every store in the loop accumulates.
        static bool OneZero(string generated) => Regex.Matches(generated, @"\bdT\w*\[[^\]]+\] = 0\.0;").Count == 1;
        var (clean, points, passed, zeroed) = InnerCounterPropertyTests.CheckAll(all, random, new[] { 0, 2, 4 }, OneZero,
            (p, generated) => !p.Recomputable || OneZero(generated), "its slots' gradients should stay in place");
        output.WriteLine($"{count} programs: {clean} generated ({passed} with slots kept, {zeroed} zeroed), {points} points, {count - clean} diagnosed");
        Assert.True(count - clean >= count / 8 && clean >= count * 3 / 4 && points == 3 * clean);
        Assert.True(passed >= count / 6 && zeroed >= count / 6, $"kept {passed}, zeroed {zeroed}");
    }

    private static InnerCounterPropertyTests.Program Next(Random random, string name, bool outside)
    {
        string K() => InnerCounterPropertyTests.K(random);
        string J() => random.Next(3) switch { 0 => "i % t.Length", 1 => "(i + 1) % t.Length", _ => "(i * 2 + 1) % t.Length" };
        string A() => "a[" + J().Replace("t.Length", "a.Length") + "]";
        bool pure = true;
        string Statement()
        {
            string j = J();
            switch (random.Next(11))
            {
                case 0: return "t[" + j + "] += " + A() + " * c * " + K() + ";";
                case 1: return "t[" + j + "] -= Math.Sin(" + A() + " + c) * " + K() + ";";
                case 2: return "{ int k = " + j + "; t[k] = t[k] + c * " + A() + " * " + K() + "; }";
                case 3: return "s += t[" + j + "] * " + K() + ";";
                // Outside the pass: the old value scaled, read at another (maybe equal) index, through a second name
                // or a ref local, or overwritten.
                case 4: pure = false; return "t[" + j + "] = " + K() + " * t[" + j + "] + c;";
                case 5: pure = false; return "t[" + j + "] += t[" + J() + "] * c * " + K() + ";";
                case 6: pure = false; return "u[" + j + "] += " + A() + " * " + K() + ";";
                case 7: pure = false; return "{ ref double r = ref t[" + j + "]; r += c * " + K() + "; }";
                case 8: pure = false; return "t[" + j + "] = " + A() + " * c;";
                case 9: pure = false; return "t[" + j + "] += t[" + j + "] * " + K() + ";";
                // The index written twice is two values to the generator: kept correct, not recognised as one slot.
                default: pure = false; return "t[" + j + "] = t[" + j + "] + c * " + A() + ";";
            }
        }
        var before = new StringBuilder("        var t = new double[3];\n");
        before.Append("        for (int q = 0; q < t.Length; q++) t[q] = a[q % a.Length] * c + " + K() + ";\n");
        before.Append("        var u = t;\n");
        before.Append("        double s = 0;\n");
        var text = LoopPrograms.Method(name, before.ToString(), "", 1 + random.Next(3), outside, random, Statement);
        text.Append("        return s + t[0] * t[1] + t[2] * ").Append(K()).Append(";\n    }\n");
        return new InnerCounterPropertyTests.Program(name, text.ToString(), outside ? LoopPrograms.OutsideAt : null, pure && !outside);
    }
}
