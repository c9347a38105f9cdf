using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// Span locals that view arrays carrying a gradient (<see cref="SpanLocalSources"/>): pointer walking
/// (<c>p = p.Slice(1)</c> in a loop), slices declared in a loop body, ranges and <c>s[^1]</c>, stores through a
/// <c>Span&lt;double&gt;</c> view (of a local array and of an array parameter), a view passed to a callee and then stored
/// into, reassignment on branches (to one array, and to different arrays), a view of a span parameter, floats, and
/// Forward mode. Every gradient is checked against central differences, and against a value derived by hand.
/// </summary>
public class SpanLocalTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(SpanLocalSources.Source));

    private static Type Sv => Compiled.Value.GetType("Sv")!;

    private static CentralDifferenceRunner.Result Check(string name, params object[] point) =>
        CentralDifferenceRunner.Check(Sv.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!, null, point);

    public static TheoryData<string, object[]> Cases => new()
    {
        { "Walk", new object[] { new[] { 0.5, -1.0, 0.25, 1.5 }, 3 } },
        { "Walk", new object[] { new[] { 0.5, -1.0 }, 2 } },
        { "Windows", new object[] { new[] { 0.5, -1.0, 0.25, 1.5 } } },
        { "Ranges", new object[] { new[] { 0.5, -1.0, 0.25, 1.5, 2.0 } } },
        { "StoreLocal", new object[] { 0.7, -1.3 } },
        { "StoreParameterCaller", new object[] { new[] { 0.5, -1.0, 0.25, 1.5 }, 0.8 } },
        { "CalleeThenStore", new object[] { 0.7, -1.3 } },
        { "CalleeSlice", new object[] { new[] { 0.5, -1.0, 0.25, 1.5 }, 0.8 } },
        { "Branch", new object[] { new[] { 0.5, -1.0, 0.25, 1.5 }, true } },
        { "Branch", new object[] { new[] { 0.5, -1.0, 0.25, 1.5 }, false } },
        { "TwoArrays", new object[] { new[] { 0.5, -1.0, 0.25 }, new[] { 1.5, 2.0, -0.5 }, 0.7 } },
        { "TwoArrays", new object[] { new[] { 0.5, -1.0, 0.25 }, new[] { 1.5, 2.0, -0.5 }, 0.3 } },
        { "TwoArrays", new object[] { new[] { 0.5, -1.0, 0.25 }, new[] { 1.5, 2.0, -0.5 }, -0.3 } },
        { "SwitchInLoop", new object[] { new[] { 0.5, -1.0 }, new[] { 1.5, 2.0 } } },
        { "OverSpanCaller", new object[] { new[] { 0.5, -1.0, 0.25, 1.5 }, 0.8 } },
        { "OutputsCaller", new object[] { new[] { 0.5, -1.0, 0.25 } } },
        { "Each", new object[] { new[] { 0.5, -1.0, 0.25, 1.5, 2.0 } } },
        { "Pairs", new object[] { new[] { 0.5, -1.0, 0.25 } } },
        { "Floats", new object[] { new[] { 0.5f, -1.0f, 0.25f } } },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Backward_MatchesCentralDifferences(string method, object[] point) => Check(method, point);

    /// <summary>
    /// Before 2026-12-03 the view was taken as a constant copy of the zeros (value 0, gradient 0, and a false ADG0011):
    /// it sees the later store, x² and 2x.
    /// </summary>
    [Fact]
    public void ViewTakenBeforeTheArrayCarriesAGradient_SeesTheLaterStore()
    {
        var r = Check("ViewBeforeStore", 0.7);
        Assert.Equal(0.49, r.Value, 12);
        Assert.Equal(1.4, r.Gradient[0]![0], 12);
    }

    [Fact]
    public void PointerWalking_ByHand()
    {
        // Walk: Σ_{i<n} x_i²·(i+1) + (x.Length - n) → d/dx_i = 2·x_i·(i+1) for i < n, 0 after.
        var x = new[] { 0.5, -1.0, 0.25, 1.5 };
        var g = Check("Walk", x, 3).Gradient[0]!;
        AssertClose(new[] { 2 * 0.5 * 1, 2 * -1.0 * 2, 2 * 0.25 * 3, 0 }, g);
        Assert.Equal(0.25 * 1 + 1.0 * 2 + 0.0625 * 3 + 1, Check("Walk", x, 3).Value, 12);
    }

    [Fact]
    public void ReassignedToAnotherArray_ByHand()
    {
        // TwoArrays with c > 0.5: s views b[1..], t views a: r = b1·c, result b1·c + a1·b1.
        var a = new[] { 0.5, -1.0, 0.25 };
        var b = new[] { 1.5, 2.0, -0.5 };
        var g = Check("TwoArrays", a, b, 0.7).Gradient;
        AssertClose(new[] { 0, b[1], 0 }, g[0]!);
        AssertClose(new[] { 0, 0.7 + a[1], 0 }, g[1]!);
        Assert.Equal(b[1], g[2]![0], 12);
        // c = 0.3: t views s (b[1..]): b1·c + b2·b1; c < 0: s = a, t = s: a0·c + a1·a0.
        var h = Check("TwoArrays", a, b, 0.3).Gradient;
        AssertClose(new[] { 0, 0.3 + b[2], b[1] }, h[1]!);
        var k = Check("TwoArrays", a, b, -0.3).Gradient;
        AssertClose(new[] { -0.3 + a[1], a[0], 0 }, k[0]!);
        // SwitchInLoop: buf = {2p0}; r = q0·p0 + 2p0·p0 (s = buf) + q0·p0 (s = q) + p0·p0 (s = p).
        var p = new[] { 0.5, -1.0 };
        var q = new[] { 1.5, 2.0 };
        var sw = Check("SwitchInLoop", p, q).Gradient;
        AssertClose(new[] { 2 * q[0] + 6 * p[0], 0 }, sw[0]!);
        AssertClose(new[] { 2 * p[0], 0 }, sw[1]!);
    }

    [Fact]
    public void ViewPassedToACalleeThenStoredInto_ByHand()
    {
        // a = {x, y, xy}, v = a[1..]: first = y² + x²y²; then v[0] = first·x: result (first·x)² + x²y² + first.
        double x = 0.7, y = -1.3;
        double first = y * y + x * x * y * y;
        double dFirstDx = 2 * x * y * y, dFirstDy = 2 * y + 2 * x * x * y;
        double dx = 2 * first * x * (dFirstDx * x + first) + 2 * x * y * y + dFirstDx;
        double dy = 2 * first * x * (dFirstDy * x) + 2 * x * x * y + dFirstDy;
        var r = Check("CalleeThenStore", x, y);
        Assert.Equal(first * x * first * x + x * x * y * y + first, r.Value, 10);
        Assert.Equal(dx, r.Gradient[0]![0], 9);
        Assert.Equal(dy, r.Gradient[1]![0], 9);
    }

    [Fact]
    public void StoresThroughAView_ByHand()
    {
        // a[0] = x; v = a[1..]: a1 = xy, a2 = 0 + a1·y = xy², a3 = a1 + a2: result x·(xy + xy²) + xy² = x²y + x²y² + xy².
        double x = 0.7, y = -1.3;
        var r = Check("StoreLocal", x, y);
        Assert.Equal((x * x * y) + (x * x * y * y) + (x * y * y), r.Value, 12);
        Assert.Equal((2 * x * y) + (2 * x * y * y) + (y * y), r.Gradient[0]![0], 12);
        Assert.Equal((x * x) + (2 * x * x * y) + (2 * x * y), r.Gradient[1]![0], 12);
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 12);
    }

    private delegate double OneArrayForward(double[] x, ReadOnlySpan<double> tX, out double tResult);

    private delegate double WalkForward(double[] x, int n, ReadOnlySpan<double> tX, out double tResult);

    private delegate double TwoArraysForward(double[] a, double[] b, double c, ReadOnlySpan<double> tA, ReadOnlySpan<double> tB, double tC, out double tResult);

    private delegate double TwoScalarsForward(double x, double y, double tX, double tY, out double tResult);

    private static T Forward<T>(string name) where T : Delegate =>
        (T)Delegate.CreateDelegate(typeof(T), Sv.GetMethod(name + "Forward", BindingFlags.Public | BindingFlags.Static)!);

    /// <summary>The tangent equals the Backward gradient along t, and the hand value.</summary>
    private static void AssertTangent(double tangent, double hand, params (double[] Gradient, double[] T)[] along)
    {
        double dot = along.Sum(p => p.Gradient.Zip(p.T, (g, t) => g * t).Sum());
        Assert.Equal(dot, tangent, 10);
        Assert.Equal(hand, tangent, 10);
    }

    [Fact]
    public void Forward_MatchesTheGradientAlongT_AndByHand()
    {
        var x = new[] { 0.5, -1.0, 0.25, 1.5 };
        var t = new[] { 0.3, -0.2, 0.7, 1.1 };
        Forward<WalkForward>("Walk")(x, 3, t, out double walk);
        AssertTangent(walk, (2 * 0.5 * 1 * 0.3) + (2 * -1.0 * 2 * -0.2) + (2 * 0.25 * 3 * 0.7), (Check("Walk", x, 3).Gradient[0]!, t));

        // Ranges over x (length 5): t = x[1..], u = x[2..4]: x1·x3 + x4·x2 + x3.
        var x5 = new[] { 0.5, -1.0, 0.25, 1.5, 2.0 };
        var t5 = new[] { 0.3, -0.2, 0.7, 1.1, -0.4 };
        Forward<OneArrayForward>("Ranges")(x5, t5, out double ranges);
        AssertTangent(ranges, (x5[3] * t5[1]) + (x5[1] * t5[3]) + (x5[2] * t5[4]) + (x5[4] * t5[2]) + t5[3], (Check("Ranges", x5).Gradient[0]!, t5));
        Forward<OneArrayForward>("Each")(x5, t5, out double each);
        AssertTangent(each, 2 * ((x5[1] * t5[1]) + (x5[2] * t5[2]) + (x5[3] * t5[3])), (Check("Each", x5).Gradient[0]!, t5));

        var a = new[] { 0.5, -1.0, 0.25 };
        var b = new[] { 1.5, 2.0, -0.5 };
        var ta = new[] { 0.1, 0.2, 0.3 };
        var tb = new[] { -0.3, 0.4, 0.5 };
        Forward<TwoArraysForward>("TwoArrays")(a, b, 0.7, ta, tb, 0.6, out double two);
        var g = Check("TwoArrays", a, b, 0.7).Gradient;
        AssertTangent(two, (tb[1] * 0.7) + (b[1] * 0.6) + (ta[1] * b[1]) + (a[1] * tb[1]), (g[0]!, ta), (g[1]!, tb), (g[2]!, new[] { 0.6 }));

        Forward<TwoScalarsForward>("CalleeThenStore")(0.7, -1.3, 0.4, -0.9, out double callee);
        var h = Check("CalleeThenStore", 0.7, -1.3).Gradient;
        AssertTangent(callee, (h[0]![0] * 0.4) + (h[1]![0] * -0.9), (h[0]!, new[] { 0.4 }), (h[1]!, new[] { -0.9 }));
        Forward<TwoScalarsForward>("StoreLocal")(0.7, -1.3, 0.4, -0.9, out double store);
        double sx = 0.7, sy = -1.3;
        AssertTangent(store, (((2 * sx * sy) + (2 * sx * sy * sy) + (sy * sy)) * 0.4) + (((sx * sx) + (2 * sx * sx * sy) + (2 * sx * sy)) * -0.9), (Check("StoreLocal", 0.7, -1.3).Gradient[0]!, new[] { 0.4 }), (Check("StoreLocal", 0.7, -1.3).Gradient[1]!, new[] { -0.9 }));
    }

    private delegate double HessianOf(double[] x, Span<double> hessian);

    [Fact]
    public void Hessian_ByHand()
    {
        // Pairs: x0·x1 + x1·x2 → H = [[0,1,0],[1,0,1],[0,1,0]].
        var hessian = new double[9];
        var pairs = (HessianOf)Delegate.CreateDelegate(typeof(HessianOf), Sv.GetMethod("PairsHessian", BindingFlags.Public | BindingFlags.Static)!);
        double value = pairs(new[] { 0.5, -1.0, 0.25 }, hessian);
        Assert.Equal((0.5 * -1.0) + (-1.0 * 0.25), value, 12);
        AssertClose(new double[] { 0, 1, 0, 1, 0, 1, 0, 1, 0 }, hessian);
    }

    [Fact]
    public void OutOfRange_ThrowsAsTheMethodDoes()
    {
        // Walk past the end: the method throws (Slice past the length, or p[0] of an empty span); so does Backward.
        var x = new[] { 0.5, -1.0 };
        var method = Sv.GetMethod("Walk")!;
        var backward = Sv.GetMethod("WalkBackward")!;
        var thrown = Assert.ThrowsAny<TargetInvocationException>(() => method.Invoke(null, new object[] { x, 3 })).InnerException!.GetType();
        var generated = Assert.ThrowsAny<TargetInvocationException>(() => backward.Invoke(null, new object[] { x, 3, new double[2], 1.0 })).InnerException!.GetType();
        Assert.Equal(thrown, generated);
    }
}
