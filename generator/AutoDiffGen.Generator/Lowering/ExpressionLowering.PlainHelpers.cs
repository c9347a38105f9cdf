using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A call with a differentiated argument to a plain helper (issue 13: a static method of this compilation that is not
/// [Differentiable] and has no [DerivativeOf], <see cref="PlainHelpers"/>) is inlined: its body is lowered in place,
/// as a small [Differentiable] callee's is, so every mode (reverse, forward, Hessian, Jacobian) differentiates it as the
/// caller's own code. Inlining, not an implicit Backward, because a plain helper has nowhere to put one (its type need
/// not be partial, nor in the caller's file) and the machinery that inlines callees and local functions already lowers
/// branches, loops, returns, throws and nested calls. The first rule holds at the call: whatever the body does that
/// lowering refuses (or a write to a field or to an array it is passed, recursion, helpers nested too deep) is one
/// ADG0004 at this call, naming the helper and the inner construct, never a constant. A helper called only with
/// constant arguments never gets here: it is evaluated as written (ExpressionLowering.LowerConstant).
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>The plain helpers being inlined, innermost last: recursion guard and depth.</summary>
    private readonly List<IMethodSymbol> _plainHelpers = new();

    /// <summary>A helper's bound body, once per analysis (a helper called from a loop, or twice, is bound once).</summary>
    private readonly Dictionary<IMethodSymbol, CalleeBodies.Found?> _plainBodies = new(SymbolEqualityComparer.Default);

    /// <summary>The helper's value; -2 when the call is not to a plain helper (its existing diagnostic stands).</summary>
    private int InlinePlainHelper(IMethodSymbol method, IOperation[] arguments, IOperation? instance, string? operatorToken, IOperation at, string? userName)
    {
        if (instance is not null || operatorToken is not null || at is not IInvocationOperation) return -2;
        // A helper over IEnumerable<double> passed an array (ExpressionLowering.SequenceHelperArguments) is inlined as one over the array.
        if (!PlainHelpers.HasShape(method) && !IsSequenceHelperCall(method, arguments)) return -2;
        return InlinePlainBody(method.OriginalDefinition, arguments, at, nodes => nodes is { Length: 1 } && nodes[0] >= 0 ? Named(nodes[0], userName, at) : -1);
    }

    /// <summary>
    /// The elements of the tuple of reals a plain helper returns (<c>var (s, p) = Both(x, y);</c>, <c>Both(x, y).Sum</c>),
    /// its body inlined as a scalar helper's is (idioms12); null when the call is to no such helper (its existing
    /// diagnostic stands), an empty array after a diagnostic at the call.
    /// </summary>
    public int[]? InlinePlainTupleHelper(IInvocationOperation call) =>
        call.Instance is null && PlainHelpers.HasTupleShape(call.TargetMethod) ? InlinePlainParts(call) : null;

    /// <summary>
    /// The components of the struct of reals a plain helper returns (<c>static P2 Shift(P2 p, double d) => p with { X = p.X + d };</c>,
    /// <c>static Complex Sq(Complex z) => z * z;</c>, structs14), its body inlined as a scalar helper's is; null when the call
    /// is to no such helper (its existing diagnostic stands), an empty array after a diagnostic at the call.
    /// </summary>
    private int[]? InlinePlainStructHelper(IInvocationOperation call) =>
        call.Instance is null && PlainHelpers.HasStructShape(call.TargetMethod) ? InlinePlainParts(call) : null;

    /// <summary>A helper returning a tuple or a struct of reals inlined for its components (see the two callers).</summary>
    private int[]? InlinePlainParts(IInvocationOperation call)
    {
        var method = call.TargetMethod;
        var arguments = new IOperation[method.Parameters.Length];
        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter is null) return null;
            arguments[argument.Parameter.Ordinal] = argument.Value;
        }
        int count = RealStructs.ResultComponents(call.Type)!.Count;
        int[]? parts = null;
        int value = InlinePlainBody(method.OriginalDefinition, arguments, call, nodes =>
        {
            if (nodes is null || nodes.Length != count || nodes.Any(n => n < 0)) return -1;
            parts = nodes;
            return nodes[0];
        });
        if (value == -2) return null;
        // A refusal (ADG0004 at the call) returns a placeholder of its own, never the first element.
        return parts is not null && value == parts[0] ? parts : System.Array.Empty<int>();
    }

    /// <summary>
    /// The helper's body inlined at <paramref name="at"/>, <paramref name="result"/> turning what it returns (one node, or
    /// one per element of a tuple) into the value (-1 when it cannot); -2 when the helper's body is not here.
    /// </summary>
    private int InlinePlainBody(IMethodSymbol method, IOperation[] arguments, IOperation at, System.Func<int[]?, int> result, bool accessChecked = false)
    {
        if (DerivativeResolver.HasDerivativeOf(method, _caller, _compilation)) return -2;
        // No body in this compilation (another assembly, a partial definition): the call keeps its ADG0004.
        if (PlainBody(method) is not { } block) return -2;
        string helper = method.ContainingType.Name + "." + method.Name;
        // (A recursive helper's own levels count once: ExpressionLowering.RecursiveHelpers caps them.)
        if (_plainHelpers.Distinct<IMethodSymbol>(SymbolEqualityComparer.Default).Count() >= PlainHelpers.MaxDepth)
            return RefusePlainHelper(method, at, "it is reached through more than " + PlainHelpers.MaxDepth.ToString(CultureInfo.InvariantCulture) + " nested helpers (each is inlined at every call; mark one of them [Differentiable])");
        if (block.Descendants().Skip(PlainHelpers.MaxOperations).Any())
            return RefusePlainHelper(method, at, "its body has more than " + PlainHelpers.MaxOperations.ToString(CultureInfo.InvariantCulture) + " operations (it would be inlined at every call; mark it [Differentiable] to get a Backward of its own)");
        if (PlainHelpers.WriteIn(method, block) is { } write)
            return RefusePlainHelper(method, at, "it " + write + " (a helper differentiated in place may write only its own locals)");
        if (RefuseSequenceMisuse(method, block, at) is var misused && misused != -2) return misused;
        // A generic helper's body read over double (ExpressionLowering.GenericHelpers) is checked on its own source.
        if (!accessChecked && PlainHelpers.InaccessibleIn(block, _caller.ContainingType, _compilation) is { } hidden)
            return RefusePlainHelper(method, at, hidden);
        if (_context.Writes?.Of(method, block) is { Count: > 0 } written)
            return RefusePlainHelper(method, at, "it writes into its array argument '" + method.Parameters[written.Min()].Name + "' through a call (a helper differentiated in place may write only its own locals)");

        // Recursion of a constant depth is unrolled, a level per call (ExpressionLowering.RecursiveHelpers); any other is refused here, once.
        var level = UnrollLevel(method, block, arguments, at, out int notUnrolled);
        if (level is null && notUnrolled != -2) return notUnrolled;
        if (level is null && _plainHelpers.Any(m => SymbolEqualityComparer.Default.Equals(m, method)))
            return RefusePlainHelper(method, at, "it calls itself through another helper (recursion: a helper is inlined where it is called, and recursion has no end to inline; mark it [Differentiable], where recursion is differentiated)");

        // The arguments first, as C# evaluates them, and outside the helper: a call of the same helper inside one
        // (H(H(x))) is no recursion, and what an argument reports is the caller's own error, where it is.
        // A jagged row passed to a double[] parameter stands for the row in the body (ExpressionLowering.PlainRowArguments).
        int rowRefused = -2;
        var rows = level is null ? RowArguments(method, block, arguments, at, out rowRefused) : null;
        if (rowRefused != -2) return rowRefused;
        // A span parameter is bound to the view its argument is (ExpressionLowering.SpanParameters), after the other arguments;
        // a whole array passed to a ReadOnlySpan stands for the array itself, as before spans22 (SpanArguments: no view's ints).
        var whole = SpanArguments(method, arguments);
        bool Viewed(IParameterSymbol p) => IsViewParameter(p) && rows?.ContainsKey(p.Ordinal) != true && ReferenceEquals(whole[p.Ordinal], arguments[p.Ordinal]);
        // A list the method tracks passed to a sequence parameter is a second name of it in the body (ExpressionLowering.SequenceHelperArguments).
        var lists = level is null ? SequenceListArguments(method, arguments) : null;
        var bound = BindArguments(method, whole, i => rows?.ContainsKey(i) == true || lists?.ContainsKey(i) == true || Viewed(method.Parameters[i]));
        if (bound is null) return Placeholder(at);
        var views = BindSpanParameters(method, block, method.Parameters.Where(Viewed).Select(p => (p, arguments[p.Ordinal])));
        if (views is null) return Placeholder(at);
        // H(t, t): a comparison of its two parameters is kept from reading 't > t' (CS1718) where it is rendered (ConstantRenderer.SelfCompared).
        int diagnosticsBefore = _context.Diagnostics.Count, calleesBefore = _context.Callees.Count;
        bool errorsBefore = _context.HasErrors;
        int value;
        var outerLevel = level is null ? null : HeldBindings(method, block);
        if (level is not null) EnterUnrolled(level);
        _plainHelpers.Add(method);
        try
        {
            Bind(bound);
            if (rows is not null) foreach (var row in rows) _context.DeclareJaggedRow(method.Parameters[row.Key], row.Value.Grid, row.Value.Row);
            if (lists is not null) foreach (var list in lists) _context.AliasList(method.Parameters[list.Key], list.Value);
            var body = InlinedBody.Of(block, method, "A call to '" + helper + "'")!;
            value = result(LowerInlined(body, at));
        }
        finally
        {
            if (rows is not null) foreach (var row in rows) _context.ForgetJaggedRow(method.Parameters[row.Key]);
            ForgetSpanParameters(views);
            if (lists is not null) foreach (var list in lists) _context.ForgetListAlias(method.Parameters[list.Key]);
            _plainHelpers.RemoveAt(_plainHelpers.Count - 1);
            // Calls to [Differentiable] callees made inside the body are this method's, reported (ADG0017) at this call.
            for (int i = calleesBefore; i < _context.Callees.Count; i++) _context.Callees[i] = (_context.Callees[i].Call, at.Syntax);
        }
        // An error state with no diagnostic of its own (a rejected local) stops the body too.
        int settled = Settle(method, at, diagnosticsBefore, !errorsBefore && _context.HasErrors ? -1 : value);
        return outerLevel is null ? settled : FinishUnrolling(method, at, outerLevel, diagnosticsBefore, settled);
    }

    /// <summary>A plain helper's bound body (its expression body as a block), once per analysis; null when it is not in this compilation.</summary>
    private IBlockOperation? PlainBody(IMethodSymbol method)
    {
        if (!_plainBodies.TryGetValue(method, out var found))
        {
            found = CalleeBodies.Find(method, _compilation);
            _plainBodies[method] = found;
        }
        else if (found is not null)
        {
            // Bound earlier in this analysis: the tree is read again all the same (the analysis cache must know it).
            Helpers.BodyReads.Note(found.Syntax.SyntaxTree);
        }
        return found is null ? null : found.Body.ExpressionBody ?? found.Body.BlockBody;
    }

    /// <summary>
    /// An array passed to a <c>ReadOnlySpan</c> parameter (<c>SumSq(w)</c>, converted implicitly) binds the parameter to
    /// the array itself: the body reads the span element by element, which is reading the array, so the array's adjoint
    /// is the span's (a slice, <c>w.AsSpan(1)</c>, keeps its conversion and is judged by lowering as any argument).
    /// </summary>
    private static IOperation[] SpanArguments(IMethodSymbol method, IOperation[] arguments)
    {
        var bound = (IOperation[])arguments.Clone();
        for (int i = 0; i < bound.Length; i++)
        {
            if ((method.Parameters[i].Type is INamedTypeSymbol { Name: "ReadOnlySpan" } || IsSequenceInterface(method.Parameters[i].Type))
                && bound[i] is IConversionOperation { IsImplicit: true, Operand: { Type: IArrayTypeSymbol { Rank: 1 } } array })
                bound[i] = array;
        }
        return bound;
    }

    /// <summary>
    /// What lowering the body reported becomes this call's: an error, the first one, wrapped into one ADG0004 at the call
    /// (the helper is not the user's [Differentiable] method, so an error inside it would point at code that is fine on
    /// its own); warnings move to the call. A body that stopped without a diagnostic is refused too: never a constant.
    /// </summary>
    private int Settle(IMethodSymbol method, IOperation at, int diagnosticsBefore, int value) =>
        SettledOk(method, at, diagnosticsBefore, value >= 0) ? value : Placeholder(at);

    /// <summary><see cref="Settle"/>'s judgement: true when the value stands, else the one ADG0004 at the call is reported.</summary>
    private bool SettledOk(IMethodSymbol method, IOperation at, int diagnosticsBefore, bool lowered)
    {
        var inner = _context.Diagnostics.Skip(diagnosticsBefore).ToList();
        var error = inner.FirstOrDefault(d => DiagnosticDescriptors.Get(d.Id).DefaultSeverity == DiagnosticSeverity.Error);
        if (error is null && lowered)
        {
            for (int i = diagnosticsBefore; i < _context.Diagnostics.Count; i++) _context.Diagnostics[i] = _context.Diagnostics[i] with { Location = at.Syntax.GetLocation() };
            return true;
        }
        _context.Diagnostics.RemoveRange(diagnosticsBefore, _context.Diagnostics.Count - diagnosticsBefore);
        string reason = error is null ? "its body could not be differentiated"
            : (Line(error, method) is { Length: > 0 } line ? "its body has " + error.Id + line : "the call has " + error.Id) + ": " + Message(error);
        RefusePlainHelper(method, at, reason);
        return false;
    }

    /// <summary>
    /// True while a [Differentiable] generic callee of a shape with no generic Backward to call (<c>T Dot&lt;T&gt;(T[] a, T[] b)</c>)
    /// is inlined over the caller's type argument: its refusal must not say it is not [Differentiable].
    /// </summary>
    private bool _inliningDifferentiableGeneric;

    /// <summary>ADG0004 at the call, saying why the helper's body is not differentiated in place.</summary>
    private int RefusePlainHelper(IMethodSymbol method, IOperation at, string reason)
    {
        if (_inliningDifferentiableGeneric)
        {
            // Marking it [Differentiable] (ADG0004's advice) would change nothing: it is marked.
            _context.ReportUnsupportedExpression(at, "A call to the generic [Differentiable] method '" + method.ContainingType.Name + "." + method.Name
                + "', which is differentiated in place at the caller's type argument (a generic callee's generated Backward is called only when it takes and returns T alone), where " + reason,
                "write a non-generic [Differentiable] overload of it for the type you call it with, which gets its own Backward");
            return Placeholder(at);
        }
        _context.Report(DiagnosticFactory.Create(DiagnosticDescriptors.NoDerivative, at.Syntax,
            method.ContainingType.Name + "." + method.Name, method.Name, DerivativeShapes.Text(method, DerivativeForm.Backward),
            ": '" + method.ContainingType.Name + "." + method.Name + "' " + (PlainTryHelpers.IsNoDiffWithRefs(method)
                ? "is [NoDiff] with ref/out parameters, so its body is run in place (its results constants) to know what it leaves in them, but "
                : "is not [Differentiable], so its body is differentiated in place, but ") + reason));
        return Placeholder(at);
    }

    /// <summary>Where in the helper's body the inner error is (its line), when it is there and not at the call.</summary>
    private static string Line(DiagnosticInfo d, IMethodSymbol method) =>
        d.Location is { SourceTree: { } tree } location && method.DeclaringSyntaxReferences.Any(r => r.SyntaxTree == tree && r.Span.Contains(location.SourceSpan))
            ? " at line " + (location.GetLineSpan().StartLinePosition.Line + 1).ToString(CultureInfo.InvariantCulture) : "";

    private static string Message(DiagnosticInfo d) =>
        string.Format(CultureInfo.InvariantCulture, DiagnosticDescriptors.Get(d.Id).MessageFormat.ToString(CultureInfo.InvariantCulture), d.Arguments.Cast<object>().ToArray()).TrimEnd('.');
}
