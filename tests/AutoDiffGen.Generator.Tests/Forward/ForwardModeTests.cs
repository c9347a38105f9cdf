using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Forward;

/// <summary>
/// MForward of the forward golden examples (GoldenExamples.Forward), run: its value is the method's, and its tangent
/// is Σ ∂M/∂pk · tk by hand (neuron, Rosenbrock, Horner's p′(x)), by central differences along the tangent, and as
/// the dot product of MBackward's gradient with the tangent.
/// </summary>
public class ForwardModeTests
{
    private static readonly Lazy<Type> Directional = new(() =>
        GeneratorHarness.CompileAndLoad(GoldenExamples.Forward.Source).GetType("Golden.Forward.Directional", throwOnError: true)!);

    private delegate double SmoothedForward(double[] x, double k, ReadOnlySpan<double> tX, double tK, out double tResult);

    private delegate double LayerForward(double[] x, double w, double b, ReadOnlySpan<double> tX, double tW, double tB, out double tResult);

    private static MethodInfo Method(string name) => Directional.Value.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;

    /// <summary>MForward of an all-scalar method: (value, tResult).</summary>
    private static (double Value, double Tangent) Forward(string name, double[] x, double[] t)
    {
        var args = x.Cast<object>().Concat(t.Cast<object>()).Append(null!).ToArray();
        double value = (double)Method(name + "Forward").Invoke(null, args)!;
        return (value, (double)args[^1]);
    }

    private static double Value(string name, params object[] x) => (double)Method(name).Invoke(null, x)!;

    private static double[] Gradient(string name, double[] x)
    {
        var args = x.Cast<object>().Concat(x.Select(_ => (object)0.0)).Append(1.0).ToArray();
        Method(name + "Backward").Invoke(null, args);
        return Enumerable.Range(0, x.Length).Select(i => (double)args[x.Length + i]).ToArray();
    }

    /// <summary>(f(x + h·t) − f(x − h·t)) / 2h.</summary>
    private static double AlongT(Func<double[], double> f, double[] x, double[] t, double h = 1e-6)
    {
        var up = x.Select((v, i) => v + (h * t[i])).ToArray();
        var down = x.Select((v, i) => v - (h * t[i])).ToArray();
        return (f(up) - f(down)) / (2 * h);
    }

    private static void AssertTangent(string name, double[] x, double[] t, double? hand)
    {
        var (value, tangent) = Forward(name, x, t);
        Assert.Equal(Value(name, x.Cast<object>().ToArray()), value);
        if (hand is { } expected) Tolerance.AssertFormula(expected, tangent, "tResult by hand");
        Tolerance.AssertCentral(AlongT(p => Value(name, p.Cast<object>().ToArray()), x, t), tangent, value, "tResult vs central differences");
        var g = Gradient(name, x);
        Tolerance.AssertFormula(g.Select((gi, i) => gi * t[i]).Sum(), tangent, "tResult vs Backward's gradient · t");
    }

    [Theory]
    [InlineData(2.0, -1.0, -3.0, -2.0, -3.0)]
    [InlineData(0.3, 0.8, -0.5, 1.1, 0.2)]
    public void Neuron_MatchesHand(double w0, double x0, double w1, double x1, double w2)
    {
        double[] t = { 0.7, -1.1, 0.4, 2.0, -0.3 };
        double s = 1 / (1 + Math.Exp(-((w0 * x0) + (w1 * x1) + w2)));
        // σ′(z)·ż with ż = x0·ẇ0 + w0·ẋ0 + x1·ẇ1 + w1·ẋ1 + ẇ2.
        double hand = s * (1 - s) * ((x0 * t[0]) + (w0 * t[1]) + (x1 * t[2]) + (w1 * t[3]) + t[4]);
        AssertTangent("Neuron", new[] { w0, x0, w1, x1, w2 }, t, hand);
    }

    [Theory]
    [InlineData(-1.2, 1.0, 1.0, 0.0)]
    [InlineData(-1.2, 1.0, 0.0, 1.0)]
    [InlineData(0.7, 0.3, -0.6, 1.9)]
    public void Rosenbrock_MatchesHand(double x, double y, double tx, double ty)
    {
        // ∂f/∂x = −2(1 − x) − 400x(y − x²), ∂f/∂y = 200(y − x²).
        double hand = (((-2 * (1 - x)) - (400 * x * (y - (x * x)))) * tx) + (200 * (y - (x * x)) * ty);
        AssertTangent("Rosenbrock", new[] { x, y }, new[] { tx, ty }, hand);
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(-1.3)]
    [InlineData(2.1)]
    public void Horner_GivesPPrime(double x)
    {
        double[] c = { 1.0, -2.0, 0.5, 3.0, -0.25 };
        var args = new object[] { c, x, 1.0, null! };
        double value = (double)Method("HornerForward").Invoke(null, args)!;
        double p = 0, dp = 0;
        for (int i = 0; i < c.Length; i++)
        {
            p += c[i] * Math.Pow(x, i);
            if (i > 0) dp += i * c[i] * Math.Pow(x, i - 1);
        }
        Tolerance.AssertFormula(p, value, "p(x)");
        Tolerance.AssertFormula(dp, (double)args[3], "p′(x)");
        // A tangent scales the derivative.
        args = new object[] { c, x, -2.5, null! };
        Method("HornerForward").Invoke(null, args);
        Tolerance.AssertFormula(-2.5 * dp, (double)args[3], "p′(x)·t");
    }

