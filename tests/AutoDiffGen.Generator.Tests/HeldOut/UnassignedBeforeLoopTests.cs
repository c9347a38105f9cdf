using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.HeldOut;

/// <summary>
/// A local declared before a loop without a value and first assigned inside it (<c>double b2; do { b2 = b1; … } while
/// (…); return b0 - b2;</c>, the Clenshaw recurrence of a Chebyshev series in the held-out numerics check). C# lets the
/// code after a do-while, or after a while (true) left by break, read it. The generator gave it no phi at the loop head,
/// so its versions were declared inside the generated loop body and the read after the loop did not compile (CS0103): a
/// broken build. It now enters the loop as default(T), which C# guarantees is never read.
/// </summary>
public class UnassignedBeforeLoopTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Recurrences
        {
            // Clenshaw's recurrence for Σ′ cₖ Tₖ(x/2), as a library writes it.
            [Differentiable] public static double Clenshaw(double[] c, double x)
            {
                double b2;
                int p = 0;
                double b0 = c[p++];
                double b1 = 0.0;
                int i = c.Length - 1;
                do
                {
                    b2 = b1;
                    b1 = b0;
                    b0 = x * b1 - b2 + c[p++];
                }
                while (--i > 0);
                return 0.5 * (b0 - b2);
            }

            // while (true) left by break: prev and k are assigned before the break.
            [Differentiable] public static double Powers(double x)
            {
                double prev;
                int k;
                double cur = x;
                int n = 0;
                while (true)
                {
                    prev = cur;
                    k = n;
                    cur = cur * x;
                    if (++n >= 3) break;
                }
                return prev + cur + k;
            }

            [Differentiable] public static float InFloat(float x)
            {
                float y;
                bool odd;
                int i = 0;
                do { y = x * x + i; odd = i % 2 == 1; i++; } while (i < 3);
                return odd ? -y * x : y * x;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Method(string name) => Compiled.Value.GetType("Recurrences")!.GetMethod(name)!;

    [Theory]
    [InlineData(0.6)]
    [InlineData(-1.3)]
    public void Clenshaw_Compiles_AndMatchesTheSeriesItSums(double x)
    {
        var c = new[] { 0.9, -0.4, 0.25, 0.1 };
        var r = CentralDifferenceRunner.Check(Method("Clenshaw"), null, new object[] { c, x });
        // By hand: the recurrence sums c₀T₃(t) + c₁T₂(t) + c₂T₁(t) + c₃/2 with t = x/2 (highest coefficient first, the
        // constant term halved), so d/dx = ½Σ cₖ·T′(t), d/dc₀ = T₃(t) and d/dc₃ = ½.
        double t = x / 2;
        double[] T = { 1, t, 2 * t * t - 1, 4 * t * t * t - 3 * t };
        double[] dT = { 0, 1, 4 * t, 12 * t * t - 3 };
        Tolerance.AssertFormula(c[0] * dT[3] / 2 + c[1] * dT[2] / 2 + c[2] * dT[1] / 2, r.Gradient[1]![0], "d/dx");
        Tolerance.AssertFormula(T[3], r.Gradient[0]![0], "d/dc0");
        Tolerance.AssertFormula(0.5, r.Gradient[0]![3], "d/dc3");
    }

    [Fact]
    public void WhileTrueLeftByBreak()
    {
        double x = 1.3;
        var r = CentralDifferenceRunner.Check(Method("Powers"), null, new object[] { x });
        // prev = x³, cur = x⁴, k = 2: d/dx = 3x² + 4x³.
        Tolerance.AssertFormula(3 * x * x + 4 * x * x * x, r.Gradient[0]![0], "d/dx");
        Tolerance.AssertFormula(x * x * x + x * x * x * x + 2, r.Value, "value");
    }

    [Fact]
    public void InFloat_WithABoolCarried()
    {
        float x = 0.8f;
        var r = CentralDifferenceRunner.Check(Method("InFloat"), null, new object[] { x });
        // Last pass i = 2 (even): y = x² + 2, result (x² + 2)·x, d/dx = 3x² + 2.
        Tolerance.AssertClose(3 * x * x + 2, r.Gradient[0]![0], 1e-5, "d/dx");
    }
}
