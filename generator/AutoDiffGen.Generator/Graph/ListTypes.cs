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
        store.Text == Append && IsList(store.TypeName) ? target + ".Add(" + value + ");" : target + "[" + index + "] = " + value + ";";

    /// <summary>The length of an array or list: <c>.Count</c> for a list.</summary>
    public static string Length(string typeName) => IsList(typeName) ? ".Count" : ".Length";
}
