using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A local jagged array as people build one: <c>var m = new double[n][];</c> (outside loops), each row created where it is
/// set, <c>m[i] = new double[k];</c> or <c>m[i] = new[] { a, b };</c> (<see cref="GateKind.NewRow"/> then a store per value, in loops too), then <c>m[i][j] = …</c>, <c>m[i][j] += …</c>
/// and reads <c>m[i][j]</c>, <c>m[i].Length</c>. Every row is a fresh array, so no two rows (and no other array) share
/// elements: the array is carried like a local double[,] whose rows may differ in length, with one adjoint of the shape it
/// has when the forward sweep ends; where the reverse sweep passes a row's creation, the row it replaced (of its own
/// length) gets a zeroed adjoint. A row set to
/// anything else (<c>m[0] = r;</c>, which would share <c>r</c>), a jagged local made otherwise or in a loop is reported
/// with what to write instead. With <c>Forward = true</c> its tangent is a jagged array of the same rows (Differentiator.NewRow).
/// </summary>
internal sealed partial class StatementLowering
{
    /// <summary><c>var m = new double[n][];</c> outside loops: a tracked local jagged array; false when it is not one.</summary>
    private bool DefineJagged(ISymbol variable, IArrayTypeSymbol type, IOperation value)
    {
        if (value is not IArrayCreationOperation { DimensionSizes.Length: 1 } creation || _loop is not null
            || _context.Current(variable) >= 0 || _context.IsRejected(variable)) return false;
        // An initializer whose rows are new arrays ({ new[] { a, b }, new double[3] }): each row is created where it is listed.
        var rows = creation.Initializer?.ElementValues.Select(Unconverted).ToList();
        if (rows is not null && rows.Any(r => r is not IArrayCreationOperation { DimensionSizes.Length: 1 })) return false;
        var renderer = new ConstantRenderer(_context);
        string? size = rows is null ? renderer.Render(creation.DimensionSizes[0]) : rows.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (size is null)
        {
            _context.Reject(variable);
            return true;
        }
        int sizeNode = _context.AddConstant(size, ScalarType.Other, "int", null, isAtom: true, renderer.Dependencies);
        string name = _context.NameFor(variable);
        string adjoint = _context.Names.Fresh(NameAllocator.AdjointBase(name));
        string typeName = type.ToDisplayString(SymbolNames.TypeFormat);
        _context.Assign(variable, _context.AddArrayNode(GateKind.NewArray, typeName, name, adjoint, isInline: false, new[] { sizeNode }));
        if (rows is null) return true;
        var elementType = ExpressionLowering.TypeOf(((IArrayTypeSymbol)type.ElementType).ElementType);
        for (int r = 0; r < rows.Count; r++)
        {
            var row = (IArrayCreationOperation)rows[r];
            var elements = row.Initializer?.ElementValues;
            var rowRenderer = new ConstantRenderer(_context);
            string? length = elements is null ? rowRenderer.Render(row.DimensionSizes[0]) : elements.Value.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (length is null) return true;
            int rowIndex = Index(r);
            int lengthNode = _context.AddConstant(length, ScalarType.Other, "int", null, isAtom: elements is not null, rowRenderer.Dependencies);
            _context.Assign(variable, _context.AddArrayNode(GateKind.NewRow, typeName, name, adjoint, isInline: true, new[] { _context.Current(variable), rowIndex, lengthNode, Index(0) }));
            if (elements is null) continue;
            for (int j = 0; j < elements.Value.Length; j++)
            {
                int stored = _expressions.Lower(elements.Value[j], null);
                if (stored < 0) return true;
                if (_context.Nodes[stored].Type != elementType && _context.Nodes[stored].Type is ScalarType.Double or ScalarType.Float) stored = _context.AddGate(GateKind.Convert, elementType, null, stored);
                _context.Assign(variable, _context.AddArrayNode(GateKind.Store, typeName, name, adjoint, isInline: true,
                    new[] { _context.Current(variable), Index(r), Index(j), stored }, ElementIndex.Jagged));
            }
        }
        return true;
    }

    private int Index(int i) => _context.AddConstant(i.ToString(System.Globalization.CultureInfo.InvariantCulture), ScalarType.Other, "int", null, isAtom: true);

    private static IOperation Unconverted(IOperation op)
    {
        while (op is IConversionOperation { IsImplicit: true } c) op = c.Operand;
        return op;
    }

    /// <summary>
    /// The tracked local jagged array <paramref name="arrayReference"/> names, and its current version: the local itself, or a
    /// jagged parameter of an inlined helper standing for it (<c>Outer(o, x)</c> writing <c>o[i][j]</c>, idioms24).
    /// </summary>
    private (ILocalSymbol Local, int Array)? JaggedLocal(IOperation arrayReference) => arrayReference switch
    {
        ILocalReferenceOperation { Local: var local } => JaggedLocal(local),
        IParameterReferenceOperation { Parameter: { RefKind: RefKind.None } parameter } when _context.Resolve(parameter) is ILocalSymbol bound => JaggedLocal(bound),
        _ => null,
    };

    private (ILocalSymbol Local, int Array)? JaggedLocal(ILocalSymbol local) =>
        local.Type is IArrayTypeSymbol type && ValueKinds.IsJagged(type)
            && _context.Current(local) is var array && array >= 0 && _context.Nodes[array].Type == ScalarType.Array
            ? (local, array)
            : null;

