using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.Generator.GenericMath;

/// <summary>
/// The generated code of a generic-math method's double reading, written back over its type parameter T, with the
/// meaning of each piece of double code taken from the compiler:
/// <list type="bullet">
/// <item><c>double</c> → <c>T</c> (types, <c>Tape&lt;double&gt;</c>, <c>double.NaN</c>, <c>double.Hypot</c>);</item>
/// <item>a double literal → <c>T.Zero</c>, <c>T.One</c> or <c>T.CreateTruncating(literal)</c> (exact for double; for float
/// the literal rounded once, as <c>T.CreateChecked(literal)</c> in the user's code rounds it);</item>
/// <item>an implicit conversion of another number to double (an <c>int</c> counter) and a cast to double →
/// <c>T.CreateTruncating(e)</c>; a cast from double to another number <c>(int)x</c> → <c>int.CreateTruncating(x)</c>;</item>
/// <item><c>Math.F(…)</c> on doubles → <c>T.F(…)</c> (<c>Math.PI</c> → <c>T.Pi</c>, <c>IEEERemainder</c> → <c>Ieee754Remainder</c>);</item>
/// <item>each generated method gets the type parameter and the user's constraints; a <c>dResult = 1</c> default, which T
/// cannot have, becomes an overload without <c>dResult</c> that seeds <c>T.One</c>.</item>
/// </list>
/// What T's constraints do not give (<c>T.Cos</c> under <c>IRootFunctions&lt;T&gt;</c> only) is found by compiling the result
/// (<see cref="GenericAnalysis"/>), never emitted.
/// </summary>
internal sealed class GenericText : CSharpSyntaxRewriter
{
    private readonly SemanticModel _model;
    private readonly string _t;
    private readonly TypeParameterListSyntax _parameters;
    private readonly SyntaxList<TypeParameterConstraintClauseSyntax> _constraints;
    private readonly CancellationToken _token;

    private GenericText(SemanticModel model, string t, TypeParameterListSyntax parameters, SyntaxList<TypeParameterConstraintClauseSyntax> constraints, CancellationToken token)
    {
        _model = model;
        _t = t;
        _parameters = parameters;
        _constraints = constraints;
        _token = token;
    }

    private static readonly Dictionary<string, string> Renamed = new()
    {
        ["PI"] = "Pi",
        ["IEEERemainder"] = "Ieee754Remainder",
    };

