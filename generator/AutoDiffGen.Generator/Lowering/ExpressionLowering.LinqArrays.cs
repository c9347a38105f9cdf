using System.Collections.Generic;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// LINQ that makes an array, lowered to the loop it runs into a new local array: <c>x.Select(v =&gt; f(v)).ToArray()</c>,
/// <c>x.Select((v, i) =&gt; …).ToArray()</c>, <c>Enumerable.Range(0, n).Select(i =&gt; …).ToArray()</c>, <c>x.Zip(y, …).ToArray()</c>
/// (a new <c>T[count]</c>, then one store per element, as <c>new T[n]</c> and a loop are), and <c>x.OrderBy(v =&gt; v)</c>
/// or <c>OrderByDescending(v =&gt; v)</c> of any of these (that array sorted as LINQ sorts, stably: a
/// <see cref="GateKind.CopyInto"/> sort, whose routes are found again from the values before it), read whole by
/// <c>ToArray()</c> or at one place by <c>First()</c>, <c>Last()</c>, <c>ElementAt(k)</c>. A sequence filtered by
/// <c>Where</c> has a length known only after it runs, and another key selector orders by code not followed: both reported.
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>
    /// Lowers <paramref name="value"/>, a LINQ chain ending in <c>ToArray()</c>, into the new local array <paramref name="name"/>;
    /// -2 when it is no such chain, -1 after an error (reported).
    /// </summary>
    public int LowerLinqArray(IOperation value, IArrayTypeSymbol type, string name, string adjoint)
    {
        if (LinqCalls.Unwrap(value) is not IInvocationOperation { TargetMethod.Name: "ToArray" } toArray || !LinqCalls.IsEnumerable(toArray.TargetMethod)
            || LinqCalls.Argument(toArray, 0) is not { } source || LinqCalls.Unwrap(source) is not IInvocationOperation chain || !LinqCalls.IsEnumerable(chain.TargetMethod))
        {
            return -2;
        }
        return SequenceArray(chain, type, name, adjoint);
    }

    /// <summary><c>First()</c>, <c>Last()</c> or <c>ElementAt(k)</c> of an ordered sequence: that element of the sorted array; -2 when it is none of these.</summary>
    private int OrderedElement(IInvocationOperation invocation, string? userName)
    {
        var method = invocation.TargetMethod;
        if (method.Name is not ("First" or "Last" or "ElementAt") || method.Parameters.Length != (method.Name == "ElementAt" ? 2 : 1)
            || method.Name == "ElementAt" && method.Parameters[1].Type.SpecialType != SpecialType.System_Int32
            || LinqCalls.Argument(invocation, 0) is not { } source || LinqCalls.Unwrap(source) is not IInvocationOperation { TargetMethod.Name: "OrderBy" or "OrderByDescending" } ordered
            || LinqCalls.Unwrap(source).Type is not INamedTypeSymbol { TypeArguments.Length: 1 } sequenceType || sequenceType.TypeArguments[0] is not { } element
            || TypeOf(element) is not (ScalarType.Double or ScalarType.Float))
        {
            return -2;
        }
        var type = invocation.SemanticModel?.Compilation.CreateArrayTypeSymbol(element);
        if (type is null) return -2;
        string name = _context.Names.Fresh("ordered");
        int array = SequenceArray(ordered, type, name, _context.Names.Fresh(NameAllocator.AdjointBase(name)));
        if (array < 0) return -1;
        string length = name + ".Length", label = Describe.Source(invocation.Syntax);
        string index;
        var dependencies = new List<int> { array };
        if (method.Name == "ElementAt")
        {
            var renderer = new ConstantRenderer(_context);
            string? at = renderer.Render(LinqCalls.Argument(invocation, 1)!);
            if (at is null) return -1;
            dependencies.AddRange(renderer.Dependencies);
            int k = _context.AddConstant(at, ScalarType.Other, "int", _context.Names.Fresh("rank"), isAtom: false, dependencies.ToArray());
            index = _context.Nodes[k].Name;
            dependencies.Add(k);
            ThrowWhen("(uint)" + index + " >= (uint)" + length, dependencies.ToArray(), "new global::System.ArgumentOutOfRangeException(\"index\")", label + " out of range");
        }
        else
        {
            ThrowWhen(length + " == 0", dependencies.ToArray(), NoElements, label + " of no elements");
            index = method.Name == "First" ? "0" : length + " - 1";
        }
        int slot = _context.AddConstant(index, ScalarType.Other, "int", null, isAtom: index == "0", dependencies.ToArray());
        var elementType = TypeOf(element);
        return _context.AddGate(GateKind.Element, elementType, ScalarLiterals.TypeKeyword(elementType), userName, null, new[] { array, slot });
    }

    /// <summary>The new array <paramref name="name"/> holding the sequence <paramref name="chain"/> makes, sorted for an OrderBy; -1 after a report.</summary>
    private int SequenceArray(IInvocationOperation chain, IArrayTypeSymbol type, string name, string adjoint)
    {
        string? order = chain.TargetMethod.Name switch { "OrderBy" => CopyIntoForms.OrderBy, "OrderByDescending" => CopyIntoForms.OrderByDescending, _ => null };
        var source = order is null ? chain : LinqCalls.Argument(chain, 0);
        if (order is not null && !IdentityKey(chain)) return -1;
        if (source is null || Sequence(source) is not { } sequence) return -1;
        string typeName = type.ToDisplayString(SymbolNames.TypeFormat);
        var elementType = TypeOf(type.ElementType);
        var values = new LoweringContext.HiddenVariable(name);
        if (sequence.Filtered)
        {
            // Its length is known only after the filter runs: the kept elements go through a list (ExpressionLowering.ListsMade).
            int filtered = FilteredArray(chain, sequence, typeName, elementType, name, adjoint);
            if (filtered < 0) return -1;
            _context.Assign(values, filtered);
        }
        else
        {
            int array = _context.AddArrayNode(GateKind.NewArray, typeName, name, adjoint, isInline: false, new[] { sequence.Count },
                _context.LoopDepth > 0 ? _context.Names.Fresh(name + "Arrays") : "");
            _context.Assign(values, array);
            if (!Loop(chain, sequence, new object[] { values }, Describe.Source(chain.Syntax), (i, element) =>
                _context.Assign(values, _context.AddArrayNode(GateKind.Store, typeName, name, adjoint, isInline: true, new[] { _context.Current(values), i, Converted(element, elementType) }))))
            {
                return -1;
            }
        }
        if (order is null) return _context.Current(values);
        int before = _context.Current(values);
        int kept = before;
        // The values before the sort choose its permutation (ExpressionLowering.InPlace's sorts).
        if (_context.Nodes[before].Varied) kept = Snapshot(before, chain);
        AddInPlace(values, before, kept, "0", name + ".Length", new List<int> { before }, order);
        return _context.Current(values);
    }

    /// <summary>The key selector of an OrderBy is the element itself (<c>v =&gt; v</c>); reported otherwise.</summary>
    private bool IdentityKey(IInvocationOperation order)
    {
        if (order.TargetMethod.Parameters.Length == 2 && LinqCalls.Lambda(LinqCalls.Argument(order, 1), out var body, out _) is { Symbol.Parameters.Length: 1 } lambda
            && LinqCalls.Unwrap(body!) is IParameterReferenceOperation p && SymbolEqualityComparer.Default.Equals(p.Parameter, lambda.Symbol.Parameters[0]))
        {
            return true;
        }
        _context.ReportUnsupportedExpression(order, "LINQ's " + order.TargetMethod.Name + " with a key other than the element itself, or a comparer",
            "order the values themselves (x.Select(v => key(v)).OrderBy(k => k)), or sort a local array: var s = x.ToArray(); Array.Sort(s);");
        return false;
    }
}
