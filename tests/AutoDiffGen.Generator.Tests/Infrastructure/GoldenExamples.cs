namespace AutoDiffGen.Generator.Tests.Infrastructure;

/// <summary>
/// One small, realistic example per feature, each group compiled on its own: the golden files pin their
/// whole generated output (GoldenTests) and GoldenExampleGradientTests checks every one of them against
/// central differences, so a refactor of the generator shows a byte-identical or reviewed diff here.
/// </summary>
public static partial class GoldenExamples
{
    /// <summary>Every group, by name; GoldenTests and GoldenExampleGradientTests both read this list.</summary>
    public static IReadOnlyList<(string Name, string Source)> All { get; } = new[]
    {
        (nameof(Branches), Branches.Source),
        (nameof(Loops), Loops.Source),
        (nameof(Calls), Calls.Source),
        (nameof(Arrays), Arrays.Source),
        (nameof(Precision), Precision.Source),
        (nameof(Tensors), Tensors.Source),
        (nameof(Graph), Graph.Source),
        (nameof(Forward), Forward.Source),
        (nameof(Structs), Structs.Source),
        (nameof(Vectors), Vectors.Source),
        (nameof(Library), Library.Source),
        (nameof(Hessian), Hessian.Source),
        (nameof(Composed), Composed.Source),
        (nameof(Checkpoint), Checkpoint.Source),
        (nameof(Linq), Linq.Source),
        (nameof(StructCalls), StructCalls.Source),
        (nameof(BuiltWhole), BuiltWhole.Source),
        (nameof(ComplexNumbers), ComplexNumbers.Source),
    };
}
