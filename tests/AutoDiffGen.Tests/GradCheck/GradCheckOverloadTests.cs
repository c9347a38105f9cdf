using System;
using AutoDiffGen;
using Xunit;

namespace AutoDiffGen.Tests.GradCheckTests;

/// <summary>
/// Functions whose Backward the generator writes, handed to GradCheck as method groups (the generated
/// Backward's default <c>dResult</c> must not stop the conversion), next to hand-written Backwards of the same
/// shape that are wrong on purpose: each overload must pass the first and fail the second.
/// </summary>
public static partial class OverloadSubjects
{
    [Differentiable]
    public static double Square(double x) => x * x;

    [Differentiable]
    public static double F(double x, double y, double z) => (x + y) * z;

    [Differentiable]
    public static double Neuron(double w0, double x0, double w1, double x1, double w2) =>
        1.0 / (1.0 + Math.Exp(-(w0 * x0 + w1 * x1 + w2)));

    [Differentiable]
    public static double SumSquares(double[] x)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++) sum += x[i] * x[i];
        return sum;
    }

    [Differentiable]
    public static double SpanSumCubes(ReadOnlySpan<double> x)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++) sum += x[i] * x[i] * x[i];
        return sum;
    }

    [Differentiable]
    public static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    [Differentiable]
    public static double Horner(double[] c, double x)
    {
        double acc = 0;
        for (int i = c.Length - 1; i >= 0; i--) acc = acc * x + c[i];
        return acc;
    }

    [Differentiable]
    public static float FloatProduct(float x, float y) => x * y + MathF.Sin(x);

    [Differentiable]
    public static float FloatSumSquares(float[] x)
    {
        float sum = 0;
        for (int i = 0; i < x.Length; i++) sum += x[i] * x[i];
        return sum;
    }

    [Differentiable]
    public static float FloatSpanSumSquares(ReadOnlySpan<float> x)
    {
        float sum = 0;
        for (int i = 0; i < x.Length; i++) sum += x[i] * x[i];
        return sum;
    }

    // Wrong on purpose: the cos x term of ∂/∂x is missing.
    public static float WrongFloatProductBackward(float x, float y, ref float dX, ref float dY, float dResult = 1)
    {
        dX += y * dResult;
        dY += x * dResult;
        return FloatProduct(x, y);
    }

    // Wrong on purpose: x instead of 2x.
    public static float WrongFloatSumSquaresBackward(float[] x, float[] dX, float dResult = 1)
    {
        for (int i = 0; i < x.Length; i++) dX[i] += x[i] * dResult;
        return FloatSumSquares(x);
    }

    // Wrong on purpose: x instead of 2x.
    public static float WrongFloatSpanSumSquaresBackward(ReadOnlySpan<float> x, Span<float> dX, float dResult = 1)
    {
        for (int i = 0; i < x.Length; i++) dX[i] += x[i] * dResult;
        return FloatSpanSumSquares(x);
    }

    // Wrong on purpose: d(x²)/dx is 2x, not x.
    public static double WrongSquareBackward(double x, ref double dX, double dResult = 1)
    {
        dX += x * dResult;
        return x * x;
    }

    // Wrong on purpose: ∂f/∂z is x + y, here x − y.
    public static double WrongFBackward(double x, double y, double z, ref double dX, ref double dY, ref double dZ, double dResult = 1)
    {
        dX += z * dResult;
        dY += z * dResult;
        dZ += (x - y) * dResult;
        return (x + y) * z;
    }

    // Wrong on purpose: the last component is dropped.
    public static double WrongSumSquaresBackward(double[] x, double[] dX, double dResult = 1)
    {
        for (int i = 0; i < x.Length - 1; i++) dX[i] += 2 * x[i] * dResult;
        return SumSquares(x);
    }

    // Wrong on purpose: 2x² instead of 3x².
    public static double WrongSpanSumCubesBackward(ReadOnlySpan<double> x, Span<double> dX, double dResult = 1)
    {
        for (int i = 0; i < x.Length; i++) dX[i] += 2 * x[i] * x[i] * dResult;
        return SpanSumCubes(x);
    }

    // Wrong on purpose: the gradients of a and b are swapped in the second component only.
    public static double WrongDotBackward(double[] a, double[] b, double[] dA, double[] dB, double dResult = 1)
    {
        for (int i = 0; i < a.Length; i++)
        {
            dA[i] += (i == 1 ? a[i] : b[i]) * dResult;
            dB[i] += (i == 1 ? b[i] : a[i]) * dResult;
        }

        return Dot(a, b);
    }
}

