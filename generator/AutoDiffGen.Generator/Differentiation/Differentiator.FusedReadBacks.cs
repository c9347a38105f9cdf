using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Graph;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// Elements of a fused iteration's local arrays that its reverse reads back or recomputes instead of taping (issue 12,
/// the GMM's <c>mainTerm[ik]</c> and <c>xc[i]</c>). A fused iteration's reverse runs right after its forward
/// (<see cref="FusedLoops"/>), and the reverse sweep never writes a primal array, so:
/// <list type="number">
/// <item><b>Read back</b>: an element of a local array (created outside every loop, used by nothing but element reads,
/// stores, merges and values without gradient: no other name can write it) read in a statement of the fused body after
/// which the body stores nothing into that array still holds, in the iteration's reverse, the value the forward read.
/// It is read again from the array's own local (the version's name may be out of scope there).</item>
/// <item><b>Recomputed</b>: an element read from the version a loop <c>for (j = 0; j &lt; n; j++) t[j] = v(j)</c> leaves
/// (n the length <c>t</c> was created with, the store in every iteration, the version read that loop's exit: so no store
/// to <c>t</c> comes between, and element <c>e</c> holds <c>v(e)</c>) is <c>v</c> written again with <c>j</c> replaced by
/// the read's index, when <c>v</c> is arithmetic, pure constants and elements of array parameters nothing writes, over
/// values the reverse walk has (<see cref="Free"/>), and only when that is cheaper than the tape (<see cref="CheaperThanTape"/>:
/// the GMM's <c>xc[id] = x[…] − means[…]</c>, two loads, is taped). A read an inner loop makes once for the loop around it
/// (<see cref="LiftedReads"/>) may not have run: its recomputation is guarded by the index's range, where <c>v</c>'s own
/// reads are those the writing loop made.</item>
/// </list>
/// Everything else is taped as before. Only in a fused iteration (a reverse that runs later would see later stores).
/// </summary>
internal sealed partial class Differentiator
{
    /// <summary>For each element read back or recomputed in a fused iteration's reverse, the C# expression of its value.</summary>
    private readonly Dictionary<int, string> _fusedValues = new();

    /// <summary>
    /// When <paramref name="node"/> (read in the innermost loop of <paramref name="path"/>) can be read back or recomputed in
    /// its fused iteration's reverse: the values its expression reads, which the reverse sweep then needs; else null.
    /// </summary>
    private List<int>? FusedReadBack(Node node, List<LoopItem> path, HashSet<int> taped, HashSet<int> reread, bool lifted)
    {
        if (node.Gate != GateKind.Element || node.Inputs.Length != 2 || path.Count == 0 || !Fused(path[0])) return null;
        if (node.Type is not (ScalarType.Double or ScalarType.Float)) return null;
        if (Root(node.Inputs[0]) is not { } root || _nodes[root].Gate != GateKind.NewArray || _counters.InLoop(root) || StoresIfConfined(root) is not { } stores) return null;
        int index = node.Inputs[1];
        if (!FusedFree(index, path, taped, reread)) return null;
        string indexText = Operands.Of(_nodes, node, 1);
        string array = _nodes[root].Name;
        if (!lifted && StoredBeforeOnly(path[0], node.Id, stores))
        {
            _fusedValues[node.Id] = LocalGradients.Forward(node, i => i == 0 ? array : Operands.Of(_nodes, node, i));
            return new List<int> { index };
        }
        if (Recomputation(node.Inputs[0], Wrapped(indexText), path, taped, reread) is not { } recomputed) return null;
        _fusedValues[node.Id] = lifted
            ? indexText + " >= 0 && " + indexText + " < " + array + ".Length ? " + recomputed.Text + " : " + ScalarLiterals.Zero(node.Type)
            : recomputed.Text;
        recomputed.Reads.Add(index);
        return recomputed.Reads;
    }

