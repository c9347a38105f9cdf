using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Bcl;

/// <summary>
/// The BCL's real functions beyond the lecture's set (inverse hyperbolics, Hypot, FusedMultiplyAdd, ScaleB, the
/// estimates, ExpM1/LogP1/…Pi, RootN, CopySign, the magnitude/number Max and Min, IEEERemainder, Lerp) and the
/// generic-math spellings of the known ones (double.Exp, float.Sqrt, double.Clamp), through the generated Backward
/// and MForward, in double and float, at several points each (near the domain edges too), against central
/// differences; a few by hand.
/// </summary>
public class LibraryFunctionTests
{
    /// <summary>
    /// Name, body over a and b ("M." is Math/MathF, "K." is double/float, "R" the real keyword), and points (a, b) inside
    /// the domain away from kinks.
    /// </summary>
    public static readonly (string Name, string Body, double[][] Points)[] Functions =
    {
        ("Asinh", "M.Asinh(a) * b", new[] { new[] { 0.3, 2.0 }, new[] { -4.0, 0.5 }, new[] { 60.0, 1.0 } }),
        ("Acosh", "M.Acosh(a) * b", new[] { new[] { 1.02, 2.0 }, new[] { 3.5, 0.5 }, new[] { 50.0, -1.0 } }),
        ("Atanh", "M.Atanh(a) * b", new[] { new[] { 0.3, 2.0 }, new[] { -0.98, 0.5 }, new[] { 0.97, 1.0 } }),
        ("Hypot", "K.Hypot(a, b)", new[] { new[] { 3.0, 4.0 }, new[] { -0.5, 2.0 }, new[] { 0.0, -2.0 }, new[] { 1e-3, 2e-3 } }),
        ("Fma", "M.FusedMultiplyAdd(a, b, a * a)", new[] { new[] { 0.3, 2.0 }, new[] { -1.7, 0.5 } }),
        ("FmaSame", "K.FusedMultiplyAdd(a, a, b)", new[] { new[] { 0.3, 2.0 }, new[] { -1.7, 0.5 } }),
        ("ScaleB", "M.ScaleB(a * b, 3) + M.ScaleB(b, -2)", new[] { new[] { 0.3, 2.0 }, new[] { -1.7, 0.5 } }),
        ("ExpM1", "K.ExpM1(a) * b", new[] { new[] { 1e-4, 2.0 }, new[] { -1.7, 0.5 }, new[] { 2.2, -1.0 } }),
        ("Exp2", "K.Exp2(a) * b", new[] { new[] { 0.3, 2.0 }, new[] { -1.7, 0.5 } }),
        ("Exp10", "K.Exp10(a) * b", new[] { new[] { 0.3, 2.0 }, new[] { -1.7, 0.5 } }),
        ("Exp2M1", "K.Exp2M1(a) * b", new[] { new[] { 1e-4, 2.0 }, new[] { -1.7, 0.5 } }),
        ("Exp10M1", "K.Exp10M1(a) * b", new[] { new[] { 1e-4, 2.0 }, new[] { -0.7, 0.5 } }),
        ("LogP1", "K.LogP1(a) * b", new[] { new[] { 1e-4, 2.0 }, new[] { -0.98, 0.5 }, new[] { 12.0, -1.0 } }),
        ("Log2P1", "K.Log2P1(a) * b", new[] { new[] { 0.3, 2.0 }, new[] { -0.9, 0.5 } }),
        ("Log10P1", "K.Log10P1(a) * b", new[] { new[] { 0.3, 2.0 }, new[] { -0.9, 0.5 } }),
        ("SinPi", "K.SinPi(a) * b", new[] { new[] { 0.3, 2.0 }, new[] { -1.7, 0.5 } }),
        ("CosPi", "K.CosPi(a) * b", new[] { new[] { 0.3, 2.0 }, new[] { -1.7, 0.5 } }),
        ("TanPi", "K.TanPi(a) * b", new[] { new[] { 0.3, 2.0 }, new[] { -0.2, 0.5 } }),
        ("AsinPi", "K.AsinPi(a) * b", new[] { new[] { 0.3, 2.0 }, new[] { -0.9, 0.5 } }),
        ("AcosPi", "K.AcosPi(a) * b", new[] { new[] { 0.3, 2.0 }, new[] { -0.9, 0.5 } }),
        ("AtanPi", "K.AtanPi(a) * b", new[] { new[] { 0.3, 2.0 }, new[] { -3.0, 0.5 } }),
        ("Atan2Pi", "K.Atan2Pi(a, b)", new[] { new[] { 0.3, 2.0 }, new[] { -3.0, -0.5 } }),
        ("RootN", "K.RootN(a, 3) * b + K.RootN(b, 4)", new[] { new[] { 0.3, 2.0 }, new[] { -8.5, 0.5 } }),
        ("CopySign", "M.CopySign(a * b, b - 1) + a", new[] { new[] { 0.3, 2.0 }, new[] { -1.7, 0.5 }, new[] { 1.5, -0.5 } }),
        ("MaxMagnitude", "M.MaxMagnitude(a, -b) * a", new[] { new[] { 0.3, 2.0 }, new[] { -1.7, 0.5 } }),
        ("MinMagnitude", "M.MinMagnitude(a, -b) * a", new[] { new[] { 0.3, 2.0 }, new[] { -1.7, 0.5 } }),
        ("MaxNumber", "K.MaxNumber(a, b) * a", new[] { new[] { 0.3, 2.0 }, new[] { 1.5, 0.5 } }),
        ("MinNumber", "K.MinNumber(a, b) * a", new[] { new[] { 0.3, 2.0 }, new[] { 1.5, 0.5 } }),
        ("MaxMagnitudeNumber", "K.MaxMagnitudeNumber(a, -b) * a", new[] { new[] { 0.3, 2.0 }, new[] { -1.7, 0.5 } }),
        ("MinMagnitudeNumber", "K.MinMagnitudeNumber(a, -b) * a", new[] { new[] { 0.3, 2.0 }, new[] { -1.7, 0.5 } }),
        ("IEEERemainder", "M.IEEERemainder(a * 3, b)", new[] { new[] { 0.3, 2.0 }, new[] { -1.7, 0.7 }, new[] { 5.1, -2.0 } }),
        ("Degrees", "K.DegreesToRadians(a) * b + K.RadiansToDegrees(b)", new[] { new[] { 0.3, 2.0 }, new[] { -170.0, 0.5 } }),
        ("Lerp", "K.Lerp(a, b, a * b)", new[] { new[] { 0.3, 2.0 }, new[] { -1.7, 0.5 } }),
        // The generic-math spellings of functions the lecture already knows: same gates, same values.
        ("KExp", "K.Exp(a) * K.Sin(b)", new[] { new[] { 0.3, 2.0 }, new[] { -1.7, 0.5 } }),
        ("KSqrtPow", "K.Sqrt(a) + K.Pow(a, b)", new[] { new[] { 0.3, 2.0 }, new[] { 1.7, 0.5 } }),
        ("KLogBase", "K.Log(a, b) + K.Log2(a) + K.Cbrt(b)", new[] { new[] { 0.3, 2.0 }, new[] { 7.0, 3.5 } }),
        ("KAtan2Hyperbolic", "K.Atan2(a, b) + K.Sinh(a) * K.Cosh(b) - K.Tanh(a * b)", new[] { new[] { 0.3, 2.0 }, new[] { -1.7, 0.5 } }),
        ("KClamp", "K.Clamp(a * b, -1, 1) + K.Max(a, b) - K.Min(a, b)", new[] { new[] { 0.3, 2.0 }, new[] { 0.3, 0.5 }, new[] { -1.5, 2.0 } }),
        ("KPiecewise", "K.Round(a, 2) * b + K.Truncate(b) * a + M.Round(a, 1, System.MidpointRounding.AwayFromZero) + a", new[] { new[] { 0.333, 2.4 }, new[] { -1.777, 0.5 } }),
    };

