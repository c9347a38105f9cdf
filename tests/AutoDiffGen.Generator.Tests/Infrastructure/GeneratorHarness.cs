using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using AutoDiffGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AutoDiffGen.Generator.Tests.Infrastructure;

/// <summary>Runs the generator in-process on user source, and compiles and loads the result.</summary>
public static partial class GeneratorHarness
{
    /// <summary>
    /// The language version of the tests' user code and of the generated code compiled with it: latest, or the one named by
    /// <c>AUTODIFFGEN_LANGVERSION</c> (e.g. <c>12</c>, .NET 8's default), to run a suite the way an older project builds it.
    /// </summary>
    public static readonly CSharpParseOptions ParseOptions = new(
        LanguageVersionFacts.TryParse(Environment.GetEnvironmentVariable("AUTODIFFGEN_LANGVERSION"), out var version) ? version : LanguageVersion.Latest);

    private static readonly ImmutableArray<MetadataReference> References =
        Basic.Reference.Assemblies.Net100.References.All
            .Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(DifferentiableAttribute).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(AutoDiffGen.Tensors.Tensor).Assembly.Location))
            .ToImmutableArray();

    public static CSharpCompilation CreateCompilation(params string[] sources)
    {
        SyntaxTree[] trees;
        using (HarnessProfile.Time("parse"))
        {
            trees = sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"User{i}.cs")).ToArray();
        }
        using var _ = HarnessProfile.Time("create compilation");
        return CSharpCompilation.Create(
            "UserCode" + Guid.NewGuid().ToString("N"),
            trees,
            References,
            CompilationOptions);
    }

    /// <summary>
    /// The test compilations' options. <c>concurrentBuild: false</c>: xunit already keeps both cores busy with two test threads,
    /// so the compiler's own parallel binding and emit (a task per method body) only adds scheduling and contention; the
    /// diagnostics and the emitted code are the same either way (docs/testing.md, suite20). <c>AUTODIFFGEN_HARNESS_CONCURRENT_BUILD=1</c>
    /// turns it back on, to measure the difference.
    /// </summary>
    private static readonly CSharpCompilationOptions CompilationOptions =
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable,
                concurrentBuild: Environment.GetEnvironmentVariable("AUTODIFFGEN_HARNESS_CONCURRENT_BUILD") == "1")
            .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CS1591"] = ReportDiagnostic.Suppress });

    public static GeneratorDriver CreateDriver(bool trackSteps = false, AnalyzerConfigOptionsProvider? options = null) =>
        CSharpGeneratorDriver.Create(
            new[] { new DifferentiableGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            optionsProvider: NullableChecked.Wrap(options),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>
    /// Runs the generator, then the declaration analyzer on the output compilation (as the compiler does: analyzers
    /// see generated files); returns what it produced and every diagnostic.
    /// </summary>
    public static GeneratorOutput Run(params string[] sources) => Run(null, sources);

    /// <summary>Runs the generator with <paramref name="options"/> as the project's MSBuild properties (e.g. AutoDiffGenEmitGraphs).</summary>
    public static GeneratorOutput Run(AnalyzerConfigOptionsProvider? options, params string[] sources)
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
        var (compileDiagnostics, analyzerDiagnostics) = ThroughDriver ? CompileAndAnalyze(output) : CompileThenAnalyzeDirectly(output);
        if (VerifyOnePass) AssertOnePassAsSeparate(output, compileDiagnostics, analyzerDiagnostics);
        return new GeneratorOutput(generated, generatorDiagnostics, compileDiagnostics, (CSharpCompilation)output,
            run.Results.Select(r => r.Exception).Where(e => e is not null).ToImmutableArray()!)
        {
            AnalyzedWithCompile = analyzerDiagnostics,
        };
    }

    /// <summary>The IDs the declaration analyzer reports, and AD0001 (an analyzer exception): the rest of a combined pass is the compiler's.</summary>
    private static readonly HashSet<string> AnalyzerIds =
        new DeclarationAnalyzer().SupportedDiagnostics.Select(d => d.Id).Append("AD0001").ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The compiler's warnings and errors on <paramref name="compilation"/> (as <c>GetDiagnostics()</c> filtered to warnings
    /// and up) and everything the declaration analyzer reports (as <see cref="AnalyzerDiagnostics"/>, an AD0001 kept for the
    /// reader to throw on), from ONE binding of the compilation. Asking the analyzer alone binds every method body again
    /// (the analyzer driver forces the compiler's diagnostics to produce its events), which was the suite's costliest step
    /// (docs/testing.md); the driver's own pass returns the compiler's diagnostics with its own, told apart by ID.
    /// </summary>
    public static (ImmutableArray<Diagnostic> Compile, ImmutableArray<Diagnostic> Analyzer) CompileAndAnalyze(Compilation compilation)
    {
        using var _ = HarnessProfile.Time("compile + analyzer diagnostics (one bind)");
        var all = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new DeclarationAnalyzer()), AnalyzerOptions(includeSuppressed: false))
            .GetAllDiagnosticsAsync().GetAwaiter().GetResult();
        return (all.Where(d => !AnalyzerIds.Contains(d.Id) && d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray(),
            all.Where(d => AnalyzerIds.Contains(d.Id)).ToImmutableArray());
    }

    /// <summary>
    /// <c>AUTODIFFGEN_HARNESS_DRIVER=1</c>: <see cref="Run(string[])"/> takes its diagnostics from the analyzer driver's combined
    /// pass (<see cref="CompileAndAnalyze"/>), as before ci25, instead of <see cref="CompileThenAnalyzeDirectly"/>; for A/Bs.
    /// </summary>
    private static readonly bool ThroughDriver = Environment.GetEnvironmentVariable("AUTODIFFGEN_HARNESS_DRIVER") == "1";

    /// <summary>
    /// What <see cref="CompileAndAnalyze"/> returns, without the analyzer driver: the compiler's warnings and errors from
    /// <c>GetDiagnostics()</c> (one bind of every body, as the driver's pass makes), then the declaration analyzer run
    /// directly (<see cref="DirectAnalyzer"/>: declarations and attributes only). The driver's pass also makes the
    /// compiler queue an event per symbol and tree and runs the analyzer's actions through its own machinery, which cost
    /// more than the bind itself (docs/testing.md, ci25). <c>AUTODIFFGEN_HARNESS_VERIFY=1</c> compares both lists, in order,
    /// with the separate passes (the driver's among them).
    /// </summary>
    public static (ImmutableArray<Diagnostic> Compile, ImmutableArray<Diagnostic> Analyzer) CompileThenAnalyzeDirectly(Compilation compilation)
    {
        ImmutableArray<Diagnostic> compile;
        using (HarnessProfile.Time("compile diagnostics (GetDiagnostics)"))
        {
            compile = compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();
        }
        return (compile, DirectAnalyzer.Run(compilation, new DeclarationAnalyzer(), includeSuppressed: false));
    }

    /// <summary>With <c>AUTODIFFGEN_HARNESS_VERIFY=1</c>, every <see cref="Run(string[])"/> also binds the old way and compares.</summary>
    internal static readonly bool VerifyOnePass = Environment.GetEnvironmentVariable("AUTODIFFGEN_HARNESS_VERIFY") == "1";

    /// <summary>
    /// Fails unless <paramref name="compile"/> and <paramref name="analyzer"/> (from <see cref="CompileThenAnalyzeDirectly"/> or <see cref="CompileAndAnalyze"/>) are,
    /// in order, what <c>GetDiagnostics()</c> (warnings and up) and the analyzer run alone report on <paramref name="compilation"/>.
    /// </summary>
    public static void AssertOnePassAsSeparate(Compilation compilation, ImmutableArray<Diagnostic> compile, ImmutableArray<Diagnostic> analyzer)
    {
        var separateCompile = compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).ToList();
        var separateAnalyzer = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new DeclarationAnalyzer()), AnalyzerOptions(includeSuppressed: false))
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult().Select(d => d.ToString()).ToList();
        if (!separateCompile.SequenceEqual(compile.Select(d => d.ToString())) || !separateAnalyzer.SequenceEqual(analyzer.Select(d => d.ToString())))
        {
            throw new Xunit.Sdk.XunitException("one pass and separate passes disagree.\ncompile, separate:\n" + string.Join("\n", separateCompile) +
                "\ncompile, one pass:\n" + string.Join("\n", compile) + "\nanalyzer, separate:\n" + string.Join("\n", separateAnalyzer) +
                "\nanalyzer, one pass:\n" + string.Join("\n", analyzer));
        }
    }

    private static CompilationWithAnalyzersOptions AnalyzerOptions(bool includeSuppressed) =>
        new(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: false,
            logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: includeSuppressed);

    /// <summary>Throws when the analyzer threw (an AD0001 among <paramref name="all"/>), else returns them.</summary>
    internal static ImmutableArray<Diagnostic> ThrowIfAnalyzerFailed(ImmutableArray<Diagnostic> all)
    {
        var failure = all.FirstOrDefault(d => d.Id == "AD0001");
        if (failure is not null) throw new Xunit.Sdk.XunitException("The analyzer threw: " + failure);
        return all;
    }

    /// <summary>
    /// What <see cref="DeclarationAnalyzer"/> reports on <paramref name="compilation"/>; an analyzer exception fails the test.
    /// With <paramref name="includeSuppressed"/>, also those a <c>#pragma warning disable</c> hides (they are marked IsSuppressed).
    /// </summary>
    public static ImmutableArray<Diagnostic> AnalyzerDiagnostics(Compilation compilation, bool includeSuppressed = false)
    {
        using var _ = HarnessProfile.Time("declaration analyzer (separate bind)");
        var all = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new DeclarationAnalyzer()), AnalyzerOptions(includeSuppressed))
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        return ThrowIfAnalyzerFailed(all);
    }

    /// <summary>Generates, asserts a clean compilation (no errors, no warnings), and loads the assembly.</summary>
    public static Assembly CompileAndLoad(params string[] sources) => CompileAndLoad(null, sources);

    /// <inheritdoc cref="CompileAndLoad(string[])"/>
    public static Assembly CompileAndLoad(AnalyzerConfigOptionsProvider? options, params string[] sources)
    {
        var result = RunForLoad(options, sources);
        result.AssertClean();
        return Load(result);
    }

    /// <summary>Like <see cref="CompileAndLoad"/>, but the generator may report <paramref name="allowedId"/> (and nothing else).</summary>
    public static Assembly CompileAndLoadAllowing(string source, string allowedId, AnalyzerConfigOptionsProvider? options = null)
    {
        var result = RunForLoad(options, source);
        if (result.Diagnostics.Any(d => d.Id != allowedId) || result.CompileDiagnostics.Any(d => d.Id != allowedId) || !result.Exceptions.IsEmpty)
        {
            throw new Xunit.Sdk.XunitException("Expected no diagnostics but " + allowedId + ".\n" + result.Dump());
        }
        return Load(result);
    }

    /// <summary>Emits the output compilation and loads it into a collectible context.</summary>
    public static Assembly Load(GeneratorOutput result)
    {
        if (result.EmittedImage is { } image) return LoadEmitted(image);
        using var stream = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emit;
        using (HarnessProfile.Time("emit"))
        {
            emit = result.Compilation.Emit(stream);
        }
        if (!emit.Success) throw new Xunit.Sdk.XunitException("Emit failed:\n" + string.Join("\n", emit.Diagnostics));
        stream.Position = 0;
        return LoadImage(stream);
    }

    /// <summary>Loads an image from <see cref="EmitWithDiagnostics"/> into a collectible context of its own.</summary>
    internal static Assembly LoadEmitted(byte[] image)
    {
        HarnessProfile.Loaded(image);
        return LoadImage(new MemoryStream(image, writable: false));
    }

    /// <summary>Loads an emitted assembly into a collectible context of its own.</summary>
    private static Assembly LoadImage(Stream stream)
    {
        using var _ = HarnessProfile.Time("load assembly");
        var context = new AssemblyLoadContext("adg-test-" + Guid.NewGuid().ToString("N"), isCollectible: true);
        return context.LoadFromStream(stream);
    }
}

