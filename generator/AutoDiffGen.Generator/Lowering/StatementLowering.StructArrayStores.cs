using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A store into an element of an array of structs the method writes (<see cref="StructArrayStores"/>): the value's
/// components under the member written are computed first (reading the arrays as they are), then each is stored into
/// its component array, a new version of it, as <c>a[i] = v</c> is for a <c>double[]</c>.
/// </summary>
internal sealed partial class StatementLowering
{
    private bool TryLowerStructArrayStore(IOperation operation)
    {
        var target = operation switch
        {
            ISimpleAssignmentOperation { IsRef: false } simple => simple.Target,
            ICompoundAssignmentOperation compound => compound.Target,
            IIncrementOrDecrementOperation increment => increment.Target,
            _ => null,
        };
        if (target is null || !StructArrayStores.TryGet(target, out var arrayOp, out var indexOp, out var path)) return false;
        if (StructArrayStores.Root(arrayOp) is not { } array || !_context.WrittenStructArrays.Contains(array)) return false;
        var all = RealStructs.Components(ValueKinds.CarriedArrayElement(LoweringContext.TypeOfVariable(array)!))!;
        var under = StructPaths.Under(all, path);
        if (_expressions.IsVaried(indexOp))
        {
            _context.ReportUnsupportedExpression(indexOp, "A differentiated index");
            return true;
        }
        // The target's index is evaluated before the value, as C# does.
        int index = _expressions.LowerIndex(indexOp, _context.Nodes[_context.Current(_context.Component(array, all[under[0]].Path))].Name);
        var values = StructArrayValue(operation, target, array, index, all, under);
        if (values is null || values.Length != under.Count) return true;
        for (int k = 0; k < under.Count; k++)
        {
            var key = _context.Component(array, all[under[k]].Path);
            int current = _context.Current(key);
            var a = _context.Nodes[current];
            _context.Assign(key, _context.AddArrayNode(GateKind.Store, a.TypeName, a.Name, a.AdjointName, isInline: true, new[] { current, index, values[k] }));
        }
        return true;
    }

    /// <summary>The components stored, in order under the target's path; null after a diagnostic.</summary>
    private int[]? StructArrayValue(IOperation operation, IOperation target, ISymbol array, int index, System.Collections.Generic.IReadOnlyList<StructComponent> all, System.Collections.Generic.List<int> under)
    {
        bool whole = RealStructs.IsRealStruct(target.Type);
        switch (operation)
        {
            case ISimpleAssignmentOperation simple:
                return whole ? _expressions.LowerStruct(simple.Value) : new[] { _expressions.Lower(simple.Value, null) };
            case ICompoundAssignmentOperation { OperatorMethod: { } method } compound when whole && RealStructs.HasNumericsOperators(method.ContainingType):
                return _expressions.LowerCompound(compound);
            case ICompoundAssignmentOperation compound when whole:
                if (_expressions.InlineStructUpdate(compound) is { Handled: true } inlined) return inlined.Nodes;
                _context.ReportUnsupportedExpression(compound, "A compound assignment with a user-defined operator on a struct", "write the operation out member by member");
                return null;
            case ICompoundAssignmentOperation or IIncrementOrDecrementOperation when !whole && all[under[0]].IsDiscrete:
                // A discrete member (ps[i].Id++) of a local array of structs: only its plain store is carried.
                _context.ReportUnsupportedExpression(operation, "A compound assignment or ++/-- of the discrete member '" + all[under[0]].Path + "' of an array element",
                    "write it as a plain store: " + Describe.Snippet(target.Syntax) + " = " + Describe.Snippet(target.Syntax) + " + 1");
                return null;
            case ICompoundAssignmentOperation or IIncrementOrDecrementOperation when !whole:
                {
                    var kind = operation is ICompoundAssignmentOperation c ? c.OperatorKind : operation.Kind == OperationKind.Increment ? BinaryOperatorKind.Add : BinaryOperatorKind.Subtract;
                    var value = (operation as ICompoundAssignmentOperation)?.Value;
                    var type = all[under[0]].Type;
                    GateKind? gate = GateNames.Arithmetic(kind);
                    if (gate is null || value is not null && ExpressionLowering.TypeOf(value) != type)
                    {
                        _context.ReportUnsupportedExpression(value ?? target, "This compound assignment to a member of an array element");
                        return null;
                    }
                    int old = _context.AddGate(GateKind.Element, type, ScalarLiterals.TypeKeyword(type), null, null, new[] { _context.Current(_context.Component(array, all[under[0]].Path)), index });
                    int right = value is null
                        ? _context.AddConstant(ScalarLiterals.Real(1, type), type, ScalarLiterals.TypeKeyword(type), null, isAtom: true)
                        : _expressions.Lower(value, null);
                    return new[] { _context.AddGate(gate.Value, type, null, old, right) };
                }
            default:
                _context.ReportUnsupportedExpression(operation, "This update of an array element", "write it as p[i] = p[i] + v, or member by member");
                return null;
        }
    }
}
