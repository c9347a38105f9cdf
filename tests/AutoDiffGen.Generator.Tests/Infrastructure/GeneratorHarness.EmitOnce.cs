using System.Collections.Immutable;
using AutoDiffGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AutoDiffGen.Generator.Tests.Infrastructure;

/// <summary>
/// The harness for tests that load what they compile (<see cref="CompileAndLoad(string[])"/>, <see cref="CompileAndLoadAllowing"/>,
/// <see cref="ProgramBatch.LoadClean"/>): one bind of the method bodies instead of two. The output compilation is emitted
/// once, and its compile warnings and errors are taken from that emit (the compiler reports from Emit exactly what
/// <c>GetDiagnostics()</c> does, flow and nullable analysis included: csc builds that way); the declaration analyzer, which
/// needs declarations only, runs directly (<see cref="DirectAnalyzer"/>) instead of through the driver, which would bind
/// every body again. <c>AUTODIFFGEN_HARNESS_VERIFY=1</c> compares both with the old way on every call.
/// </summary>
public static partial class GeneratorHarness
{
    /// <summary>
    /// As <see cref="Run(AnalyzerConfigOptionsProvider?, string[])"/>, for a caller that loads the result: the output is
    /// emitted here (<see cref="GeneratorOutput.EmittedImage"/>, which <see cref="Load"/> then loads), its compile
    /// diagnostics (warnings and up) are the emit's, and its analyzer diagnostics the direct run's. The callers read them
    /// as sets (clean or not, which IDs): the emit lists them in its own order.
    /// </summary>
    internal static GeneratorOutput RunForLoad(params string[] sources) => RunForLoad(null, sources);

    /// <inheritdoc cref="RunForLoad(string[])"/>
    internal static GeneratorOutput RunForLoad(AnalyzerConfigOptionsProvider? options, params string[] sources)
    {
        var compilation = CreateCompilation(sources);
        GeneratorDriver driver;
        Compilation output;
        ImmutableArray<Diagnostic> generatorDiagnostics;
        using (HarnessProfile.Time("generator run"))
        {
            driver = CreateDriver(options: options).RunGeneratorsAndUpdateCompilation(compilation, out output, out generatorDiagnostics);
        }
        var run = driver.GetRunResult();
        var generated = run.Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        var (image, compileDiagnostics) = EmitWithDiagnostics(output);
        var analyzerDiagnostics = DeclarationDiagnostics(output, includeSuppressed: false);
        if (VerifyOnePass) AssertEmitAsGetDiagnostics(output, compileDiagnostics);
        return new GeneratorOutput(generated, generatorDiagnostics, compileDiagnostics, (CSharpCompilation)output,
            run.Results.Select(r => r.Exception).Where(e => e is not null).ToImmutableArray()!)
        {
            AnalyzedWithCompile = analyzerDiagnostics,
            EmittedImage = image,
        };
    }

    /// <summary>Emits <paramref name="compilation"/>: its image (null when it has errors) and its warnings and errors.</summary>
    internal static (byte[]? Image, ImmutableArray<Diagnostic> Diagnostics) EmitWithDiagnostics(Compilation compilation)
    {
        using var _ = HarnessProfile.Time("emit (gives the compile diagnostics)");
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        var image = emit.Success ? stream.ToArray() : null;
        HarnessProfile.Emitted(image, System.Diagnostics.Stopwatch.GetTimestamp() - start);
        return (image, emit.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray());
    }

    /// <summary>
    /// What the declaration analyzer reports on <paramref name="compilation"/>, an AD0001 kept for the reader to throw on
    /// (<see cref="ThrowIfAnalyzerFailed"/>): run directly, binding declarations only. With <c>AUTODIFFGEN_HARNESS_VERIFY=1</c>,
    /// also through the analyzer driver (<see cref="AnalyzerDiagnostics"/>), failing on any difference.
    /// </summary>
    public static ImmutableArray<Diagnostic> DeclarationDiagnostics(Compilation compilation, bool includeSuppressed)
    {
        var direct = DirectAnalyzer.Run(compilation, new DeclarationAnalyzer(), includeSuppressed);
        if (VerifyOnePass) AssertDirectAsDriver(compilation, direct, includeSuppressed);
        return direct;
    }

    /// <summary>Fails unless <paramref name="emitted"/> holds exactly the warnings and errors <c>GetDiagnostics()</c> reports (as a set: the emit's order is its own).</summary>
    public static void AssertEmitAsGetDiagnostics(Compilation compilation, ImmutableArray<Diagnostic> emitted)
    {
        var separate = compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).OrderBy(d => d, StringComparer.Ordinal).ToList();
        var fromEmit = emitted.Select(d => d.ToString()).OrderBy(d => d, StringComparer.Ordinal).ToList();
        if (!separate.SequenceEqual(fromEmit))
        {
            throw new Xunit.Sdk.XunitException("Emit's and GetDiagnostics' compile diagnostics disagree.\nGetDiagnostics:\n" + string.Join("\n", separate) +
                "\nEmit:\n" + string.Join("\n", fromEmit));
        }
    }

    /// <summary>Fails unless <paramref name="direct"/> holds exactly what the analyzer driver reports (as a set), AD0001 aside: either fails the reader.</summary>
    public static void AssertDirectAsDriver(Compilation compilation, ImmutableArray<Diagnostic> direct, bool includeSuppressed)
    {
        var driver = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new DeclarationAnalyzer()), AnalyzerOptions(includeSuppressed))
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        static List<string> Shown(IEnumerable<Diagnostic> ds) =>
            ds.Where(d => d.Id != "AD0001").Select(d => d.ToString() + (d.IsSuppressed ? " (suppressed)" : "")).OrderBy(d => d, StringComparer.Ordinal).ToList();
        if (!Shown(driver).SequenceEqual(Shown(direct)) || driver.Any(d => d.Id == "AD0001") != direct.Any(d => d.Id == "AD0001"))
        {
            throw new Xunit.Sdk.XunitException("The direct analyzer run and the driver disagree.\ndriver:\n" + string.Join("\n", driver) +
                "\ndirect:\n" + string.Join("\n", direct));
        }
    }
}
