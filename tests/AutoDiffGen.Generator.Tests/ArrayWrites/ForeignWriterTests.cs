using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.ArrayWrites;

/// <summary>
/// A constant array (a [NoDiff] parameter, a model's member) passed to a [Differentiable] callee and, in the same loop
/// or later, to a method that is not [Differentiable]: the reverse sweep reads the array again, so a method that writes
/// into it (or keeps it) must count as a store (was a wrong gradient). Whether it writes is read from its body
/// (<c>ArrayWrites.Foreign</c>); a read-only helper stays supported, a method without a body in source is a writer
/// when its parameter type can write.
/// </summary>
public class ForeignWriterTests
{
    private const string Source = """
        using System;
        using System.Linq;
        using AutoDiffGen;

        public sealed class Model { public double[] A = new double[2]; }

        public static partial class K
        {
            static double Mutate(double[] a) { a[0] += 1; return 0; }
            static double Second(double[] w) => w[1];
            static double SumTo(double[] a, int i) => i < 0 ? 0 : a[i] + SumTo(a, i - 1);
            static double Total(ReadOnlySpan<double> a) { double t = 0; foreach (var v in a) t += v; return t; }
            static double Read(double[] a) => Second(a) + SumTo(a, a.Length - 1) + Total(a) + a.Sum();

            [Differentiable]
            public static double Dot(int n, [NoDiff] double[] c, double[] x) { double s = 0; for (int i = 0; i < n; i++) s += c[i] * x[i]; return s; }

            // A local array mutated after the call: copied at the call (the Backward sees c as it was).
            [Differentiable]
            public static double LocalMutated(double[] x)
            {
                double[] c = { 1.5, -2 };
                double s = 0;
                for (int i = 0; i < 2; i++) { s += Dot(2, c, x) * x[0]; double z = Mutate(c); s += z; }
                return s;
            }

            // Read-only helpers over a [NoDiff] parameter in the loop: nothing to copy or refuse.
            [Differentiable]
            public static double ReadOnlyHelpers(double[] x, [NoDiff] double[] c)
            {
                double s = 0;
                for (int i = 0; i < 2; i++) { s += Dot(2, c, x) * x[i]; double z = Read(c); s += z * x[1]; }
                return s;
            }

            // The same for a model's member.
            [Differentiable]
            public static double ReadOnlyMember(double[] x, Model m)
            {
                double s = 0;
                for (int i = 0; i < 2; i++) { s += Dot(2, m.A, x) * x[i]; s += Second(m.A) * x[0]; }
                return s;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo M(string name) => Compiled.Value.GetType("K")!.GetMethod(name)!;

    [Fact]
    public void ALocalArrayMutatedByAHelper_IsCopiedAtTheCall_MatchesCentralDifferences_AndTheHandGradient()
    {
        // s = x0 (1.5 x0 - 2 x1) + x0 (2.5 x0 - 2 x1): ∂s/∂x0 = 8 x0 - 4 x1, ∂s/∂x1 = -4 x0.
        double[] x = { 0.4, -1.3 };
        var result = CentralDifferenceRunner.Check(M("LocalMutated"), null, new object[] { x });
        Assert.Equal(8 * x[0] - 4 * x[1], result.Gradient[0]![0], 10);
        Assert.Equal(-4 * x[0], result.Gradient[0]![1], 10);
    }

    [Fact]
    public void ReadOnlyHelpers_StaySupported_MatchCentralDifferences_AndTheHandGradient()
    {
        // Read(c) = c1 + (c0 + c1) + (c0 + c1) + (c0 + c1) = 3 c0 + 4 c1 = r.
        // s = (c·x)(x0 + x1) + 2 r x1: ∂s/∂x0 = c0 (x0 + x1) + c·x, ∂s/∂x1 = c1 (x0 + x1) + c·x + 2 r.
        double[] x = { 0.4, -1.3 }, c = { 1.5, -2 };
        var result = CentralDifferenceRunner.Check(M("ReadOnlyHelpers"), null, new object[] { x, c });
        double dot = c[0] * x[0] + c[1] * x[1], r = 3 * c[0] + 4 * c[1];
        double g0 = c[0] * x[0] + dot + c[0] * x[1];
        double g1 = c[1] * x[0] + c[1] * x[1] + dot + 2 * r;
        Assert.Equal(g0, result.Gradient[0]![0], 10);
        Assert.Equal(g1, result.Gradient[0]![1], 10);
        Assert.Equal(new[] { 1.5, -2 }, c); // the helpers did not write
    }

    [Fact]
    public void AReadOnlyHelperOnAMember_StaysSupported_AndMatchesCentralDifferences()
    {
        var type = Compiled.Value.GetType("Model")!;
        var m = Activator.CreateInstance(type)!;
        type.GetField("A")!.SetValue(m, new[] { 0.7, -1.1 });
        double[] x = { 0.4, -1.3 };
        var result = CentralDifferenceRunner.Check(M("ReadOnlyMember"), null, new object[] { x, m });
        // s = (A·x)(x0 + x1) + 2 A1 x0: ∂s/∂x1 = A1 (x0 + x1) + A·x.
        Assert.Equal(-1.1 * (x[0] + x[1]) + (0.7 * x[0] - 1.1 * x[1]), result.Gradient[0]![1], 10);
    }

    [Fact]
    public void TheSupportedPrograms_CompileWithoutDiagnostics()
    {
        var result = GeneratorHarness.Run(Source);
        Assert.True(result.Exceptions.IsEmpty, result.Dump());
        Assert.Empty(result.GeneratorDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Empty(result.CompileDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Contains(result.Generated.Keys, k => k.StartsWith("K.ReadOnlyHelpers", StringComparison.Ordinal));
    }

    private const string Bad = """
        using System;
        using AutoDiffGen;

