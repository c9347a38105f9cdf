using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>The plain-data description of a vector-valued method's result (<see cref="VectorResult"/>).</summary>
internal static class VectorResults
{
    /// <summary>Null for a scalar result.</summary>
    public static VectorResult? Of(ITypeSymbol returnType, int[]? nodes)
    {
        if (nodes is null || RealStructs.ResultComponents(returnType) is not { } components) return null;
        var construction = RealStructs.IsRealTuple(returnType) ? VectorConstruction.Tuple
            : RealStructs.IsNumericsVector(returnType) ? VectorConstruction.Constructor
            : VectorConstruction.Members;
        return new VectorResult(returnType.ToDisplayString(SymbolNames.TypeFormat), construction,
            components.Select(c => c.Path).ToEquatableArray(), components.Select(c => c.Type).ToEquatableArray(), nodes.ToEquatableArray());
    }
}
