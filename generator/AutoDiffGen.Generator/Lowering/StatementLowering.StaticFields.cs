using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// StatementLowering: a write of a static field of a number, bool or enum type (issue 13, Clad's static counter:
/// <c>calls++</c>, <c>hits += 1</c>, <c>seen = true</c>). With a value that carries no gradient it is an effect the forward
/// sweep keeps, run where it stands, once per call of M, MBackward or MForward. A read of the field is a constant of the
/// method taken where it stands (a named local, taped in a loop; never read again by the reverse sweep), so the reverse
/// sweep sees what the forward read. Like a call that draws a random number it makes the method stateful: a caller's
/// Backward would run it again, and so would MHessian and MJacobian (ADG0032 there), and its forward sweep runs once (no
/// restart on tape growth, no checkpointed segment run again). A value that carries a gradient is refused at the write
/// (ADG0007, saying what to write instead): the next call would read it as a constant.
/// </summary>
internal sealed partial class StatementLowering
{
    private bool TryLowerStaticFieldWrite(IOperation operation)
    {
        var (target, value, op) = operation switch
        {
            ISimpleAssignmentOperation a => (a.Target, a.Value, " = "),
            ICompoundAssignmentOperation c => (c.Target, (IOperation?)c.Value, " " + OperatorText(c.OperatorKind) + "= "),
            IIncrementOrDecrementOperation i => (i.Target, null, i.Kind == OperationKind.Increment ? "++" : "--"),
            _ => (null, null, ""),
        };
        if (target is not IFieldReferenceOperation { Field: { IsStatic: true, IsConst: false, IsReadOnly: false } field } || !IsStateType(field.Type)) return false;
        if (value is not null && _expressions.IsVaried(value))
        {
            _context.Report(DiagnosticFactory.Create(DiagnosticDescriptors.SideEffect, operation.Syntax, "'" + Describe.Snippet(operation.Syntax) + "'",
                "the static field '" + field.Name + "' a value that carries a gradient, which a later call would read as a constant (its derivative lost): "
                + "write only values without gradient (a counter, a flag) into a static field; keep this one in a local, pass the previous value in as a [NoDiff] parameter and let the caller store the new one"));
            return true;
        }
        var renderer = new ConstantRenderer(_context);
        string? left = renderer.Render(target);
        string? right = value is null ? "" : renderer.Render(value);
        if (left is null || right is null) return true; // the renderer reported why
        _context.AddEffect(GateKind.Guard, left + op + right, renderer.Dependencies);
        // Anything that would run the forward sweep again would run the write again and read other values.
        _context.StatefulCall ??= operation.Syntax;
        _context.HasOpaqueCalls = true;
        return true;
    }

    /// <summary>A type whose value is copied whole by an assignment and holds no real a gradient could ride on unseen: numbers, bool, char, enums.</summary>
    private static bool IsStateType(ITypeSymbol type) =>
        type.TypeKind == TypeKind.Enum || type.SpecialType is SpecialType.System_Boolean or SpecialType.System_Char
            or SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16
            or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64
            or SpecialType.System_Single or SpecialType.System_Double;
}
