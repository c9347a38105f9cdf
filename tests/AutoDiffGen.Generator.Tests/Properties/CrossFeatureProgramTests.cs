using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Properties;

/// <summary>
/// Property test of fuzz16: wrong gradients hide where features meet. Random methods combine 2–4 recent features in one
/// body (<see cref="CrossFeatureGenerator"/>), in reverse mode, with <c>Forward = true</c> and with <c>Hessian = true</c>;
/// about one in five holds a known refusal of one of its features. Each just-outside program must get exactly ADG errors,
/// one of them the refusal's ID starting at the refusal's text, and no code. Each other program must generate with no
/// error or warning (nullable on, warnings as errors), compile again at C# 7.3 with nullable off, and at three points its
/// MBackward must return the value and match central differences; its MForward must return the value and the gradient
/// times a random tangent; its MHessian must return the value and match central differences of MBackward's gradient.
/// Points where step 1e-4 and 1e-6 differences disagree (a branch, an ArgMax or a count switching) are skipped and
/// counted. Failures are gathered, not stopped at, so one run shows every class. CI runs 60 programs a mode;
/// AUTODIFFGEN_CROSS_COUNT runs more, AUTODIFFGEN_CROSS_SEED picks another seed.
/// </summary>
public class CrossFeatureProgramTests(ITestOutputHelper output)
{
    [Fact]
    public void Reverse_CrossFeaturePrograms_MatchCentralDifferences_OrAnErrorAtTheRefusal() => Run(CrossMode.Reverse, 2026_12_16);

    [Fact]
    public void Forward_CrossFeaturePrograms_MatchCentralDifferencesAndTheGradient_OrAnErrorAtTheRefusal() => Run(CrossMode.Forward, 2026_12_17);

    [Fact]
    public void Hessian_CrossFeaturePrograms_MatchCentralDifferencesOfTheGradient_OrAnErrorAtTheRefusal() => Run(CrossMode.Hessian, 2026_12_18);

    private void Run(CrossMode mode, int fallbackSeed)
    {
        var watch = Stopwatch.StartNew();
        int count = ProgramBatch.Count("AUTODIFFGEN_CROSS_COUNT", 60);
        int seed = ProgramBatch.Count("AUTODIFFGEN_CROSS_SEED", fallbackSeed);
        var generator = new CrossFeatureGenerator(seed);
        var random = new Random(seed + 1);
        var all = Enumerable.Range(0, count).Select(i => generator.Next("P" + i.ToString(CultureInfo.InvariantCulture), mode, outside: i % 5 == 4)).ToList();
        var failures = new List<string>();

        var clean = Judge(all, failures);
        var stats = new Stats();
        if (clean.Count > 0)
        {
            // Latest C#, nullable on: no error or warning anywhere but the user's own file.
            var run = GeneratorHarness.RunForLoad(CrossFeatureGenerator.Source(clean, wrappers: true));
            var broken = run.GeneratorDiagnostics.Concat(run.CompileDiagnostics).Where(d => d.Severity == DiagnosticSeverity.Error || d.Location.SourceTree?.FilePath != "User0.cs").ToList();
            if (broken.Count > 0 || !run.Exceptions.IsEmpty) failures.Add("the clean programs with their wrappers do not build:\n" + string.Join("\n", broken.Take(20)) + string.Join("\n", run.Exceptions));
            // C# 7.3, nullable off: the same programs' generated code compiles with no error or warning.
            var old = LanguageVersionHarness.Run(LanguageVersion.CSharp7_3, nullable: false, null, CrossFeatureGenerator.Source(clean, wrappers: true));
            var oldBroken = old.GeneratorDiagnostics.Concat(old.CompileDiagnostics).Where(d => d.Severity == DiagnosticSeverity.Error || d.Location.SourceTree?.FilePath != "User0.cs").ToList();
            foreach (var d in oldBroken.Take(10)) failures.Add("C# 7.3: " + d + " in " + (d.Location.SourceTree?.FilePath ?? "?"));
            if (failures.Count == 0)
            {
                var type = GeneratorHarness.Load(run).GetType("Cross.C", throwOnError: true)!;
                foreach (var p in clean) CheckProgram(type, p, mode, random, stats, failures);
            }
        }

        output.WriteLine($"{mode}, seed {seed}: {all.Count} programs ({all.Count(p => p.Bad is not null)} just outside), {clean.Count} generated, {stats.Points} points checked, {stats.Kinks} skipped near a kink, {stats.NonFinite} non-finite, {failures.Count} failures, {watch.Elapsed.TotalSeconds:F1} s");
        foreach (var feature in all.SelectMany(p => p.Features).Distinct().OrderBy(f => f, StringComparer.Ordinal)) output.WriteLine($"  {feature}: {all.Count(p => p.Features.Contains(feature))} programs");
        foreach (var failure in failures) output.WriteLine("FAILURE " + failure + "\n");
        Assert.True(failures.Count == 0, failures.Count + " failures:\n" + string.Join("\n\n", failures.Take(8)));
        // The property tested something: most generated programs had smooth points, and every feature was drawn.
        Assert.True(stats.Points >= 2 * clean.Count, $"only {stats.Points} points checked for {clean.Count} programs");
        Assert.True(clean.Count > all.Count / 2, clean.Count + " of " + all.Count + " generated");
    }

