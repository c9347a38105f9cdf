using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Statements;

/// <summary>
/// A call to a [Differentiable] method whose result is discarded (Clad's FunctionCalls.C fn15:
/// <c>constantFn(y += x); return y;</c>, in the peer suite) means <c>var unused = constantFn(y += x);</c>: the assignments in its arguments
/// happen, a throw in the callee still throws, and no gradient flows from the dropped result. A dropped result of any
/// other call may have been made for its effects, which Backward would run again: ADG0002 at the call.
/// </summary>
public class DiscardedCallTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class D
        {
            [Differentiable(Forward = true, Hessian = true)] public static double Third(double i) { return i / 3; }

            // Recursive, so it is called (its Backward), not inlined; it throws for a large argument.
            [Differentiable(Forward = true, Hessian = true)]
            public static double Rec(double v, int n)
            {
                if (v > 1e6) throw new ArgumentOutOfRangeException(nameof(v));
                return n <= 0 ? Math.Sin(v) : Rec(v * 0.5, n - 1) + v;
            }

            [Differentiable(Forward = true, Hessian = true)]
            public static double Fn15(double x, double y)
            {
                Third(y += x);
                return y * x;                                   // (y + x)·x
            }

            [Differentiable(Forward = true, Hessian = true)]
            public static double InALoop(double x, double y, int k)
            {
                for (int i = 0; i < k; i++)
                {
                    Rec(y *= x, 2);                              // y·x^k at the end
                    if (i == 1) Third(y -= x);
                }
                return y;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    [Fact]
    public void Fn15_GradientForwardAndHessian_ByHandAndCentralDifferences()
    {
        var type = Compiled.Value.GetType("D")!;
        double x = 0.7, y = -1.3;
        var r = CentralDifferenceRunner.Check(type.GetMethod("Fn15")!, null, [x, y]);
        // f = (y + x)·x: ∂f/∂x = y + 2x, ∂f/∂y = x; ∂²f/∂x² = 2, ∂²f/∂x∂y = 1, ∂²f/∂y² = 0.
        Tolerance.AssertFormula(y + 2 * x, r.Gradient[0]![0]);
        Tolerance.AssertFormula(x, r.Gradient[1]![0]);

        var args = new object?[] { x, y, 0.4, -0.9, null };
        Tolerance.AssertFormula((y + x) * x, (double)type.GetMethod("Fn15Forward")!.Invoke(null, args)!);
        Tolerance.AssertFormula(0.4 * (y + 2 * x) - 0.9 * x, (double)args[4]!);

        var hessian = new double[4];
        ((HessianCall)Delegate.CreateDelegate(typeof(HessianCall), type.GetMethod("Fn15Hessian")!))(x, y, hessian);
        Assert.Equal([2.0, 1.0, 1.0, 0.0], hessian);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void InALoop_ByHandAndCentralDifferences(int k)
    {
        var type = Compiled.Value.GetType("D")!;
        double x = 1.3, y = 0.6;
        var r = CentralDifferenceRunner.Check(type.GetMethod("InALoop")!, null, [x, y, k]);
        // k ≤ 1: y·x^k. k ≥ 2: after two steps (y·x² − x), then ·x for each further step: (y·x² − x)·x^(k−2) = y·x^k − x^(k−1).
        double dx = k switch { 0 => 0, 1 => y, _ => k * y * Math.Pow(x, k - 1) - (k - 1) * Math.Pow(x, k - 2) };
        double dy = Math.Pow(x, k);
        Tolerance.AssertFormula(dx, r.Gradient[0]![0]);
        Tolerance.AssertFormula(dy, r.Gradient[1]![0]);
    }

    [Fact]
    public void ADiscardedCallThatThrows_StillThrowsInBackward()
    {
        var backward = Compiled.Value.GetType("D")!.GetMethod("InALoopBackward")!;
        var e = Assert.Throws<TargetInvocationException>(() => backward.Invoke(null, [1e4, 1e3, 2, 0.0, 0.0, 1.0]));
        Assert.IsType<ArgumentOutOfRangeException>(e.InnerException);
    }

    private delegate double HessianCall(double x, double y, Span<double> hessian);

    [Theory]
    // A library call: not known to be without effect here (and its value is lost anyway).
    [InlineData("[Differentiable] public static double F(double x) { double y = x; Math.Sin(y += x); return y * y; }", "Math.Sin(y += x)")]
    // A plain helper of the user's: it may write a field or print.
    [InlineData("static double Log(double v) { Console.WriteLine(v); return v; } [Differentiable] public static double F(double x) { Log(x); return x * x; }", "Log(x)")]
    // A [Differentiable] callee with an int result: not a real value.
    [InlineData("[Differentiable] static int Floor(double v) => (int)v; [Differentiable] public static double F(double x) { Floor(x); return x * x; }", "Floor(x)")]
    public void ADroppedResultOfAnyOtherCall_IsADG0002AtTheCall(string member, string underlined)
    {
        var result = GeneratorHarness.Run("using System; using AutoDiffGen; public static partial class C { " + member + " }");
        Assert.True(result.Exceptions.IsEmpty, result.Dump());
        Assert.Empty(result.CompileDiagnostics);
        var errors = result.GeneratorDiagnostics.Concat(result.AnalyzerDiagnostics).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.Contains(errors, d => d.Id == "ADG0002" && d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == underlined);
        Assert.DoesNotContain(result.Generated.Keys, k => k.Contains(".F_", StringComparison.Ordinal));
    }
}
