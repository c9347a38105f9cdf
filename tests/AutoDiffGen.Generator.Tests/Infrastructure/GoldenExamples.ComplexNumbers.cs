namespace AutoDiffGen.Generator.Tests.Infrastructure;

public static partial class GoldenExamples
{
    /// <summary>
    /// System.Numerics.Complex at the boundary: a Complex parameter's adjoint <c>ref Complex dZ</c> is read into two
    /// locals and rebuilt as <c>new Complex(dZ_Real, dZ_Imaginary)</c>; a Complex-returning helper takes <c>Complex dResult</c>.
    /// </summary>
    public static class ComplexNumbers
    {
        public const string Source = """
            using System;
            using System.Numerics;
            using AutoDiffGen;

            namespace Golden.ComplexNumbers
            {
                public static partial class Filters
                {
                    /// z² + c: a Complex result (vector-valued, MBackward takes Complex dResult).
                    [Differentiable]
                    public static Complex Step(Complex z, Complex c) => z * z + c;

                    /// |Step(z, c)|²: a real loss of Complex parameters, through the helper.
                    [Differentiable]
                    public static double Energy(Complex z, Complex c)
                    {
                        var w = Step(z, c);
                        return (w * Complex.Conjugate(w)).Real;
                    }
                }
            }
            """;
    }
}
