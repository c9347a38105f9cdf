using System.Globalization;
using System.Text;

namespace AutoDiffGen.Generator.Tests.ModeMix;

/// <summary>
/// Random methods <c>double Pn(double[] x, double c, int k)</c> that mix the constructs landed last (span locals as
/// views, inner loops whose trip counts the reverse walk computes, inlined local functions, lambdas and struct members,
/// int[] initializers, branches that add on one side only, <c>goto case</c>, early returns, loops that run zero times)
/// and opt into a random set of modes (Forward, Hessian, Jacobian, Checkpoint). Each comes with wrappers in class
/// <c>Call</c> that reach its span-taking modes from reflection.
/// </summary>
internal static class ModeMixPrograms
{
    public sealed record Program(string Name, string Text, string Wrappers, bool Forward, bool Hessian, bool Jacobian, int Components, string? Bad);

    public const string Header = """
        using System;
        using AutoDiffGen;

        public struct Q
        {
            public double A, B;
            public Q(double a, double b) { A = a; B = b * a; }
            public double Norm() => A * A + B;
            public Q Scaled(double f) => new Q(A * f, B);
        }

        public static partial class Mix
        {
            [Differentiable(Forward = true, Hessian = true)]
            public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
            {
                double r = 0;
                for (int i = 0; i < a.Length && i < b.Length; i++) r += a[i] * b[i];
                return r;
            }

        """;

