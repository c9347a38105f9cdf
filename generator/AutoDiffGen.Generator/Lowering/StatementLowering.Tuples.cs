using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// StatementLowering: <c>var (a, b) = F(x);</c> and <c>(a, b) = F(x);</c> where <c>F</c> returns a tuple of reals: each
/// target takes its element of the call's result (<see cref="ExpressionLowering.LowerTupleCall"/>).
/// </summary>
internal sealed partial class StatementLowering
{
    /// <summary>The call, when the value is a call returning a real tuple and the targets are that many scalar locals, parameters or discards of the elements' types.</summary>
    private IInvocationOperation? TupleCallTargets(IDeconstructionAssignmentOperation deconstruction, List<IOperation> targets)
    {
        var value = deconstruction.Value;
        if (value is IConversionOperation { IsImplicit: true, Operand: IInvocationOperation inner } && SymbolEqualityComparer.Default.Equals(inner.Type, value.Type)) value = inner;
        if (value is not IInvocationOperation call || !RealStructs.IsRealTuple(call.Type)) return null;
        // Any other call is the unsupported deconstruction it was (ADG0002); Math.SinCos(x) is two known functions, a plain
        // helper returning a tuple is inlined (idioms12: its refusal, if any, is ADG0004 at the call), and so is a plain
        // instance helper of this object (natural18).
        // A local function or lambda local is inlined (StatementLowering.LocalFunctions).
        if (_expressions.IsVaried(call) && !ExpressionLowering.IsSinCos(call.TargetMethod) && !DerivativeResolver.IsDifferentiable(call.TargetMethod) && !IsInlinedCall(call)
            && !PlainHelpers.HasTupleShape(call.TargetMethod) && !_expressions.IsThisTupleHelper(call)) return null;
        var elements = ((INamedTypeSymbol)call.Type!).TupleElements;
        if (elements.Length != targets.Count) return null;
        for (int i = 0; i < targets.Count; i++)
        {
            if (targets[i] is IDiscardOperation) continue;
            if (Variable(targets[i]) is not { } variable || IsArrayLocal(variable) || !SymbolEqualityComparer.Default.Equals(targets[i].Type, elements[i].Type)) return null;
        }
        return call;
    }

    private void LowerTupleCallDeconstruction(IInvocationOperation call, List<IOperation> targets)
    {
        var parts = _expressions.LowerTupleCall(call);
        for (int i = 0; i < targets.Count; i++)
        {
            if (Variable(targets[i]) is not { } variable) continue;
            if (parts is null)
            {
                // Reported already: a placeholder, so later reads bring no follow-up errors.
                if (_context.Current(variable) < 0) _context.Assign(variable, _context.AddConstant("default", ExpressionLowering.TypeOf(targets[i]), targets[i].Type?.ToDisplayString(Helpers.SymbolNames.TypeFormat) ?? "object", null, isAtom: true));
                continue;
            }
            _context.Assign(variable, _expressions.Copy(parts[i], _context.NameFor(variable)));
        }
    }
}
