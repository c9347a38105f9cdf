using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// Issue 14: arrays and spans of a struct of reals as parameters in <c>MForward</c> (the tangent a
/// <c>ReadOnlySpan&lt;Pt&gt;</c> of the same length, each element the struct's own tangent) and <c>MJacobian</c> (rows;
/// the columns element by element, each element's members in declaration order, then the next parameter). Checked by
/// hand and against central differences; what stays refused (a written array in Forward/Jacobian/Hessian, a void
/// method) is the exact ADG error at the parameter.
/// </summary>
public class StructArrayModesTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public struct Pt { public double X; public double Y; public Pt(double x, double y) { X = x; Y = y; } }

        public static partial class M
        {
            // Σ w·Xᵢ² + Xᵢ·Yᵢ
            [Differentiable(Forward = true, Jacobian = true)]
            public static double Spread(Pt[] ps, double w)
            {
                double s = 0;
                for (int i = 0; i < ps.Length; i++) s += w * ps[i].X * ps[i].X + ps[i].X * ps[i].Y;
                return s;
            }

            // (k·Σ Xᵢ, Σ Yᵢ²), over a span, by foreach
            [Differentiable(Forward = true, Jacobian = true)]
            public static (double A, double B) Centroid(ReadOnlySpan<Pt> ps, double k)
            {
                double sx = 0, sy = 0;
                foreach (var p in ps) { sx += p.X * k; sy += p.Y * p.Y; }
                return (sx, sy);
            }

            // Σ Yᵢ·sin Xᵢ through a helper taking the array whole, plus w·X₀: Σ Yᵢ sin Xᵢ + w X₀
            [Differentiable(Forward = true, Jacobian = true)]
            public static double ViaHelper(Pt[] ps, double w) => Wave(ps) + w * ps[0].X;

            [Differentiable(Forward = true)]
            public static double Wave(Pt[] ps)
            {
                double s = 0;
                for (int i = 0; i < ps.Length; i++) s += ps[i].Y * Math.Sin(ps[i].X);
                return s;
            }

            public static double SpreadF(Pt[] ps, double w, Pt[] t, double tw) { SpreadForward(ps, w, t, tw, out double r); return r; }
            public static double[] SpreadJ(Pt[] ps, double w) { var j = new double[2 * ps.Length + 1]; SpreadJacobian(ps, w, j); return j; }
            public static double[] CentroidF(Pt[] ps, double k, Pt[] t, double tk) { CentroidForward(ps, k, t, tk, out var r); return new[] { r.A, r.B }; }
            public static double[] CentroidJ(Pt[] ps, double k) { var j = new double[2 * (2 * ps.Length + 1)]; CentroidJacobian(ps, k, j); return j; }
            public static double[] CentroidV(Pt[] ps, double k) { var r = Centroid(ps, k); return new[] { r.A, r.B }; }
            public static double ViaHelperF(Pt[] ps, double w, Pt[] t, double tw) { ViaHelperForward(ps, w, t, tw, out double r); return r; }
            public static double[] ViaHelperJ(Pt[] ps, double w) { var j = new double[2 * ps.Length + 1]; ViaHelperJacobian(ps, w, j); return j; }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static Type T => Compiled.Value.GetType("M")!;

    private static object Invoke(string name, params object[] args) => T.GetMethod(name)!.Invoke(null, args)!;

    private static Array Pts(params double[] xy)
    {
        var type = Compiled.Value.GetType("Pt")!;
        var array = Array.CreateInstance(type, xy.Length / 2);
        for (int i = 0; i < array.Length; i++) array.SetValue(Activator.CreateInstance(type, xy[2 * i], xy[(2 * i) + 1]), i);
        return array;
    }

    private static double[] Flat(Array pts, params double[] rest) => pts.Cast<object>().SelectMany(RealStructs.Components).Concat(rest).ToArray();

    [Fact]
    public void Spread_ForwardAndJacobian_ByHandAndCentralDifferences()
    {
        var ps = Pts(0.5, -1.2, 2, 0.3);
        const double w = 0.7;
        // ∂/∂Xᵢ = 2w Xᵢ + Yᵢ, ∂/∂Yᵢ = Xᵢ, ∂/∂w = Σ Xᵢ²: (−0.5, 0.5), (3.1, 2), 4.25.
        var hand = new[] { -0.5, 0.5, 3.1, 2, 4.25 };
        var j = (double[])Invoke("SpreadJ", ps, w);
        for (int c = 0; c < hand.Length; c++) Assert.Equal(hand[c], j[c], 12);
        double Value(double[] v) => (double)Invoke("Spread", Pts(v[0], v[1], v[2], v[3]), v[4]);
        FlatJacobian.AssertCentral(v => new[] { Value(v) }, Flat(ps, w), j, "Spread");
        // Along tPs = ((1, 0), (0.5, −1)), tW = 2: −0.5 + 1.55 − 2 + 8.5 = 7.55.
        Assert.Equal(7.55, (double)Invoke("SpreadF", ps, w, Pts(1, 0, 0.5, -1), 2.0), 12);
        CentralDifferenceRunner.Check(T.GetMethod("Spread")!, null, new object[] { ps, w });
    }

    [Fact]
    public void ASpanByForeach_TwoResults_ForwardAndJacobian()
    {
        var ps = Pts(0.5, -1.2, 2, 0.3);
        const double k = 1.5;
        // Row A: k, 0, k, 0, ΣX = 2.5; row B: 0, 2Y₀, 0, 2Y₁, 0.
        var hand = new[] { 1.5, 0, 1.5, 0, 2.5, 0, -2.4, 0, 0.6, 0 };
        var j = (double[])Invoke("CentroidJ", ps, k);
        for (int c = 0; c < hand.Length; c++) Assert.Equal(hand[c], j[c], 12);
        FlatJacobian.AssertCentral(v => (double[])Invoke("CentroidV", Pts(v[0], v[1], v[2], v[3]), v[4]), Flat(ps, k), j, "Centroid");
        // Along ((1, 0), (0.5, −1)), tK = 2: tA = 1.5 + 0.75 + 5 = 7.25, tB = 0.6 · (−1) = −0.6.
        var t = (double[])Invoke("CentroidF", ps, k, Pts(1, 0, 0.5, -1), 2.0);
        Assert.Equal(7.25, t[0], 12);
        Assert.Equal(-0.6, t[1], 12);
    }

    [Fact]
    public void AHelperTakingTheArrayWhole_ForwardAndJacobian()
    {
        var ps = Pts(0.4, 1.5, -1.1, 0.8, 2.0, -0.6);
        const double w = -0.9;
        // ∂/∂Xᵢ = Yᵢ cos Xᵢ (+ w at i = 0), ∂/∂Yᵢ = sin Xᵢ, ∂/∂w = X₀.
        double[] x = { 0.4, -1.1, 2.0 }, y = { 1.5, 0.8, -0.6 };
        var hand = new List<double>();
        for (int i = 0; i < 3; i++) hand.AddRange(new[] { (y[i] * Math.Cos(x[i])) + (i == 0 ? w : 0), Math.Sin(x[i]) });
        hand.Add(0.4);
        var j = (double[])Invoke("ViaHelperJ", ps, w);
        for (int c = 0; c < hand.Count; c++) Assert.Equal(hand[c], j[c], 12);
        FlatJacobian.AssertCentral(v => new[] { (double)Invoke("ViaHelper", Pts(v[0], v[1], v[2], v[3], v[4], v[5]), v[6]) }, Flat(ps, w), j, "ViaHelper");
        var tangent = new[] { 0.3, -0.2, 1.0, 0.5, -0.7, 0.25, 1.5 };
        double expected = hand.Select((g, c) => g * tangent[c]).Sum();
        Assert.Equal(expected, (double)Invoke("ViaHelperF", ps, w, Pts(tangent.Take(6).ToArray()), tangent[6]), 12);
    }

    [Theory]
    [InlineData("[Differentiable(Hessian = true)]", "ADG0019")]
    [InlineData("[Differentiable(Forward = true)]", "ADG0018")]
    [InlineData("[Differentiable(Jacobian = true)]", "ADG0003")]
    public void AWrittenArray_OrHessianMode_IsRefusedAtTheParameter(string attribute, string id)
    {
        // Forward, Jacobian and (since modes7, Hessians/HessianStructArrayTests) Hessian refuse the array the method stores into (in/out).
        const string store = "ps[0].X = w; ";
        string source = "using AutoDiffGen;\npublic struct Pt { public double X; public double Y; }\npublic static partial class F\n{\n    " + attribute
            + "\n    public static double G(Pt[] ps, double w) { " + store + "return ps[0].X * ps[0].Y * w; }\n}\n";
        ProgramBatch.AssertSingleErrorAt(source, id, "Pt[] ps", "ps", "GBackward");
    }

    [Fact]
    public void AVoidMethod_KeepsItsForwardRefusal()
    {
        const string source = """
            using System;
            using AutoDiffGen;
            public struct Pt { public double X; public double Y; }
            public static partial class F
            {
                [Differentiable(Forward = true)]
                public static void G(Pt[] ps, Span<double> r) { for (int i = 0; i < ps.Length; i++) r[i] = ps[i].X * ps[i].Y; }
            }
            """;
        ProgramBatch.AssertSingleErrorAt(source, "ADG0018", "Pt[] ps", "ps", "GBackward");
    }
}
