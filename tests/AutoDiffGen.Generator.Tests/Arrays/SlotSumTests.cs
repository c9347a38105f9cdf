using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.ControlFlow;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// A reverse loop adding into one slot of a local array's adjoint at an index it does not change (Differentiation/SlotSums):
/// the slot is summed in a local (<c>dTAt1</c>) loaded before the loop and stored after it, guarded by the index being in
/// range (a loop that runs no times never read the slot). Hand derivation and central differences, an outer loop that
/// runs past the array's end where the inner loop runs no times, a float array; random nested loops (with break,
/// continue, return, zero-trip rows) whose inner loops read <c>t</c> at the outer index, at a literal, at the inner
/// counter, or also write it, against central differences; one in six just outside (a declaration pattern: ADG0003 there).
/// </summary>
public class SlotSumTests(ITestOutputHelper output)
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Slots
        {
            // f = Σ_{i ≤ j} sin(t_i·a_j) with t_i = c·a_i: the inner loop adds into dT[i] per element.
            [Differentiable]
            public static double Rows(double[] a, double c)
            {
                var t = new double[a.Length];
                for (int i = 0; i < a.Length; i++) t[i] = a[i] * c;
                double s = 0;
                for (int i = 0; i < a.Length; i++)
                {
                    for (int j = i; j < a.Length; j++) s += Math.Sin(t[i] * a[j]);
                }
                return s;
            }

            // The outer loop runs one row past t's end, where the inner loop runs no times and t[i] is never read.
            [Differentiable]
            public static double PastTheEnd(double[] a, double c)
            {
                var t = new double[a.Length];
                for (int i = 0; i < a.Length; i++) t[i] = a[i] * c;
                double s = 0;
                for (int i = 0; i <= a.Length; i++)
                {
                    for (int j = i; j < a.Length; j++) s += Math.Sin(t[i] * a[j]);
                }
                return s;
            }

            // The same in float.
            [Differentiable]
            public static float Floats(float[] a, float c)
            {
                var t = new float[a.Length];
                for (int i = 0; i < a.Length; i++) t[i] = a[i] * c;
                float s = 0;
                for (int i = 0; i < a.Length; i++)
                {
                    for (int j = i; j < a.Length; j++) s += t[i] * a[j] + 0.5f * a[j] * a[j];
                }
                return s;
            }
        }
        """;

    private delegate double Backward(double[] a, double c, double[] dA, ref double dC, double dResult);

    private static readonly Lazy<GeneratorOutput> Generated = new(() => GeneratorHarness.Run(Source));
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static string Code(string method) => Generated.Value.Generated.Single(g => g.Key.StartsWith("Slots." + method + "_", StringComparison.Ordinal)).Value;

    [Fact]
    public void TheRowSlotIsSummedInALocal()
    {
        Assert.True(Generated.Value.Diagnostics.IsEmpty && Generated.Value.CompileDiagnostics.IsEmpty, Generated.Value.Dump());
        foreach (var name in new[] { "Rows", "PastTheEnd", "Floats" })
        {
            string code = Code(name);
            Assert.Contains("dTAt1 += ", code, StringComparison.Ordinal);
            Assert.Matches(@"\bdT\[i_\d+\] = dTAt1;", code);
        }
        Assert.Contains("float dTAt1 = ", Code("Floats"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Rows")]
    [InlineData("PastTheEnd")]
    public void MatchesItsHandDerivative(string name)
    {
        var a = new[] { 0.5, -1.25, 0.9, 0.3, -0.7 };
        double c = 0.7, dC = 0;
        var dA = new double[a.Length];
        double value = Compiled.Value.GetType("Slots")!.GetMethod(name + "Backward")!.CreateDelegate<Backward>()(a, c, dA, ref dC, 1.0);
        // f = Σ_{i ≤ j} sin(c·a_i·a_j): ∂f/∂c = Σ cos(·)·a_i·a_j, ∂f/∂a_k = Σ cos(·)·c·(δ_ik·a_j + a_i·δ_jk).
        double f = 0, fC = 0;
        var fA = new double[a.Length];
        for (int i = 0; i < a.Length; i++)
        {
            for (int j = i; j < a.Length; j++)
            {
                double cos = Math.Cos(c * a[i] * a[j]);
                f += Math.Sin(c * a[i] * a[j]);
                fC += cos * a[i] * a[j];
                fA[i] += cos * c * a[j];
                fA[j] += cos * c * a[i];
            }
        }
        Assert.Equal(f, value, 1e-12);
        Assert.Equal(fC, dC, 1e-12);
        for (int i = 0; i < a.Length; i++) Assert.Equal(fA[i], dA[i], 1e-12);
        double Primal(double[] v, double cc) => (double)Compiled.Value.GetType("Slots")!.GetMethod(name)!.Invoke(null, new object[] { v, cc })!;
        GradCheck.Check(v => Primal(v, c), a, dA).ThrowIfFailed();
        GradCheck.Check(v => Primal(a, v[0]), new[] { c }, new[] { dC }).ThrowIfFailed();
    }

    [Fact]
    public void TheFloatForm_MatchesCentralDifferences()
    {
        var method = Compiled.Value.GetType("Slots")!.GetMethod("Floats")!;
        CentralDifferenceRunner.Check(method, null, new object[] { new[] { 0.5f, -1.25f, 0.9f, 0.3f }, 0.7f });
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp7_3, false)]
    [InlineData(LanguageVersion.Latest, true)]
    public void EveryLanguageVersion_CompilesWarningFree_AndMatchesCentralDifferences(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.RunForLoad(version, nullable, null, Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Contains(result.Generated.Values, code => code.Contains("dTAt1 += ", StringComparison.Ordinal));
        var type = result.Load().GetType("Slots")!;
        CentralDifferenceRunner.Check(type.GetMethod("PastTheEnd")!, null, new object[] { new[] { 0.5, -1.25, 0.9, 0.3 }, 0.7 });
    }

    [Fact]
    public void RandomRowLoops_MatchCentralDifferences()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_SLOTSUM_COUNT", 60);
        var random = new Random(20261209);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "R" + i.ToString(CultureInfo.InvariantCulture), outside: i % 6 == 5)).ToList();
        static bool Summed(string generated) => generated.Contains("dTAt1 += ", StringComparison.Ordinal);
        var (clean, points, summed, kept) = InnerCounterPropertyTests.CheckAll(all, random, new[] { 0, 3, 6 }, Summed,
            (p, generated) => !p.Recomputable || Summed(generated), "a row slot should be summed in a local");
        output.WriteLine($"{count} programs: {clean} generated ({summed} with a slot summed, {kept} without), {points} points, {count - clean} diagnosed");
        Assert.True(count - clean >= count / 8 && clean >= count * 3 / 4 && points == 3 * clean);
        Assert.True(summed >= count / 4 && kept >= count / 10, $"summed {summed}, kept {kept}");
    }

    /// <summary>
    /// An outer loop over i &lt; m (m up to 6, t has 4 slots) of inner loops over j. In the class: an inner loop reading
    /// t[i] (rows past t's end run no times) or t[1], plain or cut by break or continue. Outside it: t read at j, at two
    /// indices, written in the inner loop, or an inner loop that returns (summed or not, it must be right).
    /// </summary>
    private static InnerCounterPropertyTests.Program Next(Random random, string name, bool outside)
    {
        string K() => InnerCounterPropertyTests.K(random);
        bool inClass = false;
        string Statement()
        {
            switch (random.Next(10))
            {
                case 0: inClass = true; return "for (int j = i; j < 4; j++) s += Math.Sin(t[i] * a[j]) * " + K() + ";";
                case 1: inClass = true; return "for (int j = i + 1; j < 4; j++) s += t[i] * a[j] * a[j] * " + K() + ";";
                case 2: inClass = true; return "for (int j = 0; j < m; j++) s += t[1] * Math.Cos(a[j] * c) * " + K() + ";";
                case 3: inClass = true; return "for (int j = i; j < 4; j++) { if (j > i + 1) break; s += t[i] * a[j] * " + K() + "; }";
                case 4: inClass = true; return "for (int j = i; j < 4; j++) { if ((i + j) % 2 == 1) continue; s += Math.Exp(t[i] * " + K() + ") * a[j]; }";
                // Outside: the index changes per element, two slots of t, t written in the loop, a return in the loop.
                case 5: return "for (int j = 0; j < 4; j++) s += t[j] * a[(i + j) % a.Length] * " + K() + ";";
                case 6: return "for (int j = i; j < 4; j++) s += t[i] * t[j] * " + K() + ";";
                case 7: return "for (int j = i; j < 4; j++) { s += t[i] * a[j]; t[i] = t[i] * " + K() + " + a[j] * c; }";
                case 8: return "for (int j = i; j < 4; j++) { s += t[i] * a[j] * " + K() + "; if (j == 2 && i == 1) return s; }";
                // Between the inner loops: t changes per row, so its values are taped (not settled).
                default: return "t[i % 4] = t[i % 4] * " + K() + " + a[i] * c;";
            }
        }
        var before = new StringBuilder("        var t = new double[4];\n");
        before.Append("        for (int q = 0; q < t.Length; q++) t[q] = a[q] * c + ").Append(K()).Append(";\n");
        before.Append("        double s = 0;\n");
        var text = LoopPrograms.Method(name, before.ToString(), "", 1 + random.Next(3), outside, random, Statement);
        text.Append("        return s + t[0] * t[3] * ").Append(K()).Append(";\n    }\n");
        return new InnerCounterPropertyTests.Program(name, text.ToString(), outside ? LoopPrograms.OutsideAt : null, inClass && !outside);
    }
}
