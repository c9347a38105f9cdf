using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Properties;

/// <summary>
/// Property test: random straight-line programs over every supported scalar gate (+ − × /, unary −,
/// constants, Exp, Log, Sqrt, Sin, Cos, Tanh, Atan, Pow, Abs, Max, Min, Floor, sigmoid; locals,
/// reassignment, compound assignment, ++/--, branches, loops with break or with a return of the carried
/// target, switch statements and expressions on an enum, calls of [Differentiable] helpers with a static
/// readonly array or null for an array parameter, and calls of a helper that gets no Backward) are generated,
/// and their Backward is compared with central differences at random points. Points near a kink, jump or
/// pole are skipped. A program that calls the failing helper must get ADG0017 at the call instead (never
/// broken code), unless the call carries no gradient.
/// CI runs 500 programs; AUTODIFFGEN_PROPERTY_COUNT=10000 runs more, AUTODIFFGEN_PROPERTY_SEED picks another seed.
/// A failing program is minimised (statement deletion, subexpression replacement) and printed with its generated code.
/// </summary>
public class RandomProgramTests
{
    private const int BatchSize = 100;
    private const int PointsPerProgram = 3;

    private readonly ITestOutputHelper _output;

    public RandomProgramTests(ITestOutputHelper output) => _output = output;

    private static int EnvInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v > 0 ? v : fallback;

    [Fact]
    public void Backward_MatchesCentralDifferences_OnRandomPrograms() => Run(written: false, fallbackCount: 500, fallbackSeed: 20240611);

    /// <summary>
    /// The same, with the forms people write (issue 13): ++/-- and assignments inside expressions, swaps carried around
    /// loops, chained assignments, local functions, ref locals, counters in loop tests and array indices; and forms that must
    /// be diagnosed instead (an increment on one path of ?:, a ref local declared in a loop), which must get ADG0002/ADG0003
    /// at that form and no code.
    /// </summary>
    [Fact]
    public void Backward_MatchesCentralDifferences_OnProgramsWrittenAsPeopleWrite() => Run(written: true, fallbackCount: 300, fallbackSeed: 20261201);

    private void Run(bool written, int fallbackCount, int fallbackSeed)
    {
        int count = EnvInt("AUTODIFFGEN_PROPERTY_COUNT", fallbackCount);
        int seed = EnvInt("AUTODIFFGEN_PROPERTY_SEED", fallbackSeed);
        var watch = Stopwatch.StartNew();
        var generator = new RandomProgramGenerator(seed, widened: true, written);
        var points = new Random(seed + 1);
        var stats = new Stats();
        var failures = new List<Failure>();

        for (int start = 0; start < count; start += BatchSize)
        {
            var programs = Enumerable.Range(start, Math.Min(BatchSize, count - start)).Select(i => generator.Next("P" + i)).ToList();
            foreach (var failure in CheckBatch(programs, "Batch" + start, points, stats, () => RandomPoints(points)))
            {
                failures.Add(failure);
            }
        }

        _output.WriteLine($"seed {seed}: {count} programs, {stats.Checked} points checked, {stats.ProgramsChecked} programs with at least one checked point, {stats.Diagnosed} diagnosed (ADG0017 at a call to Bad/Mid), {stats.DiagnosedWritten} diagnosed as written (ADG0002/3), " +
                          $"skipped {stats.SkippedNonFinite} non-finite and {stats.SkippedKink} near a kink/pole, {failures.Count} failing programs " +
                          $"(mismatches {failures.Count(f => f.Kind.EndsWith("Mismatch", StringComparison.Ordinal))}), {watch.Elapsed.TotalSeconds:F1} s");
        if (failures.Count > 0)
        {
            var report = new StringBuilder();
            report.AppendLine($"{failures.Count} of {count} random programs disagree with central differences (seed {seed}). The first, minimised:");
            report.AppendLine(Minimise(failures[0], seed).Describe());
            foreach (var f in failures.Skip(1).Take(5)) report.AppendLine("also: " + f.Program.Name + ": " + f.Reason);
            Assert.Fail(report.ToString());
        }
        // The property must have tested something: most programs have smooth points.
        int diagnosed = stats.Diagnosed + stats.DiagnosedWritten;
        Assert.True(stats.ProgramsChecked >= (count - diagnosed) * 0.8, $"only {stats.ProgramsChecked} of {count - diagnosed} programs had a checkable point");
        // The widened generator must reach the new constructs: calls that are diagnosed, and some that are not.
        if (count >= 200) Assert.InRange(stats.Diagnosed, 1, count / 3);
        // The written draws reach the forms that must be diagnosed, and mostly ones that must not.
        if (written && count >= 200) Assert.InRange(stats.DiagnosedWritten, 1, count / 3);
        if (!written) Assert.Equal(0, stats.DiagnosedWritten);
    }

