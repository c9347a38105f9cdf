using System;
using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// StatementLowering: <c>foreach</c> over a <c>double[,]</c> and over the rows of a jagged <c>double[][]</c> (issue 13,
/// idioms11). <c>foreach (double v in m)</c> is one loop over a hidden k &lt; m.Length whose variable is the element
/// <c>m[k / m.GetLength(1), k % m.GetLength(1)]</c>: row-major, the order C# enumerates a rectangular array in, and one loop so
/// <c>break</c> and <c>continue</c> mean what they mean in the foreach. <c>foreach (var row in a) foreach (var v in row)</c>
/// is a loop over a hidden i &lt; a.Length whose variable stands for the row <c>a[i]</c>, and the inner loop one over
/// j &lt; a[i].Length reading <c>a[i][j]</c>: each element is one Element gate over the array and both indices, as
/// <c>a[i][j]</c> written out is, so its gradient reaches <c>dA[i][j]</c>. Over a jagged parameter the row may also be
/// read as <c>row[j]</c> and <c>row.Length</c> (idioms12: <c>a[i][j]</c> and <c>a[i].Length</c>, LoweringContext.JaggedRows).
/// A row used otherwise (written, passed on, captured) stays the error it was.
/// </summary>
internal sealed partial class StatementLowering
{

    /// <summary>Lowers a foreach over a grid, or over a row of one, and returns true; false for any other foreach.</summary>
    private bool LowerGridForEach(IForEachLoopOperation loop, IOperation collection, ILocalSymbol variable)
    {
        if (collection is ILocalReferenceOperation { Local: var rowLocal } && _context.JaggedRowOf(rowLocal) is { } alias)
        {
            RowForEach(loop, variable, alias.Grid, () => _context.Current(alias.Row));
            return true;
        }
        if (collection is IArrayElementReferenceOperation { Indices.Length: 1, ArrayReference: var rows } picked && rows.Type is { } jagged && ValueKinds.IsJagged(jagged)
            && Variable(rows) is { } owner && GridNode(owner) >= 0 && SymbolEqualityComparer.Default.Equals(variable.Type, ((IArrayTypeSymbol)picked.Type!).ElementType))
        {
            // foreach (var v in a[i]): the row index is read once, as foreach reads its collection once.
            if (_expressions.IsVaried(picked.Indices[0])) return false;
            int i = _expressions.Lower(picked.Indices[0], null);
            RowForEach(loop, variable, owner, () => i);
            return true;
        }
        var grid = Variable(collection);
        if (grid is null || collection.Type is not IArrayTypeSymbol type || !ValueKinds.IsGrid(type) || GridNode(grid) < 0) return false;
        if (type.Rank == 2)
        {
            if (!SymbolEqualityComparer.Default.Equals(variable.Type, type.ElementType)) return false;
            ElementsForEach(loop, variable, grid);
            return true;
        }
        if (!RowsOnlyWalked(loop, variable, indexed: grid is IParameterSymbol)) return false;
        var row = new LoweringContext.HiddenVariable("row");
        _context.DeclareJaggedRow(variable, grid, row);
        try
        {
            IndexLoop(loop, variable, row, () => (_context.Nodes[GridNode(grid)].Name + ".Length", new[] { GridNode(grid) }), _ => -1);
        }
        finally
        {
            _context.ForgetJaggedRow(variable);
        }
        return true;
    }

    /// <summary><c>foreach (var v in a[i])</c>, or the inner loop over a row variable: v is <c>a[i][j]</c> for j &lt; a[i].Length.</summary>
    private void RowForEach(IForEachLoopOperation loop, ILocalSymbol variable, ISymbol grid, Func<int> rowIndex)
    {
        var column = new LoweringContext.HiddenVariable("column");
        IndexLoop(loop, variable, column,
            () =>
            {
                int node = GridNode(grid), i = rowIndex();
                return (_context.Nodes[node].Name + "[" + _context.Nodes[i].Name + "].Length", new[] { node, i });
            },
            j => Element(variable, GridNode(grid), rowIndex(), j, ElementIndex.Jagged));
    }

    /// <summary>foreach over a double[,]: k &lt; m.Length, v = m[k / columns, k % columns].</summary>
    private void ElementsForEach(IForEachLoopOperation loop, ILocalSymbol variable, ISymbol grid)
    {
        int before = GridNode(grid);
        int columns = _context.AddConstant(_context.Nodes[before].Name + ".GetLength(1)", ScalarType.Other, "int", _context.Names.Fresh("columns"), isAtom: false, new[] { before });
        string columnsName = _context.Nodes[columns].Name;
        var flat = new LoweringContext.HiddenVariable("flat");
        IndexLoop(loop, variable, flat, () => (_context.Nodes[GridNode(grid)].Name + ".Length", new[] { GridNode(grid) }),
            k =>
            {
                string kName = _context.Nodes[k].Name;
                int i = _context.AddConstant(kName + " / " + columnsName, ScalarType.Other, "int", null, isAtom: false, new[] { k, columns });
                int j = _context.AddConstant(kName + " % " + columnsName, ScalarType.Other, "int", null, isAtom: false, new[] { k, columns });
                return Element(variable, GridNode(grid), i, j, ElementIndex.Rectangular);
            });
    }