    /// <summary>Every store of the fused loop into the array is in a statement of its body before the one that holds the read.</summary>
    private static bool StoredBeforeOnly(LoopItem fused, int read, List<Node> stores)
    {
        var at = new Dictionary<int, int>();
        for (int i = 0; i < fused.Body.Items.Length; i++)
        {
            foreach (int id in NodesOf(fused.Body.Items[i])) at[id] = i;
        }
        if (!at.TryGetValue(read, out int readAt)) return false;
        var header = new HashSet<int>(fused.Header.Items.SelectMany(NodesOf));
        return stores.All(s => !header.Contains(s.Id) && (!at.TryGetValue(s.Id, out int storeAt) || storeAt < readAt));
    }

    /// <summary>The nodes an item holds, its branches, loops, phis and conditions included.</summary>
    private static IEnumerable<int> NodesOf(Item item)
    {
        switch (item)
        {
            case NodeItem n:
                yield return n.Node;
                break;
            case IfItem b:
                yield return b.Condition;
                foreach (int p in b.Phis) yield return p;
                foreach (var inner in b.Then.Items.Concat(b.Else.Items)) foreach (int id in NodesOf(inner)) yield return id;
                break;
            case LoopItem l:
                yield return l.Condition;
                foreach (int p in l.Phis) yield return p;
                foreach (var inner in l.Header.Items.Concat(l.Body.Items)) foreach (int id in NodesOf(inner)) yield return id;
                break;
        }
    }

    /// <summary>
    /// The value version <paramref name="version"/> holds at <paramref name="indexText"/>, written again from the loop that
    /// wrote it all over, and the values that text reads; null when it is not such a loop's exit version or the value is
    /// not recomputable there.
    /// </summary>
    private (string Text, List<int> Reads)? Recomputation(int version, string indexText, List<LoopItem> path, HashSet<int> taped, HashSet<int> reread)
    {
        var writer = AllLoops(_graph.Body).FirstOrDefault(l => l.Phis.Contains(version));
        if (writer is null || FusedLoops.FullWriteOf(_nodes, writer) is not { } full || _nodes[version].Inputs.Length != 2) return null;
        var store = _nodes[full.Store];
        // The exit version of the writing loop is the one its only store leaves: no other store to the array in the loop.
        if (_nodes[version].Inputs[1] != store.Id || store.Inputs[0] != version) return null;
        var inside = new HashSet<int>(DefinedIn(writer));
        var counter = _nodes[full.Counter];
        var reads = new List<int>();
        bool ok = true;
        int loads = 0, slow = 0;
        // A value of the writing loop's iteration as text, with its counter replaced by the read's index.
        string Render(int id)
        {
            var n = _nodes[id];
            if (id == counter.Id) return indexText;
            if (!inside.Contains(id) || n.IsInline)
            {
                foreach (int leaf in Leaves(id))
                {
                    if (leaf == counter.Id) continue;
                    if (inside.Contains(leaf) || !FusedFree(leaf, path, taped, reread) || !Unwritten(leaf)) ok = false;
                    reads.Add(leaf);
                }
                string name = n.IsInline && n.Name.StartsWith("-", System.StringComparison.Ordinal) ? "(" + n.Name + ")" : n.Name;
                if (n.IsInline) Cost(name);
                return n.IsInline ? Substituted(name, counter.Name, indexText) : name;
            }
            switch (n.Gate)
            {
                case GateKind.Constant when n.Type != ScalarType.Array && PureText(n) && n.Inputs.All(Unwritten):
                    // Its text names its inputs (an inline one by its own text, which may name the counter).
                    string text = n.Text;
                    Cost(text);
                    foreach (int i in n.Inputs.Distinct().Where(i => i != counter.Id))
                    {
                        string rendered = Render(i);
                        if (!_nodes[i].IsInline && rendered != _nodes[i].Name) text = Substituted(text, _nodes[i].Name, Wrapped(rendered));
                    }
                    return Substituted(text, counter.Name, indexText);
                case GateKind.Element when n.Inputs.Length == 2 && StableParameters().Contains(n.Inputs[0]):
                    loads++;
                    reads.Add(n.Inputs[0]);
                    return LocalGradients.Forward(n, i => i == 0 ? _nodes[n.Inputs[0]].Name : Wrapped(Render(n.Inputs[i])));
                case GateKind.Add or GateKind.Subtract or GateKind.Multiply or GateKind.Divide or GateKind.Negate:
                    if (n.Gate == GateKind.Divide) slow++;
                    return LocalGradients.Forward(n, i => Wrapped(Render(n.Inputs[i])));
                default:
                    ok = false;
                    return "";
            }
        }
        // A constant's own text (a [NoDiff] element x[…], a Math call over values without gradient) costs what it reads.
        void Cost(string text)
        {
            loads += text.Count(ch => ch == '[');
            slow += Regex.Matches(text, @"\bMathF?\.|/").Count;
        }
        string value = Render(store.Inputs[2]);
        return ok && CheaperThanTape(loads, slow) ? (value, reads) : null;
    }

