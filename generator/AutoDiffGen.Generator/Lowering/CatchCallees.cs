using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Calls and member reads in a <c>try</c> with a <c>catch</c> (issue 13, idioms7): a method or computed property whose
/// body the generator reads and finds unable to throw (every part a <see cref="CatchSites"/> operation with no throw
/// site: real arithmetic, Math functions that never throw, field reads of <c>this</c> or of a struct, calls of such
/// methods) and unable to change anything but its own locals, so that a statement calling it is tested before it as one
/// without the call is. Receivers that may be null are tested by <see cref="CatchSites"/>; a local the method made with
/// <c>new</c> and never assigns again needs no test (it could not be rendered: a class object is carried as its members).
/// </summary>
internal static class CatchCallees
{
    private const int MaxDepth = 4;

    /// <summary>The type and bases of ArgumentOutOfRangeException: what List&lt;T&gt;'s indexer throws past its end.</summary>
    public static readonly string[] ArgumentOutOfRange = { "System.ArgumentOutOfRangeException", "System.ArgumentException", "System.SystemException", "System.Exception", "object" };

    /// <summary>Methods being read (a recursive one is not known not to throw: it may overflow the stack).</summary>
    [System.ThreadStatic] private static HashSet<IMethodSymbol>? s_reading;

    /// <summary>
    /// Whether <paramref name="method"/> is a source method (or a property getter) that never throws and writes nothing
    /// but its own locals (and, with <paramref name="outputs"/>, its ref and out parameters: a dead call that may throw,
    /// ThrowingOperations): not virtual unless sealed, with a body, every statement of it known.
    /// </summary>
    public static bool NeverThrows(IMethodSymbol method, Compilation compilation, bool outputs = false)
    {
        method = method.OriginalDefinition;
        if (method.IsAbstract || method.IsExtern || (method.IsVirtual || method.IsOverride) && !method.IsSealed && !method.ContainingType.IsSealed && !method.ContainingType.IsValueType) return false;
        if (!outputs && method.Parameters.Any(p => p.RefKind is RefKind.Ref or RefKind.Out) || method.ReturnsByRef || method.ReturnsByRefReadonly) return false;
        if (method.DeclaringSyntaxReferences.Length != 1) return false;
        var reading = s_reading ??= new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        if (reading.Count >= MaxDepth || !reading.Add(method)) return false;
        try
        {
            var syntax = method.DeclaringSyntaxReferences[0].GetSyntax();
            if (!compilation.ContainsSyntaxTree(syntax.SyntaxTree)) return false;
            var model = SemanticModels.WithoutNullableAnalysis(compilation, syntax.SyntaxTree);
            IOperation? body = syntax switch
            {
                MethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax => model.GetOperation(syntax),
                // { get => … } or => … on a property: the getter's own syntax is the arrow clause.
                ArrowExpressionClauseSyntax arrow => model.GetOperation(arrow),
                _ => null,
            };
            if (body is ILocalFunctionOperation local) body = local.Body;
            return body is not null && !body.Descendants().Any(d => d.Kind == OperationKind.Invalid) && Known(body, method, outputs);
        }
        finally
        {
            reading.Remove(method);
        }
    }

    /// <summary>Every statement of a body: blocks and ifs walked into; the rest a known statement with no throw site.</summary>
    private static bool Known(IOperation op, IMethodSymbol method, bool outputs)
    {
        switch (op)
        {
            case IMethodBodyOperation body:
                return (body.BlockBody ?? body.ExpressionBody) is { } b && Known(b, method, outputs);
            case IBlockOperation block:
                return block.Operations.All(o => Known(o, method, outputs));
            case IConditionalOperation { Type: null or { SpecialType: SpecialType.System_Void } } branch:
                return NoSites(branch.Condition) && Known(branch.WhenTrue, method, outputs) && (branch.WhenFalse is null || Known(branch.WhenFalse, method, outputs));
            case IReturnOperation { ReturnedValue: null }:
            case IEmptyOperation:
                return true;
            case IReturnOperation or IExpressionStatementOperation or IVariableDeclarationGroupOperation:
                return NoSites(op) && WritesOnlyLocals(op, method, outputs);
            default:
                return false;
        }
    }

    private static bool NoSites(IOperation op) =>
        CatchSites.Find(op, out _) is { Count: 0 };

    /// <summary>An assignment or increment in the callee writes one of its locals or by-value parameters.</summary>
    private static bool WritesOnlyLocals(IOperation op, IMethodSymbol method, bool outputs) =>
        op.DescendantsAndSelf().All(d => d switch
        {
            IAssignmentOperation assignment => Own(assignment.Target, method, outputs),
            IIncrementOrDecrementOperation increment => Own(increment.Target, method, outputs),
            _ => true,
        });

    /// <summary>A local of the callee itself (not one a local function captures) or a by-value parameter of it.</summary>
    private static bool Own(IOperation target, IMethodSymbol method, bool outputs) => target switch
    {
        ILocalReferenceOperation { Local: { IsRef: false } local } => SymbolEqualityComparer.Default.Equals(local.ContainingSymbol, method),
        IParameterReferenceOperation { Parameter: var parameter } when parameter.RefKind == RefKind.None || outputs && parameter.RefKind is RefKind.Ref or RefKind.Out =>
            SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method),
        _ => false,
    };

    /// <summary>
    /// A receiver that cannot be null: <c>this</c>, a <c>new</c> object, or a local declared with one that nothing in
    /// its method assigns again, passes by ref or out, or takes a ref to.
    /// </summary>
    public static bool NonNull(IOperation receiver)
    {
        while (receiver is IConversionOperation { IsImplicit: true } c) receiver = c.Operand;
        if (receiver is IInstanceReferenceOperation or IObjectCreationOperation) return true;
        if (receiver is not ILocalReferenceOperation { Local: { IsRef: false } local }) return false;
        var root = OperationRoots.Of(receiver);
        bool created = false;
        foreach (var d in root.DescendantsAndSelf())
        {
            switch (d)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    var value = declarator.Initializer?.Value ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer?.Value;
                    while (value is IConversionOperation { IsImplicit: true } v) value = v.Operand;
                    created = value is IObjectCreationOperation;
                    break;
                case ILocalReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Local, local):
                    if (reference.Parent is IAssignmentOperation assigned && assigned.Target == reference) return false;
                    if (reference.Parent is IArgumentOperation { Parameter.RefKind: not RefKind.None and not RefKind.In }) return false;
                    if (reference.IsDeclaration || reference.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol.IsRef: true } }) return false;
                    if (reference.Parent is IDeclarationExpressionOperation or ITupleOperation { Parent: IDeconstructionAssignmentOperation }) return false;
                    break;
            }
        }
        return created;
    }

    /// <summary>An auto-property (its value is a field read: a struct's never throws).</summary>
    public static bool IsAutoProperty(IPropertySymbol property)
    {
        if (!property.ContainingType.GetMembers().OfType<IFieldSymbol>().Any(f => SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol, property))) return false;
        foreach (var reference in property.DeclaringSyntaxReferences)
        {
            AutoDiffGen.Generator.Helpers.BodyReads.Note(reference.SyntaxTree);
            // A record's positional property is declared by its parameter; a declared one is auto when no accessor has a body.
            if (reference.GetSyntax() is PropertyDeclarationSyntax declared
                && (declared.ExpressionBody is not null || declared.AccessorList is null || declared.AccessorList.Accessors.Any(a => a.Body is not null || a.ExpressionBody is not null))) return false;
        }
        return true;
    }
}
