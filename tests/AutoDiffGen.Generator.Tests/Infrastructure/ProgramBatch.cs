using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Infrastructure;

/// <summary>
/// Random programs written one after another into one class, compiled in one run: the source, and the lines each
/// program spans, so that a diagnostic is attributed to the program it stands in.
/// </summary>
public static class ProgramBatch
{
    /// <summary>
    /// Appends a method body's 2–4 random statements; when <paramref name="outside"/>, one of them (at a random place) is
    /// the just-outside statement. Returns the text its ADG error must point at, or null.
    /// </summary>
    public static string? AppendStatements(System.Text.StringBuilder text, Random random, bool outside, Func<string> statement, Func<(string Bad, string Statement)> outsideStatement)
    {
        int statements = 2 + random.Next(3);
        int bad = outside ? random.Next(statements) : -1;
        string? badText = null;
        for (int i = 0; i < statements; i++)
        {
            if (i == bad)
            {
                var (b, written) = outsideStatement();
                badText = b;
                text.Append("        ").Append(written).Append('\n');
            }
            else
            {
                text.Append("        ").Append(statement()).Append('\n');
            }
        }
        return badText;
    }

    /// <summary>A point (x, y, k) for programs over (double x, double y, int k): two reals in [−1, 1] to four places, a count below 4.</summary>
    public static object[] PointXYK(Random random) =>
        new object[] { Math.Round((random.NextDouble() * 2) - 1, 4), Math.Round((random.NextDouble() * 2) - 1, 4), random.Next(4) };

    /// <summary>How many programs a property test draws: the environment variable's positive value, else <paramref name="fallback"/>.</summary>
    public static int Count(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int n) && n > 0 ? n : fallback;

    /// <summary>
    /// Generates the programs judged clean on their own (asserting no diagnostic, no exception and no compile error in
    /// generated code) and loads the type that holds them.
    /// </summary>
    public static Type LoadClean(string header, IEnumerable<string> texts, string typeName)
    {
        var run = GeneratorHarness.RunForLoad(Source(header, texts));
        Xunit.Assert.True(run.Diagnostics.IsEmpty && run.Exceptions.IsEmpty && !run.CompileDiagnostics.Any(d => d.Location.SourceTree?.FilePath != "User0.cs"), run.Dump());
        return GeneratorHarness.Load(run).GetType(typeName)!;
    }

    /// <summary><paramref name="header"/> (which opens the class), each program's text and a blank line, and the closing brace.</summary>
    public static string Source(string header, IEnumerable<string> texts) => header + string.Concat(texts.Select(t => t + "\n")) + "}\n";

    /// <summary>The zero-based first and last line of each program in <see cref="Source"/>, by name.</summary>
    public static Dictionary<string, (int From, int To)> Lines(string header, IEnumerable<(string Name, string Text)> programs)
    {
        var ranges = new Dictionary<string, (int, int)>();
        int line = header.Count(c => c == '\n');
        foreach (var (name, text) in programs)
        {
            int lines = text.Count(c => c == '\n');
            ranges[name] = (line, line + lines - 1);
            line += lines + 1;
        }
        return ranges;
    }

