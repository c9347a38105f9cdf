namespace AutoDiffGen.Generator.Tests.Infrastructure;

public static partial class GoldenExamples
{
    /// <summary>
    /// A struct's own method called on a struct value (the receiver's adjoint is the callee's <c>ref dThis</c>), a tuple
    /// result deconstructed by its caller, and Complex arithmetic carried as (Real, Imaginary).
    /// </summary>
    public static class StructCalls
    {
        public const string Source = """
            using System;
            using System.Numerics;
            using AutoDiffGen;

            namespace Golden.StructCalls
            {
                public partial struct V2
                {
                    public double X;
                    public double Y;

                    [Differentiable(WithRespectToThis = true)]
                    public double Norm() => Math.Sqrt(X * X + Y * Y);
                }

                public static partial class Uses
                {
                    /// p.Norm() on a local: the receiver is packed, and its adjoint comes back through NormBackward's ref dThis.
                    [Differentiable]
                    public static double NormOf(double x, double y)
                    {
                        var p = new V2 { X = x, Y = y };
                        return p.Norm();
                    }

                    [Differentiable]
                    public static (double, double) Polar(double r, double t) => (r * Math.Cos(t), r * Math.Sin(t));

                    /// var (x, y) = Polar(r, t): PolarBackward is seeded with the tuple of the elements' adjoints.
                    [Differentiable]
                    public static double Radius(double r, double t)
                    {
                        var (x, y) = Polar(r, t);
                        return Math.Sqrt(x * x + y * y);
                    }

                    /// |z|² as z·conj(z): Complex is carried as its two parts.
                    [Differentiable]
                    public static double Abs2(double x, double y)
                    {
                        var z = new Complex(x, y);
                        return (z * Complex.Conjugate(z)).Real;
                    }
                }
            }
            """;
    }
}
