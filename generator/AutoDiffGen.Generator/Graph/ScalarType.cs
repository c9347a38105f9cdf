namespace AutoDiffGen.Generator.Graph;

/// <summary>The type of a value in the graph. Only <c>double</c> and <c>float</c> carry gradients.</summary>
internal enum ScalarType
{
    /// <summary>Any other type (int, bool, …): forward only, never an adjoint.</summary>
    Other,
    Double,
    Float,
}