    /// <summary>
    /// <paramref name="doubleText"/> (the generated file of the double reading) over <paramref name="t"/>, whose constraint
    /// clauses are <paramref name="constraints"/> (fully qualified C#). <paramref name="compilation"/> is the double reading's.
    /// </summary>
    public static string Rewrite(string doubleText, Compilation compilation, string t, IReadOnlyList<string> constraints, CancellationToken token)
    {
        var options = compilation.SyntaxTrees.First().Options;
        doubleText = SafeFormCalls.Expand(doubleText, (CSharpParseOptions)options, token);
        var tree = CSharpSyntaxTree.ParseText(doubleText, (CSharpParseOptions)options, cancellationToken: token);
        var model = compilation.AddSyntaxTrees(tree).GetSemanticModel(tree);
        var parameters = SyntaxFactory.TypeParameterList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.TypeParameter(t)));
        var clauses = SyntaxFactory.List(constraints.Select(c => (TypeParameterConstraintClauseSyntax)SyntaxFactory.ParseMemberDeclaration("void M<" + t + ">() " + c + " {}")!
            .DescendantNodes().OfType<TypeParameterConstraintClauseSyntax>().First().WithLeadingTrivia(SyntaxFactory.Space)));
        var root = new GenericText(model, t, parameters, clauses, token).Visit(tree.GetRoot(token));
        return SeedOverloads.Add(root!, t).ToFullString();
    }

    private bool IsDouble(ITypeSymbol? type) => type?.SpecialType == SpecialType.System_Double;

    private static bool IsNumber(ITypeSymbol? type) => type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Single
        or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_UInt32 or SpecialType.System_UInt64 or SpecialType.System_Byte or SpecialType.System_SByte
        or SpecialType.System_Decimal;

    private ExpressionSyntax Create(string type, ExpressionSyntax value) =>
        SyntaxFactory.ParseExpression(type + ".CreateTruncating(" + value.WithoutTrivia().ToFullString() + ")");

    public override SyntaxNode? VisitPredefinedType(PredefinedTypeSyntax node) =>
        node.Keyword.IsKind(SyntaxKind.DoubleKeyword) ? SyntaxFactory.IdentifierName(_t).WithTriviaFrom(node) : base.VisitPredefinedType(node);

    public override SyntaxNode? Visit(SyntaxNode? node)
    {
        if (node is not ExpressionSyntax expression || node is TypeSyntax and not IdentifierNameSyntax) return base.Visit(node);
        if (IsRuntimeHelperCall(node)) return node;
        // An int (or float) where a double is expected: T has no implicit conversion from it.
        var info = _model.GetTypeInfo(expression, _token);
        bool widened = IsDouble(info.ConvertedType) && info.Type is { } from && !IsDouble(from) && IsNumber(from) && node is not LiteralExpressionSyntax;
        var rewritten = base.Visit(node);
        if (rewritten is ExpressionSyntax r && widened) return Create(_t, r).WithTriviaFrom(node);
        return rewritten;
    }

    /// <summary>
    /// A call into the runtime's generated-code helpers (<c>AutoDiffGen.Internals</c>) without written type arguments:
    /// its doubles are the helper's own (tape counts, computed in double so they cannot overflow), not the method's
    /// arithmetic. Calls with type arguments (<c>Tape&lt;double&gt;()</c>) are rewritten like any other text.
    /// </summary>
    private bool IsRuntimeHelperCall(SyntaxNode node) =>
        node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: not GenericNameSyntax } }
        && _model.GetSymbolInfo(node, _token).Symbol is IMethodSymbol
        {
            ContainingType.ContainingNamespace: { Name: "Internals", ContainingNamespace: { Name: "AutoDiffGen", ContainingNamespace.IsGlobalNamespace: true } },
        };

    public override SyntaxNode? VisitLiteralExpression(LiteralExpressionSyntax node)
    {
        if (!node.IsKind(SyntaxKind.NumericLiteralExpression)) return base.VisitLiteralExpression(node);
        var info = _model.GetTypeInfo(node, _token);
        if (!IsDouble(info.Type) && !IsDouble(info.ConvertedType)) return node;
        var value = _model.GetConstantValue(node, _token);
        string text = value.HasValue && value.Value is double d ? (d == 0 ? "Z" : d == 1 ? "O" : "") : "";
        // The literal as a double literal, so T.CreateTruncating reads the value the double code meant.
        var literal = IsDouble(info.Type) ? node : SyntaxFactory.ParseExpression(node.Token.ValueText + ".0");
        var result = text == "Z" ? SyntaxFactory.ParseExpression(_t + ".Zero")
            : text == "O" ? SyntaxFactory.ParseExpression(_t + ".One")
            : Create(_t, literal);
        return result.WithTriviaFrom(node);
    }

    public override SyntaxNode? VisitCastExpression(CastExpressionSyntax node)
    {
        var to = _model.GetTypeInfo(node.Type, _token).Type;
        var from = _model.GetTypeInfo(node.Expression, _token).Type;
        var operand = (ExpressionSyntax)Visit(node.Expression)!;
        if (IsDouble(to) && from is not null && !IsDouble(from) && IsNumber(from)) return Create(_t, operand).WithTriviaFrom(node);
        if (IsDouble(from) && to is not null && !IsDouble(to) && IsNumber(to)) return Create(to.ToDisplayString(), operand).WithTriviaFrom(node);
        return node.Update(node.OpenParenToken, (TypeSyntax)Visit(node.Type)!, node.CloseParenToken, operand);
    }

    public override SyntaxNode? VisitMemberAccessExpression(MemberAccessExpressionSyntax node)
    {
        var symbol = _model.GetSymbolInfo(node, _token).Symbol;
        if (symbol?.ContainingType is { } type && type.ContainingNamespace?.ToDisplayString() == "System" && type.Name is "Math" or "MathF"
            && symbol is IMethodSymbol { Parameters: var ps } && ps.Any(p => IsDouble(p.Type))
            || symbol is IFieldSymbol { ContainingType: { Name: "Math", ContainingNamespace.Name: "System" } } field && IsDouble(field.Type))
        {
            string name = Renamed.TryGetValue(symbol!.Name, out var renamed) ? renamed : symbol.Name;
            return SyntaxFactory.ParseExpression(_t + "." + name).WithTriviaFrom(node);
        }
        return base.VisitMemberAccessExpression(node);
    }

    public override SyntaxNode? VisitMethodDeclaration(MethodDeclarationSyntax node)
    {
        var method = (MethodDeclarationSyntax)base.VisitMethodDeclaration(node)!;
        if (node.Parent is not TypeDeclarationSyntax) return method;
        var close = method.ParameterList.CloseParenToken;
        var clauses = _constraints.Count == 0 ? _constraints
            : _constraints.Replace(_constraints.Last(), _constraints.Last().WithTrailingTrivia(close.TrailingTrivia));
        return method.WithTypeParameterList(_parameters)
            .WithParameterList(_constraints.Count == 0 ? method.ParameterList : method.ParameterList.WithCloseParenToken(close.WithTrailingTrivia()))
            .WithConstraintClauses(clauses);
    }
}
