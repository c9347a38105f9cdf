using System.Numerics;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms25;

/// <summary>
/// Issue 13, idioms25: <c>var (s, c) = line;</c> and <c>(u, v) = p;</c> of a struct of reals: a positional <c>record struct</c>
/// (the compiler's Deconstruct), a struct whose <c>Deconstruct</c> copies members (<c>x = X; y = Y;</c>), one holding
/// <c>Vector2</c> members, a positional <c>record</c> class made in the method, in a loop too (before: ADG0002 at the
/// deconstruction). Backward by hand and against central differences, Forward along a tangent and Hessian by hand, in ONE
/// compilation; a Deconstruct that computes, or an extension one, stays ADG0002 at the statement saying which members to read.
/// </summary>
public class StructDeconstructionTests
{
    private const string Source = """
        using System;
        using System.Numerics;
        using AutoDiffGen;

        public record struct Line(double Slope, double Intercept);
        public record struct Seg(Vector2 A, Vector2 B);
        public record Lin(double A, double B);
        public struct Pt
        {
            public double X;
            public double Y;
            public void Deconstruct(out double x, out double y) { x = X; y = this.Y; }
        }

        public static class Hs
        {
            public static void Swap(Span<double> s) { (s[0], s[1]) = (s[1], s[0]); }
            public static void Put(Span<double> s, double a, double b) { (s[0], s[1]) = (a * b, a + b); }
        }

        public static partial class D
        {
            // Deconstructions into a span helper's elements (idioms25: ADG0003 "assigns its span parameter", untrue).
            [Differentiable]
            public static double Swapped(double[] a)
            {
                var t = new double[] { a[0], a[1] };
                Hs.Swap(t);
                return t[0] * a[0] + t[1];
            }

            [Differentiable(Forward = true)]
            public static double Put(double x, double y)
            {
                var t = new double[2];
                Hs.Put(t, x, y);
                return t[0] * t[1];
            }

            [Differentiable(Forward = true, Hessian = true)]
            public static double Filled(double x, double y)
            {
                var t = new double[2];
                void Fill(Span<double> w, double a) { (w[0], w[1]) = (a, a * a); }
                Fill(t, x);
                return t[0] * t[1] * y;
            }

            public static double FilledH(double x, double y, double[] h) => FilledHessian(x, y, h);

            [Differentiable(Forward = true, Hessian = true)]
            public static double Fit(Line line, double x)
            {
                var (s, c) = line;
                return s * s * x + c * x;
            }

            /// FitHessian into an array (a span cannot go through reflection).
            public static double FitH(Line line, double x, double[] h) => FitHessian(line, x, h);

            [Differentiable(Forward = true)]
            public static double Loop(double a, double b, int n)
            {
                double r = 0, u, v;
                for (int i = 0; i < n; i++)
                {
                    var p = new Pt { X = a * i, Y = b };
                    (u, v) = p;
                    r += u * v * v;
                }
                return r;
            }

            [Differentiable]
            public static double Cls(double p, double q)
            {
                var l = new Lin(p, q);
                var (a, b) = l;
                return a * b + a;
            }

            [Differentiable]
            public static float Segs(Seg s)
            {
                var (a, b) = s;
                return Vector2.Dot(a, b) + a.X * a.X;
            }
        }
        """;

    private delegate double LoopForward(double a, double b, int n, double tA, double tB, out double tResult);

    private static readonly Lazy<Assembly> Loaded = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Get(string name) => Loaded.Value.GetType("D")!.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;

    /// <summary>A Line of the loaded assembly (the test cannot name its type).</summary>
    private static object NewLine(double slope, double intercept) => Activator.CreateInstance(Loaded.Value.GetType("Line")!, slope, intercept)!;

