using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.HeldOut;

/// <summary>
/// Held-out check 5 (hunt17, Unity.Mathematics): its vector types convert a scalar implicitly
/// (<c>public static implicit operator float3(float v) { return new float3(v); }</c>), and its noise functions lean on it:
/// <c>psrnoise</c> writes <c>fmod(float3(p0.x, p1.x, p2.x), per.x)</c>, where <c>per.x</c> becomes a <c>float3</c> through
/// that operator. A user-defined conversion was ADG0003 "the expression kind Conversion", though the struct's other
/// operators were inlined. It is now inlined the same way: its parameter holds the operand, its body gives the components
/// (to a struct) or the value (to a real). A minimal struct of our own, not Unity's text; by hand and central differences.
/// </summary>
public class UserConversionTests
{
    private const string Types = """
        using System;
        using AutoDiffGen;

        public struct V3
        {
            public double X, Y, Z;
            public V3(double x, double y, double z) { X = x; Y = y; Z = z; }
            public V3(double v) { X = v; Y = v; Z = v; }
            public static implicit operator V3(double v) { return new V3(v); }
            public static explicit operator double(V3 v) => v.X + v.Y + v.Z;
            public static V3 operator *(V3 a, V3 b) => new V3(a.X * b.X, a.Y * b.Y, a.Z * b.Z);
        }

        public struct F2
        {
            public float X, Y;
            public F2(float x, float y) { X = x; Y = y; }
            public static implicit operator F2(float v) => new F2(v, v);
        }

        """;

