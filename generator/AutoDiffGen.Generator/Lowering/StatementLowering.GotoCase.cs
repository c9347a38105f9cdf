using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// StatementLowering: C#'s fallthrough. A switch section that ends in <c>goto case c;</c> or <c>goto default;</c> runs
/// the target section next and leaves the switch where that one does, so it is lowered as its own statements followed
/// by a copy of the target's (transitively). A goto anywhere else, or a chain of them that comes back to a section it
/// left, stays an unsupported statement.
/// </summary>
internal sealed partial class StatementLowering
{
    /// <summary>
    /// Each section's statements without its closing break, a closing <c>goto case</c>/<c>goto default</c> replaced by
    /// the target section's statements; null when the copies exceed the budget (reported).
    /// </summary>
    private List<List<IOperation>>? SectionBodies(ISwitchOperation @switch)
    {
        var own = @switch.Cases.Select(c => StripBreak(Flatten(c.Body))).ToList();
        var bodies = new List<List<IOperation>>();
        for (int i = 0; i < own.Count; i++)
        {
            var body = new List<IOperation>(own[i]);
            var visited = new HashSet<int> { i };
            while (body.Count > 0 && TargetSection(@switch, body[body.Count - 1]) is int target && visited.Add(target))
            {
                body.RemoveAt(body.Count - 1);
                if (!Continue(body, own[target], isCopy: true, @switch)) return null;
            }
            bodies.Add(body);
        }
        return bodies;
    }

    /// <summary>A goto that ends its switch section and names a section of the same switch: lowered as a copy (<see cref="SectionBodies"/>).</summary>
    private static bool IsFallthrough(IBranchOperation jump)
    {
        for (var p = jump.Parent; p is not null; p = p.Parent)
        {
            if (p is ISwitchCaseOperation { Parent: ISwitchOperation @switch } section)
            {
                var body = StripBreak(Flatten(section.Body));
                return body.Count > 0 && ReferenceEquals(body[body.Count - 1], jump) && TargetSection(@switch, jump) is not null;
            }
        }
        return false;
    }

    /// <summary>The index of the section a <c>goto case</c>/<c>goto default</c> statement jumps to, or null.</summary>
    private static int? TargetSection(ISwitchOperation @switch, IOperation statement)
    {
        if (statement is not IBranchOperation { BranchKind: BranchKind.GoTo } jump) return null;
        for (int i = 0; i < @switch.Cases.Length; i++)
        {
            if (@switch.Cases[i].Clauses.Any(c => SymbolEqualityComparer.Default.Equals(c.Label, jump.Target))) return i;
        }
        return null;
    }
}
