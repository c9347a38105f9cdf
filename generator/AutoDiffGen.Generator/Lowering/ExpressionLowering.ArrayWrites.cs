using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Calls that write into an array they are passed (<c>Subtract(x, mu, diff)</c>, <c>Step(state, h)</c>; which parameters,
/// <see cref="ArrayWrites"/>). The array (a local or a parameter of this method) gets a new version after the call
/// (<see cref="GateKind.CallOutput"/> of type array, input 1 the version before): later reads see what the callee left.
/// The reverse sweep calls the callee's Backward with a copy of the array taken before the call
/// (<see cref="GateKind.CopyArray"/>, kept per iteration in loops) and with the array's adjoint, which is in/out for a
/// written parameter (docs/ref-out.md): it holds the adjoint of what the call left, and the Backward turns it into the
/// adjoint of what the call was passed. The forward sweep passes the array itself (<see cref="CallInfo.Outputs"/>); forward mode passes it with its tangent
/// array to the callee's <c>MForward</c>, which leaves in it the tangent of what it wrote.
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>
    /// Per parameter of <paramref name="method"/>, the variable whose array the call writes into, or null; false after an
    /// error (reported): such an argument must be a local array or an array parameter, passed once.
    /// </summary>
    private bool WrittenArrays(IMethodSymbol method, IOperation?[] arguments, IOperation at, out ISymbol?[] written)
    {
        written = new ISymbol?[arguments.Length];
        if (_context.Writes is not { } writes) return true;
        for (int i = 0; i < arguments.Length; i++)
        {
            if (arguments[i] is { } handed && writes.HandWrittenCalleeWrites(method, i))
            {
                // Its hand-written derivative has no adjoint for what the call leaves in the array, and the reverse sweep would
                // pass it the array as the call left it (was a wrong gradient).
                _context.ReportUnsupportedExpression(handed, "An array passed to '" + method.Name + "', which writes into it and is differentiated by a hand-written [DerivativeOf]",
                    "make '" + method.Name + "' [Differentiable] (its writes are then differentiated), or have it leave its arguments as they were and return its results");
                return false;
            }
            if (arguments[i] is { Type: { } type } stored && Derivatives.ValueKinds.IsStructCollection(type) && writes.WritesStructArray(method, i))
            {
                // Its component arrays are the callee's own: the caller would not see the stores, nor its Backward a copy of what it passed.
                _context.ReportUnsupportedExpression(stored, "An array of structs passed to '" + method.Name + "', which stores into it",
                    "have '" + method.Name + "' return its results (or store them into a double[]/float[] it is passed) instead of storing into the array of structs");
                return false;
            }
            if (arguments[i] is not { } argument || !writes.Writes(method, i)) continue;
            var value = CollectionArguments.Unwrap(argument);
            ISymbol? variable = value switch
            {
                ILocalReferenceOperation { Local.IsRef: false } l => l.Local,
                IParameterReferenceOperation { Parameter.RefKind: RefKind.None } p => p.Parameter,
                _ => null,
            };
            if (variable is not null && _context.Resolve(variable) is ISymbol resolved) variable = resolved;
            if (variable is null)
            {
                _context.ReportUnsupportedExpression(argument, "An array that '" + method.Name + "' writes into, passed as anything but a local array or an array parameter of this method",
                    "pass a local array (double[] t = new double[n];) and read the values from it after the call");
                return false;
            }
            // Forward mode passes the array and its tangent (in/out) to the callee's MForward (Differentiator.Tangents).
            written[i] = variable;
        }
        // One array passed twice, where the callee writes into it: its Backward would see two arrays where there is one.
        for (int i = 0; i < arguments.Length; i++)
        {
            if (written[i] is not { } variable) continue;
            for (int j = 0; j < arguments.Length; j++)
            {
                if (j == i || arguments[j] is not { } other || !Mentions(other, variable)) continue;
                _context.ReportUnsupportedExpression(other, "Passing the array '" + variable.Name + "' to '" + method.Name + "' twice, where it writes into it",
                    "pass a copy as the other argument ((double[])" + variable.Name + ".Clone() in a local)");
                return false;
            }
        }
        return true;
    }

    /// <summary>The version of a written array before the call; -1 after an error (reported).</summary>
    private int ArrayBeforeCall(ISymbol variable, IOperation argument)
    {
        int current = _context.Current(variable);
        if (current < 0 || _context.Nodes[current].Type != ScalarType.Array)
        {
            _context.ReportUnsupportedExpression(argument, current < 0 ? "An array passed before it is assigned" : "An array a callee writes into, which this method does not track as an array");
            return -1;
        }
        return current;
    }

    /// <summary>
    /// Once every argument is lowered: when the call carries a gradient, each written array is passed as a copy taken
    /// now (the reverse sweep's argument); the forward call passes the array itself, named in <paramref name="outputs"/>.
    /// </summary>
    private bool SnapshotWrittenArrays(IMethodSymbol method, CallInfo call, ISymbol?[] written, int[] inputs, bool varied, string[] outputs, IOperation at)
    {
        for (int i = 0; i < written.Length; i++)
        {
            if (written[i] is null) continue;
            var before = _context.Nodes[inputs[i]];
            outputs[i] = before.Name;
            if (!varied) continue;
            if (before.AdjointName.Length == 0)
            {
                _context.ReportUnsupportedExpression(at, "A call that writes values carrying a gradient into the [NoDiff] array '" + written[i]!.Name + "'",
                    "remove [NoDiff] from the parameter, or pass a local array");
                return false;
            }
            // A generated Backward of a callee that writes each element before reading it never sees what the array held:
            // it is passed a spare array of the same length instead of a copy (a [DerivativeOf] method may read anything).
            inputs[i] = call.DerivativeKey.Length == 0 && !_context.Hessian && _context.Writes!.WritesBeforeReading(method, i) ? Spare(inputs[i]) : Snapshot(inputs[i], at);
        }
        return true;
    }

    /// <summary>After the call node: each written array's next version is what the call left in it.</summary>
    private void AssignWrittenArrays(ISymbol?[] written, int call, int[] inputs)
    {
        for (int i = 0; i < written.Length; i++)
        {
            if (written[i] is not { } variable) continue;
            int before = _context.Nodes[inputs[i]] is { Gate: GateKind.CopyArray or GateKind.SpareArray } copy ? copy.Inputs[0] : inputs[i];
            _context.Assign(variable, _context.AddArrayCallOutput(call, i, before));
        }
    }

    /// <summary>The operation reads <paramref name="variable"/> as a whole (not only an element or its length).</summary>
    private static bool Mentions(IOperation op, ISymbol variable)
    {
        foreach (var d in op.DescendantsAndSelf())
        {
            ISymbol? s = d switch
            {
                ILocalReferenceOperation l => l.Local,
                IParameterReferenceOperation p => p.Parameter,
                _ => null,
            };
            // A second name for the array (double[] z = u;, ArrayAliases) is the same array.
            if (s is null || !SymbolEqualityComparer.Default.Equals(s, variable) && !SymbolEqualityComparer.Default.Equals(ArrayAliases.Resolve(s, d), variable)) continue;
            if (d.Parent is IPropertyReferenceOperation || d.Parent is IArrayElementReferenceOperation element && element.ArrayReference == d) continue;
            return true;
        }
        return false;
    }
}
