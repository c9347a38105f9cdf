using System.Reflection;
using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// Forward mode (<c>Forward = true</c>) of copies: a copy into an array (<c>Array.Copy</c>, span <c>CopyTo</c>), a copy
/// declared as a local (<c>x.ToArray()</c>, <c>x[a..b]</c>), in loops and into a span output. MForward's tangent along a
/// direction equals central differences of the method along it and MBackward's gradient dotted with it; for a void
/// method, the in/out output tangent equals central differences of the outputs.
/// </summary>
public class CopyForwardTests
{
    private const string Source = """
        using System;
        using System.Linq;
        using AutoDiffGen;

        public static partial class Cf
        {
            [Differentiable(Forward = true)]
            public static double Into(double[] x)
            {
                var y = new double[3];
                y[2] = x[0] * x[0];
                x.AsSpan(1, 2).CopyTo(y);
                Array.Copy(x, 3, y, 1, 1);
                return y[0] * y[1] + y[2];
            }

            [Differentiable(Forward = true)]
            public static double Copies(double[] x)
            {
                var z = x.ToArray();
                z[0] *= z[1];
                var w = (double[])z.Clone();
                w[1] = Math.Sin(w[0]);
                return z[0] * w[1] + w[3];
            }

            [Differentiable(Forward = true)]
            public static double InLoop(double[] x, int n)
            {
                var y = new double[2];
                double s = 0;
                for (int i = 0; i < n; i++)
                {
                    Array.Copy(x, i, y, 0, 2);
                    var c = x.AsSpan(i, 2).ToArray();
                    c[0] *= y[1] + s;
                    s += c[0] * y[0];
                }
                return s;
            }

            // A constant source: the tangent of the overwritten slots is zero.
            private static readonly double[] Half = { 0.5, 0.5 };

            [Differentiable(Forward = true)]
            public static double ConstantSource(double[] x)
            {
                var y = new double[3];
                for (int i = 0; i < 3; i++) y[i] = x[i] * x[i];
                Array.Copy(Half, y, 2);
                return y[0] * x[0] + y[2];
            }

            [Differentiable(Forward = true)]
            public static void Out(ReadOnlySpan<double> x, Span<double> y)
            {
                x.Slice(1).CopyTo(y);
                y[0] *= x[0];
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static readonly double[] X = { 0.7, -1.3, 0.4, 2.0, -0.6 };

    private static readonly double[] Direction = { 0.3, -0.5, 0.9, 0.2, -0.7 };

    private static MethodInfo M(string name) => Compiled.Value.GetType("Cf")!.GetMethod(name)!;

    [Theory]
    [InlineData("Into")]
    [InlineData("Copies")]
    [InlineData("ConstantSource")]
    public void Tangent_MatchesCentralDifferencesAndTheGradient(string name) => CheckTangent(name, Array.Empty<object>());

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(4)]
    public void InLoop_MatchesCentralDifferencesAndTheGradient(int n) => CheckTangent("InLoop", new object[] { n });

    [Fact]
    public void Into_ByHand()
    {
        // y = (x1, x3, x0²): x1x3 + x0² → tangent 2x0t0 + x3t1 + x1t3.
        var (value, tangent) = RunForward("Into", Array.Empty<object>(), (double[])X.Clone());
        Assert.Equal((X[1] * X[3]) + (X[0] * X[0]), value, 12);
        Assert.Equal((2 * X[0] * Direction[0]) + (X[3] * Direction[1]) + (X[1] * Direction[3]), tangent, 12);
    }

    private delegate void OutForwardFn(ReadOnlySpan<double> x, Span<double> y, ReadOnlySpan<double> tX, Span<double> tY);

    private delegate void OutFn(ReadOnlySpan<double> x, Span<double> y);

    [Fact]
    public void SpanOutput_TangentMatchesCentralDifferencesAndHand()
    {
        // y' = (x1x0, x2, x3): tY' = (t1x0 + x1t0, t2, t3); the incoming tY is overwritten.
        double[] x = { 0.7, -1.3, 0.4, 2.0 }, t = { 0.3, -0.5, 0.9, 0.2 };
        var y = new double[3];
        var tY = new[] { 5.0, 5.0, 5.0 };
        M("OutForward").CreateDelegate<OutForwardFn>()(x, y, t, tY);
        Assert.Equal(new[] { (t[1] * x[0]) + (x[1] * t[0]), t[2], t[3] }, tY);
        var f = M("Out").CreateDelegate<OutFn>();
        const double h = 1e-6;
        var up = new double[3];
        var down = new double[3];
        f(x.Zip(t, (a, b) => a + (h * b)).ToArray(), up);
        f(x.Zip(t, (a, b) => a - (h * b)).ToArray(), down);
        for (int i = 0; i < 3; i++) Assert.Equal((up[i] - down[i]) / (2 * h), tY[i], 6);
    }

    [Theory]
    [MemberData(nameof(LanguageVersionTests.Versions), MemberType = typeof(LanguageVersionTests))]
    public void CompilesCleanlyUnderEachLanguageVersion(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
    }

    private delegate double ForwardFn(double[] x, ReadOnlySpan<double> tX, out double tResult);

    private delegate double ForwardWithCountFn(double[] x, int n, ReadOnlySpan<double> tX, out double tResult);

    /// <summary>MForward(x, [n,] tX, out tResult) at X along Direction.</summary>
    private static (double Value, double Tangent) RunForward(string name, object[] rest, double[] x)
    {
        var forward = M(name + "Forward");
        double tangent;
        double value = rest.Length == 0
            ? forward.CreateDelegate<ForwardFn>()(x, Direction, out tangent)
            : forward.CreateDelegate<ForwardWithCountFn>()(x, (int)rest[0], Direction, out tangent);
        return (value, tangent);
    }

    private static void CheckTangent(string name, object[] rest)
    {
        var x = (double[])X.Clone();
        var (value, tangent) = RunForward(name, rest, (double[])x.Clone());
        double Primal(double step)
        {
            var p = x.Zip(Direction, (a, b) => a + (step * b)).ToArray();
            return (double)M(name).Invoke(null, new object[] { p }.Concat(rest).ToArray())!;
        }
        Assert.Equal(Primal(0), value, 12);
        const double h = 1e-6;
        Assert.Equal((Primal(h) - Primal(-h)) / (2 * h), tangent, 6);
        var gradient = CentralDifferenceRunner.Check(M(name), null, new object[] { x.Clone() }.Concat(rest).ToArray()).Gradient[0]!;
        Assert.Equal(gradient.Zip(Direction, (g, d) => g * d).Sum(), tangent, 10);
    }
}
