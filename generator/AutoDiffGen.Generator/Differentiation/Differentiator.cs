using System;
using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// Differentiates a structured graph into an <see cref="AdjointProgram"/>. Forward: the user's control flow, one
/// local per useful gate; in loops, what the reverse sweep needs of an iteration goes on a tape. Reverse: the
/// same structure backwards, branches by the saved condition, loops by the saved trip count, one contribution
/// per local gradient, an adjoint declared at its first one. The walk is shared by every <see cref="SweepPolicy"/>.
/// </summary>
internal sealed partial class Differentiator
{
    private readonly ComputationGraph _graph;
    private readonly EquatableArray<Node> _nodes;
    private readonly Activity _activity;
    private readonly SweepPolicy _policy;
    private readonly string[] _adjoint;
    private readonly bool[] _declared;
    private readonly bool[] _hoisted;
    // A loop-carried adjoint reset for the next iteration: its first contribution assigns instead of adding
    // to zero (x + 0.0 is not folded, and would lengthen the loop's dependency chain).
    private readonly bool[] _zeroPending;
    private List<Step> _out = new();
    private readonly AffineCounters _counters;
    private readonly TapeReservations _reservations;

    /// <summary>
    /// True when a full tape makes the forward sweep start over with a larger one; false when it grows in place,
    /// for forward sweeps that call other methods.
    /// </summary>
    private readonly bool _restartOnGrowth;

    private Differentiator(ComputationGraph graph, Activity activity, SweepPolicy policy, CarriedTangent? carried = null, bool fuseLoops = false, bool reserveOnce = true, bool walkBack = true, bool takenSteps = true)
    {
        _reserveOnce = reserveOnce;
        _walkBack = walkBack;
        _takenSteps = takenSteps;
        _fused = fuseLoops && policy == SweepPolicy.Backward && carried is null ? FusedLoops.Find(graph, activity) : null;
        _carried = carried;
        _graph = graph;
        _nodes = graph.Nodes;
        _activity = activity;
        _policy = policy;
        // A Hessian–vector program also names tangents (N + id) and adjoints' tangents (2N + id): see Differentiator.HessianVector.
        _adjoint = _nodes.Select(n => n.AdjointName).Concat(Enumerable.Repeat("", policy == SweepPolicy.HessianVector ? 2 * _nodes.Length : 0)).ToArray();
        _tangentBase = policy == SweepPolicy.HessianVector ? _nodes.Length : 0;
        // A mixed MBackward names the carried scalar's tangents N + id, after the adjoints (Differentiator.Mixed).
        if (carried is not null)
        {
            _adjoint = _adjoint.Concat(carried.Names).ToArray();
            _tangentBase = _nodes.Length;
        }
        _declared = _nodes.Select(n => n.Gate == GateKind.Parameter || policy == SweepPolicy.Trace && activity.IsActive(n.Id)).ToArray();
        _hoisted = new bool[_nodes.Length];
        _zeroPending = new bool[_nodes.Length];
        _counters = new AffineCounters(graph);
        _reservations = new TapeReservations(graph);
        // Only a forward sweep without calls gains from restarting (a call spills its doubles anyway), and
        // only a forward sweep without calls is certain to do nothing but compute when it runs again.
        // A forward sweep that writes into its caller's arrays must not run twice either.
        _restartOnGrowth = !graph.OpaqueCalls && !_nodes.Any(n => n.Call is not null && activity.IsUseful(n.Id)) && !graph.WritesArrays;
    }

    private AdjointProgram Program() => new(
        new EquatableArray<Step>(_out),
        new EquatableArray<string>(_adjoint),
        new EquatableArray<TapeName>(UsedTapes),
        new EquatableArray<int>(UsedTapes.Select(t => _batches[t.TypeName])),
        // A fused loop's pushes grow in place: with no restarting push before it, the restart block would be unreachable.
        _restartOnGrowth && (_fused is null || Restarts(_out)));

