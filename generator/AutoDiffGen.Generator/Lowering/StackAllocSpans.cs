using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// <c>Span&lt;double&gt; a = stackalloc double[n];</c> (or <c>stackalloc double[] { x, y }</c>, <c>stackalloc[] { … }</c>,
/// a <c>ReadOnlySpan</c>, <c>float</c>), and a span local over an array made where it is declared
/// (<c>ReadOnlySpan&lt;double&gt; c = [1.0, -0.5, x];</c>, <c>Span&lt;double&gt; t = new double[n];</c>): a local array under another type. The generated code keeps it as a
/// <c>double[]</c> (the reverse sweep needs its values after the method's frame is gone, and loops keep one per
/// iteration), so only the uses a <c>double[]</c> local has the same meaning for are let through: element reads and
/// stores, <c>Length</c>, passing it (or a slice of it) to a callee, <c>foreach</c>. Any other use is an error at the
/// use, so nothing is rendered that a <c>double[]</c> would not compile or would mean differently.
/// </summary>
internal static class StackAllocSpans
{
    /// <summary>A <c>Span&lt;double|float&gt;</c>/<c>ReadOnlySpan</c> local initialized by new storage (<see cref="IsNewStorage"/>), as an array type; null otherwise.</summary>
    public static IArrayTypeSymbol? ArrayType(ISymbol variable, IOperation value) =>
        value.SemanticModel?.Compilation is { } compilation && variable is ILocalSymbol { IsRef: false, Type: INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", TypeArguments.Length: 1 } span }
        && span.TypeArguments[0].SpecialType is SpecialType.System_Double or SpecialType.System_Single
        && IsNewStorage(value)
            ? compilation.CreateArrayTypeSymbol(span.TypeArguments[0])
            : null;

    /// <summary>Whether the value (behind implicit conversions) is a stackalloc expression.</summary>
    public static bool IsStackAlloc(IOperation value) => Creation(value) is not null;

    /// <summary>
    /// Storage no other name reaches: a stackalloc, or (behind the implicit conversion to a span) a one-dimensional array
    /// creation or a collection expression without a spread, which nothing but the span local can see either.
    /// </summary>
    public static bool IsNewStorage(IOperation value)
    {
        if (IsStackAlloc(value)) return true;
        while (value is IConversionOperation { IsImplicit: true } c) value = c.Operand;
        return value is IArrayCreationOperation { DimensionSizes.Length: 1 }
            || value is ICollectionExpressionOperation collection && !collection.Elements.Any(e => e is ISpreadOperation);
    }

    /// <summary>What the messages call a span local made by <paramref name="value"/>.</summary>
    public static string Noun(IOperation value) => IsStackAlloc(value) ? "stackalloc span" : "span local over a new array";

    private static IOperation? Creation(IOperation value)
    {
        while (true)
        {
            if (value.Syntax is StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax) return value;
            if (value is IConversionOperation { IsImplicit: true } c) value = c.Operand;
            else return null;
        }
    }

    /// <summary>
    /// The size (null with an initializer) and the element values (null without) of a stackalloc expression; false when
    /// <paramref name="value"/> is none, or its parts cannot be read.
    /// </summary>
    public static bool TryRead(IOperation value, out IOperation? size, out IReadOnlyList<IOperation>? elements)
    {
        size = null;
        elements = null;
        if (Creation(value) is not { } creation) return false;
        InitializerExpressionSyntax? initializer;
        ExpressionSyntax? sizeSyntax = null;
        switch (creation.Syntax)
        {
            case StackAllocArrayCreationExpressionSyntax { Type: ArrayTypeSyntax { RankSpecifiers.Count: 1 } type } explicitForm:
                initializer = explicitForm.Initializer;
                var sizes = type.RankSpecifiers[0].Sizes;
                if (sizes.Count != 1) return false;
                if (sizes[0] is not OmittedArraySizeExpressionSyntax) sizeSyntax = sizes[0];
                break;
            case ImplicitStackAllocArrayCreationExpressionSyntax implicitForm:
                initializer = implicitForm.Initializer;
                break;
            default:
                return false;
        }
        // The operations of the size and the elements: the outermost one of each expression (with its conversion).
        var byExpression = new Dictionary<SyntaxNode, IOperation>();
        foreach (var op in creation.Descendants())
        {
            if (!byExpression.ContainsKey(op.Syntax)) byExpression[op.Syntax] = op;
        }
        if (initializer is not null)
        {
            var list = new List<IOperation>();
            foreach (var e in initializer.Expressions)
            {
                // An operation's syntax is the expression inside any parentheses.
                if (!byExpression.TryGetValue(Inner(e), out var element)) return false;
                list.Add(element);
            }
            elements = list;
            return true;
        }
        if (sizeSyntax is null || !byExpression.TryGetValue(Inner(sizeSyntax), out var sizeOperation)) return false;
        size = sizeOperation;
        return true;
    }

    private static ExpressionSyntax Inner(ExpressionSyntax e)
    {
        while (e is ParenthesizedExpressionSyntax p) e = p.Expression;
        return e;
    }

    /// <summary>
    /// The first use of the stackalloc span <paramref name="local"/> that a local array would not mean the same by,
    /// with what it is; null when every use is one of those a local array has.
    /// </summary>
    public static (IOperation At, string What)? FirstUnsupportedUse(ILocalSymbol local, IOperation anyOperation, string noun)
    {
        var root = OperationRoots.Of(anyOperation);
        foreach (var op in root.Descendants())
        {
            if (op is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local)) continue;
            if (Why(reference) is { } why) return (why.At, why.What.Replace("stackalloc span", noun));
        }
        return null;
    }

