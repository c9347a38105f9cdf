using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.GraphView;

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
/// Everything drawn uses the names of the source: a value of <c>acc</c> is <c>acc</c> whichever SSA
/// version (<c>acc_1</c>, <c>acc_2</c>) holds it, a generated temporary in a condition is replaced by its
/// own text, and loops and branches are captioned with their source ("for (i ≥ 0)", "if (x > 0)").
/// Nodes stay apart by their ids, not their names.
/// </summary>
internal sealed class GraphLayout
{
    private readonly ComputationGraph _graph;
    private readonly Activity _activity;
    private readonly int[] _view;
    private readonly Dictionary<string, Node> _byName = new();

    public List<GraphViewNode> Nodes { get; } = new();
    public List<GraphViewEdge> Edges { get; } = new();
    public List<GraphViewCluster> Clusters { get; } = new();

    public GraphLayout(ComputationGraph graph, Activity activity, string methodName)
    {
        _graph = graph;
        _activity = activity;
        _view = Enumerable.Repeat(-1, graph.Nodes.Length).ToArray();
        foreach (var node in graph.Nodes)
        {
            if (!node.IsInline && !_byName.ContainsKey(node.Name)) _byName.Add(node.Name, node);
        }

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
        if (_view[id] >= 0 || !_activity.IsUseful(id) || IsFolded(node) || IsCollapsed(node) || node.Gate == GateKind.Parameter || Effects.IsEffect(node)) return;
        string kind = node.Gate switch
        {
            GateKind.Constant => "Constant",
            GateKind.Call => "Call",
            GateKind.Phi => "Merge",
            _ => "Gate",
        };
        _view[id] = Add(kind, Label(node), node.SourceName, cluster, id);
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
                    int branch = AddCluster("Branch", b.Label.Length > 0 ? Caption(b.Label) : "if (" + Short(Text(_graph.Nodes[b.Condition]), 40) + ")", cluster);
                    if (HasDrawn(b.Then)) Walk(b.Then, AddCluster("Then", "then", branch));
                    if (HasDrawn(b.Else)) Walk(b.Else, AddCluster("Else", "else", branch));
                    foreach (var phi in b.Phis) Place(phi, branch);
                    break;
                case LoopItem l:
                    if (!l.Phis.Any(_activity.IsUseful)) break;
                    int loop = AddCluster("Loop", l.Label.Length > 0 ? Caption(l.Label) : (l.ConditionFirst ? "while (" : "do … while (") + Short(Text(_graph.Nodes[l.Condition]), 40) + ")", cluster);
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

    private string Text(Node node) => node.Gate == GateKind.Constant && node.Text.Length > 0 ? Display(node.Text) : node.SourceName ?? node.Name;

    /// <summary>A loop's or branch's caption from the source, with ≥ ≤ ≠ for &gt;= &lt;= !=.</summary>
    private static string Caption(string label) => Short(Pretty(label), 48);

    /// <summary>
    /// C# text of the forward sweep as the user would write it: each local by its source name (<c>acc</c>
    /// for <c>acc_2</c>), each generated temporary by its own text, no <c>global::</c> or <c>Math.</c>
    /// prefixes, ≥ ≤ ≠ for &gt;= &lt;= !=.
    /// </summary>
    private string Display(string text) => Pretty(Unwrap(Substitute(Simplify(text), 0)));

    /// <summary>"(a == 0)" → "a == 0": outer parentheses that enclose the whole text.</summary>
    private static string Unwrap(string text)
    {
        if (text.Length < 2 || text[0] != '(' || text[text.Length - 1] != ')') return text;
        int depth = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')' && --depth == 0 && i < text.Length - 1) return text;
        }
        return text.Substring(1, text.Length - 2);
    }

    private string Substitute(string text, int depth)
    {
        var s = new System.Text.StringBuilder(text.Length);
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c is '"' or '\'')
            {
                int end = LiteralEnd(text, i);
                s.Append(text, i, end - i);
                i = end;
            }
            else if (char.IsDigit(c))
            {
                int start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.')) i++;
                s.Append(text, start, i - start);
            }
            else if (char.IsLetter(c) || c is '_' or '@')
            {
                int start = i++;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_')) i++;
                string word = text.Substring(start, i - start);
                bool member = start > 0 && text[start - 1] == '.';
                s.Append(member ? word : Shown(word, depth));
            }
            else
            {
                s.Append(c);
                i++;
            }
        }
        return s.ToString();
    }

    /// <summary>What a name in the forward sweep's text shows as.</summary>
    private string Shown(string name, int depth)
    {
        if (!_byName.TryGetValue(name, out var node)) return name;
        if (node.SourceName is { } source) return source;
        if (node.Gate == GateKind.Constant && node.Text.Length > 0 && depth < 8)
        {
            string inner = Substitute(Simplify(node.Text), depth + 1);
            return IsAtom(inner) ? inner : "(" + inner + ")";
        }
        return name;
    }

    private static bool IsAtom(string text) => text.All(ch => char.IsLetterOrDigit(ch) || ch is '_' or '.' or '@');

    /// <summary>The index just past the string or char literal that starts at <paramref name="start"/>.</summary>
    private static int LiteralEnd(string text, int start)
    {
        char quote = text[start];
        int i = start + 1;
        while (i < text.Length && text[i] != quote) i += text[i] == '\\' ? 2 : 1;
        return System.Math.Min(i + 1, text.Length);
    }

    /// <summary>&gt;= → ≥, &lt;= → ≤, != → ≠ outside literals (not in &gt;&gt;=, &lt;&lt;=, =&gt;).</summary>
    private static string Pretty(string text)
    {
        var s = new System.Text.StringBuilder(text.Length);
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c is '"' or '\'')
            {
                int end = LiteralEnd(text, i);
                s.Append(text, i, end - i);
                i = end;
                continue;
            }
            bool equalsNext = i + 1 < text.Length && text[i + 1] == '=';
            char before = i > 0 ? text[i - 1] : ' ';
            if (equalsNext && c == '>' && before != '>') { s.Append('≥'); i += 2; continue; }
            if (equalsNext && c == '<' && before != '<') { s.Append('≤'); i += 2; continue; }
            if (equalsNext && c == '!') { s.Append('≠'); i += 2; continue; }
            s.Append(c);
            i++;
        }
        return s.ToString();
    }

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
                return Short(Display(node.Text.Length > 0 ? node.Text : node.Name), 32);
            case GateKind.Call:
                return (node.Call?.Callee ?? node.Name) + "()";
            case GateKind.Phi:
                return "φ";
            case GateKind.Convert:
                return "(" + ScalarLiterals.TypeKeyword(node.Type) + ")";
            case GateKind.Element:
                return "[" + ElementIndex.Text(node, i => Operand(node, i, "i")) + "]";
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
