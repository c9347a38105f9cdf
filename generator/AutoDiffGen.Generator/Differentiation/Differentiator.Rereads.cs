using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using AutoDiffGen.Generator.Graph;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// Values of a loop iteration the reverse sweep reads again or recomputes instead of taping (issue 12 item 3, issue 14
/// item 4): at the top level of a loop body, (1) an element <c>p[i]</c>, <c>p[i, j]</c> of an array parameter that the
/// method never writes (nor any slice of it), with or without a gradient (a <c>[NoDiff]</c> array's <c>z[p·steps + j]</c>),
/// and (2) a value without gradient computed by arithmetic and <c>Math</c> functions from such elements, parameters,
/// counters and other values the reverse sweep has. Each input must be free in the reverse walk of that iteration: a
/// parameter, a value computed outside every loop, a counter the reverse sweep computes from its countdown
/// (<see cref="AffineCounters"/>), a value the iteration (or a loop around it) pops or reads again anyway. One analysis,
/// run once with <see cref="Needed"/>: what it reads again, it adds to what the reverse sweep needs, so that a counter it
/// reads is restored too. Only for the reverse sweep itself (a Hessian–vector program pops each value's tangent too).
/// A re-read is valid only if nothing can write that storage between the forward read and the reverse read: the array
/// has no later version (store, copy into it, callee output, slice or ref written). For an array without gradient, a
/// caller may also pass the same array as another parameter the method writes, or as an adjoint array the reverse sweep
/// adds into before the re-read (dW): no array parameter of its element type may be written, and the Backward may take
/// no adjoint array of its element type. (Elements with a gradient keep the earlier rule: a caller passing one
/// differentiated array twice, or as an adjoint, has no well-defined gradient anyway.)
/// </summary>
internal sealed partial class Differentiator
{
    private HashSet<int>? _stableParameters;
    private Dictionary<LoopItem, HashSet<int>>? _rereads;

    /// <summary>Of <paramref name="candidates"/> (what the iteration would save), the values read again instead.</summary>
    private HashSet<int> Rereads(LoopItem loop, IReadOnlyCollection<Node> candidates)
    {
        Needed();
        return _rereads is not null && _rereads.TryGetValue(loop, out var set) ? set : new HashSet<int>();
    }

    /// <summary>In the reverse walk of an iteration, after its pops: the values read again, in the order the forward sweep computed them.</summary>
    private void EmitRereads(LoopItem loop, IReadOnlyCollection<Node> candidates)
    {
        var reread = Rereads(loop, candidates);
        foreach (var node in candidates.Where(n => reread.Contains(n.Id)).OrderBy(n => n.Id))
        {
            _restored?.Add(node.Id);
            // A fused iteration's element read back from its array's own local, or recomputed (FusedReadBack).
            Emit(_fusedValues.TryGetValue(node.Id, out var value) ? new NewLocal(node.TypeName, node.Name, value) : new Compute(node.Id, true));
        }
    }

    /// <summary>
    /// Part of <see cref="Needed"/>: chooses, loop by loop (outer first), the values read again, and adds their inputs
    /// to what the reverse sweep needs, until nothing changes (an input needed now may let another value be read again).
    /// </summary>
    private void FindRereads()
    {
        _rereads = new Dictionary<LoopItem, HashSet<int>>();
        if (_policy != SweepPolicy.Backward) return;
        var loops = LoopPaths();
        foreach (var (l, _) in loops) _rereads[l] = new HashSet<int>();
        for (bool changed = true; changed;)
        {
            changed = false;
            foreach (var (loop, path) in loops)
            {
                var set = _rereads[loop];
                var candidates = SavedOrReread(loop);
                var taped = new HashSet<int>(candidates.Select(n => n.Id));
                var top = new HashSet<int>(loop.Body.Items.OfType<NodeItem>().Select(n => n.Node));
                var lifted = new HashSet<int>(LiftedReads(loop).Select(n => n.Id));
                foreach (var node in candidates.OrderBy(n => n.Id))
                {
                    if (set.Contains(node.Id) || !top.Contains(node.Id) && !lifted.Contains(node.Id)) continue;
                    var reads = top.Contains(node.Id) && (Recomputable(node) || node.Gate == GateKind.Element && SettledBefore(node.Inputs[0], path))
                        ? node.Inputs.All(i => Free(i, path, taped, set)) ? node.Inputs.ToList() : null
                        : FusedReadBack(node, path, taped, set, lifted.Contains(node.Id));
                    if (reads is null) continue;
                    set.Add(node.Id);
                    changed = true;
                    foreach (int input in reads) AddNeeded(input, node.Id);
                }
            }
        }
    }