    private static (IOperation At, string What)? Why(ILocalReferenceOperation reference)
    {
        var parent = reference.Parent;
        switch (parent)
        {
            case IPropertyReferenceOperation { Property.Name: "Length", Instance: var lengthOf } when lengthOf == reference:
                return null;
            case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer when indexer.Instance == reference:
                if (indexer.Arguments[0].Value.Type?.SpecialType != SpecialType.System_Int32) return (indexer, "An element of a stackalloc span read with an index that is not an int");
                return ElementUse(indexer);
            case IInvocationOperation { TargetMethod.Name: "Slice" } slice when slice.Instance == reference && IsArgument(slice):
                return null;
            case IImplicitIndexerReferenceOperation { Argument.Type.Name: "Range" } range when range.Instance == reference && IsArgument(range):
                return null;
            case IForEachLoopOperation:
                return null;
            case IConversionOperation { IsImplicit: true, Type: INamedTypeSymbol { Name: "ReadOnlySpan" } } conversion when IsArgument(conversion):
                return null;
            case IConversionOperation { IsImplicit: true } conversion when conversion.Parent is IForEachLoopOperation:
                return null;
            case IArgumentOperation argument when PassedToOwnMethod(argument):
                return null;
            default:
                return (UseOf(reference), "A stackalloc span used other than by its elements, its Length, a foreach, or passing it (or a slice of it) to a method");
        }
    }

    /// <summary>Where to point at: the call or member it is used through (<c>a.Fill(x)</c>, <c>a.IndexOf(x)</c>, <c>a[^1]</c>), else the span itself (<c>Span&lt;double&gt; b = a;</c>).</summary>
    private static IOperation UseOf(IOperation reference)
    {
        if (reference.Parent is IAssignmentOperation assignment && assignment.Target == reference) return assignment;
        var use = reference;
        while (use.Parent is IConversionOperation { IsImplicit: true } or IArgumentOperation) use = use.Parent;
        return use.Parent is IInvocationOperation or IPropertyReferenceOperation or IImplicitIndexerReferenceOperation or IObjectCreationOperation ? use.Parent : reference;
    }

    /// <summary>An element: read, or stored by a statement of its own (<c>a[i] = v;</c>, <c>a[i] += v;</c>).</summary>
    private static (IOperation At, string What)? ElementUse(IOperation element)
    {
        var parent = element.Parent;
        switch (parent)
        {
            case IAssignmentOperation assignment when assignment.Target == element:
                if (assignment is ISimpleAssignmentOperation { IsRef: true }) return (assignment, "A ref to an element of a stackalloc span");
                return assignment.Parent is IExpressionStatementOperation ? null : (assignment, "An assignment to an element of a stackalloc span inside an expression");
            case IIncrementOrDecrementOperation step:
                return (step, "++ or -- on an element of a stackalloc span");
            case IArgumentOperation { Parameter.RefKind: not RefKind.None } byRef:
                return (byRef, "An element of a stackalloc span passed by ref, in or out");
            case IVariableInitializerOperation when parent.Parent is IVariableDeclaratorOperation { Symbol.IsRef: true }:
                return (parent, "A ref local to an element of a stackalloc span");
            case IDeconstructionAssignmentOperation:
            case ITupleOperation when IsDeconstructed(parent):
                return (element, "An element of a stackalloc span assigned by a deconstruction");
            default:
                return parent is null || IsRefTaken(element) ? (element, "A ref to an element of a stackalloc span") : null;
        }
    }

    /// <summary>The tuple is (inside) the target of a deconstruction (<c>(a[0], b) = (x, y);</c>), not a tuple read (<c>return (a[0], a[1]);</c>).</summary>
    private static bool IsDeconstructed(IOperation tuple)
    {
        while (tuple.Parent is ITupleOperation outer) tuple = outer;
        return tuple.Parent is IDeconstructionAssignmentOperation deconstruction && deconstruction.Target == tuple;
    }

    /// <summary>A <c>ref</c> taken of the element (<c>ref a[i]</c> returned or passed on): the syntax says so.</summary>
    private static bool IsRefTaken(IOperation element) => element.Syntax.Parent is RefExpressionSyntax;

    private static bool IsArgument(IOperation value)
    {
        while (value.Parent is IConversionOperation { IsImplicit: true } c) value = c;
        return value.Parent is IArgumentOperation argument && PassedToOwnMethod(argument);
    }

    /// <summary>
    /// By value to a method of the user's source, not generic and not overloaded by name: the generated code passes a
    /// <c>double[]</c> there, which converts to the span parameter and binds to the same method (a library's extension
    /// method over spans, or a <c>double[]</c> overload, would not).
    /// </summary>
    private static bool PassedToOwnMethod(IArgumentOperation argument) =>
        argument.Parameter is { RefKind: RefKind.None }
        && argument.Parent is IInvocationOperation { TargetMethod: { IsGenericMethod: false, IsExtensionMethod: false } method }
        && method.Locations.Any(l => l.IsInSource)
        // A local function is inlined where it is called (its span parameter a view of the array, idioms24): no overload to bind.
        && (method.MethodKind == MethodKind.LocalFunction || method.ContainingType.GetMembers(method.Name).Length == 1);
}
