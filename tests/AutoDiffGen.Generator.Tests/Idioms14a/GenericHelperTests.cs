using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms14a;

/// <summary>
/// Issue 13, idioms14a item 2: plain generic helpers that are not generic math (<c>Square&lt;T&gt;</c> over
/// <c>INumber&lt;T&gt;</c>, <c>Poly&lt;T&gt;</c> over <c>IFloatingPoint&lt;T&gt;</c>, <c>Id&lt;T&gt;</c>, <c>Pick&lt;T&gt;</c>, a loop
/// over <c>T.Zero</c>) called at double and float are inlined, read over the type argument: natural Generic11.UsesSquare and
/// UsesPoly word for word, each by hand and against central differences, Forward and Hessian; what stays refused is one
/// ADG0003 at the call saying why.
/// </summary>
public class GenericHelperTests
{
    private const string Source = """
        using System;
        using System.Numerics;
        using AutoDiffGen;

        public static partial class Generic11
        {
            private static T Square<T>(T x) where T : INumber<T> => x * x;

            private static T Poly<T>(T x) where T : IFloatingPoint<T> => T.CreateChecked(3) * x * x - x + T.One;

            static T Id<T>(T v) => v;

            static T Pick<T>(bool c, T a, T b) => c ? a : b;

            static T Dot<T>(T a, T b, int n) where T : INumber<T> { T s = T.Zero; for (int i = 0; i < n; i++) s += a * b; return s; }

            // Natural Generic11.UsesSquare: f = x² + (x + 1)², f' = 4x + 2, f'' = 4.
            [Differentiable(Forward = true, Hessian = true)]
            public static double UsesSquare(double x) => Square(x) + Square(x + 1);

            // Natural Generic11.UsesPoly: f = 2(3x² - x + 1), f' = 12x - 2.
            [Differentiable]
            public static double UsesPoly(double x) => Poly(x) * 2;

            // x > y: f = x · xy; else f = x y.
            [Differentiable(Forward = true)]
            public static double IdPick(double x, double y) => Id(x) * Pick(x > y, x * y, y);

            // f = x² (3x² - x + 1) in float.
            [Differentiable]
            public static float FloatHelpers(float x) => Square(x) * Poly(x);

            // f = 3xy.
            [Differentiable]
            public static double Loop(double x, double y) => Dot(x, y, 3);
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Get(string name) => Compiled.Value.GetType("Generic11")!.GetMethod(name)!;

    [Theory]
    [InlineData(0.7)]
    [InlineData(-1.3)]
    public void NaturalUsesSquareAndUsesPoly_ByHandAndCentralDifferences(double x)
    {
        var square = CentralDifferenceRunner.Check(Get("UsesSquare"), null, new object[] { x });
        Tolerance.AssertFormula((x * x) + ((x + 1) * (x + 1)), square.Value, "UsesSquare value");
        Tolerance.AssertFormula((4 * x) + 2, square.Gradient[0]![0], "dUsesSquare/dx");
        var poly = CentralDifferenceRunner.Check(Get("UsesPoly"), null, new object[] { x });
        Tolerance.AssertFormula(2 * ((3 * x * x) - x + 1), poly.Value, "UsesPoly value");
        Tolerance.AssertFormula((12 * x) - 2, poly.Gradient[0]![0], "dUsesPoly/dx");
    }

    private delegate double Forward1(double x, double tX, out double tResult);

    private delegate double Hessian1(double x, Span<double> hessian);

    private delegate double Forward2(double x, double y, double tX, double tY, out double tResult);

    [Fact]
    public void UsesSquare_ForwardAndHessian_ByHand()
    {
        double x = 0.7;
        Get("UsesSquareForward").CreateDelegate<Forward1>()(x, -0.5, out double t);
        Tolerance.AssertFormula(-0.5 * ((4 * x) + 2), t, "UsesSquareForward");
        var h = new double[1];
        Get("UsesSquareHessian").CreateDelegate<Hessian1>()(x, h);
        Tolerance.AssertFormula(4, h[0], "UsesSquareHessian");
    }

    [Theory]
    [InlineData(0.9, 0.4)]
    [InlineData(0.2, 0.6)]
    public void IdAndPick_ByHandCentralDifferencesAndForward(double x, double y)
    {
        var r = CentralDifferenceRunner.Check(Get("IdPick"), null, new object[] { x, y });
        // x > y: f = x²y: (2xy, x²); else f = xy: (y, x).
        var (dx, dy) = x > y ? (2 * x * y, x * x) : (y, x);
        Tolerance.AssertFormula(dx, r.Gradient[0]![0], "dIdPick/dx");
        Tolerance.AssertFormula(dy, r.Gradient[1]![0], "dIdPick/dy");
        Get("IdPickForward").CreateDelegate<Forward2>()(x, y, 0.3, -0.7, out double t);
        Tolerance.AssertFormula((0.3 * dx) - (0.7 * dy), t, "IdPickForward");
    }

    [Fact]
    public void AtFloat_AndALoopOverTZero_ByHandAndCentralDifferences()
    {
        float x = 0.6f;
        var f = CentralDifferenceRunner.Check(Get("FloatHelpers"), null, new object[] { x });
        // d/dx x²(3x² - x + 1) = 12x³ - 3x² + 2x.
        Tolerance.AssertClose((12 * x * x * x) - (3 * x * x) + (2 * x), f.Gradient[0]![0], 1e-5, "dFloatHelpers/dx");
        var loop = CentralDifferenceRunner.Check(Get("Loop"), null, new object[] { 0.4, -1.1 });
        Tolerance.AssertFormula(3 * -1.1, loop.Gradient[0]![0], "dLoop/dx");
        Tolerance.AssertFormula(3 * 0.4, loop.Gradient[1]![0], "dLoop/dy");
    }

    private const string Header = "using System;\nusing System.Numerics;\nusing AutoDiffGen;\npublic static partial class G\n{\n";

    [Theory]
    // It calls another method of the user's code: the reading over double stands alone.
    [InlineData("static T Twice<T>(T v) where T : INumber<T> => Id(v) + Id(v); static T Id<T>(T v) => v;", "Twice(x) * x", "Twice(x)", "its body uses 'Id(v)'")]
    // A two-dimensional array of T (a T[] is read as double[] since idioms22: Idioms22/Idioms22ModeTests).
    [InlineData("static T First<T>(T[,] a) => a[0, 0];", "First(new[,] { { x, 2 * x } })", "First(new[,] { { x, 2 * x } })", "takes or returns something other than T")]
    // Two type parameters, one of them int (two real ones are read since idioms17c: Idioms17c/GenericTwoParameterTests).
    [InlineData("static T Left<T, U>(T a, U b) => a;", "Left(x, 1) * x", "Left(x, 1)", "the type argument U is 'int'")]
    // A member double does not have: the body does not read as the same method over double.
    [InlineData("static T Bits<T>(T v) where T : IFloatingPointIeee754<T> => v * T.CreateChecked(T.Radix);", "Bits(x) * x", "Bits(x)", "does not read as the same method over double")]
    public void OutsideTheReading_IsOneADG0003AtTheCall(string helper, string use, string at, string says)
    {
        ProgramBatch.AssertSingleErrorAt(Header + "    " + helper + "\n    [Differentiable] public static double F(double x) => " + use + ";\n}\n", "ADG0003", at, says);
    }
}