    /// <summary>
    /// The body of <c>MBackward</c>: forward sweep, reverse sweep seeded with <c>dResult</c>, return; then the
    /// optimisations of <see cref="Passes"/>. <c>fuseLoops</c>: fuse a loop of independent iterations (<see cref="FusedLoops"/>);
    /// off only to compare with it, in tests; <c>reserveOnce</c>: a fused loop's reservation made once before it (<see cref="ReservedOnce"/>),
    /// off only to compare with it, in tests; <c>rowWalks</c>: adjacent reverse loops with a row walk among them walked as one
    /// (<see cref="ReverseRowWalks"/>), off only to compare with it, in tests; <c>walkBack</c>: a row loop's carried counter walked
    /// back instead of taped per row (<see cref="WalkedBack()"/>), off only to compare with it, in tests; <c>sharePops</c>: a row's
    /// element another loop of its walk tapes read from that loop's entry (ReverseRowWalkSharedPops), off only to compare with it, in tests;
    /// <c>takenSteps</c>: a running Max/Min routed by its last taken step instead of taping its running value (<see cref="TakenSteps"/>),
    /// off only to compare with it, in tests; <c>zeroArrays</c>: a local adjoint array that only ever holds zero dropped (<see cref="ZeroAdjointArrays"/>),
    /// off only to compare with it, in tests; <c>overwrittenCopies</c>: a copy of an adjoint its block overwrites after the copy's last read dropped (<see cref="OverwrittenCopies"/>),
    /// off only to compare with it, in tests.
    /// </summary>
    public static AdjointProgram Backward(ComputationGraph graph, Activity activity, bool fuseSums = true, bool foldZeroStarts = true, bool fuseLoops = true, bool reserveOnce = true, bool rowWalks = true, bool walkBack = true, bool sharePops = true, bool takenSteps = true, bool reuseArrays = true, bool zeroArrays = true, bool overwrittenCopies = true) =>
        Passes.Optimise(graph, activity, fuseSums, foldZeroStarts, fuseLoops: fuseLoops, reserveOnce: reserveOnce, rowWalks: rowWalks, walkBack: walkBack, sharePops: sharePops, takenSteps: takenSteps, reuseArrays: reuseArrays, zeroArrays: zeroArrays, overwrittenCopies: overwrittenCopies);

    /// <summary>The walk alone: <see cref="Backward"/> before any pass.</summary>
    /// <param name="graph">The primal graph.</param>
    /// <param name="activity">Which of its nodes are computed and which carry adjoints.</param>
    /// <param name="summed">The parameters whose adjoints are summed in a local and written through the ref once.</param>
    /// <param name="carried">For a mixed <c>MBackward</c>, the scalar whose tangent the forward sweep carries; else null.</param>
    /// <param name="fuseLoops">Fuse a loop of independent iterations (<see cref="FusedLoops"/>).</param>
    /// <param name="reserveOnce">Reserve a fused loop's tape room once before it (<see cref="ReservedOnce"/>).</param>
    /// <param name="walkBack">Walk a row loop's carried counter back instead of taping it per row (<see cref="WalkedBack()"/>).</param>
    /// <param name="takenSteps">Route a running Max/Min by its last taken step instead of taping its running value (<see cref="TakenSteps"/>).</param>
    public static AdjointProgram Walk(ComputationGraph graph, Activity activity, Func<int, bool> summed, CarriedTangent? carried = null, bool fuseLoops = true, bool reserveOnce = true, bool walkBack = true, bool takenSteps = true) =>
        new Differentiator(graph, activity, SweepPolicy.Backward, carried, fuseLoops, reserveOnce, walkBack, takenSteps).Sweeps(summed);

