using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms15a;

/// <summary>
/// Issue 13, idioms15a item 2: a generic void helper with ref parameters (Meta.Numerics' <c>Global.Swap&lt;T&gt;(ref T a,
/// ref T b)</c>, word for word) called at double or float is read over the type argument and inlined as a plain void ref
/// helper is; an array element passed by ref (<c>Swap(ref c[j], ref c[j + 1])</c>) is the slot itself, so two ref
/// parameters on one slot see each other's writes. By hand and against central differences; Forward and Hessian by hand.
/// </summary>
public class GenericRefHelperTests
{
    private const string Source = """
        using System;
        using System.Numerics;
        using AutoDiffGen;

        public static class Global
        {
            // Meta.Numerics' Global.Swap, word for word.
            public static void Swap<T> (ref T a, ref T b) {
                T t = a;
                a = b;
                b = t;
            }

            public static void SplitExp(double a, double x, out double p, out double q) { q = Math.Exp(-x / a); p = 1 - q; }

            public static void AddBoth<T>(ref T a, ref T b) where T : INumber<T> { a += b; b += a; }

            public static void ScaleBy<T>(ref T a, T k, int times) where T : INumber<T> { for (int i = 0; i < times; i++) a *= k; }
        }

        public static partial class Swaps
        {
            // As Meta.Numerics' Beta and Stirling order their arguments: x > y: f = y²x; else f = x²y.
            [Differentiable(Forward = true, Hessian = true)]
            public static double Ordered(double x, double y)
            {
                if (x > y) Global.Swap(ref x, ref y);
                return x * x * y;
            }

            [Differentiable]
            public static float OrderedFloat(float x, float y)
            {
                if (x < y) Global.Swap(ref x, ref y);
                return x * x * y;
            }

            // A bubble sort of a copy with Swap(ref c[j], ref c[j + 1]): f = s0 · 2 + s1 · s2 over the sorted values.
            [Differentiable]
            public static double Sorted(double[] v)
            {
                var c = (double[])v.Clone();
                for (int i = 0; i < c.Length; i++)
                    for (int j = 0; j + 1 < c.Length - i; j++)
                        if (c[j] > c[j + 1]) Global.Swap(ref c[j], ref c[j + 1]);
                return c[0] * 2 + c[1] * c[2];
            }

            // One slot passed twice: a = 2v, then b (the same slot) = 2v + 2v: 4v. A copy in and out would give 3v.
            [Differentiable]
            public static double SameSlot(double x)
            {
                var c = new double[2];
                c[0] = x * x;
                c[1] = x;
                Global.AddBoth(ref c[0], ref c[0]);
                return c[0] + c[1];
            }

            // An element scaled in the helper's own loop (the array carried by that loop, not the parameter: a broken build
            // while this was written), by a generic helper and by a local function: f = x²y² · 2 + x² y^k.
            [Differentiable]
            public static double ElementInALoop(double x, double y, int k)
            {
                var c = new double[2];
                c[0] = x * x;
                c[1] = x * x;
                Global.ScaleBy(ref c[0], y, 2);
                void Sc(ref double a, double m) { for (int i = 0; i < k; i++) a *= m; }
                Sc(ref c[1], y);
                return c[0] * 2 + c[1];
            }

            // A local function returning a value, passed an element by ref (was ADG0003 before idioms15a): t = 3x, f = 2t + t = 9x.
            [Differentiable]
            public static double LocalTwice(double x)
            {
                double[] a = { x };
                double Twice(ref double t) { t *= 3; return t * 2; }
                double v = Twice(ref a[0]);
                return v + a[0];
            }

            // Out arguments that are elements (HeldOut's SplitExp, was ADG0003): f = p q = (1 - q) q, q = exp(-x / a).
            [Differentiable]
            public static double OutElements(double a, double x)
            {
                var v = new double[2];
                Global.SplitExp(a, x, out v[0], out v[1]);
                return v[0] * v[1];
            }

            // A ref local and a value: a = x k³ (k = y), then f = a + y.
            [Differentiable(Forward = true)]
            public static double Scaled(double x, double y)
            {
                double a = x;
                Global.ScaleBy(ref a, y, 3);
                return a + y;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Get(string name) => Compiled.Value.GetType("Swaps")!.GetMethod(name)!;

    private delegate double Forward2(double x, double y, double tX, double tY, out double tResult);

    private delegate double Hessian2(double x, double y, Span<double> hessian);

    [Theory]
    [InlineData(0.9, 0.4)]
    [InlineData(-0.3, 0.6)]
    public void MetaNumericsSwap_OrdersTwoParameters_InEveryMode(double x, double y)
    {
        var r = CentralDifferenceRunner.Check(Get("Ordered"), null, new object[] { x, y });
        // x > y: f = y²x: (y², 2xy); else f = x²y: (2xy, x²).
        var (dx, dy) = x > y ? (y * y, 2 * x * y) : (2 * x * y, x * x);
        Tolerance.AssertFormula(x > y ? y * y * x : x * x * y, r.Value, "Ordered");
        Tolerance.AssertFormula(dx, r.Gradient[0]![0], "dOrdered/dx");
        Tolerance.AssertFormula(dy, r.Gradient[1]![0], "dOrdered/dy");
        Get("OrderedForward").CreateDelegate<Forward2>()(x, y, 0.3, -0.7, out double t);
        Tolerance.AssertFormula((0.3 * dx) - (0.7 * dy), t, "OrderedForward");
        var h = new double[4];
        Get("OrderedHessian").CreateDelegate<Hessian2>()(x, y, h);
        // x > y: H of y²x = [[0, 2y], [2y, 2x]]; else of x²y = [[2y, 2x], [2x, 0]].
        double[] expected = x > y ? new[] { 0, 2 * y, 2 * y, 2 * x } : new[] { 2 * y, 2 * x, 2 * x, 0 };
        for (int i = 0; i < 4; i++) Tolerance.AssertFormula(expected[i], h[i], "OrderedHessian[" + i + "]");
    }

    [Fact]
    public void AtFloat_ByHandAndCentralDifferences()
    {
        float x = 0.4f, y = 0.9f;
        // x < y: swapped, f = y²x: (y², 2xy).
        var r = CentralDifferenceRunner.Check(Get("OrderedFloat"), null, new object[] { x, y });
        Tolerance.AssertClose(y * y, r.Gradient[0]![0], 1e-5, "dOrderedFloat/dx");
        Tolerance.AssertClose(2 * x * y, r.Gradient[1]![0], 1e-5, "dOrderedFloat/dy");
    }

    [Fact]
    public void ABubbleSortWithElementSwaps_RoutesEachGradientToTheSlotItCameFrom()
    {
        var v = new[] { 0.7, -0.2, 0.3, 0.1 };
        var r = CentralDifferenceRunner.Check(Get("Sorted"), null, new object[] { v });
        // Sorted: -0.2 (v1), 0.1 (v3), 0.3 (v2), 0.7 (v0): f = 2 v1 + v3 v2.
        Tolerance.AssertFormula((2 * -0.2) + (0.1 * 0.3), r.Value, "Sorted");
        double[] expected = { 0, 2, 0.1, 0.3 };
        for (int i = 0; i < 4; i++) Tolerance.AssertFormula(expected[i], r.Gradient[0]![i], "dSorted/dv" + i);
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(-1.2)]
    public void OneSlotPassedTwice_SeesItsOwnWrites(double x)
    {
        var r = CentralDifferenceRunner.Check(Get("SameSlot"), null, new object[] { x });
        // f = 4x² + x.
        Tolerance.AssertFormula((4 * x * x) + x, r.Value, "SameSlot");
        Tolerance.AssertFormula((8 * x) + 1, r.Gradient[0]![0], "dSameSlot/dx");
    }

    [Theory]
    [InlineData(1.5, 0.7)]
    [InlineData(0.8, -0.4)]
    public void OutElementsOfAPlainHelper_ByHand(double a, double x)
    {
        var r = CentralDifferenceRunner.Check(Get("OutElements"), null, new object[] { a, x });
        double q = Math.Exp(-x / a);
        // f = q - q²: df/dq = 1 - 2q; dq/da = q x / a², dq/dx = -q / a.
        Tolerance.AssertFormula(q - (q * q), r.Value, "OutElements");
        Tolerance.AssertFormula((1 - (2 * q)) * q * x / (a * a), r.Gradient[0]![0], "dOutElements/da");
        Tolerance.AssertFormula((1 - (2 * q)) * -q / a, r.Gradient[1]![0], "dOutElements/dx");
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(-1.2)]
    public void ALocalFunctionGivenAnElementByRef_ByHand(double x)
    {
        var r = CentralDifferenceRunner.Check(Get("LocalTwice"), null, new object[] { x });
        Tolerance.AssertFormula(9 * x, r.Value, "LocalTwice");
        Tolerance.AssertFormula(9, r.Gradient[0]![0], "dLocalTwice/dx");
    }

    [Theory]
    [InlineData(0.7, 1.3, 3)]
    [InlineData(-1.2, 0.5, 0)]
    public void AnElementWrittenInTheHelpersLoop_ByHand(double x, double y, int k)
    {
        var r = CentralDifferenceRunner.Check(Get("ElementInALoop"), null, new object[] { x, y, k });
        // f = 2x²y² + x²y^k: (4xy² + 2xy^k, 4x²y + k x² y^(k-1)).
        Tolerance.AssertFormula((2 * x * x * y * y) + (x * x * Math.Pow(y, k)), r.Value, "ElementInALoop");
        Tolerance.AssertFormula((4 * x * y * y) + (2 * x * Math.Pow(y, k)), r.Gradient[0]![0], "dElementInALoop/dx");
        Tolerance.AssertFormula((4 * x * x * y) + (k * x * x * Math.Pow(y, k - 1)), r.Gradient[1]![0], "dElementInALoop/dy");
    }

    [Theory]
    [InlineData(0.7, 1.3)]
    [InlineData(-1.2, 0.5)]
    public void ARefAndAValueParameter_ByHandAndForward(double x, double y)
    {
        var r = CentralDifferenceRunner.Check(Get("Scaled"), null, new object[] { x, y });
        // f = x y³ + y: (y³, 3xy² + 1).
        Tolerance.AssertFormula((x * y * y * y) + y, r.Value, "Scaled");
        Tolerance.AssertFormula(y * y * y, r.Gradient[0]![0], "dScaled/dx");
        Tolerance.AssertFormula((3 * x * y * y) + 1, r.Gradient[1]![0], "dScaled/dy");
        Get("ScaledForward").CreateDelegate<Forward2>()(x, y, 0.5, 0.25, out double t);
        Tolerance.AssertFormula((0.5 * y * y * y) + (0.25 * ((3 * x * y * y) + 1)), t, "ScaledForward");
    }
}
