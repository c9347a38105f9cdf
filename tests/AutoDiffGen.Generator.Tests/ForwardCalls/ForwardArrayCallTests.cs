using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Generator.Tests.SpanOutputs;
using Xunit;

namespace AutoDiffGen.Generator.Tests.ForwardCalls;

/// <summary>
/// MForward through callees that write into arrays and spans (<see cref="ForwardCallSources"/>): each caller's JVP
/// against central differences along a random direction, and against its own reverse mode (the tangent along t is
/// ⟨∇f, t⟩; for a void caller, ⟨J·v, w⟩ = ⟨v, Jᵀ·w⟩ with the in/out parts of both), and one against a hand derivation.
/// </summary>
public class ForwardArrayCallTests
{
    private static readonly Lazy<Assembly> Compiled = new(() =>
        GeneratorHarness.CompileAndLoad(ForwardCallSources.Callees, ForwardCallSources.Callers, ForwardCallSources.Wrappers));

    private static Type S => Compiled.Value.GetType("SpanOut.S", throwOnError: true)!;

    private static double Value(string name, double[] p) => (double)S.GetMethod(name + "_P")!.Invoke(null, new object[] { p.Clone() })!;

    private static (double Value, double[] Gradient) Backward(string name, double[] p)
    {
        var dP = new double[p.Length];
        double v = (double)S.GetMethod(name + "_B")!.Invoke(null, new object[] { p.Clone(), dP })!;
        return (v, dP);
    }

    private static (double Value, double Tangent) Forward(string name, double[] p, double[] t)
    {
        var args = new object[] { p.Clone(), t.Clone(), 0.0 };
        double v = (double)S.GetMethod(name + "_F")!.Invoke(null, args)!;
        return (v, (double)args[2]);
    }

    private static double[] Random(Random r, int n, double scale) => Enumerable.Range(0, n).Select(_ => scale * (2 * r.NextDouble() - 1)).ToArray();

    public static TheoryData<string, int, bool> Scalars => new()
    {
        // caller, parameters, float
        { "Dist", 6, false },
        { "Fit", 2, false },
        { "Looped", 4, false },
        { "Single", 3, true },
        { "Turn", 3, false },
        { "Outer", 2, false },
    };

    [Theory]
    [MemberData(nameof(Scalars))]
    public void Jvp_MatchesCentralDifferencesAndTheGradient(string name, int n, bool single)
    {
        var r = new Random(name.Length * 31 + n);
        for (int trial = 0; trial < 6; trial++)
        {
            var p = Random(r, n, 1.2);
            if (name == "Turn") p[2] = trial % 2 == 0 ? 0.9 : 0.1; // both branches
            var t = Random(r, n, 1);
            var (value, tangent) = Forward(name, p, t);
            Assert.Equal(Value(name, p), value);
            var (backValue, gradient) = Backward(name, p);
            Assert.Equal(value, backValue);
            double dot = gradient.Zip(t, (g, ti) => g * ti).Sum();
            double h = single ? 1e-2 : 1e-6;
            double numeric = (Value(name, p.Zip(t, (a, b) => a + h * b).ToArray()) - Value(name, p.Zip(t, (a, b) => a - h * b).ToArray())) / (2 * h);
            string what = name + " trial " + trial;
            if (single)
            {
                double size = Math.Abs(numeric) + Math.Abs(value) + 1;
                Tolerance.AssertClose(dot, tangent, 1e-5 * size, what + ": tResult vs ⟨dP, t⟩");
                Tolerance.AssertClose(numeric, tangent, 3e-3 * size, what + ": tResult vs central differences");
            }
            else
            {
                Tolerance.AssertFormula(dot, tangent, what + ": tResult vs ⟨dP, t⟩");
                Tolerance.AssertCentral(numeric, tangent, Math.Abs(value) + 1, what + ": tResult vs central differences");
            }
        }
    }

    [Fact]
    public void Fit_MatchesTheHandDerivative()
    {
        // f = Σ_i (x e^{-y i} - 1)²: ∂f/∂x = Σ 2 r_i e^{-y i}, ∂f/∂y = Σ -2 i x r_i e^{-y i}.
        double x = 1.7, y = 0.35, tx = 0.4, ty = -1.1;
        double fx = 0, fy = 0;
        for (int i = 0; i < 4; i++)
        {
            double e = Math.Exp(-y * i), ri = x * e - 1;
            fx += 2 * ri * e;
            fy += -2 * i * x * ri * e;
        }
        var (_, tangent) = Forward("Fit", new[] { x, y }, new[] { tx, ty });
        Tolerance.AssertFormula(fx * tx + fy * ty, tangent, "Fit tResult");
    }

    [Theory]
    [InlineData("Chain", 2, 4)]
    [InlineData("Accumulate", 4, 3)]
    [InlineData("Blocks", 3, 4)]
    public void VoidCaller_JvpMatchesCentralDifferencesAndItsVjp(string name, int n, int m)
    {
        var checks = new OutputChecks(Compiled.Value, name);
        var r = new Random(name.Length * 17 + m);
        for (int trial = 0; trial < 4; trial++)
        {
            var p = Random(r, n, 1);
            var y0 = Random(r, m, 2);
            var tP = Random(r, n, 1);
            var tY0 = Random(r, m, 1);
            var w = Random(r, m, 1);
            var tY = checks.Jvp(p, y0, tP, tY0);
            var (dP, dY) = checks.Vjp(p, y0, w);
            // ⟨J·v, w⟩ = ⟨v, Jᵀ·w⟩, v = (tP, tY0) over the inputs and the incoming outputs alike.
            double left = tY.Zip(w, (a, b) => a * b).Sum();
            double right = tP.Zip(dP, (a, b) => a * b).Sum() + tY0.Zip(dY, (a, b) => a * b).Sum();
            Tolerance.AssertFormula(right, left, name + " ⟨Jv, w⟩ vs ⟨v, Jᵀw⟩");
        }
    }

    [Fact]
    public void Accumulate_MatchesTheHandJvp()
    {
        // y += s x + s² x: tY = tY0 + (1 + 2s) tS x + (s + s²) tX.
        double s = 0.7, tS = -0.3;
        double[] x = { 0.5, -1.0, 2.0 }, tX = { 1.0, 0.25, -0.5 }, y0 = { 1, 2, 3 }, tY0 = { 0.1, 0.0, -0.2 };
        var tY = new OutputChecks(Compiled.Value, "Accumulate").Jvp(x.Append(s).ToArray(), y0, tX.Append(tS).ToArray(), tY0);
        for (int i = 0; i < 3; i++) Tolerance.AssertFormula(tY0[i] + (1 + 2 * s) * tS * x[i] + (s + s * s) * tX[i], tY[i], "tY" + i);
    }

    [Fact]
    public void NoCopyForTheReverseSweep_InMForward()
    {
        // The reverse sweep passes each callee a copy of the array it writes, taken at the call; MForward passes the
        // array itself with its tangent, and makes no copy.
        var result = GeneratorHarness.Run(ForwardCallSources.Callees, ForwardCallSources.Callers);
        result.AssertClean();
        string dist = result.Generated["SpanOut.S.Dist_double___double__.g.cs"];
        string forward = dist.Substring(dist.IndexOf("DistForward(", StringComparison.Ordinal));
        Assert.Contains("global::SpanOut.S.SubtractForward(a, b, t, tA, tB, tT);", forward, StringComparison.Ordinal);
        Assert.Contains("global::SpanOut.S.ShrinkForward(t, tT);", forward, StringComparison.Ordinal);
        Assert.DoesNotContain("Clone()", forward, StringComparison.Ordinal);
    }
}