    [Fact]
    public void ARecordStructDeconstructed_AllModes_MatchTheHandDerivatives()
    {
        // F = s²x + cx at (s, c, x) = (1.5, −0.7, 0.8): ∂F/∂s = 2sx = 2.4, ∂F/∂c = x = 0.8, ∂F/∂x = s² + c = 1.55;
        // H over (s, c, x) = [[2x, 0, 2s], [0, 0, 1], [2s, 1, 0]] = [[1.6, 0, 3], [0, 0, 1], [3, 1, 0]].
        var line = NewLine(1.5, -0.7);
        var r = CentralDifferenceRunner.Check(Get("Fit"), null, new object[] { line, 0.8 });
        Tolerance.AssertFormula(2.4, r.Gradient[0]![0], "∂F/∂Slope");
        Tolerance.AssertFormula(0.8, r.Gradient[0]![1], "∂F/∂Intercept");
        Tolerance.AssertFormula(1.55, r.Gradient[1]![0], "∂F/∂x");

        // Forward along (tS, tC, tX) = (0.3, −0.5, 0.9): 2.4·0.3 + 0.8·(−0.5) + 1.55·0.9 = 1.715.
        var forward = Get("FitForward");
        var args = new object?[] { line, 0.8, NewLine(0.3, -0.5), 0.9, null };
        forward.Invoke(null, args);
        Tolerance.AssertFormula(1.715, (double)args[4]!, "FitForward");

        var hessian = new double[9];
        Get("FitH").Invoke(null, new object[] { line, 0.8, hessian });
        double[] expected = { 1.6, 0, 3, 0, 0, 1, 3, 1, 0 };
        for (int k = 0; k < 9; k++) Tolerance.AssertFormula(expected[k], hessian[k], "H[" + (k / 3) + "," + (k % 3) + "]");
    }

    [Fact]
    public void AStructWithAMemberCopyingDeconstruct_InALoop_MatchesTheHandGradient()
    {
        // F = Σ_{i<n} (a·i)·b² = a b² n(n−1)/2; at (a, b, n) = (0.7, −1.3, 4): ∂F/∂a = 6b² = 10.14, ∂F/∂b = 12ab = −10.92.
        var r = CentralDifferenceRunner.Check(Get("Loop"), null, new object[] { 0.7, -1.3, 4 });
        Tolerance.AssertFormula(10.14, r.Gradient[0]![0], "∂F/∂a");
        Tolerance.AssertFormula(-10.92, r.Gradient[1]![0], "∂F/∂b");
        // Forward along (0.4, −0.2): 10.14·0.4 + (−10.92)·(−0.2) = 6.24.
        Get("LoopForward").CreateDelegate<LoopForward>()(0.7, -1.3, 4, 0.4, -0.2, out double tResult);
        Tolerance.AssertFormula(6.24, tResult, "LoopForward");
    }

    [Fact]
    public void APositionalRecordClass_AndARecordStructOfVectors_Deconstructed_MatchTheHandGradient()
    {
        // Cls = pq + p at (0.6, −1.1): ∂/∂p = q + 1 = −0.1, ∂/∂q = p = 0.6.
        var r = CentralDifferenceRunner.Check(Get("Cls"), null, new object[] { 0.6, -1.1 });
        Tolerance.AssertFormula(-0.1, r.Gradient[0]![0], "∂Cls/∂p");
        Tolerance.AssertFormula(0.6, r.Gradient[1]![0], "∂Cls/∂q");

        // Segs = A·B + A.X² at A = (0.5, −1.2), B = (2, 0.3): ∂/∂A = (B.X + 2A.X, B.Y) = (3, 0.3), ∂/∂B = A = (0.5, −1.2).
        var seg = Activator.CreateInstance(Loaded.Value.GetType("Seg")!, new Vector2(0.5f, -1.2f), new Vector2(2f, 0.3f))!;
        var s = CentralDifferenceRunner.Check(Get("Segs"), null, new object[] { seg });
        double[] hand = { 3, 0.3, 0.5, -1.2 };
        for (int k = 0; k < 4; k++) Tolerance.AssertClose(hand[k], s.Gradient[0]![k], 1e-5, "∂Segs/∂s[" + k + "]");
    }

    private delegate double PairForward(double x, double y, double tX, double tY, out double tResult);

