using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Idioms18b;

/// <summary>
/// Random programs (idioms18b, issue 13 item 4) that read helpers' sequences in foreach loops, for loops and LINQ, in
/// branches. Inside, the helpers return arrays (the form the iterator refusal asks for): the gradient matches central
/// differences at three points. Just outside (one in five), one sequence comes from an iterator (<c>yield return</c>)
/// instead: exactly ADG0003 at that call, no code for the method, never a constant.
/// </summary>
public class IteratorPropertyTests(ITestOutputHelper output)
{
    private const string Header = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using AutoDiffGen;

        public static partial class Iterators
        {
            static IEnumerable<double> SquaresLazy(double[] x) { foreach (var v in x) yield return v * v; }
            static IEnumerable<double> ScaledLazy(double[] x, double k) { for (int i = 0; i < x.Length; i++) yield return x[i] * k; }
            static double[] Squares(double[] x) { var r = new double[x.Length]; for (int i = 0; i < x.Length; i++) r[i] = x[i] * x[i]; return r; }
            static double[] Scaled(double[] x, double k) { var r = new double[x.Length]; for (int i = 0; i < x.Length; i++) r[i] = x[i] * k; return r; }

        """;

    [Fact]
    public void RandomSequencePrograms_MatchCentralDifferences_AndIteratorsAreADG0003AtTheCall()
    {
        var random = new Random(18_2026_1206);
        int count = ProgramBatch.Count("AUTODIFFGEN_ITERATORS_COUNT", 40);
        var all = Enumerable.Range(0, count).Select(i => Next(random, i, i % 5 == 4)).ToList();
        ProgramBatch.JudgeAndCheck(Header, "Iterators", all,
            () => new object[] { Enumerable.Range(0, 3).Select(_ => Math.Round(random.NextDouble() * 2 - 1, 3)).ToArray(), Math.Round(random.NextDouble() + 0.25, 3) },
            output.WriteLine);
    }

    private static (string Name, string Text, string? Bad) Next(Random random, int index, bool outside)
    {
        string name = "P" + index;
        string? bad = null;
        string k = random.Next(2) == 0 ? "k" : "k * k";
        string Sequence()
        {
            bool lazy = outside && bad is null && random.Next(2) == 0;
            string call = random.Next(2) == 0 ? (lazy ? "SquaresLazy" : "Squares") + "(x)" : (lazy ? "ScaledLazy" : "Scaled") + "(x, " + k + ")";
            if (lazy) bad = call;
            return call;
        }
        string Statement(int n)
        {
            string local = "q" + n;
            switch (random.Next(4))
            {
                case 0:
                    {
                        string seq = Sequence();
                        // An iterator is read where it is called; an array is first kept in a local (a helper's array is read through one).
                        return bad == seq ? "        foreach (var v in " + seq + ") s += v * " + k + ";\n"
                            : "        double[] " + local + " = " + seq + ";\n        foreach (var v in " + local + ") s += v * " + k + ";\n";
                    }
                case 1:
                    {
                        string seq = Sequence();
                        return bad == seq ? "        s += " + seq + ".Sum();\n" : "        var " + local + " = " + seq + ";\n        s += " + local + ".Sum() + " + local + "[0] * x[1];\n";
                    }
                case 2:
                    {
                        string seq = Sequence();
                        return bad == seq ? "        s += " + seq + ".Select(v => Math.Sin(v)).Max();\n" : "        double[] " + local + " = " + seq + ";\n        s += " + local + ".Select(v => Math.Sin(v)).Max();\n";
                    }
                default:
                    {
                        string seq = Sequence();
                        return bad == seq ? "        foreach (var v in " + seq + ") s += Math.Exp(v * 0.5);\n"
                            : "        double[] " + local + " = " + seq + ";\n        for (int i = 0; i < " + local + ".Length; i++) s += Math.Exp(" + local + "[i] * 0.5);\n";
                    }
            }
        }
        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double[] x, double k)\n    {\n        double s = x[2] * k;\n");
        int statements = 1 + random.Next(2);
        for (int n = 0; n < statements; n++) text.Append(Statement(n));
        if (outside && bad is null)
        {
            // The iterator, when no draw placed it: one more statement over it.
            bad = "SquaresLazy(x)";
            text.Append("        foreach (var v in SquaresLazy(x)) s -= v;\n");
        }
        if (random.Next(2) == 0) text.Append("        if (s > 1) s = s * k;\n");
        text.Append("        return s;\n    }\n");
        return (name, text.ToString(), bad);
    }
}