    /// <summary>Every loop of the method, outer before inner, with the loops around it (outermost first, itself last).</summary>
    private List<(LoopItem Loop, List<LoopItem> Path)> LoopPaths()
    {
        var loops = new List<(LoopItem Loop, List<LoopItem> Path)>();
        void Walk(Block block, List<LoopItem> path)
        {
            foreach (var item in block.Items)
            {
                switch (item)
                {
                    case IfItem b:
                        Walk(b.Then, path);
                        Walk(b.Else, path);
                        break;
                    case LoopItem l:
                        var inner = new List<LoopItem>(path) { l };
                        loops.Add((l, inner));
                        Walk(l.Body, inner);
                        break;
                }
            }
        }
        Walk(_graph.Body, new List<LoopItem>());
        return loops;
    }

    /// <summary>
    /// Whether <paramref name="id"/> has its iteration's value in the reverse walk of the innermost loop of
    /// <paramref name="path"/> without a new tape entry: see the class summary.
    /// </summary>
    private bool Free(int id, List<LoopItem> path, HashSet<int> taped, HashSet<int> reread)
    {
        var node = _nodes[id];
        if (node.Gate == GateKind.Parameter || SettledBefore(id, path)) return true;
        if (node.IsInline) return node.Gate == GateKind.Constant && node.Inputs.All(i => Free(i, path, taped, reread));
        if (!_counters.InLoop(id)) return true;
        if (taped.Contains(id) || reread.Contains(id)) return true;
        for (int k = 0; k < path.Count; k++)
        {
            var loop = path[k];
            if (loop.Phis.Contains(id) && _counters.Recomputed(loop, id, loop.Countdown) is not null) return true;
            if (k == path.Count - 1) continue;
            // A loop around this one restores it before walking this one.
            if (_rereads![loop].Contains(id) || SavedOrReread(loop).Any(n => n.Id == id)) return true;
        }
        return false;
    }

    /// <summary>An element of a stable array parameter, or a value without gradient of arithmetic and Math functions only.</summary>
    private bool Recomputable(Node node)
    {
        if (node.Gate == GateKind.Element)
        {
            return StableParameters().Contains(node.Inputs[0]) && (_activity.IsActive(node.Id) || !MayAlias(_nodes[node.Inputs[0]]));
        }
        if (node.Gate != GateKind.Constant || node.IsInline || _activity.IsActive(node.Id) || node.TypeName is not ("double" or "float" or "int" or "long" or "bool")) return false;
        foreach (int i in node.Inputs)
        {
            var input = _nodes[i];
            if (input.TypeName is "double" or "float" or "int" or "long" or "bool") continue;
            if (!StableParameters().Contains(i) || MayAlias(input)) return false;
        }
        return PureText(node);
    }

    private static readonly Regex Token = new(
        @"\G\s*(?:(?<math>global::System\.MathF?\.[A-Za-z0-9]+)\s*\(|(?<number>[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?[dDfFlLuU]*)|(?<name>[A-Za-z_][A-Za-z0-9_]*)|(?<length>\.Length\b)|(?<op>[-+*/%()<>=!&|?:,\[\]^~]))",
        RegexOptions.CultureInvariant);

    /// <summary>Its text names only its inputs (and their names), literals, operators, casts and <c>Math</c> functions: no call with effects.</summary>
    private bool PureText(Node node)
    {
        var names = new HashSet<string> { "double", "float", "int", "long", "bool", "unchecked", "checked", "true", "false" };
        void AddNames(int id)
        {
            var input = _nodes[id];
            foreach (Match m in Regex.Matches(input.Name, "[A-Za-z_][A-Za-z0-9_]*")) names.Add(m.Value);
            if (input.IsInline) foreach (int i in input.Inputs) AddNames(i);
        }
        foreach (int i in node.Inputs) AddNames(i);
        string text = node.Text;
        int at = 0;
        while (at < text.Length)
        {
            var m = Token.Match(text, at);
            if (!m.Success || m.Length == 0)
            {
                if (text.Substring(at).Trim().Length == 0) break;
                return false;
            }
            if (m.Groups["name"].Success && !names.Contains(m.Groups["name"].Value)) return false;
            if (m.Groups["math"].Success) at = m.Index + m.Length - 1; // the '(' is read again as an operator
            else at = m.Index + m.Length;
        }
        return true;
    }

