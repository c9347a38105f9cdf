using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A copy of an array of structs of reals into a local one (issue 13, idioms17a: natural T07's
/// <c>Array.Copy(start, pos, start.Length)</c> over <c>Vector3[]</c>). Such arrays exist in the generated code only as one
/// array per member (<see cref="StructArrayLocals"/>, <see cref="StructArrayParameters"/>), so the copy is the same copy
/// of each member array: one <see cref="GateKind.CopyInto"/> per member, in the form the user wrote (<c>Array.Copy</c>,
/// <c>Array.ConstrainedCopy</c>, <c>x.CopyTo(y, i)</c>), each a store of the elements it copies whose reverse sweep adds
/// what reached the overwritten slots into the source's member adjoint and zeroes them. The forward sweep makes each call
/// as written, so a bad range throws as the user's call would (before any member is copied: the first member's call
/// checks the same lengths and indexes as the others').
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>
    /// Lowers <paramref name="call"/>, a copy from a parameter or local array of structs into a local array of structs of the
    /// same element type whose members are all reals; false when it is no such copy (the caller reports it).
    /// </summary>
    public bool LowerStructArrayCopy(IInvocationOperation call)
    {
        if (BulkCopies.Match(call) is not { } parts || parts.Form == BulkCopies.SpanCopyTo) return false;
        var sourceRoot = BulkCopies.Value(parts.Source);
        var destinationRoot = BulkCopies.Value(parts.Destination);
        if (destinationRoot is not ILocalReferenceOperation { Local: var destination } || !StructArrayLocals.IsCarried(destination)) return false;
        ISymbol? source = sourceRoot switch
        {
            ILocalReferenceOperation { Local: var l } when StructArrayLocals.IsCarried(l) => l,
            IParameterReferenceOperation { Parameter: var p } when _context.StructArrays.ContainsKey(p) => p,
            _ => null,
        };
        if (source is null || !SymbolEqualityComparer.Default.Equals(sourceRoot.Type, destinationRoot.Type)) return false;
        var components = RealStructs.Components(ValueKinds.CarriedArrayElement(destination.Type));
        // A member that is an int or a bool (no adjoint) is not copied this way yet: the statement's ADG0002 says what to write.
        if (components is null || components.Any(c => c.IsDiscrete)) return false;
        if (SymbolEqualityComparer.Default.Equals(source, destination))
        {
            _context.ReportUnsupportedExpression(call, "A copy within one array of structs",
                "copy into another local array of structs first, then from it, or move the elements in a for loop");
            return true;
        }
        var from = _context.StructArrayParts(source);
        for (int k = 0; k < components.Count; k++)
        {
            var key = _context.Component(destination, components[k].Path);
            int before = _context.Current(key);
            if (before < 0 || from[k] < 0) return false;
            var sourceNode = _context.Nodes[from[k]];
            var target = _context.Nodes[before];
            if (!Bounds(parts, null, null, sourceNode, target, from[k], before, out var ints)) return true;
            var inputs = new[] { before, from[k] }.Concat(ints).ToArray();
            string text = CopyIntoForms.Text(parts.Form, true, true, _context.Names.Fresh("k"));
            _context.Assign(key, _context.AddArrayNode(GateKind.CopyInto, target.TypeName, target.Name, target.AdjointName, isInline: true, inputs, text));
        }
        return true;
    }

    /// <summary>
    /// <paramref name="reference"/> is the source or the destination of a statement copying arrays of structs
    /// (<c>Array.Copy(start, pos, n)</c>): its own lowering checks it (<see cref="LowerStructArrayCopy"/>) or reports the statement.
    /// </summary>
    public static bool IsStructArrayCopyOperand(IOperation reference)
    {
        var at = reference.Parent;
        while (at is IConversionOperation { IsImplicit: true }) at = at.Parent;
        if (at is IArgumentOperation argument) at = argument.Parent;
        return at is IInvocationOperation { Parent: IExpressionStatementOperation } call && BulkCopies.Match(call) is { } parts
            && parts.Form != BulkCopies.SpanCopyTo
            && (ReferenceEquals(BulkCopies.Value(parts.Source), reference) || ReferenceEquals(BulkCopies.Value(parts.Destination), reference));
    }
}
