using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// StatementLowering: assignments to struct locals and parameters carried as their components
/// (<see cref="LoweringContext.Component"/>): <c>v = …</c>, <c>v += w</c>, <c>v *= s</c>, <c>v.X = …</c>, <c>v.X += …</c>, <c>v.X++</c>.
/// </summary>
internal sealed partial class StatementLowering
{
    /// <summary>True when <paramref name="target"/> is a carried struct or one of its members, with the variable and the member path.</summary>
    private bool IsStructTarget(IOperation target, out ISymbol variable, out string path) =>
        StructPaths.TryGet(target, _context, out variable, out path) && (_context.IsCarriedStruct(variable) || path.Length == 0 && variable is ILocalSymbol && _context.Current(variable) < 0);

    /// <summary>Lowers an expression statement that assigns a carried struct or a member of one; false when it is not one.</summary>
    private bool TryLowerStructAssignment(IOperation operation)
    {
        switch (operation)
        {
            case ISimpleAssignmentOperation { IsRef: false } simple when IsStructTarget(simple.Target, out var variable, out var path):
                DefineStruct(variable, path, RealStructs.IsRealStruct(simple.Value.Type) || NullableReals.Is(simple.Value.Type) ? _expressions.LowerStruct(simple.Value) : new[] { _expressions.Lower(simple.Value, null) });
                return true;
            case ICompoundAssignmentOperation nullable when NullableReals.Is(nullable.Target.Type) && IsStructTarget(nullable.Target, out var variable, out var path):
                // z += x on a double? local: lifted, as z = z + x.
                DefineStruct(variable, path, _expressions.LowerNullableCompound(nullable));
                return true;
            case IIncrementOrDecrementOperation nullable when NullableReals.Is(nullable.Target.Type) && IsStructTarget(nullable.Target, out var variable, out var path):
                _context.ReportUnsupportedExpression(nullable, "++ or -- on a double? local", "write z += 1");
                DefineStruct(variable, path, null);
                return true;
            case ICompoundAssignmentOperation compound when IsStructTarget(compound.Target, out var variable, out var path):
                if (!RealStructs.IsRealStruct(compound.Target.Type))
                {
                    Update(_context.Component(variable, path), compound.OperatorKind, compound.Value, compound);
                }
                else if (compound.OperatorMethod is { } method && RealStructs.HasNumericsOperators(method.ContainingType))
                {
                    DefineStruct(variable, path, _expressions.LowerCompound(compound));
                }
                else if (compound.OperatorMethod is { } complex && RealStructs.IsComplex(complex.ContainingType))
                {
                    DefineStruct(variable, path, _expressions.LowerComplexCompound(compound));
                }
                else if (_expressions.InlineStructUpdate(compound) is { Handled: true } inlined)
                {
                    // v += value with the struct's own operator + (Clad's MemberFunctions.C fn5): its body, inlined.
                    DefineStruct(variable, path, inlined.Nodes);
                }
                else
                {
                    _context.ReportUnsupportedExpression(compound, "A compound assignment with a user-defined operator on a struct", "write the operation out member by member");
                }
                return true;
            case IIncrementOrDecrementOperation increment when IsStructTarget(increment.Target, out var variable, out var path) && !RealStructs.IsRealStruct(increment.Target.Type):
                Update(_context.Component(variable, path), increment.Kind == OperationKind.Increment ? BinaryOperatorKind.Add : BinaryOperatorKind.Subtract, null, increment);
                return true;
            case IIncrementOrDecrementOperation increment when IsStructTarget(increment.Target, out var variable, out var path):
                // ++v with the struct's own operator ++ (Clad's MemberFunctions.C fn4): its body, inlined; the struct is carried
                // as its members, so without this it read as an update of a variable never assigned.
                if (_expressions.InlineStructUpdate(increment) is { Handled: true } stepped) DefineStruct(variable, path, stepped.Nodes);
                else _context.ReportUnsupportedExpression(increment, "An increment or decrement with a user-defined operator on a struct", "write the operation out member by member");
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// The components under <paramref name="path"/> take <paramref name="values"/>, each under a name of its own
    /// (copied, so a loop never carries one variable from another).
    /// </summary>
    private void DefineStruct(ISymbol variable, string path, int[]? values)
    {
        var all = RealStructs.Components(LoweringContext.TypeOfVariable(_context.Resolve(variable)))!;
        var indices = StructPaths.Under(all, path);
        if (values is null || values.Length != indices.Count)
        {
            // Reported already; the members get placeholders so later reads bring no follow-up errors.
            foreach (int i in indices)
            {
                var key = _context.Component(variable, all[i].Path);
                if (_context.Current(key) < 0) _context.Assign(key, _context.AddConstant("default", all[i].Type, ScalarLiterals.TypeKeyword(all[i].Type), null, isAtom: true));
            }
            return;
        }
        var copies = new int[values.Length];
        for (int k = 0; k < values.Length; k++)
        {
            var key = _context.Component(variable, all[indices[k]].Path);
            string name = _context.Current(key) < 0 ? _context.Names.Fresh(key.Name) : _context.Names.Version(key.Name);
            var n = _context.Nodes[values[k]];
            copies[k] = n.Varied ? _context.AddGate(GateKind.Copy, n.Type, name, values[k]) : _context.AddConstant(n.Name, n.Type, n.TypeName, name, isAtom: false, new[] { values[k] });
        }
        for (int k = 0; k < values.Length; k++) _context.Assign(_context.Component(variable, all[indices[k]].Path), copies[k]);
    }
}
