using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Lists;

/// <summary>
/// The rest of a local <c>List&lt;double&gt;</c>'s methods (lists8): <c>Remove(v)</c> (the first element equal by value, found in
/// the forward sweep; the gradient follows the element removed), <c>RemoveRange</c>, <c>InsertRange</c>, and
/// <c>IndexOf</c>/<c>LastIndexOf</c>/<c>Contains</c>/<c>BinarySearch</c> as constants of the list's values at the call.
/// Hand-derived values and central differences in Backward and Forward; List's exceptions; what stays out at the call.
/// </summary>
public class ListMethodsTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using AutoDiffGen;

        public static partial class LM
        {
            // {x, 2y, y²} less the element equal to 2y: x·y² + 2 (a value not in it removes nothing).
            [Differentiable(Forward = true)]
            public static double RemoveValue(double x, double y)
            {
                var l = new List<double> { x, 2 * y, y * y };
                double v = y + y;
                l.Remove(v);
                l.Remove(x + 100);
                return l[0] * l[1] + l.Count;
            }

            public static double RemoveValueTangent(double x, double y, double tx, double ty) { RemoveValueForward(x, y, tx, ty, out var r); return r; }

            // {x, y, xy, x + y, 3} less [1, 3): {x, x + y, 3}: x(x + y) + 9.
            [Differentiable(Forward = true)]
            public static double RemoveRangeOf(double x, double y)
            {
                var l = new List<double> { x, y, x * y, x + y, 3 };
                l.RemoveRange(1, 2);
                return l[0] * l[1] + l[2] * l.Count;
            }

            public static double RemoveRangeOfTangent(double x, double y, double tx, double ty) { RemoveRangeOfForward(x, y, tx, ty, out var r); return r; }

            // {x, y} with {xy, 2x} at 1, then {y²} at 0: {y², x, xy, 2x, y}: xy² − 3x + y².
            [Differentiable(Forward = true)]
            public static double InsertRangeOf(double x, double y)
            {
                var l = new List<double> { x, y };
                l.InsertRange(1, new[] { x * y, 2 * x });
                var m = new List<double> { y * y };
                l.InsertRange(0, m);
                return l[2] * l[4] + l[3] - l[1] * l.Count + l[0];
            }

            public static double InsertRangeOfTangent(double x, double y, double tx, double ty) { InsertRangeOfForward(x, y, tx, ty, out var r); return r; }

            // IndexOf at the call (2), the list changed after: l[2] is then y: xy + 4; Contains(y) adds y.
            [Differentiable(Forward = true)]
            public static double SearchedAtTheCall(double x, double y)
            {
                var l = new List<double> { x, y, 0.5 };
                int i = l.IndexOf(0.5);
                bool has = l.Contains(y);
                l.Insert(0, 0.5);
                return l[i] * x + l.Count + (has ? y : 0);
            }

            // In a loop: BinarySearch(0.5) is 1, 2, 3 in rounds 0, 1, 2 (a 2y < 0 inserted at 0 after each search), and l[j − 1]
            // is then an inserted 2y each round: 6xy. Recomputed on the final list it would be 4 each round.
            [Differentiable]
            public static double SearchedInALoop(double x, double y)
            {
                var l = new List<double> { 0.25, 0.5, 1 };
                double s = 0;
                for (int k = 0; k < 3; k++)
                {
                    int j = l.BinarySearch(0.5);
                    l.Insert(0, 2 * y);
                    s += l[j - 1] * x;
                }
                return s;
            }

            // The array is made before AddRange and InsertRange run: both elements read the list as it was. {x, y, xy, 2y} then
            // {x, y·x, x, y, xy, 2y}: l[2]·l[3] + l[4] + l[5] + l[1] = xy + xy + 2y + xy = 3xy + 2y.
            [Differentiable(Forward = true)]
            public static double AddRangeOfElementsReadingTheList(double x, double y)
            {
                var l = new List<double> { x, y };
                l.AddRange(new[] { l[^1] * x, l[^1] * 2 });
                l.InsertRange(1, new[] { l[1] * x, l[0] });
                return l[2] * l[3] + l[4] + l[5] + l[1];
            }

            public static double AddRangeOfElementsReadingTheListTangent(double x, double y, double tx, double ty) { AddRangeOfElementsReadingTheListForward(x, y, tx, ty, out var r); return r; }

            [Differentiable]
            public static double BadRange(double x, int n)
            {
                var l = new List<double> { x, x };
                l.RemoveRange(1, n);
                return l.Sum();
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static Type LM => Compiled.Value.GetType("LM")!;

    private const double X = 0.7, Y = -1.3, TX = 0.4, TY = -2.0, H = 1e-6;

    /// <summary>Backward against hand and central differences; the tangent against hand, central differences and Backward · t.</summary>
    private static void Check(string name, double dx, double dy)
    {
        var r = CentralDifferenceRunner.Check(LM.GetMethod(name)!, null, [X, Y]);
        Tolerance.AssertFormula(dx, r.Gradient[0]![0], name + " dX");
        Tolerance.AssertFormula(dy, r.Gradient[1]![0], name + " dY");
        if (LM.GetMethod(name + "Tangent") is not { } tangentOf) return;
        double tangent = (double)tangentOf.Invoke(null, [X, Y, TX, TY])!;
        double Along(double s) => (double)LM.GetMethod(name)!.Invoke(null, [X + (s * TX), Y + (s * TY)])!;
        Forward.TangentAssertions.AssertThreeWays(tangent, (dx * TX) + (dy * TY), (Along(H) - Along(-H)) / (2 * H),
            (r.Gradient[0]![0] * TX) + (r.Gradient[1]![0] * TY), Along(0), single: false, name);
    }

    // x·y² + 2: ∂x = y² = 1.69, ∂y = 2xy = −1.82.
    [Fact]
    public void Remove_TheFirstEqualElement_TheGradientFollowsIt() => Check("RemoveValue", 1.69, -1.82);

    // x(x + y) + 9: ∂x = 2x + y = 0.1, ∂y = x = 0.7.
    [Fact]
    public void RemoveRange_MovesTheRestDown() => Check("RemoveRangeOf", 0.1, 0.7);

    // {y², x, xy, 2x, y}: xy·y + 2x − 5x + y² = xy² − 3x + y²: ∂x = y² − 3 = −1.31, ∂y = 2xy + 2y = −1.82 − 2.6 = −4.42.
    [Fact]
    public void InsertRange_OfAnArrayAndOfAList() => Check("InsertRangeOf", -1.31, -4.42);

    // xy + 4 + y: ∂x = y = −1.3, ∂y = x + 1 = 1.7.
    [Fact]
    public void IndexOfAndContains_AreTheValuesAtTheCall() => Check("SearchedAtTheCall", -1.3, 1.7);

    // s = 6xy: ∂x = 6y = −7.8, ∂y = 6x = 4.2.
    [Fact]
    public void BinarySearchInALoop_IsTheValueOfItsRound() => Check("SearchedInALoop", -7.8, 4.2);

    // Both were ADG0003 before lists8 (AddRange of an array whose elements read the list).
    // 3xy + 2y: ∂x = 3y = −3.9, ∂y = 3x + 2 = 4.1.
    [Fact]
    public void AddRangeOfElementsReadingTheList() => Check("AddRangeOfElementsReadingTheList", -3.9, 4.1);

    [Fact]
    public void ABadRange_ThrowsAsListDoes()
    {
        var backward = LM.GetMethod("BadRangeBackward")!;
        var e = Assert.Throws<TargetInvocationException>(() => backward.Invoke(null, [1.0, 2, 0.0, 1.0]));
        Assert.IsType<ArgumentException>(e.InnerException);
        var f = Assert.Throws<TargetInvocationException>(() => backward.Invoke(null, [1.0, -1, 0.0, 1.0]));
        Assert.IsType<ArgumentOutOfRangeException>(f.InnerException);
        Assert.Equal(2.0, (double)backward.Invoke(null, [1.0, 0, 0.0, 1.0])!);
    }

    [Theory]
    [InlineData("l.InsertRange(0, l);", "ADG0003", "l.InsertRange(0, l)")]
    [InlineData("l.InsertRange(1, l.Select(v => v * x));", "ADG0003", "l.InsertRange(1, l.Select(v => v * x))")]
    // (RemoveAll(v => v > x) is followed since lists11: ListSortTests.) A test with an assignment would run once per element.
    [InlineData("l.RemoveAll(v => (s += v) > x);", "ADG0003", "s += v")]
    [InlineData("l.Sort((a, b) => b.CompareTo(a));", "ADG0003", "l.Sort((a, b) => b.CompareTo(a))")]
    // Remove's result used: a call whose derivative is not known, at the value it compares.
    [InlineData("if (l.Remove(x)) s += 1;", "ADG0016", "x")]
    public void JustOutside_IsAnErrorAtTheCall(string statement, string id, string at)
    {
        string source = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using AutoDiffGen;
            public static partial class R
            {
                [Differentiable]
                public static double F(double x)
                {
                    var l = new List<double> { x, 2 * x };
                    double s = 0;
                    STATEMENT
                    return s + l[0];
                }
            }
            """.Replace("STATEMENT", statement);
        OutsideErrors.AssertAt(source, id, at, ".F_");
    }
}
