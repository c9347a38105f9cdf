using System.Globalization;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Diagnostics;

/// <summary>
/// Names Hessian mode generates besides MHessian's own: the parameters' tangents (u → tU, locals of MHessianVector and
/// parameters of MBackwardTangent), tResult and tdResult (MBackwardTangent's). On main a method with Hessian = true and
/// without Forward = true did not build when a parameter or local had one of these names (CS0100, CS0128, CS0136,
/// CS0841 in the generated file). Now a local with such a name is renamed in the generated code, and a parameter gets
/// ADG0012 there, as with Forward = true.
/// </summary>
public class HessianNameTests
{
    private const string Locals = """
        using AutoDiffGen;

        public static partial class Named
        {
            // F = u·(u·w0·w1 + u²) = u²·w0·w1 + u³, through locals named like the generated tangents and seeds.
            [Differentiable(Hessian = true)]
            public static double F(double u, double[] w)
            {
                double tU = u * w[0];
                double tW = tU * w[1];
                double tResult = tW + u * u;
                double tdResult = tResult * u;
                return tdResult;
            }

            // G = u·F: its Hessian differentiates the call through FBackwardTangent (which takes tdResult and sets tResult).
            [Differentiable(Hessian = true)]
            public static double G(double u, double[] w) => F(u, w) * u;

            public static double[] HessianOf(string name, double u, double[] w)
            {
                var h = new double[9];
                if (name == "F") FHessian(u, w, h); else GHessian(u, w, h);
                return h;
            }
        }
        """;

