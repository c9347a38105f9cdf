using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Spans22;

/// <summary>
/// Issue 13 (spans22): a plain (not [Differentiable]) helper's <c>Span&lt;double&gt;</c>/<c>ReadOnlySpan&lt;double&gt;</c>
/// parameters are bound to views of what the caller passes (an array, a <c>stackalloc</c> span, <c>AsSpan</c>/<c>Slice</c>
/// of them, the Span→ReadOnlySpan conversion): reads and stores through them are the caller's array's, in every mode.
/// By hand (a cross product of slices into a stackalloc buffer, a dense tanh layer, an in-place smoothing over two
/// overlapping spans of one array, a helper returning a value that writes its span) and central differences, MForward
/// and MHessian (<see cref="ModeChecks"/>); what stays outside is an error at the argument.
/// </summary>
public class SpanHelperTests
{
    private const string Helpers = """
        using System;
        using AutoDiffGen;

        public static class Sp
        {
            public static void Cross(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> r)
            {
                r[0] = a[1] * b[2] - a[2] * b[1];
                r[1] = a[2] * b[0] - a[0] * b[2];
                r[2] = a[0] * b[1] - a[1] * b[0];
            }

            public static void Dense(ReadOnlySpan<double> w, ReadOnlySpan<double> x, Span<double> o)
            {
                for (int k = 0; k < o.Length; k++)
                {
                    double s = 0;
                    for (int i = 0; i < x.Length; i++) s += w[k * x.Length + i] * x[i];
                    o[k] = Math.Tanh(s);
                }
            }

            public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
            {
                double s = 0;
                for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
                return s;
            }

            public static void Smooth(ReadOnlySpan<double> a, Span<double> r)
            {
                for (int i = 0; i < r.Length; i++) r[i] = 0.5 * (a[i] + a[i + 1]);
            }

            public static double Normalize(Span<double> v)
            {
                double s = 0;
                foreach (double e in v) s += e * e;
                s = Math.Sqrt(s);
                for (int i = 0; i < v.Length; i++) v[i] /= s;
                return s;
            }

            public static void Shift(ReadOnlySpan<double> src, Span<double> o)
            {
                src = src.Slice(1);
                for (int i = 0; i < o.Length; i++) o[i] = src[i];
            }
        }

        """;

    private const string Source = Helpers + """
        public static partial class S
        {
            [Differentiable(Forward = true, Hessian = true)]
            public static double CrossLoss(double x, double y, double z)
            {
                double[] u = { x, y, 1.5 };
                double[] v = { 9.0, z, x * y, 2.0 };
                Span<double> c = stackalloc double[3];
                Sp.Cross(u, v.AsSpan(1, 3), c);
                return c[0] * c[0] + 2 * c[1] + 3 * c[2];
            }

            public static double[] CrossLossH(double x, double y, double z) { var h = new double[9]; CrossLossHessian(x, y, z, h); return h; }

            [Differentiable(Forward = true, Hessian = true)]
            public static double Layer(double x, double y)
            {
                double[] w = { x, 0.5, -y, x * y, 0.3, y };
                double[] input = { y, 1.0 };
                Span<double> h = stackalloc double[3];
                Sp.Dense(w, input, h);
                return h[0] + 2 * h[1] + 3 * h[2];
            }

            public static double[] LayerH(double x, double y) { var h = new double[4]; LayerHessian(x, y, h); return h; }

            [Differentiable(Forward = true, Hessian = true)]
            public static double Overlap(double x, double y)
            {
                double[] a = { x, y, 1.0, x * y };
                Sp.Smooth(a.AsSpan(0, 4), a.AsSpan(1, 3));
                return a[1] * a[3] + a[2];
            }

            public static double[] OverlapH(double x, double y) { var h = new double[4]; OverlapHessian(x, y, h); return h; }

            [Differentiable(Forward = true, Hessian = true)]
            public static double NormDot(double x, double y, int k)
            {
                double[] a = { x, y, 2.0, x - y };
                double s = 0;
                for (int i = 0; i < k; i++) s += Sp.Dot(a.AsSpan(i, 2), a.AsSpan(1, 2));
                Span<double> t = stackalloc double[2];
                t[0] = x * y;
                t[1] = 1.0;
                double n = Sp.Normalize(t);
                return s + n * t[0] + 3 * t[1];
            }

            public static double[] NormDotH(double x, double y, int k) { var h = new double[4]; NormDotHessian(x, y, k, h); return h; }
        }
        """;

