using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Emit;

/// <summary>One node of the drawn graph. <see cref="Source"/> is the graph node it shows, or -1 for the output.</summary>
internal sealed record GraphViewNode(int Id, string Kind, string Label, string? Name, int Cluster, int Source);

/// <summary>One edge of the drawn graph.</summary>
internal sealed record GraphViewEdge(int From, int To, string Kind);

/// <summary>One loop or branch box of the drawn graph.</summary>
internal sealed record GraphViewCluster(int Id, string Kind, string Label, int Parent);

/// <summary>
/// The computational graph as the user sees it (the runtime <c>GraphView</c>'s data): the useful nodes
/// of <see cref="ComputationGraph"/>, with copies collapsed into what they copy, simple constants folded
/// into the gate that reads them ("+ 1.0", "* 2.0"), branches and loops as clusters, calls as one node,
/// and an output node for the result.
/// </summary>
internal sealed class GraphLayout
{
    private readonly ComputationGraph _graph;
    private readonly Activity _activity;
    private readonly int[] _view;

    public List<GraphViewNode> Nodes { get; } = new();
    public List<GraphViewEdge> Edges { get; } = new();
    public List<GraphViewCluster> Clusters { get; } = new();

    public GraphLayout(ComputationGraph graph, Activity activity, string methodName)
    {
        _graph = graph;
        _activity = activity;
        _view = Enumerable.Repeat(-1, graph.Nodes.Length).ToArray();

        // Parameters first, in order: the graph's inputs on the left.
        foreach (var node in graph.Nodes.Where(n => n.Gate == GateKind.Parameter && activity.IsUseful(n.Id)))
        {
            _view[node.Id] = Add("Parameter", node.Name.TrimStart('@'), node.Name.TrimStart('@'), -1, node.Id);
        }
        Walk(graph.Body, -1);
        // Nodes no block places (none today): put them at the top level rather than lose them.
        foreach (var node in graph.Nodes) Place(node.Id, -1);

        foreach (var node in graph.Nodes)
        {
            int to = _view[node.Id];
            if (to < 0 || node.Gate is GateKind.Parameter || IsCollapsed(node)) continue;
            string kind = node.Gate == GateKind.Constant ? "NoGradient" : "Value";
            foreach (var input in node.Inputs.Distinct())
            {
                int from = View(input);
                if (from >= 0) Edges.Add(new GraphViewEdge(from, to, kind));
            }
        }
        AddConditionEdges(graph.Body);

        if (graph.Result >= 0 && View(graph.Result) is var result and >= 0)
        {
            int output = Add("Output", methodName, null, -1, -1);
            Edges.Add(new GraphViewEdge(result, output, "Value"));
        }
    }

    /// <summary>The drawn node that shows graph node <paramref name="id"/> (through copies), or -1.</summary>
    public int View(int id)
    {
        var node = _graph.Nodes[id];
        if (IsCollapsed(node)) return View(node.Inputs[0]);
        return _view[id];
    }

    private int Add(string kind, string label, string? name, int cluster, int source)
    {
        int id = Nodes.Count;
        Nodes.Add(new GraphViewNode(id, kind, label, name, cluster, source));
        return id;
    }

    /// <summary>A literal or other input-free inline constant: written into its reader's label, not drawn.</summary>
    private static bool IsFolded(Node node) => node is { Gate: GateKind.Constant, IsInline: true } && node.Inputs.IsEmpty;

    /// <summary>A copy between user variables: drawn as the value it copies.</summary>
    private static bool IsCollapsed(Node node) => node.Gate == GateKind.Copy && node.Inputs.Length == 1;

    private void Place(int id, int cluster)
    {
        var node = _graph.Nodes[id];
        if (_view[id] >= 0 || !_activity.IsUseful(id) || IsFolded(node) || IsCollapsed(node) || node.Gate == GateKind.Parameter) return;
        string kind = node.Gate switch
        {
            GateKind.Constant => "Constant",
            GateKind.Call => "Call",
            GateKind.Phi => "Merge",
            _ => "Gate",
        };
        _view[id] = Add(kind, Label(node), node.UserName, cluster, id);
    }

    private void Walk(Block block, int cluster)
    {
        foreach (var item in block.Items)
        {
            switch (item)
            {
                case NodeItem n:
                    Place(n.Node, cluster);
                    break;
                case IfItem b:
                    if (!HasDrawn(b)) break;
                    int branch = AddCluster("Branch", "if (" + Short(Text(_graph.Nodes[b.Condition]), 40) + ")", cluster);
                    if (HasDrawn(b.Then)) Walk(b.Then, AddCluster("Then", "then", branch));
                    if (HasDrawn(b.Else)) Walk(b.Else, AddCluster("Else", "else", branch));
                    foreach (var phi in b.Phis) Place(phi, branch);
                    break;
                case LoopItem l:
                    if (!l.Phis.Any(_activity.IsUseful)) break;
                    int loop = AddCluster("Loop", (l.ConditionFirst ? "while (" : "do … while (") + Short(Text(_graph.Nodes[l.Condition]), 40) + ")", cluster);
                    foreach (var phi in l.Phis) Place(phi, loop);
                    Walk(l.Header, loop);
                    Walk(l.Body, loop);
                    break;
            }
        }
    }

