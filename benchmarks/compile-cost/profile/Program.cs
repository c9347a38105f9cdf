// In-process profile of DifferentiableGenerator on the compile-cost project (issue 6 item 3).
//
//   dotnet run -c Release --project benchmarks/compile-cost/profile -- [SRC_DIR] [--runs N] [--dump DIR (a --generator's: DIR-1, …)] [--only fresh|incremental|steps|compile|server] [--define SYMBOL] [--dir NAME=PATH]
//
// --dir (with --only compile) compiles the .cs files of PATH in place of the generator's output, as one more variant:
// a shape of the generated code (e.g. a --dump edited by a script) measured before the emitter writes it.
//
// --parse (with --only compile) times parsing too: each variant's compilation is made (its files parsed) inside the timing.
//
// --property NAME=VALUE sets an MSBuild property as the generator sees it, e.g. AutoDiffGenFilePerMethod=true (one file per
// method, the layout before one file per type).
//
// --define adds a preprocessor symbol to every tree, e.g. AUTODIFFGEN_NO_ANALYSIS_CACHE (what the MSBuild property
// AutoDiffGenAnalysisCache=false sets) to measure the generator without its analysis cache.
//
// SRC_DIR holds Methods*.cs as written by benchmarks/compile-cost/generate.py (default: generated into
// /tmp/adg-compile-cost-profile with 1,000 methods). Prints, per run:
//   compile   the compiler's own work without the generator (bind + emit to memory), and with the generated code added
//   fresh     a new compilation and a new driver each run: what a command-line build pays
//   warm      a new driver on a compilation whose symbols are already bound (isolates the generator from symbol creation)
//   incremental  the driver kept, one constant in one method edited (what an IDE pays)
//   server    a build through the compiler server after one method is edited: files parsed anew, a new driver, the generator
//             loaded once; the generator's CPU and the compile CPU of its output, apart, per generator (--generator for another)
//   added     in-process what csc does: compile without the generator vs generator + compile with its output
//   --cold    skips the warm-up, so the first run is a cold process's (UseSharedCompilation=false: csc starts anew each build)
//   steps     per tracked pipeline step, summed ElapsedTime (trackIncrementalGeneratorSteps), fresh and incremental
// and a hash of all generated sources, to check that an optimization did not change the output.
using System.Collections.Immutable;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using AutoDiffGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

var positional = new List<string>();
int runs = 5;
string? dump = null;
var only = new HashSet<string>();
var otherGenerators = new List<string>();
var defines = new List<string>();
var dirs = new List<(string Name, string Path)>(); // --dir NAME=PATH: generated files already written (e.g. a hand-edited --dump), compiled as a variant
bool skipDriver = false; // --no-driver: with --only compile, leave out the driver's own output (only --dir variants and the baseline)
bool bare = false; // --bare: with --dir, compile each directory alone (no user files, no baseline): micro-corpora of one generated form
var properties = new Dictionary<string, string>(); // --property NAME=VALUE: an MSBuild property the generator reads (build_property.NAME)
bool withParse = false; // --parse: with --only compile, the timed part includes making the compilation (parsing the files), so text that costs only lexing counts
bool cold = false; // no warm-up: the first run pays JIT and type loading, as a csc process without the compiler server does
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--runs": runs = int.Parse(args[++i]); break;
        case "--dump": dump = args[++i]; break;
        case "--only": only.Add(args[++i]); break;
        case "--generator": otherGenerators.Add(args[++i]); break;
        case "--cold": cold = true; break;
        case "--parse": withParse = true; break;
        case "--property": { var spec = args[++i]; int eq = spec.IndexOf('='); properties["build_property." + spec[..eq]] = spec[(eq + 1)..]; break; }
        case "--no-driver": skipDriver = true; break;
        case "--bare": bare = true; skipDriver = true; break;
        case "--define": defines.Add(args[++i]); break;
        case "--dir": { var spec = args[++i]; int eq = spec.IndexOf('='); dirs.Add((spec[..eq], spec[(eq + 1)..])); break; }
        default: positional.Add(args[i]); break;
    }
}
bool Want(string what) => only.Count == 0 || only.Contains(what);

