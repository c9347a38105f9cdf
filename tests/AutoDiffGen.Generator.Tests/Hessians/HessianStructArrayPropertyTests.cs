using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>
/// Issue 14 (modes7): random programs over an array of structs (<c>P3d[]</c> of doubles, and the same text over <c>P3f[]</c>
/// of floats in a float method) with <c>Hessian = true</c>. Inside support each generates cleanly; the double program's
/// <c>MHessian</c> must be the central differences of its own <c>MBackward</c> gradient (element-major: p[0].X, p[0].Y,
/// p[0].Z, p[1].X, …, then u) and its <c>MHessianVector</c> H·v; the float twin's <c>MHessian</c> must be the double one's
/// at the same (float) point, to float rounding. Just outside: a store into the array (ADG0019 at the parameter), the
/// array passed whole to a [Differentiable] helper (ADG0019 at the call), LINQ over it (ADG0003 at it), with no code.
/// AUTODIFFGEN_HESSIAN_STRUCT_ARRAY_COUNT changes the run (60; 400 locally).
/// </summary>
public class HessianStructArrayPropertyTests(ITestOutputHelper output)
{
    private const string Header = """
        using System;
        using System.Linq;
        using AutoDiffGen;
        public struct P3d { public double X; public double Y; public double Z; }
        public struct P3f { public float X; public float Y; public float Z; }
        public static partial class Drawn
        {
            [Differentiable] public static double Total(P3d[] p) { double s = 0; for (int i = 0; i < p.Length; i++) s += p[i].X * p[i].Y; return s; }
            [Differentiable] public static float TotalF(P3f[] p) { float s = 0; for (int i = 0; i < p.Length; i++) s += p[i].X * p[i].Y; return s; }
            public static P3d[] Dd(double[] f) { var r = new P3d[(f.Length - 1) / 3]; for (int i = 0; i < r.Length; i++) r[i] = new P3d { X = f[3 * i], Y = f[3 * i + 1], Z = f[3 * i + 2] }; return r; }
            public static P3f[] Df(double[] f) { var r = new P3f[(f.Length - 1) / 3]; for (int i = 0; i < r.Length; i++) r[i] = new P3f { X = (float)f[3 * i], Y = (float)f[3 * i + 1], Z = (float)f[3 * i + 2] }; return r; }

        """;

    private sealed record Program(string Name, string Text, string? Bad, bool Floats);

    [Fact]
    public void RandomPrograms_MatchCentralDifferencesOfTheGradient_OrAreDiagnosedAtTheConstruct()
    {
        int count = int.TryParse(Environment.GetEnvironmentVariable("AUTODIFFGEN_HESSIAN_STRUCT_ARRAY_COUNT"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : 60;
        var random = new Random(20261207);
        var all = Enumerable.Range(0, count).SelectMany(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4)).ToList();
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(ProgramBatch.Source(Header, all.Select(p => p.Text))), Header, all, p => (p.Name, p.Text, p.Bad), "ADG0003,ADG0019");
        var cleanRun = GeneratorHarness.RunForLoad(ProgramBatch.Source(Header, clean.Select(p => p.Text + Wrappers(p))));
        Assert.True(cleanRun.Diagnostics.IsEmpty && !cleanRun.CompileDiagnostics.Any(d => d.Location.SourceTree?.FilePath != "User0.cs"), cleanRun.Dump());
        var type = GeneratorHarness.Load(cleanRun).GetType("Drawn")!;
        T Method<T>(string name) where T : Delegate => type.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<T>();
        int points = 0;
        foreach (var p in clean.Where(p => !p.Floats))
        {
            for (int k = 0; k < 2; k++)
            {
                int length = 1 + random.Next(3), size = 3 * length + 1;
                // Float-representable values, away from the branches' thresholds (0, 0.5) by more than the steps.
                var x = Enumerable.Range(0, size).Select(_ => (double)(float)Away(random)).ToArray();
                var h = new double[size * size];
                Method<Func<double[], double[], double>>(p.Name + "H")(x, h);
                try
                {
                    var central = HessianModeTests.CentralHessian(Method<Action<double[], double[]>>(p.Name + "G"), x);
                    HessianLocalArrayTests.AssertClose(central, h, 1e-6, "MHessian vs central differences of MBackward's gradient");
                    var v = Enumerable.Range(0, size).Select(_ => Away(random)).ToArray();
                    var hv = new double[size];
                    Method<Func<double[], double[], double[], double>>(p.Name + "V")(x, v, hv);
                    for (int r = 0; r < size; r++) Tolerance.AssertClose(Enumerable.Range(0, size).Sum(c => h[r * size + c] * v[c]), hv[r], 1e-12 * (1 + Enumerable.Range(0, size).Sum(c => Math.Abs(h[r * size + c] * v[c]))), "H·v, row " + r);
                    // The float twin, computed in float, at the same point.
                    var hf = new double[size * size];
                    Method<Func<double[], double[], double>>(p.Name + "FH")(x, hf);
                    for (int e = 0; e < hf.Length; e++) Tolerance.AssertClose(h[e], hf[e], 1e-3 * (1 + Math.Abs(h[e])), "the float twin's entry " + e);
                }
                catch (Xunit.Sdk.XunitException e)
                {
                    throw new Xunit.Sdk.XunitException(p.Name + " at " + string.Join(", ", x) + ": " + e.Message + "\n" + p.Text);
                }
                points++;
            }
        }
        int programs = all.Count / 2, generated = clean.Count(p => !p.Floats);
        output.WriteLine($"{programs} programs (each in double and in float): {generated} generated, {points} points checked, {programs - generated} diagnosed");
        Assert.Equal(all.Count(p => p.Bad is not null), all.Count - clean.Count);
        Assert.True(generated > programs / 2 && generated < programs && points == 2 * generated);
    }

