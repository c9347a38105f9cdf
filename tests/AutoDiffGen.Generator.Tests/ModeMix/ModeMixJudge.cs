using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Tests.ModeMix;

/// <summary>
/// Runs <see cref="ModeMixPrograms"/> and judges every mode each one opts into at random points, collecting every fault
/// (rather than stopping at the first): Backward against central differences of the method; Forward against central
/// differences along a random tangent; each Hessian row against central differences of Backward's gradient, H·v against
/// the Hessian times v; the Jacobian against Backward's gradient; and every mode's returned value against the method's.
/// A component is judged only where differences at two steps agree (a branch switch between them is no fault).
/// </summary>
internal static class ModeMixJudge
{
    public sealed record Outcome(int Generated, int Diagnosed, int Points, List<string> Faults, Dictionary<string, int> DiagnosisIds);

    /// <param name="strict">Every program without a just-outside statement must generate (a diagnosis is a fault), and every
    /// one with must get only errors among <paramref name="errorIds"/>, one at that statement's text, and no code.</param>
    /// <param name="header">The text that opens class <c>Mix</c> (<see cref="ModeMixPrograms.Header"/> unless told).</param>
    /// <param name="errorIds">The ADG errors a just-outside program may get (ADG0003 unless told).</param>
    public static Outcome Run(IReadOnlyList<ModeMixPrograms.Program> all, Random random, Func<string, GeneratorOutput>? generate = null, bool strict = false, string? header = null, string errorIds = "ADG0003", Func<string, GeneratorOutput>? generateForLoad = null)
    {
        // The second run, of the clean programs alone, is loaded: one emit gives its compile diagnostics and the image.
        generateForLoad ??= generate ?? (source => GeneratorHarness.RunForLoad(source));
        generate ??= source => GeneratorHarness.Run(source);
        header ??= ModeMixPrograms.Header;
        var allowed = errorIds.Split(',');
        var faults = new List<string>();
        var ids = new Dictionary<string, int>();
        string Source(IEnumerable<ModeMixPrograms.Program> ps, bool wrappers) =>
            ProgramBatch.Source(header, ps.Select(p => p.Text))
            + (wrappers ? "public static class Call\n{\n" + string.Concat(ps.Select(p => p.Wrappers)) + "}\n" : "");
        var first = generate(Source(all, false));
        if (!first.Exceptions.IsEmpty) faults.Add("generator threw: " + string.Join("\n", first.Exceptions));
        var lines = ProgramBatch.Lines(header, all.Select(p => (p.Name, p.Text)));
        var clean = new List<ModeMixPrograms.Program>();
        foreach (var p in all)
        {
            var (from, to) = lines[p.Name];
            bool Mine(Diagnostic d) => d.Location.SourceTree?.FilePath == "User0.cs" && d.Location.GetLineSpan().StartLinePosition.Line is int l && l >= from && l <= to;
            var userErrors = first.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && Mine(d) && !d.Id.StartsWith("ADG", StringComparison.Ordinal)).ToList();
            if (strict && userErrors.Count > 0) faults.Add(p.Name + ": the drawn program does not compile: " + userErrors[0] + "\n" + p.Text);
            if (userErrors.Count > 0) { ids["user " + userErrors[0].Id] = ids.GetValueOrDefault("user " + userErrors[0].Id) + 1; continue; }
            var adg = first.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && Mine(d)).ToList();
            var generatedFiles = first.Generated.Where(g => g.Key.Contains("." + p.Name + "_", StringComparison.Ordinal)).Select(g => g.Key).ToList();
            var broken = first.CompileDiagnostics.Where(d => generatedFiles.Contains(Path.GetFileName(d.Location.SourceTree?.FilePath ?? ""))
                || d.Location.SourceTree?.FilePath is { } f && generatedFiles.Any(g => f.EndsWith(g, StringComparison.Ordinal))).ToList();
            if (broken.Count > 0) faults.Add(p.Name + ": generated code does not compile: " + string.Join("; ", broken.Take(3)) + "\n" + p.Text);
            if (p.Bad is not null)
            {
                if (!(adg.Count > 0 && adg.All(d => allowed.Contains(d.Id)) && adg.Any(d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == p.Bad) && generatedFiles.Count == 0))
                {
                    faults.Add(p.Name + ": just outside at '" + p.Bad + "' but got " + (adg.Count == 0 ? "no error" : string.Join("; ", adg)) + (generatedFiles.Count > 0 ? " and code" : "") + "\n" + p.Text);
                }
                foreach (var d in adg) ids[d.Id] = ids.GetValueOrDefault(d.Id) + 1;
                continue;
            }
            if (strict && adg.Count > 0) faults.Add(p.Name + ": should generate but got " + string.Join("; ", adg) + "\n" + p.Text);
            if (adg.Count > 0)
            {
                foreach (var d in adg) ids[d.Id] = ids.GetValueOrDefault(d.Id) + 1;
                if (generatedFiles.Count > 0) faults.Add(p.Name + ": diagnosed but code generated\n" + p.Text);
                Diagnoses.Add(p.Name + ": " + string.Join("; ", adg.Select(d => d.Id + " '" + d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) + "' " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))) + "\n" + p.Text);
                continue;
            }
            if (generatedFiles.Count == 0) { faults.Add(p.Name + ": no diagnosis and no code\n" + p.Text); continue; }
            if (broken.Count == 0) clean.Add(p);
        }
        if (clean.Count == 0) return new Outcome(0, all.Count, 0, faults, ids);
        var second = generateForLoad(Source(clean, true));
        var errors = second.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0 || !second.Exceptions.IsEmpty)
        {
            faults.Add("second run failed: " + string.Join("\n", errors.Take(5)));
            return new Outcome(clean.Count, all.Count - clean.Count, 0, faults, ids);
        }
        var assembly = GeneratorHarness.Load(second);
        var mix = assembly.GetType("Mix")!;
        var call = assembly.GetType("Call")!;
        int points = 0;
        foreach (var p in clean)
        {
            for (int n = 0; n < 3; n++)
            {
                var x = Enumerable.Range(0, 4).Select(_ => Math.Round(random.NextDouble() * 2 - 1, 4)).ToArray();
                double c = Math.Round(random.NextDouble() * 2 - 1, 4);
                int k = random.Next(4);
                string at = " at x = [" + string.Join(", ", x) + "], c = " + c + ", k = " + k;
                try
                {
                    if (Judge(mix, call, p, x, c, k, random) is { } fault) { faults.Add(p.Name + ": " + fault + at + "\n" + p.Text); break; }
                }
                catch (Exception e)
                {
                    faults.Add(p.Name + ": threw " + (e.InnerException ?? e).GetType().Name + " " + (e.InnerException ?? e).Message + at + "\n" + p.Text);
                    break;
                }
                points++;
            }
        }
        return new Outcome(clean.Count, all.Count - clean.Count, points, faults, ids);
    }

    /// <summary>
    /// One property test's run in <paramref name="language"/> ("7.3": a project on C# 7.3, which has no nullable
    /// annotations): judged, its counts written (and, with the environment variable <paramref name="logVariable"/>, its
    /// faults and diagnoses into that file), then asserts no fault, and with <paramref name="strict"/> that exactly the
    /// just-outside programs were diagnosed and every generated one checked at three points.
    /// </summary>
    public static void RunAndAssert(IReadOnlyList<ModeMixPrograms.Program> all, Random random, string language, bool strict, string logVariable, Action<string> output, string? header = null, string errorIds = "ADG0003")
    {
        Func<string, GeneratorOutput>? generate = null, generateForLoad = null;
        if (language == "7.3")
        {
            generate = source => Compatibility.LanguageVersionHarness.Run(Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp7_3, false, null, source).AsOutput();
            generateForLoad = source => Compatibility.LanguageVersionHarness.RunForLoad(Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp7_3, false, null, source).AsOutput();
        }
        var outcome = Run(all, random, generate, strict, header, errorIds, generateForLoad);
        string summary = $"{all.Count} programs: {outcome.Generated} generated, {outcome.Points} points, {outcome.Diagnosed} diagnosed ("
            + string.Join(", ", outcome.DiagnosisIds.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + " " + p.Value)) + ")";
        output(summary);
        if (Environment.GetEnvironmentVariable(logVariable) is { Length: > 0 } log)
        {
            File.WriteAllText(log + "." + language, summary + "\n\nFAULTS\n" + string.Join("\n\n", outcome.Faults) + "\n\nDIAGNOSES\n" + string.Join("\n\n", Diagnoses));
        }
        Xunit.Assert.True(outcome.Faults.Count == 0, summary + "\n" + string.Join("\n\n", outcome.Faults.Take(5)));
        if (strict) Xunit.Assert.True(outcome.Diagnosed == all.Count(p => p.Bad is not null) && outcome.Points == 3 * outcome.Generated, summary);
    }

    /// <summary>Every diagnosis with its program (for reading when hunting).</summary>
    public static readonly List<string> Diagnoses = new();

    private static string? Judge(Type mix, Type call, ModeMixPrograms.Program p, double[] x, double c, int k, Random random)
    {
        int m = p.Components;
        var primal = call.GetMethod(p.Name + "_V")!;
        var backward = call.GetMethod(p.Name + "_B")!;
        double[]? F(double[] xs, double cs)
        {
            try { return (double[])primal.Invoke(null, new object[] { xs.Clone(), cs, k })!; }
            catch (TargetInvocationException e) when (e.InnerException is IndexOutOfRangeException or ArgumentOutOfRangeException or OverflowException) { return null; }
        }
        double[] Seed(int r) => Enumerable.Range(0, m).Select(i => i == r ? 1.0 : 0.0).ToArray();
        double[] Gradient(double[] xs, double cs, int r) => (double[])backward.Invoke(null, new object[] { xs.Clone(), cs, k, Seed(r) })!;
        var f = F(x, c);
        if (f is null || !f.All(double.IsFinite)) return null;
        // Central differences of component r of g along direction d (5 scalars: x then c), at two steps; null where they disagree.
        double? Along(Func<double[], double, double[]?> g, double[] d, int r)
        {
            double? Q(double h) => g(Move(x, d, h), c + h * d[4]) is { } up && g(Move(x, d, -h), c - h * d[4]) is { } down ? (up[r] - down[r]) / (2 * h) : null;
            return Q(1e-5) is { } a && Q(2e-6) is { } b && Math.Abs(a - b) <= 1e-5 * Math.Max(1, Math.Abs(a)) ? b : null;
        }
        var rows = new double[m][];
        for (int r = 0; r < m; r++)
        {
            rows[r] = Gradient(x, c, r);
            for (int j = 0; j < 5; j++)
            {
                if (Along(F, Unit(j), r) is { } e && !Close(rows[r][j], e, 1e-5)) return $"Backward row {r} d[{j}] = {rows[r][j]:R} but central differences give {e:R}";
            }
        }
        if (p.Forward)
        {
            var t = Enumerable.Range(0, 5).Select(_ => random.NextDouble() * 2 - 1).ToArray();
            var tangent = (double[])call.GetMethod(p.Name + "_F")!.Invoke(null, new object[] { x.Clone(), c, k, t.Take(4).ToArray(), t[4] })!;
            for (int r = 0; r < m; r++)
            {
                if (Along(F, t, r) is { } e && !Close(tangent[r], e, 1e-5)) return $"Forward tangent [{r}] {tangent[r]:R} but central differences along it give {e:R}";
            }
        }
        if (p.Hessian)
        {
            var h = (double[])call.GetMethod(p.Name + "_H")!.Invoke(null, new object[] { x.Clone(), c, k })!;
            for (int r = 0; r < 5; r++)
            {
                for (int j = 0; j < 5; j++)
                {
                    if (Along((xs, cs) => Gradient(xs, cs, 0), Unit(r), j) is { } e && !Close(h[r * 5 + j], e, 1e-4))
                        return $"Hessian[{r},{j}] = {h[r * 5 + j]:R} but central differences of Backward give {e:R}";
                }
            }
            var d = Enumerable.Range(0, 5).Select(_ => random.NextDouble() * 2 - 1).ToArray();
            var hv = (double[])call.GetMethod(p.Name + "_HV")!.Invoke(null, new object[] { x.Clone(), c, k, d })!;
            for (int r = 0; r < 5; r++)
            {
                double expected = Enumerable.Range(0, 5).Sum(j => h[r * 5 + j] * d[j]);
                if (!Close(hv[r], expected, 1e-9)) return $"HessianVector[{r}] = {hv[r]:R} but the Hessian times v gives {expected:R}";
            }
        }
        if (p.Jacobian)
        {
            var jac = (double[])call.GetMethod(p.Name + "_J")!.Invoke(null, new object[] { x.Clone(), c, k })!;
            for (int r = 0; r < m; r++)
            {
                for (int j = 0; j < 5; j++) if (!Close(jac[r * 5 + j], rows[r][j], 1e-9)) return $"Jacobian[{r},{j}] = {jac[r * 5 + j]:R} but Backward gives {rows[r][j]:R}";
            }
        }
        return null;
    }

    private static double[] Unit(int j) => Enumerable.Range(0, 5).Select(i => i == j ? 1.0 : 0.0).ToArray();

    private static double[] Move(double[] x, double[] d, double h) => x.Select((v, i) => v + h * d[i]).ToArray();

    private static bool Close(double a, double b, double relative) => Math.Abs(a - b) <= relative * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));
}
