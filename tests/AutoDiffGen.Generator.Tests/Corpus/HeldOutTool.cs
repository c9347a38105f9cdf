using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.PeerSuite;
using AutoDiffGen.Generator.Tests.PeerSuite.Modes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Corpus;

/// <summary>
/// A developer tool, not a CI test: runs the corpus judge (<see cref="CorpusRunner"/>) over a folder of copied code
/// that is deliberately kept out of the repository (a held-out library, e.g. Math.NET Numerics extracted with
/// Corpus/Tools/extract.py into /tmp/mathnet-heldout), and prints the verdict counts and the per-method report.
/// Without AUTODIFFGEN_HELDOUT_DIR it is reported as skipped and does nothing. It asserts only that the run itself
/// completed; the figures are for the developer to read (docs/corpus.md, "Held-out check").
/// AUTODIFFGEN_HELDOUT_REPORT=path also writes the tab-separated report there.
/// </summary>
public class HeldOutTool(ITestOutputHelper output)
{
    [HeldOutFact]
    public void JudgeHeldOutFolder()
    {
        var directory = Environment.GetEnvironmentVariable("AUTODIFFGEN_HELDOUT_DIR")!;
        // Structs of reals are judged here (hunt16: OpenTK's vectors), not in the committed corpus, whose struct methods
        // are judged through their callers as before.
        var run = CorpusRunner.Execute(directory, judgeStructs: true);
        output.WriteLine(CorpusTests.Summary(run));
        string table = CorpusTests.Table(run);
        if (Environment.GetEnvironmentVariable("AUTODIFFGEN_HELDOUT_REPORT") is { Length: > 0 } path)
        {
            File.WriteAllText(path, table);
            output.WriteLine("report: " + path);
        }
        output.WriteLine(table);
        output.WriteLine(OlderLanguage(directory));
        Assert.NotEmpty(run.Methods);
    }

    /// <summary>
    /// The other modes of the same folder (hunt17): every method whose attribute sets <c>Forward = true</c>, <c>Hessian = true</c>
    /// or <c>Jacobian = true</c> (the developer rewrites the marks, e.g. with sed) is judged by the peer suite's mode judge
    /// (<see cref="ModeRunner"/>: tangents against central differences of the method, Hessians against central differences
    /// of the Backward's gradient), and the counts per mode are printed, with every case that is not ok.
    /// </summary>
    [HeldOutFact]
    public void JudgeHeldOutFolderModes()
    {
        var run = ModeRunner.Execute(Environment.GetEnvironmentVariable("AUTODIFFGEN_HELDOUT_DIR")!);
        output.WriteLine(PeerModesTests.Summary(run));
        output.WriteLine(string.Join("\n", run.Global.Select(g => "global: " + g)));
        Assert.NotEmpty(run.Cases);
    }

    /// <summary>
    /// The files of the folder that parse as C# 7.3 (the copied library code, usually) generated again as a C# 7.3 project
    /// without nullable builds them: every warning or error in a generated file is listed (it would break that build).
    /// </summary>
    private static string OlderLanguage(string directory)
    {
        var parse = new CSharpParseOptions(LanguageVersion.CSharp7_3);
        var texts = Directory.GetFiles(directory, "*.cs").OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllText)
            .Where(t => !CSharpSyntaxTree.ParseText(t, parse).GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error)).ToArray();
        var result = LanguageVersionHarness.Run(LanguageVersion.CSharp7_3, false, null, texts);
        var generated = result.CompileDiagnostics.Where(d => d.Location.SourceTree is { } t && !t.FilePath.StartsWith("User", StringComparison.Ordinal)).ToList();
        var user = result.CompileDiagnostics.Count(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } t && t.FilePath.StartsWith("User", StringComparison.Ordinal));
        return $"C# 7.3: {texts.Length} files parse, {result.Generated.Count} generated files, {generated.Count} diagnostics in generated code, {user} errors in user code\n" +
               string.Join("\n", generated.Take(40));
    }

    private sealed class HeldOutFactAttribute : FactAttribute
    {
        public HeldOutFactAttribute()
        {
            if (Environment.GetEnvironmentVariable("AUTODIFFGEN_HELDOUT_DIR") is null)
                Skip = "developer tool: set AUTODIFFGEN_HELDOUT_DIR=<folder of copied .cs files> to judge a held-out library";
        }
    }
}
