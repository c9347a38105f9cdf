using System.Globalization;
using System.Text;

namespace AutoDiffGen.Generator.Tests.ModeMix;

/// <summary>
/// Random methods <c>double Pn(double[] x, double c, int k)</c> (or a pair) that mix the constructs landed in the second
/// session of 2026-12-03 with each other and with loops, branches, early returns and callees: sorts of a local array
/// (whole, ranged, a span's, inside loops, a sorted copy passed to a callee, LINQ's OrderBy), a local
/// <c>List&lt;double&gt;</c> (Add in loops and branches, stores, foreach, LINQ, ToArray then written and sorted), a local
/// struct array (member stores, whole-element stores through a method, foreach), and loops whose inner loop reads an
/// element at the outer index while something writes the array (a span view, a fill, a sort, a callee, a copy, a struct
/// member, a list store), index variables changed through <c>ref</c> or by <c>i++</c> inside an index, <c>checked</c>.
/// Each opts into a random set of Forward, Hessian, Jacobian and Checkpoint; Hessian methods draw no sort, list, view,
/// copy or fill (ADG0019 there by design). Judged by <see cref="ModeMixJudge"/>.
/// </summary>
internal static class NewConstructMixPrograms
{
    public const string Header = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using AutoDiffGen;

        public struct V2
        {
            public double X, Y;
            public V2(double x, double y) { X = x; Y = y; }
            public V2 Step(double f) => new V2(X + f * Y, Y * f);
        }

        public static partial class Mix
        {
            [Differentiable(Forward = true)]
            public static double Med(double[] v)
            {
                var w = (double[])v.Clone();
                Array.Sort(w);
                return w[1] + 0.5 * w[2];
            }

            [Differentiable(Forward = true)]
            public static void Scale(double[] v, double f)
            {
                for (int i = 0; i < v.Length; i++) v[i] *= f;
            }

            // A plain helper with a ref int is inlined since objects6; one that also counts its calls in a field is not.
            public static int Bumps;
            static void Bump(ref int i) { i++; Bumps++; }

