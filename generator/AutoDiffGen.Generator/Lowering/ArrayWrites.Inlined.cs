using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Writes into an array argument made by a body that is inlined where it is called rather than called through a
/// Backward (issue 13, idioms13b): a plain void helper, <c>static void AddScaled(double[] acc, double[] v, double s)</c>,
/// or a local function. Inlined, its array parameter stands for the caller's array (StatementLowering.LocalFunctions),
/// so the caller writes that array: a loop around the call carries it, and an array parameter of the caller it is
/// passed becomes an output (in/out adjoint) as if the caller stored into it itself.
/// </summary>
internal sealed partial class ArrayWrites
{
    private readonly Dictionary<IMethodSymbol, HashSet<int>> _inlinedKnown = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// True when a call to <paramref name="callee"/> writes into the array it is passed for parameter
    /// <paramref name="ordinal"/>, called (<see cref="Writes"/>) or inlined (<see cref="InlinedWrites"/>).
    /// </summary>
    public bool WritesCalledOrInlined(IMethodSymbol callee, int ordinal) => Writes(callee, ordinal) || InlinedWrites(callee, ordinal);

    /// <summary>True when a call to <paramref name="callee"/>, inlined, writes into the array it is passed for parameter <paramref name="ordinal"/>.</summary>
    public bool InlinedWrites(IMethodSymbol callee, int ordinal)
    {
        var definition = callee.OriginalDefinition;
        if (ordinal < 0 || ordinal >= definition.Parameters.Length || !IsWritableArray(definition.Parameters[ordinal]) && !IsWritableJagged(definition.Parameters[ordinal]) || !IsInlinedWriter(definition)) return false;
        if (!_inlinedKnown.TryGetValue(definition, out var known))
        {
            // Recursion: inlining refuses it at the call; counting the write is the safe side meanwhile (not remembered).
            if (_reading.Contains(definition)) return true;
            known = InlinedBodyOf(definition) is { } body ? Of(definition, body, jaggedToo: true) : new HashSet<int>();
            _inlinedKnown[definition] = known;
        }
        return known.Contains(ordinal);
    }

    /// <summary>
    /// A by-value <c>double[]</c>/<c>float[]</c> (or 2-D) parameter, or a <c>Span&lt;double&gt;</c>/<c>Span&lt;float&gt;</c> one (bound
    /// to a view of the caller's array, ExpressionLowering.SpanParameters): what an inlined body may write into for its caller.
    /// </summary>
    public static bool IsWritableArray(IParameterSymbol p) => IsWritable(p);

    /// <summary>A local function, a plain static void helper of the user's (PlainHelpers.IsUnmarked), or one returning a value
    /// inlined where it is called (PlainTryHelpers.IsTryShaped: <c>double s = Normalize(v);</c>, idioms14b): bodies inlined at the call.</summary>
    private static bool IsInlinedWriter(IMethodSymbol definition) =>
        !definition.IsGenericMethod && !definition.IsExtern && !definition.IsAbstract
        && (definition.MethodKind == MethodKind.LocalFunction
            || definition.MethodKind == MethodKind.Ordinary && definition.IsStatic && definition.ReturnsVoid && PlainHelpers.IsUnmarked(definition)
            || PlainTryHelpers.IsTryShaped(definition) && PlainHelpers.IsUnmarked(definition));

    private IOperation? InlinedBodyOf(IMethodSymbol definition)
    {
        if (definition.DeclaringSyntaxReferences.Length != 1) return null;
        var syntax = definition.DeclaringSyntaxReferences[0].GetSyntax();
        if (syntax is not (MethodDeclarationSyntax or LocalFunctionStatementSyntax)) return null;
        if (!_compilation.ContainsSyntaxTree(syntax.SyntaxTree)) return null;
        var model = ModelOf(syntax.SyntaxTree);
        return model.GetOperation(syntax) switch
        {
            IMethodBodyBaseOperation body => body,
            ILocalFunctionOperation function => (IOperation?)function.Body ?? function.IgnoredBody,
            _ => null,
        };
    }

    /// <summary>The bound model of a tree whose body is read: noted for the analysis cache, and marked when it is another tree.</summary>
    private SemanticModel ModelOf(SyntaxTree tree)
    {
        AutoDiffGen.Generator.Helpers.BodyReads.Note(tree);
        if (tree == _ownModel.SyntaxTree) return _ownModel;
        ReadOtherTrees = true;
        return SemanticModels.WithoutNullableAnalysis(_compilation, tree);
    }
}
