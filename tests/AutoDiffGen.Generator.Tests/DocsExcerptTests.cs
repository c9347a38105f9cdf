using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using AutoDiffGen.Generator.Tests.ControlFlow;
using AutoDiffGen.Generator.Tests.GraphView;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests;

/// <summary>
/// Every excerpt of generated code in README.md and docs/*.md is real output. An excerpt is the fenced
/// block right after <c>&lt;!-- generated: Namespace.Type.Method --&gt;</c>; the method is looked up in
/// the test example sources (<see cref="Pool"/>) and in the docs' own <c>&lt;!-- source --&gt;</c>
/// blocks (compiled with the SDK's implicit usings). A line <c>...</c> elides: each chunk between
/// elisions must appear, in order, as consecutive lines of the generated file (indentation may be
/// shifted as a whole). Run with AUTODIFFGEN_UPDATE_DOCS=1 to rewrite the chunks from real output
/// (each chunk is re-read from where its first still-matching line now is), then read the diff.
/// </summary>
public class DocsExcerptTests
{
    private const string Elision = "...";

    private static readonly Regex GeneratedMarker = new(@"^\s*<!--\s*generated:\s*(?<key>[\w.]+)\s*-->\s*$");
    private static readonly Regex SourceMarker = new(@"^\s*<!--\s*source\s*-->\s*$");

    /// <summary>The test sources whose methods docs may quote.</summary>
    private static IEnumerable<string> Pool() => new[]
    {
        LectureExamples.Source, FeatureExamples.Source, ControlFlowExamples.Source, CallExamples.Source, GraphExamples.Source, DocsExamples.Source,
    };

    private const string ImplicitUsings = "global using System; global using System.Collections.Generic; global using System.Linq;";

    public static IEnumerable<object[]> Pages() => DocPages().Select(p => new object[] { Path.GetRelativePath(RepoRoot(), p).Replace('\\', '/') });

    private static IEnumerable<string> DocPages()
    {
        string root = RepoRoot();
        return new[] { Path.Combine(root, "README.md") }.Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md").OrderBy(p => p, StringComparer.Ordinal));
    }

    private static readonly Lazy<Dictionary<string, string>> Generated = new(() =>
    {
        var all = new Dictionary<string, string>();
        var sources = Pool().Concat(DocPages().SelectMany(p => Blocks(File.ReadAllLines(p)).Where(b => b.Source).Select(b => string.Join("\n", b.Lines))));
        foreach (string source in sources)
        {
            var result = GeneratorHarness.Run(source, ImplicitUsings);
            foreach (var (hint, text) in result.Generated) all[hint] = text;
        }
        return all;
    });

