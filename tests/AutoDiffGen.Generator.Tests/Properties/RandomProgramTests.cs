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
    public void Backward_MatchesCentralDifferences_OnRandomPrograms() => Run(written: false, forward: false, fallbackCount: 500, fallbackSeed: 20240611);

    /// <summary>
    /// The same, with the forms people write (issue 13): ++/-- and assignments inside expressions, swaps carried around
    /// loops, chained assignments, local functions, ref locals, counters in loop tests and array indices; and forms that must
    /// be diagnosed instead (an increment on one path of ?:), which must get ADG0003
    /// at that form and no code.
    /// </summary>
    [Fact]
    public void Backward_MatchesCentralDifferences_OnProgramsWrittenAsPeopleWrite() => Run(written: true, forward: false, fallbackCount: 300, fallbackSeed: 20261201);

    /// <summary>
    /// The same with the array forms drawn often (issue 13 item 1): initializers and collection expressions, x[^1], arrays
    /// created in loops and passed to callees, slices and ranges passed as spans of a local array stored into after the
    /// call, expanded params calls, arrays created where they are passed (<c>SumSq(new[] { a, b })</c>, <c>SpanSin([a, b])</c>),
    /// stackalloc spans stored into, read and passed whole or sliced (in loops too), and spread elements and a stackalloc span
    /// aliased by another span (which must be diagnosed).
    /// </summary>
    [Fact]
    public void Backward_MatchesCentralDifferences_OnProgramsComposingArrays() => Run(written: true, forward: false, fallbackCount: 300, fallbackSeed: 20261202, arrays: true);

    /// <summary>
    /// Forward mode on the same generator (another seed), every method with <c>Forward = true</c>: at each checked point,
    /// MForward returns the method's value, and its tangent for a random direction t equals Σ gradient·t from central
    /// differences and the dot product of MBackward's gradient with t.
    /// </summary>
    [Fact]
    public void Forward_MatchesCentralDifferencesAndBackward_OnRandomPrograms() => Run(written: false, forward: true, fallbackCount: 500, fallbackSeed: 20240611 + 14);

    private void Run(bool written, bool forward, int fallbackCount, int fallbackSeed, bool arrays = false)
    {
        int count = EnvInt("AUTODIFFGEN_PROPERTY_COUNT", fallbackCount);
        int seed = EnvInt("AUTODIFFGEN_PROPERTY_SEED", fallbackSeed);
        var watch = Stopwatch.StartNew();
        var generator = new RandomProgramGenerator(seed, widened: true, written, arrays);
        var points = new Random(seed + 1);
        var stats = new Stats();
        var failures = new List<Failure>();

        for (int start = 0; start < count; start += BatchSize)
        {
            var programs = Enumerable.Range(start, Math.Min(BatchSize, count - start)).Select(i => generator.Next("P" + i)).ToList();
            foreach (var failure in CheckBatch(programs, "Batch" + start, points, stats, () => RandomPoints(points), forward))
            {
                failures.Add(failure);
            }
        }

        _output.WriteLine($"{(forward ? "forward mode, " : "")}seed {seed}: {count} programs, {stats.Checked} points checked, {stats.ProgramsChecked} programs with at least one checked point, {stats.Diagnosed} diagnosed (ADG0017 at a call to Bad/Mid), {stats.DiagnosedWritten} diagnosed as written (ADG0002/3), " +
                          $"skipped {stats.SkippedNonFinite} non-finite and {stats.SkippedKink} near a kink/pole, {failures.Count} failing programs " +
                          $"(mismatches {failures.Count(f => f.Kind.EndsWith("Mismatch", StringComparison.Ordinal))}), {watch.Elapsed.TotalSeconds:F1} s");
        if (failures.Count > 0)
        {
            var report = new StringBuilder();
            report.AppendLine($"{failures.Count} of {count} random programs disagree with central differences (seed {seed}). The first, minimised:");
            report.AppendLine(Minimise(failures[0], seed, forward).Describe());
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
    private static List<Failure> CheckBatch(IReadOnlyList<RandomProgram> programs, string className, Random random, Stats stats, Func<double[][]> pointsFor, bool forward = false)
    {
        var failures = new List<Failure>();
        // The judge run is almost never loaded (a batch nearly always holds a program that must be diagnosed, and the clean ones
        // are compiled again alone below), so it binds for its diagnostics instead of emitting (docs/testing.md, ci25).
        var run = GeneratorHarness.Run(RandomProgram.Source(className, programs, helpers: true, forward: forward));
        string GeneratedFor(RandomProgram p) => run.Generated.FirstOrDefault(kv => kv.Key.Contains("." + p.Name + "_", StringComparison.Ordinal)).Value ?? "(nothing generated)";

        if (!run.Exceptions.IsEmpty) throw new Xunit.Sdk.XunitException("generator threw:\n" + run.Dump());
        var all = run.GeneratorDiagnostics.Concat(run.CompileDiagnostics).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        // The helpers' own: Bad's ADG0002 and Mid's ADG0017, by design; any other error in a helper is a bug.
        var helperErrors = all.Where(d => d.Location.IsInSource && InMethod(d) is { } m && RandomProgram.HelperNames.Any(h => m == h || m == h + "Backward" || m == h + "Forward")).ToList();
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
            throw new Xunit.Sdk.XunitException("errors not attributable to one program:\n" + string.Join("\n", lost) + "\nsource:\n" + RandomProgram.Source(className, programs, helpers: true, forward: forward));
        }
        if (clean.Count == 0) return failures;

        // Programs with errors are dropped from the class so the rest can be emitted.
        var assembly = clean.Count == programs.Count ? GeneratorHarness.Load(run) : GeneratorHarness.Load(GeneratorHarness.RunForLoad(RandomProgram.Source(className, clean, helpers: true, forward: forward)));
        foreach (var p in clean)
        {
            var method = new Differentiated(assembly, "Random." + className, p.Name);
            bool any = false;
            foreach (var x in pointsFor())
            {
                var outcome = CheckPoint(method, x, forward ? random : null);
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

    /// <summary>
    /// ADG0002 at a ref local declared in a loop, ADG0003 at an increment or assignment evaluated on one path of an expression,
    /// or at a spread element of a collection expression.
    /// </summary>
    internal static bool IsWrittenDiagnostic(Diagnostic d)
    {
        string at = d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan);
        return d.Id == "ADG0002" && d.GetMessage().Contains("A 'ref' local declared inside a loop", StringComparison.Ordinal)
            || d.Id == "ADG0003" && d.GetMessage().Contains("evaluated only on some paths of an expression", StringComparison.Ordinal) && (at.Contains("++", StringComparison.Ordinal) || at.Contains("--", StringComparison.Ordinal) || at.Contains('='))
            || d.Id == "ADG0003" && d.GetMessage().Contains("A spread element", StringComparison.Ordinal) && at.StartsWith("..W", StringComparison.Ordinal)
            // A collection expression with a spread whose elements are all constants is refused as a whole (seed 4242).
            || d.Id == "ADG0003" && d.GetMessage().Contains("The expression kind CollectionExpression", StringComparison.Ordinal) && at.StartsWith("[..W", StringComparison.Ordinal)
            || d.Id == "ADG0003" && d.GetMessage().Contains("A stackalloc span used other than by", StringComparison.Ordinal) && at == "v";
    }

    /// <summary>Whether a diagnostic lies inside the method of program <paramref name="p"/>.</summary>
    private static bool Mentions(Diagnostic d, RandomProgram p) =>
        InMethod(d) is { } name && (name == p.Name || name == p.Name + "Backward" || name == p.Name + "Forward"); // a generated file's methods are p.Name + "Backward" and "Forward"

    /// <summary>The name of the method a diagnostic lies in, or null.</summary>
    private static string? InMethod(Diagnostic d)
    {
        var tree = d.Location.SourceTree;
        if (tree is null) return null;
        var node = tree.GetRoot().FindNode(d.Location.SourceSpan);
        return node.AncestorsAndSelf().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().FirstOrDefault()?.Identifier.ValueText;
    }


    private enum PointKind { Ok, NonFinite, Kink, ValueMismatch, GradientMismatch, TangentMismatch }

    /// <param name="method">The compiled program.</param>
    /// <param name="x">The point.</param>
    /// <param name="tangents">For forward mode, where the random direction comes from; null for reverse mode only.</param>
    private static (PointKind Kind, string Reason) CheckPoint(Differentiated method, double[] x, Random? tangents = null)
    {
        var outcome = CheckGradient(method, x, out var g, out var fd6, out var fd5);
        if (outcome.Kind != PointKind.Ok || tangents is null) return outcome;

        var t = x.Select(_ => Math.Round((tangents.NextDouble() * 2) - 1, 6)).ToArray();
        double f = method.Value(x);
        var (value, tangent) = method.Forward(x, t);
        if (!(Math.Abs(value - f) <= 1e-12 * Math.Max(1, Math.Abs(f)))) return (PointKind.ValueMismatch, $"Forward returned {value:R}, the method {f:R}");
        double Dot(double[] v) => v.Select((vi, i) => vi * t[i]).Sum();
        double Scale(double[] v) => Math.Max(1, v.Select((vi, i) => Math.Abs(vi * t[i])).Sum());
        // The same derivatives summed in another order: only rounding apart.
        double backward = Dot(g);
        if (!(Math.Abs(tangent - backward) <= 1e-9 * Math.Max(Scale(g), Math.Abs(f))))
        {
            return (PointKind.TangentMismatch, $"Forward's tangent {tangent:R} but Backward's gradient · t = {backward:R}; t = {Join(t)}; gradient {Join(g)}");
        }
        // Central differences: the accepted estimate (step 1e-6, or 1e-5 or the 5-point stencil when those were needed).
        double absTol = 1e-8 * Math.Max(1, Math.Abs(f)) * 10 * t.Sum(Math.Abs);
        bool Near(double[] numeric) => Math.Abs(tangent - Dot(numeric)) <= (1e-5 * Scale(numeric)) + absTol;
        if (Near(fd6) || Near(fd5) || Near(FivePoint(p => method.Value(p), x, 1e-3))) return (PointKind.Ok, "");
        return (PointKind.TangentMismatch, $"Forward's tangent {tangent:R} but central differences give Σ gradient·t = {Dot(fd6):R}; t = {Join(t)}");
    }

    private static (PointKind Kind, string Reason) CheckGradient(Differentiated method, double[] x, out double[] g, out double[] fd6, out double[] fd5)
    {
        fd6 = fd5 = g = Array.Empty<double>();
        double f = method.Value(x);
        (double value, g) = method.Backward(x);
        if (!double.IsFinite(f) || Math.Abs(f) > 1e6 || g.Any(v => !double.IsFinite(v) || Math.Abs(v) > 1e6)) return (PointKind.NonFinite, "");
        if (!(Math.Abs(value - f) <= 1e-12 * Math.Max(1, Math.Abs(f))))
        {
            return (PointKind.ValueMismatch, $"Backward returned {value:R}, the method {f:R}");
        }

        Func<double[], double> fn = p => method.Value(p);
        // Near a kink (Abs, Max, Min), a jump (Floor) or a pole (/), difference quotients at steps 1e-4 and
        // 1e-6, and one-sided ones at 1e-4, disagree: such points are skipped.
        fd6 = GradCheck.NumericGradient(fn, x, 1e-6);
        fd5 = GradCheck.NumericGradient(fn, x, 1e-5);
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
        var grad = g;
        bool agrees = Enumerable.Range(0, x.Length).All(i => Math.Abs(stencil[i] - grad[i]) <= Math.Max(1e-6 * Math.Max(Math.Abs(grad[i]), Math.Abs(stencil[i])), absTol * 10));
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
    private Failure Minimise(Failure failure, int seed, bool forward)
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
                    () => point is null ? RandomPoints(random) : new[] { (double[])point.Clone() }, forward)
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
