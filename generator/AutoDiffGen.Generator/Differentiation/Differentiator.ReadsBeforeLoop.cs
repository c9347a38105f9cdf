using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Graph;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// An invariant element of an inner loop (<see cref="InvariantReads"/>: the GMM's <c>xc[i]</c> in
/// <c>for (j = i + 1; j &lt; d; j++) qx[j] += icf[li] * xc[i]</c>) read once before that loop instead of in each of its
/// iterations (issue 12, perf13; `Gen8` in benchmarks/gmm-probe). The JIT cannot hoist it itself: the store to
/// <c>qx[j]</c> may alias <c>xc</c> for all it knows, so it reloads the element per iteration.
/// <para>
/// The rule, each part needed for the value and the exceptions to stay the same:
/// <list type="number">
/// <item>Every iteration reads the same value: the index is computed outside the inner loop and nothing in the loop uses
/// the array but element reads (no store, copy, call, view or alias of it; <see cref="InvariantReads"/> checks this through
/// the array's root, so a write through another name counts).</item>
/// <item>No read is added where the loop would not run: the read is written as <c>first test ? a[i] : 0</c> right before
/// the loop, after its carried values took their entry values, the test being the loop's own condition over those values
/// (a condition tested first, computed by no call and read from nothing the loop defines but its carried values). A loop
/// that runs zero times reads nothing, so an index out of range there throws nothing, as before; the zero is what the
/// declared-before-the-loop local held then, and nothing reads it (the inner loop's reverse walk runs zero times too).</item>
/// <item>Where the loop runs, its first iteration reads the element before anything else can leave it: every statement
/// before the read in the body is an element read or arithmetic that cannot throw (no call, user throw, branch, break,
/// inner loop, integer division or allocation). So the earlier read throws only where the loop's first iteration
/// would throw at an element access anyway (the exception type can differ only when an earlier read is of a null array).</item>
/// </list>
/// Only for the reverse sweep's forward loops that <see cref="InvariantReads"/> lifts (they are taped once per iteration of
/// the loop around: the tape is unchanged, only the forward reads move).
/// </para>
/// </summary>
internal sealed partial class Differentiator
{
    /// <summary>Invariant elements written before their inner loop: their statement in the loop's body is skipped.</summary>
    private readonly HashSet<int> _readBeforeLoop = new();

    /// <summary>Gates that read their inputs and cannot throw (a <c>double</c>'s arithmetic and <c>Math</c> functions), or only at an element access.</summary>
    private static readonly HashSet<GateKind> Quiet = new()
    {
        GateKind.Phi, GateKind.Element, GateKind.Copy, GateKind.Convert, GateKind.Add, GateKind.Subtract, GateKind.Multiply,
        GateKind.Divide, GateKind.Negate, GateKind.Reciprocal, GateKind.Sigmoid, GateKind.Exp, GateKind.Log, GateKind.Sqrt,
        GateKind.Sin, GateKind.Cos, GateKind.Tan, GateKind.Tanh, GateKind.Sinh, GateKind.Cosh, GateKind.Asin, GateKind.Acos,
        GateKind.Atan, GateKind.Atan2, GateKind.Pow, GateKind.Abs, GateKind.Max, GateKind.Min,
    };

    /// <summary>
    /// The invariant elements of <paramref name="loop"/> (which <see cref="ForwardLoop"/> declares before it) that are read
    /// before it, with the guard each is read under; the rest are declared at zero and set in the loop as before.
    /// </summary>
    private (List<Node> Before, string Guard) ReadsBeforeLoop(LoopItem loop, List<Node> invariant)
    {
        if (invariant.Count == 0 || FirstTest(loop) is not { } guard) return (new List<Node>(), "");
        var before = new List<Node>();
        foreach (var item in loop.Body.Items)
        {
            if (item is not NodeItem { Node: var id }) break;
            var node = _nodes[id];
            if (invariant.Contains(node)) before.Add(node);
            else if (!QuietNode(node)) break;
        }
        return (before, guard);
    }

    /// <summary>
    /// The condition <paramref name="loop"/> tests before its first iteration, as C# over its carried values' locals (they
    /// hold their entry values once <see cref="EnterPhis"/> ran), or null when it cannot be written there.
    /// </summary>
    private string? FirstTest(LoopItem loop)
    {
        if (!loop.ConditionFirst) return null;
        var condition = _nodes[loop.Condition];
        if (condition.Call is not null || Effects.IsEffect(condition) || condition.Gate is not (GateKind.Constant or GateKind.Copy or GateKind.Phi)) return null;
        var inside = new HashSet<int>(DefinedIn(loop));
        if (!EntryValue(condition.Id, loop, inside, top: true) || condition.Gate == GateKind.Constant && !QuietText(condition.Text)) return null;
        // A carried or outside value is its local; one the header computes is written again from its inputs.
        string text = condition.IsInline || !inside.Contains(condition.Id) || loop.Phis.Contains(condition.Id)
            ? condition.Name : LocalGradients.Forward(condition, i => Operand(condition, i));
        // `a ? b : c ? x : 0` would group as `a ? b : (c ? …)`.
        return text.IndexOf('?') >= 0 ? "(" + text + ")" : text;
    }

    /// <summary>
    /// A value the loop's first test reads that is known before the loop: a carried value of the loop (its local holds the
    /// entry value), a value defined outside it, or an inline value of such (the condition itself, at the top, may be the loop's).
    /// </summary>
    private bool EntryValue(int id, LoopItem loop, HashSet<int> inside, bool top = false)
    {
        var node = _nodes[id];
        if (loop.Phis.Contains(id)) return _activity.IsUseful(id);
        if (!inside.Contains(id)) return true;
        if (!top && !node.IsInline || node.Call is not null || Effects.IsEffect(node)) return false;
        if (node.Gate == GateKind.Constant && !QuietText(node.Text)) return false;
        return node.Inputs.All(i => EntryValue(i, loop, inside));
    }

    /// <summary>A statement that runs before an invariant read and can leave the iteration only by an element access's exception.</summary>
    private bool QuietNode(Node node) =>
        node.Call is null && (Quiet.Contains(node.Gate) || node.Gate == GateKind.Constant && QuietText(node.Text));

    /// <summary>
    /// The text of a value with no gradient (an index, a comparison) that cannot throw but at an element access: no call,
    /// allocation, <c>checked</c> arithmetic, integer division or remainder (which throw on zero; a <c>/</c> of doubles is
    /// refused too, as the text does not say which).
    /// </summary>
    private static bool QuietText(string text)
    {
        if (text.IndexOf('/') >= 0 || text.IndexOf('%') >= 0 || text.Contains("new ") || text.Contains("checked") || text.Contains("throw")) return false;
        for (int i = 1; i < text.Length; i++)
        {
            // A call: a name followed by its argument list.
            if (text[i] == '(' && (char.IsLetterOrDigit(text[i - 1]) || text[i - 1] is '_' or '>')) return false;
        }
        return true;
    }
}