string src = positional.Count > 0 ? positional[0] : "/tmp/adg-compile-cost-profile/src";
if (!Directory.Exists(src))
{
    string root = FindRepoRoot();
    string outDir = Path.GetDirectoryName(Path.GetFullPath(src))!;
    Console.WriteLine($"generating 1,000 methods into {outDir}");
    var python = Process.Start(new ProcessStartInfo("/usr/bin/python3", $"{root}/benchmarks/compile-cost/generate.py {outDir} 1000"))!;
    python.WaitForExit();
    if (python.ExitCode != 0) throw new Exception("generate.py failed");
}

var parseOptions = new CSharpParseOptions(LanguageVersion.Latest, preprocessorSymbols: defines);
var files = Directory.GetFiles(src, "Methods*.cs").OrderBy(f => f, StringComparer.Ordinal).ToArray();
var texts = files.Select(File.ReadAllText).ToArray();
string callers = File.Exists(Path.Combine(src, "Callers.cs")) ? File.ReadAllText(Path.Combine(src, "Callers.cs")) : "";
int methods = texts.Sum(t => CountOf(t, "[Differentiable"));
var references = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
    .Append(MetadataReference.CreateFromFile(typeof(AutoDiffGen.DifferentiableAttribute).Assembly.Location))
    .ToImmutableArray();
var compilationOptions = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release,
    nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true);

Console.WriteLine($"{methods} [Differentiable] methods in {files.Length} files; load {File.ReadAllText("/proc/loadavg").Trim()}; {Environment.ProcessorCount} cores");

CSharpCompilation NewCompilation(bool withCallers) => CSharpCompilation.Create("CompileCost",
    texts.Select((t, i) => CSharpSyntaxTree.ParseText(t, parseOptions, path: files[i]))
        .Concat(withCallers && callers.Length > 0 ? new[] { CSharpSyntaxTree.ParseText(callers, parseOptions, path: "Callers.cs") } : Array.Empty<SyntaxTree>()),
    references, compilationOptions);

// The generator built with this tool, and any other builds of it given with --generator (e.g. an older commit's), to
// compare in the same process, runs interleaved so that a change in machine load hits all of them.
var generators = new List<(string Name, Func<IIncrementalGenerator> Create)> { ("this build", () => new DifferentiableGenerator()) };
foreach (var path in otherGenerators)
{
    var context = new System.Runtime.Loader.AssemblyLoadContext("generator " + path);
    var assembly = context.LoadFromAssemblyPath(Path.GetFullPath(path));
    var type = assembly.GetType("AutoDiffGen.Generator.DifferentiableGenerator", throwOnError: true)!;
    generators.Add((path, () => (IIncrementalGenerator)Activator.CreateInstance(type)!));
}

GeneratorDriver NewDriver(bool track, int generator = 0) => CSharpGeneratorDriver.Create(
    new[] { generators[generator].Create().AsSourceGenerator() }, parseOptions: parseOptions,
    optionsProvider: new Properties(properties),
    driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: track));

// Warm-up: JIT the generator and Roslyn once, as a long-lived compiler server has.
for (int g = 0; g < (cold || skipDriver ? 0 : generators.Count); g++)
{
    var c = NewCompilation(true);
    var d = NewDriver(false, g).RunGeneratorsAndUpdateCompilation(c, out var output, out var diagnostics);
    var result = d.GetRunResult();
    var generated = result.Results.SelectMany(r => r.GeneratedSources).OrderBy(s => s.HintName, StringComparer.Ordinal).ToList();
    var all = string.Concat(generated.Select(s => s.HintName + "\n" + s.SourceText));
    string hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(all)))[..16];
    var errors = output.GetDiagnostics().Where(x => x.Severity == DiagnosticSeverity.Error).ToList();
    Console.WriteLine($"[{generators[g].Name}] warm-up: {generated.Count} generated files, {all.Length:N0} chars, sha256 {hash}; generator diagnostics {diagnostics.Length}; compile errors {errors.Count}");
    foreach (var e in diagnostics.Concat(errors).Take(5)) Console.WriteLine("  " + e);
    if (dump is not null)
    {
        // This build's output into DIR, each --generator's into DIR-1, DIR-2, …: dumps of two generators from one run.
        string into = g == 0 ? dump : dump + "-" + g;
        Directory.CreateDirectory(into);
        foreach (var s in generated) File.WriteAllText(Path.Combine(into, s.HintName), s.SourceText.ToString());
        Console.WriteLine($"generated sources written to {into}");
    }
}

