using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// System.Numerics <c>Plane</c> (idioms18b, issue 13): a <c>Vector3 Normal</c> and a <c>float D</c>, carried as Normal.X,
/// Normal.Y, Normal.Z and D (its constructors in ExpressionLowering.NumericsTransforms). The everyday methods are dot products.
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>
    /// <c>Plane.Dot(p, Vector4 v)</c> = n·v.xyz + D·v.W, <c>DotCoordinate(p, Vector3 v)</c> = n·v + D (the signed distance
    /// for a unit normal), <c>DotNormal(p, Vector3 v)</c> = n·v; -1 after a diagnostic.
    /// </summary>
    private int PlaneDot(string name, IOperation plane, IOperation vector)
    {
        var p = TransformParts(plane);
        var v = TransformParts(vector);
        if (p is null || v is null) return -1;
        var normal = new[] { p["Normal.X"], p["Normal.Y"], p["Normal.Z"] };
        var xyz = new[] { v["X"], v["Y"], v["Z"] };
        switch (name)
        {
            case "Dot" when v.Count == 4:
                return SumOfProducts(normal.Concat(new[] { p["D"] }).ToArray(), xyz.Concat(new[] { v["W"] }).ToArray());
            case "DotCoordinate":
                return Gate(GateKind.Add, SumOfProducts(normal, xyz), p["D"]);
            default:
                return SumOfProducts(normal, xyz);
        }
    }

    /// <summary>
    /// <c>Plane.Normalize(p)</c>: (Normal, D)/|Normal|, as System.Numerics computes it on hardware with vector
    /// instructions (every x64 and Arm64 runtime; its software fallback returns p itself within 1.2e-7 of a unit normal,
    /// the same function there to float rounding). NaN at a zero normal, as the BCL's value.
    /// </summary>
    private int[]? PlaneNormalized(IOperation plane, IOperation at)
    {
        var p = TransformParts(plane);
        if (p is null) return null;
        int length = Gate(GateKind.Sqrt, SumOfProducts(new[] { p["Normal.X"], p["Normal.Y"], p["Normal.Z"] }, new[] { p["Normal.X"], p["Normal.Y"], p["Normal.Z"] }));
        return FromParts(at, PlaneParts.ToDictionary(n => n, n => Gate(GateKind.Divide, p[n], length)));
    }
}
