using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// ADG0035 (information): a class parameter without <c>[WithRespectTo]</c> or <c>[NoDiff]</c> whose real members are read
/// where they reach the result. The contract passes it through with no adjoint, so its members are constants; a user who
/// meant them as inputs (natural F07: <c>LossBackward(p, …, ref grad)</c> was CS1615 with nothing saying why) learns
/// what to write. Information only: the build and the gradient with respect to the other inputs are unchanged.
/// </summary>
internal static class ClassConstantReads
{
    /// <param name="method">The [Differentiable] method.</param>
    /// <param name="syntax">Its declaration (the diagnostic is at the parameter).</param>
    /// <param name="body">Its bound body.</param>
    /// <param name="nodes">The lowered graph's nodes.</param>
    /// <param name="parameterNodes">Each parameter's node (-1 for none).</param>
    /// <param name="result">The result's node, or -1 for a void method (whose every node then counts as reaching a result).</param>
    /// <param name="diagnostics">Where the information goes.</param>
    public static void Report(IMethodSymbol method, MethodDeclarationSyntax syntax, IOperation body, IReadOnlyList<Node> nodes, int[] parameterNodes, int result, List<DiagnosticInfo> diagnostics)
    {
        HashSet<int>? reaching = null;
        for (int i = 0; i < method.Parameters.Length; i++)
        {
            var p = method.Parameters[i];
            if (parameterNodes[i] < 0 || !IsPassedThroughClass(p) || !ReadsRealMember(body, p)) continue;
            reaching ??= Reaching(nodes, result);
            int node = parameterNodes[i];
            // A real member's read is a constant of the forward sweep that depends on the parameter's node, or (hoisted) one
            // whose text reads the parameter, whose name nothing else in the method has.
            var reads = new System.Text.RegularExpressions.Regex(@"(?<![\w.@])@?" + System.Text.RegularExpressions.Regex.Escape(p.Name) + @"\s*\.");
            if (!nodes.Any(n => reaching.Contains(n.Id) && (n.Inputs.Contains(node) || n.Gate == GateKind.Constant && reads.IsMatch(n.Text)))) continue;
            string type = p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
            diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.ClassReadAsConstant,
                ((SyntaxNode?)syntax.ParameterList.Parameters.ElementAtOrDefault(i) ?? syntax).GetLocation(), p.Name, type.TrimEnd('?'), NameAllocator.AdjointBase(p.Name)));
        }
    }

    /// <summary>
    /// ADG0036 (information): an array, list or sequence parameter of class objects (<c>Asset[] assets</c>,
    /// <c>List&lt;Item&gt; items</c>) without <c>[NoDiff]</c> whose elements' real members are read (<c>assets[i].Volatility</c>,
    /// <c>foreach (var it in items) s += it.Value</c>, <c>items.Sum(it =&gt; it.Value)</c>). Such a parameter has no adjoint
    /// (<c>[WithRespectTo]</c> takes single objects only), so those members are constants of the Backward; unlike a single
    /// class parameter (ADG0035) nothing said so. Any such read counts, reaching the result or not (the element reads of an
    /// inlined loop or lambda are not named after the parameter in the graph).
    /// </summary>
    public static void ReportElements(IMethodSymbol method, MethodDeclarationSyntax syntax, IOperation body, List<DiagnosticInfo> diagnostics)
    {
        for (int i = 0; i < method.Parameters.Length; i++)
        {
            var p = method.Parameters[i];
            // A [WithRespectTo] one has its adjoint (ClassArrayParameters), or its ADG0006 where it cannot.
            if (p.RefKind != RefKind.None || ValueKinds.IsNoDiff(p) || ClassParameters.IsOptedIn(p) || ElementClass(p.Type) is not { } element || !ReadsElementRealMember(body, p)) continue;
            string collection = p.Type is IArrayTypeSymbol ? "an array" : "a " + ((INamedTypeSymbol)p.Type).Name;
            string name = element.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
            string fix = p.Type is IArrayTypeSymbol || ClassArrayParameters.ListElement(p.Type) is not null
                ? "mark '" + p.Name + "' [WithRespectTo] for a gradient (MBackward then takes '" + name + "[] " + NameAllocator.AdjointBase(p.Name) + "', one object per element, added into)"
                : "take it as an array marked [WithRespectTo] for a gradient ([WithRespectTo] " + name + "[] " + p.Name + ": MBackward then takes '" + name + "[] " + NameAllocator.AdjointBase(p.Name) + "'), or pass the values as double[] (one array per member)";
            diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.ClassElementsReadAsConstant,
                ((SyntaxNode?)syntax.ParameterList.Parameters.ElementAtOrDefault(i) ?? syntax).GetLocation(), p.Name, collection, name, fix));
        }
    }

    /// <summary>The element class of a one-dimensional array, list or sequence type of class objects; null otherwise.</summary>
    private static INamedTypeSymbol? ElementClass(ITypeSymbol type) => ClassArrayParameters.Element(type) ?? ClassArrayParameters.SequenceElement(type);

    /// <summary>A real member read of an element of <paramref name="p"/>: indexed, a foreach variable over it, or a LINQ lambda's parameter over it.</summary>
    private static bool ReadsElementRealMember(IOperation body, IParameterSymbol p)
    {
        bool IsP(IOperation? op) => Unwrap(op) is IParameterReferenceOperation { Parameter: var r } && SymbolEqualityComparer.Default.Equals(r, p);
        var locals = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var loop in body.Descendants().OfType<IForEachLoopOperation>())
        {
            if (IsP(loop.Collection) && loop.LoopControlVariable is IVariableDeclaratorOperation { Symbol: var v }) locals.Add(v);
        }
        foreach (var call in body.Descendants().OfType<IInvocationOperation>())
        {
            if (!call.Arguments.Any(a => IsP(a.Value)) && !IsP(call.Instance)) continue;
            foreach (var lambda in call.Arguments.Select(a => Unwrap(a.Value)).OfType<IDelegateCreationOperation>().Select(d => d.Target).OfType<IAnonymousFunctionOperation>())
            {
                foreach (var parameter in lambda.Symbol.Parameters) locals.Add(parameter);
            }
        }
        return body.Descendants().Any(op => op is IMemberReferenceOperation member && op is not IMethodReferenceOperation
            && member.Type is { } t && ValueKinds.CarriesReals(t) && !RealStructs.IsDiscrete(t)
            && Unwrap(member.Instance) switch
            {
                IArrayElementReferenceOperation a => IsP(a.ArrayReference),
                IPropertyReferenceOperation { Property.IsIndexer: true } indexer => IsP(indexer.Instance),
                ILocalReferenceOperation l => locals.Contains(l.Local),
                IParameterReferenceOperation q => locals.Contains(q.Parameter),
                _ => false,
            });
    }

    private static IOperation? Unwrap(IOperation? op)
    {
        while (op is IConversionOperation c) op = c.Operand;
        return op;
    }

    /// <summary>A class parameter the contract passes through: by value, no [NoDiff], no [WithRespectTo], and no adjoint of another kind (a tensor, a list).</summary>
    private static bool IsPassedThroughClass(IParameterSymbol p) =>
        p.RefKind == RefKind.None && p.Type is INamedTypeSymbol { TypeKind: TypeKind.Class, SpecialType: SpecialType.None } && !ValueKinds.IsNoDiff(p) && !ClassParameters.IsOptedIn(p)
        && ExpressionLowering.TypeOf(p.Type) == ScalarType.Other && !ValueKinds.IsRealList(p.Type);

    /// <summary>
    /// The body reads a member of the parameter that [WithRespectTo] would make an input (<c>p.Rate</c>, a nested real
    /// struct): only then is the advice right. An array member (<c>model.Weights</c>, ADBench's hand model) stays quiet:
    /// [WithRespectTo] refuses it (ADG0003), and the contract's pass-through constant is what such models mean.
    /// </summary>
    private static bool ReadsRealMember(IOperation body, IParameterSymbol p) =>
        body.Descendants().Any(op => op is IMemberReferenceOperation { Instance: IParameterReferenceOperation { Parameter: var reference } } member && op is not IMethodReferenceOperation
            && SymbolEqualityComparer.Default.Equals(reference, p) && member.Type is { } t && ValueKinds.CarriesReals(t)
            && ClassComponents.IsRootMember(member.Member) && !RealStructs.IsDiscrete(t));

    /// <summary>The nodes the result reads, directly or through others (every node when there is no result node).</summary>
    private static HashSet<int> Reaching(IReadOnlyList<Node> nodes, int result)
    {
        if (result < 0) return new HashSet<int>(nodes.Select(n => n.Id));
        var seen = new HashSet<int> { result };
        var stack = new Stack<int>();
        stack.Push(result);
        while (stack.Count > 0)
        {
            foreach (int input in nodes[stack.Pop()].Inputs)
            {
                if (seen.Add(input)) stack.Push(input);
            }
        }
        return seen;
    }
}