if (Want("added"))
{
    // What csc does, in-process: "without" = the 20 files, bound and emitted; "with" = generator run (fresh
    // compilation and driver) + the output compilation (user code + generated code) bound and emitted. The
    // difference is what the generator adds to a build, less msbuild's and the analyzers' share.
    var names = new List<string> { "without" };
    names.AddRange(generators.Select(g => "with " + g.Name));
    var wall = names.Select(_ => new List<double>()).ToList();
    var cpu = names.Select(_ => new List<double>()).ToList();
    var genWall = generators.Select(_ => new List<double>()).ToList();
    for (int r = 0; r < runs; r++)
    {
        for (int v = 0; v < names.Count; v++)
        {
            GC.Collect();
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            if (v == 0)
            {
                Emit(NewCompilation(false));
            }
            else
            {
                NewDriver(false, v - 1).RunGeneratorsAndUpdateCompilation(NewCompilation(true), out var output, out _);
                genWall[v - 1].Add(sw.Elapsed.TotalMilliseconds);
                Emit(output);
            }
            wall[v].Add(sw.Elapsed.TotalMilliseconds);
            cpu[v].Add((Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds);
        }
    }
    for (int v = 0; v < names.Count; v++)
    {
        Console.WriteLine($"added: {names[v]}: wall {Summary(wall[v])}");
        Console.WriteLine($"    cpu {Summary(cpu[v])}" + (v > 0 ? $"; of which generator wall {Summary(genWall[v - 1])}" : ""));
        if (v > 0) Console.WriteLine($"    added vs without: wall {wall[v].Min() - wall[0].Min():F0} ms (best vs best), {Median(wall[v]) - Median(wall[0]):F0} ms (median vs median); cpu {cpu[v].Min() - cpu[0].Min():F0} ms (best vs best)");
    }
}

if (Want("compile"))
{
    // What the compiler does anyway (the "without" build), and with the generated code (the "with" build minus the
    // generator); with --only compile-variants also the generated code under other nullable contexts (its header line).
    // Variants are interleaved within each run; CPU time is the steadier figure on a shared machine.
    var variants = new List<(string Name, Func<Compilation> Make)>
    {
        ("no generator", () => NewCompilation(false)),
        ("generated code included (driver output)", () =>
        {
            NewDriver(false).RunGeneratorsAndUpdateCompilation(NewCompilation(true), out var output, out _);
            return output;
        }),
    };
    if (skipDriver) variants.RemoveAt(1);
    if (bare) variants.Clear();
    if (only.Contains("compile-variants"))
    {
        foreach (var (name, header) in new[] { ("#nullable enable", "#nullable enable\n"), ("#nullable enable annotations + disable warnings", "#nullable enable annotations\n#nullable disable warnings\n"), ("#nullable disable", "#nullable disable\n") })
        {
            variants.Add(("generated code under " + name, () =>
            {
                var c = NewCompilation(true);
                var d = NewDriver(false).RunGenerators(c);
                var generated = d.GetRunResult().Results.SelectMany(x => x.GeneratedSources)
                    .Select(x => CSharpSyntaxTree.ParseText(WithHeader(x.SourceText.ToString(), header), parseOptions, path: x.HintName));
                return c.AddSyntaxTrees(generated);
            }));
        }
    }
    foreach (var (name, path) in dirs)
    {
        // A shape of the generated code to try before teaching the emitter to write it: the files of PATH instead of the
        // driver's output (without Callers.cs, so PATH may hold only some of the methods).
        var sources = Directory.GetFiles(path, "*.cs").OrderBy(f => f, StringComparer.Ordinal).Select(f => (f, File.ReadAllText(f))).ToList();
        var parse = Stopwatch.StartNew();
        foreach (var (f, text) in sources) CSharpSyntaxTree.ParseText(text, parseOptions, path: f).GetRoot();
        Console.WriteLine($"{name}: {sources.Count} files, {sources.Sum(x => (long)x.Item2.Length):N0} chars, parsed in {parse.Elapsed.TotalMilliseconds:F0} ms (first parse)");
        variants.Add(($"generated code from {name}", () => (bare ? CSharpCompilation.Create("Forms", null, references, compilationOptions) : NewCompilation(false)).AddSyntaxTrees(sources.Select(x => CSharpSyntaxTree.ParseText(x.Item2, parseOptions, path: x.f)))));
    }
    if (only.Contains("compile-variants"))
    {
        // How much of compiling the generated code is its comments (// and /// lines): a question for the emitter.
        variants.Add(("generated code without comment lines", () =>
        {
            var c = NewCompilation(true);
            var d = NewDriver(false).RunGenerators(c);
            var generated = d.GetRunResult().Results.SelectMany(x => x.GeneratedSources)
                .Select(x => CSharpSyntaxTree.ParseText(string.Join("\n", x.SourceText.ToString().Split('\n').Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal) || l.Contains("<auto-generated/>"))), parseOptions, path: x.HintName));
            return c.AddSyntaxTrees(generated);
        }));
    }
    var wall = variants.Select(_ => new List<double>()).ToList();
    var cpu = variants.Select(_ => new List<double>()).ToList();
    if (bare) foreach (var v in variants) Emit(v.Make()); // warm-up: Roslyn's paths for each form JIT-compiled once
    for (int r = 0; r < runs; r++)
    {
        for (int v = 0; v < variants.Count; v++)
        {
            var c = withParse ? null : variants[v].Make();
            GC.Collect();
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            wall[v].Add(Time(() => Emit(c ?? variants[v].Make())));
            cpu[v].Add((Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds);
        }
    }
    for (int v = 0; v < variants.Count; v++)
    {
        Console.WriteLine($"compile (bind+emit), {variants[v].Name}: wall {Summary(wall[v])}");
        Console.WriteLine($"    cpu {Summary(cpu[v])}");
    }
}

