using System.Globalization;
using System.Numerics;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// Random programs that store into an array-of-structs parameter: a <c>Vector2[]</c> (float) or a <c>Body[]</c> of
/// doubles, updated in a loop over its elements (member stores and compound stores, whole elements from operators, a
/// constructor, a [Differentiable] helper returning the struct, another element, ++ of a member, branches), sometimes
/// inside a loop of steps, then read into the result. Every program inside support must generate cleanly and match
/// central differences of s·F + Σ w·(what F leaves in the array) (<see cref="CentralDifferenceRunner.CheckInOut"/>); one
/// in six adds a construct just outside (a second name for the array, LINQ over it, the written array passed whole to
/// a [Differentiable] callee, a store inside an expression), which must be an ADG0003 there, and no code.
/// AUTODIFFGEN_STRUCT_ARRAY_WRITE_COUNT changes the run.
/// </summary>
public class StructArrayWritePropertyTests(ITestOutputHelper output)
{
    private const string Header = """
        using System;
        using System.Linq;
        using System.Numerics;
        using AutoDiffGen;
        public struct Body { public double X; public double Y; public double M; }
        public static partial class Drawn
        {
            [Differentiable] public static Vector2 Step(Vector2 x, float u) => x * 0.9f + new Vector2(u, 0.5f) * 0.1f;
            [Differentiable] public static Body Drift(Body b, double u) => new Body { X = b.X + 0.1 * u * b.M, Y = b.Y * 0.9, M = b.M };
            [Differentiable] public static float Sum(Vector2[] p) { float s = 0; for (int i = 0; i < p.Length; i++) s += p[i].X; return s; }
            [Differentiable] public static double Mass(Body[] b) { double m = 0; for (int i = 0; i < b.Length; i++) m += b[i].M; return m; }

        """;

    private sealed record Program(string Name, string Text, string? Bad, bool Vectors);

    [Fact]
    public void RandomPrograms_MatchCentralDifferences_OrAreDiagnosedAtTheConstruct()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_STRUCT_ARRAY_WRITE_COUNT", 60);
        var random = new Random(20261203);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), i % 6 == 5)).ToList();
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(ProgramBatch.Source(Header, all.Select(p => p.Text))), Header, all, p => (p.Name, p.Text, p.Bad));
        var type = ProgramBatch.LoadClean(Header, clean.Select(p => p.Text), "Drawn");
        var bodyType = type.Assembly.GetType("Body")!;
        int points = 0;
        foreach (var p in clean)
        {
            var method = type.GetMethod(p.Name, BindingFlags.Public | BindingFlags.Static)!;
            for (int k = 0; k < 2; k++)
            {
                int length = 1 + random.Next(4);
                object array = p.Vectors ? Vectors(random, length) : Bodies(random, bodyType, length);
                var point = new object[] { array, p.Vectors ? (object)(float)Away(random) : Away(random) };
                try
                {
                    CentralDifferenceRunner.CheckInOut(method, null, point, points);
                }
                catch (Xunit.Sdk.XunitException e)
                {
                    throw new Xunit.Sdk.XunitException(p.Name + " at " + string.Join("; ", ((Array)array).Cast<object>().Select(v => string.Join(", ", RealStructs.Components(v)))) + " u = " + point[1] + ": " + e.Message + "\n" + p.Text);
                }
                points++;
            }
        }
        output.WriteLine($"{count} programs: {clean.Count} generated, {points} points checked, {count - clean.Count} diagnosed");
        Assert.True(clean.Count > count / 2 && points == 2 * clean.Count && clean.Count < count);
    }

    private static double Away(Random random) => StructArrayPropertyTests.Away(random);

    private static Array Bodies(Random random, Type bodyType, int n) => StructArrayPropertyTests.Bodies(random, bodyType, n);

    private static Vector2[] Vectors(Random random, int n) =>
        Enumerable.Range(0, n).Select(_ => new Vector2((float)Away(random), (float)Away(random))).ToArray();

    private static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        bool vectors = random.Next(2) == 0;
        var body = new System.Text.StringBuilder();
        string a = vectors ? "pts" : "bs";
        // Vector2 programs are checked in float (a step of 1e-2): no branch on a value there, only on the index.
        Func<string> store = vectors
            ? () => Pick("pts[i].X += u * pts[i].Y;", "pts[i] = pts[i] * (1 - 0.1f * u);", "pts[i] += new Vector2(0.1f * pts[i].Y, -0.2f * u);",
                "pts[i].Y = (float)Math.Sin(pts[i].X) + pts[i].Y * 0.5f;", "if (i % 2 == 0) pts[i].Y *= 0.5f; else pts[i].X -= 0.1f * u;",
                "pts[(i + 1) % pts.Length] = Step(pts[i], u);", "pts[i].X++;", "pts[0] = pts[i] - pts[0] * 0.5f;", "pts[i] = new Vector2(pts[i].Y, -pts[i].X) * u;",
                "pts[i].Y -= pts[pts.Length - 1].X * 0.3f;")
            : () => Pick("bs[i].X += u * bs[i].Y * bs[i].M;", "bs[i] = Drift(bs[i], u);", "bs[i].Y = Math.Tanh(bs[i].X + bs[i].Y);",
                "if (bs[i].X > 0) bs[i].Y *= 0.5; else bs[i].X -= 0.1 * u;", "bs[i].M *= 1 + 0.1 * bs[0].X;", "bs[(i + 1) % bs.Length] = bs[i];",
                "bs[i].X--;", "bs[i] = new Body { X = bs[i].Y, Y = -bs[i].X * u, M = bs[i].M };", "bs[i].X = bs[i].X * Math.Exp(-0.2 * u);");
        string real = vectors ? "float" : "double", element = vectors ? "Vector2" : "Body";
        body.Append("    [Differentiable] public static ").Append(real).Append(' ').Append(name).Append('(').Append(element).Append("[] ").Append(a).Append(", ").Append(real).Append(" u)\n    {\n");
        body.Append("        ").Append(real).Append(" s = 0;\n");
        bool steps = random.Next(3) == 0;
        if (steps) body.Append("        for (int t = 0; t < ").Append(1 + random.Next(3)).Append("; t++)\n        {\n");
        body.Append("        for (int i = 0; i < ").Append(a).Append(".Length; i++)\n        {\n");
        string? bad = ProgramBatch.AppendStatements(body, random, outside, store, () => random.Next(4) switch
        {
            0 => (a, "var q = " + a + "; s += q[0].X;"),
            1 => (a, "s += " + a + ".Sum(w => w.X);"),
            2 => (a, "s += " + (vectors ? "Sum(pts)" : "(double)Mass(bs)") + ";"),
            _ => (a + "[i].Y = 2", "s += " + a + "[i].Y = 2;"),
        });
        body.Append("        }\n");
        if (steps) body.Append("        }\n");
        body.Append("        for (int i = 0; i < ").Append(a).Append(".Length; i++) s += ").Append(vectors ? Pick("pts[i].X * pts[i].Y + pts[i].X", "pts[i].LengthSquared() * u", "pts[i].Y")
            : Pick("bs[i].X * bs[i].Y + bs[i].M", "bs[i].M * bs[i].X * u", "bs[i].Y")).Append(";\n");
        body.Append("        return s;\n    }\n");
        return new Program(name, body.ToString(), bad, vectors);
    }
}
