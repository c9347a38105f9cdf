using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Idioms22;

/// <summary>
/// Issue 13, idioms22 (natural21's B06, B09, P15): random programs over a jagged parameter that pass its rows (a foreach
/// row or <c>data[i]</c>) to a plain void helper with out results, call a generic <c>Lse&lt;T&gt;(T[] v)</c> at double, and
/// rebind a local <c>double[,]</c> to one an inlined helper wrote in the same iteration (<c>Mul(a, r, n); a = n;</c>), all
/// in ONE compilation, checked against central differences at three points each. One in five is just outside: a helper
/// using the row it is passed under a second name (ADG0004 at the call), a generic helper over <c>T[,]</c> (ADG0003 at the
/// call), a rebinding whose new array is read after it (ADG0003 at the assignment), a helper returning one of two grids
/// (ADG0004 at the call); no code for those. Since idioms23 the mix also declares a local double[,] from helpers returning
/// new grids, nested, one with an early return of its local; since idioms24 (natural21's B07) plain void helpers with a
/// <c>double[][]</c> parameter: one reading the jagged parameter's rows while writing a local array, one writing a local
/// jagged array in a loop (one in five of the outside programs passes it the jagged parameter instead: ADG0003 at the call). CI runs 20
/// programs; AUTODIFFGEN_IDIOMS22_COUNT runs more.
/// </summary>
public class Idioms22PropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad);

    private const string Header = """
        using System;
        using System.Numerics;
        using AutoDiffGen;

        public static class Hr
        {
            public static void Stats(double[] r, double c, out double m, out double q)
            {
                m = 0;
                q = 0;
                for (int j = 0; j < r.Length; j++)
                {
                    m += r[j] * c;
                    q += (r[j] - c) * (r[j] - c);
                }
            }

            public static void Keep(double[] r, double c, out double m)
            {
                var copy = r;
                m = copy[0] * c;
            }

            public static T Lse<T>(T[] v) where T : IFloatingPointIeee754<T>
            {
                T max = v[0];
                for (int i = 1; i < v.Length; i++) max = T.Max(max, v[i]);
                T s = T.Zero;
                foreach (T e in v) s += T.Exp(e - max);
                return max + T.Log(s);
            }

            public static T Sum2<T>(T[,] m) where T : IFloatingPointIeee754<T> => m[0, 0] + m[1, 1];

            public static void Rot(double t, double[,] r)
            {
                double c = Math.Cos(t), s = Math.Sin(t);
                r[0, 0] = c; r[0, 1] = -s;
                r[1, 0] = s; r[1, 1] = c;
            }

            public static double[,] RotR(double t)
            {
                double c = Math.Cos(t), s = Math.Sin(t);
                return new double[,] { { c, -s }, { s, c } };
            }

            public static double[,] MulR(double[,] a, double[,] b)
            {
                var o = new double[2, 2];
                if (a[0, 0] == 0 && a[1, 1] == 0) return o;
                for (int i = 0; i < 2; i++)
                    for (int j = 0; j < 2; j++)
                        for (int k = 0; k < 2; k++)
                            o[i, j] += a[i, k] * b[k, j];
                return o;
            }

            public static double[,] Pick(double x)
            {
                var p = new double[2, 2];
                var q = new double[2, 2];
                p[0, 0] = x;
                q[1, 1] = x;
                if (x > 0) return p;
                return q;
            }

            public static void Mix(double[][] w, double[] h)
            {
                for (int i = 0; i < h.Length; i++) h[i] = w[0][i] * h[i] + w[1][i] * h[i] * h[i];
            }

            public static void Outer(double[][] o, double a, double b)
            {
                double[] v = { a, b };
                for (int i = 0; i < o.Length; i++)
                    for (int j = 0; j < o[i].Length; j++) o[i][j] = v[i] * v[j] + o[i][j];
            }

            public static void Mul(double[,] a, double[,] b, double[,] o)
            {
                for (int i = 0; i < 2; i++)
                {
                    for (int j = 0; j < 2; j++)
                    {
                        double s = 0;
                        for (int k = 0; k < 2; k++) s += a[i, k] * b[k, j];
                        o[i, j] = s;
                    }
                }
            }
        }

        public static partial class P
        {

        """;

    [Fact]
    public void RowsToOutHelpers_GenericArrayHelpers_AndRebinds_MatchCentralDifferences_OrAnErrorAtTheConstruct()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_IDIOMS22_COUNT", 20);
        var random = new Random(2026_12_05_22);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "I" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4)).ToList();
        ProgramBatch.JudgeAndCheck(Header, "P", all.Select(p => (p.Name, p.Text, p.Bad)).ToList(), () => Point(random), output.WriteLine, "ADG0002,ADG0003,ADG0004");
    }

    /// <summary>(data, x, y, k): three rows of two reals in [−1, 1], two reals, a count below 3.</summary>
    private static object[] Point(Random random)
    {
        double R() => Math.Round((random.NextDouble() * 2) - 1, 4);
        var data = Enumerable.Range(0, 3).Select(_ => new[] { R(), R() }).ToArray();
        return new object[] { data, R(), R(), random.Next(3) };
    }

    private static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Real() => Pick("x", "y", "x * y", "0.5", "Math.Sin(y)", "s * 0.25");
        string Statement() => random.Next(8) switch
        {
            // idioms24: double[][] parameters of plain void helpers, read (the jagged parameter) or written (a local jagged array).
            6 => "{ double[] h = { x, " + Real() + " }; Hr.Mix(data, h); s += h[0] * h[1]; }",
            7 => "{ var o = new double[2][]; o[0] = new double[2]; o[1] = new double[2]; for (int t = 0; t < k + 1; t++) Hr.Outer(o, " + Real() + ", " + Real() + "); s += o[0][1] * x + o[1][1]; }",
            // idioms23: helpers returning new grids, nested, one with an early return of its local.
            5 => "{ double[,] g = Hr.MulR(Hr.RotR(" + Real() + "), Hr.RotR(" + Real() + ")); s += g[0, 1] * x + g[1, 1] * s; }",
            0 => "foreach (double[] row in data) { Hr.Stats(row, " + Real() + ", out double m, out double q); s += m * q; }",
            1 => "for (int i = 0; i < data.Length; i++) { Hr.Stats(data[i], " + Real() + ", out double m, out double q); s += m + " + Real() + " * q; }",
            2 => "{ double[] v = { x, y * s, " + Real() + " }; s += Hr.Lse(v); }",
            3 => "{ var a = new double[2, 2] { { 1, 0 }, { 0, 1 } }; for (int t = 0; t < k + 1; t++) { var r = new double[2, 2]; Hr.Rot(" + Real()
                + " * (t + 1), r); var n = new double[2, 2]; Hr.Mul(a, r, n); a = n; } s += a[0, 1] * x + a[1, 1] * s; }",
            _ => "s += data[" + random.Next(3) + "][" + random.Next(2) + "] * " + Real() + ";",
        };
        (string Bad, string Statement) Outside() => random.Next(5) switch
        {
            4 => ("Hr.Outer(data, x, y)", "{ Hr.Outer(data, x, y); s += data[0][1]; }"),
            3 => ("Hr.Pick(x)", "{ double[,] g = Hr.Pick(x); s += g[0, 0] * y; }"),
            0 => ("Hr.Keep(row, x, out double m0)", "foreach (double[] row in data) { Hr.Keep(row, x, out double m0); s += m0; }"),
            1 => ("Hr.Sum2(g)", "{ var g = new double[2, 2] { { x, y }, { y, x } }; s += Hr.Sum2(g); }"),
            _ => ("b = n", "{ var b = new double[2, 2]; for (int t = 0; t < k + 1; t++) { var n = new double[2, 2]; Hr.Rot(x * t, n); b = n; s += n[0, 0]; } s += b[1, 0]; }"),
        };

        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double[][] data, double x, double y, int k)\n    {\n");
        text.Append("        double s = x * 0.5 + y;\n");
        string? bad = ProgramBatch.AppendStatements(text, random, outside, Statement, Outside);
        text.Append("        return s * 0.5 + x;\n    }\n");
        return new Program(name, text.ToString(), bad);
    }
}
