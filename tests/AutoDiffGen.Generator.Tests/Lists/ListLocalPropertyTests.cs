using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Lists;

/// <summary>
/// Property test of local <c>List&lt;double&gt;</c>s: random programs create a list in one of the ways people write
/// (initializer, collection expression, target-typed new, a capacity, Adds, ToList() of an array, a Select or a Where; or a
/// fresh one inside a loop body), grow it with <c>Add</c> in loops and
/// branches, read it by index, <c>^k</c>, <c>Count</c>, <c>foreach</c>, LINQ, <c>ToArray()</c>, <c>ToList()</c> and
/// <c>Where(…).ToArray()</c>, grow it by <c>AddRange</c> (an array, a Where of itself), and write it by index.
/// Since lists6 (2026-12-03) it also moves and cuts the list (Insert, RemoveAt, Clear then Adds, Reverse, in loops and
/// branches too) and writes it through a second name (<c>var b = l;</c>).
/// Since lists8 it also removes by value (Remove), by range (RemoveRange) and inserts ranges (InsertRange); since lists11 it
/// sorts (Sort()) and removes by a test (RemoveAll(v =&gt; v &lt; t)).
/// Each inside program generates cleanly and matches central differences at three points; each just outside (RemoveAll
/// with a test that assigns or a statement body, a Sort with a comparer, InsertRange of the list into itself, a list of decimal or object made from a value with a gradient, a second name assigned again
/// or passed to a plain helper, a list passed to a plain helper, one made in a loop and passed, OrderBy(…).ToList(),
/// AddRange of a lazy sequence over the list itself) gets ADG0003 at that expression and no code. CI runs 90 programs;
/// AUTODIFFGEN_LISTS_COUNT runs more.
/// </summary>
public class ListLocalPropertyTests(ITestOutputHelper output)
{
    [Fact]
    public void LocalLists_MatchCentralDifferences_OrADG0003AtTheExpression()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_LISTS_COUNT", 90);
        var random = new Random(20261204);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 6 == 5)).ToList();
        ProgramBatch.JudgeAndCheck(Header, "Lists", all,
            () => OffTheGrid(ProgramBatch.PointXYK(random)),
            output.WriteLine);
    }

    /// <summary>
    /// The same programs with <c>Forward = true</c>: the tangent is a list that grows with the list (a constant element's
    /// tangent is a zero), checked against central differences along a direction and against Backward.
    /// </summary>
    [Fact]
    public void LocalLists_Forward_MatchCentralDifferencesAndBackward()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_LISTS_COUNT", 60);
        var random = new Random(20261205);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "F" + i.ToString(CultureInfo.InvariantCulture), outside: i % 6 == 5, forward: true)).ToList();
        ForwardPrograms.JudgeAndCheck(Header, "Lists", all, random, output.WriteLine, "ADG0003");
    }

    /// <summary>
    /// The point moved off the four-place grid: on it a branch such as <c>t &lt; l[1]</c> (x − y &lt; y) can sit exactly on
    /// its tie (x = 0.1514, y = 0.0757), where central differences straddle a jump and no derivative exists.
    /// </summary>
    private static object[] OffTheGrid(object[] point) => [(double)point[0] + 1.3e-5, (double)point[1] - 0.7e-5, point[2]];

    private static (string Name, string Text, string? Bad) Next(Random random, string name, bool outside, bool forward = false)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        // The list holds at least two elements from its creation on. Values read t through Tanh: t feeds back into the
        // lists made per iteration (products by Aggregate), and an unbounded t made methods whose value overflows.
        string Slot() => Pick("0", "1", "^1", "^2", "l.Count - 1", "k % l.Count");
        string Real() => Pick("x * y", "Math.Sin(x) + Math.Tanh(t)", "l[" + Slot() + "] * x", "t * y", "l[" + Slot() + "] + l[" + Slot() + "] * y", "Math.Tanh(0.3 * l[" + Slot() + "])", "0.25");
        int copies = 0;
        int fresh = 0;
        // A list created inside a loop: fresh every iteration, grown there (its count decided by the values), read there.
        string FreshList()
        {
            string q = "q" + (++fresh).ToString(CultureInfo.InvariantCulture);
            string i = q + "i", m = q + "m";
            return "for (int " + i + " = 0; " + i + " < k; " + i + "++) { var " + q + " = new List<double> { " + Real() + " }; "
                + Pick(q + ".Add(" + q + "[0] * y); ", "if (" + q + "[^1] > " + Pick("0", "t") + ") " + q + ".Add(x * " + i + "); ", "for (int " + m + " = 0; " + m + " < " + i + "; " + m + "++) " + q + ".Add(" + q + "[" + m + "] * " + Pick("x", "0.5") + "); ")
                + Pick(q + "[0] += " + Real() + "; ", "")
                + "t += " + Pick(q + ".Sum()", q + "[^1] * " + q + ".Count", q + ".Max() - " + q + ".Average()", q + ".Aggregate(1.0, (p, v) => p * v)") + " * 0.5; }";
        }
        int made = 0;
        // Lists and arrays LINQ makes: ToList() of a list or a Select, Where(…).ToArray() (its length is data).
        string MadeByLinq()
        {
            string m = "m" + (++made).ToString(CultureInfo.InvariantCulture);
            return random.Next(3) switch
            {
                0 => "{ var " + m + " = l.Where(v => v > " + Pick("t", "0.3", "y") + ")" + Pick("", ".Select(v => v * x)") + ".ToArray(); t += " + m + ".Sum() * y + " + m + ".Length; }",
                1 => "{ var " + m + " = l." + Pick("", "Select(v => v * " + Pick("x", "y") + ").") + "ToList(); " + m + ".Add(y); " + m + "[0] *= x; t += " + m + ".Sum() + " + m + "[^1] * " + m + ".Count; }",
                _ => "{ var " + m + " = l.Where(v => v < " + Pick("t", "x") + ").ToList(); " + m + ".Add(x * y); t += " + m + ".Max() * " + m + ".Count; }",
            };
        }
        int ranges = 0;
        string AddRange()
        {
            string r = "r" + (++ranges).ToString(CultureInfo.InvariantCulture);
            return Pick("{ double[] " + r + " = [" + Real() + ", t * x]; l.AddRange(" + r + "); }",
                "{ var " + r + " = l.Where(v => v > " + Pick("0.9", "t") + ").Select(v => v * y).ToArray(); l.AddRange(" + r + "); }");
        }
        // A value that reads no element: what is added after a Clear or a RemoveAt.
        string Free() => Pick("x * y", "Math.Sin(x) + Math.Tanh(t)", "t * y", "0.25", "y * y");
        int names = 0;
        // Moves and cuts (Lists/ListMovesTests), keeping two elements at least: Insert, RemoveAt when there are three or
        // more (or followed by an Add), Clear then two Adds, Reverse, a second name that adds and writes.
        string Moved()
        {
            string b = "b" + (++names).ToString(CultureInfo.InvariantCulture);
            return random.Next(11) switch
            {
                // Since lists11: Sort, and RemoveAll of a test (then two Adds, so two elements at least).
                9 => "l.Sort();",
                10 => "l.RemoveAll(v => v " + Pick("<", ">") + " " + Pick("y", "t", "0.3", "x * y") + "); l.Add(" + Free() + "); l.Add(" + Free() + ");",
                // Since lists8: Remove by value (then an Add), RemoveRange, InsertRange.
                6 => "l.Remove(" + Pick("l[" + Slot() + "]", "x", "y * y") + "); l.Add(" + Free() + ");",
                7 => Pick("if (l.Count > 3) l.RemoveRange(" + Pick("0", "1") + ", 2);", "l.RemoveRange(" + Pick("0", "l.Count - 1") + ", 1); l.Add(" + Free() + ");"),
                8 => "l.InsertRange(" + Pick("0", "1", "l.Count") + ", new[] { " + Real() + ", " + Free() + " });",
                0 => "l.Insert(" + Pick("0", "1", "l.Count", "l.Count - 1", "k % l.Count") + ", " + Real() + ");",
                1 => "if (l.Count > 2) l.RemoveAt(" + Pick("0", "1", "l.Count - 1", "k % l.Count") + ");",
                2 => "l.RemoveAt(" + Pick("0", "1", "l.Count - 1", "k % l.Count") + "); l.Add(" + Free() + ");",
                3 => "l.Clear(); l.Add(" + Free() + "); l.Add(" + Free() + ");",
                4 => "l.Reverse();",
                _ => "{ var " + b + " = l; " + b + ".Add(" + Real() + "); " + b + "[" + Slot() + "] *= " + Pick("y", "0.5") + "; t += " + b + "[^1] * l.Count; }",
            };
        }
        string Statement(int depth) => random.Next(depth > 0 ? 21 : 19) switch
        {
            15 => AddRange(),
            16 or 17 or 18 => Moved(),
            13 => FreshList(),
            14 => MadeByLinq(),
            0 or 1 => "l.Add(" + Real() + ");",
            2 => "t += l[" + Slot() + "] * " + Real() + ";",
            3 => "l[" + Slot() + "] = " + Real() + ";",
            4 => "l[" + Slot() + "] += " + Real() + ";",
            5 => "l[" + Slot() + "] *= " + Pick("y", "0.5", "Math.Cos(x)") + ";",
            6 => "foreach (var v in l) t += v * " + Pick("y", "x", "v", "t * 0.1") + ";",
            7 => "t += " + Pick("l.Sum()", "l.Average()", "l.Max()", "l.Min()", "l.Select(v => v * v).Sum()", "l.Aggregate(0.0, (s, v) => s + v * x)", "l.Count * x", "l.Sum(v => v * y)") + " * " + Pick("0.5", "y", "x") + ";",
            8 => "{ var a" + (++copies).ToString(CultureInfo.InvariantCulture) + " = l.ToArray(); a" + copies.ToString(CultureInfo.InvariantCulture) + "[0] *= x; t += a" + copies.ToString(CultureInfo.InvariantCulture) + "[0] + a" + copies.ToString(CultureInfo.InvariantCulture) + "[^1] * y; }",
            9 => "for (int i = 0; i < l.Count; i++) t += l[i] * " + Pick("x", "y", "0.5") + ";",
            10 => "if (l.Count > " + Pick("2", "3", "4") + ") t += l[2] * " + Real() + ";",
            11 => "t = t * 0.5 + l[^1];",
            12 => "if (l[" + Slot() + "] > " + Pick("0", "0.2", "t") + ") l.Add(" + Real() + ");",
            19 => "for (int j = 0; j < k; j++) { " + Statement(depth - 1) + " " + Statement(depth - 1) + " }",
            _ => "if (" + Pick("x > 0", "t < l[1]", "k > 1", "l.Count > 3") + ") { " + Statement(depth - 1) + " } else { " + Statement(depth - 1) + " }",
        };
        (string Bad, string Statement) Outside()
        {
            return random.Next(12) switch
            {
                10 => ("l.OrderBy(v => v).ToList()", "var o = l.OrderBy(v => v).ToList();"),
                // List's AddRange enumerates a lazy sequence over the list while adding to it: it throws.
                11 => ("l.AddRange(l.Where(v => v > 0))", "l.AddRange(l.Where(v => v > 0));"),
                9 => ("r", "for (int j = 0; j < 2; j++) { var r = new List<double> { x * j }; t += Helper(r); }"),
                // (Sort() and RemoveAll(v => test) are inside since lists11.) A test that assigns, a comparer sort.
                0 => ("t += v", "l.RemoveAll(v => (t += v) > 1);"),
                // (Remove(v), RemoveRange and InsertRange are inside since lists8.) A comparer sort; InsertRange of the list into itself.
                1 => ("l.Sort((a, b) => b.CompareTo(a))", "l.Sort((a, b) => b.CompareTo(a));"),
                2 => ("l.InsertRange(0, l)", "l.InsertRange(0, l);"),
                // A list of a type that holds no real adjoint, made from a value with a gradient.
                3 => ("new List<decimal> { (decimal)x }", "var dm = new List<decimal> { (decimal)x }; t += (double)dm[0];"),
                4 => ("l.Sort(Comparer<double>.Default)", "l.Sort(Comparer<double>.Default);"),
                5 => ("new List<object> { x * y }", "var ob = new List<object> { x * y }; t += (double)ob[0];"),
                6 => ("v => { t += v; return v < y; }", "l.RemoveAll(v => { t += v; return v < y; });"),
                // A second name given a value again, and a list passed to a plain helper through a second name.
                7 => ("new List<double> { y }", "var sn = l; sn = new List<double> { y };"),
                8 => ("sh", "var sh = l; t += Helper(sh);"),
                _ => ("l", "t += Helper(l);"),
            };
        }

        var text = new StringBuilder();
        text.Append(forward ? "    [Differentiable(Forward = true)]\n" : "    [Differentiable]\n").Append("    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n");
        text.Append("        ").Append(Pick(
            "var l = new List<double> { x, y * y };",
            "List<double> l = [x, x * y];",
            "List<double> l = new() { y, x };",
            "var l = new List<double>(8) { x };\n        l.Add(y);",
            "var l = new List<double>();\n        l.Add(x * x);\n        l.Add(y);",
            // Constant elements first: their tangents are zeros, so the tangent list stays as long as the list.
            "var l = new List<double> { 1.0, 0.5 };",
            "var l = new List<double>();\n        l.Add(2.0);\n        if (k > 1) l.Add(x); else l.Add(-1.0);",
            // Made by LINQ: ToList() of an array, of a Select, of a Where (then two Adds, so it holds two at least).
            "double[] a0 = [x, y * y];\n        var l = a0.ToList();",
            "double[] a0 = [x, y, 0.5];\n        var l = a0.Select(v => v * y).ToList();",
            "double[] a0 = [x, y, x * y];\n        var l = a0.Where(v => v > 0.5).ToList();\n        l.Add(x);\n        l.Add(y);")).Append('\n');
        text.Append("        double t = x - y;\n");
        string? bad = ProgramBatch.AppendStatements(text, random, outside, () => Statement(1), Outside);
        text.Append("        return t + l[0] * l[^1] + l.Count * y;\n    }\n");
        return (name, text.ToString(), bad);
    }

    private const string Header = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using AutoDiffGen;

        public static partial class Lists
        {
            static double Helper(List<double> v) => v[0];

        """;
}
