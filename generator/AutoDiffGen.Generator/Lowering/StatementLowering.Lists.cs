using System.Globalization;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A local <c>List&lt;double&gt;</c> (<see cref="ListLocals"/>): its creation, <c>l.Add(v)</c> (a store at its count, which
/// then grows by one), <c>l.AddRange(xs)</c> (the loop over xs adding each) and the list methods it refuses (ADG0003 at
/// the call, saying what to write).
/// </summary>
internal sealed partial class StatementLowering
{
    /// <summary><c>var l = new List&lt;double&gt;(…)</c>: false when the variable is no list of reals.</summary>
    private bool DefineList(ISymbol variable, IOperation value)
    {
        if (variable is not ILocalSymbol local || !ListLocals.IsRealList(local.Type)) return false;
        if (_context.IsListAlias(local))
        {
            // Met again (a loop lowered twice, or named early by AliasesIn): the same second name.
            if (IsDeclaration(value) && SymbolEqualityComparer.Default.Equals(_context.ResolveList(local), ListLocals.Tracked(_context, value))) return true;
            RejectList(local, value, "Reassigning '" + local.Name + "', a second name for a List<double>", "declare another variable for the other list");
            return true;
        }
        if (ListLocals.Tracked(_context, value) is { } other)
        {
            if (other is ILocalSymbol && _context.Current(local) < 0 && IsDeclaration(value))
            {
                // var b = a;: b names the list a names, so what is done through either is seen through both (a list
                // parameter's second name stays refused: it is read only, and the refusal names the parameter).
                _context.AliasList(local, other);
                return true;
            }
            RejectList(local, value, "A second name for the list '" + other.Name + "' (both would name the same list)",
                "use '" + other.Name + "' itself, or copy its values into an array: var copy = " + other.Name + ".ToArray();");
            return true;
        }
        if (_context.Current(local) >= 0)
        {
            RejectList(local, value, "Reassigning the local List<double> '" + local.Name + "'", "declare another list for the new values");
            return true;
        }
        // var l = xs.ToList(), xs.Select(…).ToList(), xs.Where(…).ToList(): the loop LINQ runs, adding to a new list.
        switch (_expressions.LowerToList(local, value, _loop is not null))
        {
            case -1:
                _context.Reject(local);
                return true;
            case >= 0:
                return true;
        }
        if (!ListLocals.TryCreation(value, out var capacity, out var elements, out var blocker))
        {
            RejectList(local, blocker ?? value, "A local List<double> not created as new List<double>(), new List<double>(n), new List<double> { a, b } or [a, b]", ListLocals.Hint);
            return true;
        }

        string capacityText = elements.Length.ToString(CultureInfo.InvariantCulture);
        var dependencies = new System.Collections.Generic.List<int>();
        if (capacity is not null)
        {
            var renderer = new ConstantRenderer(_context);
            if (renderer.Render(capacity) is not { } text) return true;
            capacityText = text;
            dependencies.AddRange(renderer.Dependencies);
        }
        string element = ScalarLiterals.TypeKeyword(ExpressionLowering.TypeOf(((INamedTypeSymbol)local.Type).TypeArguments[0]));
        int size = _context.AddConstant(capacityText, ScalarType.Other, "int", null, isAtom: true, dependencies);
        _expressions.NewList(local, _context.NameFor(local), element, _context.DeclareList(local), size, _loop is not null);
        foreach (var e in elements) Append(local, e);
        return true;
    }

    /// <summary>
    /// <c>var y = observedValues;</c> of a list or sequence parameter that carries a gradient, into a local of an interface
    /// type (Math.NET's <c>GoodnessOfFit.CoefficientOfDetermination</c>, which then walks <c>y.GetEnumerator()</c>): the local
    /// is a second name of the parameter, read as the parameter is (foreach, LINQ, an enumerator's walk, passed on), when it
    /// is declared with it and never assigned again. Such a parameter is read only (a write into it is refused at the write,
    /// through either name), so every read through the name reads what the parameter holds. False for anything else, which
    /// keeps its refusal.
    /// </summary>
    private bool DefineParameterName(ISymbol variable, IOperation value)
    {
        if (variable is not ILocalSymbol { IsRef: false } local || !Derivatives.ValueKinds.IsRealList(local.Type) || ListLocals.IsRealList(local.Type)
            || !IsDeclaration(value)) return false;
        var named = value;
        while (named is IConversionOperation { IsImplicit: true } conversion) named = conversion.Operand;
        if (named is not IParameterReferenceOperation || ListLocals.Tracked(_context, named) is not IParameterSymbol parameter || !QueryLocals.Unassigned(local, value)) return false;
        // Met again (a loop body lowered twice): the same second name.
        if (_context.IsListAlias(local)) return SymbolEqualityComparer.Default.Equals(_context.ResolveList(local), parameter);
        _context.AliasList(local, parameter);
        return true;
    }

    /// <summary>True when <paramref name="value"/> initializes a declaration (<c>var b = a;</c>), not an assignment.</summary>
    private static bool IsDeclaration(IOperation value)
    {
        while (value.Parent is IConversionOperation { IsImplicit: true } c) value = c;
        return value.Parent is IVariableInitializerOperation;
    }

    /// <summary>
    /// Second names of tracked lists declared among <paramref name="operations"/> (a loop about to be lowered): named now,
    /// so a write through one is seen as a write into the list the loop carries.
    /// </summary>
    private void AliasesIn(System.Collections.Generic.IEnumerable<IOperation> operations)
    {
        foreach (var op in operations)
        {
            if (op is IVariableDeclaratorOperation { Symbol: var alias, Initializer.Value: var value } && ListLocals.IsRealList(alias.Type) && IsDeclaration(value)
                && !_context.IsListAlias(alias) && _context.Current(alias) < 0 && ListLocals.Tracked(_context, value) is ILocalSymbol list)
            {
                _context.AliasList(alias, list);
            }
        }
    }

    private void RejectList(ILocalSymbol local, IOperation at, string what, string hint)
    {
        _context.ReportUnsupportedExpression(at, what, hint);
        _context.Reject(local);
    }

    /// <summary><c>l.Add(v)</c>: <c>v</c> stored at the list's count, which grows by one.</summary>
    private void Append(ILocalSymbol local, IOperation value)
    {
        int stored = _expressions.Lower(value, null);
        if (stored >= 0) _expressions.AppendToList(local, _context.ListCountOf(local)!, stored);
    }

    /// <summary>A call on a local list of reals as a statement: <c>Add</c>, or ADG0003 for the methods the generator does not follow.</summary>
    private bool TryListCall(IInvocationOperation call)
    {
        var receiver = call.Instance;
        while (receiver is IConversionOperation { IsImplicit: true } c) receiver = c.Operand;
        if (receiver is ILocalReferenceOperation { Local: var rejected } && _context.IsRejected(rejected) && ListLocals.IsRealList(rejected.Type)) return true;
        if (ListLocals.Tracked(_context, call.Instance) is not { } tracked) return false;
        if (tracked is not ILocalSymbol local)
        {
            _context.ReportUnsupportedExpression(call, ListParameters.Write("'" + call.TargetMethod.Name + "' on", tracked), ListParameters.WriteHint);
            return true;
        }
        if (call.TargetMethod.Name == "Add" && call.Arguments.Length == 1)
        {
            Append(local, call.Arguments[0].Value);
            return true;
        }
        if (call.TargetMethod.Name == "AddRange" && call.Arguments.Length == 1)
        {
            _expressions.AddRangeToList(local, call.Arguments[0].Value, call);
            return true;
        }
        if (call.TargetMethod.ContainingType.Name == "List")
        {
            // Moves and cuts (ExpressionLowering.ListsMoved).
            switch (call.TargetMethod.Name, call.Arguments.Length)
            {
                case ("Clear", 0):
                    _expressions.ClearList(local);
                    return true;
                case ("RemoveAt", 1):
                    _expressions.RemoveAtList(local, call.Arguments[0].Value, call);
                    return true;
                case ("Insert", 2):
                    _expressions.InsertIntoList(local, call.Arguments[0].Value, call.Arguments[1].Value, call);
                    return true;
                case ("Reverse", 0):
                    _expressions.ReverseList(local, call);
                    return true;
                case ("RemoveRange", 2):
                    _expressions.RemoveRangeFromList(local, call.Arguments[0].Value, call.Arguments[1].Value, call);
                    return true;
                case ("InsertRange", 2):
                    _expressions.InsertRangeIntoList(local, call.Arguments[0].Value, call.Arguments[1].Value, call);
                    return true;
                case ("Remove", 1):
                    _expressions.RemoveFromList(local, call.Arguments[0].Value, call);
                    return true;
                case ("Sort", 0):
                    _expressions.SortList(local, call);
                    return true;
                case ("RemoveAll", 1):
                    _expressions.RemoveAllFromList(local, call.Arguments[0].Value, call);
                    return true;
            }
        }
        string hint = call.TargetMethod.Name switch
        {
            "InsertRange" => "Insert the values one by one, or build a new list",
            "Sort" => "sort in ascending order with Sort() (then Reverse() for descending): a comparer or a Comparison is not followed",
            "Reverse" => "reverse the whole list with Reverse(), or move the elements with RemoveAt and Insert",
            _ => ListLocals.Hint,
        };
        _context.ReportUnsupportedExpression(call, "'" + call.TargetMethod.Name + "' on the List<double> '" + local.Name + "', which carries a gradient", hint);
        return true;
    }

    /// <summary><c>l[i]</c> or <c>l[^k]</c> of a local list as an assignment's target, or null.</summary>
    private (ISymbol List, IOperation Index)? ListStoreTarget(IOperation? target) => target switch
    {
        IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1, Instance: var instance } indexer when ListLocals.Tracked(_context, instance) is { } list => (list, indexer.Arguments[0].Value),
        IImplicitIndexerReferenceOperation { Instance: var instance } fromEnd when ListLocals.Tracked(_context, instance) is { } list => (list, fromEnd.Argument),
        _ => null,
    };

    /// <summary>
    /// foreach over a local list: its variable must be the element type, and its body must not change the list (List's
    /// enumerator throws InvalidOperationException after an Add or a store).
    /// </summary>
    private bool ListForEachTarget(IForEachLoopOperation loop, ILocalSymbol variable, ISymbol list)
    {
        if (!SymbolEqualityComparer.Default.Equals(variable.Type, ListLocals.Element(list)) || variable.IsRef)
        {
            _context.ReportUnsupportedExpression(loop.Collection, "A 'foreach' over the List<double> '" + list.Name + "' whose variable is not its element type", "declare the variable as the element type (var)");
            return false;
        }
        if (AssignedVariables(loop).Contains(list))
        {
            _context.ReportUnsupportedExpression(loop.Collection, "A 'foreach' over the List<double> '" + list.Name + "' whose body changes the list (List's enumerator throws InvalidOperationException)",
                "loop over the index instead: for (int i = 0; i < " + list.Name + ".Count; i++)");
            return false;
        }
        return true;
    }
}
