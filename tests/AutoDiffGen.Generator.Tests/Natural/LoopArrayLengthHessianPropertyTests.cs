using System.Text;
using AutoDiffGen.Generator.Tests.Hessians;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Natural;

/// <summary>
/// natural22's broken build: with <c>Hessian = true</c>, a local array made in a loop and sized by another loop array's
/// <c>.Length</c> (<c>var w = new double[s.Length];</c>, or a plain helper's <c>new double[scores.Length]</c> inlined: the
/// attention program N06's softmax) had its adjoint made with <c>s_1.Length</c> in the product's reverse sweep, which keeps no
/// loop array: CS0841 (used before its late declaration) and CS0219. The size is now followed back to the size that array was
/// made with. Random programs of chains of such arrays (one to three links, sized by the parameter's length or by a loop
/// int, elementwise maps, a helper returning a new array, reads in the loop), one compilation, each method's MHessian
/// against central differences of its MBackward; one in five sorts a chained array with Array.Sort, which Hessian mode
/// follows since hess25 (checked like the others); one in five sorts the parameter x, which it does not (ADG0019 at the
/// parameter, and no code).
/// </summary>
public class LoopArrayLengthHessianPropertyTests
{
    private const int Programs = 15;

    private static readonly string[] Maps = { "Math.Exp(0.3 * {0})", "Math.Sin({0}) * {1}", "{0} * {0} + {1}", "Math.Tanh({0} - 0.2)" };

    private static (string Source, bool Outside, int Links) Program(int k, Random random)
    {
        bool outside = k % 5 == 4, sorts = k % 5 == 2;
        int links = 1 + random.Next(3);
        var b = new StringBuilder();
        b.AppendLine("    [Differentiable(Hessian = true)]");
        b.AppendLine($"    public static double M{k}(double[] x, int n)");
        b.AppendLine("    {");
        b.AppendLine("        double total = 0;");
        if (outside) b.AppendLine("        Array.Sort(x);");
        b.AppendLine("        for (int r = 0; r < n; r++)");
        b.AppendLine("        {");
        b.AppendLine(random.Next(2) == 0 ? "            var a0 = new double[x.Length];" : "            var a0 = new double[x.Length + 0 * r];");
        b.AppendLine("            for (int j = 0; j < a0.Length; j++) a0[j] = x[j] * (r + 1);");
        for (int l = 1; l <= links; l++)
        {
            string map = string.Format(Maps[random.Next(Maps.Length)], $"a{l - 1}[j]", "x[j]");
            // A sorted array is a local made here (a helper's returned array is refused inside the helper, at its own local).
            if (random.Next(3) == 0 && !(sorts && l == links))
            {
                b.AppendLine($"            double[] a{l} = Map{random.Next(2)}(a{l - 1}, x);");
            }
            else
            {
                b.AppendLine($"            var a{l} = new double[a{l - 1}.Length];");
                b.AppendLine($"            for (int j = 0; j < a{l}.Length; j++) a{l}[j] = {map};");
            }
        }
        if (sorts) b.AppendLine($"            Array.Sort(a{links});");
        b.AppendLine($"            for (int j = 0; j < a{links}.Length; j++) total += a{links}[j] * x[j];");
        b.AppendLine("        }");
        b.AppendLine("        return total;");
        b.AppendLine("    }");
        b.AppendLine($"    public static double[] H{k}(double[] x, int n) {{ var h = new double[x.Length * x.Length]; M{k}Hessian(x, n, h); return h; }}");
        b.AppendLine($"    public static void G{k}(double[] x, double[] g) {{ Array.Clear(g); M{k}Backward(x, 2, g); }}");
        return (b.ToString(), outside, links);
    }

    private const string Helpers = """
        static double[] Map0(double[] s, double[] x)
        {
            var w = new double[s.Length];
            for (int i = 0; i < s.Length; i++) w[i] = Math.Exp(0.2 * s[i]) * x[i];
            return w;
        }
        static double[] Map1(double[] s, double[] x)
        {
            var w = new double[s.Length];
            for (int i = 0; i < w.Length; i++) w[i] = s[i] * s[i] - x[i];
            return w;
        }
    """;

