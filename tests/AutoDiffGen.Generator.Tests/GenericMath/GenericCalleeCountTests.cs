using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.GenericMath;

/// <summary>
/// A generic-math callee with an int, long or bool parameter beside its T ones (a degree, a count, a switch) is called
/// from double, float and generic callers: the int is passed through, no adjoint, no tangent. Gradients by hand and against
/// central differences, Forward tangents against ⟨gradient, t⟩. Other shapes stay ADG0003 at the call.
/// </summary>
public class GenericCalleeCountTests
{
    private const string Source = """
        using System.Numerics;
        using AutoDiffGen;

        public static partial class Counts
        {
            [Differentiable(Forward = true)]
            public static T Horner<T>(T x, int n, bool flip) where T : IFloatingPointIeee754<T>
            {
                T acc = T.Zero;
                for (int i = n; i >= 0; i--) acc = acc * x + T.CreateChecked(flip ? -i : i + 1);
                return acc;
            }

            [Differentiable(Forward = true)]
            public static T Caller<T>(T x, T y) where T : IFloatingPointIeee754<T> => Horner(x, 3, false) * y + Horner(y, 2, true);

            [Differentiable(Forward = true)]
            public static double CallerD(double x, double y) => Caller(x, y) + Horner(x * y, 4, true);

            [Differentiable]
            public static float CallerF(float x, float y) => Caller(x, y) + Horner(x * y, 4L > 3 ? 4 : 0, true);
        }
        """;

    private static readonly Lazy<Type> Compiled = new(() =>
    {
        var result = GeneratorHarness.RunForLoad(Source);
        Assert.True(result.Diagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        return GeneratorHarness.Load(result).GetType("Counts")!;
    });

    private static MethodInfo M(string name) => Compiled.Value.GetMethod(name)!;

    // H3(x) = 4x³ + 3x² + 2x + 1; flipped, degree 2: −2x² − x; degree 4: −4u⁴ − 3u³ − 2u² − u.
    private static double H3(double x) => (4 * x * x * x) + (3 * x * x) + (2 * x) + 1;

    private static double DH3(double x) => (12 * x * x) + (6 * x) + 2;

    private static double DFlip4(double u) => (-16 * u * u * u) - (9 * u * u) - (4 * u) - 1;

    [Theory]
    [InlineData(0.7, -1.2)]
    [InlineData(-0.4, 0.9)]
    public void DoubleCaller_MatchesHand_ForwardToo(double x, double y)
    {
        double dx = (DH3(x) * y) + (DFlip4(x * y) * y);
        double dy = H3(x) - (4 * y) - 1 + (DFlip4(x * y) * x);
        var g = CentralDifferenceRunner.Check(M("CallerD"), null, new object[] { x, y }).Gradient;
        Tolerance.AssertFormula(dx, g[0]![0], "∂/∂x");
        Tolerance.AssertFormula(dy, g[1]![0], "∂/∂y");
        var args = new object?[] { x, y, 0.25, -0.5, null };
        M("CallerDForward").Invoke(null, args);
        Tolerance.AssertFormula((0.25 * dx) - (0.5 * dy), (double)args[4]!, "tangent");
    }

    [Fact]
    public void FloatCaller_MatchesCentralDifferences() => CentralDifferenceRunner.Check(M("CallerF"), null, new object[] { 0.6f, -0.8f });

    [Fact]
    public void GenericCaller_AtDouble_MatchesHand()
    {
        double x = 0.3, y = -0.7;
        var backward = Compiled.Value.GetMethods().Single(m => m.Name == "CallerBackward" && m.IsGenericMethodDefinition && m.GetParameters().Length == 5).MakeGenericMethod(typeof(double));
        var args = new object[] { x, y, 0.0, 0.0, 1.0 };
        double value = (double)backward.Invoke(null, args)!;
        Tolerance.AssertFormula((H3(x) * y) - (2 * y * y) - y, value, "value");
        Tolerance.AssertFormula(DH3(x) * y, (double)args[2], "∂/∂x");
        Tolerance.AssertFormula(H3(x) - (4 * y) - 1, (double)args[3], "∂/∂y");
    }

    [Theory]
    // Scaled<T>(T x, double k) by value is inlined at double since 2026-12-06 (GenericArrayCalleeTests); by ref it is not.
    [InlineData("public static T Scaled<T>(T x, ref double k) where T : IFloatingPointIeee754<T> => x * T.CreateChecked(k);", "Scaled(x, ref k)")]
    [InlineData("public static T Weighted<T>(T x, [NoDiff] T w) where T : IFloatingPointIeee754<T> => x * w;", "Weighted(x, 0.5)")]
    public void OtherParameterShapes_AreADG0003AtTheCall(string callee, string call)
    {
        string source = "using System.Numerics;\nusing AutoDiffGen;\npublic static partial class Other\n{\n    [Differentiable]\n    " + callee
            + "\n    [Differentiable]\n    public static double Use(double x) { int m = 1; double k = 2.0; return " + call + " * m * k; }\n}\n";
        var result = GeneratorHarness.Run(source);
        Assert.Contains(result.Diagnostics, d => d.Id == "ADG0003" && d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == call);
        Assert.DoesNotContain(result.Generated.Keys, k => k.Contains(".Use_", StringComparison.Ordinal));
    }
}