    [Fact]
    public void ADeconstructionIntoASpanHelpersElements_IsStoresThroughTheView_AllModes_MatchTheHandDerivatives()
    {
        // Swapped: t = (a1, a0) after the swap, F = a1·a0 + a0: ∂F/∂a = (a1 + 1, a0) = (−0.4, 0.6) at a = (0.6, −1.4)
        // (the swap lost would give (2a0, 1) = (1.2, 1)).
        var r = CentralDifferenceRunner.Check(Get("Swapped"), null, new object[] { new[] { 0.6, -1.4 } });
        Tolerance.AssertFormula(-0.4, r.Gradient[0]![0], "∂Swapped/∂a0");
        Tolerance.AssertFormula(0.6, r.Gradient[0]![1], "∂Swapped/∂a1");

        // Put: t = (xy, x + y), F = x²y + xy²: ∂F/∂x = 2xy + y² = 0.75, ∂F/∂y = x² + 2xy = −1.25 at (0.5, −1.5).
        var p = CentralDifferenceRunner.Check(Get("Put"), null, new object[] { 0.5, -1.5 });
        Tolerance.AssertFormula(0.75, p.Gradient[0]![0], "∂Put/∂x");
        Tolerance.AssertFormula(-1.25, p.Gradient[1]![0], "∂Put/∂y");
        // Forward along (0.2, −0.4): 0.75·0.2 + (−1.25)·(−0.4) = 0.65.
        Get("PutForward").CreateDelegate<PairForward>()(0.5, -1.5, 0.2, -0.4, out double tPut);
        Tolerance.AssertFormula(0.65, tPut, "PutForward");

        // Filled (a local function): t = (x, x²), F = x³y: ∂F/∂x = 3x²y = 1.911, ∂F/∂y = x³ = 0.343 at (0.7, 1.3);
        // H = [[6xy, 3x²], [3x², 0]] = [[5.46, 1.47], [1.47, 0]]; Forward along (0.2, −0.4): 0.3822 − 0.1372 = 0.245.
        var f = CentralDifferenceRunner.Check(Get("Filled"), null, new object[] { 0.7, 1.3 });
        Tolerance.AssertFormula(1.911, f.Gradient[0]![0], "∂Filled/∂x");
        Tolerance.AssertFormula(0.343, f.Gradient[1]![0], "∂Filled/∂y");
        Get("FilledForward").CreateDelegate<PairForward>()(0.7, 1.3, 0.2, -0.4, out double tFilled);
        Tolerance.AssertFormula(0.245, tFilled, "FilledForward");
        var hessian = new double[4];
        Get("FilledH").Invoke(null, new object[] { 0.7, 1.3, hessian });
        double[] expected = { 5.46, 1.47, 1.47, 0 };
        for (int k = 0; k < 4; k++) Tolerance.AssertFormula(expected[k], hessian[k], "FilledHessian[" + k + "]");
    }

    [Fact]
    public void ADeconstructThatComputes_OrAnExtensionOne_IsADG0002AtTheStatement_SayingWhatToRead()
    {
        const string source = """
            using AutoDiffGen;

            public struct Odd
            {
                public double X;
                public double Y;
                public void Deconstruct(out double x, out double y) { x = 2 * X; y = Y; }
            }

            public struct Plain { public double X; public double Y; }

            public static class PlainExtensions
            {
                public static void Deconstruct(this Plain p, out double x, out double y) { x = p.X; y = p.Y; }
            }

            public static partial class Q
            {
                [Differentiable]
                public static double Computed(Odd o)
                {
                    var (a, b) = o;
                    return a * b;
                }

                [Differentiable]
                public static double Extension(Plain o)
                {
                    var (a, b) = o;
                    return a * b;
                }

                [Differentiable]
                public static double Read(Odd o)
                {
                    var a = o.X;
                    return a * o.Y;
                }
            }
            """;
        var run = GeneratorHarness.Run(source);
        Assert.True(run.CompileDiagnostics.IsEmpty, run.Dump());
        var errors = run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.Equal(2, errors.Count);
        foreach (var error in errors)
        {
            Assert.Equal("ADG0002", error.Id);
            Assert.Equal("var (a, b) = o", error.Location.SourceTree!.GetText().ToString(error.Location.SourceSpan));
            Assert.Contains("through a Deconstruct the generator does not read", error.GetMessage(), StringComparison.Ordinal);
            Assert.Contains("read the members into locals instead", error.GetMessage(), StringComparison.Ordinal);
        }
        Assert.DoesNotContain(run.Generated.Keys, k => k.Contains("Computed", StringComparison.Ordinal) || k.Contains("Extension", StringComparison.Ordinal));
        Assert.Contains(run.Generated.Keys, k => k.Contains("Read", StringComparison.Ordinal));
    }
}
