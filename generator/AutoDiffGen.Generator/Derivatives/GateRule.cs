using System.Collections.Generic;

namespace AutoDiffGen.Generator.Derivatives;

/// <summary>What the reverse sweep writes for one gate: a comment naming the gate and its local gradients.</summary>
internal sealed record GateRule(string Comment, IReadOnlyList<Contribution> Contributions);
