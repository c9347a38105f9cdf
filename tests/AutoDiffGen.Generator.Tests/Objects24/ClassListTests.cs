using System.Collections;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Objects24;

/// <summary>
/// Issue 13 items 6/4 and issue 14: <c>[WithRespectTo]</c> on a <c>List&lt;T&gt;</c>, <c>IList&lt;T&gt;</c> or
/// <c>IReadOnlyList&lt;T&gt;</c> of class objects (adjoint <c>T[]</c>), and <c>Forward = true</c> / <c>Hessian = true</c>
/// on such a list and on an array of class objects (tangent <c>ReadOnlySpan&lt;T&gt;</c>; MHessian over the members
/// element-major where the parameter stands). Each shape and mode by hand and against central differences; the
/// argument checks; what is refused, at the construct. The spans are passed through plain wrappers in the source
/// (reflection cannot pass a span).
/// </summary>
public class ClassListTests
{
    private const string Source = """
        #nullable enable
        using System;
        using System.Collections.Generic;
        using AutoDiffGen;

        public sealed record Asset(string Ticker, double Weight, double Return, int Lots);
        public sealed class Cell { public double A; public double B { get; set; } public int N; }

        public static partial class O24
        {
            [Differentiable(Forward = true, Hessian = true)]
            public static double Listed(double k, [WithRespectTo] List<Asset> assets)
            {
                double s = 0;
                for (int i = 0; i < assets.Count; i++) s += k * assets[i].Weight * assets[i].Return;
                foreach (var a in assets) s += a.Weight * a.Weight;
                return s;
            }

            [Differentiable(Forward = true, Hessian = true)]
            public static double Portfolio(double k, [WithRespectTo] Asset[] assets)
            {
                double s = 0;
                for (int i = 0; i < assets.Length; i++) s += k * assets[i].Weight * assets[i].Return * assets[i].Return;
                return s;
            }

            [Differentiable(Forward = true)]
            public static double Mixed([WithRespectTo] IReadOnlyList<Asset> assets, [WithRespectTo] IList<Cell> cells)
            {
                double s = 0;
                for (int i = 0; i < assets.Count; i++)
                {
                    var c = cells[i];
                    if (c.A > 0) s += assets[i].Weight * c.B * c.A;
                    else s -= c.B;
                }
                return s;
            }

            public static double ListedF(double k, List<Asset> a, double tk, Asset[] t, out double tr) => ListedForward(k, a, tk, t, out tr);
            public static double ListedH(double k, List<Asset> a, double[] h) => ListedHessian(k, a, h);
            public static double PortfolioF(double k, Asset[] a, double tk, Asset[] t, out double tr) => PortfolioForward(k, a, tk, t, out tr);
            public static double PortfolioH(double k, Asset[] a, double[] h) => PortfolioHessian(k, a, h);
            public static double MixedF(IReadOnlyList<Asset> a, IList<Cell> c, Asset[] ta, Cell[] tc, out double tr) => MixedForward(a, c, ta, tc, out tr);
        }

        // Another type: the call is not inlined, MBackward passes dAssets on and MForward tAssets.
        public static partial class O24Caller
        {
            [Differentiable(Forward = true)]
            public static double Scaled([WithRespectTo] List<Asset> assets, double x) => x * O24.Listed(1.0, assets);

            public static double ScaledF(List<Asset> a, double x, Asset[] t, double tx, out double tr) => ScaledForward(a, x, t, tx, out tr);
        }
        """;

