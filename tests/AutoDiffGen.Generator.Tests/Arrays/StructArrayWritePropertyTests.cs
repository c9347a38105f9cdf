using System.Globalization;
using System.Numerics;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// Random programs that store into an array-of-structs parameter: a <c>Vector2[]</c> (float), a <c>Body[]</c> of
/// doubles or a <c>Tagged[]</c> with discrete members (<c>int Id</c>, <c>bool On</c>: constants, read in branches and as
/// factors, written, skipped past with <c>continue</c>), updated in a loop over its elements (member stores and compound stores, whole elements from operators, a
/// constructor, a [Differentiable] helper returning the struct, another element, ++ of a member, branches), sometimes
/// inside a loop of steps, then read into the result. Every program inside support must generate cleanly and match
/// central differences of s·F + Σ w·(what F leaves in the array) (<see cref="CentralDifferenceRunner.CheckInOut"/>); one
/// in six adds a construct just outside (a second name for the array, LINQ over it, the written array passed whole to
/// a [Differentiable] callee that stores into it, a store inside an expression; for a Tagged[] also ++ of a discrete member, a plain helper
/// taken the array (also ADG0004 at the call), a ref local to an element (also ADG0002 at it, ADG0007 at its store)),
/// which must be an ADG0003 there, and no code. Backward must leave the
/// discrete members as the method does too.
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
        public struct Tagged { public double X; public double Y; public int Id; public bool On; }
        public static partial class Drawn
        {
            [Differentiable] public static Vector2 Step(Vector2 x, float u) => x * 0.9f + new Vector2(u, 0.5f) * 0.1f;
            [Differentiable] public static Body Drift(Body b, double u) => new Body { X = b.X + 0.1 * u * b.M, Y = b.Y * 0.9, M = b.M };
            [Differentiable] public static float Sum(Vector2[] p) { float s = 0; for (int i = 0; i < p.Length; i++) s += p[i].X; return s; }
            [Differentiable] public static double Mass(Body[] b) { double m = 0; for (int i = 0; i < b.Length; i++) m += b[i].M; return m; }
            [Differentiable] public static Tagged Kick(Tagged t, double u) { var q = t; q.X += u * q.Id; q.On = !q.On; q.Id = q.Id + 1; return q; }
            [Differentiable] public static double Live(Tagged[] t) { double m = 0; for (int i = 0; i < t.Length; i++) if (t[i].On) m += t[i].X; return m; }
            [Differentiable] public static float Reset(Vector2[] p) { p[0].Y = 0; return p[0].X; }
            [Differentiable] public static double Settle(Body[] b) { b[0].Y = 0; return b[0].X; }
            [Differentiable] public static double Clear(Tagged[] t) { t[0].Y = 0; return t[0].X; }
            public static double Plain(Tagged[] t) => t[0].X;

        """;

    /// <summary>A drawn program; <paramref name="Kind"/> is its array's element: 0 Vector2, 1 Body, 2 Tagged.</summary>
    private sealed record Program(string Name, string Text, string? Bad, int Kind);

    [Fact]
    public void RandomPrograms_MatchCentralDifferences_OrAreDiagnosedAtTheConstruct()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_STRUCT_ARRAY_WRITE_COUNT", 60);
        var random = new Random(20261203);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), i % 6 == 5)).ToList();
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(ProgramBatch.Source(Header, all.Select(p => p.Text))), Header, all, p => (p.Name, p.Text, p.Bad), "ADG0002,ADG0003,ADG0004,ADG0007");
        var type = ProgramBatch.LoadClean(Header, clean.Select(p => p.Text), "Drawn");
        var bodyType = type.Assembly.GetType("Body")!;
        var taggedType = type.Assembly.GetType("Tagged")!;
        int points = 0;
        foreach (var p in clean)
        {
            var method = type.GetMethod(p.Name, BindingFlags.Public | BindingFlags.Static)!;
            for (int k = 0; k < 2; k++)
            {
                int length = 1 + random.Next(4);
                object array = p.Kind switch { 0 => Vectors(random, length), 1 => Bodies(random, bodyType, length), _ => Tagged(random, taggedType, length) };
                var point = new object[] { array, p.Kind == 0 ? (object)(float)Away(random) : Away(random) };
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

    private static Array Tagged(Random random, Type taggedType, int n) =>
        StructArrayPropertyTests.Filled(taggedType, n, ("X", () => Away(random)), ("Y", () => Away(random)), ("Id", () => random.Next(4)), ("On", () => random.Next(3) != 0));

    private static Vector2[] Vectors(Random random, int n) =>
        Enumerable.Range(0, n).Select(_ => new Vector2((float)Away(random), (float)Away(random))).ToArray();

    private static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        int kind = random.Next(3);
        bool vectors = kind == 0;
        var body = new System.Text.StringBuilder();
        string a = kind switch { 0 => "pts", 1 => "bs", _ => "ts" };
        // Vector2 programs are checked in float (a step of 1e-2): no branch on a value there, only on the index.
        // Passed whole to a [Differentiable] callee that reads it (the call inlined, StructArrayArgumentTests).
        string passed = kind switch { 0 => "s += Sum(pts) * u;", 1 => "s += Mass(bs) * u;", _ => "s += Live(ts) * u;" };
        Func<string> store = random.Next(6) == 0 ? () => passed : kind == 2
            ? () => Pick("if (!ts[i].On) continue;", "ts[i].X += u * ts[i].Y * ts[i].Id;", "ts[i].On = ts[i].Id % 2 == 0;", "ts[i].Id = ts[i].Id + 1;",
                "if (ts[i].On) ts[i].Y *= 1 + 0.1 * ts[i].Id; else ts[i].X -= 0.1 * u;", "ts[i] = Kick(ts[i], u);", "ts[(i + 1) % ts.Length] = ts[i];",
                "ts[i].Y = Math.Tanh(ts[i].X + ts[i].Y) * (ts[i].Id + 1);", "ts[i] = new Tagged { X = ts[i].Y, Y = -ts[i].X * u, Id = ts[i].Id + 1, On = !ts[i].On };")
            : vectors
            ? () => Pick("pts[i].X += u * pts[i].Y;", "pts[i] = pts[i] * (1 - 0.1f * u);", "pts[i] += new Vector2(0.1f * pts[i].Y, -0.2f * u);",
                "pts[i].Y = (float)Math.Sin(pts[i].X) + pts[i].Y * 0.5f;", "if (i % 2 == 0) pts[i].Y *= 0.5f; else pts[i].X -= 0.1f * u;",
                "pts[(i + 1) % pts.Length] = Step(pts[i], u);", "pts[i].X++;", "pts[0] = pts[i] - pts[0] * 0.5f;", "pts[i] = new Vector2(pts[i].Y, -pts[i].X) * u;",
                "pts[i].Y -= pts[pts.Length - 1].X * 0.3f;")
            : () => Pick("bs[i].X += u * bs[i].Y * bs[i].M;", "bs[i] = Drift(bs[i], u);", "bs[i].Y = Math.Tanh(bs[i].X + bs[i].Y);",
                "if (bs[i].X > 0) bs[i].Y *= 0.5; else bs[i].X -= 0.1 * u;", "bs[i].M *= 1 + 0.1 * bs[0].X;", "bs[(i + 1) % bs.Length] = bs[i];",
                "bs[i].X--;", "bs[i] = new Body { X = bs[i].Y, Y = -bs[i].X * u, M = bs[i].M };", "bs[i].X = bs[i].X * Math.Exp(-0.2 * u);");
        string real = vectors ? "float" : "double", element = kind switch { 0 => "Vector2", 1 => "Body", _ => "Tagged" };
        body.Append("    [Differentiable] public static ").Append(real).Append(' ').Append(name).Append('(').Append(element).Append("[] ").Append(a).Append(", ").Append(real).Append(" u)\n    {\n");
        body.Append("        ").Append(real).Append(" s = 0;\n");
        bool steps = random.Next(3) == 0;
        if (steps) body.Append("        for (int t = 0; t < ").Append(1 + random.Next(3)).Append("; t++)\n        {\n");
        body.Append("        for (int i = 0; i < ").Append(a).Append(".Length; i++)\n        {\n");
        string? bad = ProgramBatch.AppendStatements(body, random, outside, store, () => random.Next(kind == 2 ? 7 : 4) switch
        {
            0 => (a, "var q = " + a + "; s += q[0].X;"),
            1 => (a, "s += " + a + ".Sum(w => w.X);"),
            2 => (a, "s += " + kind switch { 0 => "Reset(pts)", 1 => "Settle(bs)", _ => "Clear(ts)" } + ";"),
            3 => (a + "[i].Y = 2", "s += " + a + "[i].Y = 2;"),
            4 => ("ts[i].Id++", "ts[i].Id++;"),
            5 => ("ts", "s += Plain(ts);"),
            _ => ("ts", "ref Tagged e = ref ts[i]; e.X += u;"),
        });
        body.Append("        }\n");
        if (steps) body.Append("        }\n");
        body.Append("        for (int i = 0; i < ").Append(a).Append(".Length; i++) s += ").Append(kind switch
        {
            0 => Pick("pts[i].X * pts[i].Y + pts[i].X", "pts[i].LengthSquared() * u", "pts[i].Y"),
            1 => Pick("bs[i].X * bs[i].Y + bs[i].M", "bs[i].M * bs[i].X * u", "bs[i].Y"),
            _ => Pick("ts[i].On ? ts[i].X * ts[i].Y : ts[i].Id * ts[i].Y", "ts[i].X * ts[i].Id * u", "ts[i].Y"),
        }).Append(";\n");
        body.Append("        return s;\n    }\n");
        return new Program(name, body.ToString(), bad, kind);
    }
}
