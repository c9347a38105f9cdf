using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.HeldOut;

/// <summary>
/// Math.NET's guard <c>if (data == null) throw new ArgumentNullException(nameof(data));</c> on an <c>IEnumerable&lt;double&gt;</c>
/// (or List, IList, IReadOnlyList, ICollection) parameter that carries a gradient was ADG0016 ("a conversion to 'object'"),
/// which refused Financial's CompoundReturn and every method like it (natural23, docs/corpus.md tenth round). A reference
/// compared with null reads no element, and the parameter is in every generated method as passed. Random programs: the
/// guard written <c>data == null</c>, <c>null == data</c>, <c>data != null</c> in a condition, or an early return, before a
/// foreach over the sequence of a random body; every gradient matches central differences. Just outside (one in five): the
/// sequence stored in an <c>object</c> local and that compared, which could carry it anywhere: ADG0016 at that conversion
/// and no code for the program.
/// </summary>
public class SequenceNullGuardPropertyTests(ITestOutputHelper output)
{
    private const string Header = """
        using System;
        using System.Collections.Generic;
        using AutoDiffGen;

        public static partial class Guards
        {

        """;

    private static readonly string[] Types = { "IEnumerable<double>", "List<double>", "IReadOnlyList<double>", "IList<double>", "ICollection<double>" };

    [Fact]
    public void RandomNullGuards_MatchCentralDifferences_AndAnObjectCopyIsADG0016AtIt()
    {
        var random = new Random(23_1205);
        int count = ProgramBatch.Count("AUTODIFFGEN_NULL_GUARD_COUNT", 20);
        var all = Enumerable.Range(0, count).Select(i => Next(random, i, i % 5 == 4)).ToList();
        var clean = ProgramBatch.JudgeAt(Header, all, "ADG0016");
        var type = ProgramBatch.LoadClean(Header, clean.Select(p => p.Text), "Guards");
        int points = ProgramBatch.CheckAtThreePoints(type, clean.Select(p => (p.Name, p.Text)), () => Point(random));
        ProgramBatch.AssertCounts(all.Count, all.Count(p => p.Bad is not null), clean.Count, points, output.WriteLine);
    }

    /// <summary>Three elements in [−1, 1] (passed as a List, which every one of the parameter types accepts) and x.</summary>
    private static object[] Point(Random random) =>
        new object[] { Enumerable.Range(0, 3).Select(_ => Math.Round((random.NextDouble() * 2) - 1, 4)).ToList(), Math.Round((random.NextDouble() * 2) - 1, 4) };

    private static (string Name, string Text, string? Bad, int BadAt) Next(Random random, int index, bool outside)
    {
        string name = "P" + index;
        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append('(').Append(Types[random.Next(Types.Length)]).Append(" data, double x)\n    {\n");
        string? bad = null;
        int badAt = -1;
        string start = "0";
        if (outside)
        {
            text.Append("        object o = ");
            badAt = text.Length;
            bad = "data";
            text.Append("data;\n        if (o == null) throw new ArgumentNullException(nameof(data));\n");
        }
        else
        {
            switch (random.Next(4))
            {
                case 0: text.Append("        if (data == null) throw new ArgumentNullException(nameof(data));\n"); break;
                case 1: text.Append("        if (null == data)\n        {\n            throw new ArgumentNullException(nameof(data));\n        }\n"); break;
                case 2: start = "data != null ? 0.0 : double.NaN"; break;
                default: text.Append("        if (data == null) return double.NaN;\n"); break;
            }
        }
        text.Append("        double s = ").Append(start).Append(";\n        foreach (var d in data)\n            s += ");
        text.Append(random.Next(4) switch
        {
            0 => "d * x",
            1 => "Math.Sin(d) * x * x",
            2 => "Math.Exp(d * x)",
            _ => "d * d + x",
        });
        text.Append(";\n        return s;\n    }\n");
        return (name, text.ToString(), bad, badAt);
    }
}
