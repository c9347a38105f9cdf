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
/// An element of a local array that an inner loop reads at an index it does not change, and does not write
/// (Differentiator.InvariantReads), is taped once per outer iteration instead of once per inner one. Hand derivation and
/// central differences; random nested loops whose inner loop leaves the array alone or changes it by a direct store, a
/// bulk copy, a fill, a reversal, a callee, a span view or a ref local (those keep the per-element tape), checked by central
/// differences and by where the read is declared; one in six just outside (a declaration pattern: ADG0003 there, no code).
/// </summary>
public class InvariantReadTests(ITestOutputHelper output)
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Invariant
        {
            // x = a·c (a local array, rewritten per round), q_j = Σ_{i<j} w_(ij)·x_i, f = Σ_j q_j² + Σ_r (rounds).
            [Differentiable]
            public static double Triangle(double[] a, double[] w, double c, int rounds)
            {
                int n = a.Length;
                var x = new double[n];
                var q = new double[n];
                double f = 0;
                for (int r = 0; r < rounds; r++)
                {
                    for (int i = 0; i < n; i++) x[i] = a[i] * c + r;
                    for (int i = 0; i < n; i++) q[i] = 0;
                    int l = 0;
                    for (int i = 0; i < n; i++)
                    {
                        for (int j = i + 1; j < n; j++)
                        {
                            q[j] += w[l] * x[i];
                            l++;
                        }
                    }
                    for (int j = 0; j < n; j++) f += q[j] * q[j];
                }
                return f;
            }
        }
        """;

    private delegate double Backward(double[] a, double[] w, double c, int rounds, double[] dA, double[] dW, ref double dC, double dResult);

    private static readonly Lazy<GeneratorOutput> Generated = new(() => GeneratorHarness.Run(Source));
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    // Declared before the inner loop: at zero and set in it, or (since perf13, ReadsBeforeLoop) read there under the loop's first test.
    private static readonly Regex Lifted = new(@"^\s*double element\d* = (0\.0|[^;?&|]+ \? \w+\[[^\]]+\] : 0\.0);", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    [Fact]
    public void TheRowValue_IsTapedOncePerRow()
    {
        Assert.True(Generated.Value.Diagnostics.IsEmpty && Generated.Value.CompileDiagnostics.IsEmpty, Generated.Value.Dump());
        string code = Generated.Value.Generated.Single(g => g.Key.StartsWith("Invariant.Triangle_", StringComparison.Ordinal)).Value;
        Assert.Single(Lifted.Matches(code));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(1)]
    [InlineData(0)]
    public void MatchesItsHandDerivative(int rounds)
    {
        var a = new[] { 0.5, -1.25, 0.9, 0.3 };
        var w = new[] { 0.2, -0.4, 0.7, 1.1, -0.3, 0.6 };
        double c = 0.7, dC = 0;
        var dA = new double[a.Length];
        var dW = new double[w.Length];
        double value = Compiled.Value.GetType("Invariant")!.GetMethod("TriangleBackward")!.CreateDelegate<Backward>()(a, w, c, rounds, dA, dW, ref dC, 1.0);
        int n = a.Length;
        double f = 0, fC = 0;
        var fA = new double[n];
        var fW = new double[w.Length];
        for (int r = 0; r < rounds; r++)
        {
            var x = a.Select(v => v * c + r).ToArray();
            // q_j = Σ_{i<j} w_l(i,j)·x_i; ∂f/∂q_j = 2q_j, ∂q_j/∂w_l = x_i, ∂q_j/∂x_i = w_l, ∂x_i/∂a_i = c, ∂x_i/∂c = a_i.
            var q = new double[n];
            var index = new int[n, n];
            int l = 0;
            for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) { index[i, j] = l; q[j] += w[l] * x[i]; l++; }
            for (int j = 0; j < n; j++) f += q[j] * q[j];
            for (int i = 0; i < n; i++)
            {
                for (int j = i + 1; j < n; j++)
                {
                    fW[index[i, j]] += 2 * q[j] * x[i];
                    fA[i] += 2 * q[j] * w[index[i, j]] * c;
                    fC += 2 * q[j] * w[index[i, j]] * a[i];
                }
            }
        }
        Assert.Equal(f, value, 1e-12);
        Assert.Equal(fC, dC, 1e-12);
        for (int i = 0; i < n; i++) Assert.Equal(fA[i], dA[i], 1e-12);
        for (int i = 0; i < w.Length; i++) Assert.Equal(fW[i], dW[i], 1e-12);
        double Primal(double[] aa, double[] ww, double cc) => (double)Compiled.Value.GetType("Invariant")!.GetMethod("Triangle")!.Invoke(null, new object[] { aa, ww, cc, rounds })!;
        GradCheck.Check(v => Primal(v, w, c), a, dA).ThrowIfFailed();
        GradCheck.Check(v => Primal(a, v, c), w, dW).ThrowIfFailed();
        GradCheck.Check(v => Primal(a, w, v[0]), new[] { c }, new[] { dC }).ThrowIfFailed();
    }

    [Fact]
    public void RandomInnerLoops_MatchCentralDifferences()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_INVARIANT_COUNT", 60);
        var random = new Random(20261209);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "V" + i.ToString(CultureInfo.InvariantCulture), outside: i % 6 == 5)).ToList();
        static bool Shows(string generated) => Lifted.IsMatch(generated);
        var (clean, points, lifted, kept) = InnerCounterPropertyTests.CheckAll(all, random, new[] { 0, 2, 4 }, Shows,
            (p, generated) => p.Recomputable == Shows(generated), "its row value should be taped once per row");
        output.WriteLine($"{count} programs: {clean} generated ({lifted} lifted, {kept} taped per element), {points} points, {count - clean} diagnosed");
        Assert.True(count - clean >= count / 8 && clean >= count * 3 / 4 && points == 3 * clean);
        Assert.True(lifted >= count / 6 && kept >= count / 6, $"lifted {lifted}, per element {kept}");
    }

    private static InnerCounterPropertyTests.Program Next(Random random, string name, bool outside)
    {
        string K() => InnerCounterPropertyTests.K(random);
        string start = random.Next(3) switch { 0 => "0", 1 => "i % 4", _ => "e + 1" };
        // What the inner loop does to t besides reading t[e]: nothing, another fixed read or a read at j, or a write by each route.
        int kind = random.Next(10);
        string helper = "";
        string write = kind switch
        {
            0 => "",
            1 => "s += t[(e + 1) % 3] * c * " + K() + ";",
            2 => "t[j] = t[j] * " + K() + " + c;",
            3 => "Array.Copy(b, t, 3);",
            4 => "Array.Fill(t, c * " + K() + ");",
            5 => "Array.Reverse(t);",
            6 => "Bump" + name + "(t, c * " + K() + ");",
            7 => "v[j] += c * " + K() + ";",
            8 => "{ ref double r = ref t[j]; r += c * " + K() + "; }",
            _ => "s += t[j] * " + K() + ";",
        };
        if (kind == 6) helper = "    [Differentiable]\n    public static void Bump" + name + "(double[] t, double v) { t[0] = t[0] * 0.5 + v; }\n";
        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double[] a, double c, int m)\n    {\n");
        text.Append("        var t = new double[3];\n        var b = new double[3];\n");
        if (kind == 7) text.Append("        Span<double> v = t;\n");
        text.Append("        double s = 0;\n");
        text.Append("        for (int i = 0; i < m; i++)\n        {\n");
        text.Append("            t[i % 3] = a[i % a.Length] * c + ").Append(K()).Append(";\n");
        text.Append("            b[(i + 1) % 3] = c * a[(i + 2) % a.Length];\n");
        text.Append("            int e = (i * 2 + 1) % 3;\n");
        text.Append("            for (int j = ").Append(start).Append("; j < 3; j++)\n            {\n");
        if (outside) text.Append("                ").Append(LoopPrograms.Outside).Append('\n');
        text.Append("                s += t[e] * a[j] * ").Append(K()).Append(";\n");
        if (write.Length > 0) text.Append("                ").Append(write).Append('\n');
        text.Append("            }\n        }\n");
        text.Append("        return s + t[0] * t[1] * ").Append(K()).Append(";\n    }\n").Append(helper);
        return new InnerCounterPropertyTests.Program(name, text.ToString(), outside ? LoopPrograms.OutsideAt : null, (kind <= 1 || kind == 9) && !outside);
    }
}
