using System.Globalization;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// Random programs over a local array of structs (<c>Body[]</c> of doubles): created sized, by an initializer, or
/// afresh inside a loop of steps, filled from the inputs, updated in a loop over its elements (member stores and
/// compound stores, whole elements from a constructor or a [Differentiable] helper returning the struct, another
/// element, ++ of a member, branches on its members), then read by index or foreach into the result. Every program
/// inside support must generate cleanly and match central differences; one in six adds a construct just outside (a
/// second name for the array, a static struct-array field written, the array passed to a plain helper or to a
/// [Differentiable] callee that stores into it, a ref local to an element re-pointed, a store inside an expression),
/// which must be an ADG error there, and no code. Inside, the array is also passed whole to a [Differentiable] callee
/// that reads it (the call inlined, StructArrayArgumentTests). AUTODIFFGEN_LOCAL_STRUCT_ARRAY_COUNT changes the run.
/// </summary>
public class LocalStructArrayPropertyTests(ITestOutputHelper output)
{
    private const string Header = """
        using System;
        using AutoDiffGen;
        public struct Body { public double X; public double Y; public double M; }
        public static partial class Drawn
        {
            private static readonly Body[] Field = new Body[8];
            [Differentiable] public static Body Drift(Body b, double u) => new Body { X = b.X + 0.1 * u * b.M, Y = b.Y * 0.9, M = b.M };
            [Differentiable] public static double Mass(Body[] b) { double m = 0; for (int i = 0; i < b.Length; i++) m += b[i].M * b[i].X; return m; }
            [Differentiable] public static double Settle(Body[] b) { b[0].Y = 0; return b[0].X; }
            public static double Plain(Body[] b) => b[0].X;

        """;

    [Fact]
    public void RandomPrograms_MatchCentralDifferences_OrAreDiagnosedAtTheConstruct()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_LOCAL_STRUCT_ARRAY_COUNT", 60);
        var random = new Random(20261204);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), i % 6 == 5)).ToList();
        ProgramBatch.JudgeAndCheck(Header, "Drawn", all, () => new object[] { StructArrayPropertyTests.Away(random), StructArrayPropertyTests.Away(random) }, output.WriteLine, "ADG0002,ADG0003,ADG0004,ADG0007");
    }

    private static (string Name, string Text, string? Bad) Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        var body = new System.Text.StringBuilder();
        body.Append("    [Differentiable] public static double ").Append(name).Append("(double x, double u)\n    {\n        double s = 0;\n");
        int n = 1 + random.Next(4);
        string create = random.Next(3) switch
        {
            0 => "var ps = new Body[" + n + "];\n        for (int i = 0; i < ps.Length; i++) ps[i] = new Body { X = x * (i + 1), Y = u - 0.3 * i, M = 1 + 0.1 * i };",
            1 => "Body[] ps = new Body[] { new Body { X = x, Y = u, M = 1 }, new Body { X = u * x, Y = 0.5, M = 2 + x } };",
            _ => "var ps = new Body[" + n + "];\n        ps[0].X = x; ps[0].Y = u; ps[0].M = 1.5;",
        };
        bool steps = random.Next(3) == 0, inside = steps && random.Next(2) == 0;
        if (!inside) body.Append("        ").Append(create).Append('\n');
        if (steps) body.Append("        for (int t = 0; t < ").Append(1 + random.Next(3)).Append("; t++)\n        {\n");
        if (inside) body.Append("        ").Append(create).Append('\n');
        body.Append("        for (int i = 0; i < ps.Length; i++)\n        {\n");
        string? bad = ProgramBatch.AppendStatements(body, random, outside,
            () => Pick("ps[i].X += u * ps[i].Y * ps[i].M;", "ps[i] = Drift(ps[i], u);", "ps[i].Y = Math.Tanh(ps[i].X + ps[i].Y);",
                "if (ps[i].X > 0) ps[i].Y *= 0.5; else ps[i].X -= 0.1 * u;", "ps[i].M *= 1 + 0.1 * ps[0].X;", "ps[(i + 1) % ps.Length] = ps[i];",
                "ps[i].X--;", "ps[i] = new Body { X = ps[i].Y, Y = -ps[i].X * u, M = ps[i].M };", "ps[i].X = ps[i].X * Math.Exp(-0.2 * u);",
                "s += ps[i].X * x;", "s += Mass(ps) * u;"),
            () => random.Next(6) switch
            {
                0 => ("ps", "var q = ps; s += q[0].X;"),
                1 => ("Field[i].X = u * s", "Field[i].X = u * s;"),
                2 => ("ps", "s += Plain(ps);"),
                3 => ("ps", "ref Body e = ref ps[0]; e = ref ps[i]; e.X += u;"),
                4 => ("ps[i].Y = 2", "s += ps[i].Y = 2;"),
                _ => ("ps", "s += Settle(ps);"),
            });
        body.Append("        }\n");
        if (inside) body.Append("        s += ps[0].X * ps[ps.Length - 1].Y;\n");
        if (steps) body.Append("        }\n");
        if (!inside)
        {
            body.Append(Pick("        for (int i = 0; i < ps.Length; i++) s += ps[i].X * ps[i].Y + ps[i].M;\n", "        foreach (var b in ps) s += b.M * b.X * u;\n",
                "        foreach (var b in ps) s += b.Y;\n"));
        }
        body.Append("        return s;\n    }\n");
        return (name, body.ToString(), bad);
    }
}
