using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Reads of a local <c>List&lt;double&gt;</c> (<see cref="ListLocals"/>): <c>l[i]</c> and <c>l[^k]</c> (an element of the
/// list's version at the read; <c>^k</c> counts from the count variable, not from the list's final Count), LINQ over it,
/// and <c>l.ToArray()</c> (a new array and a copy into it, whose adjoint goes back into the list's).
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>The index node of <c>l[index]</c>; -1 after a diagnostic.</summary>
    public int ListIndex(ISymbol list, IOperation index)
    {
        if (IsVaried(index))
        {
            _context.ReportUnsupportedExpression(index, "A differentiated index");
            return -1;
        }
        var inner = index;
        while (inner is IConversionOperation { IsImplicit: true } c) inner = c.Operand;
        if (inner is IUnaryOperation { OperatorKind: UnaryOperatorKind.Hat } hat)
        {
            int count = _context.Current(_context.ListCountOf(list)!);
            var renderer = new ConstantRenderer(_context);
            string? k = renderer.Render(hat.Operand);
            if (k is null) return -1;
            var dependencies = new List<int>(renderer.Dependencies) { count };
            return _context.AddConstant(_context.Nodes[count].Name + " - " + (hat.Operand.ConstantValue.HasValue ? k : "(" + k + ")"), ScalarType.Other, "int", null, isAtom: false, dependencies);
        }
        if (inner.Type is not { SpecialType: SpecialType.System_Int32 })
        {
            _context.ReportUnsupportedExpression(index, "An index of a List<double> other than an int or ^k", "write l[i] or l[^k]");
            return -1;
        }
        return Lower(index, null);
    }

    /// <summary>The element at index node <paramref name="index"/> of the list's current version.</summary>
    public int ListElementAt(ISymbol list, int index, string? userName) => HiddenElementAt(list, index, TypeOf(ListLocals.Element(list)), userName);

    /// <summary><c>l[i]</c>, <c>l[^k]</c>, or a use of the list the generator does not follow (reported); -2 when <paramref name="op"/> is no use of a local list.</summary>
    private int ListRead(IOperation op, string? userName)
    {
        switch (op)
        {
            case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1, Instance: var instance } indexer when ListLocals.Tracked(_context, instance) is { } list:
                {
                    int index = ListIndex(list, indexer.Arguments[0].Value);
                    return index < 0 ? Placeholder(op) : ListElementAt(list, index, userName);
                }
            case IImplicitIndexerReferenceOperation { Instance: var instance } fromEnd when ListLocals.Tracked(_context, instance) is { } list:
                {
                    int index = ListIndex(list, fromEnd.Argument);
                    return index < 0 ? Placeholder(op) : ListElementAt(list, index, userName);
                }
            case ILocalReferenceOperation or IParameterReferenceOperation when ListLocals.Tracked(_context, op) is { } list:
                _context.ReportUnsupportedExpression(op, UnfollowedUse(list), ListLocals.Hint);
                return Placeholder(op);
            case IInvocationOperation { TargetMethod.ContainingType: not { Name: "Enumerable", ContainingNamespace.Name: "Linq" } } call
                when !PassedToSequenceHelper(call) && call.Arguments.FirstOrDefault(a => ListLocals.Tracked(_context, a.Value) is not null && !PassedAsList(call, a)) is { } argument:
                {
                    // A callee would read (or change) the list where the graph does not follow it; a copy is an array it follows.
                    var list = ListLocals.Tracked(_context, argument.Value)!;
                    _context.ReportUnsupportedExpression(argument.Value, UnfollowedUse(list),
                        "pass a copy of its values: " + call.TargetMethod.Name + "(" + list.Name + ".ToArray()) to a [Differentiable] method taking a double[] or ReadOnlySpan<double>");
                    return Placeholder(op);
                }
            default:
                return -2;
        }
    }

    /// <summary>What the diagnostic says of a use of the list the generator does not follow (a second name, a call, a capture).</summary>
    public static string UnfollowedUse(ISymbol list) =>
        // Named by its declared type: an IEnumerable<double> or IReadOnlyList<double> parameter is followed as a list too.
        "The " + DeclaredType(list) + " '" + list.Name + "', which carries a gradient, used other than by its own methods (Add, Insert, RemoveAt, Clear, Reverse), its elements, Count, foreach, ToArray(), LINQ's Sum/Average/Max/Min or a second name declared from it (a call or a lambda would see it change)";

    private static string DeclaredType(ISymbol list) =>
        (list switch { ILocalSymbol l => l.Type, IParameterSymbol p => p.Type, _ => null })?.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) ?? "List<double>";

    /// <summary>LINQ over a local list: the loop over its count, reading its elements.</summary>
    private LinqSequence? ListSequence(IOperation value)
    {
        if (ListLocals.Tracked(_context, value) is not { } list) return null;
        int count = _context.Current(_context.ListCountOf(list)!);
        return new LinqSequence(count, (i, name) => ListElementAt(list, i, name));
    }

    /// <summary>
    /// <c>var a = l.ToArray();</c>: a new array of the list's count and a copy into it (List's CopyTo); -2 when
    /// <paramref name="value"/> is no such call.
    /// </summary>
    private int ListToArray(IOperation value, IArrayTypeSymbol type, string name, string adjoint)
    {
        while (value is IConversionOperation { IsImplicit: true } c) value = c.Operand;
        if (value is not IInvocationOperation { TargetMethod.Name: "ToArray" } call) return -2;
        // List's own ToArray(), or LINQ's on an IList<T>/IReadOnlyList<T> parameter: the same copy.
        var source = call.Arguments.Length == 0 ? call.Instance : call.Arguments.Length == 1 && LinqCalls.IsEnumerable(call.TargetMethod) ? call.Arguments[0].Value : null;
        if (ListLocals.Tracked(_context, source) is not { } list) return -2;
        return CopyListToArray(list, _context.ListCountOf(list)!, type.ToDisplayString(SymbolNames.TypeFormat), name, adjoint);
    }

    /// <summary>A new array named <paramref name="name"/> of the list's count and a copy of the list into it (List's CopyTo), whose adjoint goes back into the list's.</summary>
    private int CopyListToArray(object list, LoweringContext.HiddenVariable listCount, string typeName, string name, string adjoint)
    {
        int array = _context.Current(list);
        int count = _context.Current(listCount);
        int length = _context.AddConstant(_context.Nodes[count].Name, ScalarType.Other, "int", null, isAtom: false, new[] { count });
        int created = _context.AddArrayNode(GateKind.NewArray, typeName, name, adjoint, isInline: false, new[] { length }, _context.LoopDepth > 0 ? _context.Names.Fresh(name + "Arrays") : "");
        int zero = _context.AddConstant("0", ScalarType.Other, "int", null, isAtom: true);
        string text = list is IParameterSymbol
            ? CopyIntoForms.Text(ListTypes.CopyByIndex, true, true, _context.Names.Fresh("k")) + " " + _context.Names.Fresh("k")
            : CopyIntoForms.Text(ListTypes.CopyTo, true, true, _context.Names.Fresh("k"));
        return _context.AddArrayNode(GateKind.CopyInto, typeName, name, adjoint, isInline: true, new[] { created, array, zero, zero, length }, text);
    }
}
