using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Which <c>double[]</c>/<c>float[]</c> (and <c>double[,]</c>/<c>float[,]</c>) parameters a [Differentiable] method writes into: by a store (<c>a[i] = v</c>,
/// <c>a[i] *= v</c>), or by passing the array to a [Differentiable] callee that writes into it (docs/ref-out.md, "Calls
/// that write into arrays"). A caller needs this of its callees: an array a call writes into gets a new version after
/// the call, and the reverse sweep passes the callee's Backward a copy taken before it. The callee's declaration does
/// not say it, so its body is read here (through calls, transitively); a body in another tree makes the analysis
/// one the cache reuses only while that tree's text is the same (<see cref="ReadOtherTrees"/>). Over-approximating is safe (the in/out adjoint of a
/// slot a callee never writes only adds, like a read-only one's), so a method met again while it is being read
/// (recursion) counts as writing every array it takes. A callee in another assembly counts as writing none.
/// </summary>
internal sealed partial class ArrayWrites
{
    private readonly Compilation _compilation;
    private readonly SemanticModel _ownModel;
    private readonly Dictionary<IMethodSymbol, HashSet<int>> _known = new(SymbolEqualityComparer.Default);
    private readonly HashSet<IMethodSymbol> _reading = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IMethodSymbol, HashSet<int>> _writtenFirst = new(SymbolEqualityComparer.Default);

    public ArrayWrites(Compilation compilation, SemanticModel ownModel)
    {
        _compilation = compilation;
        _ownModel = ownModel;
    }

    /// <summary>True once a callee's body in another syntax tree was read: the analysis then depends on that body.</summary>
    public bool ReadOtherTrees { get; private set; }

    /// <summary>The ordinals of the array parameters <paramref name="method"/>'s <paramref name="body"/> writes into, directly or through calls.</summary>
    public HashSet<int> Of(IMethodSymbol method, IOperation body) => Of(method, body, jaggedToo: false);

    /// <param name="method">The method.</param>
    /// <param name="body">Its body.</param>
    /// <param name="jaggedToo">Count a jagged <c>double[][]</c> parameter written (<c>o[i][j] = …</c>, <c>o[i] = new double[k]</c>) too:
    /// only a body inlined where it is called writes one, into the caller's local jagged array (ArrayWrites.Inlined).</param>
    private HashSet<int> Of(IMethodSymbol method, IOperation body, bool jaggedToo)
    {
        var written = new HashSet<int>();
        _reading.Add(method.OriginalDefinition);
        try
        {
            foreach (var op in body.Descendants())
            {
                switch (op)
                {
                    // (a[i], a[j]) = (a[j], a[i]): each element among the targets is a store.
                    case IDeconstructionAssignmentOperation d:
                        foreach (var element in d.Target.DescendantsAndSelf())
                        {
                            if (element.Parent is ITupleOperation && OwnArray(jaggedToo, method, ElementOf(element)) is int q) written.Add(q);
                        }
                        break;
                    case IAssignmentOperation a when OwnArray(jaggedToo, method, ElementOf(a.Target)) is int p:
                        written.Add(p);
                        break;
                    case IIncrementOrDecrementOperation i when OwnArray(jaggedToo, method, ElementOf(i.Target)) is int p:
                        written.Add(p);
                        break;
                    // ref double r = ref a[i]: writes through r are writes into a (over-approximated: any such binding).
                    case IVariableDeclaratorOperation { Symbol: { IsRef: true, RefKind: RefKind.Ref } } d
                        when OwnArray(jaggedToo, method, ElementOf((d.Initializer ?? (d.Parent as IVariableDeclarationOperation)?.Initializer)?.Value)) is int p:
                        written.Add(p);
                        break;
                    // foreach (ref var v in a.AsSpan(…)): writes through v are writes into a (over-approximated, as above).
                    case IForEachLoopOperation { Locals: [{ IsRef: true, RefKind: RefKind.Ref }] } refLoop when OwnArray(jaggedToo, method, BulkCopies.Root(refLoop.Collection)) is int p:
                        written.Add(p);
                        break;
                    // (c ? ref a[i] : ref b[j]) = v, ref double r = ref (c ? ref a[i] : …): a store into either (StatementLowering.RefChoices).
                    case IConditionalOperation { IsRef: true } chosen when chosen.Parent is not IConditionalOperation:
                        foreach (var leaf in chosen.DescendantsAndSelf().Where(e => e.Parent is IConditionalOperation { IsRef: true } parent && parent.Condition != e))
                        {
                            if (OwnArray(jaggedToo, method, ElementOf(leaf)) is int q) written.Add(q);
                        }
                        break;
                    // Passing a span parameter's element by ref (a ref argument, ref r = ref y[i] above) counts as a write too.
                    case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } arg when OwnArray(jaggedToo, method, ElementOf(arg.Value)) is int p:
                        written.Add(p);
                        break;
                    case IInvocationOperation call:
                        // Array.Copy(x, y, n), x.AsSpan().CopyTo(y): a store into y (BulkCopies).
                        if (OwnArray(jaggedToo, method, BulkCopies.DestinationRoot(call)) is int copied) written.Add(copied);
                        foreach (var argument in call.Arguments)
                        {
                            // Sq(ref a[i]): the callee's value goes back into the element (ExpressionLowering.RefElements).
                            if (argument.Parameter is { RefKind: RefKind.Ref or RefKind.Out } && argument.Value is IArrayElementReferenceOperation element
                                && OwnArray(jaggedToo, method, element.ArrayReference) is int q)
                            {
                                written.Add(q);
                                continue;
                            }
                            // (A plain helper's span parameter may be passed a slice of the array, p.AsSpan(1): ExpressionLowering.SpanParameters.)
                            if (argument.Parameter is null || OwnArray(jaggedToo, method, InlinedWrites(call.TargetMethod, argument.Parameter.Ordinal) ? BulkCopies.Root(argument.Value) : CollectionArguments.Unwrap(argument.Value)) is not int p) continue;
                            // AddScaled(a, v, s): a plain void helper or local function inlined here writes into a (ArrayWrites.Inlined).
                            if (WritesCalledOrInlined(call.TargetMethod, argument.Parameter.Ordinal)) written.Add(p);
                        }
                        break;
                }
            }
        }
        finally
        {
            _reading.Remove(method.OriginalDefinition);
        }
        return written;
    }

    /// <summary>True when a call to <paramref name="callee"/> writes into the array it passes for parameter <paramref name="ordinal"/>.</summary>
    public bool Writes(IMethodSymbol callee, int ordinal)
    {
        var definition = (callee.ReducedFrom ?? callee).OriginalDefinition;
        if (ordinal < 0 || ordinal >= definition.Parameters.Length || !IsWritable(definition.Parameters[ordinal])) return false;
        return WrittenBy(definition).Contains(ordinal);
    }

    /// <summary>
    /// True when <paramref name="callee"/> writes into the array it is passed for parameter <paramref name="ordinal"/> and
    /// reads no element of it before writing that element (<see cref="WrittenBeforeRead"/>): the values the array held
    /// before the call change nothing the callee (or its generated Backward) computes.
    /// </summary>
    public bool WritesBeforeReading(IMethodSymbol callee, int ordinal)
    {
        var definition = (callee.ReducedFrom ?? callee).OriginalDefinition;
        return Writes(callee, ordinal) && _writtenFirst.TryGetValue(definition, out var first) && first.Contains(ordinal);
    }

    private HashSet<int> WrittenBy(IMethodSymbol definition)
    {
        if (_known.TryGetValue(definition, out var known)) return known;
        if (_reading.Contains(definition))
        {
            // Recursion: assume the worst (safe), and do not remember it.
            return new HashSet<int>(definition.Parameters.Where(IsWritable).Select(p => p.Ordinal));
        }
        var result = new HashSet<int>();
        if (BodyOf(definition) is { } body)
        {
            result = Of(definition, body);
            _writtenFirst[definition] = new HashSet<int>(result.Where(o => WrittenBeforeRead.Holds(body, definition.Parameters[o])));
        }
        _known[definition] = result;
        return result;
    }

    /// <summary>The body of a [Differentiable] method declared in source, or null.</summary>
    private IMethodBodyBaseOperation? BodyOf(IMethodSymbol definition)
    {
        if (!DerivativeResolver.IsDifferentiable(definition) ||
            definition.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is not MethodDeclarationSyntax syntax ||
            syntax.Body is null && syntax.ExpressionBody is null)
        {
            return null;
        }
        var model = ModelOf(syntax.SyntaxTree);
        return model.GetOperation(syntax) as IMethodBodyBaseOperation;
    }

    /// <summary>
    /// True when a call to <paramref name="callee"/> stores into the array of structs it is passed for parameter
    /// <paramref name="ordinal"/> (<see cref="StructArrayStores"/>), itself or through a callee it passes it to.
    /// </summary>
    public bool WritesStructArray(IMethodSymbol callee, int ordinal)
    {
        var definition = (callee.ReducedFrom ?? callee).OriginalDefinition;
        if (ordinal < 0 || ordinal >= definition.Parameters.Length || !_reading.Add(definition)) return false;
        try
        {
            if (BodyOf(definition) is not { } body) return false;
            var parameter = definition.Parameters[ordinal];
            if (StructArrayStores.IsWritten(body, parameter)) return true;
            // Passed on whole: the next callee may store into it.
            return body.Descendants().OfType<IArgumentOperation>().Any(a => a.Parameter is { } next && a.Parent is IInvocationOperation call
                && SymbolEqualityComparer.Default.Equals(StructArrayStores.Root(a.Value), parameter) && WritesStructArray(call.TargetMethod, next.Ordinal));
        }
        finally
        {
            _reading.Remove(definition);
        }
    }

    /// <summary>The array or span an element reference indexes (<c>a[i]</c>, <c>m[i, j]</c>, a Span's indexer <c>y[i]</c>), or null.</summary>
    private static IOperation? ElementOf(IOperation? target) => target switch
    {
        IArrayElementReferenceOperation e => e.ArrayReference,
        IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { Type: INamedTypeSymbol { Name: "Span" } } span } => span,
        _ => null,
    };

    /// <summary>The ordinal of <paramref name="method"/>'s own writable array parameter that <paramref name="array"/> reads, or null.</summary>
    private static int? OwnArray(bool jaggedToo, IMethodSymbol method, IOperation? array)
    {
        // o[i][j] = … into a row of a jagged parameter of an inlined body: a store into o.
        if (jaggedToo && array is IArrayElementReferenceOperation { Indices.Length: 1, ArrayReference: IParameterReferenceOperation { Parameter: var rows } }
            && SymbolEqualityComparer.Default.Equals(rows.ContainingSymbol, method) && IsWritableJagged(rows)) return rows.Ordinal;
        // double[] a = workingData; a[i] = …, or Span<double> v = a.AsSpan(1); v[i] = …: a store into the parameter (ArrayAliases).
        var parameter = array switch
        {
            IParameterReferenceOperation { Parameter: var p } => p,
            ILocalReferenceOperation { Local: var l } => ArrayAliases.Resolve(l, array) as IParameterSymbol,
            _ => null,
        };
        return parameter is { } q && SymbolEqualityComparer.Default.Equals(q.ContainingSymbol, method) && (IsWritable(q) || jaggedToo && IsWritableJagged(q)) ? q.Ordinal : null;
    }

    /// <summary>A by-value jagged <c>double[][]</c>/<c>float[][]</c> parameter: what an inlined body may write into for its caller's local jagged array.</summary>
    public static bool IsWritableJagged(IParameterSymbol p) => p.RefKind == RefKind.None && PlainHelpers.IsRealJagged(p.Type);

    /// <summary>
    /// A by-value double[]/float[], double[,]/float[,] or Span&lt;double&gt;/Span&lt;float&gt; parameter: the arrays a method may
    /// write into (a jagged one is an error at the write). A span output is an array output whose adjoint is a Span
    /// (docs/ref-out.md, "Span outputs").
    /// </summary>
    public static bool IsWritable(IParameterSymbol p) =>
        p.RefKind == RefKind.None && (p.Type is IArrayTypeSymbol { Rank: 1 or 2, ElementType.SpecialType: SpecialType.System_Double or SpecialType.System_Single }
            || IsRealSpan(p.Type));

    /// <summary>Span&lt;double&gt; or Span&lt;float&gt; (not ReadOnlySpan: nothing can be written through it).</summary>
    public static bool IsRealSpan(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "Span", IsGenericType: true, TypeArguments: [{ SpecialType: SpecialType.System_Double or SpecialType.System_Single }] } named
        && named.ContainingNamespace?.ToDisplayString() == "System";
}
