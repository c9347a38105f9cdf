using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A pipeline step on plain data: a model that calls the Backward of a method that gets none (its own
/// errors, or it calls such a method in turn) is dropped, with ADG0017 at each such call (reported by the
/// method's diagnostics step, which has the calls' locations), instead of generating code that does not
/// compile. Runs after every method's analysis, so a caller follows an edit
/// of its callee in another file even when its own analysis is reused.
/// </summary>
internal static class CalleeGate
{
    /// <summary>What the gate needs of one method's result.</summary>
    /// <param name="Key">The method's identity.</param>
    /// <param name="HasModel">It gets a Backward.</param>
    /// <param name="Callees">The Backwards it calls.</param>
    /// <param name="Stateful">A call in its body whose value may change from call to call (<see cref="StatefulCalls"/>), or "".</param>
    public sealed record Status(string Key, bool HasModel, EquatableArray<string> Callees, string Stateful = "");

    /// <summary>A callee that gets no Backward, and why (the text of ADG0017's {1}).</summary>
    /// <param name="Key">The callee.</param>
    /// <param name="Reason">Why it has no Backward.</param>
    /// <param name="Stateful">Set when it has a Backward that a caller's Backward must not call: the call whose value changes (ADG0032).</param>
    public sealed record Unavailable(string Key, string Reason, string Stateful = "");

    public static Status StatusOf(GenerationResult result) =>
        new(result.Key, result.Model is not null, result.Callees.Select(c => c.Key).Distinct().OrderBy(k => k, System.StringComparer.Ordinal).ToEquatableArray(), result.Stateful);

    /// <summary>
    /// The callees, among those called, that get no Backward. A fixed point: a method is available while it
    /// has a model and every callee is available. Cycles of fine methods stay available (nothing seeds their removal).
    /// </summary>
    public static EquatableArray<Unavailable> Unavailables(ImmutableArray<Status> statuses)
    {
        var available = new HashSet<string>(statuses.Where(s => s.HasModel).Select(s => s.Key));
        var failed = new HashSet<string>(statuses.Where(s => !s.HasModel).Select(s => s.Key));
        available.ExceptWith(failed); // two declarations with one key (should not happen): trust neither
        // A callee whose body makes a call that changes from call to call keeps its own Backward, but a caller's Backward
        // would run it twice (once for its value, once inside its Backward), at other values the second time.
        var stateful = statuses.Where(s => s.HasModel && s.Stateful.Length > 0).GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.First().Stateful);
        available.ExceptWith(stateful.Keys);
        var blocked = new HashSet<string>();
        for (bool changed = true; changed;)
        {
            changed = false;
            foreach (var s in statuses)
            {
                if (!available.Contains(s.Key) || s.Callees.All(available.Contains)) continue;
                available.Remove(s.Key);
                blocked.Add(s.Key);
                changed = true;
            }
        }
        var result = new List<Unavailable>();
        foreach (string key in statuses.SelectMany(s => s.Callees).Distinct().Where(k => !available.Contains(k)).OrderBy(k => k, System.StringComparer.Ordinal))
        {
            if (stateful.TryGetValue(key, out var changing) && !blocked.Contains(key))
            {
                result.Add(new Unavailable(key, "", changing));
                continue;
            }
            string reason = blocked.Contains(key) ? "'" + key + "' calls a [Differentiable] method that has none"
                : failed.Contains(key) ? "'" + key + "' has errors of its own (reported at it)"
                : "'" + key + "' is not a method declaration the generator differentiates";
            result.Add(new Unavailable(key, reason));
        }
        return result.ToEquatableArray();
    }

    /// <summary>The result, or, when it calls an unavailable Backward, the same without its model (<see cref="Diagnostics"/> says why).</summary>
    public static GenerationResult Apply(GenerationResult result, EquatableArray<Unavailable> unavailable) =>
        IsBlocked(result, unavailable) ? result with { Model = null } : result;

    /// <summary>ADG0017 at each call of the analysis to a Backward that is unavailable; empty when <see cref="Apply"/> keeps the model.</summary>
    public static IEnumerable<DiagnosticInfo> Diagnostics(MethodAnalysis analysis, EquatableArray<Unavailable> unavailable)
    {
        if (!IsBlocked(analysis.Result, unavailable)) yield break;
        foreach (var site in analysis.CalleeSites)
        {
            if (unavailable.FirstOrDefault(u => u.Key == site.Key) is not { } missing) continue;
            var call = analysis.Result.Callees.First(c => c.Key == site.Key);
            yield return missing.Stateful.Length > 0
                ? DiagnosticFactory.Create(DiagnosticDescriptors.StatefulCall, site.At, missing.Stateful,
                    "this call's Backward runs '" + call.Callee + "' once for its value and again inside '" + call.Backward + "'",
                    "draw the values in the caller and pass them to '" + call.Callee + "' as arguments, or make it a local function (lowered in place, run once)")
                : DiagnosticFactory.Create(DiagnosticDescriptors.CalleeHasNoBackward, site.At, call.Callee, missing.Reason, call.Backward);
        }
    }

    private static bool IsBlocked(GenerationResult result, EquatableArray<Unavailable> unavailable) =>
        result.Model is not null && !unavailable.IsEmpty && result.Callees.Any(c => unavailable.Any(u => u.Key == c.Key));
}
