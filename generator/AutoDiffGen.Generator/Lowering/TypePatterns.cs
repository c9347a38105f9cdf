using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Type and declaration patterns the static type decides (issue 13, idioms11): <c>x is double d</c>, <c>case double v:</c>,
/// <c>double v =></c> on a <c>double</c> match every value, as <c>var v</c> and <c>_</c> do, so such a pattern on a value that
/// carries a gradient names that value rather than testing anything.
/// </summary>
internal static class TypePatterns
{
    /// <summary>True for <c>_</c>, <c>var v</c>, and a type or declaration pattern of its input's own non-nullable value type.</summary>
    public static bool MatchesEveryValue(IPatternOperation pattern) => pattern switch
    {
        IDiscardPatternOperation => true,
        IDeclarationPatternOperation { MatchesNull: true } => true,
        IDeclarationPatternOperation declaration => OwnValueType(declaration.MatchedType, pattern.InputType),
        ITypePatternOperation type => OwnValueType(type.MatchedType, pattern.InputType),
        _ => false,
    };

    /// <summary>The value a pattern tests: an <c>is</c>'s operand, a switch statement's or expression's selector; null elsewhere.</summary>
    public static IOperation? Tested(IPatternOperation pattern) => Root(pattern, throughMembers: false);

    /// <summary>
    /// As <see cref="Tested"/>, also for a pattern inside a property pattern (<c>v is { Y: var y }</c>): the value the
    /// outermost pattern tests, whose member the variable names (ConstantRenderer.PropertyPatterns).
    /// </summary>
    public static IOperation? TestedThroughMembers(IPatternOperation pattern) => Root(pattern, throughMembers: true);

    private static IOperation? Root(IPatternOperation pattern, bool throughMembers)
    {
        IOperation? up = pattern.Parent;
        while (up is IPatternOperation || throughMembers && up is IPropertySubpatternOperation) up = up.Parent;
        return up switch
        {
            IIsPatternOperation test => test.Value,
            IPatternCaseClauseOperation { Parent: ISwitchCaseOperation { Parent: ISwitchOperation @switch } } => @switch.Value,
            ISwitchExpressionArmOperation { Parent: ISwitchExpressionOperation @switch } => @switch.Value,
            _ => null,
        };
    }

    /// <summary>
    /// The declaration pattern that declares <paramref name="local"/>, found from a read of it (<paramref name="reference"/>)
    /// by looking in ever larger enclosing operations; null when the local is not a pattern variable.
    /// </summary>
    public static IDeclarationPatternOperation? Declaring(ILocalSymbol local, IOperation reference)
    {
        if (!IsPatternVariable(local)) return null;
        for (var up = reference.Parent; up is not null; up = up.Parent)
        {
            var found = up.Descendants().OfType<IDeclarationPatternOperation>().FirstOrDefault(d => SymbolEqualityComparer.Default.Equals(d.DeclaredSymbol, local));
            if (found is not null) return found;
        }
        return null;
    }

    private static bool OwnValueType(ITypeSymbol? matched, ITypeSymbol? input) =>
        matched is { IsValueType: true } && input is not null && SymbolEqualityComparer.Default.Equals(matched, input)
        && input.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T;

    /// <summary>
    /// <c>a is double[] arr</c> on a value whose static type is that 1-D real array type (idioms13a, Math.NET's dispatch
    /// written over an array): the test is a null test and the variable a second name of the same array.
    /// </summary>
    public static bool NamesSameArray(IDeclarationPatternOperation declaration) =>
        declaration is { MatchesNull: false, MatchedType: IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Double or SpecialType.System_Single } matched }
        && SymbolEqualityComparer.Default.Equals(matched, declaration.InputType);

    /// <summary>
    /// A type or declaration pattern of a reference type (<c>data is double[] arr</c>) on a list or sequence of reals
    /// (<c>IEnumerable&lt;double&gt;</c>, <c>IList&lt;double&gt;</c>, …): the sequence's run-time type would choose the path.
    /// </summary>
    public static IPatternOperation? RuntimeTypeTest(IPatternOperation pattern, ITypeSymbol? tested) =>
        tested is not null && Derivatives.ValueKinds.IsRealList(tested)
            ? pattern.DescendantsAndSelf().FirstOrDefault(p => p is IDeclarationPatternOperation { MatchedType.IsReferenceType: true } or ITypePatternOperation { MatchedType.IsReferenceType: true }) as IPatternOperation
            : null;

    /// <summary>True when <paramref name="local"/> is declared by a declaration or var pattern (<c>x is double d</c>, <c>is var v</c>).</summary>
    public static bool IsPatternVariable(ILocalSymbol local) =>
        local.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.SingleVariableDesignationSyntax { Parent: Microsoft.CodeAnalysis.CSharp.Syntax.DeclarationPatternSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.VarPatternSyntax });
}
