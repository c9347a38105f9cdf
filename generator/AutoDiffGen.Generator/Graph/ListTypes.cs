namespace AutoDiffGen.Generator.Graph;

/// <summary>
/// A local <c>List&lt;double&gt;</c> in the graph: an array node whose type name is the list's, so the forward sweep writes
/// the list itself (<c>new List&lt;double&gt;(n)</c>, <c>l.Add(v)</c>, <c>l[i]</c>); its adjoint is a <c>double[]</c> of its Count.
/// </summary>
internal static class ListTypes
{
    /// <summary>The start of the generated type name of a list of reals.</summary>
    public const string Prefix = "global::System.Collections.Generic.List<";

    /// <summary>The text of a <see cref="GateKind.Store"/> that appends (<c>l.Add(v)</c>) at the list's count rather than writes a slot.</summary>
    public const string Append = "Add";

    /// <summary>
    /// The text of a <see cref="GateKind.Store"/> that cuts the list at its index (<c>l.RemoveRange(i, l.Count - i)</c>): the
    /// last step of <c>RemoveAt</c> and all of <c>Clear</c>. Its reverse adds nothing: a slot past the cut is read again only
    /// after an <c>Add</c> stored into it, whose reverse already zeroed its adjoint.
    /// </summary>
    public const string Truncate = "RemoveRange";

    /// <summary>The <see cref="CopyIntoForms"/> form of <c>l.ToArray()</c>: <c>l.CopyTo(0, a, 0, n)</c> into a new array.</summary>
    public const string CopyTo = "List.CopyTo";

    /// <summary>
    /// The <see cref="CopyIntoForms"/> form of <c>xs.ToArray()</c> of a list parameter (an <c>IReadOnlyList&lt;T&gt;</c> has no
    /// CopyTo, and its tangent is a span): a loop copying by index, its index named by the text's fifth part.
    /// </summary>
    public const string CopyByIndex = "List.CopyByIndex";

    /// <summary>"global::System.Collections.Generic.List&lt;double&gt;".</summary>
    public static string Of(string element) => Prefix + element + ">";

    /// <summary>True for a list's type name.</summary>
    public static bool IsList(string typeName) => typeName.StartsWith(Prefix, System.StringComparison.Ordinal);

    /// <summary>"double" for a list's type name.</summary>
    public static string Element(string typeName) => typeName.Substring(Prefix.Length, typeName.Length - Prefix.Length - 1);

    /// <summary>The store's statement: <c>l.Add(v)</c> for an append, <c>a[i] = v</c> otherwise.</summary>
    public static string StoreLine(Node store, string target, string index, string value) =>
        !IsList(store.TypeName) ? target + "[" + index + "] = " + value + ";"
        : store.Text == Append ? target + ".Add(" + value + ");"
        : store.Text == Truncate ? target + ".RemoveRange(" + index + ", " + target + ".Count - " + index + ");"
        : target + "[" + index + "] = " + value + ";";

    /// <summary>True for the store that cuts a list (<see cref="Truncate"/>).</summary>
    public static bool IsTruncation(Node node) => node.Gate == GateKind.Store && node.Text == Truncate && IsList(node.TypeName);

    /// <summary>
    /// The length of an array or list's adjoint: <c>.Count</c> for a list, <c>.Capacity</c> for one that was cut
    /// (<paramref name="cut"/>): its Count then may be less than the slots it had, and a List's capacity never shrinks.
    /// </summary>
    public static string Length(string typeName, bool cut = false) => IsList(typeName) ? (cut ? ".Capacity" : ".Count") : ".Length";
}
