using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.GenericMath;

/// <summary>
/// Property test of [Differentiable] generic-math callees over arrays called at double (2026-12-06): random programs
/// <c>P(double[] a, double x, int k)</c> building local arrays from a and x and passing them, or a, to <c>Dot</c>,
/// <c>Lse</c>, <c>SumSq</c> (generic over T with T[] parameters), in loops and branches. Each inside program generates
/// cleanly and matches central differences at three points. Each just outside (a generic callee that writes its array, one
/// over a span, one with a [NoDiff] parameter, one calling another method of the program) gets ADG0003 at the call and no
/// code. CI runs 40 programs; AUTODIFFGEN_GENERIC_ARRAYS_COUNT runs more.
/// </summary>
public class GenericArrayCalleePropertyTests(ITestOutputHelper output)
{
    [Fact]
    public void GenericArrayCallees_MatchCentralDifferences_OrADG0003AtTheCall()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_GENERIC_ARRAYS_COUNT", 40);
        var random = new Random(20261206);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4)).ToList();
        ProgramBatch.JudgeAndCheck(Header, "GenArrays", all, () => Point(random), output.WriteLine);
    }

    /// <summary>An array of 2–5 reals in [−1, 1] to four places, x likewise, k below 3.</summary>
    private static object[] Point(Random random)
    {
        var a = Enumerable.Range(0, 2 + random.Next(4)).Select(_ => Math.Round((random.NextDouble() * 2) - 1, 4)).ToArray();
        return [a, Math.Round((random.NextDouble() * 2) - 1, 4), random.Next(3)];
    }

    private static (string Name, string Text, string? Bad) Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        int made = 0;
        string Fresh() => "b" + (++made).ToString(CultureInfo.InvariantCulture);
        string Array(out string setup, bool sameLength = false)
        {
            switch (random.Next(sameLength ? 2 : 3))
            {
                case 0:
                    setup = "";
                    return "a";
                case 1:
                    string b = Fresh();
                    setup = "var " + b + " = new double[a.Length]; for (int i = 0; i < a.Length; i++) " + b + "[i] = a[i] * " + Pick("x", "t", "a[0]") + " + i; ";
                    return b;
                default:
                    string c = Fresh();
                    setup = "var " + c + " = new[] { x, t, " + Pick("a[0]", "x * t", "1.5") + " }; ";
                    return c;
            }
        }
        string Call()
        {
            int which = random.Next(4);
            // Dot over two arrays needs equal lengths: each a or a local of a.Length.
            string s2 = "";
            string p = Array(out string s1, sameLength: which == 3), q = which == 3 ? Array(out s2, sameLength: true) : "";
            string call = which switch
            {
                0 => "Gen.Dot(" + p + ", " + p + ")",
                1 => "Gen.Lse(" + p + ")",
                2 => "Gen.SumSq(" + p + ", " + Pick("x", "t", "0.5") + ")",
                _ => "Gen.Dot(" + p + ", " + q + ")",
            };
            return s1 + s2 + "t += " + call + " * " + Pick("x", "0.5", "t") + ";";
        }
        string Statement(int depth) => random.Next(depth > 0 ? 6 : 4) switch
        {
            0 or 1 or 2 => "{ " + Call() + " }",
            3 => "t = t * 0.5 + Math.Sin(x * a[0]);",
            4 => "for (int j = 0; j < k; j++) { " + Statement(depth - 1) + " }",
            _ => "if (" + Pick("x > 0", "t < a[0]", "k > 1") + ") { " + Statement(depth - 1) + " } else { " + Statement(depth - 1) + " }",
        };
        (string Bad, string Statement) Outside() => random.Next(4) switch
        {
            0 => ("Gen.Scale(c, x)", "{ var c = new[] { x, t }; t += Gen.Scale(c, x) + c[1]; }"),
            1 => ("Gen.SumS<double>(a)", "t += Gen.SumS<double>(a) * x;"),
            2 => ("Gen.Weighted(a, x)", "t += Gen.Weighted(a, x);"),
            _ => ("Gen.Twice(a)", "t += Gen.Twice(a) * x;"),
        };

        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double[] a, double x, int k)\n    {\n");
        text.Append("        double t = x * a[^1];\n");
        string? bad = ProgramBatch.AppendStatements(text, random, outside, () => Statement(1), Outside);
        text.Append("        return t + x * a[0];\n    }\n");
        return (name, text.ToString(), bad);
    }

    private const string Header = """
        using System;
        using System.Numerics;
        using AutoDiffGen;

        public static partial class Gen
        {
            [Differentiable] public static T Dot<T>(T[] p, T[] q) where T : IFloatingPointIeee754<T> { T s = T.Zero; for (int i = 0; i < p.Length; i++) s += p[i] * q[i]; return s; }
            [Differentiable] public static T Lse<T>(T[] p) where T : IFloatingPointIeee754<T> { T m = p[0]; foreach (var v in p) m = T.Max(m, v); T z = T.Zero; foreach (var v in p) z += T.Exp(v - m); return m + T.Log(z); }
            [Differentiable] public static T SumSq<T>(T[] p, T w) where T : IFloatingPointIeee754<T> { T s = T.Zero; int n = p.Length; while (n-- > 0) s += p[n] * p[n] * w; return s; }
            [Differentiable] public static T Scale<T>(T[] p, T w) where T : IFloatingPointIeee754<T> { for (int i = 0; i < p.Length; i++) p[i] *= w; return p[0]; }
            [Differentiable] public static T SumS<T>(ReadOnlySpan<T> p) where T : IFloatingPointIeee754<T> { T s = T.Zero; foreach (var v in p) s += v; return s; }
            [Differentiable] public static T Weighted<T>(T[] p, [NoDiff] T w) where T : IFloatingPointIeee754<T> => p[0] * w;
            [Differentiable] public static T Twice<T>(T[] p) where T : IFloatingPointIeee754<T> => Dot(p, p) + Dot(p, p);
        }

        public static partial class GenArrays
        {

        """;
}
