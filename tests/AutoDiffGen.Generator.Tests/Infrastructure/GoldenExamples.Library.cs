namespace AutoDiffGen.Generator.Tests.Infrastructure;

public static partial class GoldenExamples
{
    /// <summary>The rest of the BCL's real functions: Hypot, FusedMultiplyAdd, LogP1, ScaleB, Asinh, ExpM1, CopySign (issue 13, item 5).</summary>
    public static class Library
    {
        public const string Source = """
            using System;
            using AutoDiffGen;

            namespace Golden.Library
            {
                public static partial class Bcl
                {
                    /// A distance with a log-barrier, as generic-math statics: Hypot's x/h, fma's swap, LogP1's 1/(1+x); and its tangent.
                    [Differentiable(Forward = true)]
                    public static double Barrier(double x, double y)
                    {
                        double r = double.Hypot(x, y);
                        return Math.FusedMultiplyAdd(r, r, -double.LogP1(r * r)) + Math.ScaleB(x, -3);
                    }

                    /// A float soft clip: asinh, expm1, and copysign's ±1 for the magnitude.
                    [Differentiable]
                    public static float SoftClip(float x, float s) => MathF.CopySign(MathF.Asinh(x * s), x) + float.ExpM1(-s * s);
                }
            }
            """;
    }
}
