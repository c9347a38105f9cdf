using System.Reflection;
using System.Text.RegularExpressions;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.FusedLoops;

/// <summary>
/// A running Max/Min routed by the counter of its last taken step instead of taping its running value
/// (<c>Differentiator.TakenSteps</c>, perf17, the GMM's `Gen16a`): the per-point maximum of a log-sum-exp. Where it applies:
/// a running max over t[1..k) (<c>Top</c>, <c>Peak</c> with the log-sum-exp around it), a running min counting down
/// (<c>Bottom</c>), and the elements overwritten after the max, before the reverse (<c>Overwritten</c>: the rule reads none
/// of them back). Where it must not: the running value read inside its loop (<c>Inside</c>), a <c>break</c> in the loop
/// (<c>Break</c>), the running value as the gate's right input (<c>Swapped</c>: ties go to the element). Ties are in the
/// by-hand points on purpose (the gradient goes to the left input, which the step must reproduce); each also by central
/// differences at a point without ties.
/// </summary>
public class TakenStepTests
{
    internal const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Tks
        {
            // t_j = a_j·x_p + m_j, f = Σ_p max_j t_j · x_p.
            [Differentiable]
            public static double Top(double[] a, double[] m, [NoDiff] double[] x)
            {
                int k = a.Length;
                var t = new double[k];
                double total = 0;
                for (int p = 0; p < x.Length; p++)
                {
                    for (int j = 0; j < k; j++) t[j] = a[j] * x[p] + m[j];
                    double mx = t[0];
                    for (int j = 1; j < k; j++) mx = Math.Max(mx, t[j]);
                    total += mx * x[p];
                }
                return total;
            }

            // The log-sum-exp shifted by its max, plus the max once more: f = Σ_p (log Σ_j exp(t_j − mx) + mx·x_p).
            [Differentiable]
            public static double Peak(double[] a, double[] m, [NoDiff] double[] x)
            {
                int k = a.Length;
                var t = new double[k];
                double total = 0;
                for (int p = 0; p < x.Length; p++)
                {
                    for (int j = 0; j < k; j++) t[j] = a[j] * x[p] + m[j];
                    double mx = t[0];
                    for (int j = 1; j < k; j++) mx = Math.Max(mx, t[j]);
                    double se = 0;
                    for (int j = 0; j < k; j++) se += Math.Exp(t[j] - mx);
                    total += Math.Log(se) + mx * x[p];
                }
                return total;
            }

            // A running min from the last element down: f = Σ_p min_j t_j · x_p.
            [Differentiable]
            public static double Bottom(double[] a, double[] m, [NoDiff] double[] x)
            {
                int k = a.Length;
                var t = new double[k];
                double total = 0;
                for (int p = 0; p < x.Length; p++)
                {
                    for (int j = 0; j < k; j++) t[j] = a[j] * x[p] + m[j];
                    double mn = t[k - 1];
                    for (int j = k - 1; j > 0; j--) mn = Math.Min(mn, t[j - 1]);
                    total += mn * x[p];
                }
                return total;
            }

            // As Top, with t zeroed after the max, before the reverse: nothing of t is read back.
            [Differentiable]
            public static double Overwritten(double[] a, double[] m, [NoDiff] double[] x)
            {
                int k = a.Length;
                var t = new double[k];
                double total = 0;
                for (int p = 0; p < x.Length; p++)
                {
                    for (int j = 0; j < k; j++) t[j] = a[j] * x[p] + m[j];
                    double mx = t[0];
                    for (int j = 1; j < k; j++) mx = Math.Max(mx, t[j]);
                    for (int j = 0; j < k; j++) t[j] = 0.0;
                    total += mx * x[p];
                }
                return total;
            }

            // Must not: the running value is read in its loop (acc sums it), so its adjoint is not only the gate's.
            [Differentiable]
            public static double Inside(double[] a, double[] m, [NoDiff] double[] x)
            {
                int k = a.Length;
                var t = new double[k];
                double total = 0;
                for (int p = 0; p < x.Length; p++)
                {
                    for (int j = 0; j < k; j++) t[j] = a[j] * x[p] + m[j];
                    double mx = t[0];
                    double acc = 0;
                    for (int j = 1; j < k; j++)
                    {
                        mx = Math.Max(mx, t[j]);
                        acc += mx;
                    }
                    total += acc * x[p];
                }
                return total;
            }

            // Must not: a break leaves the loop before its last step, so its steps are not counted by its test.
            [Differentiable]
            public static double Break(double[] a, double[] m, [NoDiff] double[] x)
            {
                int k = a.Length;
                var t = new double[k];
                double total = 0;
                for (int p = 0; p < x.Length; p++)
                {
                    for (int j = 0; j < k; j++) t[j] = a[j] * x[p] + m[j];
                    double mx = t[0];
                    for (int j = 1; j < k; j++)
                    {
                        if (t[j] > 5.5) break;
                        mx = Math.Max(mx, t[j]);
                    }
                    total += mx * x[p];
                }
                return total;
            }

            // Must not: the running value is the right input, so a tie goes to the element.
            [Differentiable]
            public static double Swapped(double[] a, double[] m, [NoDiff] double[] x)
            {
                int k = a.Length;
                var t = new double[k];
                double total = 0;
                for (int p = 0; p < x.Length; p++)
                {
                    for (int j = 0; j < k; j++) t[j] = a[j] * x[p] + m[j];
                    double mx = t[0];
                    for (int j = 1; j < k; j++) mx = Math.Max(t[j], mx);
                    total += mx * x[p];
                }
                return total;
            }
        }
        """;

    private static readonly string[] Names = ["Top", "Peak", "Bottom", "Overwritten", "Inside", "Break", "Swapped"];

    private static readonly Lazy<(Type Type, Dictionary<string, string> Texts)> Compiled = new(() => RuleTexts.Compile(Source, "Tks", Names));

    /// <summary>A step local set in the forward (<c>mx_2Taken = … ? mx_2Taken : j_1;</c>), which only the rule writes.</summary>
    internal static bool Taken(string code) => Regex.IsMatch(code, @"\b(\w+Taken) = .* \? \1 : \w+;");

    /// <summary>Value and gradient of <c>double name(a, m, [NoDiff] x)</c> against by-hand values, and central differences
    /// at a point without ties.</summary>
    private static void AssertGradient(string name, double value, double[] dA, double[] dM, double[] a, double[] m, double[] x)
    {
        var type = Compiled.Value.Type;
        MethodInfo Method(string n) => type.GetMethod(n, BindingFlags.Public | BindingFlags.Static)!;
        var (v, gradient) = FusedLoopPropertyTests.Call(Method(name + "Backward"), [a, m, x]);
        Tolerance.AssertFormula(value, v);
        for (int j = 0; j < dA.Length; j++) Tolerance.AssertFormula(dA[j], gradient[j], "dA" + j);
        for (int j = 0; j < dM.Length; j++) Tolerance.AssertFormula(dM[j], gradient[dA.Length + j], "dM" + j);
        CentralDifferenceRunner.Check(Method(name), null, [new double[] { 0.3, -0.7, 1.1 }, new double[] { 0.2, 0.5, -0.4 }, new double[] { 0.9, -1.2, 0.4 }]);
    }

    // The by-hand point: a = (1, 3, 3), m = 0, x = (2, −1). Point 0: t = (2, 6, 6); point 1: t = (−1, −3, −3).
    private static readonly double[] A = [1, 3, 3], M = [0, 0, 0], X = [2, -1];

    [Fact]
    public void A_running_max_is_routed_by_its_last_taken_step_by_hand()
    {
        string text = Compiled.Value.Texts["Top"];
        Assert.True(Taken(text), text);
        // No running value on the tape (the element loop still pushes x[p]), and no element read back for the gate.
        Assert.DoesNotMatch(@"tapeDouble\[tapeDoubleTop\+\+\] = mx_\d+;", text);
        Assert.DoesNotMatch(@"mx_\d+ = tapeDouble\[--tapeDoubleTop\];", text);
        // Point 0: max 6 first at j = 1 (j = 2 ties and goes left), ∂f/∂t1 = x0 = 2; point 1: max −1 at j = 0, ∂f/∂t0 = −1.
        // f = 6·2 + (−1)(−1) = 13; ∂f/∂a_j = Σ ∂f/∂t_j·x_p = (1, 4, 0); ∂f/∂m_j = Σ ∂f/∂t_j = (−1, 2, 0).
        AssertGradient("Top", 13, [1, 4, 0], [-1, 2, 0], A, M, X);
    }

    [Fact]
    public void A_log_sum_exp_around_the_max_by_hand()
    {
        Assert.True(Taken(Compiled.Value.Texts["Peak"]), Compiled.Value.Texts["Peak"]);
        // f = Σ_p (LSE(t) + mx·(x_p − 1)): ∂f/∂t_j = softmax_j + (x_p − 1)·[j = first argmax].
        // Point 0: softmax = (e⁻⁴, 1, 1)/(2 + e⁻⁴), argmax 1, x − 1 = 1; point 1: softmax = (1, e⁻², e⁻²)/(1 + 2e⁻²), argmax 0, x − 1 = −2.
        double s0 = 2 + Math.Exp(-4), s1 = 1 + 2 * Math.Exp(-2);
        double[] t0 = [Math.Exp(-4) / s0, 1 / s0 + 1, 1 / s0], t1 = [1 / s1 - 2, Math.Exp(-2) / s1, Math.Exp(-2) / s1];
        double f = Math.Log(s0) + 6 * 2 + Math.Log(s1) + 1;
        AssertGradient("Peak", f, [2 * t0[0] - t1[0], 2 * t0[1] - t1[1], 2 * t0[2] - t1[2]], [t0[0] + t1[0], t0[1] + t1[1], t0[2] + t1[2]], A, M, X);
    }

    [Fact]
    public void A_running_min_counting_down_by_hand()
    {
        Assert.True(Taken(Compiled.Value.Texts["Bottom"]), Compiled.Value.Texts["Bottom"]);
        // From t2 down: point 0 (6, then Min(6, t1 = 6) keeps t2, then Min(6, t0 = 2) takes t0): min 2 at j = 0, ∂f/∂t0 = 2;
        // point 1 (−3, Min(−3, t1 = −3) keeps t2, Min(−3, −1) keeps it): min −3 at j = 2, ∂f/∂t2 = −1.
        // f = 2·2 + (−3)(−1) = 7; ∂f/∂a = (4, 0, 1); ∂f/∂m = (2, 0, −1).
        AssertGradient("Bottom", 7, [4, 0, 1], [2, 0, -1], A, M, X);
    }

    [Fact]
    public void The_elements_overwritten_before_the_reverse_are_not_read_back_by_hand()
    {
        Assert.True(Taken(Compiled.Value.Texts["Overwritten"]), Compiled.Value.Texts["Overwritten"]);
        // As Top: the zeroed t reaches nothing.
        AssertGradient("Overwritten", 13, [1, 4, 0], [-1, 2, 0], A, M, X);
    }

    [Fact]
    public void A_running_max_read_in_its_loop_stays_taped_by_hand()
    {
        string text = Compiled.Value.Texts["Inside"];
        Assert.False(Taken(text), text);
        // Point 0: mx = 6 (t1) after both steps, acc = 12, ∂acc/∂t1 = 2, ∂f/∂t1 = 2·2 = 4; point 1: mx = −1 (t0) twice,
        // acc = −2, ∂f/∂t0 = 2·(−1) = −2. f = 24 + 2 = 26; ∂f/∂a = (−2·−1, 4·2, 0) = (2, 8, 0); ∂f/∂m = (−2, 4, 0).
        AssertGradient("Inside", 26, [2, 8, 0], [-2, 4, 0], A, M, X);
    }

    [Fact]
    public void A_running_max_with_a_break_stays_taped_by_hand()
    {
        string text = Compiled.Value.Texts["Break"];
        Assert.False(Taken(text), text);
        // Point 0 breaks at j = 1 (6 > 5.5): mx = t0 = 2, ∂f/∂t0 = 2; point 1 runs through: mx = t0 = −1, ∂f/∂t0 = −1.
        // f = 4 + 1 = 5; ∂f/∂a = (2·2 + (−1)(−1), 0, 0) = (5, 0, 0); ∂f/∂m = (1, 0, 0).
        AssertGradient("Break", 5, [5, 0, 0], [1, 0, 0], A, M, X);
    }

    [Fact]
    public void A_running_max_as_the_right_input_stays_taped_by_hand()
    {
        string text = Compiled.Value.Texts["Swapped"];
        Assert.False(Taken(text), text);
        // Ties go to the element: point 0 takes t1 (6 > 2), then Max(t2 = 6, 6) takes t2: ∂f/∂t2 = 2; point 1 keeps t0: ∂f/∂t0 = −1.
        // f = 12 + 1 = 13; ∂f/∂a = (1, 0, 4); ∂f/∂m = (−1, 0, 2).
        AssertGradient("Swapped", 13, [1, 0, 4], [-1, 0, 2], A, M, X);
    }
}
