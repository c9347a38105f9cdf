using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// A struct parameter whose members cannot be written one by one (a readonly struct, a record struct whose property
/// holds a struct: <see cref="StructAdjointLocals"/>): its adjoint's members are read into locals as <c>MBackward</c>
/// starts, the reverse sweep adds into those, and <c>dP</c> is rebuilt from them through the struct's constructor
/// at the end, so it is still added into (in/out), as any other adjoint.
/// </summary>
internal sealed partial class Differentiator
{
    private void DeclareStructAdjointLocals()
    {
        foreach (var s in _graph.StructLocals)
        {
            for (int k = 0; k < s.Locals.Length; k++) Emit(new NewLocal(ScalarLiterals.TypeKeyword(s.Types[k]), s.Locals[k], s.Adjoint + "." + s.Paths[k]));
        }
    }

    /// <summary>A Complex[] parameter's parts, copied into two arrays, and their adjoints, zeroed (<see cref="ComplexArrayParts"/>).</summary>
    private void DeclareComplexArrayParts()
    {
        foreach (var c in _graph.ComplexArrays)
        {
            foreach (var (part, array) in new[] { ("Real", c.Re), ("Imaginary", c.Im) })
            {
                Emit(new NewLocal("double[]", array, "new double[" + c.Parameter + ".Length]"));
                Emit(new Invoke(AdjointText.Plain("for (int " + c.Index + " = 0; " + c.Index + " < " + array + ".Length; " + c.Index + "++) " + array + "[" + c.Index + "] = " + c.Parameter + "[" + c.Index + "]." + part), EquatableArray<int>.Empty));
            }
            Emit(new NewLocal("double[]", c.AdjointRe, "new double[" + c.Parameter + ".Length]"));
            Emit(new NewLocal("double[]", c.AdjointIm, "new double[" + c.Parameter + ".Length]"));
        }
    }

    /// <summary>Each Complex[] parameter's part adjoints added into its adjoint, element by element.</summary>
    private void AddComplexArrayAdjoints()
    {
        foreach (var c in _graph.ComplexArrays)
        {
            Emit(new Invoke(AdjointText.Plain("for (int " + c.Index + " = 0; " + c.Index + " < " + c.Adjoint + ".Length; " + c.Index + "++) " + c.Adjoint + "[" + c.Index + "] += new global::System.Numerics.Complex("
                + c.AdjointRe + "[" + c.Index + "], " + c.AdjointIm + "[" + c.Index + "])"), EquatableArray<int>.Empty));
        }
    }

    /// <summary>Every struct parameter's adjoint rebuilt, and every Complex[] parameter's added into: the last steps of every MBackward (scalar or vector result).</summary>
    private void RebuildStructAdjoints()
    {
        foreach (var s in _graph.StructLocals)
        {
            Emit(new SetLocal(s.Adjoint, StructPacks.Text(s.Template, k => s.Locals[k])));
        }
        AddComplexArrayAdjoints();
    }
}
