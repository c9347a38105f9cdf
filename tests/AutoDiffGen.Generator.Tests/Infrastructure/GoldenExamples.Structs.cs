namespace AutoDiffGen.Generator.Tests.Infrastructure;

public static partial class GoldenExamples
{
    /// <summary>Structs of reals: a Vector2 parameter whose adjoint is <c>ref Vector2</c>, accumulated member by member.</summary>
    public static class Structs
    {
        public const string Source = """
            using System;
            using System.Numerics;
            using AutoDiffGen;

            namespace Golden.Structs
            {
                public static partial class Arm
                {
                    /// Squared distance from a 2-link arm's hand to a target: the target's adjoint is dTarget.X, dTarget.Y.
                    [Differentiable]
                    public static float Reach(float theta1, float theta2, Vector2 target)
                    {
                        var elbow = 1.5f * new Vector2(MathF.Cos(theta1), MathF.Sin(theta1));
                        var hand = elbow + 0.8f * new Vector2(MathF.Cos(theta1 + theta2), MathF.Sin(theta1 + theta2));
                        return Vector2.DistanceSquared(hand, target);
                    }
                }
            }
            """;
    }
}
