using System.Globalization;
using System.Numerics;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// Random programs over an array of structs as a parameter: a <c>Vector3[]</c> (float) or a <c>Body[]</c> of doubles, its
/// elements read in loops (members, System.Numerics operators and functions, locals, branches, foreach), passed to
/// [Differentiable] helpers taking one element and to callees taking the array or a span of it. Every program inside
/// support must generate cleanly and match central differences over every component of every element; one in six
/// adds a construct just outside (LINQ over the array, a second name for it, a slice of it passed on), which must be an ADG0003 at that construct, and no code. AUTODIFFGEN_STRUCT_ARRAY_COUNT changes the run.
/// </summary>
public class StructArrayPropertyTests(ITestOutputHelper output)
{
    internal const string Header = """
        using System;
        using System.Linq;
        using System.Numerics;
        using AutoDiffGen;
        public struct Body { public double X; public double Y; public double M; }
        public static partial class Drawn
        {
            [Differentiable] public static float Sum(ReadOnlySpan<Vector3> p) { float s = 0; for (int i = 0; i < p.Length; i++) s += p[i].X * p[i].Z; return s; }
            [Differentiable] public static Vector3 Centroid(Vector3[] p) { Vector3 c = Vector3.Zero; for (int i = 0; i < p.Length; i++) c += p[i]; return c / p.Length; }
            [Differentiable] public static float Spring(Vector3 a, Vector3 b, float k) { float l = Vector3.Distance(a, b); return 0.5f * k * (l - 1) * (l - 1); }
            [Differentiable] public static double Mass(Body[] b) { double m = 0; for (int i = 0; i < b.Length; i++) m += b[i].M * b[i].M; return m; }
            [Differentiable] public static double Kinetic(Body b) => 0.5 * b.M * (b.X * b.X + b.Y * b.Y);
            public static float Plain(Vector3[] p) => p[0].X;
            public static double PlainBodies(Body[] b) => b[0].M;

        """;

    internal sealed record Program(string Name, string Text, string? Bad, bool Vectors);

    private static string Source(IEnumerable<Program> programs) => ProgramBatch.Source(Header, programs.Select(p => p.Text));

