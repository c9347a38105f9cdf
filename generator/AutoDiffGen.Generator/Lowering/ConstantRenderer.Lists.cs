using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// ConstantRenderer: a local <c>List&lt;double&gt;</c> (<see cref="ListLocals"/>) read where no gradient flows. Its Count is
/// its count variable's version at the read (the list itself may have grown by the time the reverse sweep recomputes
/// the text), <c>l[^k]</c> counts from it too; any other use of the list as a value is reported.
/// </summary>
internal sealed partial class ConstantRenderer
{
    /// <summary>False when <paramref name="op"/> is no use of a local list; else its text (null after a diagnostic).</summary>
    private bool TryList(IOperation op, out string? text)
    {
        text = null;
        switch (op)
        {
            case IPropertyReferenceOperation or IInvocationOperation when ListLocals.Counted(_context, op) is { } counted:
                {
                    int count = _context.Current(_context.ListCountOf(counted)!);
                    Dependencies.Add(count);
                    text = _context.Nodes[count].Name;
                    return true;
                }
            case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1, Instance: var instance } indexer when ListLocals.Tracked(_context, instance) is { } list:
                text = ListElement(list, indexer.Arguments[0].Value);
                return true;
            case IImplicitIndexerReferenceOperation { Instance: var instance } fromEnd when ListLocals.Tracked(_context, instance) is { } list:
                text = ListElement(list, fromEnd.Argument);
                return true;
            case IInvocationOperation { TargetMethod: { Name: "IndexOf" or "LastIndexOf" or "Contains" or "BinarySearch", ContainingType.Name: "List" } method, Arguments.Length: 1, Instance: var instance } search
                when ListLocals.Tracked(_context, instance) is { } searched:
                {
                    // A search of the list's values at this version: an int or bool of the forward sweep, not differentiated (as a comparison).
                    string? value = RenderPart(search.Arguments[0].Value);
                    int array = _context.Current(searched);
                    Dependencies.Add(array);
                    text = value is null ? null : _context.Nodes[array].Name + "." + method.Name + "(" + value + ")";
                    return true;
                }
            // if (data == null) throw …; (Math.NET's guard, GradientLeaks.IsNullGuardOfSequenceParameter): the list's version at
            // the test, which the generated method made from the parameter as it started, compared as a reference.
            case IParameterReferenceOperation parameter when GradientLeaks.IsNullGuardOfSequenceParameter(op.Parent) && ListLocals.Tracked(_context, op) is not null:
                text = Variable(parameter.Parameter, op);
                return true;
            case ILocalReferenceOperation or IParameterReferenceOperation when ListLocals.Tracked(_context, op) is { } list:
                text = Unsupported(op, ExpressionLowering.UnfollowedUse(list), ListLocals.Hint);
                return true;
            default:
                return false;
        }
    }

    /// <summary><c>l[i]</c> over the list's current version; <c>l[^k]</c> as <c>l[count - k]</c>.</summary>
    private string? ListElement(ISymbol list, IOperation index)
    {
        var inner = index;
        while (inner is IConversionOperation { IsImplicit: true } c) inner = c.Operand;
        string? at;
        if (inner is IUnaryOperation { OperatorKind: UnaryOperatorKind.Hat } hat)
        {
            string? k = RenderPart(hat.Operand);
            int count = _context.Current(_context.ListCountOf(list)!);
            Dependencies.Add(count);
            at = k is null ? null : _context.Nodes[count].Name + " - (" + k + ")";
        }
        else if (inner.Type is { SpecialType: SpecialType.System_Int32 })
        {
            at = RenderPart(index);
        }
        else
        {
            return Unsupported(index, "An index of a List<double> other than an int or ^k", "write l[i] or l[^k]");
        }
        if (at is null) return null;
        int array = _context.Current(list);
        Dependencies.Add(array);
        return _context.Nodes[array].Name + "[" + at + "]";
    }
}
