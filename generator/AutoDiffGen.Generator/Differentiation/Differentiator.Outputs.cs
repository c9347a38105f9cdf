using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// The outputs of a method besides its result (<see cref="GraphOutput"/>): ref/out parameters and stores into array
/// parameters. The adjoint of a <c>ref</c> parameter is in/out: on entry <c>dX</c> holds the adjoint of the value the
/// method leaves in <c>x</c>, on return the adjoint of the value it came in with. So the reverse sweep first reads
/// every seed, then sets each written ref parameter's adjoint to zero, then adds into it as into any parameter's.
/// An array parameter's adjoint array needs nothing here: its stores already consume their slot's adjoint
/// (<see cref="Differentiator.ReverseNode"/>), which is the same in/out rule slot by slot.
/// </summary>
internal sealed partial class Differentiator
{
    /// <summary>The scalar outputs (ref/out parameters).</summary>
    private IEnumerable<GraphOutput> ScalarOutputs => _graph.Outputs.Where(o => !o.IsArrayStore);

    /// <summary>Whether the reverse sweep has anything to do besides the result's seed.</summary>
    private bool HasSeeds() =>
        _graph.Outputs.Any(o => _activity.IsActive(o.Node)) || ScalarOutputs.Any(o => Resets(o));

    /// <summary>A written ref parameter with an adjoint: the adjoint of its incoming value starts at zero.</summary>
    private bool Resets(GraphOutput o) => !o.IsArrayStore && o.Parameter >= 0 && o.Seed.Length > 0;

    /// <summary>
    /// The final value of each ref/out parameter, kept in a local of its own when loops would restore the
    /// variable it lives in (as the result is). Returns, per scalar output, the text Backward writes back.
    /// </summary>
    private List<(GraphOutput Output, string Value)> KeepOutputs()
    {
        var finals = new List<(GraphOutput, string)>();
        foreach (var o in ScalarOutputs)
        {
            var node = _nodes[o.Node];
            if (_graph.HasLoops && !node.IsInline)
            {
                Emit(new NewLocal(Declared(node), o.Kept, node.Name));
                finals.Add((o, o.Kept));
            }
            else
            {
                finals.Add((o, node.Name));
            }
        }
        return finals;
    }

    /// <summary>Seeds each active output's adjoint from its adjoint parameter, then zeroes the written ref parameters' adjoints.</summary>
    private void SeedOutputs()
    {
        var outputs = ScalarOutputs.Where(o => o.Seed.Length > 0 && _activity.IsActive(o.Node)).ToList();
        // A seed bound for a parameter's adjoint (a = b leaves b's value in a) may be written through the ref in
        // place (RefSums), so it is read into a local before any reset.
        foreach (var o in outputs.Where(o => o.SeedLocal.Length > 0))
        {
            Emit(new NewLocal(_nodes[o.Node].TypeName, o.SeedLocal, o.Seed));
        }
        foreach (var o in outputs.Where(o => o.SeedLocal.Length == 0))
        {
            Emit(new Comment(o.Target + ": the adjoint of the value it leaves is the seed " + o.Seed));
            Contribute(o.Node, AdjointText.Plain(o.Seed), subtract: false, _out, -1, -1);
        }
        foreach (var o in ScalarOutputs.Where(Resets))
        {
            Emit(new Comment(o.Seed + " now collects the adjoint of the value " + o.Target + " came in with"));
            Emit(new SetLocal(o.Seed, ScalarLiterals.Zero(_nodes[o.Parameter].Type)));
        }
        foreach (var o in outputs.Where(o => o.SeedLocal.Length > 0))
        {
            Contribute(o.Node, AdjointText.Plain(o.SeedLocal), subtract: false, _out, -1, -1);
        }
    }

    /// <summary>Backward leaves the ref/out parameters as the method does: their final values, written last.</summary>
    private void WriteOutputs(List<(GraphOutput Output, string Value)> finals)
    {
        foreach (var (o, value) in finals) Emit(new SetLocal(o.Target, value));
    }
}
