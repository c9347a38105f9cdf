using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests;

/// <summary>
/// Every real-valued function of System.Math and System.MathF, through the generated Backward, in
/// double and in float, at several points each, against central differences.
/// </summary>
public class MathFunctionTests
{
    /// <summary>Name, body over parameters a and b ("M" is Math or MathF), and points (a, b) inside the domain away from kinks.</summary>
    public static readonly (string Name, string Body, double[][] Points)[] Functions =
    {
        ("Exp", "M.Exp(a) * b", new[] { new[] { 0.3, 2.0 }, new[] { -1.7, 0.5 }, new[] { 2.2, -1.0 } }),
        ("Log", "M.Log(a) * b", new[] { new[] { 0.3, 2.0 }, new[] { 1.7, 0.5 }, new[] { 12.0, -1.0 } }),
        ("LogBase", "M.Log(a, b)", new[] { new[] { 0.3, 2.0 }, new[] { 7.0, 3.5 }, new[] { 12.0, 0.5 } }),
        ("Log10", "M.Log10(a) * b", new[] { new[] { 0.3, 2.0 }, new[] { 17.0, 0.5 } }),
        ("Log2", "M.Log2(a) * b", new[] { new[] { 0.3, 2.0 }, new[] { 17.0, 0.5 } }),
        ("Sqrt", "M.Sqrt(a * b)", new[] { new[] { 0.3, 2.0 }, new[] { 4.0, 0.5 }, new[] { -2.0, -3.0 } }),
        ("Cbrt", "M.Cbrt(a) * b", new[] { new[] { 0.3, 2.0 }, new[] { -8.5, 0.5 } }),
        ("Pow", "M.Pow(a, b)", new[] { new[] { 0.3, 2.0 }, new[] { 1.7, -0.5 }, new[] { 2.5, 3.25 } }),
        ("PowConst", "M.Pow(a, 3) + M.Pow(2, b)", new[] { new[] { -1.3, 2.0 }, new[] { 0.7, -0.5 } }),
        ("Sin", "M.Sin(a) * b", new[] { new[] { 0.3, 2.0 }, new[] { -2.0, 0.5 }, new[] { 4.0, 1.5 } }),
        ("Cos", "M.Cos(a) * b", new[] { new[] { 0.3, 2.0 }, new[] { -2.0, 0.5 }, new[] { 4.0, 1.5 } }),
        ("Tan", "M.Tan(a) * b", new[] { new[] { 0.3, 2.0 }, new[] { -1.2, 0.5 } }),
        ("Asin", "M.Asin(a) * b", new[] { new[] { 0.3, 2.0 }, new[] { -0.8, 0.5 } }),
        ("Acos", "M.Acos(a) * b", new[] { new[] { 0.3, 2.0 }, new[] { -0.8, 0.5 } }),
        ("Atan", "M.Atan(a) * b", new[] { new[] { 0.3, 2.0 }, new[] { -3.0, 0.5 } }),
        ("Atan2", "M.Atan2(a, b)", new[] { new[] { 0.3, 2.0 }, new[] { -3.0, -0.5 }, new[] { 1.0, -2.0 } }),
        ("Sinh", "M.Sinh(a) * b", new[] { new[] { 0.3, 2.0 }, new[] { -1.5, 0.5 } }),
        ("Cosh", "M.Cosh(a) * b", new[] { new[] { 0.3, 2.0 }, new[] { -1.5, 0.5 } }),
        ("Tanh", "M.Tanh(a) * b", new[] { new[] { 0.3, 2.0 }, new[] { -1.5, 0.5 } }),
        ("Abs", "M.Abs(a) * b", new[] { new[] { 0.3, 2.0 }, new[] { -1.5, 0.5 } }),
        ("Max", "M.Max(a, b) * a", new[] { new[] { 0.3, 2.0 }, new[] { 1.5, 0.5 } }),
        ("Min", "M.Min(a, b) * a", new[] { new[] { 0.3, 2.0 }, new[] { 1.5, 0.5 } }),
        ("Clamp", "M.Clamp(a * b, -1, 1)", new[] { new[] { 0.3, 2.0 }, new[] { 0.3, 0.5 }, new[] { -1.5, 2.0 } }),
        ("ClampBounds", "M.Clamp(1, a, b) * a", new[] { new[] { 1.5, 2.0 }, new[] { 0.3, 0.5 }, new[] { -1.5, 2.0 } }),
        ("Floor", "M.Floor(a) * b + a", new[] { new[] { 0.3, 2.0 }, new[] { -1.5, 0.5 } }),
        ("Ceiling", "M.Ceiling(a) * b + a", new[] { new[] { 0.3, 2.0 }, new[] { -1.5, 0.5 } }),
        ("Round", "M.Round(a) * b + a", new[] { new[] { 0.3, 2.0 }, new[] { -1.7, 0.5 } }),
        ("Truncate", "M.Truncate(a) * b + a", new[] { new[] { 0.3, 2.0 }, new[] { -1.5, 0.5 } }),
        ("Sign", "M.Sign(a) * b + a", new[] { new[] { 0.3, 2.0 }, new[] { -1.5, 0.5 } }),
        ("Sigmoid", "1 / (1 + M.Exp(-a * b))", new[] { new[] { 0.3, 2.0 }, new[] { -1.5, 0.5 } }),
        ("Reciprocal", "1 / (a * b)", new[] { new[] { 0.3, 2.0 }, new[] { -1.5, 0.5 } }),
        ("Arithmetic", "-(a - b) / (a * b) + +a", new[] { new[] { 0.3, 2.0 }, new[] { -1.5, 0.5 } }),
    };

