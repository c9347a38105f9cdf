using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.PlainHelpers;

/// <summary>
/// structs14: plain helpers (static, not [Differentiable]) over the struct shapes hunt13 left out are inlined as other
/// plain helpers are: a helper returning a struct (<c>p with { X = p.X + d }</c>, a Complex, a struct built with an int
/// member), taking a Complex or a struct with an int member (the int carried as a constant), writing a member of its own
/// by-value struct parameter. Before: ADG0003 at the call ("takes or returns a struct") or ADG0004 ("sets the property").
/// Each gradient is checked against the value derived by hand, central differences, MForward and MHessian.
/// </summary>
public class StructHelperShapesTests
{
    private const string Source = """
        using System;
        using System.Numerics;
        using AutoDiffGen;

        namespace Shapes14;

        public record struct P2(double X, double Y);
        public struct Sample { public int Id; public double W; }
        public struct M2 { public double X; public double Y; }

        public static class H
        {
            public static P2 Shift(P2 p, double d) => p with { X = p.X + d };
            public static double Weigh(Sample s, double x) => s.Id * s.W * x + s.W;
            public static double Mag2(Complex z) => (z * z).Real + z.Imaginary * z.Real;
            public static Complex Sq(Complex z) => z * z + z;
            public static Sample Scale(Sample s, double k) => new Sample { Id = s.Id + 1, W = s.W * k };
            public static double Bump(M2 p) { p.X = p.X * 2; return p.X + p.Y; }
        }

        public static partial class F
        {
            // Shift(P2(xy, y), x).X·y = (xy + x)·y
            [Differentiable(Forward = true, Hessian = true)]
            public static double With(double x, double y) => H.Shift(new P2(x * y, y), x).X * y;

            // 3·w²·x + w² (Id = 3 a constant)
            [Differentiable(Forward = true, Hessian = true)]
            public static double IntMember(double x, double y) => H.Weigh(new Sample { Id = 3, W = y * y }, x);

            // Re((x + iy)²) + xy = x² − y² + xy
            [Differentiable(Forward = true, Hessian = true)]
            public static double ComplexIn(double x, double y) => H.Mag2(new Complex(x, y));

            // Im((x + iy)² + x + iy) = 2xy + y
            [Differentiable(Forward = true, Hessian = true)]
            public static double ComplexOut(double x, double y) => H.Sq(new Complex(x, y)).Imaginary;

            // Scale(Sample { Id = 2, W = y }, x): Id 3, W = xy; 3xy
            [Differentiable(Forward = true, Hessian = true)]
            public static double IntMemberOut(double x, double y) { var s = H.Scale(new Sample { Id = 2, W = y }, x); return s.Id * s.W; }

            // Bump(M2 { X = xy, Y = y }) = 2xy + y
            [Differentiable(Forward = true, Hessian = true)]
            public static double MemberWrite(double x, double y) => H.Bump(new M2 { X = x * y, Y = y });

            public static double[] WithH(double x, double y) { var h = new double[4]; WithHessian(x, y, h); return h; }
            public static double[] IntMemberH(double x, double y) { var h = new double[4]; IntMemberHessian(x, y, h); return h; }
            public static double[] ComplexInH(double x, double y) { var h = new double[4]; ComplexInHessian(x, y, h); return h; }
            public static double[] ComplexOutH(double x, double y) { var h = new double[4]; ComplexOutHessian(x, y, h); return h; }
            public static double[] IntMemberOutH(double x, double y) { var h = new double[4]; IntMemberOutHessian(x, y, h); return h; }
            public static double[] MemberWriteH(double x, double y) { var h = new double[4]; MemberWriteHessian(x, y, h); return h; }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    public static IEnumerable<object[]> Cases()
    {
        const double x = 1.3, y = -0.7;
        // name, x, y, ∂x, ∂y, Hessian (row-major), all by hand
        yield return new object[] { "With", x, y, y * y + y, 2 * x * y + x, new[] { 0.0, 2 * y + 1, 2 * y + 1, 2 * x } };
        yield return new object[] { "IntMember", x, y, 3 * y * y, 6 * x * y + 2 * y, new[] { 0.0, 6 * y, 6 * y, 6 * x + 2 } };
        yield return new object[] { "ComplexIn", x, y, 2 * x + y, -2 * y + x, new[] { 2.0, 1.0, 1.0, -2.0 } };
        yield return new object[] { "ComplexOut", x, y, 2 * y, 2 * x + 1, new[] { 0.0, 2.0, 2.0, 0.0 } };
        yield return new object[] { "IntMemberOut", x, y, 3 * y, 3 * x, new[] { 0.0, 3.0, 3.0, 0.0 } };
        yield return new object[] { "MemberWrite", x, y, 2 * y, 2 * x + 1, new[] { 0.0, 2.0, 2.0, 0.0 } };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheHelperIsInlined_ByHandCentralDifferencesForwardAndHessian(string name, double x, double y, double dx, double dy, double[] hessian)
    {
        var m = new Differentiated(Compiled.Value, "Shapes14.F", name);
        var (value, gradient) = m.Backward(new[] { x, y });
        Assert.Equal(m.Value(x, y), value);
        Tolerance.AssertFormula(dx, gradient[0], name + " ∂x");
        Tolerance.AssertFormula(dy, gradient[1], name + " ∂y");
        for (int i = 0; i < 2; i++)
        {
            double h = 1e-6 * (1 + Math.Abs(i == 0 ? x : y));
            double up = i == 0 ? m.Value(x + h, y) : m.Value(x, y + h), down = i == 0 ? m.Value(x - h, y) : m.Value(x, y - h);
            Tolerance.AssertCentral((up - down) / (2 * h), gradient[i], value, name + " central " + i);
        }
        Tolerance.AssertFormula(0.3 * dx - 0.7 * dy, m.Forward(new[] { x, y }, new[] { 0.3, -0.7 }).Tangent, name + " forward");
        var got = (double[])Compiled.Value.GetType("Shapes14.F", throwOnError: true)!.GetMethod(name + "H")!.Invoke(null, new object[] { x, y })!;
        for (int i = 0; i < 4; i++) Tolerance.AssertFormula(hessian[i], got[i], name + " H" + i);
    }

    /// <summary>
    /// The constructs other tests pinned as refused until structs14 (Structs/DiscreteMemberTests' Twice(s),
    /// Structs/StructDiagnosticTests' Twice(v).X, Complex/ComplexDiagnosticTests' Plain(z) and Plain(zs[0])), as written
    /// there, with their gradients by hand: every one is linear, so the values are exact.
    /// </summary>
    [Fact]
    public void FormerlyPinnedStructHelpers_AreDifferentiated_ByHand()
    {
        const string pins = """
            using System;
            using System.Numerics;
            using AutoDiffGen;

