using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Soundness;

/// <summary>
/// A statement whose value nothing reads but which may throw is kept in every generated method (CONTRACT.md: they throw
/// where the method throws). On main, <c>int q = 12 / k;</c> was dropped as dead code: <c>DivBackward(1, 0)</c> returned
/// where <c>Div(1, 0)</c> threw DivideByZeroException. One method per form, each returning 1.5x² (so by hand the gradient
/// is 3x and the Hessian 3), or 1.5x⁴ for the loop that carries x (6x³ and 18x²): at a good k, every mode against the hand
/// value and central differences (<see cref="ModeChecks"/>); at a bad k, MBackward, MForward, MJacobian and MHessian throw
/// the exception the method throws.
/// </summary>
public class DeadThrowTests
{
    internal const string Source = """
        using System;
        using System.Collections.Generic;
        using AutoDiffGen;

        public static partial class D
        {
            static int Plain(int n) => 10 / n;

            public struct P { public double A, B; public int N; public P(double a, double b, int n) { A = a; B = b; N = n; } }

            [Differentiable(Forward = true, Hessian = true, Jacobian = true)]
            public static double Div(double x, int k) { int q = 12 / k; return 1.5 * x * x; }

            [Differentiable(Forward = true, Hessian = true, Jacobian = true)]
            public static double Rem(double x, int k) { int q = 12 % k; return 1.5 * x * x; }

            [Differentiable(Forward = true, Hessian = true, Jacobian = true)]
            public static double LongDiv(double x, int k) { long q = 12L / k; return 1.5 * x * x; }

            [Differentiable(Forward = true, Hessian = true, Jacobian = true)]
            public static double MinOverMinusOne(double x, int k) { int q = int.MinValue / k; return 1.5 * x * x; }

            [Differentiable(Forward = true, Hessian = true, Jacobian = true)]
            public static double CheckedProduct(double x, int k) { int q = checked(k * 1000000000); return 1.5 * x * x; }

            [Differentiable(Forward = true, Hessian = true, Jacobian = true)]
            public static double CheckedBlock(double x, int k) { int q; checked { q = k * 1000000000; } return 1.5 * x * x; }

            [Differentiable(Forward = true, Hessian = true, Jacobian = true)]
            public static double CheckedConversion(double x, int k) { int q = checked((int)(x * k * 1e9)); return 1.5 * x * x; }

            [Differentiable(Forward = true, Hessian = true, Jacobian = true)]
            public static double ArrayElement(double x, int k) { var a = new[] { 1.0, 2.0 }; double e = a[k]; return 1.5 * x * x; }

            [Differentiable(Forward = true, Hessian = true, Jacobian = true)]
            public static double ElementWithGradient(double x, int k) { var a = new[] { x, 2.0 }; double e = a[k]; return 1.5 * x * x; }

            [Differentiable(Forward = true, Hessian = true, Jacobian = true)]
            public static double ListElement(double x, int k) { var l = new List<double> { 1.0, 2.0 }; double e = l[k]; return 1.5 * x * x; }

            [Differentiable(Forward = true, Hessian = true, Jacobian = true)]
            public static double Unboxing(double x, int k) { object o = k > 0 ? (object)k : "none"; int q = (int)o; return 1.5 * x * x; }

            [Differentiable(Forward = true, Hessian = true, Jacobian = true)]
            public static double PlainCall(double x, int k) { int q = Plain(k); return 1.5 * x * x; }

            [Differentiable(Forward = true, Hessian = true, Jacobian = true)]
            public static double LocalFunction(double x, int k) { int Half(int n) => 12 / n; int q = Half(k); return 1.5 * x * x; }

            [Differentiable(Forward = true, Hessian = true, Jacobian = true)]
            public static double InBranch(double x, int k) { if (x > 0) { int q = 12 / k; } return 1.5 * x * x; }

            [Differentiable(Forward = true, Hessian = true, Jacobian = true)]
            public static double BranchTest(double x, int k) { int q = k; if (12 / k > 3) q = 2 * k; return 1.5 * x * x; }

            [Differentiable(Forward = true, Hessian = true, Jacobian = true)]
            public static double LoopTest(double x, int k) { int q = k; while (q < 12 / k) q++; return 1.5 * x * x; }

            [Differentiable(Forward = true, Hessian = true, Jacobian = true)]
            public static double DeadLoop(double x, int k) { for (int i = 0; i < 3; i++) { int q = 6 / (k - i); } return 1.5 * x * x; }

            // A struct of reals from constants and one throwing part: the division is kept, the constant components are not (CS0219).
            [Differentiable(Forward = true, Hessian = true, Jacobian = true)]
            public static double StructPart(double x, int k) { var p = new P(1.5, 0.5, 12 / k); return 1.5 * x * x; }

            // An update of a local in place, in a loop too: its new version is kept.
            [Differentiable(Forward = true, Hessian = true, Jacobian = true)]
            public static double CompoundDiv(double x, int k) { int n = 12; n /= k; for (int i = 0; i < 2; i++) n %= k + i; return 1.5 * x * x; }

            // One scalar parameter and a loop: MBackward is the carried form (a forward sweep); 1.5x⁴.
            [Differentiable(Forward = true, Hessian = true, Jacobian = true)]
            public static double Carried(double x, int k) { double r = x; for (int i = 0; i < 3; i++) { int q = 6 / (k - i); r = r * x; } return 1.5 * r; }

        WRAPPERS
        }
        """;