    /// <summary>The forward sweep, the reverse sweep seeded with <c>dResult</c>, the return.</summary>
    private AdjointProgram Sweeps(Func<int, bool> summed)
    {
        var d = this;
        var graph = _graph;
        var activity = _activity;
        d.Emit(new Comment("forward sweep"));
        d.SeedCarried();
        d.DeclareStructAdjointLocals();
        d.DeclareStructArrayParts();
        d.DeclareArrayStacks();
        if (_fused is not null) d.UseSums(summed);
        d.Forward(graph.Body);
        d.WriteBackStructArrays();
        // A vector result with outputs is refused by MethodAnalyzer (ADG0003): WalkVector seeds no outputs.
        if (graph.Vector is { } vector) return d.WalkVector(graph, vector, summed);
        string returned = "";
        if (!graph.IsVoid)
        {
            var kept = graph.Nodes[graph.Result];
            returned = kept.Name;
            if (graph.HasLoops && !kept.IsInline)
            {
                // The reverse sweep restores loop variables from the tape; keep the primal value apart.
                d.Emit(new NewLocal(Declared(kept), graph.ResultLocal, kept.Name));
                returned = graph.ResultLocal;
            }
        }
        if (_seeded) EndTangentOnly(returned);
        d.AddCarried();
        var finals = d.KeepOutputs();
        bool resultActive = !graph.IsVoid && activity.IsActive(graph.Result);
        if (resultActive || d.HasSeeds())
        {
            d.Emit(Blank.Instance);
            d.Emit(new Comment("reverse sweep"));
            // A fused loop created the adjoints of the arrays before it, and named the sums, where it starts.
            if (_fused is null) d.UseSums(summed);
            d.DeclareArrayAdjoints(_fused is null ? null : n => !_fused.ArraysBefore.Contains(n.Id));
            var result = resultActive ? graph.Nodes[graph.Result] : null;
            if (result is null)
            {
                // A void method: its outputs are the only seeds.
            }
            else if (result.Gate == GateKind.Parameter)
            {
                // Into its sum when it has one, first: the same order of additions as the trace.
                d.Contribute(result.Id, AdjointText.Plain("dResult"), subtract: false, d._out, -1, -1);
            }
            else if (result.UserName is null && result.Gate != GateKind.Phi && !graph.Outputs.Any(o => o.Node == result.Id))
            {
                // An intermediate's adjoint is the seed itself.
                d._adjoint[result.Id] = "dResult";
                d._declared[result.Id] = true;
            }
            else
            {
                // A fused loop's sum returned as it stands was declared before that loop.
                d.Emit(new Contribute(result.Id, null, AdjointText.Plain("dResult"), _fused is not null && d._declared[result.Id] ? Accumulation.Add : Accumulation.Declare));
                d._declared[result.Id] = true;
            }
            d.SeedOutputs();
            d.Reverse(graph.Body);
            d.AddSums();
        }
        d.WriteOutputs(finals);
        d.RebuildStructAdjoints();
        d.Emit(Blank.Instance);
        if (!graph.IsVoid) d.Emit(new Return(returned));
        return d.Program();
    }

    /// <summary>
    /// The body of <c>MTrace</c> up to its record: both sweeps with every value and adjoint readable at the end.
    /// Only for what the trace supports (no loops, tapes, stores or effects).
    /// </summary>
    /// <param name="graph">The primal graph.</param>
    /// <param name="activity">Which of its nodes are computed and which carry adjoints.</param>
    /// <param name="elementType">For an array or span parameter, its element type ("double", "float"); else null.</param>
    public static AdjointProgram Trace(ComputationGraph graph, Activity activity, Func<Node, string?> elementType)
    {
        var d = new Differentiator(graph, activity, SweepPolicy.Trace);
        d.Emit(new Comment("forward sweep"));
        d.HoistBranches(graph.Body, inBranch: false);
        d.Forward(graph.Body);
        var active = graph.Nodes.Where(n => activity.IsActive(n.Id)).ToList();
        if (active.Count > 0)
        {
            d.Emit(Blank.Instance);
            d.Emit(new Comment("every adjoint starts at zero; the result's is the seed"));
            foreach (var n in active)
            {
                if (n.Type is ScalarType.Double or ScalarType.Float)
                {
                    d.Emit(new Contribute(n.Id, null, AdjointText.Plain(ScalarLiterals.Zero(n.Type)), Accumulation.Declare));
                }
                else if (n.Gate == GateKind.Parameter && elementType(n) is { } element)
                {
                    d.Emit(new NewLocal(element + "[]", n.AdjointName, "new " + element + "[" + n.Name + ".Length]"));
                }
            }
            d.Emit(new Contribute(graph.Result, null, AdjointText.Plain("dResult"), Accumulation.Add));
            d.Emit(Blank.Instance);
            d.Emit(new Comment("reverse sweep: the branches taken, backwards"));
            d.Reverse(graph.Body);
        }
        // The one pass that changes arithmetic (s + t + t becomes s + 2t) applies here too, so that the trace's
        // gradients are Backward's to the last bit; the others only rename, and the trace reads every adjoint by name.
        return TwinContributions.Run(d.Program(), graph);
    }

