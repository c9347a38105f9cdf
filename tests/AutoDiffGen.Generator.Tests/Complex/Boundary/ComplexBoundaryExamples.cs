namespace AutoDiffGen.Generator.Tests.Complex.Boundary;

/// <summary>
/// System.Numerics.Complex at a [Differentiable] method's boundary: parameters (adjoint <c>ref Complex dZ</c> holding
/// (∂L/∂Re z) + i(∂L/∂Im z)), results (a vector-valued method of two components), and helpers taking and returning it.
/// </summary>
internal static class ComplexBoundaryExamples
{
    /// <summary>Holomorphic f(z), each as <c>Complex F(Complex z)</c>: checked against f′ through Cauchy–Riemann.</summary>
    public static readonly string[] Functions = { "Exp", "Log", "Sqrt", "Sin", "Cos", "Tan", "Sinh", "Cosh", "Tanh", "Log10", "LogBase", "Reciprocal", "Pow3", "PowHalf", "PowComplex", "Cube", "Inverse", "Mobius", "Polynomial", "Asin", "Acos", "Atan" };

    public static string Source => """
        using System;
        using System.Numerics;
        using AutoDiffGen;

        namespace ComplexBoundary
        {
            public static partial class Zb
            {
                /// |z|² = z·conj(z): ∇ = 2(Re z, Im z).
                [Differentiable]
                public static double Abs2(Complex z) => (z * Complex.Conjugate(z)).Real;

                [Differentiable]
                public static double Magnitude(Complex z) => z.Magnitude;

                [Differentiable]
                public static double Abs(Complex z) => Complex.Abs(z);

                [Differentiable]
                public static double Phase(Complex z) => z.Phase;

                /// Re and Im of one Complex parameter, times a double parameter: (k, 2k·Im z) and Re z + (Im z)².
                [Differentiable]
                public static double Parts(Complex z, double k) => k * (z.Real + z.Imaginary * z.Imaginary);

                /// A Complex result: the method is vector-valued (Re, Im), MBackward takes Complex dResult.
                [Differentiable(Forward = true, Jacobian = true)]
                public static Complex Square(Complex z) => z * z;

                /// A Complex result from real parameters: polar to cartesian.
                [Differentiable(Forward = true, Jacobian = true)]
                public static Complex Polar(double r, double theta) => Complex.FromPolarCoordinates(r, theta);

                /// Two Complex parameters and a Complex result: (z − a)/(1 − conj(a)·z), a Möbius map of the disc.
                [Differentiable(Forward = true, Jacobian = true)]
                public static Complex Disc(Complex z, Complex a) => (z - a) / (1.0 - Complex.Conjugate(a) * z);

                public static double[] SquareJ(Complex z) { var j = new double[4]; SquareJacobian(z, j); return j; }
                public static double[] PolarJ(double r, double theta) { var j = new double[4]; PolarJacobian(r, theta, j); return j; }
                public static double[] DiscJ(Complex z, Complex a) { var j = new double[8]; DiscJacobian(z, a, j); return j; }

                /// A helper taking and returning Complex, called with Complex and mixed arguments.
                [Differentiable]
                public static double UsesHelpers(Complex z, double k)
                {
                    var w = Square(z * k) + Square(z - Complex.One);
                    var d = Disc(w * 0.1, new Complex(0.2, -0.1 * k));
                    return d.Real + 2 * d.Imaginary + Square(z).Magnitude;
                }

                /// Forward mode with Complex parameters (MForward takes Complex tangents).
                [Differentiable(Forward = true)]
                public static double Forwarded(Complex z, Complex w, double k)
                {
                    var u = Complex.Log(z) / (w + 2.0) + Complex.Sqrt(z) * Complex.Cos(w) * k;
                    return u.Real - 2 * u.Imaginary + u.Phase + (z / w).Magnitude;
                }

                /// Every operator and constant: +, −, *, / with Complex and double on either side, unary −, Zero/One/ImaginaryOne.
                [Differentiable]
                public static double Operators(Complex z, Complex w, double s)
                {
                    Complex acc = Complex.Zero;
                    acc += z * w - s * z + w / s;
                    acc -= 2.0 / (z + Complex.One) - Complex.ImaginaryOne * w;
                    acc *= -(z - 0.5);
                    acc /= w * w + 3.0;
                    var c = new Complex(acc.Imaginary, s * acc.Real) + 1.5;
                    return c.Real * c.Imaginary + Complex.Conjugate(c).Imaginary;
                }

                /// p(z) = Σ c_k z^k by Horner with constant complex coefficients; the loss is |p(z)|².
                [Differentiable]
                public static double PolynomialLoss(Complex z, [NoDiff] double[] re, [NoDiff] double[] im)
                {
                    Complex p = Complex.Zero;
                    for (int k = re.Length - 1; k >= 0; k--)
                    {
                        p = p * z + new Complex(re[k], im[k]);
                    }
                    return (p * Complex.Conjugate(p)).Real;
                }

                /// The power of bin k of a discrete Fourier transform of a real signal x: |Σ_n x_n e^(−2πikn/N)|².
                [Differentiable]
                public static double DftPower(double[] x, int k)
                {
                    int n = x.Length;
                    Complex sum = Complex.Zero;
                    for (int t = 0; t < n; t++)
                    {
                        sum += x[t] * Complex.Exp(new Complex(0, -2 * Math.PI * k * t / n));
                    }
                    return sum.Magnitude * sum.Magnitude;
                }

                /// A complex signal as its parts (a Complex[] parameter is ADG0006): the DFT bin's power, over re and im.
                [Differentiable]
                public static double DftPowerComplex(double[] re, double[] im, int k)
                {
                    int n = re.Length;
                    Complex sum = Complex.Zero;
                    for (int t = 0; t < n; t++)
                    {
                        sum += new Complex(re[t], im[t]) * Complex.FromPolarCoordinates(1.0, -2 * Math.PI * k * t / n);
                    }
                    return (sum * Complex.Conjugate(sum)).Real;
                }

                /// |H(iω)| of the second-order low-pass H(s) = k ω0² / (s² + 2ζω0 s + ω0²), of real parameters.
                [Differentiable]
                public static double TransferMagnitude(double gain, double zeta, double w0, double omega)
                {
                    var s = new Complex(0, omega);
                    var h = gain * w0 * w0 / (s * s + 2 * zeta * w0 * s + w0 * w0);
                    return Complex.Abs(h);
                }

                /// The same, s as Complex.ImaginaryOne * ω and a Complex parameter for the pole pair's damping.
                [Differentiable]
                public static double TransferOfComplex(Complex pole, double omega)
                {
                    var s = Complex.ImaginaryOne * omega;
                    var h = (pole * Complex.Conjugate(pole)) / ((s - pole) * (s - Complex.Conjugate(pole)));
                    return 20 * Math.Log10(h.Magnitude);
                }

                /// Constant complex coefficients as a [NoDiff] Complex[]: p(z) by Horner, |p(z)|.
                [Differentiable]
                public static double ConstantCoefficients(Complex z, [NoDiff] Complex[] c)
                {
                    Complex p = Complex.Zero;
                    for (int k = c.Length - 1; k >= 0; k--) p = p * z + c[k];
                    return p.Magnitude;
                }

                /// A [NoDiff] Complex parameter is a constant: Im((x + 0i)·k) = x·Im k, and a float result of a Complex parameter.
                [Differentiable]
                public static double ScaledBy(double x, [NoDiff] Complex k) => (new Complex(x, 0) * k).Imaginary + x * k.Real;

                [Differentiable]
                public static float AsFloat(Complex z) => (float)(z * z).Real;

                /// A checkpointed loop over a Complex local and parameter.
                [Differentiable(Checkpoint = true)]
                public static double Checkpointed(Complex z, int n)
                {
                    var w = z;
                    for (int i = 0; i < n; i++) w = w * new Complex(0.6, 0.3) + z * 0.25;
                    return w.Real + w.Imaginary * w.Imaginary;
                }

                /// A Complex local through a loop and a branch, with a Complex parameter.
                [Differentiable]
                public static double Iterate(Complex c, int n)
                {
                    Complex z = Complex.Zero;
                    for (int i = 0; i < n; i++)
                    {
                        z = z * z + c;
                        if (z.Magnitude > 4) z = z / z.Magnitude;
                    }
                    return z.Real + z.Imaginary;
                }

        """ + string.Concat(Functions.Select(f => $$"""
                [Differentiable(Forward = true)] public static Complex F{{f}}(Complex z) => {{Call(f)}};

        """)) + """
            }
        }
        """;

