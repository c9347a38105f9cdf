using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace AutoDiffGen
{
    /// <summary>
    /// The computational graph of a <c>[Differentiable(Graph = true)]</c> method, as plain data: gates are nodes,
    /// values are edges, parameters are the inputs, loops and branches are clusters and calls are one node.
    /// The generator emits it as a static <c>MGraph</c> property next to <c>MBackward</c>.
    /// </summary>
    /// <remarks>
    /// <see cref="ToDot()"/> writes Graphviz DOT (render with <c>dot -Tsvg</c>), <see cref="ToMermaid()"/> a
    /// Mermaid flowchart for Markdown. With a <see cref="GraphTrace"/> from the generated <c>MTrace</c>, each
    /// wire shows its forward value above (green) and its gradient below (red), as the lecture's slides do.
    /// </remarks>
    public sealed class GraphView
    {
        private readonly GraphNode[] _nodes;
        private readonly GraphEdge[] _edges;
        private readonly GraphCluster[] _clusters;

        /// <summary>Creates a graph. The generator calls this with array initializers; no reflection is involved.</summary>
        /// <param name="name">The method's name.</param>
        /// <param name="nodes">The nodes; node i has <see cref="GraphNode.Id"/> i.</param>
        /// <param name="edges">The edges.</param>
        /// <param name="clusters">The loops and branches; cluster i has <see cref="GraphCluster.Id"/> i.</param>
        public GraphView(string name, GraphNode[] nodes, GraphEdge[] edges, GraphCluster[] clusters)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            _nodes = nodes ?? throw new ArgumentNullException(nameof(nodes));
            _edges = edges ?? throw new ArgumentNullException(nameof(edges));
            _clusters = clusters ?? throw new ArgumentNullException(nameof(clusters));
        }

        /// <summary>The method's name.</summary>
        public string Name { get; }

        /// <summary>The nodes; <see cref="GraphTrace"/> values are indexed like this list.</summary>
        public IReadOnlyList<GraphNode> Nodes => _nodes;

        /// <summary>The edges.</summary>
        public IReadOnlyList<GraphEdge> Edges => _edges;

        /// <summary>The loops and branches.</summary>
        public IReadOnlyList<GraphCluster> Clusters => _clusters;

        /// <summary>
        /// The index of the first node whose variable name is <paramref name="name"/>; -1 if none. A variable
        /// assigned more than once names several nodes; this is the first of them in <see cref="Nodes"/>.
        /// </summary>
        /// <param name="name">A parameter or local variable name.</param>
        public int IndexOf(string name)
        {
            for (int i = 0; i < _nodes.Length; i++)
            {
                if (_nodes[i].Name == name) return i;
            }
            return -1;
        }

        /// <summary>The index of the output node (the method's result), or -1.</summary>
        public int Output
        {
            get
            {
                for (int i = 0; i < _nodes.Length; i++)
                {
                    if (_nodes[i].Kind == GraphNodeKind.Output) return i;
                }
                return -1;
            }
        }

        /// <summary>The graph as Graphviz DOT text, without numbers.</summary>
        public string ToDot() => WriteDot(null, "0.00");

        /// <summary>
        /// The graph as Graphviz DOT text, with each wire's forward value above it in green and its gradient
        /// below it in red.
        /// </summary>
        /// <param name="trace">A traced run, from the generated <c>MTrace</c>.</param>
        /// <param name="numberFormat">How numbers are written (invariant culture); two decimals by default, as on the slides.</param>
        public string ToDot(GraphTrace trace, string numberFormat = "0.00")
        {
            if (trace is null) throw new ArgumentNullException(nameof(trace));
            CheckTrace(trace);
            return WriteDot(trace, numberFormat);
        }

        /// <summary>The graph as a Mermaid flowchart, without numbers.</summary>
        public string ToMermaid() => WriteMermaid(null, "0.00");

        /// <summary>The graph as a Mermaid flowchart, each wire labelled with its value and, below it, its gradient.</summary>
        /// <param name="trace">A traced run, from the generated <c>MTrace</c>.</param>
        /// <param name="numberFormat">How numbers are written (invariant culture).</param>
        public string ToMermaid(GraphTrace trace, string numberFormat = "0.00")
        {
            if (trace is null) throw new ArgumentNullException(nameof(trace));
            CheckTrace(trace);
            return WriteMermaid(trace, numberFormat);
        }

        /// <inheritdoc/>
        public override string ToString() => ToDot();

        private void CheckTrace(GraphTrace trace)
        {
            if (trace.Values.Count != _nodes.Length) throw new ArgumentException("The trace is of another graph: it has " + trace.Values.Count.ToString(CultureInfo.InvariantCulture) + " nodes, this graph " + _nodes.Length.ToString(CultureInfo.InvariantCulture) + ".", nameof(trace));
        }

        // ================= DOT =================

        private string WriteDot(GraphTrace? trace, string format)
        {
            var s = new StringBuilder();
            s.Append("digraph ").Append(DotString(Name)).Append(" {\n");
            s.Append("  rankdir=LR;\n");
            s.Append("  node [fontname=\"Helvetica\", fontsize=12];\n");
            s.Append("  edge [fontname=\"Helvetica\", fontsize=11];\n");
            DotMembers(s, -1, "  ");
            foreach (var edge in _edges)
            {
                s.Append("  n").Append(Int(edge.From)).Append(" -> n").Append(Int(edge.To));
                var attributes = new List<string>();
                if (edge.Kind == GraphEdgeKind.Condition) attributes.Add("style=dashed, color=gray40, arrowhead=odot");
                if (edge.Kind == GraphEdgeKind.NoGradient) attributes.Add("style=dotted");
                if (trace is not null && edge.Kind != GraphEdgeKind.Condition)
                {
                    string? label = DotNumbers(trace, edge.From, format, edge.Kind == GraphEdgeKind.Value);
                    if (label is not null) attributes.Add("label=" + label);
                }
                else if (trace is null && edge.Kind == GraphEdgeKind.Value && _nodes[edge.From].Name is { } name && _nodes[edge.From].Kind != GraphNodeKind.Parameter)
                {
                    attributes.Add("label=" + DotString(name) + ", fontcolor=gray30");
                }
                if (attributes.Count > 0) s.Append(" [").Append(string.Join(", ", attributes.ToArray())).Append(']');
                s.Append(";\n");
            }
            s.Append("}\n");
            return s.ToString();
        }

        /// <summary>The nodes and sub-clusters of cluster <paramref name="cluster"/> (-1: the top level).</summary>
        private void DotMembers(StringBuilder s, int cluster, string indent)
        {
            foreach (var node in _nodes)
            {
                if (node.Cluster != cluster) continue;
                s.Append(indent).Append('n').Append(Int(node.Id)).Append(" [").Append(DotNodeAttributes(node)).Append("];\n");
            }
            foreach (var c in _clusters)
            {
                if (c.Parent != cluster) continue;
                s.Append(indent).Append("subgraph cluster_").Append(Int(c.Id)).Append(" {\n");
                s.Append(indent).Append("  label=").Append(DotString(c.Label)).Append(";\n");
                s.Append(indent).Append(c.Kind == GraphClusterKind.Loop ? "  style=\"rounded\"; color=steelblue; fontcolor=steelblue;\n" : "  style=\"rounded,dashed\"; color=gray50; fontcolor=gray30;\n");
                DotMembers(s, c.Id, indent + "  ");
                s.Append(indent).Append("}\n");
            }
        }

        private static string DotNodeAttributes(GraphNode node)
        {
            string caption = node.Name is not null && node.Name != node.Label && node.Kind is GraphNodeKind.Gate or GraphNodeKind.Call or GraphNodeKind.Merge
                ? node.Label + "\n" + node.Name
                : node.Label;
            string shape = node.Kind switch
            {
                GraphNodeKind.Parameter => "shape=plaintext, fontsize=14",
                GraphNodeKind.Output => "shape=plaintext, fontsize=14",
                GraphNodeKind.Constant => "shape=box, style=dashed, fontcolor=gray30",
                GraphNodeKind.Call => "shape=box, style=\"rounded,filled\", fillcolor=lightyellow",
                GraphNodeKind.Merge => "shape=diamond, style=filled, fillcolor=lavender",
                _ => node.Label.Length <= 3 && node.Name is null ? "shape=circle, style=filled, fillcolor=aliceblue" : "shape=ellipse, style=filled, fillcolor=aliceblue",
            };
            return "label=" + DotString(caption) + ", " + shape;
        }

        private string? DotNumbers(GraphTrace trace, int node, string format, bool gradient)
        {
            double value = trace.Value(node);
            double grad = gradient ? trace.Gradient(node) : double.NaN;
            if (double.IsNaN(value) && double.IsNaN(grad)) return null;
            var s = new StringBuilder("<");
            if (!double.IsNaN(value)) s.Append("<font color=\"darkgreen\">").Append(Html(Number(value, format))).Append("</font>");
            if (!double.IsNaN(grad))
            {
                if (!double.IsNaN(value)) s.Append("<br/>");
                s.Append("<font color=\"red\">").Append(Html(Number(grad, format))).Append("</font>");
            }
            return s.Append('>').ToString();
        }

        // ================= Mermaid =================

        private string WriteMermaid(GraphTrace? trace, string format)
        {
            var s = new StringBuilder();
            s.Append("flowchart LR\n");
            MermaidMembers(s, -1, "  ");
            foreach (var edge in _edges)
            {
                s.Append("  n").Append(Int(edge.From));
                string arrow = edge.Kind == GraphEdgeKind.Value ? " -->" : " -.->";
                string? label = null;
                if (trace is not null && edge.Kind != GraphEdgeKind.Condition)
                {
                    double value = trace.Value(edge.From);
                    double grad = edge.Kind == GraphEdgeKind.Value ? trace.Gradient(edge.From) : double.NaN;
                    var parts = new List<string>();
                    if (!double.IsNaN(value)) parts.Add(MermaidEscape(Number(value, format)));
                    if (!double.IsNaN(grad)) parts.Add("∇ " + MermaidEscape(Number(grad, format)));
                    if (parts.Count > 0) label = string.Join("<br/>", parts.ToArray());
                }
                else if (trace is null && edge.Kind == GraphEdgeKind.Value && _nodes[edge.From].Name is { } name && _nodes[edge.From].Kind != GraphNodeKind.Parameter)
                {
                    label = MermaidEscape(name);
                }
                s.Append(arrow);
                if (label is not null) s.Append("|\"").Append(label).Append("\"|");
                s.Append(" n").Append(Int(edge.To)).Append('\n');
            }
            return s.ToString();
        }

        private void MermaidMembers(StringBuilder s, int cluster, string indent)
        {
            foreach (var node in _nodes)
            {
                if (node.Cluster != cluster) continue;
                string caption = node.Name is not null && node.Name != node.Label && node.Kind is GraphNodeKind.Gate or GraphNodeKind.Call or GraphNodeKind.Merge
                    ? MermaidEscape(node.Label) + "<br/>" + MermaidEscape(node.Name)
                    : MermaidEscape(node.Label);
                string text = "\"" + caption + "\"";
                string shape = node.Kind switch
                {
                    GraphNodeKind.Parameter => "([" + text + "])",
                    GraphNodeKind.Output => "([" + text + "])",
                    GraphNodeKind.Constant => "[/" + text + "/]",
                    GraphNodeKind.Call => "[[" + text + "]]",
                    GraphNodeKind.Merge => "{" + text + "}",
                    _ => "((" + text + "))",
                };
                s.Append(indent).Append('n').Append(Int(node.Id)).Append(shape).Append('\n');
            }
            foreach (var c in _clusters)
            {
                if (c.Parent != cluster) continue;
                s.Append(indent).Append("subgraph c").Append(Int(c.Id)).Append(" [").Append(MermaidString(c.Label)).Append("]\n");
                MermaidMembers(s, c.Id, indent + "  ");
                s.Append(indent).Append("end\n");
            }
        }

        // ================= text =================

        private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

        /// <summary>A number in the invariant culture; a value that rounds to zero is written without a minus sign.</summary>
        internal static string Number(double value, string format)
        {
            if (double.IsPositiveInfinity(value)) return "∞";
            if (double.IsNegativeInfinity(value)) return "-∞";
            string text = value.ToString(format, CultureInfo.InvariantCulture);
            if (text.Length > 1 && text[0] == '-' && text.Substring(1).Trim('0', '.') .Length == 0) text = text.Substring(1);
            return text;
        }

        private static string DotString(string text) =>
            "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n") + "\"";

        private static string Html(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

        private static string MermaidString(string text) => "\"" + MermaidEscape(text) + "\"";

        private static string MermaidEscape(string text) =>
            text.Replace("#", "#35;").Replace("\"", "#quot;").Replace("<", "#lt;").Replace(">", "#gt;").Replace("\n", "<br/>");
    }
}
