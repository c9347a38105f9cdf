using System.Collections.Generic;
using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// The reverse sweep passes each argument of a call that carries a gradient to the callee's Backward again, so it must
/// see the value the call saw:
/// <list type="bullet">
/// <item>a constant array (a <c>[NoDiff]</c> argument) stored into after the call, or in a loop around it, is passed as a
/// copy taken at the call, as a differentiated one is (<see cref="GateKind.CopyArray"/>); a slice of one is ADG0003;</item>
/// <item>an argument computed inside a loop must be on the tape or computed again (<see cref="RecomputedViews"/>): a
/// constant of another type (a span or array built in the loop other than a slice of a parameter, a string, an object)
/// has neither, and is ADG0003 at the argument, never a tape the generator does not have; an enum or a <c>char</c> has
/// one (<see cref="DiscreteTapes"/>).</item>
/// </list>
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>False after an error (reported). Replaces a stored-later constant array's input by its copy.</summary>
    private bool ConstantArguments(IOperation?[] arguments, List<int> inputs, IMethodSymbol method, CallInfo call)
    {
        for (int i = 0; i < inputs.Count && i < arguments.Length; i++)
        {
            if (arguments[i] is not { } argument || call.Passing[i] != AdjointPassing.None) continue;
            var node = _context.Nodes[inputs[i]];
            if (node.Varied) continue;
            var value = CollectionArguments.Unwrap(argument);
            if (TrackedArray(value) is { } array && CollectionArguments.StoredLater(value, WritesInto))
            {
                inputs[i] = Snapshot(array, argument);
                continue;
            }
            if (StoredLaterArray(argument) is { } stored)
            {
                _context.ReportUnsupportedExpression(argument, "A part of the array '" + stored + "', which is stored into after the call to '" + method.Name
                    + "' (or in a loop around it), passed to it (its Backward would see the later values)", "pass the array itself, or a copy of the part in a local array of its own");
                return false;
            }
            if (_context.LoopDepth == 0 || node is not { Gate: GateKind.Constant, Type: ScalarType.Other, IsInline: false } || RecomputedViews.IsTapeable(node.TypeName)) continue;
            // An enum or char has a tape of its own (DiscreteTapes), on which it is kept like an int (natural19's G14: a
            // [NoDiff] Surface[] element passed to a [Differentiable] callee in a loop).
            if (argument.Type is { TypeKind: TypeKind.Enum } or { SpecialType: SpecialType.System_Char }) continue;
            _context.ReportUnsupportedExpression(argument, "A value of type '" + node.TypeName.Replace("global::", "") + "' computed inside a loop and passed to '" + method.Name
                + "' (its Backward needs it again in the reverse sweep, and the tapes hold numbers only)",
                "compute it before the loop, or pass an array or span parameter itself, or a slice of one (x.AsSpan(start, length))");
            return false;
        }
        return true;
    }

    /// <summary>The version of a local array (or written array parameter) the argument names, when the method tracks it as an array.</summary>
    private int? TrackedArray(IOperation value)
    {
        ISymbol? variable = value switch
        {
            ILocalReferenceOperation { Local.IsRef: false } l => l.Local,
            IParameterReferenceOperation { Parameter.RefKind: RefKind.None } p => p.Parameter,
            _ => null,
        };
        if (variable is null) return null;
        int current = _context.Current(variable);
        return current >= 0 && _context.Nodes[current].Type == ScalarType.Array ? current : null;
    }

    /// <summary>The name of a local array or array parameter the argument reads as a whole and that is stored into later, or null.</summary>
    private string? StoredLaterArray(IOperation argument)
    {
        foreach (var op in argument.DescendantsAndSelf())
        {
            if (op is not (ILocalReferenceOperation or IParameterReferenceOperation) || op.Type is not IArrayTypeSymbol) continue;
            if (op.Parent is IPropertyReferenceOperation || op.Parent is IArrayElementReferenceOperation element && element.ArrayReference == op) continue;
            if (CollectionArguments.StoredLater(op, WritesInto)) return op is ILocalReferenceOperation l ? l.Local.Name : ((IParameterReferenceOperation)op).Parameter.Name;
        }
        return null;
    }
}