public sealed record GeneratorOutput(
    IReadOnlyDictionary<string, string> Generated,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    ImmutableArray<Diagnostic> CompileDiagnostics,
    CSharpCompilation Compilation,
    ImmutableArray<Exception> Exceptions)
{
    private ImmutableArray<Diagnostic>? _analyzerDiagnostics;

    private readonly ImmutableArray<Diagnostic>? _analyzedWithCompile;

    private readonly CSharpCompilation _analyzedCompilation = null!;

    /// <summary>
    /// What the declaration analyzer reported when the harness found <see cref="CompileDiagnostics"/>
    /// (<see cref="GeneratorHarness.CompileThenAnalyzeDirectly"/> or the direct run of <c>RunForLoad</c>), an AD0001 included: <see cref="AnalyzerDiagnostics"/> reads it
    /// instead of binding the compilation again, and throws on an AD0001 then, as it would have.
    /// </summary>
    internal ImmutableArray<Diagnostic>? AnalyzedWithCompile
    {
        get => _analyzedWithCompile;
        init
        {
            _analyzedWithCompile = value;
            _analyzedCompilation = Compilation;
        }
    }

    private readonly byte[]? _emittedImage;

    private readonly CSharpCompilation _emittedCompilation = null!;

    /// <summary>
    /// The output compilation as <see cref="GeneratorHarness.RunForLoad"/> emitted it (null when it did not emit, or when
    /// this is a copy given another compilation): <see cref="GeneratorHarness.Load"/> loads it instead of emitting again.
    /// </summary>
    internal byte[]? EmittedImage
    {
        get => ReferenceEquals(_emittedCompilation, Compilation) ? _emittedImage : null;
        init
        {
            _emittedImage = value;
            _emittedCompilation = Compilation;
        }
    }

    /// <summary>
    /// What the declaration analyzer reports on the output compilation: from the run made with <see cref="CompileDiagnostics"/>
    /// when <see cref="GeneratorHarness.Run(string[])"/> made this, else run on first use (it binds the compilation again).
    /// </summary>
    public ImmutableArray<Diagnostic> AnalyzerDiagnostics => _analyzerDiagnostics ??=
        _analyzedWithCompile is { } analyzed && ReferenceEquals(_analyzedCompilation, Compilation)
            ? GeneratorHarness.ThrowIfAnalyzerFailed(analyzed)
            : GeneratorHarness.AnalyzerDiagnostics(Compilation);

    /// <summary>What a user sees from AutoDiffGen: the generator's diagnostics and the declaration analyzer's.</summary>
    public ImmutableArray<Diagnostic> Diagnostics => GeneratorDiagnostics.AddRange(AnalyzerDiagnostics);

    /// <summary>The output compilation's warnings and errors with every warning an error, as a project with
    /// TreatWarningsAsErrors builds it.</summary>
    public IEnumerable<Diagnostic> StrictDiagnostics()
    {
        using var _ = HarnessProfile.Time("strict diagnostics (bind)");
        return Compilation.WithOptions(Compilation.Options.WithGeneralDiagnosticOption(ReportDiagnostic.Error))
            .GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
    }

    public string Dump() =>
        "generator diagnostics:\n" + string.Join("\n", GeneratorDiagnostics) +
        "\nanalyzer diagnostics:\n" + string.Join("\n", AnalyzerDiagnostics) +
        "\ncompile diagnostics:\n" + string.Join("\n", CompileDiagnostics) +
        "\nexceptions:\n" + string.Join("\n", Exceptions) +
        "\n" + string.Join("\n", Generated.Select(g => "=== " + g.Key + "\n" + g.Value));

    public void AssertClean()
    {
        if (!GeneratorDiagnostics.IsEmpty || !AnalyzerDiagnostics.IsEmpty || !CompileDiagnostics.IsEmpty || !Exceptions.IsEmpty || Generated.Count == 0)
        {
            throw new Xunit.Sdk.XunitException("Expected generated code with no diagnostics.\n" + Dump());
        }
    }

    public string Single() => Generated.Values.Single();
}

