using System.Reflection;
using AutoDiffGen.Generator.Emit;
using AutoDiffGen.Generator.Tests.CompileCost;
using AutoDiffGen.Generator.Tests.FusedLoops;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.ReusedArrays;

/// <summary>
/// Local arrays that never leave the method, and their adjoints, lent by the tape workspace instead of made with
/// <c>new</c> in <c>MBackward</c> (<c>Differentiation/ReusedArrays</c>, perf18, issue 12's 0 B): where it applies (two
/// arrays, <c>Squares</c>; an element read before it is written, <c>Fresh</c>; a <c>foreach</c> and a length,
/// <c>Enumerated</c>; an array made in a branch, <c>Branched</c>), where it must not (an array passed to a callee,
/// <c>Passed</c>; made in a loop, <c>InLoop</c>), a recursive method whose every level holds its own array while the inner
/// levels' Backwards run (<c>Nest</c>), and the allocation of a steady-state call: 0 B, against the same method with the
/// rule off. Every gradient by hand and by central differences.
/// </summary>
public class ReusedArrayTests
{
    internal const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Rua
        {
            // t_i = a_i·m_i, u_i = t_i²: f = Σ_i u_i + t_0·t_1.
            [Differentiable]
            public static double Squares(double[] a, double[] m, [NoDiff] double[] x)
            {
                int n = a.Length;
                var t = new double[n];
                var u = new double[n];
                for (int i = 0; i < n; i++) t[i] = a[i] * m[i];
                for (int i = 0; i < n; i++) u[i] = t[i] * t[i];
                double s = 0;
                for (int i = 0; i < n; i++) s += u[i];
                return s + t[0] * t[1];
            }

            // Each t_i is read before it is written (0, as new gives), then set to a_i²: f = Σ_i a_i + Σ_i a_i³·m_i.
            [Differentiable]
            public static double Fresh(double[] a, double[] m, [NoDiff] double[] x)
            {
                int n = a.Length;
                var t = new double[n];
                double s = 0;
                for (int i = 0; i < n; i++)
                {
                    s += (t[i] + 1) * a[i];
                    t[i] = a[i] * a[i];
                }
                for (int i = 0; i < n; i++) s += t[i] * a[i] * m[i];
                return s;
            }

            // foreach over the array, and its length as the bound: f = Σ_i (a_i + m_i)².
            [Differentiable]
            public static double Enumerated(double[] a, double[] m, [NoDiff] double[] x)
            {
                var t = new double[a.Length];
                for (int i = 0; i < t.Length; i++) t[i] = a[i] + m[i];
                double s = 0;
                foreach (double v in t) s += v * v;
                return s;
            }

            // Made in a branch (x_0 > 0): f = Σ_i a_i·m_i·x_0 there, else Σ_i a_i.
            [Differentiable]
            public static double Branched(double[] a, double[] m, [NoDiff] double[] x)
            {
                double s = 0;
                if (x[0] > 0)
                {
                    var t = new double[a.Length];
                    for (int i = 0; i < a.Length; i++) t[i] = a[i] * m[i];
                    for (int i = 0; i < a.Length; i++) s += t[i] * x[0];
                }
                else
                {
                    for (int i = 0; i < a.Length; i++) s += a[i];
                }
                return s;
            }

            // Must not: the array goes to a callee, which could keep it: f = Σ_i (a_i·m_i)².
            [Differentiable]
            public static double Passed(double[] a, double[] m, [NoDiff] double[] x)
            {
                var t = new double[a.Length];
                for (int i = 0; i < a.Length; i++) t[i] = a[i] * m[i];
                return Total(t);
            }

            [Differentiable]
            public static double Total(double[] v)
            {
                double s = 0;
                for (int i = 0; i < v.Length; i++) s += v[i] * v[i];
                return s;
            }

            // Must not: made in a loop, a fresh array each iteration: f = Σ_p Σ_i a_i·x_p·m_i.
            [Differentiable]
            public static double InLoop(double[] a, double[] m, [NoDiff] double[] x)
            {
                double s = 0;
                for (int p = 0; p < x.Length; p++)
                {
                    var t = new double[a.Length];
                    for (int i = 0; i < a.Length; i++) t[i] = a[i] * x[p];
                    for (int i = 0; i < a.Length; i++) s += t[i] * m[i];
                }
                return s;
            }

            // Recursion: level d holds t = (d + 1)·a, read before (pre) and after (post) the inner level's call, so the inner
            // Backward runs between its reads and its adjoint's writes. f_d = (d + 1)²·S + (d + 1)·S·f_(d−1), S = |a|², f_(−1) = 0.
            [Differentiable]
            public static double Nest(double[] a, int depth)
            {
                int n = a.Length;
                var t = new double[n];
                for (int i = 0; i < n; i++) t[i] = a[i] * (depth + 1);
                double pre = 0;
                for (int i = 0; i < n; i++) pre += t[i] * t[i];
                double inner = depth > 0 ? Nest(a, depth - 1) : 0.0;
                double post = 0;
                for (int i = 0; i < n; i++) post += t[i] * a[i];
                return pre + post * inner;
            }
        }
        """;

    private static readonly string[] Names = ["Squares", "Fresh", "Enumerated", "Branched", "Passed", "InLoop", "Nest"];

    private static readonly Lazy<(Type Type, Dictionary<string, string> Texts)> Compiled = new(() => RuleTexts.Compile(Source, "Rua", Names));

    /// <summary>Some array of the method is the workspace's.</summary>
    internal static bool Lent(string code) => code.Contains(".Local<", StringComparison.Ordinal);

    private static MethodInfo Method(string name) => Compiled.Value.Type.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;

    /// <summary>Value and gradient of <c>double name(a, m, [NoDiff] x)</c> against by-hand values, and central differences.</summary>
    private static void AssertGradient(string name, double value, double[] dA, double[] dM, double[] a, double[] m, double[] x)
    {
        var (v, gradient) = FusedLoopPropertyTests.Call(Method(name + "Backward"), [a, m, x]);
        Tolerance.AssertFormula(value, v);
        for (int j = 0; j < dA.Length; j++) Tolerance.AssertFormula(dA[j], gradient[j], "dA" + j);
        for (int j = 0; j < dM.Length; j++) Tolerance.AssertFormula(dM[j], gradient[dA.Length + j], "dM" + j);
        CentralDifferenceRunner.Check(Method(name), null, [a, m, x]);
    }

    [Fact]
    public void Two_local_arrays_are_lent_by_the_workspace_by_hand()
    {
        string text = Compiled.Value.Texts["Squares"];
        Assert.True(Lent(text), text);
        Assert.DoesNotContain("new double[", text);
        // a = (1, 2, 3), m = (2, −1, 0.5): t = (2, −2, 1.5), f = 4 + 4 + 2.25 + 2·(−2) = 6.25.
        // ∂f/∂t = 2t + (t_1, t_0, 0) = (2, −2, 3); ∂f/∂a = ∂f/∂t·m = (4, 2, 1.5); ∂f/∂m = ∂f/∂t·a = (2, −4, 9).
        // Twice: the second call gets the first call's arrays back, zeroed.
        for (int call = 0; call < 2; call++) AssertGradient("Squares", 6.25, [4, 2, 1.5], [2, -4, 9], [1, 2, 3], [2, -1, 0.5], [0]);
    }

    [Fact]
    public void An_element_read_before_it_is_written_is_zero_in_every_call_by_hand()
    {
        string text = Compiled.Value.Texts["Fresh"];
        Assert.True(Lent(text), text);
        // a = (1, 2, −0.5), m = (2, 1, 4): f = Σa + Σa³·m = 2.5 + (2 + 8 − 0.5) = 12; ∂f/∂a = 1 + 3a²·m = (7, 13, 4);
        // ∂f/∂m = a³ = (1, 8, −0.125). A t left as the last call's a² would add Σa³ once more, and a stale adjoint would
        // add the last call's gradient of it.
        for (int call = 0; call < 3; call++) AssertGradient("Fresh", 12, [7, 13, 4], [1, 8, -0.125], [1, 2, -0.5], [2, 1, 4], [0]);
        // A shorter call between, then the same: a new length is a new array. a = (1, 2), m = (2, 1): f = 3 + 2 + 8 = 13.
        AssertGradient("Fresh", 13, [7, 13], [1, 8], [1, 2], [2, 1], [0]);
        AssertGradient("Fresh", 12, [7, 13, 4], [1, 8, -0.125], [1, 2, -0.5], [2, 1, 4], [0]);
    }

    [Fact]
    public void A_foreach_and_a_length_keep_the_array_confined_by_hand()
    {
        Assert.True(Lent(Compiled.Value.Texts["Enumerated"]), Compiled.Value.Texts["Enumerated"]);
        // a = (1, −2), m = (0.5, 3): t = (1.5, 1), f = 3.25; ∂f/∂a = ∂f/∂m = 2t = (3, 2).
        AssertGradient("Enumerated", 3.25, [3, 2], [3, 2], [1, -2], [0.5, 3], [0]);
    }

    [Fact]
    public void An_array_made_in_a_branch_is_lent_where_the_branch_runs_by_hand()
    {
        Assert.True(Lent(Compiled.Value.Texts["Branched"]), Compiled.Value.Texts["Branched"]);
        // x_0 = 2: f = 2·(1·0.5 + (−2)·3) = −11; ∂f/∂a = 2m = (1, 6); ∂f/∂m = 2a = (2, −4).
        AssertGradient("Branched", -11, [1, 6], [2, -4], [1, -2], [0.5, 3], [2]);
        // x_0 = −1: the branch does not run, f = Σa = −1; ∂f/∂a = (1, 1); ∂f/∂m = 0.
        AssertGradient("Branched", -1, [1, 1], [0, 0], [1, -2], [0.5, 3], [-1]);
    }

    [Fact]
    public void An_array_passed_to_a_callee_or_made_in_a_loop_is_not_lent_by_hand()
    {
        string passed = Compiled.Value.Texts["Passed"], inLoop = Compiled.Value.Texts["InLoop"];
        Assert.False(Lent(passed), passed);
        Assert.False(Lent(inLoop), inLoop);
        // Passed: a = (1, −2), m = (0.5, 3): t = (0.5, −6), f = 36.25; ∂f/∂a = 2t·m = (0.5, −36); ∂f/∂m = 2t·a = (1, 24).
        AssertGradient("Passed", 36.25, [0.5, -36], [1, 24], [1, -2], [0.5, 3], [0]);
        // InLoop: x = (2, −0.5): f = Σx·Σ a_i·m_i = 1.5·(0.5 − 6) = −8.25; ∂f/∂a = 1.5m = (0.75, 4.5); ∂f/∂m = 1.5a = (1.5, −3).
        AssertGradient("InLoop", -8.25, [0.75, 4.5], [1.5, -3], [1, -2], [0.5, 3], [2, -0.5]);
    }

    [Fact]
    public void Each_level_of_a_recursion_holds_its_own_array_by_hand()
    {
        string text = Compiled.Value.Texts["Nest"];
        Assert.True(Lent(text), text);
        var backward = Method("NestBackward");
        // depth 2, a = (1, −2), S = 5: f_0 = S, f_1 = 4S + 2S², f_2 = 9S + 3S·f_1 = 9S + 12S² + 6S³ = 45 + 300 + 750 = 1,095;
        // ∇f_2 = (18 + 48S + 36S²)·a = 1,158·a = (1,158, −2,316). An inner level that zeroed or overwrote the outer's t or
        // dT between the outer's reads and its adjoint's writes would change both.
        for (int call = 0; call < 2; call++)
        {
            var dA = new double[2];
            double value = (double)backward.Invoke(null, [new double[] { 1, -2 }, 2, dA, 1.0])!;
            Tolerance.AssertFormula(1095, value);
            Tolerance.AssertFormula(1158, dA[0], "dA0");
            Tolerance.AssertFormula(-2316, dA[1], "dA1");
        }
        CentralDifferenceRunner.Check(Method("Nest"), null, [new double[] { 0.3, -0.7 }, 2]);
    }

    [Fact]
    public void A_steady_state_call_allocates_nothing_and_the_rule_off_allocates_its_arrays()
    {
        // Squares' Backward through a typed delegate (no boxing), after three calls of warm-up.
        var on = Compiled.Value.Type.GetMethod("SquaresBackward")!;
        var (_, off, names) = TwoWays.Emit(Source, m => BackwardEmitter.Emit(m), m => BackwardEmitter.Emit(m, reuseArrays: false));
        Assert.False(Lent(off[names.IndexOf("Squares")]));
        var offMethod = TwoWays.Load(Source, off).GetType("Rua")!.GetMethod("SquaresBackward")!;
        long lent = AllocatedPerCall(on), made = AllocatedPerCall(offMethod);
        Assert.Equal(0, lent);
        // The rule off makes t, u and their adjoints: four arrays of 3 doubles (at least 4 × 24 B each).
        Assert.True(made >= 4 * 24, made + " B per call with the rule off");
    }

    private static long AllocatedPerCall(MethodInfo backward)
    {
        var call = backward.CreateDelegate<Func<double[], double[], double[], double[], double[], double, double>>();
        double[] a = [1, 2, 3], m = [2, -1, 0.5], x = [0], dA = new double[3], dM = new double[3];
        for (int i = 0; i < 3; i++) call(a, m, x, dA, dM, 1);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) call(a, m, x, dA, dM, 1);
        return (GC.GetAllocatedBytesForCurrentThread() - before) / 10;
    }
}
