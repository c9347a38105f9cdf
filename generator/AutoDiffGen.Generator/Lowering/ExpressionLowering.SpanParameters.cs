using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A plain helper's <c>Span&lt;double&gt;</c>/<c>ReadOnlySpan&lt;double&gt;</c> (or float) parameter, where the helper is inlined
/// (issue 13, spans22: natural21's P11 <c>Dense(weights, bias, input, hidden)</c> into a <c>stackalloc</c> buffer, B08's
/// <c>Model(p.AsSpan(0, 4 * h), …, work.AsSpan(0, h), …)</c>, B12's <c>Dot(wInput.AsSpan(start, n), x)</c>): bound as a view of
/// the caller's array (<see cref="LoweringContext.SpanAlias"/>), exactly as a span local over it is. Its reads are reads of
/// that array at start + i with the span's own check, its stores (a void helper's <c>result[i] = …</c>) are stores into
/// that array, so the overwrite semantics, the tape of what a store overwrote and the adjoint are the array's own. The
/// argument may be an array or span parameter, a local array, a <c>stackalloc</c> span local, a span view, or
/// <c>AsSpan</c>/<c>Slice</c>/a range of those (each level checked as C# checks it, so a bad slice throws where the method
/// does), behind the implicit array→span and Span→ReadOnlySpan conversions. Two spans over one array, overlapping or
/// not, read and write that one array in the order the body does: aliasing is C#'s. Anything else passed (a span a call
/// returns, <c>stackalloc</c> written in the argument) is an error at the argument, saying what to write.
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>A by-value span of reals: the parameters bound here (every other parameter keeps its own binding).</summary>
    public static bool IsViewParameter(IParameterSymbol parameter) => parameter.RefKind == RefKind.None && SpanViews.IsRealSpanType(parameter.Type);

    /// <summary>What to write instead of a span argument that is no view of an array the method keeps.</summary>
    private const string SpanArgumentHint = "keep the storage in a local first (Span<double> t = stackalloc double[n]; or var t = new double[n];) and pass it, or a slice of it (t.AsSpan(start, length), t.Slice(start, length)), or an array parameter of the method";

    /// <summary>
    /// Binds each span parameter of <paramref name="helper"/> among <paramref name="arguments"/> to the view its argument
    /// is; the parameters bound (to forget after the call, <see cref="ForgetSpanParameters"/>), or null after an error at
    /// an argument (reported; any bound so far are forgotten).
    /// </summary>
    public List<IParameterSymbol>? BindSpanParameters(IMethodSymbol helper, IOperation body, IEnumerable<(IParameterSymbol Parameter, IOperation Argument)> arguments)
    {
        var bound = new List<IParameterSymbol>();
        string name = helper.ContainingType.Name + "." + helper.Name;
        foreach (var (parameter, argument) in arguments)
        {
            if (!IsViewParameter(parameter)) continue;
            string? why = Reassigned(body, parameter) is { } assigned
                ? "passed to '" + name + "', which " + assigned + " its span parameter '" + parameter.Name + "' (a span parameter is bound to the view the caller passes)"
                : _context.SpanAliasOf(parameter) is not null ? "passed to '" + name + "' while an outer call of it is being inlined (recursion)"
                : CopiedRange(argument) is { } copied ? copied : null;
            var arrays = why is null ? ViewedArrays(argument, parameter, out why) : null;
            if (arrays is null)
            {
                _context.ReportUnsupportedExpression(argument, "A span " + why, why!.Contains("a range of an array") ? "pass a view instead of the copy: x.AsSpan(start, length) or x.AsSpan(1..)"
                    : why.Contains("recursion") || why.Contains("span parameter '") ? "mark '" + helper.Name + "' [Differentiable], or keep an int offset in a local and index the span with it" : SpanArgumentHint);
                ForgetSpanParameters(bound);
                return null;
            }
            var element = TypeOf(((INamedTypeSymbol)parameter.Type).TypeArguments[0]);
            var alias = _context.DeclareParameterView(parameter, arrays, element, parameter.Type.Name == "Span");
            bound.Add(parameter);
            if (ViewOf(argument, alias) is not { } view)
            {
                ForgetSpanParameters(bound);
                return null;
            }
            SetView(alias, view);
        }
        return bound;
    }

    /// <summary>
    /// Sets <paramref name="alias"/>'s ints to <paramref name="view"/>'s, each in a local of its own (a loop's phi must not take
    /// another carried variable's phi as its value): a span local's assignment (StatementLowering.DefineSpanView) and a span
    /// parameter's binding.
    /// </summary>
    public void SetView(LoweringContext.SpanAlias alias, ViewNodes view)
    {
        void Set(LoweringContext.HiddenVariable key, int node) =>
            _context.Assign(key, _context.AddConstant(_context.Nodes[node].Name, ScalarType.Other, "int", _context.Names.Fresh(key.Name), isAtom: false, new[] { node }));
        if (alias.Arrays.Count > 1) Set(alias.Which, view.Which);
        Set(alias.Start, view.Start);
        Set(alias.Length, view.Length);
    }

    /// <summary>The helper's span parameters view nothing after its inlined call (out of scope, as its other parameters).</summary>
    public void ForgetSpanParameters(IEnumerable<IParameterSymbol>? bound)
    {
        if (bound is null) return;
        foreach (var parameter in bound) _context.ForgetSpanAlias(parameter);
    }

    /// <summary>
    /// The arrays <paramref name="argument"/> views, in the caller's terms (a span view's own arrays, else the array or
    /// stackalloc local or array parameter at its root); null with <paramref name="why"/> when it views none the method keeps.
    /// </summary>
    private IReadOnlyList<ISymbol>? ViewedArrays(IOperation argument, IParameterSymbol parameter, out string? why)
    {
        why = null;
        var root = BulkCopies.Root(argument);
        if (_context.ViewSymbol(root) is { } view && _context.SpanAliasOf(view) is { } alias)
        {
            if (alias.Arrays.Count == 1 || parameter.Type.Name != "Span") return alias.Arrays;
            why = "that may view different arrays, passed to the Span<T> parameter '" + parameter.Name + "' (its stores would go to either)";
            return null;
        }
        ISymbol? array = root switch
        {
            ILocalReferenceOperation { Local: { IsRef: false } local } => local.Type is IArrayTypeSymbol ? ArrayAliases.TargetOf(local, root) ?? local : local,
            IParameterReferenceOperation { Parameter: { RefKind: RefKind.None } p } => p,
            _ => null,
        };
        int node = array is null ? -1 : _context.Current(array);
        if (node >= 0 && (array is IParameterSymbol || _context.Nodes[node].Type == ScalarType.Array)) return new[] { array! };
        why = "argument '" + Describe.Snippet(argument.Syntax) + "' for the parameter '" + parameter.Name + "' that is not a view of an array the method keeps (an array or span parameter, a local array, a stackalloc span local, or AsSpan, Slice or a range of one)";
        return null;
    }

    /// <summary>
    /// Why <paramref name="argument"/> cannot stand as a view when it takes a range of an array (<c>x[1..]</c>, a new array
    /// C# copies at the call: a store through it would be lost, and a read of it keeps the old values while the helper
    /// writes the array through another argument), or null when it takes none.
    /// </summary>
    private static string? CopiedRange(IOperation argument) =>
        BulkCopies.Root(argument, out var range) is not null && range is not null
            ? "argument '" + Describe.Snippet(argument.Syntax) + "', a range of an array (a copy C# makes at the call, not a view of the array)"
            : null;

    /// <summary>How the body assigns <paramref name="parameter"/> itself (<c>s = s.Slice(1)</c>, <c>ref s</c>), or null when it does not.</summary>
    private static string? Reassigned(IOperation body, IParameterSymbol parameter)
    {
        bool Is(IOperation? op) => op is IParameterReferenceOperation { Parameter: var p } && SymbolEqualityComparer.Default.Equals(p, parameter);
        foreach (var op in body.Descendants())
        {
            switch (op)
            {
                case IAssignmentOperation a when Is(a.Target):
                    return "assigns";
                case IArgumentOperation { Parameter.RefKind: not RefKind.None } r when Is(r.Value):
                    return "passes by ref";
                case IDeconstructionAssignmentOperation d when StatementLowering.Targets(d).Any(Is):
                    // (s, t) = (t, s) re-points the parameter; (s[0], s[1]) = (…) stores through it, as s[0] = … does (idioms25:
                    // any use of s under the targets was taken for a reassignment, ADG0003 saying the helper "assigns its span parameter").
                    return "assigns";
            }
        }
        return null;
    }
}
