namespace AutoDiffGen.Generator.Graph;

/// <summary>The type of a value in the graph: what kind of adjoint it carries, if any.</summary>
internal enum ScalarType
{
    /// <summary>Any other type (int, bool, …): forward only, never an adjoint.</summary>
    Other,
    Double,
    Float,
    /// <summary>
    /// A non-scalar differentiable value (such as a tensor): a type with an instance method
    /// <c>T ZeroAdjoint()</c>. Its adjoint is a value of the same type that pullbacks add into.
    /// </summary>
    Adjointable,
    /// <summary>
    /// A local double[]/float[]: every version (after each store) is the same array object, and they
    /// share one adjoint array.
    /// </summary>
    Array,
}