    [Fact]
    public void RandomPrograms_MatchCentralDifferences_OrAreDiagnosedAtTheConstruct()
    {
        int count = int.TryParse(Environment.GetEnvironmentVariable("AUTODIFFGEN_STRUCT_ARRAY_COUNT"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : 90;
        var random = new Random(20261204);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), i % 6 == 5)).ToList();
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(Source(all)), Header, all, p => (p.Name, p.Text, p.Bad));
        var cleanRun = GeneratorHarness.RunForLoad(Source(clean));
        Assert.True(cleanRun.Diagnostics.IsEmpty && !cleanRun.CompileDiagnostics.Any(d => d.Location.SourceTree?.FilePath != "User0.cs"), cleanRun.Dump());
        var assembly = GeneratorHarness.Load(cleanRun);
        var type = assembly.GetType("Drawn")!;
        var bodyType = assembly.GetType("Body")!;
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
                    CentralDifferenceRunner.Check(method, null, point);
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

    /// <summary>Components away from the branches' thresholds (0, ±0.5) so that a step of central differences does not cross one.</summary>
    internal static double Away(Random random)
    {
        while (true)
        {
            double v = Math.Round((random.NextDouble() * 2) - 1, 3);
            if (Math.Abs(v) > 0.05 && Math.Abs(Math.Abs(v) - 0.5) > 0.05) return v;
        }
    }

    internal static Vector3[] Vectors(Random random, int n) =>
        Enumerable.Range(0, n).Select(_ => new Vector3((float)Away(random), (float)Away(random), (float)Away(random))).ToArray();

    internal static Array Bodies(Random random, Type bodyType, int n) =>
        Filled(bodyType, n, ("X", () => Away(random)), ("Y", () => Away(random)), ("M", () => 1 + (0.5 * Away(random))));

    /// <summary>n structs of <paramref name="type"/>, each of the named fields set, in order, from its draw.</summary>
    internal static Array Filled(Type type, int n, params (string Field, Func<object> Draw)[] fields)
    {
        var array = Array.CreateInstance(type, n);
        for (int i = 0; i < n; i++)
        {
            object b = Activator.CreateInstance(type)!;
            foreach (var (field, draw) in fields) type.GetField(field)!.SetValue(b, draw());
            array.SetValue(b, i);
        }
        return array;
    }

    internal static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        bool vectors = random.Next(2) == 0;
        var body = new System.Text.StringBuilder();
        string? bad = null;
        if (vectors)
        {
            // Points stay within [−1, 1]: a distance to (3, 3, 3) or a length of p + (2, 2, 2) is never near zero.
            string Term() => Pick("pts[i].X", "pts[i].Y * u", "pts[0].Z", "Vector3.Dot(pts[i], pts[0])", "Vector3.Distance(pts[i], new Vector3(3, 3, 3))",
                "(pts[i] + Vector3.One * 2).Length()", "(pts[i] - pts[0]).LengthSquared()", "Spring(pts[i], new Vector3(3, 3, 3), u)", "(pts[i] * u).Y", "v.X * v.Z");
            body.Append("    [Differentiable] public static float ").Append(name).Append("(Vector3[] pts, float u)\n    {\n        float s = 0;\n");
            body.Append("        for (int i = 0; i < pts.Length; i++)\n        {\n            Vector3 v = pts[i]").Append(Pick("", " * 0.5f", " + pts[pts.Length - 1]")).Append(";\n");
            if (random.Next(2) == 0) body.Append("            if (pts[i].X > ").Append(Pick("0", "0.5f", "u")).Append(") s += ").Append(Term()).Append(";\n            else s -= ").Append(Term()).Append(" * 0.5f;\n");
            else body.Append("            s += ").Append(Term()).Append(" * ").Append(Term()).Append(";\n");
            body.Append("        }\n");
            if (random.Next(3) == 0) body.Append("        foreach (var w in pts) s += w.X * ").Append(Pick("w.Y", "u", "Vector3.Dot(w, pts[0])")).Append(";\n");
            body.Append("        s += ").Append(Pick("Sum(pts)", "Centroid(pts).Y * u", "pts.Length * 0.25f", "Spring(pts[0], pts[pts.Length - 1] + Vector3.One * 3, 2)", "pts[pts.Length - 1].Y")).Append(";\n");
            if (outside)
            {
                var (line, at) = random.Next(3) switch
                {
                    0 => ("        s += pts.Sum(w => w.X);\n", "pts"),
                    1 => ("        var q = pts;\n        s += q[0].X;\n", "pts"),
                    _ => ("        s += Sum(pts.AsSpan(1));\n", "pts"),
                };
                body.Append(line);
                bad = at;
            }
        }
        else
        {
            string Term() => Pick("bs[i].X", "bs[i].Y * u", "bs[i].M * bs[0].Y", "Math.Sin(bs[i].X)", "Math.Exp(0.3 * bs[i].Y)", "Kinetic(bs[i])", "b.M * b.X", "bs[bs.Length - 1].M");
            body.Append("    [Differentiable] public static double ").Append(name).Append("(Body[] bs, double u)\n    {\n        double s = 0;\n");
            body.Append("        for (int i = ").Append(Pick("0", "bs.Length - 1")).Append("; ").Append("i >= 0 && i < bs.Length; i").Append(Pick("++", "--")).Append(")\n        {\n");
            body.Append("            Body b = bs[i];\n");
            if (random.Next(2) == 0) body.Append("            if (b.X > ").Append(Pick("0", "0.5", "u")).Append(") s += ").Append(Term()).Append(";\n            else s -= ").Append(Term()).Append(";\n");
            else body.Append("            s += ").Append(Term()).Append(" * ").Append(Term()).Append(";\n");
            body.Append("        }\n");
            if (random.Next(3) == 0) body.Append("        foreach (Body w in bs) s += ").Append(Pick("w.M * w.X", "Kinetic(w)", "w.Y * u")).Append(";\n");
            body.Append("        s += ").Append(Pick("Mass(bs)", "u * bs.Length", "Kinetic(bs[0]) * u", "bs[0].X * bs[bs.Length - 1].Y")).Append(";\n");
            if (outside)
            {
                var (line, at) = random.Next(2) switch
                {
                    0 => ("        s += bs.Sum(w => w.M);\n", "bs"),
                    _ => ("        var q = bs;\n        s += q[0].M;\n", "bs"),
                };
                body.Append(line);
                bad = at;
            }
        }
        body.Append("        return s;\n    }\n");
        return new Program(name, body.ToString(), bad, vectors);
    }
}
