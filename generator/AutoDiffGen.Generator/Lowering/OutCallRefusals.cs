using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A call to a library method that returns values through out arguments (<c>Matrix4x4.Invert(m, out var r)</c>,
/// <c>Matrix4x4.Decompose(m, out s, out q, out t)</c>) whose derivative the generator does not know: one ADG0003 at the
/// call, naming the method, the argument that carries a gradient (or that none does) and what to write instead, and the locals it would have written are rejected
/// (<see cref="LoweringContext.Reject"/>) so their later reads do not add a misleading "read before assigned" error.
/// </summary>
internal static class OutCallRefusals
{
    /// <summary>
    /// True for a method from a referenced assembly (not the user's source) with an out parameter. A call with only ref
    /// arguments (<c>Array.Resize(ref a, n)</c>) keeps its own message: it changes what it is given, it returns nothing new.
    /// </summary>
    public static bool IsLibraryOutCall(IInvocationOperation call) =>
        call.TargetMethod.Locations.All(l => l.IsInMetadata)
        && call.TargetMethod.Parameters.Any(p => p.RefKind == RefKind.Out);

    /// <summary>Reports the call (ADG0003 at it) and rejects the locals its out/ref arguments name.</summary>
    public static void Refuse(IInvocationOperation call, LoweringContext context)
    {
        var method = call.TargetMethod;
        string name = method.ContainingType is { } type ? type.Name + "." + method.Name : method.Name;
        // Say which argument carries a gradient, or that none does (linq23: Matrix4x4.Invert of a [NoDiff] matrix is still
        // refused, as results through a library's out arguments are not followed, but then the way out is the [NoDiff] one).
        var carrying = call.Arguments.FirstOrDefault(a => a.Parameter?.RefKind != RefKind.Out && context.IsActive(a.Value));
        if (carrying is null)
        {
            context.ReportUnsupportedExpression(call,
                "A call to '" + name + "', whose results come back through out arguments (not followed inside the method, even though nothing it is passed carries a gradient),",
                "call it before the [Differentiable] method and pass its result in as a [NoDiff] parameter (its value is a constant there)");
        }
        else
        {
            context.ReportUnsupportedExpression(call,
                "A call to '" + name + "', whose results come back through out arguments, passed '" + Describe.Snippet(carrying.Value.Syntax) + "', which carries a gradient, and whose derivative is not known,",
                "write what '" + name + "' computes as a formula in the method (or in a [Differentiable] helper returning it), or, if its input should be a constant, call it before the [Differentiable] method and pass the result in as a [NoDiff] parameter");
        }
        foreach (var local in WrittenLocals(call)) context.Reject(local);
    }

    /// <summary>The locals passed (or declared) as the call's out or ref arguments.</summary>
    private static IEnumerable<ILocalSymbol> WrittenLocals(IInvocationOperation call) =>
        call.Arguments
            .Where(a => a.Parameter?.RefKind is RefKind.Out or RefKind.Ref)
            .Select(a => a.Value switch
            {
                IDeclarationExpressionOperation { Expression: ILocalReferenceOperation declared } => declared.Local,
                ILocalReferenceOperation local => local.Local,
                _ => null,
            })
            .Where(l => l is not null)!;
}
