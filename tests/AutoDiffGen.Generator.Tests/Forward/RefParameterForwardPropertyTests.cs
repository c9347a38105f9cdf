using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Forward;

/// <summary>
/// Property test of calls with <c>ref</c>/<c>out</c> arguments in forward mode: random <c>Forward = true</c> programs pass
/// their locals and parameters by ref to Forward helpers (Step, Nudge) and take out results (Split, with a discard
/// sometimes), in branches and loops, nested in expressions; inside support each program's MForward matches central
/// differences along a random direction and its own Backward. Just outside (ref arguments to Drift, whose
/// [Differentiable] has no Forward = true and whose body calls a reverse-only hand-written derivative) it is ADG0018 at that call and no code. AUTODIFFGEN_REFFORWARD_COUNT runs more.
/// </summary>
public class RefParameterForwardPropertyTests(ITestOutputHelper output)
{
    internal sealed record Program(string Name, string Text, string? Bad);

    [Fact]
    public void RefAndOutCalls_MatchCentralDifferences_OrAnErrorAtTheCall()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_REFFORWARD_COUNT", 60);
        var random = new Random(202612031);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 6 == 5)).ToList();
        ForwardPrograms.JudgeAndCheck(Header, "RefCalls", all.Select(p => (p.Name, p.Text, p.Bad)).ToList(), random, output.WriteLine, "ADG0018");
    }

    private static Program Next(Random random, string name, bool outside) =>
        Next(random, name, outside, "[Differentiable(Forward = true)]", "double", "s + t * x", real => "Drift(ref " + (random.Next(2) == 0 ? "s" : "t") + ", " + real + ")");

    /// <summary>
    /// A random program with ref and out calls to the helpers of <see cref="Header"/>, under <paramref name="attribute"/>,
    /// returning <paramref name="result"/>; just outside, one statement holds the call <paramref name="outsideCall"/> gives
    /// for a random real argument (the text its error must point at).
    /// </summary>
    internal static Program Next(Random random, string name, bool outside, string attribute, string resultType, string result, Func<string, string> outsideCall,
        string parameters = "double x, double y, int k", string tail = "")
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Real() => Pick("0.5 * x * y", "Math.Tanh(s) + y", "t - 0.3 * x", "Math.Sin(s)", "Math.Tanh(s * t)");
        string Var() => Pick("s", "t", "x", "y");
        string Test() => Pick("x > 0.2", "y < 0", "s > 0.5", "k > 1", "t < x");
        string Statement(int depth)
        {
            switch (random.Next(depth > 0 ? 8 : 7))
            {
                case 0: return "Step(ref s, ref t, " + Pick("0.1", "0.3 * y", "Math.Tanh(x)") + ");";
                case 1: return "s += 0.5 * Nudge(ref " + Var() + ", " + Real() + ");";
                case 2: return "{ double q; s = Math.Tanh(s + Split(" + Real() + ", out q) * q); }";
                case 3: return "t += Split(" + Real() + ", out _) * 0.3;";
                case 4: return "if (" + Test() + ") Step(ref " + Pick("s, ref t", "t, ref s", "x, ref y") + ", 0.2); else t = Math.Tanh(t - " + Real() + ");";
                case 5: return "for (int i = 0; i < k; i++) Step(ref s, ref t, 0.25);";
                case 6: return "t = Math.Tanh(Split(" + Real() + ", out double w" + random.Next(1000) + ") + t);";
                default: return "for (int j = 0; j < 2; j++) { " + Statement(depth - 1) + " }";
            }
        }
        // Just outside: ref arguments to a helper whose forward mode does not exist.
        (string Bad, string Statement) Outside()
        {
            string bad = outsideCall(Real());
            return (bad, Pick(bad + ";", "if (" + Test() + ") " + bad + ";", "for (int i = 0; i < k; i++) " + bad + ";"));
        }

        var text = new StringBuilder();
        text.Append("    ").Append(attribute).Append("\n    public static ").Append(resultType).Append(' ').Append(name).Append('(').Append(parameters).Append(")\n    {\n");
        text.Append("        double s = x + 0.5 * y, t = y;\n");
        string? badText = ProgramBatch.AppendStatements(text, random, outside, () => Statement(1), Outside);
        text.Append(tail);
        text.Append("        return ").Append(result).Append(";\n    }\n");
        return new Program(name, text.ToString(), badText);
    }

    internal const string Header = """
        using System;
        using AutoDiffGen;

        public static partial class RefCalls
        {
            [Differentiable(Forward = true)]
            public static void Step(ref double a, ref double b, double h) { b -= h * Math.Sin(a); a += h * Math.Tanh(b); }

            [Differentiable(Forward = true)]
            public static double Nudge(ref double a, double by) { double old = a; a = Math.Tanh(a + by * a); return old * by; }

            [Differentiable(Forward = true)]
            public static double Split(double a, out double square) { square = a * a; return Math.Sin(a); }

            // No Forward = true, and its body calls Hand, whose hand-written derivative is reverse only: no MForward can be
            // written for it (a plain Drift gets one from its body since 2026-12-03, hess6: DerivedForms).
            [Differentiable]
            public static void Drift(ref double a, double by) { a += by * Hand(a); }

            public static double Hand(double a) => Math.Exp(0.1 * a);

            [DerivativeOf(nameof(Hand))]
            public static double HandBackward(double a, ref double dA, double dResult = 1) { double e = Math.Exp(0.1 * a); dA += 0.1 * e * dResult; return e; }

            // Not [Differentiable], and not inlined: a plain helper with ref arguments is (objects6) unless it has an effect.
            public static int PlainCalls;
            public static void Plain(ref double a, double by) { a += by * a; PlainCalls++; }

        """;
}
