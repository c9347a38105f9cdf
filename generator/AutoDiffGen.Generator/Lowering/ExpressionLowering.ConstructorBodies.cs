using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A struct of reals' constructor with a body of its own (<c>public S(double x) { P = x * x; Q = 2 * P; }</c>), called
/// on values that carry a gradient, is inlined where it is called, as a user operator is: the body is read from source,
/// each parameter holds its argument, every member starts at zero (or at its initializer, which C# runs first), and each
/// statement <c>Member = …;</c> or <c>this.Member = …;</c> sets that member, later statements reading what earlier ones
/// stored. A body with anything else (a write to a parameter, a branch, a call for its effects) or a constructor that
/// chains to another (<c>: this(…)</c>) stays unsupported at the creation.
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>The members' initializers and the body's member assignments, in order; null when it is not a body this inlines.</summary>
    private List<(string Member, IOperation Value)>? ConstructorSteps(IMethodSymbol constructor)
    {
        if (constructor.IsImplicitlyDeclared || constructor.IsStatic || constructor.Parameters.Any(p => p.RefKind != RefKind.None || p.IsParams)) return null;
        // A body in another compilation (a project reference in the IDE, a DLL in the build) is not read: as CalleeBodies.
        if (constructor.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is not ConstructorDeclarationSyntax { Initializer: null } syntax || !_compilation.ContainsSyntaxTree(syntax.SyntaxTree)) return null;
        var model = SemanticModels.WithoutNullableAnalysis(_compilation, syntax.SyntaxTree);
        if (model.GetOperation(syntax) is not IConstructorBodyOperation { BlockBody: var block, ExpressionBody: var expression }) return null;
        var steps = new List<(string, IOperation)>();
        foreach (var field in constructor.ContainingType.GetMembers().OfType<IFieldSymbol>().Where(f => !f.IsStatic && !f.IsConst))
        {
            var member = (ISymbol?)field.AssociatedSymbol ?? field;
            var initializer = member.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).Select(s => s switch
            {
                VariableDeclaratorSyntax v => (SyntaxNode?)v.Initializer,
                PropertyDeclarationSyntax p => p.Initializer,
                _ => null,
            }).FirstOrDefault(i => i is not null);
            if (initializer is null) continue;
            if (SemanticModels.WithoutNullableAnalysis(_compilation, initializer.SyntaxTree).GetOperation(initializer) is not ISymbolInitializerOperation { Value: var value }) return null;
            steps.Add((member.Name, value));
        }
        foreach (var statement in (block ?? expression)?.Operations ?? System.Collections.Immutable.ImmutableArray<IOperation>.Empty)
        {
            if (statement is not IExpressionStatementOperation { Operation: ISimpleAssignmentOperation { IsRef: false, Target: var target, Value: var value } }) return null;
            if (target is not IMemberReferenceOperation { Instance: IInstanceReferenceOperation, Member: var assigned }) return null;
            steps.Add((assigned.Name, value));
        }
        return steps;
    }

    /// <summary><c>new S(a, b)</c> through its constructor's body: the struct's components after it ran; null after a diagnostic.</summary>
    private int[]? InlineConstructor(IObjectCreationOperation creation, IMethodSymbol constructor, List<(string Member, IOperation Value)> steps, IReadOnlyList<StructComponent> components)
    {
        if (_receivers.Any(r => SymbolEqualityComparer.Default.Equals(r.Member, constructor)))
        {
            _context.ReportUnsupportedExpression(creation, "A struct constructor that creates its own type again", "compute the members in the method and use an object initializer");
            return null;
        }
        if (EmbeddedEffects.OutOfOrder(creation.Arguments) is { } reordered)
        {
            _context.ReportUnsupportedExpression(reordered, "An assignment or ++/-- in a named argument written out of parameter order", "pass the arguments in parameter order, or compute the value into a local first");
            return null;
        }
        var arguments = new IOperation[constructor.Parameters.Length];
        foreach (var argument in creation.Arguments)
        {
            if (argument.Parameter is null || argument.ArgumentKind is not (ArgumentKind.Explicit or ArgumentKind.DefaultValue)) return UnsupportedCreation(creation);
            arguments[argument.Parameter.Ordinal] = argument.Value;
        }
        if (arguments.Any(a => a is null) || !BindOperator(constructor, arguments, creation)) return null;
        var values = components.Select(c => _context.ZeroComponent(c)).ToArray();
        _receivers.Add((constructor, creation.Type!, values, null));
        _context.PushReceiver(creation.Type!, values);
        try
        {
            foreach (var (member, value) in steps)
            {
                var indices = StructPaths.Under(components, member);
                int[]? parts = RealStructs.IsRealStruct(value.Type) ? LowerStruct(value)
                    : TypeOf(value) is ScalarType.Float or ScalarType.Double ? new[] { Lower(value, null) } : null;
                if (parts is null || parts.Any(p => p < 0)) return null;
                if (indices.Count == 0 || parts.Length != indices.Count) return UnsupportedCreation(creation);
                for (int k = 0; k < indices.Count; k++) values[indices[k]] = parts[k];
            }
            return values;
        }
        finally
        {
            _receivers.RemoveAt(_receivers.Count - 1);
            _context.PopReceiver();
            // Its parameters are out of scope: left bound, a branch after a loop that built this struct would merge the loop's values.
            ForgetInlined(constructor, null);
        }
    }
}
