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

    /// <summary>The node's text: the form, the kinds of source and destination, the loop index.</summary>
    public static string Text(string form, bool sourceIsArray, bool destinationIsArray, string index) =>
        form + " " + (sourceIsArray ? "a" : "s") + " " + (destinationIsArray ? "a" : "s") + " " + index;

    /// <summary>
    /// The text of an in-place form (<c>Array.Fill</c>, <c>Array.Reverse</c>, <c>Array.Sort</c> of the destination itself):
    /// its input <see cref="Source"/> is Fill's value, Sort's permutation (an <c>int[]</c> sorted along, so slot i comes from
    /// slot p[i]) or a constant; <see cref="DestinationStart"/> and <see cref="Count"/> the range. Then whether the user wrote
    /// the range ("r") or not ("w"), and names for the reverse sweep's copy of the adjoint and forward mode's of the tangent (Sort).
    /// </summary>
    public static string InPlaceText(string form, bool ranged, string index, string adjointCopy, string tangentCopy) =>
        form + " a a " + index + " " + (ranged ? "r" : "w") + " " + adjointCopy + " " + tangentCopy;

    /// <summary>Fill, Reverse or Sort of the destination itself (<see cref="InPlaceText"/>), else null.</summary>
    public static string? InPlaceForm(Node node)
    {
        string form = node.Text.Split(' ')[0];
        return form is "Array.Fill" or "Array.Reverse" or "Array.Sort" ? form : null;
    }

    /// <summary>The name of an in-place form's copy of the adjoint (<paramref name="tangent"/>: of the tangent) in the sweeps.</summary>
    public static string Temp(Node node, bool tangent) => node.Text.Split(' ')[tangent ? 6 : 5];

    /// <summary>The name of the index of the loop that routes the adjoints back.</summary>
    public static string Index(Node node) => node.Text.Split(' ')[3];

    /// <summary>The destination is an array (its adjoint too); else a span, whose adjoint is a span.</summary>
    public static bool DestinationIsArray(Node node) => node.Text.Split(' ')[2] == "a";

    /// <summary>The forward sweep's statement (no semicolon): the copy as the user wrote it, over the generated names.</summary>
    public static string Forward(Node node, System.Func<int, string> operand)
    {
        var parts = node.Text.Split(' ');
        string source = operand(Source), destination = node.Name;
        switch (parts[0])
        {
            case "Array.Copy":
            case "Array.ConstrainedCopy":
                return "global::System." + parts[0] + "(" + source + ", " + operand(SourceStart) + ", " + destination + ", " + operand(DestinationStart) + ", " + operand(Count) + ")";
            case "CopyTo":
                return source + ".CopyTo(" + destination + ", " + operand(DestinationStart) + ")";
            case "Array.Fill":
            case "Array.Reverse":
            case "Array.Sort":
                // As written; Sort carries the permutation along (Array.Sort(keys, items)): the keys end sorted as Array.Sort(keys) leaves them, up to the order of equal keys.
                string range = parts[4] == "r" ? ", " + operand(DestinationStart) + ", " + operand(Count) : "";
                return "global::System." + parts[0] + "(" + destination + (parts[0] == "Array.Reverse" ? "" : ", " + source) + range + ")";
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