    /// <param name="strict">Only what every mode supports: lambdas and local functions read no array (a view's array in a
    /// lambda is ADG0003), no span call in Hessian mode (ADG0019), no span in a local function (CS8175).</param>
    /// <param name="outside">One statement is just outside (a Span over either of two arrays, a range of an array, which is a
    /// copy): its ADG0003 text is the program's Bad.</param>
    /// <param name="ranges">Ranges and foreach over a span (C# 8) may be drawn; without, the programs are C# 7.3.</param>
    public static Program Next(Random random, string name, bool strict = false, bool outside = false, bool ranges = true)
    {
        // One in four returns a pair (a vector-valued method: its Jacobian has two rows; no Hessian).
        bool pair = random.Next(4) == 0;
        bool forward = random.Next(2) == 0, hessian = !pair && random.Next(2) == 0, jacobian = pair ? random.Next(4) != 0 : random.Next(3) == 0, checkpoint = random.Next(6) == 0;
        int local = 0;
        string Fresh(string stem) => stem + (local++).ToString(CultureInfo.InvariantCulture);
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string X() => Pick("x[0]", "x[1]", "x[2]", "x[3]", "x[k % 4]", "c");
        // In a lambda or local function: no array under strict.
        string Captured() => strict ? Pick("c", "c * c") : X();
        string Statement(int depth)
        {
            switch (random.Next(depth > 0 ? 30 : 27))
            {
                case 0: return "s += p[k % 3] * v[1];";
                case 1: return "if (p.Length > 2) p = p.Slice(1);";
                case 2: return "for (int i = 0; i < k; i++) { s += p[i % p.Length] * c; if (p.Length > 2) p = p" + (ranges ? "[1..]" : ".Slice(1)") + "; }";
                case 3: return "v[k % 3] += s * p[0];";
                case 4: { string b = Fresh("b"); return "{ Span<double> " + b + " = stackalloc double[3]; " + b + "[0] = s; " + b + "[1] = c * p[0]; " + b + "[2] = " + b + "[0] * " + b + "[1]; s += " + b + "[2]; }"; }
                case 5: return strict && hessian ? "s += p[1] * c;" : "s += Dot(p, v) * " + Pick("0.1", "c") + ";";
                case 6: return "for (int i = 0; i < k; i++) { for (int j = i; j < m; j++) s += x[j % 4] * " + X() + " * 0.3; m--; }";
                case 7: { string j = Fresh("j"); return "{ int " + j + " = 0; while (" + j + " < k) { s = s * 0.9 + x[" + j + " % 4]; " + j + " += 1 + (" + j + " % 2); } }"; }
                case 8: { string j = Fresh("j"); return "{ int " + j + " = k; do { s += x[" + j + " % 4] * s * 0.1; " + j + "--; } while (" + j + " > 0); }"; }
                case 9: return "for (long i = 0; i < k; i++) s += x[(int)(i % 4)] * " + X() + ";";
                case 10: return "for (uint i = 0; i < (uint)k; i++) s += x[(int)(i % 4)] * 0.5;";
                case 11: return "for (int i = 0; i < 3; i++) { for (int j = 0; j < i + 1; j++) { if (x[j % 4] > 0.5) break; s += x[j % 4] * c; } }";
                case 12: return "for (int i = 0; i < k; i++) { int b = ix[i % 4]; for (int j = 0; j < b; j++) { s += x[j] * 0.5; if (j == 1) continue; s *= 1.01; } }";
                case 13: return "for (int i = 0; i < 2; i++) for (int j = i; j < 3; j++) for (int l = j; l < m; l++) s += x[(i + j + l) % 4] * " + X() + " * 0.2;";
                case 14: { string f = Fresh("F"); return "double " + f + "(double t) { double u = t * t; return u + c; } s += " + f + "(" + X() + ") * 0.5;"; }
                case 15: { string g = Fresh("g"); return "Func<double, double> " + g + " = t => t * c + " + Captured() + "; s += " + g + "(s) * 0.3;"; }
                case 16: { string q = Fresh("q"); return "var " + q + " = new Q(" + X() + ", c); s += " + q + ".Norm() * 0.2 + " + q + ".Scaled(" + X() + ").A;"; }
                case 17: return "if (c > 0.2) s += x[1] * x[2];";
                case 18: return "switch (k % 3) { case 0: s += x[0]; goto case 1; case 1: s *= c; break; default: s -= x[2]; break; }";
                case 19: return "if (k == 2) return @@EARLY@@;";
                case 20: return "for (int i = k; i < 0; i++) s += x[0];";
                case 21: return "checked { for (int i = 0; i < k; i++) s += x[i % 4] * c; }";
                case 22: { string st = Fresh("st"); return "{ int " + st + " = 1; for (int i = 0; i < 6; i += " + st + ") { s += x[i % 4] * c; " + st + "++; } }"; }
                case 23: { string b = Fresh("b"); return "{ int " + b + " = 2; for (int i = 0; i < k; i++) { for (int j = 0; j < " + b + "; j++) s += x[j % 4] * s * 0.1; " + b + " = " + b + " + 1; } }"; }
                case 24: return "for (int i = 0; i < k; i++) { int b = (int)(a[1] * 2 + 2); for (int j = 0; j < b; j++) s += x[j % 4] * 0.1 * " + X() + "; a[1] += 0.7; }";
                case 25: { string t = Fresh("t"); return "double " + t + " = 0; for (int i = 0; i < k; i++) { if (x[i % 4] > 0) " + t + " += x[i % 4] * s; } s += " + t + ";"; }
                // foreach over a span needs C# 8 against .NET 10's span (CS8370 on 7.3).
                case 26: return (ranges ? "foreach (var e in v) s += e * " : "for (int i = 0; i < v.Length; i++) s += v[i] * ") + X() + ";";
                case 27: { string o = Fresh("o"); return "for (int " + o + " = 0; " + o + " < k; " + o + "++) { " + Statement(depth - 1) + " }"; }
                case 28: return "if (" + X() + " > 0.1) { " + Statement(depth - 1) + " } else { " + Statement(depth - 1) + " }";
                default:
                {
                    string f = Fresh("H");
                    string inner = strict ? "double u = t * c; if (u > 0.1) u = u * u; t += u;" : Statement(0).Replace("@@EARLY@@", "t * x[1]");
                    return "double " + f + "(double t) { " + inner + " return " + (strict ? "t * c" : "s * t") + "; } s = " + f + "(" + X() + ") + s;";
                }
            }
        }

        var text = new StringBuilder(ModeMixPrograms.Opening(name, pair, forward, hessian, jacobian, checkpoint));
        text.Append("        double s = c * x[0]; int m = k + 1;\n");
        text.Append("        var a = new double[4];\n        a[0] = x[1]; a[1] = c * x[2]; a[2] = x[3]; a[3] = c;\n");
        text.Append("        ReadOnlySpan<double> p = x;\n        Span<double> v = a.AsSpan(1);\n        int[] ix = { 2, 0, 3, 1 };\n");
        int statements = 2 + random.Next(4);
        int badAt = outside ? random.Next(statements) : -1;
        string? bad = null;
        for (int i = 0; i < statements; i++)
        {
            string statement = Statement(1).Replace("@@EARLY@@", pair ? "(s * x[1], s)" : "s * x[1]");
            if (i == badAt)
            {
                (bad, statement) = random.Next(2) == 0 || !ranges
                    ? ("c > 0 ? a : x", "{ Span<double> u = c > 0 ? a : x; s += u[0] * c; }")
                    : ("x[1..]", "{ ReadOnlySpan<double> r = x[1..]; s += r[0] * c; }");
            }
            text.Append("        ").Append(statement).Append('\n');
        }
        string last = "s + p[0] * v[1] + a[0] * a[2] + m * 0.01 + ix[k % 4] * x[1]";
        text.Append("        return ").Append(pair ? "(" + last + ", s * x[2] + v[0] * " + X() + ")" : last).Append(";\n    }\n");

        return new Program(name, text.ToString(), Wrappers(name, pair, forward, hessian, jacobian), forward, hessian, jacobian, pair ? 2 : 1, bad);
    }