    private static string Source(string type, string math)
    {
        var text = new StringBuilder("using System;\nusing AutoDiffGen;\npublic static partial class F\n{\n");
        foreach (var (name, body, _) in Functions)
        {
            text.Append($"    [Differentiable] public static {type} {name}({type} a, {type} b) => {body.Replace("M.Clamp", "Math.Clamp").Replace("M.", math + ".")};\n");
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
        // Float gradients are compared with the double function's numeric gradient: float's own
        // differences would be too coarse to catch a small error.
        var single = new Differentiated(Floats.Value, "F", name);
        var reference = new Differentiated(Doubles.Value, "F", name);
        var (value, gradient) = single.Backward(point);
        Assert.Equal((float)single.Value(point), (float)value);
        GradCheck.Check(p => reference.Value(p), point, gradient, relTol: 1e-4, absTol: 1e-5).ThrowIfFailed();
    }

    [Theory]
    [InlineData("Abs", 0.0, 2.0, 0.0, 0.0)]          // Abs'(0) = 0
    [InlineData("Max", 1.0, 1.0, 2.0, 0.0)]          // a ≥ b: the whole gradient goes to a
    [InlineData("Min", 1.0, 1.0, 2.0, 0.0)]
    [InlineData("Clamp", 0.5, 2.0, 2.0, 0.5)]        // at the bound x·b = 1 the gradient still flows through x
    [InlineData("Floor", 2.0, 3.0, 1.0, 2.0)]        // Floor has zero gradient even at its jumps
    public void NonSmoothPoints_FollowTheDocumentedConvention(string name, double a, double b, double da, double db)
    {
        foreach (var assembly in new[] { Doubles.Value, Floats.Value })
        {
            var (_, g) = new Differentiated(assembly, "F", name).Backward(new[] { a, b });
            // The float build rounds a few times: float ε, scaled by the derivative's size.
            Tolerance.AssertClose(da, g[0], Tolerance.ForSum(4, Math.Max(1, Math.Abs(da)), Tolerance.Float), "da");
            Tolerance.AssertClose(db, g[1], Tolerance.ForSum(4, Math.Max(1, Math.Abs(db)), Tolerance.Float), "db");
        }
    }
}
