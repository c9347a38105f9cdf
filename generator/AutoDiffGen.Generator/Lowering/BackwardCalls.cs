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
/// <see cref="Caching.AnalysisCache"/>). So a call into this compilation is recorded here and checked later in the
/// pipeline (<see cref="CalleeGate"/>); a call into another assembly is checked now, against its members.
/// </summary>
internal static class BackwardCalls
{
    /// <summary>A method's identity across pipeline steps: its display string, parameters included, of the generic definition.</summary>
    public static string Key(IMethodSymbol method) => (method.ReducedFrom ?? method).OriginalDefinition.ToDisplayString();

    /// <summary>Where each call is, in source order: ADG0017 points there when the callee gets no Backward (<see cref="CalleeGate"/>).</summary>
    public static EquatableArray<CalleeSite> Sites(List<(CalleeCall Call, SyntaxNode At)> calls) =>
        calls.OrderBy(c => c.At.SpanStart).Select(c => new CalleeSite(c.Call.Key, c.At.GetLocation())).Distinct().ToEquatableArray();

    /// <summary>Records the call, or reports ADG0017 and returns false when the callee's assembly has no Backward.</summary>
    public static bool Note(LoweringContext context, IMethodSymbol method, CallInfo call, IOperation at, Compilation compilation)
    {
        if (call.Form != DerivativeForm.Backward || call.DerivativeKey.Length > 0) return true;
        var callee = (method.ReducedFrom ?? method).OriginalDefinition;
        string backward = callee.Name + "Backward";
        string name = callee.ContainingType.Name + "." + callee.Name;
        if (SymbolEqualityComparer.Default.Equals(callee.ContainingAssembly, compilation.Assembly))
        {
            context.Callees.Add((new CalleeCall(SymbolNames.MethodKey(callee), name, backward), at.Syntax));
            return true;
        }
        if (callee.ContainingType.GetMembers(backward).OfType<IMethodSymbol>().Any()) return true;
        context.Report(DiagnosticFactory.Create(DiagnosticDescriptors.CalleeHasNoBackward, at.Syntax, name,
            "its assembly '" + callee.ContainingAssembly.Name + "' was built without it (the method had errors there)", backward));
        return false;
    }
}
