using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>ConstantRenderer: an element of a span local that views arrays, read where no gradient flows (<c>if (s[0] &gt; 0)</c>).</summary>
internal sealed partial class ConstantRenderer
{
    private string? SpanElement(LoweringContext.SpanAlias view, IOperation index)
    {
        var inner = index;
        while (inner is IConversionOperation { IsImplicit: true } c) inner = c.Operand;
        string? text;
        if (inner is IUnaryOperation { OperatorKind: UnaryOperatorKind.Hat } hat)
        {
            // s[^k] is s[s.Length - k].
            string? k = RenderPart(hat.Operand);
            int length = _context.Current(view.Length);
            Dependencies.Add(length);
            text = k is null ? null : _context.Nodes[length].Name + " - (" + k + ")";
        }
        else
        {
            text = RenderPart(index);
        }
        if (text is null) return null;
        int slot = _context.SpanSlot(view, text, new List<int>(Dependencies));
        var read = new List<int>();
        string element = _context.SpanElementText(view, slot, read);
        Dependencies.AddRange(read);
        return element;
    }
}