    /// <summary>
    /// Sorts one run's programs: each one just outside (its <c>Bad</c> text not null) must have only ADG errors among
    /// <paramref name="errorIds"/> (ADG0003 unless told), one of them at exactly that text, and no generated code; each
    /// other one must generate with no error or warning (warnings in the user's own file, User0.cs, do not count: random
    /// tests may be always true). Returns those.
    /// </summary>
    public static List<T> Judge<T>(GeneratorOutput run, string header, IReadOnlyList<T> programs, Func<T, (string Name, string Text, string? Bad)> parts, string errorIds = "ADG0003")
    {
        var allowed = errorIds.Split(',');
        Assert.True(run.Exceptions.IsEmpty, run.Dump());
        var errors = run.GeneratorDiagnostics.Concat(run.CompileDiagnostics)
            .Where(d => d.Severity == DiagnosticSeverity.Error || d.Severity == DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath != "User0.cs").ToList();
        var lines = Lines(header, programs.Select(p => (parts(p).Name, parts(p).Text)));
        var clean = new List<T>();
        foreach (var p in programs)
        {
            var (name, text, bad) = parts(p);
            var (from, to) = lines[name];
            var mine = errors.Where(d => d.Location.GetLineSpan().StartLinePosition.Line is int l && l >= from && l <= to).ToList();
            bool generated = run.Generated.Keys.Any(k => k.Contains("." + name + "_", StringComparison.Ordinal));
            if (bad is not null)
            {
                Assert.True(mine.Count > 0 && mine.All(d => allowed.Contains(d.Id)) && !generated,
                    name + " is outside but got " + (mine.Count == 0 ? "no error" : string.Join("; ", mine)) + (generated ? " and code" : "") + ":\n" + text);
                Assert.True(mine.Any(d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == bad),
                    name + ": no error spanning '" + bad + "' but " + string.Join("; ", mine.Select(d => "'" + d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) + "'")) + ":\n" + text);
                continue;
            }
            Assert.True(mine.Count == 0 && generated, name + " should generate cleanly:\n" + string.Join("\n", mine) + "\n" + text);
            clean.Add(p);
        }
        return clean;
    }

    /// <summary>An argument as a failure message shows it: a list's or array's elements, not its type name.</summary>
    private static string Shown(object? value) => value switch
    {
        System.Collections.IEnumerable items and not string => "[" + string.Join(", ", items.Cast<object?>().Select(Shown)) + "]",
        System.IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "null",
    };

    /// <summary>
    /// Checks each program's public static method of <paramref name="type"/> against central differences at three
    /// points drawn by <paramref name="point"/>; a failure names the program, the point and the program's text.
    /// Returns the number of points checked.
    /// </summary>
    public static int CheckAtThreePoints(Type type, IEnumerable<(string Name, string Text)> programs, Func<object[]> point)
    {
        int points = 0;
        foreach (var (name, text) in programs)
        {
            var method = type.GetMethod(name, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)!;
            for (int k = 0; k < 3; k++)
            {
                var at = point();
                try
                {
                    CentralDifferenceRunner.Check(method, null, at);
                }
                catch (Xunit.Sdk.XunitException e)
                {
                    throw new Xunit.Sdk.XunitException(name + " at " + string.Join(", ", at.Select(Shown)) + ": " + e.Message + "\n" + text);
                }
                points++;
            }
        }
        return points;
    }

    /// <summary>
    /// One property test's run over <paramref name="all"/> programs (named, text, the just-outside text or null): judged
    /// (<see cref="Judge"/>), the clean ones loaded as <paramref name="typeName"/> and checked at three points each; asserts
    /// every just-outside one and only those was diagnosed, more than half generated, and writes the counts.
    /// </summary>
    public static void JudgeAndCheck(string header, string typeName, IReadOnlyList<(string Name, string Text, string? Bad)> all, Func<object[]> point, Action<string> output, string errorIds = "ADG0003")
    {
        var clean = Judge(GeneratorHarness.Run(Source(header, all.Select(p => p.Text))), header, all, p => p, errorIds);
        var type = LoadClean(header, clean.Select(p => p.Text), typeName);
        int points = CheckAtThreePoints(type, clean.Select(p => (p.Name, p.Text)), point);
        AssertCounts(all.Count, all.Count(p => p.Bad is not null), clean.Count, points, output);
    }

    /// <summary>
    /// <see cref="JudgeAndCheck"/> for programs whose just-outside error must start exactly at <c>BadAt</c> (an offset in
    /// the program's text; the <c>Bad</c> text alone may stand elsewhere in it too, as <c>goto</c> or <c>return</c> do).
    /// </summary>
    public static void JudgeAtAndCheck(string header, string typeName, IReadOnlyList<(string Name, string Text, string? Bad, int BadAt)> all, Func<object[]> point, Action<string> output, string errorIds)
    {
        var clean = JudgeAt(header, all, errorIds);
        var type = LoadClean(header, clean.Select(p => p.Text), typeName);
        int points = CheckAtThreePoints(type, clean.Select(p => (p.Name, p.Text)), point);
        AssertCounts(all.Count, all.Count(p => p.Bad is not null), clean.Count, points, output);
    }

    /// <summary>
    /// <see cref="Judge"/> for programs whose just-outside error must start exactly at <c>BadAt</c> (an offset in the
    /// program's text), over one run of them all; returns the clean ones.
    /// </summary>
    public static List<(string Name, string Text, string? Bad, int BadAt)> JudgeAt(string header, IReadOnlyList<(string Name, string Text, string? Bad, int BadAt)> all, string errorIds)
    {
        var run = GeneratorHarness.Run(Source(header, all.Select(p => p.Text)));
        var clean = Judge(run, header, all, p => (p.Name, p.Text, p.Bad), errorIds);
        int start = header.Length;
        foreach (var p in all)
        {
            if (p.Bad is not null)
            {
                int at = start + p.BadAt;
                Assert.True(run.GeneratorDiagnostics.Any(d => errorIds.Split(',').Contains(d.Id) && d.Location.SourceSpan.Start == at),
                    p.Name + ": no " + errorIds + " at " + p.Bad + " (offset " + at + ")\n" + p.Text + string.Join("\n", run.GeneratorDiagnostics.Where(d => Math.Abs(d.Location.SourceSpan.Start - at) < 600)));
            }
            start += p.Text.Length + 1;
        }
        return clean;
    }

    /// <summary>
    /// The source gets exactly one generator error, <paramref name="id"/>, starting at the first <paramref name="at"/>
    /// in it and saying <paramref name="says"/>; the generator does not throw and writes no <paramref name="method"/>.
    /// </summary>
    public static void AssertSingleErrorAt(string source, string id, string at, string says, string method = "FBackward")
    {
        var run = GeneratorHarness.Run(source);
        Assert.Empty(run.Exceptions);
        var error = Assert.Single(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(id, error.Id);
        Assert.Equal(source.IndexOf(at, StringComparison.Ordinal), error.Location.SourceSpan.Start);
        Assert.Contains(says, error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.DoesNotContain(run.Generated.Values, s => s.Contains(method, StringComparison.Ordinal));
    }

    /// <summary>
    /// Writes one run's counts and asserts that exactly the <paramref name="outside"/> programs were diagnosed, more than
    /// half generated, and every generated one was checked at three points.
    /// </summary>
    public static void AssertCounts(int all, int outside, int clean, int points, Action<string> output)
    {
        int diagnosed = all - clean;
        output($"{all} programs: {clean} generated, {points} points checked, {diagnosed} diagnosed");
        Assert.True(diagnosed == outside && clean > all / 2 && points == 3 * clean);
    }
}
