using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms18a;

/// <summary>
/// Issue 13 item 6: a <c>[Differentiable]</c> loss that calls a <c>[Differentiable]</c> predictor, both taking the model
/// as a <c>[WithRespectTo]</c> class parameter, in a loop. <c>LossBackward</c> passes its <c>ref dM</c> on to
/// <c>PredictBackward</c> (a class added into in place), or a zeroed copy whose members it adds into its own sums (a
/// record replaced by <c>with</c>, a class of get-only members rebuilt through its constructor); <c>LossForward</c> passes
/// its tangent <c>tM</c> on. And the write paths of get-only members: a private field behind <c>W =&gt; _w</c> written in
/// place by code inside a partial declaration of the class, a get-only auto-property and a readonly field rebuilt
/// through a memberwise constructor. Each by hand and against central differences; forward against the hand values.
/// </summary>
public class ClassCallTests
{
    internal const string Source = """
        using System;
        using AutoDiffGen;

        public record Line(double W, double B);
        public class Affine { public double W; public double B { get; set; } }
        public class Frozen
        {
            public double W { get; }
            private readonly double _b;
            public double B => _b;
            public int N { get; }
            public Frozen(double w, double b, int n) { W = w; _b = b; N = n; }
        }
        public partial class Lin
        {
            private double _w;
            private double _b;
            public double W => _w;
            public double B { get { return this._b; } }
            public Lin() { }
            public Lin(double w, double b) { _w = w; _b = b; }

            // Inside the class: its private fields are written in place (dM._w += …).
            [Differentiable(Forward = true)]
            public static double Predict([WithRespectTo] Lin m, double x) => m.W * x + m._b;
        }

        public static partial class C
        {
            [Differentiable(Forward = true)]
            public static double PredictLine([WithRespectTo] Line m, double x) => m.W * x + m.B;

            [Differentiable(Forward = true)]
            public static double LossLine([WithRespectTo] Line m, [NoDiff] double[] xs, [NoDiff] double[] ys)
            {
                double s = 0;
                for (int i = 0; i < xs.Length; i++) { double e = PredictLine(m, xs[i]) - ys[i]; s += e * e; }
                return s / xs.Length;
            }

            [Differentiable(Forward = true)]
            public static double PredictAffine([WithRespectTo] Affine m, double x) => m.W * x + m.B;

            [Differentiable(Forward = true)]
            public static double LossAffine([WithRespectTo] Affine m, [NoDiff] double[] xs, [NoDiff] double[] ys)
            {
                double s = 0;
                for (int i = 0; i < xs.Length; i++) { double e = PredictAffine(m, xs[i]) - ys[i]; s += e * e; }
                return s / xs.Length;
            }

            // Outside Frozen: W is read as it is, _b through B, and dF is rebuilt by new Frozen(…, dF.N) at the end.
            [Differentiable(Forward = true)]
            public static double PredictFrozen([WithRespectTo] Frozen f, double x) => f.W * x * f.N + f.B;

            [Differentiable(Forward = true)]
            public static double LossFrozen([WithRespectTo] Frozen f, [NoDiff] double[] xs, [NoDiff] double[] ys)
            {
                double s = 0;
                for (int i = 0; i < xs.Length; i++) { double e = PredictFrozen(f, xs[i]) - ys[i]; s += e * e; }
                return s / xs.Length;
            }

            // Outside Lin: _w and _b are read through W and B, and Lin(double, double) rebuilds dM; the callee writes them in place.
            [Differentiable(Forward = true)]
            public static double LossLin([WithRespectTo] Lin m, [NoDiff] double[] xs, [NoDiff] double[] ys)
            {
                double s = 0;
                for (int i = 0; i < xs.Length; i++) { double e = Lin.Predict(m, xs[i]) - ys[i]; s += e * e; }
                return s / xs.Length;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static Type T(string name) => Compiled.Value.GetType(name)!;

    private static readonly double[] Xs = { 0.5, 1.5, -1.0 };
    private static readonly double[] Ys = { 1.0, 2.5, -0.5 };
    private const int N = 2;

    /// <summary>An object of the kind with W = <paramref name="w"/>, B = <paramref name="b"/> (Frozen's N = 2).</summary>
    private static object Make(string kind, double w, double b)
    {
        switch (kind)
        {
            case "Line": return Activator.CreateInstance(T("Line"), w, b)!;
            case "Frozen": return Activator.CreateInstance(T("Frozen"), w, b, N)!;
            case "Lin": return Activator.CreateInstance(T("Lin"), w, b)!;
            default:
                var a = Activator.CreateInstance(T("Affine"))!;
                T("Affine").GetField("W")!.SetValue(a, w);
                T("Affine").GetProperty("B")!.SetValue(a, b);
                return a;
        }
    }

    private static double Member(object o, string name) =>
        o.GetType().GetProperty(name) is { } p ? Convert.ToDouble(p.GetValue(o)!) : Convert.ToDouble(o.GetType().GetField(name)!.GetValue(o)!);

    private static double Loss(string kind, double w, double b) =>
        (double)T(kind == "Lin" ? "C" : "C").GetMethod("Loss" + kind)!.Invoke(null, new object[] { Make(kind, w, b), Xs, Ys })!;

    /// <summary>
    /// L = (1/n) Σ (k·w·xᵢ + b − yᵢ)² (k = N for Frozen, else 1): ∂L/∂w = (2/n) Σ rᵢ·k·xᵢ, ∂L/∂b = (2/n) Σ rᵢ with
    /// rᵢ = k·w·xᵢ + b − yᵢ. At w = 0.8, b = 0.3 (k = 1): r = (−0.3, −1.0, 0.0), ∂w = −1.1, ∂b = −0.8667.
    /// </summary>
    private static (double W, double B) ByHand(string kind, double w, double b)
    {
        double k = kind == "Frozen" ? N : 1;
        double dW = 0, dB = 0;
        for (int i = 0; i < Xs.Length; i++)
        {
            double r = (k * w * Xs[i]) + b - Ys[i];
            dW += 2 * r * k * Xs[i] / Xs.Length;
            dB += 2 * r / Xs.Length;
        }
        return (dW, dB);
    }

    [Fact]
    public void TheHandValues_AtTheFirstPoint_AreTheOnesInTheComment()
    {
        var (dW, dB) = ByHand("Line", 0.8, 0.3);
        Tolerance.AssertFormula(-1.1, dW, "∂w");
        Tolerance.AssertFormula(-2.6 / 3, dB, "∂b");
    }

    [Theory]
    [InlineData("Line", 0.8, 0.3)]
    [InlineData("Line", -1.2, 0.7)]
    [InlineData("Affine", 0.8, 0.3)]
    [InlineData("Affine", 1.9, -0.4)]
    [InlineData("Frozen", 0.8, 0.3)]
    [InlineData("Frozen", -0.6, 1.1)]
    [InlineData("Lin", 0.8, 0.3)]
    [InlineData("Lin", 0.2, -0.9)]
    public void LossCallsPredictInALoop_TheModelsGradient_ByHand_AndCentralDifferences(string kind, double w, double b)
    {
        // dM starts at (10, 20): MBackward adds into it, it never overwrites.
        var args = new object?[] { Make(kind, w, b), Xs, Ys, Make(kind, 10, 20), 1.0 };
        double value = (double)T("C").GetMethod("Loss" + kind + "Backward")!.Invoke(null, args)!;
        Tolerance.AssertFormula(Loss(kind, w, b), value, "value");
        var dM = args[3]!;
        var (hW, hB) = ByHand(kind, w, b);
        Tolerance.AssertFormula(hW, Member(dM, "W") - 10, "∂w by hand");
        Tolerance.AssertFormula(hB, Member(dM, "B") - 20, "∂b by hand");
        const double h = 1e-6;
        Tolerance.AssertCentral((Loss(kind, w + h, b) - Loss(kind, w - h, b)) / (2 * h), Member(dM, "W") - 10, Math.Abs(value), "∂w central");
        Tolerance.AssertCentral((Loss(kind, w, b + h) - Loss(kind, w, b - h)) / (2 * h), Member(dM, "B") - 20, Math.Abs(value), "∂b central");
        if (kind == "Frozen") Assert.Equal(N, (int)T("Frozen").GetProperty("N")!.GetValue(dM)!);
        if (kind == "Affine") Assert.Same(args[3], dM);
    }

    [Theory]
    [InlineData("Line", 0.8, 0.3)]
    [InlineData("Affine", 1.9, -0.4)]
    [InlineData("Frozen", -0.6, 1.1)]
    [InlineData("Lin", 0.2, -0.9)]
    public void Forward_PassesTheTangentOn_AndMatchesTheHandValues(string kind, double w, double b)
    {
        var (hW, hB) = ByHand(kind, w, b);
        var fW = new object?[] { Make(kind, w, b), Xs, Ys, Make(kind, 1, 0), null };
        double value = (double)T("C").GetMethod("Loss" + kind + "Forward")!.Invoke(null, fW)!;
        Tolerance.AssertFormula(Loss(kind, w, b), value, "forward value");
        Tolerance.AssertFormula(hW, (double)fW[4]!, "tangent along w");
        var fB = new object?[] { Make(kind, w, b), Xs, Ys, Make(kind, 0, 1), null };
        T("C").GetMethod("Loss" + kind + "Forward")!.Invoke(null, fB);
        Tolerance.AssertFormula(hB, (double)fB[4]!, "tangent along b");
    }

    /// <summary>Lin.Predict = W·x + _b inside Lin: ∂_w = x, ∂_b = 1, ∂x = W, added into dM's private fields in place.</summary>
    [Fact]
    public void InsideThePartialClass_PrivateFieldsAreAddedIntoInPlace()
    {
        var dM = Make("Lin", 0.5, 0.25);
        var args = new object?[] { Make("Lin", 1.5, -0.7), 2.0, dM, 0.0, 1.0 };
        double value = (double)T("Lin").GetMethod("PredictBackward")!.Invoke(null, args)!;
        Tolerance.AssertFormula((1.5 * 2.0) - 0.7, value, "value");
        Assert.Same(dM, args[2]);
        Tolerance.AssertFormula(0.5 + 2.0, Member(dM, "W"), "∂_w = x, added into 0.5");
        Tolerance.AssertFormula(0.25 + 1.0, Member(dM, "B"), "∂_b = 1, added into 0.25");
        Tolerance.AssertFormula(1.5, (double)args[3]!, "∂x = W");
    }

    [Fact]
    public void GeneratedCode_CompilesUnderEveryCheck_AndPassesTheAdjointOn()
    {
        var run = GeneratorHarness.Run(Source);
        Assert.Empty(run.StrictDiagnostics());
        string all = string.Concat(run.Generated.Values);
        Assert.Contains("global::C.PredictAffineBackward(m, ", all, StringComparison.Ordinal);
        Assert.Contains("ref dM, ", all, StringComparison.Ordinal);
        Assert.Contains("dF = new global::Frozen(", all, StringComparison.Ordinal);
        Assert.Contains("dM._w += ", all, StringComparison.Ordinal);
        Assert.Contains("global::C.PredictLineForward(m, ", all, StringComparison.Ordinal);
    }
}
