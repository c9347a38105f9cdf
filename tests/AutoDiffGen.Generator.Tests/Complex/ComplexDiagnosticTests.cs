using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Complex;

/// <summary>
/// Complex constructs that stay errors: at the construct, with the reason and what to write instead, no generated
/// method, no broken build. (Complex parameters and results, Pow, Tan, … are supported: Complex/Boundary.)
/// </summary>
public class ComplexDiagnosticTests
{
    private const string Prelude = """
        using System;
        using System.Numerics;
        using AutoDiffGen;
        public struct Holder { public Complex Z; }
        public static partial class C
        {
            static double Plain(Complex z) => z.Real;
            static double PlainArray(Complex[] z) => z[0].Real;
        """;

    [Theory]
    // A struct holding a Complex is supported (ComplexStructTests), but not with a Hessian (a Complex's parts are not numbered
    // among MHessian's scalars; other structs built whole are taken since hess15).
    [InlineData("[Differentiable(Hessian = true)] public static double F(Holder h) => h.Z.Real * h.Z.Imaginary;", "ADG0019", "Holder h", "")]
    // A Complex[] parameter is read as zs[i] and zs.Length only (ComplexArrayTests); anything else is an error at it.
    [InlineData("[Differentiable] public static double F(Complex[] zs) { double s = 0; foreach (var z in zs) s += z.Real; return s; }", "ADG0003", "zs", "read its elements as zs[i] in a for loop")]
    [InlineData("[Differentiable] public static double F(Complex[] zs, double x) { zs[0] = x; return zs[0].Real; }", "ADG0003", "zs", "a write into it")]
    [InlineData("[Differentiable] public static double F(Complex[] zs) => System.Linq.Enumerable.Sum(zs, z => z.Real);", "ADG0003", "zs", "LINQ")]
    // Plain(zs[0]) + zs[1].Real: a plain helper taking a Complex is inlined since structs14 (PlainHelpers/StructHelperShapesTests, by hand).
    [InlineData("[Differentiable] public static double F(Complex[] zs) => PlainArray(zs);", "ADG0003", "zs", "a call that is not [Differentiable]")]
    [InlineData("[Differentiable(Forward = true)] public static double F(Complex[] zs) => zs[0].Real;", "ADG0018", "Complex[] zs", "MBackward only")]
    [InlineData("[Differentiable(Hessian = true)] public static double F(Complex[] zs) => zs[0].Real * zs[0].Imaginary;", "ADG0019", "Complex[] zs", "MBackward only")]
    [InlineData("[Differentiable] public static double F(Complex[,] zs) => zs[0, 0].Real;", "ADG0006", "Complex[,] zs", "Complex[] (index i * columns + j)")]
    [InlineData("[Differentiable] public static double F(Complex z, int n) { var a = new Complex[n]; a[0] = z; return a[0].Real; }", "ADG0003", "new Complex[n]", "two arrays")]
    // By reference, in a tuple, with a Hessian.
    [InlineData("[Differentiable] public static double F(ref Complex z) => z.Real;", "ADG0006", "ref Complex z", "pass it by value")]
    [InlineData("[Differentiable] public static (Complex, double) F(double x) => (new Complex(x, 1), x);", "ADG0005", "(Complex, double)", "")]
    [InlineData("[Differentiable(Hessian = true)] public static double F(Complex z) => z.Real * z.Imaginary;", "ADG0019", "Complex z", "pass its values as double/float parameters")]
    // Functions without a rule, a helper passed a complex value. (The equality operator on differentiated values only decides
    // a branch since hunt11: ComplexBoundaryPropertyTests checks it against central differences.)
    [InlineData("[Differentiable] public static double F(double x) => Complex.MaxMagnitude(new Complex(x, 1), Complex.One).Real;", "ADG0003", "Complex.MaxMagnitude(new Complex(x, 1), Complex.One)", "z.Magnitude >= w.Magnitude ? z : w")]
    [InlineData("[Differentiable] public static double F(Complex z) => Complex.MinMagnitude(z, Complex.One).Imaginary;", "ADG0003", "Complex.MinMagnitude(z, Complex.One)", "as a [Differentiable] helper that takes and returns Complex")]
    // Plain(z): inlined since structs14 (PlainHelpers/StructHelperShapesTests, by hand).
    [InlineData("[Differentiable] public static Complex F(Complex z, ref double y) { y = y * 2; return z; }", "ADG0003", "F", "also writes into its ref")]
    [InlineData("[Differentiable] public static double F(float x) { Complex z = x; return z.Real; }", "ADG0003", "x", "(double)x")]
    public void Unsupported_IsAnError_AtTheConstruct(string member, string id, string span, string says)
    {
        var result = GeneratorHarness.Run(Prelude + member + "\n}");
        var found = result.Diagnostics.Where(d => d.Id == id).ToList();
        Assert.True(found.Count > 0, "expected " + id + "\n" + result.Dump());
        Assert.Contains(found, d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == span);
        Assert.Contains(found, d => d.GetMessage().Contains(says, StringComparison.Ordinal));
        Assert.DoesNotContain(result.Generated.Keys, k => k.Contains(".F_", StringComparison.Ordinal));
        Assert.Empty(result.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(result.Exceptions);
    }

    [Fact]
    public void AForwardCaller_OfAComplexHelperWithoutForward_GetsItsForwardFromItsBody()
    {
        // ADG0018 at G(z) until 2026-12-03 (hess6): G's MForward is now written from its body (DerivedForms).
        var result = GeneratorHarness.RunForLoad(Prelude + """
            [Differentiable] public static Complex G(Complex z) => Complex.Exp(z);
            [Differentiable(Forward = true)] public static double F(Complex z) => G(z).Real * 2;
            }
            """);
        result.AssertClean();
        var type = GeneratorHarness.Load(result).GetType("C")!;
        var z = new System.Numerics.Complex(0.4, 1.1);
        var t = new System.Numerics.Complex(0.7, -0.3);
        var args = new object[] { z, t, null! };
        type.GetMethod("FForward")!.Invoke(null, args);
        // By hand: F = 2·e^a·cos b, dF = 2·e^a·(cos b·ta − sin b·tb).
        Tolerance.AssertFormula(2 * Math.Exp(z.Real) * (Math.Cos(z.Imaginary) * t.Real - Math.Sin(z.Imaginary) * t.Imaginary), (double)args[2], "F's tangent by hand");
        var f = type.GetMethod("F")!.CreateDelegate<Func<System.Numerics.Complex, double>>();
        Tolerance.AssertCentral((f(z + 1e-6 * t) - f(z - 1e-6 * t)) / 2e-6, (double)args[2], 5, "F's tangent vs central differences");
    }

    [Fact]
    public void AConstantComplex_IsComputedAsWritten()
    {
        var result = GeneratorHarness.Run(Prelude + """
            [Differentiable] public static double F(double x) { var k = Complex.Pow(new Complex(1, 2), 3); var z = new Complex(x, 0) * k; return z.Imaginary; }
            }
            """);
        result.AssertClean();
    }
}