    [Theory]
    [InlineData(0.4, 1.0)]
    [InlineData(-2.5, 1.0)]
    [InlineData(1.5, 0.5)]
    public void Huber_BothBranches_MatchHand(double r, double delta)
    {
        double[] t = { 0.8, -0.6 };
        // |r| ≤ δ: r²/2 → r·ṙ; else δ(|r| − δ/2) → (|r| − δ)·δ̇ + δ·sign(r)·ṙ.
        double hand = Math.Abs(r) <= delta ? r * t[0] : ((Math.Abs(r) - delta) * t[1]) + (delta * Math.Sign(r) * t[0]);
        AssertTangent("Huber", new[] { r, delta }, t, hand);
    }

    [Fact]
    public void LocalArray_AndCalls_MatchCentralDifferencesAndBackward()
    {
        double[] x = { 0.4, -0.2, 1.1 };
        double[] tx = { 0.3, 1.2, -0.7 };
        double k = 0.7, tk = -0.4;
        var smoothed = Method("SmoothedForward").CreateDelegate<SmoothedForward>();
        double value = smoothed(x, k, tx, tk, out double tangent);
        double F(double[] p) => Value("Smoothed", p[..3], p[3]);
        Tolerance.AssertFormula(F(x.Append(k).ToArray()), value);
        // f = Σ tanh(k·xᵢ)·xᵢ: ∂f/∂xᵢ = tanh(k xᵢ) + k·xᵢ·sech²(k xᵢ), ∂f/∂k = Σ xᵢ²·sech²(k xᵢ).
        double hand = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double th = Math.Tanh(k * x[i]), sech2 = 1 - (th * th);
            hand += ((th + (k * x[i] * sech2)) * tx[i]) + (x[i] * x[i] * sech2 * tk);
        }
        Tolerance.AssertFormula(hand, tangent, "Smoothed tResult by hand");
        Tolerance.AssertCentral(AlongT(F, x.Append(k).ToArray(), tx.Append(tk).ToArray()), tangent, value, "Smoothed tResult");

        var layer = Method("LayerForward").CreateDelegate<LayerForward>();
        double[] x2 = { 0.4, -0.9 }, t2 = { -0.5, 0.35 };
        double w = 0.6, b = -0.1, tw = 1.3, tb = 0.2;
        double v2 = layer(x2, w, b, t2, tw, tb, out double tangent2);
        double L(double[] p) => Value("Layer", p[..2], p[2], p[3]);
        var point = x2.Concat(new[] { w, b }).ToArray();
        Tolerance.AssertFormula(L(point), v2);
        Tolerance.AssertCentral(AlongT(L, point, t2.Concat(new[] { tw, tb }).ToArray()), tangent2, v2, "Layer tResult");
        // Against Backward: dX·tX + dW·tW + dB·tB.
        var dX = new double[2];
        object[] args = { x2, w, b, dX, 0.0, 0.0, 1.0 };
        Method("LayerBackward").Invoke(null, args);
        double dot = (dX[0] * t2[0]) + (dX[1] * t2[1]) + ((double)args[4] * tw) + ((double)args[5] * tb);
        Tolerance.AssertFormula(dot, tangent2, "Layer tResult vs Backward · t");
    }

    [Theory]
    [InlineData(0.8, 3)]
    [InlineData(-1.3, 4)]
    [InlineData(0.5, 0)]
    public void InstanceRecursiveMethod_MatchesHand(double x, int n)
    {
        const string source = """
            using AutoDiffGen;
            public partial class Model
            {
                public double Scale = 1.5;

                /// (Scale·x)ⁿ, recursively, on an instance: MForward calls this.PowerForward.
                [Differentiable(Forward = true)]
                public double Power(double x, int n) => n == 0 ? 1.0 : Scale * x * Power(x, n - 1);
            }
            """;
        var type = GeneratorHarness.CompileAndLoad(source).GetType("Model")!;
        object model = Activator.CreateInstance(type)!;
        var args = new object[] { x, n, 0.7, null! };
        double value = (double)type.GetMethod("PowerForward")!.Invoke(model, args)!;
        Tolerance.AssertFormula(Math.Pow(1.5 * x, n), value, "(Scale·x)ⁿ");
        // d/dx (s·x)ⁿ = n·s·(s·x)ⁿ⁻¹, times the tangent 0.7.
        Tolerance.AssertFormula(n == 0 ? 0 : n * 1.5 * Math.Pow(1.5 * x, n - 1) * 0.7, (double)args[3], "tResult");
    }

    [Fact]
    public void TangentOfTheWrongLength_ThrowsBeforeAnyWork()
    {
        var smoothed = Method("SmoothedForward").CreateDelegate<SmoothedForward>();
        var e = Assert.Throws<ArgumentException>(() => smoothed(new[] { 1.0, 2.0 }, 0.5, new[] { 1.0 }, 0.0, out _));
        Assert.Contains("tX", e.Message);
    }
}
