namespace AutoDiffGen
{
    /// <summary>What a node of a <see cref="GraphView"/> stands for.</summary>
    public enum GraphNodeKind
    {
        /// <summary>A parameter of the method: an input of the graph.</summary>
        Parameter,
        /// <summary>A value that carries no gradient (a condition, a rounded value): its C# text.</summary>
        Constant,
        /// <summary>A gate: an elementary operation (+, *, exp, σ, max, …).</summary>
        Gate,
        /// <summary>A call to another method, drawn as one node: its derivative is the callee's own.</summary>
        Call,
        /// <summary>Where control flow meets (after a branch, around a loop), a variable's values merge (φ).</summary>
        Merge,
        /// <summary>The method's result: the graph's output.</summary>
        Output,
    }

    /// <summary>What an edge of a <see cref="GraphView"/> carries.</summary>
    public enum GraphEdgeKind
    {
        /// <summary>A value, and in the reverse sweep its gradient.</summary>
        Value,
        /// <summary>A value read by a constant: no gradient flows back along it.</summary>
        NoGradient,
        /// <summary>A condition that decides which value a merge takes.</summary>
        Condition,
    }

    /// <summary>What a cluster of a <see cref="GraphView"/> stands for.</summary>
    public enum GraphClusterKind
    {
        /// <summary>An <c>if</c> statement: holds its branches and the merges after it.</summary>
        Branch,
        /// <summary>The <c>then</c> branch of an <c>if</c>.</summary>
        Then,
        /// <summary>The <c>else</c> branch of an <c>if</c>.</summary>
        Else,
        /// <summary>A loop, drawn once (not unrolled): its condition, its body and the variables it carries.</summary>
        Loop,
    }

    /// <summary>One node of a computational graph: a parameter, a gate, a call, a merge or the output.</summary>
    public sealed class GraphNode
    {
        /// <summary>Creates a node.</summary>
        /// <param name="id">Its index in <see cref="GraphView.Nodes"/>.</param>
        /// <param name="kind">What it stands for.</param>
        /// <param name="label">Its operation ("+", "exp", "σ", a callee's name) or, for a parameter, its name.</param>
        /// <param name="name">The user's variable that holds it, or null for an intermediate.</param>
        /// <param name="cluster">The index of the innermost cluster (loop or branch) it lies in, or -1.</param>
        public GraphNode(int id, GraphNodeKind kind, string label, string? name, int cluster)
        {
            Id = id;
            Kind = kind;
            Label = label ?? string.Empty;
            Name = name;
            Cluster = cluster;
        }

        /// <summary>Its index in <see cref="GraphView.Nodes"/>.</summary>
        public int Id { get; }

        /// <summary>What it stands for.</summary>
        public GraphNodeKind Kind { get; }

        /// <summary>Its operation ("+", "exp", "σ", a callee's name) or, for a parameter, its name.</summary>
        public string Label { get; }

        /// <summary>
        /// The user's variable that holds it, as written in the source, or null for an intermediate. Every value a
        /// variable takes has its name: after <c>acc = acc * x + c[i]</c> in a loop, the initial value, the merge
        /// around the loop and the <c>+</c> are all <c>acc</c>; <see cref="Id"/> tells them apart.
        /// </summary>
        public string? Name { get; }

        /// <summary>The index of the innermost cluster it lies in, or -1.</summary>
        public int Cluster { get; }

        /// <inheritdoc/>
        public override string ToString() => Name is null || Name == Label ? Label : Label + " (" + Name + ")";
    }

    /// <summary>One edge of a computational graph: the value of <see cref="From"/>, read by <see cref="To"/>.</summary>
    public sealed class GraphEdge
    {
        /// <summary>Creates an edge.</summary>
        /// <param name="from">The node whose value flows.</param>
        /// <param name="to">The node that reads it.</param>
        /// <param name="kind">What it carries.</param>
        public GraphEdge(int from, int to, GraphEdgeKind kind)
        {
            From = from;
            To = to;
            Kind = kind;
        }

        /// <summary>The node whose value flows.</summary>
        public int From { get; }

        /// <summary>The node that reads it.</summary>
        public int To { get; }

        /// <summary>What it carries.</summary>
        public GraphEdgeKind Kind { get; }
    }

    /// <summary>A loop or a branch, drawn as a box around its nodes.</summary>
    public sealed class GraphCluster
    {
        /// <summary>Creates a cluster.</summary>
        /// <param name="id">Its index in <see cref="GraphView.Clusters"/>.</param>
        /// <param name="kind">What it stands for.</param>
        /// <param name="label">Its caption, e.g. "while (i &lt; n)".</param>
        /// <param name="parent">The cluster it lies in, or -1.</param>
        public GraphCluster(int id, GraphClusterKind kind, string label, int parent)
        {
            Id = id;
            Kind = kind;
            Label = label ?? string.Empty;
            Parent = parent;
        }

        /// <summary>Its index in <see cref="GraphView.Clusters"/>.</summary>
        public int Id { get; }

        /// <summary>What it stands for.</summary>
        public GraphClusterKind Kind { get; }

        /// <summary>Its caption.</summary>
        public string Label { get; }

        /// <summary>The cluster it lies in, or -1.</summary>
        public int Parent { get; }
    }
}
