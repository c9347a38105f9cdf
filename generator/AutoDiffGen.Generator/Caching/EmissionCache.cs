using System.Collections.Generic;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Caching;

/// <summary>
/// Reuses a method's generated text across generator drivers. The compiler server keeps the generator loaded but makes
/// a new driver for every build, so the incremental pipeline's own cache (which skips the emitter when a step's model
/// equals the last one) never hits there; with <see cref="AnalysisCache"/> moving unchanged analyses into the new trees,
/// the emitter was the part of the generator that still ran for every method of every build (about half of its time,
/// docs/performance.md).
/// <para>
/// <b>Invariant</b> (why a reused text equals a fresh one): <see cref="Emit.BackwardEmitter.Emit"/> is a deterministic
/// function of its <see cref="MethodModel"/> alone (no options, no compilation, no clock: DeterminismTests), and a text is
/// reused only for a model equal by value to the one it was written for: the same equality by which the incremental
/// pipeline already decides, in an IDE, that a method's output need not be written again.
/// </para>
/// <para>
/// Bounded: two generations of at most <see cref="Capacity"/> texts each; a full generation becomes the previous one
/// and the one before it is dropped. The same opt-out as the analysis cache (<c>AutoDiffGenAnalysisCache=false</c>)
/// turns it off. EmissionCacheTests holds the invariant to account.
/// </para>
/// </summary>
internal static class EmissionCache
{
    /// <summary>Texts per generation (the compile-cost project has 1,000 methods).</summary>
    internal const int Capacity = 8192;

    private static readonly object Gate = new();
    private static Dictionary<Key, string> s_current = new();
    private static Dictionary<Key, string> s_previous = new();

    /// <summary>How many texts this thread reused; for tests (a randomized test that never hits proves nothing).</summary>
    [System.ThreadStatic]
    internal static long Hits;

    /// <summary>The text of <paramref name="model"/>: reused, or written by <paramref name="emit"/> (always, when <paramref name="enabled"/> is false).</summary>
    /// <param name="model">The method.</param>
    /// <param name="enabled">False when the project opts out of the caches.</param>
    /// <param name="emit">Writes the text.</param>
    /// <param name="members">The text is the method's members only (Emit/TypeFiles), not its own file: kept apart from the file's.</param>
    public static string GetOrAdd(MethodModel model, bool enabled, System.Func<MethodModel, string> emit, bool members = false)
    {
        if (!enabled) return emit(model);
        // The hash walks the whole model: computed outside the lock.
        var key = new Key(model, model.GetHashCode(), members);
        lock (Gate)
        {
            if (s_current.TryGetValue(key, out var text) || s_previous.TryGetValue(key, out text))
            {
                s_current[key] = text;
                Hits++;
                return text;
            }
        }
        string written = emit(model);
        lock (Gate)
        {
            if (s_current.Count >= Capacity)
            {
                s_previous = s_current;
                s_current = new Dictionary<Key, string>();
            }
            s_current[key] = written;
        }
        return written;
    }

    private readonly struct Key(MethodModel model, int hash, bool members) : System.IEquatable<Key>
    {
        private readonly MethodModel _model = model;
        private readonly int _hash = hash;
        private readonly bool _members = members;

        public bool Equals(Key other) => _hash == other._hash && _members == other._members && _model.Equals(other._model);

        public override bool Equals(object? obj) => obj is Key other && Equals(other);

        public override int GetHashCode() => _members ? ~_hash : _hash;
    }
}
