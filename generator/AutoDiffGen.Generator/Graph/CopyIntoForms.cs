using System.Linq;

namespace AutoDiffGen.Generator.Graph;

/// <summary>
/// A <see cref="GateKind.CopyInto"/> (a copy into an array that exists: <c>Array.Copy</c>, <c>x.CopyTo(y, i)</c>, a span's
/// <c>CopyTo</c>). Its inputs are the destination's version before the copy, the source, the source's first index, the
/// destination's first index, the count, and for a span destination with a length, that length. Its text is the form
/// it was written in, whether the source and the destination are arrays (else spans), and the name of the index of the
/// reverse sweep's loop, separated by spaces. The forward sweep makes the call in the form the user wrote, so it throws
/// where and as the user's call throws for a bad range.
/// </summary>
internal static class CopyIntoForms
{
    public const int Source = 1, SourceStart = 2, DestinationStart = 3, Count = 4, DestinationLength = 5;

    /// <summary>
    /// The stable sorts of the array LINQ's <c>…OrderBy(v =&gt; v).ToArray()</c> and <c>OrderByDescending</c> make
    /// (ExpressionLowering.LinqArrays): the forward sweep sorts with <c>SortRoutes</c>, as LINQ orders.
    /// </summary>
    public const string OrderBy = "Linq.OrderBy", OrderByDescending = "Linq.OrderByDescending";

    /// <summary>A sort that puts the greatest first: its routes are found in that order.</summary>
    public static bool IsDescending(Node node) => node.Text.Split(' ')[0] == OrderByDescending;

    /// <summary>
    /// A whole <c>double[,]</c> copied into another of the same lengths (a clone of one, a swap: idioms17a): the forward
    /// sweep makes it with <c>Array.Copy</c> over all its elements, row-major; the reverse sweep and the tangent walk both
    /// indexes (<see cref="Differentiation.Differentiator"/>). Its text carries a second loop index after the first.
    /// </summary>
    public const string GridCopy = "Grid.Copy";

    /// <summary>The node is a <see cref="GridCopy"/>.</summary>
    public static bool IsGrid(Node node) => node.Text.Split(' ')[0] == GridCopy;

    /// <summary>The second loop index of a <see cref="GridCopy"/>.</summary>
    public static string SecondIndex(Node node) => node.Text.Split(' ')[4];

    /// <summary>Appended to an in-place form written with its range (<c>Array.Fill(a, v, start, count)</c>): the forward sweep passes it too.</summary>
    public const string Ranged = "/range";

    /// <summary>
    /// What a <see cref="GateKind.CopyInto"/> writes: elements of another array, one value into each slot, the slots
    /// reversed, or the slots sorted (a permutation chosen by the values).
    /// </summary>
    public enum Kind { Copy, Fill, Reverse, Sort }

    /// <summary>
    /// The node's kind: its source is another array (a copy), a scalar (Fill, Clear: a zero constant), the destination
    /// itself (Reverse), or for a sort a copy of the whole destination taken before it (the values that choose the permutation).
    /// </summary>
    public static Kind KindOf(Node node) => node.Text.Split(' ')[0].Split('/')[0] switch
    {
        "Array.Fill" or "Array.Clear" or "Span.Fill" or "Span.Clear" => Kind.Fill,
        "Array.Reverse" or "Span.Reverse" => Kind.Reverse,
        "Array.Sort" or "Span.Sort" or OrderBy or OrderByDescending => Kind.Sort,
        _ => Kind.Copy,
    };

    /// <summary>
    /// A copy, fill or reversal of a one-dimensional range (not a sort, not a whole <c>double[,]</c>): linear in the values, so
    /// the forward-over-reverse product follows it as MBackward does, over the tangents and the adjoints' tangents (hess23).
    /// </summary>
    public static bool IsLinearRange(Node node) => node.Gate == GateKind.CopyInto && !IsGrid(node) && KindOf(node) != Kind.Sort;

    /// <summary>
    /// A copy, fill, reversal or sort of a one-dimensional range, or a whole <c>double[,]</c> copied, which the forward-over-reverse
    /// product follows: the linear ones (hess23) and, since hess25, sorts, whose permutation the values choose and which is
    /// piecewise constant, so the tangents and the adjoints' tangents move along it as the values and the adjoints do, and grids.
    /// </summary>
    public static bool IsFollowedRange(Node node) => node.Gate == GateKind.CopyInto;

    /// <summary>
    /// The copy <paramref name="node"/> is the values an in-place sort of a local array had before it (its source, from which
    /// the tangent and the reverse sweep find the permutation again): in the product a plain value, with no tangent of its own.
    /// </summary>
    public static bool IsSortSnapshot(ComputationGraph graph, Node node) =>
        node.Gate == GateKind.CopyArray && graph.Nodes.Any(n => n.Gate == GateKind.CopyInto && n.Inputs.Length > Source && n.Inputs[Source] == node.Id && KindOf(n) == Kind.Sort);

