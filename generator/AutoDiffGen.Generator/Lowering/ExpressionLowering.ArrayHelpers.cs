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
        // A body that returns the array it creates in its return statement: that creation is lowered as a new local array (FreshArray).
        var fresh = ArrayHelpers.FreshReturn(block);
        if (fresh is not null) _freshArrayReturns[fresh] = ((IArrayTypeSymbol)method.ReturnType, char.ToLowerInvariant(method.Name[0]) + method.Name.Substring(1));
        int array;
        try
        {
            array = InlinePlainBody(method, arguments, call, nodes => nodes is { Length: 1 } && nodes[0] >= 0 ? nodes[0] : -1);
        }
        finally
        {
            if (fresh is not null) _freshArrayReturns.Remove(fresh);
        }
        return array < 0 || Errors() > errors ? -1 : array;
    }

    /// <summary>
    /// A plain helper's new array passed straight on to an array parameter of a helper being inlined (B05's
    /// <c>Multiply(AngleAxisToRotation(…), EulerToRotation(…))</c>, idioms23): a new local array of the caller, as if
    /// declared first (<c>var r = AngleAxisToRotation(…);</c>), which the parameter names; -2 when it is no such call.
    /// </summary>
    private int ReturnedArrayArgument(IOperation argument, IParameterSymbol parameter)
    {
        if (parameter.Type is not IArrayTypeSymbol { Rank: 1 or 2 } || parameter.RefKind != RefKind.None) return -2;
        var call = argument;
        while (call is IConversionOperation { IsImplicit: true } conversion) call = conversion.Operand;
        return LowerArrayHelper(call);
    }

    /// <summary>The array creations a helper being inlined returns directly, and the array type it returns and the name its array takes.</summary>
    private readonly System.Collections.Generic.Dictionary<IOperation, (IArrayTypeSymbol Type, string Name)> _freshArrayReturns = new();

    /// <summary>
    /// <paramref name="op"/> as a new local array when it is the creation an inlined array helper returns directly (one
    /// store per element, fresh each iteration inside a loop, as <c>var r = new[] { … }; return r;</c>); -2 otherwise.
    /// </summary>
    private int FreshArray(IOperation op)
    {
        if (_freshArrayReturns.Count == 0) return -2;
        var created = op;
        while (created is IConversionOperation { OperatorMethod: null, IsImplicit: true } conversion) created = conversion.Operand;
        if (!_freshArrayReturns.TryGetValue(created, out var fresh)) return -2;
        string name = _context.Names.Fresh(fresh.Name);
        if (fresh.Type.Rank == 2)
            return GridCreation.Lower(_context, this, fresh.Type, (IArrayCreationOperation)created, name, _context.Names.Fresh(NameAllocator.AdjointBase(name)), _context.LoopDepth > 0);
        return ArrayCreation.Lower(_context, this, fresh.Type, created, name, _context.Names.Fresh(NameAllocator.AdjointBase(name)), _context.LoopDepth > 0);
    }

    private int Errors() => _context.Diagnostics.Count(d => DiagnosticDescriptors.Get(d.Id).DefaultSeverity == DiagnosticSeverity.Error);
}