    private static readonly Lazy<GeneratorOutput> Run = new(() => GeneratorHarness.RunForLoad(Source));
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.Load(Run.Value));

    private static MethodInfo M(string name) => Compiled.Value.GetType("O24")!.GetMethod(name)!;
    private static Type T(string name) => Compiled.Value.GetType(name)!;

    /// <summary>(W, R) per element as assets "a", "b", … with Lots 3.</summary>
    private static object[] Objects(double[] reals) =>
        Enumerable.Range(0, reals.Length / 2).Select(i => Activator.CreateInstance(T("Asset"), ((char)('a' + i)).ToString(), reals[2 * i], reals[2 * i + 1], 3)!).ToArray();

    private static Array ArrayOf(double[] reals) => Typed(T("Asset"), Objects(reals));

    private static IList ListOf(double[] reals)
    {
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(T("Asset")))!;
        foreach (var o in Objects(reals)) list.Add(o);
        return list;
    }

    private static Array Typed(Type type, object?[] items)
    {
        var array = Array.CreateInstance(type, items.Length);
        for (int i = 0; i < items.Length; i++) array.SetValue(items[i], i);
        return array;
    }

    private static double Get(object o, string member) =>
        (double)(o.GetType().GetProperty(member)?.GetValue(o) ?? o.GetType().GetField(member)!.GetValue(o))!;

    private static double Central(Func<double[], double> f, double[] at, int j) => Directional(f, at, Enumerable.Range(0, at.Length).Select(i => i == j ? 1.0 : 0.0).ToArray());

    private static double Directional(Func<double[], double> f, double[] at, double[] direction)
    {
        const double h = 1e-6;
        return (f(at.Select((v, i) => v + h * direction[i]).ToArray()) - f(at.Select((v, i) => v - h * direction[i]).ToArray())) / (2 * h);
    }

    [Fact]
    public void Generates_WithoutDiagnostics_AndTheSignaturesAreTheDocumentedOnes()
    {
        var run = Run.Value;
        Assert.True(run.Exceptions.IsEmpty && run.CompileDiagnostics.IsEmpty, run.Dump());
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity >= DiagnosticSeverity.Info);
        var list = typeof(List<>).MakeGenericType(T("Asset"));
        Assert.Equal(new[] { typeof(double), list, typeof(double).MakeByRefType(), T("Asset").MakeArrayType(), typeof(double) },
            M("ListedBackward").GetParameters().Select(p => p.ParameterType).ToArray());
        string all = string.Concat(run.Generated.Values);
        Assert.Contains("public static double ListedForward(double k, global::System.Collections.Generic.List<global::Asset> assets, double tK, global::System.ReadOnlySpan<global::Asset> tAssets, out double tResult)", all, StringComparison.Ordinal);
        Assert.Contains("public static double PortfolioForward(double k, global::Asset[] assets, double tK, global::System.ReadOnlySpan<global::Asset> tAssets, out double tResult)", all, StringComparison.Ordinal);
        Assert.Contains("public static double MixedBackward(global::System.Collections.Generic.IReadOnlyList<global::Asset> assets, global::System.Collections.Generic.IList<global::Cell> cells, global::Asset[] dAssets, global::Cell[] dCells, double dResult = 1)", all, StringComparison.Ordinal);
    }

    private static readonly double[] At = { 2, 0.5, -1, 3, 0.8, -1.25 };

    /// <summary>
    /// L = Σ k·Wᵢ·Rᵢ + Σ Wᵢ² over a List (a for loop to Count, then a foreach): ∂Wᵢ = k·Rᵢ + 2Wᵢ, ∂Rᵢ = k·Wᵢ, ∂k = Σ WᵢRᵢ.
    /// At k = 1.5, (W, R) = (2, 0.5), (−1, 3), (0.8, −1.25): ∂W = (4.75, 2.5, −0.275), ∂R = (3, −1.5, 1.2), ∂k = 1 − 3 − 1 = −3.
    /// dAssets starts at W = 1, R = 2 (added into).
    /// </summary>
    [Fact]
    public void List_Backward_ByHand_AndCentralDifferences()
    {
        var d = Typed(T("Asset"), Objects(new double[] { 1, 2, 1, 2, 1, 2 }));
        var args = new object?[] { 1.5, ListOf(At), 0.0, d, 1.0 };
        double value = (double)M("ListedBackward").Invoke(null, args)!;
        double L(double[] v) => (double)M("Listed").Invoke(null, new object[] { 1.5, ListOf(v) })!;
        Tolerance.AssertFormula(L(At), value, "value");
        double[] hand = { 4.75, 3, 2.5, -1.5, -0.275, 1.2 };
        for (int j = 0; j < At.Length; j++)
        {
            double got = Get(d.GetValue(j / 2)!, j % 2 == 0 ? "Weight" : "Return") - (j % 2 == 0 ? 1 : 2);
            Tolerance.AssertFormula(hand[j], got, "component " + j + " by hand");
            Tolerance.AssertCentral(Central(L, At, j), got, Math.Abs(value), "component " + j + " central");
        }
        Tolerance.AssertFormula(-3, (double)args[2]!, "∂k");
    }

    private static readonly double[] TangentAt = { 1, 0.25, -2, 1, 0.5, -1 };

    /// <summary>
    /// ListedForward along tk = 0.5, (tW, tR) = (1, 0.25), (−2, 1), (0.5, −1): tResult = ∂k·tk + Σ ∂Wᵢ·tWᵢ + ∂Rᵢ·tRᵢ with
    /// the gradient above = −1.5 + (4.75 − 5 − 0.1375) + (0.75 − 1.5 − 1.2) = −3.8375.
    /// </summary>
    [Fact]
    public void List_Forward_ByHand_AndCentralDifferences()
    {
        var args = new object?[] { 1.5, ListOf(At), 0.5, ArrayOf(TangentAt), 0.0 };
        double value = (double)M("ListedF").Invoke(null, args)!;
        double L(double[] v) => (double)M("Listed").Invoke(null, new object[] { v[0], ListOf(v.Skip(1).ToArray()) })!;
        double[] point = new[] { 1.5 }.Concat(At).ToArray(), direction = new[] { 0.5 }.Concat(TangentAt).ToArray();
        Tolerance.AssertFormula(L(point), value, "value");
        Tolerance.AssertFormula(-3.8375, (double)args[4]!, "tResult by hand");
        Tolerance.AssertCentral(Directional(L, point, direction), (double)args[4]!, Math.Abs(value), "tResult central");
    }

    /// <summary>
    /// PortfolioForward (an array): P = Σ k·Wᵢ·Rᵢ², whose gradient at k = 1.5 and the points above is ∂W = (0.375, 13.5,
    /// 2.34375), ∂R = (3, −9, −3), ∂k = −7.25 (ClassArrayTests); along the direction above tResult = −3.625 + (0.375 − 27 +
    /// 1.171875) + (0.75 − 9 + 3) = −34.328125.
    /// </summary>
    [Fact]
    public void Array_Forward_ByHand_AndCentralDifferences()
    {
        var args = new object?[] { 1.5, ArrayOf(At), 0.5, ArrayOf(TangentAt), 0.0 };
        double value = (double)M("PortfolioF").Invoke(null, args)!;
        double P(double[] v) => (double)M("Portfolio").Invoke(null, new object[] { v[0], ArrayOf(v.Skip(1).ToArray()) })!;
        double[] point = new[] { 1.5 }.Concat(At).ToArray(), direction = new[] { 0.5 }.Concat(TangentAt).ToArray();
        Tolerance.AssertFormula(P(point), value, "value");
        Tolerance.AssertFormula(-34.328125, (double)args[4]!, "tResult by hand");
        Tolerance.AssertCentral(Directional(P, point, direction), (double)args[4]!, Math.Abs(value), "tResult central");
    }

    /// <summary>
    /// MHessian over (k, W₀, R₀, W₁, R₁, W₂, R₂): the list's real members element-major where it stands.
    /// L = k·Σ WᵢRᵢ + Σ Wᵢ²: ∂²/∂k∂Wᵢ = Rᵢ, ∂²/∂k∂Rᵢ = Wᵢ, ∂²/∂Wᵢ∂Rᵢ = k, ∂²/∂Wᵢ² = 2, the rest 0.
    /// P = k·Σ WᵢRᵢ²: ∂²/∂k∂Wᵢ = Rᵢ², ∂²/∂k∂Rᵢ = 2WᵢRᵢ, ∂²/∂Wᵢ∂Rᵢ = 2kRᵢ, ∂²/∂Rᵢ² = 2kWᵢ, the rest 0.
    /// Each entry also against central differences of MBackward's gradient.
    /// </summary>
    [Theory]
    [InlineData("Listed")]
    [InlineData("Portfolio")]
    public void Hessian_ByHand_AndCentralDifferencesOfTheGradient(string name)
    {
        const double k = 1.5;
        int n = 1 + At.Length;
        bool list = name == "Listed";
        object Of(double[] reals) => list ? ListOf(reals) : ArrayOf(reals);
        var h = new double[n * n];
        M(name + "H").Invoke(null, new object[] { k, Of(At), h });
        var hand = new double[n, n];
        for (int i = 0; i < At.Length / 2; i++)
        {
            double w = At[2 * i], r = At[2 * i + 1];
            int W = 1 + 2 * i, R = W + 1;
            hand[0, W] = hand[W, 0] = list ? r : r * r;
            hand[0, R] = hand[R, 0] = list ? w : 2 * w * r;
            hand[W, R] = hand[R, W] = list ? k : 2 * k * r;
            hand[W, W] = list ? 2 : 0;
            hand[R, R] = list ? 0 : 2 * k * w;
        }
        double[] Gradient(double[] p)
        {
            var d = ArrayOf(new double[At.Length]);
            var args = new object?[] { p[0], Of(p.Skip(1).ToArray()), 0.0, d, 1.0 };
            M(name + "Backward").Invoke(null, args);
            return new[] { (double)args[2]! }.Concat(Enumerable.Range(0, At.Length).Select(j => Get(d.GetValue(j / 2)!, j % 2 == 0 ? "Weight" : "Return"))).ToArray();
        }
        double[] point = new[] { k }.Concat(At).ToArray();
        for (int c = 0; c < n; c++)
        {
            double[] plus = (double[])point.Clone(), minus = (double[])point.Clone();
            plus[c] += 1e-6;
            minus[c] -= 1e-6;
            double[] gp = Gradient(plus), gm = Gradient(minus);
            for (int r = 0; r < n; r++)
            {
                Tolerance.AssertFormula(hand[r, c], h[r * n + c], name + " H[" + r + "," + c + "] by hand");
                Tolerance.AssertCentral((gp[r] - gm[r]) / 2e-6, h[r * n + c], 10, name + " H[" + r + "," + c + "] central");
            }
        }
    }

    private static Array Cells(params (double A, double B)[] items) => Typed(T("Cell"), items.Select((c, i) =>
    {
        var o = Activator.CreateInstance(T("Cell"))!;
        T("Cell").GetField("A")!.SetValue(o, c.A);
        T("Cell").GetProperty("B")!.SetValue(o, c.B);
        T("Cell").GetField("N")!.SetValue(o, 7 + i);
        return o;
    }).ToArray());

    /// <summary>
    /// M = Σ (Aᵢ > 0 ? Wᵢ·Bᵢ·Aᵢ : −Bᵢ) over an IReadOnlyList of records and an IList of a settable class. At W = (2, −1),
    /// (A, B) = (0.5, 1.5), (3, −2), Aᵢ > 0 for both, the first branch: ∂W = (0.75, −6), ∂A = (3, 2), ∂B = (1, −3), ∂R = 0.
    /// The Cell adjoints are added into in place; the Forward along tW = (1, 2), (tA, tB) = (−1, 0.5), (0.25, 1) is
    /// 0.75 − 12 − 3 + 0.5 + 0.5 − 3 = −16.25.
    /// </summary>
    [Fact]
    public void ReadOnlyListAndIList_BackwardAndForward_ByHand_AndCentralDifferences()
    {
        double[] at = { 2, -1, 0.5, 1.5, 3, -2 };
        object Assets(double[] v) => ListOf(new[] { v[0], 0.3, v[1], 0.4 });
        object CellList(double[] v)
        {
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(T("Cell")))!;
            foreach (var c in Cells((v[2], v[3]), (v[4], v[5]))) list.Add(c);
            return list;
        }
        double F(double[] v) => (double)M("Mixed").Invoke(null, new[] { Assets(v), CellList(v) })!;
        var dA = ArrayOf(new double[4]);
        var dC = Cells((0, 0), (0, 0));
        var first = dC.GetValue(0);
        double value = (double)M("MixedBackward").Invoke(null, new object?[] { Assets(at), CellList(at), dA, dC, 1.0 })!;
        Tolerance.AssertFormula(F(at), value, "value");
        double[] got = { Get(dA.GetValue(0)!, "Weight"), Get(dA.GetValue(1)!, "Weight"), Get(dC.GetValue(0)!, "A"), Get(dC.GetValue(0)!, "B"), Get(dC.GetValue(1)!, "A"), Get(dC.GetValue(1)!, "B") };
        double[] hand = { 0.75, -6, 3, 1, 2, -3 };
        for (int j = 0; j < 6; j++)
        {
            Tolerance.AssertFormula(hand[j], got[j], "component " + j + " by hand");
            Tolerance.AssertCentral(Central(F, at, j), got[j], Math.Abs(value), "component " + j + " central");
        }
        Assert.Equal(0, Get(dA.GetValue(1)!, "Return"));
        Assert.Same(first, dC.GetValue(0));
        double[] direction = { 1, 2, -1, 0.5, 0.25, 1 };
        var args = new object?[] { Assets(at), CellList(at), ArrayOf(new[] { direction[0], 9, direction[1], 9 }), Cells((direction[2], direction[3]), (direction[4], direction[5])), 0.0 };
        M("MixedF").Invoke(null, args);
        Tolerance.AssertFormula(-16.25, (double)args[4]!, "tResult by hand (tR = 9 is a direction the method does not read)");
        Tolerance.AssertCentral(Directional(F, at, direction), (double)args[4]!, Math.Abs(value), "tResult central");
    }

    /// <summary>
    /// Scaled = x·Listed(1, assets) = x·(Σ WᵢRᵢ + Σ Wᵢ²), through a call that is not inlined: ∂Wᵢ = x·(Rᵢ + 2Wᵢ),
    /// ∂Rᵢ = x·Wᵢ, ∂x = Σ WᵢRᵢ + Σ Wᵢ². At x = −0.5 and the points above: ∂W = (−2.25, −0.5, −0.175), ∂R = (−1, 0.5, −0.4),
    /// ∂x = −3 + 5.64 = 2.64; along tx = 0.5 and the tangents above tResult = 1.32 − 1.3375 + 0.65 = 0.6325.
    /// </summary>
    [Fact]
    public void ListPassedToACalleeThatIsNotInlined_BackwardAndForward_ByHand_AndCentralDifferences()
    {
        var caller = Compiled.Value.GetType("O24Caller")!;
        var d = ArrayOf(new double[6]);
        var args = new object?[] { ListOf(At), -0.5, d, 0.0, 1.0 };
        double value = (double)caller.GetMethod("ScaledBackward")!.Invoke(null, args)!;
        double S(double[] v) => (double)caller.GetMethod("Scaled")!.Invoke(null, new object[] { ListOf(v.Take(6).ToArray()), v[6] })!;
        double[] point = At.Concat(new[] { -0.5 }).ToArray();
        Tolerance.AssertFormula(S(point), value, "value");
        double[] hand = { -2.25, -1, -0.5, 0.5, -0.175, -0.4 };
        for (int j = 0; j < 6; j++)
        {
            double got = Get(d.GetValue(j / 2)!, j % 2 == 0 ? "Weight" : "Return");
            Tolerance.AssertFormula(hand[j], got, "component " + j + " by hand");
            Tolerance.AssertCentral(Central(S, point, j), got, Math.Abs(value), "component " + j + " central");
        }
        Tolerance.AssertFormula(2.64, (double)args[3]!, "∂x");
        var forward = new object?[] { ListOf(At), -0.5, ArrayOf(TangentAt), 0.5, 0.0 };
        caller.GetMethod("ScaledF")!.Invoke(null, forward);
        Tolerance.AssertFormula(0.6325, (double)forward[4]!, "tResult by hand");
        Tolerance.AssertCentral(Directional(S, point, TangentAt.Concat(new[] { 0.5 }).ToArray()), (double)forward[4]!, Math.Abs(value), "tResult central");
    }

    [Fact]
    public void ADifferentLength_OrANullElement_IsAnArgumentException_AtTheCall()
    {
        Exception Throws(string method, object?[] args) => Assert.Throws<TargetInvocationException>(() => M(method).Invoke(null, args)).InnerException!;
        var good = ListOf(new double[] { 1, 2, 3, 4 });
        Assert.IsType<ArgumentException>(Throws("ListedBackward", new object?[] { 1.0, good, 0.0, ArrayOf(new double[6]), 1.0 }));
        var hole = ListOf(new double[] { 1, 2, 3, 4 });
        hole[1] = null;
        var primal = Throws("ListedBackward", new object?[] { 1.0, hole, 0.0, ArrayOf(new double[4]), 1.0 });
        Assert.IsType<ArgumentException>(primal);
        Assert.Contains("'assets[1]' is null", primal.Message, StringComparison.Ordinal);
        var adjointHole = ArrayOf(new double[4]);
        adjointHole.SetValue(null, 0);
        var adjoint = Throws("ListedBackward", new object?[] { 1.0, good, 0.0, adjointHole, 1.0 });
        Assert.Contains("'dAssets[0]' is null", adjoint.Message, StringComparison.Ordinal);
        Assert.IsType<ArgumentNullException>(Throws("ListedBackward", new object?[] { 1.0, null, 0.0, ArrayOf(new double[4]), 1.0 }));
        // MForward: the tangent of the list's length, no element of it null.
        Assert.IsType<ArgumentException>(Throws("ListedF", new object?[] { 1.0, good, 0.0, ArrayOf(new double[6]), 0.0 }));
        var tangentHole = ArrayOf(new double[4]);
        tangentHole.SetValue(null, 1);
        var tangent = Throws("PortfolioF", new object?[] { 1.0, ArrayOf(new double[] { 1, 2, 3, 4 }), 0.0, tangentHole, 0.0 });
        Assert.IsType<ArgumentException>(tangent);
        Assert.Contains("'tAssets[1]' is null", tangent.Message, StringComparison.Ordinal);
        // MHessian: every element of the list present (its hessian of (1 + 2·2)² entries).
        var hessianHole = Throws("ListedH", new object?[] { 1.0, hole, new double[25] });
        Assert.IsType<ArgumentException>(hessianHole);
        Assert.Contains("'assets[1]' is null", hessianHole.Message, StringComparison.Ordinal);
    }

    private const string Outside = """
        #nullable enable
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using AutoDiffGen;

        public sealed record Asset(string Ticker, double Weight, double Return, int Lots);
        public sealed class Inner { public double X; }
        public sealed class Holder { public double A; public Inner I = new Inner(); }

        public static partial class R24
        {
            [Differentiable] public static double Grown([WithRespectTo] List<Asset> grown) { grown.Add(new Asset("a", 1, 2, 3)); return grown[0].Weight; }
            [Differentiable] public static double Cut([WithRespectTo] List<Asset> cut, double x) { cut.RemoveAt(0); return cut[0].Weight * x; }
            [Differentiable] public static double Stored([WithRespectTo] List<Asset> stored) { stored[0] = stored[1]; return stored[0].Weight; }
            [Differentiable] public static double FromEnd([WithRespectTo] IReadOnlyList<Asset> ends) => ends[^1].Weight;
            [Differentiable] public static double ClassMember([WithRespectTo] IList<Holder> hs, double x) => hs[0].I.X * x + hs[0].A;
            [Differentiable] public static double Nested([WithRespectTo] List<List<Asset>> nested) => nested[0][0].Weight;
            [Differentiable] public static double Sequence([WithRespectTo] IEnumerable<Asset> sequence) => sequence.First().Weight;
            [Differentiable] public static double Linq([WithRespectTo] List<Asset> linq) => linq.Sum(a => a.Weight * a.Return);
            [Differentiable] public static double Nullable([WithRespectTo] List<Asset?> holes) => holes[0]!.Weight;
            [Differentiable(Jacobian = true)] public static double Jac([WithRespectTo] List<Asset> jac) => jac[0].Weight;
            [Differentiable(Jacobian = true)] public static double JacArray([WithRespectTo] Asset[] jacArray) => jacArray[0].Weight;
            [Differentiable(Hessian = true)] public static double Blocked([WithRespectTo] Asset[] blocked, float[] f) => blocked[0].Weight * f[0];
        }
        """;

    /// <summary>Each refused shape: its ADG id (or ids) at the construct, and no code for its method.</summary>
    [Theory]
    [InlineData("Grown", "ADG0007", "grown.Add(new Asset(\"a\", 1, 2, 3))")]
    [InlineData("Cut", "ADG0007", "cut.RemoveAt(0)")]
    [InlineData("Stored", "ADG0007", "stored[0] = stored[1]")]
    [InlineData("FromEnd", "ADG0003", "ends[^1]")]
    [InlineData("ClassMember", "ADG0003", "hs[0].I")]
    [InlineData("Nested", "ADG0006", "[WithRespectTo] List<List<Asset>> nested")]
    [InlineData("Sequence", "ADG0006", "[WithRespectTo] IEnumerable<Asset> sequence")]
    [InlineData("Linq", "ADG0003", "linq")]
    [InlineData("Nullable", "ADG0006", "[WithRespectTo] List<Asset?> holes")]
    [InlineData("Jac", "ADG0003", "[WithRespectTo] List<Asset> jac")]
    [InlineData("JacArray", "ADG0003", "[WithRespectTo] Asset[] jacArray")]
    [InlineData("Blocked", "ADG0019", "[WithRespectTo] Asset[] blocked")]
    public void Refused_AtTheConstruct_WithNoCode(string method, string id, string at)
    {
        var run = Refusals.Value;
        Assert.Empty(run.Exceptions);
        var line = Outside.Split('\n').Select((text, i) => (text, i)).Single(l => l.text.Contains(" " + method + "(", StringComparison.Ordinal)).i;
        var mine = run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.GetLineSpan().StartLinePosition.Line == line).ToList();
        Assert.True(mine.Count > 0 && mine.All(d => id.Split(',').Contains(d.Id)), method + ": " + string.Join("; ", mine));
        Assert.Contains(mine, d => Outside.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length) == at);
        Assert.DoesNotContain(run.Generated.Keys, k => k.Contains("." + method + "_", StringComparison.Ordinal));
    }

    private static readonly Lazy<GeneratorOutput> Refusals = new(() => GeneratorHarness.Run(Outside));
}