    private void Emit(Step step) => _out.Add(step);

    /// <summary>The steps <paramref name="write"/> emits, as a nested block.</summary>
    private EquatableArray<Step> Nested(Action write)
    {
        var outer = _out;
        _out = new List<Step>();
        write();
        var inner = _out;
        _out = outer;
        return new EquatableArray<Step>(inner);
    }

    private static string Declared(Node node) => node.Type == ScalarType.Adjointable ? "var" : node.TypeName;

    private string Operand(Node node, int i) => Operands.Of(_nodes, node, i);

    /// <summary>
    /// Scalar parameters' adjoints are summed in locals (declared at their first contribution) and added
    /// through the ref once, by <see cref="AddSums"/>.
    /// </summary>
    private void UseSums(Func<int, bool> summed)
    {
        foreach (var sum in _graph.Sums)
        {
            if (!_activity.IsActive(sum.Node) || !summed(sum.Node)) continue;
            _adjoint[sum.Node] = sum.Name;
            _declared[sum.Node] = false;
        }
    }

    /// <summary>dX += dXSum for each parameter whose sum received something.</summary>
    private void AddSums()
    {
        foreach (var sum in _graph.Sums)
        {
            if (_adjoint[sum.Node] == sum.Name && _declared[sum.Node]) Emit(new AddToParameter(sum.Node, AdjointText.Of(sum.Node)));
        }
    }

    // ================= tapes =================

    private readonly Dictionary<string, int> _batches = new();
    private readonly HashSet<string> _tapesUsed = new();

    private IEnumerable<TapeName> UsedTapes => _graph.Tapes.Where(t => _tapesUsed.Contains(t.TypeName));

    private TapeName Tape(string typeName)
    {
        _tapesUsed.Add(typeName);
        return _graph.Tapes.FirstOrDefault(t => t.TypeName == typeName) ?? throw new System.InvalidOperationException("no tape for " + typeName);
    }

    /// <summary>Checks room for the values, then stores each at its tape's top.</summary>
    private void Save(IReadOnlyList<(string TypeName, string Value)> values)
    {
        var counts = values.GroupBy(v => v.TypeName).Select(g => new TapeRoom(Tape(g.Key), g.Count())).ToList();
        foreach (var room in counts)
        {
            _batches[room.Tape.TypeName] = Math.Max(room.Count, _batches.TryGetValue(room.Tape.TypeName, out int b) ? b : 0);
        }
        Emit(new TapePush(new EquatableArray<TapeRoom>(counts), new EquatableArray<TapeValue>(values.Select(v => new TapeValue(Tape(v.TypeName), v.Value))), _restartOnGrowth && !_growInPlace));
    }

    // ================= what the reverse sweep reads =================

    private HashSet<int>? _needed;

