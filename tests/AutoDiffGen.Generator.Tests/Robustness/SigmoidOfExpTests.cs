using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Robustness;

/// <summary>
/// hunt13: <c>1 / (1 + Math.Exp(w))</c> with w not written as a negation (a barrier option's smoothed knock-out
/// <c>1 / (1 + Math.Exp((s − B) / ε))</c>, a logistic <c>Math.Exp(-k * x)</c> whose minus binds to k) was a reciprocal of a sum:
/// where exp(w) overflowed, the value was 0 and the reverse sweep multiplied −y² = −0 by ∞, a NaN gradient where the
/// derivative is 0 (Natural X14_hunt13's Finance13.BarrierUpAndOutMc at σ = 1.8). It is σ(−w) now, whose derivative has
/// the safe form. Checked by hand (σ′ = σ(1 − σ) written here independently) and by central differences, in Backward,
/// Forward and Hessian, at ordinary points and where exp(w) overflows.
/// </summary>
public class SigmoidOfExpTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        namespace SigmoidOfExp;

        public static partial class S
        {
            // A smoothed knock-out indicator: ~1 below the barrier 1.6, ~0 above it.
            [Differentiable(Forward = true, Hessian = true)]
            public static double Knock(double s) => 1.0 / (1.0 + Math.Exp((s - 1.6) / 0.05));

            // A logistic with a slope: -k * x is (-k) * x.
            [Differentiable(Forward = true, Hessian = true)]
            public static double Logistic(double k, double x) => 1.0 / (Math.Exp(-k * x) + 1.0);

            [Differentiable(Forward = true)]
            public static float KnockF(float s) => 1f / (1f + MathF.Exp((s - 1.6f) / 0.05f));

            public static double[] KnockH(double s) { var h = new double[1]; KnockHessian(s, h); return h; }
            public static double[] LogisticH(double k, double x) { var h = new double[4]; LogisticHessian(k, x, h); return h; }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static Differentiated Method(string name) => new(Compiled.Value, "SigmoidOfExp.S", name);

    private static double[] Hessian(string name, params double[] p) =>
        (double[])Compiled.Value.GetType("SigmoidOfExp.S", throwOnError: true)!.GetMethod(name + "H")!.Invoke(null, p.Cast<object>().ToArray())!;

    /// <summary>σ(z) and σ′(z) = e^{−|z|}/(1 + e^{−|z|})², σ″(z) = −σ′(z)·tanh(z/2), never overflowing.</summary>
    private static (double S, double D1, double D2) Sigma(double z)
    {
        double e = Math.Exp(-Math.Abs(z));
        double d = e / ((1 + e) * (1 + e));
        return (z >= 0 ? 1 / (1 + e) : e / (1 + e), d, -d * Math.Tanh(z / 2));
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(1.62)]
    [InlineData(40.0)]
    [InlineData(-40.0)]
    public void Knock_IsSigmoidOfMinusW_ByHandAndCentralDifferences(double s)
    {
        // Knock(s) = σ(−w), w = (s − 1.6)/0.05: dK/ds = −20·σ′(w), d²K/ds² = 400·σ″(−w) = −400·σ″(w).
        double w = (s - 1.6) / 0.05;
        var (_, d1, d2) = Sigma(w);
        var m = Method("Knock");
        var (value, gradient) = m.Backward(new[] { s });
        Assert.Equal(m.Value(s), value);
        Assert.Equal(-20 * d1, gradient[0], Tolerance(-20 * d1));
        Assert.Equal(-20 * d1, m.Forward(new[] { s }, new[] { 1.0 }).Tangent, Tolerance(-20 * d1));
        Assert.Equal(-400 * d2, Hessian("Knock", s)[0], Tolerance(-400 * d2));
        if (Math.Abs(w) < 30) Assert.Equal(Central(m, new[] { s }, 0), gradient[0], 1e-6 * (1 + Math.Abs(gradient[0])));
    }

    [Theory]
    [InlineData(2.0, 0.3)]
    [InlineData(-1.5, 0.7)]
    [InlineData(-30.0, 30.0)]
    [InlineData(30.0, 30.0)]
    public void Logistic_WithSlope_ByHandAndCentralDifferences(double k, double x)
    {
        // σ(kx): ∂/∂k = x·σ′, ∂/∂x = k·σ′; ∂²/∂k² = x²σ″, ∂²/∂k∂x = σ′ + kxσ″, ∂²/∂x² = k²σ″.
        var (_, d1, d2) = Sigma(k * x);
        var m = Method("Logistic");
        var (_, gradient) = m.Backward(new[] { k, x });
        Assert.Equal(x * d1, gradient[0], Tolerance(x * d1));
        Assert.Equal(k * d1, gradient[1], Tolerance(k * d1));
        Assert.Equal(x * d1 + k * d1, m.Forward(new[] { k, x }, new[] { 1.0, 1.0 }).Tangent, Tolerance(x * d1 + k * d1));
        var h = Hessian("Logistic", k, x);
        double[] expected = { x * x * d2, d1 + k * x * d2, d1 + k * x * d2, k * k * d2 };
        for (int i = 0; i < 4; i++) Assert.Equal(expected[i], h[i], Tolerance(expected[i]));
        if (Math.Abs(k * x) < 30)
        {
            Assert.Equal(Central(m, new[] { k, x }, 0), gradient[0], 1e-6 * (1 + Math.Abs(gradient[0])));
            Assert.Equal(Central(m, new[] { k, x }, 1), gradient[1], 1e-6 * (1 + Math.Abs(gradient[1])));
        }
    }

    [Theory]
    [InlineData(1.55f)]
    [InlineData(20f)]
    public void Knock_InFloat_IsFiniteWhereExpOverflows(float s)
    {
        // At s = 20, exp((s − 1.6)/0.05) = e^368 overflows float: the derivative is 0 (it underflows), not NaN.
        double w = ((double)s - 1.6) / 0.05;
        var (_, d1, _) = Sigma(w);
        var m = Method("KnockF");
        var (_, gradient) = m.Backward(new double[] { s });
        Assert.Equal(-20 * d1, gradient[0], 1e-4 * Math.Abs(20 * d1) + 1e-30);
        Assert.Equal(-20 * d1, m.Forward(new double[] { s }, new[] { 1.0 }).Tangent, 1e-4 * Math.Abs(20 * d1) + 1e-30);
    }

    /// <summary>
    /// Random spellings (either order of the sum, w a sum, product or quotient of the inputs with random constants, a
    /// leading minus or not, float or double) at random points, some where exp(w) overflows: each partial is the one
    /// written here by hand from σ′, never NaN; central differences agree where the points are ordinary.
    /// </summary>
    [Fact]
    public void RandomSpellings_AgreeWithTheHandDerivative()
    {
        var random = new Random(1313);
        var forms = new List<(string Name, bool Float, Func<double, double, double> W, Func<double, double, (double, double)> Dw)>();
        var source = new StringBuilder("using System;\nusing AutoDiffGen;\n\nnamespace SigmoidRandom;\n\npublic static partial class R\n{\n");
        for (int i = 0; i < 32; i++)
        {
            double a = Math.Round(random.NextDouble() * 6 - 3, 2), b = Math.Round(random.NextDouble() * 4 - 2, 2);
            bool single = i % 4 == 3, minus = random.Next(2) == 0, expFirst = random.Next(2) == 0;
            string t = single ? "float" : "double", m = single ? "MathF" : "Math", f = single ? "f" : "";
            string A = a.ToString("R", CultureInfo.InvariantCulture) + f, B = b.ToString("R", CultureInfo.InvariantCulture) + f;
            // w as written (inside Exp); the sigmoid's own argument is −w when not written with a leading minus.
            (string Text, Func<double, double, double> W, Func<double, double, (double, double)> Dw) inner = random.Next(3) switch
            {
                0 => ($"{A} * x + {B} * y", (x, y) => a * x + b * y, (_, _) => (a, b)),
                1 => ($"{A} * x * y + {B}", (x, y) => a * x * y + b, (x, y) => (a * y, a * x)),
                _ => ($"(x - {B}) / 0.05{f} + {A} * y", (x, y) => (x - b) / 0.05 + a * y, (_, _) => (1 / 0.05, a)),
            };
            string arg = minus ? "-(" + inner.Text + ")" : inner.Text;
            Func<double, double, double> wAsWritten = minus ? (x, y) => -inner.W(x, y) : inner.W;
            Func<double, double, (double, double)> dwAsWritten = minus ? (x, y) => { var (p, q) = inner.Dw(x, y); return (-p, -q); } : inner.Dw;
            string exp = $"{m}.Exp({arg})", one = "1" + (single ? "f" : ".0");
            string sum = expFirst ? exp + " + " + one : one + " + " + exp;
            source.AppendLine($"    [Differentiable(Forward = true)] public static {t} F{i}({t} x, {t} y) => {one} / ({sum});");
            forms.Add(("F" + i, single, wAsWritten, dwAsWritten));
        }
        source.AppendLine("}");
        var assembly = GeneratorHarness.CompileAndLoad(source.ToString());
        var failures = new List<string>();
        foreach (var (name, single, w, dw) in forms)
        {
            var m = new Differentiated(assembly, "SigmoidRandom.R", name);
            for (int k = 0; k < 6; k++)
            {
                // Half the points far out, where |w| is in the hundreds and exp(w) may overflow.
                double scale = k % 2 == 0 ? 1.5 : 60;
                double x = Math.Round((random.NextDouble() * 2 - 1) * scale, 3), y = Math.Round((random.NextDouble() * 2 - 1) * scale, 3);
                if (single) { x = (float)x; y = (float)y; }
                // f = 1/(1 + e^w) = σ(−w): ∂f = −σ′(w)·∂w (σ′ is even).
                var (_, d1, _) = Sigma(w(x, y));
                var (wx, wy) = dw(x, y);
                double[] hand = { -d1 * wx, -d1 * wy };
                var (_, gradient) = m.Backward(new[] { x, y });
                double tangent = m.Forward(new[] { x, y }, new[] { 1.0, 0.0 }).Tangent;
                double rel = single ? 2e-3 : 1e-9;
                for (int j = 0; j < 2; j++)
                {
                    if (double.IsNaN(gradient[j]) || Math.Abs(gradient[j] - hand[j]) > rel * Math.Abs(hand[j]) + (single ? 1e-30 : 1e-300))
                        failures.Add($"{name} at ({x}, {y}): ∂{j} = {gradient[j]}, by hand {hand[j]}");
                }
                if (double.IsNaN(tangent) || Math.Abs(tangent - hand[0]) > rel * Math.Abs(hand[0]) + (single ? 1e-30 : 1e-300))
                    failures.Add($"{name} at ({x}, {y}): forward ∂x = {tangent}, by hand {hand[0]}");
                if (!single && Math.Abs(w(x, y)) < 20)
                {
                    double c = Central(m, new[] { x, y }, 0);
                    if (Math.Abs(c - gradient[0]) > 1e-5 * (1 + Math.Abs(c))) failures.Add($"{name} at ({x}, {y}): ∂x = {gradient[0]}, central {c}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static double Tolerance(double expected) => 1e-12 * Math.Abs(expected) + 1e-300;

    private static double Central(Differentiated m, double[] x, int i)
    {
        double h = 1e-6 * (1 + Math.Abs(x[i]));
        var up = (double[])x.Clone();
        var down = (double[])x.Clone();
        up[i] += h;
        down[i] -= h;
        return (m.Value(up) - m.Value(down)) / (2 * h);
    }
}
