using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A thrown exception as an effect of the forward sweep (<see cref="GateKind.Throw"/>): written in place and not
/// differentiated, so Backward throws exactly when the method does, before it writes any adjoint. Shared by
/// <c>throw</c> statements, throwing switch arms and throw expressions beside a value (<c>c ? a : throw …</c>,
/// <c>w ?? throw …</c>).
/// </summary>
internal static class ThrowEffects
{
    /// <summary>The throw expression <paramref name="op"/> is, under the compiler's conversion to the expression's type.</summary>
    public static IThrowOperation? Of(IOperation? op) =>
        (op is IConversionOperation { IsImplicit: true } conversion ? conversion.Operand : op) as IThrowOperation;

    /// <summary><c>c ? a : throw …</c>, <c>c ? throw … : a</c> or <c>w ?? throw …</c>: a value on one path, a throw on the other.</summary>
    public static bool IsBeside(IOperation op) =>
        op is IConditionalOperation { WhenFalse: { } whenFalse } conditional && (Of(conditional.WhenTrue) is not null || Of(whenFalse) is not null)
        || op is ICoalesceOperation coalesce && Of(coalesce.WhenNull) is not null;

    /// <summary>Adds <c>throw e</c> to the current block; false after reporting (a rethrow, or an exception it cannot write).</summary>
    public static bool Add(LoweringContext context, IThrowOperation thrown)
    {
        if (thrown.Exception is not { } exception)
        {
            context.ReportUnsupportedExpression(thrown, "A rethrow ('throw;')", "move error handling out of the differentiable method");
            return false;
        }
        // throw reads an Exception: the conversion to it is the compiler's, not the user's.
        if (exception is IConversionOperation { IsImplicit: true } toException) exception = toException.Operand;
        var renderer = new ConstantRenderer(context);
        string? text = renderer.RenderEffect(exception);
        if (text is null) return false;
        context.AddEffect(GateKind.Throw, "throw " + text, renderer.Dependencies);
        return true;
    }
}
