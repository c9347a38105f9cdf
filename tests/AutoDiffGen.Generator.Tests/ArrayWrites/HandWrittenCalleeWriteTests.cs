using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.ArrayWrites;

/// <summary>
/// A method differentiated by a hand-written [DerivativeOf] that writes into an array it is passed: its derivative has no
/// adjoint for what the call leaves there, and the reverse sweep passed it the array as the call left it, so the gradient
/// was wrong (d/dx of 2x² came out 5x²-sized). Now ADG0003 at the argument, in every mode; one that only reads its
/// arrays, or writes a copy of its own, is still called through its derivative (hand + central differences).
/// </summary>
public class HandWrittenCalleeWriteTests
{
    private const string Callees = """
            public static double SumAndClear(double[] a)
            {
                double s = 0;
                for (int i = 0; i < a.Length; i++) s += a[i] * a[i];
                Clear(a);
                return s;
            }

            private static void Clear(double[] b) => b[0] = 0;

            [DerivativeOf(nameof(SumAndClear))]
            public static double SumAndClearBackward(double[] a, double[] dA, double dResult = 1)
            {
                double s = 0;
                for (int i = 0; i < a.Length; i++) { s += a[i] * a[i]; dA[i] += 2 * a[i] * dResult; }
                a[0] = 0;
                return s;
            }

            public static double SumSquares(double[] a)
            {
                var copy = (double[])a.Clone();
                double s = 0;
                for (int i = 0; i < copy.Length; i++) { copy[i] *= copy[i]; s += copy[i]; }
                return s;
            }

            [DerivativeOf(nameof(SumSquares))]
            public static double SumSquaresBackward(double[] a, double[] dA, double dResult = 1)
            {
                double s = 0;
                for (int i = 0; i < a.Length; i++) { s += a[i] * a[i]; dA[i] += 2 * a[i] * dResult; }
                return s;
            }
        """;

    [Theory]
    [InlineData("")]
    [InlineData("(Forward = true)")]
    [InlineData("(Hessian = true)")]
    public void AWritingCallee_IsADG0003AtTheArgument(string options)
    {
        string source = "using AutoDiffGen;\npublic static partial class W\n{\n" + Callees + "\n    [Differentiable" + options + "]\n"
            + "    public static double Use(double x)\n    {\n        var v = new double[] { x, 2 * x };\n        double s = SumAndClear(v);\n        return s * v[0] + v[1] * x;\n    }\n}\n";
        var result = GeneratorHarness.Run(source);
        Assert.Contains(result.Diagnostics, d => d.Id == "ADG0003" && d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == "v"
            && d.GetMessage().Contains("writes into it", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Generated.Keys, k => k.Contains(".Use_", StringComparison.Ordinal));
        Assert.True(result.CompileDiagnostics.IsEmpty, result.Dump());
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(-1.3)]
    public void AReadingCallee_IsStillCalledThroughItsDerivative(double x)
    {
        // v = (x, 2x, x²): Σ v² = 5x² + x⁴, times x: 5x³ + x⁵, d/dx = 15x² + 5x⁴.
        string source = "using AutoDiffGen;\npublic static partial class W\n{\n" + Callees + "\n    [Differentiable]\n"
            + "    public static double Use(double x)\n    {\n        var v = new double[] { x, 2 * x, x * x };\n        return SumSquares(v) * x;\n    }\n}\n";
        var result = GeneratorHarness.RunForLoad(source);
        Assert.True(result.Diagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        var use = GeneratorHarness.Load(result).GetType("W")!.GetMethod("Use")!;
        var g = CentralDifferenceRunner.Check(use, null, new object[] { x }).Gradient;
        Tolerance.AssertFormula((15 * x * x) + (5 * x * x * x * x), g[0]![0], "d/dx");
    }
}
