using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>The forward sweep: the primal control flow, with the tape pushes its loops need.</summary>
internal sealed partial class Differentiator
{
    /// <summary>
    /// <c>m[i] = new double[k];</c> of a local jagged array; in forward mode its tangent array gets a row of the same length
    /// (the tangent of a fresh row is zero, as the row is).
    /// </summary>
    private void NewRow(Node row)
    {
        string creation = "new " + ElementIndex.ElementTypeName(row.TypeName) + "[" + Operand(row, 2) + "]";
        Emit(new SetLocal(row.Name + "[" + Operand(row, 1) + "]", creation));
        // The Hessian–vector product (hess20) keeps a jagged local's tangents in a jagged array of the same rows too.
        if (_policy is SweepPolicy.Tangent or SweepPolicy.HessianVector && HasTangent(row.Id)) Emit(new SetLocal(_adjoint[T(row.Id)] + "[" + Operand(row, 1) + "]", creation));
    }

    private void Forward(Block block)
    {
        foreach (var item in block.Items) ForwardItem(item);
    }

    private void ForwardItem(Item item)
    {
        switch (item)
        {
            case NodeItem { Node: var id } when _nodes[id].Gate == GateKind.Store:
                if (_activity.IsUseful(id))
                {
                    Emit(new StoreElement(id));
                    StoreTangent(_nodes[id]);
                }
                break;
            case NodeItem { Node: var id } when _nodes[id].Gate == GateKind.CopyInto:
                if (_activity.IsUseful(id))
                {
                    Emit(new CopyElements(id));
                    CopyIntoTangent(_nodes[id]);
                }
                break;
            case NodeItem { Node: var id } when _nodes[id].Gate == GateKind.NewRow:
                if (_activity.IsUseful(id)) NewRow(_nodes[id]);
                break;
            case NodeItem { Node: var id } when Effects.IsEffect(_nodes[id]):
                Emit(new Effect(id));
                break;
            case NodeItem { Node: var id }:
                var node = _nodes[id];
                // A call's ref/out values are declared and set by the call itself.
                if (!_activity.IsUseful(id) || node.Gate == GateKind.CallOutput || _readBeforeLoop.Contains(id)) return;
                if (_policy == SweepPolicy.Tangent && WrittenSnapshot(id)) return;
                if (OnArrayTape(node))
                {
                    SaveToArrayTape(node);
                    return;
                }
                if (node.IsInline)
                {
                    // A struct packed for a call is its construction, written where it is passed; in forward mode its tangent is a local.
                    if (_policy == SweepPolicy.Tangent && node.Gate == GateKind.Pack && HasTangent(id)) Emit(new Tangent(id, TangentValue(node), Declares(node, true)));
                    return;
                }
                if (_policy is SweepPolicy.Tangent or SweepPolicy.HessianVector) ComputeWithTangent(node);
                else if (_policy == SweepPolicy.Hessian) ComputeWithSecondOrder(node);
                else
                {
                    KeepTakenStep(node);
                    Emit(new Compute(id, !_hoisted[id]));
                    CarryTangent(node);
                }
                if (node.Gate is GateKind.NewArray or GateKind.CopyArray or GateKind.SpareArray) KeepArray(node);
                break;
            case IfItem branch when ThrowingSide(branch) is var side && side >= 0:
                // A guard: the branch that throws is written as it stands, and the other one runs on at this level.
                string condition = _nodes[branch.Condition].Name;
                Emit(new Branch(side == 0 ? condition : Not(condition), Nested(() => Forward(side == 0 ? branch.Then : branch.Else)), null));
                Forward(side == 0 ? branch.Else : branch.Then);
                break;
            case IfItem branch:
                if (!Useful(branch)) return;
                // Values computed in a branch that the reverse sweep reads again are declared outside it; the rest
                // where they are computed (fewer statements for the compiler, and closer to the user's code).
                bool loopFree = !ContainsLoop(branch.Then) && !ContainsLoop(branch.Else);
                foreach (var n in BranchNodes(branch).Where(n => !loopFree || ReadAfterBranch(n))) Hoist(n);
                foreach (var phi in branch.Phis.Where(_activity.IsUseful)) Hoist(_nodes[phi]);
                var then = Nested(() =>
                {
                    Forward(branch.Then);
                    AssignPhis(branch.Phis, 0);
                });
                var otherwise = Nested(() =>
                {
                    Forward(branch.Else);
                    AssignPhis(branch.Phis, 1);
                });
                Emit(new Branch(_nodes[branch.Condition].Name, then, otherwise));
                break;
            case LoopItem loop:
                if (!Useful(loop)) return;
                ForwardLoop(loop);
                break;
        }
    }

