using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A local array declared from a plain helper that returns a new array (issue 13, idioms16a item 2:
/// <c>double[] r = ToRadians(a);</c>): the helper's body is inlined, and the array it creates is the caller's local from
/// then on (<see cref="ArrayHelpers"/> says when that is sound).
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>
    /// The array's last version after the helper's body ran; -2 when <paramref name="creation"/> is no call to such a
    /// helper (the local's existing refusal stands), -1 after a diagnostic at the call.
    /// </summary>
    public int LowerArrayHelper(IOperation creation)
    {
        if (creation is not IInvocationOperation { Instance: null } call || !ArrayHelpers.HasShape(call.TargetMethod)) return -2;
        var method = call.TargetMethod.OriginalDefinition;
        if (DerivativeResolver.HasDerivativeOf(method, _caller, _compilation) || PlainBody(method) is not { } block) return -2;
        if (ArrayHelpers.Refusal(method, block) is { } why)
        {
            RefusePlainHelper(method, call, why);
            return -1;
        }
        var arguments = new IOperation[method.Parameters.Length];
        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter is null) return -2;
            arguments[argument.Parameter.Ordinal] = argument.Value;
        }
        int errors = Errors();
        int array = InlinePlainBody(method, arguments, call, nodes => nodes is { Length: 1 } && nodes[0] >= 0 ? nodes[0] : -1);
        return array < 0 || Errors() > errors ? -1 : array;
    }

    private int Errors() => _context.Diagnostics.Count(d => DiagnosticDescriptors.Get(d.Id).DefaultSeverity == DiagnosticSeverity.Error);
}