    private static string Call(string f) => f switch
    {
        "LogBase" => "Complex.Log(z, 3.0)",
        "Pow3" => "Complex.Pow(z, 3)",
        "PowHalf" => "Complex.Pow(z, 0.5)",
        "PowComplex" => "Complex.Pow(z, new Complex(1.5, -0.25))",
        "Cube" => "z * z * z",
        "Inverse" => "1.0 / z",
        "Mobius" => "(2.0 * z + Complex.ImaginaryOne) / (z - 3.0)",
        "Polynomial" => "(z - 2.0) * (z + new Complex(0, 1)) * 3.0",
        _ => "Complex." + f + "(z)",
    };

    /// <summary>f′(z) for each function, computed with System.Numerics.Complex.</summary>
    public static System.Numerics.Complex Derivative(string f, System.Numerics.Complex z)
    {
        var i = System.Numerics.Complex.ImaginaryOne;
        return f switch
        {
            "Exp" => System.Numerics.Complex.Exp(z),
            "Log" => 1 / z,
            "Sqrt" => 1 / (2 * System.Numerics.Complex.Sqrt(z)),
            "Sin" => System.Numerics.Complex.Cos(z),
            "Cos" => -System.Numerics.Complex.Sin(z),
            "Tan" => 1 / (System.Numerics.Complex.Cos(z) * System.Numerics.Complex.Cos(z)),
            "Sinh" => System.Numerics.Complex.Cosh(z),
            "Cosh" => System.Numerics.Complex.Sinh(z),
            "Tanh" => 1 / (System.Numerics.Complex.Cosh(z) * System.Numerics.Complex.Cosh(z)),
            "Log10" => 1 / (z * Math.Log(10)),
            "LogBase" => 1 / (z * Math.Log(3)),
            "Reciprocal" => -1 / (z * z),
            "Pow3" or "Cube" => 3 * z * z,
            "PowHalf" => 0.5 / System.Numerics.Complex.Sqrt(z),
            "PowComplex" => new System.Numerics.Complex(1.5, -0.25) * System.Numerics.Complex.Pow(z, new System.Numerics.Complex(0.5, -0.25)),
            "Inverse" => -1 / (z * z),
            // (2z + i)/(z − 3): (2(z − 3) − (2z + i)) / (z − 3)² = (−6 − i)/(z − 3)².
            "Mobius" => (-6 - i) / ((z - 3) * (z - 3)),
            "Polynomial" => 3 * ((2 * z) - 2 + i),
            "Asin" => 1 / System.Numerics.Complex.Sqrt(1 - (z * z)),
            "Acos" => -1 / System.Numerics.Complex.Sqrt(1 - (z * z)),
            "Atan" => 1 / (1 + (z * z)),
            _ => throw new ArgumentException(f),
        };
    }
}
