using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// A <c>params double[]</c> / <c>params float[]</c> parameter is an ordinary array inside the method; its Backward
/// takes the plain array (adjoints follow it, so it cannot keep 'params'). A caller may pass the array or the
/// expanded arguments, which are the array Roslyn builds, passed like any array argument.
/// </summary>
public class ParamsArrayTests
{
    private const string Source = """
        using AutoDiffGen;

        public static partial class Pa
        {
            [Differentiable]
            public static double Cubes(params double[] xs)
            {
                double s = 0;
                foreach (var v in xs) s += v * v * v;
                return s;
            }

            [Differentiable]
            public static float Scaled(float k, params float[] xs) => k * xs[0] * xs[1];

            // The rewrite ADG0003 suggests for the expanded call Cubes(x, y, x * y).
            [Differentiable]
            public static double ViaLocal(double x, double y)
            {
                double[] v = new double[3];
                v[0] = x;
                v[1] = y;
                v[2] = x * y;
                return Cubes(v);
            }

            [Differentiable]
            public static double Direct(double[] a) => Cubes(a) * 2;
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static Type Pa => Compiled.Value.GetType("Pa")!;

    [Fact]
    public void Backward_TakesThePlainArray_NotParams()
    {
        var backward = Pa.GetMethod("CubesBackward")!;
        var parameters = backward.GetParameters();
        Assert.Equal(new[] { "xs", "dXs", "dResult" }, parameters.Select(p => p.Name));
        Assert.Equal(new[] { typeof(double[]), typeof(double[]), typeof(double) }, parameters.Select(p => p.ParameterType));
        Assert.Empty(parameters[0].GetCustomAttributes(typeof(ParamArrayAttribute), false));
        Assert.True(parameters[2].HasDefaultValue);
    }

    [Fact]
    public void ParamsMethod_ByHandAndCentralDifferences()
    {
        var xs = new[] { 0.5, -1.5, 2.0 };
        var dXs = new double[3];
        Pa.GetMethod("CubesBackward")!.Invoke(null, new object[] { xs, dXs, 1.0 });
        Assert.Equal(xs.Select(v => 3 * v * v), dXs.Select(v => v)); // d/dv v³
        var primal = Pa.GetMethod("Cubes")!;
        GradCheck.Check(p => (double)primal.Invoke(null, new object[] { p })!, xs, dXs).ThrowIfFailed();
    }

    [Fact]
    public void ParamsFloatAfterAScalar_ByHand()
    {
        var xs = new[] { 2f, 3f };
        var dXs = new float[2];
        var args = new object[] { 0.5f, xs, 0f, dXs, 1f };
        Pa.GetMethods().Single(m => m.Name == "ScaledBackward" && m.GetParameters().Length == 5).Invoke(null, args);
        Assert.Equal(6f, (float)args[2]);
        Assert.Equal(new[] { 1.5f, 1f }, dXs);
    }

    [Theory]
    [InlineData(0.7, -0.4)]
    [InlineData(-1.1, 0.9)]
    public void LocalArrayRewriteOfTheExpandedCall_ByHandAndCentralDifferences(double x, double y)
    {
        var args = new object[] { x, y, 0.0, 0.0, 1.0 };
        Pa.GetMethod("ViaLocalBackward")!.Invoke(null, args);
        double dX = (double)args[2], dY = (double)args[3];
        // x³ + y³ + (xy)³
        Assert.Equal(3 * x * x + 3 * x * x * y * y * y, dX, 10);
        Assert.Equal(3 * y * y + 3 * y * y * x * x * x, dY, 10);
        var primal = Pa.GetMethod("ViaLocal")!;
        GradCheck.Check(p => (double)primal.Invoke(null, new object[] { p[0], p[1] })!, new[] { x, y }, new[] { dX, dY }).ThrowIfFailed();
    }

    [Fact]
    public void DirectArrayCall_ByHandAndCentralDifferences()
    {
        var a = new[] { 1.0, -0.5 };
        var dA = new double[2];
        Pa.GetMethod("DirectBackward")!.Invoke(null, new object[] { a, dA, 1.0 });
        Assert.Equal(new[] { 6.0, 1.5 }, dA);
        var primal = Pa.GetMethod("Direct")!;
        GradCheck.Check(p => (double)primal.Invoke(null, new object[] { p })!, a, dA).ThrowIfFailed();
    }

    [Fact]
    public void ParamsArray_IsNoLongerADG0006_AndCompilesClean()
    {
        var output = GeneratorHarness.Run(Source);
        Assert.Empty(output.AnalyzerDiagnostics);
        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Empty(output.CompileDiagnostics.Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
        Assert.Empty(output.Exceptions);
    }

    [Fact]
    public void ExpandedCall_BuildsATemporaryArray_ByHandAndCentralDifferences()
    {
        // Was ADG0003 with the local-array hint; the call now builds that local array itself.
        var assembly = GeneratorHarness.CompileAndLoad(Source.Replace("return Cubes(v);", "return Cubes(v) + Cubes(x, y, x * y);"));
        var type = assembly.GetType("Pa")!;
        double x = 0.5, y = -1.5;
        var args = new object[] { x, y, 0.0, 0.0, 1.0 };
        type.GetMethod("ViaLocalBackward")!.Invoke(null, args);
        // 2·(x³ + y³ + (xy)³) → (6x² + 6x²y³, 6y² + 6x³y²).
        Assert.Equal((6 * x * x) + (6 * x * x * y * y * y), (double)args[2], 12);
        Assert.Equal((6 * y * y) + (6 * x * x * x * y * y), (double)args[3], 12);
        CentralDifferenceRunner.Check(type.GetMethod("ViaLocal")!, null, new object[] { x, y });
    }

    [Fact]
    public void ExpandedCallOfConstants_IsAConstant_ByHandAndCentralDifferences()
    {
        // Every argument constant (the random-program test found it): the call is written out as a constant with the
        // array the compiler builds, not refused as "a params argument".
        var assembly = GeneratorHarness.CompileAndLoad(Source.Replace("return Cubes(v);", "double t = 0.25; t += Cubes(0.5, t, 2.0) * 0.25; return Cubes(v) * t;"));
        var type = assembly.GetType("Pa")!;
        double x = 0.5, y = -1.5;
        double t = 0.25 + (0.125 + 0.015625 + 8.0) * 0.25;
        var args = new object[] { x, y, 0.0, 0.0, 1.0 };
        double value = (double)type.GetMethod("ViaLocalBackward")!.Invoke(null, args)!;
        Assert.Equal((x * x * x + y * y * y + Math.Pow(x * y, 3)) * t, value, 12);
        Assert.Equal(((3 * x * x) + (3 * x * x * y * y * y)) * t, (double)args[2], 12);
        Assert.Equal(((3 * y * y) + (3 * x * x * x * y * y)) * t, (double)args[3], 12);
        CentralDifferenceRunner.Check(type.GetMethod("ViaLocal")!, null, new object[] { x, y });
    }

    [Fact]
    public void ForwardMode_TakesThePlainArrayAndItsTangentSpan()
    {
        var assembly = GeneratorHarness.CompileAndLoad(
            """
            using AutoDiffGen;