        public sealed class Model { public double[] A = new double[2]; }

        public static partial class K
        {
            static double Mutate(double[] a) { a[0] += 1; return 0; }
            static void Bump(double[] a) => a[0] += 1;
            static double Outer(double[] a) { Bump(a); return 0; }
            static double Keep(double[] a) { var b = a; b[1] = 3; return 0; }
            static double ByRef(double[] a) { Inc(ref a[0]); return 0; }
            static void Inc(ref double v) => v += 1;
            static double Boxed(object o) { ((double[])o)[0] = 1; return 0; }
            static double ViaSpan(double[] a) { a.AsSpan().Fill(0); return 0; }

            [Differentiable]
            public static double Dot(int n, [NoDiff] double[] c, double[] x) { double s = 0; for (int i = 0; i < n; i++) s += c[i] * x[i]; return s; }

        """;

    /// <summary>
    /// Mutate(c), a plain helper returning a value that writes its array argument, is inlined since idioms14b (it was an
    /// error at the argument): the caller writes c, so the callee's Backward gets the c each call saw (the brief's repro).
    /// </summary>
    [Fact]
    public void AValueReturningHelperWritingTheNoDiffArray_IsInlined_AndTheCalleeSeesEachVersion()
    {
        const string method = "[Differentiable] public static double P(double[] x, [NoDiff] double[] c) { double s = 0; for (int i = 0; i < 2; i++) { s += Dot(2, c, x); double z = Mutate(c); s += z; } return s; }";
        var type = GeneratorHarness.CompileAndLoad(Bad + method + "\n}\n").GetType("K")!;
        double[] x = { 0.4, -1.3 }, c = { 0.7, 2.0 };
        double Primal(double[] at) => (double)type.GetMethod("P")!.Invoke(null, new object[] { at, (double[])c.Clone() })!;
        var dX = new double[2];
        double value = (double)type.GetMethod("PBackward")!.Invoke(null, new object[] { x, (double[])c.Clone(), dX, 1.0 })!;
        // f = (c0 x0 + c1 x1) + ((c0 + 1) x0 + c1 x1): ∂f/∂x0 = 2 c0 + 1, ∂f/∂x1 = 2 c1.
        Tolerance.AssertFormula((c[0] * x[0]) + (c[1] * x[1]) + ((c[0] + 1) * x[0]) + (c[1] * x[1]), value, "P value");
        Tolerance.AssertFormula((2 * c[0]) + 1, dX[0], "dP/dx0");
        Tolerance.AssertFormula(2 * c[1], dX[1], "dP/dx1");
        for (int k = 0; k < 2; k++)
        {
            double[] up = (double[])x.Clone(), down = (double[])x.Clone();
            up[k] += 1e-6;
            down[k] -= 1e-6;
            Tolerance.AssertCentral((Primal(up) - Primal(down)) / 2e-6, dX[k], value, "dP/dx" + k);
        }
    }

    [Theory]
    // The brief's repro: the reverse sweep read c after both increments (a wrong gradient).
    // After the call, not in a loop.
    // Through a second helper.
    [InlineData("[Differentiable] public static double P(double[] x, [NoDiff] double[] c) { double s = 0; for (int i = 0; i < 2; i++) { s += Dot(2, c, x); s += Outer(c); } return s; }", "c")]
    // Through a local alias, an element passed by ref, a span of it.
    [InlineData("[Differentiable] public static double P(double[] x, [NoDiff] double[] c) { double s = Dot(2, c, x); return s + Keep(c); }", "c")]
    [InlineData("[Differentiable] public static double P(double[] x, [NoDiff] double[] c) { double s = Dot(2, c, x); return s + ByRef(c); }", "c")]
    [InlineData("[Differentiable] public static double P(double[] x, [NoDiff] double[] c) { double s = Dot(2, c, x); return s + ViaSpan(c); }", "c")]
    // Passed as object and written after a cast.
    [InlineData("[Differentiable] public static double P(double[] x, [NoDiff] double[] c) { double s = Dot(2, c, x); return s + Boxed(c); }", "c")]
    // Metadata methods: no body to read, a T[]/Array parameter counts as a writer; a span made of c and filled too.
    // (Array.Reverse(c), c.AsSpan().Fill(0) are in-place writes the generator follows since 2026-12-03: Arrays/InPlaceArrayTests.)
    // (Array.Sort(c) and MemoryExtensions.Sort(c.AsSpan()) too since 2026-12-03: Arrays/SortTests; with a comparer they are not.)
    [InlineData("[Differentiable] public static double P(double[] x, [NoDiff] double[] c) { double s = 0; for (int i = 0; i < 2; i++) { s += Dot(2, c, x); MemoryExtensions.Sort(c.AsSpan(), (p, q) => q.CompareTo(p)); } return s; }", "c")]
    [InlineData("[Differentiable] public static double P(double[] x, [NoDiff] double[] c) { double s = Dot(2, c, x); Array.Sort(c, (p, q) => q.CompareTo(p)); return s + Dot(2, c, x); }", "c")]
    [InlineData("[Differentiable] public static double P(double[] x, [NoDiff] double[] c) { double s = Dot(2, c, x); c.AsSpan().Replace(0.0, 1.0); return s; }", "c")]
    // A model's member array.
    [InlineData("[Differentiable] public static double P(double[] x, Model m) { double s = 0; for (int i = 0; i < 2; i++) { s += Dot(2, m.A, x); double z = Mutate(m.A); s += z; } return s; }", "m.A")]
    [InlineData("[Differentiable] public static double P(double[] x, Model m) { double s = 0; for (int i = 0; i < 2; i++) { s += Dot(2, m.A, x); Array.Reverse(m.A); } return s; }", "m.A")]
    public void AHelperThatMayWrite_IsAnErrorAtTheArgument(string method, string underlined)
    {
        var result = GeneratorHarness.Run(Bad + method + "\n}\n");
        Assert.True(result.Exceptions.IsEmpty, result.Dump());
        Assert.DoesNotContain(result.Generated.Keys, k => k.StartsWith("K.P", StringComparison.Ordinal));
        var errors = result.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.NotEmpty(errors);
        Assert.DoesNotContain(errors, d => d.Id == "ADG9999");
        Assert.Contains(errors, d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == underlined);
    }
}