    private static readonly Lazy<Type> Loaded = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("S")!);

    [Fact]
    public void CrossOfSlicesIntoAStackallocSpan_MatchesTheHandGradient_InEveryMode()
    {
        double x = 0.7, y = -0.4, z = 1.3;
        // u = (x, y, 1.5), v' = v[1..4] = (z, xy, 2); c = u × v' = (2y − 1.5xy, 1.5z − 2x, x²y − yz), L = c0² + 2c1 + 3c2:
        // ∂L/∂x = 2c0(−1.5y) − 4 + 3(2xy), ∂L/∂y = 2c0(2 − 1.5x) + 3(x² − z), ∂L/∂z = 3 − 3y (here −6.136, −3.152, 4.2).
        double c0 = (2 * y) - (1.5 * x * y);
        var r = CentralDifferenceRunner.Check(Loaded.Value.GetMethod("CrossLoss")!, null, new object[] { x, y, z });
        Tolerance.AssertFormula((c0 * c0) + (2 * ((1.5 * z) - (2 * x))) + (3 * ((x * x * y) - (y * z))), r.Value, "L");
        Tolerance.AssertFormula((2 * c0 * (-1.5 * y)) - 4 + (6 * x * y), r.Gradient[0]![0], "∂x");
        Tolerance.AssertFormula((2 * c0 * (2 - (1.5 * x))) + (3 * ((x * x) - z)), r.Gradient[1]![0], "∂y");
        Tolerance.AssertFormula(3 - (3 * y), r.Gradient[2]![0], "∂z");
        ModeChecks.AtPoint(Loaded.Value, "CrossLoss", new object[] { x, y, z }, new Random(22));
    }

    [Fact]
    public void DenseLayerIntoAStackallocSpan_AndOverlappingSpansOfOneArray_MatchTheHandGradient_InEveryMode()
    {
        double x = 0.6, y = -0.8;
        // h = tanh(W·(y, 1)) with W = ((x, 0.5), (−y, xy), (0.3, y)): h0 = tanh(xy + 0.5), h1 = tanh(−y² + xy), h2 = tanh(1.3y);
        // L = h0 + 2h1 + 3h2: ∂L/∂x = (1 − h0²)y + 2(1 − h1²)y, ∂L/∂y = (1 − h0²)x + 2(1 − h1²)(x − 2y) + 3.9(1 − h2²).
        double h0 = Math.Tanh((x * y) + 0.5), h1 = Math.Tanh((-y * y) + (x * y)), h2 = Math.Tanh(1.3 * y);
        var r = CentralDifferenceRunner.Check(Loaded.Value.GetMethod("Layer")!, null, new object[] { x, y });
        Tolerance.AssertFormula(h0 + (2 * h1) + (3 * h2), r.Value, "layer L");
        Tolerance.AssertFormula(((1 - (h0 * h0)) * y) + (2 * (1 - (h1 * h1)) * y), r.Gradient[0]![0], "layer ∂x");
        Tolerance.AssertFormula(((1 - (h0 * h0)) * x) + (2 * (1 - (h1 * h1)) * (x - (2 * y))) + (3.9 * (1 - (h2 * h2))), r.Gradient[1]![0], "layer ∂y");
        ModeChecks.AtPoint(Loaded.Value, "Layer", new object[] { x, y }, new Random(23));

        // Smooth(a[0..4], a[1..4]) in place, in C#'s order: a1 = (x + y)/2, a2 = (a1 + 1)/2, a3 = (a2 + xy)/2 (each reads the
        // slot just written); L = a1 a3 + a2: ∂L/∂x = a3/2 + a1(1/8 + y/2) + 1/4, ∂L/∂y = a3/2 + a1(1/8 + x/2) + 1/4.
        double a1 = (x + y) / 2, a2 = (a1 + 1) / 2, a3 = (a2 + (x * y)) / 2;
        r = CentralDifferenceRunner.Check(Loaded.Value.GetMethod("Overlap")!, null, new object[] { x, y });
        Tolerance.AssertFormula((a1 * a3) + a2, r.Value, "overlap L");
        Tolerance.AssertFormula((a3 / 2) + (a1 * (0.125 + (y / 2))) + 0.25, r.Gradient[0]![0], "overlap ∂x");
        Tolerance.AssertFormula((a3 / 2) + (a1 * (0.125 + (x / 2))) + 0.25, r.Gradient[1]![0], "overlap ∂y");
        ModeChecks.AtPoint(Loaded.Value, "Overlap", new object[] { x, y }, new Random(24));
    }

    [Fact]
    public void AHelperReturningAValue_ThatWritesItsSpan_AndSlicesInALoop_MatchTheHandGradient_InEveryMode()
    {
        double x = 0.9, y = -0.3;
        // k = 2: s = Dot(a[0..2], a[1..3]) + Dot(a[1..3], a[1..3]) = (xy + 2y) + (y² + 4); Normalize leaves t = (xy, 1)/n with
        // n = √(x²y² + 1) and returns n: L = s + n t0 + 3 t1 = 2xy + 2y + y² + 4 + 3/n:
        // ∂L/∂x = 2y − 3xy²/n³, ∂L/∂y = 2x + 2 + 2y − 3x²y/n³.
        double n = Math.Sqrt((x * x * y * y) + 1);
        var r = CentralDifferenceRunner.Check(Loaded.Value.GetMethod("NormDot")!, null, new object[] { x, y, 2 });
        Tolerance.AssertFormula((2 * x * y) + (2 * y) + (y * y) + 4 + (3 / n), r.Value, "L");
        Tolerance.AssertFormula((2 * y) - (3 * x * y * y / (n * n * n)), r.Gradient[0]![0], "∂x");
        Tolerance.AssertFormula((2 * x) + 2 + (2 * y) - (3 * x * x * y / (n * n * n)), r.Gradient[1]![0], "∂y");
        ModeChecks.AtPoint(Loaded.Value, "NormDot", new object[] { x, y, 2 }, new Random(25));
        // A slice the method's own bounds check rejects throws as C# does (k = 4: a.AsSpan(3, 2) of four elements).
        var backward = Loaded.Value.GetMethod("NormDotBackward")!;
        var e = Assert.Throws<System.Reflection.TargetInvocationException>(() => backward.Invoke(null, new object[] { x, y, 4, 0.0, 0.0, 1.0 }));
        Assert.IsType<ArgumentOutOfRangeException>(e.InnerException);
    }

    [Fact]
    public void WhatIsNoView_IsAnErrorAtTheArgument_SayingWhatToWrite()
    {
        string source = Helpers + """
            public static partial class R
            {
                [Differentiable] public static double NewArray(double x, double y) { double[] u = { x, y, 1.0 }; Sp.Cross(u, u, new double[3]); return u[0]; }
                [Differentiable] public static double RangeWritten(double x, double y) { double[] a = { x, y, 1.0, 2.0 }; Sp.Smooth(a, a[1..]); return a[1]; }
                [Differentiable] public static double Reassigned(double x, double y) { double[] a = { x, y, 1.0, 2.0 }; Span<double> t = stackalloc double[3]; Sp.Shift(a, t); return t[0]; }
                [Differentiable] public static double RangeBesideWrite(double x, double y) { double[] a = { x, y, 1.0, 2.0 }; Sp.Smooth(a[0..4], a.AsSpan(1, 3)); return a[2]; }
                [Differentiable] public static double Created(double x, double y) { Span<double> t = stackalloc double[3]; t[0] = x; return Sp.Dot(new[] { x, y, 1.0 }.AsSpan(), t); }
            }
            """;
        var run = GeneratorHarness.Run(source);
        Assert.Empty(run.Exceptions);
        var expected = new (string Method, string At, string Says)[]
        {
            ("NewArray", "new double[3]", "keep the storage in a local first"),
            ("RangeWritten", "a[1..]", "x.AsSpan(start, length)"),
            ("Reassigned", "a", "assigns its span parameter 'src'"),
            ("RangeBesideWrite", "a[0..4]", "a copy C# makes at the call"),
            ("Created", "new[] { x, y, 1.0 }.AsSpan()", "keep the storage in a local first"),
        };
        var errors = run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.Equal(expected.Length, errors.Count);
        foreach (var (method, at, says) in expected)
        {
            int line = source.Split('\n').Select((l, i) => (l, i)).Single(p => p.l.Contains(" " + method + "(", StringComparison.Ordinal)).i;
            var error = Assert.Single(errors, d => d.Location.GetLineSpan().StartLinePosition.Line == line);
            Assert.Equal("ADG0003", error.Id);
            Assert.Equal(at, error.Location.SourceTree!.GetText().ToString(error.Location.SourceSpan));
            Assert.Contains(says, error.GetMessage(), StringComparison.Ordinal);
            Assert.DoesNotContain(run.Generated.Keys, k => k.Contains("." + method + "_", StringComparison.Ordinal));
        }
    }
}
