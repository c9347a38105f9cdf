using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Tests.Infrastructure;

/// <summary>
/// Whole random programs, each a compilation unit of its own that declares types no other program declares, generated
/// and emitted as ONE compilation (each program in its own file, User{i}.cs) instead of one compilation each: the
/// references are bound, the generator driven and the assembly emitted and loaded once per batch, not per program.
/// Each program still gets its own result (<see cref="Of"/>), as if it had been compiled alone:
/// <list type="bullet">
/// <item>its diagnostics are those in its own file, and those in a generated file whose hint name holds its marker (its
/// type's full name and a dot), and its generated files are those whose hint name holds the marker;</item>
/// <item>when anything cannot be given to exactly one program (a generator exception, a diagnostic in no program's file
/// or in two), every program is compiled again alone, so no program's failure can be hidden or blamed on another;</item>
/// <item>when a program has an error (the batch then emits nothing), the programs without one are compiled again
/// together and loaded from that run; the ones with an error keep their diagnostics and have no image, as alone.</item>
/// </list>
/// </summary>
public sealed class ProgramFiles
{
    private readonly GeneratorOutput[] _results;

    private readonly Dictionary<GeneratorOutput, Lazy<Assembly>> _assemblies = new();

    private ProgramFiles(GeneratorOutput[] results, bool batched)
    {
        _results = results;
        Batched = batched;
    }

    /// <summary>Whether the programs were judged from one compilation (false: each was compiled again alone).</summary>
    public bool Batched { get; }

    /// <summary>
    /// Compiles <paramref name="sources"/> with <paramref name="compile"/> (a harness run over several files, e.g.
    /// <see cref="GeneratorHarness.RunForLoad(string[])"/>); <paramref name="markers"/>[i] is what the hint name of every
    /// file generated for program i holds and no other program's does (e.g. <c>"Gen.P3."</c>).
    /// </summary>
    public static ProgramFiles Run(IReadOnlyList<string> sources, IReadOnlyList<string> markers, Func<string[], GeneratorOutput> compile)
    {
        if (sources.Count != markers.Count) throw new ArgumentException("one marker per program");
        var all = Enumerable.Range(0, sources.Count).ToArray();
        var results = Split(compile(sources.ToArray()), sources.Count, markers);
        if (results is null)
        {
            return new ProgramFiles(sources.Select(s => compile(new[] { s })).ToArray(), batched: false);
        }

        var erring = all.Where(i => results[i].CompileDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error)).ToArray();
        if (erring.Length > 0 && erring.Length < all.Length)
        {
            // The batch did not emit: the programs without an error of their own are compiled again to be loaded.
            var rest = all.Except(erring).ToArray();
            var again = Split(compile(rest.Select(i => sources[i]).ToArray()), rest.Length, rest.Select(i => markers[i]).ToArray());
            if (again is null)
            {
                foreach (int i in rest) results[i] = compile(new[] { sources[i] });
            }
            else
            {
                for (int k = 0; k < rest.Length; k++) results[rest[k]] = again[k];
            }
        }

        return new ProgramFiles(results, batched: true);
    }

    /// <summary>Program <paramref name="i"/>'s result: its generated files and its diagnostics only.</summary>
    public GeneratorOutput Of(int i) => _results[i];

    /// <summary>The assembly that holds program <paramref name="i"/> (loaded once per compilation, in a collectible context).</summary>
    public Assembly Load(int i)
    {
        var result = _results[i];
        if (result.EmittedImage is null) return GeneratorHarness.Load(result);
        Lazy<Assembly> assembly;
        lock (_assemblies)
        {
            var shared = _assemblies.Keys.FirstOrDefault(r => ReferenceEquals(r.Compilation, result.Compilation));
            if (shared is null) _assemblies[shared = result] = new Lazy<Assembly>(() => GeneratorHarness.Load(result));
            assembly = _assemblies[shared];
        }
        return assembly.Value;
    }

    /// <summary>
    /// One run's result cut into its <paramref name="count"/> programs' (program k is file User{k}.cs); null when
    /// something in it belongs to no program or to more than one.
    /// </summary>
    private static GeneratorOutput[]? Split(GeneratorOutput run, int count, IReadOnlyList<string> markers)
    {
        if (!run.Exceptions.IsEmpty) return null;
        // A language-version run has no analyzer pass (and reading one here would bind the batch again).
        var analyzer = run.AnalyzedWithCompile ?? ImmutableArray<Diagnostic>.Empty;
        int? Owner(string? path)
        {
            if (path is null) return null;
            var owners = Enumerable.Range(0, count)
                .Where(k => path == "User" + k.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".cs" || path.Contains(markers[k], StringComparison.Ordinal))
                .ToList();
            return owners.Count == 1 ? owners[0] : null;
        }

        var every = run.GeneratorDiagnostics.Concat(run.CompileDiagnostics).Concat(analyzer);
        if (every.Any(d => Owner(d.Location.SourceTree?.FilePath) is null)) return null;
        if (run.Generated.Keys.Any(h => Owner(h) is null)) return null;
        ImmutableArray<Diagnostic> Mine(ImmutableArray<Diagnostic> diagnostics, int k) =>
            diagnostics.Where(d => Owner(d.Location.SourceTree?.FilePath) == k).ToImmutableArray();
        return Enumerable.Range(0, count)
            .Select(k => new GeneratorOutput(
                run.Generated.Where(g => Owner(g.Key) == k).ToDictionary(g => g.Key, g => g.Value),
                Mine(run.GeneratorDiagnostics, k),
                Mine(run.CompileDiagnostics, k),
                run.Compilation,
                ImmutableArray<Exception>.Empty)
            {
                AnalyzedWithCompile = run.AnalyzedWithCompile is null ? null : Mine(analyzer, k),
                EmittedImage = run.EmittedImage,
            })
            .ToArray();
    }
}
