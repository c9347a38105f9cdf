using System.Numerics;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Natural;

/// <summary>
/// The fifth round of natural programs (natural18, Natural/FifthAttempts: sixteen programs in domains the earlier rounds
/// did not cover: a binomial tree's Greeks, a GARCH likelihood, softmax attention over jagged rows, a polynomial fit through
/// the normal equations, an LSTM cell with record-struct state, a bouncing ball, a loss chosen by name, a pharmacokinetic
/// fit over lists of records, logistic regression through extension methods and a data class, a ray–sphere depth fit, a
/// two-link arm's Newton IK with the Hessian, Bradley–Terry ratings, a generic Gaussian mixture, a Nelson–Siegel curve with
/// the Hessian, an SIR model with user operators and forward mode, a PID tuned through forward mode), as first written.
/// <see cref="Expected"/> pins what each gets; the tests below check every program against central differences and a
/// value derived by hand at a point where the hand values are non-zero and distinct. docs/corpus.md records the round.
/// </summary>
public class FifthAttemptTests
{
    /// <summary>The ids each program gets as first written (after natural18's fixes); "" is a clean build.</summary>
    public static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["E01_BinomialTree"] = "",
        ["E02_Garch"] = "",
        // double[] Softmax(double[] z) returning e.Select(v => v / sum).ToArray(): ADG0004 at the call before natural18 (a
        // helper had to return a local it made with new double[n]); LINQ's ToArray() is a new array too, so it is inlined.
        ["E03_Attention"] = "",
        ["E04_PolyNormalEquations"] = "",
        ["E05_RecurrentCell"] = "",
        ["E06_BouncingBall"] = "",
        ["E07_LossConfig"] = "",
        ["E08_Pharmacokinetics"] = "",
        ["E09_LogisticExtensions"] = "",
        ["E10_RaySphere"] = "",
        // var (x, y) = Tip(shoulder, elbow) of an instance helper of the arm returning a tuple: ADG0002 (and CS0103 in the
        // user's Solve) before natural18; a this-helper returning a tuple is now inlined as one returning a struct was.
        ["E11_TwoLinkArm"] = "",
        ["E12_BradleyTerry"] = "",
        ["E13_GenericMixture"] = "",
        ["E14_NelsonSiegel"] = "",
        ["E15_SirEpidemic"] = "",
        ["E16_PidTuning"] = "",
    };

    public static IEnumerable<object[]> Names() => NaturalSource.FifthNames().Select(n => new object[] { n });

    [Theory]
    [MemberData(nameof(Names))]
    public void FirstAttempt_GetsWhatTheTableSays(string name)
    {
        var run = NaturalSource.RunFifth(name);
        Assert.True(run.Exceptions.IsEmpty, run.Dump());
        var ids = run.Diagnostics.Concat(run.CompileDiagnostics).Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.Id).Distinct().OrderBy(i => i, StringComparer.Ordinal);
        Assert.True(Expected.ContainsKey(name), name + " has no row here");
        Assert.Equal(Expected[name], string.Join(",", ids));
    }

    private static MethodInfo Method(Assembly assembly, string type, string name)
    {
        var m = assembly.GetType("Natural." + type)!.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance)
            .Single(m => m.Name == name && m.CustomAttributes.Any(a => a.AttributeType.Name == "DifferentiableAttribute"));
        return m.IsGenericMethodDefinition ? m.MakeGenericMethod(typeof(double)) : m;
    }

    private static MethodInfo Method(string program, string type, string name) => Method(NaturalSource.FifthAssembly(program), type, name);

    /// <summary>The program compiled with test scaffolding beside it (wrappers of span-taking generated methods, which reflection cannot call).</summary>
    private static Assembly WithScaffolding(string program, string scaffolding) =>
        GeneratorHarness.CompileAndLoad(NaturalSource.ImplicitUsings, NaturalSource.FifthText(program), scaffolding);

    /// <summary>A program after a change (each <c>From</c> must be in it, so the test fails if the program moved).</summary>
    private static Assembly Rewritten(string program, params (string From, string To)[] changes)
    {
        string text = NaturalSource.FifthText(program);
        foreach (var (from, to) in changes)
        {
            Assert.Contains(from, text, StringComparison.Ordinal);
            text = text.Replace(from, to, StringComparison.Ordinal);
        }
        return GeneratorHarness.CompileAndLoad(NaturalSource.ImplicitUsings, text);
    }

    /// <summary>A float result against a value computed by hand in double: float rounding along the simulation.</summary>
    private static void AssertFloat(double expected, double actual, string what) =>
        Tolerance.AssertClose(expected, actual, 2e-4 * Math.Max(1, Math.Abs(expected)), what);

    [Fact]
    public void BinomialTree_MatchesCentralDifferences_AndOneStepByHand()
    {
        var method = Method("E01_BinomialTree", "BinomialTree", "Price");
        var put = Enum.Parse(method.GetParameters()[5].ParameterType, "Put");
        var call = Enum.Parse(method.GetParameters()[5].ParameterType, "Call");
        CentralDifferenceRunner.Check(method, null, new object[] { 100.0, 95.0, 0.03, 0.25, 0.5, put, 8, true });
        CentralDifferenceRunner.Check(method, null, new object[] { 100.0, 105.0, 0.03, 0.25, 0.5, call, 7, false });
        // One step, a European call with Sd < K < Su: price = p (S u − K) / g, u = e^{σ√T}, d = 1/u, g = e^{rT},
        // p = (g − d)/(u − d). ∂/∂S = p u / g, ∂/∂K = −p / g, ∂/∂σ = (∂p/∂σ (S u − K) + p S √T u) / g with
        // ∂p/∂σ = (√T d (u − d) − (g − d) √T (u + d)) / (u − d)², ∂/∂r = (∂p/∂r (S u − K) − T p (S u − K)) / g, ∂p/∂r = T g / (u − d).
        double s = 100, k = 98, r = 0.04, vol = 0.3, t = 0.5;
        double u = Math.Exp(vol * Math.Sqrt(t)), d = 1 / u, g = Math.Exp(r * t), p = (g - d) / (u - d), payoff = (s * u) - k;
        double dpDvol = ((Math.Sqrt(t) * d * (u - d)) - ((g - d) * Math.Sqrt(t) * (u + d))) / ((u - d) * (u - d));
        double dpDr = t * g / (u - d);
        var one = CentralDifferenceRunner.Check(method, null, new object[] { s, k, r, vol, t, call, 1, false });
        Assert.True(s * d < k && k < s * u, "the strike lies between the two leaves");
        Tolerance.AssertFormula(p * payoff / g, one.Value, "price");
        Tolerance.AssertFormula(p * u / g, one.Gradient[0]![0], "delta");
        Tolerance.AssertFormula(-p / g, one.Gradient[1]![0], "∂/∂strike");
        Tolerance.AssertFormula(((dpDr * payoff) - (t * p * payoff)) / g, one.Gradient[2]![0], "rho");
        Tolerance.AssertFormula(((dpDvol * payoff) + (p * s * Math.Sqrt(t) * u)) / g, one.Gradient[3]![0], "vega");
        // The user's Greeks call the Backward without the defaulted steps and american (100 steps, American).
        var greeks = method.DeclaringType!.GetMethod("Greeks")!.Invoke(null, new object[] { 100.0, 95.0, 0.03, 0.25, 0.5, put })!;
        var tuple = ((double Price, double Delta, double Vega, double Rho))greeks;
        var full = CentralDifferenceRunner.Check(method, null, new object[] { 100.0, 95.0, 0.03, 0.25, 0.5, put, 100, true });
        Assert.Equal(full.Value, tuple.Price);
        Assert.Equal(full.Gradient[0]![0], tuple.Delta);
        Assert.True(tuple.Delta is < 0 and > -1, "a put's delta: " + tuple.Delta);
    }

    [Fact]
    public void Garch_MatchesCentralDifferences_AndTwoReturnsByHand()
    {
        var method = Method("E02_Garch", "Garch", "NegLogLikelihood");
        var returns = new[] { 0.012, -0.021, 0.005, 0.031, -0.017, 0.002, -0.008 };
        CentralDifferenceRunner.Check(method, null, new object[] { -9.0, -2.0, 1.5, returns });
        // Two returns: v0 = (r0² + r1²)/2, v1 = ω + α r0² + β v0 with α = σ(a), β = (1 − α) σ(c); only the second term
        // reads v1: ∂nll/∂v1 = (1/v1 − r1²/v1²)/2. ∂v1/∂log ω = ω, ∂v1/∂a = α(1 − α)(r0² − σ(c) v0), ∂v1/∂c = v0 (1 − α) σ(c)(1 − σ(c)).
        double lw = -8.5, a = -1.5, c = 0.7, r0 = 0.02, r1 = -0.035;
        double omega = Math.Exp(lw), alpha = 1 / (1 + Math.Exp(-a)), sc = 1 / (1 + Math.Exp(-c)), beta = (1 - alpha) * sc;
        double v0 = ((r0 * r0) + (r1 * r1)) / 2, v1 = omega + (alpha * r0 * r0) + (beta * v0);
        double dv1 = ((1 / v1) - (r1 * r1 / (v1 * v1))) / 2;
        var two = CentralDifferenceRunner.Check(method, null, new object[] { lw, a, c, new[] { r0, r1 } });
        Tolerance.AssertFormula(dv1 * omega, two.Gradient[0]![0], "∂/∂log ω");
        Tolerance.AssertFormula(dv1 * alpha * (1 - alpha) * ((r0 * r0) - (sc * v0)), two.Gradient[1]![0], "∂/∂alphaRaw");
        Tolerance.AssertFormula(dv1 * v0 * (1 - alpha) * sc * (1 - sc), two.Gradient[2]![0], "∂/∂betaRaw");
        // The user's Fit lowers the likelihood it starts from.
        var fit = ((double Omega, double Alpha, double Beta))method.DeclaringType!.GetMethod("Fit")!.Invoke(null, new object[] { returns, 200, 0.01 })!;
        Assert.True(fit.Alpha + fit.Beta < 1 && fit.Omega > 0, fit.ToString());
    }

    private const string SoftmaxAsTheMessageAsked = """
            static double[] Softmax(double[] z)
            {
                double max = z.Max();
                var r = new double[z.Length];
                double sum = 0;
                for (int i = 0; i < z.Length; i++)
                {
                    r[i] = Math.Exp(z[i] - max);
                    sum += r[i];
                }
                for (int i = 0; i < z.Length; i++) r[i] /= sum;
                return r;
            }
        """;

    [Fact]
    public void Attention_AsWritten_AndAsTheOldMessageAsked_MatchCentralDifferences_AndTwoTokensByHand()
    {
        string original = NaturalSource.FifthText("E03_Attention");
        int from = original.IndexOf("    static double[] Softmax", StringComparison.Ordinal), to = original.LastIndexOf("    }", StringComparison.Ordinal);
        Assert.True(from > 0 && to > from);
        var rewritten = GeneratorHarness.CompileAndLoad(NaturalSource.ImplicitUsings, original.Substring(0, from) + SoftmaxAsTheMessageAsked + original.Substring(to + "    }".Length));
        foreach (var assembly in new[] { NaturalSource.FifthAssembly("E03_Attention"), rewritten })
        {
            var method = Method(assembly, "Attention", "AttentionLoss");
            double[][] Rows(int n, int d, double phase) => Enumerable.Range(0, n).Select(i => Enumerable.Range(0, d).Select(j => Math.Sin(phase + (1.3 * i) + (0.7 * j))).ToArray()).ToArray();
            CentralDifferenceRunner.Check(method, null, new object[] { Rows(3, 2, 0.1), Rows(3, 2, 0.9), Rows(3, 2, 1.7), Rows(3, 2, 2.3) });
            // Two tokens, d = dv = 1 (scale 1): w_i1 = σ(q_i (k1 − k0)), w_i0 = 1 − w_i1, o_i = v0 w_i0 + v1 w_i1, loss = Σ (o_i − t_i)² / 2.
            // ∂/∂v_j = Σ_i (o_i − t_i) w_ij; ∂/∂q_i = (o_i − t_i) w_i0 w_i1 (k1 − k0)(v1 − v0); ∂/∂k1 = −∂/∂k0 = Σ_i (o_i − t_i) w_i0 w_i1 q_i (v1 − v0).
            double[] q = { 0.8, -0.4 }, k = { 0.3, 1.1 }, v = { 2.0, -1.0 }, t = { 0.5, 0.2 };
            var w1 = q.Select(qi => 1 / (1 + Math.Exp(-qi * (k[1] - k[0])))).ToArray();
            var e = Enumerable.Range(0, 2).Select(i => (v[0] * (1 - w1[i])) + (v[1] * w1[i]) - t[i]).ToArray();
            double[][] Column(double[] c) => c.Select(x => new[] { x }).ToArray();
            var r = CentralDifferenceRunner.Check(method, null, new object[] { Column(q), Column(k), Column(v), Column(t) });
            for (int i = 0; i < 2; i++)
                Tolerance.AssertFormula(e[i] * w1[i] * (1 - w1[i]) * (k[1] - k[0]) * (v[1] - v[0]), r.Gradient[0]![i], "∂/∂q" + i);
            double dk1 = Enumerable.Range(0, 2).Sum(i => e[i] * w1[i] * (1 - w1[i]) * q[i] * (v[1] - v[0]));
            Tolerance.AssertFormula(-dk1, r.Gradient[1]![0], "∂/∂k0");
            Tolerance.AssertFormula(dk1, r.Gradient[1]![1], "∂/∂k1");
            Tolerance.AssertFormula((e[0] * (1 - w1[0])) + (e[1] * (1 - w1[1])), r.Gradient[2]![0], "∂/∂v0");
            Tolerance.AssertFormula((e[0] * w1[0]) + (e[1] * w1[1]), r.Gradient[2]![1], "∂/∂v1");
        }
    }

    [Fact]
    public void PolyFit_MatchesCentralDifferences_AndTheHatRowByHand()
    {
        var method = Method("E04_PolyNormalEquations", "PolyFit", "FittedValue");
        CentralDifferenceRunner.Check(method, null, new object[] { new[] { 1.0, 0.4, 2.2, 3.9, 3.1, 5.0 }, new[] { -1.0, 0.0, 0.7, 1.5, 2.0, 3.1 }, 2, 1.2 });
        // A line through x = 1, 2, 3 (the normal equations [[3, 6], [6, 14]] swap rows when pivoting): ŷ(x0) = ȳ + b (x0 − x̄),
        // so ∂ŷ/∂y_i = 1/3 + (x0 − x̄)(x_i − x̄)/Sxx = 1/3 + (x_i − 2) at x0 = 4 (Sxx = 2), and ∂ŷ/∂x0 = b = (y3 − y1)/2.
        double[] ys = { 1.0, 2.5, 2.9 };
        var r = CentralDifferenceRunner.Check(method, null, new object[] { ys, new[] { 1.0, 2.0, 3.0 }, 1, 4.0 });
        Tolerance.AssertFormula(-2.0 / 3, r.Gradient[0]![0], "∂/∂y1");
        Tolerance.AssertFormula(1.0 / 3, r.Gradient[0]![1], "∂/∂y2");
        Tolerance.AssertFormula(4.0 / 3, r.Gradient[0]![2], "∂/∂y3");
        Tolerance.AssertFormula((ys[2] - ys[0]) / 2, r.Gradient[3]![0], "∂/∂x0");
    }

    [Fact]
    public void RecurrentCell_MatchesCentralDifferences_AndOneStepByHand_AndTrains()
    {
        var method = Method("E05_RecurrentCell", "Recurrent", "SequenceLoss");
        var weightsType = method.GetParameters()[0].ParameterType;
        object Weights(params double[] w) => Activator.CreateInstance(weightsType, w.Cast<object>().ToArray())!;
        var w = Weights(0.4, -0.3, 0.9, 0.7, 0.2, -0.1, 1.1, 0.5, 0.05, -0.6, 0.35, 0.2);
        var inputs = new[] { 0.5, -1.0, 0.8, 0.3, -0.2 };
        var targets = new[] { 0.1, -0.2, 0.3, 0.15, 0.0 };
        CentralDifferenceRunner.Check(method, null, new object[] { w, inputs, targets });
        // One step from (h, c) = (0, 0): f, i, o gates σ(W x + B), g = tanh(Wc x + Bc), c = i g, h = o tanh c, loss = (h − y)².
        // ∂/∂Bo = 2(h − y) tanh c · o(1 − o); ∂/∂Wo = that · x; ∂/∂Bc = 2(h − y) o (1 − tanh² c) i (1 − g²);
        // ∂/∂Bi = 2(h − y) o (1 − tanh² c) g i(1 − i); the forget gate and every U meet zeros: 0.
        double x = 0.7, y = -0.2;
        double[] p = { 0.4, -0.3, 0.9, 0.7, 0.2, -0.1, 1.1, 0.5, 0.05, -0.6, 0.35, 0.2 };
        double Sig(double z) => 1 / (1 + Math.Exp(-z));
        double ig = Sig((p[3] * x) + p[5]), g = Math.Tanh((p[6] * x) + p[8]), o = Sig((p[9] * x) + p[11]);
        double c = ig * g, h = o * Math.Tanh(c), e = 2 * (h - y), dc = e * o * (1 - (Math.Tanh(c) * Math.Tanh(c)));
        var r = CentralDifferenceRunner.Check(method, null, new object[] { Weights(p), new[] { x }, new[] { y } });
        Tolerance.AssertFormula(e * Math.Tanh(c) * o * (1 - o), r.Gradient[0]![11], "∂/∂Bo");
        Tolerance.AssertFormula(e * Math.Tanh(c) * o * (1 - o) * x, r.Gradient[0]![9], "∂/∂Wo");
        Tolerance.AssertFormula(dc * ig * (1 - (g * g)), r.Gradient[0]![8], "∂/∂Bc");
        Tolerance.AssertFormula(dc * g * ig * (1 - ig), r.Gradient[0]![5], "∂/∂Bi");
        Assert.Equal(0, r.Gradient[0]![2]);
        Assert.Equal(0, r.Gradient[0]![1]);
        var trained = method.DeclaringType!.GetMethod("Train")!.Invoke(null, new object[] { inputs, targets, 60, 0.1 })!;
        var start = Weights(0.1, 0.1, 1, 0.1, 0.1, 0, 0.5, 0.1, 0, 0.1, 0.1, 0);
        double before = (double)method.Invoke(null, new[] { start, inputs, targets })!, after = (double)method.Invoke(null, new[] { trained, inputs, targets })!;
        Assert.True(after < before, "loss " + before + " → " + after);
    }

    [Fact]
    public void BouncingBall_MatchesCentralDifferences_AndOneStepByHand_WithAndWithoutTheBounce()
    {
        var method = Method("E06_BouncingBall", "Bounce", "LandingMiss");
        // Four steps of 0.2, bouncing at the second: the float step of the differences (1e-2) moves the bounce to no other step
        // (with steps of 0.02 it would: the velocity flips a step earlier or later and the miss jumps), and its truncation error
        // in dt stays inside the runner's tolerance (at six steps and v = (2.5, 3) it did not: 7.04 against 6.708, which
        // differences of 1e-5 in double confirm).
        CentralDifferenceRunner.Check(method, null, new object[] { new Vector2(2f, -1f), 0.7f, 0.2f, new Vector2(1f, 0.5f), 4, 0.2f });
        // One step: v1 = v (1 − k dt) − (0, g dt), p1 = (0, 1) + v1 dt, miss = |p1 − m|²: ∂/∂v = 2 (p1 − m)(1 − k dt) dt, ∂/∂e = 0.
        // A step of 0.2: the runner's float step (1e-2) beside a step of 0.01 would reach dt = 0.
        float dt = 0.2f, drag = 0.1f, e = 0.8f;
        var mark = new Vector2(0.3f, 0.5f);
        double vx = 1.5, vy = 2.0, k = 1 - (drag * (double)dt);
        double p1x = vx * k * dt, p1y = 1 + (((vy * k) - (9.81 * dt)) * dt);
        var air = CentralDifferenceRunner.Check(method, null, new object[] { new Vector2((float)vx, (float)vy), e, drag, mark, 1, dt });
        AssertFloat(2 * (p1x - mark.X) * k * dt, air.Gradient[0]![0], "∂/∂vx in the air");
        AssertFloat(2 * (p1y - mark.Y) * k * dt, air.Gradient[0]![1], "∂/∂vy in the air");
        Assert.Equal(0, air.Gradient[1]![0]);
        // Thrown down hard, the step ends below the floor: y = −p1y e, so ∂miss/∂e = 2 (y − my)(−p1y), ∂/∂vy = 2 (y − my)(−e) k dt.
        vy = -10;
        p1y = 1 + (((vy * k) - (9.81 * dt)) * dt);
        double bounced = -p1y * e;
        var hit = CentralDifferenceRunner.Check(method, null, new object[] { new Vector2((float)vx, (float)vy), e, drag, mark, 1, dt });
        Assert.True(p1y < 0, "the step crosses the floor");
        AssertFloat(2 * (bounced - mark.Y) * -p1y, hit.Gradient[1]![0], "∂/∂restitution");
        AssertFloat(2 * (bounced - mark.Y) * -e * k * dt, hit.Gradient[0]![1], "∂/∂vy after the bounce");
    }

    [Fact]
    public void LossConfig_MatchesCentralDifferences_ForEveryKindAndName_AndTheScoresByHand()
    {
        var mean = Method("E07_LossConfig", "ConfiguredLoss", "Mean");
        var byName = Method("E07_LossConfig", "ConfiguredLoss", "ByName");
        var kindType = mean.GetParameters()[2].ParameterType;
        double[] pred = { 0.3, 2.4, -1.1, 0.9 }, target = { 0.1, 0.9, -0.2, 1.6 };
        double delta = 0.8;
        foreach (var name in Enum.GetNames(kindType))
        {
            var r = CentralDifferenceRunner.Check(mean, null, new object[] { pred, target, Enum.Parse(kindType, name), delta });
            // ∂/∂p_i = ψ(r_i)/n: 2r, sign r, clamp(r, −δ, δ), tanh r; ∂/∂δ (Huber) = Σ_{|r| > δ} (|r| − δ)/n.
            for (int i = 0; i < pred.Length; i++)
            {
                double res = pred[i] - target[i];
                double psi = name switch { "Squared" => 2 * res, "Absolute" => Math.Sign(res), "Huber" => Math.Clamp(res, -delta, delta), _ => Math.Tanh(res) };
                Tolerance.AssertFormula(psi / pred.Length, r.Gradient[0]![i], name + " ∂/∂p" + i);
            }
            double dDelta = name == "Huber" ? pred.Zip(target, (p, t) => Math.Abs(p - t)).Where(a => a > delta).Sum(a => a - delta) / pred.Length : 0;
            Tolerance.AssertFormula(dDelta, r.Gradient[3]![0], name + " ∂/∂delta");
        }
        foreach (var name in new[] { "MSE", "mae", "huber", "logcosh" })
        {
            var r = CentralDifferenceRunner.Check(byName, null, new object[] { pred, target, name });
            double res = pred[1] - target[1];
            double psi = name switch { "MSE" => 2 * res, "mae" => 1, "huber" => 0.5, _ => Math.Tanh(res) };
            Tolerance.AssertFormula(psi / pred.Length, r.Gradient[0]![1], name + " ∂/∂p1");
        }
        var thrown = Assert.Throws<TargetInvocationException>(() => CentralDifferenceRunner.Check(byName, null, new object[] { pred, target, "cubic" }));
        Assert.IsType<ArgumentException>(thrown.InnerException);
    }

    [Fact]
    public void Pharmacokinetics_MatchesCentralDifferences_AndOneDoseByHand()
    {
        // Its two lists of record classes are constants of the Backward: since 2026-12-05 the information ADG0036 says so at
        // each (and nothing else is reported); before, silently.
        var run = GeneratorHarness.RunForLoad(NaturalSource.ImplicitUsings, NaturalSource.FifthText("E08_Pharmacokinetics"));
        Assert.True(run.Exceptions.IsEmpty && run.CompileDiagnostics.IsEmpty && run.Diagnostics.All(d => d.Id == "ADG0036" && d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Info), run.Dump());
        Assert.Equal(new[] { "List<Dose> doses", "List<Observation> observations" },
            run.Diagnostics.Select(d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan)).OrderBy(t => t, StringComparer.Ordinal));
        var assembly = GeneratorHarness.Load(run);
        var method = Method(assembly, "Pharmacokinetics", "Misfit");
        var doseType = assembly.GetType("Natural.Dose")!;
        var observationType = assembly.GetType("Natural.Observation")!;
        System.Collections.IList Doses(params (double T, double A)[] d)
        {
            var list = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(doseType))!;
            foreach (var (t, a) in d) list.Add(Activator.CreateInstance(doseType, t, a));
            return list;
        }
        System.Collections.IList Observations(params (double T, double C)[] o)
        {
            var list = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(observationType))!;
            foreach (var (t, c) in o) list.Add(Activator.CreateInstance(observationType, t, c));
            return list;
        }
        CentralDifferenceRunner.Check(method, null, new object[] { Math.Log(1.2), Math.Log(0.15), Math.Log(20.0), Doses((0, 100), (12, 100), (24, 100)), Observations((1, 3.1), (6, 2.5), (13, 4.2), (30, 3.0)) });
        // One dose A at 0 (a second at 5 comes after the observation at t = 3 and is skipped), one observation C at t:
        // c = A ka/(V (ka − ke)) (E_e − E_a), E = e^{−k t}; e = log(c + 1e-6) − log C, misfit = e².
        // ∂/∂log V = −2e c/(c + 1e-6); ∂c/∂ka = A/V (−ke/(ka − ke)² (E_e − E_a) + ka t E_a/(ka − ke)); ∂c/∂ke = A ka/V ((E_e − E_a)/(ka − ke)² − t E_e/(ka − ke)).
        double ka = 1.3, ke = 0.2, vol = 15, amount = 80, t = 3, measured = 4.0;
        double ee = Math.Exp(-ke * t), ea = Math.Exp(-ka * t), c = amount * ka / (vol * (ka - ke)) * (ee - ea), e = Math.Log(c + 1e-6) - Math.Log(measured);
        double dcDka = amount / vol * ((-ke / ((ka - ke) * (ka - ke)) * (ee - ea)) + (ka * t * ea / (ka - ke)));
        double dcDke = amount * ka / vol * (((ee - ea) / ((ka - ke) * (ka - ke))) - (t * ee / (ka - ke)));
        var r = CentralDifferenceRunner.Check(method, null, new object[] { Math.Log(ka), Math.Log(ke), Math.Log(vol), Doses((0, amount), (5, 50)), Observations((t, measured)) });
        double dLog = 2 * e / (c + 1e-6);
        Tolerance.AssertFormula(dLog * dcDka * ka, r.Gradient[0]![0], "∂/∂log ka");
        Tolerance.AssertFormula(dLog * dcDke * ke, r.Gradient[1]![0], "∂/∂log ke");
        Tolerance.AssertFormula(-dLog * c, r.Gradient[2]![0], "∂/∂log V");
    }

    [Fact]
    public void Logistic_MatchesCentralDifferences_AndTheScoreByHand_AndTrains()
    {
        var assembly = NaturalSource.FifthAssembly("E09_LogisticExtensions");
        var method = Method(assembly, "Logistic", "Loss");
        var datasetType = assembly.GetType("Natural.Dataset")!;
        double[][] features = { new[] { 0.5, 1.2 }, new[] { -1.0, 0.3 }, new[] { 2.0, -0.7 }, new[] { 0.1, -1.5 } };
        bool[] labels = { true, false, true, false };
        var data = Activator.CreateInstance(datasetType, features, labels)!;
        double[] w = { 0.4, -0.9 };
        double b = 0.3, lambda = 0.2;
        var r = CentralDifferenceRunner.Check(method, null, new object[] { w, b, data, lambda });
        // ∂/∂w = Σ (σ(z_i) − y_i) x_i / n + λ w, ∂/∂b = Σ (σ(z_i) − y_i)/n, ∂/∂λ = |w|²/2.
        double db = 0;
        var dw = new double[2];
        for (int i = 0; i < 4; i++)
        {
            double z = (w[0] * features[i][0]) + (w[1] * features[i][1]) + b, err = (1 / (1 + Math.Exp(-z))) - (labels[i] ? 1 : 0);
            db += err / 4;
            for (int j = 0; j < 2; j++) dw[j] += err * features[i][j] / 4;
        }
        Tolerance.AssertFormula(dw[0] + (lambda * w[0]), r.Gradient[0]![0], "∂/∂w0");
        Tolerance.AssertFormula(dw[1] + (lambda * w[1]), r.Gradient[0]![1], "∂/∂w1");
        Tolerance.AssertFormula(db, r.Gradient[1]![0], "∂/∂bias");
        Tolerance.AssertFormula(0.5 * ((w[0] * w[0]) + (w[1] * w[1])), r.Gradient[3]![0], "∂/∂lambda");
        var (weights, bias) = ((double[], double))method.DeclaringType!.GetMethod("Train")!.Invoke(null, new object[] { data, lambda, 100, 0.5 })!;
        double before = (double)method.Invoke(null, new object[] { new double[2], 0.0, data, lambda })!;
        double after = (double)method.Invoke(null, new object[] { weights, bias, data, lambda })!;
        Assert.True(after < before, "loss " + before + " → " + after);
    }

    [Fact]
    public void RaySphere_MatchesCentralDifferences_AndOneRayByHand()
    {
        var method = Method("E10_RaySphere", "DepthFit", "DepthError");
        var directions = new[] { new Vector3(0, 0, 1), new Vector3(0.1f, 0.05f, 1), new Vector3(-0.08f, 0.1f, 1), new Vector3(-1, 0, 0) };
        CentralDifferenceRunner.Check(method, null, new object[] { new Vector3(0.1f, -0.05f, 5), 1.2f, directions, new[] { 3.9f, 4.0f, 4.1f, 1f } });
        // The ray along z hits the sphere at (cx, 0, cz) radius ρ at t = cz − √(ρ² − cx²); the ray along −x misses (skipped).
        // error = (t − d)²: ∂/∂cx = 2(t − d) cx/√(ρ² − cx²), ∂/∂cz = 2(t − d), ∂/∂ρ = −2(t − d) ρ/√(ρ² − cx²).
        double cx = 0.3, cz = 5, rho = 1.1, depth = 3.5, root = Math.Sqrt((rho * rho) - (cx * cx)), hit = cz - root;
        var r = CentralDifferenceRunner.Check(method, null, new object[] { new Vector3((float)cx, 0, (float)cz), (float)rho, new[] { new Vector3(0, 0, 1), new Vector3(-1, 0, 0) }, new[] { (float)depth, 2f } });
        AssertFloat((hit - depth) * (hit - depth), r.Value, "error");
        AssertFloat(2 * (hit - depth) * cx / root, r.Gradient[0]![0], "∂/∂cx");
        Assert.Equal(0, r.Gradient[0]![1]);
        AssertFloat(2 * (hit - depth), r.Gradient[0]![2], "∂/∂cz");
        AssertFloat(-2 * (hit - depth) * rho / root, r.Gradient[1]![0], "∂/∂radius");
    }

    private const string ArmScaffolding = """
        namespace Natural;
        public static class ArmProbe
        {
            public static double[] Hessian(TwoLinkArm arm, double s, double e, double tx, double ty)
            {
                var h = new double[4];
                arm.ReachErrorHessian(s, e, tx, ty, h);
                return h;
            }
        }
        """;

    [Fact]
    public void TwoLinkArm_AsWritten_GradientAndHessianByHand_AndNewtonReaches()
    {
        var assembly = WithScaffolding("E11_TwoLinkArm", ArmScaffolding);
        var armType = assembly.GetType("Natural.TwoLinkArm")!;
        double upper = 1.0, lower = 0.6, s = 0.4, e = 0.9, tx = 0.7, ty = 1.1;
        var arm = Activator.CreateInstance(armType, upper, lower)!;
        var method = Method(assembly, "TwoLinkArm", "ReachError");
        var r = CentralDifferenceRunner.Check(method, arm, new object[] { s, e, tx, ty });
        // tip = (U c1 + L c12, U s1 + L s12), f = |tip − target|²/2: ∇f = Jᵀ r with J = [[−U s1 − L s12, −L s12], [U c1 + L c12, L c12]];
        // H = JᵀJ + r_x ∇²x + r_y ∇²y, ∇²x = −[[U c1 + L c12, L c12], [L c12, L c12]], ∇²y = −[[U s1 + L s12, L s12], [L s12, L s12]].
        double c1 = Math.Cos(s), s1 = Math.Sin(s), c12 = Math.Cos(s + e), s12 = Math.Sin(s + e);
        double rx = (upper * c1) + (lower * c12) - tx, ry = (upper * s1) + (lower * s12) - ty;
        double[,] j = { { (-upper * s1) - (lower * s12), -lower * s12 }, { (upper * c1) + (lower * c12), lower * c12 } };
        Tolerance.AssertFormula((j[0, 0] * rx) + (j[1, 0] * ry), r.Gradient[0]![0], "∂/∂shoulder");
        Tolerance.AssertFormula((j[0, 1] * rx) + (j[1, 1] * ry), r.Gradient[1]![0], "∂/∂elbow");
        var hessian = (double[])assembly.GetType("Natural.ArmProbe")!.GetMethod("Hessian")!.Invoke(null, new object[] { arm, s, e, tx, ty })!;
        double[] xx = { (upper * c1) + (lower * c12), lower * c12, lower * c12, lower * c12 }, yy = { (upper * s1) + (lower * s12), lower * s12, lower * s12, lower * s12 };
        for (int a = 0; a < 2; a++)
        {
            for (int b = 0; b < 2; b++)
            {
                double jtj = (j[0, a] * j[0, b]) + (j[1, a] * j[1, b]);
                Tolerance.AssertFormula(jtj - (rx * xx[(2 * a) + b]) - (ry * yy[(2 * a) + b]), hessian[(2 * a) + b], "H[" + a + "," + b + "]");
            }
        }
        // The user's Newton iteration finds a stationary point of the error: from its start (0.3, 0.6) that is the target
        // (1.0, 0.8); towards (0.7, 1.1) it stops at the straight arm, a saddle of f, as Newton's method may (not the Hessian's fault).
        var (shoulder, elbow) = ((double, double))armType.GetMethod("Solve")!.Invoke(arm, new object[] { 1.0, 0.8, 30 })!;
        Assert.True((double)method.Invoke(arm, new object[] { shoulder, elbow, 1.0, 0.8 })! < 1e-10, "Newton reaches the target");
    }

    [Fact]
    public void BradleyTerry_MatchesCentralDifferences_AndThreeTeamsByHand_AndFits()
    {
        var assembly = NaturalSource.FifthAssembly("E12_BradleyTerry");
        var method = Method(assembly, "Ratings", "NegLogLikelihood");
        var matchType = assembly.GetType("Natural.Match")!;
        System.Collections.IList Matches(params (string W, string L)[] games)
        {
            var list = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(matchType))!;
            foreach (var (w, l) in games) list.Add(Activator.CreateInstance(matchType, w, l));
            return list;
        }
        var index = new Dictionary<string, int> { ["A"] = 0, ["B"] = 1, ["C"] = 2 };
        var matches = Matches(("A", "B"), ("B", "C"), ("A", "C"), ("C", "A"));
        double[] ratings = { 0.5, -0.2, 0.1 };
        double lambda = 0.3;
        var r = CentralDifferenceRunner.Check(method, null, new object[] { ratings, matches, index, lambda });
        // −log σ(r_w − r_l) per game: ∂/∂r_w = −σ(r_l − r_w), ∂/∂r_l = +σ(r_l − r_w); the prior adds λ r; ∂/∂λ = |r|²/2.
        double S(double x) => 1 / (1 + Math.Exp(-x));
        double ab = S(ratings[1] - ratings[0]), bc = S(ratings[2] - ratings[1]), ac = S(ratings[2] - ratings[0]), ca = S(ratings[0] - ratings[2]);
        Tolerance.AssertFormula(-ab - ac + ca + (lambda * ratings[0]), r.Gradient[0]![0], "∂/∂A");
        Tolerance.AssertFormula(ab - bc + (lambda * ratings[1]), r.Gradient[0]![1], "∂/∂B");
        Tolerance.AssertFormula(bc + ac - ca + (lambda * ratings[2]), r.Gradient[0]![2], "∂/∂C");
        Tolerance.AssertFormula(0.5 * ratings.Sum(x => x * x), r.Gradient[3]![0], "∂/∂priorPrecision");
        var fitted = (Dictionary<string, double>)method.DeclaringType!.GetMethod("Fit")!.Invoke(null, new object[] { Matches(("A", "B"), ("A", "C"), ("B", "C"), ("A", "B")), 300, 0.05 })!;
        Assert.True(fitted["A"] > fitted["B"] && fitted["B"] > fitted["C"], string.Join(", ", fitted));
    }

    [Fact]
    public void GenericMixture_MatchesCentralDifferences_InDoubleAndFloat_AndOneComponentByHand()
    {
        var generic = NaturalSource.FifthAssembly("E13_GenericMixture").GetType("Natural.Mixture")!.GetMethod("NegLogLikelihood")!;
        var data = new[] { -1.2, -0.4, 0.3, 0.9, 2.2, 2.6 };
        CentralDifferenceRunner.Check(generic.MakeGenericMethod(typeof(double)), null, new object[] { new[] { -0.5, 2.0 }, new[] { -0.2, 0.1 }, new[] { 0.3, -0.1 }, data });
        CentralDifferenceRunner.Check(generic.MakeGenericMethod(typeof(float)), null, new object[] { new[] { -0.5f, 2.0f }, new[] { -0.2f, 0.1f }, new[] { 0.3f, -0.1f }, data.Select(v => (float)v).ToArray() });
        // One component: nll = mean(log σ + log √(2π) + z²/2), z = (x − μ)/σ: ∂/∂μ = −mean(z)/σ, ∂/∂log σ = mean(1 − z²), ∂/∂logit = 0.
        double mu = 0.4, logSigma = 0.2, sigma = Math.Exp(logSigma);
        var z = data.Select(x => (x - mu) / sigma).ToArray();
        var r = CentralDifferenceRunner.Check(generic.MakeGenericMethod(typeof(double)), null, new object[] { new[] { mu }, new[] { logSigma }, new[] { 0.7 }, data });
        Tolerance.AssertFormula(logSigma + (0.5 * Math.Log(2 * Math.PI)) + (z.Average(v => v * v) / 2), r.Value, "nll");
        Tolerance.AssertFormula(-z.Average() / sigma, r.Gradient[0]![0], "∂/∂μ");
        Tolerance.AssertFormula(z.Average(v => 1 - (v * v)), r.Gradient[1]![0], "∂/∂log σ");
        Tolerance.AssertClose(0, r.Gradient[2]![0], 1e-15, "∂/∂logit");
    }

    private const string NelsonSiegelScaffolding = """
        namespace Natural;
        public static class CurveProbe
        {
            public static double[] Hessian(double b0, double b1, double b2, double logLambda, double[] m, double[] y)
            {
                var h = new double[16];
                NelsonSiegel.ErrorHessian(b0, b1, b2, logLambda, m, y, h);
                return h;
            }
        }
        """;

    [Fact]
    public void NelsonSiegel_GradientAndHessianByHand_AndAgainstDifferencesOfTheGradient_AndFits()
    {
        var assembly = WithScaffolding("E14_NelsonSiegel", NelsonSiegelScaffolding);
        var method = Method(assembly, "NelsonSiegel", "Error");
        double[] m = { 0.25, 0.5, 1, 2, 5, 10, 30 }, y = { 0.031, 0.032, 0.034, 0.036, 0.039, 0.041, 0.042 };
        double[] p = { 0.043, -0.012, 0.004, Math.Log(1.8) };
        var r = CentralDifferenceRunner.Check(method, null, new object[] { p[0], p[1], p[2], p[3], m, y });
        // Linear in the β: e_i = b0 + b1 L1_i + b2 L2_i − y_i with L1 = (1 − e^{−x})/x, L2 = L1 − e^{−x}, x = τ/λ.
        // ∂/∂b_k = 2 Σ e_i L_k,i (L_0 = 1); H[k, l] = 2 Σ L_k,i L_l,i for k, l < 3.
        double lambda = Math.Exp(p[3]);
        var l1 = m.Select(t => (1 - Math.Exp(-t / lambda)) / (t / lambda)).ToArray();
        var loads = new[] { m.Select(_ => 1.0).ToArray(), l1, l1.Select((v, i) => v - Math.Exp(-m[i] / lambda)).ToArray() };
        var e = m.Select((_, i) => p[0] + (p[1] * loads[1][i]) + (p[2] * loads[2][i]) - y[i]).ToArray();
        for (int k = 0; k < 3; k++) Tolerance.AssertFormula(2 * e.Select((v, i) => v * loads[k][i]).Sum(), r.Gradient[k]![0], "∂/∂b" + k);
        var h = (double[])assembly.GetType("Natural.CurveProbe")!.GetMethod("Hessian")!.Invoke(null, new object[] { p[0], p[1], p[2], p[3], m, y })!;
        for (int k = 0; k < 3; k++)
            for (int l = 0; l < 3; l++)
                Tolerance.AssertFormula(2 * loads[k].Select((v, i) => v * loads[l][i]).Sum(), h[(4 * k) + l], "H[" + k + "," + l + "]");
        // The log λ row: central differences of the Backward's gradient.
        var backward = method.DeclaringType!.GetMethod("ErrorBackward", new[] { typeof(double), typeof(double), typeof(double), typeof(double), typeof(double[]), typeof(double[]), typeof(double).MakeByRefType(), typeof(double).MakeByRefType(), typeof(double).MakeByRefType(), typeof(double).MakeByRefType(), typeof(double) })!;
        double[] Gradient(double ll)
        {
            var args = new object[] { p[0], p[1], p[2], ll, m, y, 0.0, 0.0, 0.0, 0.0, 1.0 };
            backward.Invoke(null, args);
            return new[] { (double)args[6], (double)args[7], (double)args[8], (double)args[9] };
        }
        double step = 1e-5;
        var up = Gradient(p[3] + step);
        var down = Gradient(p[3] - step);
        for (int k = 0; k < 4; k++) Tolerance.AssertClose((up[k] - down[k]) / (2 * step), h[(4 * 3) + k], 1e-6 * (1 + Math.Abs(h[(4 * 3) + k])), "H[3," + k + "]");
        var fitted = (double[])method.DeclaringType!.GetMethod("Fit")!.Invoke(null, new object[] { m, y })!;
        double before = (double)method.Invoke(null, new object[] { y[^1], y[0] - y[^1], 0.0, Math.Log(2), m, y })!;
        double after = (double)method.Invoke(null, new object[] { fitted[0], fitted[1], fitted[2], fitted[3], m, y })!;
        Assert.True(after < before, "error " + before + " → " + after);
    }

    [Fact]
    public void SirEpidemic_MatchesCentralDifferences_OneStepByHand_AndForwardAgrees()
    {
        var method = Method("E15_SirEpidemic", "Epidemic", "CaseError");
        var cases = new[] { 0.0012, 0.0016, 0.0021, 0.0027, 0.0035, 0.0044 };
        var r = CentralDifferenceRunner.Check(method, null, new object[] { 0.45, 0.2, cases, 0.001, 4 });
        // The user's forward pass gives ∂/∂β as the Backward does.
        double forward = (double)method.DeclaringType!.GetMethod("BetaSensitivity")!.Invoke(null, new object[] { 0.45, 0.2, cases })!;
        Tolerance.AssertClose(r.Gradient[0]![0], forward, 1e-10 * (1 + Math.Abs(forward)), "forward ∂/∂β");
        // β = 0, one RK4 step of h = 1: I1 = I0 P(γh), P(a) = 1 − a + a²/2 − a³/6 + a⁴/24. To first order in β the S stages stay
        // at S0, so I' = (βS0 − γ) I and ∂I1/∂β = −I0 S0 h P'(γh), P'(a) = −1 + a − a²/2 + a³/6; ∂I1/∂γ = I0 h P'(γh).
        double gamma = 0.3, i0 = 0.02, s0 = 1 - i0, target = 0.01, a = gamma;
        double pa = 1 - a + (a * a / 2) - (a * a * a / 6) + (a * a * a * a / 24), slope = -1 + a - (a * a / 2) + (a * a * a / 6);
        double i1 = i0 * pa;
        var one = CentralDifferenceRunner.Check(method, null, new object[] { 0.0, gamma, new[] { target }, i0, 1 });
        Tolerance.AssertFormula((i1 - target) * (i1 - target), one.Value, "error");
        Tolerance.AssertFormula(2 * (i1 - target) * -i0 * s0 * slope, one.Gradient[0]![0], "∂/∂β");
        Tolerance.AssertFormula(2 * (i1 - target) * i0 * slope, one.Gradient[1]![0], "∂/∂γ");
    }

    [Fact]
    public void PidTuning_MatchesCentralDifferences_TwoStepsByHand_ForwardAgrees_AndTuningHelps()
    {
        var method = Method("E16_PidTuning", "PidTuning", "TrackingCost");
        var r = CentralDifferenceRunner.Check(method, null, new object[] { 0.9, 0.4, 0.02, 1.0, 0.5, 120, 0.02 });
        var forward = method.DeclaringType!.GetMethod("TrackingCostForward", new[] { typeof(double), typeof(double), typeof(double), typeof(double), typeof(double), typeof(int), typeof(double), typeof(double), typeof(double), typeof(double), typeof(double), typeof(double).MakeByRefType() })!;
        for (int k = 0; k < 3; k++)
        {
            var args = new object[] { 0.9, 0.4, 0.02, 1.0, 0.5, 120, 0.02, k == 0 ? 1.0 : 0.0, k == 1 ? 1.0 : 0.0, k == 2 ? 1.0 : 0.0, 0.0, 0.0 };
            forward.Invoke(null, args);
            Tolerance.AssertClose(r.Gradient[k]![0], (double)args[11], 1e-10 * (1 + Math.Abs((double)args[11])), "forward gain " + k);
        }
        // Two steps, unsaturated: errors sp and sp − y1, y1 = dt u0/τ, u0 = kp sp + ki sp dt (the first derivative term is 0):
        // cost = (sp² + (sp − y1)²) dt, ∂/∂kp = −2 (sp − y1) dt (dt/τ) sp, ∂/∂ki = that · dt, ∂/∂kd = 0.
        double kp = 1.5, ki = 0.8, sp = 1, tau = 0.5, dt = 0.1, y1 = dt * ((kp * sp) + (ki * sp * dt)) / tau;
        var two = CentralDifferenceRunner.Check(method, null, new object[] { kp, ki, 0.3, sp, tau, 2, dt });
        Tolerance.AssertFormula(-2 * (sp - y1) * dt * (dt / tau) * sp, two.Gradient[0]![0], "∂/∂kp");
        Tolerance.AssertFormula(-2 * (sp - y1) * dt * (dt / tau) * sp * dt, two.Gradient[1]![0], "∂/∂ki");
        Assert.Equal(0, two.Gradient[2]![0]);
        // Saturated (u clamped at 2): the gains do not reach the cost.
        var saturated = CentralDifferenceRunner.Check(method, null, new object[] { 30.0, ki, 0.3, sp, tau, 2, dt });
        Assert.Equal(0, saturated.Gradient[0]![0]);
        var (tp, ti, td) = ((double, double, double))method.DeclaringType!.GetMethod("Tune")!.Invoke(null, new object[] { 1.0, 0.5, 20, 0.5 })!;
        double before = (double)method.Invoke(null, new object[] { 1.0, 0.1, 0.01, 1.0, 0.5, 400, 0.01 })!;
        double after = (double)method.Invoke(null, new object[] { tp, ti, td, 1.0, 0.5, 400, 0.01 })!;
        Assert.True(after < before, "cost " + before + " → " + after);
    }
}
