using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A local array of structs (<see cref="StructArrayLocals"/>) where it is created: one new local array per component
/// (<c>new double[n]</c>, inside a loop a fresh one each iteration, as a local <c>double[]</c> is, <see cref="ArrayCreation"/>),
/// then each element of an initializer stored into them. From then on its element reads, stores and foreach are the
/// component arrays', as for an array-of-structs parameter the method writes (<see cref="StructArrayStores"/>).
/// </summary>
internal sealed partial class StatementLowering
{
    private void DefineStructArray(ILocalSymbol variable, IOperation value)
    {
        var components = RealStructs.Components(ValueKinds.CarriedArrayElement(variable.Type))!;
        if (_context.Current(_context.Component(variable, components[0].Path)) >= 0)
        {
            _context.ReportUnsupportedExpression(value, "Reassigning the local array of structs '" + variable.Name + "'", "declare another local array for the new values");
            return;
        }
        if (!ArrayCreation.TryRead(value, out var size, out var elements)) ReportStructArrayValue(variable, value);
        // After an error an empty array stands in, so later uses report nothing more (the method gets no code anyway).
        int length = elements is null && size is null ? -1 : ArrayCreation.SizeNode(_context, size, elements?.Count ?? 0);
        if (length < 0)
        {
            elements = null;
            length = _context.AddConstant("0", ScalarType.Other, "int", null, isAtom: true);
        }
        var arrays = new int[components.Count];
        for (int k = 0; k < components.Count; k++)
        {
            string name = _context.Names.Fresh(variable.Name + components[k].Path.Replace(".", ""));
            string stack = _loop is not null ? _context.Names.Fresh(name + "Arrays") : "";
            // A discrete member's array (int[] psId, bool[] psAlive) holds constants: it has no adjoint.
            string adjoint = components[k].IsDiscrete ? "" : _context.Names.Fresh(NameAllocator.AdjointBase(name));
            arrays[k] = _context.AddArrayNode(GateKind.NewArray, components[k].Keyword + "[]", name, adjoint, isInline: false, new[] { length }, stack);
            _context.Assign(_context.Component(variable, components[k].Path), arrays[k]);
        }
        _context.StructArrays[variable] = arrays;
        _context.WrittenStructArrays.Add(variable);
        for (int i = 0; elements is not null && i < elements.Count; i++)
        {
            var values = _expressions.LowerStruct(elements[i]);
            if (values is null || values.Length != components.Count) return;
            int index = _context.AddConstant(i.ToString(System.Globalization.CultureInfo.InvariantCulture), ScalarType.Other, "int", null, isAtom: true);
            for (int k = 0; k < components.Count; k++)
            {
                var key = _context.Component(variable, components[k].Path);
                var a = _context.Nodes[_context.Current(key)];
                _context.Assign(key, _context.AddArrayNode(GateKind.Store, a.TypeName, a.Name, a.AdjointName, isInline: true, new[] { _context.Current(key), index, values[k] }));
            }
        }
    }

    /// <summary>Why a local array of structs cannot be set to <paramref name="value"/>, and what to write.</summary>
    private void ReportStructArrayValue(ILocalSymbol variable, IOperation value)
    {
        string type = variable.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        var seen = value is IConversionOperation { IsImplicit: true } c ? c.Operand : value;
        if (seen is ILocalReferenceOperation or IParameterReferenceOperation)
        {
            // Another name for the same array: a store through one would change what the other reads.
            _context.ReportUnsupportedExpression(value, "A second name for the array of structs '" + seen.Syntax + "' (both would name the same array)",
                "use '" + seen.Syntax + "' itself, or create a new " + type + " and copy the elements in a for loop");
            return;
        }
        _context.ReportUnsupportedExpression(value, "A local " + type + " not created as 'new T[n]', an initializer or a collection expression",
            "create it where it is declared (new " + type.TrimEnd(']', '[') + "[n], new " + type + " { a, b } or [a, b]) and copy the elements it needs in a for loop");
    }
}
