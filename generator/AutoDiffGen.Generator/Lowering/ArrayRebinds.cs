using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// <c>r = n;</c> inside a loop, where <c>n</c> is a local array made in the same iteration (<c>var n = new double[3, 3];</c>)
/// and <c>r</c> a local array of the same constant shape (natural Robotics13.DhHeight: one rotation per joint, multiplied
/// into <c>n</c>, then <c>r = n;</c>). C# makes <c>r</c> name <c>n</c>'s array; the generator copies <c>n</c>'s elements
/// into <c>r</c>'s (one store per element, StatementLowering.ArrayRebinds). Both give the same values from then on when
/// no one can tell the two apart: <c>n</c> is not named after the rebinding in its iteration (the next iteration makes a
/// new one, so its old array is reachable only through <c>r</c>), neither name is given to anything but an element read or
/// write, a length, or such a rebinding (no second name, span, call argument or capture that would see <c>r</c>'s old
/// array, which the copy overwrites), and both shapes are the same constants (so <c>r</c> keeps the lengths C# gives it).
/// This checks those rules on the operation tree; it holds no Roslyn object beyond the lowering.
/// </summary>
internal static class ArrayRebinds
{
    /// <summary>The largest array copied element by element: the stores are written out, one per element.</summary>
    public const int MaxElements = 64;

    /// <summary>
    /// Why <paramref name="assignment"/> (<c>r = n</c>) cannot be a copy, or null when it can; <paramref name="shape"/>
    /// then holds the constant lengths of both arrays.
    /// </summary>
    public static string? Refusal(ISimpleAssignmentOperation assignment, ILocalSymbol target, ILocalSymbol source, out int[] shape)
    {
        shape = System.Array.Empty<int>();
        IOperation top = OperationRoots.Of(assignment);
        var loop = Enclosing<ILoopOperation>(assignment);
        if (loop is null) return "outside a loop";
        var sourceDeclaration = Declarators(top, source).FirstOrDefault();
        if (sourceDeclaration is null || !loop.Syntax.Span.Contains(sourceDeclaration.Syntax.Span) || Enclosing<ILoopOperation>(sourceDeclaration) != loop)
            return "'" + source.Name + "' is not created in the iteration of the loop that rebinds '" + target.Name + "'";
        var targetDeclarations = Declarators(top, target).ToList();
        int[] from;
        if (targetDeclarations.Count == 1 && SameRuntimeLength(top, sourceDeclaration, targetDeclarations[0]))
        {
            // h = hNew with both made as new double[n], n the same value everywhere (natural16's GRU): a copy of n elements.
            from = System.Array.Empty<int>();
        }
        else
        {
            if (Shape(sourceDeclaration) is not { } constant) return "'" + source.Name + "' is not created with constant lengths (new double[3, 3], an initializer) nor as new double[n] with the length '" + target.Name + "' is created with";
            from = constant;
            var targetShapes = targetDeclarations.Select(Shape).ToList();
            if (targetShapes.Count != 1 || targetShapes[0] is not { } to) return "'" + target.Name + "' is not created once with constant lengths (new double[3, 3], an initializer) nor as new double[n] with the length '" + source.Name + "' is created with";
            if (!from.SequenceEqual(to)) return "'" + source.Name + "' and '" + target.Name + "' have different lengths";
            if (from.Aggregate(1, (a, b) => a * b) > MaxElements) return "the arrays have more than " + MaxElements + " elements";
        }
        foreach (var use in References(top, source))
        {
            if (use.Parent == assignment) continue;
            if (use.Syntax.SpanStart > assignment.Syntax.Span.End && loop.Body.Syntax.Span.Contains(use.Syntax.Span))
                return "'" + source.Name + "' is named after the rebinding in the same iteration (both would name one array)";
            if (!IsPlainUse(use) && !PassedToInlinedHelper(use)) return "'" + source.Name + "' is used as a whole ('" + Describe.Snippet(use.Parent!.Syntax) + "')";
        }
        foreach (var use in References(top, target))
        {
            if (use.Parent is ISimpleAssignmentOperation rebind && rebind.Target == use && rebind.Value is ILocalReferenceOperation) continue;
            if (!IsPlainUse(use) && !PassedToInlinedHelper(use)) return "'" + target.Name + "' is used as a whole ('" + Describe.Snippet(use.Parent!.Syntax) + "'), which would keep its old array";
        }
        shape = from;
        return null;
    }

