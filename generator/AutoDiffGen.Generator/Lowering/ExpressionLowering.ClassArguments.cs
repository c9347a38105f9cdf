using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A call to a <c>[Differentiable]</c> method with a <c>[WithRespectTo]</c> class parameter (issue 13 item 6): the caller
/// passes one of its own <c>[WithRespectTo]</c> parameters on as it received it, and the callee's Backward adds the
/// object's gradient into the caller's (<see cref="ObjectArgument"/>). Any other object there would need an adjoint
/// object the generated code has no way to make, so it is ADG0003 at the argument.
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>The call's adjoint passing with <see cref="AdjointPassing.Object"/> for the callee's class inputs.</summary>
    private static CallInfo WithObjectPassing(IMethodSymbol method, CallInfo call)
    {
        if (!method.Parameters.Any(ClassParameters.IsClassInput)) return call;
        var passing = call.Passing.ToArray();
        for (int i = 0; i < passing.Length && i < method.Parameters.Length; i++)
        {
            if (ClassParameters.IsClassInput(method.Parameters[i])) passing[i] = AdjointPassing.Object;
        }
        return call with { Passing = passing.ToEquatableArray() };
    }

    /// <summary>
    /// The object node of the caller's class input passed as argument <paramref name="position"/>, with its
    /// <see cref="ObjectArgument"/> added to <paramref name="objects"/> and its component nodes to <paramref name="components"/>;
    /// -1 after an error at the argument.
    /// </summary>
    private int ObjectArgumentNode(IOperation argument, IMethodSymbol callee, int position, List<ObjectArgument> objects, List<int> components)
    {
        var value = argument;
        while (value is IConversionOperation { IsImplicit: true } conversion) value = conversion.Operand;
        if (value is not IParameterReferenceOperation { Parameter: var own } || !_context.ClassInputs.TryGetValue(own, out var input))
        {
            _context.ReportUnsupportedExpression(argument, "An object passed to the [WithRespectTo] parameter '" + callee.Parameters[position].Name + "' of '" + callee.Name
                + "' that is not one of this method's own [WithRespectTo] parameters (its Backward needs an adjoint object to add into, which only the caller's dP is)",
                "mark the parameter you pass [WithRespectTo] in this method too and pass it as it is, or call " + callee.Name + "Backward yourself outside [Differentiable] code");
            return -1;
        }
        var nodes = new List<int>();
        foreach (string path in input.Components)
        {
            int node = _context.Current(_context.Component(own, path));
            if (node < 0 || _context.Nodes[node].Gate != GateKind.Parameter)
            {
                // The components were rebound (p = p with { … }): the object passed is no longer the one they hold.
                _context.ReportUnsupportedExpression(argument, "The [WithRespectTo] parameter '" + own.Name + "' passed to '" + callee.Name + "' after it was assigned a new object",
                    "pass it as the method received it: keep the new object in a local of its own (var q = " + own.Name + " with { … };) and read its members");
                return -1;
            }
            nodes.Add(node);
        }
        objects.Add(new ObjectArgument(position, input.Adjoint, input.Tangent, input.Zero.Length == 0 ? "" : _context.Names.Fresh(input.Adjoint + "_call"), input.Zero,
            nodes.ToEquatableArray(), input.Paths.ToEquatableArray()));
        components.AddRange(nodes);
        return input.Node;
    }
}
