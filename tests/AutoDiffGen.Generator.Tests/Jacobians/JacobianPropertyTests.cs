using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Jacobians;

/// <summary>
/// Jacobian mode on random vector-valued programs (<see cref="VectorProgramGenerator"/>): the random-program bodies of
/// the reverse, forward and Hessian property tests (branches, loops, switches, returns from loops, helper calls; in a
/// third of them the forms people write, in another third the array forms too: initializers, local arrays passed to
/// callees, slices, params), returning 1–3 components as a tuple, a named tuple, a record struct, a struct of fields (by
/// initializer or member by member) or a double, over three doubles, a struct P3, a double[3], or three doubles among a
/// [NoDiff] double and an int. Every method
/// has <c>Forward = true, Jacobian = true</c>. At random points:
/// <list type="bullet">
/// <item>MJacobian writes all m·n entries (the span starts at NaN), returns the method's value, and a span of the wrong
/// length throws ArgumentException;</item>
/// <item>row i equals MBackward with the one-hot dResult eᵢ (to rounding), and MBackward with a random dResult into
/// preloaded adjoints adds dResultᵀ·J;</item>
/// <item>column j equals MForward with the one-hot tangent eⱼ (to rounding: another summation order);</item>
/// <item>J matches central differences of the method (points near a kink, jump or pole, where differences at
/// three steps disagree, are skipped and counted).</item>
/// </list>
/// A program outside what is supported (a call of the helper without a Backward, a form that must be diagnosed) must
/// get an error at that construct and no code; they are counted. CI: 500 programs; AUTODIFFGEN_JACOBIAN_COUNT and
/// AUTODIFFGEN_JACOBIAN_SEED pick others.
/// </summary>
public class JacobianPropertyTests
{
    private const int BatchSize = 100;
    private const int N = 3;

    private readonly ITestOutputHelper _output;

    public JacobianPropertyTests(ITestOutputHelper output) => _output = output;

    private static int EnvInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v > 0 ? v : fallback;

    private sealed class Stats
    {
        public int Generated, ProgramsChecked, Points, SkippedKink, SkippedNonFinite, DiagnosedCall, DiagnosedWritten;
        public readonly Dictionary<string, int> Shapes = new();
    }