    /// <summary>The attribute with the drawn modes and the method's signature, up to its opening brace.</summary>
    public static string Opening(string name, bool pair, bool forward, bool hessian, bool jacobian, bool checkpoint)
    {
        var modes = new List<string>();
        if (forward) modes.Add("Forward = true");
        if (hessian) modes.Add("Hessian = true");
        if (jacobian) modes.Add("Jacobian = true");
        if (checkpoint) modes.Add("Checkpoint = true");
        return "    [Differentiable" + (modes.Count > 0 ? "(" + string.Join(", ", modes) + ")" : "") + "]\n"
            + "    public static " + (pair ? "(double, double) " : "double ") + name + "(double[] x, double c, int k)\n    {\n";
    }

    /// <summary>Wrappers in class <c>Call</c> that reflection can call: the value and Backward's gradient per seed as arrays, the modes' spans as arrays.</summary>
    public static string Wrappers(string name, bool pair, bool forward, bool hessian, bool jacobian)
    {
        var w = new StringBuilder();
        string n = name;
        w.Append("    public static double[] ").Append(n).Append("_V(double[] x, double c, int k) { var r = Mix.").Append(n).Append("(x, c, k); return ")
            .Append(pair ? "new[] { r.Item1, r.Item2 }" : "new[] { r }").Append("; }\n");
        w.Append("    public static double[] ").Append(n).Append("_B(double[] x, double c, int k, double[] seed) { var dx = new double[x.Length]; double dc = 0; Mix.").Append(n)
            .Append("Backward(x, c, k, dx, ref dc, ").Append(pair ? "(seed[0], seed[1])" : "seed[0]").Append("); var g = new double[x.Length + 1]; dx.CopyTo(g, 0); g[x.Length] = dc; return g; }\n");
        if (forward)
        {
            w.Append("    public static double[] ").Append(n).Append("_F(double[] x, double c, int k, double[] tx, double tc) { Mix.").Append(n).Append("Forward(x, c, k, tx, tc, out var t); return ")
                .Append(pair ? "new[] { t.Item1, t.Item2 }" : "new[] { t }").Append("; }\n");
        }
        if (hessian)
        {
            w.Append("    public static double[] ").Append(n).Append("_H(double[] x, double c, int k) { var h = new double[(x.Length + 1) * (x.Length + 1)]; Mix.").Append(n).Append("Hessian(x, c, k, h); return h; }\n");
            w.Append("    public static double[] ").Append(n).Append("_HV(double[] x, double c, int k, double[] d) { var h = new double[x.Length + 1]; Mix.").Append(n).Append("HessianVector(x, c, k, d, h); return h; }\n");
        }
        if (jacobian) w.Append("    public static double[] ").Append(n).Append("_J(double[] x, double c, int k) { var j = new double[").Append(pair ? "2 * " : "").Append("(x.Length + 1)]; Mix.").Append(n).Append("Jacobian(x, c, k, j); return j; }\n");
        return w.ToString();
    }
}
