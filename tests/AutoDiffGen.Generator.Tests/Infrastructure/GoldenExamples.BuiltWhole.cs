namespace AutoDiffGen.Generator.Tests.Infrastructure;

public static partial class GoldenExamples
{
    /// <summary>
    /// A readonly record struct parameter: its adjoint's members are summed in locals and <c>dM</c> is rebuilt through
    /// the primary constructor at the end; a computed property is inlined where it is read.
    /// </summary>
    public static class BuiltWhole
    {
        public const string Source = """
            using System;
            using AutoDiffGen;

            namespace Golden.BuiltWhole
            {
                public readonly record struct Motion(double X, double V)
                {
                    public double Kinetic => 0.5 * V * V;
                }

                public static partial class Oscillator
                {
                    /// Energy of a spring of stiffness k: the state's adjoint is rebuilt as new Motion(dM_X, dM_V).
                    [Differentiable]
                    public static double Energy(Motion m, double k) => m.Kinetic + 0.5 * k * m.X * m.X;
                }
            }
            """;
    }
}