    /// <summary>
    /// The cost rule of a recomputation (issue 12, perf12). A tape entry costs a store in the forward, a load in the reverse
    /// and the top's increment and decrement (its room is reserved once per fused iteration, so no check). A recomputation
    /// costs its loads (each with a bounds check and its index arithmetic), its divisions and Math calls (each a long latency),
    /// and its +, −, × (a few cycles, which the saved store pays for). So it is recomputed only when it loads at most one
    /// element and has no division or Math call: <c>t[j] = 0.5 − m[c·d + j]</c> is, the GMM's <c>xc[id] = x[…] − means[…]</c>
    /// is not (measured, quiet machine, 2026-12-04: recomputing it made the gradient ~5 % slower than taping it).
    /// </summary>
    private static bool CheaperThanTape(int loads, int slow) => loads <= 1 && slow == 0;

    /// <summary><see cref="Free"/>, or a local of the fused iteration itself (its phis, its body's statements): in scope in its reverse.</summary>
    private bool FusedFree(int id, List<LoopItem> path, HashSet<int> taped, HashSet<int> reread) =>
        Free(id, path, taped, reread) || path[0].Phis.Contains(id) || path[0].Body.Items.Contains(new NodeItem(id));

    /// <summary>
    /// A scalar, or an array parameter the method never writes. (Unlike <see cref="Recomputable"/>, a <c>[NoDiff]</c> array a
    /// caller might also pass as an adjoint is allowed: the writing loop is inside the fused loop, whose later iterations read
    /// that array after earlier ones added into the adjoints anyway, so a recomputation there exposes nothing the fused
    /// schedule does not; docs/supported.md says so.)
    /// </summary>
    private bool Unwritten(int id) =>
        _nodes[id].TypeName is "double" or "float" or "int" or "long" or "bool" || StableParameters().Contains(id);

    /// <summary>The values an inline constant's text reads, through inline constants; the value itself otherwise.</summary>
    private IEnumerable<int> Leaves(int id) =>
        _nodes[id] is { IsInline: true, Gate: GateKind.Constant } n ? n.Inputs.SelectMany(Leaves) : new[] { id };

    /// <summary>A name as it is; any other text in parentheses.</summary>
    private static string Wrapped(string text) => Regex.IsMatch(text, "^[A-Za-z_][A-Za-z0-9_]*$") ? text : "(" + text + ")";

    /// <summary>The text with each whole identifier <paramref name="name"/> replaced.</summary>
    private static string Substituted(string text, string name, string replacement) =>
        Regex.Replace(text, @"(?<![A-Za-z0-9_.])" + Regex.Escape(name) + @"(?![A-Za-z0-9_])", replacement.Replace("$", "$$"), RegexOptions.CultureInvariant);
}
