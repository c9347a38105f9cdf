using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Generator.Tests.Structs.BuiltWhole;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>
/// Issue 14 (hess15): BuiltWholePropertyTests' random programs over structs built whole (a readonly record struct with
/// computed properties, a readonly struct with a memberwise constructor taking its members in another order, struct
/// callees in loops and branches), drawn with <c>Hessian = true</c> and the structs as the method's own parameters. Inside,
/// MHessian and MHessianVector match central differences of MBackward's gradient over (r.A, r.B, w.U, w.V, x); one program
/// in five is drawn just outside (a <c>float[]</c> in the <c>double</c> method keeps the second-order path, which writes a
/// struct member by member): ADG0019 at the struct parameter and no code for that method.
/// </summary>
public class HessianBuiltWholePropertyTests
{
    [Theory]
    [InlineData(20261206, 30)]
    [InlineData(15, 30)]
    public void RandomProgramsWithStructParametersBuiltWhole(int seed, int count)
    {
        var gen = new BuiltWholePropertyTests.Gen(seed);
        var inside = new List<(string Name, string Text)>();
        var outside = new List<string>();
        for (int i = 0; i < count; i++)
        {
            if (i % 5 == 4) outside.Add(gen.Method("F" + i, 1));
            // The result reads q and v: a Hessian method whose result depends on no parameter refuses its struct-returning
            // calls (ADG0019 at the call, before hess15 too), which is not what this test is about.
            else inside.Add(("F" + i, gen.Method("F" + i, -1, hessian: true).Replace("return ", "return x * (q.A + v.U) + ")));
        }

        var source = new StringBuilder(BuiltWholePropertyTests.Types + "    public static partial class P\n    {\n");
        foreach (var (name, text) in inside)
        {
            source.AppendLine(text);
            // Wrappers over (r.A, r.B, w.U, w.V, x): W's constructor takes V first.
            source.AppendLine("        public static double " + name + "H(double[] p, int n, double[] h) => " + name + "Hessian(new R(p[0], p[1]), new W(p[3], p[2]), p[4], n, h);");
            source.AppendLine("        public static double " + name + "V(double[] p, int n, double[] v, double[] hv) => " + name + "HessianVector(new R(p[0], p[1]), new W(p[3], p[2]), p[4], n, v, hv);");
            source.AppendLine("        public static void " + name + "G(double[] p, int n, double[] g) { var dr = new R(0, 0); var dw = new W(0, 0); double dx = 0; "
                + name + "Backward(new R(p[0], p[1]), new W(p[3], p[2]), p[4], n, ref dr, ref dw, ref dx); g[0] = dr.A; g[1] = dr.B; g[2] = dw.U; g[3] = dw.V; g[4] = dx; }");
        }
        source.Append("    }\n}\n");
        // Every inside program is taken: an error here names the program that was refused.
        var run = GeneratorHarness.Run(source.ToString());
        var refused = run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(refused.Count == 0, string.Join("\n", refused.Select(d => d.Id + " at '" + d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) + "': " + d.GetMessage())));
        var type = GeneratorHarness.CompileAndLoadAllowing(source.ToString(), "ADG0011").GetType("Gen.P", throwOnError: true)!;
        var random = new Random(seed);
        foreach (var (name, text) in inside)
        {
            int n = random.Next(4);
            var p = Enumerable.Range(0, 5).Select(_ => Math.Round((random.NextDouble() * 2) - 1, 2)).ToArray();
            var h = type.GetMethod(name + "H")!.CreateDelegate<Func<double[], int, double[], double>>();
            var v = type.GetMethod(name + "V")!.CreateDelegate<Func<double[], int, double[], double[], double>>();
            var g = type.GetMethod(name + "G")!.CreateDelegate<Action<double[], int, double[]>>();
            try
            {
                HessianChecks.Check(name, (q, m) => h(q, n, m), (q, d, m) => v(q, n, d, m), (q, m) => g(q, n, m), p, null, HessianChecks.Double);
            }
            catch (Exception e) when (e is not TargetInvocationException)
            {
                throw new Xunit.Sdk.XunitException("seed " + seed + ", " + name + ", n = " + n + ":\n" + text + "\n" + e.Message);
            }
        }

        foreach (var text in outside)
        {
            var result = GeneratorHarness.Run(BuiltWholePropertyTests.Types + "    public static partial class P\n    {\n" + text + "    }\n}\n");
            var found = result.Diagnostics.Where(d => d.Id == "ADG0019" && d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(found.Count > 0, "expected ADG0019 for\n" + text + "\n" + result.Dump());
            Assert.Contains(found, d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) is "R r" or "W w" && d.GetMessage().Contains("built whole", StringComparison.Ordinal));
            Assert.DoesNotContain(result.Generated.Keys, k => k.Contains("P.F", StringComparison.Ordinal));
            Assert.Empty(result.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        }
    }
}