    [Fact]
    public void Jacobian_MatchesBackwardRowsForwardColumnsAndCentralDifferences_OnRandomVectorPrograms()
    {
        int count = EnvInt("AUTODIFFGEN_JACOBIAN_COUNT", 500);
        int seed = EnvInt("AUTODIFFGEN_JACOBIAN_SEED", 20261201 + 14);
        var plain = new VectorProgramGenerator(seed, written: false);
        var written = new VectorProgramGenerator(seed + 1000, written: true);
        var arrays = new VectorProgramGenerator(seed + 2000, written: true, arrays: true);
        var points = new Random(seed + 1);
        var stats = new Stats();
        var failures = new List<string>();
        for (int start = 0; start < count; start += BatchSize)
        {
            var programs = Enumerable.Range(start, Math.Min(BatchSize, count - start)).Select(i => (i % 3 == 0 ? plain : i % 3 == 1 ? written : arrays).Next("P" + i)).ToList();
            failures.AddRange(CheckBatch(programs, "Batch" + start, points, stats));
        }
        _output.WriteLine($"seed {seed}: {count} programs, {stats.Generated} generated, {stats.ProgramsChecked} with a checked point, {stats.Points} points checked, " +
                          $"skipped {stats.SkippedKink} near a kink/pole and {stats.SkippedNonFinite} non-finite, diagnosed {stats.DiagnosedCall} (ADG0017 at a call of Bad/Mid) and {stats.DiagnosedWritten} (a written form, ADG0002/3), {failures.Count} failures");
        _output.WriteLine("generated shapes: " + string.Join(", ", stats.Shapes.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + " " + kv.Value)));
        if (failures.Count > 0) Assert.Fail(failures.Count + " failures; the first:\n" + string.Join("\n----\n", failures.Take(3)));
        Assert.True(stats.ProgramsChecked >= stats.Generated * 0.8, $"only {stats.ProgramsChecked} of {stats.Generated} programs had a checkable point");
        if (count >= 200)
        {
            // Both kinds of refusals are reached, and most programs are generated.
            Assert.InRange(stats.DiagnosedCall, 1, count / 3);
            Assert.InRange(stats.DiagnosedWritten, 1, count / 3);
            // Every input shape and result shape is generated and checked.
            foreach (var i in Enum.GetNames<VectorInputs>()) Assert.True(stats.Shapes.Keys.Any(k => k.StartsWith(i + "→", StringComparison.Ordinal)), i + " never generated");
            foreach (var r in Enum.GetNames<VectorResult>()) Assert.True(stats.Shapes.Keys.Any(k => k.EndsWith("→" + r, StringComparison.Ordinal)), r + " never generated");
        }
    }

    private static List<string> CheckBatch(IReadOnlyList<VectorProgram> programs, string className, Random points, Stats stats)
    {
        var failures = new List<string>();
        var run = GeneratorHarness.Run(VectorProgram.Source(className, programs));
        if (!run.Exceptions.IsEmpty) throw new Xunit.Sdk.XunitException("generator threw:\n" + run.Dump());
        var errors = run.GeneratorDiagnostics.Concat(run.CompileDiagnostics).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var clean = new List<VectorProgram>();
        foreach (var p in programs)
        {
            var mine = errors.Where(d => InMethod(d) is { } m && (m == p.Name || m.StartsWith(p.Name + "Backward", StringComparison.Ordinal) || m == p.Name + "Forward" || m == p.Name + "Jacobian")).ToList();
            bool generated = run.Generated.Keys.Any(k => k.Contains("." + p.Name + "_", StringComparison.Ordinal));
            if (mine.Count == 0 && generated && !p.MustBeDiagnosed && !p.CallsFailing)
            {
                clean.Add(p);
                continue;
            }
            // Outside what is supported: a form that must be diagnosed, at that form, and no code.
            if (p.MustBeDiagnosed && !generated && mine.Count > 0 && mine.All(d => d.Id == "ADG0017" && p.CallsFailing || IsWrittenDiagnostic(d)))
            {
                stats.DiagnosedWritten++;
                continue;
            }
            // A call of Bad or Mid (no Backward): ADG0017 at the call, and no code; or, when the call carries no
            // derivative (a constant argument), a clean program.
            if (p.CallsFailing && !p.MustBeDiagnosed && !generated && mine.Count > 0 && mine.All(d => d.Id == "ADG0017" && At(d).StartsWith("Bad(", StringComparison.Ordinal) || d.Id == "ADG0017" && At(d).StartsWith("Mid(", StringComparison.Ordinal)))
            {
                stats.DiagnosedCall++;
                continue;
            }
            if (p.CallsFailing && !p.MustBeDiagnosed && generated && mine.Count == 0)
            {
                clean.Add(p);
                continue;
            }
            failures.Add(p.Name + ": generated=" + generated + ", must be diagnosed=" + p.MustBeDiagnosed + ", calls Bad/Mid=" + p.CallsFailing + ", errors: " + string.Join("; ", mine) + "\n" + p.Render()
                         + "\ngenerated:\n" + (run.Generated.FirstOrDefault(kv => kv.Key.Contains("." + p.Name + "_", StringComparison.Ordinal)).Value ?? "(nothing)"));
        }
        if (clean.Count == 0) return failures;
        stats.Generated += clean.Count;
        // Emitted once (the second run's diagnostics are not read here; the emit fails on an error as before).
        var assembly = GeneratorHarness.Load(GeneratorHarness.RunForLoad(VectorProgram.Source(className, clean), VectorProgram.Wrappers(className, clean)));
        var type = assembly.GetType("Random." + className, throwOnError: true)!;
        foreach (var p in clean)
        {
            string shape = p.Inputs + "→" + p.Result;
            stats.Shapes[shape] = stats.Shapes.GetValueOrDefault(shape) + 1;
            var f = new Compiled(type, p.Name);
            bool any = false;
            for (int k = 0; k < 3; k++)
            {
                var x = Enumerable.Range(0, N).Select(_ => Math.Round((points.NextDouble() * 4) - 2, 6)).ToArray();
                string? failure = CheckPoint(f, p.M, x, points, k == 0, out var outcome);
                if (failure is not null)
                {
                    failures.Add(p.Name + " at (" + string.Join(", ", x.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "): " + failure + "\n" + p.Render()
                                 + "\ngenerated:\n" + run.Generated.FirstOrDefault(kv => kv.Key.Contains("." + p.Name + "_", StringComparison.Ordinal)).Value);
                    break;
                }
                switch (outcome)
                {
                    case Outcome.Kink: stats.SkippedKink++; break;
                    case Outcome.NonFinite: stats.SkippedNonFinite++; break;
                    default: stats.Points++; any = true; break;
                }
            }
            if (any) stats.ProgramsChecked++;
        }
        return failures;
    }

    private enum Outcome { Checked, Kink, NonFinite }

    /// <summary>The wrappers of one program as delegates.</summary>
    private sealed class Compiled
    {
        public readonly Func<double[], double[]> Value;
        public readonly Func<double[], double[], double[]> Jacobian;
        public readonly Func<double[], double[], double, double[], double[]> Backward;
        public readonly Func<double[], double[], double[], double[]> Forward;

        public Compiled(Type type, string name)
        {
            MethodInfo Get(string suffix) => type.GetMethod(name + suffix, BindingFlags.Public | BindingFlags.Static)!;
            Value = Get("_V").CreateDelegate<Func<double[], double[]>>();
            Jacobian = Get("_J").CreateDelegate<Func<double[], double[], double[]>>();
            Backward = Get("_B").CreateDelegate<Func<double[], double[], double, double[], double[]>>();
            Forward = Get("_F").CreateDelegate<Func<double[], double[], double[], double[]>>();
        }
    }

    /// <summary>null when every check holds at x (or the point is skipped: see <paramref name="outcome"/>), else what failed.</summary>
    private static string? CheckPoint(Compiled f, int m, double[] x, Random random, bool checkLength, out Outcome outcome)
    {
        outcome = Outcome.Checked;
        var value = f.Value(x);
        if (value.Any(v => !double.IsFinite(v) || Math.Abs(v) > 1e6)) { outcome = Outcome.NonFinite; return null; }
        double fScale = Math.Max(1, value.Max(Math.Abs));

        // MJacobian writes every entry and returns the value.
        var j = new double[m * N];
        Array.Fill(j, double.NaN);
        var returned = f.Jacobian(x, j);
        if (!returned.SequenceEqual(value)) return "MJacobian returned (" + Join(returned) + "), the method (" + Join(value) + ")";
        // Rows: MBackward with each one-hot dResult, from zeroed adjoints.
        for (int i = 0; i < m; i++)
        {
            var w = new double[m];
            w[i] = 1;
            var g = new double[N];
            var v = f.Backward(x, w, 0, g);
            if (!v.SequenceEqual(value)) return "MBackward returned (" + Join(v) + "), the method (" + Join(value) + ")";
            for (int c = 0; c < N; c++)
            {
                if (!Close(j[(i * N) + c], g[c], 1e-12)) return $"J[{i},{c}] = {j[(i * N) + c]:R} but MBackward with dResult = e{i} gives {g[c]:R}\nJ: {Join(j)}";
            }
        }

        // Only now (an entry left unwritten is NaN, and MBackward's row would not be): skip non-finite Jacobians.
        if (j.Any(v => !double.IsFinite(v) || Math.Abs(v) > 1e6)) { outcome = Outcome.NonFinite; return null; }
        if (checkLength)
        {
            foreach (int length in new[] { (m * N) + 1, (m * N) - 1 })
            {
                try
                {
                    f.Jacobian(x, new double[length]);
                    return "MJacobian took a span of length " + length + " for a " + m + "×" + N + " Jacobian";
                }
                catch (ArgumentException)
                {
                }
            }
        }

        // A random dResult into adjoints preloaded with 0.5: MBackward adds dResultᵀ·J.
        var wr = Enumerable.Range(0, m).Select(_ => Math.Round((random.NextDouble() * 2) - 1, 6)).ToArray();
        var added = new double[N];
        f.Backward(x, wr, 0.5, added);
        for (int c = 0; c < N; c++)
        {
            double expected = 0, scale = 0;
            for (int i = 0; i < m; i++) { expected += wr[i] * j[(i * N) + c]; scale += Math.Abs(wr[i] * j[(i * N) + c]); }
            if (!(Math.Abs((added[c] - 0.5) - expected) <= 1e-12 * Math.Max(1, scale) * 16)) return $"MBackward with dResult ({Join(wr)}) into 0.5 added {added[c] - 0.5:R} to input {c}, dResultᵀ·J is {expected:R}";
        }

        // Columns: MForward with each one-hot tangent.
        for (int c = 0; c < N; c++)
        {
            var t = new double[N];
            t[c] = 1;
            var tr = new double[m];
            var v = f.Forward(x, t, tr);
            if (!v.SequenceEqual(value)) return "MForward returned (" + Join(v) + "), the method (" + Join(value) + ")";
            for (int i = 0; i < m; i++)
            {
                if (!Close(j[(i * N) + c], tr[i], 1e-9)) return $"J[{i},{c}] = {j[(i * N) + c]:R} but MForward with tangent e{c} gives {tr[i]:R}\nJ: {Join(j)}";
            }
        }

        // Central differences at three steps; where they disagree the point is near a kink, a jump or a pole.
        var d6 = Central(f.Value, x, m, 1e-6);
        var d5 = Central(f.Value, x, m, 1e-5);
        var d4 = Central(f.Value, x, m, 1e-4);
        for (int k = 0; k < m * N; k++)
        {
            double s = 1 + Math.Abs(d6[k]);
            if (!double.IsFinite(d4[k]) || !double.IsFinite(d6[k]) || Math.Abs(d4[k] - d6[k]) > 1e-4 * s || Math.Abs(d5[k] - d6[k]) > 1e-4 * s) { outcome = Outcome.Kink; return null; }
        }
        if (OneSidedDisagree(f.Value, x, m, value)) { outcome = Outcome.Kink; return null; }
        for (int k = 0; k < m * N; k++)
        {
            double tol = (1e-6 * Math.Abs(d6[k])) + (1e-8 * fScale);
            if (!(Math.Abs(j[k] - d6[k]) <= tol) && !(Math.Abs(j[k] - d5[k]) <= tol * 10))
            {
                return $"J[{k / N},{k % N}] = {j[k]:R} but central differences give {d6[k]:R} (step 1e-6) and {d5[k]:R} (1e-5)\nJ:  {Join(j)}\nFD: {Join(d6)}";
            }
        }
        return null;
    }

    private static bool Close(double expected, double actual, double relative) =>
        expected.Equals(actual) || Math.Abs(expected - actual) <= relative * Math.Max(1, Math.Abs(expected));

    /// <summary>The m×n Jacobian by central differences, row-major.</summary>
    private static double[] Central(Func<double[], double[]> value, double[] x, int m, double h)
    {
        var j = new double[m * N];
        for (int c = 0; c < N; c++)
        {
            var up = (double[])x.Clone();
            var down = (double[])x.Clone();
            up[c] += h;
            down[c] -= h;
            var fu = value(up);
            var fd = value(down);
            for (int i = 0; i < m; i++) j[(i * N) + c] = (fu[i] - fd[i]) / (up[c] - down[c]);
        }
        return j;
    }

    /// <summary>One-sided differences at 1e-4 that disagree: a kink at x itself (Abs, Max, Min) that central differences average over.</summary>
    private static bool OneSidedDisagree(Func<double[], double[]> value, double[] x, int m, double[] fx)
    {
        for (int c = 0; c < N; c++)
        {
            var up = (double[])x.Clone();
            var down = (double[])x.Clone();
            up[c] += 1e-4;
            down[c] -= 1e-4;
            var fu = value(up);
            var fd = value(down);
            for (int i = 0; i < m; i++)
            {
                double forward = (fu[i] - fx[i]) / 1e-4, backward = (fx[i] - fd[i]) / 1e-4;
                if (!double.IsFinite(forward) || !double.IsFinite(backward) || Math.Abs(forward - backward) > 1e-2 * (1 + Math.Abs(forward))) return true;
            }
        }
        return false;
    }

    private static string Join(double[] v) => string.Join(", ", v.Select(d => d.ToString("R", CultureInfo.InvariantCulture)));

    /// <summary>
    /// ADG0002 at a ref local declared in a loop, ADG0003 at an increment or assignment evaluated on one path of an
    /// expression, at a spread element, or at a stackalloc span aliased by another span (the written draws' forms that must be
    /// diagnosed, as RandomProgramTests has them).
    /// </summary>
    private static bool IsWrittenDiagnostic(Diagnostic d)
    {
        string at = At(d);
        return d.Id == "ADG0002" && d.GetMessage().Contains("A 'ref' local declared inside a loop", StringComparison.Ordinal)
            || d.Id == "ADG0003" && d.GetMessage().Contains("evaluated only on some paths of an expression", StringComparison.Ordinal) && (at.Contains("++", StringComparison.Ordinal) || at.Contains("--", StringComparison.Ordinal) || at.Contains('='))
            || d.Id == "ADG0003" && d.GetMessage().Contains("A spread element", StringComparison.Ordinal) && at.StartsWith("..W", StringComparison.Ordinal)
            || d.Id == "ADG0003" && d.GetMessage().Contains("A stackalloc span used other than by", StringComparison.Ordinal) && at == "v";
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

/// <summary>The random programs' "must be diagnosed" flag counts only what a statement renders.</summary>
public class RandomProgramFlagTests
{
    [Fact]
    public void AnElseThatIsNotRendered_DoesNotMakeAStatementMustBeDiagnosed()
    {
        // Found by JacobianPropertyTests (seed 777, 1,500 programs): a "params" statement drew an Else holding an increment
        // on one path of ?:, which it never renders, and the program was flagged although nothing in it must be diagnosed.
        var oneSided = new ConditionalIncrementExpr(new VarExpr("a"), "t0");
        var statement = new Statement(false, "t0", "params", new VarExpr("c"), Else: oneSided);
        Assert.DoesNotContain("?", statement.Render(), StringComparison.Ordinal);
        Assert.False(statement.MustBeDiagnosed);
        // Where Else is rendered, it still counts.
        var branch = new Statement(false, "t0", "+=", new VarExpr("c"), Wrapper: "if", Condition: new VarExpr("b"), Else: oneSided);
        Assert.Contains("t0++ : t0", branch.Render(), StringComparison.Ordinal);
        Assert.False(branch.MustBeDiagnosed); // an increment in one arm of ?: is lowered as branches now
    }
}