            namespace Pins14;

            public struct S { public double X; public int Id; }

            public static partial class C
            {
                static double Twice(S s) => 2 * s.X;
                public static Vector2 TwiceV(Vector2 v) => v * 2;
                static double Plain(Complex z) => z.Real;
                [Differentiable] public static double A(double x) { var s = new S { X = x, Id = 2 }; return Twice(s) * x; }
                [Differentiable] public static float B(Vector2 v) => TwiceV(v).X * v.Y;
                [Differentiable] public static double D(Complex z) => Plain(z) * z.Imaginary;
                [Differentiable] public static double E(Complex[] zs) => Plain(zs[0]) + zs[1].Real;
            }
            """;
        var type = GeneratorHarness.CompileAndLoad(pins).GetType("Pins14.C", throwOnError: true)!;
        // A = 2x²: 4x.
        var a = new Differentiated(type.Assembly, "Pins14.C", "A");
        Assert.Equal(4 * 1.25, a.Backward(new[] { 1.25 }).Gradient[0]);
        Tolerance.AssertCentral((a.Value(1.25 + 1e-6) - a.Value(1.25 - 1e-6)) / 2e-6, 5.0, a.Value(1.25));
        // B = 2·v.X·v.Y: (2v.Y, 2v.X).
        var bArgs = new object[] { new System.Numerics.Vector2(1.5f, -0.25f), System.Numerics.Vector2.Zero, 1f };
        type.GetMethod("BBackward")!.Invoke(null, bArgs);
        Assert.Equal(new System.Numerics.Vector2(-0.5f, 3f), (System.Numerics.Vector2)bArgs[1]);
        // D = Re z · Im z: (Im z, Re z).
        var dArgs = new object[] { new System.Numerics.Complex(0.75, -2), System.Numerics.Complex.Zero, 1.0 };
        type.GetMethod("DBackward")!.Invoke(null, dArgs);
        Assert.Equal(new System.Numerics.Complex(-2, 0.75), (System.Numerics.Complex)dArgs[1]);
        // E = Re zs[0] + Re zs[1]: 1 into each real part.
        var dzs = new System.Numerics.Complex[2];
        type.GetMethod("EBackward")!.Invoke(null, new object[] { new[] { new System.Numerics.Complex(1, 2), new System.Numerics.Complex(3, 4) }, dzs, 1.0 });
        Assert.Equal(new[] { System.Numerics.Complex.One, System.Numerics.Complex.One }, dzs);
    }

    [Theory]
    // A helper returning a struct whose body writes a static field: one ADG0004 at the call, naming the write.
    [InlineData("public static int Count; public static P2 G(P2 p) { Count++; return p with { Y = 2 * p.Y }; }", "return Out2.G(new P2(x, x)).Y;", "Out2.G(new P2(x, x))", "writes the static field 'Count'")]
    // A Complex helper using a Complex function without a derivative: ADG0004 at the call, naming it.
    [InlineData("public static double G(Complex z) => Complex.MaxMagnitude(z, Complex.One).Real;", "return Out2.G(new Complex(x, 1));", "Out2.G(new Complex(x, 1))", "MaxMagnitude")]
    // A helper writing a member of a struct held in a static field (not its own): ADG0004 at the call.
    [InlineData("public static M2 Held; public static double G(Sample s) { Held.X = s.W; return s.W * s.Id; }", "return Out2.G(new Sample { Id = 2, W = x });", "Out2.G(new Sample { Id = 2, W = x })", "writes the static field 'Held'")]
    public void OutsideSupport_OneErrorAtTheCall_NamingIt_NoCode(string helper, string body, string call, string names)
    {
        string source = Source.Replace("public static class H\n", "public static class Out2 { " + helper + " }\n\npublic static class H\n", StringComparison.Ordinal)
            + "\npublic static partial class Out\n{\n    [Differentiable]\n    public static double M(double x)\n    {\n        " + body + "\n    }\n}\n";
        var result = GeneratorHarness.Run(source);
        Assert.Empty(result.Exceptions);
        Assert.Empty(result.CompileDiagnostics);
        Assert.DoesNotContain(result.Generated.Keys, k => k.Contains("Out.M", StringComparison.Ordinal));
        var error = Assert.Single(result.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ADG0004", error.Id);
        Assert.Equal(call, error.Location.SourceTree!.GetText().ToString(error.Location.SourceSpan));
        Assert.Contains(names, error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