            public static partial class Pf
            {
                [Differentiable(Forward = true)]
                public static double Dot(params double[] xs) => xs[0] * xs[1];
            }
            """);
        var forward = assembly.GetType("Pf")!.GetMethod("DotForward")!;
        Assert.All(forward.GetParameters(), p => Assert.Empty(p.GetCustomAttributes(typeof(ParamArrayAttribute), false)));
        Assert.Equal(new[] { "xs", "tXs", "tResult" }, forward.GetParameters().Select(p => p.Name));
        Assert.Equal(typeof(double[]), forward.GetParameters()[0].ParameterType);
        Assert.Equal(typeof(ReadOnlySpan<double>), forward.GetParameters()[1].ParameterType); // CONTRACT: an array's tangent is a ReadOnlySpan
    }

    [Fact]
    public void ParamsSpan_IsStillADG0006()
    {
        var output = GeneratorHarness.Run(
            """
            using System;
            using AutoDiffGen;

            public static partial class Ps
            {
                [Differentiable]
                public static double F(params ReadOnlySpan<double> xs) => xs[0];
            }
            """);
        Assert.Contains(output.AnalyzerDiagnostics, d => d.Id == "ADG0006" && d.GetMessage().Contains("params collection"));
        Assert.Empty(output.Generated);
        Assert.Empty(output.GeneratorDiagnostics);
    }
}
