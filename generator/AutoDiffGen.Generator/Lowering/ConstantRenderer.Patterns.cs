using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// <c>e is pattern</c> where a condition is written as text (<c>counts[i] is > 0</c>, <c>x is >= 0 and &lt; 1</c>,
/// <c>k is 1 or 2</c>, <c>o is not null</c>): the test is a comparison, so its gradient is zero, as an <c>if</c> on
/// <c>x &gt; 0</c> is. It is written with the operators C# 7.3 has (the generated code reads in every language
/// version): the value once per simple test it takes part in. Type and declaration patterns (<c>o is double d</c>)
/// are C# 7.3's <c>is T</c>, the declared variable bound as a constant of the generated code.
/// </summary>
internal sealed partial class ConstantRenderer
{
    private string? RenderIsPattern(IIsPatternOperation test)
    {
        if ((Tests(test.Pattern) > 1 || Declares(test.Pattern)) && !IsPlainRead(test.Value))
        {
            // Written out, the value would be evaluated once per test (and once more for a declared variable): fine for a
            // read, not for a call that may do anything. Its variables are not reported again where they are read (idioms12).
            RejectDeclared(test.Pattern);
            return Unsupported(test, "An 'is' pattern that tests a computed value more than once, or declares a variable of it",
                "store the value in a local first (var v = …; … v is > 0 and < 1)");
        }
        if (_context.IsActive(test.Value) && SequenceDispatch.Applies(test.Pattern, test.Value)) return SequenceTest(test);
        if (_context.IsActive(test.Value) && TypePatterns.RuntimeTypeTest(test.Pattern, test.Value.Type) is { } runtime)
        {
            // Math.NET's 'data is double[] array ? ArrayStatistics… : StreamingStatistics…' over a sequence with a gradient.
            RejectDeclared(test.Pattern);
            return Unsupported(runtime, "A type test of the sequence '" + Describe.Snippet(test.Value.Syntax) + "', which carries a gradient, for an array (its run-time type would choose the path the gradient takes)",
                "test it for the array of its own element type ('" + Describe.Snippet(test.Value.Syntax) + " is double[] array', supported on a list or sequence parameter), declare the parameter as the array (double[] data), or keep the sequence path only (foreach over it): its gradient is the same");
        }
        string? value = RenderPart(test.Value);
        if (value is null) return null;
        return PatternText(Wrap(test.Value, value), test.Value, test.Pattern);
    }

    /// <summary>
    /// The test of <paramref name="pattern"/> against <paramref name="value"/>, the text of <paramref name="tested"/> (a
    /// switch's selector local, or an atom), for a switch's case or arm; null after reporting. It may declare pattern
    /// variables (<c>case double d:</c>), bound as <see cref="PatternText"/> says. <paramref name="valueNode"/> is the node
    /// that declares <paramref name="value"/>: a bound variable reads it even where the test itself is <c>true</c>.
    /// <paramref name="activeNode"/>, when not -1, is the differentiated node of a selector that carries a gradient: a
    /// <c>var v</c> pattern names it.
    /// </summary>
    public string? RenderPattern(string value, IOperation tested, IPatternOperation pattern, int valueNode, int activeNode = -1)
    {
        Dependencies.Clear();
        Dependencies.Add(valueNode);
        _activePatternValue = activeNode;
        try
        {
            return PatternText(value, tested, pattern);
        }
        finally
        {
            _activePatternValue = -1;
        }
    }

    /// <summary>The differentiated node a <c>var v</c> pattern names while a switch's pattern is rendered, else -1.</summary>
    private int _activePatternValue = -1;

    private string? PatternText(string value, IOperation tested, IPatternOperation pattern)
    {
        switch (pattern)
        {
            case IConstantPatternOperation { Value: { ConstantValue: { HasValue: true, Value: null } } }:
                // 'is null' never calls a user-defined ==; a reference comparison does the same for any type.
                return "(" + value + " as object) == null";
            case IConstantPatternOperation constant:
                return RenderPart(constant.Value) is { } c ? value + " == " + Wrap(constant.Value, c) : null;
            case IRelationalPatternOperation relational when RelationalText(relational.OperatorKind) is { } op:
                return RenderPart(relational.Value) is { } bound ? value + " " + op + " " + Wrap(relational.Value, bound) : null;
            case IDiscardPatternOperation:
                return "true";
            case INegatedPatternOperation negated:
                return PatternText(value, tested, negated.Pattern) is { } n ? "!(" + n + ")" : null;
            case IBinaryPatternOperation binary:
                {
                    string? l = PatternText(value, tested, binary.LeftPattern), r = PatternText(value, tested, binary.RightPattern);
                    if (l is null || r is null) return null;
                    return "(" + l + ")" + (binary.OperatorKind == BinaryOperatorKind.And ? " && " : " || ") + "(" + r + ")";
                }
            case ITypePatternOperation type:
                return TypeTest(value, tested, type.MatchedType, type);
            case IDeclarationPatternOperation declaration:
                return Declaration(value, tested, declaration);
            case IRecursivePatternOperation recursive:
                return PropertyPattern(value, tested, recursive);
            case IListPatternOperation list:
                return ListPattern(value, tested, list);
            default:
                return Unsupported(pattern, "This pattern",
                    "test with ==, <, >, && and || (relational, type, declaration and property patterns such as 'is > 0 and < 1', 'o is double d', 'v is { X: > 0 }' are supported), or compute the value in a statement before the test");
        }
    }

