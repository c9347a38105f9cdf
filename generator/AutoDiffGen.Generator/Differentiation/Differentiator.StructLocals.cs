using System.Linq;
using AutoDiffGen.Generator.Graph;

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

    private void RebuildStructAdjoints()
    {
        foreach (var s in _graph.StructLocals)
        {
            Emit(new SetLocal(s.Adjoint, StructPacks.Text(s.Template, k => s.Locals[k])));
        }
    }
}