    [Fact]
    public void ChainedLoopArrays_HessianMatchesCentralDifferences_AndASortedParameterIsRefusedAtIt()
    {
        var random = new Random(20261222);
        var programs = Enumerable.Range(0, Programs).Select(k => Program(k, random)).ToArray();
        // Each program in its own class and file, so a refused one's missing Hessian breaks only its own probe (left out).
        var sources = programs.Select((p, k) => "using System;\nusing AutoDiffGen;\nnamespace LoopLength;\npublic static partial class P" + k + "\n{\n" + Helpers + "\n" +
            (p.Outside ? p.Source.Split("    public static double[] H")[0] : p.Source) + "}\n").ToArray();
        var run = GeneratorHarness.Run(sources);
        Assert.True(run.Exceptions.IsEmpty, run.Dump());
        for (int k = 0; k < Programs; k++)
        {
            string file = "User" + k + ".cs";
            var errors = run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath == file).ToList();
            if (programs[k].Outside)
            {
                // The sorted parameter is refused where it is declared, and nothing is generated for the method.
                Assert.True(errors.Count > 0 && errors.All(d => d.Id == "ADG0019"), "P" + k + ": " + string.Join("; ", errors.Select(d => d.ToString())));
                Assert.True(errors.Any(d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) is "double[] x" or "x"),
                    "P" + k + ": " + string.Join("; ", errors.Select(d => "'" + d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) + "' " + d.GetMessage())));
                Assert.DoesNotContain(run.Generated.Values, g => g.Contains("M" + k + "Hessian(", StringComparison.Ordinal));
            }
            else
            {
                Assert.True(errors.Count == 0, "P" + k + ": " + string.Join("; ", errors.Select(d => d.ToString())) + "\n" + programs[k].Source);
            }
        }
        // No warning or error anywhere else (generated code included).
        Assert.True(run.CompileDiagnostics.IsEmpty, string.Join("\n", run.CompileDiagnostics));
        var assembly = GeneratorHarness.Load(run);
        var point = new[] { 0.4, -0.3, 0.7 };
        int checkedCount = 0;
        for (int k = 0; k < Programs; k++)
        {
            if (programs[k].Outside) continue;
            var type = assembly.GetType("LoopLength.P" + k)!;
            var h = (double[])type.GetMethod("H" + k)!.Invoke(null, new object[] { point, 2 })!;
            var central = HessianModeTests.CentralHessian(type.GetMethod("G" + k)!.CreateDelegate<Action<double[], double[]>>(), point);
            for (int i = 0; i < h.Length; i++) Tolerance.AssertClose(central[i], h[i], 1e-5 * (1 + Math.Abs(central[i])), "P" + k + " H[" + i + "]\n" + programs[k].Source);
            checkedCount++;
        }
        Assert.Equal(Programs - (Programs / 5), checkedCount);
    }

    [Fact]
    public void TheAttentionSoftmax_ByHand_InHessianMode()
    {
        // The smallest N06 shape: one query, scores s_j = q·k_j over two keys of dimension one, softmax weights w, output
        // o = Σ w_j v_j, loss o (seed 1). With q the input: ∂o/∂q = Σ_j w_j v_j (k_j − k̄), k̄ = Σ w_j k_j;
        // ∂²o/∂q² = Σ_j w_j v_j ((k_j − k̄)² − Var), Var = Σ w_j (k_j − k̄)².
        const string source = """
            using System;
            using AutoDiffGen;
            namespace LoopLength;
            public static partial class Soft
            {
                static double[] Softmax(double[] scores)
                {
                    var weights = new double[scores.Length];
                    double sum = 0;
                    for (int i = 0; i < scores.Length; i++) { weights[i] = Math.Exp(scores[i]); sum += weights[i]; }
                    for (int i = 0; i < scores.Length; i++) weights[i] /= sum;
                    return weights;
                }
                [Differentiable(Hessian = true)]
                public static double Out(double[] q, double[] keys, double[] values)
                {
                    double o = 0;
                    for (int r = 0; r < q.Length; r++)
                    {
                        var scores = new double[keys.Length];
                        for (int j = 0; j < keys.Length; j++) scores[j] = q[r] * keys[j];
                        double[] w = Softmax(scores);
                        for (int j = 0; j < w.Length; j++) o += w[j] * values[j];
                    }
                    return o;
                }
                public static double[] H(double[] q, double[] k, double[] v) { var h = new double[(q.Length + k.Length + v.Length) * (q.Length + k.Length + v.Length)]; OutHessian(q, k, v, h); return h; }
            }
            """;
        var run = GeneratorHarness.Run(source);
        Assert.True(run.Exceptions.IsEmpty && run.CompileDiagnostics.IsEmpty && !run.Diagnostics.Any(d => d.Severity >= DiagnosticSeverity.Warning), run.Dump());
        var type = GeneratorHarness.Load(run).GetType("LoopLength.Soft")!;
        double q = 0.8;
        double[] keys = { 0.5, -1.2 }, values = { 2.0, 0.7 };
        var h = (double[])type.GetMethod("H")!.Invoke(null, new object[] { new[] { q }, keys, values })!;
        double w0 = Math.Exp(q * keys[0]), w1 = Math.Exp(q * keys[1]), sum = w0 + w1;
        w0 /= sum; w1 /= sum;
        double kbar = (w0 * keys[0]) + (w1 * keys[1]), variance = (w0 * Math.Pow(keys[0] - kbar, 2)) + (w1 * Math.Pow(keys[1] - kbar, 2));
        double expected = (w0 * values[0] * (Math.Pow(keys[0] - kbar, 2) - variance)) + (w1 * values[1] * (Math.Pow(keys[1] - kbar, 2) - variance));
        Tolerance.AssertFormula(expected, h[0], "∂²o/∂q²");
        // ∂²o/∂q∂v_j = ∂w_j/∂q = w_j (k_j − k̄).
        Tolerance.AssertFormula(w0 * (keys[0] - kbar), h[3], "∂²o/∂q∂v0");
    }
}
