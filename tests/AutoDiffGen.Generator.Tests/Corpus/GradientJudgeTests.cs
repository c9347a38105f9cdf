using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Corpus;

/// <summary>The corpus verdicts are only as good as the judge: it must catch a wrong Backward and skip unstable points.</summary>
public class GradientJudgeTests
{
    // Hand-written Backwards with the contract's shape, no generator involved: d/dx x³ = 3x², Wiggle's Backward is deliberately not judged.
    private const string Source = """
        namespace J;
        public static class F
        {
            public static double Cube(double x) => x * x * x;
            public static double CubeBackward(double x, ref double dX, double dResult = 1) { dX += dResult * 3 * x * x; return x * x * x; }
            public static double Off(double x) => x * x * x;
            public static double OffBackward(double x, ref double dX, double dResult = 1) { dX += dResult * 3 * x; return x * x * x; }
            public static double Sum(double[] xs) { double s = 0; foreach (var v in xs) s += v * v; return s; }
            public static double SumBackward(double[] xs, double[] dXs, double dResult = 1) { double s = 0; for (int i = 0; i < xs.Length; i++) { s += xs[i] * xs[i]; dXs[i] += dResult * 2 * xs[i]; } return s; }
            public static double Square(double x, double y) => x * x * y;
            public static double SquareBackward(double x, double y, ref double dX, ref double dY, double dResult = 1) { dX += dResult * 2 * x * y; dY += dResult * x * x; return x * x * y; }
            public static double SquareForward(double x, double y, double tX, double tY, out double tResult) { tResult = 2 * x * y * tX + x * x * tY; return x * x * y; }
            public static double Skew(double x, double y) => x * x * y;
            public static double SkewBackward(double x, double y, ref double dX, ref double dY, double dResult = 1) { dX += dResult * 2 * x * y; dY += dResult * x * x; return x * x * y; }
            public static double SkewForward(double x, double y, double tX, double tY, out double tResult) { tResult = 2 * x * y * tX + x * tY; return x * x * y; }
            public static double Wiggle(double x) => System.Math.Sin(1e12 * x);
            public static double WiggleBackward(double x, ref double dX, double dResult = 1) => System.Math.Sin(1e12 * x);
        }
        """;

    private static CorpusMethod Judge(string name, params string[] parameterTypes)
    {
        var result = GeneratorHarness.RunForLoad(Source);
        Assert.True(result.CompileDiagnostics.IsEmpty && result.Generated.Count == 0, result.Dump());
        var assembly = GeneratorHarness.Load(result);
        var m = new CorpusMethod("test", "J.F", name, parameterTypes, isStatic: true);
        GradientJudge.Judge(assembly, m);
        return m;
    }

    [Fact]
    public void RightGradientsAreOk()
    {
        Assert.Equal(CorpusStatus.Ok, Judge("Cube", "double").Status);
        Assert.Equal(CorpusStatus.Ok, Judge("Sum", "double[]").Status);
    }

    [Fact]
    public void AWrongGradientIsWrong() => Assert.Equal(CorpusStatus.Wrong, Judge("Off", "double").Status);

    /// <summary>A Forward is judged where there is one: its tangent must be ⟨gradient, t⟩ (Skew's drops a factor x).</summary>
    [Fact]
    public void AWrongForwardIsWrong()
    {
        Assert.Equal(CorpusStatus.Ok, Judge("Square", "double", "double").Status);
        var skew = Judge("Skew", "double", "double");
        Assert.Equal(CorpusStatus.Wrong, skew.Status);
        Assert.Contains(skew.Details, d => d.StartsWith("Forward's tangent", StringComparison.Ordinal));
    }

    /// <summary>Sin(1e12·x) turns many times within every step h: differences never settle, so the method is unchecked, not ok.</summary>
    [Fact]
    public void NoStablePointIsUnchecked() => Assert.Equal(CorpusStatus.Unchecked, Judge("Wiggle", "double").Status);
}
