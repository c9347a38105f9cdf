namespace AutoDiffGen.Generator.Tests.Complex;

/// <summary>System.Numerics.Complex arithmetic inside [Differentiable] methods whose parameters and results are reals.</summary>
internal static class ComplexExamples
{
    /// <summary>The holomorphic functions checked against f′ (Re and Im of f(x + iy), one method each).</summary>
    public static readonly string[] Functions = { "Exp", "Log", "Sqrt", "Sin", "Cos", "Square", "Inverse", "Polynomial" };

    public static string Source => """
        using System;
        using System.Numerics;
        using AutoDiffGen;

        namespace ComplexUses
        {
            public static partial class Z
            {
                /// |z|² as z·conj(z): ∇ = 2(Re, Im), H = 2I.
                [Differentiable(Hessian = true)]
                public static double Abs2(double x, double y)
                {
                    var z = new Complex(x, y);
                    return (z * Complex.Conjugate(z)).Real;
                }

                [Differentiable]
                public static double Magnitude(double x, double y) => new Complex(x, y).Magnitude;

                [Differentiable]
                public static double Abs(double x, double y) => Complex.Abs(new Complex(x, y));

                [Differentiable]
                public static double Phase(double x, double y) => new Complex(x, y).Phase;

                /// Polar to cartesian and back: the radius.
                [Differentiable]
                public static double Polar(double r, double theta) => Complex.FromPolarCoordinates(r, theta).Imaginary + Complex.FromPolarCoordinates(r, theta).Magnitude;

                /// Mixed: double overloads, an implicit conversion, compound assignments, unary minus, a loop.
                [Differentiable]
                public static double Mixed(double x, double y, int n)
                {
                    var z = new Complex(x, y);
                    Complex w = 1.0;
                    for (int i = 0; i < n; i++)
                    {
                        w *= z;
                        w += 0.5;
                        w = w / (1.0 + z * z) - Complex.Negate(z) * 0.25;
                    }
                    var u = -w + Complex.Divide(2.0, z) - Complex.Subtract(z, 3.0);
                    return u.Real * u.Imaginary + w.Magnitude;
                }

                public static double Abs2H(double x, double y, double[] h) => Abs2Hessian(x, y, h);

                /// Second order through the Complex gates (Exp, Hypot, products).
                [Differentiable(Hessian = true)]
                public static double Curved(double x, double y)
                {
                    var z = new Complex(x, y);
                    var w = Complex.Exp(z) * z;
                    return (w * Complex.Conjugate(z)).Real + z.Magnitude + Complex.Sin(z).Imaginary;
                }

                public static double CurvedH(double x, double y, double[] h) => CurvedHessian(x, y, h);

                /// Forward mode through the same gates.
                [Differentiable(Forward = true)]
                public static double Forwarded(double x, double y)
                {
                    var z = new Complex(x, y);
                    var w = Complex.Log(z) / (z + 2.0) + Complex.Sqrt(z) * Complex.Cos(z);
                    return w.Real - 2 * w.Imaginary + w.Phase;
                }

                /// A branch on a complex value's part.
                [Differentiable]
                public static double Branch(double x, double y)
                {
                    var z = new Complex(x, y);
                    Complex w;
                    if (z.Real > 0) w = Complex.Exp(z); else w = z * z;
                    return w.Real + w.Imaginary;
                }

        """ + string.Concat(Functions.Select(f => $$"""
                [Differentiable] public static double Re{{f}}(double x, double y) => {{Call(f)}}.Real;
                [Differentiable] public static double Im{{f}}(double x, double y) => {{Call(f)}}.Imaginary;

        """)) + """
            }
        }
        """;

    private static string Call(string f) => f switch
    {
        "Square" => "(new Complex(x, y) * new Complex(x, y))",
        "Inverse" => "(1.0 / new Complex(x, y))",
        "Polynomial" => "((new Complex(x, y) - 2.0) * (new Complex(x, y) + new Complex(0, 1)) * 3.0)",
        _ => "Complex." + f + "(new Complex(x, y))",
    };

    /// <summary>f′(z) for each function, computed with System.Numerics.Complex.</summary>
    public static System.Numerics.Complex Derivative(string f, System.Numerics.Complex z) => f switch
    {
        "Exp" => System.Numerics.Complex.Exp(z),
        "Log" => 1 / z,
        "Sqrt" => 1 / (2 * System.Numerics.Complex.Sqrt(z)),
        "Sin" => System.Numerics.Complex.Cos(z),
        "Cos" => -System.Numerics.Complex.Sin(z),
        "Square" => 2 * z,
        "Inverse" => -1 / (z * z),
        "Polynomial" => 3 * ((2 * z) - 2 + System.Numerics.Complex.ImaginaryOne),
        _ => throw new ArgumentException(f),
    };
}
