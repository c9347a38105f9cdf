using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.HeldOut;

/// <summary>
/// Random methods using a struct's user-defined conversions (<see cref="UserConversionTests"/>): a real converted
/// implicitly into a local, an argument of a plain helper, an operand of the struct's operator (inside a loop and in
/// branches too), an explicit cast of a real to the struct, and the struct's explicit conversion back to a real. Inside
/// support every gradient matches central differences at three points (the Forward is generated too). Just outside, a
/// conversion from an array (only reals and structs of reals are bound to an inlined operator): exactly ADG0003 at it,
/// and no code for that method.
/// </summary>
public class UserConversionPropertyTests(ITestOutputHelper output)
{
    private const string Header = """
        using System;
        using AutoDiffGen;

        public struct Q3
        {
            public double X, Y, Z;
            public Q3(double x, double y, double z) { X = x; Y = y; Z = z; }
            public static implicit operator Q3(double v) => new Q3(v, v, v);
            public static explicit operator double(Q3 q) { return q.X + 2 * q.Y - q.Z; }
            public static Q3 operator *(Q3 a, Q3 b) => new Q3(a.X * b.X, a.Y * b.Y, a.Z * b.Z);
            public static Q3 operator +(Q3 a, Q3 b) => new Q3(a.X + b.X, a.Y + b.Y, a.Z + b.Z);
        }

        public struct A3
        {
            public double X;
            public static implicit operator A3(double[] a) => new A3 { X = a[0] };
        }

        public static partial class Calls
        {
            static Q3 Mul(Q3 a, Q3 b) => a * b;

        """;

    private static readonly string[] Statements =
    {
        "s = Mul(s, x * y);",
        "r += (double)s;",
        "s = s + r;",
        "for (int j = 0; j < k; j++) s = s * (0.5 + x * j);",
        "if (x > y) s = Mul(s, y); else s = x - 1;",
        "r = r * 0.5 + ((Q3)(x * r)).Y;",
        "s = s * new Q3(1, x, y);",
    };

    [Fact]
    public void RandomConversions_MatchCentralDifferences_AndOneFromAnArrayIsADG0003AtIt()
    {
        var random = new Random(17_2026_1205);
        int count = ProgramBatch.Count("AUTODIFFGEN_USER_CONVERSION_COUNT", 30);
        var all = Enumerable.Range(0, count).Select(i => Next(random, i, i % 5 == 4)).ToList();
        var run = GeneratorHarness.Run(ProgramBatch.Source(Header, all.Select(p => p.Text)));
        var clean = ProgramBatch.Judge(run, Header, all, p => (p.Name, p.Text, p.Bad));
        Assert.True(clean.Count >= count / 2, clean.Count + " of " + count + " programs inside support");
        var calls = ProgramBatch.LoadClean(Header, clean.Select(p => p.Text), "Calls");
        int points = ProgramBatch.CheckAtThreePoints(calls, clean.Select(p => (p.Name, p.Text)), () => ProgramBatch.PointXYK(random));
        output.WriteLine(clean.Count + " programs inside, " + (count - clean.Count) + " outside; " + points + " points");
    }

    private sealed record Program(string Name, string Text, string? Bad);

    private static Program Next(Random random, int index, bool outside)
    {
        string name = "P" + index;
        var text = new System.Text.StringBuilder();
        text.Append("    [Differentiable(Forward = true)]\n    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n");
        text.Append("        Q3 s = x;\n        double r = y;\n");
        string? bad = ProgramBatch.AppendStatements(text, random, outside, () => Statements[random.Next(Statements.Length)],
            () => ("arr", "double[] arr = { x, r }; A3 w = arr; r += w.X;"));
        text.Append("        return (double)s + r * s.Z;\n    }\n");
        return new Program(name, text.ToString(), bad);
    }
}
