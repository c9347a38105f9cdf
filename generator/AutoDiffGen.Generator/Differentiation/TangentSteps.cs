namespace AutoDiffGen.Generator.Differentiation;

// The steps only forward mode writes (Differentiator.Tangents). In a tangent program, AdjointProgram.Adjoints
// holds each node's tangent, and an AdjointText's references name tangents.

/// <summary><c>[T ]t = Value;</c>: a node's tangent, Σ ∂node/∂input · t(input) over its inputs that carry one.</summary>
/// <param name="Node">The node whose tangent is set.</param>
/// <param name="Value">The tangent's expression; its references are other nodes' tangents.</param>
/// <param name="Declare">Declares the tangent's local (false when it was declared before a branch or loop).</param>
internal sealed record Tangent(int Node, AdjointText Value, bool Declare) : Step;

/// <summary><c>T t = 0;</c> (or default): a tangent declared before the branch or loop that sets it.</summary>
internal sealed record DeclareTangent(int Node) : Step;

/// <summary>
/// <c>tArray[i] = Value;</c>: the tangent of a store into a local array, at the store's index. <c>Node</c> names the
/// store's tangent (the store itself in a tangent program, N + id in a Hessian–vector program).
/// </summary>
internal sealed record TangentStore(int Node, AdjointText Value) : Step;

/// <summary>
/// <c>[T ]y = Call;</c>: a call node computed by its callee's forward derivative, which returns the value and sets
/// the node's tangent through its last (out) argument, written in <paramref name="Call"/>.
/// </summary>
internal sealed record ForwardCall(int Node, AdjointText Call, bool Declare) : Step;
