using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.PlainHelpers;

/// <summary>
/// hunt13: a plain helper (static, not [Differentiable]) taking a struct of reals by value or by <c>in</c>, or a real by
/// <c>in</c>, is inlined as other plain helpers are (before: ADG0003 at the call, "takes or returns a struct", and "A ref,
/// in or out argument"; Natural X14_hunt13's Idioms13.SegmentLength and Idioms13.InScalar). Each gradient is checked
/// against the value derived by hand and against central differences, with MForward and MHessian.
/// </summary>
public class PlainStructHelperTests
{
    private const string Source = """
        using System;
        using System.Numerics;
        using AutoDiffGen;

        namespace StructHelpers;

        public readonly struct Segment
        {
            public Segment(double ax, double ay, double bx, double by) { Ax = ax; Ay = ay; Bx = bx; By = by; }
            public double Ax { get; }
            public double Ay { get; }
            public double Bx { get; }
            public double By { get; }
            public double Length => Math.Sqrt((Bx - Ax) * (Bx - Ax) + (By - Ay) * (By - Ay));
        }

        public readonly struct Pt
        {
            public Pt(double a, double b) { A = a; B = b; }
            public double A { get; }
            public double B { get; }
        }

        public static class Geo
        {
            public static double Weighted(in double a, double b) => a * a * b;
            public static double Perimeter(in Segment s) => 2.0 * s.Length + Math.Abs(s.Bx - s.Ax);
            public static float Len2(Vector3 v) => v.X * v.X + v.Y * v.Y + 2f * v.Z * v.Z;
            public static (double S, double D) SumDiff(in Pt p) => (p.A + p.B, p.A - p.B);
        }

        public static partial class F
        {
            // x²y + x
            [Differentiable(Forward = true, Hessian = true)]
            public static double InScalar(double x, double y) => Geo.Weighted(in x, y) + x;

            // 3·√(x² + y²) + |x|
            [Differentiable(Forward = true, Hessian = true)]
            public static double SegmentLength(double x, double y)
            {
                var s = new Segment(0.0, 0.0, x, y);
                return Geo.Perimeter(in s) + s.Length;
            }

            // x² + x²y² + 2y²
            [Differentiable(Forward = true)]
            public static float Vector(float x, float y) => Geo.Len2(new Vector3(x, x * y, y));

            // (x² + y)(x² − y) = x⁴ − y²
            [Differentiable(Forward = true, Hessian = true)]
            public static double Tuple(double x, double y)
            {
                var (s, d) = Geo.SumDiff(new Pt(x * x, y));
                return s * d;
            }

            public static double[] InScalarH(double x, double y) { var h = new double[4]; InScalarHessian(x, y, h); return h; }
            public static double[] SegmentLengthH(double x, double y) { var h = new double[4]; SegmentLengthHessian(x, y, h); return h; }
            public static double[] TupleH(double x, double y) { var h = new double[4]; TupleHessian(x, y, h); return h; }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static double[] Hessian(string name, double x, double y) =>
        (double[])Compiled.Value.GetType("StructHelpers.F", throwOnError: true)!.GetMethod(name + "H")!.Invoke(null, new object[] { x, y })!;

    public static IEnumerable<object[]> Cases()
    {
        // name, x, y, ∂x, ∂y by hand, Hessian by hand (row-major) or null
        yield return new object[] { "InScalar", 1.3, 0.7, 2 * 1.3 * 0.7 + 1, 1.3 * 1.3, new[] { 2 * 0.7, 2 * 1.3, 2 * 1.3, 0.0 } };
        // L = 5: ∂x = 3x/L + 1, ∂y = 3y/L; ∂²/∂x² = 3y²/L³, ∂²/∂x∂y = −3xy/L³, ∂²/∂y² = 3x²/L³.
        yield return new object[] { "SegmentLength", 3.0, 4.0, 2.8, 2.4, new[] { 3 * 16 / 125.0, -3 * 12 / 125.0, -3 * 12 / 125.0, 3 * 9 / 125.0 } };
        yield return new object[] { "Vector", 1.0, 2.0, 10.0, 12.0, null! };
        yield return new object[] { "Tuple", 1.5, -0.5, 4 * 1.5 * 1.5 * 1.5, 1.0, new[] { 12 * 1.5 * 1.5, 0.0, 0.0, -2.0 } };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheHelperIsInlined_GradientByHandAndCentralDifferences(string name, double x, double y, double dx, double dy, double[]? hessian)
    {
        var m = new Differentiated(Compiled.Value, "StructHelpers.F", name);
        bool single = name == "Vector";
        double tol = single ? 1e-4 : 1e-12;
        var (value, gradient) = m.Backward(new[] { x, y });
        Assert.Equal(m.Value(x, y), value);
        Assert.Equal(dx, gradient[0], tol * (1 + Math.Abs(dx)));
        Assert.Equal(dy, gradient[1], tol * (1 + Math.Abs(dy)));
        Assert.Equal(0.3 * dx - 0.7 * dy, m.Forward(new[] { x, y }, new[] { 0.3, -0.7 }).Tangent, tol * (1 + Math.Abs(dx) + Math.Abs(dy)));
        if (!single)
        {
            for (int i = 0; i < 2; i++)
            {
                double h = 1e-6 * (1 + Math.Abs(i == 0 ? x : y));
                double up = i == 0 ? m.Value(x + h, y) : m.Value(x, y + h), down = i == 0 ? m.Value(x - h, y) : m.Value(x, y - h);
                Assert.Equal((up - down) / (2 * h), gradient[i], 1e-6 * (1 + Math.Abs(gradient[i])));
            }
        }
        if (hessian is not null)
        {
            var got = Hessian(name, x, y);
            for (int i = 0; i < 4; i++) Assert.Equal(hessian[i], got[i], 1e-10 * (1 + Math.Abs(hessian[i])));
        }
    }

    [Fact]
    public void ARefStructParameter_IsTheTryShapedHelpersCase_AndRight()
    {
        // Not a read-only reference: the Try-shaped inliner (try12) takes it, as before. M = 2x·(x + 1), M′ = 4x + 2.
        string source = Source.Replace("public static class Geo\n", "public static class Geo2 { public static double G(ref Pt p) => p.A * p.B; }\n\npublic static class Geo\n", StringComparison.Ordinal)
            + "\npublic static partial class Out\n{\n    [Differentiable]\n    public static double M(double x)\n    {\n        var p = new Pt(2 * x, x + 1); return Geo2.G(ref p);\n    }\n}\n";
        var m = new Differentiated(GeneratorHarness.CompileAndLoad(source), "StructHelpers.Out", "M");
        Assert.Equal(4 * 0.7 + 2, m.Backward(new[] { 0.7 }).Gradient[0], 1e-12);
    }

    [Theory]
    // A body that writes a static field: one ADG0004 at the call, naming it.
    [InlineData("public static int Count; public static double G(in Pt p) { Count++; return p.A * p.B; }", "var p = new Pt(x, 2.0); return Geo2.G(in p);", "Geo2.G(in p)")]
    public void OutsideSupport_OneErrorAtTheCall_NoCode(string helper, string body, string call)
    {
        string source = Source.Replace("public static class Geo\n", "public static class Geo2 { " + helper + " }\n\npublic static class Geo\n", StringComparison.Ordinal)
            + "\npublic static partial class Out\n{\n    [Differentiable]\n    public static double M(double x)\n    {\n        " + body + "\n    }\n}\n";
        var result = GeneratorHarness.Run(source);
        Assert.Empty(result.Exceptions);
        Assert.Empty(result.CompileDiagnostics);
        Assert.DoesNotContain(result.Generated.Keys, k => k.Contains("Out.M", StringComparison.Ordinal));
        var error = Assert.Single(result.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(call, error.Location.SourceTree!.GetText().ToString(error.Location.SourceSpan));
    }
}
