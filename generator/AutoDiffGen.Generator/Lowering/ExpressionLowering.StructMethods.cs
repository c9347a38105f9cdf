using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Instance methods of a struct of reals called on a struct value (<c>p.Norm()</c>, <c>a.Dot(b)</c>, <c>v.Scale(k)</c>):
/// the callee opts in with <c>[Differentiable(WithRespectToThis = true)]</c>, so its Backward takes <c>ref S dThis</c>,
/// the gradient with respect to the receiver's members. The receiver is then one more struct argument of the call
/// (<see cref="Graph.CallInfo.StructReceiver"/>), whose adjoint is that dThis.
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>
    /// An opted-in instance method of the receiver's own struct type, called on a struct value (not on this, but for 'this'
    /// inside a body being inlined, which is the receiver's members: <c>public double Twice() =&gt; 2 * Norm();</c>).
    /// </summary>
    private bool IsStructReceiverCall(IMethodSymbol method, IOperation? instance) =>
        instance is not null && (instance is not IInstanceReferenceOperation || InlinedReceiver(instance.Type) is not null) && !method.IsStatic && method.MethodKind == MethodKind.Ordinary && !method.IsGenericMethod
        && RealStructs.IsRealStruct(instance.Type) && SymbolEqualityComparer.Default.Equals(method.ContainingType, instance.Type) && ThisState.IsOptedIn(method);

    /// <summary>The receiver packed (-1 after an error).</summary>
    private int StructReceiver(IMethodSymbol method, IOperation instance, IOperation at)
    {
        var components = RealStructs.Components(instance.Type)!;
        var values = LowerStruct(instance);
        if (values is null) return -1;
        // A [NoDiff] member is a constant of the callee: its Backward adds nothing into dThis for it. A varied value
        // there would lose its gradient silently, so it is reported.
        foreach (var member in method.ContainingType.GetMembers().Where(m => RealStructs.IsComponentMember(m) && ThisState.IsNoDiff(m)))
        {
            if (StructPaths.Under(components, member.Name).Any(i => _context.Nodes[values[i]].Varied))
            {
                _context.ReportUnsupportedExpression(at, "A call to '" + method.ContainingType.Name + "." + method.Name + "' on a struct whose [NoDiff] member '" + member.Name + "' carries a gradient (the callee takes it as a constant)",
                    "remove [NoDiff] from '" + member.Name + "', or set it from constants only");
                return -1;
            }
        }
        return Pack(values, instance.Type!, RealStructs.IsNumericsVector(instance.Type), components);
    }
}
