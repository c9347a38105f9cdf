using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A struct of reals' own operators (<c>public static P operator +(P a, P b) =&gt; new P(a.X + b.X, a.Y + b.Y);</c>) are
/// inlined where they are used, as local functions are: the body is read from source, each parameter (a struct, carried as
/// its members, or a real) holds its argument, and the returned expression is lowered in place (a body of several
/// statements as a local function's is: <see cref="LoweringContext.InlineBody"/>). Supported: an operator declared in
/// source, over structs of reals and reals, and a user-defined conversion between them (hunt17).
/// </summary>
internal sealed partial class ExpressionLowering
{
    private readonly List<IMethodSymbol> _inliningOperators = new();

    /// <summary>The body of an operator of a struct of reals (<see cref="InlinedBody"/>), or null when it is not one this inlines.</summary>
    private InlinedBody? OperatorBody(IMethodSymbol method)
    {
        // A user-defined conversion (hunt17: Unity.Mathematics' implicit operator float3(float v), which fmod(v, per.x) calls)
        // is an operator of one parameter like the others.
        if (method.MethodKind is not (MethodKind.UserDefinedOperator or MethodKind.Conversion) || !method.IsStatic || !RealStructs.IsBoundaryStruct(method.ContainingType)) return null;
        bool Real(ITypeSymbol t) => t.SpecialType is SpecialType.System_Double or SpecialType.System_Single || RealStructs.IsBoundaryStruct(t);
        if (!Real(method.ReturnType) || method.Parameters.Any(p => p.RefKind != RefKind.None || !Real(p.Type))) return null;
        // A body in another compilation (a project reference in the IDE, a DLL in the build) is not read: as CalleeBodies.
        if (method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is not (OperatorDeclarationSyntax or ConversionOperatorDeclarationSyntax) || !_compilation.ContainsSyntaxTree(method.DeclaringSyntaxReferences[0].SyntaxTree)) return null;
        var syntax = (BaseMethodDeclarationSyntax)method.DeclaringSyntaxReferences[0].GetSyntax();
        var model = SemanticModels.WithoutNullableAnalysis(_compilation, syntax.SyntaxTree);
        if (model.GetOperation(syntax) is not IMethodBodyBaseOperation body) return null;
        return InlinedBody.Of(body.ExpressionBody ?? body.BlockBody, method, "The operator '" + method.Name + " of " + method.ContainingType.Name + "'");
    }

    /// <summary>
    /// A user-defined conversion whose operand has exactly its parameter's type (<c>float3 v = per.x;</c> with
    /// <c>implicit operator float3(float v)</c>): inlined as an operator. (A float widened for a double parameter reaches
    /// here as a built-in conversion to double, so it is bound too.) Any other operand is not bound; it stays reported.
    /// </summary>
    private static IOperation[]? ConversionArguments(IConversionOperation conversion) =>
        conversion.OperatorMethod is { MethodKind: MethodKind.Conversion, Parameters: { Length: 1 } ps } && SymbolEqualityComparer.Default.Equals(ps[0].Type, conversion.Operand.Type)
            ? new[] { conversion.Operand } : null;

    /// <summary>Binds the operator's parameters to the arguments (lowered in order); false after a diagnostic.</summary>
    private bool BindOperator(IMethodSymbol method, IOperation[] arguments, IOperation at)
    {
        if (_inliningOperators.Any(m => SymbolEqualityComparer.Default.Equals(m, method)))
        {
            _context.ReportUnsupportedExpression(at, "A user-defined operator that uses itself", "write the operation member by member");
            return false;
        }
        var bound = new List<(IParameterSymbol Parameter, int[] Nodes)>();
        for (int i = 0; i < arguments.Length; i++)
        {
            var p = method.Parameters[i];
            var nodes = RealStructs.IsRealStruct(p.Type) ? LowerStruct(arguments[i]) : new[] { Lower(arguments[i], null) };
            if (nodes is null || nodes.Any(n => n < 0)) return false;
            bound.Add((p, nodes));
        }
        foreach (var (p, nodes) in bound)
        {
            if (RealStructs.Components(p.Type) is { } components && RealStructs.IsRealStruct(p.Type))
            {
                for (int k = 0; k < components.Count; k++) _context.Assign(_context.Component(p, components[k].Path), nodes[k]);
            }
            else
            {
                _context.Assign(p, nodes[0]);
            }
        }
        return true;
    }

    /// <summary><c>a * b</c> of a user operator returning a real: its body's value; -2 when it is not one this inlines.</summary>
    private int InlineScalarOperator(IMethodSymbol method, IOperation[] arguments, IOperation at, string? userName)
    {
        if (OperatorBody(method) is not { } returned || RealStructs.IsRealStruct(method.ReturnType)) return -2;
        if (!BindOperator(method, arguments, at)) return Placeholder(at);
        _inliningOperators.Add(method);
        try
        {
            return LowerInlined(returned, at) is { Length: 1 } nodes ? Named(nodes[0], userName, at) : Placeholder(at);
        }
        finally
        {
            _inliningOperators.RemoveAt(_inliningOperators.Count - 1);
        }
    }

    /// <summary>
    /// <c>v += w</c> and <c>++v</c> (or <c>v--</c>) as statements, with the struct's own operators: the operator's body over
    /// the target's members (and the value), whose components the target then takes; not handled when it is not one this inlines.
    /// </summary>
    public (bool Handled, int[]? Nodes) InlineStructUpdate(IOperation update) => update switch
    {
        ICompoundAssignmentOperation { OperatorMethod: { } method, InConversion.IsIdentity: true, OutConversion.IsIdentity: true } compound
            => InlineStructOperator(method, new[] { compound.Target, compound.Value }, compound),
        IIncrementOrDecrementOperation { OperatorMethod: { } method } increment => InlineStructOperator(method, new[] { increment.Target }, increment),
        _ => (false, null),
    };

    /// <summary><c>a + b</c> of a user operator returning a struct of reals: its body's components; not handled when it is not one this inlines.</summary>
    private (bool Handled, int[]? Nodes) InlineStructOperator(IMethodSymbol method, IOperation[] arguments, IOperation at)
    {
        if (OperatorBody(method) is not { } returned || !RealStructs.IsRealStruct(method.ReturnType)) return (false, null);
        if (!BindOperator(method, arguments, at)) return (true, null);
        _inliningOperators.Add(method);
        try
        {
            return (true, LowerInlined(returned, at));
        }
        finally
        {
            _inliningOperators.RemoveAt(_inliningOperators.Count - 1);
        }
    }
}
