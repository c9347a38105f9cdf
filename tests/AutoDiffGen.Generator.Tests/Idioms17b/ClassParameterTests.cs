using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms17b;

/// <summary>
/// Issue 13 (natural F07): <c>[WithRespectTo]</c> on a class parameter makes its real members inputs; <c>MBackward</c> takes
/// <c>ref T dP</c> and adds into it (a positional record replaced by <c>dP with { … }</c>, a class of settable members
/// added into in place), <c>MForward</c> a tangent <c>T tP</c>. Each gradient by hand and against central differences
/// (the objects rebuilt with one member moved by ±h); forward against reverse.
/// </summary>
public class ClassParameterTests
{
    internal const string Source = """
        using System;
        using AutoDiffGen;

        public record DecayParams(double Amplitude, double Rate, double Offset);
        public struct V2 { public double X; public double Y; }
        public class Plain { public double A; public double B { get; set; } public V2 At; public int N; }

        public static partial class C
        {
            [Differentiable(Forward = true)]
            public static double Loss([WithRespectTo] DecayParams p, [NoDiff] double[] times, [NoDiff] double[] values)
            {
                double sum = 0;
                for (int i = 0; i < times.Length; i++)
                {
                    double model = p.Amplitude * Math.Exp(-p.Rate * times[i]) + p.Offset;
                    sum += (model - values[i]) * (model - values[i]);
                }
                var prior = p with { Rate = 0.1 };
                return sum / times.Length + 0.01 * (p.Rate - prior.Rate) * (p.Rate - prior.Rate);
            }

            [Differentiable(Forward = true)]
            public static double G([WithRespectTo] Plain q, double x) => q.A * x + q.B * q.At.X * q.N + Math.Sin(q.At.Y);

            [Differentiable(Forward = true)]
            public static double Compound([WithRespectTo] DecayParams p, int n)
            {
                double s = 0;
                var cur = p;
                for (int i = 0; i < n; i++)
                {
                    cur = cur with { Amplitude = cur.Amplitude * cur.Rate };
                    s += cur.Amplitude + p.Offset * i;
                }
                return s;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static Type T(string name) => Compiled.Value.GetType(name)!;

    private static MethodInfo M(string name) => T("C").GetMethod(name)!;

    private static readonly double[] Times = { 0.0, 0.5, 1.0, 2.0, 3.0 };
    private static readonly double[] Values = { 2.3, 1.9, 1.6, 1.2, 0.9 };

    private static object Decay(double a, double r, double o) => Activator.CreateInstance(T("DecayParams"), a, r, o)!;

    private static double Member(object o, string name) =>
        o.GetType().GetProperty(name) is { } p ? (double)p.GetValue(o)! : (double)o.GetType().GetField(name)!.GetValue(o)!;

    /// <summary>(∂/∂A, ∂/∂R, ∂/∂O) of F07's loss by hand: the prior's Rate is 0.1 whatever p is, so it adds 0.02 (R − 0.1) to ∂/∂R.</summary>
    private static double[] LossByHand(double a, double r, double o)
    {
        double dA = 0, dR = 0, dO = 0;
        for (int i = 0; i < Times.Length; i++)
        {
            double e = Math.Exp(-r * Times[i]);
            double res = (a * e) + o - Values[i];
            dA += 2 * res * e / Times.Length;
            dR += 2 * res * (-a * Times[i] * e) / Times.Length;
            dO += 2 * res / Times.Length;
        }
        return new[] { dA, dR + (0.02 * (r - 0.1)), dO };
    }

    private static double Loss(double a, double r, double o) => (double)M("Loss").Invoke(null, new object[] { Decay(a, r, o), Times, Values })!;

    [Theory]
    [InlineData(1.5, 0.6, 0.1)]
    [InlineData(2.2, 0.3, -0.4)]
    public void RecordClass_F07_AddsIntoDP_ByHand_AndCentralDifferences(double a, double r, double o)
    {
        var args = new object?[] { Decay(a, r, o), Times, Values, Decay(10, 20, 30), 1.0 };
        double value = (double)M("LossBackward").Invoke(null, args)!;
        Tolerance.AssertFormula(Loss(a, r, o), value, "value");
        var dP = args[3]!;
        var hand = LossByHand(a, r, o);
        string[] names = { "Amplitude", "Rate", "Offset" };
        double[] start = { 10, 20, 30 };
        const double h = 1e-6;
        for (int k = 0; k < 3; k++)
        {
            // dP started at (10, 20, 30): the Backward adds, it never overwrites.
            double got = Member(dP, names[k]) - start[k];
            Tolerance.AssertFormula(hand[k], got, "∂/∂" + names[k] + " by hand");
            double[] plus = { a, r, o }, minus = { a, r, o };
            plus[k] += h;
            minus[k] -= h;
            double central = (Loss(plus[0], plus[1], plus[2]) - Loss(minus[0], minus[1], minus[2])) / (2 * h);
            Tolerance.AssertCentral(central, got, Math.Abs(value), "∂/∂" + names[k] + " central");
        }
    }

    [Fact]
    public void RecordClass_DPIsReplacedByACopy_AndTheCallerKeepsTheOldOne()
    {
        var old = Decay(0, 0, 0);
        var args = new object?[] { Decay(1.5, 0.6, 0.1), Times, Values, old, 1.0 };
        M("LossBackward").Invoke(null, args);
        Assert.NotSame(old, args[3]);
        Assert.Equal(0.0, Member(old, "Rate"));
        Assert.NotEqual(0.0, Member(args[3]!, "Rate"));
    }

    [Fact]
    public void NullAdjoint_ThrowsArgumentNullException_NamingIt()
    {
        var e = Assert.Throws<TargetInvocationException>(() => M("LossBackward").Invoke(null, new object?[] { Decay(1, 1, 1), Times, Values, null, 1.0 }));
        var inner = Assert.IsType<ArgumentNullException>(e.InnerException);
        Assert.Equal("dP", inner.ParamName);
    }

    [Theory]
    [InlineData(1.5, 0.6, 0.1)]
    [InlineData(-0.7, 1.2, 0.5)]
    public void Forward_MatchesReverse_MemberByMember(double a, double r, double o)
    {
        var args = new object?[] { Decay(a, r, o), Times, Values, Decay(0, 0, 0), 1.0 };
        M("LossBackward").Invoke(null, args);
        var hand = LossByHand(a, r, o);
        string[] names = { "Amplitude", "Rate", "Offset" };
        for (int k = 0; k < 3; k++)
        {
            double[] direction = new double[3];
            direction[k] = 1;
            var fargs = new object?[] { Decay(a, r, o), Times, Values, Decay(direction[0], direction[1], direction[2]), null };
            double value = (double)M("LossForward").Invoke(null, fargs)!;
            Tolerance.AssertFormula(Loss(a, r, o), value, "forward value");
            Tolerance.AssertFormula(Member(args[3]!, names[k]), (double)fargs[4]!, "tangent along " + names[k] + " = reverse");
            Tolerance.AssertFormula(hand[k], (double)fargs[4]!, "tangent along " + names[k] + " by hand");
        }
    }

    private static object Plain(double a, double b, double atX, double atY, int n)
    {
        var q = Activator.CreateInstance(T("Plain"))!;
        var at = Activator.CreateInstance(T("V2"))!;
        T("V2").GetField("X")!.SetValue(at, atX);
        T("V2").GetField("Y")!.SetValue(at, atY);
        T("Plain").GetField("A")!.SetValue(q, a);
        T("Plain").GetProperty("B")!.SetValue(q, b);
        T("Plain").GetField("At")!.SetValue(q, at);
        T("Plain").GetField("N")!.SetValue(q, n);
        return q;
    }

    private static double[] PlainParts(object q)
    {
        var at = T("Plain").GetField("At")!.GetValue(q)!;
        return new[] { (double)T("Plain").GetField("A")!.GetValue(q)!, (double)T("Plain").GetProperty("B")!.GetValue(q)!, (double)T("V2").GetField("X")!.GetValue(at)!, (double)T("V2").GetField("Y")!.GetValue(at)! };
    }

    /// <summary>G = A·x + B·At.X·N + sin(At.Y): ∂A = x, ∂B = At.X·N, ∂At.X = B·N, ∂At.Y = cos(At.Y), ∂x = A; N an int, a constant.</summary>
    [Theory]
    [InlineData(0.8, -1.1, 0.4, 0.9, 3, 1.7)]
    [InlineData(-2.0, 0.5, -0.3, -1.4, 2, -0.6)]
    public void PlainClass_WithANestedStruct_IsAddedIntoInPlace_ByHand_AndCentralDifferences(double a, double b, double atX, double atY, int n, double x)
    {
        var dQ = Plain(1, 2, 3, 4, 0);
        var args = new object?[] { Plain(a, b, atX, atY, n), x, dQ, 0.5, 1.0 };
        M("GBackward").Invoke(null, args);
        Assert.Same(dQ, args[2]);
        var got = PlainParts(dQ);
        double[] hand = { x, atX * n, b * n, Math.Cos(atY) };
        double[] start = { 1, 2, 3, 4 };
        double[] at = { a, b, atX, atY };
        const double h = 1e-6;
        double G(double[] v) => (double)M("G").Invoke(null, new object[] { Plain(v[0], v[1], v[2], v[3], n), x })!;
        for (int k = 0; k < 4; k++)
        {
            Tolerance.AssertFormula(hand[k], got[k] - start[k], "component " + k + " by hand");
            double[] plus = (double[])at.Clone(), minus = (double[])at.Clone();
            plus[k] += h;
            minus[k] -= h;
            Tolerance.AssertCentral((G(plus) - G(minus)) / (2 * h), got[k] - start[k], Math.Abs(G(at)), "component " + k + " central");
            var fargs = new object?[] { Plain(a, b, atX, atY, n), x, Plain(k == 0 ? 1 : 0, k == 1 ? 1 : 0, k == 2 ? 1 : 0, k == 3 ? 1 : 0, 0), 0.0, null };
            M("GForward").Invoke(null, fargs);
            Tolerance.AssertFormula(hand[k], (double)fargs[4]!, "tangent " + k);
        }
        Tolerance.AssertFormula(0.5 + a, (double)args[3]!, "∂x added into 0.5");
        Assert.Equal(0, (int)T("Plain").GetField("N")!.GetValue(dQ)!);
    }

    /// <summary>
    /// cur = p; n times cur = cur with { A = cur.A·R }; s += cur.A + O·i. So s = Σ_{i&lt;n} (A·R^(i+1) + O·i):
    /// ∂A = Σ R^(i+1), ∂R = Σ A(i+1)R^i, ∂O = n(n−1)/2.
    /// </summary>
    [Theory]
    [InlineData(1.3, 0.7, 0.2, 4)]
    [InlineData(-0.5, 1.1, 2.0, 3)]
    public void WithInALoop_ByHand_AndCentralDifferences(double a, double r, double o, int n)
    {
        var args = new object?[] { Decay(a, r, o), n, Decay(0, 0, 0), 1.0 };
        double value = (double)M("CompoundBackward").Invoke(null, args)!;
        double dA = 0, dR = 0, s = 0;
        for (int i = 0; i < n; i++)
        {
            dA += Math.Pow(r, i + 1);
            dR += a * (i + 1) * Math.Pow(r, i);
            s += (a * Math.Pow(r, i + 1)) + (o * i);
        }
        Tolerance.AssertFormula(s, value, "value");
        double[] hand = { dA, dR, n * (n - 1) / 2.0 };
        string[] names = { "Amplitude", "Rate", "Offset" };
        const double h = 1e-6;
        double F(double[] v) => (double)M("Compound").Invoke(null, new object[] { Decay(v[0], v[1], v[2]), n })!;
        for (int k = 0; k < 3; k++)
        {
            Tolerance.AssertFormula(hand[k], Member(args[2]!, names[k]), names[k] + " by hand");
            double[] plus = { a, r, o }, minus = { a, r, o };
            plus[k] += h;
            minus[k] -= h;
            Tolerance.AssertCentral((F(plus) - F(minus)) / (2 * h), Member(args[2]!, names[k]), Math.Abs(s), names[k] + " central");
            var fargs = new object?[] { Decay(a, r, o), n, Decay(k == 0 ? 1 : 0, k == 1 ? 1 : 0, k == 2 ? 1 : 0), null };
            M("CompoundForward").Invoke(null, fargs);
            Tolerance.AssertFormula(hand[k], (double)fargs[3]!, names[k] + " tangent");
        }
    }

    [Fact]
    public void GeneratedCode_CompilesUnderEveryCheck_AndNamesTheAdjointByTheContractsRule()
    {
        var run = GeneratorHarness.Run(Source);
        Assert.Empty(run.StrictDiagnostics());
        string all = string.Concat(run.Generated.Values);
        Assert.Contains("ref global::DecayParams dP, double dResult = 1)", all, StringComparison.Ordinal);
        Assert.Contains("dP = dP with { Amplitude = ", all, StringComparison.Ordinal);
        Assert.Contains("ref global::Plain dQ, ref double dX", all, StringComparison.Ordinal);
        Assert.Contains("global::DecayParams tP, out double tResult", all, StringComparison.Ordinal);
    }
}
