using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.HeldOut;

/// <summary>
/// Math.NET's distances call a provider object kept in a static member (<c>LinearAlgebraControl.Provider.DotProduct(a, b)</c>).
/// A [Differentiable] instance method called on a static readonly field is called like one on a local: the field names the
/// same object wherever it is read, so the reverse sweep reads it again. The held-out numerics check had the 10 distances
/// that go through the provider diagnosed (ADG0003, "an instance call on a computed or differentiated receiver"), with a
/// stand-in provider whose methods are [Differentiable]. A receiver that is a property, a mutable field or computed stays an error;
/// one made in the call (<c>new Provider().DotProduct(a, a)</c>) is kept as a local's (issue 13, <c>ObjectReceivers</c>).
/// </summary>
public class StaticReceiverTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static class Control
        {
            public static readonly Provider Provider = new Provider();
            public static Provider Mutable = new Provider();
            public static Provider Property => Provider;
        }

        public sealed partial class Provider
        {
            public double Scale = 1.0;

            [Differentiable] public void SubtractArrays(double[] x, double[] y, double[] result) { for (int i = 0; i < result.Length; i++) result[i] = x[i] - y[i]; }
            [Differentiable] public double DotProduct(double[] x, double[] y) { double s = 0; for (int i = 0; i < x.Length; i++) s += x[i] * y[i]; return s; }
            [Differentiable] public float DotProduct(float[] x, float[] y) { float s = 0; for (int i = 0; i < x.Length; i++) s += x[i] * y[i]; return s; }
        }

        public static partial class Distance
        {
            [Differentiable]
            public static double SSD(double[] a, double[] b)
            {
                if (a.Length != b.Length) throw new ArgumentException("All vectors must have the same dimensionality.");
                var diff = new double[a.Length];
                Control.Provider.SubtractArrays(a, b, diff);
                return Control.Provider.DotProduct(diff, diff);
            }

            [Differentiable] public static double Euclidean(double[] a, double[] b) => Math.Sqrt(SSD(a, b));

            [Differentiable]
            public static double Cosine(double[] a, double[] b)
            {
                var ab = Control.Provider.DotProduct(a, b);
                var a2 = Control.Provider.DotProduct(a, a);
                var b2 = Control.Provider.DotProduct(b, b);
                return 1d - ab / Math.Sqrt(a2 * b2);
            }

            [Differentiable]
            public static float CosineSingle(float[] a, float[] b)
            {
                var ab = Control.Provider.DotProduct(a, b);
                var a2 = Control.Provider.DotProduct(a, a);
                var b2 = Control.Provider.DotProduct(b, b);
                return (float)(1d - ab / Math.Sqrt(a2 * b2));
            }

            // In a loop: the receiver is read again in the reverse sweep, never kept on a tape.
            [Differentiable]
            public static double Energy(double[] a, int n)
            {
                double s = 0;
                for (int k = 0; k < n; k++) s += (k + 1) * Control.Provider.DotProduct(a, a);
                return s;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Method(string name) => Compiled.Value.GetType("Distance")!.GetMethod(name)!;

    private static readonly double[] A = { 0.4, -1.1, 2.0 };
    private static readonly double[] B = { 1.5, 0.3, -0.7 };

    [Fact]
    public void Euclidean_ThroughTheProvider()
    {
        var r = CentralDifferenceRunner.Check(Method("Euclidean"), null, new object[] { A.ToArray(), B.ToArray() });
        double d = Math.Sqrt(A.Zip(B, (x, y) => (x - y) * (x - y)).Sum());
        for (int i = 0; i < A.Length; i++)
        {
            Tolerance.AssertFormula((A[i] - B[i]) / d, r.Gradient[0]![i], "d/da[" + i + "]");
            Tolerance.AssertFormula(-(A[i] - B[i]) / d, r.Gradient[1]![i], "d/db[" + i + "]");
        }
    }

    [Fact]
    public void Cosine_ThroughTheProvider()
    {
        var r = CentralDifferenceRunner.Check(Method("Cosine"), null, new object[] { A.ToArray(), B.ToArray() });
        double ab = A.Zip(B, (x, y) => x * y).Sum(), aa = A.Sum(x => x * x), bb = B.Sum(x => x * x);
        // d/da_i of −ab/√(aa·bb) = −b_i/√(aa·bb) + ab·a_i/(aa·√(aa·bb))
        for (int i = 0; i < A.Length; i++)
        {
            Tolerance.AssertFormula(-B[i] / Math.Sqrt(aa * bb) + ab * A[i] / (aa * Math.Sqrt(aa * bb)), r.Gradient[0]![i], "d/da[" + i + "]");
        }
        CentralDifferenceRunner.Check(Method("CosineSingle"), null, new object[] { A.Select(v => (float)v).ToArray(), B.Select(v => (float)v).ToArray() });
    }

    /// <summary>An object made in the call (issue 13) is kept as a local's: Σ a_i², gradient 2a.</summary>
    [Fact]
    public void OnANewObject()
    {
        var source = Source + "\npublic static partial class Other { [Differentiable] public static double F(double[] a) => new Provider().DotProduct(a, a); }\n";
        var r = CentralDifferenceRunner.Check(GeneratorHarness.CompileAndLoad(source).GetType("Other")!.GetMethod("F")!, null, new object[] { A.ToArray() });
        for (int i = 0; i < A.Length; i++) Tolerance.AssertFormula(2 * A[i], r.Gradient[0]![i], "d/da[" + i + "]");
    }

    [Fact]
    public void InALoop()
    {
        var r = CentralDifferenceRunner.Check(Method("Energy"), null, new object[] { A.ToArray(), 3 });
        for (int i = 0; i < A.Length; i++) Tolerance.AssertFormula(6 * 2 * A[i], r.Gradient[0]![i], "d/da[" + i + "]");
    }

    [Theory]
    [InlineData("Control.Mutable.DotProduct(a, a)")] // a field that may point elsewhere later
    [InlineData("Control.Property.DotProduct(a, a)")] // a property: another object each time, for all we know
    [InlineData("(a.Length > 1 ? Control.Provider : Control.Mutable).DotProduct(a, a)")] // computed
    public void AnyOtherReceiver_IsAnError(string expression)
    {
        var source = Source + "\npublic static partial class Other { [Differentiable] public static double F(double[] a) => " + expression + "; }\n";
        var result = GeneratorHarness.Run(source);
        var errors = result.Diagnostics.Where(d => d.Id.StartsWith("ADG", StringComparison.Ordinal) && d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count > 0, result.Dump());
        Assert.DoesNotContain(result.Generated.Values, s => s.Contains("FBackward", StringComparison.Ordinal));
    }
}