    /// <summary>The generated file of <paramref name="key"/> (Namespace.Type.Method), whatever its overload suffix.</summary>
    private static string Output(string key)
    {
        var matches = Generated.Value.Where(g => g.Key.StartsWith(key + "_", StringComparison.Ordinal) || g.Key == key + ".g.cs").ToList();
        Assert.True(matches.Count == 1, $"'{key}' names {matches.Count} generated files; known: " + string.Join(", ", Generated.Value.Keys.OrderBy(k => k)));
        return matches[0].Value;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void GeneratedCodeExcerpts_AreRealOutput(string page)
    {
        string path = Path.Combine(RepoRoot(), page);
        var lines = File.ReadAllLines(path).ToList();
        bool update = Environment.GetEnvironmentVariable("AUTODIFFGEN_UPDATE_DOCS") == "1";
        var failures = new List<string>();
        // From the end, so that a rewritten block does not move the ones still to do.
        foreach (var block in Blocks(lines.ToArray()).Where(b => b.Key is not null).Reverse())
        {
            // The generator indents with tabs; the docs show each as four spaces.
            var output = Output(block.Key!).ReplaceLineEndings("\n").Replace("\t", "    ").Split('\n');
            if (update)
            {
                var rewritten = Rewrite(block.Lines, output, out string? error);
                if (error is not null) failures.Add($"{page}:{block.Start + 1} ({block.Key}): {error}");
                else
                {
                    lines.RemoveRange(block.Start, block.Lines.Length);
                    lines.InsertRange(block.Start, rewritten);
                }
                continue;
            }
            string? mismatch = Check(block.Lines, output);
            if (mismatch is not null) failures.Add($"{page}:{block.Start + 1} ({block.Key}): {mismatch}");
        }
        if (update) File.WriteAllText(path, string.Join("\n", lines) + "\n");
        Assert.True(failures.Count == 0, "Excerpts differ from the generator's output (AUTODIFFGEN_UPDATE_DOCS=1 rewrites them):\n" + string.Join("\n\n", failures));
    }

    /// <summary>A fenced block that shows a generated Backward must carry a marker, so none escapes the check.</summary>
    [Theory]
    [MemberData(nameof(Pages))]
    public void EveryExcerptOfGeneratedCode_IsMarked(string page)
    {
        var unmarked = Blocks(File.ReadAllLines(Path.Combine(RepoRoot(), page)))
            .Where(b => b.Key is null && !b.Source && LooksGenerated(b.Lines))
            .Select(b => page + ":" + (b.Start + 1))
            .ToList();
        Assert.True(unmarked.Count == 0, "Generated-code excerpts without <!-- generated: ... -->: " + string.Join(", ", unmarked));
    }

    [Fact]
    public void Check_FindsChunksInOrder_AndRejectsAChangedLine()
    {
        var output = new[] { "a", "    b", "    c", "d", "    e" };
        Assert.Null(Check(new[] { "b", "c", Elision, "e" }, output));
        Assert.NotNull(Check(new[] { "e", Elision, "b" }, output));
        Assert.NotNull(Check(new[] { "b", "x" }, output));
        Assert.Equal(new[] { "b", "c", Elision, "e" }, Rewrite(new[] { "b", "x", Elision, "e" }, output, out _));
    }

    private static bool LooksGenerated(string[] lines) =>
        lines.Any(l => l.Contains("// reverse sweep", StringComparison.Ordinal) || l.Contains("// forward sweep", StringComparison.Ordinal) ||
                       Regex.IsMatch(l, @"^\s*// \w+: .* gate: "));

    /// <summary>Null when every chunk is found in order, else what was not.</summary>
    private static string? Check(string[] excerpt, string[] output)
    {
        int from = 0;
        foreach (var chunk in Chunks(excerpt))
        {
            int at = Find(chunk, output, from);
            if (at < 0)
            {
                return "this chunk is not in the output (after line " + from + "):\n" + string.Join("\n", chunk) +
                       "\n--- output ---\n" + string.Join("\n", output);
            }
            from = at + chunk.Length;
        }
        return null;
    }

    /// <summary>
    /// Each chunk re-read from the output at the place its first still-present line now is, keeping its
    /// length and the elision lines where they are.
    /// </summary>
    private static string[] Rewrite(string[] excerpt, string[] output, out string? error)
    {
        error = null;
        var result = (string[])excerpt.Clone();
        int from = 0;
        foreach (var (start, chunk) in ChunksAt(excerpt))
        {
            int at = Find(chunk, output, from);
            for (int i = 0; i < chunk.Length && at < 0; i++)
            {
                if (chunk[i].Trim().Length == 0) continue;
                int line = from < output.Length ? Array.FindIndex(output, from, l => l.Trim() == WithoutNote(chunk[i]).Trim()) : -1;
                if (line >= i) at = line - i;
            }
            if (at < 0 || at + chunk.Length > output.Length)
            {
                error = "no line of this chunk is in the output any more; rewrite it by hand:\n" + string.Join("\n", chunk);
                return excerpt;
            }
            int text = Array.FindIndex(chunk, l => l.Trim().Length > 0);
            int shift = text < 0 ? 0 : Indent(chunk[text]).Length - Indent(output[at + text]).Length;
            for (int i = 0; i < chunk.Length; i++)
            {
                string line = output[at + i];
                string note = Note.Match(chunk[i]).Value;
                result[start + i] = line.Trim().Length == 0 ? "" : Shift(line, shift) + (note.Length > 0 && line.Trim() == WithoutNote(chunk[i]).Trim() ? note : "");
            }
            from = at + chunk.Length;
        }
        return result;
    }

    private static IEnumerable<string[]> Chunks(string[] excerpt) => ChunksAt(excerpt).Select(c => c.Lines);

    /// <summary>The runs of lines between elisions, with the index of their first line.</summary>
    private static IEnumerable<(int Start, string[] Lines)> ChunksAt(string[] excerpt)
    {
        int start = 0;
        for (int i = 0; i <= excerpt.Length; i++)
        {
            if (i < excerpt.Length && excerpt[i].Trim() != Elision) continue;
            if (i > start) yield return (start, excerpt[start..i]);
            start = i + 1;
        }
    }

    /// <summary>The first index ≥ from where the chunk's lines follow one another, up to one common indentation shift.</summary>
    private static int Find(string[] chunk, string[] output, int from)
    {
        int firstText = Array.FindIndex(chunk, l => l.Trim().Length > 0);
        if (firstText < 0) return from;
        for (int at = from; at + chunk.Length <= output.Length; at++)
        {
            string anchor = output[at + firstText];
            if (anchor.Trim() != chunk[firstText].Trim() && anchor.Trim() != WithoutNote(chunk[firstText]).Trim()) continue;
            int shift = Indent(anchor).Length - Indent(chunk[firstText]).Length;
            bool all = true;
            for (int i = 0; i < chunk.Length && all; i++)
            {
                string want = chunk[i], got = output[at + i];
                all = want.Trim().Length == 0 ? got.Trim().Length == 0 : got == Shift(want, shift) || got == Shift(WithoutNote(want), shift);
            }
            if (all) return at;
        }
        return -1;
    }

    private static readonly Regex Note = new(@"\s{2,}// .*$");

    /// <summary>An excerpt line may add a note for the reader after two or more spaces: <c>x = y;   // why</c>.</summary>
    private static string WithoutNote(string line) => Note.Replace(line, "");

    private static string Shift(string line, int shift) =>
        shift >= 0 ? new string(' ', shift) + line : line.Substring(Math.Min(-shift, Indent(line).Length));

    private static string Indent(string line) => line.Substring(0, line.Length - line.TrimStart().Length);

    private sealed record Block(int Start, string[] Lines, string? Key, bool Source);

    /// <summary>Fenced blocks (their content lines and where those start), with the marker on the line before the fence, if any.</summary>
    private static IEnumerable<Block> Blocks(string[] lines)
    {
        for (int i = 0; i < lines.Length; i++)
        {
            if (!lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal)) continue;
            int open = i;
            int close = Array.FindIndex(lines, open + 1, l => l.TrimStart().StartsWith("```", StringComparison.Ordinal));
            if (close < 0) yield break;
            string before = PreviousNonEmpty(lines, open);
            var generated = GeneratedMarker.Match(before);
            yield return new Block(open + 1, lines.Skip(open + 1).Take(close - open - 1).ToArray(),
                generated.Success ? generated.Groups["key"].Value : null, SourceMarker.IsMatch(before));
            i = close;
        }
    }

    private static string PreviousNonEmpty(string[] lines, int index)
    {
        for (int i = index - 1; i >= 0; i--)
        {
            if (lines[i].Trim().Length > 0) return lines[i];
        }
        return "";
    }

    private static string RepoRoot([CallerFilePath] string path = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(path)!); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AutoDiffGen.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("No AutoDiffGen.sln above " + path);
    }
}