    /// <summary>A value in ±[0.6, 1.4] or so: clear of the branches' thresholds.</summary>
    private static double Away(Random random) => (random.Next(2) == 0 ? -1 : 1) * (0.6 + (0.8 * random.NextDouble()));

    /// <summary>One drawn program, in double over P3d[] and in float over P3f[] (the same text); both just outside or neither.</summary>
    private static IEnumerable<Program> Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Term() => Pick("ps[i].X", "ps[i].Y * u", "ps[0].Z", "q.X * q.Z", "MathF.Sin(ps[i].Y)", "MathF.Exp(0.3f * q.X) * u", "ps[ps.Length - 1].Z * q.Y", "q.Z * q.Z * u", "ps[i].X / (2.5f + q.Y)");
        var body = new System.Text.StringBuilder();
        body.Append("    [Differentiable(Hessian = true)] public static float ").Append(name).Append("F(P3f[] ps, float u)\n    {\n        float s = 0;\n");
        body.Append("        for (int i = 0; i < ps.Length; i++)\n        {\n            P3f q = ps[i];\n");
        if (random.Next(2) == 0) body.Append("            if (q.X > ").Append(Pick("0", "0.5f")).Append(") s += ").Append(Term()).Append(" * ").Append(Term()).Append(";\n            else s -= ").Append(Term()).Append(" * 0.5f;\n");
        else body.Append("            s += ").Append(Term()).Append(" * ").Append(Term()).Append(";\n");
        body.Append("        }\n");
        if (random.Next(3) == 0) body.Append("        foreach (var w in ps) s += w.X * ").Append(Pick("w.Y", "u", "w.Z * w.Z")).Append(";\n");
        body.Append("        s += ").Append(Pick("u * u * ps[0].Y", "ps.Length * 0.25f", "ps[0].X * ps[ps.Length - 1].Y", "MathF.Sqrt(1 + u * u)")).Append(";\n");
        string? bad = null;
        if (outside)
        {
            (string line, bad) = random.Next(3) switch
            {
                0 => ("        ps[0].X = u;\n", "P3f[] ps"),
                1 => ("        s += TotalF(ps);\n", "TotalF(ps)"),
                _ => ("        s += ps.Sum(w => w.X);\n", "ps"),
            };
            body.Append(line);
        }
        body.Append("        return s;\n    }\n");
        string floats = body.ToString();
        string doubles = Regex.Replace(floats.Replace("P3f", "P3d", StringComparison.Ordinal).Replace("float", "double", StringComparison.Ordinal)
            .Replace("MathF.", "Math.", StringComparison.Ordinal).Replace("TotalF(", "Total(", StringComparison.Ordinal).Replace(name + "F(", name + "(", StringComparison.Ordinal), @"(\d)f\b", "$1");
        yield return new Program(name, doubles, bad?.Replace("P3f", "P3d", StringComparison.Ordinal).Replace("TotalF(", "Total(", StringComparison.Ordinal), false);
        yield return new Program(name + "F", floats, bad, true);
    }

    /// <summary>MHessian, MHessianVector and MBackward's gradient over a flat point (the array's members element-major, then u).</summary>
    private static string Wrappers(Program p)
    {
        if (p.Floats)
        {
            return "    public static double " + p.Name + "H(double[] x, double[] h) { var f = new float[h.Length]; float r = " + p.Name + "Hessian(Df(x), (float)x[x.Length - 1], f); for (int k = 0; k < h.Length; k++) h[k] = f[k]; return r; }\n";
        }
        return "    public static double " + p.Name + "H(double[] x, double[] h) => " + p.Name + "Hessian(Dd(x), x[x.Length - 1], h);\n"
            + "    public static double " + p.Name + "V(double[] x, double[] v, double[] hv) => " + p.Name + "HessianVector(Dd(x), x[x.Length - 1], v, hv);\n"
            + "    public static void " + p.Name + "G(double[] x, double[] g) { var ps = Dd(x); var d = new P3d[ps.Length]; double du = 0; " + p.Name + "Backward(ps, x[x.Length - 1], d, ref du);"
            + " for (int i = 0; i < d.Length; i++) { g[3 * i] = d[i].X; g[3 * i + 1] = d[i].Y; g[3 * i + 2] = d[i].Z; } g[x.Length - 1] = du; }\n";
    }
}
