using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Model;

/// <summary>A method's claim on a generated file name: its readable hint name and its full identity (<see cref="GenerationResult.Key"/>).</summary>
internal sealed record HintClaim(string HintName, string Key);

/// <summary>
/// What a clash of hint names changes: the method <paramref name="Key"/> gets <paramref name="HintName"/>, or no file
/// at all when it is null (the same method declared twice, which the compiler reports as CS0111).
/// </summary>
internal sealed record HintRename(string Key, string? HintName);

/// <summary>
/// Keeps generated file names unique within the generator. The compiler compares hint names ignoring case, and one
/// clash fails the whole generator (CS8785, no file at all): the readable names clash for methods that differ only
/// in case (<c>F</c> and <c>f</c>) and for overloads over types of the same short name (<c>A.V</c> and <c>B.V</c>).
/// Only the clashing methods are renamed, each with a hash of its full identity, so every other name stays as it is.
/// </summary>
internal static class HintNames
{
    private const string Extension = ".g.cs";

    /// <summary>The renames the claims need; empty when no two names clash (the usual case, so the step stays cached).</summary>
    public static EquatableArray<HintRename> Clashes(ImmutableArray<HintClaim> claims)
    {
        var renames = new List<HintRename>();
        foreach (var group in claims.GroupBy(c => c.HintName, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            foreach (var byKey in group.GroupBy(c => c.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var first = byKey.First();
                renames.Add(new HintRename(first.Key, byKey.Count() > 1 ? null : WithHash(first.HintName, first.Key)));
            }
        }
        return renames.ToEquatableArray();
    }

    /// <summary>The model under its final name, or null when it gets no file.</summary>
    public static MethodModel? Apply(MethodModel model, string key, EquatableArray<HintRename> renames)
    {
        foreach (var rename in renames)
        {
            if (rename.Key != key) continue;
            return rename.HintName is null ? null : model with { HintName = rename.HintName };
        }
        return model;
    }

    /// <summary><paramref name="hint"/> with a hash of <paramref name="key"/> before its extension.</summary>
    internal static string WithHash(string hint, string key)
    {
        string stem = hint.EndsWith(Extension, StringComparison.Ordinal) ? hint.Substring(0, hint.Length - Extension.Length) : hint;
        // FNV-1a over the UTF-16 code units: stable across runs and platforms, unlike string.GetHashCode.
        uint hash = 2166136261;
        foreach (char c in key)
        {
            hash = unchecked((hash ^ c) * 16777619);
        }
        return stem + "_" + hash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture) + Extension;
    }
}