if (Want("server"))
{
    // What a build through the compiler server pays after one method is edited, in its two parts, per generator (this
    // build and each --generator, rounds interleaved): the files parsed anew with one constant flipped, a new driver on
    // the generator loaded once (its static caches kept, as the server keeps them), then
    //   generator  CPU of RunGeneratorsAndUpdateCompilation (the driver's steps, the caches' look-ups, the emitter)
    //   compile    CPU of binding and emitting the output compilation, less the same for the user files alone ("without",
    //              measured in the same round): what the compiler pays for the generated trees.
    // Each round flips the constant once, so every round is an edit; CPU (process, GC threads included) is the figure.
    var names = new List<string> { "without" };
    names.AddRange(generators.Select(g => g.Name));
    var genCpu = generators.Select(_ => new List<double>()).ToList();
    var compileCpu = names.Select(_ => new List<double>()).ToList();
    var editedTexts = (string[])texts.Clone();
    CSharpCompilation EditedCompilation(bool withCallers) => CSharpCompilation.Create("CompileCost",
        editedTexts.Select((t, i) => CSharpSyntaxTree.ParseText(t, parseOptions, path: files[i]))
            .Concat(withCallers && callers.Length > 0 ? new[] { CSharpSyntaxTree.ParseText(callers, parseOptions, path: "Callers.cs") } : Array.Empty<SyntaxTree>()),
        references, compilationOptions);
    // The build before the first timed one: every generator has seen this text (the server's previous build).
    for (int g = 0; g < generators.Count; g++) NewDriver(false, g).RunGenerators(EditedCompilation(true));
    for (int r = 0; r < runs; r++)
    {
        string t0 = editedTexts[0];
        editedTexts[0] = t0.Contains("/*EDIT*/ 0.5;") ? ReplaceFirst(t0, "/*EDIT*/ 0.5;", "/*EDIT*/ 0.75;") : ReplaceFirst(t0, "/*EDIT*/ 0.75;", "/*EDIT*/ 0.5;");
        if (editedTexts[0] == t0) throw new Exception("no /*EDIT*/ marker to flip in " + files[0]);
        var order = (r % 2 == 0 ? Enumerable.Range(0, names.Count) : Enumerable.Range(0, names.Count).Reverse()).ToList();
        foreach (int v in order)
        {
            var c = EditedCompilation(v > 0);
            Compilation output = c;
            GC.Collect();
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            if (v > 0)
            {
                NewDriver(false, v - 1).RunGeneratorsAndUpdateCompilation(c, out output, out _);
                var cpu1 = Process.GetCurrentProcess().TotalProcessorTime;
                genCpu[v - 1].Add((cpu1 - cpu0).TotalMilliseconds);
                GC.Collect();
                cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            }
            Emit(output);
            compileCpu[v].Add((Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds);
        }
    }
    Console.WriteLine($"server build after an edit, {runs} rounds; load {File.ReadAllText("/proc/loadavg").Trim()}");
    Console.WriteLine($"  compile, without the generator: cpu {Summary(compileCpu[0])}");
    for (int g = 0; g < generators.Count; g++)
    {
        var added = compileCpu[g + 1].Select((x, i) => x - compileCpu[0][i]).ToList();
        var total = added.Select((x, i) => x + genCpu[g][i]).ToList();
        Console.WriteLine($"  [{generators[g].Name}] generator cpu {Summary(genCpu[g])}");
        Console.WriteLine($"  [{generators[g].Name}] compile cpu {Summary(compileCpu[g + 1])}; added over without (same round) {Summary(added)}");
        Console.WriteLine($"  [{generators[g].Name}] added in all (generator + compile) {Summary(total)}");
    }
}

if (Want("fresh"))
{
    var wall = generators.Select(_ => new List<double>()).ToList();
    var cpu = generators.Select(_ => new List<double>()).ToList();
    for (int r = 0; r < runs; r++)
    {
        foreach (int g in Order(r))
        {
            var c = NewCompilation(true);
            var driver = NewDriver(false, g);
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            driver = driver.RunGenerators(c);
            wall[g].Add(sw.Elapsed.TotalMilliseconds);
            cpu[g].Add((Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds);
        }
    }
    for (int g = 0; g < generators.Count; g++)
    {
        Console.WriteLine($"[{generators[g].Name}] fresh compilation + fresh driver (command line): wall {Summary(wall[g])}");
        Console.WriteLine($"    cpu {Summary(cpu[g])} (process CPU, GC threads included); per method {wall[g].Min() / methods:F3} ms wall (best)");
    }
}

if (Want("floor"))
{
    // The least any design that binds each body can pay: GetOperation on every [Differentiable] body of a fresh compilation,
    // with and without nullable analysis, nothing else.
    foreach (bool nullable in new[] { true, false })
    {
        var wall = new List<double>();
        for (int r = 0; r < runs; r++)
        {
            var c = NewCompilation(true);
            wall.Add(Time(() =>
            {
                foreach (var tree in c.SyntaxTrees)
                {
#pragma warning disable RSEXPERIMENTAL001
                    var model = c.GetSemanticModel(tree, nullable ? SemanticModelOptions.None : SemanticModelOptions.DisableNullableAnalysis);
#pragma warning restore RSEXPERIMENTAL001
                    foreach (var m in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>())
                    {
                        if (m.AttributeLists.Count > 0) _ = model.GetOperation(m);
                    }
                }
            }));
        }
        Console.WriteLine($"floor: GetOperation of every body, nullable analysis {(nullable ? "on: " : "off:")}  {Summary(wall)}");
    }
}

if (Want("warm"))
{
    var c = NewCompilation(true);
    _ = c.GetDiagnostics(); // binds every method body: symbol tables warm
    var wall = new List<double>();
    for (int r = 0; r < runs; r++)
    {
        var driver = NewDriver(false);
        wall.Add(Time(() => driver.RunGenerators(c)));
    }
    Console.WriteLine($"bound compilation + fresh driver:               {Summary(wall)}");
}

if (Want("incremental"))
{
    var wall = generators.Select(_ => new List<double>()).ToList();
    var cpu = generators.Select(_ => new List<double>()).ToList();
    var compilation = NewCompilation(true);
    var drivers = generators.Select((_, g) => NewDriver(false, g).RunGenerators(compilation)).ToList();
    for (int r = 0; r < runs; r++)
    {
        compilation = Edit(compilation, r);
        foreach (int g in Order(r))
        {
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            drivers[g] = drivers[g].RunGenerators(compilation);
            wall[g].Add(sw.Elapsed.TotalMilliseconds);
            cpu[g].Add((Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds);
        }
    }
    for (int g = 0; g < generators.Count; g++)
    {
        Console.WriteLine($"[{generators[g].Name}] kept driver, one method edited (IDE): wall {Summary(wall[g])}");
        Console.WriteLine($"    cpu {Summary(cpu[g])}");
    }
}

if (Want("steps"))
{
    var c = NewCompilation(true);
    var driver = NewDriver(true);
    var sw = Stopwatch.StartNew();
    driver = driver.RunGenerators(c);
    double fresh = sw.Elapsed.TotalMilliseconds;
    PrintSteps("fresh run", driver.GetRunResult(), fresh);
    c = Edit(c, 0);
    sw.Restart();
    driver = driver.RunGenerators(c);
    PrintSteps("incremental run (one method edited)", driver.GetRunResult(), sw.Elapsed.TotalMilliseconds);
}

if (Want("emit"))
{
    // The emitter alone (SourceOutput: what every build pays per method, analysis cache or not), on the models of one
    // run: all of MBackward's text, then its parts (the adjoint program and its passes; the writer).
    var driver = NewDriver(true).RunGenerators(NewCompilation(true));
    var models = driver.GetRunResult().Results[0].TrackedSteps[AutoDiffGen.Generator.TrackingNames.EmitModels]
        .SelectMany(s => s.Outputs).Select(o => (AutoDiffGen.Generator.Model.MethodModel)o.Value).ToList();
    var parts = new (string Name, Action<AutoDiffGen.Generator.Model.MethodModel> Run)[]
    {
        ("emit (all of MBackward's file)", m => AutoDiffGen.Generator.Emit.BackwardEmitter.Emit(m)),
        ("emit without forward inlining", m => AutoDiffGen.Generator.Emit.BackwardEmitter.Emit(m, inlineForward: false)),
        ("adjoint program + passes", m => { var g = AutoDiffGen.Generator.Graph.ParameterCopy.Apply(m.Graph); AutoDiffGen.Generator.Differentiation.Differentiator.Backward(g, new AutoDiffGen.Generator.Graph.Activity(g)); }),
    };
    long chars = models.Sum(m => (long)AutoDiffGen.Generator.Emit.BackwardEmitter.Emit(m).Length);
    Console.WriteLine($"emit: {models.Count} models, {chars:N0} chars");
    for (int p = 0; p < parts.Length; p++)
    {
        var times = new List<double>();
        var cpus = new List<double>();
        var allocs = new List<double>();
        for (int r = 0; r < runs; r++)
        {
            GC.Collect();
            long a0 = GC.GetAllocatedBytesForCurrentThread();
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            foreach (var m in models) parts[p].Run(m);
            times.Add(sw.Elapsed.TotalMilliseconds);
            cpus.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds);
            allocs.Add((GC.GetAllocatedBytesForCurrentThread() - a0) / 1e6);
        }
        Console.WriteLine($"  {parts[p].Name,-32} wall best {times.Min(),7:F0} ms, median {Median(times),7:F0} ms; cpu best {cpus.Min(),7:F0} ms; allocated {allocs.Min(),6:F0} MB");
    }
}

// Which generator goes first alternates between runs (the first after an edit binds the edited tree's symbols).
IEnumerable<int> Order(int run) => run % 2 == 0 ? Enumerable.Range(0, generators.Count) : Enumerable.Range(0, generators.Count).Reverse();

static void PrintSteps(string title, GeneratorDriverRunResult run, double wall)
{
    var result = run.Results[0];
    Console.WriteLine($"{title}: {wall:F0} ms wall");
    foreach (var (kind, steps) in new[] { ("step", result.TrackedSteps), ("output", result.TrackedOutputSteps) })
    {
        foreach (var kv in steps.OrderByDescending(kv => kv.Value.Sum(s => s.ElapsedTime.TotalMilliseconds)))
        {
            var reasons = kv.Value.SelectMany(s => s.Outputs).GroupBy(o => o.Reason).Select(g => $"{g.Key} {g.Count()}");
            Console.WriteLine($"  {kind,-6} {kv.Key,-40} {kv.Value.Sum(s => s.ElapsedTime.TotalMilliseconds),9:F1} ms  {kv.Value.Length,5} runs  [{string.Join(", ", reasons)}]");
        }
    }
}

CSharpCompilation Edit(CSharpCompilation c, int r)
{
    var tree = c.SyntaxTrees.First(t => t.FilePath == files[0]);
    string text = tree.ToString();
    string edited = text.Contains("/*EDIT*/ 0.5;") ? ReplaceFirst(text, "/*EDIT*/ 0.5;", "/*EDIT*/ 0.75;") : ReplaceFirst(text, "/*EDIT*/ 0.75;", "/*EDIT*/ 0.5;");
    if (edited == text) throw new Exception("no /*EDIT*/ marker to flip in " + files[0]);
    return c.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(edited, parseOptions, path: files[0]));
}

// The generated file with its nullable directives (the lines after "// <auto-generated/>") replaced by header.
static string WithHeader(string text, string header)
{
    int start = text.IndexOf("#nullable", StringComparison.Ordinal);
    int end = text.IndexOf("\n\n", start, StringComparison.Ordinal) + 1;
    return text[..start] + header + text[end..];
}

static string ReplaceFirst(string text, string what, string with)
{
    int at = text.IndexOf(what, StringComparison.Ordinal);
    return at < 0 ? text : text[..at] + with + text[(at + what.Length)..];
}

static void Emit(Compilation c)
{
    using var stream = new MemoryStream();
    var result = c.Emit(stream);
    if (!result.Success) throw new Exception("emit failed: " + string.Join("\n", result.Diagnostics.Take(5)));
}

static double Time(Action action)
{
    var sw = Stopwatch.StartNew();
    action();
    return sw.Elapsed.TotalMilliseconds;
}

static string Summary(List<double> ms)
{
    var sorted = ms.OrderBy(x => x).ToList();
    return $"best {sorted[0],7:F0} ms, median {sorted[sorted.Count / 2],7:F0} ms  [{string.Join(" ", ms.Select(x => x.ToString("F0")))}]";
}

static double Median(List<double> ms) => ms.OrderBy(x => x).ElementAt(ms.Count / 2);

static int CountOf(string text, string what)
{
    int n = 0;
    for (int at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + 1, StringComparison.Ordinal)) n++;
    return n;
}

static string FindRepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "AutoDiffGen.sln"))) return dir.FullName;
    }
    throw new Exception("repository root not found");
}

/// <summary>The MSBuild properties given with --property, as the compiler passes compiler-visible ones to a generator.</summary>
sealed class Properties(Dictionary<string, string> values) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider
{
    public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GlobalOptions { get; } = new Options(values);
    public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(new());
    public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options(new());

    sealed class Options(Dictionary<string, string> values) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
