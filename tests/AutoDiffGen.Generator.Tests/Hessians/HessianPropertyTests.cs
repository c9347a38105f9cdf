using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Text.RegularExpressions;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>
/// Hessian mode on the random-program generator the reverse and forward property tests use (widened: branches, loops,
/// switches, returns from loops, calls of helpers), every program with <c>Hessian = true</c>. In every other batch the
/// helpers have Hessian = true too, so calls that pass scalars or constant arrays are inside support (differentiated
/// through the helper's BackwardTangent) and calls that pass a local array carrying a gradient are outside. A program whose
/// call carries a gradient outside support must get ADG0019 (or the helpers' ADG0017) at a call and no code; every other program must
/// generate, and at random points MHessian must return the method's value, be exactly symmetric, and match central
/// differences of MBackward's gradient. Points near a kink, jump or pole (where differences at two steps disagree)
/// are skipped. Each program is written in one of four shapes (Variant): its doubles as parameters, as the fields of
/// a struct parameter, with Checkpoint = true, or with a float parameter too (forward over reverse in all four). CI: 500 programs (the issue asks every mode for ≥ 500); AUTODIFFGEN_HESSIAN_COUNT and AUTODIFFGEN_HESSIAN_SEED pick others.
/// </summary>
public class HessianPropertyTests
{
    private const int BatchSize = 100;

    private readonly ITestOutputHelper _output;

    public HessianPropertyTests(ITestOutputHelper output) => _output = output;

    private static int EnvInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v > 0 ? v : fallback;

