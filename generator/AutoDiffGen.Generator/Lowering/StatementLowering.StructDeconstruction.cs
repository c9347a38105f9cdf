using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// StatementLowering: <c>var (s, c) = line;</c> and <c>(a, b) = pt;</c> of a struct of reals (a positional
/// <c>record struct</c>, a struct whose <c>Deconstruct</c> copies members, a carried positional <c>record</c>): the value's
/// components are lowered once, then each target takes the components of the member its <c>out</c> parameter copies
/// (<see cref="StructDeconstructors"/>). Before (idioms25) ADG0002 at the deconstruction.
/// </summary>
internal sealed partial class StatementLowering
{
    /// <summary>The member each target takes, when the value is such a struct and the targets are flat scalar or struct locals or parameters of the members' types (or discards); null otherwise.</summary>
    private ISymbol[]? StructDeconstructionMembers(IDeconstructionAssignmentOperation deconstruction, List<IOperation> targets)
    {
        var value = deconstruction.Value;
        if (value.Type is null || RealStructs.IsRealTuple(value.Type) || NullableReals.Is(value.Type) || !RealStructs.IsRealStruct(value.Type)) return null;
        var top = StructDeconstructors.TopTargets(deconstruction);
        if (top is null || top.Elements.Length != targets.Count || top.Elements.Any(e => e is ITupleOperation or IDeclarationExpressionOperation { Expression: ITupleOperation })) return null;
        if (StructDeconstructors.Find(value.Type, targets.Count) is not { } method || StructDeconstructors.Members(method) is not { } members) return null;
        for (int i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            if (target is IDiscardOperation) continue;
            if (!SymbolEqualityComparer.Default.Equals(target.Type, method.Parameters[i].Type)) return null;
            bool ok = RealStructs.IsRealStruct(target.Type)
                ? IsStructTarget(target, out _, out var path) && path.Length == 0
                : Variable(target) is { } variable && !IsArrayLocal(variable);
            if (!ok) return null;
        }
        return members;
    }

    private void LowerStructDeconstruction(IDeconstructionAssignmentOperation deconstruction, List<IOperation> targets, ISymbol[] members)
    {
        var all = RealStructs.Components(deconstruction.Value.Type)!;
        // Every value first, as C# calls Deconstruct once before any target is written: (a, b) = p; reads p whole.
        var nodes = _expressions.LowerStruct(deconstruction.Value);
        var values = new int[targets.Count][];
        for (int i = 0; i < targets.Count; i++)
        {
            values[i] = nodes is null ? System.Array.Empty<int>() : StructPaths.Under(all, members[i].Name).Select(k => nodes[k]).ToArray();
            if (nodes is not null && targets[i] is not IDiscardOperation && values[i].Length != (RealStructs.Components(targets[i].Type)?.Count ?? 1))
            {
                // Never a target left at a default: a member whose components do not match is refused at the statement.
                ReportDeconstruction(deconstruction);
                return;
            }
        }
        for (int i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            if (target is IDiscardOperation) continue;
            if (RealStructs.IsRealStruct(target.Type) && IsStructTarget(target, out var structVariable, out var path))
            {
                DefineStruct(structVariable, path, nodes is null ? null : values[i]);
            }
            else if (Variable(target) is { } variable)
            {
                if (nodes is not null) _context.Assign(variable, _expressions.Copy(values[i][0], _context.NameFor(variable)));
                else if (_context.Current(variable) < 0) _context.Assign(variable, _context.AddConstant("default", ExpressionLowering.TypeOf(target), target.Type?.ToDisplayString(SymbolNames.TypeFormat) ?? "object", null, isAtom: true));
            }
        }
    }

    /// <summary>
    /// What ADG0002 says for a deconstruction of a struct the rule above did not take: its Deconstruct is not read (code of
    /// its own, an extension), or a target is not a local of the member's type. Null for a value that is no such struct.
    /// </summary>
    private static (string What, string Fix)? StructDeconstructionRefusal(IDeconstructionAssignmentOperation deconstruction)
    {
        var type = deconstruction.Value.Type;
        if (type is null || RealStructs.IsRealTuple(type) || NullableReals.Is(type) || !RealStructs.IsRealStruct(type)) return null;
        var targets = new List<IOperation>();
        Flatten(deconstruction.Target, targets);
        string name = type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        var method = StructDeconstructors.Find(type, targets.Count);
        var members = method is null ? null : StructDeconstructors.Members(method);
        string snippet = "'" + Describe.Snippet(deconstruction.Syntax) + "'";
        string of = Describe.Snippet(deconstruction.Value.Syntax);
        string reads = members is null
            ? "var a = " + of + ".<member>; … (one statement per target)"
            : string.Join(" ", targets.Select((t, i) => t is IDiscardOperation || i >= members.Length ? "" : Describe.Snippet(t.Syntax) + " = " + of + "." + members[i].Name + ";").Where(r => r.Length > 0));
        return members is null
            ? ("A deconstruction of the struct '" + name + "' through a Deconstruct the generator does not read (" + snippet + "; it reads a positional record's, or one of plain member copies, x = X; y = Y;)",
               "read the members into locals instead: " + reads)
            : ("A deconstruction of the struct '" + name + "' into a target that is not a local or parameter of its member's type, or into a nested tuple (" + snippet + ")",
               "declare the targets as locals of the members' types, or read the members one by one: " + reads);
    }
}
