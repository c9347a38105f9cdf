using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Graph;

/// <summary>
/// The locals a checkpointed loop's sweeps use (<c>[Differentiable(Checkpoint = true)]</c>), fresh names of the
/// method: the forward sweep's next checkpoint and spacing, the reverse sweep's segment end and start.
/// </summary>
internal sealed record CheckpointNames(string Next, string Spacing, string End, string Start);

/// <summary>
/// Which loops may be checkpointed: run again, segment by segment, from their carried variables during the
/// reverse sweep. That is sound only when those variables are the whole state a segment depends on and nothing
/// changes what the loop reads before the reverse sweep runs it again.
/// </summary>
internal static class Checkpointing
{
    /// <summary>Value types a checkpoint can hold: the tapes' types.</summary>
    private static readonly string[] TapeTypes = { "double", "float", "int", "bool", "long" };

    /// <summary>
    /// Null when the top-level loop at <paramref name="index"/> of the method body may be checkpointed; else why
    /// not, as a sentence part ("it carries the local array 'a'").
    /// </summary>
    public static string? WhyNot(ComputationGraph graph, int index)
    {
        if (graph.Body.Items[index] is not LoopItem loop) return "it is not a loop";
        if (graph.OpaqueCalls) return "the method calls code whose effects AutoDiffGen cannot see";
        // What the method leaves in ref/out/array parameters is written back at its end, outside the segments; not checked yet.
        if (!graph.Outputs.IsEmpty) return "the method writes into its ref, out or array parameters";
        // A vector result's components are seeded and rebuilt outside the scalar result's path; not checked with segments yet.
        if (graph.Vector is not null) return "the method returns a struct or tuple";
        foreach (int phi in loop.Phis)
        {
            var node = graph.Nodes[phi];
            if (node.Type is ScalarType.Array or ScalarType.Adjointable || !TapeTypes.Contains(node.TypeName))
            {
                return "it carries '" + (node.SourceName ?? node.Name) + "' of type " + node.TypeName + ", which a checkpoint cannot hold (only double, float, int, long and bool)";
            }
        }
        var rest = new List<Item> { loop };
        for (int i = index + 1; i < graph.Body.Items.Length; i++) rest.Add(graph.Body.Items[i]);
        foreach (int id in rest.SelectMany(Nodes))
        {
            var node = graph.Nodes[id];
            // A store in the loop or after it changes what a segment run again would read.
            if (node.Gate is GateKind.Store or GateKind.NewRow or GateKind.CopyInto) return "an array element is written in it or after it ('" + node.Name + "[…] = …')";
            if (node.Call is not null) return "it or the code after it calls a method ('" + node.Text + "'), which a segment run again would call again";
        }
        return null;
    }

    /// <summary>Indexes of the top-level loops of the body.</summary>
    public static IEnumerable<int> TopLevelLoops(Block body) => Enumerable.Range(0, body.Items.Length).Where(i => body.Items[i] is LoopItem);

    private static IEnumerable<int> Nodes(Item item) => item switch
    {
        NodeItem n => new[] { n.Node },
        IfItem b => b.Then.Items.SelectMany(Nodes).Concat(b.Else.Items.SelectMany(Nodes)).Concat(b.Phis),
        LoopItem l => l.Header.Items.SelectMany(Nodes).Concat(l.Body.Items.SelectMany(Nodes)).Concat(l.Phis),
        _ => Enumerable.Empty<int>(),
    };
}