    /// <summary>
    /// The checks can fail: a gradient 0.1 % off, a tangent 0.1 % off and one Hessian entry 0.1 % off, each written into
    /// a wrapper of f = x·y·v0 + sin(v1)·v2 + k·x², are each reported (and the true wrappers pass).
    /// </summary>
    [Fact]
    public void Checks_ReportAWrongGradientTangentOrHessian()
    {
        const string method = """
                    [Differentiable(Forward = true, Hessian = true)]
                    public static double W(double x, double y, double[] v, int k) => x * y * v[0] + Math.Sin(v[1]) * v[2] + k * x * x;
                    public static double WV(double[] q, int k) { return W(q[0], q[1], new double[] { q[2], q[3], q[4] }, k); }
                    public static double WG(double[] q, int k, double[] g) { double dX = 0, dY = 0; var dV = new double[3]; double r = WBackward(q[0], q[1], new double[] { q[2], q[3], q[4] }, k, ref dX, ref dY, dV); g[0] = dX * SCALE; g[1] = dY; g[2] = dV[0]; g[3] = dV[1]; g[4] = dV[2]; return r; }
                    public static double WF(double[] q, int k, double[] t, out double tr) { double r = WForward(q[0], q[1], new double[] { q[2], q[3], q[4] }, k, t[0], t[1], new double[] { t[2], t[3], t[4] }, out tr); tr *= TANGENT; return r; }
                    public static double WH(double[] q, int k, double[] h) { double r = WHessian(q[0], q[1], new double[] { q[2], q[3], q[4] }, k, h); h[7] *= ENTRY; return r; }

            """;
        string Variant(string name, string scale, string tangent, string entry) =>
            method.Replace("W", name, StringComparison.Ordinal).Replace("SCALE", scale, StringComparison.Ordinal).Replace("TANGENT", tangent, StringComparison.Ordinal).Replace("ENTRY", entry, StringComparison.Ordinal);
        string source = CrossFeatureGenerator.Header + Variant("Right", "1.0", "1.0", "1.0") + Variant("Gradient", "1.001", "1.0", "1.0")
            + Variant("Tangent", "1.0", "1.001", "1.0") + Variant("Entry", "1.0", "1.0", "1.001") + "    }\n}\n";
        var type = GeneratorHarness.CompileAndLoad(source).GetType("Cross.C", throwOnError: true)!;
        var random = new Random(5);
        var q = new[] { 0.3, -0.7, 0.9, 0.4, -0.2 };
        string? Check(string name, CrossMode mode)
        {
            var p = new CrossProgram(name, "", "", 5, Array.Empty<string>(), null, null, -1);
            string? failure = CheckPoint(Method(type, name + "V"), Method(type, name + "G"), type, p, mode, q, 2, random, out string skip);
            Assert.Equal("", skip);
            return failure;
        }
        foreach (var mode in new[] { CrossMode.Reverse, CrossMode.Forward, CrossMode.Hessian }) Assert.Null(Check("Right", mode));
        Assert.StartsWith("gradient 0", Check("Gradient", CrossMode.Reverse));
        Assert.StartsWith("MForward's tangent", Check("Tangent", CrossMode.Forward));
        Assert.StartsWith("Hessian entry (1, 2)", Check("Entry", CrossMode.Hessian));
    }

    private sealed class Stats
    {
        public int Points, Kinks, NonFinite;
    }