    private HashSet<string>? _writtenElementTypes;

    /// <summary>
    /// An array without gradient whose storage may be written before the reverse sweep reads it again: the Backward takes
    /// an adjoint array (or span) of the same element type, or the method writes an array parameter of that element type;
    /// a caller may pass this same array as either.
    /// </summary>
    private bool MayAlias(Node array)
    {
        var element = ElementTypeOf(array.TypeName);
        StableParameters();
        return _writtenElementTypes!.Contains(element) || _nodes.Any(n => n.Gate == GateKind.Parameter && n.Id != array.Id && n.AdjointName.Length > 0
            && n.TypeName is not ("double" or "float") && ElementTypeOf(n.TypeName) == element);
    }

    /// <summary>
    /// "double", "float", "int" for an array or span type name, "double[,]" for a rectangular one (which no one-dimensional
    /// array or span can share storage with); the name itself otherwise.
    /// </summary>
    private static string ElementTypeOf(string typeName)
    {
        if (typeName.EndsWith("[,]", System.StringComparison.Ordinal)) return typeName;
        string t = typeName.StartsWith("global::System.ReadOnlySpan<", System.StringComparison.Ordinal) ? typeName.Substring("global::System.ReadOnlySpan<".Length)
            : typeName.StartsWith("global::System.Span<", System.StringComparison.Ordinal) ? typeName.Substring("global::System.Span<".Length) : typeName;
        int end = t.IndexOfAny(new[] { '[', '>' });
        return end < 0 ? t : t.Substring(0, end);
    }

    /// <summary>Array parameters with no later version: no store, row, bulk copy, call output or slice of them is written.</summary>
    private HashSet<int> StableParameters()
    {
        if (_stableParameters is not null) return _stableParameters;
        var written = new HashSet<int>();
        foreach (var n in _nodes)
        {
            int? target = n.Gate switch
            {
                GateKind.Store or GateKind.NewRow or GateKind.CopyInto when n.Inputs.Length > 0 => n.Inputs[0],
                GateKind.CallOutput when n.Type == ScalarType.Array && n.Inputs.Length > 1 => n.Inputs[1],
                _ => null,
            };
            // The written version goes back to its array through the versions before it (a loop's phi, a slice, an earlier store).
            if (target is { } t && Root(t) is { } root) written.Add(root);
        }
        _writtenElementTypes = new HashSet<string>(written.Where(w => _nodes[w].Gate == GateKind.Parameter).Select(w => ElementTypeOf(_nodes[w].TypeName)));
        _stableParameters = new HashSet<int>(_nodes.Where(n => n.Gate == GateKind.Parameter && n.Type is ScalarType.Array or ScalarType.Other && !written.Contains(n.Id)
            && IsElementContainer(n.TypeName)).Select(n => n.Id));
        return _stableParameters;
    }

    /// <summary>The node a version of an array starts from (a parameter, a creation), following stores, phis, slices and calls; null if unknown.</summary>
    private int? Root(int id)
    {
        for (int guard = 0; guard <= _nodes.Length; guard++)
        {
            var node = _nodes[id];
            switch (node.Gate)
            {
                case GateKind.Store or GateKind.NewRow or GateKind.CopyInto or GateKind.Phi or GateKind.View or GateKind.Copy when node.Inputs.Length > 0:
                    id = node.Inputs[0];
                    break;
                case GateKind.CallOutput when node.Type == ScalarType.Array && node.Inputs.Length > 1:
                    id = node.Inputs[1];
                    break;
                default:
                    return id;
            }
        }
        return null;
    }

    /// <summary>double[]/float[] (one or two dimensions), int[], a span of double/float: what an <see cref="GateKind.Element"/> reads.</summary>
    private static bool IsElementContainer(string typeName) =>
        typeName is "double[]" or "float[]" or "double[,]" or "float[,]" or "int[]" or "global::System.ReadOnlySpan<double>" or "global::System.ReadOnlySpan<float>"
            or "global::System.Span<double>" or "global::System.Span<float>";
}