    /// <summary>
    /// Both are one-dimensional <c>new T[n]</c> (no initializer) whose lengths are written alike and read only what never
    /// changes (literals, constants, locals assigned once where declared, parameters never assigned, their <c>Length</c>
    /// and <c>GetLength</c>): the two arrays have one length wherever they are made, so a copy of it is the rebinding.
    /// </summary>
    private static bool SameRuntimeLength(IOperation top, IVariableDeclaratorOperation source, IVariableDeclaratorOperation target)
    {
        if (Creation(source) is not { DimensionSizes.Length: 1, Initializer: null } a || Creation(target) is not { DimensionSizes.Length: 1, Initializer: null } b) return false;
        if (!a.DimensionSizes[0].Syntax.IsEquivalentTo(b.DimensionSizes[0].Syntax, topLevel: false)) return false;
        return a.DimensionSizes[0].DescendantsAndSelf().All(o => o switch
        {
            ILiteralOperation or IBinaryOperation or IConversionOperation or IParenthesizedOperation => true,
            IFieldReferenceOperation { Field.IsConst: true } => true,
            IPropertyReferenceOperation { Property.Name: "Length" or "Count", Instance: ILocalReferenceOperation or IParameterReferenceOperation } => true,
            IInvocationOperation { TargetMethod.Name: "GetLength", Instance: ILocalReferenceOperation or IParameterReferenceOperation } => true,
            IArgumentOperation => true,
            ILocalReferenceOperation l => AssignedOnlyWhereDeclared(top, l.Local),
            IParameterReferenceOperation p => p.Parameter.RefKind == RefKind.None && AssignedOnlyWhereDeclared(top, p.Parameter),
            _ => false,
        });
    }

    /// <summary>No assignment, increment, ref/out argument or ref local ever writes <paramref name="symbol"/> (its declaration's initializer aside).</summary>
    private static bool AssignedOnlyWhereDeclared(IOperation top, ISymbol symbol) => !Writes(top, symbol);

    /// <summary>
    /// An assignment, increment, ref/out argument or ref local under <paramref name="scope"/> may write <paramref name="symbol"/>
    /// (a target that merely reads it, as an index, counts too: the answer errs towards a write).
    /// </summary>
    public static bool Writes(IOperation scope, ISymbol symbol) => Writes(scope, target => Names(target, symbol));

    /// <summary>
    /// Some assignment, increment, ref/out argument or ref local under <paramref name="scope"/> has a target that
    /// <paramref name="names"/> accepts (how strictly a target counts is the caller's: <see cref="ArraySwaps"/> counts only
    /// the variable itself, not a store into its elements).
    /// </summary>
    internal static bool Writes(IOperation scope, System.Func<IOperation, bool> names) =>
        scope.Descendants().Any(o => o switch
        {
            IAssignmentOperation assignment => names(assignment.Target),
            IIncrementOrDecrementOperation increment => names(increment.Target),
            IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument => names(argument.Value),
            IVariableDeclaratorOperation { Symbol.IsRef: true } declarator => declarator.Initializer?.Value is { } v && names(v),
            _ => false,
        });

    private static bool Names(IOperation op, ISymbol symbol) => op.DescendantsAndSelf().Any(t => t switch
    {
        ILocalReferenceOperation l => SymbolEqualityComparer.Default.Equals(l.Local, symbol),
        IParameterReferenceOperation p => SymbolEqualityComparer.Default.Equals(p.Parameter, symbol),
        _ => false,
    });

    private static IArrayCreationOperation? Creation(IVariableDeclaratorOperation declarator)
    {
        var value = declarator.Initializer?.Value ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer?.Value;
        while (value is IConversionOperation { IsImplicit: true } c) value = c.Operand;
        return value as IArrayCreationOperation;
    }

