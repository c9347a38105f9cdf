using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A lambda passed to a call that carries no gradient, as in <c>c * Bisection.FindRoot(x =&gt; x * x - 2.0, 0, 10)</c> or
/// <c>a * SimpsonRule.IntegrateThreePoint(x =&gt; x * x, 0, 1)</c>: when the lambda reads nothing of the method (no local,
/// parameter or <c>this</c>; only its own parameters, constants and static members) the call is a constant, and the
/// lambda is written again with its parameters renamed to fresh names (no shadowing, which C# 7.3 refuses). Only an
/// expression lambda is written. One that reads the method's variables stays unsupported: if they carry a gradient,
/// the call has no derivative (ADG0004 where the call's value varies).
/// </summary>
internal sealed partial class ConstantRenderer
{
    private readonly Dictionary<IParameterSymbol, string> _lambdaParameters = new(SymbolEqualityComparer.Default);

    private string? LambdaParameter(IParameterSymbol parameter) =>
        _lambdaParameters.Count > 0 && _lambdaParameters.TryGetValue(parameter, out var name) ? name : null;

    private string? RenderLambda(IAnonymousFunctionOperation lambda, IOperation op)
    {
        if (_effect) return MessageLambda(lambda, op);
        if (lambda.Body.Operations.Length != 1 || lambda.Body.Operations[0] is not IReturnOperation { ReturnedValue: { } value }
            || lambda.Symbol.Parameters.Any(p => p.RefKind != RefKind.None) || ReadsTheMethod(lambda))
        {
            return Unsupported(op, null);
        }
        var names = new List<string>();
        foreach (var p in lambda.Symbol.Parameters)
        {
            string name = _context.Names.Fresh(p.Name);
            _lambdaParameters[p] = name;
            names.Add(name);
        }
        string? body = RenderPart(value);
        foreach (var p in lambda.Symbol.Parameters) _lambdaParameters.Remove(p);
        return body is null ? null : "(" + string.Join(", ", names) + ") => " + body;
    }

    /// <summary>
    /// A message lambda passed to a validation helper in a guard (QLNet's <c>Utils.QL_REQUIRE(stdDev &gt;= 0.0, () =&gt;
    /// "stdDev (" + stdDev + ") must be non-negative")</c>): the helper calls it only to build what it throws
    /// (<see cref="PureHelpers"/>), at once, so it may read the method's current values like a thrown message does. Only an
    /// expression lambda without parameters, returning a string, that assigns or declares nothing and makes no lambda of
    /// its own: written again with the current names of what it reads.
    /// </summary>
    private string? MessageLambda(IAnonymousFunctionOperation lambda, IOperation op)
    {
        if (lambda.Symbol.Parameters.Length != 0 || lambda.Symbol.ReturnType.SpecialType != SpecialType.System_String
            || lambda.Body.Operations.Length != 1 || lambda.Body.Operations[0] is not IReturnOperation { ReturnedValue: { } value }
            || value.DescendantsAndSelf().Any(d => d is IAnonymousFunctionOperation or IVariableDeclaratorOperation or IAssignmentOperation or IIncrementOrDecrementOperation))
        {
            return Unsupported(op, null);
        }
        string? body = RenderPart(value);
        return body is null ? null : "() => " + body;
    }

    /// <summary>True when the lambda reads a local, a parameter or the instance of the method around it, or declares anything.</summary>
    private static bool ReadsTheMethod(IAnonymousFunctionOperation lambda)
    {
        foreach (var op in lambda.Body.Descendants())
        {
            switch (op)
            {
                case IParameterReferenceOperation p when !SymbolEqualityComparer.Default.Equals(p.Parameter.ContainingSymbol, lambda.Symbol):
                case ILocalReferenceOperation or IInstanceReferenceOperation or IAnonymousFunctionOperation or IVariableDeclaratorOperation:
                case IAssignmentOperation or IIncrementOrDecrementOperation:
                    return true;
            }
        }
        return false;
    }
}
