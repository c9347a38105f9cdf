using System.Reflection;
using AutoDiffGen.Generator.Tests.Forward;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Lists;

/// <summary>
/// Lists and sequences passed between methods (lists8): a local list, a list parameter, a sequence parameter, an array or a
/// LINQ chain passed to a <c>[Differentiable]</c> callee's <c>List</c>, <c>IList</c>, <c>IReadOnlyList</c>, <c>ICollection</c>
/// or <c>IEnumerable</c> parameter. The call is passed a copy made at the call with its adjoint (its tangent in Forward).
/// Hand-derived values and central differences in Backward, Forward (three ways) and Jacobian; what stays out gets its ADG id
/// at the expression.
/// </summary>
public class ListArgumentTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using AutoDiffGen;

        public static partial class LA
        {
            // Statistics composed from helpers, each calling the previous with its sequence.
            [Differentiable(Forward = true, Jacobian = true)]
            public static double Mean(IEnumerable<double> data)
            {
                double s = 0;
                int n = 0;
                foreach (var v in data) { s += v; n++; }
                return s / n;
            }

            [Differentiable(Forward = true, Jacobian = true)]
            public static double Variance(IEnumerable<double> data)
            {
                double m = Mean(data);
                double s = 0;
                int n = 0;
                foreach (var v in data) { s += (v - m) * (v - m); n++; }
                return s / (n - 1);
            }

            [Differentiable(Forward = true, Jacobian = true)]
            public static double StandardDeviation(IEnumerable<double> data) => Math.Sqrt(Variance(data));

            public static double StandardDeviationTangent(IEnumerable<double> data, double[] t) { StandardDeviationForward(data, t, out var r); return r; }

            public static double[] StandardDeviationJacobianAt(IEnumerable<double> data, int n) { var j = new double[n]; StandardDeviationJacobian(data, j); return j; }

            // A local list passed, then grown: (x + y + xy)/3 · 3x = x² + xy + x²y.
            [Differentiable(Forward = true)]
            public static double LocalThenAdded(double x, double y)
            {
                var l = new List<double> { x, y, x * y };
                double r = Mean(l);
                l.Add(3 * x);
                return r * l[3];
            }

            public static double LocalThenAddedTangent(double x, double y, double tx, double ty) { LocalThenAddedForward(x, y, tx, ty, out var r); return r; }

            [Differentiable(Forward = true)]
            public static double Weighted(IList<double> v, double w)
            {
                double s = 0;
                for (int i = 0; i < v.Count; i++) s += v[i] * Math.Pow(w, i);
                return s;
            }

            [Differentiable(Forward = true)]
            public static double Ends(IReadOnlyList<double> v) => v[^1] * v[0];

            [Differentiable(Forward = true)]
            public static double Scaled(List<double> v, double a) => v.Sum() * a;

            // A list parameter passed on to IList, IReadOnlyList and List parameters.
            [Differentiable(Forward = true)]
            public static double Outer(List<double> xs, double w) => Weighted(xs, w) + Ends(xs) + Scaled(xs, w);

            public static double OuterTangent(List<double> xs, double w, double[] t, double tw) { OuterForward(xs, w, t, tw, out var r); return r; }

            // In a loop, the list growing between calls: s = x/2 + 4x/3 = 11x/6.
            [Differentiable(Forward = true)]
            public static double InALoop(double x)
            {
                var l = new List<double> { x };
                double s = 0;
                for (int k = 0; k < 3; k++)
                {
                    s += Mean(l) * k;
                    l.Add(x * k);
                }
                return s;
            }

            public static double InALoopTangent(double x, double t) { InALoopForward(x, t, out var r); return r; }

            // An array parameter and a LINQ chain passed to IEnumerable: mean(a) + mean(w·a) = (1 + w)·mean(a).
            [Differentiable(Forward = true)]
            public static double FromArrays(double[] a, double w) => Mean(a) + Mean(a.Select(v => v * w));

            // A list of constants passed beside a value that carries one: (1 + 2 + 4)·a.
            [Differentiable(Forward = true)]
            public static double ConstantList(double a)
            {
                var c = new List<double> { 1, 2, 4 };
                return Scaled(c, a);
            }

            public static double ConstantListTangent(double a, double t) { ConstantListForward(a, t, out var r); return r; }

            // l.ToArray() passed straight to a double[] parameter: Σ xᵢ wⁱ.
            [Differentiable(Forward = true)]
            public static double ToArrayPassed(List<double> xs, double w) => Pow(xs.ToArray(), w);

            [Differentiable(Forward = true)]
            public static double Pow(double[] v, double w)
            {
                double s = 0;
                for (int i = 0; i < v.Length; i++) s += v[i] * Math.Pow(w, i);
                return s;
            }

            public static double ToArrayPassedTangent(List<double> xs, double w, double[] t, double tw) { ToArrayPassedForward(xs, w, t, tw, out var r); return r; }

            // float: w·Σ v² through a callee.
            [Differentiable]
            public static float Energy(IEnumerable<float> xs, float w)
            {
                float s = 0;
                foreach (var v in xs) s += v * v;
                return s * w;
            }

            [Differentiable]
            public static float EnergyOfLocal(float x, float w)
            {
                var l = new List<float> { x, 2 * x };
                return Energy(l, w);
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static Type LA => Compiled.Value.GetType("LA")!;

    private static readonly List<double> Xs = [0.5, -1.2, 2.0, 0.3];

    private const double H = 1e-6;

    [Fact]
    public void StandardDeviation_ComposedFromHelpers_Backward_Forward_Jacobian_ByHandAndCentralDifferences()
    {
        var r = CentralDifferenceRunner.Check(LA.GetMethod("StandardDeviation")!, null, [Xs]);
        // m = 0.4, deviations 0.1, −1.6, 1.6, −0.1; Σ d² = 5.14, sd = √(5.14/3); ∂sd/∂xᵢ = dᵢ/(3·sd).
        double sd = Math.Sqrt(5.14 / 3);
        double[] hand = [0.1 / (3 * sd), -1.6 / (3 * sd), 1.6 / (3 * sd), -0.1 / (3 * sd)];
        for (int i = 0; i < Xs.Count; i++) Tolerance.AssertFormula(hand[i], r.Gradient[0]![i], "dData[" + i + "]");
        double[] t = [0.3, -0.5, 0.8, 1.1];
        double tangent = (double)LA.GetMethod("StandardDeviationTangent")!.Invoke(null, [Xs, t])!;
        double Along(double s) => (double)LA.GetMethod("StandardDeviation")!.Invoke(null, [Xs.Select((v, i) => v + (s * t[i])).ToList()])!;
        TangentAssertions.AssertThreeWays(tangent, t.Select((ti, i) => hand[i] * ti).Sum(), (Along(H) - Along(-H)) / (2 * H),
            t.Select((ti, i) => r.Gradient[0]![i] * ti).Sum(), Along(0), single: false, "StandardDeviation");
        var j = (double[])LA.GetMethod("StandardDeviationJacobianAt")!.Invoke(null, [Xs.Select(v => v), Xs.Count])!;
        for (int i = 0; i < Xs.Count; i++) Tolerance.AssertFormula(hand[i], j[i], "J[" + i + "]");
    }

    [Fact]
    public void ALocalListPassedThenGrown_TheCalleeSeesTheValuesAtTheCall()
    {
        double x = 0.7, y = -1.3;
        var r = CentralDifferenceRunner.Check(LA.GetMethod("LocalThenAdded")!, null, [x, y]);
        // f = x² + xy + x²y: ∂x = 2x + y + 2xy = −1.72, ∂y = x + x² = 1.19.
        Tolerance.AssertFormula(-1.72, r.Gradient[0]![0], "dX");
        Tolerance.AssertFormula(1.19, r.Gradient[1]![0], "dY");
        double tx = 0.4, ty = -2.0;
        double tangent = (double)LA.GetMethod("LocalThenAddedTangent")!.Invoke(null, [x, y, tx, ty])!;
        double Along(double s) => (double)LA.GetMethod("LocalThenAdded")!.Invoke(null, [x + (s * tx), y + (s * ty)])!;
        TangentAssertions.AssertThreeWays(tangent, (-1.72 * tx) + (1.19 * ty), (Along(H) - Along(-H)) / (2 * H),
            (r.Gradient[0]![0] * tx) + (r.Gradient[1]![0] * ty), Along(0), single: false, "LocalThenAdded");
    }

    [Fact]
    public void AListParameterPassedOnToIListIReadOnlyListAndList_ByHandAndCentralDifferences()
    {
        double w = 0.8;
        var r = CentralDifferenceRunner.Check(LA.GetMethod("Outer")!, null, [Xs, w]);
        // Weighted: ∂xᵢ = wⁱ, ∂w = Σ i·xᵢ·wⁱ⁻¹; Ends = x₃·x₀: ∂x₀ = x₃, ∂x₃ = x₀; Scaled: ∂xᵢ = w, ∂w = Σ x = 1.6.
        double[] hand = [1 + Xs[3] + w, w + w, (w * w) + w, (w * w * w) + Xs[0] + w];
        for (int i = 0; i < Xs.Count; i++) Tolerance.AssertFormula(hand[i], r.Gradient[0]![i], "dXs[" + i + "]");
        double dW = Xs[1] + (2 * Xs[2] * w) + (3 * Xs[3] * w * w) + 1.6;
        Tolerance.AssertFormula(dW, r.Gradient[1]![0], "dW");
        double[] t = [1.0, -0.5, 0.25, 2.0];
        double tw = 0.3;
        double tangent = (double)LA.GetMethod("OuterTangent")!.Invoke(null, [Xs, w, t, tw])!;
        double Along(double s) => (double)LA.GetMethod("Outer")!.Invoke(null, [Xs.Select((v, i) => v + (s * t[i])).ToList(), w + (s * tw)])!;
        TangentAssertions.AssertThreeWays(tangent, t.Select((ti, i) => hand[i] * ti).Sum() + (dW * tw), (Along(H) - Along(-H)) / (2 * H),
            t.Select((ti, i) => r.Gradient[0]![i] * ti).Sum() + (r.Gradient[1]![0] * tw), Along(0), single: false, "Outer");
    }

    [Fact]
    public void InALoop_TheListGrowingBetweenCalls()
    {
        var r = CentralDifferenceRunner.Check(LA.GetMethod("InALoop")!, null, [1.3]);
        Tolerance.AssertFormula(11.0 / 6, r.Gradient[0]![0]);
        double tangent = (double)LA.GetMethod("InALoopTangent")!.Invoke(null, [1.3, -0.7])!;
        Tolerance.AssertFormula(11.0 / 6 * -0.7, tangent);
    }

    [Fact]
    public void AnArrayAndALinqChainPassedToIEnumerable()
    {
        double[] a = [0.5, -1.0, 2.5];
        double w = 1.5;
        var r = CentralDifferenceRunner.Check(LA.GetMethod("FromArrays")!, null, [a, w]);
        // (1 + w)/3 for each element, mean(a) = 2/3 for w.
        Assert.All(r.Gradient[0]!, g => Tolerance.AssertFormula(2.5 / 3, g));
        Tolerance.AssertFormula(2.0 / 3, r.Gradient[1]![0], "dW");
    }

    [Fact]
    public void AConstantListBesideAValue_AndToArrayPassedStraight()
    {
        var r = CentralDifferenceRunner.Check(LA.GetMethod("ConstantList")!, null, [0.9]);
        Tolerance.AssertFormula(7.0, r.Gradient[0]![0]);
        Tolerance.AssertFormula(7.0 * 0.5, (double)LA.GetMethod("ConstantListTangent")!.Invoke(null, [0.9, 0.5])!);
        double w = -0.6;
        var p = CentralDifferenceRunner.Check(LA.GetMethod("ToArrayPassed")!, null, [Xs, w]);
        for (int i = 0; i < Xs.Count; i++) Tolerance.AssertFormula(Math.Pow(w, i), p.Gradient[0]![i], "dXs[" + i + "]");
        double dW = Xs[1] + (2 * Xs[2] * w) + (3 * Xs[3] * w * w);
        Tolerance.AssertFormula(dW, p.Gradient[1]![0], "dW");
        double[] t = [0.5, 1.0, -1.0, 0.25];
        double tangent = (double)LA.GetMethod("ToArrayPassedTangent")!.Invoke(null, [Xs, w, t, 2.0])!;
        Tolerance.AssertFormula(t.Select((ti, i) => Math.Pow(w, i) * ti).Sum() + (2.0 * dW), tangent);
    }

    [Fact]
    public void AFloatListPassed()
    {
        float x = 0.6f, w = 1.5f;
        var r = CentralDifferenceRunner.Check(LA.GetMethod("EnergyOfLocal")!, null, [x, w]);
        // w·(x² + 4x²) = 5wx²: ∂x = 10wx = 9, ∂w = 5x² = 1.8.
        Tolerance.AssertClose(9.0, r.Gradient[0]![0], 1e-4, "dX");
        Tolerance.AssertClose(1.8, r.Gradient[1]![0], 1e-4, "dW");
    }

    [Theory]
    // The callee writes the list: its own error at the write, the caller's at the call.
    [InlineData("[Differentiable] static double Callee(List<double> v, double a) { v.Add(a); return v.Sum(); }", "s += Callee(l, x);", "ADG0017", "Callee(l, x)")]
    // A list the method does not follow ([NoDiff], a field): the callee's Backward would see it changed later.
    [InlineData("static readonly List<double> Table = new List<double> { 1, 2 }; [Differentiable] static double Callee(IEnumerable<double> v, double a) => v.Sum() * a;", "s += Callee(Table, x);", "ADG0003", "Table")]
    // A plain helper reading its sequence parameter is inlined since linq22 (Linq22/SequenceHelperTests); one naming it again is ADG0004 at the call.
    [InlineData("static double Callee(IEnumerable<double> v) { var w = v; return w.Sum(); }", "s += Callee(l);", "ADG0004", "Callee(l)")]
    // An ordered sequence passed on (LINQ's OrderBy is not followed in a chain that carries a gradient).
    [InlineData("[Differentiable] static double Callee(IEnumerable<double> v) => v.Sum();", "s += Callee(l.OrderBy(v => v));", "ADG0003", "l.OrderBy(v => v)")]
    public void JustOutside_IsAnErrorAtTheExpression(string callee, string statement, string id, string at)
    {
        string source = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using AutoDiffGen;
            public static partial class R
            {
                CALLEE

                [Differentiable]
                public static double F(double x)
                {
                    var l = new List<double> { x, 2 * x };
                    double s = 0;
                    STATEMENT
                    return s;
                }
            }
            """.Replace("CALLEE", callee).Replace("STATEMENT", statement);
        OutsideErrors.AssertAt(source, id, at, ".F_");
    }
}