    /// <summary>
    /// Sorts one run of all programs: a just-outside one must have only ADG errors, one with its ID at its offset, and no
    /// code; any other must have no error or warning and code. Returns the latter; adds a failure for each that is neither.
    /// </summary>
    private static List<CrossProgram> Judge(IReadOnlyList<CrossProgram> all, List<string> failures)
    {
        var run = GeneratorHarness.Run(CrossFeatureGenerator.Source(all, wrappers: false));
        if (!run.Exceptions.IsEmpty) failures.Add("the generator threw:\n" + string.Join("\n", run.Exceptions));
        var errors = run.GeneratorDiagnostics.Concat(run.CompileDiagnostics)
            .Where(d => d.Severity == DiagnosticSeverity.Error || d.Severity == DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath != "User0.cs").ToList();
        var lines = CrossFeatureGenerator.Lines(all);
        var clean = new List<CrossProgram>();
        int start = CrossFeatureGenerator.Header.Length;
        var attributed = new HashSet<Diagnostic>();
        foreach (var p in all)
        {
            var (from, to) = lines[p.Name];
            var mine = errors.Where(d => d.Location.IsInSource && d.Location.SourceTree!.FilePath == "User0.cs" && d.Location.GetLineSpan().StartLinePosition.Line is int l && l >= from && l <= to).ToList();
            // Generated files name the method: their errors are its program's.
            var generatedKeys = run.Generated.Keys.Where(k => k.Contains("." + p.Name + "_", StringComparison.Ordinal)).ToList();
            mine.AddRange(errors.Where(d => d.Location.SourceTree?.FilePath is { } f && generatedKeys.Any(k => f.EndsWith(k, StringComparison.Ordinal))));
            attributed.UnionWith(mine);
            string Shown() => string.Join("\n", mine.Select(d => d + " at '" + d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) + "'"));
            if (p.Bad is not null)
            {
                int at = start + p.BadAt;
                bool right = mine.Count > 0 && mine.All(d => d.Id.StartsWith("ADG", StringComparison.Ordinal)) && generatedKeys.Count == 0
                    && mine.Any(d => d.Id == p.BadId && d.Location.SourceSpan.Start == at && d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == p.Bad);
                if (!right) failures.Add(p.Name + " (" + string.Join(", ", p.Features) + ") must get " + p.BadId + " at '" + p.Bad + "' and no code, but got " + (generatedKeys.Count > 0 ? "code and " : "") + (mine.Count == 0 ? "no error" : Shown()) + "\n" + p.Text);
            }
            else if (mine.Count > 0 || generatedKeys.Count == 0)
            {
                failures.Add(p.Name + " (" + string.Join(", ", p.Features) + ") must generate cleanly but got " + (mine.Count == 0 ? "no code" : Shown()) + "\n" + p.Text);
            }
            else
            {
                clean.Add(p);
            }
            start += p.Text.Length + 1;
        }
        foreach (var d in errors.Where(d => !attributed.Contains(d)).Take(5)) failures.Add("an error in no program: " + d);
        return clean;
    }

    private static double R(Random random) => Math.Round((random.NextDouble() * 2) - 1, 4);

    /// <summary>Checks one clean program at three points; adds a failure naming the point and the mode, or counts a skip.</summary>
    private static void CheckProgram(Type type, CrossProgram p, CrossMode mode, Random random, Stats stats, List<string> failures)
    {
        var value = Method(type, p.Name + "V");
        var gradient = Method(type, p.Name + "G");
        for (int n = 0; n < 3; n++)
        {
            var q = Enumerable.Range(0, p.Inputs).Select(_ => R(random)).ToArray();
            int k = random.Next(4);
            string where = p.Name + " (" + string.Join(", ", p.Features) + ", " + mode + ") at q = [" + string.Join(", ", q.Select(d => d.ToString("R", CultureInfo.InvariantCulture))) + "], k = " + k;
            try
            {
                string? failure = CheckPoint(value, gradient, type, p, mode, q, k, random, out string skip);
                if (skip == "kink") stats.Kinks++;
                else if (skip == "nonfinite") stats.NonFinite++;
                else if (failure is null) stats.Points++;
                if (failure is not null)
                {
                    failures.Add(where + ": " + failure + "\n" + p.Text);
                    return;
                }
            }
            catch (TargetInvocationException e)
            {
                failures.Add(where + ": threw " + e.InnerException + "\n" + p.Text);
                return;
            }
        }
    }

    private static MethodInfo Method(Type type, string name) => type.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;

    private static double Value(MethodInfo value, double[] q, int k) => (double)value.Invoke(null, new object[] { q, k })!;

    private static double Gradient(MethodInfo gradient, double[] q, int k, double[] g)
    {
        Array.Clear(g);
        return (double)gradient.Invoke(null, new object[] { q, k, g })!;
    }

    /// <summary>Central differences of <paramref name="f"/> at q with step h, one per input.</summary>
    private static double[] Central(Func<double[], double> f, double[] q, double h)
    {
        var result = new double[q.Length];
        for (int i = 0; i < q.Length; i++)
        {
            var up = (double[])q.Clone();
            var down = (double[])q.Clone();
            up[i] += h;
            down[i] -= h;
            result[i] = (f(up) - f(down)) / (2 * h);
        }
        return result;
    }

    private static string Join(double[] v) => string.Join(", ", v.Select(d => d.ToString("R", CultureInfo.InvariantCulture)));

    private static string? CheckPoint(MethodInfo value, MethodInfo gradient, Type type, CrossProgram p, CrossMode mode, double[] q, int k, Random random, out string skip)
    {
        skip = "";
        double f = Value(value, q, k);
        var g = new double[q.Length];
        double returned = Gradient(gradient, q, k, g);
        if (!double.IsFinite(f) || Math.Abs(f) > 1e6 || g.Any(d => !double.IsFinite(d) || Math.Abs(d) > 1e6))
        {
            skip = "nonfinite";
            return null;
        }
        if (!(Math.Abs(returned - f) <= 1e-12 * Math.Max(1, Math.Abs(f)))) return $"MBackward returned {returned:R}, the method {f:R}";

        Func<double[], double> fn = x => Value(value, x, k);
        var fd6 = Central(fn, q, 1e-6);
        var fd4 = Central(fn, q, 1e-4);
        // A branch, an ArgMax or a count that switches near q: the two steps disagree, and the point says nothing.
        if (Enumerable.Range(0, q.Length).Any(i => !double.IsFinite(fd4[i]) || Math.Abs(fd4[i] - fd6[i]) > 1e-4 * (1 + Math.Abs(fd6[i]))))
        {
            skip = "kink";
            return null;
        }
        double absTol = 1e-8 * Math.Max(1, Math.Abs(f));
        for (int i = 0; i < q.Length; i++)
        {
            if (!(Math.Abs(g[i] - fd6[i]) <= (1e-6 * Math.Abs(fd6[i])) + absTol))
            {
                var fd5 = Central(fn, q, 1e-5);
                if (!(Math.Abs(g[i] - fd5[i]) <= (1e-6 * Math.Abs(fd5[i])) + (10 * absTol))) return "gradient " + i + ": MBackward " + Join(g) + "\ncentral differences " + Join(fd6);
            }
        }

        if (mode == CrossMode.Forward)
        {
            var t = q.Select(_ => Math.Round((random.NextDouble() * 2) - 1, 3)).ToArray();
            var args = new object[] { q, k, t, 0.0 };
            double forwardValue = (double)Method(type, p.Name + "F").Invoke(null, args)!;
            double tangent = (double)args[3];
            if (!(Math.Abs(forwardValue - f) <= 1e-12 * Math.Max(1, Math.Abs(f)))) return $"MForward returned {forwardValue:R}, the method {f:R}";
            double dot = g.Select((d, i) => d * t[i]).Sum(), magnitude = g.Select((d, i) => Math.Abs(d * t[i])).Sum();
            if (!(Math.Abs(tangent - dot) <= 1e-10 * (1 + magnitude))) return $"MForward's tangent {tangent:R} but the gradient · t = {dot:R}; t = {Join(t)}; gradient {Join(g)}";
        }

        if (mode == CrossMode.Hessian)
        {
            int n = q.Length;
            var h = new double[n * n];
            double hessianValue = (double)Method(type, p.Name + "H").Invoke(null, new object[] { q, k, h })!;
            if (!(Math.Abs(hessianValue - f) <= 1e-12 * Math.Max(1, Math.Abs(f)))) return $"MHessian returned {hessianValue:R}, the method {f:R}";
            double[] CentralHessian(double step)
            {
                var result = new double[n * n];
                var up = new double[n];
                var down = new double[n];
                for (int i = 0; i < n; i++)
                {
                    var x = (double[])q.Clone();
                    x[i] = q[i] + step;
                    Gradient(gradient, x, k, up);
                    x[i] = q[i] - step;
                    Gradient(gradient, x, k, down);
                    for (int j = 0; j < n; j++) result[(i * n) + j] = (up[j] - down[j]) / (2 * step);
                }
                return result;
            }
            var c5 = CentralHessian(1e-5);
            var c4 = CentralHessian(1e-4);
            if (Enumerable.Range(0, n * n).Any(i => !double.IsFinite(c4[i]) || Math.Abs(c4[i] - c5[i]) > 1e-3 * (1 + Math.Abs(c5[i]))))
            {
                skip = "kink";
                return null;
            }
            for (int i = 0; i < n * n; i++)
            {
                if (!(Math.Abs(h[i] - c5[i]) <= 1e-5 * (1 + Math.Abs(c5[i])))) return "Hessian entry (" + (i / n) + ", " + (i % n) + "): MHessian " + Join(h) + "\ncentral differences of the gradient " + Join(c5);
            }
        }
        return null;
    }
}
