using System.Collections.Concurrent;
using AutoDiffGen.Generator.Tests.Corpus;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Natural;

/// <summary>
/// Natural/Batch compiled once per mode (<see cref="CorpusRunner.Prepare"/>: one compilation of every file, generated,
/// attributed and emitted), and judged file by file, each file once (<see cref="JudgedFile"/>), by whichever test asks
/// first: the group classes (NaturalBatchGroupTests.cs) judge their files on both of xunit's threads, and
/// <see cref="NaturalBatchWholeTests"/> reads every file's verdicts for the run-wide checks.
/// </summary>
internal static class NaturalBatch
{
    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Natural", "Batch");

    /// <summary>The batch's file names, in the compilation's (ordinal) order.</summary>
    public static IReadOnlyList<string> Files { get; } = CorpusRunner.Read(Folder).Select(f => f.Name).ToList();

    /// <summary>How many group classes each mode's files are dealt to.</summary>
    public const int Groups = 4;

    /// <summary>The files of group <paramref name="group"/> (dealt in turn, so each group gets early and late files).</summary>
    public static TheoryData<string> Group(int group)
    {
        var data = new TheoryData<string>();
        for (int i = group; i < Files.Count; i += Groups) data.Add(Files[i]);
        return data;
    }

    private static readonly Lazy<Mode> Backward = new(() => new Mode(CorpusRunner.Prepare(CorpusRunner.Read(Folder))));

    /// <summary>The same files with <c>Forward = true</c> on every plain <c>[Differentiable]</c>: each Forward of scalars is judged too.</summary>
    private static readonly Lazy<Mode> Forward = new(() => new Mode(CorpusRunner.Prepare(
        CorpusRunner.Read(Folder).Select(f => (f.Name, f.Text.Replace("[Differentiable]", "[Differentiable(Forward = true)]"))).ToList())));

    public static Mode Of(bool forward) => forward ? Forward.Value : Backward.Value;

    /// <summary>One mode's compiled batch and the verdicts of the files judged so far.</summary>
    public sealed class Mode(CorpusRunner.Prepared prepared)
    {
        private readonly ConcurrentDictionary<string, Lazy<JudgedFile>> _files = new(StringComparer.Ordinal);

        public CorpusRunner.Prepared Prepared { get; } = prepared;

        /// <summary>The file's methods and helpers, its methods judged (once, by the first caller; later callers wait for it).</summary>
        public JudgedFile File(string name) => _files.GetOrAdd(name, n => new Lazy<JudgedFile>(() =>
        {
            var methods = Prepared.Methods.Where(m => m.File == n).ToList();
            foreach (var m in methods) CorpusRunner.JudgeMethod(Prepared, m);
            return new JudgedFile(methods, Prepared.Helpers.Where(m => m.File == n).ToList());
        })).Value;
    }

    public sealed record JudgedFile(List<CorpusMethod> Methods, List<CorpusMethod> Helpers);

    /// <summary>
    /// One file's checks, as the single test over the whole batch made them for it: no method or helper (taking structs,
    /// struct arrays, ref; judged through its callers) is wrong or broken, and exactly the pinned methods of this file are
    /// diagnosed, with exactly the pinned ids. A failure names the file and each method.
    /// </summary>
    public static void AssertFile(bool forward, string file, Action<string> output) => AssertFile(Of(forward), NaturalBatchPins.For(forward), file, output);

    /// <summary><see cref="AssertFile(bool, string, Action{string})"/> over any prepared folder and pins (Harness/HarnessSelfCheckTests uses one of its own).</summary>
    internal static void AssertFile(Mode mode, IReadOnlyDictionary<string, string> pinned, string file, Action<string> output)
    {
        var judged = mode.File(file);
        output(file + ": " + string.Join(", ", judged.Methods.GroupBy(m => m.Status).OrderBy(g => g.Key).Select(g => g.Count() + " " + g.Key)) + ", " + judged.Helpers.Count + " helpers");
        var bad = judged.Methods.Concat(judged.Helpers).Where(m => m.Status is CorpusStatus.Wrong or CorpusStatus.Broken)
            .Select(m => file + ": " + m.Signature + " is " + m.Status + ": " + string.Join(" | ", m.Details)).ToList();
        Assert.True(bad.Count == 0, string.Join("\n", bad));
        var signatures = judged.Methods.Select(m => m.Signature).ToHashSet(StringComparer.Ordinal);
        var diagnosed = judged.Methods.Where(m => m.Status == CorpusStatus.Diagnosed).ToDictionary(m => m.Signature, m => string.Join(",", m.ErrorIds));
        var mine = pinned.Where(p => signatures.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        // Printed as pin lines, so a change of what is diagnosed is read (and judged) line by line.
        var changes = diagnosed.Where(d => !mine.TryGetValue(d.Key, out var v) || v != d.Value).OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(d => file + ": unpinned: [\"" + d.Key + "\"] = \"" + d.Value + "\",")
            .Concat(mine.Where(p => !diagnosed.ContainsKey(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => file + ": pinned, not diagnosed: " + p.Key + " (" + judged.Methods.First(m => m.Signature == p.Key).Status + ")")).ToList();
        foreach (var c in changes) output(c);
        Assert.True(changes.Count == 0, string.Join("\n", changes));
        Assert.Equal(mine.OrderBy(p => p.Key, StringComparer.Ordinal), diagnosed.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    /// <summary>
    /// The run-wide checks: nothing went wrong outside any method, every pin names a method of the batch (with the
    /// per-file checks: the diagnosed methods are exactly the pinned ones), and at least 140 methods are judged right.
    /// Reads every file's verdicts, judging those no group has judged yet.
    /// </summary>
    public static void AssertWhole(bool forward, Action<string> output)
    {
        var mode = Of(forward);
        Assert.True(mode.Prepared.Global.Count == 0, string.Join("\n", mode.Prepared.Global));
        var methods = mode.Prepared.Methods;
        var missing = NaturalBatchPins.For(forward).Keys.Where(k => !methods.Any(m => m.Signature == k)).OrderBy(k => k, StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "pinned, but no method of the batch has this signature: " + string.Join(", ", missing));
        // Last file first: the group classes start from the first.
        int ok = Files.Reverse().Sum(f => mode.File(f).Methods.Count(m => m.Status == CorpusStatus.Ok));
        output(methods.Count + " methods, " + ok + " ok, " + mode.Prepared.Helpers.Count + " helpers; generated and emitted in " + mode.Prepared.Generate.TotalSeconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture) + " s");
        Assert.True(ok >= 140, ok + " methods judged ok, fewer than 140");
    }
}
