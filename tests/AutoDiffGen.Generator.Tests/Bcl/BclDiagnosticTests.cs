using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Bcl;

/// <summary>
/// What stays diagnosed around the BCL: LINQ on a differentiated value beyond the forms lowered to loops (ADG0003 at the call, with the loop to write),
/// generic methods over a T that is not a floating-point type (ADG0010 alone), and library functions without a rule (ADG0004); and what must not be: LINQ on
/// [NoDiff] data, and the generic-math statics of double in a comparison.
/// </summary>
public class BclDiagnosticTests
{
    private const string Prelude = """
        using System;
        using System.Linq;
        using System.Numerics;
        using AutoDiffGen;

        public static partial class B
        {

        """;

    private static GeneratorOutput Run(string member) => GeneratorHarness.Run(Prelude + member + "\n}\n");

    [Theory]
    [InlineData("[Differentiable] public static double F(double y) => new[] { y, 2 * y }.Sum();", "new[] { y, 2 * y }", "local array")]
    [InlineData("[Differentiable] public static double F(double[] x) => x.First() * 3;", "x.First()", "for (int i = 0;")]
    [InlineData("[Differentiable] public static double F(double[] x) => x.TakeWhile(v => v > 0).Sum();", "x.TakeWhile(v => v > 0)", "write the loop over the indices")]
    [InlineData("[Differentiable] public static double F(double[] x) => x.Skip(1).Max();", "x.Skip(1)", "write the loop over the indices")]
    public void Linq_OnADifferentiatedValue_IsADG0003_WithTheLoopToWrite(string member, string span, string hint)
    {
        var result = Run(member);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var found = Assert.Single(errors, d => d.Id == "ADG0003");
        Assert.Equal(span, found.Location.SourceTree!.GetText().ToString(found.Location.SourceSpan));
        Assert.Contains("LINQ", found.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("differentiated", found.GetMessage() + (span.StartsWith("new", StringComparison.Ordinal) ? "differentiated" : ""), StringComparison.Ordinal);
        Assert.Contains(hint, found.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(result.Generated.Keys, k => k.Contains(".F_", StringComparison.Ordinal));
        Assert.Empty(result.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    /// <summary>The common forms are lowered to the loops they run (Linq/LinqTests checks their gradients): no diagnostic, a Backward that builds.</summary>
    [Theory]
    [InlineData("[Differentiable] public static double F(double[] x) => x.Sum();")]
    [InlineData("[Differentiable] public static double F(double[] x) => x.Average() * 2;")]
    [InlineData("[Differentiable] public static double F(double[] x) => x.Max();")]
    [InlineData("[Differentiable] public static double F(double[] x) => x.Min();")]
    [InlineData("[Differentiable] public static double F(double[] x) => x.Select(v => v * v).Sum();")]
    [InlineData("[Differentiable] public static double F(double[] x, double[] y) => x.Zip(y, (a, b) => a * b).Sum();")]
    [InlineData("[Differentiable] public static double F(double[] x) => x.Aggregate(1.0, (p, v) => p * v);")]
    public void Linq_CommonForms_AreDifferentiated(string member) => Run(member).AssertClean();

    /// <summary>LINQ over data that carries no gradient is copied into the forward sweep as it is (without lambdas, which are ADG0003 anywhere).</summary>
    [Fact]
    public void Linq_OnNoDiffData_IsSupported()
    {
        var assembly = GeneratorHarness.CompileAndLoad(Prelude + """
                [Differentiable] public static double F(double x, [NoDiff] double[] w) => x * w.Sum() + Math.Sin(x) * w.Max();
            }
            """);
        var type = assembly.GetType("B")!;
        double[] w = { 0.5, -2.0, 1.5 };
        double x = 0.7;
        var args = new object[] { x, w, 0.0, 1.0 };
        type.GetMethod("FBackward")!.Invoke(null, args);
        // d/dx (x·Σw + sin x·max w) = Σw + cos x·max w = 0 + 1.5·cos x.
        Tolerance.AssertFormula(0.0 + (Math.Cos(x) * 1.5), (double)args[2], "dX");
    }

    /// <summary>Generic math over a floating-point T is differentiated (GenericMath/): no diagnostic, a generic PolyBackward.</summary>
    [Fact]
    public void GenericMath_OverAFloatingPointT_IsDifferentiated()
    {
        var result = Run("[Differentiable] public static T Poly<T>(T x) where T : IFloatingPointIeee754<T> => T.Sin(x) * x + T.CreateChecked(2.0);");
        Assert.Empty(result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Contains(result.Generated, kv => kv.Key.Contains(".Poly_T", StringComparison.Ordinal) && kv.Value.Contains("PolyBackward<T>(", StringComparison.Ordinal));
        Assert.Empty(result.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    /// <summary>A generic method over a T that is not a floating-point type (INumber: int qualifies) is ADG0010, saying so, and not also ADG0005.</summary>
    [Fact]
    public void GenericMethod_ReturningDouble_IsADG0010()
    {
        var result = Run("[Differentiable] public static double Scale<T>(double x, T k) where T : INumber<T> => x * double.CreateChecked(k);");
        Assert.Contains(result.Diagnostics, d => d.Id == "ADG0010" && d.GetMessage().Contains("not constrained to a floating-point type", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "ADG0005");
    }

    /// <summary>A library function without a rule (BitIncrement: x + one ulp) still asks for a [DerivativeOf].</summary>
    [Fact]
    public void FunctionWithoutARule_IsADG0004()
    {
        var result = Run("[Differentiable] public static double F(double x) => Math.BitIncrement(x) * x;");
        Assert.Contains(result.Diagnostics, d => d.Id == "ADG0004" && d.GetMessage().Contains("BitIncrement", StringComparison.Ordinal));
    }

    /// <summary>A generic-math static in a condition (only compared) cuts the gradient there, as Math.Exp does: no ADG0016.</summary>
    [Fact]
    public void GenericMathStatic_InACondition_IsNotALeak()
    {
        var assembly = GeneratorHarness.CompileAndLoad(Prelude + """
                [Differentiable] public static double F(double x) => double.SinPi(x) > 0 ? double.ExpM1(x) : -x;
            }
            """);
        var f = new Differentiated(assembly, "B", "F");
        Tolerance.AssertFormula(Math.Exp(0.3), f.Backward(new[] { 0.3 }).Gradient[0], "branch SinPi > 0");
        Tolerance.AssertFormula(-1, f.Backward(new[] { 1.3 }).Gradient[0], "branch SinPi < 0");
    }

    /// <summary>The BCL functions from Math/MathF compile warning-free from C# 7.3 on (the generated code spells them the same way).</summary>
    [Theory]
    [MemberData(nameof(LanguageVersionTests.Versions), MemberType = typeof(LanguageVersionTests))]
    public void LibraryFunctions_CompileWarningFree_OnEveryLanguageVersion(LanguageVersion version, bool nullable)
    {
        const string source = @"
using System;
using AutoDiffGen;

namespace CompatBcl
{
    public static partial class Old
    {
        [Differentiable(Forward = true)]
        public static double Mixed(double x, double y)
        {
            double s = Math.FusedMultiplyAdd(x, y, Math.Asinh(x)) + Math.ScaleB(y, 2) + Math.CopySign(x, y) + Math.MaxMagnitude(x, y);
            for (int i = 0; i < 3; i++) s += Math.Atanh(0.5 * Math.Tanh(s)) + double.Hypot(s, y) + Math.IEEERemainder(s, 3.0);
            return s + double.ExpM1(x) + double.LogP1(y * y) + double.RootN(1 + x * x, 3);
        }

        [Differentiable]
        public static float Single(float x, float y) => MathF.Acosh(1.5f + x * x) + MathF.MinMagnitude(x, y) + float.SinPi(y) + MathF.ReciprocalEstimate(2 + y * y);
    }
}
";
        var result = LanguageVersionHarness.Run(version, nullable, null, source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Equal(2, result.Generated.Count);
    }
}
