using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Graph;

/// <summary>
/// The lecture's computational graph of a method: SSA nodes (inputs always have smaller ids), the
/// structured body that computes them, and the node the method returns.
/// </summary>
/// <param name="Tapes">Names of the tapes, one per value type that loops save (e.g. "double" → "tapeDouble").</param>
/// <param name="ResultLocal">Holds the primal result when loops would restore the variable it lives in.</param>
/// <param name="Checkpoint">Set by <c>Checkpoint = true</c>: the locals of checkpointed loops (see <see cref="Checkpointing"/>).</param>
/// <param name="Workspace">The local that holds the <c>TapeWorkspace</c> the tapes come from.</param>
/// <param name="Sums">For each differentiable scalar parameter, the local its adjoint is summed in when the method has loops.</param>
/// <param name="OpaqueCalls">The body calls something for a value it does not differentiate, which may have effects.</param>
/// <param name="Outputs">What the method leaves besides its result: ref/out parameters' final values, stores into array parameters.</param>
/// <param name="Nodes">The nodes, indexed by id.</param>
/// <param name="Body">The structured body that computes them.</param>
/// <param name="Result">The id of the node the method returns, or -1 (also for a vector-valued method: see <paramref name="Vector"/>).</param>
/// <param name="Constructions">How to build each struct type the method handles whose members cannot be written one by one.</param>
/// <param name="StructLocals">Struct parameters of such a type: their adjoints' members are summed in locals and the adjoint rebuilt once at the end.</param>
/// <param name="StructArrays">Arrays and spans of Complex or of structs of reals, carried as one array per component copied as MBackward starts.</param>
/// <param name="Vector">For a method that returns a struct or tuple of reals, its components; null for a scalar result.</param>
/// <param name="Copies">The floating-point parameters loops read, which <c>MBackward</c> copies into locals (see <see cref="ParameterCopy"/>).</param>
/// <param name="Kept">Nodes of statements that may throw: computed even when nothing reads them (Lowering/ThrowingOperations).</param>
/// <param name="Confined">Creations of local arrays that nothing outside the method reaches (Lowering/ArrayConfinement), in id order.</param>
internal sealed record ComputationGraph(EquatableArray<Node> Nodes, Block Body, int Result, EquatableArray<TapeName> Tapes, string ResultLocal,
    string Workspace, EquatableArray<AdjointSum> Sums, bool OpaqueCalls, EquatableArray<GraphOutput> Outputs = default, CheckpointNames? Checkpoint = null,
    VectorResult? Vector = null, EquatableArray<ParameterCopy> Copies = default, EquatableArray<StructConstruction> Constructions = default,
    EquatableArray<StructAdjointLocals> StructLocals = default, EquatableArray<StructArrayParts> StructArrays = default, EquatableArray<int> Kept = default,
    EquatableArray<int> Confined = default)
{
    /// <summary>The construction of a built-whole struct type (<paramref name="typeName"/> as C# text), or null.</summary>
    public string? ConstructionOf(string typeName)
    {
        foreach (var c in Constructions) if (c.TypeName == typeName) return c.Template;
        return null;
    }

    /// <summary>The nodes the method returns: the result, or every component of a vector result (not its <see cref="Outputs"/>).</summary>
    public EquatableArray<int> Roots => Vector is { } v ? v.Nodes : Result >= 0 ? new EquatableArray<int>(new[] { Result }) : EquatableArray<int>.Empty;

    /// <summary>A void method: no result (scalar or vector), only <see cref="Outputs"/>.</summary>
    public bool IsVoid => Result < 0 && Vector is null;

    /// <summary>The method writes into an array it was passed: its Backward leaves the array as the method does.</summary>
    public bool WritesArrays => System.Linq.Enumerable.Any(Outputs, o => o.IsArrayStore);

    public bool HasLoops => ContainsLoop(Body);

    private static bool ContainsLoop(Block block) => System.Linq.Enumerable.Any(block.Items, item => item switch
    {
        LoopItem => true,
        IfItem b => ContainsLoop(b.Then) || ContainsLoop(b.Else),
        _ => false,
    });
}

/// <summary>
/// The locals that hold the tape array for one value type, the index of its first free entry, and the length a
/// reservation asked for before restarting the forward sweep.
/// </summary>
internal sealed record TapeName(string TypeName, string Name, string Top, string Want);

/// <summary>
/// A local that sums a <c>ref</c> parameter's adjoint during the reverse sweep, added into the parameter once
/// at the end: a write through the ref in every iteration would chain the loop through memory.
/// </summary>
internal sealed record AdjointSum(int Node, string Name);

/// <summary>
/// A struct type whose members cannot be written one by one (a readonly struct, a record struct whose property holds a
/// struct), and the <see cref="StructPacks"/> template that builds one from its components through its constructor.
/// </summary>
internal sealed record StructConstruction(string TypeName, string Template);

/// <summary>
/// A built-whole struct parameter's adjoint (<c>ref P dP</c>): its components' adjoints are the locals <paramref name="Locals"/>,
/// set from dP's members as the Backward starts, and dP is rebuilt from them (<paramref name="Template"/>) before it returns.
/// </summary>
internal sealed record StructAdjointLocals(string Adjoint, string TypeName, string Template, EquatableArray<string> Paths, EquatableArray<string> Locals, EquatableArray<ScalarType> Types);
