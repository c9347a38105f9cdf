using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Graph;

/// <summary>One gate of the computational graph, in SSA form: it is written once and never changes.</summary>
/// <param name="Id">Its index in <see cref="ComputationGraph.Nodes"/>; inputs always have smaller ids.</param>
/// <param name="Gate">What it computes.</param>
/// <param name="Inputs">The ids of the nodes it reads.</param>
/// <param name="Type">Its value type.</param>
/// <param name="TypeName">Its C# type for a declaration (e.g. "double", "int").</param>
/// <param name="Name">The local that holds it in the forward sweep (the user's name where there is one), or
/// for an inline constant its C# text.</param>
/// <param name="IsInline">True when the node needs no local: parameters and simple constants.</param>
/// <param name="Varied">True when it depends on a differentiable parameter through differentiable gates.</param>
/// <param name="Text">For <see cref="GateKind.Constant"/> the C# expression that computes it; for a local array created
/// inside a loop (<see cref="GateKind.NewArray"/>, <see cref="GateKind.CopyArray"/>), the stack that keeps each iteration's
/// array for the reverse sweep; for a <see cref="GateKind.View"/>, the method that takes the slice of its adjoint.</param>
/// <param name="UserName">The user's variable name for this value, or null for an intermediate.</param>
/// <param name="AdjointName">The local (or ref parameter) that accumulates this node's adjoint; empty when it has none.</param>
/// <param name="Call">For a <see cref="GateKind.Call"/>: the callee and its derivative.</param>
/// <param name="SourceName">The variable as the user wrote it, without the SSA version (<c>acc</c> for
/// <c>acc_2</c>): what the drawn graph shows. Null for intermediates and generated names.</param>
/// <param name="AdjointIsProperty">True when <see cref="AdjointName"/> reaches a property (<c>dP.X</c> of a record struct,
/// <c>dThis.W</c> of an auto-property): not a variable, so a callee's <c>ref</c> adjoint goes through a scratch local.</param>
internal sealed record Node(
    int Id,
    GateKind Gate,
    EquatableArray<int> Inputs,
    ScalarType Type,
    string TypeName,
    string Name,
    bool IsInline,
    bool Varied,
    string Text,
    string? UserName,
    string AdjointName,
    CallInfo? Call = null,
    string? SourceName = null,
    bool AdjointIsProperty = false);