    private int AddCluster(string kind, string label, int parent)
    {
        int id = Clusters.Count;
        Clusters.Add(new GraphViewCluster(id, kind, label, parent));
        return id;
    }

    private bool HasDrawn(IfItem b) => b.Phis.Any(_activity.IsUseful) || HasDrawn(b.Then) || HasDrawn(b.Else);

    private bool HasDrawn(Block block) => block.Items.Any(item => item switch
    {
        NodeItem n => _activity.IsUseful(n.Node) && !IsFolded(_graph.Nodes[n.Node]) && !IsCollapsed(_graph.Nodes[n.Node]),
        IfItem b => HasDrawn(b),
        LoopItem l => l.Phis.Any(_activity.IsUseful),
        _ => false,
    });

    /// <summary>Which condition decides each merge: a dashed edge from the condition to the φ.</summary>
    private void AddConditionEdges(Block block)
    {
        foreach (var item in block.Items)
        {
            switch (item)
            {
                case IfItem b:
                    AddConditionEdges(b.Then);
                    AddConditionEdges(b.Else);
                    foreach (var phi in b.Phis) AddCondition(b.Condition, phi);
                    break;
                case LoopItem l:
                    AddConditionEdges(l.Header);
                    AddConditionEdges(l.Body);
                    foreach (var phi in l.Phis) AddCondition(l.Condition, phi);
                    break;
            }
        }
    }

    private void AddCondition(int condition, int phi)
    {
        int from = View(condition), to = View(phi);
        if (from >= 0 && to >= 0 && _activity.IsUseful(phi)) Edges.Add(new GraphViewEdge(from, to, "Condition"));
    }

    private static string Text(Node node) => node.Gate == GateKind.Constant && node.Text.Length > 0 ? Simplify(node.Text) : node.UserName ?? node.Name;

    /// <summary>C# text as a reader writes it: without global:: and System.Math. prefixes.</summary>
    private static string Simplify(string text) =>
        text.Replace("global::", "").Replace("System.MathF.", "").Replace("System.Math.", "").Replace("System.", "");

    private static string Short(string text, int max) => text.Length <= max ? text : text.Substring(0, max - 1) + "…";

    /// <summary>The operation a gate shows, with folded constants: "+ 1.0", "1.0 / ·", "pow(·, 2.0)".</summary>
    private string Label(Node node)
    {
        switch (node.Gate)
        {
            case GateKind.Constant:
                return Short(Simplify(node.Text.Length > 0 ? node.Text : node.Name), 32);
            case GateKind.Call:
                return (node.Call?.Callee ?? node.Name) + "()";
            case GateKind.Phi:
                return "φ";
            case GateKind.Convert:
                return "(" + Literals.TypeKeyword(node.Type) + ")";
            case GateKind.Element:
                return "[" + Operand(node, 1, "i") + "]";
        }
        string? symbol = node.Gate switch
        {
            GateKind.Add => "+",
            GateKind.Subtract => "-",
            GateKind.Multiply => "*",
            GateKind.Divide => "/",
            _ => null,
        };
        var folded = Enumerable.Range(0, node.Inputs.Length).Where(i => IsFolded(_graph.Nodes[node.Inputs[i]])).ToList();
        if (symbol is not null && node.Inputs.Length == 2)
        {
            if (folded.Count == 0) return symbol;
            bool commutative = node.Gate is GateKind.Add or GateKind.Multiply;
            if (folded.Contains(1) || commutative) return symbol + " " + Operand(node, folded.Contains(1) ? 1 : 0, "·");
            return Operand(node, 0, "·") + " " + symbol + " ·";
        }
        string name = node.Gate switch
        {
            GateKind.Negate => "neg",
            GateKind.Reciprocal => "1/x",
            GateKind.Sigmoid => "σ",
            GateKind.LogBase => "log",
            _ => node.Gate.ToString().ToLowerInvariant(),
        };
        if (folded.Count == 0) return name;
        return name + "(" + string.Join(", ", Enumerable.Range(0, node.Inputs.Length).Select(i => Operand(node, i, "·"))) + ")";
    }

    /// <summary>A folded constant's text, or <paramref name="placeholder"/> for a drawn input.</summary>
    private string Operand(Node node, int i, string placeholder)
    {
        if (i >= node.Inputs.Length) return placeholder;
        var input = _graph.Nodes[node.Inputs[i]];
        return IsFolded(input) ? Short(Simplify(input.Name), 16) : placeholder;
    }
}
