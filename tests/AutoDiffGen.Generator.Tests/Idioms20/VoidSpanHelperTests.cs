using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms20;

/// <summary>
/// Issue 13 (idioms20, item 2): natural19's G07 calls a void plain helper <c>Step(Span&lt;double&gt; u, Span&lt;double&gt; next, double r)</c>,
/// whose ADG0002 now says why (a plain void helper is differentiated in place only when it writes into <c>double[]</c>
/// parameters) and names two rewrites. Both are checked here to generate and to be right: the helper taking
/// <c>double[]</c> (inlined), and the helper marked <c>[Differentiable]</c> keeping its spans, each passed local arrays.
/// Since spans22 the helper as written (its spans bound to views of the local arrays) builds and is checked too.
/// </summary>
public class VoidSpanHelperTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Plain
        {
            static void Step(double[] u, double[] next, double r)
            {
                next[0] = u[0];
                next[u.Length - 1] = u[u.Length - 1];
                for (int i = 1; i < u.Length - 1; i++) next[i] = u[i] + r * (u[i - 1] - 2 * u[i] + u[i + 1]);
            }

            [Differentiable]
            public static double Misfit(double diffusivity, [NoDiff] double[] initial, [NoDiff] double[] measured, int steps)
            {
                int n = initial.Length;
                var u = new double[n];
                var next = new double[n];
                initial.CopyTo(u, 0);
                double r = diffusivity * 0.1;
                for (int s = 0; s < steps; s++) { Step(u, next, r); next.CopyTo(u, 0); }
                double misfit = 0;
                for (int i = 0; i < n; i++) misfit += (u[i] - measured[i]) * (u[i] - measured[i]);
                return misfit;
            }
        }

        public static partial class AsWritten
        {
            static void Step(Span<double> u, Span<double> next, double r)
            {
                next[0] = u[0];
                next[u.Length - 1] = u[u.Length - 1];
                for (int i = 1; i < u.Length - 1; i++) next[i] = u[i] + r * (u[i - 1] - 2 * u[i] + u[i + 1]);
            }

            [Differentiable]
            public static double Misfit(double diffusivity, [NoDiff] double[] initial, [NoDiff] double[] measured, int steps)
            {
                int n = initial.Length;
                var u = new double[n];
                var next = new double[n];
                initial.CopyTo(u, 0);
                double r = diffusivity * 0.1;
                for (int s = 0; s < steps; s++) { Step(u, next, r); next.CopyTo(u, 0); }
                double misfit = 0;
                for (int i = 0; i < n; i++) misfit += (u[i] - measured[i]) * (u[i] - measured[i]);
                return misfit;
            }
        }

        public static partial class Marked
        {
            [Differentiable]
            static void Step(Span<double> u, Span<double> next, double r)
            {
                next[0] = u[0];
                next[u.Length - 1] = u[u.Length - 1];
                for (int i = 1; i < u.Length - 1; i++) next[i] = u[i] + r * (u[i - 1] - 2 * u[i] + u[i + 1]);
            }

            [Differentiable]
            public static double Misfit(double diffusivity, [NoDiff] double[] initial, [NoDiff] double[] measured, int steps)
            {
                int n = initial.Length;
                var u = new double[n];
                var next = new double[n];
                initial.CopyTo(u, 0);
                double r = diffusivity * 0.1;
                for (int s = 0; s < steps; s++) { Step(u, next, r); next.CopyTo(u, 0); }
                double misfit = 0;
                for (int i = 0; i < n; i++) misfit += (u[i] - measured[i]) * (u[i] - measured[i]);
                return misfit;
            }
        }
        """;

    [Theory]
    [InlineData("Plain")]
    [InlineData("Marked")]
    // The helper as G07 wrote it, its Span<double> parameters bound to views of the local arrays (spans22).
    [InlineData("AsWritten")]
    public void SpanHelperRewrites_Generate_AndMatchTheHandGradient(string type)
    {
        var method = GeneratorHarness.CompileAndLoad(Source).GetType(type)!.GetMethod("Misfit", BindingFlags.Public | BindingFlags.Static)!;
        // One step on u = (1, 0, 2) with D = 2, r = 0.2: next = (1, 0 + 0.2·(1 - 0 + 2), 2) = (1, 0.6, 2); against (1, 0.5, 2)
        // the misfit is 0.1² = 0.01 and ∂/∂D = 2·(0.6 - 0.5)·0.1·(u0 - 2u1 + u2) = 2·0.1·0.1·3 = 0.06.
        var r = CentralDifferenceRunner.Check(method, null, new object[] { 2.0, new[] { 1.0, 0.0, 2.0 }, new[] { 1.0, 0.5, 2.0 }, 1 });
        Tolerance.AssertFormula(0.01, r.Value);
        Tolerance.AssertFormula(0.06, r.Gradient[0]![0], "∂D");
        // Several steps: central differences only.
        CentralDifferenceRunner.Check(method, null, new object[] { 1.5, new[] { 0.0, 1.0, 3.0, 0.5, 2.0 }, new[] { 0.0, 1.5, 2.0, 1.0, 2.0 }, 4 });
    }
}
