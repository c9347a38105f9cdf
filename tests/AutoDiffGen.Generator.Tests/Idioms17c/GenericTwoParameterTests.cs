using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms17c;

/// <summary>
/// Issue 13, idioms17c item 1: plain generic helpers with two type parameters (<c>Scale&lt;TIn, TOut&gt;</c>,
/// <c>Convert&lt;TFrom, TTo&gt;</c> over <c>TTo.CreateChecked(v)</c>, <c>Mix&lt;T, U&gt;</c> at double and float) are read
/// with each type parameter over its own argument and inlined; <c>double.CreateChecked(x)</c> and <c>float.CreateChecked(x)</c>
/// of a real are the cast (derivative 1). Each by hand and against central differences, Forward and Hessian where the
/// method asks; what stays refused is one diagnostic at the call saying why.
/// </summary>
public class GenericTwoParameterTests
{
    private const string Source = """
        using System;
        using System.Numerics;
        using AutoDiffGen;

        public static partial class Two17c
        {
            static TOut Scale<TIn, TOut>(TIn x, TOut k) where TIn : INumber<TIn> where TOut : INumber<TOut> => TOut.CreateChecked(x) * k;

            static TTo Convert<TFrom, TTo>(TFrom v) where TFrom : INumber<TFrom> where TTo : INumber<TTo> => TTo.CreateChecked(v);

            static T Mix<T, U>(T a, U b) where T : IFloatingPoint<T> where U : IFloatingPoint<U> => a * T.CreateChecked(b) + T.One;

            static TR Sq<T, TR>(T x) where T : INumber<T> where TR : INumber<TR> { var y = TR.CreateChecked(x); return y * y; }

            // f = x k: ∂x = k, ∂k = x; the Hessian [[0, 1], [1, 0]].
            [Differentiable(Forward = true, Hessian = true)]
            public static double Scaled(double x, double k) => Scale(x, k);

            // f = 2 x y + 1 (x a float widened, exactly): ∂x = 2y, ∂y = 2x.
            [Differentiable]
            public static double Widened(float x, double y) => Convert<float, double>(x) * y + Mix(y, x);

            // f = 3x² + x² = 4x²: f' = 8x, f'' = 8.
            [Differentiable(Forward = true, Hessian = true)]
            public static double Created(double x) => Sq<double, double>(x) * 3 + double.CreateChecked(x) * x;

            // f = 3 sin x in float: f' = 3 cos x.
            [Differentiable]
            public static float Narrowed(float x) => float.CreateChecked(Math.Sin((double)x)) * 3f;
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Get(string name) => Compiled.Value.GetType("Two17c")!.GetMethod(name)!;

    private delegate double Forward2(double x, double k, double tX, double tK, out double tResult);

    private delegate double Forward1(double x, double tX, out double tResult);

    private delegate double Hessian(double x, double k, Span<double> hessian);

    private delegate double Hessian1(double x, Span<double> hessian);

    [Theory]
    [InlineData(0.7, 1.3)]
    [InlineData(-1.2, 0.4)]
    public void ScaleOfTwoTypeParameters_AllModes(double x, double k)
    {
        var g = CentralDifferenceRunner.Check(Get("Scaled"), null, new object[] { x, k });
        Tolerance.AssertFormula(k, g.Gradient[0]![0], "dScaled/dx");
        Tolerance.AssertFormula(x, g.Gradient[1]![0], "dScaled/dk");
        Get("ScaledForward").CreateDelegate<Forward2>()(x, k, 0.5, -2, out double tResult);
        Tolerance.AssertFormula((0.5 * k) - (2 * x), tResult, "Scaled tResult");
        var h = new double[4];
        Get("ScaledHessian").CreateDelegate<Hessian>()(x, k, h);
        Assert.Equal(new[] { 0.0, 1, 1, 0 }, h);
    }

    [Theory]
    [InlineData(0.75f, 1.3)]
    [InlineData(-1.5f, -0.4)]
    public void ConvertAndMixBetweenFloatAndDouble_ByHand(float x, double y)
    {
        var g = CentralDifferenceRunner.Check(Get("Widened"), null, new object[] { x, y });
        // dX is a float: 2y rounded once.
        Tolerance.AssertClose(2 * y, g.Gradient[0]![0], 1e-6 * Math.Abs(2 * y), "dWidened/dx");
        Tolerance.AssertFormula(2 * (double)x, g.Gradient[1]![0], "dWidened/dy");
    }

    [Theory]
    [InlineData(0.6)]
    [InlineData(-2.1)]
    public void CreateCheckedOfAReal_IsACast_AllModes(double x)
    {
        var g = CentralDifferenceRunner.Check(Get("Created"), null, new object[] { x });
        Tolerance.AssertFormula(8 * x, g.Gradient[0]![0], "dCreated/dx");
        Get("CreatedForward").CreateDelegate<Forward1>()(x, 1.0, out double tResult);
        Tolerance.AssertFormula(8 * x, tResult, "Created tResult");
        var h = new double[1];
        Get("CreatedHessian").CreateDelegate<Hessian1>()(x, h);
        Tolerance.AssertFormula(8, h[0], "CreatedHessian");
    }

    [Theory]
    [InlineData(0.5f)]
    [InlineData(2.0f)]
    public void FloatCreateCheckedOfADouble_IsTheNarrowingCast(float x)
    {
        var g = CentralDifferenceRunner.Check(Get("Narrowed"), null, new object[] { x });
        Tolerance.AssertClose(3 * Math.Cos(x), g.Gradient[0]![0], 1e-5, "dNarrowed/dx");
    }

    private const string Header = "using System;\nusing System.Numerics;\nusing AutoDiffGen;\npublic static partial class G\n{\n";

    [Theory]
    // The numerics-library shape with a span-like type argument: TSpan is int, not a real.
    [InlineData("static T Dot<T, TSpan>(T a, T b) where T : INumber<T> => a * b;", "Dot<double, int>(x, x)", "Dot<double, int>(x, x)", "the type argument TSpan is 'int'")]
    // Two-dimensional arrays of T, with two type parameters (a T[] is read as double[] since idioms22).
    [InlineData("static T Sum<T, U>(T[,] a, U k) where T : INumber<T> where U : INumber<U> => a[0, 0] * T.CreateChecked(k);", "Sum(new[,] { { x, x } }, 2.0)", "Sum(new[,] { { x, x } }, 2.0)", "takes or returns something other than T")]
    // A member double does not have, on the second type parameter.
    [InlineData("static T Bits<T, U>(T v, U w) where T : INumber<T> where U : IFloatingPointIeee754<U> => v * T.CreateChecked(U.Radix);", "Bits(x, 1.0)", "Bits(x, 1.0)", "does not read as the same method over double")]
    public void OutsideTheReading_IsOneADG0003AtTheCall(string helper, string use, string at, string says)
    {
        ProgramBatch.AssertSingleErrorAt(Header + "    " + helper + "\n    [Differentiable] public static double F(double x) => " + use + " * x;\n}\n", "ADG0003", at, says);
    }

    [Fact]
    public void IntCreateCheckedOfAValueWithAGradient_StaysAnError()
    {
        // A conversion to int has no derivative that CreateChecked could carry: the value that carries the gradient is refused there.
        ProgramBatch.AssertSingleErrorAt(Header + "    [Differentiable] public static double F(double x) => int.CreateChecked(x) * x;\n}\n", "ADG0016", "x) * x", "CreateChecked");
    }
}
