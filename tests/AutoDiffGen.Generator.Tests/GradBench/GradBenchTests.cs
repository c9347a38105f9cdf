using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Generator.Tests.Natural;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.GradBench;

/// <summary>
/// GradBench (github.com/gradbench/gradbench, MIT; its cmpad-derived evals after Bradley M. Bell's cmpad) ported as a C#
/// user would write each eval from its README and C++ reference (GradBench/Programs, gradbench24): hello, lse, llsq, det
/// (twice: the recursive minor as a plain helper, and marked [Differentiable]), ode, kmeans (double[][] rows with its
/// Hessian diagonal, and the flat C++ layout), particle and saddle (nested AD). All in ONE compilation, each file its own
/// syntax tree: <see cref="Expected"/> pins the ids each gets; the ones that build are checked against central differences
/// and a hand derivation or GradBench's formula (the manual tool's hand-written gradient, or a plain-Python
/// reimplementation of the eval run once, whose numbers are checked in below). docs/corpus.md "GradBench" records it.
/// </summary>
public class GradBenchTests(ITestOutputHelper output)
{
    /// <summary>The ids each file gets as first written; "" is a clean build.</summary>
    public static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["G01_Hello"] = "",
        ["G02_Lse"] = "",
        ["G03_Llsq"] = "",
        // new int[ell + 1] (the minors' row and column lists) is carried since tables25 with its element writes, but passed
        // to the recursive plain helper that writes it (ADG0003 at r and c), and that helper (ADG0004).
        ["G04_Det"] = "ADG0003,ADG0004",
        // The same with DetOfMinor [Differentiable]: it writes its int[] parameters r and c around the recursive call.
        ["G05_DetDifferentiableMinor"] = "ADG0003,ADG0007",
        ["G06_Ode"] = "",
        ["G07_KMeans"] = "",
        ["G08_KMeansFlat"] = "",
        // Nested AD: AccelBackward/AccelForward inside a [Differentiable] method (ADG0037, gradbench24; the Backward call
        // as a statement was dropped before), and the Point[] local passed whole (ADG0003).
        ["G09_Particle"] = "ADG0003,ADG0037",
        // Nested AD: ObjectiveBackward in the inner descent. Before gradbench24 this built and its Backward was wrong.
        ["G10_Saddle"] = "ADG0037",
    };

    private static string Directory => Path.Combine(AppContext.BaseDirectory, "GradBench", "Programs");

    private static readonly string[] Names =
        System.IO.Directory.GetFiles(Directory, "*.cs").Select(Path.GetFileNameWithoutExtension).OrderBy(n => n, StringComparer.Ordinal).ToArray()!;

    /// <summary>Every file in one run: file i of <see cref="Names"/> is User(i + 1).cs (User0.cs holds the implicit usings).</summary>
    private static readonly Lazy<GeneratorOutput> Run = new(() =>
        GeneratorHarness.Run(new[] { NaturalSource.ImplicitUsings }.Concat(Names.Select(n => File.ReadAllText(Path.Combine(Directory, n + ".cs")))).Append(ProbeSource).ToArray()));

    /// <summary>The test's own calls of MHessianVector (a Span result), which reflection cannot pass; not a program of the port.</summary>
    private const string ProbeSource = """
        namespace GradBench;
        public static class GradBenchProbe
        {
            public static double[] FlatDiagonal(int n, int k, int d, double[] points, double[] centroids)
            {
                var ones = new double[k * d];
                System.Array.Fill(ones, 1.0);
                var hv = new double[k * d];
                KMeansFlat.ObjectiveHessianVector(n, k, d, points, centroids, ones, hv);
                return hv;
            }
        }
        """;

    private static readonly Lazy<Assembly> Loaded = new(() =>
    {
        var run = Run.Value;
        Assert.True(run.Exceptions.IsEmpty && run.CompileDiagnostics.IsEmpty, run.Dump());
        return GeneratorHarness.Load(run);
    });

    private static string FileOf(string name) => "User" + (Array.IndexOf(Names, name) + 1) + ".cs";

    private static IEnumerable<Diagnostic> DiagnosticsOf(string name) =>
        Run.Value.Diagnostics.Concat(Run.Value.CompileDiagnostics).Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath == FileOf(name));

    [Fact]
    public void Ports_GetWhatTheTableSays_InOneCompilation()
    {
        var run = Run.Value;
        Assert.True(run.Exceptions.IsEmpty, run.Dump());
        Assert.DoesNotContain(run.Diagnostics.Concat(run.CompileDiagnostics), d => d.Severity >= DiagnosticSeverity.Warning && !Names.Select(FileOf).Contains(d.Location.SourceTree?.FilePath));
        Assert.Equal(Expected.Keys.OrderBy(k => k, StringComparer.Ordinal), Names);
        var got = Names.ToDictionary(n => n, n => string.Join(",", DiagnosticsOf(n).Select(d => d.Id).Distinct().OrderBy(i => i, StringComparer.Ordinal)));
        foreach (var n in Names)
            foreach (var d in DiagnosticsOf(n))
                output.WriteLine(n + ": " + d.Id + " '" + d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) + "' " + d.GetMessage());
        var wrong = Names.Where(n => got[n] != Expected[n]).Select(n => n + ": got '" + got[n] + "', table '" + Expected[n] + "'").ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong) + "\n" + run.Dump());
        // A refused method gets no code: the nested evals' objectives and the det entry points.
        foreach (var refused in new[] { ".Saddle.InnerMax_", ".Particle.NaiveEulerR_", ".Particle.NaiveEulerF_", ".DeterminantByMinors.Primal_" })
            Assert.DoesNotContain(run.Generated.Keys, k => k.Contains(refused, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("G10_Saddle", "ADG0037", "ObjectiveBackward(p1[0], p1[1], x[0], x[1], ref d1, ref d2, ref d3, ref d4, -1.0)", "compute the inner derivative in code of your own")]
    [InlineData("G09_Particle", "ADG0037", "AccelBackward(charges, x, dCharges, ref xddot)", "which the generator writes for the [Differentiable] method 'Particle.Accel'")]
    [InlineData("G09_Particle", "ADG0037", "AccelForward(charges, x, noCharges, new Point(1, 0), out double ax)", "nested differentiation")]
    [InlineData("G04_Det", "ADG0003", "r", "passed to 'DetOfMinor'")]
    [InlineData("G04_Det", "ADG0004", "DetOfMinor(a, ell, ell, r, c)", "mark it [Differentiable]")]
    [InlineData("G05_DetDifferentiableMinor", "ADG0007", "r[n] = r[r0]", "writes to an array element")]
    public void Refusal_IsAtTheConstruct_AndSaysWhatToWrite(string file, string id, string at, string says)
    {
        var mine = DiagnosticsOf(file).Where(d => d.Id == id).ToList();
        Assert.True(mine.Any(d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == at && d.GetMessage().Contains(says, StringComparison.Ordinal)),
            file + ": no " + id + " at '" + at + "' saying '" + says + "': " + string.Join("; ", mine.Select(d => d.Id + " '" + d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) + "' " + d.GetMessage())));
    }

    private static Type T(string type) => Loaded.Value.GetType(type) ?? throw new InvalidOperationException("no " + type);

    private static MethodInfo Method(string type, string name) =>
        T(type).GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Single(m => m.Name == name && m.CustomAttributes.Any(a => a.AttributeType.Name == "DifferentiableAttribute"));

    private static CentralDifferenceRunner.Result Check(string type, string name, params object[] point) =>
        CentralDifferenceRunner.Check(Method(type, name), null, point);

    private static void Near(double expected, double actual, string what) => Tolerance.AssertFormula(expected, actual, what);

    private static void NearAll(IReadOnlyList<double> expected, double[]? actual, string what)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Count, actual!.Length);
        for (int i = 0; i < actual.Length; i++) Near(expected[i], actual[i], what + "[" + i + "]");
    }

    [Fact]
    public void Hello_Lse_Llsq_MatchCentralDifferences_AndGradBenchsReference()
    {
        // hello: d(x²)/dx = 2x, the eval's "double" function: 3 at 1.5.
        var hello = Check("GradBench.Hello", "Square", 1.5);
        Near(2.25, hello.Value, "square");
        Near(3.0, hello.Gradient[0]![0], "double");

        // lse: ∂/∂xᵢ log Σ exp(xⱼ) = softmax(x)ᵢ (the max a cancels: ∂/∂a (log Σ e^{x−a} + a) = −1 + 1), the manual tool's
        // exp(xᵢ − max)/Σ. Values from a plain-Python port of the eval (math.exp/math.log, /usr/bin/python3, gradbench24).
        var lse = Check("GradBench.LogSumExp", "Primal", new[] { 0.3, -1.2, 2.5, 0.8, -0.4 });
        Near(2.8171681261310586, lse.Value, "lse");
        NearAll(new[] { 0.08068778113544502, 0.018003877526773304, 0.7282083139867772, 0.13303166104360478, 0.04006836630739973 }, lse.Gradient[0], "∂lse/∂x");

        // llsq: y = ½ Σᵢ rᵢ², rᵢ = sᵢ − Σⱼ xⱼ tᵢʲ, so ∂y/∂xⱼ = −Σᵢ rᵢ tᵢʲ (the manual tool's loop); n = 7, m = 4. Values from the
        // plain-Python port of the eval and that formula.
        var llsq = Check("GradBench.LinearLeastSquares", "Primal", new[] { 0.2, -0.5, 0.7, 0.3 }, 7);
        Near(5.492345679012344, llsq.Value, "llsq");
        NearAll(new[] { 3.5777777777777775, -4.829629629629629, 2.3160493827160495, -3.223045267489712 }, llsq.Gradient[0], "∂llsq/∂x");
    }

    [Fact]
    public void Ode_MatchesCentralDifferences_ByHandWhereRk4IsExact_AndThePythonPortElsewhere()
    {
        // n = 4: y₀ = x₀t, y₁ = x₀x₁t²/2, y₂ = x₀x₁x₂t³/6, y₃ = x₀x₁x₂x₃t⁴/24; the system is linear with a nilpotent
        // matrix (A⁴ = 0), so RK4's fourth-order Taylor step is exact: y₃(2) = (2/3)Πx and ∂y₃/∂xᵢ = y₃/xᵢ (the manual
        // tool's formula), distinct for distinct x.
        double[] x = { 0.9, 1.1, 0.8, 1.3 };
        double y = 2.0 / 3.0 * x[0] * x[1] * x[2] * x[3];
        var exact = Check("GradBench.OdeSolution", "Last", x, 3);
        Near(y, exact.Value, "y₃(2)");
        NearAll(x.Select(v => y / v).ToArray(), exact.Gradient[0], "∂y₃/∂x");
        // n = 5, s = 4: RK4 is no longer exact; values from a plain-Python port of the eval, the gradient by complex step.
        var rk4 = Check("GradBench.OdeSolution", "Last", new[] { 0.9, 1.1, 0.8, 1.3, 0.7 }, 4);
        Near(0.19144125000000006, rk4.Value, "y₄(2)");
        NearAll(new[] { 0.2127125, 0.1740375, 0.23930156250000004, 0.14726250000000005, 0.2734875000000001 }, rk4.Gradient[0], "∂y₄/∂x");
    }

    private static readonly double[][] Points = { new[] { 0.1, 0.2 }, new[] { 0.4, -0.3 }, new[] { 2.0, 1.5 }, new[] { 2.6, 1.1 }, new[] { 1.9, 2.2 } };
    private static readonly double[][] Centroids = { new[] { 0.3, 0.1 }, new[] { 2.1, 1.4 } };

    /// <summary>
    /// The manual tool's kmeans_objective_d, translated: each point's closest centroid, then dir = −(mean of its points − c).
    /// With f = Σᵢ minⱼ |cⱼ − pᵢ|², ∂f/∂cⱼ = Σ_{i→j} 2(cⱼ − pᵢ) and ∂²f/∂cⱼ² = 2·#{i→j}, so J/H = cⱼ − mean.
    /// </summary>
    private static (double[] Gradient, double[] Diagonal, double[] Dir) KMeansByHand()
    {
        int k = Centroids.Length, d = Centroids[0].Length;
        var gradient = new double[k * d];
        var diagonal = new double[k * d];
        var sums = new double[k * d];
        var sizes = new int[k];
        foreach (var p in Points)
        {
            int best = -1;
            double closest = double.PositiveInfinity;
            for (int j = 0; j < k; j++)
            {
                double dist = 0;
                for (int l = 0; l < d; l++) dist += (p[l] - Centroids[j][l]) * (p[l] - Centroids[j][l]);
                if (dist < closest) { closest = dist; best = j; }
            }
            sizes[best]++;
            for (int l = 0; l < d; l++) { sums[best * d + l] += p[l]; gradient[best * d + l] += 2 * (Centroids[best][l] - p[l]); diagonal[best * d + l] += 2; }
        }
        var dir = new double[k * d];
        for (int j = 0; j < k; j++)
            for (int l = 0; l < d; l++) dir[j * d + l] = -(sums[j * d + l] / sizes[j] - Centroids[j][l]);
        return (gradient, diagonal, dir);
    }

    [Fact]
    public void KMeans_CostDir_MatchCentralDifferences_AndTheManualTool()
    {
        var (gradient, diagonal, dir) = KMeansByHand();
        // Two points to the first centroid, three to the second: the hand values differ per component.
        var cost = Check("GradBench.KMeans", "Cost", Points, Centroids);
        NearAll(gradient, cost.Gradient[1], "∂cost/∂c");
        var got = (double[][])T("GradBench.KMeans").GetMethod("Dir")!.Invoke(null, new object[] { Points, Centroids })!;
        NearAll(dir, got.SelectMany(r => r).ToArray(), "dir = J/diag H");

        // The flat C++ layout: the same gradient, and MHessianVector along 1 is the Hessian's diagonal.
        double[] points = Points.SelectMany(r => r).ToArray(), centroids = Centroids.SelectMany(r => r).ToArray();
        var flat = Check("GradBench.KMeansFlat", "Objective", Points.Length, Centroids.Length, 2, points, centroids);
        Near(cost.Value, flat.Value, "flat cost");
        NearAll(gradient, flat.Gradient[4], "∂flat/∂c");
        var hv = (double[])T("GradBench.GradBenchProbe").GetMethod("FlatDiagonal")!.Invoke(null, new object[] { Points.Length, Centroids.Length, 2, points, centroids })!;
        NearAll(diagonal, hv, "H·1");
    }
}