        """;

    /// <param name="outside">One statement is just outside (see <see cref="Outside"/>): its ADG error's text is the program's Bad.</param>
    /// <param name="ranges">C# 8 and later: <c>^k</c> may be drawn; without, the programs are C# 7.3.</param>
    public static ModeMixPrograms.Program Next(Random random, string name, bool outside = false, bool ranges = true)
    {
        bool pair = random.Next(4) == 0;
        bool forward = random.Next(2) == 0, hessian = !pair && random.Next(3) == 0, jacobian = pair ? random.Next(4) != 0 : random.Next(3) == 0, checkpoint = random.Next(6) == 0;
        // Sorts and lists are ADG0019 under Hessian = true (documented): a Hessian method draws neither.
        bool sorts = !hessian, lists = !hessian;
        int local = 0;
        string Fresh(string stem) => stem + (local++).ToString(CultureInfo.InvariantCulture);
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string X() => Pick("x[0]", "x[1]", "x[2]", "x[3]", "x[k % 4]", "c");
        string Slot() => random.Next(4).ToString(CultureInfo.InvariantCulture);
        string Last(string list) => ranges ? list + "[^1]" : list + "[" + list + ".Count - 1]";
        string Range()
        {
            int start = random.Next(4), length = random.Next(5 - start);
            return start.ToString(CultureInfo.InvariantCulture) + ", " + length.ToString(CultureInfo.InvariantCulture);
        }
        string Write(string i)
        {
            var options = new List<string> { "a[" + i + "] = a[" + i + "] * c;", "ps[" + i + " % 3].X = a[" + i + "] * 0.5 + s * 0.1;" };
            // Views, copies and fills of a local array are ADG0019 under Hessian = true.
            if (!hessian) options.AddRange(new[] { "a.AsSpan(" + i + ", 1).Fill(s * 0.1);", "{ Span<double> w = a; w[" + i + "] += 0.1 * s; }", "Array.Copy(x, a, 2);", "Array.Fill(a, c * 0.5);" });
            // A call passing the array is ADG0019 under Hessian = true (the callee has no Hessian-vector product).
            if (sorts) options.Add("Array.Sort(a);");
            if (!hessian) options.Add("Scale(a, 0.9);");
            if (lists) options.Add("l[" + i + " % l.Count] += s * 0.1;");
            return options[random.Next(options.Count)];
        }
        string Read(string i) => lists && random.Next(4) == 0 ? "l[" + i + " % l.Count]" : Pick("a[" + i + "]", "a[" + i + "]", "ps[" + i + " % 3].X");
        string Statement(int depth)
        {
            while (true)
            {
                int pick = random.Next(depth > 0 ? 30 : 28);
                bool sort = pick is 0 or 1 or 2 or 6 or 7 or 8 or 9 or 16, list = pick is >= 12 and <= 17, view = pick is 10 or 11;
                if (sort && !sorts || list && !lists || view && hessian) continue;
                switch (pick)
                {
                    case 0: return "Array.Sort(a);";
                    case 1: return "Array.Sort(a, " + Range() + ");";
                    case 2: return "a.AsSpan(" + Range() + ").Sort();";
                    case 3: return "a[" + Slot() + "] = s * " + X() + ";";
                    case 4: return "a[" + Slot() + "] += " + X() + " * s;";
                    case 5: return "s += a[" + Slot() + "] * " + X() + ";";
                    case 6: return "for (int i = 0; i < k; i++) { a[i % 4] += c * s; Array.Sort(a); s += a[0] * 0.5; }";
                    case 7: return "s += " + Pick("x", "a") + ".OrderBy(v => v)." + Pick("ElementAt(" + Slot() + ")", "First()", "Last()") + " * c;";
                    case 8: return "s += Med(a) * 0.3;";
                    case 9: { string o = Fresh("o"); return "{ var " + o + " = a.Select(v => v * c).OrderByDescending(v => v).ToArray(); " + o + "[0] += s; s += " + o + "[0] * " + o + "[1]; }"; }
                    case 10: { string r = Fresh("r"); return "{ ReadOnlySpan<double> " + r + " = a; s += " + r + "[" + Slot() + "] * c; }"; }
                    case 11: { string w = Fresh("w"); return "{ Span<double> " + w + " = a.AsSpan(1); " + w + "[" + random.Next(3).ToString(CultureInfo.InvariantCulture) + "] = s * 0.5; }"; }
                    case 12: return "l.Add(s * " + X() + ");";
                    case 13: return Last("l") + " += a[" + Slot() + "];";
                    case 14: return "foreach (var e in l) s += e * c;";
                    case 15: return "s += " + Pick("l.Sum()", "l.Max()", "l.Select(e => e * c).Sum()", "l.Average()") + " * 0.1;";
                    case 16: { string t = Fresh("t"); return "{ var " + t + " = l.ToArray(); Array.Sort(" + t + "); " + t + "[0] *= c; s += " + t + "[0] + " + t + "[" + t + ".Length - 1]; }"; }
                    case 17: return "if (s > " + X() + ") l.Add(c);";
                    case 18: return "ps[k % 3].X += s * c;";
                    case 19: return "for (int i = 0; i < ps.Length; i++) ps[i] = ps[i].Step(" + Pick("c", "0.5", "x[i]") + ");";
                    case 20: return "foreach (var q in ps) s += q.X * q.Y * 0.5;";
                    case 21: return "ps[" + random.Next(3).ToString(CultureInfo.InvariantCulture) + "] = new V2(a[" + Slot() + "], s);";
                    case 22: { string i = Fresh("i"), j = Fresh("j"); return "for (int " + i + " = 0; " + i + " < 3; " + i + "++) { for (int " + j + " = 0; " + j + " < k; " + j + "++) { s += " + Read(i) + " * " + X() + " * 0.3; " + Write(i) + " } }"; }
                    case 23:
                    {
                        string i = Fresh("i");
                        return Pick(
                            "for (int " + i + " = 0; " + i + " < 4;) { s += a[" + i + "++] * c * s; }",
                            "checked { for (int " + i + " = 0; " + i + " < 3; " + i + "++) { s += a[" + i + "] * a[(" + i + " + 1) % 4]; a[" + i + "] += s * 0.1; } }");
                    }
                    case 24: { string i = Fresh("i"); return "for (int " + i + " = 0; " + i + " < k; " + i + "++) { a[" + i + " % 4] += " + X() + "; s += a[" + i + " % 4] * c; }"; }
                    case 25: { string i = Fresh("i"); return "for (int " + i + " = 0; " + i + " < 3; " + i + "++) { for (int j = 0; j < 2; j++) s += a[" + i + "] * a[j] * 0.2; a[" + i + "] += s * 0.1; }"; }
                    case 26: return "if (k == 2) return @@EARLY@@;";
                    case 27: return "if (" + X() + " > 0.1) s *= c;";
                    case 28: { string o = Fresh("o"); return "for (int " + o + " = 0; " + o + " < k; " + o + "++) { " + Statement(depth - 1) + " }"; }
                    default: return "if (" + X() + " > 0.1) { " + Statement(depth - 1) + " } else { " + Statement(depth - 1) + " }";
                }
            }
        }

        var text = new StringBuilder(ModeMixPrograms.Opening(name, pair, forward, hessian, jacobian, checkpoint));
        text.Append("        double s = c * x[0];\n");
        // A copy (Clone) is ADG0019 under Hessian = true.
        var creations = new List<string> { "var a = new double[4]; for (int i = 0; i < 4; i++) a[i] = x[i] * c;", "var a = new double[] { x[1], c, x[3], x[0] * c };" };
        if (!hessian) creations.Add("var a = (double[])x.Clone();");
        text.Append("        ").Append(creations[random.Next(creations.Count)]).Append('\n');
        if (lists) text.Append("        var l = new List<double> { x[1], c * x[2] };\n");
        text.Append("        var ps = new V2[3]; ps[0] = new V2(x[0], c); ps[1].X = x[2] * c; ps[2].Y = x[3];\n");
        int statements = 2 + random.Next(4);
        int badAt = outside ? random.Next(statements) : -1;
        string? bad = null;
        string early = "s * x[1] + a[2]";
        for (int i = 0; i < statements; i++)
        {
            string statement = Statement(1).Replace("@@EARLY@@", pair ? "(" + early + ", s)" : early);
            if (i == badAt) (bad, statement) = Outside(random, lists);
            text.Append("        ").Append(statement).Append('\n');
        }
        string last = "s + a[0] * a[3] + ps[1].X * ps[2].Y + ps[0].Y" + (lists ? " + " + Last("l") + " * l[0] + l.Count * 0.01" : "");
        text.Append("        return ").Append(pair ? "(" + last + ", s * x[2] + a[1] * " + X() + ")" : last).Append(";\n    }\n");
        return new ModeMixPrograms.Program(name, text.ToString(), ModeMixPrograms.Wrappers(name, pair, forward, hessian, jacobian), forward, hessian, jacobian, pair ? 2 : 1, bad);
    }

    /// <summary>Just outside the support: the text its ADG error points at, and the statement (no sort or list under Hessian).</summary>
    private static (string Bad, string Statement) Outside(Random random, bool lists)
    {
        while (true)
        {
            switch (random.Next(7))
            {
                case 0 when lists: return ("Array.Sort(a, (p, q) => q.CompareTo(p))", "Array.Sort(a, (p, q) => q.CompareTo(p));");
                case 1: return ("ps", "{ var qs = ps; s += qs[0].X; }");
                case 2: return ("a.Where(v => v > c)", "{ var f = a.Where(v => v > c).ToArray(); s += f.Length; }");
                case 3: return ("Bump(ref bi)", "for (int bi = 0; bi < 3; bi++) { s += a[bi] * c; Bump(ref bi); }");
                case 4 when lists: return ("l.Insert(0, s)", "l.Insert(0, s);");
                case 5 when lists: return ("l.ToList()", "{ var m = l.ToList(); s += m[0]; }");
                case 6 when lists: return ("l.Remove(c)", "l.Remove(c);");
            }
        }
    }
}
