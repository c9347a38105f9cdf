using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// StatementLowering: a local table of discrete values the method writes (<see cref="IndexTables"/>). Its creation is a
/// new array node with no adjoint (a fresh one each iteration inside a loop), each listed element a store; each store
/// a new version of it whose value is forward-sweep text (<c>counts[c] + 1</c> for <c>counts[c]++</c>).
/// </summary>
internal sealed partial class StatementLowering
{
    /// <summary>Defines <paramref name="variable"/> as a carried table; false when it is no such table (a listed one never written stays a constant).</summary>
    private bool DefineIndexTable(ISymbol variable, IOperation value)
    {
        if (variable is not ILocalSymbol table || !IndexTables.IsTable(table) || !IndexTables.IsCarried(table, value, OperationRoots.Of(value))) return false;
        var type = (IArrayTypeSymbol)table.Type;
        string typeName = type.ToDisplayString(SymbolNames.TypeFormat);
        if (_context.Current(table) >= 0)
        {
            _context.ReportUnsupportedExpression(value, "Reassigning the local " + typeName + " '" + table.Name + "', which this method writes", "declare another local array for the new values");
            return true;
        }
        IndexTables.CheckUses(table, OperationRoots.Of(value), _context);
        ArrayCreation.TryRead(value, out var size, out var elements);
        int length = ArrayCreation.SizeNode(_context, size, elements?.Count ?? 0);
        if (length < 0) length = _context.AddConstant("0", ScalarType.Other, "int", null, isAtom: true);
        string name = _context.NameFor(table);
        string stack = _loop is not null || _context.LoopDepth > 0 ? _context.Names.Fresh(name + "Arrays") : "";
        int array = _context.AddArrayNode(GateKind.NewArray, typeName, name, "", isInline: false, new[] { length }, stack);
        for (int i = 0; elements is not null && i < elements.Count; i++)
        {
            int at = _context.AddConstant(i.ToString(System.Globalization.CultureInfo.InvariantCulture), ScalarType.Other, "int", null, isAtom: true);
            int stored = IndexTableValue(elements[i], table);
            if (stored < 0) break;
            array = _context.AddArrayNode(GateKind.Store, typeName, name, "", isInline: true, new[] { array, at, stored });
        }
        _context.Assign(table, array);
        return true;
    }

    /// <summary>The node of a value stored into a table: forward-sweep text; -1 after reporting a value that carries a gradient.</summary>
    private int IndexTableValue(IOperation value, ILocalSymbol table)
    {
        if (_expressions.IsVaried(value))
        {
            _context.ReportUnsupportedExpression(value, "A value that carries a gradient stored into the local " + table.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + " '" + table.Name + "'",
                "it holds indexes, counts and flags: store a value computed from ints and bools (a cast such as (int)Math.Floor(x) cuts the gradient where you mean it to)");
            return -1;
        }
        return _expressions.Lower(value, null);
    }

    /// <summary>
    /// A store into a carried table (<see cref="StoreAt"/>'s slot): a plain store of the value's text, or for
    /// <c>t[i] op= v</c> and <c>t[i]++</c> the element read now (<paramref name="old"/>) and the text of the updated value.
    /// </summary>
    private bool StoreIntoTable(ILocalSymbol table, int[] indices, IOperation target, IOperation? value, BinaryOperatorKind? compound, int lowered, out int stored, out int old)
    {
        old = -1;
        stored = lowered;
        if (compound is { } kind)
        {
            old = _expressions.Lower(target, null);
            string? symbol = ConstantRenderer.OperatorText(kind);
            int right = value is null ? _context.AddConstant("1", ScalarType.Other, "int", null, isAtom: true) : IndexTableValue(value, table);
            if (symbol is null || right < 0 || old < 0)
            {
                if (symbol is null) _context.ReportUnsupportedExpression(value ?? target, "This compound assignment to an element of the local table '" + table.Name + "'", "write it as " + table.Name + "[i] = " + table.Name + "[i] op v");
                stored = -1;
                return true;
            }
            string element = target.Type!.ToDisplayString(SymbolNames.TypeFormat);
            // C#'s compound assignment converts the result back to the element type (byte + int is int).
            stored = _context.AddConstant("(" + element + ")(" + _context.Nodes[old].Name + " " + symbol + " (" + _context.Nodes[right].Name + "))",
                ScalarType.Other, element, null, isAtom: false, new[] { old, right });
        }
        else if (value is not null)
        {
            stored = IndexTableValue(value, table);
        }
        if (stored < 0) return true;
        // The value may itself have stored into this table: the store goes on the version it left.
        int array = _context.Current(table);
        var a = _context.Nodes[array];
        _context.Assign(table, _context.AddArrayNode(GateKind.Store, a.TypeName, a.Name, "", isInline: true, new[] { array }.Concat(indices).Append(stored).ToArray()));
        return true;
    }
}
