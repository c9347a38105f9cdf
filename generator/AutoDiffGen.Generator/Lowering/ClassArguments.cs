using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A method's <c>[WithRespectTo]</c> class parameter passed to a call, judged before lowering (<see cref="ValueClassUses"/>):
/// passed on to a <c>[Differentiable]</c> callee's <c>[WithRespectTo]</c> parameter it keeps its gradient (the callee's
/// Backward adds into the caller's <c>dP</c>); passed to anything else the gradient of its members through the call would
/// be lost, so that is ADG0003 at the call, saying which attribute is missing.
/// </summary>
internal static class ClassArguments
{
    /// <summary>Null when <paramref name="argument"/> passes <paramref name="own"/> on with its gradient; else the error at the call.</summary>
    public static DiagnosticInfo? Judge(IArgumentOperation argument, IParameterSymbol own)
    {
        var at = argument.Parent is IInvocationOperation or IObjectCreationOperation ? argument.Parent : argument;
        if (argument.Parameter is not { } target || target.ContainingSymbol is not IMethodSymbol callee)
        {
            return Refusal(at, "'" + own.Name + "' passed where no parameter takes it", "read the members the call needs (" + own.Name + ".W) and pass those");
        }
        string name = callee.MethodKind == MethodKind.Constructor ? "new " + callee.ContainingType.Name : callee.Name;
        string where = "'" + own.Name + "' passed to the parameter '" + target.Name + "' of '" + name + "'";
        // Passed on: the callee's Backward adds into the caller's dP (ExpressionLowering.ObjectArgumentNode). Assigning the
        // parameter a new object is refused where it is written (ValueClassUses), so it is the object the method received.
        if (ClassParameters.IsClassInput(target) && DerivativeResolver.IsDifferentiable(callee.OriginalDefinition)) return null;
        if (ClassParameters.IsOptedIn(target) && ClassParameters.IsClassInput(target))
        {
            return Refusal(at, where + ", a method that is not [Differentiable] (it has no Backward to add the object's gradient)", "mark '" + name + "' [Differentiable]");
        }
        if (DerivativeResolver.IsDifferentiable(callee.OriginalDefinition) && SymbolEqualityComparer.Default.Equals(target.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated), own.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated)))
        {
            return Refusal(at, where + ", which is not [WithRespectTo]" + (ValueKinds.IsNoDiff(target) ? " but [NoDiff]" : "") + " (its Backward returns no gradient for the object's members, so the gradient through the call would be lost)",
                "mark that parameter of '" + name + "' [WithRespectTo] too: its Backward then takes 'ref " + own.Type.Name + " " + NameAllocator.AdjointBase(target.Name) + "' and this method passes its own on");
        }
        return Refusal(at, where + " (the callee could keep or compare the reference, and its result's gradient with respect to the object's members is not known)",
            "pass the reals it needs (" + own.Name + ".W) as double arguments, or make the callee [Differentiable] with a [WithRespectTo] parameter of the class");
    }

    private static DiagnosticInfo Refusal(IOperation at, string what, string fix) =>
        DiagnosticFactory.Create(DiagnosticDescriptors.UnsupportedExpression, at.Syntax, "The [WithRespectTo] parameter " + what, fix);
}
