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
        var run = CorpusRunner.Execute(directory);
        output.WriteLine(CorpusTests.Summary(run));
        string table = CorpusTests.Table(run);
        if (Environment.GetEnvironmentVariable("AUTODIFFGEN_HELDOUT_REPORT") is { Length: > 0 } path)
        {
            File.WriteAllText(path, table);
            output.WriteLine("report: " + path);
        }
        output.WriteLine(table);
        Assert.NotEmpty(run.Methods);
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