public sealed class GradCheckOverloadTests
{
    [Fact]
    public void One_scalar_method_group_with_its_generated_Backward_passes_and_a_wrong_Backward_fails()
    {
        Assert.True(GradCheck.Check(OverloadSubjects.Square, OverloadSubjects.SquareBackward, 1.5).Passed);

        GradCheckResult wrong = GradCheck.Check(OverloadSubjects.Square, OverloadSubjects.WrongSquareBackward, 1.5);
        Assert.False(wrong.Passed);
        // Hand-derived: the wrong Backward says 1.5, the derivative is 2·1.5 = 3.
        Assert.Equal(1.5, wrong.WorstAnalytic);
        Assert.Equal(3.0, wrong.WorstNumeric, 1e-8);
        Assert.Equal("argument 1", wrong.WorstLabel);
    }

    [Fact]
    public void Three_scalars_the_lecture_example_passes_and_names_the_wrong_argument()
    {
        GradCheckResult right = GradCheck.Check(OverloadSubjects.F, OverloadSubjects.FBackward, -2, 5, -4);
        Assert.True(right.Passed, right.ToString());
        // The lecture's gradient, by hand: ∂f/∂x = ∂f/∂y = z = −4, ∂f/∂z = x + y = 3.
        Assert.Equal(new[] { -4.0, -4.0, 3.0 }, right.Analytic);
        Assert.Contains("; worst: component ", right.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("closest", right.ToString(), StringComparison.Ordinal);

        GradCheckResult wrong = GradCheck.Check(OverloadSubjects.F, OverloadSubjects.WrongFBackward, -2, 5, -4);
        Assert.False(wrong.Passed);
        Assert.Equal(1, wrong.FailedCount);
        Assert.Equal(2, wrong.WorstIndex);
        Assert.Equal("argument 3", wrong.WorstLabel);
        Assert.StartsWith("gradient check FAILED: component 2 (argument 3) analytic -7 numeric 3", wrong.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Five_scalars_the_sigmoid_neuron_passes_with_its_generated_Backward()
    {
        GradCheckResult result = GradCheck.Check(OverloadSubjects.Neuron, OverloadSubjects.NeuronBackward, 2, -1, -3, -2, -3);
        Assert.True(result.Passed, result.ToString());
        // The lecture's numbers: dw0 = −0.20, dx0 = 0.39, dw1 = −0.39, dx1 = −0.59, dw2 = 0.20.
        double[] expected = { -0.196612, 0.393224, -0.393224, -0.589836, 0.196612 };
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], result.Analytic[i], 1e-6);
    }

    [Fact]
    public void Scalar_overloads_take_a_tolerance_by_name_and_validate_it()
    {
        // A wrong Backward that is off by 1e-4 relative passes a 1e-3 relative tolerance and fails the default one.
        double SlightlyWrong(double x, ref double dX, double dResult) { dX += 2 * x * (1 + 1e-4) * dResult; return x * x; }
        Assert.False(GradCheck.Check(OverloadSubjects.Square, SlightlyWrong, 2.0).Passed);
        Assert.True(GradCheck.Check(OverloadSubjects.Square, SlightlyWrong, 2.0, tolerance: new GradCheckTolerance(1e-6, 1e-3, 1e-8)).Passed);
        Assert.Throws<ArgumentOutOfRangeException>(() => GradCheck.Check(OverloadSubjects.Square, OverloadSubjects.SquareBackward, 2.0, new GradCheckTolerance(0, 1e-3, 1e-8)));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradCheck.Check(OverloadSubjects.Square, OverloadSubjects.SquareBackward, 2.0, new GradCheckTolerance(1e-6, -1, 1e-8)));
    }