    /// <summary>
    /// Whether the array <paramref name="node"/> (a version of it) was made in the method (a new array, a clone): walked back
    /// through its stores, copies and phis. False for an array parameter's versions, whose tangents and adjoints' tangents in
    /// the product are spans over the direction and the output (a copy into one is not followed there, hess23).
    /// </summary>
    public static bool MadeLocally(ComputationGraph graph, Node node)
    {
        for (int steps = 0; steps < graph.Nodes.Length; steps++)
        {
            switch (node.Gate)
            {
                case GateKind.NewArray or GateKind.CloneArray:
                    return true;
                case GateKind.Store or GateKind.CopyInto or GateKind.Phi or GateKind.Copy when node.Inputs.Length > 0:
                    node = graph.Nodes[node.Inputs[0]];
                    continue;
                default:
                    return false;
            }
        }
        return false;
    }

    /// <summary>The node's text: the form, the kinds of source and destination, the loop index.</summary>
    public static string Text(string form, bool sourceIsArray, bool destinationIsArray, string index) =>
        form + " " + (sourceIsArray ? "a" : "s") + " " + (destinationIsArray ? "a" : "s") + " " + index;

    /// <summary>The name of the index of the loop that routes the adjoints back.</summary>
    public static string Index(Node node) => node.Text.Split(' ')[3];

    /// <summary>The destination is an array (its adjoint too); else a span, whose adjoint is a span.</summary>
    public static bool DestinationIsArray(Node node) => node.Text.Split(' ')[2] == "a";

    /// <summary>The forward sweep's statement (no semicolon): the copy as the user wrote it, over the generated names.</summary>
    public static string Forward(Node node, System.Func<int, string> operand)
    {
        var parts = node.Text.Split(' ');
        string source = operand(Source), destination = node.Name;
        string range = ", " + operand(DestinationStart) + ", " + operand(Count);
        switch (parts[0])
        {
            // In place, in the form the user wrote (Array.Clear and Array.Reverse throw IndexOutOfRange, the span forms ArgumentOutOfRange).
            case "Array.Fill":
                return "global::System.Array.Fill(" + destination + ", " + source + ")";
            case "Array.Fill" + Ranged:
                return "global::System.Array.Fill(" + destination + ", " + source + range + ")";
            case "Array.Clear" or "Array.Reverse" or "Array.Sort":
                return "global::System." + parts[0] + "(" + destination + ")";
            case "Array.Clear" + Ranged or "Array.Reverse" + Ranged or "Array.Sort" + Ranged:
                return "global::System." + parts[0].Substring(0, parts[0].Length - Ranged.Length) + "(" + destination + range + ")";
            case "Span.Fill":
                return Slice(destination, parts[2] == "a", operand(DestinationStart) + ", " + operand(Count)) + ".Fill(" + source + ")";
            case "Span.Clear":
                return Slice(destination, parts[2] == "a", operand(DestinationStart) + ", " + operand(Count)) + ".Clear()";
            case "Span.Reverse" or "Span.Sort":
                return "global::System.MemoryExtensions." + parts[0].Substring("Span.".Length) + "(" + Slice(destination, parts[2] == "a", operand(DestinationStart) + ", " + operand(Count)) + ")";
            case OrderBy or OrderByDescending:
                return "global::AutoDiffGen.Internals.SortRoutes." + parts[0].Substring("Linq.".Length) + "(" + destination + ")";
            case GridCopy:
                return "global::System.Array.Copy(" + source + ", " + destination + ", " + operand(Count) + ")";
            case "Array.Copy":
            case "Array.ConstrainedCopy":
                return "global::System." + parts[0] + "(" + source + ", " + operand(SourceStart) + ", " + destination + ", " + operand(DestinationStart) + ", " + operand(Count) + ")";
            case "CopyTo":
                return source + ".CopyTo(" + destination + ", " + operand(DestinationStart) + ")";
            case ListTypes.CopyTo:
                return source + ".CopyTo(" + operand(SourceStart) + ", " + destination + ", " + operand(DestinationStart) + ", " + operand(Count) + ")";
            case ListTypes.CopyByIndex:
                return "for (int " + parts[4] + " = 0; " + parts[4] + " < " + operand(Count) + "; " + parts[4] + "++) " + destination + "[" + Plus(operand(DestinationStart), parts[4]) + "] = " + source + "[" + Plus(operand(SourceStart), parts[4]) + "]";
            default:
                string to = operand(DestinationStart) + (node.Inputs.Length > DestinationLength ? ", " + operand(DestinationLength) : "");
                return Slice(source, parts[1] == "a", operand(SourceStart) + ", " + operand(Count)) + ".CopyTo(" + Slice(destination, parts[2] == "a", to) + ")";
        }
    }

    /// <summary><c>i + k</c>, or <c>k</c> from 0.</summary>
    public static string Plus(string start, string k) => start == "0" ? k : (Simple(start) ? start : "(" + start + ")") + " + " + k;

    private static string Slice(string of, bool isArray, string arguments) => Views.Text(isArray ? "AsSpan" : "Slice", of, arguments);

    private static bool Simple(string text)
    {
        foreach (char c in text)
        {
            if (!(char.IsLetterOrDigit(c) || c is '_' or '.')) return false;
        }
        return true;
    }
}
