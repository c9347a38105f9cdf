using System.Reflection;
using System.Runtime.CompilerServices;
using AutoDiffGen.Generator.Lowering;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Differentiation;

/// <summary>
/// What MBackward of a loop method does for the JIT (docs/performance.md, 2026-12-02): the by-value double and float
/// parameters its loops read are copied into locals where the forward sweep starts (TapeWorkspace.Copy), and the method is
/// marked AggressiveOptimization where the runtime has it. Neither changes a gradient: checked by hand and by central
/// differences, with the copied parameters among the inputs.
/// </summary>
public class LoopJitShapeTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class J
        {
            // x and f are read in the loop (f a float), r by ref, u only after it: x and f are copied.
            [Differentiable]
            public static double Scaled(double[] c, double x, float f, ref double r, double u)
            {
                double s = 0;
                for (int i = 0; i < c.Length; i++) s = s * x + c[i] * f * r;
                return s * u;
            }

            // No loop: no copy, no attribute.
            [Differentiable]
            public static double Plain(double x, double y) => x * y + Math.Sin(x);
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    [Fact]
    public void Only_by_value_floating_parameters_read_in_a_loop_are_copied()
    {
        var copies = Programs.Model(Source, "Scaled").Graph.Copies;
        Assert.Equal(new[] { ("x", "double"), ("f", "float") }, copies.Select(c => (c.Parameter, c.TypeName)));
        Assert.Empty(Programs.Model(Source, "Plain").Graph.Copies);

        string text = GeneratorHarness.Run(Source).Generated.Single(g => g.Key.Contains("Scaled")).Value;
        Assert.Contains("double xCopy = global::AutoDiffGen.Internals.TapeWorkspace.Copy(ref x);", text);
        Assert.Contains("float fCopy = global::AutoDiffGen.Internals.TapeWorkspace.Copy(ref f);", text);
        // Inside the sweeps nothing reads the parameter itself any more.
        string sweeps = text.Substring(text.IndexOf("xCopy =", StringComparison.Ordinal) + "xCopy =".Length);
        Assert.DoesNotMatch(@"\bx\b", sweeps.Replace("Copy(ref x)", ""));
        Assert.DoesNotMatch(@"\bf\b", sweeps.Replace("Copy(ref f)", ""));
    }

    [Fact]
    public void A_loop_method_is_optimized_at_once_and_a_loop_free_one_is_not()
    {
        var type = Compiled.Value.GetType("J")!;
        Assert.True(type.GetMethod("ScaledBackward")!.MethodImplementationFlags.HasFlag(MethodImplAttributes.AggressiveOptimization));
        Assert.False(type.GetMethod("PlainBackward")!.MethodImplementationFlags.HasFlag(MethodImplAttributes.AggressiveOptimization));
        // A runtime without the option (netstandard2.0, .NET Framework) gets no attribute: nothing to compile against.
        Assert.False(JitHints.HasAggressiveOptimization(CSharpCompilation.Create("NoReferences")));
        Assert.True(JitHints.HasAggressiveOptimization(GeneratorHarness.CreateCompilation("class K { }")));
    }

    [Theory]
    [InlineData(new[] { 1.0, -2.0, 0.5 }, 1.5, 0.75f, 2.0, -0.5)]
    [InlineData(new[] { 0.25 }, -0.75, -1.5f, 0.5, 3.0)]
    [InlineData(new double[0], 2.0, 1.0f, 1.0, 1.0)]
    public void Gradients_with_copied_parameters_match_hand_and_central_differences(double[] c, double x, float f, double r, double u)
    {
        var type = Compiled.Value.GetType("J")!;
        var backward = type.GetMethod("ScaledBackward")!;
        var dC = new double[c.Length];
        // (c, x, f, ref r, u, dC, ref dX, ref dF, ref dR, ref dU, dResult)
        object[] args = { c.ToArray(), x, f, r, u, dC, 0.0, 0f, 0.0, 0.0, 1.0 };
        double value = (double)backward.Invoke(null, args)!;

        // s = Σ_i c_i f r x^(n−1−i); value = s·u.
        int n = c.Length;
        double s = Enumerable.Range(0, n).Sum(i => c[i] * f * r * Math.Pow(x, n - 1 - i));
        double sx = Enumerable.Range(0, n).Sum(i => c[i] * f * r * (n - 1 - i) * Math.Pow(x, Math.Max(n - 2 - i, 0)) * (n - 1 - i > 0 ? 1 : 0));
        Tolerance.AssertFormula(s * u, value);
        for (int i = 0; i < n; i++) Tolerance.AssertFormula(f * r * Math.Pow(x, n - 1 - i) * u, dC[i]);
        Tolerance.AssertFormula(sx * u, (double)args[6]);
        Tolerance.AssertFormula(r == 0 ? 0 : s / r * u, (double)args[8]);
        Tolerance.AssertFormula(s, (double)args[9]);
        // f is a float: its adjoint is s/f·u, rounded to float.
        double dF = (float)args[7], expectedDF = s / f * u;
        Assert.InRange(Math.Abs(dF - expectedDF), 0, 1e-6 * (1 + Math.Abs(expectedDF)));

        double F(double[] v) => (double)type.GetMethod("Scaled")!.Invoke(null, new object[] { v.Take(n).ToArray(), v[n], f, v[n + 1], v[n + 2] })!;
        var point = c.Concat(new[] { x, r, u }).ToArray();
        GradCheck.Check(F, point, dC.Concat(new[] { (double)args[6], (double)args[8], (double)args[9] }).ToArray()).ThrowIfFailed();
    }
}