    [Fact]
    public void Array_method_group_with_its_generated_Backward_passes_and_a_wrong_Backward_fails()
    {
        double[] x = { 0.5, -1.25, 2.0 };
        GradCheckResult right = GradCheck.Check(OverloadSubjects.SumSquares, OverloadSubjects.SumSquaresBackward, x);
        Assert.True(right.Passed, right.ToString());
        Assert.Equal(new[] { 1.0, -2.5, 4.0 }, right.Analytic); // 2x, by hand
        Assert.Equal(new[] { 0.5, -1.25, 2.0 }, x); // restored, and Backward ran on a copy

        GradCheckResult wrong = GradCheck.Check(OverloadSubjects.SumSquares, OverloadSubjects.WrongSumSquaresBackward, x);
        Assert.False(wrong.Passed);
        Assert.Equal(2, wrong.WorstIndex);
        Assert.Null(wrong.WorstLabel);
    }

    [Fact]
    public void Span_method_group_with_its_generated_Backward_passes_and_a_wrong_Backward_fails()
    {
        ReadOnlySpan<double> x = stackalloc double[] { 1.0, -2.0, 0.5 };
        GradCheckResult right = GradCheck.Check(OverloadSubjects.SpanSumCubes, OverloadSubjects.SpanSumCubesBackward, x);
        Assert.True(right.Passed, right.ToString());
        Assert.Equal(new[] { 3.0, 12.0, 0.75 }, right.Analytic); // 3x², by hand

        GradCheckResult wrong = GradCheck.Check(OverloadSubjects.SpanSumCubes, OverloadSubjects.WrongSpanSumCubesBackward, x);
        Assert.False(wrong.Passed);
        Assert.Equal(3, wrong.FailedCount);
    }

    [Fact]
    public void Span_function_with_a_given_gradient_and_its_numeric_gradient()
    {
        double[] x = { 1.0, -2.0, 0.5 };
        double[] numeric = GradCheck.NumericGradient(OverloadSubjects.SpanSumCubes, (ReadOnlySpan<double>)x);
        double[] byHand = { 3.0, 12.0, 0.75 };
        for (int i = 0; i < x.Length; i++) Assert.Equal(byHand[i], numeric[i], 1e-7);

        Assert.True(GradCheck.Check(OverloadSubjects.SpanSumCubes, (ReadOnlySpan<double>)x, byHand).Passed);
        Assert.False(GradCheck.Check(OverloadSubjects.SpanSumCubes, (ReadOnlySpan<double>)x, new[] { 3.0, 12.0, 0.5 }).Passed);
        Assert.Throws<ArgumentException>(() => GradCheck.Check(OverloadSubjects.SpanSumCubes, (ReadOnlySpan<double>)x, new[] { 3.0 }));
    }

    [Fact]
    public void Two_arrays_with_their_generated_Backward_pass_and_a_wrong_one_is_reported_by_argument_and_index()
    {
        double[] a = { 1.0, 2.0, 3.0 };
        double[] b = { -1.0, 0.5, 4.0 };
        GradCheckResult right = GradCheck.Check(OverloadSubjects.Dot, OverloadSubjects.DotBackward, a, b);
        Assert.True(right.Passed, right.ToString());
        Assert.Equal(new[] { -1.0, 0.5, 4.0, 1.0, 2.0, 3.0 }, right.Analytic); // ∂/∂a = b, ∂/∂b = a

        GradCheckResult wrong = GradCheck.Check(OverloadSubjects.Dot, OverloadSubjects.WrongDotBackward, a, b);
        Assert.False(wrong.Passed);
        Assert.Equal(2, wrong.FailedCount);
        Assert.Contains(wrong.WorstLabel, new[] { "argument 1[1]", "argument 2[1]" });
        Assert.Equal(new[] { 1.0, 2.0, 3.0 }, a);
        Assert.Equal(new[] { -1.0, 0.5, 4.0 }, b);
    }