    /// <summary>The element at (i, j) as the loop's variable: a gate when the array carries a gradient, else its text.</summary>
    private int Element(ILocalSymbol variable, int grid, int i, int j, string separator)
    {
        var type = ExpressionLowering.TypeOf(variable.Type);
        string name = _context.NameFor(variable);
        if (_context.Nodes[grid].Varied) return _context.AddGridElement(type, name, separator, new[] { grid, i, j });
        string text = _context.Nodes[grid].Name + "[" + _context.Nodes[i].Name + (separator == ElementIndex.Jagged ? "][" : ", ") + _context.Nodes[j].Name + "]";
        return _context.AddConstant(text, type, variable.Type.ToDisplayString(SymbolNames.TypeFormat), name, isAtom: false, new[] { grid, i, j });
    }

    /// <summary>The node a grid parameter or local holds now (its current version), or -1 when it is not one the graph follows.</summary>
    private int GridNode(ISymbol grid)
    {
        int node = _context.Current(grid);
        if (node < 0) return -1;
        var held = _context.Nodes[node];
        return held.Type == ScalarType.Array || grid is IParameterSymbol && held.Gate == GateKind.Parameter ? node : -1;
    }

    /// <summary>
    /// Every read of the row variable is the collection of a foreach in the body or, when <paramref name="indexed"/> (a
    /// jagged parameter), an element read <c>row[j]</c> or <c>row.Length</c>; none in a lambda or local function.
    /// </summary>
    private static bool RowsOnlyWalked(IForEachLoopOperation loop, ILocalSymbol row, bool indexed) =>
        loop.Body.Descendants().OfType<ILocalReferenceOperation>().Where(r => SymbolEqualityComparer.Default.Equals(r.Local, row))
            .All(r => (Collected(r) || indexed && (ElementRead(r) || r.Parent is IPropertyReferenceOperation { Property.Name: "Length", Property.IsStatic: false } || ExpressionLowering.PassedToPlainHelper(r))) && !InLambda(r, loop));

    /// <summary><c>row[j]</c> read as a value: not written, incremented, taken by ref or out, nor the target of a deconstruction.</summary>
    private static bool ElementRead(IOperation read)
    {
        if (read.Parent is not IArrayElementReferenceOperation { Indices.Length: 1 } element || element.ArrayReference != read) return false;
        return element.Parent switch
        {
            IAssignmentOperation assignment => assignment.Target != element && !(assignment is ISimpleAssignmentOperation { IsRef: true }),
            IIncrementOrDecrementOperation or ITupleOperation or IAddressOfOperation => false,
            IArgumentOperation argument => argument.Parameter?.RefKind is null or RefKind.None,
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol.IsRef: true } } => false,
            _ => true,
        };
    }

    /// <summary>The read is the collection of a foreach (through its implicit conversion, if any).</summary>
    private static bool Collected(IOperation read)
    {
        var up = read.Parent;
        while (up is IConversionOperation { IsImplicit: true }) up = up.Parent;
        return up is IForEachLoopOperation inner && Unconverted(inner.Collection) == read;
    }

    private static bool InLambda(IOperation op, IOperation loop)
    {
        for (var up = op.Parent; up is not null && up != loop; up = up.Parent)
        {
            if (up is IAnonymousFunctionOperation or ILocalFunctionOperation) return true;
        }
        return false;
    }

    /// <summary>
    /// The loop of a foreach over a hidden index from 0 while it is below <paramref name="limit"/> (text and what it reads,
    /// asked each iteration): the variable is <paramref name="element"/> of the index (none when it returns -1: a row
    /// variable, which the inner loops and element reads find through LoweringContext.JaggedRowOf), then the body, then the index + 1.
    /// </summary>
    private void IndexLoop(IForEachLoopOperation loop, ILocalSymbol variable, LoweringContext.HiddenVariable index, Func<(string Text, int[] Reads)> limit, Func<int, int> element) =>
        IndexLoop(loop, variable.Name, index, limit, i =>
        {
            int value = element(i);
            if (value >= 0) _context.Assign(variable, value);
        });

    /// <summary>As above, <paramref name="bind"/> binding the loop's variables (one, or those a deconstruction declares) to the index's elements.</summary>
    private void IndexLoop(IForEachLoopOperation loop, string variables, LoweringContext.HiddenVariable index, Func<(string Text, int[] Reads)> limit, Action<int> bind)
    {
        _context.Assign(index, _context.AddConstant("0", ScalarType.Other, "int", _context.Names.Fresh(index.Name), isAtom: false));
        var assigned = AssignedVariables(loop);
        assigned.Add(index);
        var body = Flatten(loop.Body);
        LowerLoopCore(LoopShape.Of(loop), assigned, conditionFirst: true, "foreach (" + variables + " in " + Describe.Source(loop.Collection.Syntax) + ")",
            () =>
            {
                int i = _context.Current(index);
                var (text, reads) = limit();
                return _context.AddConstant(_context.Nodes[i].Name + " < " + text, ScalarType.Other, "bool", null, isAtom: false, reads.Concat(new[] { i }));
            },
            () =>
            {
                bind(_context.Current(index));
                RejectThrowingBody(LowerStatements(body, 0), loop);
                int current = _context.Current(index);
                _context.Assign(index, _context.AddConstant(_context.Nodes[current].Name + " + 1", ScalarType.Other, "int", _context.Names.Version(index.Name), isAtom: false, new[] { current }));
                return false;
            });
    }
}