    /// <summary><c>o is double</c>: C# 7.3's type test; null after reporting a type it cannot name.</summary>
    private string? TypeTest(string value, IOperation tested, ITypeSymbol type, IOperation at)
    {
        if (type is ITypeParameterSymbol || type.IsAnonymousType || type is IErrorTypeSymbol)
        {
            return Unsupported(at, "A type pattern on the type '" + type.ToDisplayString() + "'", "test a concrete type");
        }
        // A value of the type itself (not a nullable or a base): the test is a null test, as C# makes it.
        if (SymbolEqualityComparer.Default.Equals(type, tested.Type) && !type.IsReferenceType) return "true";
        return value + " is " + type.ToDisplayString(SymbolNames.TypeFormat);
    }

    /// <summary>
    /// <c>o is double d</c>, <c>w is var v</c>: the type test, and the variable bound before the test to the value as
    /// that type where it matches (<c>default</c> where it does not, which C# never lets the code read). On a value that
    /// carries a gradient the test must be statically true, and the variable then aliases the value
    /// (ConstantRenderer.RealPatterns): a copy under another name would be a constant of the generated code.
    /// </summary>
    private string? Declaration(string value, IOperation tested, IDeclarationPatternOperation declaration)
    {
        if (_context.IsActive(tested))
        {
            if (TypePatterns.NamesSameArray(declaration)) return SameArray(tested, declaration);
            if (!AlwaysMatches(tested, declaration))
            {
                return Rejected(declaration, "A declaration pattern on a value that carries a gradient whose type test is decided at run time ('"
                    + Describe.Snippet(declaration.Syntax) + "' on a " + (tested.Type?.ToDisplayString() ?? "value") + ")",
                    "test a double or float variable with 'is double d' or 'is var v', or use the value itself");
            }
            if (declaration.DeclaredSymbol is not ILocalSymbol named) return "true";
            // 'x is double d', 'x is var v', 'case double v:', 'case var v when v > 1:' on a differentiated double: the test
            // is statically true and v is that value, gradient and all (an alias: no copy, no constant).
            int node = _activePatternValue >= 0 ? _activePatternValue : VariableNode(tested);
            if (node < 0)
            {
                return Rejected(declaration, "A declaration pattern on a computed value that carries a gradient ('" + Describe.Snippet(tested.Syntax) + "')",
                    "store the value in a local first (var t = …; if (t is double d) …), or use the value itself");
            }
            _context.Assign(named, node);
            Dependencies.Add(node);
            return "true";
        }
        var type = declaration.MatchedType ?? tested.Type;
        if (type is null) return Rejected(declaration, "A declaration pattern whose type is not known", "test a concrete type");
        string? test = declaration.MatchesNull ? "true" : TypeTest(value, tested, type, declaration);
        if (test is null) return Rejected(declaration, null, null);
        if (declaration.DeclaredSymbol is ILocalSymbol local)
        {
            // A reference type's variable may be null where the test fails, which the generated code could not declare
            // in C# 7.3 and under nullable analysis alike.
            if (type.IsReferenceType && test != "true") return Rejected(declaration, "A declaration pattern of the reference type '" + type.ToDisplayString() + "'", "test with 'is " + type.ToDisplayString() + "' and cast the value where it is used");
            string typeName = type.ToDisplayString(SymbolNames.TypeFormat);
            string? bound = test == "true" ? value
                : tested.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } ? value + ".GetValueOrDefault()"
                : tested.Type is { IsReferenceType: true } ? "(" + value + " is " + typeName + " ? (" + typeName + ")" + value + " : default(" + typeName + "))"
                : null;
            if (bound is null) return Rejected(declaration, "A declaration pattern from '" + tested.Type?.ToDisplayString() + "' to '" + type.ToDisplayString() + "'", "test with 'is' on an object or a nullable value");
            int node = _context.AddConstant(bound, ExpressionLowering.TypeOf(type), typeName, _context.NameFor(local), isAtom: false, new List<int>(Dependencies));
            _context.Assign(local, node);
            Dependencies.Add(node);
        }
        return test;
    }

    /// <summary>Reports the declaration pattern (unless <paramref name="what"/> is null: already reported); its variable's reads are not reported again.</summary>
    private string? Rejected(IDeclarationPatternOperation declaration, string? what, string? hint)
    {
        if (declaration.DeclaredSymbol is { } variable) _context.Reject(variable);
        return what is null ? null : Unsupported(declaration, what, hint!);
    }

    private string? Unsupported(IOperation op, string what, string hint)
    {
        _context.ReportUnsupportedExpression(op, what, hint);
        return null;
    }

    /// <summary>Marks every variable <paramref name="pattern"/> declares as rejected: its reads bring no follow-up error.</summary>
    private void RejectDeclared(IPatternOperation pattern)
    {
        foreach (var declaration in pattern.DescendantsAndSelf())
        {
            // 'x is double d', and '{ X: > 0 } p' naming the value a property pattern matched.
            var variable = declaration switch
            {
                IDeclarationPatternOperation d => d.DeclaredSymbol,
                IRecursivePatternOperation r => r.DeclaredSymbol,
                _ => null,
            };
            if (variable is not null) _context.Reject(variable);
        }
    }

    /// <summary>How many simple tests read the value.</summary>
    private static int Tests(IPatternOperation pattern) => pattern switch
    {
        IBinaryPatternOperation binary => Tests(binary.LeftPattern) + Tests(binary.RightPattern),
        INegatedPatternOperation negated => Tests(negated.Pattern),
        IDiscardPatternOperation => 0,
        // A list pattern reads the value for its null test, its length and each position (ConstantRenderer.ListPatterns).
        IListPatternOperation => 2,
        IRecursivePatternOperation recursive => recursive.PropertySubpatterns.Sum(p => Tests(p.Pattern)) + recursive.DeconstructionSubpatterns.Sum(Tests),
        _ => 1,
    };

    /// <summary>The pattern declares a variable (<c>double d</c>, <c>var v</c>).</summary>
    private static bool Declares(IPatternOperation pattern) => pattern switch
    {
        IBinaryPatternOperation binary => Declares(binary.LeftPattern) || Declares(binary.RightPattern),
        INegatedPatternOperation negated => Declares(negated.Pattern),
        IDeclarationPatternOperation { DeclaredSymbol: not null } => true,
        IRecursivePatternOperation recursive => recursive.DeclaredSymbol is not null || recursive.PropertySubpatterns.Any(p => Declares(p.Pattern)) || recursive.DeconstructionSubpatterns.Any(Declares),
        _ => false,
    };

    /// <summary>A read that may be written twice: a local, parameter, constant, field, element of one at such indices, or built-in arithmetic of these.</summary>
    private static bool IsPlainRead(IOperation op) => op switch
    {
        { ConstantValue.HasValue: true } => true,
        ILocalReferenceOperation or IParameterReferenceOperation or IInstanceReferenceOperation => true,
        IFieldReferenceOperation field => field.Instance is null || IsPlainRead(field.Instance),
        IConversionOperation { OperatorMethod: null } conversion => IsPlainRead(conversion.Operand),
        IBinaryOperation { OperatorMethod: null } binary => IsPlainRead(binary.LeftOperand) && IsPlainRead(binary.RightOperand),
        IUnaryOperation { OperatorMethod: null } unary => IsPlainRead(unary.Operand),
        IArrayElementReferenceOperation element => IsPlainRead(element.ArrayReference) && System.Linq.Enumerable.All(element.Indices, IsPlainRead),
        // (a, b) is (> 0, _): each test reads one element (idioms16b).
        ITupleOperation tuple => System.Linq.Enumerable.All(tuple.Elements, IsPlainRead),
        _ => false,
    };

    private static string? RelationalText(BinaryOperatorKind kind) => kind switch
    {
        BinaryOperatorKind.LessThan => "<",
        BinaryOperatorKind.LessThanOrEqual => "<=",
        BinaryOperatorKind.GreaterThan => ">",
        BinaryOperatorKind.GreaterThanOrEqual => ">=",
        _ => null,
    };
}
