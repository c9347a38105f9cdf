using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Emit;

/// <summary>
/// The first line of every generated method of a method with an <c>IEnumerable&lt;T&gt;</c> (<c>ICollection&lt;T&gt;</c>,
/// <c>IReadOnlyCollection&lt;T&gt;</c>) parameter that carries a gradient: the sequence enumerated once into a buffer, which
/// the sweeps read by index as they read a list parameter (docs/supported.md, "Sequence parameters"). An array or a list
/// (any <c>IReadOnlyList&lt;T&gt;</c>) is its own buffer, with no copy; anything else is copied into a new list. A null
/// sequence throws ArgumentNullException naming the parameter, before any work.
/// </summary>
internal static class SequenceBuffers
{
    public static void Write(IndentedWriter w, MethodModel model)
    {
        foreach (var p in model.Parameters)
        {
            if (p.Buffer is not { } buffer) continue;
            string element = p.AdjointType.Substring(0, p.AdjointType.Length - 2);
            string readOnly = "global::System.Collections.Generic.IReadOnlyList<" + element + ">";
            w.Line(readOnly + " " + buffer + " = " + p.Name + " as " + readOnly + " ?? new global::System.Collections.Generic.List<" + element + ">("
                + p.Name + " ?? throw new global::System.ArgumentNullException(nameof(" + p.Name + ")));");
        }
    }
}