    private static double[][] RandomPoints(Random random) =>
        Enumerable.Range(0, PointsPerProgram).Select(_ => Enumerable.Range(0, 3).Select(_ => Math.Round(random.NextDouble() * 4 - 2, 6)).ToArray()).ToArray();

    private sealed class Stats
    {
        public int Checked, ProgramsChecked, SkippedNonFinite, SkippedKink, Diagnosed, DiagnosedWritten;
    }

    private sealed record Failure(RandomProgram Program, string Kind, string Reason, double[]? Point, string Generated)
    {
        public string Describe() =>
            $"kind: {Kind}\n{Reason}\npoint: {(Point is null ? "-" : string.Join(", ", Point.Select(v => v.ToString("R", CultureInfo.InvariantCulture))))}\n" +
            $"program:\n{Program.Render()}\ngenerated:\n{Generated}";
    }

    /// <summary>Generates, compiles and checks one batch of programs; returns those that fail.</summary>
    private static List<Failure> CheckBatch(IReadOnlyList<RandomProgram> programs, string className, Random random, Stats stats, Func<double[][]> pointsFor)
    {
        var failures = new List<Failure>();
        var run = GeneratorHarness.Run(RandomProgram.Source(className, programs, helpers: true));
        string GeneratedFor(RandomProgram p) => run.Generated.FirstOrDefault(kv => kv.Key.Contains("." + p.Name + "_", StringComparison.Ordinal)).Value ?? "(nothing generated)";

        if (!run.Exceptions.IsEmpty) throw new Xunit.Sdk.XunitException("generator threw:\n" + run.Dump());
        var all = run.GeneratorDiagnostics.Concat(run.CompileDiagnostics).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        // The helpers' own: Bad's ADG0002 and Mid's ADG0017, by design; any other error in a helper is a bug.
        var helperErrors = all.Where(d => d.Location.IsInSource && InMethod(d) is { } m && RandomProgram.HelperNames.Any(h => m == h || m == h + "Backward")).ToList();
        var unexpected = helperErrors.Where(d => !(d.Id == "ADG0002" && InMethod(d) == "Bad" || d.Id == "ADG0017" && InMethod(d) == "Mid")).ToList();
        if (unexpected.Count > 0 || helperErrors.Count != 2) throw new Xunit.Sdk.XunitException("the helpers' diagnostics are not ADG0002 in Bad and ADG0017 in Mid:\n" + run.Dump());
        var errors = all.Except(helperErrors).ToList();
        var clean = new List<RandomProgram>();
        foreach (var p in programs)
        {
            var mine = errors.Where(d => d.Location.IsInSource && Mentions(d, p)).ToList();
            bool generated = run.Generated.Keys.Any(k => k.Contains("." + p.Name + "_", StringComparison.Ordinal));
            // A program that calls a method without a Backward must get ADG0017 at that call and no code
            // (or, when the call carries no gradient, compile as a plain call); nothing else may fail.
            if (p.CallsFailing && !p.MustBeDiagnosed && mine.Count > 0 && mine.All(d => d.Id == "ADG0017") && !generated)
            {
                stats.Diagnosed++;
                continue;
            }
            // A form that must be diagnosed: ADG0002 (a ref local) or ADG0003 (an increment on one path), at that form, and no code.
            if (p.MustBeDiagnosed && mine.Count > 0 && !generated && mine.All(d => d.Id == "ADG0017" && p.CallsFailing || IsWrittenDiagnostic(d)))
            {
                stats.DiagnosedWritten++;
                continue;
            }
            if (mine.Count > 0 || !generated)
            {
                string kind = "generation " + string.Join(",", mine.Select(d => d.Id).Distinct());
                failures.Add(new Failure(p, kind, string.Join("\n", mine), null, GeneratedFor(p)));
            }
            else
            {
                clean.Add(p);
            }
        }
        if (errors.Any(d => !d.Location.IsInSource || programs.All(p => !Mentions(d, p))))
        {
            var lost = errors.Where(d => !d.Location.IsInSource || programs.All(p => !Mentions(d, p))).ToList();
            throw new Xunit.Sdk.XunitException("errors not attributable to one program:\n" + string.Join("\n", lost) + "\nsource:\n" + RandomProgram.Source(className, programs, helpers: true));
        }
        if (clean.Count == 0) return failures;

        // Programs with errors are dropped from the class so the rest can be emitted.
        var assembly = clean.Count == programs.Count ? Load(run.Compilation) : Load(GeneratorHarness.Run(RandomProgram.Source(className, clean, helpers: true)).Compilation);
        foreach (var p in clean)
        {
            var method = new Differentiated(assembly, "Random." + className, p.Name);
            bool any = false;
            foreach (var x in pointsFor())
            {
                var outcome = CheckPoint(method, x);
                switch (outcome.Kind)
                {
                    case PointKind.NonFinite: stats.SkippedNonFinite++; break;
                    case PointKind.Kink: stats.SkippedKink++; break;
                    case PointKind.Ok: stats.Checked++; any = true; break;
                    default:
                        failures.Add(new Failure(p, outcome.Kind.ToString(), outcome.Reason, x, GeneratedFor(p)));
                        goto nextProgram;
                }
            }
            if (any) stats.ProgramsChecked++;
        nextProgram:;
        }
        return failures;
    }