    private static string Not(string condition) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(condition) ? "!" + condition : "!(" + condition + ")";

    private void ForwardLoop(LoopItem loop)
    {
        if (Checkpointed(loop))
        {
            CheckpointedForward(loop);
            return;
        }
        if (Fused(loop))
        {
            FusedForward(loop);
            return;
        }
        // Its invariant elements are pushed by the loop around it: read once before it where that is sound
        // (ReadsBeforeLoop), else declared before it and set in every iteration.
        var invariant = InvariantReads(loop).Where(n => Needed().Contains(n.Id)).ToList();
        var (readBefore, guard) = ReadsBeforeLoop(loop, invariant);
        foreach (var read in invariant.Where(n => !readBefore.Contains(n))) Hoist(read);
        EnterPhis(loop);
        foreach (var read in readBefore)
        {
            _hoisted[read.Id] = true;
            _readBeforeLoop.Add(read.Id);
            Emit(new GuardedRead(read.Id, guard));
        }
        // Only a loop the reverse sweep walks may push onto the tapes: the tapes are stacks shared by all
        // loops, so a push nobody pops (a loop whose result is used but carries no gradient, e.g. through
        // Floor) would shift every earlier loop's pops. A checkpointed loop's first run pushes nothing either.
        bool taped = Active(loop) && _policy is not (SweepPolicy.Tangent or SweepPolicy.Hessian) && !_untaped;
        bool counted = taped && TripsRecomputed(loop) is null;
        if (counted) Emit(new NewLocal("int", loop.Trip, "0"));
        var body = LoopBody(loop, taped, counted, first: null);
        var trips = taped ? _reservations.Trips(loop) : null;
        if (trips is not null && TapeReservations.Usage(body, _reservations.Inside(loop)) is { Count: > 0 } usage)
        {
            // Room for the whole loop, its inner loops' included (and its trip count, pushed after it, when it pushes ints anyway).
            bool tripPushed = counted && !TripInLocal(loop);
            var needs = usage.Select(u => new TapeNeed(u.Key, TapeReservations.Product(trips.Count, u.Value) + (u.Key.TypeName == "int" && tripPushed ? " + 1" : "")));
            Emit(new Reserve(needs.OrderBy(n => _graph.Tapes.ToList().IndexOf(n.Tape)).ToEquatableArray(), _restartOnGrowth && !_growInPlace));
            body = TapeReservations.WithoutReservations(body);
        }
        DeclareTakenSteps(loop);
        Emit(new ForwardLoop(body, trips));
        if (counted && !TripInLocal(loop)) Save(new[] { ("int", loop.Trip) });
    }

    /// <summary>
    /// An inner loop's trip count as C# its reverse walk computes instead of popping it (<see cref="AffineCounters.Trips"/>),
    /// or null: then the forward loop counts it and pushes it (or keeps it in its local, <see cref="TripInLocal"/>).
    /// </summary>
    private string? TripsRecomputed(LoopItem loop) =>
        _policy is SweepPolicy.Backward or SweepPolicy.HessianVector && Active(loop) && !Checkpointed(loop) && !TripInLocal(loop) ? _counters.Trips(loop)?.Count : null;

