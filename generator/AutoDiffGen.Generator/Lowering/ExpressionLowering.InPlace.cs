using System.Collections.Generic;
using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// <c>Array.Fill</c>, <c>Array.Reverse</c> and <c>Array.Sort</c> of a local array or an array parameter
/// (<see cref="InPlaceEffects"/>): the next version of the array, a <see cref="GateKind.CopyInto"/> in an in-place form
/// (<see cref="CopyIntoForms.InPlaceText"/>). Fill's inputs are the value and the range; Sort's, a permutation the
/// forward sweep sorts along with the keys (identity before it, so slot i ends with what slot p[i] held). A sort inside
/// a loop would need its permutation kept for every iteration, and is reported.
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>Lowers the in-place effect <paramref name="call"/> makes; false when it is none on an array the method follows (nothing reported).</summary>
    public bool LowerInPlace(IInvocationOperation call)
    {
        if (InPlaceEffects.Match(call) is not { } parts) return false;
        ISymbol? variable = parts.Array switch
        {
            ILocalReferenceOperation l => l.Local,
            IParameterReferenceOperation { Parameter.RefKind: RefKind.None } p => p.Parameter,
            _ => null,
        };
        if (variable is null || _context.Current(variable) is var first && (first < 0 || _context.Nodes[first].Type != ScalarType.Array)) return false;
        if (parts.Form == InPlaceEffects.Sort && _context.LoopDepth > 0)
        {
            _context.ReportUnsupportedExpression(call, "Array.Sort of an array that carries a gradient inside a loop",
                "sort before the loop, or call a [Differentiable] helper that sorts a copy of its array parameter (var c = x.ToArray(); Array.Sort(c);)");
            return true;
        }
        int value = parts.Value is { } fill ? Lower(fill, null) : _context.AddConstant("0", ScalarType.Other, "int", null, isAtom: true);
        if (value < 0) return true;
        var renderer = new ConstantRenderer(_context);
        string? start = "0", length = null;
        var dependencies = new List<int> { value };
        if (parts.Start is not null && parts.Length is not null)
        {
            start = renderer.Render(parts.Start);
            dependencies.AddRange(renderer.Dependencies);
            length = renderer.Render(parts.Length);
            dependencies.AddRange(renderer.Dependencies);
            if (start is null || length is null) return true;
        }
        // What the range reads may have changed the array (an assignment inside it): take the version now.
        int before = _context.Current(variable);
        var target = _context.Nodes[before];
        if (target.AdjointName.Length == 0 && _context.Nodes[value].Varied)
        {
            _context.ReportUnsupportedExpression(call, "Filling the [NoDiff] array '" + target.Name + "' with a differentiated value",
                "remove [NoDiff] from the parameter, or fill a local array");
            return true;
        }
        dependencies.Add(before);
        length ??= target.Name + ".Length";
        int Int(string text) => text.Length > 0 && System.Linq.Enumerable.All(text, char.IsDigit)
            ? _context.AddConstant(text, ScalarType.Other, "int", null, isAtom: true)
            : _context.AddConstant(text, ScalarType.Other, "int", null, isAtom: false, new List<int>(dependencies));
        if (parts.Form == InPlaceEffects.Sort)
        {
            value = _context.AddConstant("global::System.Linq.Enumerable.ToArray(global::System.Linq.Enumerable.Range(0, " + target.Name + ".Length))", ScalarType.Other, "int[]", null, isAtom: false, new[] { before });
        }
        var inputs = new[] { before, value, Int("0"), Int(start), Int(length) };
        string text = CopyIntoForms.InPlaceText(parts.Form, parts.Start is not null, _context.Names.Fresh("k"), _context.Names.Fresh("moved"), _context.Names.Fresh("movedTangent"));
        _context.Assign(variable, _context.AddArrayNode(GateKind.CopyInto, target.TypeName, target.Name, target.AdjointName, isInline: true, inputs, text));
        return true;
    }
}
