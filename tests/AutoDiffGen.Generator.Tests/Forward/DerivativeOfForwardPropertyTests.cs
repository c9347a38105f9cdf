using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Forward;

/// <summary>
/// Property test of hand-written forward derivatives: random <c>Forward = true</c> programs call methods that have a
/// reverse and a forward <c>[DerivativeOf]</c> (Cube, Hyp, Wave) in expressions, nested in each other's arguments, in
/// branches and loops, and through a <c>Forward = true</c> helper that calls them; and array functions whose derivatives
/// take an adjoint and a tangent (<c>ReadOnlySpan</c>) for each array or span (Lse, Dot, Norm) on a local array the
/// program stores into, a constant array and a slice. Inside support each program
/// generates cleanly, its Backward matches central differences at three points, and its MForward matches central
/// differences along a random direction and ⟨gradient, direction⟩; just outside (a call carrying a gradient to Quad,
/// or an array to SumSq, which have a reverse derivative only) it is ADG0018 at that call and no code. AUTODIFFGEN_HANDFORWARD_COUNT runs more.
/// </summary>
public class DerivativeOfForwardPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad);

    [Fact]
    public void CallsToHandWrittenForwardDerivatives_MatchCentralDifferences_OrAnErrorAtTheCall()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_HANDFORWARD_COUNT", 60);
        var random = new Random(20261203);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 6 == 5)).ToList();
        ForwardPrograms.JudgeAndCheck(Header, "HandCalls", all.Select(p => (p.Name, p.Text, p.Bad)).ToList(), random, output.WriteLine, "ADG0018");
    }

    private static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Real() => Pick("0.5 * x * y", "Math.Tanh(s) + y", "t - 0.3 * x", "Math.Sin(s)", "Math.Tanh(s * t)");
        string Call(int depth) => random.Next(depth > 0 ? 8 : 7) switch
        {
            0 => "Cube(" + Real() + ")",
            1 => "Hyp(" + Real() + ", 0.7)",
            2 => "Wave(" + Real() + ")",
            3 => "Mix(" + Real() + ", " + Real() + ")",
            4 => "Lse(" + Pick("v", "W") + ")",
            5 => "Dot(" + Pick("v, W", "v, v", "W, v") + ")",
            6 => "Norm(" + Pick("v", "v.AsSpan(1)", "v.AsSpan(0, 2)") + ")",
            _ => "Hyp(" + Call(depth - 1) + ", " + Call(depth - 1) + ")",
        };
        string Test() => Pick("x > 0.2", "y < 0", "s > 0.5", "k > 1", "t < x");
        string Statement(int depth)
        {
            switch (random.Next(depth > 0 ? 7 : 6))
            {
                case 5: return "v[" + Pick("0", "1", "2", "k % 3") + "] " + Pick("=", "+=") + " Math.Sin(" + Real() + ") * 0.5;";
                case 0: return "s += 0.3 * " + Call(1) + ";";
                case 1: return "t = Math.Tanh(" + Call(1) + " - t);";
                case 2: return "if (" + Test() + ") s += " + Call(0) + " * 0.2; else t -= 0.1 * " + Call(1) + ";";
                case 3: return "for (int i = 0; i < k; i++) s = 0.5 * s + 0.3 * " + Call(0) + ";";
                case 4: return "s = Math.Tanh(s * " + Call(0) + ") + t;";
                default: return "for (int j = 0; j < 2; j++) { " + Statement(depth - 1) + " }";
            }
        }
        // Just outside: a gradient passed to Quad or SumSq, whose [DerivativeOf] are reverse only.
        (string Bad, string Statement) Outside()
        {
            string bad = Pick("Quad(" + Real() + ")", "SumSq(v)");
            return (bad, Pick("s += 0.2 * " + bad + ";", "if (" + Test() + ") t = " + bad + ";", "for (int i = 0; i < k; i++) s += 0.1 * " + bad + ";"));
        }

        var text = new StringBuilder();
        text.Append("    [Differentiable(Forward = true)]\n    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n");
        text.Append("        double s = x + 0.5 * y, t = y;\n");
        text.Append("        double[] v = { x, y, 0.5 * x * y };\n");
        string? badText = ProgramBatch.AppendStatements(text, random, outside, () => Statement(1), Outside);
        text.Append("        return s + t;\n    }\n");
        return new Program(name, text.ToString(), badText);
    }

    private const string Header = """
        using System;
        using System.Linq;
        using AutoDiffGen;

        public static partial class HandCalls
        {
            public static double Cube(double x) => x * x * x;
            [DerivativeOf(nameof(Cube))]
            public static double CubeBackward(double x, ref double dX, double dResult = 1) { dX += 3 * x * x * dResult; return x * x * x; }
            [DerivativeOf(nameof(Cube))]
            public static double CubeForward(double x, double tX, out double tResult) { tResult = 3 * x * x * tX; return x * x * x; }

            public static double Hyp(double a, double b) => Math.Sqrt(a * a + b * b);
            [DerivativeOf(nameof(Hyp))]
            public static double HypBackward(double a, double b, ref double dA, ref double dB, double dResult = 1) { double r = Hyp(a, b); dA += a / r * dResult; dB += b / r * dResult; return r; }
            [DerivativeOf(nameof(Hyp))]
            public static double HypForward(double a, double b, double tA, double tB, out double tResult) { double r = Hyp(a, b); tResult = (a * tA + b * tB) / r; return r; }

            public static double Wave(double x) => Math.Sin(x) * x;
            [DerivativeOf(nameof(Wave))]
            public static double WaveBackward(double x, ref double dX, double dResult = 1) { dX += (Math.Cos(x) * x + Math.Sin(x)) * dResult; return Wave(x); }
            [DerivativeOf(nameof(Wave))]
            public static double WaveForward(double x, double tX, out double tResult) { tResult = (Math.Cos(x) * x + Math.Sin(x)) * tX; return Wave(x); }

            public static double Quad(double x) => x * x;
            [DerivativeOf(nameof(Quad))]
            public static double QuadBackward(double x, ref double dX, double dResult = 1) { dX += 2 * x * dResult; return x * x; }

            [Differentiable(Forward = true)]
            public static double Mix(double a, double b) => 0.2 * Cube(a) + Wave(b);

            private static readonly double[] W = { 0.4, -0.7, 1.1 };

            public static double Lse(double[] a) { double m = a.Max(); return m + Math.Log(a.Sum(e => Math.Exp(e - m))); }
            [DerivativeOf(nameof(Lse))]
            public static double LseBackward(double[] a, double[] dA, double dResult = 1) { double r = Lse(a); for (int i = 0; i < a.Length; i++) dA[i] += Math.Exp(a[i] - r) * dResult; return r; }
            [DerivativeOf(nameof(Lse))]
            public static double LseForward(double[] a, ReadOnlySpan<double> tA, out double tResult) { double r = Lse(a); tResult = 0; for (int i = 0; i < a.Length; i++) tResult += Math.Exp(a[i] - r) * tA[i]; return r; }

            public static double Dot(double[] a, double[] b) { double d = 0; for (int i = 0; i < a.Length; i++) d += a[i] * b[i]; return d; }
            [DerivativeOf(nameof(Dot))]
            public static double DotBackward(double[] a, double[] b, double[] dA, double[] dB, double dResult = 1) { for (int i = 0; i < a.Length; i++) { dA[i] += b[i] * dResult; dB[i] += a[i] * dResult; } return Dot(a, b); }
            [DerivativeOf(nameof(Dot))]
            public static double DotForward(double[] a, double[] b, ReadOnlySpan<double> tA, ReadOnlySpan<double> tB, out double tResult) { tResult = 0; for (int i = 0; i < a.Length; i++) tResult += tA[i] * b[i] + a[i] * tB[i]; return Dot(a, b); }

            // sqrt(1 + Σ v²): smooth at 0.
            public static double Norm(ReadOnlySpan<double> a) { double q = 1; foreach (double e in a) q += e * e; return Math.Sqrt(q); }
            [DerivativeOf(nameof(Norm))]
            public static double NormBackward(ReadOnlySpan<double> a, Span<double> dA, double dResult = 1) { double r = Norm(a); for (int i = 0; i < a.Length; i++) dA[i] += a[i] / r * dResult; return r; }
            [DerivativeOf(nameof(Norm))]
            public static double NormForward(ReadOnlySpan<double> a, ReadOnlySpan<double> tA, out double tResult) { double r = Norm(a); tResult = 0; for (int i = 0; i < a.Length; i++) tResult += a[i] * tA[i] / r; return r; }

            public static double SumSq(double[] a) => a.Sum(e => e * e);
            [DerivativeOf(nameof(SumSq))]
            public static double SumSqBackward(double[] a, double[] dA, double dResult = 1) { for (int i = 0; i < a.Length; i++) dA[i] += 2 * a[i] * dResult; return SumSq(a); }

        """;
}