    /// <summary>ADG0002 at a ref local declared in a loop, or ADG0003 at an increment or assignment evaluated on one path of an expression.</summary>
    private static bool IsWrittenDiagnostic(Diagnostic d)
    {
        string at = d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan);
        return d.Id == "ADG0002" && d.GetMessage().Contains("A 'ref' local declared inside a loop", StringComparison.Ordinal)
            || d.Id == "ADG0003" && d.GetMessage().Contains("evaluated only on some paths of an expression", StringComparison.Ordinal) && (at.Contains("++", StringComparison.Ordinal) || at.Contains("--", StringComparison.Ordinal) || at.Contains('='));
    }

    /// <summary>Whether a diagnostic lies inside the method of program <paramref name="p"/>.</summary>
    private static bool Mentions(Diagnostic d, RandomProgram p) =>
        InMethod(d) is { } name && (name == p.Name || name == p.Name + "Backward"); // a generated file's method is p.Name + "Backward"

    /// <summary>The name of the method a diagnostic lies in, or null.</summary>
    private static string? InMethod(Diagnostic d)
    {
        var tree = d.Location.SourceTree;
        if (tree is null) return null;
        var node = tree.GetRoot().FindNode(d.Location.SourceSpan);
        return node.AncestorsAndSelf().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().FirstOrDefault()?.Identifier.ValueText;
    }

    private static Assembly Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        if (!emit.Success) throw new Xunit.Sdk.XunitException("emit failed:\n" + string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        stream.Position = 0;
        return new AssemblyLoadContext("adg-prop-" + Guid.NewGuid().ToString("N"), isCollectible: true).LoadFromStream(stream);
    }

    private enum PointKind { Ok, NonFinite, Kink, ValueMismatch, GradientMismatch }

    private static (PointKind Kind, string Reason) CheckPoint(Differentiated method, double[] x)
    {
        double f = method.Value(x);
        var (value, g) = method.Backward(x);
        if (!double.IsFinite(f) || Math.Abs(f) > 1e6 || g.Any(v => !double.IsFinite(v) || Math.Abs(v) > 1e6)) return (PointKind.NonFinite, "");
        if (!(Math.Abs(value - f) <= 1e-12 * Math.Max(1, Math.Abs(f))))
        {
            return (PointKind.ValueMismatch, $"Backward returned {value:R}, the method {f:R}");
        }

        Func<double[], double> fn = p => method.Value(p);
        // Near a kink (Abs, Max, Min), a jump (Floor) or a pole (/), difference quotients at steps 1e-4 and
        // 1e-6, and one-sided ones at 1e-4, disagree: such points are skipped.
        var fd6 = GradCheck.NumericGradient(fn, x, 1e-6);
        var fd4 = GradCheck.NumericGradient(fn, x, 1e-4);
        for (int i = 0; i < x.Length; i++)
        {
            double scale = 1 + Math.Abs(fd6[i]);
            if (!double.IsFinite(fd4[i]) || !double.IsFinite(fd6[i]) || Math.Abs(fd4[i] - fd6[i]) > 1e-4 * scale) return (PointKind.Kink, "");
            double original = x[i];
            x[i] = original + 1e-4; double up = fn(x);
            x[i] = original - 1e-4; double down = fn(x);
            x[i] = original;
            double forward = (up - f) / 1e-4, backward = (f - down) / 1e-4;
            if (!double.IsFinite(forward) || !double.IsFinite(backward) || Math.Abs(forward - backward) > 1e-2 * scale) return (PointKind.Kink, "");
        }

        // Central differences lose about eps·|f|/h to cancellation, so the absolute tolerance scales with |f|.
        double absTol = 1e-8 * Math.Max(1, Math.Abs(f));
        var check = GradCheck.Check(fn, x, g, 1e-6, 1e-6, absTol);
        if (check.Passed) return (PointKind.Ok, "");
        // Before calling it a mismatch, confirm with two other estimates (step 1e-5, and a 5-point stencil at 1e-3).
        if (GradCheck.Check(fn, x, g, 1e-5, 1e-6, absTol * 10).Passed) return (PointKind.Ok, "");
        var stencil = FivePoint(fn, x, 1e-3);
        bool agrees = Enumerable.Range(0, x.Length).All(i => Math.Abs(stencil[i] - g[i]) <= Math.Max(1e-6 * Math.Max(Math.Abs(g[i]), Math.Abs(stencil[i])), absTol * 10));
        return agrees ? (PointKind.Ok, "") : (PointKind.GradientMismatch, check + "\nanalytic: " + Join(g) + "\nnumeric:  " + Join(fd6) + "\n5-point:  " + Join(stencil));
    }

    private static string Join(double[] v) => string.Join(", ", v.Select(d => d.ToString("R", CultureInfo.InvariantCulture)));

    private static double[] FivePoint(Func<double[], double> f, double[] x, double h)
    {
        var result = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            double o = x[i];
            x[i] = o + 2 * h; double p2 = f(x);
            x[i] = o + h; double p1 = f(x);
            x[i] = o - h; double m1 = f(x);
            x[i] = o - 2 * h; double m2 = f(x);
            x[i] = o;
            result[i] = (-p2 + 8 * p1 - 8 * m1 + m2) / (12 * h);
        }
        return result;
    }

    /// <summary>Greedy minimisation: keep taking the first smaller variant that fails the same way.</summary>
    private Failure Minimise(Failure failure, int seed)
    {
        var random = new Random(seed);
        var current = failure;
        for (int round = 0; round < 60; round++)
        {
            var candidates = current.Program.Shrinks().Distinct().Take(BatchSize)
                .Select((p, i) => p with { Name = "S" + i }).ToList();
            if (candidates.Count == 0) break;
            var point = current.Point;
            var failing = CheckBatch(candidates, "Shrink" + round, random, new Stats(),
                    () => point is null ? RandomPoints(random) : new[] { (double[])point.Clone() })
                .Where(f => f.Kind == current.Kind && f.Program.Size < current.Program.Size)
                .OrderBy(f => f.Program.Size)
                .FirstOrDefault();
            if (failing is null) break;
            current = failing;
            _output.WriteLine($"shrink round {round}: size {current.Program.Size}");
        }
        return current;
    }

    [Fact]
    public void Minimiser_ShrinksToTheFailingPart()
    {
        // The minimiser itself: a program whose "failure" is containing Floor shrinks to just that.
        var generator = new RandomProgramGenerator(7);
        var program = Enumerable.Range(0, 200).Select(i => generator.Next("M" + i)).First(p => p.Size > 25 && p.Render().Contains("Floor", StringComparison.Ordinal));
        var current = program;
        for (bool progressed = true; progressed;)
        {
            progressed = false;
            foreach (var smaller in current.Shrinks())
            {
                if (smaller.Size < current.Size && smaller.Render().Contains("Floor", StringComparison.Ordinal))
                {
                    current = smaller;
                    progressed = true;
                    break;
                }
            }
        }
        _output.WriteLine(program.Render() + "\n→\n" + current.Render());
        Assert.True(current.Size <= 4, current.Render());
        Assert.Contains("Floor", current.Render());
    }
}
