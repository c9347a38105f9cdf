using System.Linq;

namespace AutoDiffGen.Generator.Graph;

/// <summary>
/// Throws and guard calls: statements the forward sweep runs for their effect only. They carry no value and no
/// gradient, but they are always useful (Backward must throw exactly when the method does), and so are the
/// branches and loops around them.
/// </summary>
internal static class Effects
{
    public static bool IsEffect(Node node) => node.Gate is GateKind.Throw or GateKind.Guard;

    /// <summary>Every path through the block ends in a throw.</summary>
    public static bool AlwaysThrows(Block block, System.Func<int, Node> nodes) => block.Items.Any(item => item switch
    {
        NodeItem n => nodes(n.Node).Gate == GateKind.Throw,
        IfItem b => AlwaysThrows(b.Then, nodes) && AlwaysThrows(b.Else, nodes),
        _ => false,
    });

    /// <summary>
    /// A guard branch: 0 when only the then-branch always throws, 1 when only the else-branch does, -1 otherwise.
    /// The other branch is what runs on: the reverse sweep walks it alone, without testing the condition.
    /// </summary>
    public static int ThrowingSide(IfItem branch, System.Func<int, Node> nodes)
    {
        bool then = AlwaysThrows(branch.Then, nodes), otherwise = AlwaysThrows(branch.Else, nodes);
        return then == otherwise ? -1 : then ? 0 : 1;
    }

    /// <summary>The block holds a throw or guard call, at any depth.</summary>
    public static bool Contains(Block block, System.Func<int, Node> nodes) => block.Items.Any(item => item switch
    {
        NodeItem n => IsEffect(nodes(n.Node)),
        IfItem b => Contains(b.Then, nodes) || Contains(b.Else, nodes),
        LoopItem l => Contains(l.Header, nodes) || Contains(l.Body, nodes),
        _ => false,
    });
}
