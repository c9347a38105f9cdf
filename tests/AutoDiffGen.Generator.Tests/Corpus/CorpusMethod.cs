namespace AutoDiffGen.Generator.Tests.Corpus;

/// <summary>How the generator fared on one copied [Differentiable] method.</summary>
public enum CorpusStatus
{
    /// <summary>A Backward compiled and agreed with central differences at every point where they are stable.</summary>
    Ok,
    /// <summary>An ADG error at the method, and no Backward.</summary>
    Diagnosed,
    /// <summary>Backward disagrees with stable central differences (or throws where the method does not).</summary>
    Wrong,
    /// <summary>Generated code does not compile or warns, the generator crashed, ADG9999, or neither a Backward nor an error.</summary>
    Broken,
    /// <summary>A Backward compiled, but no sample point gave a stable finite difference: not counted as ok.</summary>
    Unchecked,
}

/// <summary>One [Differentiable] method of the corpus: where it is, what its parameters are, and its verdict.</summary>
public sealed class CorpusMethod(string file, string typeName, string name, string[] parameterTypes, bool isStatic)
{
    public string File { get; } = file;

    /// <summary>Metadata name of the containing type, e.g. <c>Corpus.AccordNet.Gamma</c>.</summary>
    public string TypeName { get; } = typeName;

    public string Name { get; } = name;

    /// <summary>C# spellings of the parameter types: <c>double</c>, <c>double[]</c>, <c>int</c>, …</summary>
    public string[] ParameterTypes { get; } = parameterTypes;

    public bool IsStatic { get; } = isStatic;

    /// <summary>Per parameter: marked [NoDiff] (passed through, no adjoint).</summary>
    public bool[] NoDiff { get; init; } = new bool[parameterTypes.Length];

    /// <summary>
    /// The method computes in float somewhere (a float local, cast or callee) though it returns double: its central
    /// differences carry float round-off, so the judge takes float's step and tolerance.
    /// </summary>
    public bool RoundsToFloat { get; init; }

    /// <summary>
    /// Per parameter: a struct whose fields are all reals (an adjoint of its own type, <c>ref</c>). Only set when the run
    /// judges struct parameters (<see cref="JudgeStructs"/>); otherwise such methods are judged through their callers.
    /// </summary>
    public bool[] RealStruct { get; init; } = new bool[parameterTypes.Length];

    /// <summary>The held-out tool's run: struct-of-reals parameters (and a struct receiver's fields) are sampled and judged.</summary>
    public bool JudgeStructs { get; init; }

    public CorpusStatus Status { get; set; } = CorpusStatus.Ok;

    /// <summary>ADG error ids at the method (sorted, distinct).</summary>
    public SortedSet<string> ErrorIds { get; } = new(StringComparer.Ordinal);

    /// <summary>ADG warning ids at the method (informational).</summary>
    public SortedSet<string> WarningIds { get; } = new(StringComparer.Ordinal);

    /// <summary>Why the verdict is what it is (first problem found, diagnostics, points judged).</summary>
    public List<string> Details { get; } = new();

    public string Signature => TypeName.Substring(TypeName.LastIndexOf('.') + 1) + "." + Name + "(" + string.Join(", ", ParameterTypes) + ")";

    /// <summary>Marks the method broken (a broken verdict is never overwritten by a milder one).</summary>
    public void Break(string why)
    {
        Status = CorpusStatus.Broken;
        if (Details.Count < 4) Details.Add(why);
    }
}