    private static readonly string[] Names =
        ["Div", "Rem", "LongDiv", "MinOverMinusOne", "CheckedProduct", "CheckedBlock", "CheckedConversion", "ArrayElement", "ElementWithGradient",
         "ListElement", "Unboxing", "PlainCall", "LocalFunction", "InBranch", "BranchTest", "LoopTest", "DeadLoop", "Carried", "StructPart", "CompoundDiv"];

    /// <summary>The source with each form's MJacobian and MHessian wrappers.</summary>
    internal static string Wrapped => Source.Replace("WRAPPERS", string.Concat(Names.Select(Wrappers)));

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Wrapped));

    private static Type D => Compiled.Value.GetType("D")!;

    private static string Wrappers(string name) =>
        "    public static double[] " + name + "J(double x, int k) { var j = new double[1]; " + name + "Jacobian(x, k, j); return j; }\n"
        + "    public static double[] " + name + "H(double x, int k) { var h = new double[1]; " + name + "Hessian(x, k, h); return h; }\n";

    [Theory]
    [InlineData("Div", 1, 0, typeof(DivideByZeroException))]
    [InlineData("Rem", 5, 0, typeof(DivideByZeroException))]
    [InlineData("LongDiv", 2, 0, typeof(DivideByZeroException))]
    [InlineData("MinOverMinusOne", 1, -1, typeof(OverflowException))]
    [InlineData("CheckedProduct", 2, 3, typeof(OverflowException))]
    [InlineData("CheckedBlock", 2, 3, typeof(OverflowException))]
    [InlineData("CheckedConversion", 1, 4, typeof(OverflowException))]
    [InlineData("ArrayElement", 1, 2, typeof(IndexOutOfRangeException))]
    [InlineData("ElementWithGradient", 0, -1, typeof(IndexOutOfRangeException))]
    [InlineData("ListElement", 1, 2, typeof(ArgumentOutOfRangeException))]
    [InlineData("Unboxing", 3, 0, typeof(InvalidCastException))]
    [InlineData("PlainCall", 7, 0, typeof(DivideByZeroException))]
    [InlineData("LocalFunction", 7, 0, typeof(DivideByZeroException))]
    [InlineData("InBranch", 4, 0, typeof(DivideByZeroException))]
    [InlineData("BranchTest", 4, 0, typeof(DivideByZeroException))]
    [InlineData("LoopTest", 4, 0, typeof(DivideByZeroException))]
    [InlineData("DeadLoop", 5, 2, typeof(DivideByZeroException))]
    [InlineData("Carried", 5, 1, typeof(DivideByZeroException))]
    [InlineData("StructPart", 3, 0, typeof(DivideByZeroException))]
    [InlineData("CompoundDiv", 5, 0, typeof(DivideByZeroException))]
    public void ADeadStatementThatMayThrow_RunsInEveryMode(string name, int good, int bad, Type thrown)
    {
        double x = 0.7;
        bool quartic = name == "Carried";
        // By hand: 1.5x² → 3x, 3; 1.5x⁴ → 6x³, 18x².
        double gradient = quartic ? 6 * x * x * x : 3 * x, hessian = quartic ? 18 * x * x : 3;
        var r = CentralDifferenceRunner.Check(D.GetMethod(name)!, null, [x, good]);
        Tolerance.AssertFormula(gradient, r.Gradient[0]![0], name + " d/dx");
        ModeChecks.AtPoint(D, name, [x, good], new Random(7));
        var forward = new object?[] { x, good, 1.0, null };
        D.GetMethod(name + "Forward")!.Invoke(null, forward);
        Tolerance.AssertFormula(gradient, (double)forward[3]!, name + " tangent");
        Tolerance.AssertFormula(gradient, ((double[])D.GetMethod(name + "J")!.Invoke(null, [x, good])!)[0], name + " Jacobian");
        Tolerance.AssertClose(hessian, ((double[])D.GetMethod(name + "H")!.Invoke(null, [x, good])!)[0], 1e-12, name + " Hessian");

        AssertThrows(thrown, name, [x, bad]);
        AssertThrows(thrown, name + "Backward", [x, bad, 0.0, 1.0]);
        AssertThrows(thrown, name + "Forward", [x, bad, 1.0, null]);
        AssertThrows(thrown, name + "J", [x, bad]);
        AssertThrows(thrown, name + "H", [x, bad]);
    }

    private static void AssertThrows(Type thrown, string method, object?[] args)
    {
        var e = Assert.Throws<TargetInvocationException>(() => D.GetMethod(method)!.Invoke(null, args));
        Assert.True(e.InnerException!.GetType() == thrown, method + " threw " + e.InnerException + ", expected " + thrown.Name);
    }

    /// <summary>
    /// <c>.Value</c> of a nullable: the user's own file warns CS8629 (flow analysis cannot know), and so does the generated
    /// copy of the statement under the tests' nullable-checked option, so it is compiled allowing that one warning.
    /// </summary>
    [Fact]
    public void ADeadNullableValue_ThrowsInvalidOperation_InEveryMode()
    {
        var type = GeneratorHarness.CompileAndLoadAllowing("""
            using AutoDiffGen;
            public static partial class N
            {
                [Differentiable(Forward = true, Hessian = true)]
                public static double Value(double x, int? n) { int q = n.Value; return 1.5 * x * x; }
                public static double[] ValueH(double x, int? n) { var h = new double[1]; ValueHessian(x, n, h); return h; }
            }
            """, "CS8629").GetType("N")!;
        var r = CentralDifferenceRunner.Check(type.GetMethod("Value")!, null, [0.7, (int?)4]);
        Tolerance.AssertFormula(3 * 0.7, r.Gradient[0]![0], "d/dx");
        foreach (var (method, args) in new (string, object?[])[] { ("Value", [0.7, null]), ("ValueBackward", [0.7, null, 0.0, 1.0]), ("ValueForward", [0.7, null, 1.0, null]), ("ValueH", [0.7, null]) })
        {
            var e = Assert.Throws<TargetInvocationException>(() => type.GetMethod(method)!.Invoke(null, args));
            Assert.IsType<InvalidOperationException>(e.InnerException);
        }
    }

    /// <summary>
    /// A dead call of a helper whose body the generator reads and finds unable to throw (it only writes its out parameter)
    /// is still dropped, as RefOut's golden <c>UsesOut</c> pins for <c>H.Compute(sq, out _, 2.0)</c>; one that may throw is kept.
    /// </summary>
    [Fact]
    public void ADeadCallOfAHelperThatCannotThrow_IsDropped_OneThatMayIsKept()
    {
        var run = GeneratorHarness.Run("""
            using AutoDiffGen;
            public static partial class K
            {
                static void Twice(double v, out double r) { r = 2 * v; }
                static void Split(int v, out int r) { r = 12 / v; }
                [Differentiable]
                public static double F(double x, int k) { Twice(x, out double t); Split(k, out int q); return 1.5 * x * x; }
            }
            """);
        Assert.True(run.GeneratorDiagnostics.IsEmpty && run.CompileDiagnostics.IsEmpty, string.Join("\n", run.GeneratorDiagnostics.Concat(run.CompileDiagnostics)));
        var backward = Assert.Single(run.Generated.Values, s => s.Contains("FBackward", StringComparison.Ordinal));
        // Both helpers are inlined: Split's division stays (12 / k), Twice's out value t is not computed.
        Assert.Contains("12 / k", backward, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\bt(_\d+)? = ", backward);
    }

    /// <summary>What cannot throw still goes: a constant division, a Math function, a length.</summary>
    [Fact]
    public void WhatCannotThrow_IsStillDropped()
    {
        var run = GeneratorHarness.Run("""
            using System;
            using AutoDiffGen;
            public static partial class K
            {
                [Differentiable]
                public static double F(double x, double[] a, int k) { int q = 12 / 5; double s = Math.Sin(x); int n = a.Length + k; return 1.5 * x * x; }
            }
            """);
        var backward = Assert.Single(run.Generated.Values, s => s.Contains("FBackward", StringComparison.Ordinal));
        Assert.DoesNotContain("Sin", backward, StringComparison.Ordinal);
        Assert.DoesNotContain("12 / 5", backward, StringComparison.Ordinal);
        Assert.DoesNotContain("Length + k", backward, StringComparison.Ordinal);
    }
}
