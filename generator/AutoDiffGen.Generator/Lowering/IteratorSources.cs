using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A sequence an iterator produces (issue 13, idioms18b): a call to a method or local function of this compilation whose
/// body has <c>yield return</c>, or a local <c>IEnumerable&lt;T&gt;</c> the method sets. Its elements are computed later,
/// one per MoveNext, by a state machine the generator does not follow, so a gradient through them would be lost: where
/// such a sequence carries a gradient into a <c>foreach</c> or LINQ the refusal (ADG0003 at the sequence) says to produce
/// an array or fill a span instead, which the generator differentiates.
/// </summary>
internal static class IteratorSources
{
    /// <summary>What <paramref name="collection"/> is, for the message, when it is an iterator's sequence; null otherwise.</summary>
    public static string? What(IOperation collection)
    {
        var op = collection;
        while (op is IConversionOperation conversion) op = conversion.Operand;
        if (op is IInvocationOperation { TargetMethod: var method } && IsIterator(method))
        {
            return "The sequence of the iterator '" + method.Name + "' (it yields its values one at a time, later, in a state machine whose derivative is not followed)";
        }
        if (op is ILocalReferenceOperation { Local.Type: INamedTypeSymbol { Name: "IEnumerable" } })
        {
            return "A local IEnumerable ('" + Describe.Snippet(op.Syntax) + "'), whose values are computed later, one at a time, where it is enumerated";
        }
        return null;
    }

    /// <summary>What to write instead: an array (or a span) the method fills, which the generator reads by index.</summary>
    public static string Hint(IOperation collection)
    {
        string element = ElementName(collection.Type);
        // var q = xs.Where(…); foreach (var v in q): a LINQ query kept in a local, read other than QueryLocals follows.
        if (LinqQueryLocal(collection) is { } query)
        {
            return "make it an array where it is made (var " + query + " = ….ToArray(); a Where or Select chain's ToArray() is differentiated) and read that, or read the query only by LINQ ("
                + query + ".Sum(), " + query + ".Count()) or pass it to a [Differentiable] method's IEnumerable<" + element + "> parameter";
        }
        return "produce the values in an array instead: make the helper return a " + element + "[] (fill a new " + element + "[n] and return it) or write into a Span<"
            + element + "> it is given, then read that array or span here (foreach, a for loop or LINQ over it)";
    }

    /// <summary>The name of a local declared with a LINQ call (<c>var q = xs.Where(…);</c>), or null.</summary>
    private static string? LinqQueryLocal(IOperation collection)
    {
        var op = collection;
        while (op is IConversionOperation conversion) op = conversion.Operand;
        return op is ILocalReferenceOperation { Local: var local }
            && local.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).Any(s => s is VariableDeclaratorSyntax { Initializer.Value: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Where" or "Select" or "Zip" or "OrderBy" or "OrderByDescending" or "Take" or "Skip" } } })
            ? local.Name : null;
    }

    /// <summary>A method or local function of this compilation whose body yields.</summary>
    public static bool IsIterator(IMethodSymbol method) =>
        method.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).Any(s => Body(s) is { } body
            && body.DescendantNodes(n => n is not (LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax)).OfType<YieldStatementSyntax>().Any());

    private static SyntaxNode? Body(SyntaxNode declaration) => declaration switch
    {
        MethodDeclarationSyntax m => m.Body,
        LocalFunctionStatementSyntax f => f.Body,
        AccessorDeclarationSyntax a => a.Body,
        _ => null,
    };

    private static string ElementName(ITypeSymbol? type)
    {
        var sequence = type is INamedTypeSymbol { Name: "IEnumerable", TypeArguments.Length: 1 } named ? named
            : type?.AllInterfaces.FirstOrDefault(i => i.Name == "IEnumerable" && i.TypeArguments.Length == 1);
        return sequence?.TypeArguments[0].SpecialType == SpecialType.System_Single ? "float" : "double";
    }
}
