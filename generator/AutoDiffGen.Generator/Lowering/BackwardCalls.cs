using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
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

    /// <summary>Records the call, or reports ADG0017 and returns false when the callee's assembly has no Backward.</summary>
    public static bool Note(LoweringContext context, IMethodSymbol method, CallInfo call, IOperation at, Compilation compilation)
    {
        if (call.Form != DerivativeForm.Backward || call.DerivativeKey.Length > 0) return true;
        var callee = (method.ReducedFrom ?? method).OriginalDefinition;
        string backward = callee.Name + "Backward";
        string name = callee.ContainingType.Name + "." + callee.Name;
        if (SymbolEqualityComparer.Default.Equals(callee.ContainingAssembly, compilation.Assembly))
        {
            context.Callees.Add((new CalleeCall(SymbolNames.MethodKey(callee), name, backward, -1), at.Syntax));
            return true;
        }
        if (callee.ContainingType.GetMembers(backward).OfType<IMethodSymbol>().Any()) return true;
        context.Report(DiagnosticFactory.Create(DiagnosticDescriptors.CalleeHasNoBackward, at.Syntax, name,
            "its assembly '" + callee.ContainingAssembly.Name + "' was built without it (the method had errors there)", backward));
        return false;
    }
}
