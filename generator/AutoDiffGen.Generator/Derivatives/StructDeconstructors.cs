using System.Linq;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Derivatives;

/// <summary>
/// The <c>Deconstruct</c> of a struct of reals (or a carried record class) that <c>var (s, c) = line;</c> calls, read as
/// member copies: a positional record's synthesized one (each <c>out</c> parameter takes the property of its name), or
/// one written as plain assignments of members (<c>x = X; y = this.Y;</c>, <c>=&gt; (x, y) = (X, Y);</c>). Anything else
/// (code of its own, an extension method) is not read: the deconstruction stays refused.
/// </summary>
internal static class StructDeconstructors
{
    /// <summary>The instance <c>Deconstruct</c> with <paramref name="count"/> <c>out</c> parameters a deconstruction calls, or null.</summary>
    public static IMethodSymbol? Find(ITypeSymbol? type, int count)
    {
        var found = type?.GetMembers("Deconstruct").OfType<IMethodSymbol>()
            .Where(m => !m.IsStatic && m.ReturnsVoid && m.Parameters.Length == count && m.Parameters.All(p => p.RefKind == RefKind.Out)).ToList();
        return found is { Count: 1 } ? found[0] : null;
    }

    /// <summary>For each <c>out</c> parameter of <paramref name="deconstruct"/>, the member (field or auto-property) it takes; null when its body does anything else.</summary>
    public static ISymbol[]? Members(IMethodSymbol deconstruct)
    {
        var type = deconstruct.ContainingType;
        var syntax = deconstruct.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).ToList();
        if (syntax.Count == 0) return null;
        if (syntax.All(s => s is RecordDeclarationSyntax))
        {
            // The compiler's positional Deconstruct: out parameter p takes this.P, the property of its name.
            return Map(deconstruct, p => p.Name);
        }
        if (syntax.Count != 1 || syntax[0] is not MethodDeclarationSyntax method) return null;
        BodyReads.Note(method.SyntaxTree);
        var assigned = new string?[deconstruct.Parameters.Length];
        foreach (var (left, right) in Assignments(method))
        {
            int index = IndexOf(deconstruct, left);
            string? member = MemberName(right);
            if (index < 0 || member is null || assigned[index] is not null || IndexOf(deconstruct, member) >= 0) return null;
            assigned[index] = member;
        }
        return assigned.All(a => a is not null) ? Map(deconstruct, p => assigned[p.Ordinal]!) : null;
    }

    private static ISymbol[]? Map(IMethodSymbol deconstruct, System.Func<IParameterSymbol, string> memberOf)
    {
        var map = new ISymbol[deconstruct.Parameters.Length];
        foreach (var parameter in deconstruct.Parameters)
        {
            var member = deconstruct.ContainingType.GetMembers(memberOf(parameter)).FirstOrDefault(RealStructs.IsComponentMember);
            if (member is null || !SymbolEqualityComparer.Default.Equals(ClassComponents.TypeOf(member), parameter.Type)) return null;
            map[parameter.Ordinal] = member;
        }
        return map;
    }

    /// <summary>The (out parameter, member) pairs of a body of plain assignments; an empty list for any other statement.</summary>
    private static System.Collections.Generic.List<(ExpressionSyntax Left, ExpressionSyntax Right)> Assignments(MethodDeclarationSyntax method)
    {
        var pairs = new System.Collections.Generic.List<(ExpressionSyntax, ExpressionSyntax)>();
        var expressions = method.ExpressionBody is { } arrow ? new[] { arrow.Expression }
            : method.Body?.Statements.Select(s => (s as ExpressionStatementSyntax)?.Expression).ToArray() ?? System.Array.Empty<ExpressionSyntax?>();
        foreach (var expression in expressions)
        {
            if (expression is not AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment) return new();
            if (assignment.Left is TupleExpressionSyntax lefts && assignment.Right is TupleExpressionSyntax rights && lefts.Arguments.Count == rights.Arguments.Count)
            {
                // => (x, y) = (X, Y);
                for (int i = 0; i < lefts.Arguments.Count; i++) pairs.Add((lefts.Arguments[i].Expression, rights.Arguments[i].Expression));
            }
            else
            {
                pairs.Add((assignment.Left, assignment.Right));
            }
        }
        return pairs;
    }

    private static int IndexOf(IMethodSymbol deconstruct, ExpressionSyntax left) =>
        left is IdentifierNameSyntax id ? IndexOf(deconstruct, id.Identifier.ValueText) : -1;

    private static int IndexOf(IMethodSymbol deconstruct, string name)
    {
        foreach (var parameter in deconstruct.Parameters) if (parameter.Name == name) return parameter.Ordinal;
        return -1;
    }

    /// <summary><c>X</c> or <c>this.X</c>: the name of the member read (checked against the type's members by <see cref="Map"/>).</summary>
    private static string? MemberName(ExpressionSyntax right) => right switch
    {
        IdentifierNameSyntax id => id.Identifier.ValueText,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax id } => id.Identifier.ValueText,
        _ => null,
    };

    /// <summary>The tuple a deconstruction's targets stand in (<c>var (a, b) = …</c> or <c>(a, b) = …</c>), or null.</summary>
    public static ITupleOperation? TopTargets(IDeconstructionAssignmentOperation deconstruction) =>
        deconstruction.Target is IDeclarationExpressionOperation { Expression: ITupleOperation declared } ? declared : deconstruction.Target as ITupleOperation;
}