    [Fact]
    public void Several_inputs_of_any_mix_through_a_closure_array_and_scalar()
    {
        // Horner(c, x) = c0 + c1·x + c2·x²: ∂/∂c = (1, x, x²), ∂/∂x = c1 + 2·c2·x; the scalar is a one-element array.
        double[] c = { 1.0, -2.0, 0.5 };
        double[] x = { 3.0 };
        double[] dC = new double[3];
        double dX = 0;
        OverloadSubjects.HornerBackward(c, x[0], dC, ref dX);
        Assert.Equal(new[] { 1.0, 3.0, 9.0 }, dC);
        Assert.Equal(-2.0 + (2 * 0.5 * 3.0), dX);

        GradCheckResult right = GradCheck.Check(() => OverloadSubjects.Horner(c, x[0]), new GradCheckInput("c", c, dC), new GradCheckInput("x", x, new[] { dX }));
        Assert.True(right.Passed, right.ToString());
        Assert.Equal(4, right.ComponentCount);

        GradCheckResult wrong = GradCheck.Check(() => OverloadSubjects.Horner(c, x[0]), new GradCheckInput("c", c, dC), new GradCheckInput("x", x, new[] { dX + 0.1 }));
        Assert.False(wrong.Passed);
        Assert.Equal("x[0]", wrong.WorstLabel);
        Assert.Contains("component 3 (x[0])", wrong.ToString(), StringComparison.Ordinal);
        Assert.Equal(new[] { 1.0, -2.0, 0.5 }, c);
        Assert.Equal(3.0, x[0]);

        Assert.True(GradCheck.Check(() => OverloadSubjects.Horner(c, x[0]), new GradCheckTolerance(1e-5, 1e-2, 1e-8), new GradCheckInput("x", x, new[] { dX * 1.001 })).Passed);
        Assert.Throws<ArgumentException>(() => new GradCheckInput("c", c, new double[2]));
    }

    [Fact]
    public void Float_scalars_array_and_span_with_generated_Backwards_pass_and_wrong_ones_fail()
    {
        // ∂(xy + sin x)/∂x = y + cos x, ∂/∂y = x, by hand.
        GradCheckResult scalars = GradCheck.Check(OverloadSubjects.FloatProduct, OverloadSubjects.FloatProductBackward, 0.5f, -2f);
        Assert.True(scalars.Passed, scalars.ToString());
        Assert.Equal(-2 + Math.Cos(0.5), scalars.Analytic[0], 1e-6);
        Assert.Equal(0.5, scalars.Analytic[1]);
        GradCheckResult wrongScalars = GradCheck.Check(OverloadSubjects.FloatProduct, OverloadSubjects.WrongFloatProductBackward, 0.5f, -2f);
        Assert.False(wrongScalars.Passed);
        Assert.Equal("argument 1", wrongScalars.WorstLabel);

        float[] x = { 1.5f, -0.5f, 2f };
        GradCheckResult array = GradCheck.Check(OverloadSubjects.FloatSumSquares, OverloadSubjects.FloatSumSquaresBackward, x);
        Assert.True(array.Passed, array.ToString());
        Assert.Equal(new[] { 3.0, -1.0, 4.0 }, array.Analytic);
        Assert.False(GradCheck.Check(OverloadSubjects.FloatSumSquares, OverloadSubjects.WrongFloatSumSquaresBackward, x).Passed);
        Assert.Equal(new[] { 1.5f, -0.5f, 2f }, x);

        GradCheckResult span = GradCheck.Check(OverloadSubjects.FloatSpanSumSquares, OverloadSubjects.FloatSpanSumSquaresBackward, (ReadOnlySpan<float>)x);
        Assert.True(span.Passed, span.ToString());
        Assert.Equal(new[] { 3.0, -1.0, 4.0 }, span.Analytic);
        Assert.False(GradCheck.Check(OverloadSubjects.FloatSpanSumSquares, OverloadSubjects.WrongFloatSpanSumSquaresBackward, (ReadOnlySpan<float>)x).Passed);
        Assert.True(GradCheck.Check(OverloadSubjects.FloatSpanSumSquares, (ReadOnlySpan<float>)x, new[] { 3f, -1f, 4f }).Passed);
        Assert.Equal(4.0, GradCheck.NumericGradient(OverloadSubjects.FloatSpanSumSquares, (ReadOnlySpan<float>)x)[2], 1e-2);
    }

    [Fact]
    public void The_original_array_shape_still_binds_a_lambda_over_an_array()
    {
        // The span overloads must not make this call ambiguous or pick the copying span path.
        double[] x = { -2, 5, -4 };
        GradCheckResult result = GradCheck.Check(v => OverloadSubjects.F(v[0], v[1], v[2]), x, new[] { -4.0, -4.0, 3.0 });
        Assert.True(result.Passed, result.ToString());
        Assert.Null(result.WorstLabel);
    }
}