    /// <summary>Values the reverse sweep reads: operands and outputs of active gates, conditions of active branches.</summary>
    private HashSet<int> Needed()
    {
        if (_needed is not null) return _needed;
        _needed = new HashSet<int>();
        foreach (var node in _nodes)
        {
            if (!_activity.IsActive(node.Id) || node.Gate is GateKind.Parameter or GateKind.Constant or GateKind.Phi) continue;
            // A running Max/Min routed by its last taken step reads its loop's counter only (Differentiator.TakenSteps).
            if (NeedTakenStep(node)) continue;
            var (output, inputs) = _policy == SweepPolicy.HessianVector && HasSecondPartials(node) && node.Gate != GateKind.Multiply
                // The tangent of a local gradient reads the gate's second partials (its output and inputs) and the
                // tangents of its inputs, which are taped with them; a product's are constant and its inputs read already.
                ? (true, Enumerable.Repeat(true, node.Inputs.Length).ToArray())
                : LocalGradients.Reads(node);
            if (node.Gate == GateKind.Multiply && node.Inputs.Length == 2) ReadsForActiveInputs(node, inputs);
            if (output) AddNeeded(node.Id, node.Id);
            for (int i = 0; i < node.Inputs.Length; i++)
            {
                if (inputs[i]) AddNeeded(node.Inputs[i], node.Id);
            }
        }
        AddConditions(_graph.Body);
        AddLoopArraySizes();
        // Re-reads first: the counters they read are needed, and so are those counters' entries (below).
        // A counter of an inner loop recomputed from its entry: the loops around restore the entry (AffineCounters),
        // by a re-read where they can (a literal `int j = 0;` or `j = i + 1` is computed again, not taped): so the
        // re-reads are found again once the entries are needed, until neither adds anything.
        // Only loops the reverse sweep walks: an inner loop with nothing to walk back (`int at = 0; while (…) at++;` that
        // only finds an index) recomputes no counter, and its entry restored for nothing was an unused local (CS0219).
        var entries = _counters.Entries().Where(e => Active(e.Loop)).Select(e => (e.Counter, e.Entry)).ToList();
        // An inner loop's trip count computed in its reverse walk reads its counter's entry and its bound (read by its test).
        var trips = AllLoops(_graph.Body).Where(l => TripsRecomputed(l) is not null)
            .SelectMany(l => _counters.Trips(l)!.Value.Reads.Select(id => (Reader: l.Condition, Value: id))).ToList();
        for (bool added = true; added;)
        {
            FindRereads();
            added = false;
            foreach (var (counter, entry) in entries.Where(e => _needed.Contains(e.Counter)).Concat(trips))
            {
                if (_readers.TryGetValue(entry, out var r) && r.Contains(counter)) continue;
                AddNeeded(entry, counter);
                added = true;
            }
            // A carried counter walked back is restored from its value after its loop (Differentiator.WalkedBack).
            if (NeedWalkedBackExits()) added = true;
        }
        return _needed;
    }

    /// <summary>
    /// A product's rule reads input i only for the contribution to the other input, which is made only when that input
    /// carries an adjoint: <c>0.5 * sq</c> or <c>c * fro</c> with a constant or <c>[NoDiff]</c> factor does not read
    /// <c>sq</c>, so a loop need not tape it.
    /// </summary>
    private void ReadsForActiveInputs(Node product, bool[] inputs)
    {
        for (int i = 0; i < 2; i++) inputs[i] &= _activity.IsActive(product.Inputs[1 - i]);
    }

    /// <summary>For each needed value, the gates whose reverse rules read it; -1 for a reader that is not a gate (a branch
    /// condition, an array's size), which may be anywhere.</summary>
    private readonly Dictionary<int, HashSet<int>> _readers = new();

    /// <summary>An inline constant is text that names other values: those are needed too.</summary>
    private void AddNeeded(int id, int reader = -1)
    {
        if (!_readers.TryGetValue(id, out var readers)) _readers[id] = readers = new HashSet<int>();
        bool newReader = readers.Add(reader);
        if (!_needed!.Add(id) && !newReader) return;
        if (_nodes[id] is { IsInline: true, Gate: GateKind.Constant or GateKind.Pack or GateKind.View } inline)
        {
            foreach (var input in inline.Inputs) AddNeeded(input, reader);
        }
    }

    /// <summary>Some reader of a needed value satisfies <paramref name="where"/> (a reader that is not a gate always does).</summary>
    private bool ReadWhere(int id, System.Func<int, bool> where)
    {
        Needed();
        return _readers.TryGetValue(id, out var readers) && readers.Any(r => r < 0 || where(r));
    }

    private void AddConditions(Block block)
    {
        foreach (var item in block.Items)
        {
            if (item is IfItem b)
            {
                if (Active(b) && ThrowingSide(b) < 0) AddNeeded(b.Condition);
                AddConditions(b.Then);
                AddConditions(b.Else);
            }
            else if (item is LoopItem l)
            {
                AddConditions(l.Body);
            }
        }
    }

    /// <summary>0 or 1: that branch of a guard always throws (the other runs on); -1 for an ordinary branch.</summary>
    private int ThrowingSide(IfItem branch) => Effects.ThrowingSide(branch, id => _nodes[id]);
}
