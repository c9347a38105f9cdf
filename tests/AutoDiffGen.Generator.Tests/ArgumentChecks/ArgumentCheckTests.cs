using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Tensors;
using Xunit;

namespace AutoDiffGen.Generator.Tests.ArgumentChecks;

/// <summary>
/// Every generated Backward checks its adjoints first: a missing one or one of the wrong length is an
/// ArgumentNullException / ArgumentException naming the parameter (and both lengths), thrown before anything
/// is written, instead of an IndexOutOfRangeException from inside the generated code.
/// </summary>
public class ArgumentCheckTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;
        using AutoDiffGen.Tensors;

        public static partial class Checked
        {
            // dX is written first by the reverse sweep (x is used last), then dB, then dA.
            [Differentiable]
            public static double Dot(double[] a, double[] b, double x) => (a[0] * b[0] + a[1] * b[1]) * x;

            [Differentiable]
            public static double Norm(ReadOnlySpan<double> v, double x)
            {
                double sum = 0;
                for (int i = 0; i < v.Length; i++) sum += v[i] * v[i];
                return sum * x;
            }

            [Differentiable]
            public static double Maybe(double[]? a, double x)
            {
                if (a == null) return x;
                return a[0] * x;
            }

            [Differentiable]
            public static float Squares(Tensor t, float s) => Tensor.SquaredL2Norm(t) * s;
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private delegate double DotBackward(double[] a, double[] b, double x, double[] dA, double[] dB, ref double dX, double dResult);
    private delegate double NormBackward(ReadOnlySpan<double> v, double x, Span<double> dV, ref double dX, double dResult);
    private delegate double MaybeBackward(double[]? a, double x, double[]? dA, ref double dX, double dResult);
    private delegate float SquaresBackward(Tensor t, float s, Tensor dT, ref float dS, float dResult);

    private static T Method<T>(string name) where T : Delegate => Compiled.Value.GetType("Checked")!.GetMethod(name)!.CreateDelegate<T>();

    [Fact]
    public void AdjointOfTheWrongLength_NamesBothAndTheirLengths_BeforeAnyAdjointIsWritten()
    {
        var dot = Method<DotBackward>("DotBackward");
        double[] a = { 1, 2 }, b = { 3, 4 };
        var dA = new double[] { 7, 7 };
        var dB = new double[] { 7, 7, 7 };
        double dX = 7;
        var e = Assert.Throws<ArgumentException>(() => dot(a, b, 0.5, dA, dB, ref dX, 1.0));
        Assert.Equal("dB", e.ParamName);
        Assert.Contains("'dB' has length 3 but 'b' has length 2", e.Message, StringComparison.Ordinal);
        Assert.Equal(new double[] { 7, 7 }, dA);
        Assert.Equal(new double[] { 7, 7, 7 }, dB);
        Assert.Equal(7, dX);

        // Shorter is caught too (it would have read past nothing and dropped the gradient of b[1]).
        e = Assert.Throws<ArgumentException>(() => dot(a, b, 0.5, new double[1], new double[2], ref dX, 1.0));
        Assert.Equal("dA", e.ParamName);
        Assert.Contains("'dA' has length 1 but 'a' has length 2", e.Message, StringComparison.Ordinal);
        Assert.Equal(7, dX);
    }

    [Fact]
    public void NullAdjointOrNullArray_IsArgumentNullExceptionNamingIt_BeforeAnyAdjointIsWritten()
    {
        var dot = Method<DotBackward>("DotBackward");
        double[] a = { 1, 2 }, b = { 3, 4 };
        var dA = new double[] { 7, 7 };
        double dX = 7;
        var e = Assert.Throws<ArgumentNullException>(() => dot(a, b, 0.5, dA, null!, ref dX, 1.0));
        Assert.Equal("dB", e.ParamName);
        Assert.Contains("'b'", e.Message, StringComparison.Ordinal);
        Assert.Equal(new double[] { 7, 7 }, dA);
        Assert.Equal(7, dX);

        // b is declared without '?': null is the caller's error.
        e = Assert.Throws<ArgumentNullException>(() => dot(a, null!, 0.5, dA, new double[2], ref dX, 1.0));
        Assert.Equal("b", e.ParamName);
        Assert.Equal(7, dX);
    }

    [Fact]
    public void CorrectArguments_StillGiveTheHandDerivedGradient()
    {
        var dot = Method<DotBackward>("DotBackward");
        double[] a = { 1, 2 }, b = { 3, 4 };
        var dA = new double[2];
        var dB = new double[2];
        double dX = 0;
        double value = dot(a, b, 0.5, dA, dB, ref dX, 1.0);
        Assert.Equal(5.5, value, 12);
        Assert.Equal(new[] { 1.5, 2.0 }, dA); // x·b
        Assert.Equal(new[] { 0.5, 1.0 }, dB); // x·a
        Assert.Equal(11, dX, 12);             // a·b
    }

    [Fact]
    public void SpanOfTheWrongLength_NamesBothAndTheirLengths_BeforeAnyAdjointIsWritten()
    {
        var norm = Method<NormBackward>("NormBackward");
        double[] v = { 1, 2, 3 };
        var dV = new double[] { 7, 7 };
        double dX = 7;
        try
        {
            norm(v, 2.0, dV, ref dX, 1.0);
            Assert.Fail("no exception");
        }
        catch (ArgumentException e)
        {
            Assert.Equal("dV", e.ParamName);
            Assert.Contains("'dV' has length 2 but 'v' has length 3", e.Message, StringComparison.Ordinal);
        }
        Assert.Equal(new double[] { 7, 7 }, dV);
        Assert.Equal(7, dX);

        // And the right length gives 2·v·x and |v|².
        var good = new double[3];
        dX = 0;
        norm(v, 2.0, good, ref dX, 1.0);
        Assert.Equal(new[] { 4.0, 8.0, 12.0 }, good);
        Assert.Equal(14, dX, 12);
    }

    [Fact]
    public void NullableArray_NullWithNullAdjointIsAllowed_ButPresentArrayNeedsItsAdjoint()
    {
        var maybe = Method<MaybeBackward>("MaybeBackward");
        double dX = 0;
        Assert.Equal(0.5, maybe(null, 0.5, null, ref dX, 1.0));
        Assert.Equal(1, dX);

        dX = 7;
        var e = Assert.Throws<ArgumentNullException>(() => maybe(new[] { 2.0 }, 0.5, null, ref dX, 1.0));
        Assert.Equal("dA", e.ParamName);
        var wrong = Assert.Throws<ArgumentException>(() => maybe(new[] { 2.0 }, 0.5, new double[2], ref dX, 1.0));
        Assert.Contains("'dA' has length 2 but 'a' has length 1", wrong.Message, StringComparison.Ordinal);
        Assert.Equal(7, dX);
    }

    [Fact]
    public void NullTensorAdjoint_IsArgumentNullExceptionNamingIt_BeforeAnyAdjointIsWritten()
    {
        var squares = Method<SquaresBackward>("SquaresBackward");
        var t = Tensor.FromArray(new float[] { 1, 2 });
        float dS = 7;
        var e = Assert.Throws<ArgumentNullException>(() => squares(t, 3f, null!, ref dS, 1f));
        Assert.Equal("dT", e.ParamName);
        Assert.Equal(7f, dS);
    }

    [Fact]
    public void ArrayParameters_CheckedCallAllocatesZeroBytes()
    {
        var dot = Method<DotBackward>("DotBackward");
        double[] a = { 1, 2 }, b = { 3, 4 };
        var dA = new double[2];
        var dB = new double[2];
        double dX = 0;
        long least = long.MaxValue;
        // Least of three rounds: a one-off runtime allocation (tiering) must not flake it.
        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i < 200; i++) dot(a, b, 0.5, dA, dB, ref dX, 1.0);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++) dot(a, b, 0.5, dA, dB, ref dX, 1.0);
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.Equal(0, least);
        Assert.True(dA[1] > 0, "the reverse sweep ran");
    }
}
