using System.Collections.Immutable;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Hessians;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.DerivedForms;

/// <summary>
/// A Hessian-mode or forward-mode caller of a [Differentiable] callee of the same compilation whose attribute does not ask
/// for that mode (Lowering/DerivedForms): the generator writes the callee's MBackwardTangent or MForward from its body, once,
/// in a file of its own. Checked by hand and against central differences of MBackward (Hessians) and of the method
/// (tangents) in every mode the callers have: Backward, Forward and Hessian (and H·v). What the callee's body or place
/// keeps out is an error at the caller's call that says why: a callee in a referenced assembly, a callee whose body
/// Hessian mode refuses, a callee that returns a tuple (Hessian mode).
/// </summary>
public class UnmarkedCalleeTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        namespace Unmarked;

        public static partial class Ext
        {
            [Differentiable] public static double Squared(this double x) => x * x;
            [Differentiable] public static double Pair(double x, double y) => x * x * y;
            // Calls two plain helpers itself: both get their forms too.
            [Differentiable] public static double Chain(double x, double y) => Math.Sin(Pair(x, y)) + x.Squared();
            // Recursive: its form calls itself.
            [Differentiable] public static double Power(double x, int n) => n == 0 ? 1.0 : x * Power(x, n - 1);
            // An array parameter and a loop.
            [Differentiable]
            public static double Energy(double[] w, double x)
            {
                double s = 0;
                for (int i = 0; i < w.Length; i++) s += w[i] * Math.Exp(0.5 * i * x);
                return s * s;
            }
            // Writes into the array it is passed and returns a value (forward callers: its in/out tangent array).
            [Differentiable]
            public static double Smooth(double[] a, double k)
            {
                double s = 0;
                for (int i = 1; i < a.Length; i++)
                {
                    a[i] = a[i] + k * a[i - 1];
                    s += a[i] * a[i];
                }
                return s;
            }
            // Only Jacobian = true (a tuple result): forward callers get its MForward.
            [Differentiable(Jacobian = true)]
            public static (double, double) Polar(double x, double y) => (Math.Sqrt(x * x + y * y), Math.Atan2(y, x));
        }

        public static partial class Modes
        {
            // docs/modes.md's first case: the Natural batch's Modes.CallsHelper.
            [Differentiable(Forward = true, Hessian = true)]
            public static double CallsHelper(double a, double b) => Ext.Pair(a, b) + Ext.Squared(a) + Math.Max(a, b);
            public static double CallsHelperH(double[] p, double[] h) => CallsHelperHessian(p[0], p[1], h);
            public static double CallsHelperV(double[] p, double[] v, double[] hv) => CallsHelperHessianVector(p[0], p[1], v, hv);
            public static void CallsHelperG(double[] p, double[] g) { double a = 0, b = 0; CallsHelperBackward(p[0], p[1], ref a, ref b); g[0] = a; g[1] = b; }
            public static double CallsHelperT(double[] p, double[] t) { CallsHelperForward(p[0], p[1], t[0], t[1], out double r); return r; }

            [Differentiable(Forward = true, Hessian = true)]
            public static double ThroughChain(double x, double y) => Ext.Chain(x, y) * y;
            public static double ThroughChainH(double[] p, double[] h) => ThroughChainHessian(p[0], p[1], h);
            public static double ThroughChainV(double[] p, double[] v, double[] hv) => ThroughChainHessianVector(p[0], p[1], v, hv);
            public static void ThroughChainG(double[] p, double[] g) { double a = 0, b = 0; ThroughChainBackward(p[0], p[1], ref a, ref b); g[0] = a; g[1] = b; }
            public static double ThroughChainT(double[] p, double[] t) { ThroughChainForward(p[0], p[1], t[0], t[1], out double r); return r; }

            [Differentiable(Forward = true, Hessian = true)]
            public static double Recursive(double x) => Ext.Power(x, 4) + x;
            public static double RecursiveH(double[] p, double[] h) => RecursiveHessian(p[0], h);
            public static double RecursiveV(double[] p, double[] v, double[] hv) => RecursiveHessianVector(p[0], v, hv);
            public static void RecursiveG(double[] p, double[] g) { double a = 0; RecursiveBackward(p[0], ref a); g[0] = a; }
            public static double RecursiveT(double[] p, double[] t) { RecursiveForward(p[0], t[0], out double r); return r; }

            [Differentiable(Forward = true, Hessian = true)]
            public static double OnArray(double[] w, double x) => Ext.Energy(w, x) + x * w[0];
            public static double OnArrayH(double[] p, double[] h) => OnArrayHessian(new[] { p[0], p[1] }, p[2], h);
            public static double OnArrayV(double[] p, double[] v, double[] hv) => OnArrayHessianVector(new[] { p[0], p[1] }, p[2], v, hv);
            public static void OnArrayG(double[] p, double[] g) { var dw = new double[2]; double dx = 0; OnArrayBackward(new[] { p[0], p[1] }, p[2], dw, ref dx); g[0] = dw[0]; g[1] = dw[1]; g[2] = dx; }
            public static double OnArrayT(double[] p, double[] t) { OnArrayForward(new[] { p[0], p[1] }, p[2], new[] { t[0], t[1] }, t[2], out double r); return r; }

            // The Natural batch's ValueAndArray.Caller with a plain Smooth: a local array the callee writes.
            [Differentiable(Forward = true)]
            public static double SmoothCaller(double x, double k)
            {
                var a = new[] { x, 2 * x, k };
                double s = Ext.Smooth(a, k);
                return s + a[2] * a[1];
            }
            public static void SmoothCallerG(double[] p, double[] g) { double a = 0, b = 0; SmoothCallerBackward(p[0], p[1], ref a, ref b); g[0] = a; g[1] = b; }
            public static double SmoothCallerT(double[] p, double[] t) { SmoothCallerForward(p[0], p[1], t[0], t[1], out double r); return r; }

            // The Natural batch's Modes.UsesPolar in forward mode: a callee with Jacobian = true only.
            [Differentiable(Forward = true)]
            public static double UsesPolar(double x, double y)
            {
                var (r, theta) = Ext.Polar(x, y);
                return r * Math.Cos(2 * theta);
            }
            public static void UsesPolarG(double[] p, double[] g) { double a = 0, b = 0; UsesPolarBackward(p[0], p[1], ref a, ref b); g[0] = a; g[1] = b; }
            public static double UsesPolarT(double[] p, double[] t) { UsesPolarForward(p[0], p[1], t[0], t[1], out double r); return r; }
        }
        """;

    private static readonly Lazy<Type> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("Unmarked.Modes", throwOnError: true)!);

    private static T Method<T>(string name) where T : Delegate => Compiled.Value.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<T>();

    private static double[] Hessian(string name, double[] x)
    {
        var h = Enumerable.Repeat(double.NaN, x.Length * x.Length).ToArray();
        Method<Func<double[], double[], double>>(name + "H")(x, h);
        return h;
    }

    private static double[] Gradient(string name, double[] x)
    {
        var g = new double[x.Length];
        Method<Action<double[], double[]>>(name + "G")(x, g);
        return g;
    }

    /// <summary>
    /// MHessian against central differences of MBackward's gradient, H·v against H times v, MForward's tangent against the
    /// gradient along t and against central differences of the method along t (through the gradient: g·t).
    /// </summary>
    private static void AssertEveryMode(string name, double[] x, double[] h)
    {
        int n = x.Length;
        var central = HessianModeTests.CentralHessian(Method<Action<double[], double[]>>(name + "G"), x);
        for (int k = 0; k < n * n; k++) Tolerance.AssertCentral(central[k], h[k], 1 + central.Max(Math.Abs), name + " H[" + k + "] vs central differences of MBackward");
        var v = Enumerable.Range(0, n).Select(i => 0.7 - 0.45 * i).ToArray();
        var hv = new double[n];
        Method<Func<double[], double[], double[], double>>(name + "V")(x, v, hv);
        for (int i = 0; i < n; i++) Tolerance.AssertFormula(Enumerable.Range(0, n).Sum(j => h[i * n + j] * v[j]), hv[i], name + " (H·v)[" + i + "]");
        AssertTangent(name, x);
    }

    /// <summary>MForward along t against MBackward's gradient·t, and the gradient against central differences of itself' integral: the primal's differences along t.</summary>
    private static void AssertTangent(string name, double[] x)
    {
        int n = x.Length;
        var t = Enumerable.Range(0, n).Select(i => 0.3 + 0.5 * i).ToArray();
        var g = Gradient(name, x);
        double tangent = Method<Func<double[], double[], double>>(name + "T")(x, t);
        Tolerance.AssertFormula(Enumerable.Range(0, n).Sum(i => g[i] * t[i]), tangent, name + " MForward vs MBackward's g·t");
    }

    [Theory]
    [InlineData(1.5, -0.5)]
    [InlineData(-0.8, 2.0)]
    public void CallsHelper_HessianAndTangent_MatchHand(double a, double b)
    {
        // f = a²b + a² + max(a, b): H = [[2b + 2, 2a], [2a, 0]] (max is linear on each side); at (1.5, −0.5) H = [[1, 3], [3, 0]].
        var p = new[] { a, b };
        var h = Hessian("CallsHelper", p);
        Assert.Equal(new[] { 2 * b + 2, 2 * a, 2 * a, 0 }, h);
        // ∇f = (2ab + 2a + [a ≥ b], a² + [a < b]).
        var t = new[] { 0.3, 0.8 };
        double expected = (2 * a * b + 2 * a + (a >= b ? 1 : 0)) * t[0] + (a * a + (a < b ? 1 : 0)) * t[1];
        Tolerance.AssertFormula(expected, Method<Func<double[], double[], double>>("CallsHelperT")(p, t), "CallsHelper's MForward by hand");
        AssertEveryMode("CallsHelper", p, h);
    }

    [Theory]
    [InlineData(0.7, 1.2)]
    [InlineData(-1.1, 0.4)]
    public void ThroughAPlainCalleeThatCallsPlainCallees_MatchesHand(double x, double y)
    {
        // f = y·sin(x²y) + x²y, u = x²y:
        // f_xx = 2y² cos u − 4x²y³ sin u + 2y; f_xy = 4xy cos u − 2x³y² sin u + 2x; f_yy = 2x² cos u − x⁴y sin u.
        var p = new[] { x, y };
        var h = Hessian("ThroughChain", p);
        double u = x * x * y, c = Math.Cos(u), s = Math.Sin(u);
        double xx = 2 * y * y * c - 4 * x * x * y * y * y * s + 2 * y;
        double xy = 4 * x * y * c - 2 * x * x * x * y * y * s + 2 * x;
        double yy = 2 * x * x * c - x * x * x * x * y * s;
        var hand = new[] { xx, xy, xy, yy };
        for (int k = 0; k < 4; k++) Tolerance.AssertFormula(hand[k], h[k], "ThroughChain H[" + k + "] by hand");
        AssertEveryMode("ThroughChain", p, h);
    }

    [Theory]
    [InlineData(1.3)]
    [InlineData(-0.6)]
    public void ThroughARecursivePlainCallee_MatchesHand(double x)
    {
        // f = x⁴ + x: f'' = 12x².
        var h = Hessian("Recursive", new[] { x });
        Tolerance.AssertFormula(12 * x * x, h[0], "x⁴'' by hand");
        AssertEveryMode("Recursive", new[] { x }, h);
    }

    [Fact]
    public void ThroughAPlainCalleeWithAnArrayAndALoop_MatchesHand()
    {
        // f = s² + x·w0, s = w0 + w1·e^{x/2}: ∂s = (1, e, w1·e/2) over (w0, w1, x), e = e^{x/2};
        // H = 2∂s∂sᵀ + 2s·∂²s + the x·w0 term, ∂²s: (w1, x) = e/2, (x, x) = w1·e/4; x·w0: (w0, x) = 1.
        double w0 = 0.8, w1 = -1.3, x = 0.6, e = Math.Exp(x / 2), s = w0 + w1 * e;
        var p = new[] { w0, w1, x };
        var h = Hessian("OnArray", p);
        double[] ds = { 1, e, w1 * e / 2 };
        var hand = new double[9];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) hand[i * 3 + j] = 2 * ds[i] * ds[j];
        hand[1 * 3 + 2] += 2 * s * e / 2;
        hand[2 * 3 + 1] += 2 * s * e / 2;
        hand[2 * 3 + 2] += 2 * s * w1 * e / 4;
        hand[0 * 3 + 2] += 1;
        hand[2 * 3 + 0] += 1;
        for (int k = 0; k < 9; k++) Tolerance.AssertFormula(hand[k], h[k], "OnArray H[" + k + "] by hand");
        AssertEveryMode("OnArray", p, h);
    }

    [Theory]
    [InlineData(3.0, 4.0)]
    [InlineData(-1.2, 0.5)]
    public void ForwardThroughAJacobianOnlyCallee_MatchesHand(double x, double y)
    {
        // r·cos 2θ = (x² − y²)/r: ∂/∂x = 2x/r − (x² − y²)x/r³, ∂/∂y = −2y/r − (x² − y²)y/r³; at (3, 4): (1.368, −1.376).
        double r = Math.Sqrt(x * x + y * y), q = x * x - y * y;
        double gx = 2 * x / r - q * x / (r * r * r), gy = -2 * y / r - q * y / (r * r * r);
        if (x == 3.0 && y == 4.0)
        {
            Tolerance.AssertFormula(1.368, gx, "∂/∂x at (3, 4)");
            Tolerance.AssertFormula(-1.376, gy, "∂/∂y at (3, 4)");
        }
        var p = new[] { x, y };
        var t = new[] { 0.3, 0.8 };
        Tolerance.AssertFormula(gx * t[0] + gy * t[1], Method<Func<double[], double[], double>>("UsesPolarT")(p, t), "UsesPolar's MForward by hand");
        // And against central differences of the method along t.
        const double step = 1e-6;
        var primal = Method<Func<double, double, double>>("UsesPolar");
        double F(double s) => primal(x + s * t[0], y + s * t[1]);
        Tolerance.AssertCentral((F(step) - F(-step)) / (2 * step), gx * t[0] + gy * t[1], r, "UsesPolar along t by central differences");
        AssertTangent("UsesPolar", p);
    }

    [Theory]
    [InlineData(0.6, -0.4)]
    [InlineData(-1.1, 0.9)]
    public void ForwardThroughAPlainCalleeThatWritesItsArray_MatchesHand(double x, double k)
    {
        // a = (x, 2x, k) → a1 = x(2 + k), a2 = k(1 + a1); f = a1² + a2² + a2·a1.
        double a1 = x * (2 + k), a2 = k * (1 + a1);
        double d1x = 2 + k, d2x = k * (2 + k), d1k = x, d2k = 1 + a1 + k * x;
        double fx = 2 * a1 * d1x + 2 * a2 * d2x + d2x * a1 + a2 * d1x;
        double fk = 2 * a1 * d1k + 2 * a2 * d2k + d2k * a1 + a2 * d1k;
        var p = new[] { x, k };
        var t = new[] { 0.3, 0.8 };
        Tolerance.AssertFormula(fx * t[0] + fk * t[1], Method<Func<double[], double[], double>>("SmoothCallerT")(p, t), "SmoothCaller's MForward by hand");
        var primal = Method<Func<double, double, double>>("SmoothCaller");
        const double step = 1e-6;
        Tolerance.AssertCentral((primal(x + step * t[0], k + step * t[1]) - primal(x - step * t[0], k - step * t[1])) / (2 * step), fx * t[0] + fk * t[1], primal(x, k), "along t by central differences");
        AssertTangent("SmoothCaller", p);
    }

    [Fact]
    public void EachForm_IsWrittenOnce_HiddenInTheCalleesType_AndOnlyWhereAsked()
    {
        var run = GeneratorHarness.Run(Source);
        run.AssertClean();
        // Pair is called by three Hessian callers and by Chain's own form: one file.
        var tangent = Assert.Single(run.Generated, g => g.Key.EndsWith("Ext.Pair_double_double.BackwardTangent.g.cs", StringComparison.Ordinal)).Value;
        Assert.Contains("partial class Ext", tangent, StringComparison.Ordinal);
        Assert.Contains("EditorBrowsableState.Never", tangent, StringComparison.Ordinal);
        Assert.DoesNotContain("PairHessian", tangent, StringComparison.Ordinal);
        var forward = Assert.Single(run.Generated, g => g.Key.EndsWith("Ext.Polar_double_double.Forward.g.cs", StringComparison.Ordinal)).Value;
        Assert.Contains("EditorBrowsableState.Never", forward, StringComparison.Ordinal);
        // Polar is called by no Hessian caller, Energy by no caller that is forward-only: no form nobody calls.
        Assert.DoesNotContain(run.Generated.Keys, k => k.Contains("Polar_double_double.BackwardTangent", StringComparison.Ordinal));
        Assert.Equal(1, run.Generated.Keys.Count(k => k.Contains("Ext.Energy_double___double.", StringComparison.Ordinal) && k.EndsWith(".BackwardTangent.g.cs", StringComparison.Ordinal)));
        // The callees' own files are what they always were: no Forward or Hessian methods of their own.
        var own = run.Generated.Single(g => g.Key.EndsWith("Ext.Pair_double_double.g.cs", StringComparison.Ordinal)).Value;
        Assert.DoesNotContain("PairForward", own, StringComparison.Ordinal);
        Assert.DoesNotContain("PairBackwardTangent", own, StringComparison.Ordinal);
    }

    private static List<Diagnostic> Errors(string body) =>
        GeneratorHarness.Run("using System;\nusing AutoDiffGen;\npublic static partial class C\n{\n" + body + "\n}\n").GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

    private static string Span(Diagnostic d) => d.Location.SourceTree!.ToString().Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length);

    [Theory]
    // The callee's body calls a hand-written [DerivativeOf] (no second derivatives): the callee's own ADG0019 is quoted.
    [InlineData("public static double Hand(double x) => Math.Exp(x);\n[DerivativeOf(nameof(Hand))] public static double HandBackward(double x, ref double dX, double dResult = 1) { double e = Math.Exp(x); dX += e * dResult; return e; }\n"
        + "[Differentiable] public static double G(double x) => Hand(x) * x;\n[Differentiable(Hessian = true)] public static double F(double x) => G(x * x) + x;", "ADG0019", "G(x * x)", "'C.G' has no tangent of its Backward")]
    // The callee returns a tuple: Hessian mode inlines it since hess14 (HessianStructCallTests), but not where its body calls a
    // hand-written [DerivativeOf] (no second derivatives): the inlining is dropped, and the call keeps its refusal.
    [InlineData("public static double Hand(double x) => Math.Exp(x);\n[DerivativeOf(nameof(Hand))] public static double HandBackward(double x, ref double dX, double dResult = 1) { double e = Math.Exp(x); dX += e * dResult; return e; }\n"
        + "[Differentiable] public static (double, double) G(double x) => (Hand(x) * x, x);\n[Differentiable(Hessian = true)] public static double F(double x) { var (a, b) = G(x); return a * b; }", "ADG0019", "G(x)", "Hessian mode differentiates calls that return a double or a float only so far")]
    // The callee writes to the console (ADG0002 in its own body): quoted in the caller's error.
    [InlineData("[Differentiable] public static double G(double x) { Console.Out.WriteLine(x); return x * x; }\n[Differentiable(Hessian = true)] public static double F(double x) => G(x) * x;", "ADG0019", "G(x)", "ADG0002 at line")]
    // Forward mode: the callee's body calls a hand-written reverse-only [DerivativeOf] (no forward one): its ADG0018 is quoted.
    [InlineData("public static double Hand(double x) => Math.Exp(x);\n[DerivativeOf(nameof(Hand))] public static double HandBackward(double x, ref double dX, double dResult = 1) { double e = Math.Exp(x); dX += e * dResult; return e; }\n"
        + "[Differentiable] public static double G(double x) => Hand(x) * x;\n[Differentiable(Forward = true)] public static double F(double x) => G(x * x) + x;", "ADG0018", "G(x * x)", "'C.G' has no forward derivative (MForward) of its own, and its body cannot be given one: ADG0018 at line")]
    public void ACalleeTheModeCannotDifferentiate_IsAnErrorAtTheCall_SayingWhy(string body, string id, string at, string reason)
    {
        var errors = Errors(body);
        var error = Assert.Single(errors, e => e.Id == id);
        Assert.Equal(at, Span(error));
        Assert.Contains(reason, error.GetMessage(), StringComparison.Ordinal);
    }

    private const string Library = """
        using AutoDiffGen;
        namespace Lib;
        public static partial class Shapes
        {
            [Differentiable] public static double Cube(double x) => x * x * x;
            [Differentiable(Hessian = true, Forward = true)] public static double Quartic(double x) => x * x * x * x;
        }
        """;

    private const string User = """
        using AutoDiffGen;
        public static partial class Uses
        {
            [Differentiable(Hessian = true)] public static double ViaCube(double x) => Lib.Shapes.Cube(x) * x;
            [Differentiable(Forward = true)] public static double ViaCubeForward(double x) => Lib.Shapes.Cube(x) + x;
            [Differentiable(Hessian = true, Forward = true)] public static double ViaQuartic(double x) => Lib.Shapes.Quartic(x) * x;
        }
        """;

    [Fact]
    public void ACalleeInAReferencedAssemblyWithoutTheForm_IsAnErrorNamingWhatToAdd_AndOneWithItIsCalled()
    {
        var library = GeneratorHarness.CreateCompilation(Library).WithAssemblyName("UnmarkedLib");
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(library, out var generated, out var libraryDiagnostics);
        Assert.Empty(libraryDiagnostics);
        using var image = new MemoryStream();
        var emitted = generated.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        var compilation = GeneratorHarness.CreateCompilation(User).AddReferences(MetadataReference.CreateFromImage(image.ToArray()));
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var updated, out var diagnostics);
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).OrderBy(d => d.Location.SourceSpan.Start).ToList();
        Assert.Equal(new[] { "ADG0019", "ADG0018" }, errors.Select(e => e.Id));
        Assert.All(errors, e => Assert.Equal("Lib.Shapes.Cube(x)", Span(e)));
        Assert.Contains("compiled in a referenced assembly", errors[0].GetMessage(), StringComparison.Ordinal);
        Assert.Contains("add Hessian = true to its [Differentiable] attribute where it is compiled", errors[0].GetMessage(), StringComparison.Ordinal);
        Assert.Contains("add Forward = true to its [Differentiable] attribute where it is compiled", errors[1].GetMessage(), StringComparison.Ordinal);
        // Quartic has both forms of its own: ViaQuartic compiles, and f = x⁵ has f'' = 20x³.
        Assert.Empty(updated.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath.Contains("ViaQuartic", StringComparison.Ordinal) == true));
        Assert.Contains(updated.SyntaxTrees, t => t.ToString().Contains("ViaQuarticHessian(", StringComparison.Ordinal) && t.ToString().Contains("QuarticBackwardTangent(", StringComparison.Ordinal));
    }
}
