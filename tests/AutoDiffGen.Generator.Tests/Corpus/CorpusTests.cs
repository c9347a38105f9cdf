using System.Text;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Corpus;

/// <summary>
/// Real numeric code, copied verbatim from public libraries (Corpus/Sources, see docs/corpus.md), each method
/// [Differentiable], in one Nullable-enabled compilation. Every method must get an ADG error, or a Backward that
/// compiles without warnings and agrees with central differences. AUTODIFFGEN_CORPUS_REPORT=path writes the
/// per-method table.
/// </summary>
public class CorpusTests(ITestOutputHelper output)
{
    [Fact]
    public void EveryCorpusMethodIsDiagnosedOrHasACorrectBackward()
    {
        var run = CorpusRunner.Execute();
        string summary = Summary(run);
        output.WriteLine(summary);
        if (Environment.GetEnvironmentVariable("AUTODIFFGEN_CORPUS_REPORT") is { Length: > 0 } path)
        {
            File.WriteAllText(path, Table(run));
            output.WriteLine("report: " + path);
        }

        Assert.True(run.Methods.Count >= 200, "the corpus must hold at least 200 [Differentiable] methods; it holds " + run.Methods.Count);
        var failures = run.Methods.Concat(run.Helpers).Where(m => m.Status is CorpusStatus.Wrong or CorpusStatus.Broken).ToList();
        Assert.True(failures.Count == 0 && run.Global.Count == 0,
            summary + "\n" + string.Join("\n", failures.Select(m => m.Status + " " + m.Signature + ": " + string.Join(" | ", m.Details))));
    }

    /// <summary>Counts: ok / diagnosed by id / wrong / broken / unchecked (listed by name).</summary>
    public static string Summary(CorpusRunner.Run run)
    {
        var s = new StringBuilder();
        int Count(CorpusStatus status) => run.Methods.Count(m => m.Status == status);
        s.AppendLine($"corpus: {run.Methods.Count} methods from {run.Methods.Select(m => m.File).Distinct().Count()} files (generate+compile {run.Generate.TotalSeconds:F1} s, gradient checks {run.Judge.TotalSeconds:F1} s)");
        s.AppendLine($"ok {Count(CorpusStatus.Ok)} / diagnosed {Count(CorpusStatus.Diagnosed)} / wrong {Count(CorpusStatus.Wrong)} / broken {Count(CorpusStatus.Broken)} / unchecked {Count(CorpusStatus.Unchecked)}");
        var byId = run.Methods.Where(m => m.Status == CorpusStatus.Diagnosed).SelectMany(m => m.ErrorIds).GroupBy(id => id).OrderBy(g => g.Key, StringComparer.Ordinal);
        s.AppendLine("diagnosed by id (a method may have several): " + string.Join(", ", byId.Select(g => g.Key + " " + g.Count())));
        if (run.Helpers.Count > 0)
            s.AppendLine($"helpers judged through their callers: {run.Helpers.Count} (diagnosed {run.Helpers.Count(m => m.Status == CorpusStatus.Diagnosed)}, broken {run.Helpers.Count(m => m.Status == CorpusStatus.Broken)})");
        foreach (var m in run.Methods.Where(m => m.Status == CorpusStatus.Unchecked)) s.AppendLine("unchecked: " + m.Signature + " (" + string.Join("; ", m.Details) + ")");
        foreach (var g in run.Global) s.AppendLine("global: " + g);
        return s.ToString();
    }

    /// <summary>One tab-separated line per method: signature, file, status, ids, details.</summary>
    public static string Table(CorpusRunner.Run run)
    {
        var s = new StringBuilder("method\tfile\tstatus\terrors\twarnings\tdetails\n");
        foreach (var m in run.Methods.Concat(run.Helpers).OrderBy(m => m.Status).ThenBy(m => m.Signature, StringComparer.Ordinal))
        {
            s.Append(m.Signature).Append('\t').Append(m.File).Append('\t').Append(m.Status).Append('\t')
             .Append(string.Join(",", m.ErrorIds)).Append('\t').Append(string.Join(",", m.WarningIds)).Append('\t')
             .Append(string.Join(" | ", m.Details).Replace('\t', ' ').Replace('\n', ' ')).Append('\n');
        }
        foreach (var g in run.Global) s.Append("(global)\t\tBroken\t\t\t").Append(g.Replace('\t', ' ').Replace('\n', ' ')).Append('\n');
        return s.ToString();
    }
}
