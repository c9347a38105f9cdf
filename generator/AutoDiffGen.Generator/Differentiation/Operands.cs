using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>The C# text of a gate's inputs, as both sweeps read them.</summary>
internal static class Operands
{
    /// <summary>The i-th input's local, or its inline text (parenthesized when it starts with a minus).</summary>
    public static string Of(EquatableArray<Node> nodes, Node node, int i) => Name(nodes, node.Inputs[i]);

    /// <summary>Node <paramref name="id"/> as an operand: its name, parenthesised when it is an inline negation.</summary>
    public static string Name(EquatableArray<Node> nodes, int id)
    {
        var input = nodes[id];
        return input.IsInline && input.Name.StartsWith("-", System.StringComparison.Ordinal) ? "(" + input.Name + ")" : input.Name;
    }
}
