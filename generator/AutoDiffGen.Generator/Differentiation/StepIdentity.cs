using System.Collections.Generic;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>Steps compared by identity, not record equality: two equal steps in different scopes are different steps.</summary>
internal sealed class StepIdentity : IEqualityComparer<Step>
{
    public static readonly StepIdentity Instance = new();

    public bool Equals(Step? x, Step? y) => ReferenceEquals(x, y);

    public int GetHashCode(Step obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
}
