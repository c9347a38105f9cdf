using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace AutoDiffGen.Generator.Tests.Infrastructure;

/// <summary>
/// Opt-in timing of the harness's phases (parsing, the generator run, binding for diagnostics, the analyzer, emitting,
/// loading, reflection calls, central differences), to see where the suite's time goes (docs/testing.md). Off unless
/// <c>AUTODIFFGEN_HARNESS_PROFILE</c> names a file: then each phase's count and wall time (summed over the test threads,
/// so phases nested in others are counted in both) are written there when the test process exits. Off, a phase costs
/// one branch: nothing is timed.
/// </summary>
internal static class HarnessProfile
{
    private static readonly string? OutputPath = Environment.GetEnvironmentVariable("AUTODIFFGEN_HARNESS_PROFILE");

    private static readonly ConcurrentDictionary<string, long[]> Totals = new(StringComparer.Ordinal);

    static HarnessProfile()
    {
        if (OutputPath is not null) AppDomain.CurrentDomain.ProcessExit += (_, _) => Write();
    }

    /// <summary>Whether phases are timed.</summary>
    public static bool Enabled => OutputPath is not null;

    /// <summary>Times <paramref name="phase"/> until the scope is disposed (when profiling is on).</summary>
    public static Scope Time(string phase) => new(phase, Enabled ? Stopwatch.GetTimestamp() : 0);

    /// <summary>Counts one event of <paramref name="what"/> with no time (e.g. a compilation of a source seen before).</summary>
    public static void Count(string what)
    {
        if (Enabled) Add(what, 0);
    }

    private static void Add(string phase, long ticks)
    {
        var total = Totals.GetOrAdd(phase, _ => new long[2]);
        Interlocked.Increment(ref total[0]);
        Interlocked.Add(ref total[1], ticks);
    }

    /// <summary>Each emitted image's caller and emit time, until it is loaded (profiling on only).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<byte[], EmitSite> Images = new();

    private static readonly ConcurrentBag<EmitSite> Emits = new();

    private sealed class EmitSite(string caller, long ticks, bool image)
    {
        public string Caller { get; } = caller;
        public long Ticks { get; } = ticks;
        public bool Image { get; } = image;
        public volatile bool Loaded;
    }

    /// <summary>
    /// Records an emit that gave <paramref name="image"/> (null: it had errors) after <paramref name="ticks"/>, with the
    /// test method that asked for it, so that the profile lists the emits nobody loaded by caller (they could have bound
    /// with <c>GetDiagnostics()</c> instead, which costs less).
    /// </summary>
    public static void Emitted(byte[]? image, long ticks)
    {
        if (!Enabled) return;
        var site = new EmitSite(Caller(), ticks, image is not null);
        Emits.Add(site);
        if (image is not null) Images.AddOrUpdate(image, site);
    }

    /// <summary>Marks an image recorded by <see cref="Emitted"/> as loaded.</summary>
    public static void Loaded(byte[] image)
    {
        if (Enabled && Images.TryGetValue(image, out var site)) site.Loaded = true;
    }

    /// <summary>The first frame outside the harness: the test (or test helper) that compiled.</summary>
    private static string Caller()
    {
        foreach (var frame in new StackTrace(2).GetFrames())
        {
            var type = frame.GetMethod()?.DeclaringType;
            if (type is null) continue;
            string name = type.FullName ?? type.Name;
            if (name.Contains("GeneratorHarness", StringComparison.Ordinal) || name.Contains("LanguageVersionHarness", StringComparison.Ordinal) ||
                name.Contains("HarnessProfile", StringComparison.Ordinal)) continue;
            return name + "." + frame.GetMethod()!.Name;
        }
        return "?";
    }

    private static void Write()
    {
        var emitLines = Emits.GroupBy(e => (e.Caller, Kind: !e.Image ? "no image" : e.Loaded ? "loaded" : "NOT LOADED"))
            .Select(g => (g.Key, Count: g.Count(), Ticks: g.Sum(e => e.Ticks))).OrderByDescending(g => g.Ticks)
            .Select(g => string.Format(CultureInfo.InvariantCulture, "emit {0,-10} {1,6} {2,8:F1} s  {3}", g.Key.Kind, g.Count, g.Ticks / (double)Stopwatch.Frequency, g.Key.Caller));
        if (OutputPath is not null && Enabled) File.WriteAllLines(OutputPath + ".emits", emitLines);
        var lines = Totals.OrderByDescending(t => t.Value[1]).Select(t => string.Format(CultureInfo.InvariantCulture, "{0,-40} {1,8} {2,10:F1} s {3,8:F2} ms/each",
            t.Key, t.Value[0], t.Value[1] / (double)Stopwatch.Frequency, t.Value[0] == 0 ? 0 : t.Value[1] * 1000.0 / Stopwatch.Frequency / t.Value[0]));
        // The whole test process's CPU (user + system, every thread): what an A/B of a harness setting compares, since the
        // machine's load changes wall times several-fold; /usr/bin/time around `dotnet test` does not always count the test host.
        using var process = Process.GetCurrentProcess();
        lines = lines.Append(string.Format(CultureInfo.InvariantCulture, "{0,-40} {1,8} {2,10:F1} s (wall {3:F1} s)",
            "test process CPU (user + system)", 1, process.TotalProcessorTime.TotalSeconds, (DateTime.Now - process.StartTime).TotalSeconds));
        // The JIT's share of that CPU (all threads; Roslyn's NuGet copy is IL only, so the test process compiles it), and the GC's pauses.
        lines = lines.Append(string.Format(CultureInfo.InvariantCulture, "{0,-40} {1,8} {2,10:F1} s ({3:N0} IL bytes)",
            "JIT compilation (methods)", System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime().TotalSeconds,
            System.Runtime.JitInfo.GetCompiledILBytes()));
        lines = lines.Append(string.Format(CultureInfo.InvariantCulture, "{0,-40} {1,8} {2,10:F1} s (gen0/1/2 {3}/{4}/{5}, server {6}, heap {7:N0} MB allocated)",
            "GC pauses", GC.CollectionCount(0), GC.GetTotalPauseDuration().TotalSeconds, GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
            System.Runtime.GCSettings.IsServerGC, GC.GetTotalAllocatedBytes() / (1 << 20)));
        File.WriteAllLines(OutputPath!, lines.Prepend(string.Format(CultureInfo.InvariantCulture, "{0,-40} {1,8} {2,12} {3,16}", "phase", "count", "total", "each")));
    }

    /// <summary>One timed phase; disposing it adds its time.</summary>
    public readonly struct Scope(string phase, long start) : IDisposable
    {
        public void Dispose()
        {
            if (start != 0) Add(phase, Stopwatch.GetTimestamp() - start);
        }
    }
}
