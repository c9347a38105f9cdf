using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// An adjoint started at zero (<c>double dQ = 0.0;</c>, or a loop's reset <c>dQ = 0.0;</c>) whose first write on every
/// path is an add takes that add as its start: <c>double dQ = 0.0; loop; dQ += v;</c> becomes <c>loop; double dQ = v;</c>,
/// and before a branch whose two sides both add into it first, <c>double dQ; if (c) { dQ = a; … } else { dQ = -b; … }</c>.
/// The adds left in each side are then fused by <see cref="FusedSums"/>. <c>0.0 + v</c> is <c>v</c> for every v but −0.0
/// (it gives +0.0), and <c>0.0 - v</c> is <c>-v</c> but for +0.0 and a NaN's sign bit: an intermediate adjoint may now be
/// −0.0 where it was +0.0, never another number. Adjoints only flow linearly (multiplied by local gradients, added,
/// divided by primal values) into the caller's adjoints, which take them with <c>+=</c>, so a caller that starts its
/// adjoints at +0.0 gets the same bits (+0.0 + −0.0 is +0.0); <see cref="RefSums"/> has dropped the same <c>0.0 +</c>
/// from every parameter written once since it exists. Only <c>double</c> adjoints; the checks go by name.
/// </summary>
internal static class ZeroStarts
{
    public static AdjointProgram Run(AdjointProgram program, ComputationGraph graph)
    {
        var nodes = graph.Nodes;
        var names = program.Adjoints;
        string Name(int node) => node >= 0 && node < names.Length ? names[node] : "\u0002";
        bool changed = false;
        var body = StepTree.Rewrite(program.Body, block =>
        {
            for (int i = 0; i < block.Count; i++)
            {
                if (block[i] is Contribute head && Fold(block, i, head, nodes, Name)) changed = true;
            }
            return block.Where(s => s is not null).ToList();
        });
        return changed ? program with { Body = body } : program;
    }

    private static bool Fold(List<Step> block, int at, Contribute head, EquatableArray<Node> nodes, System.Func<int, string> name)
    {
        if (head.How is not (Accumulation.Declare or Accumulation.Assign) || head.Index is not null || !FusedSums.IsZero(head.Value)) return false;
        if (!IsDouble(head.Target, nodes)) return false;
        // A reset through a ref parameter is not a local's start.
        if (head.How == Accumulation.Assign && nodes[head.Target].Gate == GateKind.Parameter) return false;
        string target = name(head.Target);
        if (target == "dResult") return false;
        for (int k = at + 1; k < block.Count; k++)
        {
            var step = block[k];
            if (step is null || !Mentions(step, target, name)) continue;
            if (step is Contribute first)
            {
                if (!Takes(first, target, nodes, name)) return false;
                block[k] = first with { How = head.How };
                block[at] = null!;
                return true;
            }
            if (step is not Branch branch || !Takes(branch, target, nodes, name)) return false;
            block[k] = Take(branch, target, name);
            block[at] = head.How == Accumulation.Declare ? new DeclareAdjoint(head.Target) : null!;
            return true;
        }
        return false;
    }

    /// <summary>A first add into the adjoint that does not read it.</summary>
    private static bool Takes(Contribute c, string target, EquatableArray<Node> nodes, System.Func<int, string> name) =>
        c.How == Accumulation.Add && c.Index is null && name(c.Target) == target && IsDouble(c.Target, nodes)
        && !SingleUseAdjoints.NamedIn(c.Value.Render(name), target);

    /// <summary>A branch with both sides, each of which writes the adjoint first by an add (or by such a branch).</summary>
    private static bool Takes(Branch b, string target, EquatableArray<Node> nodes, System.Func<int, string> name) =>
        b.Else is { } otherwise && !SingleUseAdjoints.NamedIn(b.Condition, target)
        && Takes(b.Then, target, nodes, name) && Takes(otherwise, target, nodes, name);

    private static bool Takes(EquatableArray<Step> side, string target, EquatableArray<Node> nodes, System.Func<int, string> name)
    {
        foreach (var step in side)
        {
            if (!Mentions(step, target, name)) continue;
            return step switch
            {
                Contribute c => Takes(c, target, nodes, name),
                Branch b => Takes(b, target, nodes, name),
                _ => false,
            };
        }
        return false;
    }

    private static Branch Take(Branch b, string target, System.Func<int, string> name) =>
        b with { Then = Take(b.Then, target, name), Else = Take(b.Else!.Value, target, name) };

    private static EquatableArray<Step> Take(EquatableArray<Step> side, string target, System.Func<int, string> name)
    {
        var steps = side.ToArray();
        for (int i = 0; i < steps.Length; i++)
        {
            if (!Mentions(steps[i], target, name)) continue;
            steps[i] = steps[i] switch
            {
                Contribute c => c with { How = Accumulation.Assign },
                Branch b => Take(b, target, name),
                var s => s,
            };
            break;
        }
        return new EquatableArray<Step>(steps);
    }

    /// <summary>Whether the step, or a step inside it, names the adjoint (as a target, a reference or in its plain text).</summary>
    internal static bool Mentions(Step step, string target, System.Func<int, string> name) =>
        StepTree.Flatten(new EquatableArray<Step>(new[] { step })).Any(s => Names(s, target, name));

    /// <summary>Whether the step itself (not the steps inside it) names the adjoint.</summary>
    internal static bool Names(Step s, string target, System.Func<int, string> name)
    {
        switch (s)
        {
            case Comment or Blank or Compute or TapePop:
                return false;
            case DeclareAdjoint d when name(d.Node) == target:
                return true;
            case DeclareAdjoint or Contribute or Invoke or NewAdjointLocal or AddToParameter or AddToLocal or Branch or ReverseLoop or ForwardLoop
                or Segments or SetLocal or NewLocal or Increment or Effect or StoreElement or CopyElements or Reserve or BreakUnless
                or TapePush or NewAdjointArray or Return or SaveArray or NewArrayTape or DeclareLocal or GuardedRead:
                break;
            default:
                return true; // a step this pass does not know: as if it named the adjoint
        }
        if (StepTree.Writes(s).Any(w => name(w) == target)) return true;
        if (SingleUseAdjoints.Texts(s).Any(t => t.Refs.Any(r => name(r) == target) || SingleUseAdjoints.NamedIn(t.Render(name), target))) return true;
        return SingleUseAdjoints.RawTexts(s).Any(t => SingleUseAdjoints.NamedIn(t, target));
    }

    private static bool IsDouble(int node, EquatableArray<Node> nodes) =>
        node >= 0 && node < nodes.Length && nodes[node] is { Type: ScalarType.Double, TypeName: "double" };
}
