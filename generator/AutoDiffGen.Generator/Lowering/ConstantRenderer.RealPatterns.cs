using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// ConstantRenderer: a type or declaration pattern on a value that carries a gradient (issue 13, idioms11). Where the test
/// is decided by the static type alone (<c>x is double d</c>, <c>x is var v</c>, <c>case double v:</c> with
/// <c>double x</c>) it is <c>true</c> and the variable is the tested value itself, gradient and all. A test the static type
/// does not decide (a nullable, an object, a sequence tested for <c>double[]</c>) would choose between paths by something
/// the gradient cannot see, so it stays ADG0003 at the pattern.
/// </summary>
internal sealed partial class ConstantRenderer
{
    /// <summary>True when <paramref name="declaration"/> matches every value of <paramref name="tested"/>'s static type.</summary>
    private bool AlwaysMatches(IOperation tested, IDeclarationPatternOperation declaration)
    {
        if (!TypePatterns.MatchesEveryValue(declaration)) return false;
        // 'case var v' on a differentiated switch selector: the selector's lowered node, of whatever type it carries.
        if (_activePatternValue >= 0) return true;
        return tested.Type is { SpecialType: SpecialType.System_Double or SpecialType.System_Single };
    }

    /// <summary>
    /// The node a differentiated local or parameter holds now, which the pattern's variable aliases; -1 for anything else
    /// (an element, arithmetic: not stored, so the caller asks for a local first).
    /// </summary>
    private int VariableNode(IOperation tested) => tested switch
    {
        ILocalReferenceOperation local => _context.Current(local.Local),
        IParameterReferenceOperation parameter when LambdaParameter(parameter.Parameter) is null => _context.Current(parameter.Parameter),
        _ => -1,
    };

    /// <summary>
    /// <c>a is double[] arr</c> on a <c>double[]</c> local or parameter that carries a gradient (idioms13a): the test is
    /// true (the array is never null there), and <c>arr</c> a second name of <c>a</c> (<see cref="ArrayAliases"/>: neither is pointed elsewhere),
    /// so its reads and stores are the array's, gradient and all. Anything else is refused at the pattern.
    /// </summary>
    private string? SameArray(IOperation tested, IDeclarationPatternOperation declaration)
    {
        var variable = tested switch
        {
            ILocalReferenceOperation { Local.IsRef: false } l => (ISymbol)l.Local,
            IParameterReferenceOperation { Parameter.RefKind: RefKind.None } p => p.Parameter,
            _ => null,
        };
        // The generated method throws ArgumentNullException for a null array parameter declared non-nullable (and a local
        // array is made by new): the test is true. One that may be null would need a null test the generated code's
        // nullable analysis could not follow into the branch.
        if (variable is not null && ArrayAliases.Resolve(variable, declaration) is IParameterSymbol { NullableAnnotation: not NullableAnnotation.NotAnnotated } nullable)
        {
            return Rejected(declaration, "A type test of the array parameter '" + nullable.Name + "', which carries a gradient and may be null (declared 'double[]?' or without nullable annotations)",
                "declare it non-nullable (double[] " + nullable.Name + "), so the test is always true, and use the array itself");
        }
        if (declaration.DeclaredSymbol is not ILocalSymbol named) return "true";
        if (variable is null || _context.Current(variable) < 0 || !SymbolEqualityComparer.Default.Equals(ArrayAliases.TargetOf(named, declaration), ArrayAliases.Resolve(variable, declaration)))
        {
            return Rejected(declaration, "A declaration pattern naming the array '" + Describe.Snippet(tested.Syntax) + "', which carries a gradient, again ('" + Describe.Snippet(declaration.Syntax)
                + "'), where either name is pointed at another array, passed by ref or captured", "use the array itself where the pattern's variable is read");
        }
        _context.Alias(named, ArrayAliases.Resolve(variable, declaration));
        return "true";
    }
}
