using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>
/// hunt17's Unity case (docs/corpus.md, held-out check 5): a <c>float2</c>-like user struct of floats passed to a <c>dot</c>
/// helper of another class (<c>math.dot</c>, and <c>math.lengthsq</c> calling it) in a <c>float</c> Hessian method. hess18
/// found it generated already (the callee is inlined for its struct, hess14); the noise's ADG0019 at its <c>dot</c> calls
/// comes from the retry without inlining that the noise's other errors (ADG0004 at <c>abs</c>) cause. Checked by hand and
/// against central differences of <c>MBackward</c>, in float.
/// </summary>
public class HessianUnityDotTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;
        public struct float2
        {
            public float x; public float y;
            public float2(float x, float y) { this.x = x; this.y = y; }
            public static float2 operator *(float2 a, float b) => new float2(a.x * b, a.y * b);
            public static float2 operator -(float2 a, float2 b) => new float2(a.x - b.x, a.y - b.y);
        }
        public static partial class math
        {
            [Differentiable]
            public static float dot(float2 x, float2 y) { return x.x * y.x + x.y * y.y; }
            [Differentiable]
            public static float lengthsq(float2 x) { return dot(x, x); }
        }
        public static partial class U
        {
            // p = (a, b), q = (ab, 1.5): f = a²b + 1.5b + a²(1 − b/2)² + (b − 0.75)².
            [Differentiable(Hessian = true)]
            public static float Energy(float a, float b)
            {
                var p = new float2(a, b);
                var q = new float2(b * a, 1.5f);
                return math.dot(p, q) + math.lengthsq(p - q * 0.5f);
            }
            private static void Back(float[] f, double[] d) { for (int i = 0; i < f.Length; i++) d[i] = f[i]; }
            public static double EnergyH(double[] p, double[] h) { var hf = new float[4]; float r = EnergyHessian((float)p[0], (float)p[1], hf); Back(hf, h); return r; }
            public static double EnergyV(double[] p, double[] v, double[] hv) { var hf = new float[2]; float r = EnergyHessianVector((float)p[0], (float)p[1], new[] { (float)v[0], (float)v[1] }, hf); Back(hf, hv); return r; }
            public static void EnergyG(double[] p, double[] g) { float da = 0, db = 0; EnergyBackward((float)p[0], (float)p[1], ref da, ref db); g[0] = da; g[1] = db; }
        }
        """;

    private static readonly Lazy<Type> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("U", throwOnError: true)!);

    [Theory]
    [InlineData(1.25, -0.5)]
    [InlineData(-0.75, 1.5)]
    public void Float2DotThroughMath_MatchesHand(double a, double b)
    {
        // f_aa = 2b + 2(1 − b/2)², f_ab = ab, f_bb = a²/2 + 2.
        var type = Compiled.Value;
        double ab = a * b;
        HessianChecks.Check("Energy", type.GetMethod("EnergyH")!.CreateDelegate<Func<double[], double[], double>>(),
            type.GetMethod("EnergyV")!.CreateDelegate<Func<double[], double[], double[], double>>(), type.GetMethod("EnergyG")!.CreateDelegate<Action<double[], double[]>>(),
            new[] { a, b }, new[] { (2 * b) + (2 * (1 - (b / 2)) * (1 - (b / 2))), ab, ab, (a * a / 2) + 2 }, HessianChecks.Float);
    }
}
