using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// An array that carries a gradient passed to a plain helper's sequence-interface parameter (issue 13, linq22: Math.NET's
/// <c>Mean(this IEnumerable&lt;double&gt; data)</c> with a <c>foreach</c> and Welford's update, <c>Variance</c> with an
/// explicit enumerator in a <c>using</c>, called as <c>samples.Mean()</c> on a <c>double[]</c>). The helper is inlined
/// (ExpressionLowering.PlainHelpers) with its parameter standing for the caller's array itself, as a <c>ReadOnlySpan</c>
/// parameter passed an array does: the body reads the sequence once, in order, which is reading the array's elements,
/// so their gradient is the array's adjoint. Taken only when the body reads the parameter as a sequence: a <c>foreach</c>
/// over it, its <c>GetEnumerator()</c> walk (ExpressionLowering.Enumerators), LINQ over it, or passing it on to another
/// such helper. A list the method tracks (the caller's own <c>IEnumerable&lt;double&gt;</c> or list parameter, a local list)
/// passed there makes the parameter a second name of that list for the body. Anything else (an <c>IList</c> indexer or <c>Count</c>, a second name, a cast) is one ADG0004 at the
/// call naming the use and what to write. Any other argument (a list, a sequence parameter of the caller) keeps the
/// call's existing refusal.
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>An <c>IEnumerable</c>, <c>ICollection</c>, <c>IReadOnlyCollection</c>, <c>IList</c> or <c>IReadOnlyList</c> of double or float (an array converts to each).</summary>
    internal static bool IsSequenceInterface(ITypeSymbol type) => ValueKinds.IsRealList(type) && type.Name != "List";

    /// <summary>
    /// True when <paramref name="method"/> has the plain-helper shape once its sequence-interface parameters count as
    /// arrays and each of them is passed an array (or such a parameter of an enclosing inlined helper, which stands for one).
    /// </summary>
    private bool IsSequenceHelperCall(IMethodSymbol method, IOperation[] arguments)
    {
        if (!PiecewiseConstant.IsReal(method.ReturnType) || method.Parameters.Length != arguments.Length) return false;
        bool any = false;
        for (int k = 0; k < arguments.Length; k++)
        {
            var p = method.Parameters[k];
            if (!IsSequenceInterface(p.Type)) continue;
            if (p.RefKind != RefKind.None || p.IsParams || arguments[k] is not { } argument || !IsArrayForSequence(argument) && ListLocals.Tracked(_context, argument) is null) return false;
            any = true;
        }
        return any && PlainHelpers.InlinableWith(method, IsSequenceInterface);
    }

    /// <summary>A call of a plain helper in source whose sequence parameters are each passed an array or a tracked list: it is inlined, the list read there.</summary>
    private bool PassedToSequenceHelper(IInvocationOperation call)
    {
        if (call.Instance is not null || call.TargetMethod.DeclaringSyntaxReferences.Length == 0 || call.Arguments.Any(a => a.Parameter is null)) return false;
        var arguments = new IOperation[call.TargetMethod.Parameters.Length];
        foreach (var a in call.Arguments) arguments[a.Parameter!.Ordinal] = a.Value;
        return IsSequenceHelperCall(call.TargetMethod, arguments);
    }

    /// <summary>A one-dimensional real array converted implicitly, or a sequence parameter already standing for one.</summary>
    private bool IsArrayForSequence(IOperation argument) =>
        argument is IConversionOperation { IsImplicit: true, Operand: { Type: IArrayTypeSymbol { Rank: 1, ElementType: var element } } array }
            && PiecewiseConstant.IsReal(element) && array is IParameterReferenceOperation or ILocalReferenceOperation
        || SequenceStandingForArray(argument) is not null;

    /// <summary>
    /// The parameter <paramref name="value"/> names when it is a sequence-interface parameter of a plain helper being
    /// inlined that stands for an array (bound by <see cref="SpanArguments"/>); null otherwise.
    /// </summary>
    internal IParameterSymbol? SequenceStandingForArray(IOperation value)
    {
        if (value is not IParameterReferenceOperation { Parameter: var p } || !IsSequenceInterface(p.Type) || _plainHelpers.Count == 0 || _context.IsListAlias(p)) return null;
        if (!_plainHelpers.Any(m => SymbolEqualityComparer.Default.Equals(m, p.ContainingSymbol))) return null;
        int now = _context.Current(p);
        return now >= 0 && (_context.Nodes[now].Type == ScalarType.Array || _context.Nodes[now].Gate == GateKind.Parameter) ? p : null;
    }

    /// <summary>
    /// The helper's sequence parameters passed a list the method tracks (a list or sequence parameter of the caller, a
    /// local list, or such a parameter of an enclosing inlined helper), by ordinal: each is a second name of that list in
    /// the body (LoweringContext.AliasList), read as the list is; null when none is.
    /// </summary>
    private System.Collections.Generic.Dictionary<int, ISymbol>? SequenceListArguments(IMethodSymbol method, IOperation[] arguments)
    {
        System.Collections.Generic.Dictionary<int, ISymbol>? lists = null;
        for (int k = 0; k < arguments.Length && k < method.Parameters.Length; k++)
        {
            if (IsSequenceInterface(method.Parameters[k].Type) && arguments[k] is { } argument && !IsArrayForSequence(argument) && ListLocals.Tracked(_context, argument) is { } list)
                (lists ??= new())[k] = list;
        }
        return lists;
    }

    /// <summary>LINQ over a sequence parameter standing for an array: the loop over the array's elements, as over the array.</summary>
    private LinqSequence StandingSequence(IParameterSymbol standing)
    {
        int array = _context.Current(standing);
        var elementType = TypeOf(((INamedTypeSymbol)standing.Type).TypeArguments[0]);
        string keyword = ScalarLiterals.TypeKeyword(elementType);
        int count = _context.AddConstant(_context.Nodes[array].Name + ".Length", ScalarType.Other, "int", _context.Names.Fresh("count"), isAtom: false, new[] { array });
        return _context.Nodes[array].Varied
            ? new LinqSequence(count, (i, name) => _context.AddGate(GateKind.Element, elementType, keyword, name, null, new[] { array, i }))
            : new LinqSequence(count, (i, name) => _context.AddConstant(_context.Nodes[array].Name + "[" + _context.Nodes[i].Name + "]", elementType, keyword, name, isAtom: false, new[] { array, i }));
    }

    /// <summary>
    /// The first use of a sequence parameter in <paramref name="block"/> that is not a sequence read (see the type's
    /// summary), as the ADG0004 at the call saying what to write; null when every use is one.
    /// </summary>
    private int RefuseSequenceMisuse(IMethodSymbol method, IOperation block, IOperation at)
    {
        foreach (var use in block.Descendants().OfType<IParameterReferenceOperation>())
        {
            if (!IsSequenceInterface(use.Parameter.Type) || !SymbolEqualityComparer.Default.Equals(use.Parameter.ContainingSymbol, method) || IsSequenceRead(use)) continue;
            string name = use.Parameter.Name;
            return RefusePlainHelper(method, at, "its parameter '" + name + "' (" + use.Parameter.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)
                + "), passed an array or a list, is used other than as a sequence read once in order (at '" + Describe.Snippet(use.Parent?.Syntax ?? use.Syntax)
                + "'; read it only with a foreach over it, " + name + ".GetEnumerator(), LINQ over it or by passing it on to such a helper, or declare it double[] to index it)");
        }
        return -2;
    }

    /// <summary>A read of a sequence parameter the inlined body differentiates: a foreach's collection, GetEnumerator's receiver, a LINQ source, an argument passed on.</summary>
    private static bool IsSequenceRead(IParameterReferenceOperation use)
    {
        var up = use.Parent;
        while (up is IConversionOperation { IsImplicit: true }) up = up.Parent;
        return up switch
        {
            IForEachLoopOperation loop => loop.Collection.DescendantsAndSelf().Contains(use),
            IInvocationOperation { TargetMethod: { Name: "GetEnumerator", Parameters.Length: 0 } } call => call.Instance == use,
            IArgumentOperation { Parameter: { Ordinal: 0 } , Parent: IInvocationOperation call } when LinqCalls.IsLinq(call.TargetMethod) => true,
            IArgumentOperation { Parameter: { RefKind: RefKind.None, Type: var type }, Parent: IInvocationOperation { Instance: null } call } => IsSequenceInterface(type) && call.TargetMethod.DeclaringSyntaxReferences.Length > 0,
            _ => false,
        };
    }
}