    /// <summary>
    /// An element read or write or a length, outside lambdas and local functions (one could run after the rebinding
    /// though written before it): what cannot tell a copy from the array C# names.
    /// </summary>
    internal static bool IsPlainUse(ILocalReferenceOperation use) => Enclosing<IAnonymousFunctionOperation>(use) is null && Enclosing<ILocalFunctionOperation>(use) is null && use.Parent switch
    {
        IArrayElementReferenceOperation element => element.ArrayReference == use,
        IPropertyReferenceOperation { Property.Name: "Length" or "LongLength" or "Rank" } => true,
        IInvocationOperation { TargetMethod.Name: "GetLength" or "GetUpperBound" or "GetLowerBound" } call => call.Instance == use,
        _ => false,
    };

    /// <summary>
    /// Passed by value to a plain helper that is inlined (a void one writing the arrays it is passed, or one returning a
    /// real: idioms22, natural21's B06 <c>MatMul(absolute, relative, next); absolute = next;</c>) whose body uses that
    /// parameter only by element and length (read on its syntax: every name of it indexed, or its Length/GetLength): the
    /// inlined body reads and writes the caller's elements at the call and keeps no reference, as an element use does.
    /// </summary>
    internal static bool PassedToInlinedHelper(ILocalReferenceOperation use)
    {
        if (Enclosing<IAnonymousFunctionOperation>(use) is not null || Enclosing<ILocalFunctionOperation>(use) is not null) return false;
        if (use.Parent is not IArgumentOperation { Parameter: { RefKind: RefKind.None, Type: IArrayTypeSymbol } parameter, Parent: IInvocationOperation { Instance: null } call }) return false;
        var method = call.TargetMethod;
        if (!(PlainHelpers.IsPlainVoidHelper(method) && PlainHelpers.HasArrayWriterShape(method) || PlainHelpers.HasShape(method)) || method.DeclaringSyntaxReferences.Length != 1) return false;
        if (method.DeclaringSyntaxReferences[0].GetSyntax() is not Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax declaration) return false;
        var body = (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody;
        return body is not null && body.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax>()
            .Where(n => n.Identifier.ValueText == parameter.Name).All(ElementOrLength);
    }

    /// <summary><c>p[i, j]</c>, <c>p.Length</c>, <c>p.GetLength(k)</c> as written.</summary>
    private static bool ElementOrLength(Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax name) => name.Parent switch
    {
        Microsoft.CodeAnalysis.CSharp.Syntax.ElementAccessExpressionSyntax access => access.Expression == name,
        Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Length" or "GetLength" or "Rank" } member => member.Expression == name,
        _ => false,
    };

    /// <summary>The constant lengths of a declarator's <c>new T[…]</c> (an initializer's too), or null.</summary>
    private static int[]? Shape(IVariableDeclaratorOperation declarator)
    {
        if (Creation(declarator) is not { } creation) return null;
        var sizes = new int[creation.DimensionSizes.Length];
        for (int i = 0; i < sizes.Length; i++)
        {
            if (creation.DimensionSizes[i].ConstantValue is not { HasValue: true, Value: int size }) return null;
            sizes[i] = size;
        }
        return sizes;
    }

    private static IEnumerable<IVariableDeclaratorOperation> Declarators(IOperation top, ILocalSymbol local) =>
        top.Descendants().OfType<IVariableDeclaratorOperation>().Where(d => SymbolEqualityComparer.Default.Equals(d.Symbol, local));

    /// <summary>Every reference to <paramref name="local"/> in the method (also read by <see cref="ArraySwaps"/>).</summary>
    internal static IEnumerable<ILocalReferenceOperation> References(IOperation top, ILocalSymbol local) =>
        top.Descendants().OfType<ILocalReferenceOperation>().Where(r => SymbolEqualityComparer.Default.Equals(r.Local, local));

    /// <summary>The nearest enclosing operation of type <typeparamref name="T"/>, or null.</summary>
    internal static T? Enclosing<T>(IOperation op) where T : class, IOperation
    {
        for (var p = op.Parent; p is not null; p = p.Parent)
        {
            if (p is T found) return found;
        }
        return null;
    }
}
