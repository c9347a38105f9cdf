using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// StatementLowering: what a method leaves in its ref/out parameters when it may return early (<c>return;</c> in a void
/// method, a <c>return x;</c> before the end of one with ref/out parameters). Each such parameter has a hidden result
/// key (<see cref="LoweringContext.ResultKeys"/>) set to its current value at every return and at the end, so branches,
/// early returns and returns inside loops merge it like a returned value; its final value is the key's
/// (<see cref="LoweringContext.OutputKey"/>, read by <see cref="ParameterOutputs"/>). A void method has no returned value:
/// its keys are these alone.
/// </summary>
internal sealed partial class StatementLowering
{
    private List<(object Parameter, LoweringContext.HiddenVariable Key)>? _outputKeys;

    /// <summary>A void method's body block, placed after its last statement: reaching it is returning.</summary>
    private IOperation? _endOfMethod;

    /// <summary>Before the body: one key per ref/out parameter, starting at the value it came in with (0 for out: C# sets it before any return).</summary>
    private void UseOutputKeys(IMethodSymbol method)
    {
        if (method.ReturnsVoid) _context.ResultKeys.Clear();
        foreach (var p in method.Parameters.Where(ByReferenceParameters.IsOutput))
        {
            var key = new LoweringContext.HiddenVariable(p.Name.TrimStart('@') + "Left");
            (_outputKeys ??= new()).Add((p, key));
            _context.ResultKeys.Add(key);
            _context.OutputKeys[p] = key;
            int current = _context.Current(p);
            var type = ExpressionLowering.TypeOf(p.Type);
            _context.Assign(key, current >= 0 ? current : _context.AddConstant(ScalarLiterals.Zero(type), type, ScalarLiterals.TypeKeyword(type), null, isAtom: true));
        }
    }

    /// <summary>At a return, or at the end of the body: the values the parameters leave on this path.</summary>
    private void KeepOutputs()
    {
        if (_outputKeys is null) return;
        foreach (var (p, key) in _outputKeys)
        {
            int current = _context.Current(p);
            if (current >= 0) _context.Assign(key, current);
        }
    }
}
