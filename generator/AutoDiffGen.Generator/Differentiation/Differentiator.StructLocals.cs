using System.Collections.Generic;
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
        // MHessianVector forms no gradient (a parameter's adjoint takes no contribution there, only its tangent does), and
        // has no dP to read or rebuild (hess14: a built-whole struct parameter in Hessian mode).
        if (_policy == SweepPolicy.HessianVector) return;
        foreach (var s in _graph.StructLocals)
        {
            for (int k = 0; k < s.Locals.Length; k++) Emit(new NewLocal(ScalarLiterals.TypeKeyword(s.Types[k]), s.Locals[k], s.Adjoint + "." + s.Paths[k]));
        }
    }

    /// <summary>
    /// An array of structs' components, each copied into an array, and their adjoints, zeroed, or copied from the
    /// parameter's adjoint when the method writes the array (its seed: <see cref="StructArrayParts.Written"/>).
    /// </summary>
    private void DeclareStructArrayParts()
    {
        foreach (var c in _graph.StructArrays)
        {
            for (int k = 0; k < c.Arrays.Length; k++) CopyComponent(c, c.Arrays[k], c.Parameter, k);
            // MHessianVector forms no gradient: only the adjoints' tangents, which its emitter declares with the tangents.
            if (_policy == SweepPolicy.HessianVector) continue;
            for (int k = 0; k < c.Arrays.Length; k++)
            {
                // A discrete member's array (int[] psId) holds constants: it has no adjoint.
                if (c.AdjointArrays[k].Length == 0) continue;
                if (c.Written) CopyComponent(c, c.AdjointArrays[k], c.Adjoint, k);
                else Emit(new NewLocal(c.Types[k] + "[]", c.AdjointArrays[k], "new " + c.Types[k] + "[" + c.LengthText + "]"));
            }
        }
    }

    /// <summary>
    /// MForward's copies of an array of structs: each component's values, as in MBackward, and its tangents from the
    /// parameter's tangent span (<c>tP[k].X</c>), which the sweep reads as a <c>double[]</c> parameter's tangent.
    /// </summary>
    private void DeclareStructArrayTangents()
    {
        foreach (var c in _graph.StructArrays)
        {
            for (int k = 0; k < c.Arrays.Length; k++) CopyComponent(c, c.Arrays[k], c.Parameter, k);
            for (int k = 0; k < c.Arrays.Length; k++)
            {
                var node = _nodes.First(n => n.Gate == GateKind.Parameter && n.Name == c.Arrays[k]);
                if (c.AdjointArrays[k].Length == 0 || _adjoint[node.Id].Length == 0) continue;
                CopyComponent(c, _adjoint[node.Id], "t" + c.Adjoint.Substring(1), k);
            }
        }
    }

    /// <summary>A new array holding component <paramref name="k"/> of every element of <paramref name="from"/>.</summary>
    private void CopyComponent(StructArrayParts c, string array, string from, int k)
    {
        Emit(new NewLocal(c.Types[k] + "[]", array, "new " + c.Types[k] + "[" + c.LengthText + "]"));
        var copy = new Invoke(AdjointText.Plain("for (int " + c.Index + " = 0; " + c.Index + " < " + array + ".Length; " + c.Index + "++) " + array + "[" + c.Index + "] = " + from + "[" + c.Index + "]." + c.Paths[k]), EquatableArray<int>.Empty);
        _componentCopies.Add(copy);
        Emit(copy);
    }

    /// <summary>The loops that copy an array of structs' components: not calls, so the forward-over-reverse walk keeps them.</summary>
    private readonly HashSet<Step> _componentCopies = new();

    /// <summary>
    /// MHessianVector's last steps for an array of structs: each component's adjoint tangents (H·direction) written into its
    /// entries of the output, element-major (<see cref="StructArrayBlocks"/>).
    /// </summary>
    private IEnumerable<Step> StructArrayProducts(EquatableArray<string> adjointTangents, EquatableArray<string> indices, string output)
    {
        foreach (var node in _nodes)
        {
            if (node.Gate != GateKind.Parameter || indices[node.Id].Length == 0 || !_activity.IsActive(node.Id)) continue;
            if (StructArrayBlocks.Component(_graph, node.Name) is not { } part) continue;
            string k = part.Parts.Index;
            string at = StructArrayBlocks.Entry(indices[node.Id], k, part.Count, part.Rank);
            var write = new Invoke(AdjointText.Plain("for (int " + k + " = 0; " + k + " < " + adjointTangents[node.Id] + ".Length; " + k + "++) " + output + "[" + at + "] = " + adjointTangents[node.Id] + "[" + k + "]"), EquatableArray<int>.Empty);
            _componentCopies.Add(write);
            yield return write;
        }
    }

    /// <summary>What the forward sweep left in a written array of structs' components, put back into the parameter (the method writes it).</summary>
    private void WriteBackStructArrays()
    {
        foreach (var c in _graph.StructArrays)
        {
            foreach (var statement in c.WriteBack)
            {
                Emit(new Invoke(AdjointText.Plain("for (int " + c.Index + " = 0; " + c.Index + " < " + c.LengthText + "; " + c.Index + "++) " + statement), EquatableArray<int>.Empty));
            }
        }
    }

    /// <summary>Each struct array parameter's component adjoints added into its adjoint (set, when it is written), element by element.</summary>
    private void AddStructArrayAdjoints()
    {
        foreach (var c in _graph.StructArrays)
        {
            foreach (var statement in c.AddBack)
            {
                Emit(new Invoke(AdjointText.Plain("for (int " + c.Index + " = 0; " + c.Index + " < " + c.Adjoint + ".Length; " + c.Index + "++) " + statement), EquatableArray<int>.Empty));
            }
        }
    }

    /// <summary>Every struct parameter's adjoint rebuilt, and every struct array parameter's added into: the last steps of every MBackward (scalar or vector result).</summary>
    private void RebuildStructAdjoints()
    {
        foreach (var s in _policy == SweepPolicy.HessianVector ? Enumerable.Empty<StructAdjointLocals>() : _graph.StructLocals)
        {
            Emit(new SetLocal(s.Adjoint, StructPacks.Text(s.Template, k => s.Locals[k])));
        }
        // MHessianVector has no adjoint of the parameter: it writes the components' adjoint tangents (StructArrayProducts).
        if (_policy != SweepPolicy.HessianVector) AddStructArrayAdjoints();
    }
}
