using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// Forward mode (<c>Forward = true</c>) of the composing array forms: MForward returns the method's value, and its
/// tangent along each input equals central differences and MBackward's gradient. Its callees have Forward = true too,
/// so a slice's tangent is the same slice of the array's tangent.
/// </summary>
public class ComposeForwardTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Fw
        {
            [Differentiable(Forward = true)]
            public static double SpanSq(ReadOnlySpan<double> v)
            {
                double s = 0;
                for (int i = 0; i < v.Length; i++) s += v[i] * v[i];
                return s;
            }

            [Differentiable(Forward = true)]
            public static double Total(params double[] v)
            {
                double s = 0;
                for (int i = 0; i < v.Length; i++) s += Math.Sin(v[i]);
                return s;
            }

            [Differentiable(Forward = true)]
            public static double Init(double x, double y)
            {
                double[] a = [x, y * x, 2];
                var b = new[] { y, a[1] };
                return a[0] * a[^1] * a[2] + Total(b) + SpanSq(a.AsSpan(1, 2)) + SpanSq(b[1..]);
            }

            [Differentiable(Forward = true)]
            public static double Loops(double x, double y)
            {
                double s = 0;
                for (int k = 0; k < 3; k++)
                {
                    var t = new double[k + 1];
                    for (int i = 0; i <= k; i++) t[i] = x * i + y;
                    s += SpanSq(t) * 0.5 + Total(t);
                    t[0] = s;
                    s += Total(t) * 0.1;
                }
                return s + Total(x, y, x * y);
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    [Theory]
    [InlineData("Init")]
    [InlineData("Loops")]
    public void Tangents_MatchCentralDifferencesAndBackward(string name)
    {
        var type = Compiled.Value.GetType("Fw")!;
        var primal = type.GetMethod(name)!;
        var forward = type.GetMethod(name + "Forward")!;
        var backward = type.GetMethod(name + "Backward")!;
        double x = 0.7, y = -0.4;
        var b = new object[] { x, y, 0.0, 0.0, 1.0 };
        double value = (double)backward.Invoke(null, b)!;
        double f = (double)primal.Invoke(null, new object[] { x, y })!;
        Tolerance.AssertFormula(f, value, name + " Backward value");
        for (int i = 0; i < 2; i++)
        {
            var args = new object[] { x, y, i == 0 ? 1.0 : 0.0, i == 1 ? 1.0 : 0.0, 0.0 };
            double fv = (double)forward.Invoke(null, args)!;
            Tolerance.AssertFormula(f, fv, name + " Forward value");
            double tangent = (double)args[4];
            const double h = 1e-6;
            double up = (double)primal.Invoke(null, new object[] { x + (i == 0 ? h : 0), y + (i == 1 ? h : 0) })!;
            double down = (double)primal.Invoke(null, new object[] { x - (i == 0 ? h : 0), y - (i == 1 ? h : 0) })!;
            Tolerance.AssertCentral((up - down) / (2 * h), tangent, f, name + " tangent " + i);
            Assert.Equal((double)b[2 + i], tangent, 9);
        }
    }
}