    private const string Supported = Types + """
        public static partial class Conv
        {
            // As Unity's fmod(float3 x, float3 y) called with a scalar: a plain helper whose struct argument is converted.
            static V3 Mul(V3 a, V3 b) => a * b;
            static F2 Twice(F2 a) => new F2(2 * a.X, 2 * a.Y);

            // Mul((x, x², 1), k).Y = k·x²
            [Differentiable(Forward = true)] public static double Broadcast(double x, double k) => Mul(new V3(x, x * x, 1), k).Y;

            // A local initialised by the conversion: s = (k, k, k); s.X·x + (s * s).Z = kx + k²
            [Differentiable] public static double Local(double x, double k)
            {
                V3 s = k;
                return s.X * x + (s * s).Z;
            }

            // To a real: (double)(x, y, xy) = x + y + xy
            [Differentiable] public static double ToReal(double x, double y) => (double)new V3(x, y, x * y);

            // The conversion of a computed value: s = (kx, kx, kx); (s * s).X = k²x²
            [Differentiable(Hessian = true)] public static double Squared(double x, double k)
            {
                V3 s = k * x;
                return (s * s).X;
            }

            // float: Twice(f).Y · f = 2f²
            [Differentiable] public static float Single(float f) => Twice(f).Y * f;

            // A float into the double conversion (C# widens it first): s = (f, f, f); s.X · s.Y = f²
            [Differentiable] public static double Widened(float f)
            {
                V3 s = f;
                return s.X * s.Y;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Supported));

    private static MethodInfo Method(string name) => Compiled.Value.GetType("Conv")!.GetMethod(name)!;

    private static double[] Gradient(string name, params object[] point) =>
        CentralDifferenceRunner.Check(Method(name), null, point).Gradient.Select(g => g![0]).ToArray();

    /// <summary>k·x²: ∂/∂x = 2kx, ∂/∂k = x²; the Forward's tangent along (tx, tk) is 2kx·tx + x²·tk.</summary>
    [Theory]
    [InlineData(1.5, 0.7)]
    [InlineData(-0.4, 2.2)]
    public void AScalarArgumentBroadcast(double x, double k)
    {
        var g = Gradient("Broadcast", x, k);
        Tolerance.AssertFormula(2 * k * x, g[0], "∂/∂x");
        Tolerance.AssertFormula(x * x, g[1], "∂/∂k");
        var args = new object?[] { x, k, 0.3, -1.1, null };
        Method("BroadcastForward").Invoke(null, args);
        Tolerance.AssertFormula((2 * k * x * 0.3) + (x * x * -1.1), (double)args[4]!, "tangent");
    }

    /// <summary>kx + k²: ∂/∂x = k, ∂/∂k = x + 2k.</summary>
    [Theory]
    [InlineData(0.9, -1.3)]
    [InlineData(2.5, 0.6)]
    public void ALocalInitialisedByIt(double x, double k)
    {
        var g = Gradient("Local", x, k);
        Tolerance.AssertFormula(k, g[0], "∂/∂x");
        Tolerance.AssertFormula(x + (2 * k), g[1], "∂/∂k");
    }

    /// <summary>x + y + xy: ∂/∂x = 1 + y, ∂/∂y = 1 + x.</summary>
    [Theory]
    [InlineData(0.8, -2.0)]
    [InlineData(-1.5, 0.25)]
    public void AnExplicitConversionToAReal(double x, double y)
    {
        var g = Gradient("ToReal", x, y);
        Tolerance.AssertFormula(1 + y, g[0], "∂/∂x");
        Tolerance.AssertFormula(1 + x, g[1], "∂/∂y");
    }

    /// <summary>k²x²: gradient (2k²x, 2kx²); Hessian [[2k², 4kx], [4kx, 2x²]].</summary>
    [Theory]
    [InlineData(1.2, 0.5)]
    [InlineData(-0.7, 1.9)]
    public void ItsHessian(double x, double k)
    {
        var g = Gradient("Squared", x, k);
        Tolerance.AssertFormula(2 * k * k * x, g[0], "∂/∂x");
        Tolerance.AssertFormula(2 * k * x * x, g[1], "∂/∂k");
        var hessian = new double[4];
        var call = Method("SquaredHessian").CreateDelegate<Func<double, double, Span<double>, double>>();
        call(x, k, hessian);
        Tolerance.AssertFormula(2 * k * k, hessian[0], "∂²/∂x²");
        Tolerance.AssertFormula(4 * k * x, hessian[1], "∂²/∂x∂k");
        Tolerance.AssertFormula(4 * k * x, hessian[2], "∂²/∂k∂x");
        Tolerance.AssertFormula(2 * x * x, hessian[3], "∂²/∂k²");
    }

    /// <summary>2f² in float: derivative 4f.</summary>
    [Theory]
    [InlineData(1.25f)]
    [InlineData(-0.5f)]
    public void InFloat(float f)
    {
        Tolerance.AssertClose(4 * f, Gradient("Single", f)[0], 1e-5, "d(2f²)/df");
        Tolerance.AssertClose(2 * f, Gradient("Widened", f)[0], 1e-5, "d(f²)/df");
    }

    [Theory]
    // A conversion from an array: only reals and structs of reals are bound to an inlined operator's parameters.
    [InlineData("public struct A3 { public double X; public static implicit operator A3(double[] a) => new A3 { X = a[0] }; }\n"
        + "public static partial class D { [Differentiable] public static double F(double[] values) { A3 s = values; return s.X; } }", "values;", "Conversion")]
    // A conversion that uses itself has no end the generator can see.
    [InlineData("public struct W { public double A; public static implicit operator W(double v) => v > 1 ? (W)(v / 2) : new W { A = v }; }\n"
        + "public static partial class D { [Differentiable] public static double F(double x) { W w = x; return w.A; } }", "(W)(v / 2)", "uses itself")]
    public void OutsideTheSupport_IsADG0003(string members, string at, string says)
    {
        string source = members.StartsWith("public struct", StringComparison.Ordinal) ? Types + members : Types + "public static partial class C\n{\n" + members + "\n}\n";
        ProgramBatch.AssertSingleErrorAt(source, "ADG0003", at, says);
    }
}