/// <summary>Global analyzer config options, as MSBuild passes compiler-visible properties (<c>build_property.X</c>).</summary>
public sealed class FakeOptions : AnalyzerConfigOptionsProvider
{
    private readonly ImmutableDictionary<string, string> _values;

    public FakeOptions(string key, string value) : this(ImmutableDictionary<string, string>.Empty.Add(key, value))
    {
    }

    private FakeOptions(ImmutableDictionary<string, string> values)
    {
        _values = values;
        GlobalOptions = new Options(values);
    }

    /// <summary>These options and one more property.</summary>
    public FakeOptions And(string key, string value) => new(_values.SetItem(key, value));

    /// <summary>The project sets <c>&lt;AutoDiffGenEmitGraphs&gt;true&lt;/AutoDiffGenEmitGraphs&gt;</c>, visible to the generator.</summary>
    public static FakeOptions EmitGraphs { get; } = new("build_property.AutoDiffGenEmitGraphs", "true");

    /// <summary>A project that leaves <c>AutoDiffGenNullableWarnings</c> unset, as a shipped build does (<see cref="NullableChecked"/>).</summary>
    public static FakeOptions Shipped { get; } = new(NullableChecked.Property, "false");

    /// <summary>A project that leaves <c>AutoDiffGenFilePerMethod</c> unset, as a shipped build does: one generated file per type.</summary>
    public static FakeOptions TypeFiles { get; } = new(NullableChecked.FilePerMethod, "false");