    /// <summary><c>m[i] = new double[k];</c> on a tracked jagged local: a new row. True when the target is a row of one (also after an error).</summary>
    private bool TryNewRow(IOperation target, IOperation? value, BinaryOperatorKind? compound, out int stored)
    {
        stored = -1;
        if (target is not IArrayElementReferenceOperation { Indices.Length: 1 } row || JaggedLocal(row.ArrayReference) is not { } jagged) return false;
        string name = jagged.Local.Name;
        if (compound is not null || value is not IArrayCreationOperation { DimensionSizes.Length: 1 } creation)
        {
            _context.ReportUnsupportedExpression(value ?? target, "A row of the local jagged array '" + name + "' set to anything but a new array",
                "create each row where it is set, " + name + "[i] = new double[k];, then write its elements (" + name + "[i][j] = …): a row set to an existing array would share it");
            return true;
        }
        if (_expressions.IsVaried(row.Indices[0]))
        {
            _context.ReportUnsupportedExpression(row.Indices[0], "A differentiated index");
            return true;
        }
        int index = _expressions.LowerIndex(row.Indices[0], _context.Nodes[jagged.Array].Name);
        if (index < 0) return true;
        // A row with an initializer (m[i] = new[] { a, b }): its values are computed first, as C# does (they may read the
        // row it replaces), then the row is created and each value stored into it.
        var values = new System.Collections.Generic.List<int>();
        var elementType = ExpressionLowering.TypeOf(((IArrayTypeSymbol)jagged.Local.Type).ElementType is IArrayTypeSymbol rowType ? rowType.ElementType : jagged.Local.Type);
        foreach (var element in creation.Initializer is { } initializer ? initializer.ElementValues : System.Collections.Immutable.ImmutableArray<IOperation>.Empty)
        {
            int v = _expressions.Lower(element, null);
            if (v < 0) return true;
            if (_context.Nodes[v].Type != elementType && _context.Nodes[v].Type is ScalarType.Double or ScalarType.Float) v = _context.AddGate(GateKind.Convert, elementType, null, v);
            values.Add(v);
        }
        var renderer = new ConstantRenderer(_context);
        string? size = creation.Initializer is null ? renderer.Render(creation.DimensionSizes[0]) : values.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (size is null) return true;
        int sizeNode = _context.AddConstant(size, ScalarType.Other, "int", null, isAtom: creation.Initializer is not null, renderer.Dependencies);
        int array = _context.Current(jagged.Local);
        var a = _context.Nodes[array];
        // The length of the row it replaces (0 for none): the reverse sweep gives that row a zeroed adjoint of its length there.
        string row0 = a.Name + "[" + _context.Nodes[index].Name + "]";
        int before = _context.AddConstant(row0 + " == null ? 0 : " + row0 + ".Length", ScalarType.Other, "int", null, isAtom: false, new[] { array, index });
        _context.Assign(jagged.Local, _context.AddArrayNode(GateKind.NewRow, a.TypeName, a.Name, a.AdjointName, isInline: true, new[] { array, index, sizeNode, before }));
        for (int j = 0; j < values.Count; j++)
        {
            _context.Assign(jagged.Local, _context.AddArrayNode(GateKind.Store, a.TypeName, a.Name, a.AdjointName, isInline: true,
                new[] { _context.Current(jagged.Local), index, Index(j), values[j] }, ElementIndex.Jagged));
        }
        stored = array;
        return true;
    }

    /// <summary><c>m[i][j] = v</c> (or <c>op=</c>, <c>++</c>) on a tracked jagged local: a store with both indices. True when the target is one.</summary>
    private bool TryJaggedStore(IOperation target, IOperation? value, BinaryOperatorKind? compound, out int stored, out int old)
    {
        stored = -1;
        old = -1;
        if (target is not IArrayElementReferenceOperation { Indices.Length: 1, ArrayReference: IArrayElementReferenceOperation { Indices.Length: 1 } row } element
            || JaggedLocal(row.ArrayReference) is not { } jagged) return false;
        var indexOps = new[] { row.Indices[0], element.Indices[0] };
        if (indexOps.FirstOrDefault(_expressions.IsVaried) is { } varied)
        {
            _context.ReportUnsupportedExpression(varied, "A differentiated index");
            return true;
        }
        var indices = indexOps.Select(i => _expressions.Lower(i, null)).ToArray();
        var elementType = ExpressionLowering.TypeOf(target.Type);
        if (compound is { } kind)
        {
            GateKind? gate = GateNames.Arithmetic(kind);
            if (gate is null || value is not null && ExpressionLowering.TypeOf(value) != elementType)
            {
                _context.ReportUnsupportedExpression(value ?? target, "This compound assignment to an array element");
                return true;
            }
            old = _context.AddGridElement(elementType, null, ElementIndex.Jagged, new[] { jagged.Array }.Concat(indices).ToArray());
            int right = value is null
                ? _context.AddConstant(ScalarLiterals.Real(1, elementType), elementType, ScalarLiterals.TypeKeyword(elementType), null, isAtom: true)
                : _expressions.Lower(value, null);
            stored = _context.AddGate(gate.Value, elementType, null, old, right);
        }
        else
        {
            stored = _expressions.Lower(value!, null);
        }
        if (stored < 0) return true;
        // The value may itself have changed the array (m[0][0] = m[1][0] = y): the store goes on the version it left.
        int array = _context.Current(jagged.Local);
        var a = _context.Nodes[array];
        _context.Assign(jagged.Local, _context.AddArrayNode(GateKind.Store, a.TypeName, a.Name, a.AdjointName, isInline: true,
            new[] { array }.Concat(indices).Append(stored).ToArray(), ElementIndex.Jagged));
        return true;
    }
}
