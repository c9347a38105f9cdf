using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Calls to the generated Backward of a [Differentiable] callee. That Backward exists only if the callee's
/// own analysis succeeded, which a caller's analysis cannot see (it reads no other method's body, see
/// <see cref="AnalysisCache"/>). So a call into this compilation is recorded here and checked later in the
/// pipeline (<see cref="CalleeGate"/>); a call into another assembly is checked now, against its members.
/// </summary>
internal static class BackwardCalls
{
    /// <summary>A method's identity across pipeline steps: its display string, parameters included, of the generic definition.</summary>
    public static string Key(IMethodSymbol method) => (method.ReducedFrom ?? method).OriginalDefinition.ToDisplayString();

    /// <summary>The calls with <c>Node</c> set to the call's index among <paramref name="method"/>'s descendant nodes (one walk for all).</summary>
    public static IEnumerable<CalleeCall> Anchor(SyntaxNode method, List<(CalleeCall Call, SyntaxNode At)> calls)
    {
        if (calls.Count == 0) return System.Array.Empty<CalleeCall>();
        var wanted = new HashSet<SyntaxNode>(calls.Select(c => c.At));
        var index = new Dictionary<SyntaxNode, int>();
        int i = 0;
        foreach (var n in method.DescendantNodes())
        {
            if (wanted.Contains(n)) index[n] = i;
            i++;
        }
        return calls.Select(c => c.Call with { Node = index.TryGetValue(c.At, out int at) ? at : -1 }).Distinct();
    }

    /// <summary>The location of an anchored call in <paramref name="compilation"/>, or null when it is not found.</summary>
    public static Location? Resolve(CallAnchor anchor, Compilation compilation)
    {
        if (anchor.Node < 0) return null;
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (tree.TryGetText(out var text) && text.ToString().IndexOf(anchor.MethodName, System.StringComparison.Ordinal) < 0) continue;
            foreach (var method in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>())
            {
                if (method.Identifier.ValueText != anchor.MethodName) continue;
                if (compilation.GetSemanticModel(tree).GetDeclaredSymbol(method) is not IMethodSymbol symbol || Key(symbol) != anchor.MethodKey) continue;
                return method.DescendantNodes().ElementAtOrDefault(anchor.Node)?.GetLocation();
            }
        }
        return null;
    }

    /// <summary>Records the call, or reports ADG0017 and returns false when the callee's assembly has no Backward.</summary>
    public static bool Note(LoweringContext context, IMethodSymbol method, CallInfo call, IOperation at, Compilation compilation)
    {
        if (call.Form != DerivativeForm.Backward || call.DerivativeKey.Length > 0) return true;
        var callee = (method.ReducedFrom ?? method).OriginalDefinition;
        string backward = callee.Name + "Backward";
        string name = callee.ContainingType.Name + "." + callee.Name;
        if (SymbolEqualityComparer.Default.Equals(callee.ContainingAssembly, compilation.Assembly))
        {
            context.Callees.Add((new CalleeCall(Key(callee), name, backward, -1), at.Syntax));
            return true;
        }
        if (callee.ContainingType.GetMembers(backward).OfType<IMethodSymbol>().Any()) return true;
        context.Report(DiagnosticFactory.Create(DiagnosticDescriptors.CalleeHasNoBackward, at.Syntax, name,
            "its assembly '" + callee.ContainingAssembly.Name + "' was built without it (the method had errors there)", backward));
        return false;
    }
}