    [Fact]
    public void LocalsNamedLikeTheTangentsAndSeeds_HessianMatchesTheHandDerivation()
    {
        var type = GeneratorHarness.CompileAndLoad(Locals).GetType("Named")!;
        double u = 0.7, w0 = 0.3, w1 = -0.6;
        var w = new[] { w0, w1 };
        // F's derivatives by hand, over (u, w0, w1).
        double f = u * u * w0 * w1 + u * u * u;
        double[] g = { 2 * u * w0 * w1 + 3 * u * u, u * u * w1, u * u * w0 };
        double[,] h = { { 2 * w0 * w1 + 6 * u, 2 * u * w1, 2 * u * w0 }, { 2 * u * w1, 0, u * u }, { 2 * u * w0, u * u, 0 } };
        var fh = (double[])type.GetMethod("HessianOf")!.Invoke(null, new object[] { "F", u, w })!;
        var gh = (double[])type.GetMethod("HessianOf")!.Invoke(null, new object[] { "G", u, w })!;
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                Tolerance.AssertFormula(h[i, j], fh[i * 3 + j], $"F H[{i},{j}]");
                // G = u·F: G_ij = u·F_ij + [i = u]·F_j + [j = u]·F_i.
                double hand = u * h[i, j] + (i == 0 ? g[j] : 0) + (j == 0 ? g[i] : 0);
                Tolerance.AssertFormula(hand, gh[i * 3 + j], $"G H[{i},{j}]");
            }
        }
        foreach (var name in new[] { "F", "G" })
        {
            CentralDifferenceRunner.Check(type.GetMethod(name)!, null, new object[] { u, w });
            AssertHessianMatchesDifferences(type, name, u, w);
        }
        Tolerance.AssertFormula(f * u, (double)type.GetMethod("G")!.Invoke(null, new object[] { u, w })!, "G");
    }

    [Theory]
    [InlineData("tdResult", "The seed's tangent that FBackwardTangent takes")]
    [InlineData("tResult", "The tangent that FBackwardTangent sets for the result")]
    [InlineData("tU", "The tangent of parameter 'u' is named 'tU'")]
    public void ParameterNamedLikeAHessianName_IsADG0012There(string name, string message)
    {
        // A tangent's clash is reported at the parameter whose tangent it is.
        string at = name == "tU" ? "u" : name;
        string source = "using AutoDiffGen;\npublic static partial class C\n{\n    [Differentiable(Hessian = true)]\n    public static double F(double u, double "
            + name + ") => u * u * " + name + ";\n}\n";
        var result = GeneratorHarness.Run(source);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ADG0012", error.Id);
        Assert.Equal("double " + at, error.Location.SourceTree!.GetText().ToString(error.Location.SourceSpan));
        Assert.Contains(message, error.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(result.Generated);
        Assert.True(result.Exceptions.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
    }

    /// <summary>
    /// Random methods with Hessian and/or Forward = true whose parameters and locals are drawn from names the modes generate
    /// (tangents, adjoints, seeds): each parameter that takes a generated name gets ADG0012 there and no code; every other
    /// method builds warning-free and its Backward, Hessian and Forward match central differences.
    /// </summary>
    [Fact]
    public void RandomNames_DiagnosedAtTheParameterOrDifferentiated()
    {
        string[] parameterPool = { "u", "tU", "dU", "v", "tV", "tResult", "tdResult", "x" };
        string[] localPool = { "tU", "tV", "tX", "tResult", "tdResult", "tdU", "dU_1", "tdX", "a" };
        var random = new Random(31204);
        int diagnosed = 0, checkedPrograms = 0;
        for (int program = 0; program < 40; program++)
        {
            var names = parameterPool.OrderBy(_ => random.Next()).Take(random.Next(2, 4)).ToList();
            var locals = localPool.Where(l => !names.Contains(l)).OrderBy(_ => random.Next()).Take(2).ToList();
            bool hessian = random.Next(4) != 0, forward = !hessian || random.Next(2) == 0;
            string modes = string.Join(", ", new[] { hessian ? "Hessian = true" : null, forward ? "Forward = true" : null }.Where(m => m is not null));
            string source = "using System;\nusing AutoDiffGen;\npublic static partial class C\n{\n    [Differentiable(" + modes + ")]\n    public static double F("
                + string.Join(", ", names.Select(n => "double " + n)) + ")\n    {\n"
                + "        double " + locals[0] + " = " + names[0] + " * " + names[1] + ";\n"
                + "        double " + locals[1] + " = Math.Sin(" + locals[0] + ") * " + names[^1] + " + " + names[0] + ";\n"
                + "        return " + locals[1] + " * " + locals[0] + ";\n    }\n"
                + "    public static double[] H(double[] p) { var h = new double[p.Length * p.Length]; " + (hessian ? "FHessian(" + string.Join(", ", names.Select((_, i) => "p[" + i + "]")) + ", h); " : "") + "return h; }\n}\n";
            var result = GeneratorHarness.RunForLoad(source);
            Assert.True(result.Exceptions.IsEmpty, source);
            string Upper(string n) => char.ToUpperInvariant(n[0]) + n.Substring(1);
            // The rule restated: a parameter named tResult (with either mode) or tdResult (Hessian), or whose adjoint (dU) or,
            // with either mode, tangent (tU) is another parameter's name; the error is at that parameter.
            var clashing = names.Where(n => n == "tResult" || n == "tdResult" && hessian
                || names.Any(o => o != n && (o == "d" + Upper(n) || o == "t" + Upper(n)))).ToList();
            if (clashing.Count > 0)
            {
                diagnosed++;
                foreach (var n in clashing)
                {
                    Assert.True(result.Diagnostics.Any(d => d.Id == "ADG0012" && d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == "double " + n), source + "\n" + result.Dump());
                }
                Assert.DoesNotContain(result.Generated.Keys, k => k.Contains(".F_", StringComparison.Ordinal));
                continue;
            }
            checkedPrograms++;
            result.AssertClean();
            var type = GeneratorHarness.Load(result).GetType("C")!;
            var point = names.Select((_, i) => (object)(0.4 + 0.3 * i)).ToArray();
            CentralDifferenceRunner.Check(type.GetMethod("F")!, null, point);
            if (hessian) AssertHessianMatchesDifferences(type, point);
        }
        Assert.True(diagnosed >= 8 && checkedPrograms >= 8, diagnosed + " diagnosed, " + checkedPrograms + " checked");
    }

    /// <summary>Each row of the method's Hessian against central differences of its Backward's gradient.</summary>
    private static void AssertHessianMatchesDifferences(Type type, string name, double u, double[] w)
    {
        var backward = type.GetMethod(name + "Backward")!;
        double[] Gradient(double[] p)
        {
            var args = new object[] { p[0], p[1..], 0.0, new double[2], 1.0 };
            backward.Invoke(null, args);
            return new[] { (double)args[2] }.Concat((double[])args[3]).ToArray();
        }
        var hessian = (double[])type.GetMethod("HessianOf")!.Invoke(null, new object[] { name, u, w })!;
        AssertRows(hessian, new[] { u, w[0], w[1] }, Gradient, name);
    }

    private static void AssertHessianMatchesDifferences(Type type, object[] point)
    {
        var backward = type.GetMethod("FBackward")!;
        int n = point.Length;
        double[] Gradient(double[] p)
        {
            var args = p.Cast<object>().Concat(Enumerable.Repeat((object)0.0, n)).Append(1.0).ToArray();
            backward.Invoke(null, args);
            return args.Skip(n).Take(n).Select(a => (double)a).ToArray();
        }
        var values = point.Select(p => (double)p).ToArray();
        var hessian = (double[])type.GetMethod("H")!.Invoke(null, new object[] { values })!;
        AssertRows(hessian, values, Gradient, "F");
    }

    private static void AssertRows(double[] hessian, double[] at, Func<double[], double[]> gradient, string name)
    {
        int n = at.Length;
        for (int i = 0; i < n; i++)
        {
            var up = (double[])at.Clone(); up[i] += 1e-6;
            var down = (double[])at.Clone(); down[i] -= 1e-6;
            var gu = gradient(up);
            var gd = gradient(down);
            for (int j = 0; j < n; j++) Tolerance.AssertCentral((gu[j] - gd[j]) / 2e-6, hessian[i * n + j], 1, $"{name} H[{i},{j}]");
        }
    }
}
