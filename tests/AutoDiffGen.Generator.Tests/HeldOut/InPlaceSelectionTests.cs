using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.HeldOut;

/// <summary>
/// In-place selection and sorting as numerics libraries write them: a quickselect that opens with a second name for
/// its array parameter (<c>double[] a = workingData;</c>) and swaps elements with tuples (<c>(a[i], a[j]) = (a[j], a[i])</c>),
/// called on the caller's array or on a local copy. The result is one of the inputs, chosen by comparisons, so the
/// gradient is piecewise: the unit vector of the element that ends up at the selected rank (it follows the
/// permutation). The held-out numerics check had 18 methods diagnosed here (ADG0003 at the alias, ADG0007 at each swap).
/// Outside what is supported: a second name that is later pointed elsewhere, one captured by a lambda, and a swap
/// whose index has an effect stay errors.
/// </summary>
public class InPlaceSelectionTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Select
        {
            // Lomuto quickselect through a second name, swaps as tuples, an early return inside the loop.
            [Differentiable]
            public static double Kth(double[] data, int k)
            {
                double[] a = data;
                int lo = 0, hi = a.Length - 1;
                while (lo < hi)
                {
                    double pivot = a[hi];
                    int store = lo;
                    for (int i = lo; i < hi; i++)
                    {
                        if (a[i] < pivot)
                        {
                            (a[i], a[store]) = (a[store], a[i]);
                            store++;
                        }
                    }
                    (a[store], a[hi]) = (a[hi], a[store]);
                    if (store == k) return a[k];
                    if (store < k) lo = store + 1; else hi = store - 1;
                }
                return a[k];
            }

            // Numerical Recipes' select shape: while (true), median-of-three swaps under conditions, Hoare partition with do/while.
            [Differentiable]
            public static double Nr(double[] workingData, int rank)
            {
                double[] a = workingData;
                int low = 0;
                int high = a.Length - 1;
                while (true)
                {
                    if (high <= low + 1)
                    {
                        if (high == low + 1 && a[high] < a[low]) (a[low], a[high]) = (a[high], a[low]);
                        return a[rank];
                    }
                    int middle = (low + high) >> 1;
                    (a[middle], a[low + 1]) = (a[low + 1], a[middle]);
                    if (a[low] > a[high]) (a[low], a[high]) = (a[high], a[low]);
                    if (a[low + 1] > a[high]) (a[low + 1], a[high]) = (a[high], a[low + 1]);
                    if (a[low] > a[low + 1]) (a[low], a[low + 1]) = (a[low + 1], a[low]);
                    int begin = low + 1;
                    int end = high;
                    double pivot = a[begin];
                    while (true)
                    {
                        do { begin++; } while (a[begin] < pivot);
                        do { end--; } while (a[end] > pivot);
                        if (end < begin) break;
                        (a[begin], a[end]) = (a[end], a[begin]);
                    }
                    a[low + 1] = a[end];
                    a[end] = pivot;
                    if (end >= rank) high = end - 1;
                    if (end <= rank) low = begin;
                }
            }

            // Two selections on the same array: the second sees what the first left.
            [Differentiable]
            public static double Median(double[] data)
            {
                int k = data.Length / 2;
                return data.Length % 2 == 1 ? Nr(data, k) : (Nr(data, k - 1) + Nr(data, k)) / 2.0;
            }

            // A quantile of a scaled local copy: the caller's array is left alone.
            [Differentiable]
            public static double QuantileOfCopy(double[] x, double s, double tau)
            {
                var copy = new double[x.Length];
                for (int i = 0; i < x.Length; i++) copy[i] = s * x[i];
                double h = (x.Length - 1) * tau;
                int lower = (int)h;
                double a = Kth(copy, lower);
                double b = Kth(copy, lower + 1);
                return a + (h - lower) * (b - a);
            }

            // Bubble sort of a local array with tuple swaps, then weights by rank: the weights follow the permutation.
            [Differentiable]
            public static double RankWeighted(double[] x)
            {
                var t = new double[x.Length];
                for (int i = 0; i < x.Length; i++) t[i] = x[i] * x[i];
                for (int pass = 0; pass < t.Length; pass++)
                {
                    for (int j = 0; j + 1 < t.Length; j++)
                    {
                        if (t[j] > t[j + 1]) (t[j], t[j + 1]) = (t[j + 1], t[j]);
                    }
                }
                double s = 0;
                for (int i = 0; i < t.Length; i++) s += (i + 1) * t[i];
                return s;
            }

            // A second name for a local array: stores through either name.
            [Differentiable]
            public static double LocalAlias(double x)
            {
                var t = new double[3];
                double[] u = t;
                u[0] = x * x;
                t[1] = Math.Sin(x);
                u[2] = u[0] * t[1];
                return t[2] + u[1];
            }

            // A callee reads the array, then a swap through the second name changes it: the callee's Backward needs the values it read.
            [Differentiable]
            public static double ReadThenSwap(double[] data, double x)
            {
                double s = Poly(data, x);
                double[] a = data;
                (a[0], a[1]) = (a[1], a[0]);
                return s + a[0] * x;
            }

            [Differentiable]
            public static double Poly(double[] c, double x) => c[0] * x * x + c[1] * x;

            [Differentiable]
            public static float KthSingle(float[] data, int k)
            {
                float[] a = data;
                for (int i = 0; i <= k; i++)
                {
                    for (int j = i + 1; j < a.Length; j++)
                    {
                        if (a[j] < a[i]) (a[i], a[j]) = (a[j], a[i]);
                    }
                }
                return a[k] * a[k];
            }

            // A helper that is not [Differentiable] and swaps elements of the array it is passed: the generator must see the write.
            private static int SwapFirstTwo(double[] a)
            {
                (a[0], a[1]) = (a[1], a[0]);
                return 0;
            }

            private static int AddOne(double[] a) { a[0] += 1; return 0; }

            // The same with an element store, in a loop: was a wrong gradient too (the copy for a callee whose array
            // parameter takes a gradient was not made when the argument itself carries none).
            [Differentiable]
            public static double ForeignAddInLoop(double x)
            {
                var t = new double[] { 1.5, -2.0 };
                double s = 0;
                for (int i = 0; i < 2; i++) { s += Poly(t, x); int k = AddOne(t); s += k; }
                return s;
            }

            [Differentiable]
            public static double ForeignSwap(double x)
            {
                var t = new double[] { 1.5, -2.0 };
                double s = Poly(t, x);
                int k = SwapFirstTwo(t);
                return s + k;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Method(string name) => Compiled.Value.GetType("Select")!.GetMethod(name)!;

    private static readonly double[] Data = { 0.3, -1.2, 2.5, 0.9, -0.4, 1.7, 3.1 };

    private static int IndexOfRank(double[] data, int k) =>
        Enumerable.Range(0, data.Length).OrderBy(i => data[i]).ElementAt(k);

    [Theory]
    [InlineData("Kth", 0)]
    [InlineData("Kth", 3)]
    [InlineData("Kth", 6)]
    [InlineData("Nr", 1)]
    [InlineData("Nr", 3)]
    [InlineData("Nr", 5)]
    public void Select_GradientIsTheUnitVectorOfTheKthSmallest(string name, int k)
    {
        var r = CentralDifferenceRunner.Check(Method(name), null, new object[] { Data.ToArray(), k });
        var sorted = Data.OrderBy(v => v).ToArray();
        Tolerance.AssertFormula(sorted[k], r.Value, "the k-th smallest");
        int at = IndexOfRank(Data, k);
        for (int i = 0; i < Data.Length; i++) Assert.Equal(i == at ? 1.0 : 0.0, r.Gradient[0]![i], 12);
    }

    [Fact]
    public void Median_OfAnEvenLength_HalvesTheTwoMiddleElements()
    {
        var data = Data.Take(6).ToArray();
        var r = CentralDifferenceRunner.Check(Method("Median"), null, new object[] { data });
        int lower = IndexOfRank(data, 2), upper = IndexOfRank(data, 3);
        for (int i = 0; i < data.Length; i++) Assert.Equal(i == lower || i == upper ? 0.5 : 0.0, r.Gradient[0]![i], 12);
        var odd = CentralDifferenceRunner.Check(Method("Median"), null, new object[] { Data.ToArray() });
        Assert.Equal(1.0, odd.Gradient[0]![IndexOfRank(Data, 3)], 12);
    }

    [Theory]
    [InlineData(0.25)]
    [InlineData(0.6)]
    public void Quantile_OfALocalCopy(double tau)
    {
        double s = 1.3;
        var r = CentralDifferenceRunner.Check(Method("QuantileOfCopy"), null, new object[] { Data.ToArray(), s, tau });
        double h = (Data.Length - 1) * tau;
        int lower = (int)h;
        double w = h - lower;
        int i0 = IndexOfRank(Data, lower), i1 = IndexOfRank(Data, lower + 1);
        Tolerance.AssertFormula(s * (1 - w), r.Gradient[0]![i0], "d/dx at the lower rank");
        Tolerance.AssertFormula(s * w, r.Gradient[0]![i1], "d/dx at the upper rank");
        Tolerance.AssertFormula((1 - w) * Data[i0] + w * Data[i1], r.Gradient[1]![0], "d/ds");
    }

    [Fact]
    public void BubbleSort_WithTupleSwaps_WeightsFollowThePermutation()
    {
        var x = new[] { 0.7, -1.9, 1.2, 0.1 };
        var r = CentralDifferenceRunner.Check(Method("RankWeighted"), null, new object[] { x });
        var order = Enumerable.Range(0, x.Length).OrderBy(i => x[i] * x[i]).ToArray();
        for (int rank = 0; rank < x.Length; rank++)
        {
            int i = order[rank];
            Tolerance.AssertFormula((rank + 1) * 2 * x[i], r.Gradient[0]![i], "d/dx[" + i + "]");
        }
    }

    [Fact]
    public void SecondNameForALocalArray()
    {
        double x = 0.8;
        var r = CentralDifferenceRunner.Check(Method("LocalAlias"), null, new object[] { x });
        // f = x²·sin x + sin x
        Tolerance.AssertFormula(2 * x * Math.Sin(x) + x * x * Math.Cos(x) + Math.Cos(x), r.Gradient[0]![0], "d/dx");
    }

    [Fact]
    public void CalleeReadsTheArray_BeforeASwapThroughTheSecondName()
    {
        var c = new[] { 1.5, -2.0 };
        double x = 0.6;
        var r = CentralDifferenceRunner.Check(Method("ReadThenSwap"), null, new object[] { c.ToArray(), x });
        // f = c0·x² + c1·x + c1·x
        Tolerance.AssertFormula(2 * c[0] * x + 2 * c[1], r.Gradient[1]![0], "d/dx");
        Tolerance.AssertFormula(x * x, r.Gradient[0]![0], "d/dc0");
        Tolerance.AssertFormula(2 * x, r.Gradient[0]![1], "d/dc1");
    }

    [Fact]
    public void Float_SelectionSort()
    {
        var data = new[] { 0.5f, -1.5f, 2.0f, 1.0f };
        var r = CentralDifferenceRunner.Check(Method("KthSingle"), null, new object[] { data.ToArray(), 2 });
        // The third smallest is 1.0 at index 3: d(v²)/dv = 2.
        Assert.Equal(2.0, r.Gradient[0]![3], 4);
        Assert.Equal(0.0, r.Gradient[0]![2]);
    }

    [Fact]
    public void HelperThatSwapsWithATuple_IsSeenToWrite()
    {
        double x = 0.6;
        var r = CentralDifferenceRunner.Check(Method("ForeignSwap"), null, new object[] { x });
        // Poly read t before the swap: 1.5·x² − 2·x. Was a wrong gradient (−0.9 here): a tuple's elements were not seen as
        // stores, and a local array without a gradient passed to a callee was not copied.
        Tolerance.AssertFormula(3 * x - 2, r.Gradient[0]![0], "d/dx");
    }

    [Fact]
    public void HelperThatStoresIntoAnElement_InALoop_IsSeenToWrite()
    {
        double x = 0.6;
        var r = CentralDifferenceRunner.Check(Method("ForeignAddInLoop"), null, new object[] { x });
        // 1.5·x² − 2·x, then 2.5·x² − 2·x.
        Tolerance.AssertFormula(8 * x - 4, r.Gradient[0]![0], "d/dx");
    }

    [Theory]
    [InlineData("double[] a = d; a = new double[2]; a[0] = x; return a[0] + d[0] * x;")]
    [InlineData("double[] a = d; Func<double> f = () => a[0]; a[0] = x; return f() * x;")]
    [InlineData("double[] a = d; int i = 0; (a[i++], a[1]) = (a[1], a[0]); return a[0] * x;")]
    [InlineData("double[] a = d; Resize(ref a); return a[0] * x;")]
    public void OutsideWhatIsSupported_IsAnError(string body)
    {
        var source = "using System;\nusing AutoDiffGen;\npublic static partial class C {\n"
            + "static void Resize(ref double[] a) { a = new double[3]; }\n"
            + "[Differentiable] public static double F(double[] d, double x) { " + body + " }\n}\n";
        var result = GeneratorHarness.Run(source);
        var errors = result.Diagnostics.Where(d => d.Id.StartsWith("ADG", StringComparison.Ordinal) && d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count > 0, result.Dump());
        Assert.DoesNotContain(result.Generated.Values, s => s.Contains("FBackward", StringComparison.Ordinal));
    }
}
