namespace AutoDiffGen.Generator.Graph;

/// <summary>
/// How a <see cref="GateKind.View"/> is written, for its value and for its adjoint alike: an array's slice through
/// <c>MemoryExtensions.AsSpan</c> (called as a static method: generated files have no using directives), a span's
/// through its own <c>Slice</c>; a row of a jagged array (<see cref="Row"/>) by its index, <c>a[i]</c>, whose adjoint is
/// <c>dA[i]</c>.
/// </summary>
internal static class Views
{
    /// <summary>The method of a jagged array's row: the view is the element at its one argument.</summary>
    public const string Row = "Row";

    /// <summary>The text before and after the sliced value: <paramref name="method"/> ("AsSpan", "Slice" or <see cref="Row"/>) with <paramref name="arguments"/>.</summary>
    public static (string Before, string After) Around(string method, string arguments) =>
        method == "AsSpan" ? ("global::System.MemoryExtensions.AsSpan(", ", " + arguments + ")")
        : method == Row ? ("", "[" + arguments + "]")
        : ("", ".Slice(" + arguments + ")");

    /// <summary>The slice of <paramref name="of"/> that <paramref name="method"/> takes with <paramref name="arguments"/>.</summary>
    public static string Text(string method, string of, string arguments)
    {
        var (before, after) = Around(method, arguments);
        return before + of + after;
    }
}
