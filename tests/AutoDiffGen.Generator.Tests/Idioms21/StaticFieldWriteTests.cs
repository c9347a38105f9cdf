using System.Globalization;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms21;

/// <summary>
/// Issue 13 (idioms21, item 1): a [Differentiable] method writing a static field with a value that carries no gradient
/// (Clad's static counter <c>calls++</c>, <c>steps += 2</c> in a loop, a flag, a constant cached once) keeps the write as an
/// effect of its forward sweep (ADG0007 before); reads of the field are taken where they stand, so the reverse sweep sees
/// what the forward read, in a loop too. Checked by hand (derived in the comments) and against central differences with the
/// state reset before each evaluation, and the effect is counted: once per MBackward and per MForward. Refused, at the
/// construct: a static write of a value that carries a gradient (ADG0007, saying what to write), a caller's call of such a
/// method and the method under Hessian = true (ADG0032: each runs the method again).
/// </summary>
public class StaticFieldWriteTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class C
        {
            static int calls;
            static int steps;
            static bool seen;
            static double scale;

            [Differentiable(Forward = true)]
            public static double Counted(double x)
            {
                calls++;
                return x * x * calls;
            }

            [Differentiable]
            public static double Looped(double x, double y, int n)
            {
                double s = 0;
                for (int i = 0; i < n; i++)
                {
                    if (!seen) { scale = 0.5; seen = true; }
                    s += x * steps;
                    steps += 2;
                    s += y * steps * scale;
                }
                return s;
            }

            public static double CountedForwardAlong(double x, double t)
            {
                CountedForward(x, t, out double tResult);
                return tResult;
            }
        }
        """;

    private static readonly Lazy<Type> Type = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("C")!);

    private static void Set(string field, object value) => Type.Value.GetField(field, BindingFlags.NonPublic | BindingFlags.Static)!.SetValue(null, value);

    private static object Get(string field) => Type.Value.GetField(field, BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;

    private static double Call(string name, Action reset, params object[] args)
    {
        reset();
        return (double)Type.Value.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, args)!;
    }

    /// <summary>Backward at <paramref name="point"/> (reals then the rest) with zero adjoints; returns the value and the adjoints.</summary>
    private static (double Value, double[] Gradient) Backward(string name, Action reset, double[] reals, params object[] rest)
    {
        reset();
        var args = reals.Cast<object>().Concat(rest).Concat(reals.Select(_ => (object)0.0)).Append(1.0).ToArray();
        var backward = Type.Value.GetMethod(name + "Backward", BindingFlags.Public | BindingFlags.Static)!;
        double value = (double)backward.Invoke(null, args)!;
        return (value, Enumerable.Range(0, reals.Length).Select(i => (double)args[reals.Length + rest.Length + i]).ToArray());
    }

    /// <summary>Central differences of <paramref name="name"/> in each real, the state reset before each evaluation.</summary>
    private static void AssertCentral(string name, Action reset, double[] reals, object[] rest, double[] gradient)
    {
        const double h = 1e-5;
        for (int k = 0; k < reals.Length; k++)
        {
            var up = (double[])reals.Clone();
            var down = (double[])reals.Clone();
            up[k] += h;
            down[k] -= h;
            double quotient = (Call(name, reset, up.Cast<object>().Concat(rest).ToArray()) - Call(name, reset, down.Cast<object>().Concat(rest).ToArray())) / (2 * h);
            Tolerance.AssertClose(quotient, gradient[k], 1e-6 * Math.Max(1, Math.Abs(quotient)), name + " ∂" + k.ToString(CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void AStaticCallCounter_IsKept_AndTheGradientUsesTheValueTheForwardRead()
    {
        // calls = 2 before the call, 3 after calls++: f = 3x², f' = 6x. At x = 1.5: f = 6.75, f' = 9.
        Action reset = () => Set("calls", 2);
        var (value, gradient) = Backward("Counted", reset, new[] { 1.5 });
        Tolerance.AssertFormula(6.75, value);
        Tolerance.AssertFormula(9, gradient[0], "∂x");
        Assert.Equal(3, (int)Get("calls")); // the write ran once, in the forward sweep
        AssertCentral("Counted", reset, new[] { 1.5 }, Array.Empty<object>(), gradient);
        // MForward: the tangent 6x·t = 9·0.5 = 4.5, and the write ran once.
        Tolerance.AssertFormula(4.5, Call("CountedForwardAlong", reset, 1.5, 0.5), "tResult");
        Assert.Equal(3, (int)Get("calls"));
    }

    [Fact]
    public void StaticWritesInALoop_AreReadPerIteration_ByTheReverseSweep()
    {
        // steps = 1, seen = false, n = 3. Iteration i reads steps before (1, 3, 5) and after (3, 5, 7) its += 2, and the first
        // iteration sets scale = 0.5: f = x(1 + 3 + 5) + 0.5·y(3 + 5 + 7) = 9x + 7.5y, so ∂x = 9, ∂y = 7.5 (each a sum of values
        // the loop read at different times: reading the field again in the reverse sweep would give 7s).
        Action reset = () => { Set("steps", 1); Set("seen", false); Set("scale", 0.0); };
        var (value, gradient) = Backward("Looped", reset, new[] { 0.4, -1.2 }, 3);
        Tolerance.AssertFormula((9 * 0.4) + (7.5 * -1.2), value);
        Tolerance.AssertFormula(9, gradient[0], "∂x");
        Tolerance.AssertFormula(7.5, gradient[1], "∂y");
        Assert.Equal(7, (int)Get("steps"));
        AssertCentral("Looped", reset, new[] { 0.4, -1.2 }, new object[] { 3 }, gradient);
    }

    private const string Refused = """
        using System;
        using AutoDiffGen;

        public static partial class R
        {
            static int calls;
            static double last;
            static double total;

            [Differentiable]
            public static double Cached(double x)
            {
                double r = x * x + last;
                last = x;
                return r;
            }

            [Differentiable]
            public static double Summed(double x) { total += x * 2; return x; }

            [Differentiable]
            public static double Counted(double x) { calls++; return x * calls; }

            [Differentiable]
            public static double Caller(double x) => Counted(x) * x;

            [Differentiable(Hessian = true)]
            public static double Curved(double x) { calls += 1; return x * x * x; }
        }
        """;

    [Theory]
    [InlineData("ADG0007", "last = x", "the static field 'last' a value that carries a gradient")]
    [InlineData("ADG0007", "total += x * 2", "pass the previous value in as a [NoDiff] parameter")]
    [InlineData("ADG0032", "Counted(x)", "runs 'R.Counted' once for its value and again inside 'CountedBackward'")]
    [InlineData("ADG0032", "calls += 1", "MHessian runs the method again")]
    public void WhatRunsAgainOrCarriesAGradient_IsRefusedAtTheConstruct(string id, string at, string says)
    {
        var run = GeneratorHarness.Run(Refused);
        Assert.Empty(run.Exceptions);
        Assert.True(run.GeneratorDiagnostics.Any(d => d.Id == id && d.Severity == DiagnosticSeverity.Error && d.Location.SourceSpan.Start == Refused.IndexOf(at, StringComparison.Ordinal)
                && d.Location.SourceSpan.Length == at.Length && d.GetMessage(CultureInfo.InvariantCulture).Contains(says, StringComparison.Ordinal)),
            string.Join("\n", run.GeneratorDiagnostics));
        // Only Counted, whose write carries no gradient, gets code.
        Assert.Equal(new[] { "CountedBackward" }, new[] { "CachedBackward", "SummedBackward", "CountedBackward", "CallerBackward", "CurvedHessian" }
            .Where(m => run.Generated.Values.Any(s => s.Contains(" " + m + "(", StringComparison.Ordinal))));
    }
}
