using System.Reflection;
using AutoDiffGen.Generator.Tests.FusedLoops;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.ReusedArrays;

/// <summary>
/// Local arrays that never leave the method lent by the tape workspace in <c>MForward</c> and <c>MHessianVector</c> too
/// (perf19; <c>Differentiation/ReusedArrays</c> on the tangent and forward-over-reverse programs, and on a Hessian caller's
/// <c>MBackwardTangent</c>): an element read before it is written reads 0 in every call, as <c>new</c> gives (<c>Fresh</c>,
/// three calls and a shorter one between); a caller holds its array across a call whose callee lends its own
/// (<c>Outer</c> → <c>Inner</c>: nested calls never share); a recursion's levels each hold their own in forward mode
/// (<c>Nest</c>); a steady-state call of each mode allocates nothing. Every value by hand, and by central differences (of
/// the function along the tangent, of the gradient along the direction).
/// </summary>
public class ReusedArrayModeTests
{
    internal const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Rum
        {
            // Each t_i is read before it is written (0, as new gives), then set to a_i²: f = Σ_i a_i + Σ_i a_i³·m_i.
            [Differentiable(Forward = true, Hessian = true)]
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

            // Q = Σ_i a_i⁴ through a local array of its own.
            [Differentiable(Forward = true, Hessian = true)]
            public static double Inner(double[] a)
            {
                var u = new double[a.Length];
                for (int i = 0; i < a.Length; i++) u[i] = a[i] * a[i];
                double s = 0;
                for (int i = 0; i < a.Length; i++) s += u[i] * u[i];
                return s;
            }

            // t = a ∘ m, held across the call of Inner (which lends its own u): f = P·Q, P = Σ_i a_i·m_i.
            [Differentiable(Forward = true, Hessian = true)]
            public static double Outer(double[] a, double[] m, [NoDiff] double[] x)
            {
                int n = a.Length;
                var t = new double[n];
                for (int i = 0; i < n; i++) t[i] = a[i] * m[i];
                double q = Inner(a);
                double s = 0;
                for (int i = 0; i < n; i++) s += t[i] * q;
                return s;
            }

            // Recursion: level d holds t = (d + 1)·a across the inner level's call. f_d = (d + 1)²·S + (d + 1)·S·f_(d−1), S = |a|².
            [Differentiable(Forward = true)]
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

            public static double FreshT(double[] a, double[] m, double[] x, double[] tA, double[] tM) { FreshForward(a, m, x, tA, tM, out double t); return t; }
            public static double FreshHv(double[] a, double[] m, double[] x, double[] v, double[] hv) => FreshHessianVector(a, m, x, v, hv);
            public static double OuterT(double[] a, double[] m, double[] x, double[] tA, double[] tM) { OuterForward(a, m, x, tA, tM, out double t); return t; }
            public static double OuterHv(double[] a, double[] m, double[] x, double[] v, double[] hv) => OuterHessianVector(a, m, x, v, hv);
            public static double NestT(double[] a, int depth, double[] tA) { NestForward(a, depth, tA, out double t); return t; }
        }
        """;

    private static readonly Lazy<(Type Type, Dictionary<string, string> Texts)> Compiled = new(() => RuleTexts.Compile(Source, "Rum", ["Fresh", "Inner", "Outer", "Nest"]));

    private static readonly Lazy<string> Generated = new(() => string.Concat(GeneratorHarness.Run(Source).Generated.Values));

    private static Func<double[], double[], double[], double[], double[], double> Delegate(string name) =>
        Compiled.Value.Type.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<Func<double[], double[], double[], double[], double[], double>>();

    /// <summary>The text of the generated method <paramref name="name"/> (up to the next generated member).</summary>
    private static string Text(string name)
    {
        string all = Generated.Value;
        int at = all.IndexOf(" double " + name + "(", StringComparison.Ordinal);
        Assert.True(at >= 0, name + " not generated");
        int next = all.IndexOf("/// <summary>", at, StringComparison.Ordinal);
        return next < 0 ? all[at..] : all[at..next];
    }

    /// <summary>f(a, m, x) by reflection, for central differences.</summary>
    private static double F(string name, double[] a, double[] m, double[] x) =>
        (double)Compiled.Value.Type.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, [a, m, x])!;

    /// <summary>The tangent f′·t against the hand value and the central difference of f along t.</summary>
    private static void AssertTangent(string name, double expected, double[] a, double[] m, double[] x, double[] tA, double[] tM)
    {
        double tangent = Delegate(name + "T")(a, m, x, tA, tM);
        Tolerance.AssertFormula(expected, tangent, name + "Forward");
        const double h = 1e-5;
        double[] Step(double[] p, double[] t, double s) => p.Select((v, i) => v + s * t[i]).ToArray();
        double numeric = (F(name, Step(a, tA, h), Step(m, tM, h), x) - F(name, Step(a, tA, -h), Step(m, tM, -h), x)) / (2 * h);
        Tolerance.AssertCentral(numeric, tangent, Math.Abs(F(name, a, m, x)), name + "Forward");
    }

    /// <summary>H·v against the hand values and the central difference of the Backward gradient along v.</summary>
    private static void AssertProduct(string name, double[] expected, double[] a, double[] m, double[] x, double[] v)
    {
        var hv = new double[v.Length];
        Delegate(name + "Hv")(a, m, x, v, hv);
        for (int j = 0; j < v.Length; j++) Tolerance.AssertFormula(expected[j], hv[j], name + " H·v[" + j + "]");
        var backward = Compiled.Value.Type.GetMethod(name + "Backward", BindingFlags.Public | BindingFlags.Static)!;
        const double h = 1e-5;
        double[] Gradient(double s)
        {
            var (_, g) = FusedLoopPropertyTests.Call(backward, [a.Select((p, i) => p + s * v[i]).ToArray(), m.Select((p, i) => p + s * v[a.Length + i]).ToArray(), x]);
            return g;
        }
        double[] plus = Gradient(h), minus = Gradient(-h);
        for (int j = 0; j < v.Length; j++) Tolerance.AssertCentral((plus[j] - minus[j]) / (2 * h), hv[j], Math.Abs(plus[j]) + 1, name + " H·v[" + j + "] by central differences");
    }

    [Fact]
    public void Forward_and_HessianVector_lend_the_local_arrays_and_read_zero_before_a_write_by_hand()
    {
        Assert.Contains(".Local<double>(n)", Text("FreshForward"));
        Assert.Contains(".Local<double>(n)", Text("FreshHessianVector"));
        Assert.DoesNotContain("new double[", Text("FreshForward"));
        Assert.DoesNotContain("new double[", Text("FreshHessianVector"));
        // a = (1, 2, −0.5), m = (2, 1, 4): ∇_a f = 1 + 3a²·m = (7, 13, 4), ∇_m f = a³ = (1, 8, −0.125).
        // Forward along tA = (1, 2, −2), tM = (0.5, 1, 2): 7 + 26 − 8 + 0.5 + 8 − 0.25 = 33.25.
        // H: ∂²f/∂a_i² = 6a_i·m_i, ∂²f/∂a_i∂m_i = 3a_i², ∂²f/∂m_i² = 0; along v = (1, 2, −2 | 0.5, 1, 2):
        // (H·v)_a = 6a·m·v_a + 3a²·v_m = (12 + 1.5, 24 + 12, 24 + 1.5) = (13.5, 36, 25.5); (H·v)_m = 3a²·v_a = (3, 24, −1.5).
        // A t left as the last call's a² would add Σa³ (and its derivatives) once more: three calls, a shorter one between.
        double[] a = [1, 2, -0.5], m = [2, 1, 4], tA = [1, 2, -2], tM = [0.5, 1, 2], v = [1, 2, -2, 0.5, 1, 2];
        for (int call = 0; call < 3; call++)
        {
            AssertTangent("Fresh", 33.25, a, m, [0], tA, tM);
            AssertProduct("Fresh", [13.5, 36, 25.5, 3, 24, -1.5], a, m, [0], v);
        }
        // a = (1, 2), m = (2, 1) along tA = (1, 0), tM = (0, 1): 7 + 8 = 15; H·(1, 0 | 0, 1) = (12, 12, 3, 0).
        AssertTangent("Fresh", 15, [1, 2], [2, 1], [0], [1, 0], [0, 1]);
        AssertProduct("Fresh", [12, 12, 3, 0], [1, 2], [2, 1], [0], [1, 0, 0, 1]);
        AssertTangent("Fresh", 33.25, a, m, [0], tA, tM);
        AssertProduct("Fresh", [13.5, 36, 25.5, 3, 24, -1.5], a, m, [0], v);
    }

    [Fact]
    public void A_caller_holds_its_array_across_a_callee_that_lends_its_own_by_hand()
    {
        Assert.Contains(".Local<double>(n)", Text("OuterHessianVector"));
        Assert.Contains(".Local<double>(a.Length)", Text("InnerBackwardTangent"));
        Assert.Contains(".Local<double>(n)", Text("OuterForward"));
        Assert.Contains(".Local<double>(a.Length)", Text("InnerForward"));
        // a = (1, 2), m = (0.5, −1): P = −1.5, Q = 17, f = −25.5. ∂f/∂a_k = m_k·Q + 4P·a_k³ = (8.5 − 6, −17 − 48) = (2.5, −65);
        // ∂f/∂m_k = a_k·Q = (17, 34). Forward along (1, 0 | 0, 1): 2.5 + 34 = 36.5.
        // H along v = (1, 0 | 0, 1): H[a0,a0] = 8m_0·a_0³ + 12P·a_0² = 4 − 18 = −14, H[a0,m1] = 4a_1·a_0³ = 8 → −6;
        // H[a1,a0] = 4m_1·a_0³ + 4m_0·a_1³ = −4 + 16 = 12, H[a1,m1] = Q + 4a_1⁴ = 81 → 93; H[m0,a0] = Q + 4a_0⁴ = 21; H[m1,a0] = 4a_1·a_0³ = 8.
        // Inner's u, in the workspace after Outer's t, would overwrite t if the two calls shared one.
        for (int call = 0; call < 2; call++)
        {
            AssertTangent("Outer", 36.5, [1, 2], [0.5, -1], [0], [1, 0], [0, 1]);
            AssertProduct("Outer", [-6, 93, 21, 8], [1, 2], [0.5, -1], [0], [1, 0, 0, 1]);
        }
    }

    [Fact]
    public void Each_level_of_a_recursion_holds_its_own_array_in_forward_mode_by_hand()
    {
        Assert.Contains(".Local<double>(n)", Text("NestForward"));
        var nest = Compiled.Value.Type.GetMethod("NestT")!.CreateDelegate<Func<double[], int, double[], double>>();
        // depth 2, a = (1, −2), S = 5: ∇f_2 = (18 + 48S + 36S²)·a = 1,158·a; along t = (1, 1): 1,158 − 2,316 = −1,158.
        for (int call = 0; call < 2; call++) Tolerance.AssertFormula(-1158, nest([1, -2], 2, [1, 1]), "NestForward");
        var f = Compiled.Value.Type.GetMethod("Nest")!.CreateDelegate<Func<double[], int, double>>();
        const double h = 1e-5;
        Tolerance.AssertCentral((f([1 + h, -2 + h], 2) - f([1 - h, -2 - h], 2)) / (2 * h), nest([1, -2], 2, [1, 1]), 1095, "NestForward");
    }

    [Fact]
    public void A_steady_state_call_of_each_mode_allocates_nothing()
    {
        double[] a = [1, 2, -0.5], m = [2, 1, 4], x = [0], tA = [1, 2, -2], tM = [0.5, 1, 2], v = [1, 2, -2, 0.5, 1, 2], hv = new double[6];
        foreach (var name in new[] { "FreshT", "OuterT" })
        {
            var call = Delegate(name);
            Assert.Equal(0, Allocated(() => call(a, m, x, tA, tM)));
        }
        foreach (var name in new[] { "FreshHv", "OuterHv" })
        {
            var call = Delegate(name);
            Assert.Equal(0, Allocated(() => call(a, m, x, v, hv)));
        }
    }

    private static long Allocated(Func<double> call)
    {
        for (int i = 0; i < 3; i++) call();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) call();
        return (GC.GetAllocatedBytesForCurrentThread() - before) / 10;
    }
}