    private static string Source(string type, string math)
    {
        var text = new StringBuilder("using System;\nusing AutoDiffGen;\npublic static partial class F\n{\n");
        foreach (var (name, body, _) in Functions)
        {
            text.Append($"    [Differentiable(Forward = true)] public static {type} {name}({type} a, {type} b) => {body.Replace("M.", math + ".").Replace("K.", type + ".")};\n");
        }
        return text.Append("}\n").ToString();
    }

    private static readonly Lazy<Assembly> Doubles = new(() => GeneratorHarness.CompileAndLoad(Source("double", "Math")));
    private static readonly Lazy<Assembly> Floats = new(() => GeneratorHarness.CompileAndLoad(Source("float", "MathF")));

    public static IEnumerable<object[]> Cases() =>
        Functions.SelectMany(f => f.Points.Select(p => new object[] { f.Name, p }));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Double_MatchesCentralDifferences(string name, double[] point)
    {
        var method = new Differentiated(Doubles.Value, "F", name);
        var (value, gradient) = method.Backward(point);
        Assert.Equal(method.Value(point), value);
        GradCheck.Check(p => method.Value(p), point, gradient).ThrowIfFailed();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Float_MatchesCentralDifferencesOfTheDoubleFunction(string name, double[] point)
    {
        // Compared with the double function's numeric gradient: float's own differences are too coarse.
        var single = new Differentiated(Floats.Value, "F", name);
        var reference = new Differentiated(Doubles.Value, "F", name);
        var (value, gradient) = single.Backward(point);
        Assert.Equal((float)single.Value(point), (float)value);
        GradCheck.Check(p => reference.Value(p), point, gradient, relTol: 1e-4, absTol: 1e-5).ThrowIfFailed();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Forward_AgreesWithBackwardAndCentralDifferences(string name, double[] point)
    {
        var method = new Differentiated(Doubles.Value, "F", name);
        double[] t = { 0.7, -1.3 };
        var (_, gradient) = method.Backward(point);
        var (value, tangent) = method.Forward(point, t);
        Assert.Equal(method.Value(point), value);
        Tolerance.AssertFormula((gradient[0] * t[0]) + (gradient[1] * t[1]), tangent, "tResult vs Backward · t");
        double h = 1e-6 * Math.Max(1, Math.Abs(point[0]) + Math.Abs(point[1]));
        double along = (method.Value(point[0] + (h * t[0]), point[1] + (h * t[1])) - method.Value(point[0] - (h * t[0]), point[1] - (h * t[1]))) / (2 * h);
        Tolerance.AssertClose(along, tangent, 1e-5 * Math.Max(1, Math.Abs(along)), "tResult vs central differences");
    }

    /// <summary>Hand-derived gradients, including the documented choices at kinks (both precisions).</summary>
    [Theory]
    [InlineData("Hypot", 3.0, 4.0, 0.6, 0.8)]          // ∂/∂x Hypot(x, y) = x / Hypot(x, y)
    [InlineData("Hypot", 0.0, 0.0, 0.0, 0.0)]          // the origin is a kink: 0 (a subgradient), never 0/0
    [InlineData("Fma", 2.0, 3.0, 7.0, 2.0)]            // ∂/∂a (a·b + a²) = b + 2a, ∂/∂b = a
    [InlineData("ScaleB", 1.0, 2.0, 16.0, 8.25)]       // a·b·2³ + b·2⁻²: 8b, 8a + 1/4
    [InlineData("CopySign", 2.0, 0.5, 0.5, -2.0)]     // −|a·b| + a for b − 1 < 0: −b + 1 and −a; the sign's source has no gradient
    [InlineData("CopySign", 0.0, 0.5, 1.0, 0.0)]      // |a·b| has a kink at a·b = 0: 0 there (as Abs), plus the "+ a"
    [InlineData("MaxMagnitude", 1.0, 2.0, -2.0, -1.0)] // MaxMagnitude(1, −2) = −2 (the larger magnitude), so −b·a: −b and −a
    [InlineData("IEEERemainder", 0.3, 2.0, 3.0, 0.0)]  // 0.9 − 2·round(0.45) = 0.9: 3 and −round(0.45) = 0
    [InlineData("IEEERemainder", 0.5, 1.0, 3.0, -2.0)] // 1.5 − 1·round(1.5) (ties to even: 2): 3 and −2
    [InlineData("Lerp", 1.0, 3.0, 4.0, 5.0)]           // a(1 − ab) + b·ab: 1 − 2ab + b², −a² + 2ab
    public void HandDerived(string name, double a, double b, double da, double db)
    {
        foreach (var (assembly, epsilon) in new[] { (Doubles.Value, Tolerance.Double), (Floats.Value, Tolerance.Float) })
        {
            var (_, g) = new Differentiated(assembly, "F", name).Backward(new[] { a, b });
            Tolerance.AssertClose(da, g[0], Tolerance.ForSum(4, Math.Max(1, Math.Abs(da)), epsilon), name + " da");
            Tolerance.AssertClose(db, g[1], Tolerance.ForSum(4, Math.Max(1, Math.Abs(db)), epsilon), name + " db");
        }
    }

    /// <summary>
    /// ReciprocalEstimate(x) and ReciprocalSqrtEstimate(x) differentiate as the functions they estimate, 1/x and 1/√x,
    /// computed exactly: an estimate's own "derivative" is a hardware table's steps (MathF's rcpss has 12 bits), which
    /// no optimiser wants.
    /// </summary>
    [Theory]
    [InlineData(2.0)]
    [InlineData(0.3)]
    [InlineData(-5.0)]
    public void Estimates_DifferentiateAsTheExactFunction(double x)
    {
        const string source = @"
using System;
using AutoDiffGen;
public static partial class E
{
    [Differentiable(Forward = true)] public static double Rcp(double x) => Math.ReciprocalEstimate(x);
    [Differentiable] public static float RcpF(float x) => MathF.ReciprocalEstimate(x);
    [Differentiable] public static double Rsqrt(double x) => double.ReciprocalSqrtEstimate(x * x);
}";
        var assembly = GeneratorHarness.CompileAndLoad(source);
        Tolerance.AssertFormula(-1 / (x * x), new Differentiated(assembly, "E", "Rcp").Backward(new[] { x }).Gradient[0], "d/dx 1/x");
        Tolerance.AssertFormula(-1 / (x * x), new Differentiated(assembly, "E", "Rcp").Forward(new[] { x }, new[] { 1.0 }).Tangent, "forward d/dx 1/x");
        Tolerance.AssertClose(-1 / (x * x), new Differentiated(assembly, "E", "RcpF").Backward(new[] { x }).Gradient[0], 1e-5 / (x * x), "float d/dx 1/x");
        // 1/√(x²) = 1/|x|: −sign(x)/x².
        Tolerance.AssertFormula(-Math.Sign(x) / (x * x), new Differentiated(assembly, "E", "Rsqrt").Backward(new[] { x }).Gradient[0], "d/dx 1/|x|");
    }
}
