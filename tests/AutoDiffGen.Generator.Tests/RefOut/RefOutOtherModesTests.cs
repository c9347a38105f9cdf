using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.RefOut;

/// <summary>
/// Jacobian and Hessian mode around ref and out (docs/ref-out.md, "Other modes"): MJacobian of a method whose body
/// passes ref and out arguments to [Differentiable] helpers goes through MBackward, which calls the helpers' Backward;
/// MHessian of a method whose ref call carries no gradient treats what the call sets as a constant. By hand and against
/// central differences. What stays ADG0019 is in <see cref="RefOutDiagnosticTests"/>.
/// </summary>
public class RefOutOtherModesTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Modes
        {
            [Differentiable(Forward = true)]
            public static void Step(ref double a, double h) { a += h * Math.Sin(a); }

            [Differentiable]
            public static double Split(double a, out double square) { square = a * a; return Math.Sin(a); }

            /// <summary>s = x + y·sin x; (s·y, s).</summary>
            [Differentiable(Jacobian = true, Forward = true)]
            public static (double, double) ThroughRef(double x, double y) { double s = x; Step(ref s, y); return (s * y, s); }

            /// <summary>(sin x · x², y).</summary>
            [Differentiable(Jacobian = true)]
            public static (double, double) ThroughOut(double x, double y) { double q; double v = Split(x, out q); return (v * q, y); }

            /// <summary>c = 2 + 0.5·sin 2 is a constant: f = c·x·y.</summary>
            [Differentiable(Hessian = true)]
            public static double ConstantRef(double x, double y) { double c = 2; Step(ref c, 0.5); return c * x * y; }

            public static double[] ThroughRefJ(double x, double y) { var j = new double[4]; ThroughRefJacobian(x, y, j); return j; }
            public static double[] ThroughOutJ(double x, double y) { var j = new double[4]; ThroughOutJacobian(x, y, j); return j; }
            public static double[] ConstantRefH(double x, double y) { var h = new double[4]; ConstantRefHessian(x, y, h); return h; }
        }
        """;

    private static readonly Lazy<Type> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("Modes")!);

    private static double[] Call(string name, double x, double y) => (double[])Compiled.Value.GetMethod(name)!.Invoke(null, new object[] { x, y })!;

    private static double[] Pair(string name, double x, double y)
    {
        var r = ((double, double))Compiled.Value.GetMethod(name)!.Invoke(null, new object[] { x, y })!;
        return new[] { r.Item1, r.Item2 };
    }

    [Theory]
    [InlineData(0.7, -1.2)]
    [InlineData(-0.4, 0.9)]
    public void JacobianThroughRefAndOutCalls_MatchesHandAndCentralDifferences(double x, double y)
    {
        double s = x + (y * Math.Sin(x));
        var byRef = Call("ThroughRefJ", x, y);
        Tolerance.AssertFormula(y * (1 + (y * Math.Cos(x))), byRef[0], "∂(s·y)/∂x");
        Tolerance.AssertFormula(s + (y * Math.Sin(x)), byRef[1], "∂(s·y)/∂y");
        Tolerance.AssertFormula(1 + (y * Math.Cos(x)), byRef[2], "∂s/∂x");
        Tolerance.AssertFormula(Math.Sin(x), byRef[3], "∂s/∂y");
        var byOut = Call("ThroughOutJ", x, y);
        Tolerance.AssertFormula((Math.Cos(x) * x * x) + (2 * x * Math.Sin(x)), byOut[0], "∂(sin x · x²)/∂x");
        Assert.Equal(new[] { 0.0, 0.0, 1.0 }, byOut.Skip(1).ToArray());

        PairJacobian.AssertCentral((a, b) => Pair("ThroughRef", a, b), x, y, byRef, "ThroughRef");
        PairJacobian.AssertCentral((a, b) => Pair("ThroughOut", a, b), x, y, byOut, "ThroughOut");
    }

    [Fact]
    public void HessianWithARefCallThatCarriesNoGradient_MatchesHandAndCentralDifferencesOfTheGradient()
    {
        double c = 2 + (0.5 * Math.Sin(2)), x = 0.7, y = -1.2;
        var hessian = Call("ConstantRefH", x, y);
        Tolerance.AssertFormula(0, hessian[0], "H[0, 0]");
        Tolerance.AssertFormula(c, hessian[1], "H[0, 1]");
        Tolerance.AssertFormula(c, hessian[2], "H[1, 0]");
        Tolerance.AssertFormula(0, hessian[3], "H[1, 1]");
        var backward = Compiled.Value.GetMethod("ConstantRefBackward")!;
        double[] Gradient(double a, double b)
        {
            var args = new object[] { a, b, 0.0, 0.0, 1.0 };
            backward.Invoke(null, args);
            return new[] { (double)args[2], (double)args[3] };
        }
        // The Hessian is the Jacobian of the gradient.
        PairJacobian.AssertCentral(Gradient, x, y, hessian, "H");
    }
}