    /// <summary>Every loop in a block, nested ones included.</summary>
    private static IEnumerable<LoopItem> AllLoops(Block block)
    {
        foreach (var item in block.Items)
        {
            switch (item)
            {
                case LoopItem l:
                    yield return l;
                    foreach (var inner in AllLoops(l.Body)) yield return inner;
                    break;
                case IfItem b:
                    foreach (var inner in AllLoops(b.Then).Concat(AllLoops(b.Else))) yield return inner;
                    break;
            }
        }
    }

    /// <summary>
    /// A loop directly in the method's body runs at most once per call (a restart runs it again from its start, trip
    /// count included), and its trip count's local is in scope in the reverse sweep: it need not go on the tape.
    /// </summary>
    private bool TripInLocal(LoopItem loop) => !Checkpointed(loop) && _graph.Body.Items.Contains(loop);

    /// <summary>The carried variables take their entry values.</summary>
    private void EnterPhis(LoopItem loop)
    {
        foreach (var phi in loop.Phis.Where(_activity.IsUseful))
        {
            PhiTangent(_nodes[phi], 0, declare: !_hoisted[phi]);
            Assign(_nodes[phi], Operand(_nodes[phi], 0));
        }
    }

    /// <summary>
    /// One iteration of the forward loop: <paramref name="taped"/> saves what the reverse sweep reads,
    /// <paramref name="counted"/> counts the trip; <paramref name="first"/> writes steps at the top of the body.
    /// </summary>
    private EquatableArray<Step> LoopBody(LoopItem loop, bool taped, bool counted, System.Action? first) => Nested(() =>
    {
        first?.Invoke();
        if (loop.ConditionFirst)
        {
            Forward(loop.Header);
            Emit(new BreakUnless(_nodes[loop.Condition].Name));
        }
        Forward(loop.Body);
        var saved = taped ? Saved(loop) : new List<Node>();
        if (saved.Count > 0)
        {
            Emit(new Comment("save this iteration for the reverse sweep"));
            Save(saved.SelectMany(SavedValues).ToList());
        }
        if (!loop.ConditionFirst) Forward(loop.Header);
        var carried = loop.Phis.Where(phi => _activity.IsUseful(phi) && _nodes[phi].Inputs[1] != phi).Select(phi => _nodes[phi]).ToList();
        // Tangents first where forward inlining reads them (TangentsFirst); else each value with its tangent.
        if (TangentsFirst) foreach (var p in carried) PhiTangent(p, 1, declare: false);
        foreach (var p in carried)
        {
            if (Operand(p, 1) != p.Name) Emit(new SetLocal(p.Name, Operand(p, 1)));
            if (!TangentsFirst) PhiTangent(p, 1, declare: false);
        }
        if (counted) Emit(new Increment(loop.Trip));
        if (!loop.ConditionFirst) Emit(new BreakUnless(_nodes[loop.Condition].Name));
    });

    private void AssignPhis(EquatableArray<int> phis, int input)
    {
        var assigned = phis.Where(_activity.IsUseful).Select(phi => _nodes[phi]).ToList();
        if (TangentsFirst) foreach (var p in assigned) PhiTangent(p, input, declare: false);
        foreach (var p in assigned)
        {
            if (Operand(p, input) != p.Name) Emit(new SetLocal(p.Name, Operand(p, input)));
            if (!TangentsFirst) PhiTangent(p, input, declare: false);
        }
    }

    /// <summary>
    /// In a tangent program (<c>MForward</c>, a carried or mixed <c>MBackward</c>), the phis' tangent copies are written
    /// before their values' copies: they read and write only tangents and the values' copies only values, so the two
    /// groups commute (each keeps its order), and a phi's new tangent, which reads the old values
    /// (<c>tProd = x * tAcc_1 + acc_1 * tX</c>), can then be written into its copy before <c>acc_1</c> is overwritten
    /// (Emit/ForwardInlining).
    /// </summary>
    private bool TangentsFirst => _policy == SweepPolicy.Tangent || _carried is not null && _policy != SweepPolicy.Hessian;