    [Fact]
    public void Hessian_MatchesCentralDifferencesOfBackward_OnRandomPrograms()
    {
        int count = EnvInt("AUTODIFFGEN_HESSIAN_COUNT", 500);
        int seed = EnvInt("AUTODIFFGEN_HESSIAN_SEED", 20261201 + 19);
        var generator = new RandomProgramGenerator(seed, widened: true);
        var points = new Random(seed + 1);
        int checkedPoints = 0, programsChecked = 0, diagnosed = 0, skipped = 0, generatedCount = 0;
        var failures = new List<string>();
        var checkedByVariant = new int[4];
        int checkpointedProducts = 0, checkedThroughCalls = 0;
        for (int start = 0; start < count; start += BatchSize)
        {
            var programs = Enumerable.Range(start, Math.Min(BatchSize, count - start)).Select(i => generator.Next("P" + i)).ToList();
            string className = "Batch" + start;
            // Every other batch's helpers have Hessian = true: a call that passes scalars or constant arrays is differentiated
            // through the helper's BackwardTangent (inside support); one passing a local array that carries a gradient is
            // ADG0019 at the call (outside). The other batches' plain helpers get their BackwardTangent written from their bodies
            // (since 2026-12-03, hess6: DerivedForms), so the same calls are inside there too; Bad and Mid stay ADG0019 at the call.
            bool hessianHelpers = start / BatchSize % 2 == 1;
            var run = GeneratorHarness.Run(Source(className, programs, hessianHelpers));
            if (!run.Exceptions.IsEmpty) throw new Xunit.Sdk.XunitException("generator threw:\n" + run.Dump());
            var errors = run.GeneratorDiagnostics.Concat(run.CompileDiagnostics).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            // A warning in generated code is an error in a project with warnings as errors (CS0219, CS1718): a broken build.
            var generatedWarnings = run.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true).ToList();
            if (generatedWarnings.Count > 0) failures.Add(className + ": generated code has warnings\n" + string.Join("\n", generatedWarnings));
            var clean = new List<RandomProgram>();
            foreach (var p in programs)
            {
                var mine = errors.Where(d => InMethod(d) is { } m && (m == p.Name || m.StartsWith(p.Name + "Hessian", StringComparison.Ordinal) || m == p.Name + "Backward")).ToList();
                bool generated = run.Generated.Keys.Any(k => k.Contains("." + p.Name + "_", StringComparison.Ordinal));
                bool hasCall = RandomProgram.HelperNames.Any(h => p.Render().Contains(h + "(", StringComparison.Ordinal));
                if (mine.Count == 0 && generated)
                {
                    // Which product was written: forward over reverse in every shape (a float parameter too, since 2026-12-02).
                    string text = run.Generated.Single(k => k.Key.Contains("." + p.Name + "_", StringComparison.Ordinal)).Value;
                    string product = text.Substring(text.IndexOf(p.Name + "HessianVector(", StringComparison.Ordinal));
                    if (!product.Contains("forward over reverse", StringComparison.Ordinal))
                        failures.Add(p.Name + " (" + Of(p) + "): the wrong product was written\n" + p.Render());
                    if (product.Contains("checkpointNext", StringComparison.Ordinal)) checkpointedProducts++; // the checkpoint schedule's counter (the product carries no comments)
                    clean.Add(p);
                    continue;
                }
                // Outside what Hessian mode supports: a call that carries a gradient, diagnosed at the call, with no code.
                bool atCalls = mine.Count > 0 && mine.All(d => d.Id is "ADG0019" or "ADG0017" && RandomProgram.HelperNames.Any(h => At(d).StartsWith(h + "(", StringComparison.Ordinal)));
                if (hasCall && atCalls && mine.Any(d => d.Id == "ADG0019" || p.CallsFailing) && !generated)
                {
                    diagnosed++;
                    continue;
                }
                failures.Add(p.Name + ": generated=" + generated + ", " + string.Join("; ", mine) + "\n" + p.Render());
            }
            if (clean.Count == 0) continue;
            generatedCount += clean.Count;
            // Emitted once (the second run's diagnostics are not read here; the emit fails on an error as before).
            var assembly = GeneratorHarness.Load(GeneratorHarness.RunForLoad(Source(className, clean, hessianHelpers), Wrappers(className, clean)));
            var type = assembly.GetType("Random." + className, throwOnError: true)!;
            foreach (var p in clean)
            {
                var value = type.GetMethod(p.Name + "_F", BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<Func<double[], double>>();
                var gradient = type.GetMethod(p.Name + "_G", BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<Action<double[], double[]>>();
                var hessian = type.GetMethod(p.Name + "_H", BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<Func<double[], double[], double>>();
                var product = type.GetMethod(p.Name + "_V", BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<Func<double[], double[], double[], double>>();
                bool any = false;
                for (int k = 0; k < 3; k++)
                {
                    var x = Enumerable.Range(0, 3).Select(_ => Math.Round((points.NextDouble() * 4) - 2, 6)).ToArray();
                    string? failure = CheckPoint(value, gradient, hessian, x, out bool skip) ?? CheckProduct(hessian, product, x, points);
                    if (skip) { skipped++; continue; }
                    if (failure is not null)
                    {
                        failures.Add(p.Name + " at (" + string.Join(", ", x.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "): " + failure + "\n" + p.Render());
                        break;
                    }
                    checkedPoints++;
                    any = true;
                }
                if (any)
                {
                    if (hessianHelpers && RandomProgram.HelperNames.Any(h => p.Render().Contains(h + "(", StringComparison.Ordinal))) checkedThroughCalls++;
                    programsChecked++;
                    checkedByVariant[(int)Of(p)]++;
                }
            }
        }
        _output.WriteLine($"seed {seed}: {count} programs, {generatedCount} generated, {programsChecked} with a checked point, {checkedPoints} points checked, {skipped} skipped (kink/pole/non-finite), {diagnosed} diagnosed (ADG0019 at a call), {failures.Count} failures; checked by variant (plain, struct, checkpoint, mixed): {string.Join(", ", checkedByVariant)}; {checkpointedProducts} products with a checkpointed loop, {checkedThroughCalls} checked through calls of Hessian helpers");
        if (failures.Count > 0) Assert.Fail(failures.Count + " failures; the first:\n" + string.Join("\n----\n", failures.Take(3)));
        if (count >= 2 * BatchSize) Assert.True(checkedThroughCalls > 0, "no program was checked through a call of a Hessian helper");
        Assert.True(programsChecked >= generatedCount * 0.8, $"only {programsChecked} of {generatedCount} programs had a checkable point");
        if (count >= 200)
        {
            Assert.InRange(diagnosed, 1, count / 2);
            Assert.All(checkedByVariant, n => Assert.True(n >= count / 10, "a variant had fewer than " + count / 10 + " checked programs: " + string.Join(", ", checkedByVariant)));
            Assert.True(checkpointedProducts > 0, "no product had a checkpointed loop");
        }
    }

    /// <summary>null when the point agrees; skip when it is near a kink, a pole, or not finite.</summary>
    private static string? CheckPoint(Func<double[], double> primal, Action<double[], double[]> gradient, Func<double[], double[], double> hessian, double[] x, out bool skip)
    {
        skip = false;
        double f = primal(x);
        var g = new double[3];
        gradient(x, g);
        if (!double.IsFinite(f) || Math.Abs(f) > 1e6 || g.Any(v => !double.IsFinite(v) || Math.Abs(v) > 1e5)) { skip = true; return null; }
        var h = new double[9];
        Array.Fill(h, double.NaN);
        double value = hessian(x, h);
        if (!(Math.Abs(value - f) <= 1e-12 * Math.Max(1, Math.Abs(f)))) return $"MHessian returned {value:R}, the method {f:R}";
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                if (!h[i * 3 + j].Equals(h[j * 3 + i])) return $"not symmetric: H[{i},{j}] = {h[i * 3 + j]:R}, H[{j},{i}] = {h[j * 3 + i]:R}";
        var c5 = HessianModeTests.CentralHessian(gradient, x, 1e-5);
        var c4 = HessianModeTests.CentralHessian(gradient, x, 1e-4);
        var c6 = HessianModeTests.CentralHessian(gradient, x, 1e-6);
        double scale = 1 + c5.Max(Math.Abs);
        for (int k = 0; k < 9; k++)
        {
            if (!double.IsFinite(c4[k]) || !double.IsFinite(c5[k]) || !double.IsFinite(c6[k]) || Math.Abs(c4[k] - c5[k]) > 1e-3 * scale || Math.Abs(c6[k] - c5[k]) > 1e-3 * scale)
            {
                skip = true;
                return null;
            }
        }
        if (h.Any(v => !double.IsFinite(v))) return "non-finite Hessian entry where differences are finite: " + string.Join(", ", h);
        for (int k = 0; k < 9; k++)
        {
            if (Math.Abs(h[k] - c5[k]) > 1e-5 * Math.Max(Math.Abs(c5[k]), 1) + 1e-9 * Math.Max(1, Math.Abs(f)) * 1e3)
            {
                return $"entry {k}: MHessian {h[k]:R}, central differences of MBackward {c5[k]:R}\nH:  {string.Join(", ", h)}\nFD: {string.Join(", ", c5)}";
            }
        }
        return null;
    }

    /// <summary>MHessianVector along a random direction is MHessian times it (to rounding); null when it is.</summary>
    private static string? CheckProduct(Func<double[], double[], double> hessian, Func<double[], double[], double[], double> product, double[] x, Random random)
    {
        var h = new double[9];
        double value = hessian(x, h);
        var v = Enumerable.Range(0, 3).Select(_ => Math.Round((random.NextDouble() * 2) - 1, 6)).ToArray();
        var hv = new double[3];
        if (!product(x, v, hv).Equals(value)) return "MHessianVector's value differs from MHessian's";
        return ProductRounding.Compare(x, v, at => { var ha = new double[9]; hessian(at, ha); return ha; }, at => { var ha = new double[3]; product(at, v, ha); return ha; });
    }

    /// <summary>
    /// The shape each program is written in (by its number): its three doubles as parameters; as the fields of a struct
    /// parameter; with Checkpoint = true; or with a fourth, float parameter (a method that mixes float and double: forward
    /// over reverse too, each value in its own type).
    /// </summary>
    private enum Variant { Plain, Struct, Checkpoint, Mixed }

    private static Variant Of(RandomProgram p) => (Variant)(int.Parse(p.Name.Substring(1), CultureInfo.InvariantCulture) % 4);

    /// <summary>The batch's source: programs with Hessian = true in their variant's shape; the helpers plain, or (<paramref name="hessianHelpers"/>) those that can be with Hessian = true.</summary>
    private static string Source(string className, IReadOnlyList<RandomProgram> programs, bool hessianHelpers)
    {
        string text = RandomProgram.Source(className, programs, helpers: true);
        string nl = Environment.NewLine;
        if (hessianHelpers)
        {
            text = System.Text.RegularExpressions.Regex.Replace(text, @"\[Differentiable\](\s+public static double (Dot|Guard|SumSq|SpanSin)\()", "[Differentiable(Hessian = true)]$1");
        }
        foreach (var p in programs)
        {
            string header = "[Differentiable]" + nl + "    public static double " + p.Name + "(double a, double b, double c)" + nl + "    {";
            string replacement = Of(p) switch
            {
                Variant.Struct => "[Differentiable(Hessian = true)]" + nl + "    public static double " + p.Name + "(Abc abc)" + nl + "    {" + nl + "        double a = abc.A, b = abc.B, c = abc.C;",
                Variant.Checkpoint => "[Differentiable(Hessian = true, Checkpoint = true)]" + nl + "    public static double " + p.Name + "(double a, double b, double c)" + nl + "    {",
                Variant.Mixed => "[Differentiable(Hessian = true)]" + nl + "    public static double " + p.Name + "(double a, double b, double c, float w)" + nl + "    {",
                _ => "[Differentiable(Hessian = true)]" + nl + "    public static double " + p.Name + "(double a, double b, double c)" + nl + "    {",
            };
            string rendered = p.Render();
            Assert.Contains(header, rendered, StringComparison.Ordinal);
            string written = rendered.Replace(header, replacement, StringComparison.Ordinal);
            // Every return adds w, so the float parameter always reaches the result.
            if (Of(p) == Variant.Mixed) written = written.Replace("return ", "return 1e-3 * w + ", StringComparison.Ordinal);
            Assert.Contains(rendered, text, StringComparison.Ordinal);
            text = text.Replace(rendered, written, StringComparison.Ordinal);
        }
        // The file's namespace is Random (file-scoped).
        return text + nl + "public struct Abc { public double A; public double B; public double C; }" + nl;
    }

    /// <summary>
    /// A second file: for each program, array-only wrappers (a span, a ref or a struct cannot go through reflection here):
    /// P_F(x) its value, P_G(x, g) MBackward's gradient, P_H(x, h) MHessian's 3 × 3 block over a, b, c, P_V(x, v, hv) MHessianVector.
    /// </summary>
    private static string Wrappers(string className, IReadOnlyList<RandomProgram> programs)
    {
        var text = new StringBuilder();
        text.AppendLine("namespace Random { public static partial class " + className + " {");
        foreach (var p in programs)
        {
            string n = p.Name;
            switch (Of(p))
            {
                case Variant.Struct:
                    const string s = "new Abc { A = x[0], B = x[1], C = x[2] }";
                    text.AppendLine("public static double " + n + "_F(double[] x) => " + n + "(" + s + ");");
                    text.AppendLine("public static void " + n + "_G(double[] x, double[] g) { var d = new Abc(); " + n + "Backward(" + s + ", ref d); g[0] = d.A; g[1] = d.B; g[2] = d.C; }");
                    text.AppendLine("public static double " + n + "_H(double[] x, double[] h) => " + n + "Hessian(" + s + ", h);");
                    text.AppendLine("public static double " + n + "_V(double[] x, double[] v, double[] hv) => " + n + "HessianVector(" + s + ", v, hv);");
                    break;
                case Variant.Mixed:
                    // w = 0.25f is exact; the block over a, b, c of the 4 × 4 Hessian, and H·(v, 0).
                    text.AppendLine("public static double " + n + "_F(double[] x) => " + n + "(x[0], x[1], x[2], 0.25f);");
                    text.AppendLine("public static void " + n + "_G(double[] x, double[] g) { double da = 0, db = 0, dc = 0; float dw = 0; " + n + "Backward(x[0], x[1], x[2], 0.25f, ref da, ref db, ref dc, ref dw); g[0] = da; g[1] = db; g[2] = dc; }");
                    text.AppendLine("public static double " + n + "_H(double[] x, double[] h) { var full = new double[16]; double f = " + n + "Hessian(x[0], x[1], x[2], 0.25f, full); for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) h[i * 3 + j] = full[i * 4 + j]; return f; }");
                    text.AppendLine("public static double " + n + "_V(double[] x, double[] v, double[] hv) { var out4 = new double[4]; double f = " + n + "HessianVector(x[0], x[1], x[2], 0.25f, new[] { v[0], v[1], v[2], 0.0 }, out4); for (int i = 0; i < 3; i++) hv[i] = out4[i]; return f; }");
                    break;
                default:
                    text.AppendLine("public static double " + n + "_F(double[] x) => " + n + "(x[0], x[1], x[2]);");
                    text.AppendLine("public static void " + n + "_G(double[] x, double[] g) { double da = 0, db = 0, dc = 0; " + n + "Backward(x[0], x[1], x[2], ref da, ref db, ref dc); g[0] = da; g[1] = db; g[2] = dc; }");
                    text.AppendLine("public static double " + n + "_H(double[] x, double[] h) => " + n + "Hessian(x[0], x[1], x[2], h);");
                    text.AppendLine("public static double " + n + "_V(double[] x, double[] v, double[] hv) => " + n + "HessianVector(x[0], x[1], x[2], v, hv);");
                    break;
            }
        }
        text.AppendLine("} }");
        return text.ToString();
    }

    private static string At(Diagnostic d) => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan);

    private static string? InMethod(Diagnostic d)
    {
        var tree = d.Location.SourceTree;
        if (tree is null) return null;
        var node = tree.GetRoot().FindNode(d.Location.SourceSpan);
        return node.AncestorsAndSelf().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().FirstOrDefault()?.Identifier.ValueText;
    }

}
