namespace AutoDiffGen.Generator.Graph;

/// <summary>
/// How a zeroed adjoint is made for a collection argument that carries no gradient (<see cref="CallInfo.Scratch"/>):
/// "double[]" by <c>TapeWorkspace.Scratch&lt;double&gt;(array)</c>, "double" by the span's length, <see cref="Grid"/>
/// by <c>GridScratch.Like(grid)</c>, of a double[,] or jagged argument's shape. The same text serves the reverse sweep
/// and the tangent sweep.
/// </summary>
internal static class ScratchKinds
{
    public const string Grid = "grid";

    private const string CountSuffix = "#Count";

    /// <summary>The kind for a list argument of element <paramref name="element"/>: a zeroed <c>T[]</c> of its Count.</summary>
    public static string List(string element) => element + CountSuffix;

    /// <summary>The C# of the scratch adjoint of kind <paramref name="scratch"/> for the argument <paramref name="operand"/>.</summary>
    public static string Text(string scratch, string operand)
    {
        if (scratch == Grid) return "global::AutoDiffGen.Internals.GridScratch.Like(" + operand + ")";
        if (scratch.EndsWith(CountSuffix, System.StringComparison.Ordinal))
            return "global::AutoDiffGen.Internals.TapeWorkspace.Scratch<" + scratch.Substring(0, scratch.Length - CountSuffix.Length) + ">(" + operand + ".Count)";
        return scratch.EndsWith("[]", System.StringComparison.Ordinal)
            ? "global::AutoDiffGen.Internals.TapeWorkspace.Scratch<" + scratch.Substring(0, scratch.Length - 2) + ">(" + operand + ")"
            : "global::AutoDiffGen.Internals.TapeWorkspace.Scratch<" + scratch + ">(" + operand + ".Length)";
    }

    /// <summary>
    /// In the reverse sweep, for an argument the callee only reads: a span argument's adjoint is <c>TapeWorkspace.Sink</c>,
    /// which costs nothing per element (the callee only adds into it; nothing reads it). Anything else as <see cref="Text"/>.
    /// </summary>
    public static string AddOnlyText(string scratch, string operand) =>
        scratch == Grid || scratch.EndsWith("[]", System.StringComparison.Ordinal) || scratch.EndsWith(CountSuffix, System.StringComparison.Ordinal) ? Text(scratch, operand)
            : "global::AutoDiffGen.Internals.TapeWorkspace.Sink<" + scratch + ">(" + operand + ".Length)";
}