    /// <summary>A phi's first value: declared here unless hoisted.</summary>
    private void Assign(Node node, string value)
    {
        if (_hoisted[node.Id]) Emit(new SetLocal(node.Name, value));
        else Emit(new NewLocal(Declared(node), node.Name, value));
    }

    private void Hoist(Node node)
    {
        if (node.IsInline || _hoisted[node.Id] || Effects.IsEffect(node)) return;
        // A copy forward mode does not make is not declared either (`double[] c = default;` unread is CS0219).
        if (_policy == SweepPolicy.Tangent && WrittenSnapshot(node.Id)) return;
        // A spare array on its site's tape has no local in the forward sweep.
        if (node.Gate == GateKind.SpareArray && OnArrayTape(node)) return;
        _hoisted[node.Id] = true;
        // A hoisted call only sets its ref/out locals (CallEmitter.WithOutputs), so they are hoisted with it, even those nothing reads after it.
        if (node.Call is { HasOutputs: true } call)
        {
            for (int i = 0; i < call.Passing.Length; i++)
            {
                if (call.Passing[i] is AdjointPassing.InOut or AdjointPassing.Out && CallOutput(node.Id, i) is var output && output >= 0) Hoist(_nodes[output]);
            }
        }
        // A void call has no local; its outputs are hoisted on their own, and the call then only sets them.
        if (node.TypeName == "void") return;
        Emit(new DeclareLocal(node.Id));
        if (_policy is SweepPolicy.Tangent or SweepPolicy.HessianVector || _carried is not null) HoistTangent(node);
    }

    /// <summary>
    /// The trace's policy: every useful value computed inside a branch (and each branch's merges) is declared
    /// before the first statement, so that the record at the end can read it whichever branch ran.
    /// </summary>
    private void HoistBranches(Block block, bool inBranch)
    {
        foreach (var item in block.Items)
        {
            switch (item)
            {
                case NodeItem n when inBranch && _activity.IsUseful(n.Node):
                    Hoist(_nodes[n.Node]);
                    break;
                case IfItem b:
                    if (inBranch && _activity.IsUseful(b.Condition)) Hoist(_nodes[b.Condition]);
                    HoistBranches(b.Then, inBranch: true);
                    HoistBranches(b.Else, inBranch: true);
                    foreach (var phi in b.Phis.Where(_activity.IsUseful)) Hoist(_nodes[phi]);
                    break;
            }
        }
    }

    /// <summary>
    /// Whether a value computed in a loop-free branch must be declared before it. In <c>MBackward</c> only what the
    /// reverse sweep's local gradients read (<see cref="Needed"/>) is: any other value is read only inside its own block
    /// (SSA: it leaves a branch only through a phi, and phis are declared before it), so it is declared where it is
    /// computed. A call (whose outputs it declares itself), an array, a phi and a phi's input (a loop counter's entry
    /// value, which the reverse sweep recomputes counters from) stay hoisted; the other policies hoist everything.
    /// A branch that holds a loop hoists everything too: the reverse sweep may recompute (checkpoints, counters) from
    /// values that <see cref="Needed"/> does not list.
    /// </summary>
    private bool ReadAfterBranch(Node node) =>
        _policy != SweepPolicy.Backward || Needed().Contains(node.Id) || node.Call is not null || node.Type == ScalarType.Array
        || node.Gate is GateKind.Phi or GateKind.CallOutput || LoopEntries().Contains(node.Id);

    private HashSet<int>? _loopEntries;

    /// <summary>The inputs of every loop's phis (entry and carried values), anywhere in the method.</summary>
    private HashSet<int> LoopEntries()
    {
        if (_loopEntries is not null) return _loopEntries;
        _loopEntries = new HashSet<int>();
        void Walk(Block block)
        {
            foreach (var item in block.Items)
            {
                switch (item)
                {
                    case IfItem b: Walk(b.Then); Walk(b.Else); break;
                    case LoopItem l:
                        foreach (int phi in l.Phis) _loopEntries.UnionWith(_nodes[phi].Inputs);
                        Walk(l.Header);
                        Walk(l.Body);
                        break;
                }
            }
        }
        Walk(_graph.Body);
        return _loopEntries;
    }

