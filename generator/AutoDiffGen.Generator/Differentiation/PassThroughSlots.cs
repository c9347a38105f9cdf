using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// <c>t[i] += v</c> on a local array (issue 12, the GMM's <c>qx[j] += …</c>): the store gate reads the slot's gradient,
/// zeroes the slot, and the add gate's old value gives it straight back: <c>dSum = dT[i]; dT[i] = 0.0; …; dT[i] += dSum;</c>.
/// The zero and the add back go: the slot keeps <c>dSum</c>, which is what it held. Only when nothing between them names
/// the slot's adjoint array or writes <c>dSum</c> (so no read sees the zero, and <c>dSum</c> is still the slot's value),
/// only contributions and comments stand between them (no primal local such as the index changes), and the array is
/// a local one (its adjoint array is the method's own, which no other name can reach).
/// </summary>
internal static class PassThroughSlots
{
    public static AdjointProgram Run(AdjointProgram program, ComputationGraph graph)
    {
        var adjoints = program.Adjoints;
        var flat = StepTree.Flatten(program.Body);
        var local = new HashSet<string>(flat.OfType<NewAdjointArray>().Select(a => adjoints[a.Node]));
        if (local.Count == 0) return program;
        string Name(int node) => adjoints[node];

        bool changed = false;
        var body = StepTree.Rewrite(program.Body, block =>
        {
            var removed = new HashSet<int>();
            for (int z = 0; z < block.Count; z++)
            {
                if (block[z] is not Contribute { How: Accumulation.Assign, Index: { } index, Negative: false } zero || !FusedSums.IsZero(zero.Value) || !local.Contains(adjoints[zero.Target])) continue;
                string array = adjoints[zero.Target];
                string slot = array + "[" + index + "]";
                // The read just before: `dSum = dT[i];`, which is the stored value's adjoint.
                int r = z - 1;
                while (r >= 0 && block[r] is Comment) r--;
                if (r < 0 || block[r] is not Contribute { Index: null, Negative: false, How: Accumulation.Declare or Accumulation.Assign } read || read.Value.Render(Name) != slot) continue;
                string sum = adjoints[read.Target];
                // A jagged array's row may be another array's too: nothing may stand between the zero and the add back.
                bool jagged = index.Contains("][");
                for (int k = z + 1; k < block.Count; k++)
                {
                    if (block[k] is Comment) continue;
                    if (block[k] is not Contribute c || adjoints[c.Target] == sum) break;
                    if (!ZeroStarts.Mentions(c, array, Name) && !jagged) continue;
                    if (c is { How: Accumulation.Add, Negative: false } && c.Index == index && adjoints[c.Target] == array && c.Value.IsAdjoint(out int back) && adjoints[back] == sum)
                    {
                        removed.Add(z);
                        removed.Add(k);
                        // dSum read for nothing else (t[i] += a constant) goes too.
                        if (!flat.Any(step => ZeroStarts.Names(step, sum, Name) && !ReferenceEquals(step, read) && !ReferenceEquals(step, c))) removed.Add(r);
                    }
                    break;
                }
            }
            if (removed.Count == 0) return block;
            changed = true;
            return block.Where((_, i) => !removed.Contains(i)).ToList();
        });
        return changed ? program with { Body = body } : program;
    }
}