    public override AnalyzerConfigOptions GlobalOptions { get; }

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(ImmutableDictionary<string, string>.Empty);

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options(ImmutableDictionary<string, string>.Empty);

    private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}

/// <summary>
/// The tests' projects set <c>AutoDiffGenNullableWarnings=true</c> unless they say otherwise (<see cref="FakeOptions.Shipped"/>):
/// generated files then keep nullable warnings on, so every generated body a test compiles with warnings as failures is
/// proved free of them. A shipped build turns them off in generated files (only the compiler's flow analysis is skipped).
/// </summary>
public sealed class NullableChecked(AnalyzerConfigOptionsProvider? inner) : AnalyzerConfigOptionsProvider
{
    /// <summary>The compiler-visible property, as MSBuild passes it.</summary>
    public const string Property = "build_property.AutoDiffGenNullableWarnings";

    /// <summary>
    /// Also set to true where the options do not set it: one generated file per method, which the tests' checks name
    /// (a shipped build writes one per type, Emit/TypeFiles; <see cref="FakeOptions.TypeFiles"/> and CompileCost/TypeFiles test that).
    /// </summary>
    public const string FilePerMethod = "build_property.AutoDiffGenFilePerMethod";

    /// <summary><paramref name="options"/> with the property set to true where it does not set it.</summary>
    public static AnalyzerConfigOptionsProvider Wrap(AnalyzerConfigOptionsProvider? options) => new NullableChecked(options);

    public override AnalyzerConfigOptions GlobalOptions { get; } = new Global(inner?.GlobalOptions);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => inner?.GetOptions(tree) ?? None.Instance;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => inner?.GetOptions(textFile) ?? None.Instance;

    private sealed class Global(AnalyzerConfigOptions? inner) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
        {
            if (inner is not null && inner.TryGetValue(key, out value)) return true;
            value = key is Property or FilePerMethod ? "true" : null;
            return value is not null;
        }
    }

    private sealed class None : AnalyzerConfigOptions
    {
        public static readonly None Instance = new();

        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
        {
            value = null;
            return false;
        }
    }
}