    private static bool ContainsLoop(Block block) => block.Items.Any(item => item switch
    {
        LoopItem => true,
        IfItem b => ContainsLoop(b.Then) || ContainsLoop(b.Else),
        _ => false,
    });

    /// <summary>Nodes computed inside a branch, including phis of nested branches and loops, but not loop bodies.</summary>
    private IEnumerable<Node> BranchNodes(IfItem branch) => Scope(branch.Then).Concat(Scope(branch.Else));

    private IEnumerable<Node> Scope(Block block)
    {
        foreach (var item in block.Items)
        {
            switch (item)
            {
                case NodeItem n when _activity.IsUseful(n.Node) && !_nodes[n.Node].IsInline:
                    yield return _nodes[n.Node];
                    break;
                case IfItem b:
                    foreach (var n in Scope(b.Then).Concat(Scope(b.Else))) yield return n;
                    foreach (var p in b.Phis.Where(_activity.IsUseful)) yield return _nodes[p];
                    break;
                case LoopItem l:
                    foreach (var p in l.Phis.Where(_activity.IsUseful)) yield return _nodes[p];
                    break;
            }
        }
    }

    /// <summary>
    /// What one iteration saves: the carried values it started from, then everything it computed; but not a carried
    /// value that only gates after the loop read (they see its last value), nor an inner loop's carried value that only
    /// that inner loop's gates read (the inner loop restores it per iteration itself): such entries were pushed and
    /// popped and never read.
    /// </summary>
    private List<Node> Saved(LoopItem loop)
    {
        var all = SavedOrReread(loop);
        var reread = Rereads(loop, all);
        return reread.Count == 0 ? all : all.Where(n => !reread.Contains(n.Id)).ToList();
    }

    /// <summary>What one iteration would save, the elements read again in the reverse sweep included (<see cref="Rereads"/>).</summary>
    private List<Node> SavedOrReread(LoopItem loop)
    {
        var inside = _reservations.Inside(loop);
        var innerPhis = new Dictionary<int, LoopItem>();
        foreach (var inner in InnerLoops(loop.Body))
        {
            foreach (int p in inner.Phis) innerPhis[p] = inner;
        }
        // An element an inner loop reads without changing it is this loop's to tape, once per iteration (InvariantReads).
        var invariant = InvariantReads(loop);
        return loop.Phis.Where(_activity.IsUseful).Select(p => _nodes[p]).Concat(Scope(loop.Body)).Where(n => !invariant.Contains(n))
            .Where(n => Needed().Contains(n.Id) && n.Type != ScalarType.Array && _counters.Recomputed(loop, n.Id, loop.Countdown) is null && !WalkedBack(loop, n.Id))
            .Where(n => loop.Phis.Contains(n.Id) ? ReadWhere(n.Id, inside.Contains)
                : !innerPhis.TryGetValue(n.Id, out var owner) || ReadWhere(n.Id, r => !_reservations.Inside(owner).Contains(r)))
            .Concat(LiftedReads(loop).Where(n => Needed().Contains(n.Id)))
            .ToList();
    }

    /// <summary>The loops directly in a block, or in its branches (not inside other loops).</summary>
    private static IEnumerable<LoopItem> InnerLoops(Block block)
    {
        foreach (var item in block.Items)
        {
            switch (item)
            {
                case LoopItem l:
                    yield return l;
                    break;
                case IfItem b:
                    foreach (var l in InnerLoops(b.Then).Concat(InnerLoops(b.Else))) yield return l;
                    break;
            }
        }
    }

    private bool Useful(IfItem branch) =>
        branch.Phis.Any(_activity.IsUseful) || Scope(branch.Then).Any() || Scope(branch.Else).Any();

    private bool Useful(LoopItem loop) => _activity.Runs(loop);
}
