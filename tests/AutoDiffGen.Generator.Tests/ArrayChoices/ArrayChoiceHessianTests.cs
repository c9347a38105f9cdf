using AutoDiffGen.Generator.Tests.Hessians;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.ArrayChoices;

/// <summary>
/// <c>Hessian = true</c> over array locals chosen between arrays (the path MBackward takes, with tangents): by hand on
/// each side of the choice, and against central differences of MBackward's gradient.
/// </summary>
public class ArrayChoiceHessianTests
{
    private const string Source = @"
using AutoDiffGen;
public static partial class HessianChoices
{
    [Differentiable(Hessian = true)]
    public static double Pick(double x, double y, [NoDiff] bool c)
    {
        double[] p = { x, y };
        double[] q = { y * y, x };
        double[] w = c ? p : q;
        return w[0] * w[1];
    }

    [Differentiable(Hessian = true)]
    public static double Coalesce(double x, double y, [NoDiff] double[]? a)
    {
        var w = a ?? new[] { x * x, y };
        return w[0] * w[1] * y;
    }
}
";

    private delegate double PickHessian(double x, double y, bool c, Span<double> hessian);

    private delegate double CoalesceHessian(double x, double y, double[]? a, Span<double> hessian);

    private static readonly Lazy<Type> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("HessianChoices")!);

    private static void Near(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Tolerance.AssertFormula(expected[i], actual[i], "hessian[" + i + "]");
    }

    [Fact]
    public void Pick_HessianOfTheChosenArray_ByHand()
    {
        var hessian = (PickHessian)Delegate.CreateDelegate(typeof(PickHessian), Compiled.Value.GetMethod("PickHessian")!);
        var h = new double[4];
        double x = 0.7, y = -1.3;
        // c: x·y → [[0, 1], [1, 0]].
        Tolerance.AssertFormula(x * y, hessian(x, y, true, h), "value");
        Near(new[] { 0.0, 1.0, 1.0, 0.0 }, h);
        // Not c: y²·x → [[0, 2y], [2y, 2x]].
        Tolerance.AssertFormula(y * y * x, hessian(x, y, false, h), "value");
        Near(new[] { 0.0, 2 * y, 2 * y, 2 * x }, h);
    }

    [Fact]
    public void Coalesce_HessianOfTheMadeArrayOrTheGivenOne_ByHandAndCentralDifferences()
    {
        var type = Compiled.Value;
        var hessian = (CoalesceHessian)Delegate.CreateDelegate(typeof(CoalesceHessian), type.GetMethod("CoalesceHessian")!);
        var h = new double[4];
        double x = 0.7, y = -1.3;
        // a null: x²·y² → [[2y², 4xy], [4xy, 2x²]].
        hessian(x, y, null, h);
        Near(new[] { 2 * y * y, 4 * x * y, 4 * x * y, 2 * x * x }, h);
        var backward = type.GetMethod("CoalesceBackward")!;
        var central = HessianModeTests.CentralHessian((v, into) =>
        {
            var args = new object?[] { v[0], v[1], null, 0.0, 0.0, 1.0 };
            backward.Invoke(null, args);
            into[0] = (double)args[3]!;
            into[1] = (double)args[4]!;
        }, new[] { x, y });
        for (int i = 0; i < 4; i++) Tolerance.AssertClose(central[i], h[i], 1e-5 * (1 + Math.Abs(central[i])), "central hessian[" + i + "]");
        // a given: a0·a1·y, linear in y → zero.
        hessian(x, y, new[] { 2.0, 3.0 }, h);
        Near(new[] { 0.0, 0.0, 0.0, 0.0 }, h);
    }
}
